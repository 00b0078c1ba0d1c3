//! Handles carry their stack's marker type: code written for one stack's resources does not
//! accept another stack's handle (values cross stacks through nested-stack parameters, outputs
//! or exports).
use cfn::prelude::*;

struct Network;
struct App;

/// Adds a subnet to the network stack, in the VPC of that stack.
fn subnet(s: &mut Stack<Network>, vpc: &Handle<RawResource, Network>) {
    s.add(
        "Subnet",
        RawResource::of("AWS::EC2::Subnet").prop("VpcId", vpc.id()).prop("CidrBlock", "10.0.0.0/24"),
    );
}

fn main() {
    let mut network: Stack<Network> = Stack::new();
    let mut app: Stack<App> = Stack::new();
    let vpc = app.add("Vpc", RawResource::of("AWS::EC2::VPC").prop("CidrBlock", "10.0.0.0/16"));
    subnet(&mut network, &vpc);
}
