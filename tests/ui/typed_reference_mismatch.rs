//! A typed reference: the id of a security group is not the id of a VPC. (Setters take
//! `impl IntoValue<T>`, whose message names the expected type.)
use cfn::model::{IntoValue, Props, Resource};
use cfn::prelude::*;

struct Vpc;
impl Resource for Vpc {
    const TYPE_NAME: &'static str = "AWS::EC2::VPC";
    fn into_properties(self) -> Props {
        Props::new()
    }
}

struct SecurityGroup;
impl Resource for SecurityGroup {
    const TYPE_NAME: &'static str = "AWS::EC2::SecurityGroup";
    fn into_properties(self) -> Props {
        Props::new()
    }
}

struct Subnet {
    vpc_id: Value<Id<Vpc>>,
}
impl Subnet {
    fn new(vpc_id: impl IntoValue<Id<Vpc>>) -> Self {
        Subnet { vpc_id: vpc_id.into_value() }
    }
}
impl Resource for Subnet {
    const TYPE_NAME: &'static str = "AWS::EC2::Subnet";
    fn into_properties(self) -> Props {
        let mut p = Props::new();
        p.req("VpcId", self.vpc_id);
        p
    }
}

fn main() {
    let mut s: Stack = Stack::new();
    let _vpc = s.add("Vpc", Vpc);
    let sg = s.add("Group", SecurityGroup);
    s.add("Subnet", Subnet::new(sg.id()));
}
