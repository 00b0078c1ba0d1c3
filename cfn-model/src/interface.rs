//! A stack's typed interface: the traits behind `#[derive(Parameters)]`, `#[derive(Outputs)]`,
//! `#[derive(Resource)]` and `sub!` (crate `cfn-macros`).
//!
//! The macros only parse and generate calls; every rule that is not syntax lives here:
//!
//! - [`Parameters`]: a struct of parameters. [`Parameters::declare`] writes the `Parameters`
//!   section (and the `AWS::CloudFormation::Interface` metadata) and gives the stack body the
//!   struct back, its fields now referring to the declared parameters. [`Parameters::Args`] is the
//!   struct a parent fills to instantiate the stack as a nested stack
//!   ([`Stack::nest`](crate::Stack::nest)).
//! - [`Outputs`]: a struct of values. [`Outputs::declare`] writes the `Outputs` section;
//!   [`Outputs::read`] gives a parent the same struct, each field a typed
//!   `Fn::GetAtt Child.Outputs.Name`.
//! - [`ParamField`], [`ParamValue`], [`ParamLiteral`], [`OutputValue`]: which Rust types may be
//!   parameters, which literals they accept, how they cross a stack boundary (nested-stack
//!   parameters and outputs are strings, so lists are joined and split).
//! - [`SubArg`]: what `sub!` can interpolate.
//!
//! Without the macros (everything the derives generate is ordinary code over this module):
//!
//! ```
//! use cfn_model::interface::{ParamDecl, Parameters, Outputs, OutputDecl};
//! use cfn_model::prelude::*;
//!
//! struct Params {
//!     environment: Value<String>,
//! }
//! impl Parameters for Params {
//!     type Args = Value<String>;
//!     fn declare<S>(stack: &mut Stack<S>) -> Self {
//!         Params {
//!             environment: ParamDecl::<Value<String>>::new("Environment")
//!                 .allowed_value("dev")
//!                 .allowed_value("prod")
//!                 .default("dev")
//!                 .declare(stack),
//!         }
//!     }
//!     fn pass(args: Self::Args) -> Vec<(&'static str, Value<String>)> {
//!         vec![("Environment", cfn_model::interface::pass::<Value<String>>(args))]
//!     }
//! }
//!
//! let mut s: Stack = Stack::new();
//! let p: Params = s.parameters();
//! s.output("Env", Output::new(p.environment));
//! assert!(s.template().parameters.contains_key("Environment"));
//! ```

use std::borrow::Cow;
use std::marker::PhantomData;

use crate::expr::{Expr, Ident, Key, SubPart};
use crate::params::{Param, ParamType, Parameter};
use crate::resource::{Props, ToExpr};
use crate::stack::{Handle, OutputDef, ParameterDef, Stack};
use crate::value::{Arn, Id, Name, SecretString, StringLike, Value};

// ---- parameters -------------------------------------------------------------------------------

/// A struct of parameters, usually written with `#[derive(Parameters)]`.
///
/// The stack body receives the struct returned by [`Parameters::declare`]; a parent instantiates
/// the stack (see [`ChildStack`](crate::ChildStack)) with a filled [`Parameters::Args`].
pub trait Parameters: Sized {
    /// What a parent passes: one `Value` per parameter, all required, so a missing or mistyped
    /// parameter does not compile. `#[derive(Parameters)]` generates it as `<Name>Args`.
    type Args;

    /// Declares every parameter in `stack` and returns the struct whose fields refer to them.
    fn declare<S>(stack: &mut Stack<S>) -> Self;

    /// The nested-stack `Parameters` property for `args`: names and string values (lists joined).
    fn pass(args: Self::Args) -> Vec<(&'static str, Value<String>)>;
}

/// A stack without parameters.
impl Parameters for () {
    type Args = ();
    fn declare<S>(_: &mut Stack<S>) -> Self {}
    fn pass(_: ()) -> Vec<(&'static str, Value<String>)> {
        Vec::new()
    }
}

/// The types a `#[derive(Parameters)]` field may have: [`Param<T>`] for any [`ParamType`] (the
/// field keeps the parameter's name; read it with [`Param::value`]), or `Value<T>` when `T` is its
/// own value type (`String`, `i64`, `f64`, `Vec<String>`, [`SecretString`], typed ids, mapping
/// keys): the field is then the `Ref` itself.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a parameter field",
    label = "not a CloudFormation parameter type",
    note = "write e.g. `Value<String>`, `Value<i64>`, `Value<Vec<String>>` (CommaDelimitedList), `Value<SecretString>` (NoEcho), `Value<Id<ec2::Vpc>>`, or `Param<Ssm<ImageId>>` for types whose value type differs; parameters have no boolean type: write `#[cfn(allowed = [\"true\", \"false\"])] flag: Param<Boolean>` (its `.value()` is a `Value<bool>`), or `stack.parameter(\"Flag\", Parameter::boolean())`"
)]
pub trait ParamField: Sized {
    /// The CloudFormation parameter type.
    type Type: ParamType;
    /// The field, given the declared parameter.
    fn from_param(p: Param<Self::Type>) -> Self;
}

#[diagnostic::do_not_recommend]
impl<T: ParamType> ParamField for Param<T> {
    type Type = T;
    fn from_param(p: Param<T>) -> Self {
        p
    }
}

#[diagnostic::do_not_recommend]
impl<T: ParamType<Value = T>> ParamField for Value<T> {
    type Type = T;
    fn from_param(p: Param<T>) -> Self {
        p.value()
    }
}

/// The value type of a parameter field `F` (`String` for `Param<Ssm<String>>`).
pub type ValueOf<F> = <<F as ParamField>::Type as ParamType>::Value;

/// What a parent passes for a parameter field `F`: `Value<String>` for `Value<String>`,
/// `Value<Vec<String>>` for a CommaDelimitedList, …
pub type ArgOf<F> = Value<ValueOf<F>>;

/// A parameter's value type: what declaring it implies, and how a parent passes it to a nested
/// stack (whose parameters are all strings).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the value type of a CloudFormation parameter",
    note = "parameters hold strings, numbers, lists of them, secrets, typed ids or `#[derive(MappingKey)]` enums"
)]
pub trait ParamValue: Sized {
    /// `NoEcho` is implied (secrets).
    const NO_ECHO: bool = false;
    /// `AllowedValues` implied by the type (the keys of a `#[derive(MappingKey)]` enum).
    const KEYS: &'static [&'static str] = &[];
    /// The value as a nested-stack parameter string.
    fn pass(v: Value<Self>) -> Value<String> {
        Value::from_expr(v.into_expr())
    }
}

impl ParamValue for String {}
impl ParamValue for SecretString {
    const NO_ECHO: bool = true;
}
impl<R> ParamValue for Id<R> {}
impl<R> ParamValue for Arn<R> {}
impl<R> ParamValue for Name<R> {}
impl ParamValue for i64 {
    fn pass(v: Value<Self>) -> Value<String> {
        Value::from_expr(number_to_string(v.into_expr()))
    }
}
impl ParamValue for f64 {
    fn pass(v: Value<Self>) -> Value<String> {
        Value::from_expr(number_to_string(v.into_expr()))
    }
}
/// Lists (`CommaDelimitedList`, `List<Number>`, `List<AWS::EC2::Subnet::Id>`, …) are joined with
/// `,`: a literal list at build time, anything else with `Fn::Join`.
impl<T> ParamValue for Vec<T> {
    fn pass(v: Value<Self>) -> Value<String> {
        Value::from_expr(join_list(v.into_expr()))
    }
}

fn number_to_string(e: Expr) -> Expr {
    match e {
        Expr::Int(i) => Expr::Str(Cow::Owned(i.to_string())),
        Expr::Float(f) => Expr::Str(Cow::Owned(f.to_string())),
        other => other,
    }
}

fn join_list(e: Expr) -> Expr {
    if let Expr::List(items) = &e {
        let lits: Option<Vec<String>> = items
            .iter()
            .map(|i| match i {
                Expr::Str(s) => Some(s.to_string()),
                Expr::Int(n) => Some(n.to_string()),
                _ => None,
            })
            .collect();
        if let Some(lits) = lits {
            return Expr::Str(Cow::Owned(lits.join(",")));
        }
    }
    Expr::Join(Cow::Borrowed(","), Box::new(e))
}

/// Passes a parameter value to a nested stack (see [`ParamValue::pass`]).
pub fn pass<F: ParamField>(v: ArgOf<F>) -> Value<String>
where
    ValueOf<F>: ParamValue,
{
    <ValueOf<F> as ParamValue>::pass(v)
}

/// Template JSON, as [`ParamLiteral::to_json`] returns it (named here so that generated code
/// needs no `serde_json` dependency).
pub type JsonValue = serde_json::Value;

/// A literal that a parameter of value type `V` accepts as `Default` or in `AllowedValues`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a valid literal for a parameter whose values are `{V}`",
    label = "wrong literal type for this parameter",
    note = "write strings for string-like parameters (and `\"a,b\"` or `[\"a\", \"b\"]` for lists), numbers for numbers, a variant for a `#[derive(MappingKey)]` enum"
)]
pub trait ParamLiteral<V> {
    /// The literal as template JSON.
    fn to_json(self) -> serde_json::Value;
}

#[diagnostic::do_not_recommend]
impl ParamLiteral<String> for &str {
    fn to_json(self) -> serde_json::Value {
        self.into()
    }
}
#[diagnostic::do_not_recommend]
impl ParamLiteral<SecretString> for &str {
    fn to_json(self) -> serde_json::Value {
        self.into()
    }
}
#[diagnostic::do_not_recommend]
impl<R> ParamLiteral<Id<R>> for &str {
    fn to_json(self) -> serde_json::Value {
        self.into()
    }
}
#[diagnostic::do_not_recommend]
impl<R> ParamLiteral<Arn<R>> for &str {
    fn to_json(self) -> serde_json::Value {
        self.into()
    }
}
#[diagnostic::do_not_recommend]
impl<R> ParamLiteral<Name<R>> for &str {
    fn to_json(self) -> serde_json::Value {
        self.into()
    }
}
#[diagnostic::do_not_recommend]
impl ParamLiteral<i64> for i64 {
    fn to_json(self) -> serde_json::Value {
        self.into()
    }
}
#[diagnostic::do_not_recommend]
impl ParamLiteral<f64> for i64 {
    fn to_json(self) -> serde_json::Value {
        self.into()
    }
}
#[diagnostic::do_not_recommend]
impl ParamLiteral<f64> for f64 {
    fn to_json(self) -> serde_json::Value {
        self.into()
    }
}
/// A list default written as CloudFormation wants it: `"a,b"`.
#[diagnostic::do_not_recommend]
impl<T> ParamLiteral<Vec<T>> for &str {
    fn to_json(self) -> serde_json::Value {
        self.into()
    }
}
/// A list default written as an array: joined into `"a,b"`.
#[diagnostic::do_not_recommend]
impl<T, const N: usize> ParamLiteral<Vec<T>> for [&str; N] {
    fn to_json(self) -> serde_json::Value {
        self.join(",").into()
    }
}
/// A `List<Number>` default written as an array: joined into `"1,2"`.
#[diagnostic::do_not_recommend]
impl<const N: usize> ParamLiteral<Vec<f64>> for [i64; N] {
    fn to_json(self) -> serde_json::Value {
        self.map(|n| n.to_string()).join(",").into()
    }
}
/// A `List<Number>` default written as an array: joined into `"1.5,2"`.
#[diagnostic::do_not_recommend]
impl<const N: usize> ParamLiteral<Vec<f64>> for [f64; N] {
    fn to_json(self) -> serde_json::Value {
        self.map(|n| n.to_string()).join(",").into()
    }
}

/// Parameter value types that `MinLength`/`MaxLength`/`AllowedPattern` apply to.
#[diagnostic::on_unimplemented(
    message = "length and pattern constraints do not apply to a parameter whose values are `{Self}`",
    label = "only string parameters take `pattern`, `min_length` and `max_length`",
    note = "for numbers use `min_value` and `max_value`"
)]
pub trait Textual {}
#[diagnostic::do_not_recommend]
impl Textual for String {}
#[diagnostic::do_not_recommend]
impl Textual for SecretString {}
#[diagnostic::do_not_recommend]
impl<R> Textual for Id<R> {}
#[diagnostic::do_not_recommend]
impl<R> Textual for Arn<R> {}
#[diagnostic::do_not_recommend]
impl<R> Textual for Name<R> {}

/// Parameter value types that `MinValue`/`MaxValue` apply to.
#[diagnostic::on_unimplemented(
    message = "`min_value`/`max_value` do not apply to a parameter whose values are `{Self}`",
    label = "only number parameters take `min_value` and `max_value`",
    note = "for strings use `min_length`, `max_length` and `pattern`"
)]
pub trait Numeric {}
#[diagnostic::do_not_recommend]
impl Numeric for i64 {}
#[diagnostic::do_not_recommend]
impl Numeric for f64 {}

/// One parameter being declared: what `#[derive(Parameters)]` generates per field.
///
/// `F` is the field type; its [`ParamField::Type`] gives the CloudFormation `Type`, and its value
/// type decides which literals and constraints are accepted (a wrong one is a compile error at
/// the attribute).
pub struct ParamDecl<F> {
    name: &'static str,
    def: ParameterDef,
    group: Option<&'static str>,
    label: Option<&'static str>,
    _f: PhantomData<fn() -> F>,
}

// Bounds sit on the methods, not on the type or the `impl`, so that a wrong field type or literal
// is reported once, with the message of the trait that is missing (E0277), at the attribute.
impl<F> ParamDecl<F> {
    /// A parameter named `name`, with what its type implies (`NoEcho` for secrets, the allowed
    /// values of a mapping key).
    pub fn new(name: &'static str) -> Self
    where
        F: ParamField,
        ValueOf<F>: ParamValue,
    {
        let mut parameter = Parameter::<F::Type>::of();
        let keys = <ValueOf<F> as ParamValue>::KEYS;
        if !keys.is_empty() {
            parameter = parameter.allowed(keys.iter().copied());
        }
        if <ValueOf<F> as ParamValue>::NO_ECHO {
            parameter = parameter.no_echo();
        }
        ParamDecl {
            name,
            def: parameter.def,
            group: None,
            label: None,
            _f: PhantomData,
        }
    }

    /// `Description`.
    pub fn description(mut self, d: &'static str) -> Self {
        self.def.description = Some(d.to_string());
        self
    }

    /// `Default`.
    pub fn default<L>(mut self, v: L) -> Self
    where
        F: ParamField,
        L: ParamLiteral<ValueOf<F>>,
    {
        self.def.default = Some(v.to_json());
        self
    }

    /// Adds one entry to `AllowedValues` (replacing the values a mapping-key type implies).
    pub fn allowed_value<L>(mut self, v: L) -> Self
    where
        F: ParamField,
        L: ParamLiteral<ValueOf<F>>,
        ValueOf<F>: ParamValue,
    {
        let keys = <ValueOf<F> as ParamValue>::KEYS;
        let values = &mut self.def.allowed_values;
        if !keys.is_empty() && values.len() == keys.len() && values.iter().zip(keys).all(|(a, b)| a == b) {
            values.clear();
        }
        values.push(v.to_json());
        self
    }

    /// `AllowedPattern`.
    pub fn pattern(mut self, p: &'static str) -> Self
    where
        F: ParamField,
        ValueOf<F>: Textual,
    {
        self.def.allowed_pattern = Some(p.to_string());
        self
    }

    /// `MinLength`.
    pub fn min_length(mut self, n: u64) -> Self
    where
        F: ParamField,
        ValueOf<F>: Textual,
    {
        self.def.min_length = Some(n);
        self
    }

    /// `MaxLength`.
    pub fn max_length(mut self, n: u64) -> Self
    where
        F: ParamField,
        ValueOf<F>: Textual,
    {
        self.def.max_length = Some(n);
        self
    }

    /// `MinValue`.
    pub fn min_value(mut self, n: f64) -> Self
    where
        F: ParamField,
        ValueOf<F>: Numeric,
    {
        self.def.min_value = Some(n);
        self
    }

    /// `MaxValue`.
    pub fn max_value(mut self, n: f64) -> Self
    where
        F: ParamField,
        ValueOf<F>: Numeric,
    {
        self.def.max_value = Some(n);
        self
    }

    /// `ConstraintDescription`.
    pub fn constraint_description(mut self, d: &'static str) -> Self {
        self.def.constraint_description = Some(d.to_string());
        self
    }

    /// `NoEcho`.
    pub fn no_echo(mut self) -> Self {
        self.def.no_echo = true;
        self
    }

    /// Puts the parameter in the console group `label` (`AWS::CloudFormation::Interface`
    /// `ParameterGroups`); groups appear in the order they are first named.
    pub fn group(mut self, label: &'static str) -> Self {
        self.group = Some(label);
        self
    }

    /// The parameter's console label (`AWS::CloudFormation::Interface` `ParameterLabels`).
    pub fn label(mut self, label: &'static str) -> Self {
        self.label = Some(label);
        self
    }

    /// Declares the parameter in `stack` and returns the field value.
    pub fn declare<S>(self, stack: &mut Stack<S>) -> F
    where
        F: ParamField,
    {
        let mut parameter = Parameter::<F::Type>::of();
        parameter.def = self.def;
        let p = stack.parameter(self.name, parameter);
        if self.group.is_some() || self.label.is_some() {
            add_interface(stack, self.name, self.group, self.label);
        }
        F::from_param(p)
    }
}

const INTERFACE: &str = "AWS::CloudFormation::Interface";

fn object_entry<'a>(fields: &'a mut Vec<(Key, Expr)>, key: &'static str) -> &'a mut Vec<(Key, Expr)> {
    let idx = match fields
        .iter()
        .position(|(k, e)| k == key && matches!(e, Expr::Object(_)))
    {
        Some(i) => i,
        None => {
            fields.retain(|(k, _)| k != key);
            fields.push((Cow::Borrowed(key), Expr::Object(Vec::new())));
            fields.len() - 1
        }
    };
    match &mut fields[idx].1 {
        Expr::Object(f) => f,
        _ => unreachable!("the entry was just made an object"),
    }
}

fn list_entry<'a>(fields: &'a mut Vec<(Key, Expr)>, key: &'static str) -> &'a mut Vec<Expr> {
    let idx = match fields.iter().position(|(k, e)| k == key && matches!(e, Expr::List(_))) {
        Some(i) => i,
        None => {
            fields.retain(|(k, _)| k != key);
            fields.push((Cow::Borrowed(key), Expr::List(Vec::new())));
            fields.len() - 1
        }
    };
    match &mut fields[idx].1 {
        Expr::List(l) => l,
        _ => unreachable!("the entry was just made a list"),
    }
}

fn default_label(text: &str) -> Expr {
    Expr::Object(vec![(
        Cow::Borrowed("default"),
        Expr::Str(Cow::Owned(text.to_string())),
    )])
}

/// Records a parameter's group and label in the template's `AWS::CloudFormation::Interface`
/// metadata, merging with what is already there.
fn add_interface<S>(stack: &mut Stack<S>, name: &str, group: Option<&str>, label: Option<&str>) {
    let meta = &mut stack.template_mut().metadata;
    let iface = object_entry(meta, INTERFACE);
    if let Some(group) = group {
        let groups = list_entry(iface, "ParameterGroups");
        let wanted = default_label(group);
        let pos = groups.iter().position(|g| match g {
            Expr::Object(f) => f.iter().any(|(k, v)| k == "Label" && *v == wanted),
            _ => false,
        });
        let g = match pos {
            Some(i) => &mut groups[i],
            None => {
                groups.push(Expr::Object(vec![(Cow::Borrowed("Label"), wanted)]));
                let last = groups.len() - 1;
                &mut groups[last]
            }
        };
        if let Expr::Object(f) = g {
            list_entry(f, "Parameters").push(Expr::Str(Cow::Owned(name.to_string())));
        }
    }
    if let Some(label) = label {
        let labels = object_entry(iface, "ParameterLabels");
        labels.push((Cow::Owned(name.to_string()), default_label(label)));
    }
}

// ---- outputs ----------------------------------------------------------------------------------

/// A struct of outputs, usually written with `#[derive(Outputs)]`.
pub trait Outputs: Sized {
    /// Declares every field as an output of `stack`.
    fn declare<S>(self, stack: &mut Stack<S>);

    /// The same struct as a parent sees it: each field `Fn::GetAtt [nested, "Outputs.Name"]`.
    fn read(nested: &Ident) -> Self;
}

/// A stack without outputs.
impl Outputs for () {
    fn declare<S>(self, _: &mut Stack<S>) {}
    fn read(_: &Ident) -> Self {}
}

/// Value types an output can carry. Outputs are strings: lists are joined with `,` when declared
/// and split again when a parent reads them.
#[diagnostic::on_unimplemented(
    message = "a `Value<{Self}>` cannot be a stack output",
    note = "outputs carry strings, numbers, booleans, lists of strings, typed ids and ARNs; secrets are never output"
)]
pub trait OutputValue: Sized {
    /// The value as the output's `Value`.
    fn encode(v: Value<Self>) -> Expr {
        v.into_expr()
    }
    /// The output as read by a parent.
    fn decode(e: Expr) -> Value<Self> {
        Value::from_expr(e)
    }
}

#[diagnostic::do_not_recommend]
impl OutputValue for String {}
#[diagnostic::do_not_recommend]
impl OutputValue for i64 {}
#[diagnostic::do_not_recommend]
impl OutputValue for f64 {}
#[diagnostic::do_not_recommend]
impl OutputValue for bool {}
#[diagnostic::do_not_recommend]
impl<R> OutputValue for Id<R> {}
#[diagnostic::do_not_recommend]
impl<R> OutputValue for Arn<R> {}
#[diagnostic::do_not_recommend]
impl<R> OutputValue for Name<R> {}
#[diagnostic::do_not_recommend]
impl<T> OutputValue for Vec<T> {
    fn encode(v: Value<Self>) -> Expr {
        join_list(v.into_expr())
    }
    fn decode(e: Expr) -> Value<Self> {
        Value::from_expr(Expr::Split(Cow::Borrowed(","), Box::new(e)))
    }
}

/// The types a `#[derive(Outputs)]` field may have: `Value<T>` for an [`OutputValue`] `T`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an output field",
    label = "not a value an output can carry",
    note = "outputs carry strings, numbers, booleans, lists of strings and typed ids, e.g. `Value<String>`, `Value<Arn<sns::Topic>>`, `Value<Vec<String>>`; a secret (`SecretString`) is never output"
)]
pub trait OutputField: Sized {
    /// The output's `Value`.
    fn into_output(self) -> Expr;
    /// The field as a parent reads it from the nested stack `nested`.
    fn read(nested: &Ident, output: &'static str) -> Self;
}

#[diagnostic::do_not_recommend]
impl<T: OutputValue> OutputField for Value<T> {
    fn into_output(self) -> Expr {
        T::encode(self)
    }
    fn read(nested: &Ident, output: &'static str) -> Self {
        T::decode(Expr::GetAtt(nested.clone(), Cow::Owned(format!("Outputs.{output}"))))
    }
}

/// One output being declared: what `#[derive(Outputs)]` generates per field.
pub struct OutputDecl {
    name: &'static str,
    def: OutputDef,
}

impl OutputDecl {
    /// An output named `name` holding `value`.
    pub fn new(name: &'static str, value: impl OutputField) -> Self {
        OutputDecl {
            name,
            def: OutputDef {
                value: value.into_output(),
                description: None,
                export: None,
                condition: None,
            },
        }
    }

    /// An output named `name` holding an already lowered value (what `#[derive(Outputs)]` uses).
    pub fn from_expr(name: &'static str, value: Expr) -> Self {
        OutputDecl {
            name,
            def: OutputDef {
                value,
                description: None,
                export: None,
                condition: None,
            },
        }
    }

    /// `Description`.
    pub fn description(mut self, d: &'static str) -> Self {
        self.def.description = Some(d.to_string());
        self
    }

    /// `Export.Name`, built from literal text and pseudo parameters (see [`sub_pseudo`]).
    pub fn export(mut self, parts: impl IntoIterator<Item = SubPart>) -> Self {
        let parts: Vec<SubPart> = parts.into_iter().collect();
        let expr = match parts.as_slice() {
            [SubPart::Lit(s)] => Expr::Str(s.clone()),
            _ => Value::<String>::sub(parts).into_expr(),
        };
        self.def.export = Some(expr);
        self
    }

    /// `Condition`, by name (the validator reports a condition the stack does not declare).
    pub fn condition(mut self, name: &'static str) -> Self {
        self.def.condition = Some(name.into());
        self
    }

    /// Declares the output in `stack`.
    pub fn declare<S>(self, stack: &mut Stack<S>) {
        stack.output(self.name, crate::Output { def: self.def });
    }
}

impl<S> Stack<S> {
    /// Declares the parameters of a `#[derive(Parameters)]` struct and returns it.
    ///
    /// ```
    /// # use cfn_model::prelude::*;
    /// # use cfn_model::interface::Parameters;
    /// let mut s: Stack = Stack::new();
    /// let (): () = s.parameters();
    /// ```
    pub fn parameters<P: Parameters>(&mut self) -> P {
        P::declare(self)
    }

    /// Declares the outputs of a `#[derive(Outputs)]` struct.
    pub fn outputs<O: Outputs>(&mut self, outputs: O) -> &mut Self {
        outputs.declare(self);
        self
    }
}

// ---- sub! ---------------------------------------------------------------------------------------

/// What `sub!` can interpolate: string-like values, parameters, resource handles (their `Ref`) and
/// string or integer literals.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be interpolated by `sub!`",
    label = "not a string-like value",
    note = "pass a `Value<T>` of a string, number or typed id, a `&Param<T>`, a `&Handle` (its `Ref`) or a literal; secrets are never interpolated"
)]
pub trait SubArg {
    /// The part of the `Fn::Sub`.
    fn into_sub_part(self) -> SubPart;
}

#[diagnostic::do_not_recommend]
impl<T: StringLike> SubArg for Value<T> {
    fn into_sub_part(self) -> SubPart {
        SubPart::Expr(self.into_expr())
    }
}
#[diagnostic::do_not_recommend]
impl<T: StringLike> SubArg for &Value<T> {
    fn into_sub_part(self) -> SubPart {
        SubPart::Expr(self.expr().clone())
    }
}
#[diagnostic::do_not_recommend]
impl<T: ParamType> SubArg for &Param<T>
where
    T::Value: StringLike,
{
    fn into_sub_part(self) -> SubPart {
        SubPart::Expr(self.value().into_expr())
    }
}
#[diagnostic::do_not_recommend]
impl<R, S> SubArg for &Handle<R, S> {
    fn into_sub_part(self) -> SubPart {
        SubPart::Expr(Expr::Ref(self.name().clone()))
    }
}
#[diagnostic::do_not_recommend]
impl SubArg for &'static str {
    fn into_sub_part(self) -> SubPart {
        SubPart::Lit(Cow::Borrowed(self))
    }
}
#[diagnostic::do_not_recommend]
impl SubArg for &&'static str {
    fn into_sub_part(self) -> SubPart {
        SubPart::Lit(Cow::Borrowed(*self))
    }
}
#[diagnostic::do_not_recommend]
impl SubArg for String {
    fn into_sub_part(self) -> SubPart {
        SubPart::Lit(Cow::Owned(self))
    }
}
#[diagnostic::do_not_recommend]
impl SubArg for &String {
    fn into_sub_part(self) -> SubPart {
        SubPart::Lit(Cow::Owned(self.clone()))
    }
}
macro_rules! int_sub_arg {
    ($($t:ty),*) => {$(
        #[diagnostic::do_not_recommend]
        impl SubArg for $t {
            fn into_sub_part(self) -> SubPart { SubPart::Lit(Cow::Owned(self.to_string())) }
        }
        #[diagnostic::do_not_recommend]
        impl SubArg for &$t {
            fn into_sub_part(self) -> SubPart { SubPart::Lit(Cow::Owned(self.to_string())) }
        }
    )*};
}
int_sub_arg!(i32, i64, u16, u32, u64, usize);

/// One argument of `sub!`.
pub fn sub_arg(a: impl SubArg) -> SubPart {
    a.into_sub_part()
}

/// A pseudo parameter inside `sub!` or an export name (`AWS::Region`, …); `sub!` checks the name
/// at compile time.
pub fn sub_pseudo(name: &'static str) -> SubPart {
    SubPart::Expr(Expr::Ref(name.into()))
}

// ---- custom resources ---------------------------------------------------------------------------

/// The properties of a resource being lowered: what `#[derive(Resource)]` generates.
pub struct PropsBuilder(Props);

impl PropsBuilder {
    /// No properties yet.
    pub fn new() -> Self {
        PropsBuilder(Props::new())
    }
    /// A required property.
    pub fn req(mut self, name: &'static str, v: impl ToExpr) -> Self {
        self.0.req(name, v);
        self
    }
    /// An optional property, left out when `None`.
    pub fn opt<T: ToExpr>(mut self, name: &'static str, v: Option<T>) -> Self {
        self.0.opt(name, v);
        self
    }
    /// The properties.
    pub fn build(self) -> Props {
        self.0
    }
}

impl Default for PropsBuilder {
    fn default() -> Self {
        PropsBuilder::new()
    }
}

/// The `ServiceToken` of a custom resource: the ARN of the Lambda function or SNS topic that
/// handles it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a custom resource's `ServiceToken`",
    label = "the service token is the ARN of a Lambda function or an SNS topic",
    note = "use a `Value<Arn<…>>` from the function's or topic's handle, or a `Value<String>`"
)]
pub trait ServiceToken: ToExpr {}
#[diagnostic::do_not_recommend]
impl ServiceToken for Value<String> {}
#[diagnostic::do_not_recommend]
impl<R> ServiceToken for Value<Arn<R>> {}

/// The service token property (checked to be an ARN-like value).
pub fn service_token<T: ServiceToken>(v: T) -> Expr {
    v.to_expr()
}

/// `Fn::GetAtt` on a handle, for the attribute methods `#[derive(Resource)]` generates.
pub fn get_att<T, R, S>(h: &Handle<R, S>, attribute: &'static str) -> Value<T> {
    h.get_att(attribute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interface_metadata_merges_groups() {
        let mut s: Stack = Stack::new();
        let _a: Value<String> = ParamDecl::<Value<String>>::new("A")
            .group("Net")
            .label("The A")
            .declare(&mut s);
        let _b: Value<i64> = ParamDecl::<Value<i64>>::new("B").group("Db").declare(&mut s);
        let _c: Value<String> = ParamDecl::<Value<String>>::new("C").group("Net").declare(&mut s);
        let meta = &s.template().metadata;
        assert_eq!(meta.len(), 1);
        let Expr::Object(iface) = &meta[0].1 else {
            panic!("object")
        };
        let Expr::List(groups) = &iface[0].1 else {
            panic!("list")
        };
        assert_eq!(groups.len(), 2);
        let Expr::Object(net) = &groups[0] else {
            panic!("object")
        };
        assert_eq!(
            net[1].1,
            Expr::List(vec![Expr::str("A"), Expr::str("C")]),
            "parameters of a group in order"
        );
    }

    /// What generated resource modules add (`impl ParamType for Id<ec2::Vpc>`), here for a stand-in
    /// type: typed-id parameters then work in `#[derive(Parameters)]` with no other impl.
    struct FakeVpc;
    impl ParamType for Id<FakeVpc> {
        type Value = Id<FakeVpc>;
        const TYPE: &'static str = "AWS::EC2::VPC::Id";
    }
    impl ParamType for Vec<Id<FakeVpc>> {
        type Value = Vec<Id<FakeVpc>>;
        const TYPE: &'static str = "List<AWS::EC2::VPC::Id>";
    }

    #[test]
    fn typed_id_parameters_need_only_param_type() {
        let mut s: Stack = Stack::new();
        let vpc: Value<Id<FakeVpc>> = ParamDecl::<Value<Id<FakeVpc>>>::new("Vpc")
            .default("vpc-0123")
            .pattern("^vpc-")
            .declare(&mut s);
        let vpcs: Value<Vec<Id<FakeVpc>>> = ParamDecl::<Value<Vec<Id<FakeVpc>>>>::new("Vpcs")
            .default(["vpc-1", "vpc-2"])
            .declare(&mut s);
        assert_eq!(s.template().parameters["Vpc"].type_name, "AWS::EC2::VPC::Id");
        assert_eq!(s.template().parameters["Vpcs"].default, Some("vpc-1,vpc-2".into()));
        assert_eq!(pass::<Value<Id<FakeVpc>>>(vpc).into_expr(), Expr::Ref("Vpc".into()));
        assert!(matches!(
            pass::<Value<Vec<Id<FakeVpc>>>>(vpcs).into_expr(),
            Expr::Join(..)
        ));
    }

    #[test]
    fn lists_are_joined_for_nested_stacks() {
        let lit: Value<Vec<String>> = vec!["a", "b"].into();
        assert_eq!(<Vec<String> as ParamValue>::pass(lit).into_expr(), Expr::str("a,b"));
        let r: Value<Vec<String>> = Value::from_expr(Expr::Ref("L".into()));
        assert!(matches!(
            <Vec<String> as ParamValue>::pass(r).into_expr(),
            Expr::Join(..)
        ));
        assert_eq!(
            <i64 as ParamValue>::pass(Value::from(5)).into_expr(),
            Expr::str("5"),
            "numbers become strings"
        );
    }
}
