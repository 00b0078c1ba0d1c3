use cfn::prelude::*;

#[derive(Parameters)]
struct Params {
    #[cfn(max_length = 3)]
    instances: Value<i64>,
}

fn main() {}
