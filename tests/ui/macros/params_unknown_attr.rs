use cfn::prelude::*;

#[derive(Parameters)]
struct Params {
    #[cfn(allowed_values = ["dev", "prod"])]
    environment: Value<String>,
}

fn main() {}
