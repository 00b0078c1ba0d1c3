use cfn::prelude::*;

#[derive(Parameters)]
struct Params {
    environment: String,
}

fn main() {}
