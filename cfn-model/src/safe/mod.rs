//! Safe constructs over the generated types, for the traps that cost failed deployments
//! (see the README section "What it refuses to compile").
//!
//! # Logical ids
//!
//! A logical id is a resource's identity: renaming one on a deployed stack replaces the resource
//! (a new Elastic IP address, a new database). Every construct therefore lets its caller name
//! each resource it adds. Where a construct takes an id, that argument is `impl Into<…Ids>`: a
//! string is the short form, from which the other resources' ids are derived
//! (`stack.attach_internet_gateway("Igw", &vpc)` adds `Igw` and `IgwAttachment`), while the
//! construct's `…Ids` struct names every resource itself, for a template whose ids must be kept
//! (`GatewayIds::new("Igw", "AttachGateway")`); the `_with` forms that customise the resources
//! take the same argument. Constructs that derive their ids from their inputs instead have a
//! `_named` form: `stack.allow_named(ids, &from, &to, port)` (a base id or an `AllowIds`) and
//! `stack.mount_named(&fs, &[("MountTargetA", &a), …], &sg)` (an id per subnet). Constructs that
//! add one resource already take its id (`stack.listen`, `stack.add_named_secret`). The ids go
//! through [`Stack::add`](crate::Stack::add), so a duplicate or invalid one is reported the same
//! way (`duplicate-id`, `logical-id`), never a panic.

/// `From<&str>`, `From<&String>` and `From<String>` for an ids struct, deriving every id from one
/// base id.
#[allow(unused_macros)]
macro_rules! ids_from_base {
    ($ty:ident, |$base:ident| $body:expr) => {
        impl From<&str> for $ty {
            fn from($base: &str) -> Self {
                $body
            }
        }
        impl From<&String> for $ty {
            fn from(base: &String) -> Self {
                Self::from(base.as_str())
            }
        }
        impl From<String> for $ty {
            fn from(base: String) -> Self {
                Self::from(base.as_str())
            }
        }
    };
}

pub mod sequence;

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
