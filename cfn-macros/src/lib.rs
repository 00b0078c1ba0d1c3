//! Derive macros for typed CloudFormation stacks. Thin by design: they parse with `syn`, check
//! what only the syntax shows (names, attribute values, a regular expression, a format string) and
//! generate calls into `cfn-model` (`cfn::model::interface`, `cfn::model::table`), where every
//! other rule lives. Use them through the facade: `use cfn::prelude::*;`.
//!
//! Generated code names the model as `::cfn::model`; a crate that depends on `cfn-model`
//! directly says so with `#[cfn(crate = "::cfn_model")]` on the type.
//!
//! - [`Parameters`](derive@Parameters): a struct of parameters → the `Parameters` section and a
//!   struct of typed values; `<Name>Args` for parents that nest the stack.
//! - [`Outputs`](derive@Outputs): a struct of values → the `Outputs` section; a parent reads the
//!   same struct as typed `Fn::GetAtt Child.Outputs.Name`.
//! - [`MappingKey`](derive@MappingKey) and [`Mapping`](derive@Mapping): a settings table keyed by an
//!   enum → the `Mappings` section and typed `Fn::FindInMap` accessors.
//! - [`Resource`](derive@Resource): custom resources with typed properties and attributes.
//! - [`sub!`](sub!): `Fn::Sub` with placeholders checked at compile time.
//! - [`secret_id!`](secret_id!) and [`ssm_name!`](ssm_name!): dynamic-reference names checked at
//!   compile time.

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

mod common;
mod lits;
mod mapping;
mod outputs;
mod params;
mod resource;
mod sub;

#[cfg(test)]
mod golden;

fn finish(r: syn::Result<proc_macro2::TokenStream>) -> TokenStream {
    r.unwrap_or_else(syn::Error::into_compile_error).into()
}

/// A struct of stack parameters.
///
/// Each field is one parameter, named by the field in PascalCase (`vpc_cidr` → `VpcCidr`). The
/// field's type gives the CloudFormation `Type`:
///
/// | field | parameter |
/// |---|---|
/// | `Value<String>` | `String` |
/// | `Value<i64>`, `Value<f64>` | `Number` |
/// | `Value<Vec<String>>` | `CommaDelimitedList` |
/// | `Value<SecretString>` | `String` with `NoEcho` (accepted by password properties) |
/// | `Value<Id<ec2::Vpc>>` (any `T: ParamType<Value = T>`) | `AWS::EC2::VPC::Id`, … |
/// | `Value<Env>` for a `#[derive(MappingKey)]` enum | `String`, `AllowedValues` = the keys |
/// | `Param<T>` for any `ParamType` (`Param<Ssm<ImageId>>`, …) | `T::TYPE`; the field keeps the name |
///
/// Field attributes, in `#[cfn(...)]`: `name = "..."`, `description = "..."` (default: the doc
/// comment), `default = ...`, `allowed = [...]`, `pattern = "..."`, `min_length = n`,
/// `max_length = n`, `min_value = x`, `max_value = x`, `constraint_description = "..."`,
/// `no_echo`, `group = "..."` and `label = "..."` (the `AWS::CloudFormation::Interface` console
/// metadata). On the struct: `group = "..."` (for every field), `args = "Name"` (the name of the
/// generated arguments struct, `<Struct>Args` by default), `crate = "..."`.
///
/// Refused at compile time, pointing at the attribute: an unknown attribute, a value of the wrong
/// kind, a default that is not among the allowed values or outside the length or value bounds, a
/// pattern that is not a regular expression, a literal of the wrong type for the parameter, a
/// length constraint on a number and a value constraint on a string.
///
/// The derive implements `cfn::model::Parameters`: `stack.parameters::<P>()` declares them and
/// returns the struct, whose fields are now `Ref`s to the parameters. It also generates
/// `<Struct>Args`, one `Value` per field, which a parent fills to nest the stack
/// (`stack.nest::<Child>(id, ChildParamsArgs { … })`).
///
/// ```
/// use cfn::prelude::*;
///
/// #[derive(Parameters)]
/// struct AppParams {
///     /// Suffix carried by every resource name.
///     #[cfn(pattern = "^[a-z0-9-]+$", max_length = 20, group = "Naming")]
///     environment_suffix: Value<String>,
///     #[cfn(allowed = ["dev", "staging", "prod"], default = "dev", label = "Environment")]
///     environment: Value<String>,
///     #[cfn(min_value = 1, max_value = 10, default = 2)]
///     instances: Value<i64>,
///     /// Subnets for the service.
///     subnets: Value<Vec<String>>,
///     /// The database password.
///     db_password: Value<SecretString>,
/// }
///
/// let mut s: Stack = Stack::new();
/// let p: AppParams = s.parameters();
/// s.add("Topic", RawResource::of("AWS::SNS::Topic").prop("TopicName", p.environment_suffix));
/// let t = s.template();
/// assert_eq!(t.parameters["EnvironmentSuffix"].allowed_pattern.as_deref(), Some("^[a-z0-9-]+$"));
/// assert_eq!(t.parameters["Subnets"].type_name, "CommaDelimitedList");
/// assert!(t.parameters["DbPassword"].no_echo);
/// ```
#[proc_macro_derive(Parameters, attributes(cfn))]
pub fn derive_parameters(input: TokenStream) -> TokenStream {
    finish(params::expand(parse_macro_input!(input as DeriveInput)))
}

/// A struct of stack outputs.
///
/// Each field (a `Value<T>` of a string, number, boolean, list or typed id) is one output, named
/// by the field in PascalCase. Attributes: `name = "..."`, `description = "..."` (default: the doc
/// comment), `export = "..."` (literal text and pseudo parameters, e.g.
/// `"${AWS::StackName}-VpcId"`, which becomes `Fn::Sub`), `condition = "..."` (a condition the
/// stack declares). Lists are joined with `,` (outputs are strings) and split again when a parent
/// reads them.
///
/// The derive implements `cfn::model::Outputs`: `stack.outputs(o)` declares them; a parent that
/// nests the stack gets the same struct with every field a `Fn::GetAtt [Child, Outputs.Name]`.
///
/// ```
/// use cfn::prelude::*;
///
/// #[derive(Outputs)]
/// struct QueueOutputs {
///     /// The queue's URL.
///     #[cfn(export = "${AWS::StackName}-QueueUrl")]
///     queue_url: Value<String>,
///     queue_arn: Value<String>,
/// }
///
/// let mut s: Stack = Stack::new();
/// let q = s.add("Queue", RawResource::of("AWS::SQS::Queue"));
/// s.outputs(QueueOutputs { queue_url: q.id().into(), queue_arn: q.get_att("Arn") });
/// let json = cfn::to_json(&s).expect("valid");
/// assert!(json.contains("\"Fn::Sub\": \"${AWS::StackName}-QueueUrl\""));
/// ```
#[proc_macro_derive(Outputs, attributes(cfn))]
pub fn derive_outputs(input: TokenStream) -> TokenStream {
    finish(outputs::expand(parse_macro_input!(input as DeriveInput)))
}

/// The key of a mapping table: an enum of unit variants, each one top-level key (the variant's
/// name, or `#[cfn(rename = "...")]`).
///
/// The enum is also a parameter type: a `Value<Env>` parameter is a `String` whose
/// `AllowedValues` are exactly the keys, and `Env::Prod.into()` is the literal key (conditions
/// compare against it). See [`Mapping`](derive@Mapping) for the table itself.
///
/// ```
/// use cfn::prelude::*;
///
/// #[derive(MappingKey, Clone, Copy)]
/// enum Env {
///     #[cfn(rename = "dev")]
///     Dev,
///     #[cfn(rename = "prod")]
///     Prod,
/// }
///
/// #[derive(Parameters)]
/// struct Params {
///     env: Value<Env>,
/// }
///
/// let mut s: Stack = Stack::new();
/// let p: Params = s.parameters();
/// let is_prod = s.condition("IsProd", Value::<Cond>::equals(&p.env, Env::Prod));
/// assert_eq!(s.template().parameters["Env"].allowed_values, ["dev", "prod"]);
/// ```
#[proc_macro_derive(MappingKey, attributes(cfn))]
pub fn derive_mapping_key(input: TokenStream) -> TokenStream {
    finish(mapping::expand_key(parse_macro_input!(input as DeriveInput)))
}

/// A settings struct turned into a mapping, one row per key of its `#[cfn(key = Enum)]`.
///
/// The table comes from a function of the key (`stack.mapping_table(|env| match env { … })`), so
/// every key has a row and every row has every column: a missing key is a non-exhaustive `match`
/// and a missing value is a missing struct field, both compile errors. Each field (a string,
/// number, boolean or list of strings) is one column, named in PascalCase (or
/// `#[cfn(name = "...")]`). The derive generates `<Struct>Map` with one typed `Fn::FindInMap`
/// accessor per field; the mapping is named after the struct (or `#[cfn(name = "...")]`).
///
/// ```
/// use cfn::prelude::*;
///
/// #[derive(MappingKey, Clone, Copy)]
/// enum Environment {
///     #[cfn(rename = "dev")]
///     Dev,
///     Prod,
/// }
///
/// #[derive(Mapping)]
/// #[cfn(key = Environment)]
/// struct EnvSettings {
///     /// Days to keep messages.
///     retention_days: i64,
///     instance_class: &'static str,
/// }
///
/// #[derive(Parameters)]
/// struct Params {
///     #[cfn(default = Environment::Dev)]
///     environment: Value<Environment>,
/// }
///
/// let mut s: Stack = Stack::new();
/// let p: Params = s.parameters();
/// let settings = s.mapping_table(|env| match env {
///     Environment::Dev => EnvSettings { retention_days: 1, instance_class: "db.t4g.micro" },
///     Environment::Prod => EnvSettings { retention_days: 14, instance_class: "db.r6g.large" },
/// });
/// let class: Value<String> = settings.instance_class(&p.environment); // Fn::FindInMap
/// let days: Value<i64> = settings.retention_days(Environment::Prod);
/// assert_eq!(s.template().parameters["Environment"].allowed_values, ["dev", "Prod"]);
/// ```
#[proc_macro_derive(Mapping, attributes(cfn))]
pub fn derive_mapping(input: TokenStream) -> TokenStream {
    finish(mapping::expand_table(parse_macro_input!(input as DeriveInput)))
}

/// A resource type of your own, typically a custom resource.
///
/// `#[cfn(type = "Custom::Name")]` names the type; each field is one property in PascalCase
/// (`#[cfn(name = "...")]` to override), required unless it is an `Option`. A custom resource
/// needs a `service_token` field (the ARN of the Lambda function or SNS topic that handles it).
/// `#[cfn(attributes(Endpoint: String, Port: i64))]` generates the trait `<Struct>Attributes` with
/// one typed `Fn::GetAtt` method per attribute, implemented for the resource's handles
/// (`"Dotted.Name" as method: Type` for dotted names).
///
/// ```
/// use cfn::prelude::*;
///
/// #[derive(Resource)]
/// #[cfn(type = "Custom::DbSeed", attributes(RowsInserted: i64))]
/// struct DbSeed {
///     service_token: Value<String>,
///     database: Value<String>,
///     batch_size: Option<Value<i64>>,
/// }
///
/// let mut s: Stack = Stack::new();
/// let seed = s.add("Seed", DbSeed {
///     service_token: sub!("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:seed"),
///     database: "app".into(),
///     batch_size: None,
/// });
/// let rows: Value<i64> = seed.rows_inserted();
/// ```
#[proc_macro_derive(Resource, attributes(cfn))]
pub fn derive_resource(input: TokenStream) -> TokenStream {
    finish(resource::expand(parse_macro_input!(input as DeriveInput)))
}

/// `Fn::Sub` with its placeholders checked at compile time: `sub!("text ${name} …", name = value)`.
///
/// A `${name}` is an argument (`name = value`), a variable in scope (captured like `format!`), or
/// one of the pseudo parameters `AWS::AccountId`, `AWS::Partition`, `AWS::Region`,
/// `AWS::StackId`, `AWS::StackName`, `AWS::URLSuffix`. `${!text}` is the literal `${text}`.
/// Values are string-like `Value`s, `&Param`s, `&Handle`s (their `Ref`) or literals. Refused at
/// compile time: an unknown pseudo parameter, `${Resource.Attribute}` strings, an argument the
/// string does not use, and a `{{resolve:…}}` dynamic reference written into the string (build it
/// with `DynamicRef` instead and pass it as an argument).
///
/// ```
/// use cfn::prelude::*;
///
/// let mut s: Stack = Stack::new();
/// let bucket = s.add("Bucket", RawResource::of("AWS::S3::Bucket"));
/// let objects = sub!("arn:${AWS::Partition}:s3:::${bucket}/*", bucket = &bucket);
/// let name = "app";
/// let tagged = sub!("${name}-${AWS::Region}"); // `name` captured from scope
/// assert_eq!(
///     cfn::emit::expr_to_json(objects.expr()),
///     serde_json::json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/*"})
/// );
/// ```
#[proc_macro]
pub fn sub(input: TokenStream) -> TokenStream {
    finish(sub::expand(input.into()))
}

/// A Secrets Manager secret name or ARN checked at compile time: `secret_id!("app/db/credentials")`
/// is a `SecretId`, for `DynamicRef::secrets_manager` and `stack.add_named_secret`.
///
/// The literal goes through `SecretId::new_or_panic` (cfn-model's definition of a valid id) in a
/// constant, so a `${…}` placeholder, an empty name or a character Secrets Manager refuses is a
/// compile error at the literal, under `cargo check` as under `cargo build`. Only a string literal
/// is accepted. To vary the secret per environment, create it in the stack and read it through its
/// handle (`secret.resolve("password")`).
///
/// ```
/// use cfn::prelude::*;
///
/// let id = secret_id!("healthtech/rds/credentials");
/// let password: Value<SecretString> = DynamicRef::secrets_manager(id).json_key("password").secret();
/// assert_eq!(id.as_str(), "healthtech/rds/credentials");
/// ```
///
/// ```compile_fail
/// let id = cfn::secret_id!("app/${Env}/db"); // placeholder: does not compile
/// ```
#[proc_macro]
pub fn secret_id(input: TokenStream) -> TokenStream {
    finish(lits::expand(input.into(), lits::Kind::Secret))
}

/// An SSM parameter name (optionally `:VERSION`) checked at compile time:
/// `ssm_name!("/app/db/endpoint")` is an `SsmName`, for `DynamicRef::ssm` and
/// `DynamicRef::ssm_secure`. Checked like [`secret_id!`](secret_id!), by `SsmName::new_or_panic`.
///
/// ```
/// use cfn::prelude::*;
///
/// let host: Value<String> = DynamicRef::ssm(ssm_name!("/app/db/endpoint:3")).into();
/// ```
///
/// ```compile_fail
/// let name = cfn::ssm_name!("/app/db:latest"); // a version is a number: does not compile
/// ```
#[proc_macro]
pub fn ssm_name(input: TokenStream) -> TokenStream {
    finish(lits::expand(input.into(), lits::Kind::Ssm))
}
