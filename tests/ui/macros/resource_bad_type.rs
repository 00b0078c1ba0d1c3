use cfn::prelude::*;

#[derive(Resource)]
#[cfn(type = "Custom::Db Seed")]
struct DbSeed {
    service_token: Value<String>,
}

fn main() {}
