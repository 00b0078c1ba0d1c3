//! RDS databases whose engine version exists and is not deprecated.
//!
//! [`DbInstance::with_engine`] and [`DbCluster::with_engine`] set `Engine` and `EngineVersion`
//! together from an [`Engine`] (or [`ClusterEngine`]), which only the per-engine constructors
//! build: `Engine::postgres(PostgresVersion::V15_19)`. The version enums are generated from
//! cfn-lint's RDS version tables, so a version that was never offered (`V15_99`) does not compile,
//! and a postgres version cannot be paired with `mysql`.
//!
//! Deprecated versions stay in the enums as `#[deprecated]` variants rather than disappearing:
//! `PostgresVersion::V15_4`, the seed's version, compiles with a warning whose note names the fix
//! ("postgres 15.4 is deprecated; use PostgresVersion::V15_19 (15.19), the newest 15.x"), and
//! with `-D warnings` (or `#![deny(deprecated)]`) it is refused. A missing variant would only say
//! "no variant named `V15_4`", without the fix. `validate` reports the same versions, with the
//! same fix, when they are written as strings through the generated setters, `RawResource` or
//! raw JSON (code `engine-version`).
//!
//! Not covered: engines for which the data lists no versions (Oracle, RDS Custom for Oracle) have
//! no constructor; write them with the generated setters. The data has no per-region tables, so a
//! version offered in one region but not in another (the seed's eu-south-1) cannot be caught; see
//! [`crate::aws_data`].
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::rds;
//! use cfn_model::safe::rds::{Engine, PostgresVersion};
//!
//! let mut s: Stack = Stack::new();
//! let db = s.add(
//!     "Database",
//!     rds::DbInstance::with_engine(Engine::postgres(PostgresVersion::V15_19))
//!         .db_instance_class("db.t4g.micro")
//!         .allocated_storage("20"),
//! );
//! assert_eq!(db.logical_id(), "Database");
//! ```

use crate::aws::rds::{DbCluster, DbInstance};

pub use crate::aws_data::rds_versions::*;
pub use crate::aws_data::{ClusterEngine, Engine};

impl DbInstance {
    /// A new `DbInstance` with `Engine` and `EngineVersion` set from `engine`
    /// (`Engine::postgres(PostgresVersion::V15_19)`).
    pub fn with_engine(engine: Engine) -> DbInstance {
        DbInstance::new().engine(engine.name()).engine_version(engine.version())
    }
}

impl DbCluster {
    /// A new `DbCluster` with `Engine` and `EngineVersion` set from `engine`
    /// (`ClusterEngine::aurora_postgresql(AuroraPostgresqlVersion::V16_8)`).
    pub fn with_engine(engine: ClusterEngine) -> DbCluster {
        DbCluster::new().engine(engine.name()).engine_version(engine.version())
    }
}
