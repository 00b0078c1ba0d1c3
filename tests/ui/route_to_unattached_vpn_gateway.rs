//! A route to a virtual private gateway that is not attached yet fails like one to a detached
//! internet gateway: `GatewayId` takes only what `stack.attach_vpn_gateway` yields.
use cfn::aws::ec2;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let vgw = s.add("VpnGateway", ec2::VpnGateway::new("ipsec.1"));
    let rt = s.add("Routes", ec2::RouteTable::new(&vpc));
    s.add(
        "OnPremises",
        ec2::Route::new(&rt).destination_cidr_block("192.168.0.0/16").gateway_id(vgw.id()),
    );
}
