//! Secrets Manager secrets read by CloudFormation and by ECS tasks, without `Fn::Sub` inside
//! `{{resolve:…}}`.
//!
//! CloudFormation resolves `{{resolve:secretsmanager:ID:…}}` before it substitutes parameters, so
//! the seed's `!Sub '{{resolve:secretsmanager:${DBSecretName}:SecretString:username}}'` failed with
//! "Could not parse SecretString JSON". Two things are safe instead:
//!
//! - **CloudFormation reads the secret** (RDS `MasterUsername`, `MasterUserPassword`): the id is a
//!   literal, either a `const { SecretId::new("…") }` for a secret made elsewhere, or a secret this
//!   stack creates with that literal name through [`Stack::add_named_secret`], whose
//!   [`NamedSecret::resolve`] brings the ordering on the secret (the stack emits `DependsOn`).
//!   Simpler still for RDS: `ManageMasterUserPassword: true` lets RDS create and rotate the
//!   secret; read it with [`Secret::secrets_manager_arn_key`] on the instance's
//!   `master_user_secret_secret_arn()`.
//! - **ECS reads the secret at task start** (`ContainerDefinition.Secrets[].ValueFrom`): ECS, not
//!   CloudFormation, resolves it, so the name may vary. [`Secret::secrets_manager_key`] (a secret of
//!   this stack), [`Secret::secrets_manager_name_key`] (a name from a parameter) and
//!   [`Secret::secrets_manager_arn_key`] (an ARN) build the documented ARN form
//!   `arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:NAME:KEY::`.
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::{ecs, secretsmanager};
//! use cfn_model::aws::ecs::task_definition::{ContainerDefinition, Secret};
//!
//! let mut s: Stack = Stack::new();
//! let name = s.parameter("DBSecretName", Parameter::string());
//! let creds = s.add_named_secret(
//!     "DbCredentials",
//!     const { SecretId::new("healthtech/rds/credentials") },
//!     secretsmanager::Secret::new(),
//! );
//! let app = ContainerDefinition::new("nginx", "app").secrets([
//!     Secret::secrets_manager_key("DB_PASSWORD", &creds, "password"),     // this stack's secret
//!     Secret::secrets_manager_name_key("DB_USER", name.value(), "username"), // a parameterised name
//! ]);
//! s.add("Task", ecs::TaskDefinition::new().container_definitions([app]));
//! let t = s.template();
//! assert_eq!(t.resources["Task"].depends_on.len(), 0); // the Ref to the secret orders it
//! ```

#[cfg(feature = "ecs")]
use crate::aws::ecs::task_definition::Secret;
use crate::aws::secretsmanager;
use crate::dynref::{DynamicRef, IntoSecretId, SecretId};
use crate::expr::SubPart;
use crate::resource::Attributes;
use crate::stack::{Handle, Stack};
use crate::value::{Pseudo, SecretString, StringLike, Value};

/// A Secrets Manager secret this stack creates under a literal name: made by
/// [`Stack::add_named_secret`]. Dynamic references to it use the literal name and wait for it.
pub struct NamedSecret<S> {
    handle: Handle<secretsmanager::Secret, S>,
    name: SecretId,
}

impl<S> NamedSecret<S> {
    /// The secret.
    pub fn handle(&self) -> &Handle<secretsmanager::Secret, S> {
        &self.handle
    }

    /// Its literal name.
    pub fn name(&self) -> SecretId {
        self.name
    }

    /// `{{resolve:secretsmanager:NAME:SecretString:KEY}}` as a secret string (password
    /// properties), usable only once the secret exists: whatever holds it depends on the secret.
    pub fn resolve(&self, json_key: &'static str) -> Value<SecretString> {
        DynamicRef::secrets_manager(self.name)
            .json_key(json_key)
            .secret()
            .after([self.handle.ready()])
    }

    /// The same reference as a plain string (a user name, a host), for properties that are not
    /// secrets.
    pub fn resolve_string(&self, json_key: &'static str) -> Value<String> {
        Value::<String>::from(DynamicRef::secrets_manager(self.name).json_key(json_key)).after([self.handle.ready()])
    }
}

impl<S> Stack<S> {
    /// Adds `secret` as `id` with the literal `name` (overriding any `Name` it has), so that
    /// dynamic references can name it: see [`NamedSecret::resolve`].
    pub fn add_named_secret(
        &mut self,
        id: &str,
        name: impl IntoSecretId,
        secret: secretsmanager::Secret,
    ) -> NamedSecret<S> {
        self.add_named_secret_with(id, name, secret, Attributes::new())
    }

    /// [`Stack::add_named_secret`] with resource attributes (a secret is stateful: set its
    /// `DeletionPolicy`/`UpdateReplacePolicy`, e.g. `Retain`).
    pub fn add_named_secret_with(
        &mut self,
        id: &str,
        name: impl IntoSecretId,
        secret: secretsmanager::Secret,
        attributes: Attributes,
    ) -> NamedSecret<S> {
        let name = name.into_secret_id();
        let handle = self.add_with(id, secret.name(name.as_str()), attributes);
        NamedSecret { handle, name }
    }
}

/// The partial ARN of the secret named `name` in this account and region:
/// `arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:NAME`. Secrets
/// Manager resolves it to the secret; IAM statements need the random suffix matched, so append
/// `-??????` there.
pub fn secret_arn_of_name<T: StringLike>(name: Value<T>) -> Value<String> {
    Value::sub([
        SubPart::lit("arn:"),
        SubPart::val(Pseudo::partition()),
        SubPart::lit(":secretsmanager:"),
        SubPart::val(Pseudo::region()),
        SubPart::lit(":"),
        SubPart::val(Pseudo::account_id()),
        SubPart::lit(":secret:"),
        SubPart::val(name),
    ])
}

#[cfg(feature = "ecs")]
/// `${ARN}:KEY::`, the `ValueFrom` ECS reads one JSON key of a secret from.
fn key_of(arn: SubPart, json_key: &str) -> Value<String> {
    Value::sub([arn, SubPart::lit(format!(":{json_key}::"))])
}

#[cfg(feature = "ecs")]
impl Secret {
    /// The environment variable `env_name` from key `json_key` of a secret this stack creates:
    /// `ValueFrom` is `${Secret}:KEY::` (the secret's `Ref` is its full ARN), so the task
    /// definition waits for the secret.
    pub fn secrets_manager_key<S>(
        env_name: impl Into<String>,
        secret: &NamedSecret<S>,
        json_key: &'static str,
    ) -> Secret {
        Secret::new(env_name.into(), key_of(SubPart::val(secret.handle.id()), json_key))
    }

    /// The environment variable `env_name` from key `json_key` of the secret named `name` (a
    /// parameter, a `sub!`): `ValueFrom` is
    /// `arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:NAME:KEY::`.
    /// ECS resolves it when the task starts, so unlike a dynamic reference the name may vary.
    pub fn secrets_manager_name_key<T: StringLike>(
        env_name: impl Into<String>,
        name: Value<T>,
        json_key: &'static str,
    ) -> Secret {
        let arn = secret_arn_of_name(name);
        Secret::new(env_name.into(), key_of(SubPart::val(arn), json_key))
    }

    /// The environment variable `env_name` from key `json_key` of the secret whose ARN is `arn`
    /// (for example RDS's managed master password, `db.master_user_secret_secret_arn()`).
    pub fn secrets_manager_arn_key<T: StringLike>(
        env_name: impl Into<String>,
        arn: Value<T>,
        json_key: &'static str,
    ) -> Secret {
        Secret::new(env_name.into(), key_of(SubPart::val(arn), json_key))
    }
}
