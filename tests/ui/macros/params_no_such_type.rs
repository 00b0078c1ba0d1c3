use cfn::prelude::*;

#[derive(Parameters)]
struct Params {
    enabled: Value<bool>,
}

fn main() {}
