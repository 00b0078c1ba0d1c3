//! A reference the service database relates: a route's `RouteTableId` takes a route table, so a
//! subnet's handle does not compile (the message names the expected type).
use cfn::aws::ec2;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let subnet = s.add("Subnet", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24"));
    s.add("Route", ec2::Route::new(&subnet).destination_cidr_block("0.0.0.0/0"));
}
