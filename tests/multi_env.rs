//! The multi-env example (`examples/multi-env/`), tested with `cfn::assertions`: one test per
//! kind a platform team asks for (template validity, parameters, naming, tags, outputs), the
//! orderings and the failures of the reports. `UPDATE_GOLDEN=1` rewrites `tests/golden/multi-env/`.

mod common;

#[path = "../examples/multi-env/stacks/mod.rs"]
mod stacks;

use std::path::{Path, PathBuf};

use cfn::assertions::{Assert, Match};
use cfn::aws::elasticloadbalancingv2 as elbv2;
use cfn::aws::{cloudformation, cloudwatch, ec2, ecs, efs, rds, route53, sns};
use cfn::model::safe::security_group::Port;
use cfn::AssemblyOptions;
use serde_json::json;

const CHILDREN: [&str; 5] = ["Network", "Data", "Storage", "Compute", "Monitoring"];

/// The assembly, validated (a failure lists every diagnostic, policies included) and emitted.
fn assembly() -> Assert {
    let a = Assert::stack(&stacks::assembly());
    a.has_no_warnings();
    a
}

// ---- template validity: golden copy, determinism, the runner, cfn-lint ----------------------

#[test]
fn the_whole_assembly_matches_the_golden_copy() {
    let a = assembly();
    let files: Vec<String> = a.templates().iter().map(|t| t.file_name().to_string()).collect();
    let children = CHILDREN.iter().map(|c| format!("{c}.template.json"));
    assert_eq!(
        files,
        std::iter::once("template.json".to_string())
            .chain(children)
            .collect::<Vec<_>>()
    );
    a.assert_golden(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/multi-env"));
}

#[test]
fn output_is_deterministic_and_the_runner_prints_the_root_and_writes_every_file() {
    let once = cfn::assemble(&stacks::assembly(), &AssemblyOptions::default()).expect("valid");
    let twice = cfn::assemble(&stacks::assembly(), &AssemblyOptions::default()).expect("valid");
    assert_eq!(once.files, twice.files, "two builds emit the same bytes");

    let dir = std::env::temp_dir().join(format!("cfn-multi-env-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let args = ["--out-dir".to_string(), dir.display().to_string()];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cfn::run_with_args(&stacks::assembly(), &args, &mut out, &mut err);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert_eq!(String::from_utf8(out).expect("utf-8"), once.files[0].contents);
    for f in &once.files {
        let written = std::fs::read_to_string(dir.join(&f.name)).expect("file written");
        assert_eq!(written, f.contents, "{}", f.name);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cfn_lint_finds_nothing_in_any_file() {
    // Written under target/cfn-lint/multi-env/ for scripts/cfn-lint.sh too, with absolute
    // TemplateURLs (the packaged form; cfn-lint warns on relative ones, W3002).
    common::emit_for_lint("multi-env", &stacks::assembly());
    let dir = common::lint_dir().join("multi-env");
    let mut templates: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("lint dir")
        .map(|e| e.expect("entry").path())
        .collect();
    templates.sort();
    assert_eq!(templates.len(), 6);
    let lint = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/venv/bin/cfn-lint");
    if std::env::var_os("CFN_LINT_SKIP").is_some_and(|v| v == "1") || !lint.exists() {
        eprintln!("cfn-lint: skipped (CFN_LINT_SKIP=1 or not in target/venv); templates NOT checked");
        return;
    }
    let out = std::process::Command::new(lint)
        .args(["--format", "parseable", "--include-checks", "I", "--"])
        .args(&templates)
        .output()
        .expect("run cfn-lint");
    let findings = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && findings.trim().is_empty(),
        "cfn-lint findings:\n{findings}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---- policies ---------------------------------------------------------------------------------

#[test]
fn the_root_enforces_the_policies_on_every_stack_and_the_waiver_says_why() {
    // A resource that breaks them, added to the root, is refused.
    let mut s = stacks::assembly();
    s.add(
        "Bastion",
        ec2::SecurityGroup::new("ssh from anywhere")
            .group_name("bastion")
            .security_group_ingress([Port::tcp(22).ingress_from_cidr("0.0.0.0/0")]),
    );
    let codes: Vec<&str> = cfn::validate(&s).iter().map(|d| d.code).collect();
    assert_eq!(codes, ["naming", "open-ingress"]);
    // The one waiver: the alarm topic, unencrypted, with its reason in the template.
    let monitoring = assembly().nested("Monitoring");
    monitoring.has_resource::<sns::Topic>(json!({"Metadata": {"cfn": {"waivers": [{"rule": "encryption-at-rest"}]}}}));
    let reason = &monitoring.resource("AlarmTopic").json["Metadata"]["cfn"]["waivers"][0]["reason"];
    assert!(
        reason
            .as_str()
            .is_some_and(|r| r.starts_with("CloudWatch alarms cannot publish")),
        "{reason}"
    );
}

// ---- parameters -------------------------------------------------------------------------------

#[test]
fn the_root_passes_every_parameter_every_child_declares() {
    let root = assembly();
    root.every_nested_parameter_passed();
    root.has_parameter(
        "EnvironmentSuffix",
        Match::object_like(json!({"AllowedPattern": "^[a-z0-9][a-z0-9-]*$"})).key("Default", Match::absent()),
    );
    root.has_parameter("Environment", json!({"AllowedValues": ["dev", "staging", "prod"]}));
    for child in CHILDREN {
        root.has_resource_properties::<cloudformation::Stack>(json!({
            "TemplateURL": format!("{child}.template.json"),
            "Parameters": {"EnvironmentSuffix": {"Ref": "EnvironmentSuffix"}, "Environment": {"Ref": "Environment"}}
        }));
        // No default in a child: the root decides every value.
        for name in root.nested(child).parameters().keys() {
            root.nested(child)
                .has_parameter(name, Match::object_like(json!({})).key("Default", Match::absent()));
        }
    }
}

#[test]
fn the_settings_table_has_every_environment_and_the_children_read_it() {
    let root = assembly();
    let table = root.mappings()["EnvironmentSettings"].as_object().expect("mapping");
    assert_eq!(table.keys().collect::<Vec<_>>(), ["dev", "staging", "prod"]);
    let columns: Vec<&String> = table["dev"].as_object().expect("row").keys().collect();
    assert!(table
        .values()
        .all(|row| row.as_object().is_some_and(|r| r.keys().eq(columns.iter().copied()))));
    root.has_mapping(
        "EnvironmentSettings",
        json!({"prod": {"DbInstanceClass": "db.m6g.large"}}),
    );
    let find = |column: &str| json!({"Fn::FindInMap": ["EnvironmentSettings", {"Ref": "Environment"}, column]});
    root.has_resource_properties::<cloudformation::Stack>(
        json!({"Parameters": {"DbInstanceClass": find("DbInstanceClass")}}),
    );
    root.has_resource_properties::<cloudformation::Stack>(
        json!({"Parameters": {"DesiredCount": find("DesiredCount")}}),
    );
}

#[test]
fn multi_az_and_the_other_production_settings_follow_the_roots_is_production() {
    let root = assembly();
    root.has_condition("IsProduction", json!({"Fn::Equals": [{"Ref": "Environment"}, "prod"]}));
    let yes = json!({"Fn::If": ["IsProduction", "true", "false"]});
    for child in ["Data", "Storage", "Compute"] {
        let passed = &root.resource(child).json["Properties"]["Parameters"]["Production"];
        assert_eq!(passed, &yes, "{child}");
        let t = root.nested(child);
        t.has_parameter("Production", json!({"AllowedValues": ["true", "false"]}));
        t.has_condition("IsProduction", json!({"Fn::Equals": [{"Ref": "Production"}, "true"]}));
    }
    let in_production = json!({"Fn::If": ["IsProduction", true, false]});
    root.nested("Data").has_resource::<rds::DbInstance>(json!({
        "DeletionPolicy": "Snapshot",
        "UpdateReplacePolicy": "Snapshot",
        "Properties": {
            "MultiAZ": in_production, "DeletionProtection": in_production,
            "Engine": "postgres",
            "StorageEncrypted": true, "KmsKeyId": {"Fn::GetAtt": ["EncryptionKey", "Arn"]},
            "DBSubnetGroupName": {"Ref": "DbSubnetGroup"}
        }
    }));
    root.nested("Data").has_resource_properties::<rds::DbInstance>(
        Match::object_like(json!({})).key("EngineVersion", Match::string_like_regexp(r"^15\.\d+$")),
    );
    root.nested("Storage")
        .has_resource_properties::<efs::FileSystem>(json!({
            "BackupPolicy": {"Status": {"Fn::If": ["IsProduction", "ENABLED", "DISABLED"]}}
        }));
    let protection =
        json!([{"Key": "deletion_protection.enabled", "Value": {"Fn::If": ["IsProduction", "true", "false"]}}]);
    root.nested("Compute").has_resource_properties::<elbv2::LoadBalancer>(
        Match::object_like(json!({})).key("LoadBalancerAttributes", Match::array_with(protection)),
    );
}

// ---- naming and tags --------------------------------------------------------------------------

#[test]
fn every_resource_is_named_with_the_environment_suffix() {
    // Nested stacks are named after the root stack; a listener by its load balancer and port.
    let unnamed = ["AWS::CloudFormation::Stack", "AWS::ElasticLoadBalancingV2::Listener"];
    assembly().every_resource_named("EnvironmentSuffix", &unnamed);
    assembly().every_name_references("EnvironmentSuffix");
    let network = assembly().nested("Network");
    for (ty, name) in [("AWS::EC2::InternetGateway", "igw"), ("AWS::EC2::EIP", "nat-ip")] {
        let tag = json!([{"Key": "Name", "Value": {"Fn::Sub": format!("healthtech-{name}-${{EnvironmentSuffix}}")}}]);
        network.has_resource_properties_of_type(ty, Match::object_like(json!({})).key("Tags", Match::array_with(tag)));
    }
}

#[test]
fn every_taggable_resource_carries_the_stack_tags() {
    assembly().every_resource_tagged_with([
        ("Environment", Match::ref_to("Environment")),
        ("Project", "healthtech".into()),
        ("ManagedBy", "cfn".into()),
    ]);
}

// ---- outputs ----------------------------------------------------------------------------------

#[test]
fn outputs_exist_and_are_exported() {
    let root = assembly();
    let names: Vec<&str> = root.outputs().keys().map(String::as_str).collect();
    let expected = [
        "VpcId",
        "PrivateSubnetIds",
        "ServiceUrl",
        "LoadBalancerDnsName",
        "ClusterName",
        "ServiceName",
        "DbEndpointAddress",
        "DbEndpointPort",
        "DbEndpointParameterName",
        "FileSystemArn",
        "AlarmTopicArn",
    ];
    assert_eq!(names, expected);
    for name in expected {
        let export = json!({"Fn::Sub": format!("${{AWS::StackName}}-{name}")});
        root.has_output(
            name,
            Match::object_like(json!({"Export": {"Name": export}})).key("Description", Match::any_value()),
        );
    }
    // Every `Fn::GetAtt Child.Outputs.X` the root reads is an output the child declares.
    root.every_nested_output_read_exists();
}

// ---- orderings and the failures of the reports ------------------------------------------------

#[test]
fn the_service_waits_for_the_listener_and_every_mount_target() {
    let root = assembly();
    let compute = root.nested("Compute");
    // The listener: the service depends on it, and it forwards to the service's target group.
    compute.has_resource::<ecs::Service>(json!({"DependsOn": "HttpListener", "Properties": {
        "LoadBalancers": [{"TargetGroupArn": {"Ref": "TargetGroup"}}], "TaskDefinition": {"Ref": "TaskDefinition"}
    }}));
    compute.has_resource_properties::<elbv2::Listener>(
        json!({"DefaultActions": [{"TargetGroupArn": {"Ref": "TargetGroup"}}]}),
    );
    compute.assert_depends_on("Service", "HttpListener");
    // The mount targets: the task mounts the file system the root passes from the storage
    // stack's output, so CloudFormation creates Compute once Storage (every mount target) is done.
    compute.has_resource_properties::<ecs::TaskDefinition>(json!({"Volumes": [{"EFSVolumeConfiguration": {
        "FilesystemId": {"Ref": "FileSystemId"}, "TransitEncryption": "ENABLED",
        "AuthorizationConfig": {"AccessPointId": {"Ref": "AccessPointId"}}
    }}]}));
    compute.assert_depends_on("Service", "TaskDefinition");
    root.has_resource_properties::<cloudformation::Stack>(json!({"Parameters": {
        "FileSystemId": {"Fn::GetAtt": ["Storage", "Outputs.FileSystemId"]}
    }}));
    root.assert_depends_on("Compute", "Storage");
    root.assert_depends_on("Storage", "Network");
    let storage = root.nested("Storage");
    storage.has_output("FileSystemId", json!({"Value": {"Ref": "FileSystem"}}));
    storage.resource_count_is::<efs::MountTarget>(2);
    storage.all_resources_properties::<efs::MountTarget>(
        json!({"FileSystemId": {"Ref": "FileSystem"}, "SecurityGroups": [{"Ref": "EfsSecurityGroupId"}]}),
    );
    for subnet in ["PrivateSubnet1", "PrivateSubnet2"] {
        storage.has_resource_properties::<efs::MountTarget>(json!({"SubnetId": {"Ref": subnet}}));
    }
}

#[test]
fn security_groups_talk_only_through_standalone_rules() {
    let network = assembly().nested("Network");
    let no_peer = Match::object_like(json!({}))
        .key("SourceSecurityGroupId", Match::absent())
        .key("SourceSecurityGroupName", Match::absent())
        .key("SourceSecurityGroupOwnerId", Match::absent())
        .key("DestinationSecurityGroupId", Match::absent());
    network.all_resources_properties::<ec2::SecurityGroup>(
        Match::object_like(json!({}))
            .key("SecurityGroupIngress", Match::every_element(no_peer.clone()))
            .key("SecurityGroupEgress", Match::every_element(no_peer)),
    );
    for (from, to, port) in [
        ("AlbSecurityGroup", "EcsSecurityGroup", 8080),
        ("EcsSecurityGroup", "DbSecurityGroup", 5432),
        ("EcsSecurityGroup", "EfsSecurityGroup", 2049),
    ] {
        let (from_id, to_id) = (
            json!({"Fn::GetAtt": [from, "GroupId"]}),
            json!({"Fn::GetAtt": [to, "GroupId"]}),
        );
        let egress = network.resource(&format!("{from}To{to}Tcp{port}Egress"));
        assert_eq!(egress.json["Type"], "AWS::EC2::SecurityGroupEgress");
        network.has_resource_properties::<ec2::SecurityGroupEgress>(
            json!({"GroupId": from_id, "DestinationSecurityGroupId": to_id, "FromPort": port}),
        );
        network.has_resource_properties::<ec2::SecurityGroupIngress>(
            json!({"GroupId": to_id, "SourceSecurityGroupId": from_id, "FromPort": port}),
        );
    }
}

#[test]
fn credentials_are_the_environments_own_secret_and_the_endpoint_is_read_by_name() {
    let root = assembly(); // validated: `assembled-dynamic-ref` would be an error
                           // Only the form `validate` accepts: the Ref of a secret of the same template.
    root.no_assembled_dynamic_references();
    let data = root.nested("Data");
    // The data stack generates the credentials, named per environment, under the stack's key.
    data.has_resource::<cfn::aws::secretsmanager::Secret>(json!({
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            "Name": {"Fn::Sub": "healthtech-db-credentials-${EnvironmentSuffix}"},
            "KmsKeyId": {"Fn::GetAtt": ["EncryptionKey", "Arn"]},
            "GenerateSecretString": {
                "SecretStringTemplate": "{\"username\":\"healthtech\"}",
                "GenerateStringKey": "password",
                "ExcludeCharacters": "\"@/\\ "
            }
        }
    }));
    // RDS reads it through the secret's Ref (its ARN): ordered by the Ref, no DependsOn.
    let secret =
        |key: &str| json!({"Fn::Sub": format!("{{{{resolve:secretsmanager:${{DbSecret}}:SecretString:{key}::}}}}")});
    data.has_resource::<rds::DbInstance>(
        Match::object_like(
            json!({"Properties": {"MasterUsername": secret("username"), "MasterUserPassword": secret("password")}}),
        )
        .key("DependsOn", Match::absent()),
    );
    data.has_output("DbSecretArn", json!({"Value": {"Ref": "DbSecret"}}));
    root.has_resource_properties::<cloudformation::Stack>(json!({"Parameters": {
        "DbSecretArn": {"Fn::GetAtt": ["Data", "Outputs.DbSecretArn"]},
        "KmsKeyArn": {"Fn::GetAtt": ["Data", "Outputs.KmsKeyArn"]}
    }}));
    data.has_resource_properties_of_type(
        "AWS::SSM::Parameter",
        json!({"Name": {"Fn::Sub": "/healthtech/${EnvironmentSuffix}/db/endpoint"},
               "Value": {"Fn::GetAtt": ["Database", "Endpoint.Address"]}}),
    );
    // The task reads the secret by the ARN the data stack passed, at task start.
    let arn = |key: &str| json!({"Fn::Sub": format!("${{DbSecretArn}}:{key}::")});
    let compute = root.nested("Compute");
    compute.has_resource_properties::<ecs::TaskDefinition>(json!({"ContainerDefinitions": [{"Secrets": [
        {"Name": "DB_USERNAME", "ValueFrom": arn("username")},
        {"Name": "DB_PASSWORD", "ValueFrom": arn("password")},
        {"Name": "DB_HOST", "ValueFrom": {"Ref": "DbEndpointParameterArn"}},
        {"Name": "DB_PORT", "ValueFrom": {"Ref": "DbPortParameterArn"}}
    ]}]}));
    // No endpoint or credential in plain environment variables.
    let no_environment = Match::object_like(json!({})).key("Environment", Match::absent());
    compute.all_resources_properties::<ecs::TaskDefinition>(
        Match::object_like(json!({})).key("ContainerDefinitions", Match::every_element(no_environment)),
    );
}

#[test]
fn two_environments_in_one_account_do_not_share_a_secret() {
    // One assembly serves every environment; what differs is `EnvironmentSuffix`. So no secret
    // may be named by a literal: every `{{resolve:secretsmanager:` and every secret ARN comes from
    // the secret the data stack creates with the suffix in its name.
    let root = assembly();
    for t in root.templates() {
        let text = t.json().to_string();
        for (i, _) in text.match_indices("{{resolve:secretsmanager:") {
            let after = &text[i + "{{resolve:secretsmanager:".len()..];
            assert!(
                after.starts_with("${DbSecret}:"),
                "{}: a literal secret: {}",
                t.file_name(),
                &after[..40.min(after.len())]
            );
        }
        assert!(
            !text.contains(":secret:"),
            "{}: a secret ARN built from a name",
            t.file_name()
        );
        assert!(!text.contains("healthtech/rds/credentials"), "{}", t.file_name());
    }
    root.nested("Data").every_name_references("EnvironmentSuffix");
}

#[test]
fn the_health_check_protocol_matches_its_port_and_every_alarm_notifies() {
    let root = assembly();
    let monitoring = root.nested("Monitoring");
    monitoring.has_resource_properties::<route53::HealthCheck>(json!({"HealthCheckConfig": {
        "Type": "HTTP", "Port": 80, "FullyQualifiedDomainName": {"Ref": "LoadBalancerDnsName"}
    }}));
    // The load balancer serves what the health check asks for.
    root.nested("Compute")
        .has_resource_properties::<elbv2::Listener>(json!({"Protocol": "HTTP", "Port": 80}));

    let metrics: Vec<(String, String)> = monitoring
        .resources::<cloudwatch::Alarm>()
        .iter()
        .map(|a| {
            let p = |k: &str| a.property(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            (p("Namespace"), p("MetricName"))
        })
        .collect();
    let expected = [
        ("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"),
        ("AWS/ECS", "CPUUtilization"),
        ("AWS/RDS", "CPUUtilization"),
        ("AWS/RDS", "FreeStorageSpace"),
    ];
    assert_eq!(metrics, expected.map(|(n, m)| (n.to_string(), m.to_string())));
    monitoring.all_resources_properties::<cloudwatch::Alarm>(
        json!({"AlarmActions": [{"Ref": "AlarmTopic"}], "OKActions": [{"Ref": "AlarmTopic"}]}),
    );
}
