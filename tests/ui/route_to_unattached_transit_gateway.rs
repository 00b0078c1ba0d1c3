//! A route to a transit gateway that is not attached to the VPC yet: AWS documents that the route
//! must depend on the `TransitGatewayAttachment`. `TransitGatewayId` takes only what
//! `stack.attach_transit_gateway` yields.
use cfn::aws::ec2;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let private = s.add("Private", ec2::Subnet::new(&vpc).cidr_block("10.0.1.0/24"));
    let transit = s.add("Transit", ec2::TransitGateway::new());
    s.add(
        "TransitAttachment",
        ec2::TransitGatewayAttachment::new([private.id()], &transit, &vpc),
    );
    let rt = s.add("Routes", ec2::RouteTable::new(&vpc));
    s.add(
        "ToCorporate",
        ec2::Route::new(&rt).destination_cidr_block("10.1.0.0/16").transit_gateway_id(&transit),
    );
}
