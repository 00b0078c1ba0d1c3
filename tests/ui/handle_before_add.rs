//! A reference can only point at a resource that already exists: the handle comes from
//! `Stack::add`, so a resource added later cannot be referenced (and a cycle cannot be written).
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let sg = s.add(
        "WebSecurityGroup",
        RawResource::of("AWS::EC2::SecurityGroup")
            .prop("GroupDescription", "web")
            .prop("VpcId", vpc.id()),
    );
    let vpc = s.add("Vpc", RawResource::of("AWS::EC2::VPC").prop("CidrBlock", "10.0.0.0/16"));
    let _ = (sg, vpc);
}
