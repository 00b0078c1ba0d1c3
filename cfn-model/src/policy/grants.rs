//! Grants: the identity-policy statements a role needs for one use of a resource, written by the
//! resource's handle (`bucket.grant_read()`, `queue.grant_send()`, `secret.grant_read()`), and
//! the resource-policy statements a service principal needs (`queue.allow_send_from(…)`,
//! `function.allow_invoke_from(…)`).
//!
//! A [`Grant`] is a list of statements. It reaches a role in one of two ways:
//!
//! * inline, the default: [`PolicyDocument::grant`] adds it to the document of one of the role's
//!   `Policies` (`iam::role::Policy::new(doc, "name")`), written before the role is added. An
//!   inline policy is part of the role, so every resource that uses the role's ARN already waits
//!   for its permissions: the ordering is right by construction.
//! * for a role already added (another stack part owns it), [`Stack::grant`] adds an
//!   `AWS::IAM::Policy` attached to it, under a logical id the caller chooses, and returns a
//!   [`GrantedRole`] whose `arn()` waits for that policy (`DependsOn`): CloudFormation documents
//!   that a resource using a role must wait for an external policy of the role (ordering
//!   `iam-external-policy`; `validate` reports `iam-policy-order` where it does not).
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::policy::{PolicyDocument, Principal, Statement};
//! use cfn_model::aws::{iam, s3, sqs};
//!
//! let mut stack: Stack = Stack::new();
//! let bucket = stack.add("Uploads", s3::Bucket::new());
//! let queue = stack.add("Jobs", sqs::Queue::new());
//! let trust = PolicyDocument::new().statement(
//!     Statement::allow(iam::sts::actions::AssumeRole).trusting(Principal::service("lambda.amazonaws.com")),
//! );
//! let grants = PolicyDocument::new().grant(bucket.grant_read()).grant(queue.grant_consume());
//! let role = stack.add(
//!     "Worker",
//!     iam::Role::new(trust).policies(vec![iam::role::Policy::new(grants, "worker")]),
//! );
//! # let _ = role;
//! ```
//!
//! # How the action lists are computed
//!
//! Where the service authorization reference can decide, the actions come from the data
//! ([`actions_on`]): every action of the service at the grant's access levels whose resource
//! types include the IAM resource type of the ARN the statement names. `grant_read` is `Read`
//! and `List` on the resource's types (a bucket: `Read`/`List` on `bucket`, on the bucket's ARN,
//! and on `object`, on `${Bucket.Arn}/*`); S3's `grant_write` is `Write` on `object`.
//!
//! The reference's `Write` level on a resource itself also holds creating and deleting it
//! (`s3:DeleteBucket`, `dynamodb:DeleteTable`, `sqs:DeleteQueue`, `sns:DeleteTopic`) and
//! changing its configuration: the data cannot tell the data plane from the control plane, so
//! the writing grants (`grant_write_data`, `grant_send`, `grant_consume`, `grant_publish`,
//! `grant_encrypt`, `grant_pull`, …) list the generated action constants they need, each named
//! in the method's documentation; the compiler checks each acts on the statement's resource type.
//!
//! Statements stay small: the largest grant (`grant_read_write` on a bucket) is about 60 actions,
//! some 2 KB of the 10,240 characters IAM allows a role's inline policies together.
//!
//! # Encrypted resources
//!
//! A resource encrypted with a customer managed KMS key needs the key too:
//! [`Grant::encrypted_with`] adds `kms:Decrypt` for reading grants and `kms:GenerateDataKey` and
//! `kms:Decrypt` for writing ones, on that key only, and only through the resource's service
//! (`kms:ViaService`), as CDK's grants do for a bucket's key.

#[allow(unused_imports)]
use super::{global, Condition, IamResource, KindIs, Principal};
use super::{AccessLevel, ActionInfo, Effect, PolicyDocument, ResourceArn, ResourceType, Statement};
#[allow(unused_imports)]
use crate::expr::SubPart;
#[allow(unused_imports)]
use crate::stack::{Handle, Stack};
#[allow(unused_imports)]
use crate::value::{Pseudo, Value};

/// The actions of `all` (a generated `actions::ALL`) at one of `levels` that act on the IAM
/// resource type `K`: how grants compute their lists from the data.
///
/// ```
/// use cfn_model::policy::{actions_on, AccessLevel};
/// use cfn_model::aws::secretsmanager;
/// let read: Vec<&str> = actions_on::<secretsmanager::arns::Secret>(
///     secretsmanager::actions::ALL,
///     &[AccessLevel::Read, AccessLevel::List],
/// )
/// .map(|a| a.name)
/// .collect();
/// assert!(read.contains(&"secretsmanager:GetSecretValue"));
/// assert!(!read.contains(&"secretsmanager:PutSecretValue"));
/// ```
pub fn actions_on<K: ResourceType>(
    all: &'static [ActionInfo],
    levels: &[AccessLevel],
) -> impl Iterator<Item = &'static ActionInfo> {
    let levels = levels.to_vec();
    all.iter()
        .filter(move |a| levels.contains(&a.level) && a.resource_types.contains(&K::NAME))
}

/// `Read` and `List`: what the reading grants ask of the data.
#[allow(dead_code)]
const READ: &[AccessLevel] = &[AccessLevel::Read, AccessLevel::List];

/// The statements a grantee needs for one use of a resource (see the [module](self) docs). Add
/// it to a role's inline policy with [`PolicyDocument::grant`], or to a role already added with
/// [`Stack::grant`].
#[derive(Clone, Debug, Default)]
#[must_use = "a grant does nothing until it is added to a policy: `PolicyDocument::grant`, `Stack::grant`"]
pub struct Grant {
    statements: Vec<Statement>,
    /// The services that use a KMS key on the grantee's behalf (`s3`), for `kms:ViaService`.
    via: Vec<&'static str>,
    decrypt: bool,
    encrypt: bool,
}

impl Grant {
    /// A grant of `statements` (for grants written outside this crate).
    pub fn of(statements: impl IntoIterator<Item = Statement>) -> Grant {
        Grant {
            statements: statements.into_iter().collect(),
            ..Grant::default()
        }
    }

    /// The statements.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// Every action the grant allows, in order, without repeats.
    pub fn actions(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for a in self.statements.iter().flat_map(|s| s.actions().iter()) {
            if !out.contains(a) {
                out.push(a);
            }
        }
        out
    }

    /// This grant and `other` (`bucket.grant_read().and(queue.grant_send())`).
    pub fn and(mut self, other: Grant) -> Grant {
        self.statements.extend(other.statements);
        self.decrypt |= other.decrypt;
        self.encrypt |= other.encrypt;
        for v in other.via {
            if !self.via.contains(&v) {
                self.via.push(v);
            }
        }
        self
    }

    // Used by the per-service grants, each behind its service's feature (none with no service).
    #[allow(dead_code)]
    fn via(mut self, service: &'static str, decrypt: bool, encrypt: bool) -> Grant {
        if !self.via.contains(&service) {
            self.via.push(service);
        }
        self.decrypt |= decrypt;
        self.encrypt |= encrypt;
        self
    }

    // Used by the per-service grants, each behind its service's feature (none with no service).
    #[allow(dead_code)]
    fn with(mut self, st: impl Into<Statement>) -> Grant {
        self.statements.push(st.into());
        self
    }

    // Used by the per-service grants, each behind its service's feature (none with no service).
    #[allow(dead_code)]
    fn data<K: ResourceType>(self, all: &'static [ActionInfo], levels: &[AccessLevel], on: &ResourceArn<K>) -> Grant {
        self.with(Statement::from_data_unchecked(
            Effect::Allow,
            actions_on::<K>(all, levels),
            [on.value()],
        ))
    }

    /// The resource is encrypted with the customer managed KMS key `key` (a handle, or
    /// `ResourceArn::<kms::arns::Key>::external(…)`): adds the key's actions the grant needs
    /// (`kms:Decrypt` to read; `kms:GenerateDataKey` and `kms:Decrypt` to write) on that key,
    /// only through the services of the grant's resources (`kms:ViaService` =
    /// `<service>.${AWS::Region}.amazonaws.com`, one value per service for grants joined with
    /// [`Grant::and`]). A grant that names no service (a key's own grants, a log group's) is
    /// returned unchanged.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::{kms, s3};
    /// let mut stack: Stack = Stack::new();
    /// let key = stack.add("DataKey", kms::Key::new().enable_key_rotation(true));
    /// let bucket = stack.add("Data", s3::Bucket::new());
    /// let read = bucket.grant_read().encrypted_with(&key);
    /// assert!(read.actions().contains(&"kms:Decrypt"));
    /// assert!(!read.actions().contains(&"kms:GenerateDataKey"));
    /// ```
    #[cfg(feature = "kms")]
    pub fn encrypted_with<A: IamResource>(self, key: A) -> Grant
    where
        A::Kind: KindIs<crate::aws::kms::arns::Key>,
    {
        use crate::aws::kms;
        let key = ResourceArn::<kms::arns::Key>::from_expr(key.into_arn());
        if self.via.is_empty() {
            return self;
        }
        let via = Condition::string_equals(
            kms::conditions::ViaService,
            self.via.iter().map(|service| {
                Value::<String>::sub([
                    SubPart::lit(format!("{service}.")),
                    SubPart::val(Pseudo::region()),
                    SubPart::lit(".amazonaws.com"),
                ])
            }),
        );
        let st = match (self.encrypt, self.decrypt) {
            (true, _) => Statement::allow(kms::actions::GenerateDataKey)
                .on(&key)
                .action(kms::actions::Decrypt)
                .when(via),
            (false, true) => Statement::allow(kms::actions::Decrypt).on(&key).when(via),
            (false, false) => return self,
        };
        self.with(st)
    }
}

impl PolicyDocument {
    /// Adds the statements of `grant` (`PolicyDocument::new().grant(bucket.grant_read())`).
    pub fn grant(mut self, grant: Grant) -> Self {
        self.push_grant(grant);
        self
    }

    /// Adds the statements of `grant` in place.
    pub fn push_grant(&mut self, grant: Grant) {
        for st in grant.statements {
            self.push(st);
        }
    }
}

impl From<Grant> for PolicyDocument {
    fn from(g: Grant) -> Self {
        PolicyDocument::new().grant(g)
    }
}

impl<K> ResourceArn<K> {
    /// The typed ARN of `r`: a handle (`&bucket`), a sub-resource ARN or an external one.
    pub fn of<A: IamResource<Kind = K>>(r: A) -> Self {
        ResourceArn::from_expr(r.into_arn())
    }

    /// `${self}<suffix>`, an ARN of type `K2` (for a resource's sub-resources).
    #[allow(dead_code)]
    fn suffixed<K2>(&self, suffix: &str) -> ResourceArn<K2> {
        ResourceArn::from_expr(
            Value::<String>::sub([SubPart::val(self.value()), SubPart::lit(suffix.to_string())]).into_expr(),
        )
    }
}

/// The resource statement of a service principal: `service` may do `first` (and the other
/// actions) on `on`, only on behalf of `source_arn` (`aws:SourceArn`, `ArnEquals`) in this
/// account (`aws:SourceAccount`): the confused-deputy guard AWS documents.
#[allow(dead_code)]
fn from_service<S, Rs, K, I>(
    first: super::Action<S, Rs>,
    on: &ResourceArn<K>,
    service: &str,
    source_arn: Value<String>,
) -> super::Scoped<S, K>
where
    Rs: super::ActsOn<K, I>,
    S: super::IamService,
{
    Statement::allow(first)
        .on(on)
        .principal(Principal::service(service.to_string()))
        .when(Condition::arn_equals(global::SourceArn, [source_arn]))
        .when(Condition::string_equals(global::SourceAccount, [Pseudo::account_id()]))
}

/// Writes, for each handle type, methods that delegate to the grants of its typed ARN.
macro_rules! handle_grants {
    ($feature:literal, $res:ty => $kind:ty { $($name:ident),* $(,)? }) => {
        #[cfg(feature = $feature)]
        impl<S> Handle<$res, S> {
            $(
                #[doc = concat!("`", stringify!($name), "` on this resource's ARN: see [`ResourceArn::", stringify!($name), "`](ResourceArn#method.", stringify!($name), ").")]
                pub fn $name(&self) -> Grant {
                    ResourceArn::<$kind>::of(self).$name()
                }
            )*
        }
    };
}

// ---------------------------------------------------------------------------------------------
// S3

#[cfg(feature = "s3")]
impl ResourceArn<crate::aws::s3::arns::Bucket> {
    /// Read the bucket and its objects: the data's `Read` and `List` actions on `bucket` (on the
    /// bucket's ARN: `s3:ListBucket`, `s3:GetBucketLocation`, …) and on `object` (on
    /// `${Bucket.Arn}/*`: `s3:GetObject`, `s3:GetObjectVersion`, …).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::s3;
    /// let mut stack: Stack = Stack::new();
    /// let bucket = stack.add("Data", s3::Bucket::new());
    /// let g = bucket.grant_read();
    /// assert!(g.actions().contains(&"s3:GetObject") && g.actions().contains(&"s3:ListBucket"));
    /// assert!(!g.actions().contains(&"s3:PutObject"));
    /// ```
    pub fn grant_read(&self) -> Grant {
        use crate::aws::s3;
        Grant::default()
            .via("s3", true, false)
            .data(s3::actions::ALL, READ, self)
            .data(s3::actions::ALL, READ, &self.suffixed::<s3::arns::Object>("/*"))
    }

    /// Write, overwrite and delete the bucket's objects: the data's `Write` actions on `object`
    /// (`s3:PutObject`, `s3:DeleteObject`, `s3:AbortMultipartUpload`, …), on `${Bucket.Arn}/*`.
    /// Nothing on the bucket itself.
    pub fn grant_write(&self) -> Grant {
        use crate::aws::s3;
        Grant::default().via("s3", false, true).data(
            s3::actions::ALL,
            &[AccessLevel::Write],
            &self.suffixed::<s3::arns::Object>("/*"),
        )
    }

    /// [`grant_read`](Self::grant_read) and [`grant_write`](Self::grant_write).
    pub fn grant_read_write(&self) -> Grant {
        self.grant_read().and(self.grant_write())
    }

    /// Put objects only: `s3:PutObject` on `${Bucket.Arn}/*`.
    pub fn grant_put(&self) -> Grant {
        use crate::aws::s3;
        Grant::default()
            .via("s3", false, true)
            .with(Statement::allow(s3::actions::PutObject).on(self.suffixed::<s3::arns::Object>("/*")))
    }
}
handle_grants!("s3", crate::aws::s3::Bucket => crate::aws::s3::arns::Bucket {
    grant_read, grant_write, grant_read_write, grant_put
});

// ---------------------------------------------------------------------------------------------
// DynamoDB

#[cfg(feature = "dynamodb")]
impl ResourceArn<crate::aws::dynamodb::arns::Table> {
    /// Read the table and its indexes: the data's `Read` and `List` actions on `table` (on the
    /// table's ARN: `dynamodb:GetItem`, `dynamodb:Query`, `dynamodb:Scan`, `dynamodb:DescribeTable`,
    /// …) and on `index` (on `${Table.Arn}/index/*`).
    pub fn grant_read(&self) -> Grant {
        use crate::aws::dynamodb;
        Grant::default()
            .via("dynamodb", true, false)
            .data(dynamodb::actions::ALL, READ, self)
            .data(
                dynamodb::actions::ALL,
                READ,
                &self.suffixed::<dynamodb::arns::Index>("/index/*"),
            )
    }

    /// Write items (not the table): `dynamodb:PutItem`, `UpdateItem`, `DeleteItem`,
    /// `BatchWriteItem`, `ConditionCheckItem` and `DescribeTable`, on the table. (The data's
    /// `Write` on `table` also holds `DeleteTable` and `UpdateTable`: not computed from it.)
    pub fn grant_write_data(&self) -> Grant {
        use crate::aws::dynamodb::actions as a;
        Grant::default().via("dynamodb", false, true).with(
            Statement::allow(a::PutItem)
                .on(self)
                .action(a::UpdateItem)
                .action(a::DeleteItem)
                .action(a::BatchWriteItem)
                .action(a::ConditionCheckItem)
                .action(a::DescribeTable),
        )
    }

    /// [`grant_read`](Self::grant_read) and [`grant_write_data`](Self::grant_write_data).
    pub fn grant_read_write_data(&self) -> Grant {
        self.grant_read().and(self.grant_write_data())
    }

    /// Read the table's streams: the data's `Read` actions on `stream` (`dynamodb:GetRecords`,
    /// `GetShardIterator`, `DescribeStream`), on `${Table.Arn}/stream/*`.
    pub fn grant_stream_read(&self) -> Grant {
        use crate::aws::dynamodb;
        Grant::default().via("dynamodb", true, false).data(
            dynamodb::actions::ALL,
            READ,
            &self.suffixed::<dynamodb::arns::Stream>("/stream/*"),
        )
    }
}
handle_grants!("dynamodb", crate::aws::dynamodb::Table => crate::aws::dynamodb::arns::Table {
    grant_read, grant_write_data, grant_read_write_data, grant_stream_read
});

// ---------------------------------------------------------------------------------------------
// SQS

#[cfg(feature = "sqs")]
impl ResourceArn<crate::aws::sqs::arns::Queue> {
    /// Read the queue: the data's `Read` and `List` actions on `queue` (`sqs:ReceiveMessage`,
    /// `sqs:GetQueueAttributes`, `sqs:GetQueueUrl`, …). Consuming also deletes: see
    /// [`grant_consume`](Self::grant_consume).
    pub fn grant_read(&self) -> Grant {
        use crate::aws::sqs;
        Grant::default()
            .via("sqs", true, false)
            .data(sqs::actions::ALL, READ, self)
    }

    /// Send messages: `sqs:SendMessage`, `sqs:GetQueueAttributes`, `sqs:GetQueueUrl`.
    pub fn grant_send(&self) -> Grant {
        use crate::aws::sqs::actions as a;
        Grant::default().via("sqs", false, true).with(
            Statement::allow(a::SendMessage)
                .on(self)
                .action(a::GetQueueAttributes)
                .action(a::GetQueueUrl),
        )
    }

    /// Consume messages: `sqs:ReceiveMessage`, `sqs:ChangeMessageVisibility`,
    /// `sqs:DeleteMessage`, `sqs:GetQueueAttributes`, `sqs:GetQueueUrl`.
    pub fn grant_consume(&self) -> Grant {
        use crate::aws::sqs::actions as a;
        Grant::default().via("sqs", true, false).with(
            Statement::allow(a::ReceiveMessage)
                .on(self)
                .action(a::ChangeMessageVisibility)
                .action(a::DeleteMessage)
                .action(a::GetQueueAttributes)
                .action(a::GetQueueUrl),
        )
    }

    /// The queue-policy statement letting the AWS service `service` (`"sns.amazonaws.com"`,
    /// `"events.amazonaws.com"`) send messages to the queue on behalf of `source_arn` only (a topic,
    /// a rule), from this account: `sqs:SendMessage` with `ArnEquals aws:SourceArn` and
    /// `StringEquals aws:SourceAccount`. Put the statements of one queue in one
    /// `AWS::SQS::QueuePolicy` (a second policy on the same queue replaces the first).
    pub fn allow_send_from(&self, service: &str, source_arn: impl Into<Value<String>>) -> Statement {
        from_service(crate::aws::sqs::actions::SendMessage, self, service, source_arn.into()).into()
    }
}
handle_grants!("sqs", crate::aws::sqs::Queue => crate::aws::sqs::arns::Queue {
    grant_read, grant_send, grant_consume
});

#[cfg(feature = "sqs")]
impl<S> Handle<crate::aws::sqs::Queue, S> {
    /// `allow_send_from` on this queue's ARN: see [`ResourceArn::allow_send_from`](ResourceArn#method.allow_send_from).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::policy::PolicyDocument;
    /// use cfn_model::aws::{sns, sqs};
    /// let mut stack: Stack = Stack::new();
    /// let topic = stack.add("Events", sns::Topic::new());
    /// let queue = stack.add("Inbox", sqs::Queue::new());
    /// stack.add(
    ///     "InboxPolicy",
    ///     sqs::QueuePolicy::new(
    ///         PolicyDocument::new().statement(queue.allow_send_from("sns.amazonaws.com", topic.topic_arn())),
    ///         vec![queue.queue_url()],
    ///     ),
    /// );
    /// ```
    pub fn allow_send_from(&self, service: &str, source_arn: impl Into<Value<String>>) -> Statement {
        ResourceArn::<crate::aws::sqs::arns::Queue>::of(self).allow_send_from(service, source_arn)
    }
}

// ---------------------------------------------------------------------------------------------
// SNS

#[cfg(feature = "sns")]
impl ResourceArn<crate::aws::sns::arns::Topic> {
    /// Read the topic: the data's `Read` and `List` actions on `topic` (`sns:GetTopicAttributes`,
    /// `sns:ListSubscriptionsByTopic`, …).
    pub fn grant_read(&self) -> Grant {
        use crate::aws::sns;
        Grant::default()
            .via("sns", true, false)
            .data(sns::actions::ALL, READ, self)
    }

    /// Publish: `sns:Publish`.
    pub fn grant_publish(&self) -> Grant {
        use crate::aws::sns::actions as a;
        Grant::default()
            .via("sns", false, true)
            .with(Statement::allow(a::Publish).on(self))
    }

    /// Subscribe endpoints: `sns:Subscribe`.
    pub fn grant_subscribe(&self) -> Grant {
        use crate::aws::sns::actions as a;
        Grant::default().with(Statement::allow(a::Subscribe).on(self))
    }

    /// The topic-policy statement letting the AWS service `service`
    /// (`"events.amazonaws.com"`, `"cloudwatch.amazonaws.com"`) publish to the topic on behalf
    /// of `source_arn` only, from this account (`sns:Publish`, `ArnEquals aws:SourceArn`,
    /// `StringEquals aws:SourceAccount`). Put the statements of one topic in one
    /// `AWS::SNS::TopicPolicy`.
    pub fn allow_publish_from(&self, service: &str, source_arn: impl Into<Value<String>>) -> Statement {
        from_service(crate::aws::sns::actions::Publish, self, service, source_arn.into()).into()
    }
}
handle_grants!("sns", crate::aws::sns::Topic => crate::aws::sns::arns::Topic {
    grant_read, grant_publish, grant_subscribe
});

#[cfg(feature = "sns")]
impl<S> Handle<crate::aws::sns::Topic, S> {
    /// `allow_publish_from` on this topic's ARN: see [`ResourceArn::allow_publish_from`](ResourceArn#method.allow_publish_from).
    pub fn allow_publish_from(&self, service: &str, source_arn: impl Into<Value<String>>) -> Statement {
        ResourceArn::<crate::aws::sns::arns::Topic>::of(self).allow_publish_from(service, source_arn)
    }
}

// ---------------------------------------------------------------------------------------------
// KMS

#[cfg(feature = "kms")]
impl ResourceArn<crate::aws::kms::arns::Key> {
    /// Read the key's metadata: the data's `Read` and `List` actions on `key` (`kms:DescribeKey`,
    /// `kms:GetKeyPolicy`, …); no cryptographic operation.
    pub fn grant_read(&self) -> Grant {
        use crate::aws::kms;
        Grant::default().data(kms::actions::ALL, READ, self)
    }

    /// Decrypt: `kms:Decrypt`.
    pub fn grant_decrypt(&self) -> Grant {
        use crate::aws::kms::actions as a;
        Grant::default().with(Statement::allow(a::Decrypt).on(self))
    }

    /// Encrypt: `kms:Encrypt`, `kms:GenerateDataKey`, `kms:ReEncryptTo`.
    pub fn grant_encrypt(&self) -> Grant {
        use crate::aws::kms::actions as a;
        Grant::default().with(
            Statement::allow(a::Encrypt)
                .on(self)
                .action(a::GenerateDataKey)
                .action(a::ReEncryptTo),
        )
    }

    /// [`grant_encrypt`](Self::grant_encrypt), [`grant_decrypt`](Self::grant_decrypt) and
    /// `kms:ReEncryptFrom`.
    pub fn grant_encrypt_decrypt(&self) -> Grant {
        use crate::aws::kms::actions as a;
        Grant::default().with(
            Statement::allow(a::Encrypt)
                .on(self)
                .action(a::GenerateDataKey)
                .action(a::ReEncryptTo)
                .action(a::ReEncryptFrom)
                .action(a::Decrypt),
        )
    }

    /// Decrypt only through the AWS service `service` (`"secretsmanager"`, `"ssm"`):
    /// `kms:Decrypt` with `kms:ViaService` = `<service>.${AWS::Region}.amazonaws.com`. What a
    /// role reading a secret encrypted with this key needs when the secret is not a handle of
    /// this stack (`secret.grant_read().encrypted_with(&key)` otherwise).
    pub fn grant_decrypt_via(&self, service: &'static str) -> Grant {
        Grant::default().via(service, true, false).encrypted_with(self)
    }
}
handle_grants!("kms", crate::aws::kms::Key => crate::aws::kms::arns::Key {
    grant_read, grant_decrypt, grant_encrypt, grant_encrypt_decrypt
});

// ---------------------------------------------------------------------------------------------
// Secrets Manager

#[cfg(feature = "secretsmanager")]
impl ResourceArn<crate::aws::secretsmanager::arns::Secret> {
    /// Read the secret: the data's `Read` and `List` actions on `Secret`
    /// (`secretsmanager:GetSecretValue`, `DescribeSecret`, …). With a customer managed key, add
    /// [`Grant::encrypted_with`].
    pub fn grant_read(&self) -> Grant {
        use crate::aws::secretsmanager;
        Grant::default()
            .via("secretsmanager", true, false)
            .data(secretsmanager::actions::ALL, READ, self)
    }

    /// Store new values: `secretsmanager:PutSecretValue`.
    pub fn grant_write(&self) -> Grant {
        use crate::aws::secretsmanager::actions as a;
        Grant::default()
            .via("secretsmanager", false, true)
            .with(Statement::allow(a::PutSecretValue).on(self))
    }
}
handle_grants!("secretsmanager", crate::aws::secretsmanager::Secret => crate::aws::secretsmanager::arns::Secret {
    grant_read, grant_write
});

// ---------------------------------------------------------------------------------------------
// SSM parameters

#[cfg(feature = "ssm")]
impl ResourceArn<crate::aws::ssm::arns::Parameter> {
    /// Read the parameter: the data's `Read` and `List` actions on `parameter`
    /// (`ssm:GetParameter`, `ssm:GetParameters`, `ssm:GetParameterHistory`, …).
    pub fn grant_read(&self) -> Grant {
        use crate::aws::ssm;
        Grant::default()
            .via("ssm", true, false)
            .data(ssm::actions::ALL, READ, self)
    }

    /// Change its value: `ssm:PutParameter`.
    pub fn grant_write(&self) -> Grant {
        use crate::aws::ssm::actions as a;
        Grant::default()
            .via("ssm", false, true)
            .with(Statement::allow(a::PutParameter).on(self))
    }
}
handle_grants!("ssm", crate::aws::ssm::Parameter => crate::aws::ssm::arns::Parameter {
    grant_read, grant_write
});

// ---------------------------------------------------------------------------------------------
// CloudWatch Logs

#[cfg(feature = "logs")]
impl<S> Handle<crate::aws::logs::LogGroup, S> {
    /// Write log events: `logs:CreateLogStream` and `logs:PutLogEvents` on the group's streams
    /// ([`streams_arn`](Self::streams_arn)), what the `awslogs` driver and Lambda need.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::logs;
    /// let mut stack: Stack = Stack::new();
    /// let group = stack.add("Logs", logs::LogGroup::new());
    /// assert_eq!(group.grant_write().actions(), ["logs:CreateLogStream", "logs:PutLogEvents"]);
    /// ```
    pub fn grant_write(&self) -> Grant {
        use crate::aws::logs::actions as a;
        Grant::default().with(
            Statement::allow(a::CreateLogStream)
                .on(self.streams_arn())
                .action(a::PutLogEvents),
        )
    }

    /// Read the group and its events: the data's `Read` and `List` actions on `log-group` (on the
    /// group's ARN) and on `log-stream` (on its streams: `logs:GetLogEvents`, …).
    pub fn grant_read(&self) -> Grant {
        use crate::aws::logs;
        Grant::default()
            .data(logs::actions::ALL, READ, &ResourceArn::<logs::arns::LogGroup>::of(self))
            .data(logs::actions::ALL, READ, &self.streams_arn())
    }
}

// ---------------------------------------------------------------------------------------------
// ECR

#[cfg(feature = "ecr")]
impl ResourceArn<crate::aws::ecr::arns::Repository> {
    /// Pull images: `ecr:BatchCheckLayerAvailability`, `ecr:BatchGetImage`,
    /// `ecr:GetDownloadUrlForLayer` on the repository, and `ecr:GetAuthorizationToken`, which
    /// acts on no resource type (`"Resource": "*"`; it only returns a registry login token).
    pub fn grant_pull(&self) -> Grant {
        use crate::aws::ecr::actions as a;
        Grant::default()
            .with(
                Statement::allow(a::BatchCheckLayerAvailability)
                    .on(self)
                    .action(a::BatchGetImage)
                    .action(a::GetDownloadUrlForLayer),
            )
            .with(Statement::allow(a::GetAuthorizationToken).on_all_resources())
    }

    /// Push images: [`grant_pull`](Self::grant_pull) and `ecr:InitiateLayerUpload`,
    /// `ecr:UploadLayerPart`, `ecr:CompleteLayerUpload`, `ecr:PutImage`.
    pub fn grant_push(&self) -> Grant {
        use crate::aws::ecr::actions as a;
        self.grant_pull().with(
            Statement::allow(a::InitiateLayerUpload)
                .on(self)
                .action(a::UploadLayerPart)
                .action(a::CompleteLayerUpload)
                .action(a::PutImage),
        )
    }
}
handle_grants!("ecr", crate::aws::ecr::Repository => crate::aws::ecr::arns::Repository {
    grant_pull, grant_push
});

// ---------------------------------------------------------------------------------------------
// Lambda

#[cfg(feature = "lambda")]
impl ResourceArn<crate::aws::lambda::arns::Function> {
    /// Invoke the function: `lambda:InvokeFunction` on its ARN and on its versions and aliases
    /// (`${Function.Arn}:*`).
    pub fn grant_invoke(&self) -> Grant {
        use crate::aws::lambda::actions as a;
        Grant::default().with(
            Statement::allow(a::InvokeFunction)
                .on(self)
                .on(self.suffixed::<crate::aws::lambda::arns::Function>(":*")),
        )
    }
}
handle_grants!("lambda", crate::aws::lambda::Function => crate::aws::lambda::arns::Function {
    grant_invoke
});

#[cfg(feature = "lambda")]
impl<S> Handle<crate::aws::lambda::Function, S> {
    /// The resource policy letting the AWS service `service` (`"events.amazonaws.com"`,
    /// `"s3.amazonaws.com"`) invoke the function on behalf of `source_arn` only, from this
    /// account: an `AWS::Lambda::Permission` (`lambda:InvokeFunction`, `SourceArn`,
    /// `SourceAccount`) added under `logical_id`.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::{iam, lambda, sns};
    /// # let mut stack: Stack = Stack::new();
    /// # let role = stack.add("Role", iam::Role::new(serde_json::json!({})));
    /// let f = stack.add(
    ///     "Handler",
    ///     lambda::Function::new(lambda::function::Code::new().zip_file("def h(e, c): pass"), role.arn())
    ///         .runtime(lambda::function::Runtime::Python3_12)
    ///         .handler("index.h"),
    /// );
    /// let topic = stack.add("Events", sns::Topic::new());
    /// f.allow_invoke_from(&mut stack, "HandlerFromEvents", "sns.amazonaws.com", &topic);
    /// ```
    pub fn allow_invoke_from(
        &self,
        stack: &mut Stack<S>,
        logical_id: &str,
        service: &str,
        source_arn: impl crate::aws::refs::TopicOrUserPoolOrRuleOrRoleOrTopicRuleOrDeliveryStreamOrFunctionOrLogGroupOrBucketOrQueueRef,
    ) -> Handle<crate::aws::lambda::Permission, S> {
        use crate::aws::lambda;
        stack.add(
            logical_id,
            lambda::Permission::new(lambda::actions::InvokeFunction.name(), self, service.to_string())
                .source_arn(source_arn)
                .source_account(Pseudo::account_id()),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// EFS: a task role's access to a file system through one access point

#[cfg(feature = "efs")]
impl ResourceArn<crate::aws::efs::arns::FileSystem> {
    /// Mount the file system read-only through `access_point` only: `elasticfilesystem:ClientMount`
    /// on the file system, with `ArnEquals elasticfilesystem:AccessPointArn` (the key holds an
    /// ARN: `StringEquals` on it is what parliament reports).
    pub fn grant_mount_via<A: IamResource>(&self, access_point: A) -> Grant
    where
        A::Kind: KindIs<crate::aws::efs::arns::AccessPoint>,
    {
        self.efs_client(access_point, false)
    }

    /// Mount and write through `access_point` only: `elasticfilesystem:ClientMount` and
    /// `elasticfilesystem:ClientWrite`, with `ArnEquals elasticfilesystem:AccessPointArn`.
    /// (Root access, `ClientRootAccess`, is never granted: the access point's POSIX user is.)
    ///
    /// ```
    /// use cfn_model::policy::ResourceArn;
    /// use cfn_model::aws::efs;
    /// let fs = ResourceArn::<efs::arns::FileSystem>::external("arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-12345678");
    /// let ap = ResourceArn::<efs::arns::AccessPoint>::external("arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1234567890abcdef0");
    /// let g = fs.grant_read_write_via(&ap);
    /// assert_eq!(g.actions(), ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);
    /// ```
    pub fn grant_read_write_via<A: IamResource>(&self, access_point: A) -> Grant
    where
        A::Kind: KindIs<crate::aws::efs::arns::AccessPoint>,
    {
        self.efs_client(access_point, true)
    }

    fn efs_client<A: IamResource>(&self, access_point: A, write: bool) -> Grant {
        use crate::aws::efs::{actions as a, conditions as c};
        let ap = ResourceArn::<crate::aws::efs::arns::AccessPoint>::from_expr(access_point.into_arn());
        let mut st = Statement::allow(a::ClientMount).on(self);
        if write {
            st = st.action(a::ClientWrite);
        }
        Grant::default().with(st.when(Condition::arn_equals(c::AccessPointArn, [ap.value()])))
    }
}

#[cfg(feature = "efs")]
impl<S> Handle<crate::aws::efs::FileSystem, S> {
    /// `grant_mount_via` on this file system's ARN: see [`ResourceArn::grant_mount_via`](ResourceArn#method.grant_mount_via).
    pub fn grant_mount_via<A: IamResource>(&self, access_point: A) -> Grant
    where
        A::Kind: KindIs<crate::aws::efs::arns::AccessPoint>,
    {
        ResourceArn::<crate::aws::efs::arns::FileSystem>::of(self).grant_mount_via(access_point)
    }

    /// `grant_read_write_via` on this file system's ARN: see [`ResourceArn::grant_read_write_via`](ResourceArn#method.grant_read_write_via).
    pub fn grant_read_write_via<A: IamResource>(&self, access_point: A) -> Grant
    where
        A::Kind: KindIs<crate::aws::efs::arns::AccessPoint>,
    {
        ResourceArn::<crate::aws::efs::arns::FileSystem>::of(self).grant_read_write_via(access_point)
    }
}

// ---------------------------------------------------------------------------------------------
// A role already added: an external policy, and the role's ARN waiting for it

/// A role given grants by an external `AWS::IAM::Policy` ([`Stack::grant`]): its ARN and name
/// wait for the policy, so a resource that uses them is created after the permissions exist and
/// deleted before they go (`DependsOn` on the policy).
#[cfg(feature = "iam")]
#[derive(Clone, Debug)]
pub struct GrantedRole<S = crate::stack::Root> {
    role: Handle<crate::aws::iam::Role, S>,
    policy: Handle<crate::aws::iam::Policy, S>,
}

#[cfg(feature = "iam")]
impl<S> GrantedRole<S> {
    /// The role's ARN, after the policy (what a task definition, a function or a service takes).
    pub fn arn(&self) -> Value<crate::value::Arn<crate::aws::iam::Role>> {
        self.role.arn().after([self.policy.ready()])
    }

    /// The role's name (`Ref`), after the policy.
    pub fn id(&self) -> Value<crate::value::Id<crate::aws::iam::Role>> {
        self.role.id().after([self.policy.ready()])
    }

    /// The policy's handle.
    pub fn policy(&self) -> &Handle<crate::aws::iam::Policy, S> {
        &self.policy
    }
}

#[cfg(feature = "iam")]
impl<S> Stack<S> {
    /// Grants `role`, already added, the statements of `grants` through an `AWS::IAM::Policy`
    /// added under `logical_id` (its `PolicyName` is the logical id too): use the returned
    /// [`GrantedRole`]'s `arn()` where the role is used, so that those resources wait for the
    /// policy. A role built here is better given its grants inline (`PolicyDocument::grant` in
    /// its `Policies`): nothing to wait for.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::policy::{PolicyDocument, Principal, Statement};
    /// use cfn_model::aws::{iam, sqs};
    /// let mut stack: Stack = Stack::new();
    /// let trust = PolicyDocument::new().statement(
    ///     Statement::allow(iam::sts::actions::AssumeRole).trusting(Principal::service("lambda.amazonaws.com")),
    /// );
    /// let role = stack.add("Worker", iam::Role::new(trust));
    /// let queue = stack.add("Jobs", sqs::Queue::new());
    /// let worker = stack.grant("WorkerJobs", &role, queue.grant_consume());
    /// let arn = worker.arn(); // carries `DependsOn: WorkerJobs` into whatever it is given to
    /// # let _ = arn;
    /// ```
    pub fn grant(
        &mut self,
        logical_id: &str,
        role: &Handle<crate::aws::iam::Role, S>,
        grants: impl Into<PolicyDocument>,
    ) -> GrantedRole<S> {
        let doc: PolicyDocument = grants.into();
        let policy = self.add(
            logical_id,
            crate::aws::iam::Policy::new(doc, logical_id.to_string()).roles(vec![Value::<String>::from(role.id())]),
        );
        GrantedRole {
            role: role.clone(),
            policy,
        }
    }
}
