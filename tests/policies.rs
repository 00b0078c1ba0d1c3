//! Policies (issue 7, item 2): each built-in rule trips on a stack that breaks it, with a
//! diagnostic naming the resource, the rule and the fix, and is waived per resource with a
//! reason that the emitted template keeps in `Metadata`. Waived and compliant templates go
//! through cfn-lint (`target/cfn-lint/policies-*`).

mod common;

use cfn::aws::{ec2, efs, kms, s3, sns, sqs};
use cfn::model::safe::security_group::Port;
use cfn::prelude::*;
use cfn::rules::{Breach, DeletionPolicies, EncryptionAtRest, Naming, NoOpenIngress, RequiredTags, ResourceView, Rule};
use serde_json::json;

/// The diagnostics of `s` with the code `code`.
fn with_code(s: &impl cfn::AsTemplate, code: &str) -> Vec<Diagnostic> {
    cfn::validate(s).into_iter().filter(|d| d.code == code).collect()
}

/// The paths of the diagnostics of `s` (all of them, any code).
fn paths(s: &impl cfn::AsTemplate) -> Vec<(&'static str, String)> {
    cfn::validate(s).into_iter().map(|d| (d.code, d.path)).collect()
}

/// Checks what every breach must say: the resource, the rule, an error, a fix and the waiver.
#[track_caller]
fn is_breach(d: &Diagnostic, rule: &str, resource: &str) {
    assert_eq!(d.code, rule, "{d}");
    assert_eq!(d.severity, Severity::Error, "{d}");
    assert!(
        d.message.starts_with(&format!("`{resource}` breaks rule `{rule}`: ")),
        "{d}"
    );
    assert!(d.help.contains(&format!("stack.waive(&handle, \"{rule}\"")), "{d}");
}

/// The waivers the emitted template records for `id`.
fn emitted_waivers(t: &serde_json::Value, id: &str) -> serde_json::Value {
    t["Resources"][id]["Metadata"]["cfn"]["waivers"].clone()
}

fn keep() -> Attributes {
    Attributes::new().retain_data(Policy::Retain)
}

// ---- required tags ----------------------------------------------------------------------------

fn tagged_stack() -> (Stack, Handle<sns::Topic>) {
    let mut s: Stack = Stack::new();
    s.enforce(RequiredTags::new(["Environment", "Project", "ManagedBy"]));
    s.tag("Environment", "dev");
    let topic = s.add("Alerts", sns::Topic::new());
    // Not taggable: not checked.
    s.add(
        "AlertsPolicy",
        RawResource::of("AWS::SNS::TopicPolicy")
            .prop("Topics", vec![topic.id()])
            .prop(
                "PolicyDocument",
                json!({
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Principal": {"Service": "events.amazonaws.com"},
                        "Action": "sns:Publish",
                        "Resource": {"Ref": "Alerts"}
                    }]
                }),
            ),
    );
    (s, topic)
}

#[test]
fn required_tags_trip_on_a_taggable_resource_missing_them() {
    let (s, _) = tagged_stack();
    let d = cfn::validate(&s);
    assert_eq!(d.len(), 1, "{}", cfn::Diagnostics(d.clone()));
    is_breach(&d[0], "required-tags", "Alerts");
    assert_eq!(d[0].path, "Resources/Alerts/Properties/Tags");
    assert_eq!(
        d[0].message,
        "`Alerts` breaks rule `required-tags`: the AWS::SNS::Topic is missing the tag(s) `Project`, `ManagedBy` (it has `Environment`)"
    );
    assert!(
        d[0].help
            .starts_with("tag every resource at once with `stack.tag(\"Project\", value)`"),
        "{}",
        d[0]
    );
    // Enforced at emission: nothing is written.
    let err = cfn::to_json(&s).expect_err("the policy stops emission");
    assert!(
        err.to_string()
            .contains("error[required-tags] Resources/Alerts/Properties/Tags"),
        "{err}"
    );
}

#[test]
fn required_tags_are_met_by_stack_wide_tags() {
    let (mut s, _) = tagged_stack();
    s.tag("Project", "shop").tag("ManagedBy", "cfn");
    assert_eq!(cfn::validate(&s), []);
    common::emit_for_lint("policies-tags", &s);
}

#[test]
fn required_tags_waived_with_a_reason_kept_in_metadata() {
    let (mut s, topic) = tagged_stack();
    s.waive(
        &topic,
        "required-tags",
        "shared topic, tagged by the platform team's stack",
    );
    assert_eq!(cfn::validate(&s), []);
    let t = common::emit_root("policies-tags-waived", &s);
    assert_eq!(
        emitted_waivers(&t, "Alerts"),
        json!([{"rule": "required-tags", "reason": "shared topic, tagged by the platform team's stack"}])
    );
}

/// A marker for a child stack.
struct Child;

#[test]
fn nested_stacks_inherit_rules_and_propagated_tags() {
    let mut child: Stack<Child> = Stack::new();
    child.add("Queue", sqs::Queue::new().sqs_managed_sse_enabled(true));
    child.add_with("Logs", RawResource::of("AWS::Logs::LogGroup"), keep());

    let mut root: Stack = Stack::new();
    root.enforce(RequiredTags::new(["Project"]));
    root.enforce(DeletionPolicies::stateful());
    // The nested stack resource carries the tag; CloudFormation propagates it to the child's
    // resources, so the child's queue passes `required-tags` without tags of its own.
    root.tag("Project", "shop");
    root.nested("Child", child, [], Attributes::new().retain_data(Policy::Delete));
    // The child's queue has no deletion policies: the root's rule reaches it.
    assert_eq!(paths(&root), [("deletion-policy", "Child/Resources/Queue".to_string())]);
    let d = with_code(&root, "deletion-policy");
    is_breach(&d[0], "deletion-policy", "Queue");
}

// ---- naming -----------------------------------------------------------------------------------

fn named_stack() -> (Stack, Handle<ec2::SecurityGroup>) {
    let mut s: Stack = Stack::new();
    s.enforce(Naming::must_reference("EnvironmentSuffix"));
    let suffix = s.parameter(
        "EnvironmentSuffix",
        Parameter::string().pattern("^[a-z0-9-]+$").default("dev"),
    );
    let prod = s.condition("IsProd", Value::<Cond>::equals(suffix.value(), "prod"));
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    // Names that carry the suffix (Sub, Join, both branches of an If) pass.
    s.add(
        "AlbSg",
        ec2::SecurityGroup::new("load balancer")
            .vpc_id(&vpc)
            .group_name(cfn::sub!("alb-sg-${suffix}", suffix = &suffix)),
    );
    s.add_with(
        "Assets",
        s3::Bucket::new().bucket_name(Value::<String>::join("-", [Value::from("assets"), suffix.value()])),
        keep(),
    );
    s.add_with(
        "Jobs",
        sqs::Queue::new()
            .queue_name(Value::if_(
                &prod,
                cfn::sub!("jobs-${suffix}", suffix = &suffix),
                cfn::sub!("jobs-test-${suffix}", suffix = &suffix),
            ))
            .message_retention_period(345_600)
            .sqs_managed_sse_enabled(true),
        keep(),
    );
    // No name: CloudFormation makes one from the stack name.
    s.add(
        "Alerts",
        sns::Topic::new().kms_master_key_id(Id::<kms::Alias>::external("alias/aws/sns")),
    );
    // A literal name breaks the rule.
    let db = s.add(
        "DbSg",
        ec2::SecurityGroup::new("database").vpc_id(&vpc).group_name("db-sg"),
    );
    (s, db)
}

#[test]
fn naming_trips_on_a_name_without_the_suffix() {
    let (s, _) = named_stack();
    let d = cfn::validate(&s);
    assert_eq!(d.len(), 1, "{}", cfn::Diagnostics(d.clone()));
    is_breach(&d[0], "naming", "DbSg");
    assert_eq!(d[0].path, "Resources/DbSg/Properties/GroupName");
    assert_eq!(
        d[0].message,
        "`DbSg` breaks rule `naming`: its name `GroupName` is \"db-sg\" and does not contain the parameter `EnvironmentSuffix`"
    );
    assert!(
        d[0].help
            .contains("sub!(\"name-${suffix}\", suffix = &environment_suffix)"),
        "{}",
        d[0]
    );
}

#[test]
fn naming_trips_on_an_if_with_one_literal_branch_and_names_a_missing_parameter() {
    let mut s: Stack = Stack::new();
    s.enforce(Naming::must_reference("EnvironmentSuffix"));
    let env = s.parameter("Env", Parameter::string().default("dev"));
    let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
    s.add(
        "Alerts",
        sns::Topic::new().topic_name(Value::<String>::if_(&prod, "alerts", Value::<String>::no_value())),
    );
    let d = with_code(&s, "naming");
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message
            .contains(r#"is {"Fn::If":["IsProd","alerts",{"Ref":"AWS::NoValue"}]}"#),
        "{}",
        d[0]
    );
    assert!(
        d[0].help.contains("declare the parameter `EnvironmentSuffix`"),
        "{}",
        d[0]
    );
}

#[test]
fn naming_waived() {
    let (mut s, db) = named_stack();
    s.waive(&db, "naming", "the DBA team's runbooks name this group");
    assert_eq!(cfn::validate(&s), []);
    let t = common::emit_root("policies-naming-waived", &s);
    assert_eq!(emitted_waivers(&t, "DbSg")[0]["rule"], "naming");
}

#[test]
fn naming_overrides_and_skips() {
    let mut s: Stack = Stack::new();
    s.enforce(
        Naming::must_reference("EnvironmentSuffix")
            .name_property("AWS::SNS::Topic", "DisplayName")
            .skip("AWS::SQS::Queue"),
    );
    s.add("Alerts", sns::Topic::new().topic_name("fixed").display_name("Alerts"));
    s.add_with("Jobs", sqs::Queue::new().queue_name("jobs"), keep());
    assert_eq!(
        paths(&s),
        [("naming", "Resources/Alerts/Properties/DisplayName".to_string())]
    );
}

// ---- open ingress -----------------------------------------------------------------------------

fn ingress_stack() -> (Stack, Handle<ec2::SecurityGroup>, Handle<RawResource>) {
    let mut s: Stack = Stack::new();
    s.enforce(NoOpenIngress::except_ports([80, 443]));
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let alb = s.add(
        "AlbSg",
        ec2::SecurityGroup::new("load balancer")
            .vpc_id(&vpc)
            .security_group_ingress([
                Port::tcp(443).ingress_from_cidr("0.0.0.0/0"),
                Port::tcp(80).ingress_from_cidr("0.0.0.0/0"),
                Port::tcp(22).ingress_from_cidr("0.0.0.0/0"),
                Port::tcp(22).ingress_from_cidr("10.0.0.0/8"),
            ]),
    );
    let any = s.add(
        "AnyFromV6",
        RawResource::new(
            "AWS::EC2::SecurityGroupIngress",
            json!({"GroupId": {"Fn::GetAtt": ["AlbSg", "GroupId"]}, "IpProtocol": "-1", "CidrIpv6": "::/0"}),
        ),
    );
    (s, alb, any)
}

#[test]
fn open_ingress_trips_outside_the_named_ports() {
    let (s, _, _) = ingress_stack();
    let d = cfn::validate(&s);
    assert_eq!(
        d.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(),
        [
            "Resources/AlbSg/Properties/SecurityGroupIngress/2",
            "Resources/AnyFromV6/Properties"
        ]
    );
    is_breach(&d[0], "open-ingress", "AlbSg");
    assert_eq!(
        d[0].message,
        "`AlbSg` breaks rule `open-ingress`: ingress from 0.0.0.0/0 (CidrIp) over tcp on port 22; only ports 80, 443 may be open to the world"
    );
    assert!(d[0].help.contains("stack.allow(&from, &to, Port::tcp(…))"), "{}", d[0]);
    is_breach(&d[1], "open-ingress", "AnyFromV6");
    assert!(
        d[1].message
            .contains("ingress from ::/0 (CidrIpv6) on every protocol and port"),
        "{}",
        d[1]
    );
}

#[test]
fn open_ingress_trips_on_port_ranges_and_with_no_exceptions() {
    let mut s: Stack = Stack::new();
    s.enforce(NoOpenIngress::new());
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    s.add(
        "Web",
        ec2::SecurityGroup::new("web")
            .vpc_id(&vpc)
            .security_group_ingress([Port::tcp_range(8000, 8080).ingress_from_cidr("0.0.0.0/0")]),
    );
    let d = with_code(&s, "open-ingress");
    assert_eq!(d.len(), 1);
    assert!(
        d[0].message
            .ends_with("over tcp on ports 8000-8080; no port may be open to the world"),
        "{}",
        d[0]
    );
}

#[test]
fn open_ingress_waived() {
    let (mut s, alb, any) = ingress_stack();
    s.waive(
        &alb,
        "open-ingress",
        "bastion port, closed by the on-call runbook after use",
    );
    s.waive(&any, "open-ingress", "public game server");
    assert_eq!(cfn::validate(&s), []);
    let t = common::emit_root("policies-ingress-waived", &s);
    assert_eq!(emitted_waivers(&t, "AnyFromV6")[0]["reason"], "public game server");
}

// ---- encryption at rest -----------------------------------------------------------------------

fn storage_stack() -> (Stack, Vec<Handle<RawResource>>) {
    let mut s: Stack = Stack::new();
    s.enforce(EncryptionAtRest::new());
    let env = s.parameter("Env", Parameter::string().allowed(["dev", "prod"]).default("dev"));
    let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
    // Encrypted: pass.
    s.add_with(
        "Sealed",
        s3::Bucket::new().bucket_encryption(s3::bucket::BucketEncryption::new([
            s3::bucket::ServerSideEncryptionRule::new().server_side_encryption_by_default(
                s3::bucket::ServerSideEncryptionByDefault::new(s3::bucket::SseAlgorithm::Aes256),
            ),
        ])),
        keep(),
    );
    s.add_with("Files", efs::FileSystem::new().encrypted(true), keep());
    s.add_with(
        "Jobs",
        sqs::Queue::new()
            .message_retention_period(345_600)
            .sqs_managed_sse_enabled(true),
        keep(),
    );
    // Not encrypted: breaches.
    let raw = |t: &str| RawResource::of(t);
    let open = vec![
        s.add_with("Plain", raw("AWS::S3::Bucket"), keep()),
        s.add_with("Scratch", raw("AWS::EFS::FileSystem").prop("Encrypted", false), keep()),
        s.add_with(
            "Inbox",
            raw("AWS::SQS::Queue").prop("MessageRetentionPeriod", 345_600),
            keep(),
        ),
        s.add_with(
            "Disk",
            raw("AWS::EC2::Volume")
                .prop(
                    "AvailabilityZone",
                    Value::<String>::select(0i64, Value::<Vec<String>>::azs("")),
                )
                .prop("Size", 10)
                .prop("Encrypted", Value::<bool>::if_(&prod, true, false)),
            Attributes::new().retain_data(Policy::Snapshot),
        ),
    ];
    (s, open)
}

#[test]
fn encryption_at_rest_trips_on_unencrypted_storage() {
    let (s, _) = storage_stack();
    let d = cfn::validate(&s);
    assert_eq!(
        d.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(),
        [
            "Resources/Plain/Properties/BucketEncryption",
            "Resources/Scratch/Properties/Encrypted",
            "Resources/Inbox/Properties",
            "Resources/Disk/Properties/Encrypted",
        ]
    );
    for (x, id) in d.iter().zip(["Plain", "Scratch", "Inbox", "Disk"]) {
        is_breach(x, "encryption-at-rest", id);
    }
    assert_eq!(
        d[1].message,
        "`Scratch` breaks rule `encryption-at-rest`: the AWS::EFS::FileSystem is not encrypted at rest: `Encrypted` must be true, it is false"
    );
    assert!(
        d[2].message
            .contains("neither `KmsMasterKeyId` is set nor `SqsManagedSseEnabled` is true"),
        "{}",
        d[2]
    );
    assert!(
        d[3].message.contains(r#"it is {"Fn::If":["IsProd",true,false]}"#),
        "{}",
        d[3]
    );
    assert_eq!(d[1].help.split(';').next(), Some("set `Encrypted` to `true`"));
}

#[test]
fn encryption_at_rest_waived() {
    let (mut s, open) = storage_stack();
    for h in &open {
        s.waive(h, "encryption-at-rest", "holds only public, non-sensitive test data");
    }
    assert_eq!(cfn::validate(&s), []);
    let t = common::emit_root("policies-encryption-waived", &s);
    assert_eq!(emitted_waivers(&t, "Disk").as_array().map(Vec::len), Some(1));
}

// ---- deletion policies ------------------------------------------------------------------------

#[test]
fn deletion_policy_trips_on_stateful_resources_without_policies() {
    let mut s: Stack = Stack::new();
    s.enforce(DeletionPolicies::stateful());
    s.add("Logs", RawResource::of("AWS::Logs::LogGroup"));
    s.add_with(
        "HalfSet",
        efs::FileSystem::new().encrypted(true),
        Attributes::new().deletion_policy(Policy::Retain),
    );
    s.add("Alerts", sns::Topic::new()); // not stateful
    let d = cfn::validate(&s);
    assert_eq!(
        d.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(),
        ["Resources/Logs", "Resources/HalfSet"]
    );
    is_breach(&d[0], "deletion-policy", "Logs");
    assert_eq!(
        d[0].message,
        "`Logs` breaks rule `deletion-policy`: the stateful AWS::Logs::LogGroup has no DeletionPolicy or UpdateReplacePolicy: CloudFormation deletes it, data and all, when it is removed or replaced"
    );
    assert!(d[1].message.contains("has no UpdateReplacePolicy:"), "{}", d[1]);
    assert!(
        d[0].help.contains("Attributes::new().retain_data(Policy::Retain)"),
        "{}",
        d[0]
    );
}

#[test]
fn deletion_policy_forbid_delete_spares_nested_stacks() {
    let mut s: Stack = Stack::new();
    s.enforce(DeletionPolicies::stateful().forbid_delete().also("AWS::SNS::Topic"));
    s.add_with(
        "Logs",
        RawResource::of("AWS::Logs::LogGroup"),
        Attributes::new().retain_data(Policy::Delete),
    );
    s.add_with(
        "Alerts",
        sns::Topic::new(),
        Attributes::new().retain_data(Policy::Retain),
    );
    s.add("Events", sns::Topic::new());
    let child: Stack<Child> = Stack::new();
    s.nested("Child", child, [], Attributes::new().retain_data(Policy::Delete));
    assert_eq!(
        paths(&s),
        [
            ("deletion-policy", "Resources/Logs".to_string()),
            ("deletion-policy", "Resources/Events".to_string())
        ]
    );
    assert!(with_code(&s, "deletion-policy")[0]
        .message
        .contains("has DeletionPolicy and UpdateReplacePolicy `Delete`"));
}

#[test]
fn deletion_policy_waived() {
    let mut s: Stack = Stack::new();
    s.enforce(DeletionPolicies::stateful());
    let logs = s.add("Logs", RawResource::of("AWS::Logs::LogGroup"));
    s.waive(&logs, "deletion-policy", "dev logs go with the stack");
    assert_eq!(cfn::validate(&s), []);
    // cfn-lint's own I3011 asks for the same policies, so this template is not linted.
}

// ---- waivers and custom rules -----------------------------------------------------------------

#[test]
fn a_waiver_needs_a_reason() {
    let (mut s, topic) = tagged_stack();
    s.waive(&topic, "required-tags", "  ");
    let d = cfn::validate(&s);
    assert_eq!(
        d.iter().map(|d| (d.code, d.path.as_str())).collect::<Vec<_>>(),
        [
            ("waiver", "Resources/Alerts/Metadata/cfn/waivers"),
            ("required-tags", "Resources/Alerts/Properties/Tags")
        ]
    );
    assert_eq!(d[0].message, "`Alerts` waives rule `required-tags` without a reason");
}

#[test]
fn waivers_declared_with_attributes() {
    let mut s: Stack = Stack::new();
    s.enforce(EncryptionAtRest::new());
    s.add_with(
        "Site",
        s3::Bucket::new(),
        keep().waive("encryption-at-rest", "public website assets"),
    );
    assert_eq!(cfn::validate(&s), []);
    let t = common::emit_root("policies-attribute-waiver", &s);
    assert_eq!(
        t["Resources"]["Site"]["Metadata"],
        json!({"cfn": {"waivers": [{"rule": "encryption-at-rest", "reason": "public website assets"}]}})
    );
}

/// A rule of the user's own: queues keep messages at most a day. Advisory: warnings only.
struct ShortRetention;

impl Rule for ShortRetention {
    fn name(&self) -> &'static str {
        "short-retention"
    }

    fn check(&self, r: &ResourceView<'_>, out: &mut Vec<Breach>) {
        if r.type_name() != "AWS::SQS::Queue" {
            return;
        }
        match r.json().get("MessageRetentionPeriod").and_then(|v| v.as_i64()) {
            Some(s) if s <= 86_400 => {}
            found => out.push(
                Breach::new(
                    format!("messages are kept {found:?} seconds, over a day"),
                    "set `MessageRetentionPeriod` to 86400 or less",
                )
                .at("Properties/MessageRetentionPeriod"),
            ),
        }
    }

    fn advisory(&self) -> bool {
        true
    }
}

#[test]
fn a_custom_rule_reports_warnings() {
    let mut s: Stack = Stack::new();
    s.enforce(ShortRetention);
    s.add_with("Ok", sqs::Queue::new().message_retention_period(3600), keep());
    let long = s.add_with("Long", sqs::Queue::new().message_retention_period(345_600), keep());
    let d = cfn::validate(&s);
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].code, d[0].severity, d[0].path.as_str()),
        (
            "short-retention",
            Severity::Warning,
            "Resources/Long/Properties/MessageRetentionPeriod"
        )
    );
    assert!(
        d[0].message.contains("messages are kept Some(345600) seconds"),
        "{}",
        d[0]
    );
    // Warnings do not stop emission.
    assert!(cfn::to_json(&s).is_ok());
    s.waive(&long, "short-retention", "replay buffer");
    assert_eq!(cfn::validate(&s), []);
}

#[test]
fn a_stack_keeping_every_policy_is_cfn_lint_clean() {
    let (mut s, db) = named_stack();
    s.enforce(RequiredTags::new(["Environment", "Project", "ManagedBy"]));
    s.enforce(NoOpenIngress::except_ports([443]));
    s.enforce(EncryptionAtRest::new());
    s.enforce(DeletionPolicies::stateful().forbid_delete());
    s.tag("Environment", "dev")
        .tag("Project", "shop")
        .tag("ManagedBy", "cfn");
    s.waive(&db, "naming", "name fixed by the DBA team");
    let d = cfn::validate(&s);
    assert_eq!(
        d.iter().map(|d| (d.code, d.path.as_str())).collect::<Vec<_>>(),
        [("encryption-at-rest", "Resources/Assets/Properties/BucketEncryption")]
    );
    s.waive_id(
        "Assets",
        "encryption-at-rest",
        "S3 encrypts new objects with SSE-S3 by default",
    );
    assert_eq!(cfn::validate(&s), []);
    common::emit_for_lint("policies-compliant", &s);
}
