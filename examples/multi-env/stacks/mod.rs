//! The stacks of the multi-env example: the root ([`assembly`]) and its five nested children.
//!
//! The root declares the parameters, the per-environment settings table, the stack-wide tags,
//! the policies every stack obeys and the `IsProduction` condition, and nests the children in dependency order, passing each one typed values: its own
//! parameters, lookups in the settings table, and the outputs of the children before it. A
//! child's parameter struct is filled in full or the program does not compile.

pub mod compute;
pub mod data;
pub mod monitoring;
pub mod network;
pub mod settings;
pub mod storage;

use cfn::aws::{ec2, efs, sns};
use cfn::prelude::*;
use cfn::rules::{DeletionPolicies, EncryptionAtRest, Naming, NoOpenIngress, RequiredTags};

use compute::{Compute, ComputeParamsArgs};
use data::{Data, DataParamsArgs};
use monitoring::{Monitoring, MonitoringParamsArgs};
use network::{Network, NetworkParamsArgs};
use settings::Environment;
use storage::{Storage, StorageParamsArgs};

/// The root stack's parameters.
#[derive(Parameters)]
pub struct AppParams {
    /// Suffix carried by every resource name, e.g. `dev`, `qa` or `pr-42`.
    #[cfn(
        pattern = "^[a-z0-9][a-z0-9-]*$",
        min_length = 1,
        max_length = 12,
        constraint_description = "1 to 12 lower-case letters, digits and dashes, starting with a letter or digit",
        group = "Environment"
    )]
    pub environment_suffix: Value<String>,
    /// Which row of the settings table to use: dev, staging or prod.
    #[cfn(default = Environment::Dev, group = "Environment")]
    pub environment: Value<Environment>,
    /// The application image; it listens on port 8080.
    #[cfn(default = "nginxinc/nginx-unprivileged:1.27-alpine", group = "Application")]
    pub container_image: Value<String>,
}

/// The root stack's outputs, exported for other stacks to import.
#[derive(Outputs)]
pub struct AppOutputs {
    /// The VPC.
    #[cfn(export = "${AWS::StackName}-VpcId")]
    pub vpc_id: Value<Id<ec2::Vpc>>,
    /// The private subnets.
    #[cfn(export = "${AWS::StackName}-PrivateSubnetIds")]
    pub private_subnet_ids: Value<Vec<Id<ec2::Subnet>>>,
    /// The application's URL.
    #[cfn(export = "${AWS::StackName}-ServiceUrl")]
    pub service_url: Value<String>,
    /// The load balancer's DNS name.
    #[cfn(export = "${AWS::StackName}-LoadBalancerDnsName")]
    pub load_balancer_dns_name: Value<String>,
    /// The ECS cluster.
    #[cfn(export = "${AWS::StackName}-ClusterName")]
    pub cluster_name: Value<String>,
    /// The ECS service.
    #[cfn(export = "${AWS::StackName}-ServiceName")]
    pub service_name: Value<String>,
    /// The database endpoint's host name.
    #[cfn(export = "${AWS::StackName}-DbEndpointAddress")]
    pub db_endpoint_address: Value<String>,
    /// The database endpoint's port.
    #[cfn(export = "${AWS::StackName}-DbEndpointPort")]
    pub db_endpoint_port: Value<String>,
    /// The SSM parameter holding the database host name.
    #[cfn(export = "${AWS::StackName}-DbEndpointParameterName")]
    pub db_endpoint_parameter_name: Value<String>,
    /// The file system.
    #[cfn(export = "${AWS::StackName}-FileSystemArn")]
    pub file_system_arn: Value<Arn<efs::FileSystem>>,
    /// The topic every alarm notifies.
    #[cfn(export = "${AWS::StackName}-AlarmTopicArn")]
    pub alarm_topic_arn: Value<Id<sns::Topic>>,
}

/// The whole assembly: the root stack with its five nested stacks.
pub fn assembly() -> Stack {
    let mut s: Stack = Stack::new();
    s.description("healthtech: one environment (dev, staging or prod) of the application, as nested stacks");
    let p: AppParams = s.parameters();
    let table = s.mapping_table(settings::environment_settings);
    settings::tag_stack(&mut s, &p.environment);
    // The policies, declared once here: they apply to every nested stack, and `validate` (so
    // `cfn::run`) refuses to emit the assembly when a resource breaks one without a waiver.
    s.enforce(RequiredTags::new(["Environment", "Project", "ManagedBy"]))
        .enforce(Naming::must_reference("EnvironmentSuffix"))
        .enforce(NoOpenIngress::except_ports([80, 443]))
        .enforce(EncryptionAtRest::new())
        .enforce(DeletionPolicies::stateful());
    let suffix = &p.environment_suffix;
    let env = &p.environment;
    // `IsProduction` is the root's: the children receive its verdict as `Production`.
    let production = settings::is_production(&mut s, env);

    let network = s
        .nest::<Network>(
            "Network",
            NetworkParamsArgs {
                environment_suffix: suffix.clone(),
                environment: env.clone(),
                vpc_cidr: table.vpc_cidr(env),
            },
        )
        .into_outputs();
    let private_subnets: Value<Vec<Id<ec2::Subnet>>> =
        vec![network.private_subnet1_id.clone(), network.private_subnet2_id.clone()].into();
    let public_subnets: Value<Vec<Id<ec2::Subnet>>> =
        vec![network.public_subnet1_id.clone(), network.public_subnet2_id.clone()].into();

    let data = s
        .nest::<Data>(
            "Data",
            DataParamsArgs {
                environment_suffix: suffix.clone(),
                environment: env.clone(),
                production: production.clone(),
                private_subnet_ids: private_subnets.clone(),
                db_security_group_id: network.db_security_group_id.clone(),
                db_instance_class: table.db_instance_class(env),
                db_allocated_storage: table.db_allocated_storage(env),
                db_backup_retention_days: table.db_backup_retention_days(env),
            },
        )
        .into_outputs();

    let storage = s
        .nest::<Storage>(
            "Storage",
            StorageParamsArgs {
                environment_suffix: suffix.clone(),
                environment: env.clone(),
                production: production.clone(),
                private_subnet1: network.private_subnet1_id.clone(),
                private_subnet2: network.private_subnet2_id.clone(),
                efs_security_group_id: network.efs_security_group_id.clone(),
                kms_key_arn: data.kms_key_arn.clone(),
            },
        )
        .into_outputs();

    let compute = s
        .nest::<Compute>(
            "Compute",
            ComputeParamsArgs {
                environment_suffix: suffix.clone(),
                environment: env.clone(),
                production: production.clone(),
                vpc_id: network.vpc_id.clone(),
                public_subnet_ids: public_subnets,
                private_subnet_ids: private_subnets.clone(),
                alb_security_group_id: network.alb_security_group_id.clone(),
                ecs_security_group_id: network.ecs_security_group_id.clone(),
                file_system_id: storage.file_system_id.clone(),
                file_system_arn: storage.file_system_arn.clone(),
                access_point_id: storage.access_point_id.clone(),
                access_point_arn: storage.access_point_arn.clone(),
                db_secret_arn: data.db_secret_arn.clone().into(),
                kms_key_arn: data.kms_key_arn.clone().into(),
                db_endpoint_parameter_arn: data.db_endpoint_parameter_arn.clone(),
                db_port_parameter_arn: data.db_port_parameter_arn.clone(),
                container_image: p.container_image.clone(),
                task_cpu: table.task_cpu(env),
                task_memory: table.task_memory(env),
                desired_count: table.desired_count(env),
                log_retention_days: table.log_retention_days(env),
            },
        )
        .into_outputs();

    let monitoring = s
        .nest::<Monitoring>(
            "Monitoring",
            MonitoringParamsArgs {
                environment_suffix: suffix.clone(),
                environment: env.clone(),
                load_balancer_dns_name: compute.load_balancer_dns_name.clone(),
                load_balancer_full_name: compute.load_balancer_full_name.clone(),
                cluster_name: compute.cluster_name.clone(),
                service_name: compute.service_name.clone(),
                db_instance_id: data.db_instance_id.clone(),
                alb_5xx_threshold: table.alb_5xx_threshold(env),
                ecs_cpu_threshold: table.ecs_cpu_threshold(env),
                db_cpu_threshold: table.db_cpu_threshold(env),
                db_free_storage_threshold: table.db_free_storage_threshold(env),
            },
        )
        .into_outputs();

    s.outputs(AppOutputs {
        vpc_id: network.vpc_id,
        private_subnet_ids: private_subnets,
        service_url: compute.service_url,
        load_balancer_dns_name: compute.load_balancer_dns_name,
        cluster_name: compute.cluster_name,
        service_name: compute.service_name,
        db_endpoint_address: data.db_endpoint_address,
        db_endpoint_port: data.db_endpoint_port,
        db_endpoint_parameter_name: data.db_endpoint_parameter_name,
        file_system_arn: storage.file_system_arn,
        alarm_topic_arn: monitoring.alarm_topic_arn,
    });
    s
}
