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
            .nat_gateway_id(nat.gateway().id()),
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

/// Issue 17: a route to a transit gateway waits for its VPC attachment, and VPN route
/// propagation for the VPN gateway's; both through values only the constructs yield. The
/// template goes through cfn-lint (`target/cfn-lint/safe_gateway_transit_vpn`).
#[test]
fn transit_routes_and_vpn_propagation_wait_for_their_attachments() {
    let mut s: Stack = Stack::new();
    s.description("A VPC reaching the corporate network through a transit gateway and a VPN gateway");
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let azs = Value::<Vec<String>>::azs("");
    let a = s.add(
        "PrivateA",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.1.0/24")
            .availability_zone(Value::select(0, azs.clone())),
    );
    let b = s.add(
        "PrivateB",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.2.0/24")
            .availability_zone(Value::select(1, azs)),
    );
    let transit = s.add("Transit", ec2::TransitGateway::new());
    let tgw = s.attach_transit_gateway("TransitAttachment", &transit, &vpc, [a.id(), b.id()]);
    let vgw = s.attach_vpn_gateway("VpnGateway", &vpc, ec2::VpnGateway::new("ipsec.1"));
    let rt = s.add("PrivateRoutes", ec2::RouteTable::new(&vpc));
    for (id, subnet) in [("PrivateARoutes", &a), ("PrivateBRoutes", &b)] {
        s.add(id, ec2::SubnetRouteTableAssociation::new(&rt, subnet));
    }
    s.add(
        "ToCorporate",
        ec2::Route::new(&rt)
            .destination_cidr_block("10.1.0.0/16")
            .transit_gateway_id(tgw.transit_gateway_id()),
    );
    s.add(
        "Propagation",
        ec2::VpnGatewayRoutePropagation::new([rt.id()], vgw.vpn_gateway_id()),
    );

    let t = common::emit_root("safe_gateway_transit_vpn", &s);
    let r = &t["Resources"];
    assert_eq!(r["ToCorporate"]["DependsOn"], json!("TransitAttachment"));
    assert_eq!(
        r["ToCorporate"]["Properties"]["TransitGatewayId"],
        json!({ "Ref": "Transit" })
    );
    assert_eq!(r["Propagation"]["DependsOn"], json!("VpnGatewayAttachment"));
    assert_eq!(
        r["Propagation"]["Properties"]["VpnGatewayId"],
        json!({ "Ref": "VpnGateway" })
    );
    assert_eq!(
        r["TransitAttachment"]["Properties"]["SubnetIds"],
        json!([{ "Ref": "PrivateA" }, { "Ref": "PrivateB" }])
    );
}

/// A transit gateway from outside the stack (shared from a network account) still orders the
/// route on the attachment this stack adds.
#[test]
fn a_shared_transit_gateway_orders_the_route_on_this_stacks_attachment() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let a = s.add("PrivateA", ec2::Subnet::new(&vpc).cidr_block("10.0.1.0/24"));
    let shared = s.parameter("TransitGatewayId", Parameter::<Id<ec2::TransitGateway>>::of());
    let tgw = s.attach_transit_gateway_with("SharedTransitAttachment", &shared, &vpc, [a.id()], |att| {
        att.tags([ec2::transit_gateway_attachment::Tag::new("Name", "corporate")])
    });
    let rt = s.add("Routes", ec2::RouteTable::new(&vpc));
    s.add(
        "ToCorporate",
        ec2::Route::new(&rt)
            .destination_cidr_block("10.1.0.0/16")
            .transit_gateway_id(tgw.transit_gateway_id()),
    );
    let t = common::emit_root("safe_gateway_shared_transit", &s);
    assert_eq!(
        t["Resources"]["ToCorporate"]["DependsOn"],
        json!("SharedTransitAttachment")
    );
    assert_eq!(
        t["Resources"]["ToCorporate"]["Properties"]["TransitGatewayId"],
        json!({ "Ref": "TransitGatewayId" })
    );
    assert_eq!(tgw.attachment().logical_id(), "SharedTransitAttachment");
}

/// One transit gateway attached to two VPCs: each VPC's route waits for its own attachment, and
/// `validate` asks no more (the other VPC's attachment is not its concern).
#[test]
fn two_vpcs_on_one_transit_gateway_each_route_waits_for_its_own_attachment() {
    let mut s: Stack = Stack::new();
    let transit = s.add("Transit", ec2::TransitGateway::new());
    for (name, octet) in [("App", 0), ("Data", 1)] {
        let vpc = s.add(
            &format!("{name}Vpc"),
            ec2::Vpc::new().cidr_block(format!("10.{octet}.0.0/16")),
        );
        let subnet = s.add(
            &format!("{name}Private"),
            ec2::Subnet::new(&vpc).cidr_block(format!("10.{octet}.1.0/24")),
        );
        let tgw = s.attach_transit_gateway(&format!("{name}TransitAttachment"), &transit, &vpc, [&subnet]);
        let rt = s.add(&format!("{name}Routes"), ec2::RouteTable::new(&vpc));
        s.add(
            &format!("{name}ToCorporate"),
            ec2::Route::new(&rt)
                .destination_cidr_block("172.16.0.0/12")
                .transit_gateway_id(tgw.transit_gateway_id()),
        );
    }
    assert_eq!(cfn::validate(&s), []);
    let t = common::emit_root("safe_gateway_two_vpcs_transit", &s);
    assert_eq!(
        t["Resources"]["DataToCorporate"]["DependsOn"],
        json!("DataTransitAttachment")
    );
}

/// Issue 15, item 5: a template being migrated keeps every logical id. Each resource the
/// constructs add takes the id its caller chose, and the ordering and references follow them.
#[test]
fn every_added_resource_takes_the_id_the_caller_chose() {
    use cfn::model::safe::gateway::{GatewayIds, NatGatewayIds};

    let mut s: Stack = Stack::new();
    s.description("Gateways keeping the logical ids of the template they were migrated from");
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let igw = s.attach_internet_gateway_with(GatewayIds::new("Igw", "AttachGateway"), &vpc, |g| {
        g.tags([ec2::internet_gateway::Tag::new("Name", "igw")])
    });
    let public = s.add(
        "PublicSubnet",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.0.0/24")
            .availability_zone(Value::select(0, Value::<Vec<String>>::azs(""))),
    );
    let public_rt = s.add("PublicRoutes", ec2::RouteTable::new(&vpc));
    s.add(
        "PublicDefaultRoute",
        ec2::Route::new(public_rt.id())
            .destination_cidr_block("0.0.0.0/0")
            .gateway_id(igw.gateway_id()),
    );
    let nat = s.nat_gateway_with(
        NatGatewayIds::new("NatGateway1", "NatGateway1EIP"),
        &igw,
        &public,
        |n| n,
        |a| a.tags([ec2::eip::Tag::new("Name", "nat")]),
    );
    let private_rt = s.add("PrivateRoutes", ec2::RouteTable::new(&vpc));
    s.add(
        "PrivateDefaultRoute",
        ec2::Route::new(private_rt.id())
            .destination_cidr_block("0.0.0.0/0")
            .nat_gateway_id(nat.gateway().id()),
    );
    let vgw = s.attach_vpn_gateway(
        GatewayIds::new("VPNGateway", "VPNGatewayAttachment2"),
        &vpc,
        ec2::VpnGateway::new("ipsec.1"),
    );
    s.add(
        "OnPremisesRoute",
        ec2::Route::new(private_rt.id())
            .destination_cidr_block("192.168.0.0/16")
            .gateway_id(vgw.gateway_id()),
    );
    // The short forms still derive their ids.
    let derived = s.attach_vpn_gateway("BackupVpn", &vpc, ec2::VpnGateway::new("ipsec.1"));
    assert_eq!(derived.attachment().logical_id(), "BackupVpnAttachment");

    let t = common::emit_root("safe_gateway_ids", &s);
    let r = &t["Resources"];
    let ids: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    for id in [
        "Igw",
        "AttachGateway",
        "NatGateway1",
        "NatGateway1EIP",
        "VPNGateway",
        "VPNGatewayAttachment2",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    for id in [
        "InternetGateway",
        "IgwAttachment",
        "NatGateway1Address",
        "VPNGatewayAttachment",
    ] {
        assert!(!ids.contains(&id), "{id} should not be derived");
    }
    assert_eq!(
        r["AttachGateway"]["Properties"],
        json!({ "InternetGatewayId": { "Ref": "Igw" }, "VpcId": { "Ref": "Vpc" } })
    );
    assert_eq!(r["Igw"]["Properties"]["Tags"][0]["Value"], json!("igw"));
    for id in ["PublicDefaultRoute", "NatGateway1EIP", "NatGateway1"] {
        assert_eq!(r[id]["DependsOn"], json!("AttachGateway"), "{id}");
    }
    assert_eq!(
        r["PublicDefaultRoute"]["Properties"]["GatewayId"],
        json!({ "Ref": "Igw" })
    );
    assert_eq!(
        r["NatGateway1"]["Properties"]["AllocationId"],
        json!({ "Fn::GetAtt": ["NatGateway1EIP", "AllocationId"] })
    );
    assert_eq!(r["NatGateway1EIP"]["Properties"]["Tags"][0]["Value"], json!("nat"));
    assert_eq!(
        r["PrivateDefaultRoute"]["Properties"]["NatGatewayId"],
        json!({ "Ref": "NatGateway1" })
    );
    assert_eq!(
        r["VPNGatewayAttachment2"]["Properties"],
        json!({ "VpnGatewayId": { "Ref": "VPNGateway" }, "VpcId": { "Ref": "Vpc" } })
    );
    assert_eq!(r["OnPremisesRoute"]["DependsOn"], json!("VPNGatewayAttachment2"));
    assert_eq!(
        r["OnPremisesRoute"]["Properties"]["GatewayId"],
        json!({ "Ref": "VPNGateway" })
    );
}

/// A chosen id that is taken or not a valid logical id is reported like one given to
/// `stack.add`: `duplicate-id` / `logical-id` from `validate`, not a panic.
#[test]
fn a_duplicate_or_invalid_chosen_id_is_reported_like_add() {
    use cfn::model::safe::gateway::{GatewayIds, NatGatewayIds};

    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let igw = s.attach_internet_gateway(GatewayIds::new("Igw", "Vpc"), &vpc);
    let public = s.add("PublicSubnet", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24"));
    s.nat_gateway(NatGatewayIds::new("Nat", "Nat-Address"), &igw, &public);
    let d = cfn::validate(&s);
    let codes: Vec<(&str, &str)> = d.iter().map(|x| (x.code, x.path.as_str())).collect();
    assert!(codes.contains(&("duplicate-id", "Vpc")), "{codes:?}");
    assert!(codes.contains(&("logical-id", "Resources/Nat-Address")), "{codes:?}");
    // The first declaration stays, as with `stack.add`.
    assert_eq!(s.template().resources["Vpc"].type_name, "AWS::EC2::VPC");
}
