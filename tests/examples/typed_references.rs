//! Every property that names another resource takes that resource's handle: `&handle` where
//! the property means its `Ref`, the typed attribute method (`role.arn()`) where it means a
//! `Fn::GetAtt`. A handle of the wrong type does not compile.

use cfn::aws::ecs::{service, task_definition as td};
use cfn::aws::{ec2, ecs, iam, kms, rds};
use cfn::model::safe::rds::{Engine, PostgresVersion};
use cfn::prelude::*;

/// A VPC with a route table, a VPN gateway, an ECS service and a database.
pub fn stack() -> Stack {
    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let azs = || Value::<Vec<String>>::azs("");
    let a = s.add(
        "SubnetA",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.0.0/24")
            .availability_zone(Value::select(0, azs())),
    );
    let b = s.add(
        "SubnetB",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.1.0/24")
            .availability_zone(Value::select(1, azs())),
    );

    // Routes: the table by its handle; the VPN gateway through its attachment.
    let routes = s.add("Routes", ec2::RouteTable::new(&vpc));
    s.add("RoutesA", ec2::SubnetRouteTableAssociation::new(&routes, &a));
    let vgw = s.attach_vpn_gateway("VpnGateway", &vpc, ec2::VpnGateway::new("ipsec.1"));
    s.add(
        "OnPremises",
        ec2::Route::new(&routes)
            .destination_cidr_block("192.168.0.0/16")
            .gateway_id(vgw.gateway_id()),
    );

    // ECS: the service takes the cluster and the task definition by their handles.
    let cluster = s.add("Cluster", ecs::Cluster::new());
    let role = s.add(
        "ExecutionRole",
        iam::Role::new(serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]
        }))
        // An AWS-managed policy: a resource this program does not create, so visibly external.
        .managed_policy_arns([Id::external(
            "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        )]),
    );
    let task = s.add(
        "Task",
        ecs::TaskDefinition::new()
            .requires_compatibilities([td::RequiresCompatibilities::Fargate])
            .network_mode(td::NetworkMode::Awsvpc)
            .cpu("256")
            .memory("512")
            .execution_role_arn(role.arn())
            .container_definitions([td::ContainerDefinition::new("public.ecr.aws/nginx/nginx:1.27", "web")]),
    );
    let tasks_sg = s.add("TasksSg", ec2::SecurityGroup::new("ECS tasks").vpc_id(&vpc));
    s.add(
        "Service",
        ecs::Service::new()
            .cluster(&cluster)
            .task_definition(&task)
            .launch_type(service::LaunchType::Fargate)
            .desired_count(1)
            .network_configuration(
                service::NetworkConfiguration::new().awsvpc_configuration(
                    service::AwsVpcConfiguration::new()
                        .subnets([&a, &b])
                        .security_groups([&tasks_sg]),
                ),
            ),
    );

    // RDS: the subnet group by its handle; the key as its ARN (the property takes a key id or ARN,
    // or an alias).
    let key = s.add_with(
        "Key",
        kms::Key::new().enable_key_rotation(true),
        Attributes::new().retain_data(Policy::Retain),
    );
    let group = s.add("DbSubnets", rds::DbSubnetGroup::new("database subnets", [&a, &b]));
    s.add_with(
        "Database",
        rds::DbInstance::with_engine(Engine::postgres(PostgresVersion::V16_15))
            .db_instance_class("db.t4g.micro")
            .allocated_storage("20")
            .backup_retention_period(7)
            .master_username("app")
            .manage_master_user_password(true)
            .storage_encrypted(true)
            .kms_key_id(key.arn())
            .db_subnet_group_name(&group),
        Attributes::new().retain_data(Policy::Snapshot),
    );
    s
}
