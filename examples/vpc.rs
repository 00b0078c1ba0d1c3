//! A VPC with public and private subnets over two availability zones, an internet gateway
//! (`stack.attach_internet_gateway`) and the public subnets' default route through it, and
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
    // The gateway and its attachment (`InternetGatewayAttachment`); a route can only take the
    // gateway id this returns, which makes the route wait for the attachment.
    let igw = s.attach_internet_gateway("InternetGateway", &vpc);

    let azs = Value::<Vec<String>>::azs("");
    let cidrs = Value::<String>::from("10.0.0.0/16").cidr(4, 8);
    let mut subnets = Vec::new();
    for (i, name) in ["PublicSubnet1", "PublicSubnet2", "PrivateSubnet1", "PrivateSubnet2"]
        .iter()
        .enumerate()
    {
        subnets.push(
            s.add(
                name,
                ec2::Subnet::new(&vpc)
                    .availability_zone(Value::select(i as i64 % 2, azs.clone()))
                    .cidr_block(Value::select(i as i64, cidrs.clone())),
            ),
        );
    }

    // The public subnets route to the internet through the attached gateway.
    let public_routes = s.add("PublicRouteTable", ec2::RouteTable::new(&vpc));
    s.add(
        "PublicDefaultRoute",
        ec2::Route::new(public_routes.id())
            .destination_cidr_block("0.0.0.0/0")
            .gateway_id(igw.gateway_id()),
    );
    for (i, subnet) in subnets.iter().take(2).enumerate() {
        s.add(
            &format!("PublicSubnet{}RouteTableAssociation", i + 1),
            ec2::SubnetRouteTableAssociation::new(public_routes.id(), subnet),
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
