//! `validate` catches the orderings of issue 4 (failures 3–5) when a template bypasses the safe
//! constructs: raw JSON through `RawResource`, or the generated types with `cast_unchecked`. Each
//! case fails without the ordering and passes once `DependsOn` supplies it.

use cfn::aws::ecs::task_definition::{EfsVolumeConfiguration, Volume};
use cfn::aws::{ecs, efs};
use cfn::prelude::*;
use cfn::Diagnostics;
use serde_json::json;

/// The (code, path) pairs of the errors `validate` reports.
fn errors(s: &Stack) -> Vec<(&'static str, String)> {
    cfn::validate(s)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.path))
        .collect()
}

#[track_caller]
fn message(s: &Stack, code: &str) -> String {
    let d = cfn::validate(s);
    let found: Vec<&Diagnostic> = d.iter().filter(|x| x.code == code).collect();
    assert_eq!(found.len(), 1, "expected one `{code}`:\n{}", Diagnostics(d.clone()));
    assert!(!found[0].help.is_empty());
    format!("{}", found[0])
}

/// A file system with two mount targets, a task definition mounting it and a service running
/// it, all raw; `task_waits` adds the mount targets to the task definition's DependsOn.
fn raw_efs(task_waits: bool) -> Stack {
    let mut s: Stack = Stack::new();
    let fs = s.add("Data", RawResource::of("AWS::EFS::FileSystem"));
    let mut mts = Vec::new();
    for (id, subnet) in [("MountA", "subnet-0a"), ("MountB", "subnet-0b")] {
        mts.push(s.add(
            id,
            RawResource::new(
                "AWS::EFS::MountTarget",
                json!({"FileSystemId": {"Ref": fs.logical_id()}, "SubnetId": subnet, "SecurityGroups": ["sg-0a"]}),
            ),
        ));
    }
    let mut attrs = Attributes::new();
    if task_waits {
        for mt in &mts {
            attrs = attrs.depends_on(mt);
        }
    }
    s.add_with(
        "Task",
        RawResource::new(
            "AWS::ECS::TaskDefinition",
            json!({"Volumes": [{"Name": "data", "EFSVolumeConfiguration": {"FilesystemId": {"Ref": "Data"}}}]}),
        ),
        attrs,
    );
    s.add(
        "Service",
        RawResource::new("AWS::ECS::Service", json!({"TaskDefinition": {"Ref": "Task"}})),
    );
    s
}

#[test]
fn a_service_mounting_efs_without_its_mount_targets_is_an_error() {
    let s = raw_efs(false);
    assert_eq!(errors(&s), [("efs-mount-order", "Resources/Service".to_string())]);
    let m = message(&s, "efs-mount-order");
    assert!(m.contains("MountA, MountB") && m.contains("stack.mount"), "{m}");
    assert_eq!(errors(&raw_efs(true)), []);
}

#[test]
fn cast_unchecked_around_the_safe_type_is_caught_too() {
    let mut s: Stack = Stack::new();
    let fs = s.add("Data", efs::FileSystem::new());
    s.add(
        "Mount",
        efs::MountTarget::new(
            fs.id(),
            vec![Id::external("sg-0123456789abcdef0")],
            Id::external("subnet-0123456789abcdef0"),
        ),
    );
    let volume = Volume::new()
        .name("data")
        .efs_volume_configuration(EfsVolumeConfiguration::new(fs.id().cast_unchecked()));
    let td = s.add("Task", ecs::TaskDefinition::new().volumes([volume]));
    s.add("Service", ecs::Service::new().task_definition(td.id()));
    assert_eq!(errors(&s), [("efs-mount-order", "Resources/Service".to_string())]);
}

fn raw_listener(service_waits: bool) -> Stack {
    let mut s: Stack = Stack::new();
    s.add(
        "Alb",
        RawResource::new(
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            json!({"Subnets": ["subnet-0a", "subnet-0b"]}),
        ),
    );
    s.add(
        "Targets",
        RawResource::new(
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            json!({"Port": 80, "Protocol": "HTTP", "VpcId": "vpc-0a", "TargetType": "ip"}),
        ),
    );
    let listener = s.add(
        "Http",
        RawResource::new(
            "AWS::ElasticLoadBalancingV2::Listener",
            json!({"LoadBalancerArn": {"Ref": "Alb"}, "Port": 80, "Protocol": "HTTP",
                   "DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": "Targets"}}]}),
        ),
    );
    let attrs = if service_waits {
        Attributes::new().depends_on(&listener)
    } else {
        Attributes::new()
    };
    s.add_with(
        "Service",
        RawResource::new(
            "AWS::ECS::Service",
            json!({"LoadBalancers": [{"ContainerName": "web", "ContainerPort": 80, "TargetGroupArn": {"Ref": "Targets"}}]}),
        ),
        attrs,
    );
    s
}

#[test]
fn a_service_not_waiting_for_its_listener_is_an_error() {
    let s = raw_listener(false);
    assert_eq!(errors(&s), [("listener-order", "Resources/Service".to_string())]);
    let m = message(&s, "listener-order");
    assert!(m.contains("target group Targets") && m.contains("stack.listen"), "{m}");
    assert_eq!(errors(&raw_listener(true)), []);
}

fn raw_gateway(wait: bool) -> Stack {
    let mut s: Stack = Stack::new();
    s.add("Vpc", RawResource::of("AWS::EC2::VPC").prop("CidrBlock", "10.0.0.0/16"));
    s.add("Igw", RawResource::of("AWS::EC2::InternetGateway"));
    let attachment = s.add(
        "IgwAttachment",
        RawResource::new(
            "AWS::EC2::VPCGatewayAttachment",
            json!({"VpcId": {"Ref": "Vpc"}, "InternetGatewayId": {"Ref": "Igw"}}),
        ),
    );
    let attrs = || {
        if wait {
            Attributes::new().depends_on(&attachment)
        } else {
            Attributes::new()
        }
    };
    s.add(
        "Routes",
        RawResource::new("AWS::EC2::RouteTable", json!({"VpcId": {"Ref": "Vpc"}})),
    );
    s.add_with(
        "DefaultRoute",
        RawResource::new(
            "AWS::EC2::Route",
            json!({"RouteTableId": {"Ref": "Routes"}, "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": {"Ref": "Igw"}}),
        ),
        attrs(),
    );
    s.add_with(
        "NatAddress",
        RawResource::new("AWS::EC2::EIP", json!({"Domain": "vpc"})),
        attrs(),
    );
    // Waits through its reference to the address, whichever way the address waits.
    s.add(
        "Nat",
        RawResource::new(
            "AWS::EC2::NatGateway",
            json!({"SubnetId": "subnet-0a", "AllocationId": {"Fn::GetAtt": ["NatAddress", "AllocationId"]}}),
        ),
    );
    s
}

#[test]
fn routes_eips_and_nat_gateways_must_wait_for_the_attachment() {
    assert_eq!(
        errors(&raw_gateway(false)),
        [
            ("gateway-attachment-order", "Resources/DefaultRoute".to_string()),
            ("gateway-attachment-order", "Resources/NatAddress".to_string()),
            ("gateway-attachment-order", "Resources/Nat".to_string()),
        ]
    );
    assert_eq!(errors(&raw_gateway(true)), []);
}

#[test]
fn templates_without_the_other_half_are_left_alone() {
    // A service on a target group whose listener lives elsewhere, a file system mounted by
    // targets of another stack, an EIP in a VPC attached elsewhere: nothing to order on here.
    let mut s: Stack = Stack::new();
    s.add(
        "Task",
        RawResource::new(
            "AWS::ECS::TaskDefinition",
            json!({"Volumes": [{"Name": "d", "EFSVolumeConfiguration": {"FilesystemId": "fs-0a"}}]}),
        ),
    );
    s.add(
        "Service",
        RawResource::new(
            "AWS::ECS::Service",
            json!({"TaskDefinition": {"Ref": "Task"}, "LoadBalancers": [{"TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/t/0"}]}),
        ),
    );
    s.add("Address", RawResource::new("AWS::EC2::EIP", json!({"Domain": "vpc"})));
    assert_eq!(errors(&s), []);
}
