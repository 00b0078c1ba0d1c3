//! Condition keys and operators: `"Condition": {"StringEquals": {"aws:SourceAccount": "…"}}`.
//!
//! Every key is typed by the service it belongs to: `ConditionKey<S>`, generated per service
//! (`cfn_model::aws::s3::conditions::x_amz_acl`), or [`Global`] for the `aws:` keys
//! ([`global`]), which any statement may use. A statement about one service's actions takes only
//! its keys and the global ones.

use std::borrow::Cow;
use std::marker::PhantomData;

use crate::expr::Expr;
use crate::value::Value;

/// The service of the global condition keys (`aws:SourceArn`, `aws:SecureTransport`, …).
pub enum Global {}

/// A condition key of service `S` (`s3:x-amz-acl`), or of every service for `S` = [`Global`].
pub struct ConditionKey<S> {
    name: Cow<'static, str>,
    _p: PhantomData<fn() -> S>,
}

impl<S> Clone for ConditionKey<S> {
    fn clone(&self) -> Self {
        ConditionKey {
            name: self.name.clone(),
            _p: PhantomData,
        }
    }
}

impl<S> std::fmt::Debug for ConditionKey<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ConditionKey({})", self.name)
    }
}

impl<S> ConditionKey<S> {
    /// The key `name` (generated code writes these; `name` must be a key of `S`).
    pub const fn from_static(name: &'static str) -> Self {
        ConditionKey {
            name: Cow::Borrowed(name),
            _p: PhantomData,
        }
    }

    /// `s3:x-amz-acl`.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A condition key with a part the policy fills in (`aws:ResourceTag/${TagKey}`,
/// `s3:ExistingObjectTag/<key>`): [`KeyTemplate::key`] gives the key for one tag.
pub struct KeyTemplate<S> {
    /// Text before the placeholder (`aws:ResourceTag/`).
    before: &'static str,
    /// Text after it (usually empty).
    after: &'static str,
    _p: PhantomData<fn() -> S>,
}

impl<S> Clone for KeyTemplate<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S> Copy for KeyTemplate<S> {}

impl<S> KeyTemplate<S> {
    /// The template `before${…}after` (generated code writes these).
    pub const fn new(before: &'static str, after: &'static str) -> Self {
        KeyTemplate {
            before,
            after,
            _p: PhantomData,
        }
    }

    /// The key for `part` (`aws::ResourceTag.key("Team")` is `aws:ResourceTag/Team`).
    ///
    /// ```
    /// use cfn_model::policy::global;
    /// assert_eq!(global::ResourceTag.key("Team").name(), "aws:ResourceTag/Team");
    /// ```
    pub fn key(&self, part: &str) -> ConditionKey<S> {
        ConditionKey {
            name: Cow::Owned(format!("{}{part}{}", self.before, self.after)),
            _p: PhantomData,
        }
    }
}

/// A condition key of `Self`'s service may stand in a statement about service `S`'s actions:
/// `S`'s own keys and the global `aws:` keys.
#[diagnostic::on_unimplemented(
    message = "a condition key of `{Self}` cannot stand in a statement about the actions of `{S}`",
    label = "a condition key of another service",
    note = "use a key of the statement's own service (`<service>::conditions::…`, as the actions' module `<service>::actions`) or a global key (`cfn_model::policy::global::…`, the `aws:` keys)",
    note = "a key another service defines filters requests to that service only: IAM would never match it here"
)]
pub trait KeyOf<S> {}
impl<S> KeyOf<S> for S {}
impl<S: super::IamService> KeyOf<S> for Global {}

/// One condition: an operator (`StringEquals`), a key and its values.
///
/// ```
/// use cfn_model::policy::{global, Condition};
/// let c = Condition::bool(global::SecureTransport, false);
/// assert_eq!(c.operator(), "Bool");
/// ```
pub struct Condition<S> {
    op: Cow<'static, str>,
    key: Cow<'static, str>,
    values: Vec<Expr>,
    _p: PhantomData<fn() -> S>,
}

impl<S> Clone for Condition<S> {
    fn clone(&self) -> Self {
        Condition {
            op: self.op.clone(),
            key: self.key.clone(),
            values: self.values.clone(),
            _p: PhantomData,
        }
    }
}

impl<S> std::fmt::Debug for Condition<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Condition({} {} {:?})", self.op, self.key, self.values)
    }
}

macro_rules! string_ops {
    ($($(#[$doc:meta])* $f:ident => $op:literal;)*) => {$(
        $(#[$doc])*
        pub fn $f<V: Into<Value<String>>>(key: ConditionKey<S>, values: impl IntoIterator<Item = V>) -> Self {
            Condition::new($op, key, values.into_iter().map(|v| v.into().into_expr()).collect())
        }
    )*};
}

impl<S> Condition<S> {
    fn new(op: &'static str, key: ConditionKey<S>, values: Vec<Expr>) -> Self {
        Condition {
            op: Cow::Borrowed(op),
            key: key.name,
            values,
            _p: PhantomData,
        }
    }

    string_ops! {
        /// `StringEquals`: the key equals one of `values` (case-sensitive).
        string_equals => "StringEquals";
        /// `StringNotEquals`.
        string_not_equals => "StringNotEquals";
        /// `StringEqualsIgnoreCase`.
        string_equals_ignore_case => "StringEqualsIgnoreCase";
        /// `StringLike`: the key matches one of the patterns (`*`, `?`).
        string_like => "StringLike";
        /// `StringNotLike`.
        string_not_like => "StringNotLike";
        /// `ArnEquals`.
        arn_equals => "ArnEquals";
        /// `ArnLike`: the key matches one of the ARN patterns.
        arn_like => "ArnLike";
        /// `ArnNotLike`.
        arn_not_like => "ArnNotLike";
        /// `ArnNotEquals`.
        arn_not_equals => "ArnNotEquals";
        /// `IpAddress`: the key is in one of the CIDR blocks.
        ip_address => "IpAddress";
        /// `NotIpAddress`.
        not_ip_address => "NotIpAddress";
        /// `DateGreaterThan` (ISO 8601 dates or epoch seconds).
        date_greater_than => "DateGreaterThan";
        /// `DateLessThan`.
        date_less_than => "DateLessThan";
    }

    /// `Bool`: the key is `true` or `false` (`aws:SecureTransport`).
    pub fn bool(key: ConditionKey<S>, value: bool) -> Self {
        Condition::new(
            "Bool",
            key,
            vec![Expr::Str(Cow::Borrowed(if value { "true" } else { "false" }))],
        )
    }

    /// `Null`: the key is absent (`true`) or present (`false`) in the request.
    pub fn null(key: ConditionKey<S>, absent: bool) -> Self {
        Condition::new(
            "Null",
            key,
            vec![Expr::Str(Cow::Borrowed(if absent { "true" } else { "false" }))],
        )
    }

    /// `NumericEquals`.
    pub fn numeric_equals(key: ConditionKey<S>, value: i64) -> Self {
        Condition::new("NumericEquals", key, vec![Expr::Int(value)])
    }

    /// `NumericLessThan`.
    pub fn numeric_less_than(key: ConditionKey<S>, value: i64) -> Self {
        Condition::new("NumericLessThan", key, vec![Expr::Int(value)])
    }

    /// `NumericLessThanEquals`.
    pub fn numeric_less_than_equals(key: ConditionKey<S>, value: i64) -> Self {
        Condition::new("NumericLessThanEquals", key, vec![Expr::Int(value)])
    }

    /// `NumericGreaterThan`.
    pub fn numeric_greater_than(key: ConditionKey<S>, value: i64) -> Self {
        Condition::new("NumericGreaterThan", key, vec![Expr::Int(value)])
    }

    /// `NumericGreaterThanEquals`.
    pub fn numeric_greater_than_equals(key: ConditionKey<S>, value: i64) -> Self {
        Condition::new("NumericGreaterThanEquals", key, vec![Expr::Int(value)])
    }

    /// The same test, also true when the key is absent (`StringEqualsIfExists`).
    pub fn if_exists(mut self) -> Self {
        self.op = Cow::Owned(format!("{}IfExists", self.op));
        self
    }

    /// For a multivalued key: true when any value of the request matches (`ForAnyValue:…`).
    pub fn for_any_value(mut self) -> Self {
        self.op = Cow::Owned(format!("ForAnyValue:{}", self.op));
        self
    }

    /// For a multivalued key: true when every value of the request matches (`ForAllValues:…`).
    pub fn for_all_values(mut self) -> Self {
        self.op = Cow::Owned(format!("ForAllValues:{}", self.op));
        self
    }

    /// The operator (`StringEquals`, `ForAnyValue:StringLike`).
    pub fn operator(&self) -> &str {
        &self.op
    }

    /// The key (`aws:SourceArn`).
    pub fn key(&self) -> &str {
        &self.key
    }

    pub(crate) fn erase(self) -> ErasedCondition {
        ErasedCondition {
            op: self.op,
            key: self.key,
            values: self.values,
        }
    }
}

/// A condition whose key's service has been checked.
#[derive(Clone, Debug)]
pub(crate) struct ErasedCondition {
    pub(crate) op: Cow<'static, str>,
    pub(crate) key: Cow<'static, str>,
    pub(crate) values: Vec<Expr>,
}

/// The global condition keys (`aws:`), usable in a statement about any service.
#[allow(non_upper_case_globals)]
pub mod global {
    use super::{ConditionKey, Global, KeyTemplate};

    macro_rules! keys {
        ($($(#[$doc:meta])* $name:ident = $key:literal;)*) => {$(
            $(#[$doc])*
            pub const $name: ConditionKey<Global> = ConditionKey::from_static($key);
        )*};
    }

    keys! {
        /// `aws:SourceArn`: the ARN of the resource making a service-to-service request.
        SourceArn = "aws:SourceArn";
        /// `aws:SourceAccount`: the account of the resource making a service-to-service request.
        SourceAccount = "aws:SourceAccount";
        /// `aws:SourceOrgID`.
        SourceOrgID = "aws:SourceOrgID";
        /// `aws:SourceVpc`.
        SourceVpc = "aws:SourceVpc";
        /// `aws:SourceVpce`.
        SourceVpce = "aws:SourceVpce";
        /// `aws:SourceIp`.
        SourceIp = "aws:SourceIp";
        /// `aws:SecureTransport`: the request came over TLS.
        SecureTransport = "aws:SecureTransport";
        /// `aws:PrincipalArn`.
        PrincipalArn = "aws:PrincipalArn";
        /// `aws:PrincipalAccount`.
        PrincipalAccount = "aws:PrincipalAccount";
        /// `aws:PrincipalOrgID`.
        PrincipalOrgID = "aws:PrincipalOrgID";
        /// `aws:PrincipalOrgPaths`.
        PrincipalOrgPaths = "aws:PrincipalOrgPaths";
        /// `aws:PrincipalIsAWSService`.
        PrincipalIsAWSService = "aws:PrincipalIsAWSService";
        /// `aws:PrincipalServiceName`.
        PrincipalServiceName = "aws:PrincipalServiceName";
        /// `aws:PrincipalType`.
        PrincipalType = "aws:PrincipalType";
        /// `aws:CalledVia`.
        CalledVia = "aws:CalledVia";
        /// `aws:ViaAWSService`.
        ViaAWSService = "aws:ViaAWSService";
        /// `aws:RequestedRegion`.
        RequestedRegion = "aws:RequestedRegion";
        /// `aws:ResourceAccount`.
        ResourceAccount = "aws:ResourceAccount";
        /// `aws:ResourceOrgID`.
        ResourceOrgID = "aws:ResourceOrgID";
        /// `aws:TagKeys`: the tag keys in the request.
        TagKeys = "aws:TagKeys";
        /// `aws:MultiFactorAuthPresent`.
        MultiFactorAuthPresent = "aws:MultiFactorAuthPresent";
        /// `aws:MultiFactorAuthAge`.
        MultiFactorAuthAge = "aws:MultiFactorAuthAge";
        /// `aws:CurrentTime`.
        CurrentTime = "aws:CurrentTime";
        /// `aws:EpochTime`.
        EpochTime = "aws:EpochTime";
        /// `aws:userid`.
        userid = "aws:userid";
        /// `aws:username`.
        username = "aws:username";
        /// `aws:VpcSourceIp`.
        VpcSourceIp = "aws:VpcSourceIp";
    }

    /// `aws:RequestTag/${TagKey}`: a tag in the request (`RequestTag.key("Team")`).
    pub const RequestTag: KeyTemplate<Global> = KeyTemplate::new("aws:RequestTag/", "");
    /// `aws:ResourceTag/${TagKey}`: a tag on the resource.
    pub const ResourceTag: KeyTemplate<Global> = KeyTemplate::new("aws:ResourceTag/", "");
    /// `aws:PrincipalTag/${TagKey}`: a tag on the principal.
    pub const PrincipalTag: KeyTemplate<Global> = KeyTemplate::new("aws:PrincipalTag/", "");
}
