//! A VPC with public and private subnets and three security groups that talk to each other
//! through standalone ingress/egress rules: the fixed form of the security-group cycle from the
//! first failure report. (Written against `RawResource` until the generated types land.)
//!
//! `cargo run --example vpc > vpc.json`, or `-- --out-dir out/` for the whole assembly.

use cfn::prelude::*;
use serde_json::json;

/// Builds the stack.
pub fn build() -> Stack {
    let mut s: Stack = Stack::new();
    s.description("VPC with two public and two private subnets and ALB/ECS/DB security groups");
    let suffix = s.parameter(
        "EnvironmentSuffix",
        Parameter::string()
            .description("Suffix carried by every resource name")
            .pattern("^[a-z0-9-]+$")
            .default("dev"),
    );
    s.tag("Project", "example");
    s.tag("Environment", suffix.value());

    let vpc = s.add(
        "Vpc",
        RawResource::new(
            "AWS::EC2::VPC",
            json!({"CidrBlock": "10.0.0.0/16", "EnableDnsHostnames": true, "EnableDnsSupport": true}),
        )
        .tagging(Tagging::List("Tags")),
    );
    let azs = Value::<Vec<String>>::azs("");
    let cidrs = Value::<String>::from("10.0.0.0/16").cidr(4, 8);
    for (i, name) in ["PublicSubnet1", "PublicSubnet2", "PrivateSubnet1", "PrivateSubnet2"]
        .iter()
        .enumerate()
    {
        let az: Value<String> = Value::select(i as i64 % 2, azs.clone());
        let cidr: Value<String> = Value::select(i as i64, cidrs.clone());
        s.add(
            name,
            RawResource::of("AWS::EC2::Subnet")
                .prop("VpcId", vpc.id())
                .prop("AvailabilityZone", az)
                .prop("CidrBlock", cidr)
                .tagging(Tagging::List("Tags")),
        );
    }

    let group = |s: &mut Stack, id: &str, what: &str| {
        let name = Value::<String>::sub([
            SubPart::lit(format!("{}-sg-", what.to_lowercase())),
            SubPart::val(suffix.value()),
        ]);
        s.add(
            id,
            RawResource::of("AWS::EC2::SecurityGroup")
                .prop("GroupName", name)
                .prop("GroupDescription", format!("{what} security group"))
                .prop("VpcId", vpc.id())
                .tagging(Tagging::List("Tags")),
        )
    };
    let alb = group(&mut s, "AlbSecurityGroup", "ALB");
    let ecs = group(&mut s, "EcsSecurityGroup", "ECS");
    let db = group(&mut s, "DbSecurityGroup", "DB");

    // Each pair talks through standalone rules; inline cross-references would form a cycle.
    let rule = |s: &mut Stack,
                id: &str,
                ty: &str,
                group: &Handle<RawResource>,
                peer_key: &str,
                peer: &Handle<RawResource>,
                port: i64| {
        s.add(
            id,
            RawResource::of(ty)
                .prop("GroupId", group.get_att::<String>("GroupId"))
                .prop("IpProtocol", "tcp")
                .prop("FromPort", port)
                .prop("ToPort", port)
                .prop(peer_key.to_string(), peer.get_att::<String>("GroupId"))
                .prop("Description", format!("{id} on port {port}")),
        );
    };
    rule(
        &mut s,
        "AlbToEcsEgress",
        "AWS::EC2::SecurityGroupEgress",
        &alb,
        "DestinationSecurityGroupId",
        &ecs,
        8080,
    );
    rule(
        &mut s,
        "EcsFromAlbIngress",
        "AWS::EC2::SecurityGroupIngress",
        &ecs,
        "SourceSecurityGroupId",
        &alb,
        8080,
    );
    rule(
        &mut s,
        "EcsToDbEgress",
        "AWS::EC2::SecurityGroupEgress",
        &ecs,
        "DestinationSecurityGroupId",
        &db,
        5432,
    );
    rule(
        &mut s,
        "DbFromEcsIngress",
        "AWS::EC2::SecurityGroupIngress",
        &db,
        "SourceSecurityGroupId",
        &ecs,
        5432,
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
    s
}

fn main() -> std::process::ExitCode {
    cfn::run(&build())
}
