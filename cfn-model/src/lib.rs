//! The typed CloudFormation template model.
//!
//! - [`Value<T>`]: a typed value over one expression tree ([`Expr`]) that covers every intrinsic
//!   function, pseudo parameter and dynamic reference, and carries ordering evidence.
//! - [`Stack`]: the builder. [`Stack::add`] is the only way to get a [`Handle`] to a resource, so
//!   references only point backwards and the resource graph is acyclic by construction.
//! - [`Resource`]: implemented by every generated resource type (module [`aws`]) and by
//!   [`RawResource`], the escape hatch.
//! - [`DynamicRef`]: `{{resolve:…}}` built only from compile-time-checked literals.
#![warn(missing_docs)]

pub mod autonest;
#[cfg(feature = "catalog")]
pub mod catalog;
pub mod dynref;
pub mod expr;
pub mod idmap;
pub mod interface;
pub mod jsonval;
pub mod nested;
pub mod params;
pub mod policy;
mod rawjson;
pub mod resource;
pub mod rules;
pub mod safe;
pub mod stack;
pub mod table;
pub mod value;

pub mod aws;
pub mod aws_data;
mod aws_params;

pub use autonest::AutoNest;
pub use dynref::{DynamicRef, IntoSecretId, IntoSecretRef, IntoSsmName, SecretId, SecretRef, SsmName};
pub use expr::{Expr, Ident, Mention, SubPart};
pub use interface::{OutputField, Outputs, ParamField, Parameters};
pub use nested::{ChildStack, NestedHandle};
pub use params::{
    AvailabilityZoneName, Boolean, Condition, ImageId, KeyPairName, Mapping, MappingRef, Output, Param, ParamType,
    Parameter, Ssm, SsmParameterName,
};
pub use rawjson::{json_was_cut, MAX_DEPTH as MAX_JSON_DEPTH, TOO_DEEP as JSON_TOO_DEEP};
pub use resource::{Attributes, Constraint, Policy, Props, RawResource, Resource, Tagging, ToExpr};
pub use stack::{BuildError, Handle, NestedStack, OutputDef, ParameterDef, ResourceDef, Root, Stack, Template};
pub use table::{MappingKey, MappingTable};
pub use value::{
    Arn, AttachedAllocationId, AttachedGatewayId, AttachedTransitGatewayId, AttachedVpnGatewayId, Attr, Cond,
    ExternalGroupId, ExternalGroupName, ForwardedTargetGroupArn, Id, IntoAttachedAllocationId, IntoAttachedGatewayId,
    IntoAttachedTransitGatewayId, IntoAttachedVpnGatewayId, IntoExternalGroupId, IntoExternalGroupName,
    IntoForwardedTargetGroupArn, IntoMountedAccessPointArn, IntoMountedFileSystemId, IntoSecretString, IntoValue, Json,
    MountedAccessPointArn, MountedFileSystemId, Name, Pseudo, SecretString, StackOutput, StringLike, Value,
};

/// Everything a stack program usually needs: the model's types and the safe constructs' (each
/// under the service feature it needs).
pub mod prelude {
    pub use crate::{cfn_json, IntoSecretId, IntoSecretRef};
    pub use crate::{
        Arn, Attr, Attributes, AutoNest, Cond, Condition, DynamicRef, Handle, Id, Json, Mapping, MappingRef, Name,
        Output, Param, Parameter, Policy, Pseudo, RawResource, Resource, Root, SecretId, SecretRef, SecretString,
        SsmName, Stack, StackOutput, SubPart, Tagging, Value,
    };
    pub use crate::{
        AttachedAllocationId, AttachedGatewayId, AttachedTransitGatewayId, AttachedVpnGatewayId, ExternalGroupId,
        ExternalGroupName, ForwardedTargetGroupArn, MountedAccessPointArn, MountedFileSystemId,
    };
    pub use crate::{
        AvailabilityZoneName, Boolean, ChildStack, ImageId, KeyPairName, MappingKey, MappingTable, NestedHandle,
        OutputField, Outputs, ParamField, Parameters, Ssm, SsmParameterName,
    };

    // The safe constructs' types (module `safe`), each with the service feature it needs.
    /// The listener's protocol, `stack.listen(id, &alb, &tg, 80, Protocol::Http)` (a target
    /// group's is `elasticloadbalancingv2::target_group::Protocol`).
    #[cfg(feature = "elasticloadbalancingv2")]
    pub use crate::aws::elasticloadbalancingv2::listener::Protocol;
    #[cfg(all(feature = "ec2", feature = "efs"))]
    pub use crate::safe::efs::MountedFileSystem;
    #[cfg(feature = "ec2")]
    pub use crate::safe::gateway::{
        AttachedGateway, AttachedInternetGateway, AttachedTransitGateway, AttachedVpnGateway, NatGatewayWithAddress,
    };
    #[cfg(feature = "elasticloadbalancingv2")]
    pub use crate::safe::listener::Listening;
    #[cfg(feature = "rds")]
    pub use crate::safe::rds::{
        AuroraMysqlVersion, AuroraPostgresqlVersion, ClusterEngine, CustomSqlserverEeVersion, CustomSqlserverSeVersion,
        CustomSqlserverWebVersion, Db2AeVersion, Db2SeVersion, Engine, MariadbVersion, MysqlVersion, PostgresVersion,
        SqlserverEeVersion, SqlserverExVersion, SqlserverSeVersion, SqlserverWebVersion,
    };
    #[cfg(feature = "route53")]
    pub use crate::safe::route53::HealthCheckTarget;
    #[cfg(feature = "secretsmanager")]
    pub use crate::safe::secrets::NamedSecret;
    #[cfg(feature = "ec2")]
    pub use crate::safe::security_group::Port;
    #[cfg(feature = "ssm")]
    pub use crate::safe::ssm::PublishedEndpoint;
}
