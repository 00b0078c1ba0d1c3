use cfn::prelude::*;

#[derive(Parameters)]
struct Params {
    #[cfn(default = "two")]
    instances: Value<i64>,
}

fn main() {}
