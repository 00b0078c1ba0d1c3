//! Issue 4, failure 5: a NAT gateway on an Elastic IP allocated without waiting for the internet
//! gateway's attachment. `NatGateway::allocation_id` takes only an `AttachedAllocationId`; the fix
//! is `stack.nat_gateway("Nat", &igw, &public_subnet)`, which adds both.
use cfn::aws::ec2;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let public = s.add("Public", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24"));
    let eip = s.add("NatAddress", ec2::Eip::new().domain("vpc"));
    s.add("Nat", ec2::NatGateway::new().subnet_id(&public).allocation_id(eip.allocation_id()));
}
