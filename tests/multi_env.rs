//! The multi-env example (`examples/multi-env/`): its whole assembly against the golden copy in
//! `tests/golden/multi-env/` (`UPDATE_GOLDEN=1` rewrites it), cfn-lint on every file, and the
//! properties the failure reports name, checked on the emitted JSON.

mod common;

#[path = "../examples/multi-env/stacks/mod.rs"]
mod stacks;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cfn::model::{Tagging, Template};
use cfn::AssemblyOptions;
use serde_json::{json, Value as Json};

/// The assembly as `cargo run --example multi-env -- --out-dir DIR` writes it: (file, JSON).
fn files() -> Vec<(String, Json)> {
    let a = cfn::assemble(&stacks::assembly(), &AssemblyOptions::default()).expect("the example validates");
    assert!(a.warnings.is_empty(), "validate warns: {:?}", a.warnings);
    a.files
        .iter()
        .map(|f| {
            (
                f.name.clone(),
                serde_json::from_str(&f.contents).expect("emitted JSON parses"),
            )
        })
        .collect()
}

/// The template of the child `name` (`"Data"`, …), or the root for `"template"`.
fn template<'a>(files: &'a [(String, Json)], name: &str) -> &'a Json {
    let file = if name == "template" {
        "template.json".to_string()
    } else {
        format!("{name}.template.json")
    };
    match files.iter().find(|(n, _)| *n == file) {
        Some((_, t)) => t,
        None => panic!("no {file} in the assembly"),
    }
}

const CHILDREN: [&str; 5] = ["Network", "Data", "Storage", "Compute", "Monitoring"];

// ---- golden copy, determinism, the runner ----------------------------------------------------

/// Compares `actual` with `tests/golden/multi-env/<name>`; `UPDATE_GOLDEN=1` writes it instead.
#[track_caller]
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/multi-env")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("golden dir")).expect("create tests/golden/multi-env");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}\nrun `UPDATE_GOLDEN=1 cargo test --test multi_env` to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the emitted template at line {}:\n- {}\n+ {}\nif the change is intended, run `UPDATE_GOLDEN=1 cargo test --test multi_env` and review the diff",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("<end of file>"),
            actual.lines().nth(line).unwrap_or("<end of file>"),
        );
    }
}

#[test]
fn the_whole_assembly_matches_the_golden_copy() {
    let a = cfn::assemble(&stacks::assembly(), &AssemblyOptions::default()).expect("valid");
    let names: Vec<&str> = a.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "template.json",
            "Network.template.json",
            "Data.template.json",
            "Storage.template.json",
            "Compute.template.json",
            "Monitoring.template.json"
        ]
    );
    for f in &a.files {
        golden(&f.name, &f.contents);
    }
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/multi-env");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&golden_dir)
        .expect("golden dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let emitted: BTreeSet<String> = names.iter().map(|n| n.to_string()).collect();
    assert_eq!(on_disk, emitted, "stale files in {}", golden_dir.display());
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

// ---- cfn-lint --------------------------------------------------------------------------------

/// The pinned cfn-lint `scripts/cfn-lint.sh` installs, if it is there.
fn cfn_lint() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/venv/bin/cfn-lint");
    p.exists().then_some(p)
}

#[test]
fn cfn_lint_finds_nothing_in_any_file() {
    // Written under target/cfn-lint/multi-env/ for scripts/test.sh too, with absolute
    // TemplateURLs (the packaged form; cfn-lint warns on relative ones, W3002).
    common::emit_for_lint("multi-env", &stacks::assembly());
    let dir = common::lint_dir().join("multi-env");
    let mut templates: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("lint dir")
        .map(|e| e.expect("entry").path())
        .collect();
    templates.sort();
    assert_eq!(templates.len(), 6);
    if std::env::var_os("CFN_LINT_SKIP").is_some_and(|v| v == "1") {
        eprintln!("cfn-lint: skipped because CFN_LINT_SKIP=1 (templates were NOT checked)");
        return;
    }
    let Some(lint) = cfn_lint() else {
        eprintln!(
            "cfn-lint: not installed in target/venv; `bash scripts/test.sh` installs it and lints {}",
            dir.display()
        );
        return;
    };
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

// ---- what the reports name -------------------------------------------------------------------

/// Every template of the model with the path of its file: the root, then the children.
fn templates_of(t: &Template, file: String, out: &mut Vec<(String, Template)>) {
    out.push((file.clone(), t.clone()));
    for (id, r) in &t.resources {
        if let Some(child) = &r.nested {
            templates_of(child, format!("{id}.template.json"), out);
        }
    }
}

/// The tags on `resource` (a list of `{Key, Value}` or a map) under its tagging property.
fn tags_of(resource: &Json, tagging: Tagging) -> Vec<(String, Json)> {
    match tagging {
        Tagging::None => Vec::new(),
        Tagging::List(p) => resource["Properties"][p]
            .as_array()
            .map(|l| {
                l.iter()
                    .map(|t| (t["Key"].as_str().unwrap_or_default().to_string(), t["Value"].clone()))
                    .collect()
            })
            .unwrap_or_default(),
        Tagging::Map(p) => resource["Properties"][p]
            .as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default(),
    }
}

#[test]
fn every_taggable_resource_carries_the_stack_tags() {
    let files = files();
    let mut model = Vec::new();
    templates_of(stacks::assembly().template(), "template.json".into(), &mut model);
    let mut checked = 0;
    for (file, t) in &model {
        let emitted = &files.iter().find(|(n, _)| n == file).expect("file").1;
        for (id, r) in &t.resources {
            if r.tagging == Tagging::None {
                continue;
            }
            let tags = tags_of(&emitted["Resources"][&**id], r.tagging);
            let get = |k: &str| tags.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
            assert_eq!(get("Environment"), Some(json!({"Ref": "Environment"})), "{file} {id}");
            assert_eq!(get("Project"), Some(json!("healthtech")), "{file} {id}");
            assert_eq!(get("ManagedBy"), Some(json!("cfn")), "{file} {id}");
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} taggable resources");
}

/// The properties that name a resource.
const NAME_PROPERTIES: [&str; 12] = [
    "AlarmName",
    "AliasName",
    "ClusterName",
    "DBInstanceIdentifier",
    "DBSubnetGroupName",
    "Family",
    "GroupName",
    "LogGroupName",
    "Name",
    "RoleName",
    "ServiceName",
    "TopicName",
];

/// Taggable types that carry no Name tag here, and why.
const NAMED_OTHERWISE: [(&str, &str); 4] = [
    (
        "AWS::CloudFormation::Stack",
        "nested stacks are named after the root stack",
    ),
    (
        "AWS::ElasticLoadBalancingV2::Listener",
        "a listener is known by its load balancer and port",
    ),
    (
        "AWS::EC2::InternetGateway",
        "`stack.attach_internet_gateway` adds the gateway with the stack-wide tags only",
    ),
    (
        "AWS::EC2::EIP",
        "`stack.nat_gateway_with` adds the NAT gateway's Elastic IP with the stack-wide tags only",
    ),
];

/// True when `v` interpolates the `EnvironmentSuffix` parameter.
fn carries_suffix(v: &Json) -> bool {
    v == &json!({"Ref": "EnvironmentSuffix"})
        || v["Fn::Sub"]
            .as_str()
            .is_some_and(|s| s.contains("${EnvironmentSuffix}"))
}

#[test]
fn every_resource_name_carries_the_environment_suffix() {
    let files = files();
    let mut model = Vec::new();
    templates_of(stacks::assembly().template(), "template.json".into(), &mut model);
    let mut named = 0;
    for (file, t) in &model {
        let emitted = &files.iter().find(|(n, _)| n == file).expect("file").1;
        for (id, r) in &t.resources {
            let res = &emitted["Resources"][&**id];
            // A name property holding another resource's `Ref` (an instance's `DBSubnetGroupName`)
            // names that resource, which is checked on its own.
            let names: Vec<&str> = NAME_PROPERTIES
                .iter()
                .copied()
                .filter(|p| {
                    let v = &res["Properties"][*p];
                    !v.is_null() && !v["Ref"].as_str().is_some_and(|r| t.resources.contains_key(r))
                })
                .collect();
            for p in &names {
                assert!(
                    carries_suffix(&res["Properties"][*p]),
                    "{file} {id}.{p} = {} lacks ${{EnvironmentSuffix}}",
                    res["Properties"][*p]
                );
            }
            let name_tag = tags_of(res, r.tagging).into_iter().find(|(k, _)| k == "Name");
            if let Some((_, v)) = &name_tag {
                assert!(
                    carries_suffix(v),
                    "{file} {id}: Name tag {v} lacks ${{EnvironmentSuffix}}"
                );
            }
            // A taggable resource without a name property is named by its Name tag, but for
            // the types that are named otherwise (see `NAMED_OTHERWISE`).
            let exempt = NAMED_OTHERWISE.iter().any(|(ty, _)| r.type_name == *ty);
            if r.tagging != Tagging::None && names.is_empty() && !exempt {
                assert!(name_tag.is_some(), "{file} {id} ({}) has no name", r.type_name);
            }
            if !names.is_empty() || name_tag.is_some() {
                named += 1;
            }
        }
    }
    assert!(named >= 30, "only {named} named resources");
}

#[test]
fn the_root_passes_every_parameter_every_child_declares() {
    let files = files();
    let root = template(&files, "template");
    for child in CHILDREN {
        let declared = template(&files, child)["Parameters"].as_object().expect("parameters");
        for (name, p) in declared {
            assert!(
                p.get("Default").is_none(),
                "{child}.{name} has a default: the root must pass it"
            );
        }
        let passed = root["Resources"][child]["Properties"]["Parameters"]
            .as_object()
            .expect("passed parameters");
        let declared: BTreeSet<&String> = declared.keys().collect();
        let passed: BTreeSet<&String> = passed.keys().collect();
        assert_eq!(passed, declared, "{child}");
    }
    // Every child reads the suffix and the environment from the root's parameters.
    for child in CHILDREN {
        let passed = &root["Resources"][child]["Properties"]["Parameters"];
        assert_eq!(
            passed["EnvironmentSuffix"],
            json!({"Ref": "EnvironmentSuffix"}),
            "{child}"
        );
        assert_eq!(passed["Environment"], json!({"Ref": "Environment"}), "{child}");
    }
    let params = &root["Parameters"];
    assert_eq!(params["EnvironmentSuffix"]["AllowedPattern"], "^[a-z0-9][a-z0-9-]*$");
    assert!(
        params["EnvironmentSuffix"].get("Default").is_none(),
        "the suffix is chosen at deploy time"
    );
    assert_eq!(
        params["Environment"]["AllowedValues"],
        json!(["dev", "staging", "prod"])
    );
}

#[test]
fn the_settings_table_has_every_environment_and_the_children_read_it() {
    let files = files();
    let root = template(&files, "template");
    let table = root["Mappings"]["EnvironmentSettings"].as_object().expect("mapping");
    assert_eq!(table.keys().collect::<Vec<_>>(), ["dev", "staging", "prod"]);
    let columns: Vec<&String> = table["dev"].as_object().expect("row").keys().collect();
    for row in table.values() {
        assert_eq!(row.as_object().expect("row").keys().collect::<Vec<_>>(), columns);
    }
    assert_eq!(table["prod"]["DbInstanceClass"], "db.m6g.large");
    assert_eq!(
        root["Resources"]["Data"]["Properties"]["Parameters"]["DbInstanceClass"],
        json!({"Fn::FindInMap": ["EnvironmentSettings", {"Ref": "Environment"}, "DbInstanceClass"]})
    );
    assert_eq!(
        root["Resources"]["Compute"]["Properties"]["Parameters"]["DesiredCount"],
        json!({"Fn::FindInMap": ["EnvironmentSettings", {"Ref": "Environment"}, "DesiredCount"]})
    );
}

#[test]
fn outputs_exist_and_are_exported() {
    let files = files();
    let root = template(&files, "template");
    let outputs = root["Outputs"].as_object().expect("outputs");
    let names: Vec<&str> = outputs.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
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
            "AlarmTopicArn"
        ]
    );
    for (name, o) in outputs {
        assert_eq!(
            o["Export"]["Name"],
            json!({"Fn::Sub": format!("${{AWS::StackName}}-{name}")})
        );
        assert!(o["Description"].is_string(), "{name}");
    }
    // Every `Fn::GetAtt Child.Outputs.X` the root reads is an output the child declares.
    let mut reads = Vec::new();
    collect_get_atts(root, &mut reads);
    assert!(reads.len() > 30, "{}", reads.len());
    for (child, attribute) in reads {
        let output = attribute.strip_prefix("Outputs.").expect("a nested-stack output");
        assert!(
            template(&files, &child)["Outputs"].get(output).is_some(),
            "{child} does not declare {output}"
        );
    }
}

fn collect_get_atts(v: &Json, out: &mut Vec<(String, String)>) {
    match v {
        Json::Object(m) => {
            if let Some(Json::Array(a)) = m.get("Fn::GetAtt") {
                if let [Json::String(r), Json::String(at)] = a.as_slice() {
                    out.push((r.clone(), at.clone()));
                }
            }
            m.values().for_each(|x| collect_get_atts(x, out));
        }
        Json::Array(a) => a.iter().for_each(|x| collect_get_atts(x, out)),
        _ => {}
    }
}

#[test]
fn multi_az_and_the_other_production_settings_follow_is_production() {
    let files = files();
    let is_production = json!({"Fn::Equals": [{"Ref": "Environment"}, "prod"]});
    let yes_in_production = json!({"Fn::If": ["IsProduction", true, false]});

    let data = template(&files, "Data");
    assert_eq!(data["Conditions"]["IsProduction"], is_production);
    let db = &data["Resources"]["Database"];
    assert_eq!(db["Properties"]["MultiAZ"], yes_in_production);
    assert_eq!(db["Properties"]["DeletionProtection"], yes_in_production);
    assert_eq!(db["DeletionPolicy"], "Snapshot");
    assert_eq!(db["UpdateReplacePolicy"], "Snapshot");
    assert_eq!(db["Properties"]["StorageEncrypted"], true);
    assert_eq!(
        db["Properties"]["KmsKeyId"],
        json!({"Fn::GetAtt": ["EncryptionKey", "Arn"]})
    );
    assert_eq!(db["Properties"]["Engine"], "postgres");
    assert!(db["Properties"]["EngineVersion"]
        .as_str()
        .is_some_and(|v| v.starts_with("15.")));
    assert_eq!(db["Properties"]["DBSubnetGroupName"], json!({"Ref": "DbSubnetGroup"}));

    let storage = template(&files, "Storage");
    assert_eq!(storage["Conditions"]["IsProduction"], is_production);
    assert_eq!(
        storage["Resources"]["FileSystem"]["Properties"]["BackupPolicy"]["Status"],
        json!({"Fn::If": ["IsProduction", "ENABLED", "DISABLED"]})
    );
    let compute = template(&files, "Compute");
    assert_eq!(compute["Conditions"]["IsProduction"], is_production);
    assert_eq!(
        compute["Resources"]["LoadBalancer"]["Properties"]["LoadBalancerAttributes"][0],
        json!({"Key": "deletion_protection.enabled", "Value": {"Fn::If": ["IsProduction", "true", "false"]}})
    );
}

#[test]
fn the_service_waits_for_the_listener_and_every_mount_target() {
    let files = files();
    let compute = template(&files, "Compute");
    let r = &compute["Resources"];
    // The listener: the service's load balancer entry holds the target group the listener
    // forwards to, and the service depends on the listener.
    assert_eq!(r["Service"]["DependsOn"], json!("HttpListener"));
    assert_eq!(
        r["Service"]["Properties"]["LoadBalancers"][0]["TargetGroupArn"],
        json!({"Ref": "TargetGroup"})
    );
    assert_eq!(
        r["HttpListener"]["Properties"]["DefaultActions"][0]["TargetGroupArn"],
        json!({"Ref": "TargetGroup"})
    );
    assert_eq!(
        r["Service"]["Properties"]["TaskDefinition"],
        json!({"Ref": "TaskDefinition"})
    );
    // The mount targets: the task definition mounts the file system the compute stack receives…
    let efs = &r["TaskDefinition"]["Properties"]["Volumes"][0]["EFSVolumeConfiguration"];
    assert_eq!(efs["FilesystemId"], json!({"Ref": "FileSystemId"}));
    assert_eq!(efs["TransitEncryption"], "ENABLED");
    assert_eq!(
        efs["AuthorizationConfig"]["AccessPointId"],
        json!({"Ref": "AccessPointId"})
    );
    // …which the root fills from the storage stack's output, so CloudFormation creates the
    // compute stack once the storage stack (every mount target) is complete…
    let root = template(&files, "template");
    assert_eq!(
        root["Resources"]["Compute"]["Properties"]["Parameters"]["FileSystemId"],
        json!({"Fn::GetAtt": ["Storage", "Outputs.FileSystemId"]})
    );
    // …whose output is the file system, with a mount target in each private subnet.
    let storage = template(&files, "Storage");
    assert_eq!(
        storage["Outputs"]["FileSystemId"]["Value"],
        json!({"Ref": "FileSystem"})
    );
    let mount_targets: Vec<(&String, &Json)> = storage["Resources"]
        .as_object()
        .expect("resources")
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::EFS::MountTarget")
        .collect();
    let subnets: Vec<&Json> = mount_targets
        .iter()
        .map(|(_, r)| &r["Properties"]["SubnetId"])
        .collect();
    assert_eq!(
        subnets,
        [&json!({"Ref": "PrivateSubnet1"}), &json!({"Ref": "PrivateSubnet2"})]
    );
    for (id, t) in &mount_targets {
        assert_eq!(t["Properties"]["FileSystemId"], json!({"Ref": "FileSystem"}), "{id}");
        assert_eq!(
            t["Properties"]["SecurityGroups"],
            json!([{"Ref": "EfsSecurityGroupId"}]),
            "{id}"
        );
    }
    assert_eq!(
        root["Resources"]["Storage"]["Properties"]["Parameters"]["PrivateSubnet2"],
        json!({"Fn::GetAtt": ["Network", "Outputs.PrivateSubnet2Id"]})
    );
}

#[test]
fn security_groups_talk_only_through_standalone_rules() {
    let files = files();
    for (file, t) in &files {
        for (id, r) in t["Resources"].as_object().expect("resources") {
            if r["Type"] != "AWS::EC2::SecurityGroup" {
                continue;
            }
            for list in ["SecurityGroupIngress", "SecurityGroupEgress"] {
                for rule in r["Properties"][list].as_array().into_iter().flatten() {
                    for peer in [
                        "SourceSecurityGroupId",
                        "SourceSecurityGroupName",
                        "SourceSecurityGroupOwnerId",
                        "DestinationSecurityGroupId",
                    ] {
                        assert!(rule.get(peer).is_none(), "{file} {id}: inline {peer}");
                    }
                }
            }
        }
    }
    let network = template(&files, "Network");
    let r = &network["Resources"];
    for (from, to, port) in [
        ("AlbSecurityGroup", "EcsSecurityGroup", 8080),
        ("EcsSecurityGroup", "DbSecurityGroup", 5432),
        ("EcsSecurityGroup", "EfsSecurityGroup", 2049),
    ] {
        let base = format!("{from}To{to}Tcp{port}");
        let egress = &r[format!("{base}Egress")];
        let ingress = &r[format!("{base}Ingress")];
        assert_eq!(egress["Type"], "AWS::EC2::SecurityGroupEgress");
        assert_eq!(
            egress["Properties"]["GroupId"],
            json!({"Fn::GetAtt": [from, "GroupId"]})
        );
        assert_eq!(
            egress["Properties"]["DestinationSecurityGroupId"],
            json!({"Fn::GetAtt": [to, "GroupId"]})
        );
        assert_eq!(ingress["Type"], "AWS::EC2::SecurityGroupIngress");
        assert_eq!(ingress["Properties"]["GroupId"], json!({"Fn::GetAtt": [to, "GroupId"]}));
        assert_eq!(
            ingress["Properties"]["SourceSecurityGroupId"],
            json!({"Fn::GetAtt": [from, "GroupId"]})
        );
        assert_eq!(ingress["Properties"]["FromPort"], port);
    }
}

#[test]
fn secrets_and_the_endpoint_are_read_from_literal_names() {
    let files = files();
    // No dynamic reference is ever assembled: `{{resolve:` appears only as a whole literal.
    for (file, t) in &files {
        let mut assembled = Vec::new();
        find_assembled_resolve(t, false, &mut assembled);
        assert!(assembled.is_empty(), "{file}: {assembled:?}");
    }
    let data = template(&files, "Data");
    let db = &data["Resources"]["Database"]["Properties"];
    assert_eq!(
        db["MasterUsername"],
        "{{resolve:secretsmanager:healthtech/rds/credentials:SecretString:username}}"
    );
    assert_eq!(
        db["MasterUserPassword"],
        "{{resolve:secretsmanager:healthtech/rds/credentials:SecretString:password}}"
    );
    assert_eq!(
        data["Resources"]["DbEndpointAddress"]["Properties"]["Value"],
        json!({"Fn::GetAtt": ["Database", "Endpoint.Address"]})
    );
    assert_eq!(
        data["Resources"]["DbEndpointAddress"]["Properties"]["Name"],
        json!({"Fn::Sub": "/healthtech/${EnvironmentSuffix}/db/endpoint"})
    );
    let compute = template(&files, "Compute");
    let secrets = &compute["Resources"]["TaskDefinition"]["Properties"]["ContainerDefinitions"][0]["Secrets"];
    assert_eq!(
        secrets,
        &json!([
            {"Name": "DB_USERNAME", "ValueFrom": {"Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:healthtech/rds/credentials:username::"}},
            {"Name": "DB_PASSWORD", "ValueFrom": {"Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:healthtech/rds/credentials:password::"}},
            {"Name": "DB_HOST", "ValueFrom": {"Ref": "DbEndpointParameterArn"}},
            {"Name": "DB_PORT", "ValueFrom": {"Ref": "DbPortParameterArn"}}
        ])
    );
    assert!(
        compute["Resources"]["TaskDefinition"]["Properties"]["ContainerDefinitions"][0]
            .get("Environment")
            .is_none(),
        "no endpoint in plain environment variables"
    );
}

/// Strings containing `{{resolve:` inside `Fn::Sub`/`Fn::Join` (an assembled reference).
fn find_assembled_resolve(v: &Json, inside: bool, out: &mut Vec<String>) {
    match v {
        Json::String(s) if inside && s.contains("{{resolve:") => out.push(s.clone()),
        Json::Object(m) => {
            for (k, x) in m {
                find_assembled_resolve(x, inside || k == "Fn::Sub" || k == "Fn::Join", out);
            }
        }
        Json::Array(a) => a.iter().for_each(|x| find_assembled_resolve(x, inside, out)),
        _ => {}
    }
}

#[test]
fn the_health_check_protocol_matches_its_port_and_every_alarm_notifies() {
    let files = files();
    let monitoring = template(&files, "Monitoring");
    let r = &monitoring["Resources"];
    let config = &r["HealthCheck"]["Properties"]["HealthCheckConfig"];
    assert_eq!(config["Type"], "HTTP");
    assert_eq!(config["Port"], 80);
    assert_eq!(
        config["FullyQualifiedDomainName"],
        json!({"Ref": "LoadBalancerDnsName"})
    );
    // The load balancer serves what the health check asks for.
    let listener = &template(&files, "Compute")["Resources"]["HttpListener"]["Properties"];
    assert_eq!((&listener["Protocol"], &listener["Port"]), (&json!("HTTP"), &json!(80)));

    let alarms: Vec<(&String, &Json)> = r
        .as_object()
        .expect("resources")
        .iter()
        .filter(|(_, x)| x["Type"] == "AWS::CloudWatch::Alarm")
        .collect();
    let metrics: Vec<(&str, &str)> = alarms
        .iter()
        .map(|(_, a)| {
            (
                a["Properties"]["Namespace"].as_str().unwrap_or_default(),
                a["Properties"]["MetricName"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        metrics,
        [
            ("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"),
            ("AWS/ECS", "CPUUtilization"),
            ("AWS/RDS", "CPUUtilization"),
            ("AWS/RDS", "FreeStorageSpace")
        ]
    );
    for (id, a) in alarms {
        assert_eq!(a["Properties"]["AlarmActions"], json!([{"Ref": "AlarmTopic"}]), "{id}");
    }
}
