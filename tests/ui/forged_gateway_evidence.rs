//! Issue 17: evidence cannot be forged. An `AttachedGateway` pairs a gateway with *its*
//! attachment; its fields are private, so one cannot be assembled from a gateway and an unrelated
//! attachment (whose `gateway_id()` would then wait for the wrong resource). The fix is
//! `let igw = stack.attach_internet_gateway("InternetGateway", &vpc)`.
use cfn::aws::ec2;
use cfn::model::safe::gateway::AttachedInternetGateway;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let gateway = s.add("InternetGateway", ec2::InternetGateway::new());
    let attachment = s.add("Unrelated", ec2::VpcGatewayAttachment::new(&vpc));
    let forged: AttachedInternetGateway<_> = AttachedInternetGateway { gateway, attachment };
    let _ = forged.gateway_id();
}
