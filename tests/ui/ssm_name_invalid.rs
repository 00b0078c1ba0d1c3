//! SSM parameter names in dynamic references are checked like secret ids.
use cfn::prelude::*;

fn main() {
    let _ = DynamicRef::ssm(ssm_name!("/app/${Environment}/endpoint"));
}
