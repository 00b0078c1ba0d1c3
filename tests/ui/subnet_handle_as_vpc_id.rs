//! Typed references from the schemas' `format` annotations (issue 3): a subnet's handle where a
//! VPC id is expected does not compile. The fix: pass the VPC's handle (`&vpc`), or
//! `Id::external("vpc-…")` for a VPC this program does not create.
//!
//! The note points into the generated `ec2.rs`; after regenerating, refresh this `.stderr` with
//! `TRYBUILD=overwrite cargo test --test ui`.
use cfn::aws::ec2;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let subnet = s.add("Subnet", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24"));
    s.add("Web", ec2::SecurityGroup::new("web").vpc_id(&subnet));
}
