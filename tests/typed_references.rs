//! Typed references across services (the CDK service database's relationships): README's
//! example compiles, emits what CloudFormation expects, and lints clean.

mod common;

#[path = "examples/typed_references.rs"]
mod example;

use cfn::assertions::Assert;
use serde_json::json;

#[test]
fn handles_go_where_their_references_are_meant() {
    let t = Assert::stack(&example::stack());
    t.has_resource_properties::<cfn::aws::ec2::Route>(json!({"RouteTableId": {"Ref": "Routes"}}));
    t.has_resource_properties::<cfn::aws::ecs::Service>(json!({
        "Cluster": {"Ref": "Cluster"},
        "TaskDefinition": {"Ref": "Task"}
    }));
    t.has_resource_properties::<cfn::aws::rds::DbInstance>(json!({
        "DBSubnetGroupName": {"Ref": "DbSubnets"},
        "KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}
    }));
    t.has_resource_properties::<cfn::aws::ecs::TaskDefinition>(json!({
        "ExecutionRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]}
    }));
    // The route to the VPN gateway waits for its attachment.
    t.assert_depends_on("OnPremises", "VpnGatewayAttachment");
    common::emit_for_lint("typed-references", &example::stack());
}

#[test]
fn the_readme_shows_the_example_verbatim() {
    let readme = include_str!("../README.md");
    let body = include_str!("examples/typed_references.rs");
    let start = body.find("pub fn stack").unwrap_or(0);
    assert!(
        readme.contains(&body[start..]),
        "README.md's \"Typed references\" must hold tests/examples/typed_references.rs from `pub fn stack` on"
    );
}
