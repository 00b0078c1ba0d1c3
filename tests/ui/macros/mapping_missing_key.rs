use cfn::prelude::*;

#[derive(MappingKey, Clone, Copy)]
enum Environment {
    Dev,
    Staging,
    Prod,
}

#[derive(Mapping)]
#[cfn(key = Environment)]
struct Settings {
    instance_class: &'static str,
}

fn main() {
    let mut s: Stack = Stack::new();
    let _settings = s.mapping_table(|env| match env {
        Environment::Dev => Settings { instance_class: "db.t4g.micro" },
        Environment::Prod => Settings { instance_class: "db.r6g.large" },
    });
}
