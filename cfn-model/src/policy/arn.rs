//! The resources of a statement: ARNs typed by the IAM resource type they name.

use std::marker::PhantomData;

use crate::expr::{Expr, SubPart};
use crate::value::{Pseudo, Value};

/// An ARN of IAM resource type `K` (`ResourceArn<s3::arns::Object>`): what a statement's
/// `Resource` holds. Handles give them (`bucket.objects_arn()`, and a handle itself for the
/// resource's own ARN); an ARN made elsewhere is [`ResourceArn::external`].
pub struct ResourceArn<K> {
    expr: Expr,
    _p: PhantomData<fn() -> K>,
}

impl<K> Clone for ResourceArn<K> {
    fn clone(&self) -> Self {
        ResourceArn {
            expr: self.expr.clone(),
            _p: PhantomData,
        }
    }
}

impl<K> std::fmt::Debug for ResourceArn<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.expr.fmt(f)
    }
}

impl<K> ResourceArn<K> {
    /// Escape hatch: the ARN (or ARN pattern) of a resource of type `K` this program does not
    /// create. Nothing checks that the text is an ARN of that type; `validate` warns where it
    /// recognises one of another type.
    ///
    /// ```
    /// use cfn_model::policy::ResourceArn;
    /// use cfn_model::aws::s3;
    /// let logs = ResourceArn::<s3::arns::Object>::external("arn:aws:s3:::central-logs/*");
    /// # let _ = logs;
    /// ```
    pub fn external(arn: impl Into<Value<String>>) -> Self {
        ResourceArn::from_expr(arn.into().into_expr())
    }

    /// An ARN built from `expr` (for generated and hand-written handle methods).
    pub(crate) fn from_expr(expr: Expr) -> Self {
        ResourceArn { expr, _p: PhantomData }
    }

    /// An ARN `arn:${AWS::Partition}:<rest>` from parts (a convenience for handle methods).
    #[allow(dead_code)]
    pub(crate) fn sub(parts: impl IntoIterator<Item = SubPart>) -> Self {
        let mut all = vec![
            SubPart::lit("arn:"),
            SubPart::val(Pseudo::partition()),
            SubPart::lit(":"),
        ];
        all.extend(parts);
        ResourceArn::from_expr(Value::<String>::sub(all).into_expr())
    }

    /// The ARN's expression.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// The ARN as a string value (for a property or an output).
    pub fn value(&self) -> Value<String> {
        Value::from_expr(self.expr.clone())
    }
}

/// What a statement's `.on(…)` takes: something that yields an ARN of a known IAM resource type
/// ([`IamResource::Kind`]).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an ARN whose IAM resource type is known",
    label = "a statement's resource must be a typed ARN",
    note = "pass a handle (`&bucket`: the bucket's own ARN), a handle's sub-resource ARN (`bucket.objects_arn()`, `table.indexes_arn()`, `log_group.streams_arn()`), or `ResourceArn::<service::arns::Type>::external(\"arn:…\")`"
)]
pub trait IamResource {
    /// The IAM resource type (`s3::arns::Bucket`).
    type Kind;
    /// The ARN.
    fn into_arn(self) -> Expr;
}

impl<K> IamResource for ResourceArn<K> {
    type Kind = K;
    fn into_arn(self) -> Expr {
        self.expr
    }
}

impl<K> IamResource for &ResourceArn<K> {
    type Kind = K;
    fn into_arn(self) -> Expr {
        self.expr.clone()
    }
}

/// `Self`, the IAM resource type of an ARN given to a grant, is `K`, the type the grant needs
/// (`Grant::encrypted_with` needs a KMS key, `grant_read_write_via` an EFS access point).
#[diagnostic::on_unimplemented(
    message = "an ARN of IAM resource type `{Self}` where one of type `{K}` is needed",
    label = "an ARN of another resource type",
    note = "pass a handle of a resource of that type (`&key`, `&access_point`) or `ResourceArn::<{K}>::external(\"arn:…\")`"
)]
pub trait KindIs<K> {}
impl<K> KindIs<K> for K {}
