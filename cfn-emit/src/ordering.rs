//! Orderings CloudFormation does not infer, checked on templates that bypass the safe constructs
//! (`RawResource`, raw JSON, or `Value::cast_unchecked`): the safe constructs make these
//! unwritable, this catches the same failures when they are assembled by hand.
//!
//! - an ECS service whose task definition mounts an EFS file system must wait for every mount
//!   target of that file system in the template (`efs-mount-order`);
//! - an ECS service registering with a target group must wait for a listener (or listener rule)
//!   that forwards to it, when the template has one (`listener-order`);
//! - routes to an internet gateway, VPC Elastic IPs and public NAT gateways must wait for the
//!   gateway's `VPCGatewayAttachment` (`gateway-attachment-order`).

use std::collections::{HashMap, HashSet};

use cfn_model::expr::Expr;
use cfn_model::{ResourceDef, Template};

use crate::constraints::visit;
use crate::validate::edges;

type Report<'a> = dyn FnMut(&'static str, String, String, String) + 'a;

/// The resource names a property path holds by `Ref` (`*` steps into lists).
pub(crate) fn refs_at<'a>(r: &'a ResourceDef, path: &str) -> Vec<&'a str> {
    let mut segs = path.split('/');
    let first = segs.next().unwrap_or_default();
    let rest: Vec<&str> = segs.collect();
    let mut out = Vec::new();
    for (k, e) in &r.properties {
        if k == first {
            visit(e, &rest, &mut |v| {
                if let Expr::Ref(n) = v {
                    out.push(&**n);
                }
            });
        }
    }
    out
}

/// The literal string at a top-level property, if any.
pub(crate) fn literal<'a>(r: &'a ResourceDef, prop: &str) -> Option<&'a str> {
    r.properties
        .iter()
        .find(|(k, _)| k == prop)
        .and_then(|(_, e)| match e.strip_after() {
            Expr::Str(s) => Some(&**s),
            _ => None,
        })
}

fn has_prop(r: &ResourceDef, prop: &str) -> bool {
    r.properties.iter().any(|(k, _)| k == prop)
}

/// Which resources each resource waits for, directly or through others (memoised DFS).
pub(crate) struct Reach<'a> {
    t: &'a Template,
    memo: HashMap<&'a str, HashSet<&'a str>>,
}

impl<'a> Reach<'a> {
    pub(crate) fn new(t: &'a Template) -> Self {
        Reach {
            t,
            memo: HashMap::new(),
        }
    }

    pub(crate) fn waits_for(&mut self, from: &'a str, to: &str) -> bool {
        if !self.memo.contains_key(from) {
            let mut seen: HashSet<&'a str> = HashSet::new();
            let mut todo = vec![from];
            while let Some(n) = todo.pop() {
                let Some((id, r)) = self.t.resources.get_key_value(n) else {
                    continue;
                };
                for e in edges(id, r) {
                    if seen.insert(e) {
                        todo.push(e);
                    }
                }
            }
            self.memo.insert(from, seen);
        }
        self.memo.get(from).is_some_and(|s| s.contains(to))
    }
}

pub(crate) fn of_type<'a>(
    t: &'a Template,
    type_name: &'a str,
) -> impl Iterator<Item = (&'a str, &'a ResourceDef)> + 'a {
    t.resources
        .iter()
        .filter(move |(_, r)| r.type_name == type_name)
        .map(|(id, r)| (&**id, r))
}

pub(crate) fn check(t: &Template, report: &mut Report<'_>) {
    let mut reach = Reach::new(t);
    check_efs(t, &mut reach, report);
    check_listeners(t, &mut reach, report);
    check_gateways(t, &mut reach, report);
}

fn check_efs<'a>(t: &'a Template, reach: &mut Reach<'a>, report: &mut Report<'_>) {
    let mount_targets: Vec<(&str, Vec<&str>)> = of_type(t, "AWS::EFS::MountTarget")
        .map(|(id, r)| (id, refs_at(r, "FileSystemId")))
        .collect();
    for (service, r) in of_type(t, "AWS::ECS::Service") {
        for td in refs_at(r, "TaskDefinition") {
            let Some(task) = t.resources.get(td) else { continue };
            for fs in refs_at(task, "Volumes/*/EFSVolumeConfiguration/FilesystemId") {
                let missing: Vec<&str> = mount_targets
                    .iter()
                    .filter(|(_, f)| f.contains(&fs))
                    .map(|(mt, _)| *mt)
                    .filter(|mt| !reach.waits_for(service, mt))
                    .collect();
                if !missing.is_empty() {
                    report(
                        "efs-mount-order",
                        format!("Resources/{service}"),
                        format!(
                            "ECS service {service} runs task definition {td}, which mounts EFS file system {fs}, but does not wait for its mount target(s) {}: tasks can start before the mount targets exist and fail to mount",
                            missing.join(", ")
                        ),
                        "mount the file system with `let mounted = stack.mount(&fs, &[&subnet_a, &subnet_b], &sg)` and use `mounted.volume(\"…\")`, or add the mount targets to the task definition's DependsOn".into(),
                    );
                }
            }
        }
    }
}

fn check_listeners<'a>(t: &'a Template, reach: &mut Reach<'a>, report: &mut Report<'_>) {
    // (listener or rule, target groups it forwards to)
    let mut forwarders: Vec<(&str, Vec<&str>)> = Vec::new();
    for (kind, actions) in [
        ("AWS::ElasticLoadBalancingV2::Listener", "DefaultActions"),
        ("AWS::ElasticLoadBalancingV2::ListenerRule", "Actions"),
    ] {
        for (id, r) in of_type(t, kind) {
            let mut tgs = refs_at(r, &format!("{actions}/*/TargetGroupArn"));
            tgs.extend(refs_at(
                r,
                &format!("{actions}/*/ForwardConfig/TargetGroups/*/TargetGroupArn"),
            ));
            forwarders.push((id, tgs));
        }
    }
    for (service, r) in of_type(t, "AWS::ECS::Service") {
        for tg in refs_at(r, "LoadBalancers/*/TargetGroupArn") {
            let listeners: Vec<&str> = forwarders
                .iter()
                .filter(|(_, tgs)| tgs.contains(&tg))
                .map(|(l, _)| *l)
                .collect();
            if !listeners.is_empty() && !listeners.iter().any(|l| reach.waits_for(service, l)) {
                report(
                    "listener-order",
                    format!("Resources/{service}"),
                    format!(
                        "ECS service {service} registers with target group {tg} but does not wait for {} forwarding to it: the service can be created before the target group is attached to the load balancer, and fails",
                        listeners.join(" or ")
                    ),
                    "create the listener with `let http = stack.listen(…)` and use `http.service_load_balancer(…)`, or add the listener to the service's DependsOn".into(),
                );
            }
        }
    }
}

fn check_gateways<'a>(t: &'a Template, reach: &mut Reach<'a>, report: &mut Report<'_>) {
    // (attachment, internet gateway)
    let attachments: Vec<(&str, &str)> = of_type(t, "AWS::EC2::VPCGatewayAttachment")
        .flat_map(|(id, r)| refs_at(r, "InternetGatewayId").into_iter().map(move |g| (id, g)))
        .collect();
    if attachments.is_empty() {
        return;
    }
    let help = |who: &str, att: &str| {
        format!(
            "add \"DependsOn\": \"{att}\" to {who}, or attach the gateway with `let igw = stack.attach_internet_gateway(…)` and use `igw.gateway_id()`, `igw.eip()` or `stack.nat_gateway(…)`"
        )
    };
    let first = attachments[0].0;
    for (route, r) in of_type(t, "AWS::EC2::Route") {
        for igw in refs_at(r, "GatewayId") {
            let of_igw: Vec<&str> = attachments.iter().filter(|(_, g)| *g == igw).map(|(a, _)| *a).collect();
            if !of_igw.is_empty() && !of_igw.iter().any(|a| reach.waits_for(route, a)) {
                report(
                    "gateway-attachment-order",
                    format!("Resources/{route}"),
                    format!(
                        "route {route} goes through internet gateway {igw} but does not wait for its attachment {}: the route can be created before the gateway is attached, and fails",
                        of_igw.join(" or ")
                    ),
                    help(route, of_igw[0]),
                );
            }
        }
    }
    let any_attachment =
        |reach: &mut Reach<'a>, from: &'a str| attachments.iter().any(|(a, _)| reach.waits_for(from, a));
    for (eip, r) in of_type(t, "AWS::EC2::EIP") {
        if literal(r, "Domain") == Some("vpc") && !any_attachment(reach, eip) {
            report(
                "gateway-attachment-order",
                format!("Resources/{eip}"),
                format!("VPC Elastic IP {eip} does not wait for the internet gateway's VPC attachment: CloudFormation may allocate it first, and the allocation fails"),
                help(eip, first),
            );
        }
    }
    for (nat, r) in of_type(t, "AWS::EC2::NatGateway") {
        let public = literal(r, "ConnectivityType").is_none_or(|c| c == "public") && has_prop(r, "AllocationId");
        if public && !any_attachment(reach, nat) {
            report(
                "gateway-attachment-order",
                format!("Resources/{nat}"),
                format!("public NAT gateway {nat} does not wait for the internet gateway's VPC attachment: it can be created before the VPC has a route to the internet"),
                help(nat, first),
            );
        }
    }
}
