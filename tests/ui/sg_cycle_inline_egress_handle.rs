//! Issue 15, item 5: inline rules accept a group from outside the template, but not the handle of
//! a group of this one as an egress destination: only `ExternalGroupId` values, which handles and
//! `group_id()` do not convert into. The fix is still `stack.allow`.
use cfn::aws::ec2;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let alb = s.add("AlbSg", ec2::SecurityGroup::new("alb").vpc_id(&vpc));
    s.add(
        "EcsSg",
        ec2::SecurityGroup::new("ecs").vpc_id(&vpc).security_group_egress([
            ec2::security_group::Egress::new("tcp")
                .from_port(8080)
                .to_port(8080)
                .destination_security_group_id(&alb),
        ]),
    );
}
