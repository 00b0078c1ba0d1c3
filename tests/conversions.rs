//! Values CloudFormation converts and the types now do too: a `Number` parameter where a string
//! is declared, a `true`/`false` parameter or a condition where a boolean is declared, and JSON
//! documents with typed values inside (`cfn_json!`). The template goes through cfn-lint.

mod common;

use cfn::aws::{ecs, iam, rds};
use cfn::prelude::*;
use serde_json::json;

#[test]
fn numbers_booleans_and_json_documents_without_cast_unchecked() {
    let mut s: Stack = Stack::new();
    let storage = s
        .parameter("StorageGiB", Parameter::integer().min_value(20.0).default(20))
        .value();
    let cpu = s.parameter("TaskCpu", Parameter::integer().allowed([256, 512]).default(256));
    let multi_az = s.parameter("MultiAz", Parameter::boolean().default("false"));
    let env = s.parameter(
        "Environment",
        Parameter::string().allowed(["dev", "prod"]).default("dev"),
    );
    let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));

    let secret = s.add_with(
        "DbSecret",
        cfn::aws::secretsmanager::Secret::new().generate_secret_string(
            cfn::aws::secretsmanager::secret::GenerateSecretString::new()
                .secret_string_template(r#"{"username":"app"}"#)
                .generate_string_key("password")
                .exclude_characters("\"@/\\ "),
        ),
        Attributes::new().retain_data(Policy::Retain),
    );
    s.add_with(
        "Database",
        rds::DbInstance::new()
            .engine("postgres")
            .engine_version("15.19")
            .db_instance_class("db.t3.micro")
            .storage_encrypted(true)
            .backup_retention_period(7)
            .allocated_storage(&storage) // a borrowed Value<i64> into a string property
            .multi_az(multi_az.value()) // a `true`/`false` parameter
            .deletion_protection(prod.as_bool()) // a condition
            .master_username(secret.resolve_string("username"))
            .master_user_password(secret.resolve("password")),
        Attributes::new().retain_data(Policy::Snapshot),
    );

    let bucket_arn: Value<String> = sub!("arn:${AWS::Partition}:s3:::app-${env}/*", env = &env);
    let policy = cfn_json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject"],
            "Resource": bucket_arn,
            "Condition": {"StringEquals": {"aws:RequestedRegion": Pseudo::region()}},
        }]
    });
    let trust = cfn_json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "ecs-tasks.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"aws:SourceAccount": Pseudo::account_id()}},
        }],
    });
    let role = s.add(
        "TaskRole",
        iam::Role::new(trust).policies([iam::role::Policy::new(policy, "objects")]),
    );
    s.add(
        "Task",
        ecs::TaskDefinition::new()
            .requires_compatibilities([ecs::task_definition::RequiresCompatibilities::Fargate])
            .network_mode(ecs::task_definition::NetworkMode::Awsvpc)
            .cpu(cpu.value()) // Value<i64> into a string property
            .memory("512")
            .task_role_arn(role.arn())
            .container_definitions([ecs::task_definition::ContainerDefinition::new(
                "public.ecr.aws/nginx/nginx:1.27",
                "app",
            )]),
    );

    let t = common::emit_root("conversions", &s);
    assert_eq!(
        t["Parameters"]["MultiAz"],
        json!({"Type": "String", "Default": "false", "AllowedValues": ["true", "false"]})
    );
    assert_eq!(t["Parameters"]["StorageGiB"]["Type"], json!("Number"));
    let db = &t["Resources"]["Database"]["Properties"];
    assert_eq!(db["AllocatedStorage"], json!({"Ref": "StorageGiB"}));
    assert_eq!(db["MultiAZ"], json!({"Ref": "MultiAz"}));
    assert_eq!(db["DeletionProtection"], json!({"Fn::If": ["IsProd", true, false]}));
    assert_eq!(t["Resources"]["Task"]["Properties"]["Cpu"], json!({"Ref": "TaskCpu"}));
    let role = &t["Resources"]["TaskRole"]["Properties"];
    assert_eq!(
        role["Policies"][0]["PolicyDocument"],
        json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:PutObject"],
                "Resource": {"Fn::Sub": "arn:${AWS::Partition}:s3:::app-${Environment}/*"},
                "Condition": {"StringEquals": {"aws:RequestedRegion": {"Ref": "AWS::Region"}}},
            }]
        })
    );
    assert_eq!(
        role["AssumeRolePolicyDocument"]["Statement"][0]["Condition"],
        json!({"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}})
    );
}

#[test]
fn cfn_json_leaves_literals_nesting_and_typed_values() {
    let mut s: Stack = Stack::new();
    let count = s.parameter("Count", Parameter::integer());
    let topic = s.add("Topic", RawResource::of("AWS::SNS::Topic"));
    let doc = cfn_json!({
        "null": null,
        "int": 3,
        "float": 0.5,
        "bool": true,
        "text": "a",
        "owned": String::from("b"),
        "list": [1, "two", [null], {"k": topic.id()}],
        "param": &count,
        "value": &count.value(),
        "raw": json!({"x": [1]}),
        "arr": ["x", "y"],
    });
    assert_eq!(
        cfn::emit::expr_to_json(doc.expr()),
        json!({
            "null": null, "int": 3, "float": 0.5, "bool": true, "text": "a", "owned": "b",
            "list": [1, "two", [null], {"k": {"Ref": "Topic"}}],
            "param": {"Ref": "Count"}, "value": {"Ref": "Count"},
            "raw": {"x": [1]}, "arr": ["x", "y"],
        })
    );
    // Lists of leaves built at run time.
    let arns: Vec<Value<String>> = vec![topic.id().into(), Pseudo::region()];
    let doc = cfn_json!({"Resource": arns});
    assert_eq!(
        cfn::emit::expr_to_json(doc.expr()),
        json!({"Resource": [{"Ref": "Topic"}, {"Ref": "AWS::Region"}]})
    );
}
