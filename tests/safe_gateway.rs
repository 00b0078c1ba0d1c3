//! Issue 4, failure 5, fixed: routes to the internet gateway, the NAT gateway and its Elastic IP
//! all wait for the `VPCGatewayAttachment`. The template goes through cfn-lint
//! (`target/cfn-lint/safe_gateway`).

mod common;

use cfn::aws::ec2;
use cfn::prelude::*;
use serde_json::json;

#[test]
fn routes_nat_and_eip_wait_for_the_attachment() {
    let mut s: Stack = Stack::new();
    s.description("Public and private subnets: everything that needs the internet gateway waits for its attachment");
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let igw = s.attach_internet_gateway("InternetGateway", &vpc);
    let azs = Value::<Vec<String>>::azs("");
    let public = s.add(
        "PublicSubnet",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.0.0/24")
            .availability_zone(Value::select(0, azs.clone())),
    );
    let private = s.add(
        "PrivateSubnet",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.1.0/24")
            .availability_zone(Value::select(0, azs)),
    );

    let public_rt = s.add("PublicRoutes", ec2::RouteTable::new(&vpc));
    s.add(
        "PublicDefaultRoute",
        ec2::Route::new(public_rt.id())
            .destination_cidr_block("0.0.0.0/0")
            .gateway_id(igw.gateway_id()),
    );
    s.add(
        "PublicSubnetRoutes",
        ec2::SubnetRouteTableAssociation::new(public_rt.id(), &public),
    );

    let nat = s.nat_gateway("Nat", &igw, &public);
    let private_rt = s.add("PrivateRoutes", ec2::RouteTable::new(&vpc));
    s.add(
        "PrivateDefaultRoute",
        ec2::Route::new(private_rt.id())
            .destination_cidr_block("0.0.0.0/0")
            .nat_gateway_id(nat.gateway.id()),
    );
    s.add(
        "PrivateSubnetRoutes",
        ec2::SubnetRouteTableAssociation::new(private_rt.id(), &private),
    );

    let t = common::emit_root("safe_gateway", &s);
    let r = &t["Resources"];
    assert_eq!(
        r["InternetGatewayAttachment"]["Properties"],
        json!({ "InternetGatewayId": { "Ref": "InternetGateway" }, "VpcId": { "Ref": "Vpc" } })
    );
    for id in ["PublicDefaultRoute", "NatAddress", "Nat"] {
        assert_eq!(r[id]["DependsOn"], json!("InternetGatewayAttachment"), "{id}");
    }
    assert_eq!(
        r["PublicDefaultRoute"]["Properties"]["GatewayId"],
        json!({ "Ref": "InternetGateway" })
    );
    assert_eq!(r["NatAddress"]["Properties"]["Domain"], json!("vpc"));
}
