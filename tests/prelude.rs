//! `use cfn::prelude::*;` alone is enough for a stack program that uses the safe constructs:
//! their types, `ExitCode`, and JSON values through `cfn::serde_json` (no dependency of its own).

use cfn::aws::{ec2, elasticloadbalancingv2 as elbv2, rds, secretsmanager};
use cfn::prelude::*;
use cfn::serde_json::json;

fn program() -> Stack {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let igw: AttachedInternetGateway<Root> = s.attach_internet_gateway("InternetGateway", &vpc);
    let _ = igw.gateway_id();
    let a = s.add("Alb", ec2::SecurityGroup::new("alb").vpc_id(&vpc));
    let b = s.add("App", ec2::SecurityGroup::new("app").vpc_id(&vpc));
    s.allow(&a, &b, Port::tcp(8080));
    let lb = s.add("Lb", elbv2::LoadBalancer::new());
    let tg = s.add(
        "Web",
        elbv2::TargetGroup::new()
            .port(80)
            .protocol(elbv2::target_group::Protocol::Http),
    );
    let _: Listening<Root> = s.listen("Http", &lb, &tg, 80, Protocol::Http);
    let creds: NamedSecret<Root> =
        s.add_named_secret("Creds", secret_id!("app/db/credentials"), secretsmanager::Secret::new());
    s.add_with(
        "Db",
        rds::DbInstance::with_engine(Engine::postgres(PostgresVersion::V15_19))
            .db_instance_class("db.t4g.micro")
            .allocated_storage("20")
            .master_username("app")
            .master_user_password(creds.resolve("password")),
        Attributes::new().retain_data(Policy::Snapshot),
    );
    let _ = ClusterEngine::aurora_postgresql(AuroraPostgresqlVersion::V15_19);
    s.add("Check", HealthCheckTarget::http("example.com").into_health_check());
    s.metadata("Owner", json!({"team": "platform"}));
    s
}

#[test]
fn the_prelude_covers_a_stack_program() {
    let json = cfn::to_json(&program()).expect("valid");
    assert!(json.contains("\"Owner\""), "{json}");
    let code: ExitCode = ExitCode::SUCCESS;
    let _ = code;
}
