//! Automatic nesting (`Stack::auto_nest`): a stack over the per-template limits is emitted as a
//! root and nested stacks that cfn-lint accepts (`target/cfn-lint/autonest-*`), and that a checker
//! of our own finds consistent: every reference resolves in its file, every nested stack gets
//! exactly the parameters its template declares, every output read exists, every template is
//! under the limits.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use cfn::model::Expr;
use cfn::prelude::*;
use serde_json::{json, Value as Json};

#[path = "../examples/scale.rs"]
#[allow(dead_code)]
mod scale;

type Files = Vec<(String, Json)>;

fn file<'a>(files: &'a Files, name: &str) -> &'a Json {
    &files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no file {name}"))
        .1
}

/// Every name a `Fn::Sub` string interpolates (`${X}`, `${X.Y}` → `X`), leaving out `${!…}`.
fn sub_names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        rest = &rest[i + 2..];
        let end = rest.find('}').unwrap_or(rest.len());
        let inner = &rest[..end];
        if !inner.starts_with('!') {
            out.push(inner.split('.').next().unwrap_or("").to_string());
        }
        rest = &rest[end..];
    }
    out
}

/// What one expression references: (kind, name, attribute).
fn refs(v: &Json, out: &mut Vec<(&'static str, String, String)>) {
    match v {
        Json::Array(items) => items.iter().for_each(|i| refs(i, out)),
        Json::Object(m) if m.len() == 1 => {
            let (k, x) = m.iter().next().expect("one entry");
            match (k.as_str(), x) {
                ("Ref", Json::String(n)) => out.push(("Ref", n.clone(), String::new())),
                ("Fn::GetAtt", Json::Array(a)) => out.push((
                    "GetAtt",
                    a[0].as_str().unwrap_or_default().to_string(),
                    a[1].as_str().unwrap_or_default().to_string(),
                )),
                ("Fn::Sub", Json::String(s)) => sub_names(s).into_iter().for_each(|n| out.push(("Sub", n, "".into()))),
                ("Fn::Sub", Json::Array(a)) => {
                    let vars: Vec<&String> = a[1].as_object().map(|o| o.keys().collect()).unwrap_or_default();
                    for n in sub_names(a[0].as_str().unwrap_or_default()) {
                        if !vars.iter().any(|v| **v == n) {
                            out.push(("Sub", n, "".into()));
                        }
                    }
                    refs(&a[1], out);
                }
                ("Fn::If", Json::Array(a)) => {
                    out.push(("Condition", a[0].as_str().unwrap_or_default().to_string(), "".into()));
                    a[1..].iter().for_each(|i| refs(i, out));
                }
                ("Condition", Json::String(c)) => out.push(("Condition", c.clone(), "".into())),
                ("Fn::FindInMap", Json::Array(a)) => {
                    out.push(("Mapping", a[0].as_str().unwrap_or_default().to_string(), "".into()));
                    a[1..].iter().for_each(|i| refs(i, out));
                }
                _ => refs(x, out),
            }
        }
        Json::Object(m) => m.values().for_each(|x| refs(x, out)),
        _ => {}
    }
}

/// The checker: references, nested-stack parameters and outputs, limits, unused declarations.
fn check(files: &Files, max_resources: usize) {
    let by_name: BTreeMap<&str, &Json> = files.iter().map(|(n, t)| (n.as_str(), t)).collect();
    for (name, t) in files {
        let keys = |section: &str| -> BTreeSet<String> {
            t[section]
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default()
        };
        let (resources, params, conds, maps) = (
            keys("Resources"),
            keys("Parameters"),
            keys("Conditions"),
            keys("Mappings"),
        );
        assert!(
            resources.len() <= max_resources,
            "{name}: {} resources",
            resources.len()
        );
        assert!(
            params.len() <= 200 && keys("Outputs").len() <= 200,
            "{name}: too many parameters or outputs"
        );
        let mut found = Vec::new();
        for section in ["Resources", "Outputs", "Conditions"] {
            refs(&t[section], &mut found);
        }
        for (kind, n, a) in &found {
            let ok = match *kind {
                "Ref" | "Sub" => n.starts_with("AWS::") || resources.contains(n) || params.contains(n),
                "GetAtt" => resources.contains(n),
                "Condition" => conds.contains(n),
                "Mapping" => maps.contains(n),
                _ => true,
            };
            assert!(ok, "{name}: {kind} {n} {a} resolves to nothing");
            if *kind == "GetAtt" {
                if let Some(out) = a.strip_prefix("Outputs.") {
                    let url = t["Resources"][n]["Properties"]["TemplateURL"]
                        .as_str()
                        .unwrap_or_default();
                    let child = by_name
                        .get(url)
                        .unwrap_or_else(|| panic!("{name}: {n} has no file {url}"));
                    assert!(child["Outputs"].get(out).is_some(), "{name}: {url} has no output {out}");
                }
            }
        }
        for p in &params {
            let used = found.iter().any(|(k, n, _)| (*k == "Ref" || *k == "Sub") && n == p);
            assert!(used || *name == "template.json", "{name}: parameter {p} is not used");
        }
        for (id, r) in t["Resources"].as_object().into_iter().flatten() {
            for d in r["DependsOn"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .chain(r["DependsOn"].as_str().map(|s| json!(s)).iter())
            {
                assert!(
                    resources.contains(d.as_str().unwrap_or_default()),
                    "{name}: {id} depends on {d}"
                );
            }
            if r["Type"] == "AWS::CloudFormation::Stack" {
                let url = r["Properties"]["TemplateURL"].as_str().unwrap_or_default();
                let child = by_name
                    .get(url)
                    .unwrap_or_else(|| panic!("{name}: {id} has no file {url}"));
                let passed: BTreeSet<String> = r["Properties"]["Parameters"]
                    .as_object()
                    .map(|o| o.keys().cloned().collect())
                    .unwrap_or_default();
                let declared: BTreeSet<String> = child["Parameters"]
                    .as_object()
                    .map(|o| o.keys().cloned().collect())
                    .unwrap_or_default();
                let required: BTreeSet<String> = child["Parameters"]
                    .as_object()
                    .map(|o| {
                        o.iter()
                            .filter(|(_, d)| d.get("Default").is_none())
                            .map(|(k, _)| k.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                assert!(
                    passed.is_subset(&declared) && required.is_subset(&passed),
                    "{name}: {id} passes {passed:?}, {url} declares {declared:?}"
                );
            }
        }
    }
}

// ---- the scale workload ------------------------------------------------------------------------

#[test]
fn the_scale_workload_over_the_limit_is_split_into_parts_that_cfn_lint_accepts() {
    let files = common::emit_for_lint("autonest-scale", &scale::build(1000));
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "template.json",
            "Part1.template.json",
            "Part2.template.json",
            "Part3.template.json"
        ]
    );
    check(&files, 450);
    let root = file(&files, "template.json");
    assert_eq!(root["Resources"].as_object().map(|o| o.len()), Some(3));
    // Declaration order: 450, 450, 100 resources.
    let counts: Vec<usize> = files[1..]
        .iter()
        .map(|(_, t)| t["Resources"].as_object().map_or(0, |o| o.len()))
        .collect();
    assert_eq!(counts, [450, 450, 100]);
    // The one value crossing each boundary: the last group of a part, read by the next part's
    // first ingress rule.
    assert_eq!(
        root["Resources"]["Part2"]["Properties"]["Parameters"],
        json!({"VpcId": {"Ref": "VpcId"}, "Group224GroupId": {"Fn::GetAtt": ["Part1", "Outputs.Group224GroupId"]}})
    );
    let p1 = file(&files, "Part1.template.json");
    assert_eq!(
        p1["Outputs"],
        json!({"Group224GroupId": {"Value": {"Fn::GetAtt": ["Group224", "GroupId"]}}})
    );
    let p2 = file(&files, "Part2.template.json");
    assert_eq!(p2["Parameters"]["Group224GroupId"]["Type"], "String");
    assert_eq!(
        p2["Resources"]["Group225Ingress"]["Properties"]["SourceSecurityGroupId"],
        json!({"Ref": "Group224GroupId"})
    );
    assert_eq!(p2["Parameters"]["VpcId"]["Type"], "AWS::EC2::VPC::Id");
    // Stack-wide tags on every taggable resource of the parts and on the parts themselves.
    assert_eq!(
        p2["Resources"]["Group225"]["Properties"]["Tags"],
        json!([{"Key": "Project", "Value": "scale"}])
    );
    assert_eq!(
        root["Resources"]["Part3"]["Properties"]["Tags"],
        json!([{"Key": "Project", "Value": "scale"}])
    );
}

#[test]
fn a_stack_within_the_limits_is_emitted_as_without_automatic_nesting() {
    let on = cfn::to_json(&scale::build(400)).expect("valid");
    let mut s = scale::build(400);
    let mut t = s.template().clone();
    t.auto_nest = None;
    assert_eq!(cfn::to_json(&t).expect("valid"), on);
    s.auto_nest(AutoNest::new().max_resources(500));
    assert_eq!(cfn::to_json(&s).expect("valid"), on);
}

#[test]
fn without_automatic_nesting_the_limit_error_names_it() {
    let mut t = scale::build(600).into_template();
    t.auto_nest = None;
    let d = cfn::validate(&t);
    let limit: Vec<&Diagnostic> = d.iter().filter(|x| x.code == "limit").collect();
    assert_eq!(limit.len(), 1, "{d:?}");
    assert!(limit[0].help.contains("auto_nest(AutoNest::new())"), "{}", limit[0]);
    assert!(cfn::validate(&scale::build(600)).is_empty());
}

#[test]
fn emission_is_deterministic() {
    let a = cfn::assemble(&scale::build(2000), &AssemblyOptions::default()).expect("valid");
    let b = cfn::assemble(&scale::build(2000), &AssemblyOptions::default()).expect("valid");
    assert_eq!(a.files, b.files);
    assert_eq!(a.files.len(), 6);
}

#[test]
fn the_runner_writes_every_part() {
    let dir = common::lint_dir().join("autonest-runner-out");
    let _ = std::fs::remove_dir_all(&dir);
    let args = ["--out-dir".to_string(), dir.display().to_string()];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cfn::run_with_args(&scale::build(1000), &args, &mut out, &mut err);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .expect("written")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "Part1.template.json",
            "Part2.template.json",
            "Part3.template.json",
            "template.json"
        ]
    );
    assert!(String::from_utf8_lossy(&out).contains("\"Part3\""));
    std::fs::remove_dir_all(&dir).expect("clean up");
}

// ---- everything that crosses a boundary --------------------------------------------------------

/// Root parameters of every kind, a mapping, conditions (one through another and the mapping),
/// tags reading a parameter and the stack name, a list attribute, a number attribute, a
/// conditional resource read by a later one, an explicit `DependsOn`, `AWS::StackName` in a
/// moved resource, a nested stack of the user's and outputs reading moved resources, with parts of
/// at most four resources.
fn everything() -> Stack {
    let mut s: Stack = Stack::new();
    s.description("Everything automatic nesting passes across a boundary");
    s.auto_nest(AutoNest::new().max_resources(4));
    let env = s.parameter("Env", Parameter::string().allowed(["dev", "prod"]).default("dev"));
    let subnets = s.parameter(
        "Subnets",
        Parameter::<Vec<Id<cfn::aws::ec2::Subnet>>>::of().description("Subnets of the load balancer"),
    );
    let image = s.parameter(
        "Image",
        Parameter::<Ssm<ImageId>>::of()
            .default("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"),
    );
    let origins = s.parameter("Origins", Parameter::comma_list().default("https://example.com"));
    let secret = s.parameter("Secret", Parameter::string().no_echo().min_length(8));
    let sizes = s.mapping(
        "Sizes",
        Mapping::new()
            .entry("dev", [("Delay", json!(0)), ("Big", json!("no"))])
            .entry("prod", [("Delay", json!(5)), ("Big", json!("yes"))]),
    );
    let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
    let big = s.condition(
        "IsProdAndBig",
        Value::<Cond>::and([
            Value::from_expr(Expr::Condition(prod.name().clone())),
            Value::<Cond>::equals(sizes.find::<String>(env.value(), "Big"), "yes"),
        ]),
    );
    s.tag("Project", "everything");
    s.tag("Env", env.value());
    s.tag("RootStack", Pseudo::stack_name());

    // Part 1.
    let vpc = s.add(
        "Vpc",
        RawResource::of("AWS::EC2::VPC")
            .prop("CidrBlock", "10.0.0.0/16")
            .tagging(Tagging::List("Tags")),
    );
    let lb = s.add(
        "Lb",
        RawResource::of("AWS::ElasticLoadBalancingV2::LoadBalancer")
            .prop("Scheme", "internal")
            .prop("Subnets", subnets.value())
            .tagging(Tagging::List("Tags")),
    );
    let topic = s.add_with(
        "Topic",
        RawResource::of("AWS::SNS::Topic")
            .prop(
                "TopicName",
                Value::<String>::sub([SubPart::val(Pseudo::stack_name()), SubPart::lit("-alerts")]),
            )
            .tagging(Tagging::List("Tags")),
        Attributes::new().condition(&big),
    );
    // A number attribute read by the next resource: the two stay in one part.
    let cap = s.add(
        "Capacity",
        RawResource::of("AWS::EC2::CapacityReservation")
            .prop(
                "AvailabilityZone",
                Value::<String>::select(0, Value::<Vec<String>>::azs("")),
            )
            .prop("InstanceCount", 1)
            .prop("InstancePlatform", "Linux/UNIX")
            .prop("InstanceType", "t3.micro"),
    );
    s.add_with(
        "DelayedQueue",
        RawResource::of("AWS::SQS::Queue")
            .prop("DelaySeconds", cap.get_att::<i64>("AvailableInstanceCount"))
            .prop("MessageRetentionPeriod", 345_600)
            .tagging(Tagging::List("Tags")),
        Attributes::new().retain_data(Policy::Delete),
    );
    // Part 2 on: reads of part 1.
    let queue = s.add_with(
        "Queue",
        RawResource::of("AWS::SQS::Queue")
            .prop("DelaySeconds", sizes.find::<i64>(env.value(), "Delay"))
            .prop("MessageRetentionPeriod", Value::<i64>::if_(&prod, 1_209_600, 345_600))
            .tagging(Tagging::List("Tags")),
        Attributes::new()
            .metadata("Vpc", json!({"Ref": "Vpc"}))
            .retain_data(Policy::Delete),
    );
    let sg = s.add(
        "Sg",
        RawResource::of("AWS::EC2::SecurityGroup")
            .prop("GroupDescription", "load balancer peers")
            .prop("VpcId", vpc.id())
            .tagging(Tagging::List("Tags")),
    );
    s.add(
        "FromLb",
        RawResource::of("AWS::EC2::SecurityGroupIngress")
            .prop("GroupId", sg.get_att::<String>("GroupId"))
            .prop("IpProtocol", "tcp")
            .prop("FromPort", 443)
            .prop("ToPort", 443)
            .prop(
                "SourceSecurityGroupId",
                Value::<String>::select(0, lb.get_att::<Vec<String>>("SecurityGroups")),
            ),
    );
    s.add_with(
        "Subscription",
        RawResource::of("AWS::SNS::Subscription")
            .prop("TopicArn", topic.id())
            .prop("Protocol", "sqs")
            .prop("Endpoint", queue.get_att::<String>("Arn")),
        Attributes::new().condition(&big),
    );
    let mut child: Stack = Stack::new();
    let child_env = child.parameter("Env", Parameter::string());
    let inner = child.add(
        "InnerTopic",
        RawResource::of("AWS::SNS::Topic").prop("DisplayName", child_env.value()),
    );
    child.output("TopicArn", Output::new(inner.id()));
    let nested = s.nested(
        "Inner",
        child,
        [("Env", env.value())],
        Attributes::new().retain_data(Policy::Delete),
    );
    s.add("Filler", RawResource::of("AWS::SNS::Topic"));
    s.add(
        "Param",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop("Value", nested.output::<String>("TopicArn"))
            .prop("Description", Value::<String>::join(",", origins.value()))
            .tagging(Tagging::Map("Tags")),
    );
    s.add(
        "Instance",
        RawResource::of("AWS::EC2::Instance")
            .prop("ImageId", image.value())
            .prop(
                "SubnetId",
                Value::<Id<cfn::aws::ec2::Subnet>>::select(0, subnets.value()),
            )
            .prop(
                "UserData",
                Value::<String>::sub([SubPart::lit("#!/bin/sh\necho "), SubPart::val(secret.value())]).base64(),
            )
            .tagging(Tagging::List("Tags")),
    );
    s.add_with(
        "Late",
        RawResource::of("AWS::SQS::Queue")
            .prop("MessageRetentionPeriod", 345_600)
            .tagging(Tagging::List("Tags")),
        Attributes::new().depends_on(&vpc).retain_data(Policy::Delete),
    );
    s.output(
        "VpcId",
        Output::new(vpc.id())
            .description("The VPC")
            .export(Value::<String>::sub([
                SubPart::val(Pseudo::stack_name()),
                SubPart::lit("-VpcId"),
            ])),
    );
    s.output(
        "LbSecurityGroups",
        Output::new(Value::<String>::join(",", lb.get_att::<Vec<String>>("SecurityGroups"))),
    );
    s.output("TopicArn", Output::new(topic.id()).condition(&big));
    s.output(
        "QueueUrl",
        Output::new(Value::<String>::sub([
            SubPart::lit("queue "),
            SubPart::val(queue.get_att::<String>("QueueUrl")),
        ])),
    );
    s.output("Environment", Output::new(env.value()));
    s
}

#[test]
fn every_kind_of_crossing_value_is_passed_and_cfn_lint_accepts_the_parts() {
    let s = everything();
    assert_eq!(cfn::validate(&s), [], "validate finds nothing");
    let files = common::emit_for_lint("autonest-everything", &s);
    check(&files, 4);
    let root = file(&files, "template.json");
    // The root keeps its interface: parameters, and outputs that read the parts.
    assert_eq!(
        root["Parameters"]
            .as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(
            ["Env", "Subnets", "Image", "Origins", "Secret"]
                .map(String::from)
                .to_vec()
        )
    );
    assert_eq!(
        root["Outputs"]["VpcId"]["Value"],
        json!({"Fn::GetAtt": ["Part1", "Outputs.Vpc"]})
    );
    assert_eq!(
        root["Outputs"]["VpcId"]["Export"]["Name"],
        json!({"Fn::Sub": "${AWS::StackName}-VpcId"})
    );
    assert_eq!(
        root["Outputs"]["LbSecurityGroups"]["Value"],
        json!({"Fn::Join": [",", {"Fn::Split": [",", {"Fn::GetAtt": ["Part1", "Outputs.LbSecurityGroups"]}]}]})
    );
    assert_eq!(root["Outputs"]["TopicArn"]["Condition"], "IsProdAndBig");
    assert_eq!(root["Outputs"]["Environment"]["Value"], json!({"Ref": "Env"}));
    // The conditions the root still uses (its outputs); the mapping through them.
    assert!(root["Conditions"].get("IsProdAndBig").is_some() && root["Mappings"].get("Sizes").is_some());

    let p1 = file(&files, "Part1.template.json");
    // The number attribute kept Capacity and DelayedQueue together: part 1 ends before them.
    assert_eq!(
        p1["Resources"]
            .as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(["Vpc", "Lb", "Topic"].map(String::from).to_vec())
    );
    // A list attribute leaves joined; a conditional resource's value is empty without it.
    assert_eq!(
        p1["Outputs"]["LbSecurityGroups"]["Value"],
        json!({"Fn::Join": [",", {"Fn::GetAtt": ["Lb", "SecurityGroups"]}]})
    );
    assert_eq!(
        p1["Outputs"]["Topic"]["Value"],
        json!({"Fn::If": ["IsProdAndBig", {"Ref": "Topic"}, ""]})
    );
    // The root's stack name, passed down; the SSM parameter's value, resolved by the root.
    assert_eq!(
        p1["Resources"]["Topic"]["Properties"]["TopicName"],
        json!({"Fn::Sub": "${RootStackName}-alerts"})
    );
    assert_eq!(
        root["Resources"]["Part1"]["Properties"]["Parameters"]["RootStackName"],
        json!({"Ref": "AWS::StackName"})
    );
    assert_eq!(
        root["Resources"]["Part1"]["Properties"]["Parameters"]["Subnets"],
        json!({"Fn::Join": [",", {"Ref": "Subnets"}]})
    );
    assert_eq!(p1["Parameters"]["Subnets"]["Type"], "List<AWS::EC2::Subnet::Id>");
    // Tags read the root's parameter and stack name.
    assert_eq!(
        p1["Resources"]["Vpc"]["Properties"]["Tags"],
        json!([
            {"Key": "Project", "Value": "everything"},
            {"Key": "Env", "Value": {"Ref": "Env"}},
            {"Key": "RootStack", "Value": {"Ref": "RootStackName"}}
        ])
    );

    // Later parts read part 1 through parameters.
    let all: Vec<&Json> = files[1..].iter().map(|(_, t)| t).collect();
    let find = |id: &str| -> &Json {
        all.iter()
            .find(|t| t["Resources"].get(id).is_some())
            .map(|t| &t["Resources"][id])
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(find("Sg")["Properties"]["VpcId"], json!({"Ref": "Vpc"}));
    assert_eq!(
        find("FromLb")["Properties"]["SourceSecurityGroupId"],
        json!({"Fn::Select": [0, {"Ref": "LbSecurityGroups"}]})
    );
    assert_eq!(find("Subscription")["Properties"]["TopicArn"], json!({"Ref": "Topic"}));
    assert_eq!(
        find("Param")["Properties"]["Value"],
        json!({"Ref": "InnerOutputsTopicArn"})
    );
    assert_eq!(find("Queue")["Metadata"]["Vpc"], json!({"Ref": "Vpc"}));
    assert!(find("Late").get("DependsOn").is_none());
    let holder = |id: &str| {
        files
            .iter()
            .find(|(_, t)| t["Resources"].get(id).is_some())
            .map(|(n, _)| n.clone())
    };
    assert_eq!(holder("DelayedQueue"), holder("Capacity"));
    let image_part = holder("Instance").expect("instance");
    let image_part = image_part.trim_end_matches(".template.json");
    assert_eq!(
        file(&files, &format!("{image_part}.template.json"))["Parameters"]["Image"]["Type"],
        "AWS::EC2::Image::Id"
    );
    assert_eq!(
        file(&files, &format!("{image_part}.template.json"))["Parameters"]["Secret"]["NoEcho"],
        true
    );
    // `Late` waited for the VPC: its part waits for part 1.
    let late_part = holder("Late")
        .expect("late")
        .trim_end_matches(".template.json")
        .to_string();
    assert_eq!(root["Resources"][&late_part]["DependsOn"], json!("Part1"));
    // The user's nested stack moved with its part, under the part's path.
    assert!(files.iter().any(|(n, _)| n.ends_with("-Inner.template.json")));
}

#[test]
fn past_max_resources_parts_are_grouped_one_level_deeper() {
    let mut s: Stack = Stack::new();
    s.auto_nest(AutoNest::new().max_resources(3));
    let mut prev: Option<Handle<RawResource>> = None;
    for i in 0..40 {
        let mut q = RawResource::of("AWS::SNS::Topic");
        if let Some(p) = &prev {
            q = q.prop(
                "DisplayName",
                Value::<String>::sub([SubPart::val(p.get_att::<String>("TopicName")), SubPart::lit("x")]),
            );
        }
        prev = Some(s.add(&format!("Topic{i}"), q));
    }
    s.output("Last", Output::new(prev.expect("topics").get_att::<String>("TopicArn")));
    let files = common::emit_for_lint("autonest-levels", &s);
    check(&files, 3);
    let root = file(&files, "template.json");
    assert_eq!(
        root["Resources"]
            .as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(["Parts1to9", "Parts10to14"].map(String::from).to_vec())
    );
    assert!(files
        .iter()
        .any(|(n, _)| n == "Parts1to9-Parts1to3-Part1.template.json"));
    assert_eq!(
        root["Outputs"]["Last"]["Value"],
        json!({"Fn::GetAtt": ["Parts10to14", "Outputs.Topic39TopicArn"]})
    );
}

#[test]
fn a_body_over_the_size_limit_is_split_even_under_the_resource_limit() {
    let mut s: Stack = Stack::new();
    s.auto_nest(AutoNest::new());
    let policy = json!({"Version": "2012-10-17", "Statement": (0..40).map(|i| json!({
        "Sid": format!("Allow{i}"), "Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": "*"
    })).collect::<Vec<_>>()});
    for i in 0..200 {
        s.add(
            &format!("Policy{i}"),
            RawResource::of("AWS::IAM::ManagedPolicy").prop("PolicyDocument", policy.clone()),
        );
    }
    let unsplit = {
        let mut t = s.template().clone();
        t.auto_nest = None;
        cfn::emit::render_unchecked(&t, &AssemblyOptions::default())[0]
            .contents
            .len()
    };
    assert!(unsplit > 1_000_000, "{unsplit}");
    let a = cfn::assemble(&s, &AssemblyOptions::default()).expect("valid");
    assert!(a.files.len() >= 3, "{}", a.files.len());
    assert!(a.files.iter().all(|f| f.contents.len() <= 900_000));
}

#[test]
fn a_forward_reference_in_raw_json_is_reported() {
    let mut s: Stack = Stack::new();
    s.auto_nest(AutoNest::new().max_resources(2));
    s.add(
        "First",
        RawResource::new("AWS::SNS::Topic", json!({"DisplayName": {"Ref": "Third"}})),
    );
    s.add("Second", RawResource::of("AWS::SNS::Topic"));
    s.add("Third", RawResource::of("AWS::SNS::Topic"));
    let d = cfn::validate(&s);
    assert_eq!(
        d.iter().map(|x| (x.code, x.path.as_str())).collect::<Vec<_>>(),
        [("auto-nest", "Resources/First")],
        "{d:?}"
    );
    assert!(d[0].help.contains("before `First`"));
}

#[test]
fn parts_stay_under_the_parameter_and_output_limits() {
    // Twenty topics, then twenty subscriptions each reading another topic: with at most three
    // outputs and three parameters per nested stack, the parts are cut (and halved) until every
    // template holds at most three of each.
    let mut s: Stack = Stack::new();
    s.auto_nest(AutoNest::new().max_resources(12).max_parameters(3).max_outputs(3));
    let topics: Vec<Handle<RawResource>> = (0..20)
        .map(|i| s.add(&format!("Topic{i}"), RawResource::of("AWS::SNS::Topic")))
        .collect();
    for (i, t) in topics.iter().enumerate() {
        s.add(
            &format!("Subscription{i}"),
            RawResource::of("AWS::SNS::Subscription")
                .prop("TopicArn", t.id())
                .prop("Protocol", "email")
                .prop("Endpoint", "ops@example.com"),
        );
    }
    let files = common::emit_for_lint("autonest-limits", &s);
    check(&files, 12);
    for (name, t) in &files[1..] {
        let count = |section: &str| t[section].as_object().map_or(0, |o| o.len());
        assert!(
            count("Parameters") <= 3 && count("Outputs") <= 3,
            "{name}: {} parameters, {} outputs",
            count("Parameters"),
            count("Outputs")
        );
    }
    assert!(files.len() > 5, "{}", files.len());
}
