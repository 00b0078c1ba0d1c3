//! Secrets Manager secrets read by CloudFormation and by ECS tasks, without `Fn::Sub` inside
//! `{{resolve:…}}`.
//!
//! CloudFormation resolves `{{resolve:secretsmanager:ID:…}}` before it substitutes parameters, so
//! the seed's `!Sub '{{resolve:secretsmanager:${DBSecretName}:SecretString:username}}'` failed with
//! "Could not parse SecretString JSON". What is safe instead:
//!
//! - **A secret this stack creates** (per environment, no literal name needed): the handle
//!   `stack.add` returned. [`Handle::resolve`] (`secret.resolve("password")`) and
//!   `DynamicRef::secrets_manager(&secret)` emit
//!   `{"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:password::}}"}`:
//!   the secret's `Ref` is its ARN, CloudFormation creates the secret first (the `Ref` is the
//!   dependency, no `DependsOn` needed) and resolves the reference when it creates the reader.
//!   AWS's RDS sample writes this form; the CDK writes the same with `Fn::Join`.
//! - **A secret made elsewhere**: a literal id checked at compile time, `secret_id!("app/db")`;
//!   or one this stack creates under that literal name, [`Stack::add_named_secret`].
//! - **ECS reads the secret at task start** (`ContainerDefinition.Secrets[].ValueFrom`): ECS, not
//!   CloudFormation, resolves it, so the ARN may come from anywhere.
//!   [`Secret::secrets_manager_key`] (a secret of this stack), [`Secret::secrets_manager_arn_key`]
//!   (an ARN, e.g. a nested stack's parameter) and [`Secret::secrets_manager_name_key`] (a name)
//!   build `${ARN}:KEY::`.
//!
//! Simpler still for RDS: `ManageMasterUserPassword: true` lets RDS create and rotate the secret.
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::{ecs, rds, secretsmanager};
//! use cfn_model::aws::ecs::task_definition::{ContainerDefinition, Secret};
//! use cfn_model::aws::secretsmanager::secret::GenerateSecretString;
//!
//! let mut s: Stack = Stack::new();
//! let secret = s.add(
//!     "DbSecret",
//!     secretsmanager::Secret::new().generate_secret_string(
//!         GenerateSecretString::new()
//!             .secret_string_template(r#"{"username":"app"}"#)
//!             .generate_string_key("password")
//!             .exclude_characters("\"@/\\ "),
//!     ),
//! );
//! s.add(
//!     "Database",
//!     rds::DbInstance::new()
//!         .engine("postgres")
//!         .master_username(secret.resolve_string("username"))
//!         .master_user_password(secret.resolve("password")),
//! );
//! let app = ContainerDefinition::new("nginx", "app")
//!     .secrets([Secret::secrets_manager_key("DB_PASSWORD", &secret, "password")]);
//! s.add("Task", ecs::TaskDefinition::new().container_definitions([app]));
//! let t = s.template();
//! assert!(t.resources["Database"].depends_on.is_empty()); // the Ref orders it
//! ```

#[cfg(feature = "ecs")]
use crate::aws::ecs::task_definition::Secret;
use crate::aws::secretsmanager;
use crate::dynref::{DynamicRef, IntoSecretId, IntoSecretRef, SecretId, SecretRef};
use crate::expr::SubPart;
use crate::resource::Attributes;
use crate::stack::{Handle, Stack};
use crate::value::{Arn, Pseudo, SecretString, StringLike, Value};

impl<S> IntoSecretRef for &Handle<secretsmanager::Secret, S> {
    fn into_secret_ref(self) -> SecretRef {
        SecretRef::of_resource(self.name().clone())
    }
}

impl<S> Handle<secretsmanager::Secret, S> {
    /// `{{resolve:secretsmanager:ARN:SecretString:KEY::}}` of this secret as a secret string
    /// (password properties), built with `Fn::Sub` around the secret's `Ref`; the reader is
    /// created after the secret.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::{rds, secretsmanager};
    /// let mut s: Stack = Stack::new();
    /// let secret = s.add("DbSecret", secretsmanager::Secret::new());
    /// s.add("Db", rds::DbInstance::new().master_user_password(secret.resolve("password")));
    /// ```
    pub fn resolve(&self, json_key: &'static str) -> Value<SecretString> {
        DynamicRef::secrets_manager(self).json_key(json_key).secret()
    }

    /// The same reference as a plain string (a user name), for properties that are not secrets.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::{rds, secretsmanager};
    /// let mut s: Stack = Stack::new();
    /// let secret = s.add("DbSecret", secretsmanager::Secret::new());
    /// s.add("Db", rds::DbInstance::new().master_username(secret.resolve_string("username")));
    /// ```
    pub fn resolve_string(&self, json_key: &'static str) -> Value<String> {
        DynamicRef::secrets_manager(self).json_key(json_key).into()
    }

    /// The secret's ARN (its `Ref`), for IAM statements and for other stacks (a nested stack's
    /// output).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::secretsmanager;
    /// let mut s: Stack = Stack::new();
    /// let secret = s.add("DbSecret", secretsmanager::Secret::new());
    /// let arn: Value<Arn<secretsmanager::Secret>> = secret.secret_arn();
    /// ```
    pub fn secret_arn(&self) -> Value<Arn<secretsmanager::Secret>> {
        Value::from_expr(self.id().into_expr())
    }
}

/// A secret of this stack whose ARN an ECS task can read: a handle from `stack.add` or a
/// [`NamedSecret`].
///
/// ```
/// use cfn_model::prelude::*;
/// use cfn_model::aws::secretsmanager;
/// use cfn_model::safe::secrets::StackSecret;
/// let mut s: Stack = Stack::new();
/// let secret = s.add("DbSecret", secretsmanager::Secret::new());
/// let _arn = StackSecret::arn(&secret);
/// ```
pub trait StackSecret {
    /// The secret's ARN (its `Ref`).
    fn arn(&self) -> Value<String>;
}

impl<S> StackSecret for Handle<secretsmanager::Secret, S> {
    fn arn(&self) -> Value<String> {
        self.id().into()
    }
}

impl<S> StackSecret for NamedSecret<S> {
    fn arn(&self) -> Value<String> {
        self.handle.id().into()
    }
}

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
    /// definition waits for the secret. `secret` is a handle from `stack.add` or a
    /// [`NamedSecret`].
    pub fn secrets_manager_key(
        env_name: impl Into<String>,
        secret: &impl StackSecret,
        json_key: &'static str,
    ) -> Secret {
        Secret::new(env_name.into(), key_of(SubPart::val(secret.arn()), json_key))
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
