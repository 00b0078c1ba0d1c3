use cfn::prelude::*;

#[derive(MappingKey)]
enum Environment {
    Dev,
    Custom(String),
}

fn main() {}
