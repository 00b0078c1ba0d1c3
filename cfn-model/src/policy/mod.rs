//! IAM policy documents, typed: statements whose actions are the generated constants of AWS's
//! service authorization reference, whose resources are ARNs of the IAM resource types those
//! actions act on, and whose condition keys belong to the statement's service.
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::policy::{global, Condition, PolicyDocument, Principal, Statement};
//! use cfn_model::aws::{iam, s3};
//!
//! let mut stack: Stack = Stack::new();
//! let bucket = stack.add("Data", s3::Bucket::new());
//! let read = PolicyDocument::new()
//!     .statement(Statement::allow(s3::actions::ListBucket).on(&bucket))
//!     .statement(
//!         Statement::allow(s3::actions::GetObject)
//!             .on(bucket.objects_arn())
//!             .when(Condition::bool(global::SecureTransport, true)),
//!     );
//! let trust = PolicyDocument::new().statement(
//!     Statement::allow(iam::sts::actions::AssumeRole).trusting(Principal::service("ecs-tasks.amazonaws.com")),
//! );
//! let role = stack.add(
//!     "Reader",
//!     iam::Role::new(trust).policies(vec![iam::role::Policy::new(read, "read-data")]),
//! );
//! # let _ = role;
//! ```
//!
//! An action given a resource type it does not act on does not compile, and the message names
//! the ARN it wants:
//!
//! ```compile_fail
//! # use cfn_model::prelude::*;
//! # use cfn_model::policy::Statement;
//! # use cfn_model::aws::s3;
//! # let mut stack: Stack = Stack::new();
//! # let bucket = stack.add("Data", s3::Bucket::new());
//! let st = Statement::allow(s3::actions::GetObject).on(&bucket); // GetObject acts on objects
//! ```
//!
//! Generated per service, behind the service's cargo feature: `aws::<service>::actions` (one
//! constant per action, named with IAM's exact casing, and `ALL`, every action's
//! [`ActionInfo`]), `aws::<service>::arns` (a marker per IAM resource type, with its ARN format)
//! and `aws::<service>::conditions` (the service's condition keys). A service prefix sharing a
//! CloudFormation service with another has its own module in it
//! (`aws::iam::sts::actions::AssumeRole`, `aws::cognito::cognito_idp::actions::…`); a prefix with
//! no CloudFormation service lives under `aws::iam` (`aws::iam::support::actions::…`).
//!
//! Policy properties (`PolicyDocument`, `AssumeRolePolicyDocument`, bucket, queue, topic, key
//! policies, …) take a [`PolicyDocument`]; they still take raw JSON (`json!({…})`), the form
//! imported templates and the importer write, which `validate` checks against the same data.

mod action;
mod arn;
mod condition;
pub mod grants;
mod handles;

use std::borrow::Cow;
use std::marker::PhantomData;

pub use action::{
    actions_at, AccessLevel, Action, ActionInfo, ActsOn, At, Further, IamService, NoResourceType, ResourceType,
};
pub use arn::{IamResource, KindIs, ResourceArn};
pub use condition::{
    global, key_type, ArnKey, BoolKey, Condition, ConditionKey, DateKey, Global, IpKey, KeyOf, KeyTemplate, NumKey,
    StringKey,
};
#[cfg(feature = "iam")]
pub use grants::GrantedRole;
pub use grants::{actions_on, Grant};

use crate::expr::{Expr, Key};
use crate::value::{Json, Value};
use condition::ErasedCondition;

/// The policy language version every document states.
pub const VERSION: &str = "2012-10-17";

/// `Allow` or `Deny`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// `Allow`.
    Allow,
    /// `Deny`.
    Deny,
}

impl Effect {
    /// `"Allow"` or `"Deny"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// Who a resource policy or a trust policy speaks of (`"Principal"`).
#[derive(Clone, Debug)]
pub struct Principal {
    kind: &'static str,
    values: Vec<Expr>,
}

impl Principal {
    /// An AWS service (`"ecs-tasks.amazonaws.com"`).
    pub fn service(name: impl Into<Value<String>>) -> Self {
        Principal {
            kind: "Service",
            values: vec![name.into().into_expr()],
        }
    }

    /// An account (its id, or `arn:aws:iam::…:root`), a role or a user by ARN.
    pub fn aws(arn_or_account: impl Into<Value<String>>) -> Self {
        Principal {
            kind: "AWS",
            values: vec![arn_or_account.into().into_expr()],
        }
    }

    /// A web identity or SAML provider (`"cognito-identity.amazonaws.com"`, a provider's ARN).
    pub fn federated(provider: impl Into<Value<String>>) -> Self {
        Principal {
            kind: "Federated",
            values: vec![provider.into().into_expr()],
        }
    }

    /// `"Principal": "*"`: anyone, authenticated or not. Visibly named: a statement with it
    /// usually needs a condition (`aws:PrincipalOrgID`, `aws:SourceArn`).
    pub fn anyone() -> Self {
        Principal {
            kind: "*",
            values: Vec::new(),
        }
    }

    /// Another principal of the same kind (`Principal::service("a").or("b")`); a principal of
    /// another kind is a second `.principal(…)`.
    pub fn or(mut self, other: impl Into<Value<String>>) -> Self {
        self.values.push(other.into().into_expr());
        self
    }
}

/// One statement of a policy document, its actions and resources checked (see [`Statement::allow`]).
#[derive(Clone, Debug)]
pub struct Statement {
    sid: Option<Cow<'static, str>>,
    effect: Effect,
    principals: Vec<Principal>,
    not_action: bool,
    actions: Vec<&'static str>,
    not_resource: bool,
    /// A trust policy's statement: no `Resource` (IAM refuses one there).
    trust: bool,
    resources: Vec<Expr>,
    conditions: Vec<ErasedCondition>,
}

/// A statement whose first action is known and whose resources are not yet named.
#[must_use = "a statement needs its resources: `.on(…)` or `.on_all_resources()`"]
pub struct Pending<S, Rs> {
    st: Statement,
    _p: PhantomData<fn() -> (S, Rs)>,
}

/// A statement about service `S`'s actions on resources of IAM resource type `K` (or on `*`:
/// `K` = [`AllResources`] or [`Unchecked`]). Converts into a [`Statement`].
#[must_use = "add the statement to a `PolicyDocument`"]
pub struct Scoped<S, K> {
    st: Statement,
    _p: PhantomData<fn() -> (S, K)>,
}

/// The resource type of a statement on `"*"` whose actions act on no resource type.
pub enum AllResources {}
/// The resource type of a statement on `"*"` written with `.on_all_resources_unchecked()`.
pub enum Unchecked {}
/// The resource type of a trust policy's statement (`.trusting(…)`): the role itself.
pub enum Trust {}

/// A statement on resources `Self` may take one more action whose resource types are `Rs`.
#[diagnostic::on_unimplemented(
    message = "this action cannot join a statement on resources of type `{Self}`",
    note = "the action acts on `{Rs}`; put it in a statement of its own"
)]
pub trait Admits<Rs, I> {}
impl<K: ResourceType, Rs: ActsOn<K, I>, I> Admits<Rs, I> for K {}
impl<Rs: NoResourceType> Admits<Rs, ()> for AllResources {}
impl<Rs> Admits<Rs, ()> for Unchecked {}
impl<Rs> Admits<Rs, ()> for Trust {}

impl Statement {
    fn with(effect: Effect, action: &'static str) -> Statement {
        Statement {
            sid: None,
            effect,
            principals: Vec::new(),
            not_action: false,
            actions: vec![action],
            not_resource: false,
            trust: false,
            resources: Vec::new(),
            conditions: Vec::new(),
        }
    }

    /// `Effect: Allow` for `action`; name its resources next (`.on(…)`).
    pub fn allow<S, Rs>(action: Action<S, Rs>) -> Pending<S, Rs> {
        Pending {
            st: Statement::with(Effect::Allow, action.name()),
            _p: PhantomData,
        }
    }

    /// `Effect: Deny` for `action`; name its resources next (`.on(…)`).
    pub fn deny<S, Rs>(action: Action<S, Rs>) -> Pending<S, Rs> {
        Pending {
            st: Statement::with(Effect::Deny, action.name()),
            _p: PhantomData,
        }
    }

    /// `NotAction`: every action except those of the [`ExceptActions`] builder. With `Allow`,
    /// `validate` warns (it grants every other action of every service, present and future);
    /// `deny_all_except` is the usual form.
    pub fn deny_all_except<S, Rs>(action: Action<S, Rs>) -> ExceptActions {
        let mut st = Statement::with(Effect::Deny, action.name());
        st.not_action = true;
        ExceptActions { st }
    }

    /// `Allow` with `NotAction`: every action of every service except these. Visibly named;
    /// `validate` warns on it.
    pub fn allow_all_except_unchecked<S, Rs>(action: Action<S, Rs>) -> ExceptActions {
        let mut st = Statement::with(Effect::Allow, action.name());
        st.not_action = true;
        ExceptActions { st }
    }

    /// Escape hatch for code that computes its action list from the data at run time (grants):
    /// `effect` on `actions` and `resources`, nothing checked at compile time. `validate` checks
    /// the emitted statement like raw JSON.
    pub fn from_data_unchecked(
        effect: Effect,
        actions: impl IntoIterator<Item = &'static ActionInfo>,
        resources: impl IntoIterator<Item = Value<String>>,
    ) -> Statement {
        Statement {
            sid: None,
            effect,
            principals: Vec::new(),
            not_action: false,
            actions: actions.into_iter().map(|a| a.name).collect(),
            not_resource: false,
            trust: false,
            resources: resources.into_iter().map(Value::into_expr).collect(),
            conditions: Vec::new(),
        }
    }

    /// The effect.
    pub fn effect(&self) -> Effect {
        self.effect
    }

    /// The action names (`NotAction`'s when [`Statement::is_not_action`]).
    pub fn actions(&self) -> &[&'static str] {
        &self.actions
    }

    /// Whether the actions are a `NotAction`.
    pub fn is_not_action(&self) -> bool {
        self.not_action
    }

    /// Adds a principal (resource and trust policies).
    pub fn with_principal(mut self, p: Principal) -> Self {
        self.principals.push(p);
        self
    }

    /// Sets the statement id.
    pub fn with_sid(mut self, sid: impl Into<Cow<'static, str>>) -> Self {
        self.sid = Some(sid.into());
        self
    }

    /// The statement as IAM's JSON.
    pub fn to_expr(&self) -> Expr {
        let mut o: Vec<(Key, Expr)> = Vec::new();
        if let Some(sid) = &self.sid {
            o.push(("Sid".into(), Expr::Str(sid.clone())));
        }
        o.push(("Effect".into(), Expr::Str(self.effect.as_str().into())));
        if !self.principals.is_empty() {
            if self.principals.iter().any(|p| p.kind == "*") {
                o.push(("Principal".into(), Expr::Str("*".into())));
            } else {
                let mut by_kind: Vec<(Key, Expr)> = Vec::new();
                for p in &self.principals {
                    let mut vals = p.values.clone();
                    if let Some((_, e)) = by_kind.iter_mut().find(|(k, _)| k == p.kind) {
                        let mut prev = match std::mem::replace(e, Expr::Null) {
                            Expr::List(v) => v,
                            one => vec![one],
                        };
                        prev.append(&mut vals);
                        *e = Expr::List(prev);
                    } else {
                        by_kind.push((p.kind.into(), one_or_list(vals)));
                    }
                }
                o.push(("Principal".into(), Expr::Object(by_kind)));
            }
        }
        let names: Vec<Expr> = self.actions.iter().map(|a| Expr::Str(Cow::Borrowed(*a))).collect();
        let akey = if self.not_action { "NotAction" } else { "Action" };
        o.push((akey.into(), one_or_list(names)));
        let rkey = if self.not_resource { "NotResource" } else { "Resource" };
        if self.trust {
            // A trust policy names no resource: the role is.
        } else if self.resources.is_empty() {
            o.push((rkey.into(), Expr::Str("*".into())));
        } else {
            o.push((rkey.into(), one_or_list(self.resources.clone())));
        }
        if !self.conditions.is_empty() {
            let mut ops: Vec<(Key, Expr)> = Vec::new();
            for c in &self.conditions {
                let entry = (c.key.clone(), one_or_list(c.values.clone()));
                match ops.iter_mut().find(|(k, _)| *k == c.op) {
                    Some((_, Expr::Object(keys))) => keys.push(entry),
                    _ => ops.push((c.op.clone(), Expr::Object(vec![entry]))),
                }
            }
            o.push(("Condition".into(), Expr::Object(ops)));
        }
        Expr::Object(o)
    }
}

fn one_or_list(mut v: Vec<Expr>) -> Expr {
    if v.len() == 1 {
        v.remove(0)
    } else {
        Expr::List(v)
    }
}

impl<S, Rs> Pending<S, Rs> {
    /// The resources: `r`, an ARN of an IAM resource type the action acts on (a handle,
    /// `bucket.objects_arn()`, [`ResourceArn::external`]). Another type does not compile.
    pub fn on<A: IamResource, I>(mut self, r: A) -> Scoped<S, A::Kind>
    where
        Rs: ActsOn<A::Kind, I>,
    {
        self.st.resources.push(r.into_arn());
        Scoped {
            st: self.st,
            _p: PhantomData,
        }
    }

    /// `"Resource": "*"`, for an action that acts on no resource type (`sts:GetCallerIdentity`,
    /// `s3:ListAllMyBuckets`). An action with resource types does not compile here.
    pub fn on_all_resources(self) -> Scoped<S, AllResources>
    where
        Rs: NoResourceType,
    {
        Scoped {
            st: self.st,
            _p: PhantomData,
        }
    }

    /// A trust policy's statement (a role's `AssumeRolePolicyDocument`): `principal` may do the
    /// action (`sts:AssumeRole`) on the role; no `Resource` is written (IAM refuses one there).
    ///
    /// ```
    /// use cfn_model::policy::{PolicyDocument, Principal, Statement};
    /// use cfn_model::aws::iam;
    /// let trust = PolicyDocument::new().statement(
    ///     Statement::allow(iam::sts::actions::AssumeRole).trusting(Principal::service("lambda.amazonaws.com")),
    /// );
    /// # let _ = trust;
    /// ```
    pub fn trusting(mut self, principal: Principal) -> Scoped<S, Trust> {
        self.st.trust = true;
        self.st.principals.push(principal);
        Scoped {
            st: self.st,
            _p: PhantomData,
        }
    }

    /// `"Resource": "*"` for any action: every resource of the types it acts on, in every
    /// account the policy reaches. Visibly named; `validate` warns on write and
    /// permissions-management actions there.
    pub fn on_all_resources_unchecked(self) -> Scoped<S, Unchecked> {
        Scoped {
            st: self.st,
            _p: PhantomData,
        }
    }
}

impl<S, K> Scoped<S, K> {
    /// Another action of the same service, which must act on this statement's resource type.
    pub fn action<Rs, I>(mut self, action: Action<S, Rs>) -> Self
    where
        K: Admits<Rs, I>,
    {
        self.st.actions.push(action.name());
        self
    }

    /// Another resource of the same IAM resource type.
    pub fn on<A: IamResource<Kind = K>>(mut self, r: A) -> Self {
        self.st.resources.push(r.into_arn());
        self
    }

    /// A condition; its key must be the statement's service's or a global one.
    pub fn when<KS: KeyOf<S>>(mut self, c: Condition<KS>) -> Self {
        self.st.conditions.push(c.erase());
        self
    }

    /// A principal (resource and trust policies).
    pub fn principal(mut self, p: Principal) -> Self {
        self.st.principals.push(p);
        self
    }

    /// The statement id.
    pub fn sid(mut self, sid: impl Into<Cow<'static, str>>) -> Self {
        self.st.sid = Some(sid.into());
        self
    }

    /// The untyped statement.
    pub fn into_statement(self) -> Statement {
        self.st
    }
}

impl<S, K> From<Scoped<S, K>> for Statement {
    fn from(s: Scoped<S, K>) -> Statement {
        s.st
    }
}

/// A `NotAction` statement being built: the actions it excepts, of any service, then its
/// resources (unchecked: the statement is about every other action).
#[must_use = "add the statement to a `PolicyDocument`"]
pub struct ExceptActions {
    st: Statement,
}

impl ExceptActions {
    /// Excepts one more action.
    pub fn except<S, Rs>(mut self, action: Action<S, Rs>) -> Self {
        self.st.actions.push(action.name());
        self
    }

    /// A resource (any IAM resource type).
    pub fn on(mut self, r: impl IamResource) -> Self {
        self.st.resources.push(r.into_arn());
        self
    }

    /// `NotResource`: every resource except `r` (and the others given so).
    pub fn not_on(mut self, r: impl IamResource) -> Self {
        self.st.not_resource = true;
        self.st.resources.push(r.into_arn());
        self
    }

    /// A condition (any service's key: the statement is about every service).
    pub fn when<KS>(mut self, c: Condition<KS>) -> Self {
        self.st.conditions.push(c.erase());
        self
    }

    /// A principal.
    pub fn principal(mut self, p: Principal) -> Self {
        self.st.principals.push(p);
        self
    }
}

impl From<ExceptActions> for Statement {
    fn from(s: ExceptActions) -> Statement {
        s.st
    }
}

/// An IAM policy document: `{"Version": "2012-10-17", "Statement": [...]}`. Every property that
/// holds a policy takes one (it converts into the property's `Value<Json>`).
#[derive(Clone, Debug, Default)]
pub struct PolicyDocument {
    id: Option<Cow<'static, str>>,
    statements: Vec<Statement>,
}

impl PolicyDocument {
    /// An empty document.
    pub fn new() -> Self {
        PolicyDocument::default()
    }

    /// Adds a statement.
    pub fn statement(mut self, st: impl Into<Statement>) -> Self {
        self.statements.push(st.into());
        self
    }

    /// Adds a statement in place (for code that accumulates a role's statements, as grants do).
    pub fn push(&mut self, st: impl Into<Statement>) {
        self.statements.push(st.into());
    }

    /// Sets the document's `Id`.
    pub fn id(mut self, id: impl Into<Cow<'static, str>>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The statements.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// The document as IAM's JSON.
    pub fn to_expr(&self) -> Expr {
        let mut o: Vec<(Key, Expr)> = vec![("Version".into(), Expr::Str(VERSION.into()))];
        if let Some(id) = &self.id {
            o.push(("Id".into(), Expr::Str(id.clone())));
        }
        o.push((
            "Statement".into(),
            Expr::List(self.statements.iter().map(Statement::to_expr).collect()),
        ));
        Expr::Object(o)
    }
}

impl From<PolicyDocument> for Value<Json> {
    fn from(d: PolicyDocument) -> Self {
        Value::from_expr(d.to_expr())
    }
}

impl From<&PolicyDocument> for Value<Json> {
    fn from(d: &PolicyDocument) -> Self {
        Value::from_expr(d.to_expr())
    }
}
