//! Issue 4, failure 1: `allow` takes only groups already added to the stack. A builder value
//! is refused; the fix is `let g = stack.add(…)`, then `stack.allow(&g, …)`.
use cfn::aws::ec2;
use cfn::model::safe::security_group::Port;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let ecs = s.add("EcsSg", ec2::SecurityGroup::new("ecs").vpc_id(&vpc));
    let db = ec2::SecurityGroup::new("db").vpc_id(&vpc);
    s.allow(&ecs, &db, Port::tcp(5432));
}
