//! Grants (issue 16, item 4): each grant's statements as emitted, the action lists the data
//! computes (and only those), KMS keys through the resource's service, resource policies for
//! service principals, and the ordering of an external policy (`Stack::grant`). Every template
//! goes through cfn-lint and parliament (`target/cfn-lint/grants-*`).

mod common;

use cfn::assertions::Assert;
use cfn::aws::{dynamodb, ecr, efs, iam, kms, lambda, logs, s3, secretsmanager, sns, sqs, ssm};
use cfn::model::policy::{actions_on, AccessLevel, Grant, PolicyDocument, Principal, ResourceArn, Statement};
use cfn::prelude::*;
use serde_json::{json, Value as Json};

const READ: &[AccessLevel] = &[AccessLevel::Read, AccessLevel::List];

fn keep() -> Attributes {
    Attributes::new().retain_data(Policy::Retain)
}

fn trust(service: &'static str) -> PolicyDocument {
    PolicyDocument::new()
        .statement(Statement::allow(iam::sts::actions::AssumeRole).trusting(Principal::service(service)))
}

/// The resources every test grants on.
struct Fixture {
    s: Stack,
    key: Handle<kms::Key>,
    bucket: Handle<s3::Bucket>,
    table: Handle<dynamodb::Table>,
    queue: Handle<sqs::Queue>,
    topic: Handle<sns::Topic>,
    secret: Handle<secretsmanager::Secret>,
    parameter: Handle<ssm::Parameter>,
    group: Handle<logs::LogGroup>,
    repo: Handle<ecr::Repository>,
    fs: Handle<efs::FileSystem>,
    ap: Handle<efs::AccessPoint>,
}

fn fixture() -> Fixture {
    let mut s: Stack = Stack::new();
    let key = s.add_with("DataKey", kms::Key::new().enable_key_rotation(true), keep());
    let bucket = s.add_with("Data", s3::Bucket::new(), keep());
    let table = s.add_with(
        "Items",
        dynamodb::Table::new(vec![dynamodb::table::KeySchema::new("pk", "HASH")])
            .attribute_definitions(vec![dynamodb::table::AttributeDefinition::new(
                "pk",
                dynamodb::table::AttributeType::S,
            )])
            .billing_mode(dynamodb::table::BillingMode::PayPerRequest)
            .stream_specification(dynamodb::table::StreamSpecification::new(
                dynamodb::table::StreamViewType::NewImage,
            )),
        keep(),
    );
    let queue = s.add_with(
        "Jobs",
        sqs::Queue::new()
            .kms_master_key_id(key.id())
            .message_retention_period(345_600),
        keep(),
    );
    let topic = s.add("Events", sns::Topic::new().kms_master_key_id(key.id()));
    let secret = s.add_with(
        "Credentials",
        secretsmanager::Secret::new().kms_key_id(key.id()),
        keep(),
    );
    let parameter = s.add(
        "Endpoint",
        ssm::Parameter::new(ssm::parameter::Type::String, "db.internal"),
    );
    let group = s.add_with("AppLogs", logs::LogGroup::new().retention_in_days(30), keep());
    let repo = s.add_with("Images", ecr::Repository::new(), keep());
    let fs = s.add_with("Files", efs::FileSystem::new().encrypted(true), keep());
    let ap = s.add("FilesAp", efs::AccessPoint::new(&fs));
    Fixture {
        s,
        key,
        bucket,
        table,
        queue,
        topic,
        secret,
        parameter,
        group,
        repo,
        fs,
        ap,
    }
}

/// A role whose one inline policy holds `grant`; the emitted (and linted) template and that
/// policy's statements.
fn granted(name: &str, f: impl FnOnce(&Fixture) -> Grant) -> (Json, Vec<Json>) {
    let mut fx = fixture();
    let grant = f(&fx);
    fx.s.add(
        "Grantee",
        iam::Role::new(trust("lambda.amazonaws.com")).policies(vec![iam::role::Policy::new(
            PolicyDocument::new().grant(grant),
            "grants",
        )]),
    );
    let t = common::emit_root(&format!("grants-{name}"), &fx.s);
    Assert::template(t.clone()).has_no_warnings();
    let st = t["Resources"]["Grantee"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
        .as_array()
        .expect("statements")
        .clone();
    (t, st)
}

fn actions(st: &Json) -> Vec<String> {
    match &st["Action"] {
        Json::String(a) => vec![a.clone()],
        Json::Array(v) => v.iter().filter_map(|a| a.as_str().map(String::from)).collect(),
        _ => Vec::new(),
    }
}

fn names(it: impl Iterator<Item = &'static cfn::model::policy::ActionInfo>) -> Vec<String> {
    it.map(|a| a.name.to_string()).collect()
}

fn level_of(all: &'static [cfn::model::policy::ActionInfo], name: &str) -> AccessLevel {
    all.iter()
        .find(|a| a.name == name)
        .map(|a| a.level)
        .unwrap_or_else(|| panic!("{name} is not in the data"))
}

#[test]
fn bucket_read_is_the_datas_read_and_list_on_the_bucket_and_its_objects() {
    let (_, st) = granted("s3-read", |f| f.bucket.grant_read().encrypted_with(&f.key));
    assert_eq!(st.len(), 3, "{st:#?}");
    assert_eq!(
        actions(&st[0]),
        names(actions_on::<s3::arns::Bucket>(s3::actions::ALL, READ))
    );
    assert_eq!(st[0]["Resource"], json!({"Fn::GetAtt": ["Data", "Arn"]}));
    assert_eq!(
        actions(&st[1]),
        names(actions_on::<s3::arns::Object>(s3::actions::ALL, READ))
    );
    assert_eq!(st[1]["Resource"], json!({"Fn::Sub": "${Data.Arn}/*"}));
    for a in actions(&st[0]).iter().chain(&actions(&st[1])) {
        assert!(READ.contains(&level_of(s3::actions::ALL, a)), "{a}");
    }
    for a in ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"] {
        assert!(actions(&st[0]).iter().chain(&actions(&st[1])).any(|x| x == a), "{a}");
    }
    // The key: decrypt only, only through S3.
    assert_eq!(
        st[2],
        json!({
            "Effect": "Allow",
            "Action": "kms:Decrypt",
            "Resource": {"Fn::GetAtt": ["DataKey", "Arn"]},
            "Condition": {"StringEquals": {"kms:ViaService": {"Fn::Sub": "s3.${AWS::Region}.amazonaws.com"}}}
        })
    );
}

#[test]
fn bucket_write_is_the_datas_write_on_objects_and_nothing_on_the_bucket() {
    let (_, st) = granted("s3-write", |f| f.bucket.grant_read_write().encrypted_with(&f.key));
    let write = &st[2];
    assert_eq!(
        actions(write),
        names(actions_on::<s3::arns::Object>(s3::actions::ALL, &[AccessLevel::Write]))
    );
    assert_eq!(write["Resource"], json!({"Fn::Sub": "${Data.Arn}/*"}));
    let all: Vec<String> = st.iter().flat_map(actions).collect();
    for a in ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"] {
        assert!(all.iter().any(|x| x == a), "{a}");
    }
    for a in [
        "s3:DeleteBucket",
        "s3:PutBucketPolicy",
        "s3:PutBucketAcl",
        "s3:CreateBucket",
    ] {
        assert!(!all.iter().any(|x| x == a), "{a}");
    }
    assert_eq!(actions(&st[3]), ["kms:GenerateDataKey", "kms:Decrypt"]);
    let (_, put) = granted("s3-put", |f| f.bucket.grant_put());
    assert_eq!(put.len(), 1);
    assert_eq!(actions(&put[0]), ["s3:PutObject"]);
}

#[test]
fn table_grants_read_from_the_data_and_write_items_not_the_table() {
    let (_, st) = granted("dynamodb", |f| {
        f.table
            .grant_read_write_data()
            .and(f.table.grant_stream_read())
            .encrypted_with(&f.key)
    });
    assert_eq!(
        actions(&st[0]),
        names(actions_on::<dynamodb::arns::Table>(dynamodb::actions::ALL, READ))
    );
    assert_eq!(st[0]["Resource"], json!({"Fn::GetAtt": ["Items", "Arn"]}));
    assert_eq!(
        actions(&st[1]),
        names(actions_on::<dynamodb::arns::Index>(dynamodb::actions::ALL, READ))
    );
    assert_eq!(st[1]["Resource"], json!({"Fn::Sub": "${Items.Arn}/index/*"}));
    assert_eq!(
        actions(&st[2]),
        [
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:DescribeTable"
        ]
    );
    assert_eq!(
        actions(&st[3]),
        names(actions_on::<dynamodb::arns::Stream>(dynamodb::actions::ALL, READ))
    );
    assert!(actions(&st[3]).contains(&"dynamodb:GetRecords".to_string()));
    assert_eq!(st[3]["Resource"], json!({"Fn::Sub": "${Items.Arn}/stream/*"}));
    let all: Vec<String> = st.iter().flat_map(actions).collect();
    assert!(!all
        .iter()
        .any(|a| a == "dynamodb:DeleteTable" || a == "dynamodb:UpdateTable"));
    assert_eq!(actions(&st[4]), ["kms:GenerateDataKey", "kms:Decrypt"]);
}

#[test]
fn queue_and_topic_grants_and_their_resource_statements() {
    let (_, st) = granted("sqs-sns", |f| {
        f.queue
            .grant_send()
            .and(f.queue.grant_consume())
            .and(f.topic.grant_publish())
            .encrypted_with(&f.key)
    });
    assert_eq!(
        actions(&st[0]),
        ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"]
    );
    assert_eq!(st[0]["Resource"], json!({"Fn::GetAtt": ["Jobs", "Arn"]}));
    assert_eq!(
        actions(&st[1]),
        [
            "sqs:ReceiveMessage",
            "sqs:ChangeMessageVisibility",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes",
            "sqs:GetQueueUrl"
        ]
    );
    assert_eq!(actions(&st[2]), ["sns:Publish"]);
    assert_eq!(st[2]["Resource"], json!({"Fn::GetAtt": ["Events", "TopicArn"]}));
    // One key statement for both services: writing (send, publish) needs a data key too.
    assert_eq!(actions(&st[3]), ["kms:GenerateDataKey", "kms:Decrypt"]);
    assert_eq!(
        st[3]["Condition"]["StringEquals"]["kms:ViaService"],
        json!([
            {"Fn::Sub": "sqs.${AWS::Region}.amazonaws.com"},
            {"Fn::Sub": "sns.${AWS::Region}.amazonaws.com"}
        ])
    );
    let (_, read) = granted("sqs-sns-read", |f| f.queue.grant_read().and(f.topic.grant_read()));
    assert_eq!(
        actions(&read[0]),
        names(actions_on::<sqs::arns::Queue>(sqs::actions::ALL, READ))
    );
    assert_eq!(
        actions(&read[1]),
        names(actions_on::<sns::arns::Topic>(sns::actions::ALL, READ))
    );

    // Resource policies: SNS may send to the queue for this topic only; EventBridge may publish
    // to the topic for one rule only.
    let mut fx = fixture();
    let statement = fx.queue.allow_send_from("sns.amazonaws.com", fx.topic.topic_arn());
    fx.s.add(
        "JobsPolicy",
        sqs::QueuePolicy::new(
            PolicyDocument::new().statement(statement),
            vec![Value::<String>::from(fx.queue.queue_url())],
        ),
    );
    let rule_arn: Value<String> = sub!("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/nightly");
    let publish = fx.topic.allow_publish_from("events.amazonaws.com", rule_arn);
    fx.s.add(
        "EventsPolicy",
        sns::TopicPolicy::new(
            PolicyDocument::new().statement(publish),
            vec![Value::<String>::from(fx.topic.topic_arn())],
        ),
    );
    let t = common::emit_root("grants-resource-policies", &fx.s);
    let a = Assert::template(t);
    a.has_no_warnings();
    a.has_resource_properties::<sqs::QueuePolicy>(json!({
        "PolicyDocument": {"Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "sns.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Resource": {"Fn::GetAtt": ["Jobs", "Arn"]},
            "Condition": {
                "ArnEquals": {"aws:SourceArn": {"Fn::GetAtt": ["Events", "TopicArn"]}},
                "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
            }
        }]}
    }));
    a.has_resource_properties::<sns::TopicPolicy>(json!({
        "PolicyDocument": {"Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": "sns:Publish",
            "Resource": {"Fn::GetAtt": ["Events", "TopicArn"]},
            "Condition": {
                "ArnEquals": {"aws:SourceArn": {"Fn::Sub": "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/nightly"}},
                "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
            }
        }]}
    }));
}

#[test]
fn key_secret_parameter_log_group_repository_grants() {
    let (_, st) = granted("kms-secrets-ssm-logs-ecr", |f| {
        f.key
            .grant_encrypt_decrypt()
            .and(f.secret.grant_read())
            .and(f.parameter.grant_read())
            .and(f.group.grant_write())
            .and(f.repo.grant_pull())
    });
    assert_eq!(
        actions(&st[0]),
        [
            "kms:Encrypt",
            "kms:GenerateDataKey",
            "kms:ReEncryptTo",
            "kms:ReEncryptFrom",
            "kms:Decrypt"
        ]
    );
    assert_eq!(
        actions(&st[1]),
        names(actions_on::<secretsmanager::arns::Secret>(
            secretsmanager::actions::ALL,
            READ
        ))
    );
    assert!(actions(&st[1]).contains(&"secretsmanager:GetSecretValue".to_string()));
    assert_eq!(st[1]["Resource"], json!({"Ref": "Credentials"}));
    assert_eq!(
        actions(&st[2]),
        names(actions_on::<ssm::arns::Parameter>(ssm::actions::ALL, READ))
    );
    assert_eq!(actions(&st[3]), ["logs:CreateLogStream", "logs:PutLogEvents"]);
    assert_eq!(
        st[3]["Resource"],
        json!({"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${AppLogs}:log-stream:*"})
    );
    assert_eq!(
        actions(&st[4]),
        [
            "ecr:BatchCheckLayerAvailability",
            "ecr:BatchGetImage",
            "ecr:GetDownloadUrlForLayer"
        ]
    );
    assert_eq!(st[4]["Resource"], json!({"Fn::GetAtt": ["Images", "Arn"]}));
    assert_eq!(
        st[5],
        json!({"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"})
    );

    // A secret this stack does not own, with its key: decrypt through Secrets Manager only.
    let (_, ext) = granted("secret-external", |_| {
        let secret = ResourceArn::<secretsmanager::arns::Secret>::external(
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
        );
        let key = ResourceArn::<kms::arns::Key>::external(
            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        );
        secret
            .grant_read()
            .encrypted_with(&key)
            .and(key.grant_decrypt_via("ssm"))
    });
    assert_eq!(actions(&ext[1]), ["kms:Decrypt"]);
    assert_eq!(
        ext[1]["Condition"]["StringEquals"]["kms:ViaService"],
        json!({"Fn::Sub": "secretsmanager.${AWS::Region}.amazonaws.com"})
    );
    assert_eq!(
        ext[2]["Condition"]["StringEquals"]["kms:ViaService"],
        json!({"Fn::Sub": "ssm.${AWS::Region}.amazonaws.com"})
    );

    let (_, rest) = granted("logs-ecr-more", |f| {
        f.group
            .grant_read()
            .and(f.repo.grant_push())
            .and(f.secret.grant_write())
            .and(f.parameter.grant_write())
            .and(f.key.grant_read())
    });
    assert_eq!(
        actions(&rest[0]),
        names(actions_on::<logs::arns::LogGroup>(logs::actions::ALL, READ))
    );
    assert_eq!(
        actions(&rest[1]),
        names(actions_on::<logs::arns::LogStream>(logs::actions::ALL, READ))
    );
    assert_eq!(
        actions(&rest[4]),
        [
            "ecr:InitiateLayerUpload",
            "ecr:UploadLayerPart",
            "ecr:CompleteLayerUpload",
            "ecr:PutImage"
        ]
    );
    assert_eq!(actions(&rest[5]), ["secretsmanager:PutSecretValue"]);
    assert_eq!(actions(&rest[6]), ["ssm:PutParameter"]);
    assert_eq!(
        actions(&rest[7]),
        names(actions_on::<kms::arns::Key>(kms::actions::ALL, READ))
    );
}

#[test]
fn efs_grants_go_through_the_access_point_with_an_arn_operator() {
    let (_, st) = granted("efs", |f| {
        f.fs.grant_read_write_via(&f.ap).and(f.fs.grant_mount_via(&f.ap))
    });
    assert_eq!(
        st[0],
        json!({
            "Effect": "Allow",
            "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            "Resource": {"Fn::GetAtt": ["Files", "Arn"]},
            "Condition": {"ArnEquals": {"elasticfilesystem:AccessPointArn": {"Fn::GetAtt": ["FilesAp", "Arn"]}}}
        })
    );
    assert_eq!(actions(&st[1]), ["elasticfilesystem:ClientMount"]);
    let all: Vec<String> = st.iter().flat_map(actions).collect();
    assert!(!all.iter().any(|a| a == "elasticfilesystem:ClientRootAccess"));
}

fn function(s: &mut Stack, role_arn: Value<Arn<iam::Role>>) -> Handle<lambda::Function> {
    s.add(
        "Handler",
        lambda::Function::new(
            lambda::function::Code::new().zip_file("def handler(event, context):\n    return None\n"),
            role_arn,
        )
        .runtime(lambda::function::Runtime::Python3_12)
        .handler("index.handler"),
    )
}

#[test]
fn lambda_invoke_grant_and_permission_for_a_service_principal() {
    let mut fx = fixture();
    let role = fx.s.add(
        "HandlerRole",
        iam::Role::new(trust("lambda.amazonaws.com")).policies(vec![iam::role::Policy::new(
            PolicyDocument::from(fx.queue.grant_consume()),
            "jobs",
        )]),
    );
    let f = function(&mut fx.s, role.arn());
    f.allow_invoke_from(&mut fx.s, "HandlerFromEvents", "sns.amazonaws.com", &fx.topic);
    fx.s.add(
        "Caller",
        iam::Role::new(trust("lambda.amazonaws.com")).policies(vec![iam::role::Policy::new(
            PolicyDocument::from(f.grant_invoke()),
            "invoke",
        )]),
    );
    let t = common::emit_root("grants-lambda", &fx.s);
    let a = Assert::template(t.clone());
    a.has_no_warnings();
    a.has_resource_properties::<lambda::Permission>(json!({
        "Action": "lambda:InvokeFunction",
        "FunctionName": {"Ref": "Handler"},
        "Principal": "sns.amazonaws.com",
        "SourceArn": {"Ref": "Events"},
        "SourceAccount": {"Ref": "AWS::AccountId"}
    }));
    let st = &t["Resources"]["Caller"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0];
    assert_eq!(
        st["Resource"],
        json!([{"Fn::GetAtt": ["Handler", "Arn"]}, {"Fn::Sub": "${Handler.Arn}:*"}])
    );
}

#[test]
fn an_external_policy_makes_the_roles_users_wait_for_it() {
    let mut fx = fixture();
    let role = fx.s.add("HandlerRole", iam::Role::new(trust("lambda.amazonaws.com")));
    let granted = fx.s.grant("HandlerRoleJobs", &role, fx.queue.grant_consume());
    let f = function(&mut fx.s, granted.arn());
    let _ = f;
    let t = common::emit_root("grants-external-policy", &fx.s);
    let a = Assert::template(t);
    a.has_no_warnings();
    a.has_resource_properties::<iam::Policy>(json!({
        "PolicyName": "HandlerRoleJobs",
        "Roles": [{"Ref": "HandlerRole"}]
    }));
    a.assert_depends_on("Handler", "HandlerRoleJobs");

    // The role's plain ARN instead: validate reports the documented ordering.
    let mut fx = fixture();
    let role = fx.s.add("HandlerRole", iam::Role::new(trust("lambda.amazonaws.com")));
    let _ = fx.s.grant("HandlerRoleJobs", &role, fx.queue.grant_consume());
    function(&mut fx.s, role.arn());
    let d = cfn::validate(&fx.s);
    assert!(d.iter().any(|d| d.code == "iam-policy-order"), "{d:?}");
}

#[test]
fn grants_compose_within_iam_size_limits() {
    // Everything at once on one role: the inline policies of a role may total 10,240
    // characters (whitespace not counted).
    let (t, _) = granted("everything", |f| {
        f.bucket
            .grant_read_write()
            .encrypted_with(&f.key)
            .and(f.table.grant_read_write_data())
            .and(f.table.grant_stream_read())
            .and(f.queue.grant_consume())
            .and(f.topic.grant_publish())
            .and(f.secret.grant_read())
            .and(f.parameter.grant_read())
            .and(f.group.grant_write())
            .and(f.repo.grant_pull())
            .and(f.fs.grant_read_write_via(&f.ap))
    });
    let doc = &t["Resources"]["Grantee"]["Properties"]["Policies"][0]["PolicyDocument"];
    let size = serde_json::to_string(doc).map(|s| s.len()).unwrap_or(usize::MAX);
    assert!(size < 10_240, "{size} characters");
    // No statement of any grant allows `*` but the one action that has no resource type.
    for st in doc["Statement"].as_array().into_iter().flatten() {
        if st["Resource"] == json!("*") {
            assert_eq!(actions(st), ["ecr:GetAuthorizationToken"]);
        }
    }
    // Nothing a grant computes is permissions management.
    let g = fixture();
    for a in g
        .bucket
        .grant_read_write()
        .actions()
        .iter()
        .chain(&g.table.grant_read().actions())
    {
        let all = if a.starts_with("s3:") {
            s3::actions::ALL
        } else {
            dynamodb::actions::ALL
        };
        assert_ne!(level_of(all, a), AccessLevel::PermissionsManagement, "{a}");
    }
}
