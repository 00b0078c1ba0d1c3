use cfn::prelude::*;

#[derive(Parameters)]
struct Params {
    #[cfn(min_length = "3")]
    suffix: Value<String>,
}

fn main() {}
