//! What every stack of the assembly shares: the environment key and its settings table, the
//! naming rule, the stack-wide tags, the production condition and the database user's name.

use cfn::model::safe::rds::{Engine, PostgresVersion};
use cfn::prelude::*;

/// The project: the first word of every resource name and the `Project` tag.
pub const PROJECT: &str = "healthtech";

/// The `ManagedBy` tag.
pub const MANAGED_BY: &str = "cfn";

/// The port the application container listens on (the target group and the ECS security group
/// use it too).
pub const APP_PORT: u16 = 8080;

/// The PostgreSQL port.
pub const DB_PORT: u16 = 5432;

/// PostgreSQL 15.14: offered in eu-south-1, where the failure report's 15.4 no longer was
/// ("Cannot find version 15.4 for postgres"). A typed version: `PostgresVersion::V15_4` is a
/// deprecated variant (refused under `-D warnings`, its note naming the fix) and a version never
/// offered has no variant. `AutoMinorVersionUpgrade` keeps the instance on the newest 15.x.
pub const POSTGRES: Engine = Engine::postgres(PostgresVersion::V15_14);

/// The database's master user name: the `username` of the credentials secret the data stack
/// generates (`{"username": "healthtech", "password": "…"}`).
pub const DB_USERNAME: &str = "healthtech";

/// The characters the generated password leaves out: RDS refuses `/`, `@`, `"` and spaces in a
/// master password; the backslash would need escaping in the secret's JSON and in shells.
pub const DB_PASSWORD_EXCLUDED: &str = "\"@/\\ ";

/// Where a copy of the application runs: the `Environment` parameter and the key of the settings
/// table.
#[derive(MappingKey, Clone, Copy, Debug, PartialEq)]
pub enum Environment {
    /// Development.
    #[cfn(rename = "dev")]
    Dev,
    /// Pre-production.
    #[cfn(rename = "staging")]
    Staging,
    /// Production: Multi-AZ database, deletion protection, EFS backups.
    #[cfn(rename = "prod")]
    Prod,
}

/// Per-environment settings: the `EnvironmentSettings` mapping of the root stack, one row per
/// [`Environment`], read with typed `Fn::FindInMap` accessors.
#[derive(Mapping)]
#[cfn(key = Environment)]
pub struct EnvironmentSettings {
    /// The VPC's IPv4 block (distinct per environment, so the VPCs can be peered).
    pub vpc_cidr: &'static str,
    /// RDS instance class.
    pub db_instance_class: &'static str,
    /// RDS allocated storage in GiB (a string, as `AllocatedStorage` is).
    pub db_allocated_storage: &'static str,
    /// Days RDS keeps automated backups.
    pub db_backup_retention_days: i64,
    /// Fargate task CPU units.
    pub task_cpu: &'static str,
    /// Fargate task memory in MiB.
    pub task_memory: &'static str,
    /// How many tasks the service runs.
    pub desired_count: i64,
    /// Days CloudWatch Logs keeps the application's logs.
    pub log_retention_days: i64,
    /// Load balancer 5xx responses in five minutes that raise the alarm.
    pub alb_5xx_threshold: f64,
    /// Average ECS service CPU (percent) that raises the alarm.
    pub ecs_cpu_threshold: f64,
    /// Average RDS CPU (percent) that raises the alarm.
    pub db_cpu_threshold: f64,
    /// RDS free storage (bytes) below which the alarm is raised.
    pub db_free_storage_threshold: f64,
}

/// The table; the `match` is exhaustive, so an environment without settings does not compile.
pub fn environment_settings(env: Environment) -> EnvironmentSettings {
    const GIB: f64 = 1024.0 * 1024.0 * 1024.0;
    match env {
        Environment::Dev => EnvironmentSettings {
            vpc_cidr: "10.0.0.0/16",
            db_instance_class: "db.t4g.micro",
            db_allocated_storage: "20",
            db_backup_retention_days: 1,
            task_cpu: "256",
            task_memory: "512",
            desired_count: 1,
            log_retention_days: 7,
            alb_5xx_threshold: 50.0,
            ecs_cpu_threshold: 90.0,
            db_cpu_threshold: 90.0,
            db_free_storage_threshold: 2.0 * GIB,
        },
        Environment::Staging => EnvironmentSettings {
            vpc_cidr: "10.1.0.0/16",
            db_instance_class: "db.t4g.medium",
            db_allocated_storage: "50",
            db_backup_retention_days: 7,
            task_cpu: "512",
            task_memory: "1024",
            desired_count: 2,
            log_retention_days: 30,
            alb_5xx_threshold: 20.0,
            ecs_cpu_threshold: 80.0,
            db_cpu_threshold: 80.0,
            db_free_storage_threshold: 5.0 * GIB,
        },
        Environment::Prod => EnvironmentSettings {
            vpc_cidr: "10.2.0.0/16",
            db_instance_class: "db.m6g.large",
            db_allocated_storage: "100",
            db_backup_retention_days: 30,
            task_cpu: "1024",
            task_memory: "2048",
            desired_count: 3,
            log_retention_days: 90,
            alb_5xx_threshold: 10.0,
            ecs_cpu_threshold: 75.0,
            db_cpu_threshold: 75.0,
            db_free_storage_threshold: 10.0 * GIB,
        },
    }
}

/// `healthtech-{what}-${EnvironmentSuffix}`: the name of every resource that has one.
pub fn name(what: &str, suffix: &Value<String>) -> Value<String> {
    sub!(
        "${project}-${what}-${suffix}",
        project = PROJECT,
        what = what.to_string(),
        suffix = suffix
    )
}

/// The stack-wide tags every stack of the assembly puts on each of its taggable resources.
pub fn tag_stack<S>(s: &mut Stack<S>, environment: &Value<Environment>) {
    s.tag("Environment", environment);
    s.tag("Project", PROJECT);
    s.tag("ManagedBy", MANAGED_BY);
}

/// Whether a stack runs with production settings (Multi-AZ and deletion protection, EFS backups,
/// load balancer deletion protection): the `Production` parameter of the children, which the
/// root computes from its own `IsProduction` condition.
#[derive(MappingKey, Clone, Copy, Debug, PartialEq)]
pub enum Production {
    /// Production settings.
    #[cfn(rename = "true")]
    Yes,
    /// Everything else.
    #[cfn(rename = "false")]
    No,
}

/// The root's `IsProduction` (the environment is `prod`) and the value it passes each child as
/// `Production`: `Fn::If [IsProduction, "true", "false"]`. The root decides what production
/// means; conditions do not cross stack boundaries, so the children follow through
/// [`follows_production`].
pub fn is_production<S>(s: &mut Stack<S>, environment: &Value<Environment>) -> Value<Production> {
    let is_production = s.condition("IsProduction", Value::<Cond>::equals(environment, Environment::Prod));
    Value::if_(&is_production, Production::Yes, Production::No)
}

/// A child's `IsProduction`: the `Production` value the root passed is `true`.
pub fn follows_production<S>(s: &mut Stack<S>, production: &Value<Production>) -> Condition {
    s.condition("IsProduction", Value::<Cond>::equals(production, Production::Yes))
}
