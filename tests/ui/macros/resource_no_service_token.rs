use cfn::prelude::*;

#[derive(Resource)]
#[cfn(type = "Custom::DbSeed")]
struct DbSeed {
    database: Value<String>,
}

fn main() {}
