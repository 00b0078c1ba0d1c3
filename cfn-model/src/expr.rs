//! The untyped expression tree that every [`Value`](crate::Value) wraps.
//!
//! `Expr` is the one representation of everything a CloudFormation template can hold where a value
//! is expected: literals, lists, objects, every intrinsic function, pseudo parameters, dynamic
//! references, and the ordering evidence that travels with values ([`Expr::After`]). Typing lives
//! one level up, in the phantom parameter of `Value<T>`, so typed code costs no monomorphisation.

use std::borrow::Cow;
use std::sync::Arc;

use crate::dynref::DynamicRef;

/// A logical name in a template: a resource, parameter, condition, mapping or output id.
pub type Ident = Arc<str>;

/// A property or object key.
pub type Key = Cow<'static, str>;

/// One node of a template value.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// JSON `null`.
    Null,
    /// A boolean literal.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A floating-point literal.
    Float(f64),
    /// A string literal.
    Str(Cow<'static, str>),
    /// A list.
    List(Vec<Expr>),
    /// An object, keys in insertion order.
    Object(Vec<(Key, Expr)>),
    /// `{"Ref": name}`: a resource, a parameter or a pseudo parameter (`AWS::Region`, …).
    Ref(Ident),
    /// `{"Fn::GetAtt": [resource, attribute]}`.
    GetAtt(Ident, Key),
    /// `Fn::Sub`, built from parts so that every `${…}` it emits points at something real.
    Sub(Vec<SubPart>),
    /// `{"Fn::Join": [delimiter, list]}`.
    Join(Key, Box<Expr>),
    /// `{"Fn::Select": [index, list]}`.
    Select(Box<Expr>, Box<Expr>),
    /// `{"Fn::Split": [delimiter, string]}`.
    Split(Key, Box<Expr>),
    /// `{"Fn::If": [condition, then, else]}`.
    If(Ident, Box<Expr>, Box<Expr>),
    /// `{"Fn::FindInMap": [map, top-level key, second-level key]}`, with
    /// `{"DefaultValue": …}` as a fourth item when the keys may be missing (needs the
    /// `AWS::LanguageExtensions` transform).
    FindInMap(Ident, Box<Expr>, Box<Expr>, Option<Box<Expr>>),
    /// `{"Fn::GetAZs": region}`.
    GetAZs(Box<Expr>),
    /// `{"Fn::ImportValue": export name}`.
    ImportValue(Box<Expr>),
    /// `{"Fn::GetStackOutput": {"StackName": …, "OutputName": …, "Region": …, "RoleArn": …}}`:
    /// an output of another stack, read without an export (boxed: it is large and rare).
    GetStackOutput(Box<StackOutputRef>),
    /// `{"Fn::Base64": string}`.
    Base64(Box<Expr>),
    /// `{"Fn::Cidr": [ip block, count, cidr bits]}`.
    Cidr(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `{"Fn::Equals": [a, b]}`.
    Equals(Box<Expr>, Box<Expr>),
    /// `{"Fn::And": [...]}`.
    And(Vec<Expr>),
    /// `{"Fn::Or": [...]}`.
    Or(Vec<Expr>),
    /// `{"Fn::Not": [x]}`.
    Not(Box<Expr>),
    /// `{"Condition": name}` inside a condition expression.
    Condition(Ident),
    /// `{"Fn::Length": list}` (needs the `AWS::LanguageExtensions` transform).
    Length(Box<Expr>),
    /// `{"Fn::ToJsonString": value}` (needs the `AWS::LanguageExtensions` transform).
    ToJsonString(Box<Expr>),
    /// A dynamic reference `{{resolve:…}}`, emitted as a string (boxed: it is the largest variant
    /// and the rarest).
    Dynamic(Box<DynamicRef>),
    /// Ordering evidence: the inner value may only be used once the named resources exist.
    /// Emitted as the inner value; the stack turns the names into `DependsOn`.
    After(Box<Expr>, Vec<Ident>),
}

/// The arguments of `Fn::GetStackOutput`: the stack and output to read, and optionally the
/// region the stack is in and the role CloudFormation assumes to read it (another account).
#[derive(Clone, Debug, PartialEq)]
pub struct StackOutputRef {
    /// `StackName`.
    pub stack_name: Expr,
    /// `OutputName`.
    pub output_name: Expr,
    /// `Region`, when the stack is in another region.
    pub region: Option<Expr>,
    /// `RoleArn`, when the stack is in another account.
    pub role_arn: Option<Expr>,
}

impl StackOutputRef {
    /// The function's argument as it is emitted: `{"StackName": …, "OutputName": …}` with
    /// `Region` and `RoleArn` when given.
    pub fn to_object(&self) -> Expr {
        let mut fields = vec![
            (Key::from("StackName"), self.stack_name.clone()),
            (Key::from("OutputName"), self.output_name.clone()),
        ];
        if let Some(r) = &self.region {
            fields.push((Key::from("Region"), r.clone()));
        }
        if let Some(r) = &self.role_arn {
            fields.push((Key::from("RoleArn"), r.clone()));
        }
        Expr::Object(fields)
    }
}

impl Expr {
    /// The fourth item of a `Fn::FindInMap` with a default: `{"DefaultValue": default}`.
    pub fn find_in_map_default(default: &Expr) -> Expr {
        Expr::Object(vec![(Key::from("DefaultValue"), default.clone())])
    }
}

/// A part of an `Fn::Sub` string.
#[derive(Clone, Debug, PartialEq)]
pub enum SubPart {
    /// Literal text; a `${` in it is escaped as `${!` on emission.
    Lit(Cow<'static, str>),
    /// An interpolated value.
    Expr(Expr),
}

/// What a walk over an expression reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mention<'a> {
    /// `Ref` (also `${Ident}` in a `Sub`) of a name that is not a pseudo parameter.
    Ref(&'a str),
    /// `Fn::GetAtt` of a resource (`attribute` as written).
    GetAtt(&'a str, &'a str),
    /// A condition named by `Fn::If` or `Condition`.
    Condition(&'a str),
    /// A mapping named by `Fn::FindInMap`.
    Mapping(&'a str),
    /// Ordering evidence carried by a value.
    After(&'a str),
}

/// True for names CloudFormation defines (`AWS::Region`, `AWS::NoValue`, …).
pub fn is_pseudo(name: &str) -> bool {
    name.starts_with("AWS::")
}

impl Expr {
    /// A string literal.
    pub fn str(s: impl Into<Cow<'static, str>>) -> Expr {
        Expr::Str(s.into())
    }

    /// Calls `f` on each direct sub-expression, in order: the one place that knows where every
    /// variant keeps its children, so that walks over the tree need not repeat it.
    pub fn for_each_child<'a>(&'a self, mut f: impl FnMut(&'a Expr)) {
        match self {
            Expr::Null
            | Expr::Bool(_)
            | Expr::Int(_)
            | Expr::Float(_)
            | Expr::Str(_)
            | Expr::Dynamic(_)
            | Expr::Ref(_)
            | Expr::GetAtt(..)
            | Expr::Condition(_) => {}
            Expr::List(items) | Expr::And(items) | Expr::Or(items) => items.iter().for_each(f),
            Expr::Object(fields) => fields.iter().for_each(|(_, e)| f(e)),
            Expr::Sub(parts) => parts.iter().for_each(|p| {
                if let SubPart::Expr(e) = p {
                    f(e)
                }
            }),
            Expr::Join(_, e)
            | Expr::Split(_, e)
            | Expr::GetAZs(e)
            | Expr::ImportValue(e)
            | Expr::Base64(e)
            | Expr::Not(e)
            | Expr::Length(e)
            | Expr::ToJsonString(e)
            | Expr::After(e, _) => f(e),
            Expr::Select(a, b) | Expr::Equals(a, b) | Expr::If(_, a, b) | Expr::FindInMap(_, a, b, None) => {
                f(a);
                f(b)
            }
            Expr::FindInMap(_, a, b, Some(c)) => {
                f(a);
                f(b);
                f(c)
            }
            Expr::GetStackOutput(o) => {
                f(&o.stack_name);
                f(&o.output_name);
                o.region.iter().chain(&o.role_arn).for_each(f)
            }
            Expr::Cidr(a, b, c) => {
                f(a);
                f(b);
                f(c)
            }
        }
    }

    /// Calls `f` for every name this expression mentions, depth first, in order.
    pub fn mentions<'a>(&'a self, f: &mut impl FnMut(Mention<'a>)) {
        match self {
            Expr::Ref(n) if !is_pseudo(n) => f(Mention::Ref(n)),
            Expr::GetAtt(n, a) => f(Mention::GetAtt(n, a)),
            Expr::If(c, ..) | Expr::Condition(c) => f(Mention::Condition(c)),
            Expr::FindInMap(m, ..) => f(Mention::Mapping(m)),
            Expr::After(_, deps) => deps.iter().for_each(|d| f(Mention::After(d))),
            _ => {}
        }
        self.for_each_child(|e| e.mentions(f));
    }

    /// The expression without ordering wrappers, as it is emitted.
    pub fn strip_after(&self) -> &Expr {
        let mut e = self;
        while let Expr::After(inner, _) = e {
            e = inner;
        }
        e
    }

    /// Wraps the expression in ordering evidence on `deps` (no-op when `deps` is empty).
    pub fn after(self, deps: impl IntoIterator<Item = Ident>) -> Expr {
        let mut deps: Vec<Ident> = deps.into_iter().collect();
        if deps.is_empty() {
            return self;
        }
        match self {
            Expr::After(inner, mut more) => {
                more.append(&mut deps);
                Expr::After(inner, more)
            }
            other => Expr::After(Box::new(other), deps),
        }
    }

    /// The literal string this expression is, if it is one.
    pub fn as_literal_str(&self) -> Option<&str> {
        match self.strip_after() {
            Expr::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Converts plain JSON into an expression, recognising intrinsic functions written as JSON
    /// (`{"Ref": …}`, `{"Fn::GetAtt": …}`, `{"Fn::Sub": "…"}`, …) so that the validator sees
    /// what raw values reference. Unrecognised shapes stay plain objects.
    pub fn from_json(v: serde_json::Value) -> Expr {
        crate::rawjson::from_json(v)
    }
}
