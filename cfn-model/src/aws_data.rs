//! Data the CloudFormation schemas hold besides resource types, generated from the pinned
//! cfn-lint wheel into `aws_data/` (never edited by hand), and the lookups over it.
//!
//! [`rds_versions`]: the RDS engine versions of `AWS::RDS::DBInstance` and `AWS::RDS::DBCluster`,
//! which ones are deprecated, and a typed enum per engine ([`rds_versions::PostgresVersion`], …)
//! used by [`Engine`] and [`ClusterEngine`]. `validate` checks literal `Engine`/`EngineVersion`
//! pairs of any route (generated types, `RawResource`, raw JSON) with
//! [`rds_engine_version_status`].
//!
//! [`orderings`]: every ordering AWS's documentation demands (the CDK service database's
//! documentation sentences, curated in `cfn-codegen/data/orderings.json`), what each governs and
//! waits for, and how the library enforces it; `validate` runs each row's check.
//!
//! The schema set has no per-region version data: cfn-lint's version files are region-agnostic,
//! and the per-region provider schemas of both resource types are one and the same file. Whether
//! a version is offered in a particular region (the seed's eu-south-1) cannot be told from it, so
//! nothing here is pinned to a region.
//!
//! ```
//! use cfn_model::aws_data::{rds_engine_version_status, EngineVersionStatus};
//!
//! let s = rds_engine_version_status("AWS::RDS::DBInstance", "postgres", "15.4");
//! let EngineVersionStatus::Deprecated(fix) = s else { panic!("15.4 is deprecated") };
//! assert_eq!(fix.newest_of_major, Some("15.19"));
//! assert_eq!(fix.safe_api, Some("Engine::postgres(PostgresVersion::V15_19)"));
//! ```

pub mod orderings;
pub mod rds_versions;

/// An engine and one of its versions, for `AWS::RDS::DBInstance`: built by the constructors
/// generated per engine (`Engine::postgres(PostgresVersion::V15_19)`), so the version always
/// belongs to the engine.
///
/// ```
/// use cfn_model::aws_data::Engine;
/// use cfn_model::aws_data::rds_versions::PostgresVersion;
///
/// let e = Engine::postgres(PostgresVersion::V15_19);
/// assert_eq!((e.name(), e.version()), ("postgres", "15.19"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Engine {
    engine: &'static str,
    version: &'static str,
}

impl Engine {
    /// The `Engine` value (`postgres`).
    pub const fn name(&self) -> &'static str {
        self.engine
    }

    /// The `EngineVersion` value (`15.19`).
    pub const fn version(&self) -> &'static str {
        self.version
    }
}

/// An engine and one of its versions, for `AWS::RDS::DBCluster` (Aurora MySQL and PostgreSQL,
/// and Multi-AZ DB clusters of MySQL and PostgreSQL): `ClusterEngine::aurora_postgresql(…)`.
///
/// ```
/// use cfn_model::aws_data::ClusterEngine;
/// use cfn_model::aws_data::rds_versions::AuroraPostgresqlVersion;
///
/// let e = ClusterEngine::aurora_postgresql(AuroraPostgresqlVersion::V16_8);
/// assert_eq!((e.name(), e.version()), ("aurora-postgresql", "16.8"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClusterEngine {
    engine: &'static str,
    version: &'static str,
}

impl ClusterEngine {
    /// The `Engine` value (`aurora-postgresql`).
    pub const fn name(&self) -> &'static str {
        self.engine
    }

    /// The `EngineVersion` value (`16.8`).
    pub const fn version(&self) -> &'static str {
        self.version
    }
}

/// One engine's version table of one resource type (generated).
#[derive(Debug)]
pub struct EngineVersions {
    /// The engine, lowercase (`postgres`).
    pub engine: &'static str,
    /// Every version the data lists, oldest first: (version, its major, deprecated).
    pub versions: &'static [(&'static str, &'static str, bool)],
    /// Per major, oldest first, the newest version that is not deprecated (`None`: every version
    /// of that major is deprecated).
    pub majors: &'static [Major],
}

/// A major version and its newest offered minor (generated).
#[derive(Debug)]
pub struct Major {
    /// `15`, `8.0`, `9.6`.
    pub major: &'static str,
    /// `15.19`.
    pub newest: Option<&'static str>,
    /// The newest version in the safe API: `Engine::postgres(PostgresVersion::V15_19)` (for
    /// `AWS::RDS::DBCluster`, `ClusterEngine::…`).
    pub safe_api: Option<&'static str>,
}

/// What the data says about an `Engine`/`EngineVersion` pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineVersionStatus {
    /// The version is listed and not deprecated.
    Offered,
    /// Nothing to check: not an RDS type with version data, or an engine the data lists no
    /// versions for (Oracle, Custom for Oracle).
    Unchecked,
    /// The resource type does not accept this engine at all.
    UnknownEngine {
        /// The engines it accepts.
        engines: &'static [&'static str],
    },
    /// The version is listed as deprecated: RDS no longer creates databases with it.
    Deprecated(Suggestion),
    /// The version is not listed for the engine at all.
    Unknown(Suggestion),
}

/// What to use instead of a deprecated or unknown version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The major version of the version asked for (`15`).
    pub major: String,
    /// The newest offered minor of that major (`15.19`), if the major exists and has one left.
    pub newest_of_major: Option<&'static str>,
    /// The newest offered version of the engine.
    pub newest: Option<&'static str>,
    /// The suggested version (the newest of the major, else the newest) in the safe API:
    /// `Engine::postgres(PostgresVersion::V15_19)`.
    pub safe_api: Option<&'static str>,
}

/// The major version `version` of `engine` belongs to: PostgreSQL (and Aurora PostgreSQL) from
/// 10 on count majors by the first number (`15.4` → `15`); every other engine, and PostgreSQL 9,
/// by the first two (`8.0.35` → `8.0`, `9.6.22` → `9.6`, `15.00.4073.23.v1` → `15.00`). A suffix
/// after `-` (`11.22-rds.20240418`, `16.4-limitless`) belongs to the minor.
pub fn rds_major_version(engine: &str, version: &str) -> String {
    let base = version.split('-').next().unwrap_or(version);
    let mut parts = base.split('.');
    let first = parts.next().unwrap_or("");
    let postgres = engine.eq_ignore_ascii_case("postgres") || engine.eq_ignore_ascii_case("aurora-postgresql");
    match parts.next() {
        Some(second) if !(postgres && first.parse::<u32>().is_ok_and(|n| n >= 10)) => format!("{first}.{second}"),
        _ => first.to_string(),
    }
}

fn tables(type_name: &str) -> Option<(&'static [&'static str], &'static [EngineVersions])> {
    match type_name {
        "AWS::RDS::DBInstance" => Some((rds_versions::DB_INSTANCE_ENGINES, rds_versions::DB_INSTANCE)),
        "AWS::RDS::DBCluster" => Some((rds_versions::DB_CLUSTER_ENGINES, rds_versions::DB_CLUSTER)),
        _ => None,
    }
}

/// Checks an `Engine`/`EngineVersion` pair of `type_name` (`AWS::RDS::DBInstance` or
/// `AWS::RDS::DBCluster`) against the version tables. The engine is compared case-insensitively,
/// as CloudFormation does.
pub fn rds_engine_version_status(type_name: &str, engine: &str, version: &str) -> EngineVersionStatus {
    let Some((engines, tables)) = tables(type_name) else {
        return EngineVersionStatus::Unchecked;
    };
    let engine = engine.to_ascii_lowercase();
    if !engines.contains(&engine.as_str()) {
        return EngineVersionStatus::UnknownEngine { engines };
    }
    let Some(table) = tables.iter().find(|t| t.engine == engine) else {
        return EngineVersionStatus::Unchecked;
    };
    let suggest = |major: &str| {
        let of_major = table.majors.iter().find(|m| m.major == major && m.newest.is_some());
        let newest = table.majors.iter().rev().find(|m| m.newest.is_some());
        Suggestion {
            major: major.to_string(),
            newest_of_major: of_major.and_then(|m| m.newest),
            newest: newest.and_then(|m| m.newest),
            safe_api: of_major.or(newest).and_then(|m| m.safe_api),
        }
    };
    match table.versions.iter().find(|(v, _, _)| *v == version) {
        Some((_, _, false)) => EngineVersionStatus::Offered,
        Some((_, major, true)) => EngineVersionStatus::Deprecated(suggest(major)),
        None => EngineVersionStatus::Unknown(suggest(&rds_major_version(&engine, version))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written major rule agrees with the generator's on every row of the data.
    #[test]
    fn major_rule_matches_the_generated_rows() {
        for t in rds_versions::DB_INSTANCE.iter().chain(rds_versions::DB_CLUSTER) {
            for (v, major, _) in t.versions {
                assert_eq!(rds_major_version(t.engine, v), *major, "{} {v}", t.engine);
            }
        }
    }

    #[test]
    fn statuses() {
        use EngineVersionStatus::*;
        let i = "AWS::RDS::DBInstance";
        assert_eq!(rds_engine_version_status(i, "postgres", "15.19"), Offered);
        assert_eq!(rds_engine_version_status(i, "Postgres", "15.19"), Offered);
        let Deprecated(s) = rds_engine_version_status(i, "postgres", "15.4") else {
            panic!("15.4 is deprecated in the data")
        };
        assert_eq!((s.major.as_str(), s.newest_of_major), ("15", Some("15.19")));
        assert_eq!(s.safe_api, Some("Engine::postgres(PostgresVersion::V15_19)"));
        let Unknown(s) = rds_engine_version_status(i, "postgres", "15.99") else {
            panic!("15.99 is not in the data")
        };
        assert_eq!(s.newest_of_major, Some("15.19"));
        let Deprecated(s) = rds_engine_version_status(i, "postgres", "10.4") else {
            panic!("10.4 is deprecated in the data")
        };
        assert_eq!(s.newest_of_major, None);
        assert_eq!(s.newest, Some("18.6"));
        assert_eq!(s.safe_api, Some("Engine::postgres(PostgresVersion::V18_6)"));
        assert!(matches!(
            rds_engine_version_status(i, "postgresql", "15.19"),
            UnknownEngine { .. }
        ));
        assert_eq!(
            rds_engine_version_status(i, "oracle-ee", "19.0.0.0.ru-2024-01.rur-2024-01.r1"),
            Unchecked
        );
        assert_eq!(rds_engine_version_status("AWS::SNS::Topic", "x", "y"), Unchecked);
        let Deprecated(s) = rds_engine_version_status("AWS::RDS::DBCluster", "aurora-mysql", "8.0.mysql_aurora.3.02.0")
        else {
            panic!("aurora-mysql 3.02.0 is deprecated in the data")
        };
        assert_eq!(s.newest_of_major, Some("8.0.mysql_aurora.3.13.0"));
        assert_eq!(
            s.safe_api,
            Some("ClusterEngine::aurora_mysql(AuroraMysqlVersion::V8_0MysqlAurora3_13_0)")
        );
    }
}
