//! Issue 15, item 5: an inline rule may name a group from outside the template by name
//! (`ExternalGroupName::external`), but not a group of this template: its `Ref` would make the
//! groups depend on each other. The fix is `stack.allow(&from, &to, Port::tcp(…))`.
use cfn::aws::ec2;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let alb = s.add("AlbSg", ec2::SecurityGroup::new("alb").vpc_id(&vpc));
    s.add(
        "EcsSg",
        ec2::SecurityGroup::new("ecs").vpc_id(&vpc).security_group_ingress([
            ec2::security_group::Ingress::new("tcp")
                .from_port(8080)
                .to_port(8080)
                .source_security_group_name(alb.id()),
        ]),
    );
}
