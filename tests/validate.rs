//! `validate`: each diagnostic fires with its code, its path and a help text; a clean stack has
//! none; and the `DependsOn` that ordering evidence produces.

mod common;

use cfn::model::expr::Ident;
use cfn::prelude::*;
use cfn::{AsTemplate, Diagnostics};
use serde_json::json;

fn diags(s: &impl AsTemplate) -> Vec<Diagnostic> {
    cfn::validate(s)
}

/// The one diagnostic with `code` (fails, listing all of them, when there is not exactly one) and
/// checks what every diagnostic must have: the expected path, an error severity and a help text.
#[track_caller]
fn only(d: &[Diagnostic], code: &str, path: &str) -> Diagnostic {
    let found: Vec<&Diagnostic> = d.iter().filter(|x| x.code == code).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one `{code}`, got:\n{}",
        Diagnostics(d.to_vec())
    );
    let x = found[0];
    assert_eq!(x.path, path, "path of `{code}`");
    assert_eq!(x.severity, Severity::Error, "{x}");
    assert!(!x.help.trim().is_empty(), "`{code}` has no help: {x}");
    x.clone()
}

/// All diagnostics as (code, path) pairs.
fn codes(d: &[Diagnostic]) -> Vec<(&'static str, String)> {
    d.iter().map(|x| (x.code, x.path.clone())).collect()
}

fn topic() -> RawResource {
    RawResource::of("AWS::SNS::Topic")
}

// ---- the happy path --------------------------------------------------------------------------

#[test]
fn a_clean_stack_has_no_diagnostics() {
    let mut s: Stack = Stack::new();
    let env = s.parameter(
        "Environment",
        Parameter::string().allowed(["dev", "prod"]).default("dev"),
    );
    let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
    let m = s.mapping(
        "Sizes",
        Mapping::new()
            .entry("dev", [("Delay", 0)])
            .entry("prod", [("Delay", 5)]),
    );
    let t = s.add("Alerts", topic());
    let q = s.add_with(
        "Queue",
        RawResource::of("AWS::SQS::Queue")
            .prop("DelaySeconds", m.find::<i64>(env.value(), "Delay"))
            .prop("MessageRetentionPeriod", 345_600),
        Attributes::new().condition(&prod).retain_data(Policy::Delete),
    );
    s.output(
        "AlertsArn",
        Output::new(t.id()).export(Value::<String>::sub([
            SubPart::val(Pseudo::stack_name()),
            SubPart::lit("-Alerts"),
        ])),
    );
    s.output("QueueArn", Output::new(q.get_att::<String>("Arn")).condition(&prod));
    assert_eq!(diags(&s), []);
    common::emit_for_lint("validate-clean", &s);
}

// ---- duplicate ids ---------------------------------------------------------------------------

#[test]
fn duplicate_logical_ids() {
    let mut s: Stack = Stack::new();
    s.add("Topic", topic());
    s.add("Topic", RawResource::of("AWS::SQS::Queue"));
    let d = diags(&s);
    let x = only(&d, "duplicate-id", "Topic");
    assert!(x.message.contains("`Topic` is used twice"), "{x}");
    // The first declaration stays.
    assert_eq!(s.template().resources["Topic"].type_name, "AWS::SNS::Topic");
}

#[test]
fn resources_and_parameters_share_one_namespace() {
    let mut s: Stack = Stack::new();
    s.parameter("Name", Parameter::string());
    s.add("Name", topic());
    only(&diags(&s), "duplicate-id", "Name");
}

#[test]
fn duplicate_conditions_mappings_outputs() {
    let mut s: Stack = Stack::new();
    let t = s.add("Topic", topic());
    s.condition("C", Value::<Cond>::equals(Pseudo::region(), "a"));
    s.condition("C", Value::<Cond>::equals(Pseudo::region(), "b"));
    s.mapping("M", Mapping::new().entry("k", [("v", 1)]));
    s.mapping("M", Mapping::new().entry("k", [("v", 2)]));
    s.output("O", Output::new(t.id()));
    s.output("O", Output::new(t.id()));
    let d = diags(&s);
    assert_eq!(
        codes(&d),
        [
            ("duplicate-id", "C".into()),
            ("duplicate-id", "M".into()),
            ("duplicate-id", "O".into())
        ]
    );
    assert!(d.iter().all(|x| !x.help.is_empty()));
}

// ---- limits ----------------------------------------------------------------------------------

#[test]
fn more_than_500_resources() {
    let mut s: Stack = Stack::new();
    for i in 0..501 {
        s.add(&format!("Topic{i}"), topic());
    }
    let x = only(&diags(&s), "limit", "Resources");
    assert!(
        x.message.contains("501 resources") && x.message.contains("at most 500"),
        "{x}"
    );
    assert!(x.help.contains("nested"), "{x}");
}

#[test]
fn ten_thousand_resources_give_the_limit_diagnostic_not_a_panic() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", RawResource::of("AWS::EC2::VPC").prop("CidrBlock", "10.0.0.0/16"));
    for i in 1..10_000 {
        s.add(
            &format!("Group{i}"),
            RawResource::of("AWS::EC2::SecurityGroup")
                .prop("GroupDescription", format!("group {i}"))
                .prop("VpcId", vpc.id()),
        );
    }
    let d = diags(&s);
    // Two findings: the resource count, and the body (about 1.9 MB) over the 1 MB limit.
    assert_eq!(
        codes(&d),
        [("limit", "Resources".into()), ("limit", "template.json".into())]
    );
    assert!(d[0].message.contains("10000 resources"), "{}", d[0]);
    assert!(d[1].message.contains("bytes"), "{}", d[1]);
    let err = cfn::assemble(&s, &AssemblyOptions::default()).expect_err("over the limit");
    assert!(err.has_errors());
}

#[test]
fn more_than_200_parameters_outputs_mappings() {
    let mut s: Stack = Stack::new();
    let t = s.add("Topic", topic());
    for i in 0..201 {
        s.parameter(&format!("P{i}"), Parameter::string());
        s.output(&format!("O{i}"), Output::new(t.id()));
        s.mapping(&format!("M{i}"), Mapping::new().entry("k", [("v", i)]));
    }
    let d = diags(&s);
    for section in ["Parameters", "Outputs", "Mappings"] {
        let x = d.iter().find(|x| x.code == "limit" && x.path == section);
        let x = x.unwrap_or_else(|| panic!("no limit on {section}:\n{}", Diagnostics(d.clone())));
        assert!(x.message.contains("201") && x.message.contains("at most 200"), "{x}");
    }
    assert_eq!(d.len(), 3, "{}", Diagnostics(d.clone()));
}

// ---- logical ids -----------------------------------------------------------------------------

#[test]
fn logical_ids_must_be_alphanumeric() {
    let mut s: Stack = Stack::new();
    s.add("my-topic", topic());
    let x = only(&diags(&s), "logical-id", "Resources/my-topic");
    assert!(x.message.contains("A-Z, a-z, 0-9"), "{x}");
    assert!(x.help.contains("letters and digits"), "{x}");
}

#[test]
fn logical_ids_of_every_section_are_checked() {
    let mut s: Stack = Stack::new();
    let t = s.add("Topic", topic());
    s.parameter("env_name", Parameter::string());
    s.condition("is prod", Value::<Cond>::equals(Pseudo::region(), "x"));
    // `&` is taken in condition names (AWS Quick Start templates), nowhere else.
    s.condition("Private&4AZ", Value::<Cond>::equals(Pseudo::region(), "y"));
    s.mapping("Map.1", Mapping::new().entry("k", [("v", 1)]));
    s.output("Topic-Arn", Output::new(t.id()));
    let d = diags(&s);
    let mut got = codes(&d);
    got.sort();
    assert_eq!(
        got,
        [
            ("logical-id", "Conditions/is prod".into()),
            ("logical-id", "Mappings/Map.1".into()),
            ("logical-id", "Outputs/Topic-Arn".into()),
            ("logical-id", "Parameters/env_name".into()),
        ]
    );
}

#[test]
fn logical_ids_are_at_most_255_characters() {
    let mut s: Stack = Stack::new();
    s.add(&"A".repeat(255), topic());
    assert_eq!(diags(&s), []);
    let mut s: Stack = Stack::new();
    let long = "B".repeat(256);
    s.add(&long, topic());
    let d = diags(&s);
    // The path shows the first 80 characters; the message gives the length.
    let x = only(&d, "logical-id", &format!("Resources/{}", &long[..80]));
    assert!(x.message.contains("256 characters"), "{x}");
}

// ---- dangling references ---------------------------------------------------------------------

#[test]
fn dangling_ref_and_get_att_in_raw_json() {
    let mut s: Stack = Stack::new();
    s.add(
        "Subscription",
        RawResource::new(
            "AWS::SNS::Subscription",
            json!({
                "TopicArn": {"Ref": "Alerts"},
                "Protocol": "sqs",
                "Endpoint": {"Fn::Sub": "${Queue.Arn}"}
            }),
        ),
    );
    let d = diags(&s);
    assert_eq!(
        codes(&d),
        [
            ("dangling-ref", "Resources/Subscription/Properties/TopicArn".into()),
            ("dangling-ref", "Resources/Subscription/Properties/Endpoint".into()),
        ]
    );
    assert!(d[0].message.contains("`Ref Alerts`"), "{}", d[0]);
    assert!(d[1].message.contains("`Fn::GetAtt Queue.Arn`"), "{}", d[1]);
    assert!(d.iter().all(|x| x.help.contains("handle")));
}

#[test]
fn a_handle_of_another_stack_is_dangling() {
    let mut other: Stack = Stack::new();
    let foreign = other.add("Elsewhere", topic());
    let mut s: Stack = Stack::new();
    s.add(
        "Subscription",
        RawResource::of("AWS::SNS::Subscription")
            .prop("TopicArn", foreign.id())
            .prop("Protocol", "email")
            .prop("Endpoint", "ops@example.com"),
    );
    let x = only(&diags(&s), "dangling-ref", "Resources/Subscription/Properties/TopicArn");
    assert!(x.help.contains("nested-stack parameter or an export"), "{x}");
}

#[test]
fn dangling_conditions() {
    let mut other: Stack = Stack::new();
    let foreign = other.condition("IsProd", Value::<Cond>::equals(Pseudo::region(), "x"));
    let mut s: Stack = Stack::new();
    let t = s.add_with("Topic", topic(), Attributes::new().condition(&foreign));
    s.add(
        "Queue",
        RawResource::of("AWS::SQS::Queue").prop("DelaySeconds", foreign.then::<i64>(1, 0)),
    );
    s.output("Arn", Output::new(t.id()).condition(&foreign));
    s.condition("Both", Value::<Cond>::and([(&foreign).into(), (&foreign).into()]));
    let d = diags(&s);
    assert_eq!(
        codes(&d),
        [
            ("dangling-condition", "Resources/Queue/Properties/DelaySeconds".into()),
            ("dangling-condition", "Conditions/Both".into()),
            ("dangling-condition", "Conditions/Both".into()),
            ("dangling-condition", "Resources/Topic/Condition".into()),
            ("dangling-condition", "Outputs/Arn/Condition".into()),
        ]
    );
    assert!(d
        .iter()
        .all(|x| x.message.contains("`IsProd` is not declared") && x.help.contains("Stack::condition")));
}

#[test]
fn dangling_mappings_and_missing_mapping_keys() {
    let mut other: Stack = Stack::new();
    let foreign = other.mapping("Sizes", Mapping::new().entry("dev", [("Delay", 0)]));
    let mut s: Stack = Stack::new();
    s.add(
        "Queue",
        RawResource::of("AWS::SQS::Queue").prop("DelaySeconds", foreign.find::<i64>("dev", "Delay")),
    );
    let x = only(
        &diags(&s),
        "dangling-mapping",
        "Resources/Queue/Properties/DelaySeconds",
    );
    assert!(x.help.contains("Stack::mapping"), "{x}");

    let mut s: Stack = Stack::new();
    let env = s.parameter("Env", Parameter::string().allowed(["dev", "prod"]).default("dev"));
    let m = s.mapping(
        "Sizes",
        Mapping::new()
            .entry("dev", [("Delay", 0)])
            .entry("prod", [("Delay", 5), ("Retention", 60)]),
    );
    s.add(
        "Queue",
        RawResource::of("AWS::SQS::Queue")
            .prop("DelaySeconds", m.find::<i64>("staging", "Delay"))
            .prop("MessageRetentionPeriod", m.find::<i64>(env.value(), "Retention"))
            .prop("MaximumMessageSize", m.find::<i64>("dev", "Size")),
    );
    let d = diags(&s);
    assert_eq!(
        codes(&d),
        [
            ("mapping-key", "Resources/Queue/Properties/DelaySeconds".into()),
            (
                "mapping-key",
                "Resources/Queue/Properties/MessageRetentionPeriod".into()
            ),
            ("mapping-key", "Resources/Queue/Properties/MaximumMessageSize".into()),
        ]
    );
    assert!(d[0].help.contains("dev, prod"), "{}", d[0]);
    assert!(d[1].message.contains("no key `Retention` under `dev`"), "{}", d[1]);
}

#[test]
fn dangling_depends_on() {
    let mut other: Stack = Stack::new();
    let foreign = other.add("Elsewhere", topic());
    let mut s: Stack = Stack::new();
    s.add_with("Topic", topic(), Attributes::new().depends_on(&foreign));
    let x = only(&diags(&s), "dangling-ref", "Resources/Topic/DependsOn");
    assert!(x.message.contains("`DependsOn Elsewhere`"), "{x}");
}

#[test]
fn dangling_ordering_evidence() {
    let mut other: Stack = Stack::new();
    let foreign = other.add("Elsewhere", topic());
    let mut s: Stack = Stack::new();
    s.add(
        "Param",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop("Value", Pseudo::region().after([foreign.ready()])),
    );
    let d = diags(&s);
    assert_eq!(
        codes(&d),
        [
            ("dangling-ref", "Resources/Param/Properties/Value".into()),
            ("dangling-ref", "Resources/Param/DependsOn".into()),
        ]
    );
    assert!(d[0].message.contains("waits for `Elsewhere`"), "{}", d[0]);
}

#[test]
fn dangling_stack_wide_tag() {
    let mut other: Stack = Stack::new();
    let foreign = other.parameter("Owner", Parameter::string());
    let mut s: Stack = Stack::new();
    s.tag("Owner", foreign.value());
    s.add(
        "Vpc",
        RawResource::of("AWS::EC2::VPC")
            .prop("CidrBlock", "10.0.0.0/16")
            .tagging(Tagging::List("Tags")),
    );
    only(&diags(&s), "dangling-ref", "Tags/Owner");
}

struct Child;

#[test]
fn dangling_nested_output() {
    let mut child: Stack<Child> = Stack::new();
    let t = child.add("Topic", topic());
    child.output("TopicArn", Output::new(t.id()));
    child.output("TopicName", Output::new(t.get_att::<String>("TopicName")));
    let mut s: Stack = Stack::new();
    let n = s.nested("Alerts", child, [], Attributes::new());
    s.output("Arn", Output::new(n.output::<String>("TopicArm")));
    let x = only(&diags(&s), "dangling-output", "Outputs/Arn");
    assert!(x.message.contains("`Alerts` declares no output `TopicArm`"), "{x}");
    assert!(x.help.contains("TopicArn, TopicName"), "{x}");
}

#[test]
fn diagnostics_inside_a_nested_stack_carry_its_path() {
    let mut child: Stack<Child> = Stack::new();
    child.add(
        "Sub",
        RawResource::new(
            "AWS::SNS::Subscription",
            json!({"TopicArn": {"Ref": "Nope"}, "Protocol": "sqs"}),
        ),
    );
    let mut s: Stack = Stack::new();
    s.nested("Alerts", child, [], Attributes::new());
    only(&diags(&s), "dangling-ref", "Alerts/Resources/Sub/Properties/TopicArn");
}

// ---- cycles through raw JSON -----------------------------------------------------------------

/// The security groups of the first failure report, written with inline rules in raw JSON: the
/// ALB group's egress names the ECS group, whose ingress names the ALB group (and the same between
/// ECS and DB).
fn seed_security_group_cycle() -> Stack {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", RawResource::of("AWS::EC2::VPC").prop("CidrBlock", "10.0.0.0/16"));
    let group = |desc: &str, rules: serde_json::Value| {
        let mut props = json!({"GroupDescription": desc, "VpcId": {"Ref": vpc.logical_id()}});
        if let (Some(p), Some(r)) = (props.as_object_mut(), rules.as_object()) {
            p.extend(r.clone());
        }
        RawResource::new("AWS::EC2::SecurityGroup", props)
    };
    s.add(
        "AlbSecurityGroup",
        group(
            "ALB",
            json!({"SecurityGroupEgress": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080,
                "DestinationSecurityGroupId": {"Ref": "EcsSecurityGroup"}}]}),
        ),
    );
    s.add(
        "EcsSecurityGroup",
        group(
            "ECS",
            json!({
                "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080,
                    "SourceSecurityGroupId": {"Ref": "AlbSecurityGroup"}}],
                "SecurityGroupEgress": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                    "DestinationSecurityGroupId": {"Fn::GetAtt": ["DbSecurityGroup", "GroupId"]}}]
            }),
        ),
    );
    s.add(
        "DbSecurityGroup",
        group(
            "DB",
            json!({"SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                "SourceSecurityGroupId": {"Fn::GetAtt": ["EcsSecurityGroup", "GroupId"]}}]}),
        ),
    );
    s
}

#[test]
fn the_seed_security_group_cycle_is_found() {
    let d = diags(&seed_security_group_cycle());
    assert_eq!(
        codes(&d),
        [
            ("cycle", "Resources/AlbSecurityGroup".into()),
            ("cycle", "Resources/EcsSecurityGroup".into())
        ]
    );
    assert!(
        d[0].message
            .contains("AlbSecurityGroup -> EcsSecurityGroup -> AlbSecurityGroup"),
        "{}",
        d[0]
    );
    assert!(
        d[1].message
            .contains("EcsSecurityGroup -> DbSecurityGroup -> EcsSecurityGroup"),
        "{}",
        d[1]
    );
    assert!(d[0].help.contains("SecurityGroupIngress"), "{}", d[0]);
    assert!(cfn::assemble(&seed_security_group_cycle(), &AssemblyOptions::default()).is_err());
}

#[test]
fn a_resource_referencing_itself_is_a_cycle() {
    let mut s: Stack = Stack::new();
    s.add(
        "Topic",
        RawResource::new(
            "AWS::SNS::Topic",
            json!({"DisplayName": {"Fn::GetAtt": ["Topic", "TopicName"]}}),
        ),
    );
    let x = only(&diags(&s), "cycle", "Resources/Topic");
    assert!(x.message.contains("Topic -> Topic"), "{x}");
}

#[test]
fn a_longer_cycle_through_ordering_evidence() {
    let mut s: Stack = Stack::new();
    let later: Ident = "C".into();
    s.add(
        "A",
        RawResource::of("AWS::SNS::Topic").prop("DisplayName", Pseudo::region().after([later])),
    );
    s.add(
        "B",
        RawResource::new(
            "AWS::SNS::Topic",
            json!({"DisplayName": {"Fn::GetAtt": ["A", "TopicName"]}}),
        ),
    );
    s.add(
        "C",
        RawResource::new(
            "AWS::SNS::Topic",
            json!({"DisplayName": {"Fn::GetAtt": ["B", "TopicName"]}}),
        ),
    );
    let x = only(&diags(&s), "cycle", "Resources/A");
    assert!(x.message.contains("A -> C -> B -> A"), "{x}");
}

// ---- exports ---------------------------------------------------------------------------------

#[test]
fn duplicate_export_names() {
    let mut s: Stack = Stack::new();
    let a = s.add("A", topic());
    let b = s.add("B", topic());
    let name = || Value::<String>::sub([SubPart::val(Pseudo::stack_name()), SubPart::lit("-Topic")]);
    s.output("AArn", Output::new(a.id()).export(name()));
    s.output("BArn", Output::new(b.id()).export(name()));
    s.output("ALiteral", Output::new(a.id()).export("shared-topic"));
    s.output("BLiteral", Output::new(b.id()).export("shared-topic"));
    let d = diags(&s);
    assert_eq!(
        codes(&d),
        [
            ("duplicate-export", "Outputs/BArn/Export".into()),
            ("duplicate-export", "Outputs/BLiteral/Export".into())
        ]
    );
    assert!(d[0].message.contains("output `AArn`"), "{}", d[0]);
    assert!(d[1].message.contains("\"shared-topic\""), "{}", d[1]);
}

#[test]
fn duplicate_export_names_across_the_stacks_of_an_assembly() {
    let mut child: Stack<Child> = Stack::new();
    let t = child.add("Topic", topic());
    child.output("Arn", Output::new(t.id()).export("shared-topic"));
    child.output(
        "Named",
        Output::new(t.id()).export(Value::<String>::sub([
            SubPart::val(Pseudo::stack_name()),
            SubPart::lit("-Topic"),
        ])),
    );
    let mut s: Stack = Stack::new();
    let r = s.add("Topic", topic());
    s.output("Arn", Output::new(r.id()).export("shared-topic"));
    // Same expression, but the stack name differs between parent and child: no clash.
    s.output(
        "Named",
        Output::new(r.id()).export(Value::<String>::sub([
            SubPart::val(Pseudo::stack_name()),
            SubPart::lit("-Topic"),
        ])),
    );
    s.nested("Alerts", child, [], Attributes::new());
    let x = only(&diags(&s), "duplicate-export", "Alerts/Outputs/Arn/Export");
    assert!(x.message.contains("also exported by `Outputs/Arn/Export`"), "{x}");
}

#[test]
fn nested_stack_parameters_must_match_the_child() {
    let mut child: Stack<Child> = Stack::new();
    let vpc = child.parameter("VpcId", Parameter::string());
    let env = child.parameter("Environment", Parameter::string().default("dev"));
    child.add(
        "Group",
        RawResource::of("AWS::EC2::SecurityGroup")
            .prop(
                "GroupDescription",
                Value::<String>::sub([SubPart::lit("web "), SubPart::val(env.value())]),
            )
            .prop("VpcId", vpc.value()),
    );
    let mut s: Stack = Stack::new();
    s.nested("Web", child, [("VpcID", Value::from("vpc-0abc"))], Attributes::new());
    let d = diags(&s);
    assert_eq!(
        codes(&d),
        [
            ("nested-parameter", "Resources/Web/Properties/Parameters/VpcID".into()),
            ("nested-parameter", "Resources/Web/Properties/Parameters".into()),
        ]
    );
    assert!(d[0].help.contains("it declares: VpcId, Environment"), "{}", d[0]);
    assert!(d[1].message.contains("`VpcId`, which has no default"), "{}", d[1]);
}

// ---- dynamic references assembled at deploy time ---------------------------------------------

/// The failure of the second report: `!Sub '{{resolve:secretsmanager:${DBSecretName}:…}}'`.
#[test]
fn the_seed_sub_assembling_a_secret_id_from_a_parameter() {
    let mut s: Stack = Stack::new();
    s.parameter(
        "DBSecretName",
        Parameter::string().default("healthtech/rds/credentials"),
    );
    s.add(
        "Operator",
        RawResource::new(
            "AWS::IAM::User",
            json!({"LoginProfile": {"Password": {"Fn::Sub": "{{resolve:secretsmanager:${DBSecretName}:SecretString:password}}"}}}),
        ),
    );
    let x = only(
        &diags(&s),
        "assembled-dynamic-ref",
        "Resources/Operator/Properties/LoginProfile",
    );
    assert!(x.message.contains("Fn::Sub"), "{x}");
    assert!(x.help.contains("secret_id!"), "{x}");
}

#[test]
fn typed_sub_and_join_assembling_a_secret_id() {
    let mut s: Stack = Stack::new();
    let name = s.parameter("DBSecretName", Parameter::string().default("app/db"));
    let sub = Value::<String>::sub([
        SubPart::lit("{{resolve:secretsmanager:"),
        SubPart::val(name.value()),
        SubPart::lit(":SecretString:username}}"),
    ]);
    let join = Value::<String>::join(
        "",
        vec![
            Value::from("{{resolve:secretsmanager:"),
            name.value(),
            Value::from(":SecretString:password}}"),
        ],
    );
    let raw_join = json!({"Fn::Join": ["", ["{{resolve:ssm:/app/", {"Ref": "AWS::Region"}, "/db}}"]]});
    s.add(
        "Params",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop("Name", sub)
            .prop("Value", join)
            .prop("Description", raw_join),
    );
    let d = diags(&s);
    assert_eq!(
        codes(&d),
        [
            ("assembled-dynamic-ref", "Resources/Params/Properties/Name".into()),
            ("assembled-dynamic-ref", "Resources/Params/Properties/Value".into()),
            (
                "assembled-dynamic-ref",
                "Resources/Params/Properties/Description".into()
            ),
        ]
    );
    assert!(d[1].message.contains("Fn::Join"), "{}", d[1]);
}

/// The line `validate` draws for raw JSON: `{{resolve:secretsmanager:` + the `Ref` of an
/// `AWS::SecretsManager::Secret` of the same template + literal `:SecretString:KEY::}}` is the
/// secret's ARN, created first (AWS's RDS sample, the CDK's generated credentials); a `Ref` to a
/// parameter, an import, a `GetAtt` or a secret's `Ref` in the wrong place is still refused.
#[test]
fn a_secret_of_the_same_template_by_its_ref_is_fine_and_nothing_else() {
    let mut s: Stack = Stack::new();
    s.parameter("DBSecretName", Parameter::string().default("app/db"));
    s.add("DbSecret", RawResource::of("AWS::SecretsManager::Secret"));
    s.add("Other", RawResource::of("AWS::SNS::Topic"));
    let fine = [
        // The CDK's form and AWS's RDS sample.
        json!({"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "DbSecret"}, ":SecretString:password::}}"]]}),
        json!({"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}}}"}),
        json!({"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:username::}}"}),
        json!({"Fn::Sub": "user={{resolve:secretsmanager:${DbSecret}:SecretString:username:AWSPREVIOUS:}}"}),
    ];
    let refused = [
        json!({"Fn::Sub": "{{resolve:secretsmanager:${DBSecretName}:SecretString:password::}}"}),
        json!({"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Fn::ImportValue": "shared-secret"}, ":SecretString:password::}}"]]}),
        json!({"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Fn::GetAtt": ["DbSecret", "Id"]}, "}}"]]}),
        json!({"Fn::Sub": "{{resolve:secretsmanager:${Other}:SecretString:password::}}"}),
        // The secret's ARN must come right after `secretsmanager:`, whole, and be closed.
        json!({"Fn::Sub": "{{resolve:secretsmanager:prefix-${DbSecret}}}"}),
        json!({"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}${DBSecretName}}}"}),
        json!({"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "DbSecret"}]]}),
    ];
    for (i, v) in fine.iter().chain(&refused).enumerate() {
        s.add(
            &format!("User{i}"),
            RawResource::new("AWS::IAM::User", json!({"LoginProfile": {"Password": v}})),
        );
    }
    let d = diags(&s);
    let flagged: Vec<usize> = (0..fine.len() + refused.len())
        .filter(|i| d.iter().any(|x| x.path.starts_with(&format!("Resources/User{i}/"))))
        .collect();
    assert_eq!(
        flagged,
        (fine.len()..fine.len() + refused.len()).collect::<Vec<_>>(),
        "{d:?}"
    );
    assert!(d.iter().all(|x| x.code == "assembled-dynamic-ref"), "{d:?}");
    // A malformed tail after the secret's ARN is named as such.
    let mut s: Stack = Stack::new();
    s.add("DbSecret", RawResource::of("AWS::SecretsManager::Secret"));
    s.add(
        "User",
        RawResource::new(
            "AWS::IAM::User",
            json!({"LoginProfile": {"Password": {"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:password}}"}}}),
        ),
    );
    let x = only(&diags(&s), "dynamic-ref", "Resources/User/Properties/LoginProfile");
    assert!(x.message.contains(":SecretString:KEY::"), "{x}");
}

/// The typed form of the same: `secret.resolve("password")` emits `Fn::Sub` around the secret's
/// `Ref`, which `validate` accepts; no `DependsOn` is added (the `Ref` orders it).
#[test]
fn a_secret_handle_resolves_through_its_ref() {
    let mut s: Stack = Stack::new();
    let secret = s.add("DbSecret", cfn::aws::secretsmanager::Secret::new());
    let user = DynamicRef::secrets_manager(&secret)
        .json_key("username")
        .version_stage("AWSCURRENT");
    s.add(
        "Db",
        cfn::aws::rds::DbInstance::new()
            .master_username(user)
            .master_user_password(secret.resolve("password")),
    );
    assert!(diags(&s).is_empty(), "{:?}", diags(&s));
    let t: serde_json::Value = serde_json::from_str(&cfn::to_json(&s).expect("valid")).expect("json");
    let db = &t["Resources"]["Db"];
    assert_eq!(db.get("DependsOn"), None);
    assert_eq!(
        db["Properties"]["MasterUsername"],
        json!({"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:username:AWSCURRENT:}}"})
    );
    assert_eq!(
        db["Properties"]["MasterUserPassword"],
        json!({"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:password::}}"})
    );
}

#[test]
fn a_literal_dynamic_reference_inside_sub_or_join_is_fine() {
    let mut s: Stack = Stack::new();
    let env = s.parameter("Environment", Parameter::string().default("dev"));
    let host = DynamicRef::ssm(ssm_name!("/app/db/host"));
    let url = Value::<String>::sub([
        SubPart::lit("postgres://"),
        SubPart::val(Value::<String>::from(host.clone())),
        SubPart::lit("/"),
        SubPart::val(env.value()),
    ]);
    // The seed's fixed form for ECS: the secret's ARN assembled with Join, no `{{resolve:`.
    let arn = Value::<String>::join(
        ":",
        vec![
            Value::from("arn"),
            Pseudo::partition(),
            Value::from("secretsmanager"),
            Pseudo::region(),
            Pseudo::account_id(),
            Value::from("secret"),
            env.value(),
        ],
    );
    let raw = json!({"Fn::Sub": "{{resolve:ssm:/app/db/port}}-${Environment}"});
    s.add(
        "Url",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop("Value", url),
    );
    s.add(
        "Arn",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop("Value", arn),
    );
    s.add(
        "Port",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop("Value", raw),
    );
    assert_eq!(diags(&s), []);
    common::emit_for_lint("validate-literal-dynamic-refs", &s);
}

#[test]
fn dynamic_reference_segments_are_checked() {
    let secret = secret_id!("app/db");
    let mut s: Stack = Stack::new();
    s.add(
        "Params",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop(
                "Name",
                Value::<String>::from(DynamicRef::secrets_manager(secret).json_key("user:name")),
            )
            .prop(
                "Value",
                Value::<String>::from(
                    DynamicRef::secrets_manager(secret)
                        .version_stage("AWSCURRENT")
                        .version_id("EXAMPLE1-90ab-cdef"),
                ),
            )
            .prop(
                "Description",
                Value::<String>::from(DynamicRef::secrets_manager(secret).json_key("")),
            ),
    );
    let d = diags(&s);
    assert_eq!(
        codes(&d),
        [
            ("dynamic-ref", "Resources/Params/Properties/Name".into()),
            ("dynamic-ref", "Resources/Params/Properties/Value".into()),
            ("dynamic-ref", "Resources/Params/Properties/Description".into()),
        ]
    );
    assert!(d[0].message.contains("JSON key \"user:name\""), "{}", d[0]);
    assert!(
        d[1].message.contains("both a version stage and a version id"),
        "{}",
        d[1]
    );
}

#[test]
fn secret_dynamic_references_stay_in_resource_properties() {
    let mut s: Stack = Stack::new();
    let t = s.add("Topic", topic());
    s.output(
        "Password",
        Output::new(DynamicRef::secrets_manager(secret_id!("app/db")).secret()),
    );
    s.output(
        "Endpoint",
        Output::new(Value::<String>::from(DynamicRef::ssm(ssm_name!("/app/endpoint")))),
    );
    s.output("Arn", Output::new(t.id()));
    let x = only(&diags(&s), "dynamic-ref", "Outputs/Password");
    assert!(x.message.contains("outside resource properties"), "{x}");
}

// ---- parameters ------------------------------------------------------------------------------

#[test]
fn parameter_defaults_are_checked() {
    let mut s: Stack = Stack::new();
    s.parameter("Env", Parameter::string().allowed(["dev", "prod"]).default("staging"));
    s.parameter("Suffix", Parameter::string().pattern("[a-z0-9-]+").default("Dev_1"));
    s.parameter("Ok", Parameter::string().pattern("[a-z]+").default("abc"));
    s.parameter("Broken", Parameter::string().pattern("[a-z").default("abc"));
    let d = diags(&s);
    assert_eq!(
        codes(&d),
        [
            ("parameter-default", "Parameters/Env".into()),
            ("parameter-default", "Parameters/Suffix".into()),
            ("parameter-pattern", "Parameters/Broken".into()),
        ]
    );
    assert!(
        d[0].message.contains("\"staging\" is not among the allowed values"),
        "{}",
        d[0]
    );
    assert!(
        d[1].message.contains("does not match the pattern `[a-z0-9-]+`"),
        "{}",
        d[1]
    );
    assert!(d.iter().all(|x| !x.help.is_empty()));
}

#[test]
fn the_pattern_must_match_the_whole_default() {
    // CloudFormation matches AllowedPattern against the whole value.
    let mut s: Stack = Stack::new();
    s.parameter("Suffix", Parameter::string().pattern("[a-z]+").default("abc1"));
    only(&diags(&s), "parameter-default", "Parameters/Suffix");
}

// ---- template body size ----------------------------------------------------------------------

#[test]
fn a_body_over_51200_bytes_is_a_warning() {
    let mut s: Stack = Stack::new();
    s.metadata("Notes", json!("x".repeat(60_000)));
    s.add("Topic", topic());
    let d = diags(&s);
    assert_eq!(codes(&d), [("body-size", "template.json".into())]);
    assert_eq!(d[0].severity, Severity::Warning);
    assert!(d[0].help.contains("S3"), "{}", d[0]);
    // A warning does not stop the emission, and the assembly reports it.
    let a = cfn::assemble(&s, &AssemblyOptions::default()).expect("warnings only");
    assert_eq!(codes(&a.warnings), [("body-size", "template.json".into())]);
    common::emit_for_lint("validate-body-warning", &s);
}

#[test]
fn a_body_over_1_mb_is_an_error() {
    let mut s: Stack = Stack::new();
    s.metadata("Notes", json!("x".repeat(1_000_001)));
    s.add("Topic", topic());
    let d = diags(&s);
    let x = only(&d, "limit", "template.json");
    assert!(x.message.contains("at most 1000000 bytes"), "{x}");
    assert!(x.help.contains("nested"), "{x}");
    assert!(cfn::assemble(&s, &AssemblyOptions::default()).is_err());
}

#[test]
fn every_diagnostic_is_reported_at_once() {
    let mut s = seed_security_group_cycle();
    s.add("bad-id", topic());
    s.parameter("Env", Parameter::string().allowed(["a"]).default("b"));
    let d = diags(&s);
    let mut got: Vec<&str> = d.iter().map(|x| x.code).collect();
    got.sort();
    got.dedup();
    assert_eq!(got, ["cycle", "logical-id", "parameter-default"]);
    let text = cfn::assemble(&s, &AssemblyOptions::default())
        .expect_err("errors")
        .to_string();
    assert!(
        text.contains("error[cycle] Resources/AlbSecurityGroup: circular dependency"),
        "{text}"
    );
    assert!(text.contains("\n  help: "), "{text}");
}

// ---- DependsOn from ordering evidence ---------------------------------------------------------

#[test]
fn ordering_evidence_becomes_sorted_deduplicated_depends_on() {
    let mut s: Stack = Stack::new();
    let zeta = s.add("Zeta", topic());
    let alpha = s.add("Alpha", topic());
    let mid = s.add("Mid", topic());
    let referenced = s.add("Referenced", topic());
    let attr = s.add_with(
        "Attr",
        RawResource::of("AWS::SQS::Queue").prop("MessageRetentionPeriod", 1_209_600),
        Attributes::new().retain_data(Policy::Delete),
    );
    let explicit = s.add("Explicit", topic());
    let me = s.add_with(
        "Me",
        RawResource::of("AWS::SQS::Queue")
            .prop("MessageRetentionPeriod", 345_600)
            .prop("QueueName", Pseudo::stack_name().after([zeta.ready(), alpha.ready()]))
            .prop(
                "DelaySeconds",
                Value::<i64>::from(0).after([alpha.ready(), mid.ready(), referenced.ready()]),
            )
            // Already implied by a Ref and a GetAtt: never repeated in DependsOn.
            .prop(
                "RedrivePolicy",
                Value::<Json>::from(
                    json!({"deadLetterTargetArn": {"Fn::GetAtt": ["Attr", "Arn"]}, "maxReceiveCount": 3}),
                )
                .after([attr.ready()]),
            )
            .prop(
                "Tags",
                vec![Value::<Json>::from(
                    json!({"Key": "Topic", "Value": {"Ref": "Referenced"}}),
                )],
            )
            // Evidence on the resource itself is dropped.
            .prop("VisibilityTimeout", Value::<i64>::from(30).after(["Me".into()])),
        Attributes::new()
            .depends_on(&explicit)
            .depends_on(&zeta)
            .retain_data(Policy::Delete),
    );
    let r = &s.template().resources[me.logical_id()];
    let deps: Vec<&str> = r.depends_on.iter().map(|d| &**d).collect();
    assert_eq!(deps, ["Alpha", "Explicit", "Mid", "Zeta"]);
    let _ = attr;
    let t = common::emit_root("validate-depends-on", &s);
    assert_eq!(
        t["Resources"]["Me"]["DependsOn"],
        json!(["Alpha", "Explicit", "Mid", "Zeta"])
    );
}

#[test]
fn a_single_dependency_is_written_as_a_string() {
    let mut s: Stack = Stack::new();
    let a = s.add("A", topic());
    s.add(
        "B",
        RawResource::of("AWS::SNS::Topic").prop("DisplayName", Value::<String>::from("b").after([a.ready()])),
    );
    s.add(
        "C",
        RawResource::of("AWS::SNS::Topic").prop("DisplayName", a.get_att::<String>("TopicName")),
    );
    let t = common::emit_root("validate-depends-on-single", &s);
    assert_eq!(t["Resources"]["B"]["DependsOn"], json!("A"));
    assert_eq!(t["Resources"]["B"]["Properties"], json!({"DisplayName": "b"}));
    assert!(t["Resources"]["C"].get("DependsOn").is_none(), "implied by the GetAtt");
}

#[test]
fn explicit_duplicate_depends_on_merge() {
    let mut s: Stack = Stack::new();
    let a = s.add("A", topic());
    let b = s.add_with("B", topic(), Attributes::new().depends_on(&a).depends_on(&a));
    assert_eq!(s.template().resources[b.logical_id()].depends_on, [Ident::from("A")]);
}
