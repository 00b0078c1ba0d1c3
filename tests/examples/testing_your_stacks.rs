//! tests/stack.rs: the tests of a stack, one per kind of test a platform team asks for.
//! `cargo test` runs them; `UPDATE_GOLDEN=1 cargo test` rewrites the golden files.

use cfn::assertions::{Assert, Match};
use cfn::aws::{ec2, efs, s3};
use cfn::prelude::*;
use cfn::rules::{DeletionPolicies, EncryptionAtRest, Naming, NoOpenIngress, RequiredTags};
use cfn::serde_json::json;

/// The stack under test (in a real crate: `my_infra::storage_stack()`).
pub fn stack() -> Stack {
    let mut s: Stack = Stack::new();
    // Policies, declared once: `validate` (and so every emission) enforces them.
    s.enforce(RequiredTags::new(["Environment", "Project", "ManagedBy"]))
        .enforce(Naming::must_reference("EnvironmentSuffix"))
        .enforce(NoOpenIngress::except_ports([443]))
        .enforce(EncryptionAtRest::new())
        .enforce(DeletionPolicies::stateful());
    let suffix = s.parameter(
        "EnvironmentSuffix",
        Parameter::string().pattern("^[a-z0-9-]+$").default("dev"),
    );
    let env = s.parameter(
        "Environment",
        Parameter::string().allowed(["dev", "staging", "prod"]).default("dev"),
    );
    s.tag("Environment", env.value())
        .tag("Project", "healthtech")
        .tag("ManagedBy", "cfn");

    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let subnet = s.add(
        "SubnetA",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.0.0/24")
            .availability_zone(Value::select(0, Value::<Vec<String>>::azs(""))),
    );
    let web = s.add(
        "WebSg",
        ec2::SecurityGroup::new("public HTTPS")
            .vpc_id(&vpc)
            .group_name(sub!("web-${suffix}", suffix = &suffix))
            .security_group_ingress([Port::tcp(443).ingress_from_cidr("0.0.0.0/0")]),
    );
    let files = s.add_with(
        "Files",
        efs::FileSystem::new().encrypted(true),
        Attributes::new().retain_data(Policy::Retain),
    );
    s.mount(&files, &[&subnet], &web);
    let assets = s.add_with(
        "Assets",
        s3::Bucket::new().bucket_name(sub!("assets-${suffix}", suffix = &suffix)),
        Attributes::new().retain_data(Policy::Retain),
    );
    // An exception, with its reason: kept in the template's Metadata for reviewers.
    s.waive(
        &assets,
        "encryption-at-rest",
        "public images; S3 encrypts new objects with SSE-S3",
    );
    s.output(
        "AssetsBucket",
        Output::new(assets.id())
            .description("Bucket of public images")
            .export(sub!("${AWS::StackName}-AssetsBucket")),
    );
    s
}

#[test]
fn the_template_is_valid() {
    // Validates (policies included) and parses; a failure lists every diagnostic.
    Assert::stack(&stack()).has_no_warnings();
}

#[test]
fn parameters() {
    let t = Assert::stack(&stack());
    t.has_parameter(
        "EnvironmentSuffix",
        json!({"Type": "String", "AllowedPattern": "^[a-z0-9-]+$"}),
    );
    t.has_parameter("Environment", json!({"AllowedValues": ["dev", "staging", "prod"]}));
}

#[test]
fn names_carry_the_environment_suffix() {
    Assert::stack(&stack()).every_name_references("EnvironmentSuffix");
}

#[test]
fn every_resource_is_tagged() {
    Assert::stack(&stack()).every_resource_tagged(["Environment", "Project", "ManagedBy"]);
}

#[test]
fn outputs_are_exported() {
    let t = Assert::stack(&stack());
    t.has_output(
        "AssetsBucket",
        Match::object_like(json!({"Value": {"Ref": "Assets"}})).key("Export", Match::any_value()),
    );
}

#[test]
fn resources() {
    let t = Assert::stack(&stack());
    t.resource_count_is::<efs::MountTarget>(1);
    t.has_resource_properties::<efs::FileSystem>(json!({"Encrypted": true}));
    t.has_resource_properties::<ec2::SecurityGroup>(Match::object_like(json!({})).key(
        "SecurityGroupIngress",
        Match::array_with(json!([{"CidrIp": "0.0.0.0/0", "FromPort": 443}])),
    ));
    t.has_resource::<s3::Bucket>(json!({"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}));
}

#[test]
fn orderings() {
    // Through Ref, GetAtt, Fn::Sub and DependsOn, transitively.
    let t = Assert::stack(&stack());
    t.assert_depends_on("FilesMountTargetSubnetA", "Vpc");
    assert!(!t.depends_on("Files", "WebSg"));
}

#[test]
fn matches_the_reviewed_template() {
    Assert::stack(&stack()).assert_golden("tests/golden/testing_your_stacks");
}
