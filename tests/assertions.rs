//! The assertions API (issue 7, item 1) on an ECS-on-EFS stack: the five kinds of test the seed
//! report asked for, each a few lines; partial matching; dependencies through chains of
//! `DependsOn` and references; nested templates; golden assemblies; and the failure messages,
//! which say what was expected, what was found and where.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};

use cfn::assertions::{Assert, Match, Via};
use cfn::aws::ecs::{service, task_definition};
use cfn::aws::{ec2, ecs, efs, logs, sns};
use cfn::model::safe::security_group::Port;
use cfn::prelude::*;
use serde_json::json;

/// The ECS service on EFS of the seed report: parameters, a condition, stack-wide tags, names
/// carrying `EnvironmentSuffix`, a task definition waiting for the mount targets, outputs.
fn app() -> Stack {
    let mut s: Stack = Stack::new();
    s.description("ECS service on EFS");
    let suffix = s.parameter(
        "EnvironmentSuffix",
        Parameter::string()
            .description("Suffix carried by every resource name")
            .pattern("^[a-z0-9-]+$")
            .default("dev"),
    );
    let env = s.parameter(
        "Environment",
        Parameter::string().allowed(["dev", "staging", "prod"]).default("dev"),
    );
    let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
    s.tag("Environment", env.value())
        .tag("Project", "healthtech")
        .tag("ManagedBy", "cfn");

    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let azs = Value::<Vec<String>>::azs("");
    let a = s.add(
        "SubnetA",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.0.0/24")
            .availability_zone(Value::select(0, azs.clone())),
    );
    let b = s.add(
        "SubnetB",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.1.0/24")
            .availability_zone(Value::select(1, azs)),
    );
    let task_sg = s.add(
        "TaskSg",
        ec2::SecurityGroup::new("tasks")
            .vpc_id(&vpc)
            .group_name(cfn::sub!("tasks-${suffix}", suffix = &suffix)),
    );
    let efs_sg = s.add(
        "EfsSg",
        ec2::SecurityGroup::new("file system")
            .vpc_id(&vpc)
            .group_name(cfn::sub!("efs-${suffix}", suffix = &suffix)),
    );
    s.allow(&task_sg, &efs_sg, Port::tcp(2049));
    let fs = s.add_with(
        "Data",
        efs::FileSystem::new().encrypted(true),
        Attributes::new().retain_data(Policy::Retain),
    );
    let mounted = s.mount(&fs, &[&a, &b], &efs_sg);
    let logs = s.add_with(
        "Logs",
        logs::LogGroup::new()
            .log_group_name(cfn::sub!("/ecs/app-${suffix}", suffix = &suffix))
            .retention_in_days(7),
        Attributes::new().retain_data(Policy::Delete),
    );
    let cluster = s.add(
        "Cluster",
        ecs::Cluster::new().cluster_name(cfn::sub!("app-${suffix}", suffix = &suffix)),
    );
    let task = s.add(
        "Task",
        ecs::TaskDefinition::new()
            .family(cfn::sub!("app-${suffix}", suffix = &suffix))
            .requires_compatibilities([task_definition::RequiresCompatibilities::Fargate])
            .network_mode(task_definition::NetworkMode::Awsvpc)
            .cpu("256")
            .memory("512")
            .container_definitions([task_definition::ContainerDefinition::new("nginx:1.27", "web")
                .essential(true)
                .log_configuration(task_definition::LogConfiguration::new("awslogs").options([
                    ("awslogs-group", logs.id().cast_unchecked::<String>()),
                    ("awslogs-region", Pseudo::region()),
                    ("awslogs-stream-prefix", Value::from("web")),
                ]))
                .mount_points([task_definition::MountPoint::new()
                    .source_volume("data")
                    .container_path("/usr/share/nginx/html")])])
            .volumes([mounted.volume("data")]),
    );
    let svc = s.add(
        "Service",
        ecs::Service::new()
            .service_name(cfn::sub!("app-${suffix}", suffix = &suffix))
            .cluster(cluster.id())
            .task_definition(task.id())
            .launch_type(service::LaunchType::Fargate)
            .desired_count(2)
            .network_configuration(
                service::NetworkConfiguration::new().awsvpc_configuration(
                    service::AwsVpcConfiguration::new()
                        .subnets([&a, &b])
                        .security_groups([&task_sg]),
                ),
            ),
    );
    s.output(
        "ServiceName",
        Output::new(svc.name_attr())
            .description("The ECS service's name")
            .export(cfn::sub!("${AWS::StackName}-ServiceName")),
    );
    s.output(
        "ClusterArn",
        Output::new(cluster.arn())
            .description("The cluster's ARN")
            .condition(&prod),
    );
    s
}

/// The panic message of `f`.
fn panic_message(f: impl FnOnce()) -> String {
    let err = catch_unwind(AssertUnwindSafe(f)).expect_err("the assertion fails");
    err.downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

// ---- the five kinds of test of the seed report ------------------------------------------------

#[test]
fn template_validity() {
    let t = Assert::stack(&app()); // validates (every diagnostic listed on failure) and parses
    t.has_no_warnings();
    assert_eq!(t.json()["AWSTemplateFormatVersion"], "2010-09-09");
    common::emit_for_lint("assertions-app", &app());
}

#[test]
fn parameters() {
    let t = Assert::stack(&app());
    t.has_parameter(
        "EnvironmentSuffix",
        json!({"Type": "String", "AllowedPattern": "^[a-z0-9-]+$"}),
    );
    t.has_parameter(
        "Environment",
        json!({"AllowedValues": ["dev", "staging", "prod"], "Default": "dev"}),
    );
    assert_eq!(t.parameters().len(), 2);
}

#[test]
fn naming_convention() {
    let t = Assert::stack(&app());
    t.every_name_references("EnvironmentSuffix");
    assert_eq!(t.names().len(), 6, "{:?}", t.names()); // 2 groups, log group, cluster, task, service
}

#[test]
fn tag_compliance() {
    Assert::stack(&app()).every_resource_tagged(["Environment", "Project", "ManagedBy"]);
}

#[test]
fn outputs() {
    let t = Assert::stack(&app());
    t.has_output(
        "ServiceName",
        json!({"Value": {"Fn::GetAtt": ["Service", "Name"]}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-ServiceName"}}}),
    );
    t.has_output(
        "ClusterArn",
        Match::object_like(json!({})).key("Description", Match::any_value()),
    );
    assert_eq!(t.outputs().len(), 2);
}

#[test]
fn orderings() {
    let t = Assert::stack(&app());
    // Service -Ref-> Task -DependsOn-> each mount target: transitive.
    t.assert_depends_on("Service", "DataMountTargetSubnetA");
    t.assert_depends_on("Service", "DataMountTargetSubnetB");
    assert_eq!(
        t.dependency_chain("Service", "DataMountTargetSubnetA").as_deref(),
        Some("Service -[Ref]-> Task -[DependsOn]-> DataMountTargetSubnetA")
    );
    assert!(t.depends_on("Task", "Logs"));
    assert!(!t.depends_on("DataMountTargetSubnetA", "Service"));
    assert!(t
        .direct_dependencies("DataMountTargetSubnetA")
        .contains(&("EfsSg".to_string(), Via::GetAtt)));
}

// ---- finding and matching resources -----------------------------------------------------------

#[test]
fn resources_by_generated_type() {
    let t = Assert::stack(&app());
    let services = t.resources::<ecs::Service>();
    assert_eq!(services.len(), 1);
    assert_eq!(services[0].logical_id, "Service");
    assert_eq!(services[0].property("DesiredCount"), Some(&json!(2)));
    t.resource_count_is::<ec2::SecurityGroup>(2);
    t.resource_count_is::<efs::MountTarget>(2);
    t.resource_count_is::<sns::Topic>(0);
    assert_eq!(t.resource("Data").json["DeletionPolicy"], "Retain");
    assert!(t.find_resource("Nope").is_none());
}

#[test]
fn partial_matching() {
    let t = Assert::stack(&app());
    t.has_resource_properties::<ecs::Service>(json!({"LaunchType": "FARGATE", "DesiredCount": 2}));
    t.has_resource_properties::<ecs::Service>(
        Match::object_like(json!({"TaskDefinition": {"Ref": "Task"}}))
            .key("ServiceName", Match::any_value())
            .key("HealthCheckGracePeriodSeconds", Match::absent())
            .key(
                "NetworkConfiguration",
                json!({"AwsvpcConfiguration": {"Subnets": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}]}}),
            ),
    );
    t.has_resource_properties::<ecs::TaskDefinition>(Match::object_like(json!({})).key(
        "ContainerDefinitions",
        Match::array_with(json!([{"Image": "nginx:1.27", "Essential": true}])),
    ));
    t.has_resource_properties::<ec2::SecurityGroup>(Match::object_like(json!({"GroupDescription": "tasks"})).key(
        "GroupName",
        Match::object_like(json!({})).key("Fn::Sub", Match::string_like_regexp("^tasks-")),
    ));
    t.has_resource::<ecs::TaskDefinition>(json!({"DependsOn": ["DataMountTargetSubnetA", "DataMountTargetSubnetB"]}));
    t.all_resources_properties::<ec2::Subnet>(json!({"VpcId": {"Ref": "Vpc"}}));
    t.has_resource_properties::<efs::FileSystem>(Match::exact(json!({
        "Encrypted": true,
        "FileSystemTags": [
            {"Key": "Environment", "Value": {"Ref": "Environment"}},
            {"Key": "Project", "Value": "healthtech"},
            {"Key": "ManagedBy", "Value": "cfn"}
        ]
    })));
    assert!(t
        .check_resource_properties::<efs::FileSystem>(Match::exact(json!({"Encrypted": true})))
        .is_err());
    t.has_condition("IsProd", json!({"Fn::Equals": [{"Ref": "Environment"}, "prod"]}));
    assert_eq!(t.tags_of("Vpc")[1], ("Project".to_string(), json!("healthtech")));
}

#[test]
fn matchers_nest_inside_array_with() {
    let t = Assert::stack(&app());
    // Any matcher as an element: a regex inside an object inside the array, `any_value`, `ref_to`.
    t.has_resource_properties::<ecs::TaskDefinition>(
        Match::object_like(json!({})).key(
            "ContainerDefinitions",
            Match::array_with([Match::object_like(json!({"Essential": true}))
                .key("Image", Match::string_like_regexp("^nginx:"))
                .key("MountPoints", Match::array_with([Match::any_value()]))]),
        ),
    );
    t.has_resource_properties::<ecs::Service>(Match::object_like(json!({})).key(
        "NetworkConfiguration",
        Match::object_like(json!({})).key(
            "AwsvpcConfiguration",
            Match::object_like(json!({})).key(
                "Subnets",
                Match::array_with(vec![Match::ref_to("SubnetA"), Match::ref_to("SubnetB")]),
            ),
        ),
    ));
    // A nested matcher that fails says which element it wanted and what the array held.
    let e = t
        .check_resource_properties::<ecs::Service>(Match::object_like(json!({})).key(
            "NetworkConfiguration",
            Match::object_like(json!({})).key(
                "AwsvpcConfiguration",
                Match::object_like(json!({})).key(
                    "Subnets",
                    Match::array_with([Match::ref_to("SubnetB"), Match::ref_to("SubnetA")]),
                ),
            ),
        ))
        .unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("NetworkConfiguration/AwsvpcConfiguration/Subnets")
            && text.contains(r#"an element after index 1 matching {"Ref": "SubnetA"}"#),
        "{text}"
    );
    // Plain JSON still works, and one `Match` is a one-element subsequence.
    let tags = json!([{"Key": "Env", "Value": "dev"}, {"Key": "Team", "Value": "web"}]);
    assert!(Match::array_with(json!({"Key": "Team"})).matches(&tags));
    assert!(Match::array_with(Match::not(Match::object_like(json!({"Key": "Env"})))).matches(&tags));
    assert!(!Match::array_with([Match::exact(json!({"Key": "Team"}))]).matches(&tags));
    assert!(Match::array_with([
        Match::object_like(json!({"Key": "Env"})),
        Match::exact(json!({"Key": "Team", "Value": "web"})),
    ])
    .matches(&tags));
}

// ---- failure messages: expected, found, where ---------------------------------------------------

#[test]
fn a_property_mismatch_names_the_closest_resource_and_the_path() {
    let t = Assert::stack(&app());
    let msg =
        panic_message(|| t.has_resource_properties::<ecs::Service>(json!({"DesiredCount": 3, "LaunchType": "EC2"})));
    let head: Vec<&str> = msg.lines().take(5).collect();
    assert_eq!(
        head,
        [
            "no AWS::ECS::Service in template.json has Properties matching the pattern (1 candidate(s); the closest is `Service`)",
            "  at:       template.json: Resources/Service/Properties/DesiredCount",
            "  expected: 3",
            "  found:    2",
            "  and at template.json: Resources/Service/Properties/LaunchType: expected \"EC2\", found \"FARGATE\"",
        ]
    );
    assert!(
        msg.contains("  | pattern: {\"DesiredCount\": 3, \"LaunchType\": \"EC2\", …}"),
        "{msg}"
    );
    assert!(msg.contains("  | closest, Resources/Service/Properties:"), "{msg}");
    assert!(msg.contains("  |   \"DesiredCount\": 2,"), "{msg}");
}

#[test]
fn failures_of_every_kind_say_what_and_where() {
    let t = Assert::stack(&app());
    let e = t.check_resource_properties::<sns::Topic>(json!({})).unwrap_err();
    assert_eq!(e.message, "template.json has no AWS::SNS::Topic");
    assert!(
        e.context
            .as_deref()
            .unwrap_or("")
            .contains("AWS::EC2::SecurityGroup ×2"),
        "{e}"
    );

    let e = t.check_resource_count_is::<ec2::SecurityGroup>(3).unwrap_err();
    assert_eq!(
        (e.mismatches[0].expected.as_str(), e.mismatches[0].found.as_str()),
        ("3 AWS::EC2::SecurityGroup", "2: TaskSg, EfsSg")
    );

    let e = t.check_output("Missing", json!({})).unwrap_err();
    assert_eq!(e.message, "template.json has no output `Missing`");
    assert_eq!(e.context.as_deref(), Some("outputs: ServiceName, ClusterArn"));

    let e = t
        .check_parameter("Environment", json!({"Default": "prod"}))
        .unwrap_err();
    assert_eq!(e.mismatches[0].at, "template.json: Parameters/Environment/Default");
    assert_eq!(
        (e.mismatches[0].expected.as_str(), e.mismatches[0].found.as_str()),
        ("\"prod\"", "\"dev\"")
    );

    let e = t.check_depends_on("Cluster", "Data").unwrap_err();
    assert_eq!(
        e.to_string(),
        "`Cluster` does not depend on `Data`: CloudFormation may create them in any order\n  at:       template.json: Resources/Cluster\n  expected: a chain of DependsOn/Ref/Fn::GetAtt/Fn::Sub reaching `Data`\n  found:    no dependencies"
    );
    let e = t.check_depends_on("Service", "Nope").unwrap_err();
    assert_eq!(e.message, "template.json has no resource `Nope`");

    let e = t
        .check_all_resources_properties::<ec2::SecurityGroup>(json!({"GroupDescription": "tasks"}))
        .unwrap_err();
    assert!(
        e.message.starts_with("1 of 2 AWS::EC2::SecurityGroup in template.json"),
        "{e}"
    );
    assert_eq!(
        e.mismatches[0].at,
        "template.json: Resources/EfsSg/Properties/GroupDescription"
    );

    let msg = panic_message(|| {
        t.resource("Nope");
    });
    assert!(
        msg.starts_with("template.json has no resource `Nope`\n  at:       template.json: Resources/Nope"),
        "{msg}"
    );
    assert!(msg.contains("  | resources: Vpc, SubnetA, SubnetB, TaskSg"), "{msg}");
}

#[test]
fn tag_and_name_failures_list_every_offender() {
    let mut s = app();
    s.add("Loose", sns::Topic::new().topic_name("alerts"));
    let t = Assert::stack(&s);
    let e = t.check_every_name_references("EnvironmentSuffix").unwrap_err();
    assert_eq!(
        e.message,
        "1 of 7 resource name(s) do not contain the parameter `EnvironmentSuffix`"
    );
    assert_eq!(
        e.mismatches[0],
        cfn::assertions::Mismatch {
            at: "template.json: Resources/Loose/Properties/TopicName".into(),
            expected: "a name containing ${EnvironmentSuffix}".into(),
            found: "\"alerts\"".into(),
        }
    );
    let e = t
        .check_every_resource_tagged(["Environment", "CostCentre"])
        .unwrap_err();
    assert!(e.message.ends_with("taggable resource(s) lack required tags"), "{e}");
    assert_eq!(e.mismatches[0].at, "template.json: Resources/Vpc/Properties/Tags");
    assert_eq!(
        e.mismatches[0].found,
        "tags Environment, Project, ManagedBy (missing CostCentre)"
    );
}

#[test]
fn an_invalid_stack_fails_listing_its_diagnostics() {
    let mut s: Stack = Stack::new();
    s.add("Topic", sns::Topic::new());
    s.add("Topic", sns::Topic::new());
    assert!(Assert::try_stack(&s).is_err());
    let msg = panic_message(|| {
        Assert::stack(&s);
    });
    assert!(
        msg.starts_with("the stack does not validate (1 finding(s)):\nerror[duplicate-id] Topic"),
        "{msg}"
    );
    // `unchecked` still lets a test look at it.
    Assert::unchecked(&s).resource_count_is::<sns::Topic>(1);
}

// ---- nested templates, assemblies, raw JSON ---------------------------------------------------

struct Child;

fn parent() -> Stack {
    let mut child: Stack<Child> = Stack::new();
    let suffix = child.parameter("EnvironmentSuffix", Parameter::string());
    child.add(
        "Alerts",
        sns::Topic::new().topic_name(cfn::sub!("alerts-${s}", s = &suffix)),
    );
    let mut root: Stack = Stack::new();
    let suffix = root.parameter("EnvironmentSuffix", Parameter::string().default("dev"));
    root.tag("Project", "healthtech");
    root.nested(
        "Monitoring",
        child,
        [("EnvironmentSuffix", suffix.value())],
        Attributes::new().retain_data(Policy::Delete),
    );
    root
}

#[test]
fn nested_templates() {
    let t = Assert::stack(&parent());
    t.has_resource_properties_of_type(
        "AWS::CloudFormation::Stack",
        json!({"TemplateURL": "Monitoring.template.json", "Parameters": {"EnvironmentSuffix": {"Ref": "EnvironmentSuffix"}}}),
    );
    let child = t.nested("Monitoring");
    assert_eq!(child.file_name(), "Monitoring.template.json");
    child.has_resource_properties::<sns::Topic>(json!({"TopicName": {"Fn::Sub": "alerts-${EnvironmentSuffix}"}}));
    // The child's topic has no tags of its own: the nested stack's propagate to it.
    assert!(child.tags_of("Alerts").is_empty());
    t.every_resource_tagged(["Project"]);
    t.every_name_references("EnvironmentSuffix");
    assert_eq!(t.templates().len(), 2);
    let e = t.try_nested("Nope").unwrap_err();
    assert_eq!(e.mismatches[0].found, "nested stacks Monitoring");
    common::emit_for_lint("assertions-nested", &parent());
}

#[test]
fn assemblies_and_json_templates() {
    let a = cfn::assemble(&parent(), &AssemblyOptions::default()).expect("valid");
    let t = Assert::assembly(&a);
    t.nested("Monitoring").resource_count_is::<sns::Topic>(1);
    let raw = Assert::template(json!({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"Tags": []}}}}));
    raw.resource_count_of_type_is("AWS::SQS::Queue", 1);
    let e = raw.check_every_resource_tagged(["Env"]).unwrap_err();
    assert_eq!(e.mismatches[0].found, "no tags (missing Env)");
}

// ---- golden assemblies ------------------------------------------------------------------------

#[test]
fn golden_assembly() {
    // `UPDATE_GOLDEN=1 cargo test --test assertions` rewrites tests/golden/assertions/.
    Assert::stack(&parent()).assert_golden("tests/golden/assertions");
}

#[test]
fn golden_mismatches_show_a_unified_diff() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("golden-mismatch");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let t = Assert::stack(&parent());
    let root = t.json().to_string();
    let edited = serde_json::to_string_pretty(t.json())
        .expect("json")
        .replace("\"Default\": \"dev\"", "\"Default\": \"prod\"")
        + "\n";
    std::fs::write(dir.join("template.json"), edited).expect("write");
    std::fs::write(dir.join("Old.template.json"), root).expect("write");
    let e = t.check_golden(&dir).unwrap_err();
    assert_eq!(e.mismatches.len(), 3, "{e}");
    assert!(e.message.ends_with("(3 file(s) differ)"), "{e}");
    assert_eq!(
        (e.mismatches[0].expected.as_str(), e.mismatches[0].found.as_str()),
        ("\"Default\": \"prod\"", "\"Default\": \"dev\"")
    );
    assert!(e.mismatches[0].at.ends_with("template.json:6"), "{e}");
    assert_eq!(e.mismatches[1].found, "no such file");
    assert!(e.mismatches[1].at.ends_with("Monitoring.template.json"), "{e}");
    assert_eq!(e.mismatches[2].found, "a golden file");
    let text = e.to_string();
    assert!(text.contains("  | -      \"Default\": \"prod\""), "{text}");
    assert!(text.contains("  | +      \"Default\": \"dev\""), "{text}");
    assert!(text.contains("  | @@ -3,"), "{text}");
    assert!(text.contains("rerun with UPDATE_GOLDEN=1"), "{text}");
}

// ---- the README's example test file -----------------------------------------------------------

/// The complete test file README.md shows under "Testing your stacks", compiled and run here.
#[path = "examples/testing_your_stacks.rs"]
mod readme_example;

#[test]
fn the_readme_shows_the_example_test_file_verbatim() {
    let readme = include_str!("../README.md");
    let example = include_str!("examples/testing_your_stacks.rs");
    assert!(
        readme.contains(example),
        "README.md's \"Testing your stacks\" must hold tests/examples/testing_your_stacks.rs verbatim"
    );
    common::emit_for_lint("assertions-readme-example", &readme_example::stack());
}

#[test]
fn assembled_dynamic_references_allow_only_a_secret_of_the_same_template() {
    let own = json!({"Resources": {
        "DbSecret": {"Type": "AWS::SecretsManager::Secret", "Properties": {}},
        "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {
            "MasterUserPassword": {"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:password::}}"},
            "MasterUsername": {"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "DbSecret"}, ":SecretString:username::}}"]]}
        }}
    }});
    Assert::template(own).no_assembled_dynamic_references();
    // A parameter, as in the seed's failure, or a Ref to something else, is still refused.
    let param = json!({"Parameters": {"DbSecret": {"Type": "String"}}, "Resources": {
        "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {
            "MasterUserPassword": {"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:password::}}"}
        }}
    }});
    assert!(Assert::template(param).check_no_assembled_dynamic_references().is_err());
    let trailing = json!({"Resources": {
        "DbSecret": {"Type": "AWS::SecretsManager::Secret", "Properties": {}},
        "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {
            "MasterUserPassword": {"Fn::Sub": "{{resolve:secretsmanager:${DbSecret}:SecretString:${AWS::Region}::}}"}
        }}
    }});
    assert!(Assert::template(trailing)
        .check_no_assembled_dynamic_references()
        .is_err());
}
