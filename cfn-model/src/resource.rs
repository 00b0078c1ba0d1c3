//! The `Resource` trait, property lowering, resource attributes and the `RawResource` escape hatch.

use std::borrow::Cow;

use indexmap::IndexMap;

use crate::expr::{Expr, Ident, Key};
use crate::value::Value;

/// Where a resource type keeps its tags, so that stack-wide tags reach it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tagging {
    /// Not taggable.
    None,
    /// A list of `{"Key": …, "Value": …}` objects under the named property.
    List(&'static str),
    /// A map of key to value under the named property.
    Map(&'static str),
}

/// Literal constraints of one property that the Rust types cannot hold, checked by `validate`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Constraint {
    /// The property path inside the resource's properties, `/`-separated (`Tags/*/Key`).
    pub path: &'static str,
    /// A regular expression a literal string must match.
    pub pattern: Option<&'static str>,
    /// Minimum string length (or list length for arrays).
    pub min_length: Option<u64>,
    /// Maximum string length (or list length for arrays).
    pub max_length: Option<u64>,
    /// Minimum numeric value.
    pub minimum: Option<f64>,
    /// Maximum numeric value.
    pub maximum: Option<f64>,
    /// The values a literal string may take, where the schema keeps it a string.
    pub one_of: &'static [&'static str],
}

/// A CloudFormation resource type. Generated for every type in the registry schemas; implement it
/// by hand only for custom resources.
pub trait Resource {
    /// The type name, e.g. `AWS::EC2::VPC`.
    const TYPE_NAME: &'static str;
    /// Where the type keeps its tags.
    const TAGGING: Tagging = Tagging::None;
    /// Literal constraints checked by the validator.
    const CONSTRAINTS: &'static [Constraint] = &[];
    /// The parameter `Type`s of this resource's id and of a list of them: AWS-specific ones where
    /// CloudFormation has them (`AWS::EC2::VPC::Id`, checked against the account when the stack
    /// is created), else `String` and `CommaDelimitedList`. A `Param<Id<R>>` of a nested stack
    /// uses them.
    const ID_PARAMETER_TYPES: (&'static str, &'static str) = ("String", "CommaDelimitedList");

    /// Lowers the typed properties into the untyped template model.
    fn into_properties(self) -> Props;

    /// The type name of this value; differs from [`Resource::TYPE_NAME`] only for raw resources.
    fn type_name(&self) -> Cow<'static, str> {
        Cow::Borrowed(Self::TYPE_NAME)
    }

    /// Tagging of this value; differs from [`Resource::TAGGING`] only for raw resources.
    fn tagging(&self) -> Tagging {
        Self::TAGGING
    }
}

/// Lowers a typed property value into an [`Expr`].
pub trait ToExpr {
    /// The expression.
    fn to_expr(self) -> Expr;
}

impl<T> ToExpr for Value<T> {
    fn to_expr(self) -> Expr {
        self.into_expr()
    }
}

impl<T> ToExpr for &Value<T> {
    fn to_expr(self) -> Expr {
        self.expr().clone()
    }
}

impl<T: ToExpr> ToExpr for Vec<T> {
    fn to_expr(self) -> Expr {
        Expr::List(self.into_iter().map(ToExpr::to_expr).collect())
    }
}

impl<T: ToExpr> ToExpr for Box<T> {
    fn to_expr(self) -> Expr {
        (*self).to_expr()
    }
}

impl<T: ToExpr> ToExpr for IndexMap<String, T> {
    fn to_expr(self) -> Expr {
        Expr::Object(self.into_iter().map(|(k, v)| (Cow::Owned(k), v.to_expr())).collect())
    }
}

impl ToExpr for Expr {
    fn to_expr(self) -> Expr {
        self
    }
}

impl ToExpr for &'static str {
    fn to_expr(self) -> Expr {
        Expr::Str(Cow::Borrowed(self))
    }
}

impl ToExpr for String {
    fn to_expr(self) -> Expr {
        Expr::Str(Cow::Owned(self))
    }
}

impl ToExpr for bool {
    fn to_expr(self) -> Expr {
        Expr::Bool(self)
    }
}

impl ToExpr for i32 {
    fn to_expr(self) -> Expr {
        Expr::Int(self.into())
    }
}

impl ToExpr for i64 {
    fn to_expr(self) -> Expr {
        Expr::Int(self)
    }
}

impl ToExpr for f64 {
    fn to_expr(self) -> Expr {
        Expr::Float(self)
    }
}

impl ToExpr for serde_json::Value {
    fn to_expr(self) -> Expr {
        Expr::from_json(self)
    }
}

/// The properties of a resource (or of a property type), in declaration order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Props(pub Vec<(Key, Expr)>);

impl Props {
    /// An empty set.
    pub fn new() -> Props {
        Props(Vec::new())
    }

    /// An empty set with room for `n` properties.
    pub fn with_capacity(n: usize) -> Props {
        Props(Vec::with_capacity(n))
    }

    /// Adds a required property.
    pub fn req<T: ToExpr>(&mut self, name: &'static str, v: T) {
        self.0.push((Cow::Borrowed(name), v.to_expr()));
    }

    /// Adds an optional property when present.
    pub fn opt<T: ToExpr>(&mut self, name: &'static str, v: Option<T>) {
        if let Some(v) = v {
            self.0.push((Cow::Borrowed(name), v.to_expr()));
        }
    }

    /// The properties as an object expression.
    pub fn into_expr(self) -> Expr {
        Expr::Object(self.0)
    }
}

/// `DeletionPolicy` / `UpdateReplacePolicy` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Delete the resource.
    Delete,
    /// Keep the resource.
    Retain,
    /// Keep the resource, but delete it if the stack operation is rolled back.
    RetainExceptOnCreate,
    /// Take a snapshot, then delete (only types that support snapshots).
    Snapshot,
}

impl Policy {
    /// The CloudFormation spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Policy::Delete => "Delete",
            Policy::Retain => "Retain",
            Policy::RetainExceptOnCreate => "RetainExceptOnCreate",
            Policy::Snapshot => "Snapshot",
        }
    }
}

/// Resource attributes other than `Type` and `Properties`.
#[derive(Clone, Debug, Default)]
pub struct Attributes {
    pub(crate) depends_on: Vec<Ident>,
    pub(crate) condition: Option<Ident>,
    pub(crate) deletion_policy: Option<Policy>,
    pub(crate) update_replace_policy: Option<Policy>,
    pub(crate) creation_policy: Option<Expr>,
    pub(crate) update_policy: Option<Expr>,
    pub(crate) metadata: Vec<(Key, Expr)>,
    pub(crate) raw_properties: Vec<(Key, Expr)>,
    pub(crate) raw_attributes: Vec<(Key, Expr)>,
}

impl Attributes {
    /// No attributes.
    pub fn new() -> Attributes {
        Attributes::default()
    }

    /// An explicit `DependsOn`. Rarely needed: values carry their ordering.
    pub fn depends_on<R, S>(mut self, h: &crate::Handle<R, S>) -> Self {
        self.depends_on.push(h.name().clone());
        self
    }

    /// `Condition`: the resource exists only when `cond` holds.
    pub fn condition(mut self, cond: &crate::Condition) -> Self {
        self.condition = Some(cond.name().clone());
        self
    }

    /// `DeletionPolicy`.
    pub fn deletion_policy(mut self, p: Policy) -> Self {
        self.deletion_policy = Some(p);
        self
    }

    /// `UpdateReplacePolicy`.
    pub fn update_replace_policy(mut self, p: Policy) -> Self {
        self.update_replace_policy = Some(p);
        self
    }

    /// Both `DeletionPolicy` and `UpdateReplacePolicy` (cfn-lint wants them to agree on stateful
    /// resources).
    pub fn retain_data(self, p: Policy) -> Self {
        self.deletion_policy(p).update_replace_policy(p)
    }

    /// `CreationPolicy`, as JSON.
    pub fn creation_policy(mut self, v: serde_json::Value) -> Self {
        self.creation_policy = Some(Expr::from_json(v));
        self
    }

    /// `UpdatePolicy`, as JSON.
    pub fn update_policy(mut self, v: serde_json::Value) -> Self {
        self.update_policy = Some(Expr::from_json(v));
        self
    }

    /// A `Metadata` entry.
    pub fn metadata(mut self, key: impl Into<Cow<'static, str>>, v: serde_json::Value) -> Self {
        self.metadata.push((key.into(), Expr::from_json(v)));
        self
    }

    /// Escape hatch: the property `name` of a typed resource as raw JSON, replacing what the
    /// typed value set (or added after its properties): for a property newer than the schemas, or
    /// a value of a shape the generated types refuse (a whole property type chosen by `Fn::If`).
    /// Like CDK's `addPropertyOverride`, and as visible: reviewers see every property the types
    /// did not check. Intrinsics written as JSON (`{"Ref": "X"}`) are still read, so `validate`
    /// finds dangling references, cycles and assembled secret ids in it.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// s.add_with(
    ///     "Topic",
    ///     RawResource::of("AWS::SNS::Topic"),
    ///     Attributes::new().raw_property("FifoTopic", serde_json::json!(true)),
    /// );
    /// ```
    pub fn raw_property(mut self, name: impl Into<Cow<'static, str>>, v: serde_json::Value) -> Self {
        self.raw_properties.push((name.into(), Expr::from_json(v)));
        self
    }

    /// Escape hatch: a resource attribute without a typed form, as raw JSON: a custom resource's
    /// `Version`, a `DeletionPolicy` chosen by `Fn::If`, an attribute newer than this library. It
    /// is written after the typed attributes; naming one of them (`DependsOn`, `Condition`, …)
    /// writes that key twice, which CloudFormation refuses, so do not.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// s.add_with(
    ///     "Seed",
    ///     RawResource::of("Custom::Seed"),
    ///     Attributes::new().raw_attribute("Version", serde_json::json!("1.0")),
    /// );
    /// ```
    pub fn raw_attribute(mut self, name: impl Into<Cow<'static, str>>, v: serde_json::Value) -> Self {
        self.raw_attributes.push((name.into(), Expr::from_json(v)));
        self
    }
}

/// The escape hatch for resource types that are not generated (or not enabled): a type name and
/// JSON properties. Intrinsics written as JSON (`{"Ref": "X"}`) are recognised, so the validator
/// still finds dangling references, cycles and assembled secret ids.
///
/// ```
/// use cfn_model::prelude::*;
/// let r = RawResource::new("AWS::SNS::Topic", serde_json::json!({ "TopicName": "alerts" }));
/// ```
#[derive(Clone, Debug)]
pub struct RawResource {
    type_name: String,
    properties: Expr,
    tagging: Tagging,
}

impl RawResource {
    /// A resource of `type_name` with JSON `properties` (an object, or `null` for none).
    pub fn new(type_name: impl Into<String>, properties: serde_json::Value) -> RawResource {
        RawResource {
            type_name: type_name.into(),
            properties: Expr::from_json(properties),
            tagging: Tagging::None,
        }
    }

    /// A resource whose properties are an already-built expression.
    pub fn from_expr(type_name: impl Into<String>, properties: Expr) -> RawResource {
        RawResource {
            type_name: type_name.into(),
            properties,
            tagging: Tagging::None,
        }
    }

    /// A resource of `type_name` with no properties yet; add them with [`RawResource::prop`].
    pub fn of(type_name: impl Into<String>) -> RawResource {
        RawResource {
            type_name: type_name.into(),
            properties: Expr::Object(Vec::new()),
            tagging: Tagging::None,
        }
    }

    /// Sets a property to a typed value, a literal, or JSON. Values keep their references and
    /// ordering evidence.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// let vpc = s.add("Vpc", RawResource::of("AWS::EC2::VPC").prop("CidrBlock", "10.0.0.0/16"));
    /// let sg = RawResource::of("AWS::EC2::SecurityGroup")
    ///     .prop("GroupDescription", "web")
    ///     .prop("VpcId", vpc.id());
    /// ```
    pub fn prop(mut self, key: impl Into<Cow<'static, str>>, value: impl ToExpr) -> RawResource {
        let key = key.into();
        let value = value.to_expr();
        match &mut self.properties {
            Expr::Object(fields) => match fields.iter_mut().find(|(k, _)| *k == key) {
                Some((_, v)) => *v = value,
                None => fields.push((key, value)),
            },
            other => *other = Expr::Object(vec![(key, value)]),
        }
        self
    }

    /// Declares where the type keeps its tags, so stack-wide tags reach it.
    pub fn tagging(mut self, tagging: Tagging) -> RawResource {
        self.tagging = tagging;
        self
    }
}

impl Resource for RawResource {
    const TYPE_NAME: &'static str = "";

    fn into_properties(self) -> Props {
        match self.properties {
            Expr::Object(fields) => Props(fields),
            Expr::Null => Props::new(),
            // Not an object: kept under an impossible key so that `validate` reports it.
            other => Props(vec![(Cow::Borrowed(""), other)]),
        }
    }

    fn type_name(&self) -> Cow<'static, str> {
        Cow::Owned(self.type_name.clone())
    }

    fn tagging(&self) -> Tagging {
        self.tagging
    }
}
