use cfn::prelude::*;

#[derive(Parameters)]
struct Params {
    #[cfn(allowed = ["dev", "staging", "prod"], default = "qa")]
    environment: Value<String>,
}

fn main() {}
