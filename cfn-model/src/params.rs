//! Parameters, conditions, mappings and outputs.

use std::marker::PhantomData;

use indexmap::IndexMap;

use crate::expr::{Expr, Ident};
use crate::stack::{OutputDef, ParameterDef};
use crate::value::{Arn, Attr, Id, SecretString, Value};

/// A CloudFormation parameter type: its `Type` string and the value type it yields.
pub trait ParamType {
    /// The value type a reference to the parameter has.
    type Value;
    /// The CloudFormation `Type`.
    const TYPE: &'static str;
}

impl ParamType for String {
    type Value = String;
    const TYPE: &'static str = "String";
}
impl ParamType for f64 {
    type Value = f64;
    const TYPE: &'static str = "Number";
}
impl ParamType for i64 {
    type Value = i64;
    const TYPE: &'static str = "Number";
}
impl ParamType for Vec<f64> {
    type Value = Vec<f64>;
    const TYPE: &'static str = "List<Number>";
}
impl ParamType for Vec<String> {
    type Value = Vec<String>;
    const TYPE: &'static str = "CommaDelimitedList";
}
/// The id of a resource (`Ref`): the resource type's AWS-specific parameter type where it has one
/// ([`Resource::ID_PARAMETER_TYPES`](crate::Resource::ID_PARAMETER_TYPES)), else `String`; the
/// typed value goes wherever that resource's id is expected (a nested stack's `Param<Id<R>>`).
impl<R: crate::Resource> ParamType for Id<R> {
    type Value = Id<R>;
    const TYPE: &'static str = R::ID_PARAMETER_TYPES.0;
}
impl<R: crate::Resource> ParamType for Vec<Id<R>> {
    type Value = Vec<Id<R>>;
    const TYPE: &'static str = R::ID_PARAMETER_TYPES.1;
}
/// The ARN of a resource, as a `String` parameter (nested stacks pass typed ARNs this way).
impl<R: crate::Resource> ParamType for Arn<R> {
    type Value = Arn<R>;
    const TYPE: &'static str = "String";
}
/// A boolean parameter: CloudFormation has no boolean type, so it is a `String` restricted to
/// `true`/`false` ([`Parameter::boolean`]), which CloudFormation converts where a boolean property
/// takes it. Its value is a `Value<bool>`.
///
/// ```
/// use cfn_model::prelude::*;
/// use cfn_model::params::Boolean;
/// let mut s: Stack = Stack::new();
/// let flag: Param<Boolean> = s.parameter("Flag", Parameter::boolean());
/// let v: Value<bool> = flag.value();
/// ```
pub struct Boolean;
impl ParamType for Boolean {
    type Value = bool;
    const TYPE: &'static str = "String";
}
/// Another attribute of a resource, as a `String` parameter.
impl<R: crate::Resource, A> ParamType for Attr<R, A> {
    type Value = Attr<R, A>;
    const TYPE: &'static str = "String";
}
/// A `NoEcho` string parameter: its value is a [`SecretString`], accepted by password properties.
impl ParamType for SecretString {
    type Value = SecretString;
    const TYPE: &'static str = "String";
}

/// `AWS::SSM::Parameter::Value<…>`: a parameter whose value is read from SSM Parameter Store.
pub struct Ssm<T>(PhantomData<fn() -> T>);
impl ParamType for Ssm<String> {
    type Value = String;
    const TYPE: &'static str = "AWS::SSM::Parameter::Value<String>";
}
impl ParamType for Ssm<Vec<String>> {
    type Value = Vec<String>;
    const TYPE: &'static str = "AWS::SSM::Parameter::Value<List<String>>";
}

/// `AWS::SSM::Parameter::Name`: the name of an SSM parameter.
pub struct SsmParameterName;
impl ParamType for SsmParameterName {
    type Value = String;
    const TYPE: &'static str = "AWS::SSM::Parameter::Name";
}

/// `AWS::EC2::AvailabilityZone::Name`.
pub struct AvailabilityZoneName;
impl ParamType for AvailabilityZoneName {
    type Value = String;
    const TYPE: &'static str = "AWS::EC2::AvailabilityZone::Name";
}
impl ParamType for Vec<AvailabilityZoneName> {
    type Value = Vec<String>;
    const TYPE: &'static str = "List<AWS::EC2::AvailabilityZone::Name>";
}
/// `AWS::EC2::Image::Id`.
pub struct ImageId;
impl ParamType for ImageId {
    type Value = String;
    const TYPE: &'static str = "AWS::EC2::Image::Id";
}
impl ParamType for Ssm<ImageId> {
    type Value = String;
    const TYPE: &'static str = "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>";
}
/// `AWS::EC2::KeyPair::KeyName`.
pub struct KeyPairName;
impl ParamType for KeyPairName {
    type Value = String;
    const TYPE: &'static str = "AWS::EC2::KeyPair::KeyName";
}

/// A parameter declaration, built then passed to [`Stack::parameter`](crate::Stack::parameter).
pub struct Parameter<T> {
    pub(crate) def: ParameterDef,
    _t: PhantomData<fn() -> T>,
}

impl Parameter<String> {
    /// A `String` parameter.
    pub fn string() -> Self {
        Parameter::of()
    }
}
impl Parameter<f64> {
    /// A `Number` parameter yielding a `Value<f64>`: for properties typed as numbers that take
    /// fractions (alarm thresholds, weights). A `Value<f64>` also converts into a `Value<String>`
    /// (CloudFormation writes the number's text). For counts, sizes and ports use
    /// [`Parameter::integer`], whose `Value<i64>` integer properties take (an `f64` does not
    /// convert into an `i64`).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// let threshold: Value<f64> = s.parameter("CpuThreshold", Parameter::number().default(80.5)).value();
    /// ```
    pub fn number() -> Self {
        Parameter::of()
    }
}
impl Parameter<i64> {
    /// A `Number` parameter yielding a `Value<i64>`: for integer properties (counts, sizes, ports,
    /// days). It also converts into a `Value<f64>` (number properties) and a `Value<String>`
    /// (string properties holding a number: RDS `AllocatedStorage`, an ECS task's `Cpu` and
    /// `Memory`), with no `cast_unchecked`. CloudFormation does not check that the value is
    /// whole: bound it with `.min_value`/`.max_value`, or list `.allowed` values.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// let storage = s.parameter("StorageGiB", Parameter::integer().min_value(20.0).default(20));
    /// let count: Value<i64> = storage.value();
    /// let as_text: Value<String> = storage.value().into(); // e.g. AllocatedStorage
    /// ```
    pub fn integer() -> Self {
        Parameter::of()
    }
}
impl Parameter<Boolean> {
    /// A boolean parameter: `Type: String` with `AllowedValues: ["true", "false"]`, yielding a
    /// `Value<bool>` that boolean properties take (CloudFormation converts the text).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// let multi_az: Value<bool> = s.parameter("MultiAz", Parameter::boolean().default("false")).value();
    /// ```
    pub fn boolean() -> Self {
        Parameter::of().allowed(["true", "false"])
    }
}
impl Parameter<Vec<String>> {
    /// A `CommaDelimitedList` parameter.
    pub fn comma_list() -> Self {
        Parameter::of()
    }
}
impl Parameter<SecretString> {
    /// A `NoEcho` string parameter whose value is a secret (accepted by password properties).
    pub fn secret() -> Self {
        let mut p = Parameter::of();
        p.def.no_echo = true;
        p
    }
}

impl<T: ParamType> Parameter<T> {
    /// A parameter of any [`ParamType`], e.g. `Parameter::<Id<ec2::Vpc>>::of()` for
    /// `AWS::EC2::VPC::Id`.
    pub fn of() -> Self {
        Parameter {
            def: ParameterDef {
                type_name: T::TYPE.into(),
                ..ParameterDef::default()
            },
            _t: PhantomData,
        }
    }
}

impl Parameter<String> {
    /// Escape hatch: a parameter of a `type_name` this library has no [`ParamType`] for (an
    /// `AWS::SSM::Parameter::Value<…>` or AWS-specific type newer than it), read as a string.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// let zone = s.parameter("Zone", Parameter::unchecked_type("AWS::Route53::HostedZone::Id"));
    /// ```
    pub fn unchecked_type(type_name: impl Into<String>) -> Self {
        Parameter {
            def: ParameterDef {
                type_name: type_name.into().into(),
                ..ParameterDef::default()
            },
            _t: PhantomData,
        }
    }
}

impl<T> Parameter<T> {
    /// `Description`.
    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.def.description = Some(d.into());
        self
    }
    /// `Default`.
    pub fn default(mut self, v: impl Into<serde_json::Value>) -> Self {
        self.def.default = Some(v.into());
        self
    }
    /// `AllowedValues`.
    pub fn allowed<V: Into<serde_json::Value>>(mut self, values: impl IntoIterator<Item = V>) -> Self {
        self.def.allowed_values = values.into_iter().map(Into::into).collect();
        self
    }
    /// `AllowedPattern`.
    pub fn pattern(mut self, p: impl Into<String>) -> Self {
        self.def.allowed_pattern = Some(p.into());
        self
    }
    /// `MinLength`.
    pub fn min_length(mut self, n: u64) -> Self {
        self.def.min_length = Some(n);
        self
    }
    /// `MaxLength`.
    pub fn max_length(mut self, n: u64) -> Self {
        self.def.max_length = Some(n);
        self
    }
    /// `MinValue`.
    pub fn min_value(mut self, n: f64) -> Self {
        self.def.min_value = Some(n);
        self
    }
    /// `MaxValue`.
    pub fn max_value(mut self, n: f64) -> Self {
        self.def.max_value = Some(n);
        self
    }
    /// `ConstraintDescription`.
    pub fn constraint_description(mut self, d: impl Into<String>) -> Self {
        self.def.constraint_description = Some(d.into());
        self
    }
    /// `NoEcho`.
    pub fn no_echo(mut self) -> Self {
        self.def.no_echo = true;
        self
    }
}

/// A declared parameter: `{"Ref": name}` of type `T::Value`.
pub struct Param<T> {
    name: Ident,
    _t: PhantomData<fn() -> T>,
}

impl<T> Clone for Param<T> {
    fn clone(&self) -> Self {
        Param {
            name: self.name.clone(),
            _t: PhantomData,
        }
    }
}

impl<T> Param<T> {
    pub(crate) fn new(name: Ident) -> Self {
        Param { name, _t: PhantomData }
    }
    /// The parameter's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl<T: ParamType> Param<T> {
    /// `{"Ref": name}`.
    pub fn value(&self) -> Value<T::Value> {
        Value::from_expr(Expr::Ref(self.name.clone()))
    }
}

impl<T: ParamType> From<&Param<T>> for Value<T::Value> {
    fn from(p: &Param<T>) -> Self {
        p.value()
    }
}

/// A declared condition.
#[derive(Clone, Debug)]
pub struct Condition {
    name: Ident,
}

impl Condition {
    pub(crate) fn new(name: Ident) -> Self {
        Condition { name }
    }
    /// The condition's name.
    pub fn name(&self) -> &Ident {
        &self.name
    }
    /// The condition as a boolean value, `Fn::If [cond, true, false]`, for boolean properties
    /// (CloudFormation does not accept a condition name where a value is expected).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// let env = s.parameter("Env", Parameter::string());
    /// let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
    /// let multi_az: Value<bool> = prod.as_bool();
    /// ```
    pub fn as_bool(&self) -> Value<bool> {
        Value::if_(self, true, false)
    }

    /// `Fn::If` on this condition.
    pub fn then<T>(&self, then: impl Into<Value<T>>, otherwise: impl Into<Value<T>>) -> Value<T> {
        Value::if_(self, then, otherwise)
    }
}

/// A mapping declaration: top-level key → second-level key → value.
#[derive(Clone, Debug, Default)]
pub struct Mapping {
    pub(crate) entries: IndexMap<String, IndexMap<String, serde_json::Value>>,
}

impl Mapping {
    /// An empty mapping.
    pub fn new() -> Mapping {
        Mapping::default()
    }
    /// Adds one top-level key with its second-level entries.
    pub fn entry<K: Into<String>, V: Into<serde_json::Value>>(
        mut self,
        top: impl Into<String>,
        values: impl IntoIterator<Item = (K, V)>,
    ) -> Mapping {
        self.entries.insert(
            top.into(),
            values.into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
        );
        self
    }
}

/// A declared mapping, read with `Fn::FindInMap`.
#[derive(Clone, Debug)]
pub struct MappingRef {
    name: Ident,
}

impl MappingRef {
    pub(crate) fn new(name: Ident) -> Self {
        MappingRef { name }
    }
    /// The mapping's name.
    pub fn name(&self) -> &Ident {
        &self.name
    }
    /// `{"Fn::FindInMap": [map, top, second]}`. The validator checks literal keys.
    pub fn find<T>(&self, top: impl Into<Value<String>>, second: impl Into<Value<String>>) -> Value<T> {
        Value::from_expr(Expr::FindInMap(
            self.name.clone(),
            Box::new(top.into().into_expr()),
            Box::new(second.into().into_expr()),
            None,
        ))
    }

    /// `{"Fn::FindInMap": [map, top, second, {"DefaultValue": default}]}`: `default` where the
    /// mapping has no such keys. Needs the `AWS::LanguageExtensions` transform
    /// (`stack.transform("AWS::LanguageExtensions")`); the validator says so when it is missing.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// s.transform("AWS::LanguageExtensions");
    /// let sizes = s.mapping("Sizes", Mapping::new().entry("prod", [("Instances", 3)]));
    /// let n: Value<i64> = sizes.find_or("dev", "Instances", 1);
    /// ```
    pub fn find_or<T>(
        &self,
        top: impl Into<Value<String>>,
        second: impl Into<Value<String>>,
        default: impl Into<Value<T>>,
    ) -> Value<T> {
        Value::from_expr(Expr::FindInMap(
            self.name.clone(),
            Box::new(top.into().into_expr()),
            Box::new(second.into().into_expr()),
            Some(Box::new(default.into().into_expr())),
        ))
    }
}

/// An output declaration, passed to [`Stack::output`](crate::Stack::output).
pub struct Output {
    pub(crate) def: OutputDef,
}

impl Output {
    /// An output with `value` (any typed value or literal).
    pub fn new(value: impl crate::ToExpr) -> Self {
        Output {
            def: OutputDef {
                value: value.to_expr(),
                description: None,
                export: None,
                condition: None,
            },
        }
    }
    /// `Description`.
    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.def.description = Some(d.into());
        self
    }
    /// `Export.Name`; usually built with [`Pseudo::stack_name`](crate::Pseudo::stack_name) so
    /// that export names do not clash across stacks.
    pub fn export(mut self, name: impl Into<Value<String>>) -> Self {
        self.def.export = Some(name.into().into_expr());
        self
    }
    /// `Condition`.
    pub fn condition(mut self, c: &Condition) -> Self {
        self.def.condition = Some(c.name().clone());
        self
    }
}
