//! Issue 4, item 7: RDS engine versions. The seed wrote `Engine: postgres`, `EngineVersion: 15.4`
//! and the deployment failed with "Cannot find version 15.4 for postgres". cfn-lint 1.58.0's data
//! lists 15.4 among postgres's deprecated versions (RDS no longer creates databases with it), so
//! the seed's own version is the one tested here.
//!
//! Refused form: `validate` reports `engine-version` (an error) whichever route wrote it;
//! through the safe API `PostgresVersion::V15_4` is `#[deprecated]` with a note naming
//! `V15_19`, which `deny(deprecated)` refuses (`tests/ui/rds_deprecated_engine_version.rs`).
//! Fixed form: `DbInstance::with_engine(Engine::postgres(PostgresVersion::V15_19))`, whose template
//! goes through cfn-lint (`target/cfn-lint/safe_rds`), which checks engine versions too (E3691,
//! W3691).
//!
//! Not covered, for want of data: the seed's region (eu-south-1). The schema set has no
//! per-region version tables (see `cfn::model::aws_data`).

mod common;

use cfn::aws::rds;
use cfn::model::safe::rds::{AuroraPostgresqlVersion, ClusterEngine, Engine, PostgresVersion};
use cfn::prelude::*;
use serde_json::json;

fn findings(s: &Stack) -> Vec<Diagnostic> {
    let all = cfn::validate(s);
    assert!(
        all.iter().all(|d| d.code == "engine-version"),
        "unexpected findings: {all:?}"
    );
    all
}

/// The seed's instance, written with the plain generated types.
#[test]
fn seed_postgres_15_4_is_refused_naming_the_newest_15() {
    let mut s: Stack = Stack::new();
    s.add(
        "RDSInstance",
        rds::DbInstance::new()
            .engine("postgres")
            .engine_version("15.4")
            .db_instance_class("db.t4g.micro")
            .allocated_storage("20"),
    );
    let d = findings(&s);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].severity, Severity::Error);
    assert_eq!(d[0].path, "Resources/RDSInstance/Properties/EngineVersion");
    assert_eq!(
        d[0].message,
        "the DB instance `RDSInstance` uses postgres 15.4, which is deprecated: RDS no longer creates databases with \
         it (\"Cannot find version 15.4 for postgres\"); the newest 15.x is 15.19"
    );
    assert_eq!(
        d[0].help,
        "write `EngineVersion: \"15.19\"`, or set engine and version together with \
         `with_engine(Engine::postgres(PostgresVersion::V15_19))`"
    );
    // An error: nothing is emitted.
    let e = cfn::to_json(&s).expect_err("a deprecated engine version does not emit");
    assert!(e.has_errors());
}

/// The same through `RawResource` and raw JSON (a number for the version included), for
/// clusters too; a version never offered and an engine the type does not take are refused as well.
#[test]
fn escape_hatches_are_refused_the_same_way() {
    let mut s: Stack = Stack::new();
    s.add(
        "RawSeed",
        RawResource::new(
            "AWS::RDS::DBInstance",
            json!({ "Engine": "postgres", "EngineVersion": 15.4, "DBInstanceClass": "db.t4g.micro" }),
        ),
    );
    s.add(
        "AuroraCluster",
        RawResource::of("AWS::RDS::DBCluster")
            .prop("Engine", "aurora-postgresql")
            .prop("EngineVersion", "15.4"),
    );
    s.add(
        "NeverOffered",
        rds::DbInstance::new().engine("postgres").engine_version("15.99"),
    );
    s.add(
        "EveryMinorGone",
        rds::DbInstance::new().engine("postgres").engine_version("10.4"),
    );
    s.add(
        "MisspeltEngine",
        rds::DbInstance::new().engine("postgresql").engine_version("15.19"),
    );
    // Offered versions, a version from a parameter and an engine without version data: silent.
    s.add(
        "Fine",
        RawResource::new(
            "AWS::RDS::DBInstance",
            json!({ "Engine": "Postgres", "EngineVersion": "15.19" }),
        ),
    );
    let version = s.parameter("DbVersion", Parameter::string());
    s.add(
        "FromParameter",
        rds::DbInstance::new()
            .engine("postgres")
            .engine_version(version.value()),
    );
    s.add(
        "Oracle",
        rds::DbInstance::new()
            .engine("oracle-ee")
            .engine_version("19.0.0.0.ru-2099-01.rur-2099-01.r1"),
    );

    let d = findings(&s);
    let got: Vec<(&str, &str)> = d.iter().map(|d| (d.path.as_str(), d.message.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                "Resources/RawSeed/Properties/EngineVersion",
                "the DB instance `RawSeed` uses postgres 15.4, which is deprecated: RDS no longer creates databases \
                 with it (\"Cannot find version 15.4 for postgres\"); the newest 15.x is 15.19"
            ),
            (
                "Resources/AuroraCluster/Properties/EngineVersion",
                "the DB cluster `AuroraCluster` uses aurora-postgresql 15.4, which is deprecated: RDS no longer creates \
                 databases with it (\"Cannot find version 15.4 for aurora-postgresql\"); the newest 15.x is 15.19"
            ),
            (
                "Resources/NeverOffered/Properties/EngineVersion",
                "the DB instance `NeverOffered` uses postgres 15.99, which is not a version RDS offers for postgres \
                 (cfn-lint's version table lists no such version); the newest 15.x is 15.19"
            ),
            (
                "Resources/EveryMinorGone/Properties/EngineVersion",
                "the DB instance `EveryMinorGone` uses postgres 10.4, which is deprecated: RDS no longer creates \
                 databases with it (\"Cannot find version 10.4 for postgres\"); no postgres 10.x is offered any more; \
                 the newest postgres is 18.6"
            ),
            (
                "Resources/MisspeltEngine/Properties/Engine",
                "the DB instance `MisspeltEngine` uses the engine \"postgresql\", which AWS::RDS::DBInstance does not \
                 offer"
            ),
        ]
    );
    assert!(
        d[1].help
            .contains("`with_engine(ClusterEngine::aurora_postgresql(AuroraPostgresqlVersion::V15_19))`"),
        "{}",
        d[1].help
    );
    assert!(
        d[3].help.contains("Engine::postgres(PostgresVersion::V18_6)"),
        "{}",
        d[3].help
    );
    assert!(
        d[4].help.starts_with("use one of: aurora-mysql, aurora-postgresql,"),
        "{}",
        d[4].help
    );
}

/// The fixed form: engine and version set together from the typed enum.
#[test]
fn safe_postgres_instance_is_lint_clean() {
    let mut s: Stack = Stack::new();
    s.description("PostgreSQL 15 on RDS: the version comes from the typed table, not a guess");
    let password = DynamicRef::secrets_manager(secret_id!("healthtech/rds/credentials")).json_key("password");
    let username = DynamicRef::secrets_manager(secret_id!("healthtech/rds/credentials")).json_key("username");
    s.add_with(
        "RDSInstance",
        rds::DbInstance::with_engine(Engine::postgres(PostgresVersion::V15_19))
            .db_instance_class("db.t4g.micro")
            .allocated_storage("20")
            .storage_encrypted(true)
            .backup_retention_period(7)
            .master_username(username)
            .master_user_password(password.secret()),
        Attributes::new().retain_data(Policy::Snapshot),
    );
    s.add_with(
        "AuroraCluster",
        rds::DbCluster::with_engine(ClusterEngine::aurora_postgresql(AuroraPostgresqlVersion::V16_8))
            .storage_encrypted(true)
            .backup_retention_period(7)
            .manage_master_user_password(true)
            .master_username("app"),
        Attributes::new().retain_data(Policy::Snapshot),
    );
    assert_eq!(cfn::validate(&s), vec![]);

    let t = common::emit_root("safe_rds", &s);
    let p = &t["Resources"]["RDSInstance"]["Properties"];
    assert_eq!(
        (p["Engine"].clone(), p["EngineVersion"].clone()),
        (json!("postgres"), json!("15.19"))
    );
    let c = &t["Resources"]["AuroraCluster"]["Properties"];
    assert_eq!(
        (c["Engine"].clone(), c["EngineVersion"].clone()),
        (json!("aurora-postgresql"), json!("16.8"))
    );
}

/// The typed enums: `as_str`, the deprecated flag, and the constructors pairing engine and version.
#[test]
#[allow(deprecated)]
fn typed_versions() {
    assert_eq!(PostgresVersion::V15_19.as_str(), "15.19");
    assert!(!PostgresVersion::V15_19.is_deprecated());
    assert!(PostgresVersion::V15_4.is_deprecated());
    let e = Engine::postgres(PostgresVersion::V15_4);
    assert_eq!((e.name(), e.version()), ("postgres", "15.4"));
    let mut s: Stack = Stack::new();
    s.add("Old", rds::DbInstance::with_engine(e));
    // The deprecated variant, used anyway with `allow(deprecated)`, is still refused by `validate`.
    assert_eq!(findings(&s).len(), 1);
}
