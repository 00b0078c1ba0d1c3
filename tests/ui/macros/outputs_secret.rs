use cfn::prelude::*;

#[derive(Outputs)]
struct Outs {
    password: Value<SecretString>,
}

fn main() {}
