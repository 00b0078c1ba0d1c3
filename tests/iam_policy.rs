//! Typed IAM policy documents (issue 16): statements built from the generated action constants,
//! resources from handles, serialised to the JSON IAM expects; every template goes through
//! cfn-lint (`target/cfn-lint/iam-policy-*`).

mod common;

use cfn::aws::{dynamodb, iam, logs, s3, sqs};
use cfn::model::policy::{global, AccessLevel, Condition, PolicyDocument, Principal, ResourceArn, Statement};
use cfn::prelude::*;
use serde_json::json;

fn stack() -> Stack {
    let mut s: Stack = Stack::new();
    let keep = || Attributes::new().retain_data(Policy::Retain);
    let bucket = s.add_with("Data", s3::Bucket::new(), keep());
    let table = s.add_with(
        "Items",
        dynamodb::Table::new(vec![dynamodb::table::KeySchema::new("pk", "HASH")])
            .attribute_definitions(vec![dynamodb::table::AttributeDefinition::new(
                "pk",
                dynamodb::table::AttributeType::S,
            )])
            .billing_mode(dynamodb::table::BillingMode::PayPerRequest),
        keep(),
    );
    let group = s.add_with("AppLogs", logs::LogGroup::new().retention_in_days(30), keep());
    let queue = s.add_with("Jobs", sqs::Queue::new().message_retention_period(345_600), keep());
    let trust = PolicyDocument::new().statement(
        Statement::allow(iam::sts::actions::AssumeRole).trusting(Principal::service("ecs-tasks.amazonaws.com")),
    );
    let policy = PolicyDocument::new()
        .statement(Statement::allow(s3::actions::ListBucket).on(&bucket))
        .statement(
            Statement::allow(s3::actions::GetObject)
                .on(bucket.arn_for_objects("uploads/*"))
                .action(s3::actions::PutObject)
                .when(Condition::bool(global::SecureTransport, true)),
        )
        .statement(
            Statement::allow(dynamodb::actions::GetItem)
                .on(&table)
                .action(dynamodb::actions::Query),
        )
        .statement(Statement::allow(dynamodb::actions::Query).on(table.indexes_arn()))
        .statement(
            Statement::allow(logs::actions::PutLogEvents)
                .on(group.streams_arn())
                .action(logs::actions::CreateLogStream),
        )
        .statement(
            Statement::allow(sqs::actions::SendMessage)
                .on(&queue)
                .when(Condition::string_equals(global::SourceAccount, [Pseudo::account_id()])),
        )
        .statement(
            Statement::allow(s3::actions::PutObject)
                .on(bucket.objects_arn())
                .when(Condition::string_equals(
                    s3::conditions::RequestObjectTag.key("Team"),
                    ["data"],
                ))
                .when(Condition::string_like(s3::conditions::x_amz_acl, ["bucket-owner-*"]).if_exists()),
        )
        .statement(Statement::allow(s3::actions::ListAllMyBuckets).on_all_resources());
    s.add(
        "TaskRole",
        iam::Role::new(trust).policies(vec![iam::role::Policy::new(policy, "app")]),
    );
    let _ = ResourceArn::<s3::arns::Bucket>::external("arn:aws:s3:::elsewhere");
    s
}

#[test]
fn a_typed_document_serialises_to_the_json_iam_expects() {
    let t = common::emit_root("iam-policy-role", &stack());
    let role = &t["Resources"]["TaskRole"]["Properties"];
    assert_eq!(
        role["AssumeRolePolicyDocument"],
        json!({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "ecs-tasks.amazonaws.com"},
            "Action": "sts:AssumeRole"
        }]})
    );
    let doc = &role["Policies"][0]["PolicyDocument"];
    assert_eq!(doc["Version"], "2012-10-17");
    let st = doc["Statement"].as_array().unwrap();
    assert_eq!(
        st[0],
        json!({"Effect": "Allow", "Action": "s3:ListBucket", "Resource": {"Fn::GetAtt": ["Data", "Arn"]}})
    );
    assert_eq!(
        st[1],
        json!({
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject"],
            "Resource": {"Fn::Sub": "${Data.Arn}/uploads/*"},
            "Condition": {"Bool": {"aws:SecureTransport": "true"}}
        })
    );
    assert_eq!(st[3]["Resource"], json!({"Fn::Sub": "${Items.Arn}/index/*"}));
    assert_eq!(
        st[4]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${AppLogs}:log-stream:*"})
    );
    assert_eq!(
        st[5]["Condition"],
        json!({"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}})
    );
    assert_eq!(
        st[6]["Condition"],
        json!({
            "StringEquals": {"s3:RequestObjectTag/Team": "data"},
            "StringLikeIfExists": {"s3:x-amz-acl": "bucket-owner-*"}
        })
    );
    assert_eq!(
        st[7],
        json!({"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"})
    );
}

#[test]
fn actions_carry_the_data() {
    assert_eq!(s3::actions::GetObject.name(), "s3:GetObject");
    assert_eq!(s3::actions::GetObject.access_level(), AccessLevel::Read);
    assert_eq!(
        s3::actions::GetObject.info().resource_types,
        &["accesspointobject", "object"]
    );
    assert_eq!(
        iam::actions::PassRole.access_level(),
        AccessLevel::PermissionsManagement
    );
    assert_eq!(
        iam::actions::PutRolePolicy.access_level(),
        AccessLevel::PermissionsManagement
    );
    let reads = cfn::model::policy::actions_at(sqs::actions::ALL, AccessLevel::Read).count();
    assert!(reads >= 3, "{reads}");
}

#[test]
fn validate_checks_raw_json_policies_against_the_same_data() {
    let mut s: Stack = Stack::new();
    s.add(
        "Raw",
        RawResource::of("AWS::IAM::ManagedPolicy").prop(
            "PolicyDocument",
            json!({
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::b/*"},
                    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b"},
                    {"Effect": "Allow", "Action": ["s3:DeleteObject"], "Resource": "*"},
                    {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
                    {"Effect": "Allow", "Action": ["s3:Get*", "sts:GetCallerIdentity"], "Resource": "*"}
                ]
            }),
        ),
    );
    let d = cfn::validate(&s);
    let codes: Vec<(&str, &str)> = d.iter().map(|d| (d.code, d.path.as_str())).collect();
    let unknown = d
        .iter()
        .find(|d| d.code == "iam-unknown-action")
        .expect("unknown action");
    assert_eq!(unknown.severity, Severity::Error);
    assert!(unknown.help.contains("`s3:GetObject`"), "{unknown}");
    let wrong = d
        .iter()
        .find(|d| d.code == "iam-action-resource")
        .expect("wrong resource type");
    assert!(wrong.path.ends_with("Statement/1"), "{wrong}");
    assert!(wrong.message.contains("s3:bucket"), "{wrong}");
    assert!(wrong.help.contains("object"), "{wrong}");
    assert!(
        codes.contains(&(
            "iam-wildcard-write",
            "Resources/Raw/Properties/PolicyDocument/Statement/2"
        )),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(
            "iam-allow-not-action",
            "Resources/Raw/Properties/PolicyDocument/Statement/3"
        )),
        "{codes:?}"
    );
    assert!(!codes.iter().any(|(_, p)| p.ends_with("Statement/4")), "{codes:?}");
    // The typed stack draws none of them.
    let typed = cfn::validate(&stack());
    assert!(typed.iter().all(|d| !d.code.starts_with("iam-")), "{typed:?}");
}
