//! A parent and two children (one of which nests a grandchild) written only with the derive
//! macros: parameters, outputs, a mapping keyed by an enum, conditions, `sub!` and a custom
//! resource. The assembly goes through cfn-lint file by file (`target/cfn-lint/nested/`).

mod common;

use cfn::model::{Expr, ToExpr};
use cfn::prelude::*;
use serde_json::json;

/// A JSON object whose values keep their references (`RawResource` properties take it as is).
fn obj<const N: usize>(fields: [(&'static str, Expr); N]) -> Expr {
    Expr::Object(fields.into_iter().map(|(k, v)| (k.into(), v)).collect())
}

/// Any typed value, literal or JSON as an expression.
fn e(v: impl ToExpr) -> Expr {
    v.to_expr()
}

// ---- shared: the environment key and its settings ---------------------------------------------

/// Where a copy of the application runs.
#[derive(MappingKey, Clone, Copy, Debug, PartialEq)]
enum Environment {
    #[cfn(rename = "dev")]
    Dev,
    #[cfn(rename = "staging")]
    Staging,
    #[cfn(rename = "prod")]
    Prod,
}

/// Per-environment settings, one row per [`Environment`].
#[derive(Mapping)]
#[cfn(key = Environment)]
struct EnvSettings {
    /// Seconds SQS keeps a message.
    message_retention: i64,
    /// Seconds a received message stays invisible.
    visibility_timeout: i64,
    /// Days S3 keeps non-current object versions.
    noncurrent_days: i64,
}

/// The table: exhaustive by construction (drop an arm and it does not compile).
fn settings(env: Environment) -> EnvSettings {
    match env {
        Environment::Dev => EnvSettings {
            message_retention: 86_400,
            visibility_timeout: 30,
            noncurrent_days: 7,
        },
        Environment::Staging => EnvSettings {
            message_retention: 345_600,
            visibility_timeout: 60,
            noncurrent_days: 30,
        },
        Environment::Prod => EnvSettings {
            message_retention: 1_209_600,
            visibility_timeout: 120,
            noncurrent_days: 365,
        },
    }
}

// ---- child 1: storage ---------------------------------------------------------------------------

/// A versioned bucket and an alert topic.
struct Storage;

#[derive(Parameters)]
struct StorageParams {
    /// Lower-case prefix of every resource name.
    #[cfn(pattern = "^[a-z][a-z0-9-]*$", max_length = 20)]
    name_prefix: Value<String>,
    /// Days S3 keeps non-current versions.
    #[cfn(min_value = 1, max_value = 3650)]
    noncurrent_days: Value<i64>,
    /// Origins allowed to read the bucket from a browser.
    allowed_origins: Value<Vec<String>>,
}

#[derive(Outputs)]
struct StorageOutputs {
    /// The bucket's name.
    bucket_name: Value<String>,
    /// The bucket's ARN.
    bucket_arn: Value<String>,
    /// The alert topic's ARN.
    topic_arn: Value<String>,
}

impl ChildStack for Storage {
    type Params = StorageParams;
    type Outputs = StorageOutputs;

    fn description() -> Option<&'static str> {
        Some("Storage: a versioned bucket and an alert topic")
    }

    fn build(s: &mut Stack<Storage>, p: &StorageParams) -> StorageOutputs {
        let bucket = s.add_with(
            "Bucket",
            RawResource::of("AWS::S3::Bucket")
                .prop("VersioningConfiguration", json!({"Status": "Enabled"}))
                .prop(
                    "LifecycleConfiguration",
                    obj([(
                        "Rules",
                        Expr::List(vec![obj([
                            ("Id", e("expire-noncurrent")),
                            ("Status", e("Enabled")),
                            (
                                "NoncurrentVersionExpiration",
                                obj([("NoncurrentDays", e(&p.noncurrent_days))]),
                            ),
                        ])]),
                    )]),
                )
                .prop(
                    "CorsConfiguration",
                    obj([(
                        "CorsRules",
                        Expr::List(vec![obj([
                            ("AllowedMethods", e(vec!["GET"])),
                            ("AllowedOrigins", e(&p.allowed_origins)),
                        ])]),
                    )]),
                ),
            Attributes::new().retain_data(Policy::Retain),
        );
        let topic = s.add(
            "Alerts",
            RawResource::of("AWS::SNS::Topic").prop("TopicName", sub!("${prefix}-alerts", prefix = &p.name_prefix)),
        );
        StorageOutputs {
            bucket_name: bucket.id().into(),
            bucket_arn: bucket.get_att("Arn"),
            topic_arn: topic.id().into(),
        }
    }
}

// ---- child 2: queues, with a grandchild for the dead-letter queue --------------------------------

/// The dead-letter queue, nested under [`Queues`].
struct DeadLetters;

#[derive(Parameters)]
struct DeadLetterParams {
    /// Lower-case prefix of every resource name.
    name_prefix: Value<String>,
    /// Seconds SQS keeps a dead letter.
    #[cfn(min_value = 60, max_value = 1209600)]
    retention: Value<i64>,
}

#[derive(Outputs)]
struct DeadLetterOutputs {
    /// The dead-letter queue's ARN.
    queue_arn: Value<String>,
}

impl ChildStack for DeadLetters {
    type Params = DeadLetterParams;
    type Outputs = DeadLetterOutputs;

    fn build(s: &mut Stack<DeadLetters>, p: &DeadLetterParams) -> DeadLetterOutputs {
        let dlq = s.add_with(
            "DeadLetterQueue",
            RawResource::of("AWS::SQS::Queue")
                .prop("QueueName", sub!("${prefix}-dead-letters", prefix = &p.name_prefix))
                .prop("MessageRetentionPeriod", &p.retention),
            Attributes::new().retain_data(Policy::Delete),
        );
        DeadLetterOutputs {
            queue_arn: dlq.get_att("Arn"),
        }
    }
}

/// A work queue subscribed to the alert topic, its dead-letter queue, and an archive queue in
/// production only.
struct Queues;

#[derive(Parameters)]
struct QueueParams {
    /// Which environment this is.
    environment: Value<Environment>,
    /// Lower-case prefix of every resource name.
    name_prefix: Value<String>,
    /// The topic to subscribe to.
    topic_arn: Value<String>,
    /// Seconds SQS keeps a message.
    #[cfn(min_value = 60, max_value = 1209600)]
    retention: Value<i64>,
    /// Seconds a received message stays invisible.
    #[cfn(min_value = 0, max_value = 43200)]
    visibility_timeout: Value<i64>,
}

#[derive(Outputs)]
struct QueueOutputs {
    /// The work queue's URL.
    queue_url: Value<String>,
    /// The work queue's ARN.
    queue_arn: Value<String>,
    /// The archive queue's ARN (production only).
    #[cfn(condition = "IsProd")]
    archive_queue_arn: Value<String>,
}

impl ChildStack for Queues {
    type Params = QueueParams;
    type Outputs = QueueOutputs;

    fn description() -> Option<&'static str> {
        Some("Queues: a work queue fed by the alert topic")
    }

    fn build(s: &mut Stack<Queues>, p: &QueueParams) -> QueueOutputs {
        let is_prod = s.condition("IsProd", Value::<Cond>::equals(&p.environment, Environment::Prod));
        let dead = s.nest::<DeadLetters>(
            "DeadLetters",
            DeadLetterParamsArgs {
                name_prefix: p.name_prefix.clone(),
                retention: 1_209_600.into(),
            },
        );
        let redrive = obj([
            ("deadLetterTargetArn", e(&dead.outputs().queue_arn)),
            ("maxReceiveCount", e(5)),
        ]);
        let queue = s.add_with(
            "WorkQueue",
            RawResource::of("AWS::SQS::Queue")
                .prop("QueueName", sub!("${prefix}-work", prefix = &p.name_prefix))
                .prop("MessageRetentionPeriod", &p.retention)
                .prop("VisibilityTimeout", &p.visibility_timeout)
                .prop("RedrivePolicy", redrive),
            Attributes::new().retain_data(Policy::Delete),
        );
        let queue_arn: Value<String> = queue.get_att("Arn");
        let statement = obj([
            ("Effect", e("Allow")),
            ("Principal", e(json!({"Service": "sns.amazonaws.com"}))),
            ("Action", e("sqs:SendMessage")),
            ("Resource", e(&queue_arn)),
            (
                "Condition",
                obj([("ArnEquals", obj([("aws:SourceArn", e(&p.topic_arn))]))]),
            ),
        ]);
        s.add(
            "WorkQueuePolicy",
            RawResource::of("AWS::SQS::QueuePolicy")
                .prop("Queues", vec![queue.id()])
                .prop(
                    "PolicyDocument",
                    obj([("Version", e("2012-10-17")), ("Statement", Expr::List(vec![statement]))]),
                ),
        );
        s.add(
            "WorkSubscription",
            RawResource::of("AWS::SNS::Subscription")
                .prop("TopicArn", &p.topic_arn)
                .prop("Protocol", "sqs")
                .prop("Endpoint", &queue_arn)
                .prop("RawMessageDelivery", true),
        );
        let archive = s.add_with(
            "ArchiveQueue",
            RawResource::of("AWS::SQS::Queue")
                .prop("QueueName", sub!("${prefix}-archive", prefix = &p.name_prefix))
                .prop("MessageRetentionPeriod", 1_209_600),
            Attributes::new().condition(&is_prod).retain_data(Policy::Retain),
        );
        QueueOutputs {
            queue_url: queue.id().into(),
            queue_arn,
            archive_queue_arn: archive.get_att("Arn"),
        }
    }
}

// ---- the parent ----------------------------------------------------------------------------------

#[derive(Parameters)]
struct AppParams {
    /// Which environment to deploy.
    #[cfn(default = Environment::Dev, group = "Deployment", label = "Environment")]
    environment: Value<Environment>,
    /// Lower-case prefix of every resource name.
    #[cfn(
        pattern = "^[a-z][a-z0-9-]*$",
        min_length = 3,
        max_length = 20,
        default = "orders",
        constraint_description = "3 to 20 lower-case letters, digits and dashes, starting with a letter",
        group = "Deployment"
    )]
    name_prefix: Value<String>,
    /// Origins allowed to read the bucket from a browser.
    #[cfn(default = ["https://example.com", "https://www.example.com"], group = "Storage")]
    allowed_origins: Value<Vec<String>>,
}

#[derive(Outputs)]
struct AppOutputs {
    /// The bucket's name.
    #[cfn(export = "${AWS::StackName}-BucketName")]
    bucket_name: Value<String>,
    /// The work queue's URL.
    #[cfn(export = "${AWS::StackName}-QueueUrl")]
    queue_url: Value<String>,
    /// The archive queue's ARN (production only).
    #[cfn(condition = "IsProd")]
    archive_queue_arn: Value<String>,
    /// Objects the seed wrote into the bucket.
    seeded_objects: Value<i64>,
}

/// Seeds the bucket with fixtures: a custom resource of our own, typed.
#[derive(Resource)]
#[cfn(type = "Custom::BucketSeed", attributes(ObjectCount: i64))]
struct BucketSeed {
    service_token: Value<String>,
    bucket_name: Value<String>,
    #[cfn(name = "Prefix")]
    key_prefix: Option<Value<String>>,
}

fn app() -> Stack {
    let mut s: Stack = Stack::new();
    s.description("Orders: storage and queues as nested stacks, written with the derive macros");
    let p: AppParams = s.parameters();
    let env_settings = s.mapping_table(settings);
    let is_prod = s.condition("IsProd", Value::<Cond>::equals(&p.environment, Environment::Prod));
    let _ = is_prod;

    let storage = s.nest::<Storage>(
        "Storage",
        StorageParamsArgs {
            name_prefix: p.name_prefix.clone(),
            noncurrent_days: env_settings.noncurrent_days(&p.environment),
            allowed_origins: p.allowed_origins.clone(),
        },
    );
    let queues = s.nest::<Queues>(
        "Queues",
        QueueParamsArgs {
            environment: p.environment.clone(),
            name_prefix: p.name_prefix.clone(),
            topic_arn: storage.outputs().topic_arn.clone(),
            retention: env_settings.message_retention(&p.environment),
            visibility_timeout: env_settings.visibility_timeout(&p.environment),
        },
    );
    let seed = s.add(
        "Seed",
        BucketSeed {
            service_token: sub!("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:bucket-seed"),
            bucket_name: storage.outputs().bucket_name.clone(),
            key_prefix: Some("fixtures/".into()),
        },
    );
    s.outputs(AppOutputs {
        bucket_name: storage.outputs().bucket_name.clone(),
        queue_url: queues.outputs().queue_url.clone(),
        archive_queue_arn: queues.outputs().archive_queue_arn.clone(),
        seeded_objects: seed.object_count(),
    });
    s
}

#[test]
fn nested_assembly_written_with_the_macros() {
    let files = common::emit_for_lint("nested", &app());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "template.json",
            "Storage.template.json",
            "Queues.template.json",
            "Queues-DeadLetters.template.json"
        ]
    );
    let root = &files[0].1;

    // Parameters from the derive: the enum's keys, the interface metadata, the list default.
    assert_eq!(
        root["Parameters"]["Environment"],
        json!({"Type": "String", "Description": "Which environment to deploy.", "Default": "dev", "AllowedValues": ["dev", "staging", "prod"]})
    );
    assert_eq!(root["Parameters"]["AllowedOrigins"]["Type"], "CommaDelimitedList");
    assert_eq!(
        root["Parameters"]["AllowedOrigins"]["Default"],
        "https://example.com,https://www.example.com"
    );
    assert_eq!(
        root["Metadata"]["AWS::CloudFormation::Interface"],
        json!({
            "ParameterGroups": [
                {"Label": {"default": "Deployment"}, "Parameters": ["Environment", "NamePrefix"]},
                {"Label": {"default": "Storage"}, "Parameters": ["AllowedOrigins"]}
            ],
            "ParameterLabels": {"Environment": {"default": "Environment"}}
        })
    );

    // The mapping: every key, every column.
    assert_eq!(
        root["Mappings"]["EnvSettings"]["prod"],
        json!({"MessageRetention": 1209600, "VisibilityTimeout": 120, "NoncurrentDays": 365})
    );

    // The parent passes every child parameter; lists are joined, mapping values looked up.
    let storage = &root["Resources"]["Storage"]["Properties"]["Parameters"];
    assert_eq!(
        storage["AllowedOrigins"],
        json!({"Fn::Join": [",", {"Ref": "AllowedOrigins"}]})
    );
    assert_eq!(
        storage["NoncurrentDays"],
        json!({"Fn::FindInMap": ["EnvSettings", {"Ref": "Environment"}, "NoncurrentDays"]})
    );
    let queues = &root["Resources"]["Queues"]["Properties"]["Parameters"];
    assert_eq!(
        queues["TopicArn"],
        json!({"Fn::GetAtt": ["Storage", "Outputs.TopicArn"]})
    );
    assert_eq!(queues["Environment"], json!({"Ref": "Environment"}));

    // Outputs read back typed from the children.
    assert_eq!(
        root["Outputs"]["QueueUrl"],
        json!({
            "Description": "The work queue's URL.",
            "Value": {"Fn::GetAtt": ["Queues", "Outputs.QueueUrl"]},
            "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-QueueUrl"}}
        })
    );
    assert_eq!(root["Outputs"]["ArchiveQueueArn"]["Condition"], "IsProd");
    assert_eq!(
        root["Outputs"]["SeededObjects"]["Value"],
        json!({"Fn::GetAtt": ["Seed", "ObjectCount"]})
    );
    assert_eq!(root["Resources"]["Seed"]["Type"], "Custom::BucketSeed");
    assert_eq!(root["Resources"]["Seed"]["Properties"]["Prefix"], "fixtures/");

    // The grandchild gets its literal parameter as a string.
    let queues_t = &files[2].1;
    assert_eq!(
        queues_t["Resources"]["DeadLetters"]["Properties"]["Parameters"],
        json!({"NamePrefix": {"Ref": "NamePrefix"}, "Retention": "1209600"})
    );
    assert_eq!(
        queues_t["Parameters"]["Environment"]["AllowedValues"],
        json!(["dev", "staging", "prod"])
    );
    assert_eq!(files[3].1["Parameters"]["Retention"]["MinValue"], 60);
}

#[test]
fn a_child_stands_alone_too() {
    let s = Storage::stack();
    let json = cfn::to_json(&s).expect("valid");
    assert!(json.contains("\"NoncurrentDays\""));
    assert!(json.contains("Storage: a versioned bucket and an alert topic"));
}
