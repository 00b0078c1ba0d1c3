//! Safe constructs over the generated types, for the traps that cost failed deployments
//! (see the README section "What it refuses to compile").

#[cfg(feature = "ec2")]
pub mod security_group;

#[cfg(all(feature = "ec2", feature = "efs"))]
pub mod efs;

#[cfg(feature = "elasticloadbalancingv2")]
pub mod listener;

#[cfg(feature = "ec2")]
pub mod gateway;

// Each construct needs only the services whose types it creates; its ECS helpers (task `Secrets`,
// volumes, load balancer entries) are gated on `ecs` inside the module.
#[cfg(feature = "secretsmanager")]
pub mod secrets;

#[cfg(feature = "ssm")]
pub mod ssm;

#[cfg(feature = "route53")]
pub mod route53;

#[cfg(feature = "rds")]
pub mod rds;
