//! Issue 4, failure 2 fixed, and failure 8: credentials reach RDS through literal-named dynamic
//! references (or RDS's managed master password), ECS tasks read secrets and the SSM-published DB
//! endpoint through `Secrets[].ValueFrom`, and no `{{resolve:` is ever assembled by `Fn::Sub`. The
//! templates go through cfn-lint (`target/cfn-lint/safe_secrets*`).

mod common;

use cfn::aws::ecs::task_definition::{ContainerDefinition, Secret};
use cfn::aws::secretsmanager::secret::GenerateSecretString;
use cfn::aws::{ecs, iam, rds, secretsmanager};
use cfn::model::safe::secrets::secret_arn_of_name;
use cfn::prelude::*;
use serde_json::{json, Value as Json};

/// A role ECS can assume to pull the task's secrets and parameters (each action on the ARNs it
/// acts on: `ssm:GetParameters` on a secret's ARN grants nothing, as parliament says).
fn execution_role(s: &mut Stack, secrets: Vec<Value<String>>, parameters: Vec<Value<String>>) -> Handle<iam::Role> {
    let arns = |v: &[Value<String>]| v.iter().map(|v| cfn::emit::expr_to_json(v.expr())).collect::<Vec<_>>();
    let mut statements =
        vec![json!({"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": arns(&secrets)})];
    if !parameters.is_empty() {
        statements.push(json!({"Effect": "Allow", "Action": "ssm:GetParameters", "Resource": arns(&parameters)}));
    }
    let policy = iam::role::Policy::new(
        json!({"Version": "2012-10-17", "Statement": statements}),
        "read-task-secrets",
    );
    s.add(
        "ExecutionRole",
        iam::Role::new(json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }],
        }))
        .policies([policy]),
    )
}

/// A small encrypted Postgres instance owned by `user`.
fn database(user: Value<String>) -> rds::DbInstance {
    rds::DbInstance::new()
        .engine("postgres")
        .engine_version("15.19")
        .db_instance_class("db.t3.micro")
        .allocated_storage("20")
        .backup_retention_period(7)
        .storage_encrypted(true)
        .master_username(user)
}

#[test]
fn credentials_and_endpoint_without_sub_in_a_dynamic_reference() {
    let mut s: Stack = Stack::new();
    s.description("RDS credentials from a literal-named secret; ECS reads secrets and the endpoint at task start");
    let suffix = s.parameter("EnvironmentSuffix", Parameter::string().pattern("^[a-z0-9-]+$"));
    let shared = s.parameter(
        "SharedSecretName",
        Parameter::string().description("A secret made outside this stack, named per environment"),
    );
    let snapshot = || {
        Attributes::new()
            .deletion_policy(Policy::Snapshot)
            .update_replace_policy(Policy::Snapshot)
    };
    let retain = Attributes::new()
        .deletion_policy(Policy::Retain)
        .update_replace_policy(Policy::Retain);
    let creds = s.add_named_secret_with(
        "DbCredentials",
        secret_id!("healthtech/rds/credentials"),
        secretsmanager::Secret::new().generate_secret_string(
            GenerateSecretString::new()
                .secret_string_template(r#"{"username":"app"}"#)
                .generate_string_key("password")
                .exclude_characters("\"@/\\"),
        ),
        retain,
    );
    let db = database(creds.resolve_string("username")).master_user_password(creds.resolve("password"));
    let db = s.add_with("Database", db, snapshot());
    let managed = s.add_with(
        "ManagedDatabase",
        database("app".into()).manage_master_user_password(true),
        snapshot(),
    );
    let endpoint = s.publish_endpoint(
        "DbEndpoint",
        Value::sub([
            SubPart::lit("/healthtech/"),
            SubPart::val(suffix.value()),
            SubPart::lit("/db"),
        ]),
        db.endpoint_address(),
        db.endpoint_port(),
    );

    let [host_arn, port_arn] = endpoint.arns();
    let role = execution_role(
        &mut s,
        vec![
            creds.handle().id().cast_unchecked(),
            managed.master_user_secret_secret_arn(),
            Value::sub([
                SubPart::val(secret_arn_of_name(shared.value())),
                SubPart::lit("-??????"),
            ]),
        ],
        vec![host_arn, port_arn],
    );
    let mut secrets = vec![
        Secret::secrets_manager_key("DB_PASSWORD", &creds, "password"),
        Secret::secrets_manager_name_key("API_TOKEN", shared.value(), "token"),
        Secret::secrets_manager_arn_key("ADMIN_PASSWORD", managed.master_user_secret_secret_arn(), "password"),
    ];
    secrets.extend(endpoint.ecs_secrets("DB_HOST", "DB_PORT"));
    let app = ContainerDefinition::new("public.ecr.aws/nginx/nginx:1.27", "app")
        .essential(true)
        .secrets(secrets);
    s.add(
        "Task",
        ecs::TaskDefinition::new()
            .requires_compatibilities([ecs::task_definition::RequiresCompatibilities::Fargate])
            .network_mode(ecs::task_definition::NetworkMode::Awsvpc)
            .cpu("256")
            .memory("512")
            .execution_role_arn(role.arn())
            .container_definitions([app]),
    );

    let t = common::emit_root("safe_secrets", &s);
    let r = &t["Resources"];
    let props = &r["Database"]["Properties"];
    assert_eq!(
        props["MasterUserPassword"],
        json!("{{resolve:secretsmanager:healthtech/rds/credentials:SecretString:password}}")
    );
    assert_eq!(
        props["MasterUsername"],
        json!("{{resolve:secretsmanager:healthtech/rds/credentials:SecretString:username}}")
    );
    // The literal name reaches the secret, and the database waits for it.
    assert_eq!(
        r["DbCredentials"]["Properties"]["Name"],
        json!("healthtech/rds/credentials")
    );
    assert_eq!(r["Database"]["DependsOn"], json!("DbCredentials"));

    let value_from = |name: &str| -> Json {
        let secrets = r["Task"]["Properties"]["ContainerDefinitions"][0]["Secrets"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        secrets
            .into_iter()
            .find(|e| e["Name"] == name)
            .map(|e| e["ValueFrom"].clone())
            .unwrap_or(Json::Null)
    };
    assert_eq!(
        value_from("DB_PASSWORD"),
        json!({ "Fn::Sub": "${DbCredentials}:password::" })
    );
    assert_eq!(
        value_from("API_TOKEN"),
        json!({ "Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${SharedSecretName}:token::" })
    );
    assert_eq!(
        value_from("ADMIN_PASSWORD"),
        json!({ "Fn::Sub": "${ManagedDatabase.MasterUserSecret.SecretArn}:password::" })
    );
    assert_eq!(value_from("DB_HOST"), json!({ "Ref": "DbEndpointAddress" }));
    assert_eq!(value_from("DB_PORT"), json!({ "Ref": "DbEndpointPort" }));

    assert_eq!(
        r["DbEndpointAddress"]["Properties"],
        json!({
            "Description": "Database endpoint address",
            "Name": { "Fn::Sub": "/healthtech/${EnvironmentSuffix}/db/endpoint" },
            "Type": "String",
            "Value": { "Fn::GetAtt": ["Database", "Endpoint.Address"] },
        })
    );
    assert_eq!(
        r["DbEndpointPort"]["Properties"]["Name"],
        json!({ "Fn::Sub": "/healthtech/${EnvironmentSuffix}/db/port" })
    );
}

/// Two environments side by side in one account and region: each stack generates its own secret
/// (no literal name; or a name carrying the suffix) and reads it through the handle, so RDS gets
/// `Fn::Sub` around the secret's `Ref` (its ARN) and the task `${Secret}:KEY::`; AWS's RDS sample
/// (`!Sub "{{resolve:secretsmanager:${DBCredential}}}"`) is the `whole` reference below.
#[test]
fn a_secret_of_the_stack_read_through_its_handle() {
    let mut s: Stack = Stack::new();
    s.description("RDS and ECS read a generated secret of this stack through its handle");
    let suffix = s.parameter("EnvironmentSuffix", Parameter::string().pattern("^[a-z0-9-]+$"));
    let retain = Attributes::new()
        .deletion_policy(Policy::Retain)
        .update_replace_policy(Policy::Retain);
    let secret = s.add_with(
        "DbSecret",
        secretsmanager::Secret::new()
            .name(sub!("app-db-${suffix}", suffix = &suffix))
            .generate_secret_string(
                GenerateSecretString::new()
                    .secret_string_template(r#"{"username":"app"}"#)
                    .generate_string_key("password")
                    .exclude_characters("\"@/\\ "),
            ),
        retain,
    );
    let db = database(secret.resolve_string("username")).master_user_password(secret.resolve("password"));
    s.add_with(
        "Database",
        db,
        Attributes::new()
            .deletion_policy(Policy::Snapshot)
            .update_replace_policy(Policy::Snapshot),
    );
    let whole: Value<String> = DynamicRef::secrets_manager(&secret).into();
    s.add(
        "WholeSecret",
        cfn::aws::ssm::Parameter::new(cfn::aws::ssm::parameter::Type::String, "placeholder").description(whole),
    );
    let role = execution_role(&mut s, vec![secret.secret_arn().into()], Vec::new());
    let app = ContainerDefinition::new("public.ecr.aws/nginx/nginx:1.27", "app")
        .essential(true)
        .secrets([Secret::secrets_manager_key("DB_PASSWORD", &secret, "password")]);
    s.add(
        "Task",
        ecs::TaskDefinition::new()
            .requires_compatibilities([ecs::task_definition::RequiresCompatibilities::Fargate])
            .network_mode(ecs::task_definition::NetworkMode::Awsvpc)
            .cpu("256")
            .memory("512")
            .execution_role_arn(role.arn())
            .container_definitions([app]),
    );

    let t = common::emit_root("safe_secrets_handle", &s);
    let r = &t["Resources"];
    let props = &r["Database"]["Properties"];
    assert_eq!(
        props["MasterUserPassword"],
        json!({"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:password::}}"})
    );
    assert_eq!(
        props["MasterUsername"],
        json!({"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:username::}}"})
    );
    // The Ref orders the database after the secret: no DependsOn needed, none written.
    assert_eq!(r["Database"].get("DependsOn"), None);
    assert_eq!(
        r["WholeSecret"]["Properties"]["Description"],
        json!({"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:::}}"})
    );
    assert_eq!(
        r["Task"]["Properties"]["ContainerDefinitions"][0]["Secrets"][0]["ValueFrom"],
        json!({"Fn::Sub": "${DbSecret}:password::"})
    );
}

/// Issue 15, item 5: the endpoint's parameters take the ids the caller chose (a migrated template
/// keeps its ids), and the task's `Secrets` refer to them.
#[test]
fn publish_endpoint_takes_the_chosen_ids() {
    use cfn::model::safe::ssm::EndpointIds;

    let mut s: Stack = Stack::new();
    s.description("SSM endpoint parameters keeping the logical ids of the template they were migrated from");
    let db = s.add_with(
        "Database",
        database("app".into()).manage_master_user_password(true),
        Attributes::new()
            .deletion_policy(Policy::Snapshot)
            .update_replace_policy(Policy::Snapshot),
    );
    let endpoint = s.publish_endpoint(
        EndpointIds::new("DBEndpointParameter", "DBPortParameter"),
        "/healthtech/prod/db",
        db.endpoint_address(),
        db.endpoint_port(),
    );
    let app = ContainerDefinition::new("public.ecr.aws/nginx/nginx:1.27", "app")
        .essential(true)
        .secrets(endpoint.ecs_secrets("DB_HOST", "DB_PORT"));
    s.add(
        "Task",
        ecs::TaskDefinition::new()
            .requires_compatibilities([ecs::task_definition::RequiresCompatibilities::Fargate])
            .network_mode(ecs::task_definition::NetworkMode::Awsvpc)
            .cpu("256")
            .memory("512")
            .container_definitions([app]),
    );

    let t = common::emit_root("safe_secrets_endpoint_ids", &s);
    let r = &t["Resources"];
    assert_eq!(r["DBEndpointParameter"]["Type"], json!("AWS::SSM::Parameter"));
    assert_eq!(r["DBPortParameter"]["Type"], json!("AWS::SSM::Parameter"));
    assert!(r.get("DbEndpointAddress").is_none());
    assert_eq!(
        r["Task"]["Properties"]["ContainerDefinitions"][0]["Secrets"],
        json!([
            { "Name": "DB_HOST", "ValueFrom": { "Ref": "DBEndpointParameter" } },
            { "Name": "DB_PORT", "ValueFrom": { "Ref": "DBPortParameter" } }
        ])
    );
}
