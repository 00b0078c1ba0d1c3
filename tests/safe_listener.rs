//! Issue 4, failure 4, fixed: the seed's ALB → ECS service → DB. The service's load balancer
//! entry comes from `stack.listen`, so the service waits for the listener; the groups talk
//! through `stack.allow`. The template goes through cfn-lint (`target/cfn-lint/safe_listener`).

mod common;

use cfn::aws::ecs::{service, task_definition};
use cfn::aws::elasticloadbalancingv2 as elbv2;
use cfn::aws::{ec2, ecs};
use cfn::model::safe::security_group::Port;
use cfn::prelude::*;
use serde_json::json;

#[test]
fn service_waits_for_the_listener() {
    let mut s: Stack = Stack::new();
    s.description("ALB -> ECS service: the service starts after the listener forwarding to it");
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
    let alb_sg = s.add("AlbSg", ec2::SecurityGroup::new("load balancer").vpc_id(&vpc));
    let task_sg = s.add("TaskSg", ec2::SecurityGroup::new("tasks").vpc_id(&vpc));
    s.allow(&alb_sg, &task_sg, Port::tcp(80));

    let alb = s.add(
        "Alb",
        elbv2::LoadBalancer::new()
            .scheme(elbv2::load_balancer::Scheme::Internal)
            .subnets([&a, &b])
            .security_groups([&alb_sg]),
    );
    let tg = s.add(
        "WebTargets",
        elbv2::TargetGroup::new()
            .port(80)
            .protocol(elbv2::target_group::Protocol::Http)
            .target_type(elbv2::target_group::TargetType::Ip)
            .vpc_id(&vpc),
    );
    let http = s.listen("HttpListener", &alb, &tg, 80, elbv2::listener::Protocol::Http);

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
                .port_mappings([task_definition::PortMapping::new().container_port(80)])]),
    );
    s.add(
        "Service",
        ecs::Service::new()
            .cluster(cluster.id())
            .task_definition(task.id())
            .launch_type(service::LaunchType::Fargate)
            .desired_count(1)
            .load_balancers([http.service_load_balancer("web", 80)])
            .network_configuration(
                service::NetworkConfiguration::new().awsvpc_configuration(
                    service::AwsVpcConfiguration::new()
                        .subnets([&a, &b])
                        .security_groups([&task_sg]),
                ),
            ),
    );

    let t = common::emit_root("safe_listener", &s);
    let r = &t["Resources"];
    assert_eq!(r["Service"]["DependsOn"], json!("HttpListener"));
    assert_eq!(
        r["Service"]["Properties"]["LoadBalancers"],
        json!([{ "ContainerName": "web", "ContainerPort": 80, "TargetGroupArn": { "Ref": "WebTargets" } }])
    );
    assert_eq!(
        r["HttpListener"]["Properties"]["DefaultActions"],
        json!([{ "TargetGroupArn": { "Ref": "WebTargets" }, "Type": "forward" }])
    );
}

/// A service behind a listener rule: on a listener this stack does not own (a parameter, or an
/// import), `stack.forward_rule` adds the rule and yields the target group's ARN, which waits for
/// the rule; on a listener of the stack too. Linted (`target/cfn-lint/safe_listener_rule`).
#[test]
fn service_waits_for_the_listener_rule_forwarding_to_it() {
    let mut s: Stack = Stack::new();
    s.description("a service behind listener rules, on a shared listener and on the stack's own");
    let shared = s.parameter(
        "SharedListener",
        Parameter::<Id<elbv2::Listener>>::of().description("the ARN of the shared HTTPS listener"),
    );
    let vpc_id = s.parameter("VpcId", Parameter::<Id<ec2::Vpc>>::of());
    let subnets = s.parameter("Subnets", Parameter::<Vec<Id<ec2::Subnet>>>::of());
    let tg = s.add(
        "ApiTargets",
        elbv2::TargetGroup::new()
            .port(80)
            .protocol(elbv2::target_group::Protocol::Http)
            .target_type(elbv2::target_group::TargetType::Ip)
            .vpc_id(&vpc_id),
    );
    let path = |p: &str| {
        elbv2::listener_rule::RuleCondition::new()
            .field("path-pattern")
            .path_pattern_config(elbv2::listener_rule::PathPatternConfig::new().values([p.to_string()]))
    };
    let routed = s.forward_rule("ApiRule", &shared, &tg, 10, [path("/api/*")]);
    let imported = s.forward_rule(
        "ImportedApiRule",
        Value::<Id<elbv2::Listener>>::import("edge-https-listener"),
        &tg,
        20,
        [path("/v2/api/*")],
    );
    assert_eq!(routed.rule().logical_id(), "ApiRule");
    let task = s.add(
        "Task",
        ecs::TaskDefinition::new()
            .requires_compatibilities([task_definition::RequiresCompatibilities::Fargate])
            .network_mode(task_definition::NetworkMode::Awsvpc)
            .cpu("256")
            .memory("512")
            .container_definitions([task_definition::ContainerDefinition::new("nginx:1.27", "api")
                .essential(true)
                .port_mappings([task_definition::PortMapping::new().container_port(80)])]),
    );
    s.add(
        "Service",
        ecs::Service::new()
            .task_definition(task.id())
            .launch_type(service::LaunchType::Fargate)
            .desired_count(1)
            .load_balancers([
                routed.service_load_balancer("api", 80),
                imported.service_load_balancer("api", 80),
            ])
            .network_configuration(
                service::NetworkConfiguration::new()
                    .awsvpc_configuration(service::AwsVpcConfiguration::new().subnets(&subnets)),
            ),
    );
    let t = common::emit_root("safe_listener_rule", &s);
    let r = &t["Resources"];
    assert_eq!(r["Service"]["DependsOn"], json!(["ApiRule", "ImportedApiRule"]));
    assert_eq!(
        r["ApiRule"]["Properties"]["ListenerArn"],
        json!({"Ref": "SharedListener"})
    );
    assert_eq!(
        r["ApiRule"]["Properties"]["Actions"],
        json!([{ "TargetGroupArn": { "Ref": "ApiTargets" }, "Type": "forward" }])
    );
}
