//! An SSM parameter name's `:` suffix selects a version, which is a number: `:latest` is refused
//! at compile time by `ssm_name!` (under `cargo check` too).
use cfn::prelude::*;

fn main() {
    let _ = DynamicRef::ssm(ssm_name!("/app/db/endpoint:latest"));
}
