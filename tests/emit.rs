//! Emission: byte-identical output, stack-wide tags, nested assemblies, the runner, and golden
//! templates compared byte for byte with `tests/golden/*.json` (`UPDATE_GOLDEN=1` rewrites them).

mod common;

use std::path::{Path, PathBuf};

use cfn::prelude::*;
use serde_json::json;

// ---- golden files ----------------------------------------------------------------------------

/// Compares `actual` with `tests/golden/<name>`; `UPDATE_GOLDEN=1` writes it instead. On a
/// mismatch the panic shows the first differing line with three lines of context.
#[track_caller]
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("golden dir")).expect("create tests/golden");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => panic!(
            "cannot read the golden file {}: {e}\nrun `UPDATE_GOLDEN=1 cargo test --test emit` to create it",
            path.display()
        ),
    };
    if expected != actual {
        panic!(
            "{} differs from the emitted template:\n{}\nif the change is intended, run `UPDATE_GOLDEN=1 cargo test --test emit` and review the diff",
            path.display(),
            first_difference(&expected, actual)
        );
    }
}

/// The first differing line of two texts, with line numbers and up to three lines of context.
fn first_difference(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let i = (0..e.len().max(a.len()))
        .find(|&i| e.get(i) != a.get(i))
        .unwrap_or(e.len().min(a.len()));
    let from = i.saturating_sub(3);
    let mut out = String::new();
    for (n, line) in e.iter().enumerate().take(i).skip(from) {
        out.push_str(&format!("  {:>4} | {line}\n", n + 1));
    }
    let show = |v: &[&str], k: usize| v.get(k).map_or("<end of file>".to_string(), |l| l.to_string());
    out.push_str(&format!("- {:>4} | {}   (golden)\n", i + 1, show(&e, i)));
    out.push_str(&format!("+ {:>4} | {}   (emitted)\n", i + 1, show(&a, i)));
    for (k, line) in a.iter().enumerate().take(i + 4).skip(i + 1) {
        out.push_str(&format!("+ {:>4} | {line}\n", k + 1));
    }
    if expected.trim_end() == actual.trim_end() {
        out.push_str("(only trailing whitespace or the final newline differs)\n");
    }
    out
}

#[test]
fn first_difference_is_readable() {
    let d = first_difference("a\nb\nc\nd\ne\n", "a\nb\nc\nX\ne\n");
    assert_eq!(
        d,
        "     1 | a\n     2 | b\n     3 | c\n-    4 | d   (golden)\n+    4 | X   (emitted)\n+    5 | e\n"
    );
    let d = first_difference("a\n", "a\nb\n");
    assert!(d.contains("- 2 | <end of file>".replace("- ", "-    ").as_str()), "{d}");
}

// ---- stacks used below -----------------------------------------------------------------------

/// A small web stack: parameters with constraints, a mapping, a condition, tags, attributes,
/// ordering evidence, outputs with an export.
fn web() -> Stack {
    let mut s: Stack = Stack::new();
    s.description("Golden: a small web stack");
    let env = s.parameter(
        "Environment",
        Parameter::string()
            .description("Deployment environment")
            .allowed(["dev", "prod"])
            .default("dev"),
    );
    let retention = s.parameter(
        "RetentionDays",
        Parameter::integer()
            .description("How long logs are kept")
            .allowed([1, 3, 7, 14])
            .default(7),
    );
    let sizes = s.mapping(
        "Sizes",
        Mapping::new()
            .entry("dev", [("Delay", json!(0))])
            .entry("prod", [("Delay", json!(5))]),
    );
    let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
    s.tag("Project", "golden");
    s.tag("Environment", env.value());

    let bucket = s.add_with(
        "Assets",
        RawResource::of("AWS::S3::Bucket")
            .prop(
                "BucketName",
                Value::<String>::sub([
                    SubPart::lit("assets-"),
                    SubPart::val(env.value()),
                    SubPart::lit("-"),
                    SubPart::val(Pseudo::account_id()),
                ]),
            )
            .tagging(Tagging::List("Tags")),
        Attributes::new()
            .retain_data(Policy::Retain)
            .metadata("Purpose", json!("static assets")),
    );
    let topic = s.add(
        "Alerts",
        RawResource::of("AWS::SNS::Topic")
            .prop("DisplayName", bucket.id().after([bucket.ready()]))
            .tagging(Tagging::List("Tags")),
    );
    let dlq = s.add_with(
        "DeadLetters",
        RawResource::of("AWS::SQS::Queue")
            .prop("MessageRetentionPeriod", 1_209_600)
            .prop("Tags", vec![json!({"Key": "Project", "Value": "dead-letters"})])
            .tagging(Tagging::List("Tags")),
        Attributes::new().retain_data(Policy::Delete),
    );
    let queue = s.add_with(
        "Work",
        RawResource::of("AWS::SQS::Queue")
            .prop("DelaySeconds", sizes.find::<i64>(env.value(), "Delay"))
            .prop("MessageRetentionPeriod", 345_600)
            .prop(
                "RedrivePolicy",
                Value::<Json>::from(
                    json!({"deadLetterTargetArn": {"Fn::GetAtt": ["DeadLetters", "Arn"]}, "maxReceiveCount": 5}),
                ),
            )
            .tagging(Tagging::List("Tags")),
        Attributes::new().retain_data(Policy::Delete).depends_on(&topic),
    );
    let _ = dlq;
    s.add_with(
        "Logs",
        RawResource::of("AWS::Logs::LogGroup")
            .prop("RetentionInDays", retention.value())
            .tagging(Tagging::List("Tags")),
        Attributes::new().retain_data(Policy::Delete),
    );
    s.add_with(
        "WorkSubscription",
        RawResource::of("AWS::SNS::Subscription")
            .prop("TopicArn", topic.id())
            .prop("Protocol", "sqs")
            .prop("Endpoint", queue.get_att::<String>("Arn")),
        Attributes::new().condition(&prod),
    );
    s.output(
        "AssetsBucket",
        Output::new(bucket.id())
            .description("The assets bucket")
            .export(Value::<String>::sub([
                SubPart::val(Pseudo::stack_name()),
                SubPart::lit("-Assets"),
            ])),
    );
    s.output("WorkQueueUrl", Output::new(queue.id()).condition(&prod));
    s
}

struct Network;
struct Subnets;

/// Root → Network → Subnets, with parameters passed down and outputs read back up.
fn nested_assembly() -> Stack {
    let mut subnets: Stack<Subnets> = Stack::new();
    subnets.description("Golden: subnets (nested of nested)");
    let vpc_id = subnets.parameter("VpcId", Parameter::string());
    let sn = subnets.add(
        "Subnet",
        RawResource::of("AWS::EC2::Subnet")
            .prop("VpcId", vpc_id.value())
            .prop("CidrBlock", "10.0.0.0/24")
            .prop(
                "AvailabilityZone",
                Value::<String>::select(0, Value::<Vec<String>>::azs("")),
            )
            .tagging(Tagging::List("Tags")),
    );
    subnets.output("SubnetId", Output::new(sn.id()));

    let mut network: Stack<Network> = Stack::new();
    network.description("Golden: network");
    let cidr = network.parameter("Cidr", Parameter::string());
    let vpc = network.add(
        "Vpc",
        RawResource::of("AWS::EC2::VPC")
            .prop("CidrBlock", cidr.value())
            .tagging(Tagging::List("Tags")),
    );
    let inner = network.nested(
        "Subnets",
        subnets,
        [("VpcId", Value::<String>::from(vpc.id()))],
        Attributes::new().retain_data(Policy::Delete),
    );
    network.output("VpcId", Output::new(vpc.id()));
    network.output("SubnetId", Output::new(inner.output::<String>("SubnetId")));

    let mut root: Stack = Stack::new();
    root.description("Golden: root of a nested assembly");
    root.tag("Project", "golden");
    let net = root.nested(
        "Network",
        network,
        [("Cidr", Value::from("10.0.0.0/16"))],
        Attributes::new().retain_data(Policy::Delete),
    );
    root.add(
        "Param",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop("Value", net.output::<String>("SubnetId"))
            .tagging(Tagging::Map("Tags")),
    );
    root.output("VpcId", Output::new(net.output::<String>("VpcId")));
    root
}

// ---- determinism -----------------------------------------------------------------------------

#[test]
fn emission_is_byte_identical_across_runs() {
    let a = cfn::to_json(&web()).expect("valid");
    let b = cfn::to_json(&web()).expect("valid");
    assert_eq!(a, b);
    let s = web();
    assert_eq!(cfn::to_json(&s).expect("valid"), cfn::to_json(&s).expect("valid"));
    let n1 = cfn::assemble(&nested_assembly(), &AssemblyOptions::default()).expect("valid");
    let n2 = cfn::assemble(&nested_assembly(), &AssemblyOptions::default()).expect("valid");
    assert_eq!(n1.files, n2.files);
    common::emit_for_lint("emit-web", &s);
}

#[test]
fn sections_and_keys_keep_insertion_order() {
    let json = cfn::to_json(&web()).expect("valid");
    let pos = |needle: &str| json.find(needle).unwrap_or_else(|| panic!("{needle} not found"));
    let sections = [
        "\"AWSTemplateFormatVersion\"",
        "\"Description\"",
        "\"Parameters\"",
        "\"Mappings\"",
        "\"Conditions\"",
        "\"Resources\"",
        "\"Outputs\"",
    ];
    assert!(sections.windows(2).all(|w| pos(w[0]) < pos(w[1])), "{json}");
    // Resources in the order they were added, not sorted.
    let ids = [
        "\"Assets\": {",
        "\"Alerts\": {",
        "\"DeadLetters\": {",
        "\"Work\": {",
        "\"Logs\": {",
        "\"WorkSubscription\": {",
    ];
    assert!(ids.windows(2).all(|w| pos(w[0]) < pos(w[1])), "{json}");
    assert!(json.ends_with("}\n"), "a final newline");
}

// ---- stack-wide tags -------------------------------------------------------------------------

fn tagged_stack() -> Stack {
    let mut s: Stack = Stack::new();
    let owner = s.parameter("Owner", Parameter::string().default("platform"));
    s.tag("Project", "demo");
    s.tag("Owner", owner.value());
    s.add(
        "Vpc",
        RawResource::of("AWS::EC2::VPC")
            .prop("CidrBlock", "10.0.0.0/16")
            .tagging(Tagging::List("Tags")),
    );
    s.add(
        "Own",
        RawResource::of("AWS::EC2::VPC")
            .prop("CidrBlock", "10.1.0.0/16")
            .prop(
                "Tags",
                vec![
                    json!({"Key": "Owner", "Value": "network-team"}),
                    json!({"Key": "Name", "Value": "own"}),
                ],
            )
            .tagging(Tagging::List("Tags")),
    );
    s.add(
        "Setting",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop("Value", "x")
            .tagging(Tagging::Map("Tags")),
    );
    s.add(
        "OwnSetting",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop("Value", "y")
            .prop("Tags", json!({"Project": "special", "Team": "a"}))
            .tagging(Tagging::Map("Tags")),
    );
    s.add(
        "Untaggable",
        RawResource::of("AWS::SNS::Subscription")
            .prop("TopicArn", "arn:aws:sns:us-east-1:123456789012:t")
            .prop("Protocol", "email")
            .prop("Endpoint", "ops@example.com"),
    );
    s
}

#[test]
fn stack_wide_tags_in_list_style() {
    let t = common::emit_root("emit-tags-list", &tagged_stack());
    let r = &t["Resources"];
    assert_eq!(
        r["Vpc"]["Properties"]["Tags"],
        json!([{"Key": "Project", "Value": "demo"}, {"Key": "Owner", "Value": {"Ref": "Owner"}}])
    );
    // The resource's own `Owner` wins; stack-wide tags come first, then the resource's own.
    assert_eq!(
        r["Own"]["Properties"]["Tags"],
        json!([
            {"Key": "Project", "Value": "demo"},
            {"Key": "Owner", "Value": "network-team"},
            {"Key": "Name", "Value": "own"}
        ])
    );
}

#[test]
fn stack_wide_tags_in_map_style() {
    let t = common::emit_root("emit-tags-map", &tagged_stack());
    let r = &t["Resources"];
    assert_eq!(
        r["Setting"]["Properties"]["Tags"],
        json!({"Project": "demo", "Owner": {"Ref": "Owner"}})
    );
    assert_eq!(
        r["OwnSetting"]["Properties"]["Tags"],
        json!({"Owner": {"Ref": "Owner"}, "Project": "special", "Team": "a"})
    );
    // Key order in the emitted text, not only in the parsed map.
    let text = cfn::to_json(&tagged_stack()).expect("valid");
    let own = &text[text.find("\"OwnSetting\"").expect("OwnSetting")..];
    assert!(own.find("\"Owner\"") < own.find("\"Project\""), "{own}");
}

#[test]
fn non_taggable_resources_are_untouched() {
    let t = common::emit_root("emit-tags-untouched", &tagged_stack());
    assert_eq!(
        t["Resources"]["Untaggable"]["Properties"],
        json!({
            "TopicArn": "arn:aws:sns:us-east-1:123456789012:t",
            "Protocol": "email",
            "Endpoint": "ops@example.com"
        })
    );
}

#[test]
fn tags_given_as_an_intrinsic_are_left_alone() {
    let mut s: Stack = Stack::new();
    let env = s.parameter(
        "Environment",
        Parameter::string().allowed(["dev", "prod"]).default("dev"),
    );
    let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
    s.tag("Project", "demo");
    let tags: Value<Json> = prod.then(
        Value::<Json>::from(json!([{"Key": "Tier", "Value": "prod"}])),
        Value::<Json>::no_value(),
    );
    s.add(
        "Vpc",
        RawResource::of("AWS::EC2::VPC")
            .prop("CidrBlock", "10.0.0.0/16")
            .prop("Tags", tags)
            .tagging(Tagging::List("Tags")),
    );
    let t = common::emit_root("emit-tags-intrinsic", &s);
    assert_eq!(
        t["Resources"]["Vpc"]["Properties"]["Tags"],
        json!({"Fn::If": ["IsProd", [{"Key": "Tier", "Value": "prod"}], {"Ref": "AWS::NoValue"}]})
    );
}

#[test]
fn tags_do_not_change_the_model() {
    // Tags are merged on emission only: the template model keeps the resource's own properties.
    let s = tagged_stack();
    assert!(!s.template().resources["Vpc"]
        .properties
        .iter()
        .any(|(k, _)| k == "Tags"));
}

// ---- nested assemblies -----------------------------------------------------------------------

#[test]
fn nested_assembly_writes_root_and_one_file_per_child() {
    let files = common::emit_for_lint("emit-nested", &nested_assembly());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "template.json",
            "Network.template.json",
            "Network-Subnets.template.json"
        ]
    );
    let (root, network, subnets) = (&files[0].1, &files[1].1, &files[2].1);
    assert_eq!(
        root["Resources"]["Network"],
        json!({
            "Type": "AWS::CloudFormation::Stack",
            "DeletionPolicy": "Delete",
            "UpdateReplacePolicy": "Delete",
            "Properties": {
                "TemplateURL": "Network.template.json",
                "Parameters": {"Cidr": "10.0.0.0/16"},
                "Tags": [{"Key": "Project", "Value": "golden"}]
            }
        })
    );
    assert_eq!(
        root["Resources"]["Param"]["Properties"]["Value"],
        json!({"Fn::GetAtt": ["Network", "Outputs.SubnetId"]})
    );
    assert_eq!(
        network["Resources"]["Subnets"]["Properties"],
        json!({"TemplateURL": "Network-Subnets.template.json", "Parameters": {"VpcId": {"Ref": "Vpc"}}})
    );
    assert_eq!(subnets["Parameters"], json!({"VpcId": {"Type": "String"}}));
    // Stack-wide tags belong to the stack that declares them.
    assert!(network["Resources"]["Vpc"]
        .get("Properties")
        .and_then(|p| p.get("Tags"))
        .is_none());
}

#[test]
fn nested_template_urls_under_a_base_url() {
    for base in [
        "https://bucket.s3.amazonaws.com/prefix",
        "https://bucket.s3.amazonaws.com/prefix/",
    ] {
        let opts = AssemblyOptions {
            base_url: Some(base.to_string()),
            ..AssemblyOptions::default()
        };
        let a = cfn::assemble(&nested_assembly(), &opts).expect("valid");
        let root: serde_json::Value = serde_json::from_str(&a.files[0].contents).expect("json");
        let network: serde_json::Value = serde_json::from_str(&a.files[1].contents).expect("json");
        assert_eq!(
            root["Resources"]["Network"]["Properties"]["TemplateURL"],
            json!("https://bucket.s3.amazonaws.com/prefix/Network.template.json")
        );
        assert_eq!(
            network["Resources"]["Subnets"]["Properties"]["TemplateURL"],
            json!("https://bucket.s3.amazonaws.com/prefix/Network-Subnets.template.json")
        );
        // File names do not change with the URL.
        assert_eq!(a.files[2].name, "Network-Subnets.template.json");
    }
}

#[test]
fn the_root_file_name_is_configurable() {
    let opts = AssemblyOptions {
        root_name: "main.json".into(),
        ..AssemblyOptions::default()
    };
    let a = cfn::assemble(&nested_assembly(), &opts).expect("valid");
    assert_eq!(a.files[0].name, "main.json");
    assert_eq!(a.files[1].name, "Network.template.json");
}

#[test]
fn to_json_is_the_root_of_the_assembly() {
    let a = cfn::assemble(&nested_assembly(), &AssemblyOptions::default()).expect("valid");
    assert_eq!(cfn::to_json(&nested_assembly()).expect("valid"), a.files[0].contents);
}

// ---- the runner ------------------------------------------------------------------------------

fn run(stack: &impl cfn::AsTemplate, args: &[&str]) -> (u8, String, String) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cfn::run_with_args(stack, &args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).expect("utf-8 stdout"),
        String::from_utf8(err).expect("utf-8 stderr"),
    )
}

/// A fresh, empty folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = common::lint_dir()
        .parent()
        .expect("target dir")
        .join("emit-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn runner_help() {
    for flag in ["--help", "-h"] {
        let (code, out, err) = run(&web(), &[flag]);
        assert_eq!(code, 0);
        assert!(
            out.contains("USAGE") && out.contains("--out-dir DIR") && out.contains("--base-url URL"),
            "{out}"
        );
        assert!(err.is_empty(), "{err}");
    }
}

#[test]
fn runner_prints_the_root_on_stdout() {
    let s = web();
    let (code, out, err) = run(&s, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, cfn::to_json(&s).expect("valid"));
    assert!(err.is_empty(), "{err}");
    common::emit_for_lint("emit-runner-web", &s);
}

#[test]
fn runner_out_dir_writes_the_whole_assembly() {
    let s = nested_assembly();
    let dir = scratch("out-dir");
    let dir_s = dir.to_str().expect("utf-8 path");
    let (code, out, err) = run(&s, &["--out-dir", dir_s]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote 3 template(s)"), "{err}");
    let a = cfn::assemble(&s, &AssemblyOptions::default()).expect("valid");
    assert_eq!(out, a.files[0].contents, "the root still goes to stdout");
    for f in &a.files {
        let written = std::fs::read_to_string(dir.join(&f.name)).expect("file written");
        assert_eq!(written, f.contents, "{}", f.name);
    }
    // `--out-dir=DIR` and `--base-url` together.
    let dir2 = scratch("out-dir-eq");
    let arg = format!("--out-dir={}", dir2.display());
    let (code, _, err) = run(&s, &[&arg, "--base-url", "https://b.s3.amazonaws.com/p"]);
    assert_eq!(code, 0, "{err}");
    let root = std::fs::read_to_string(dir2.join("template.json")).expect("root written");
    assert!(
        root.contains("\"TemplateURL\": \"https://b.s3.amazonaws.com/p/Network.template.json\""),
        "{root}"
    );
    common::emit_for_lint("emit-runner-nested", &s);
}

#[test]
fn runner_rejects_unknown_arguments() {
    let (code, out, err) = run(&web(), &["--bogus"]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("unknown argument `--bogus`") && err.contains("--help"),
        "{err}"
    );
    let (code, _, err) = run(&web(), &["out"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown argument `out`"), "{err}");
    let (code, _, err) = run(&web(), &["--out-dir"]);
    assert_eq!(code, 2);
    assert!(err.contains("`--out-dir` needs a value"), "{err}");
}

#[test]
fn runner_reports_validation_errors_and_writes_nothing() {
    let mut s: Stack = Stack::new();
    s.add("bad-id", RawResource::of("AWS::SNS::Topic"));
    s.add(
        "Sub",
        RawResource::new(
            "AWS::SNS::Subscription",
            json!({"TopicArn": {"Ref": "Nope"}, "Protocol": "sqs"}),
        ),
    );
    let dir = scratch("invalid");
    let (code, out, err) = run(&s, &["--out-dir", dir.to_str().expect("utf-8 path")]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "nothing on stdout: {out}");
    assert!(err.contains("error[logical-id] Resources/bad-id"), "{err}");
    assert!(
        err.contains("error[dangling-ref] Resources/Sub/Properties/TopicArn"),
        "{err}"
    );
    assert!(err.contains("  help: "), "{err}");
    assert!(err.contains("2 error(s); nothing was written"), "{err}");
    assert!(!dir.exists(), "no output directory for an invalid stack");
}

#[test]
fn runner_validate_only_and_warnings() {
    let mut s: Stack = Stack::new();
    s.metadata("Notes", json!("x".repeat(60_000)));
    s.add("Topic", RawResource::of("AWS::SNS::Topic"));
    let (code, out, err) = run(&s, &["--validate"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("warning[body-size] template.json"), "{err}");
    assert!(err.contains("ok: 1 template(s) valid"), "{err}");
    // Warnings do not fail a normal run either.
    let (code, out, err) = run(&s, &[]);
    assert_eq!(code, 0);
    assert!(!out.is_empty());
    assert!(err.contains("warning[body-size]"), "{err}");
    common::emit_for_lint("emit-runner-warning", &s);
}

// ---- golden templates ------------------------------------------------------------------------

#[test]
fn golden_web_stack() {
    let s = web();
    golden("web.json", &cfn::to_json(&s).expect("valid"));
    common::emit_for_lint("golden-web", &s);
}

#[test]
fn golden_nested_assembly() {
    let s = nested_assembly();
    for f in cfn::assemble(&s, &AssemblyOptions::default()).expect("valid").files {
        golden(&format!("nested/{}", f.name), &f.contents);
    }
    common::emit_for_lint("golden-nested", &s);
}
