//! Condition keys and operators: `"Condition": {"StringEquals": {"aws:SourceAccount": "…"}}`.
//!
//! Every key is typed by the service it belongs to: `ConditionKey<S, T>`, generated per service
//! (`cfn_model::aws::s3::conditions::x_amz_acl`), or [`Global`] for the `aws:` keys
//! ([`global`]), which any statement may use. A statement about one service's actions takes only
//! its keys and the global ones.
//!
//! And by the type of value the key holds (`T`, one of [`key_type`], from the service
//! authorization reference: `String`, `ARN`, `Bool`, `Numeric`, `Date`, `IPAddress`; a key
//! holding a list of them has its element's type): each operator takes the keys of its type, so
//! `StringEquals` on an ARN key (which IAM compares as text, not part by part: parliament's
//! `MISMATCHED_TYPE`) does not compile, and the message names `Condition::arn_equals`.
//!
//! ```compile_fail
//! use cfn_model::policy::{global, Condition};
//! // aws:SourceArn holds an ARN: the string operators do not take it.
//! let c: Condition<cfn_model::policy::Global> = Condition::string_equals(global::SourceArn, ["arn:aws:sns:us-east-1:123456789012:t"]);
//! ```

use std::borrow::Cow;
use std::marker::PhantomData;

use crate::expr::Expr;
use crate::value::Value;

/// The service of the global condition keys (`aws:SourceArn`, `aws:SecureTransport`, …).
pub enum Global {}

/// The types of value a condition key holds (the service authorization reference's `String`,
/// `ARN`, `Bool`, `Numeric`, `Date`, `IPAddress`), which decide the operators it takes.
pub mod key_type {
    /// Text: `StringEquals`, `StringLike`, … .
    pub enum TextValues {}
    /// An ARN: `ArnEquals`, `ArnLike`, … .
    pub enum ArnValues {}
    /// A boolean: `Bool`.
    pub enum BoolValues {}
    /// A number: `NumericEquals`, `NumericLessThan`, … .
    pub enum NumericValues {}
    /// A date: `DateGreaterThan`, `DateLessThan`.
    pub enum DateValues {}
    /// An IP address: `IpAddress`, `NotIpAddress`.
    pub enum IpValues {}
}

macro_rules! operand_trait {
    ($(#[$doc:meta])* $name:ident for $ty:ident, $msg:literal, $label:literal, $ops:literal) => {
        $(#[$doc])*
        #[diagnostic::on_unimplemented(
            message = $msg,
            label = $label,
            note = "each operator takes the keys of its value type (the service authorization reference's): an ARN key `Condition::arn_equals`/`arn_like`, a text key `string_equals`/`string_like`, a boolean key `Condition::bool`, a numeric key `numeric_*`, a date key `date_*`, an IP key `ip_address`",
            note = $ops
        )]
        pub trait $name {}
        #[diagnostic::do_not_recommend]
        impl $name for key_type::$ty {}
    };
}

operand_trait!(
    /// Keys the string operators take (`StringEquals`, `StringLike`, …).
    StringKey for TextValues,
    "a condition key of `{Self}` does not take the string operators",
    "not a key of text values",
    "the string operators: `string_equals`, `string_not_equals`, `string_equals_ignore_case`, `string_like`, `string_not_like`"
);
operand_trait!(
    /// Keys the ARN operators take (`ArnEquals`, `ArnLike`, …).
    ArnKey for ArnValues,
    "a condition key of `{Self}` does not take the ARN operators",
    "not a key of ARN values",
    "the ARN operators: `arn_equals`, `arn_like`, `arn_not_equals`, `arn_not_like`"
);
operand_trait!(
    /// Keys `Bool` takes.
    BoolKey for BoolValues,
    "a condition key of `{Self}` does not take `Bool`",
    "not a key of boolean values",
    "the boolean operator: `bool`"
);
operand_trait!(
    /// Keys the numeric operators take.
    NumKey for NumericValues,
    "a condition key of `{Self}` does not take the numeric operators",
    "not a key of numeric values",
    "the numeric operators: `numeric_equals`, `numeric_less_than`, `numeric_less_than_equals`, `numeric_greater_than`, `numeric_greater_than_equals`"
);
operand_trait!(
    /// Keys the date operators take.
    DateKey for DateValues,
    "a condition key of `{Self}` does not take the date operators",
    "not a key of date values",
    "the date operators: `date_greater_than`, `date_less_than`"
);
operand_trait!(
    /// Keys the IP address operators take.
    IpKey for IpValues,
    "a condition key of `{Self}` does not take the IP address operators",
    "not a key of IP address values",
    "the IP address operators: `ip_address`, `not_ip_address`"
);

/// A condition key of service `S` (`s3:x-amz-acl`), or of every service for `S` = [`Global`],
/// holding values of type `T` (a [`key_type`]).
pub struct ConditionKey<S, T = key_type::TextValues> {
    name: Cow<'static, str>,
    _p: PhantomData<fn() -> (S, T)>,
}

impl<S, T> Clone for ConditionKey<S, T> {
    fn clone(&self) -> Self {
        ConditionKey {
            name: self.name.clone(),
            _p: PhantomData,
        }
    }
}

impl<S, T> std::fmt::Debug for ConditionKey<S, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ConditionKey({})", self.name)
    }
}

impl<S, T> ConditionKey<S, T> {
    /// The key `name` (generated code writes these; `name` must be a key of `S` holding `T`).
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
pub struct KeyTemplate<S, T = key_type::TextValues> {
    /// Text before the placeholder (`aws:ResourceTag/`).
    before: &'static str,
    /// Text after it (usually empty).
    after: &'static str,
    _p: PhantomData<fn() -> (S, T)>,
}

impl<S, T> Clone for KeyTemplate<S, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S, T> Copy for KeyTemplate<S, T> {}

impl<S, T> KeyTemplate<S, T> {
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
    pub fn key(&self, part: &str) -> ConditionKey<S, T> {
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
    ($($(#[$doc:meta])* $f:ident: $bound:ident => $op:literal;)*) => {$(
        $(#[$doc])*
        pub fn $f<T: $bound, V: Into<Value<String>>>(key: ConditionKey<S, T>, values: impl IntoIterator<Item = V>) -> Self {
            Condition::new($op, key, values.into_iter().map(|v| v.into().into_expr()).collect())
        }
    )*};
}

impl<S> Condition<S> {
    fn new<T>(op: &'static str, key: ConditionKey<S, T>, values: Vec<Expr>) -> Self {
        Condition {
            op: Cow::Borrowed(op),
            key: key.name,
            values,
            _p: PhantomData,
        }
    }

    string_ops! {
        /// `StringEquals`: the key equals one of `values` (case-sensitive).
        string_equals: StringKey => "StringEquals";
        /// `StringNotEquals`.
        string_not_equals: StringKey => "StringNotEquals";
        /// `StringEqualsIgnoreCase`.
        string_equals_ignore_case: StringKey => "StringEqualsIgnoreCase";
        /// `StringLike`: the key matches one of the patterns (`*`, `?`).
        string_like: StringKey => "StringLike";
        /// `StringNotLike`.
        string_not_like: StringKey => "StringNotLike";
        /// `ArnEquals`.
        arn_equals: ArnKey => "ArnEquals";
        /// `ArnLike`: the key matches one of the ARN patterns.
        arn_like: ArnKey => "ArnLike";
        /// `ArnNotLike`.
        arn_not_like: ArnKey => "ArnNotLike";
        /// `ArnNotEquals`.
        arn_not_equals: ArnKey => "ArnNotEquals";
        /// `IpAddress`: the key is in one of the CIDR blocks.
        ip_address: IpKey => "IpAddress";
        /// `NotIpAddress`.
        not_ip_address: IpKey => "NotIpAddress";
        /// `DateGreaterThan` (ISO 8601 dates or epoch seconds).
        date_greater_than: DateKey => "DateGreaterThan";
        /// `DateLessThan`.
        date_less_than: DateKey => "DateLessThan";
    }

    /// `Bool`: the key is `true` or `false` (`aws:SecureTransport`).
    pub fn bool<T: BoolKey>(key: ConditionKey<S, T>, value: bool) -> Self {
        Condition::new(
            "Bool",
            key,
            vec![Expr::Str(Cow::Borrowed(if value { "true" } else { "false" }))],
        )
    }

    /// `Null`: the key is absent (`true`) or present (`false`) in the request.
    pub fn null<T>(key: ConditionKey<S, T>, absent: bool) -> Self {
        Condition::new(
            "Null",
            key,
            vec![Expr::Str(Cow::Borrowed(if absent { "true" } else { "false" }))],
        )
    }

    /// `NumericEquals`.
    pub fn numeric_equals<T: NumKey>(key: ConditionKey<S, T>, value: i64) -> Self {
        Condition::new("NumericEquals", key, vec![Expr::Int(value)])
    }

    /// `NumericLessThan`.
    pub fn numeric_less_than<T: NumKey>(key: ConditionKey<S, T>, value: i64) -> Self {
        Condition::new("NumericLessThan", key, vec![Expr::Int(value)])
    }

    /// `NumericLessThanEquals`.
    pub fn numeric_less_than_equals<T: NumKey>(key: ConditionKey<S, T>, value: i64) -> Self {
        Condition::new("NumericLessThanEquals", key, vec![Expr::Int(value)])
    }

    /// `NumericGreaterThan`.
    pub fn numeric_greater_than<T: NumKey>(key: ConditionKey<S, T>, value: i64) -> Self {
        Condition::new("NumericGreaterThan", key, vec![Expr::Int(value)])
    }

    /// `NumericGreaterThanEquals`.
    pub fn numeric_greater_than_equals<T: NumKey>(key: ConditionKey<S, T>, value: i64) -> Self {
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
    use super::{key_type as t, ConditionKey, Global, KeyTemplate};

    macro_rules! keys {
        ($($(#[$doc:meta])* $name:ident: $ty:ident = $key:literal;)*) => {$(
            $(#[$doc])*
            pub const $name: ConditionKey<Global, t::$ty> = ConditionKey::from_static($key);
        )*};
    }

    keys! {
        /// `aws:SourceArn`: the ARN of the resource making a service-to-service request.
        SourceArn: ArnValues = "aws:SourceArn";
        /// `aws:SourceAccount`: the account of the resource making a service-to-service request.
        SourceAccount: TextValues = "aws:SourceAccount";
        /// `aws:SourceOrgID`.
        SourceOrgID: TextValues = "aws:SourceOrgID";
        /// `aws:SourceVpc`.
        SourceVpc: TextValues = "aws:SourceVpc";
        /// `aws:SourceVpce`.
        SourceVpce: TextValues = "aws:SourceVpce";
        /// `aws:SourceIp`.
        SourceIp: IpValues = "aws:SourceIp";
        /// `aws:SecureTransport`: the request came over TLS.
        SecureTransport: BoolValues = "aws:SecureTransport";
        /// `aws:PrincipalArn`.
        PrincipalArn: ArnValues = "aws:PrincipalArn";
        /// `aws:PrincipalAccount`.
        PrincipalAccount: TextValues = "aws:PrincipalAccount";
        /// `aws:PrincipalOrgID`.
        PrincipalOrgID: TextValues = "aws:PrincipalOrgID";
        /// `aws:PrincipalOrgPaths`.
        PrincipalOrgPaths: TextValues = "aws:PrincipalOrgPaths";
        /// `aws:PrincipalIsAWSService`.
        PrincipalIsAWSService: BoolValues = "aws:PrincipalIsAWSService";
        /// `aws:PrincipalServiceName`.
        PrincipalServiceName: TextValues = "aws:PrincipalServiceName";
        /// `aws:PrincipalType`.
        PrincipalType: TextValues = "aws:PrincipalType";
        /// `aws:CalledVia`.
        CalledVia: TextValues = "aws:CalledVia";
        /// `aws:ViaAWSService`.
        ViaAWSService: BoolValues = "aws:ViaAWSService";
        /// `aws:RequestedRegion`.
        RequestedRegion: TextValues = "aws:RequestedRegion";
        /// `aws:ResourceAccount`.
        ResourceAccount: TextValues = "aws:ResourceAccount";
        /// `aws:ResourceOrgID`.
        ResourceOrgID: TextValues = "aws:ResourceOrgID";
        /// `aws:TagKeys`: the tag keys in the request.
        TagKeys: TextValues = "aws:TagKeys";
        /// `aws:MultiFactorAuthPresent`.
        MultiFactorAuthPresent: BoolValues = "aws:MultiFactorAuthPresent";
        /// `aws:MultiFactorAuthAge`.
        MultiFactorAuthAge: NumericValues = "aws:MultiFactorAuthAge";
        /// `aws:CurrentTime`.
        CurrentTime: DateValues = "aws:CurrentTime";
        /// `aws:EpochTime`.
        EpochTime: DateValues = "aws:EpochTime";
        /// `aws:userid`.
        userid: TextValues = "aws:userid";
        /// `aws:username`.
        username: TextValues = "aws:username";
        /// `aws:VpcSourceIp`.
        VpcSourceIp: IpValues = "aws:VpcSourceIp";
    }

    /// `aws:RequestTag/${TagKey}`: a tag in the request (`RequestTag.key("Team")`).
    pub const RequestTag: KeyTemplate<Global> = KeyTemplate::new("aws:RequestTag/", "");
    /// `aws:ResourceTag/${TagKey}`: a tag on the resource.
    pub const ResourceTag: KeyTemplate<Global> = KeyTemplate::new("aws:ResourceTag/", "");
    /// `aws:PrincipalTag/${TagKey}`: a tag on the principal.
    pub const PrincipalTag: KeyTemplate<Global> = KeyTemplate::new("aws:PrincipalTag/", "");
}
