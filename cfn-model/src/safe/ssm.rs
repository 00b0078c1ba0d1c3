//! A database endpoint published as SSM parameters named by environment, and read by ECS tasks.
//!
//! The seed's improvement: the endpoint address and port go to `AWS::SSM::Parameter`s named
//! `{prefix}/endpoint` and `{prefix}/port` (the prefix usually carries the environment, e.g.
//! `/healthtech/${EnvironmentSuffix}/db`). The seed then read them back with
//! `!Sub '{{resolve:ssm:/healthtech/${EnvironmentSuffix}/db/endpoint}}'`, a `Sub` inside a dynamic
//! reference, which this library refuses (CloudFormation resolves the reference before it
//! substitutes). Tasks read them instead through the container's `Secrets` (ECS resolves
//! `ValueFrom` when the task starts, so the name may vary): [`PublishedEndpoint::ecs_secrets`]
//! builds both entries from the parameters' `Ref`s (their names), so the task definition waits
//! for them. Grant the execution role `ssm:GetParameters` on [`PublishedEndpoint::arns`].
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::{ecs, rds};
//! use cfn_model::aws::ecs::task_definition::ContainerDefinition;
//!
//! let mut s: Stack = Stack::new();
//! let suffix = s.parameter("EnvironmentSuffix", Parameter::string());
//! let db = s.add("Database", rds::DbInstance::new().engine("postgres"));
//! let endpoint = s.publish_endpoint(
//!     "DbEndpoint",
//!     Value::sub([SubPart::lit("/healthtech/"), SubPart::val(suffix.value()), SubPart::lit("/db")]),
//!     db.endpoint_address(),
//!     db.endpoint_port(),
//! );
//! let app = ContainerDefinition::new("nginx", "app").secrets(endpoint.ecs_secrets("DB_HOST", "DB_PORT"));
//! s.add("Task", ecs::TaskDefinition::new().container_definitions([app]));
//! let t = s.template();
//! assert!(t.resources.contains_key("DbEndpointAddress") && t.resources.contains_key("DbEndpointPort"));
//! ```

#[cfg(feature = "ecs")]
use crate::aws::ecs::task_definition::Secret;
use crate::aws::ssm::{parameter, Parameter};
use crate::expr::SubPart;
use crate::stack::{Handle, Stack};
use crate::value::{IntoValue, Value};

/// A database endpoint's address and port as two SSM parameters: made by
/// [`Stack::publish_endpoint`].
pub struct PublishedEndpoint<S> {
    /// `{prefix}/endpoint`: the address.
    pub address: Handle<Parameter, S>,
    /// `{prefix}/port`: the port.
    pub port: Handle<Parameter, S>,
}

impl<S> PublishedEndpoint<S> {
    #[cfg(feature = "ecs")]
    /// Container `Secrets` entries that set `host_var` and `port_var` from the parameters when
    /// the task starts (`ValueFrom` is each parameter's name, its `Ref`).
    pub fn ecs_secrets(&self, host_var: &str, port_var: &str) -> [Secret; 2] {
        [
            Secret::new(host_var.to_string(), self.address.id()),
            Secret::new(port_var.to_string(), self.port.id()),
        ]
    }

    /// The parameters' ARNs, for the `ssm:GetParameters` statement of the task execution role.
    pub fn arns(&self) -> [Value<String>; 2] {
        [self.address.arn(), self.port.arn()]
    }
}

/// The logical ids of the two SSM parameters [`Stack::publish_endpoint`] adds. A string converts
/// into one: `"DbEndpoint"` names them `DbEndpointAddress` and `DbEndpointPort`.
///
/// ```
/// use cfn_model::safe::ssm::EndpointIds;
/// assert_eq!(EndpointIds::from("Db"), EndpointIds::new("DbAddress", "DbPort"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointIds {
    /// The logical id of the parameter holding the address (`{prefix}/endpoint`).
    pub address: String,
    /// The logical id of the parameter holding the port (`{prefix}/port`).
    pub port: String,
}

impl EndpointIds {
    /// Names the address parameter `address` and the port parameter `port`.
    pub fn new(address: impl Into<String>, port: impl Into<String>) -> Self {
        EndpointIds {
            address: address.into(),
            port: port.into(),
        }
    }
}

ids_from_base!(EndpointIds, |id| EndpointIds::new(
    format!("{id}Address"),
    format!("{id}Port")
));

impl<S> Stack<S> {
    /// Publishes an endpoint as two `String` SSM parameters, named `{prefix}/endpoint` and
    /// `{prefix}/port`: `ids` is a base id `id` (logical ids `{id}Address` and `{id}Port`) or an
    /// [`EndpointIds`] naming both.
    ///
    /// `prefix` should start with `/` and carry the environment so that environments do not
    /// overwrite each other's parameters.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::rds;
    /// use cfn_model::safe::ssm::EndpointIds;
    ///
    /// let mut s: Stack = Stack::new();
    /// let db = s.add("Database", rds::DbInstance::new().engine("postgres"));
    /// let ep = s.publish_endpoint(
    ///     EndpointIds::new("DbHostParameter", "DbPortParameter"),
    ///     "/app/prod/db",
    ///     db.endpoint_address(),
    ///     db.endpoint_port(),
    /// );
    /// assert_eq!(ep.port.logical_id(), "DbPortParameter");
    /// ```
    pub fn publish_endpoint(
        &mut self,
        ids: impl Into<EndpointIds>,
        prefix: impl IntoValue<String>,
        address: impl IntoValue<String>,
        port: impl IntoValue<String>,
    ) -> PublishedEndpoint<S> {
        let ids = ids.into();
        let prefix = prefix.into_value();
        let name = |leaf: &'static str| Value::<String>::sub([SubPart::val(prefix.clone()), SubPart::lit(leaf)]);
        let address = self.add(
            &ids.address,
            Parameter::new(parameter::Type::String, address)
                .name(name("/endpoint"))
                .description("Database endpoint address"),
        );
        let port = self.add(
            &ids.port,
            Parameter::new(parameter::Type::String, port)
                .name(name("/port"))
                .description("Database endpoint port"),
        );
        PublishedEndpoint { address, port }
    }
}
