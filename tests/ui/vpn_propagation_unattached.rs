//! Route propagation from a virtual private gateway that is not attached yet: AWS documents that
//! the propagation must depend on the VPN gateway attachment. `VpnGatewayId` takes only what
//! `stack.attach_vpn_gateway` yields.
use cfn::aws::ec2;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let vgw = s.add("VpnGateway", ec2::VpnGateway::new("ipsec.1"));
    s.add("VpnGatewayAttachment", ec2::VpcGatewayAttachment::new(&vpc).vpn_gateway_id(&vgw));
    let rt = s.add("Routes", ec2::RouteTable::new(&vpc));
    s.add("Propagation", ec2::VpnGatewayRoutePropagation::new([rt.id()], vgw.id()));
}
