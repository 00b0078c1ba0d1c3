//! Issue 4, failure 5: a route to an internet gateway that may be created before the gateway is
//! attached. `Route::gateway_id` takes only an `AttachedGatewayId`; the fix is
//! `let igw = stack.attach_internet_gateway("InternetGateway", &vpc)` then `igw.gateway_id()`.
use cfn::aws::ec2;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let igw = s.add("InternetGateway", ec2::InternetGateway::new());
    let rt = s.add("PublicRoutes", ec2::RouteTable::new(&vpc));
    s.add(
        "DefaultRoute",
        ec2::Route::new(rt.id())
            .destination_cidr_block("0.0.0.0/0")
            .gateway_id(igw.id()),
    );
}
