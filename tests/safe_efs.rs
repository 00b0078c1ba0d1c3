//! Issue 4, failure 3, fixed: an ECS service on Fargate whose task definition mounts EFS waits
//! for every mount target. `stack.mount` adds them; the volume built from the mounted file
//! system gives the task definition `DependsOn` on all of them, and the service references the
//! task definition. The template goes through cfn-lint (`target/cfn-lint/safe_efs`).

mod common;

use cfn::aws::ecs::{service, task_definition};
use cfn::aws::{ec2, ecs, efs};
use cfn::model::safe::security_group::Port;
use cfn::prelude::*;
use serde_json::json;

#[test]
fn service_waits_for_every_mount_target() {
    let mut s: Stack = Stack::new();
    s.description("ECS service on Fargate mounting EFS after its mount targets exist");
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let azs = Value::<Vec<String>>::azs("");
    let a = s.add(
        "SubnetA",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.0.0/24")
            .availability_zone(Value::select(0, azs.clone())),
    );
    let b = s.add(
        "SubnetB",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.1.0/24")
            .availability_zone(Value::select(1, azs)),
    );
    let task_sg = s.add("TaskSg", ec2::SecurityGroup::new("tasks").vpc_id(&vpc));
    let efs_sg = s.add("EfsSg", ec2::SecurityGroup::new("file system").vpc_id(&vpc));
    s.allow(&task_sg, &efs_sg, Port::tcp(2049));

    let fs = s.add_with(
        "Data",
        efs::FileSystem::new().encrypted(true),
        Attributes::new().retain_data(Policy::Retain),
    );
    let mounted = s.mount(&fs, &[&a, &b], &efs_sg);
    assert_eq!(mounted.mount_targets().len(), 2);

    let cluster = s.add("Cluster", ecs::Cluster::new());
    let task = s.add(
        "Task",
        ecs::TaskDefinition::new()
            .requires_compatibilities([task_definition::RequiresCompatibilities::Fargate])
            .network_mode(task_definition::NetworkMode::Awsvpc)
            .cpu("256")
            .memory("512")
            .container_definitions([task_definition::ContainerDefinition::new("nginx:1.27", "web")
                .essential(true)
                .mount_points([task_definition::MountPoint::new()
                    .source_volume("data")
                    .container_path("/usr/share/nginx/html")])])
            .volumes([mounted.volume("data")]),
    );
    s.add(
        "Service",
        ecs::Service::new()
            .cluster(cluster.id())
            .task_definition(task.id())
            .launch_type(service::LaunchType::Fargate)
            .desired_count(1)
            .network_configuration(
                service::NetworkConfiguration::new().awsvpc_configuration(
                    service::AwsVpcConfiguration::new()
                        .subnets([&a, &b])
                        .security_groups([&task_sg]),
                ),
            ),
    );

    let t = common::emit_root("safe_efs", &s);
    let r = &t["Resources"];
    assert_eq!(
        r["Task"]["DependsOn"],
        json!(["DataMountTargetSubnetA", "DataMountTargetSubnetB"])
    );
    assert_eq!(
        r["Task"]["Properties"]["Volumes"][0]["EFSVolumeConfiguration"]["FilesystemId"],
        json!({ "Ref": "Data" })
    );
    assert_eq!(
        r["DataMountTargetSubnetB"]["Properties"],
        json!({
            "FileSystemId": { "Ref": "Data" },
            "SecurityGroups": [{ "Fn::GetAtt": ["EfsSg", "GroupId"] }],
            "SubnetId": { "Ref": "SubnetB" }
        })
    );
    // The service references the task definition, so it is created after every mount target.
    assert_eq!(r["Service"]["Properties"]["TaskDefinition"], json!({ "Ref": "Task" }));
}

/// Issue 15, item 5: each mount target takes the id the caller chose (a migrated template keeps
/// its ids), and the task definition waits for them under those ids.
#[test]
fn mount_named_takes_the_chosen_ids() {
    let mut s: Stack = Stack::new();
    s.description("EFS mount targets keeping the logical ids of the template they were migrated from");
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let azs = Value::<Vec<String>>::azs("");
    let a = s.add(
        "SubnetA",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.0.0/24")
            .availability_zone(Value::select(0, azs.clone())),
    );
    let b = s.add(
        "SubnetB",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.1.0/24")
            .availability_zone(Value::select(1, azs)),
    );
    let efs_sg = s.add("EfsSg", ec2::SecurityGroup::new("file system").vpc_id(&vpc));
    let fs = s.add_with(
        "Data",
        efs::FileSystem::new().encrypted(true),
        Attributes::new().retain_data(Policy::Retain),
    );
    let mounted = s.mount_named(&fs, &[("MountTarget1", &a), ("MountTarget2", &b)], &efs_sg);
    s.add(
        "Task",
        ecs::TaskDefinition::new()
            .requires_compatibilities([task_definition::RequiresCompatibilities::Fargate])
            .network_mode(task_definition::NetworkMode::Awsvpc)
            .cpu("256")
            .memory("512")
            .container_definitions([task_definition::ContainerDefinition::new("nginx:1.27", "web")
                .essential(true)
                .mount_points([task_definition::MountPoint::new()
                    .source_volume("data")
                    .container_path("/usr/share/nginx/html")])])
            .volumes([mounted.volume("data")]),
    );

    let t = common::emit_root("safe_efs_ids", &s);
    let r = &t["Resources"];
    assert_eq!(r["Task"]["DependsOn"], json!(["MountTarget1", "MountTarget2"]));
    assert!(r.get("DataMountTargetSubnetA").is_none());
    assert_eq!(
        r["MountTarget2"]["Properties"],
        json!({
            "FileSystemId": { "Ref": "Data" },
            "SecurityGroups": [{ "Fn::GetAtt": ["EfsSg", "GroupId"] }],
            "SubnetId": { "Ref": "SubnetB" }
        })
    );
}

/// Issue 17: a Lambda function on EFS waits for every mount target, through the access point
/// `mounted.access_point` adds (a bare access point ARN does not compile:
/// `tests/ui/lambda_bare_access_point.rs`). Linted (`target/cfn-lint/safe_efs_lambda`).
#[test]
fn lambda_function_waits_for_every_mount_target() {
    use cfn::aws::{iam, lambda};
    let mut s: Stack = Stack::new();
    s.description("a Lambda function on EFS: created after the mount targets");
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let azs = Value::<Vec<String>>::azs("");
    let a = s.add(
        "SubnetA",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.0.0/24")
            .availability_zone(Value::select(0, azs.clone())),
    );
    let b = s.add(
        "SubnetB",
        ec2::Subnet::new(&vpc)
            .cidr_block("10.0.1.0/24")
            .availability_zone(Value::select(1, azs)),
    );
    let fn_sg = s.add("FunctionSg", ec2::SecurityGroup::new("function").vpc_id(&vpc));
    let efs_sg = s.add("EfsSg", ec2::SecurityGroup::new("file system").vpc_id(&vpc));
    s.allow(&fn_sg, &efs_sg, Port::tcp(2049));
    let fs = s.add_with(
        "Data",
        efs::FileSystem::new().encrypted(true),
        Attributes::new().retain_data(Policy::Delete),
    );
    let mounted = s.mount(&fs, &[&a, &b], &efs_sg);
    let ap = mounted.access_point(&mut s, "DataAccess", |ap| {
        ap.root_directory(efs::access_point::RootDirectory::new().path("/lambda"))
    });
    let role = s.add(
        "FunctionRole",
        iam::Role::new(cfn_json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})),
    );
    s.add(
        "Function",
        lambda::Function::new(
            lambda::function::Code::new().zip_file("def handler(event, context):\n    return 1\n"),
            role.arn(),
        )
        .runtime(lambda::function::Runtime::Python3_12)
        .handler("index.handler")
        .vpc_config(
            lambda::function::VpcConfig::new()
                .subnet_ids([&a, &b])
                .security_group_ids([&fn_sg]),
        )
        .file_system_configs([ap.lambda_file_system("/mnt/data")]),
    );
    assert_eq!(cfn::validate(&s), []);
    let t = common::emit_root("safe_efs_lambda", &s);
    let r = &t["Resources"];
    assert_eq!(
        r["Function"]["DependsOn"],
        json!(["DataMountTargetSubnetA", "DataMountTargetSubnetB"])
    );
    assert_eq!(
        r["Function"]["Properties"]["FileSystemConfigs"],
        json!([{"Arn": {"Fn::GetAtt": ["DataAccess", "Arn"]}, "LocalMountPath": "/mnt/data"}])
    );
}
