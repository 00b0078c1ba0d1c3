use cfn::prelude::*;

#[derive(Parameters)]
struct Params {
    #[cfn(pattern = "^[a-z0-9-+$")]
    suffix: Value<String>,
}

fn main() {}
