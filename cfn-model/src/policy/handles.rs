//! The sub-resource ARNs IAM speaks of that no attribute gives: a bucket's objects, a table's
//! indexes and streams, a log group's streams. (A resource's own ARN is the handle itself,
//! `.on(&bucket)`, generated for every type whose ARN format the data shares.)

#[allow(unused_imports)]
use super::ResourceArn;
#[allow(unused_imports)]
use crate::expr::{Expr, SubPart};
#[allow(unused_imports)]
use crate::stack::Handle;
#[allow(unused_imports)]
use crate::value::{Pseudo, Value};

/// `${<handle>.Arn}<suffix>` as an ARN of type `K`.
#[allow(dead_code)]
fn under<R, S, K>(h: &Handle<R, S>, suffix: String) -> ResourceArn<K> {
    let arn: Value<String> = h.get_att("Arn");
    ResourceArn::from_expr(Value::<String>::sub([SubPart::val(arn), SubPart::lit(suffix)]).into_expr())
}

#[cfg(feature = "s3")]
impl<S> Handle<crate::aws::s3::Bucket, S> {
    /// Every object of the bucket: `${Bucket.Arn}/*` (IAM's `s3:object` resource type).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::policy::Statement;
    /// use cfn_model::aws::s3;
    /// let mut stack: Stack = Stack::new();
    /// let bucket = stack.add("Data", s3::Bucket::new());
    /// let read = Statement::allow(s3::actions::GetObject).on(bucket.objects_arn());
    /// # let _ = read;
    /// ```
    pub fn objects_arn(&self) -> ResourceArn<crate::aws::s3::arns::Object> {
        self.arn_for_objects("*")
    }

    /// The objects whose keys match `pattern` (`"logs/*"`): `${Bucket.Arn}/logs/*`.
    pub fn arn_for_objects(&self, pattern: &str) -> ResourceArn<crate::aws::s3::arns::Object> {
        under(self, format!("/{}", pattern.trim_start_matches('/')))
    }
}

#[cfg(feature = "dynamodb")]
impl<S> Handle<crate::aws::dynamodb::Table, S> {
    /// Every index of the table: `${Table.Arn}/index/*` (IAM's `dynamodb:index`).
    pub fn indexes_arn(&self) -> ResourceArn<crate::aws::dynamodb::arns::Index> {
        under(self, "/index/*".to_string())
    }

    /// The index `name`: `${Table.Arn}/index/<name>`.
    pub fn index_arn(&self, name: &str) -> ResourceArn<crate::aws::dynamodb::arns::Index> {
        under(self, format!("/index/{name}"))
    }

    /// Every stream of the table: `${Table.Arn}/stream/*` (IAM's `dynamodb:stream`).
    pub fn streams_arn(&self) -> ResourceArn<crate::aws::dynamodb::arns::Stream> {
        under(self, "/stream/*".to_string())
    }
}

#[cfg(feature = "logs")]
impl<S> Handle<crate::aws::logs::LogGroup, S> {
    /// Every stream of the log group (IAM's `logs:log-stream`):
    /// `arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${LogGroup}:log-stream:*`.
    /// (The group's own `Arn` attribute, `.on(&log_group)`, already ends in `:*`.)
    pub fn streams_arn(&self) -> ResourceArn<crate::aws::logs::arns::LogStream> {
        ResourceArn::sub([
            SubPart::lit("logs:"),
            SubPart::val(Pseudo::region()),
            SubPart::lit(":"),
            SubPart::val(Pseudo::account_id()),
            SubPart::lit(":log-group:"),
            SubPart::val(self.id()),
            SubPart::lit(":log-stream:*"),
        ])
    }
}
