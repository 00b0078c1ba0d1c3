//! JSON documents with typed values inside (policy documents, state machine definitions, …):
//! [`cfn_json!`](crate::cfn_json) and the [`IntoJsonLeaf`] trait that says what may stand as a
//! leaf.
//!
//! Keys are literal strings; a leaf is a JSON literal (`"text"`, `42`, `true`, `null`), a nested
//! object or array, or any typed value (`bucket.arn()`, `sub!("…")`, a parameter, a dynamic
//! reference turned into a `Value`). The result is a `Value<Json>`, whose intrinsics keep their
//! references, so the dependencies and the validator see them.
//!
//! ```
//! use cfn_model::prelude::*;
//! let mut s: Stack = Stack::new();
//! let bucket = s.add("Bucket", RawResource::of("AWS::S3::Bucket"));
//! let objects = Value::<String>::sub([SubPart::val(bucket.get_att::<String>("Arn")), SubPart::lit("/*")]);
//! let doc: Value<Json> = cfn_json!({
//!     "Version": "2012-10-17",
//!     "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": objects}]
//! });
//! ```

use std::borrow::Cow;

use crate::expr::Expr;
use crate::params::{Param, ParamType};
use crate::value::Value;

/// What may stand as a leaf of [`cfn_json!`](crate::cfn_json): any typed [`Value`] (or a
/// reference to one, or a parameter), a string, number or boolean literal, a `serde_json::Value`,
/// and lists of leaves.
///
/// ```
/// use cfn_model::prelude::*;
/// use cfn_model::jsonval::IntoJsonLeaf;
/// assert_eq!(42.into_json_expr(), cfn_model::Expr::Int(42));
/// assert_eq!(Pseudo::region().into_json_expr(), cfn_model::Expr::Ref("AWS::Region".into()));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot stand in a `cfn_json!` document",
    label = "not a JSON literal or a typed `Value`",
    note = "a leaf is a string, number or boolean literal, `null`, a nested `{{…}}` or `[…]`, or a typed `Value` (`bucket.arn()`, `sub!(\"…\")`, `param.value()`); for a handle write `handle.id()` or one of its attributes"
)]
pub trait IntoJsonLeaf {
    /// The leaf as an expression.
    fn into_json_expr(self) -> Expr;
}

impl<T> IntoJsonLeaf for Value<T> {
    fn into_json_expr(self) -> Expr {
        self.into_expr()
    }
}
impl<T> IntoJsonLeaf for &Value<T> {
    fn into_json_expr(self) -> Expr {
        self.expr().clone()
    }
}
impl<T: ParamType> IntoJsonLeaf for &Param<T> {
    fn into_json_expr(self) -> Expr {
        self.value().into_expr()
    }
}
impl IntoJsonLeaf for &'static str {
    fn into_json_expr(self) -> Expr {
        Expr::Str(Cow::Borrowed(self))
    }
}
impl IntoJsonLeaf for String {
    fn into_json_expr(self) -> Expr {
        Expr::Str(Cow::Owned(self))
    }
}
impl IntoJsonLeaf for bool {
    fn into_json_expr(self) -> Expr {
        Expr::Bool(self)
    }
}
macro_rules! int_leaf {
    ($($t:ty),*) => {$(
        impl IntoJsonLeaf for $t {
            fn into_json_expr(self) -> Expr { Expr::Int(i64::from(self)) }
        }
    )*};
}
int_leaf!(i32, i64, u8, u16, u32);
impl IntoJsonLeaf for f64 {
    fn into_json_expr(self) -> Expr {
        Expr::Float(self)
    }
}
impl IntoJsonLeaf for serde_json::Value {
    fn into_json_expr(self) -> Expr {
        Expr::from_json(self)
    }
}
impl<X: IntoJsonLeaf> IntoJsonLeaf for Vec<X> {
    fn into_json_expr(self) -> Expr {
        Expr::List(self.into_iter().map(IntoJsonLeaf::into_json_expr).collect())
    }
}
impl<X: IntoJsonLeaf, const N: usize> IntoJsonLeaf for [X; N] {
    fn into_json_expr(self) -> Expr {
        Expr::List(self.into_iter().map(IntoJsonLeaf::into_json_expr).collect())
    }
}

/// A leaf, for [`cfn_json!`](crate::cfn_json): the function the macro calls.
///
/// ```
/// use cfn_model::prelude::*;
/// assert_eq!(cfn_model::jsonval::leaf("x"), cfn_model::Expr::str("x"));
/// ```
pub fn leaf(x: impl IntoJsonLeaf) -> Expr {
    x.into_json_expr()
}

/// An object of `fields` as a `Value<Json>`, for [`cfn_json!`](crate::cfn_json) and builders.
///
/// ```
/// use cfn_model::prelude::*;
/// let v = cfn_model::jsonval::object(vec![("Effect", cfn_model::jsonval::leaf("Allow"))]);
/// ```
pub fn object(fields: Vec<(&'static str, Expr)>) -> Value<crate::value::Json> {
    Value::from_expr(Expr::Object(
        fields.into_iter().map(|(k, v)| (Cow::Borrowed(k), v)).collect(),
    ))
}

/// A JSON document (`Value<Json>`) whose leaves may be typed values: policy documents, state
/// machine definitions, any free-form property. Keys are string literals; a leaf is a JSON
/// literal, `null`, a nested `{…}` or `[…]`, or any expression implementing
/// [`IntoJsonLeaf`](crate::jsonval::IntoJsonLeaf) (every `Value<T>`, `&Value<T>`, `&Param<T>`,
/// literals).
///
/// ```
/// use cfn_model::prelude::*;
/// let mut s: Stack = Stack::new();
/// let env = s.parameter("Env", Parameter::string());
/// let topic = s.add("Topic", RawResource::of("AWS::SNS::Topic"));
/// let doc = cfn_json!({
///     "Effect": "Allow",
///     "Action": ["sns:Publish"],
///     "Resource": topic.id(),
///     "Condition": {"StringEquals": {"aws:ResourceTag/Env": &env}},
///     "Sid": null,
///     "Weight": 3
/// });
/// assert!(matches!(doc.expr(), cfn_model::Expr::Object(f) if f.len() == 6));
/// ```
#[macro_export]
macro_rules! cfn_json {
    (@value null) => { $crate::Expr::Null };
    (@value { $($body:tt)* }) => {
        $crate::Expr::Object($crate::cfn_json!(@object [] $($body)*))
    };
    (@value [ $($body:tt)* ]) => {
        $crate::Expr::List($crate::cfn_json!(@array [] $($body)*))
    };
    (@value $e:expr) => { $crate::jsonval::leaf($e) };

    // Objects: `"key": value` entries, comma separated, an optional trailing comma.
    (@object [$($out:expr,)*]) => { ::std::vec![$($out,)*] };
    (@object [$($out:expr,)*] $k:literal : null $(, $($rest:tt)*)?) => {
        $crate::cfn_json!(@object [$($out,)* (::std::borrow::Cow::Borrowed($k), $crate::Expr::Null),] $($($rest)*)?)
    };
    (@object [$($out:expr,)*] $k:literal : { $($v:tt)* } $(, $($rest:tt)*)?) => {
        $crate::cfn_json!(@object [$($out,)* (::std::borrow::Cow::Borrowed($k), $crate::cfn_json!(@value { $($v)* })),] $($($rest)*)?)
    };
    (@object [$($out:expr,)*] $k:literal : [ $($v:tt)* ] $(, $($rest:tt)*)?) => {
        $crate::cfn_json!(@object [$($out,)* (::std::borrow::Cow::Borrowed($k), $crate::cfn_json!(@value [ $($v)* ])),] $($($rest)*)?)
    };
    (@object [$($out:expr,)*] $k:literal : $v:expr $(, $($rest:tt)*)?) => {
        $crate::cfn_json!(@object [$($out,)* (::std::borrow::Cow::Borrowed($k), $crate::jsonval::leaf($v)),] $($($rest)*)?)
    };

    // Arrays: values, comma separated, an optional trailing comma.
    (@array [$($out:expr,)*]) => { ::std::vec![$($out,)*] };
    (@array [$($out:expr,)*] null $(, $($rest:tt)*)?) => {
        $crate::cfn_json!(@array [$($out,)* $crate::Expr::Null,] $($($rest)*)?)
    };
    (@array [$($out:expr,)*] { $($v:tt)* } $(, $($rest:tt)*)?) => {
        $crate::cfn_json!(@array [$($out,)* $crate::cfn_json!(@value { $($v)* }),] $($($rest)*)?)
    };
    (@array [$($out:expr,)*] [ $($v:tt)* ] $(, $($rest:tt)*)?) => {
        $crate::cfn_json!(@array [$($out,)* $crate::cfn_json!(@value [ $($v)* ]),] $($($rest)*)?)
    };
    (@array [$($out:expr,)*] $v:expr $(, $($rest:tt)*)?) => {
        $crate::cfn_json!(@array [$($out,)* $crate::jsonval::leaf($v),] $($($rest)*)?)
    };

    // The entry point, last so that the internal `@` rules match first.
    ($($json:tt)+) => {
        $crate::Value::<$crate::Json>::from_expr($crate::cfn_json!(@value $($json)+))
    };
}
