//! A VPC with public and private subnets over two availability zones, an internet gateway, and
//! ALB/ECS/DB security groups that talk to each other through standalone ingress/egress rules:
//! the fixed form of the security-group cycle from the first failure report. The generated
//! `ec2::SecurityGroup` has no inline group-to-group rule fields, so that cycle cannot be written.
//!
//! `cargo run --example vpc > vpc.json`, or `-- --out-dir out/` for the whole assembly.

use cfn::aws::ec2;
use cfn::prelude::*;

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
        ec2::Vpc::new()
            .cidr_block("10.0.0.0/16")
            .enable_dns_hostnames(true)
            .enable_dns_support(true),
    );
    let igw = s.add("InternetGateway", ec2::InternetGateway::new());
    s.add(
        "GatewayAttachment",
        ec2::VpcGatewayAttachment::new(&vpc).internet_gateway_id(igw.id()),
    );

    let azs = Value::<Vec<String>>::azs("");
    let cidrs = Value::<String>::from("10.0.0.0/16").cidr(4, 8);
    for (i, name) in ["PublicSubnet1", "PublicSubnet2", "PrivateSubnet1", "PrivateSubnet2"]
        .iter()
        .enumerate()
    {
        s.add(
            name,
            ec2::Subnet::new(&vpc)
                .availability_zone(Value::select(i as i64 % 2, azs.clone()))
                .cidr_block(Value::select(i as i64, cidrs.clone())),
        );
    }

    let group = |s: &mut Stack, id: &str, what: &str| {
        s.add(
            id,
            ec2::SecurityGroup::new(format!("{what} security group"))
                .group_name(sub!(
                    "${what}-sg-${suffix}",
                    what = what.to_lowercase(),
                    suffix = suffix.value()
                ))
                .vpc_id(&vpc),
        )
    };
    let alb = group(&mut s, "AlbSecurityGroup", "ALB");
    let ecs = group(&mut s, "EcsSecurityGroup", "ECS");
    let db = group(&mut s, "DbSecurityGroup", "DB");

    // Each pair talks through standalone SecurityGroupEgress/Ingress rules; inline
    // cross-references would form the cycle of the first failure report (and do not compile).
    s.allow(&alb, &ecs, Port::tcp(8080));
    s.allow(&ecs, &db, Port::tcp(5432));

    s.output(
        "VpcId",
        Output::new(vpc.id())
            .description("The VPC")
            .export(sub!("${AWS::StackName}-VpcId")),
    );
    s
}

fn main() -> ExitCode {
    cfn::run(&build())
}
