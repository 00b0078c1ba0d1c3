//! Issue 4, item 7: the seed's PostgreSQL 15.4, written through the safe API. The variant exists
//! but is `#[deprecated]`, its note naming the newest 15.x; a crate that denies warnings (here
//! `deny(deprecated)`, as `-D warnings` does) refuses it. The fix: `PostgresVersion::V15_19`.
#![deny(deprecated)]
use cfn::aws::rds;
use cfn::model::safe::rds::{Engine, PostgresVersion};
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    s.add(
        "RDSInstance",
        rds::DbInstance::with_engine(Engine::postgres(PostgresVersion::V15_4)).db_instance_class("db.t4g.micro"),
    );
}
