//! The traps: patterns this library refuses, found in a template, rewritten onto the safe
//! constructs (their logical ids kept), each reported as a [`Change`].
//!
//! - An internet gateway and its `AWS::EC2::VPCGatewayAttachment` become
//!   `stack.attach_internet_gateway_with(GatewayIds::new(gateway, attachment), &vpc, …)`; routes
//!   through the gateway take its `gateway_id()`, so each waits for the attachment, and VPC
//!   Elastic IPs depend on it (a route or address without that ordering is reported).
//! - An inline security-group ingress rule naming another group of the template (two such groups
//!   form a cycle) becomes `stack.allow_named(…)`: standalone rules.
//! - A plain-text password becomes a `NoEcho` parameter.
//! - The retired RDS engine `aurora` becomes `aurora-mysql`.

use std::collections::HashMap;

use serde_json::{Map, Value as J};

use cfn_model::aws_data::{rds_engine_version_status, EngineVersionStatus};

use super::{getatt_parts, intrinsic, rust_str, Sym, Ty, Writer};
use crate::program::{Change, WriteError};

#[derive(Clone, Debug)]
struct Igw {
    attachment: String,
    vpc: String,
}

#[derive(Clone, Debug)]
struct Allow {
    target: String,
    source: String,
    port: String,
    ids: String,
}

/// An EFS file system whose mount targets one `stack.mount_named` can write: each in a subnet of
/// the template (or all in subnet parameters), all guarded by the same one security group.
#[derive(Clone, Debug)]
struct Mount {
    /// (mount target id, subnet name) in source order.
    targets: Vec<(String, String)>,
    security_group: String,
}

/// What forwards a target group's traffic, written by a safe construct so that what takes the
/// target group (an ECS service's load balancer) waits for it.
#[derive(Clone, Debug)]
struct Forward {
    /// The listener's or rule's logical id.
    id: String,
    target_group: String,
    /// `Some(load balancer)` for a listener (`stack.listen_with`), `None` for a listener rule
    /// (`stack.forward_rule`).
    load_balancer: Option<String>,
}

/// The rewrites decided for a template before its resources are written.
#[derive(Clone, Debug, Default)]
pub(super) struct Plan {
    igws: HashMap<String, Igw>,
    /// VPN gateway id → its attachment, written by `stack.attach_vpn_gateway`.
    vgws: HashMap<String, Igw>,
    /// Transit gateway attachment id → (the transit gateway as the template writes it, the VPC),
    /// written by `stack.attach_transit_gateway_with`.
    tgw_attachments: HashMap<String, (J, String)>,
    attachments: HashMap<String, String>,
    vpc_eips: HashMap<String, String>,
    removed_rules: HashMap<String, Vec<usize>>,
    /// Inline egress rules of a group that an `allow` replaces (with the ingress rule they pair
    /// with), by index in its `SecurityGroupEgress`.
    removed_egress: HashMap<String, Vec<usize>>,
    allows: Vec<Allow>,
    /// Target group id → what forwards to it.
    forwards: HashMap<String, Forward>,
    /// Listener or rule id → the target group it forwards to.
    forwarders: HashMap<String, String>,
    /// ECS services taking a forwarded target group → the listeners or rules they wait for.
    forward_users: HashMap<String, Vec<String>>,
    /// File system id → its mount targets, written by `stack.mount_named`.
    mounts: HashMap<String, Mount>,
    /// Mount target id → its file system.
    mount_targets: HashMap<String, String>,
    /// Task definitions (and anything else) naming a mounted file system → that file system.
    mount_users: HashMap<String, Vec<String>>,
}

fn ref_name(v: &J) -> Option<&str> {
    match intrinsic(v)? {
        ("Ref", J::String(n)) => Some(n),
        _ => None,
    }
}

fn only_keys(m: &Map<String, J>, allowed: &[&str]) -> bool {
    m.keys().all(|k| allowed.contains(&k.as_str()))
}

/// Finds the traps of the template `w` is writing.
pub(super) fn plan(w: &mut Writer<'_>) -> Result<Plan, WriteError> {
    let mut plan = Plan::default();
    let Some(rs) = w.section("Resources")? else {
        return Ok(plan);
    };
    let type_of = |id: &str| rs.get(id).and_then(|r| r.get("Type")).and_then(J::as_str);
    let props = |r: &J| r.get("Properties").and_then(J::as_object).cloned().unwrap_or_default();
    for (id, r) in rs {
        let Some(rm) = r.as_object() else { continue };
        if type_of(id) != Some("AWS::EC2::VPCGatewayAttachment") || !only_keys(rm, &["Type", "Properties", "DependsOn"])
        {
            continue;
        }
        let p = props(r);
        // A `DependsOn` naming the gateway only says what the reference implies.
        let implied = p.get("InternetGatewayId").and_then(ref_name);
        if !depends_on(r).iter().all(|d| Some(d.as_str()) == implied) {
            continue;
        }
        if !only_keys(&p, &["InternetGatewayId", "VpcId"]) {
            continue;
        }
        let (Some(igw), Some(vpc)) = (
            p.get("InternetGatewayId").and_then(ref_name),
            p.get("VpcId").and_then(ref_name),
        ) else {
            continue;
        };
        let igw_ok = rs
            .get(igw)
            .and_then(J::as_object)
            .is_some_and(|g| only_keys(g, &["Type", "Properties"]) && only_keys(&props(&rs[igw]), &["Tags"]));
        if type_of(igw) == Some("AWS::EC2::InternetGateway")
            && type_of(vpc) == Some("AWS::EC2::VPC")
            && igw_ok
            && !plan.igws.contains_key(igw)
        {
            plan.igws.insert(
                igw.to_owned(),
                Igw {
                    attachment: id.clone(),
                    vpc: vpc.to_owned(),
                },
            );
            plan.attachments.insert(id.clone(), igw.to_owned());
        }
    }
    // VPN gateways and their attachments: `stack.attach_vpn_gateway`.
    for (id, r) in rs {
        let Some(rm) = r.as_object() else { continue };
        if type_of(id) != Some("AWS::EC2::VPCGatewayAttachment") || !only_keys(rm, &["Type", "Properties", "DependsOn"])
        {
            continue;
        }
        let p = props(r);
        let implied = p.get("VpnGatewayId").and_then(ref_name);
        if !depends_on(r).iter().all(|d| Some(d.as_str()) == implied) || !only_keys(&p, &["VpnGatewayId", "VpcId"]) {
            continue;
        }
        let (Some(vgw), Some(vpc)) = (implied, p.get("VpcId").and_then(ref_name)) else {
            continue;
        };
        let vgw_ok = rs
            .get(vgw)
            .and_then(J::as_object)
            .is_some_and(|g| only_keys(g, &["Type", "Properties"]));
        if type_of(vgw) == Some("AWS::EC2::VPNGateway")
            && type_of(vpc) == Some("AWS::EC2::VPC")
            && vgw_ok
            && !plan.vgws.contains_key(vgw)
        {
            plan.vgws.insert(
                vgw.to_owned(),
                Igw {
                    attachment: id.clone(),
                    vpc: vpc.to_owned(),
                },
            );
            plan.attachments.insert(id.clone(), vgw.to_owned());
        }
    }
    // Transit gateway attachments (one per transit gateway): `stack.attach_transit_gateway_with`.
    let mut per_tgw: HashMap<String, usize> = HashMap::new();
    for (id, r) in rs {
        if type_of(id) == Some("AWS::EC2::TransitGatewayAttachment") {
            if let Some(t) = r.get("Properties").and_then(|p| p.get("TransitGatewayId")) {
                *per_tgw.entry(t.to_string()).or_default() += 1;
            }
        }
    }
    for (id, r) in rs {
        let Some(rm) = r.as_object() else { continue };
        if type_of(id) != Some("AWS::EC2::TransitGatewayAttachment") || !only_keys(rm, &["Type", "Properties"]) {
            continue;
        }
        let p = props(r);
        let (Some(tgw), Some(vpc)) = (p.get("TransitGatewayId"), p.get("VpcId").and_then(ref_name)) else {
            continue;
        };
        if type_of(vpc) == Some("AWS::EC2::VPC")
            && per_tgw.get(&tgw.to_string()) == Some(&1)
            && p.contains_key("SubnetIds")
        {
            plan.tgw_attachments.insert(id.clone(), (tgw.clone(), vpc.to_owned()));
        }
    }
    // VPC Elastic IPs wait for the attachment (of the only gateway, or of the one they name).
    for (id, r) in rs {
        if type_of(id) != Some("AWS::EC2::EIP")
            || !r
                .get("Properties")
                .is_some_and(|p| p.get("Domain") == Some(&J::from("vpc")))
        {
            continue;
        }
        let named: Vec<String> = depends_on(r)
            .into_iter()
            .filter_map(|d| plan.attachments.get(&d).cloned())
            .collect();
        let igw = match (named.first(), plan.igws.len()) {
            (Some(g), _) => Some(g.clone()),
            (None, 1) => plan.igws.keys().next().cloned(),
            _ => None,
        };
        if let Some(igw) = igw {
            plan.vpc_eips.insert(id.clone(), igw);
        }
    }
    // Inline ingress rules naming a group of the template.
    for (id, r) in rs {
        if type_of(id) != Some("AWS::EC2::SecurityGroup") {
            continue;
        }
        let p = props(r);
        let Some(rules) = p.get("SecurityGroupIngress").and_then(J::as_array) else {
            continue;
        };
        for (i, rule) in rules.iter().enumerate() {
            let Some(rule) = rule.as_object() else { continue };
            let source = match rule.get("SourceSecurityGroupId") {
                Some(v) => match (ref_name(v), getatt_parts(v)) {
                    (Some(n), _) => n.to_owned(),
                    (None, Some((n, a))) if a == "GroupId" => n,
                    _ => continue,
                },
                None => continue,
            };
            if type_of(&source) != Some("AWS::EC2::SecurityGroup") || source == *id {
                continue;
            }
            if !only_keys(
                rule,
                &[
                    "IpProtocol",
                    "FromPort",
                    "ToPort",
                    "SourceSecurityGroupId",
                    "Description",
                ],
            ) {
                continue;
            }
            let Some(port) = port_of(rule) else { continue };
            let ids = format!("{id}From{source}{}", plan.removed_rules.get(id).map_or(0, Vec::len) + 1);
            plan.removed_rules.entry(id.clone()).or_default().push(i);
            plan.allows.push(Allow {
                target: id.clone(),
                source,
                port,
                ids,
            });
        }
    }
    // Inline egress rules naming a group of the template: the same traffic as an ingress rule
    // turned into `allow` above, so the standalone pair replaces both. An egress rule with no
    // such ingress rule stays (an `allow` would also open the destination's ingress).
    for (id, r) in rs {
        if type_of(id) != Some("AWS::EC2::SecurityGroup") {
            continue;
        }
        let p = props(r);
        let Some(rules) = p.get("SecurityGroupEgress").and_then(J::as_array) else {
            continue;
        };
        for (i, rule) in rules.iter().enumerate() {
            let Some(rule) = rule.as_object() else { continue };
            let dest = match rule.get("DestinationSecurityGroupId") {
                Some(v) => match (ref_name(v), getatt_parts(v)) {
                    (Some(n), _) => n.to_owned(),
                    (None, Some((n, a))) if a == "GroupId" => n,
                    _ => continue,
                },
                None => continue,
            };
            if !only_keys(
                rule,
                &[
                    "IpProtocol",
                    "FromPort",
                    "ToPort",
                    "DestinationSecurityGroupId",
                    "Description",
                ],
            ) {
                continue;
            }
            let Some(port) = port_of(rule) else { continue };
            if plan
                .allows
                .iter()
                .any(|a| a.source == *id && a.target == dest && a.port == port)
            {
                plan.removed_egress.entry(id.clone()).or_default().push(i);
            }
        }
    }
    plan_mounts(w, rs, &mut plan);
    plan_forwards(rs, &mut plan);
    Ok(plan)
}

/// `[{"Type": "forward", "TargetGroupArn": {"Ref": TG}}]`: the target group.
fn forwards_only_to(actions: Option<&J>) -> Option<String> {
    let [a] = actions?.as_array()?.as_slice() else {
        return None;
    };
    let a = a.as_object()?;
    if !only_keys(a, &["Type", "TargetGroupArn"]) || a.get("Type")?.as_str()? != "forward" {
        return None;
    }
    ref_name(a.get("TargetGroupArn")?).map(str::to_owned)
}

/// Target groups that ECS services take, and the listener (or else listener rule) forwarding to
/// each, written by `stack.listen_with` / `stack.forward_rule` so that the services wait for it.
fn plan_forwards(rs: &Map<String, J>, plan: &mut Plan) {
    let type_of = |id: &str| rs.get(id).and_then(|r| r.get("Type")).and_then(J::as_str);
    let mut users: HashMap<String, Vec<String>> = HashMap::new();
    for (id, r) in rs {
        if type_of(id) != Some("AWS::ECS::Service") {
            continue;
        }
        for lb in r
            .get("Properties")
            .and_then(|p| p.get("LoadBalancers"))
            .and_then(J::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(tg) = lb.get("TargetGroupArn").and_then(ref_name) {
                if type_of(tg) == Some("AWS::ElasticLoadBalancingV2::TargetGroup") {
                    users.entry(tg.to_owned()).or_default().push(id.clone());
                }
            }
        }
    }
    if users.is_empty() {
        return;
    }
    let mut rules: Vec<Forward> = Vec::new();
    for (id, r) in rs {
        let Some(rm) = r.as_object() else { continue };
        if !only_keys(rm, &["Type", "Properties"]) {
            continue;
        }
        let p = r.get("Properties").and_then(J::as_object).cloned().unwrap_or_default();
        match type_of(id) {
            Some("AWS::ElasticLoadBalancingV2::Listener") => {
                let (Some(tg), Some(lb)) = (
                    forwards_only_to(p.get("DefaultActions")),
                    p.get("LoadBalancerArn").and_then(ref_name),
                ) else {
                    continue;
                };
                if users.contains_key(&tg)
                    && type_of(lb) == Some("AWS::ElasticLoadBalancingV2::LoadBalancer")
                    && !plan.forwards.contains_key(&tg)
                {
                    plan.forwards.insert(
                        tg.clone(),
                        Forward {
                            id: id.clone(),
                            target_group: tg,
                            load_balancer: Some(lb.to_owned()),
                        },
                    );
                }
            }
            Some("AWS::ElasticLoadBalancingV2::ListenerRule") => {
                let Some(tg) = forwards_only_to(p.get("Actions")) else {
                    continue;
                };
                let literal_priority = p.get("Priority").is_some_and(|x| x.as_i64().is_some());
                if users.contains_key(&tg)
                    && literal_priority
                    && only_keys(&p, &["Actions", "Conditions", "Priority", "ListenerArn"])
                {
                    rules.push(Forward {
                        id: id.clone(),
                        target_group: tg,
                        load_balancer: None,
                    });
                }
            }
            _ => {}
        }
    }
    // A listener's default action first; a rule where no listener forwards to the group.
    for f in rules {
        if !plan.forwards.contains_key(&f.target_group) {
            plan.forwards.insert(f.target_group.clone(), f);
        }
    }
    for (tg, f) in &plan.forwards {
        plan.forwarders.insert(f.id.clone(), tg.clone());
        for svc in &users[tg] {
            plan.forward_users.entry(svc.clone()).or_default().push(f.id.clone());
        }
    }
}

/// The name a value refers to when it is `Ref X` or `Fn::GetAtt [X, attr]`.
fn ref_or_getatt(v: &J, attr: &str) -> Option<String> {
    match (ref_name(v), getatt_parts(v)) {
        (Some(n), _) => Some(n.to_owned()),
        (None, Some((n, a))) if a == attr => Some(n),
        _ => None,
    }
}

/// A mount target as `mount_named` takes it.
struct Target {
    id: String,
    subnet: String,
    /// The subnet is a parameter (all of one file system's must be alike: one slice type).
    subnet_param: bool,
    sg: String,
}

/// EFS file systems whose mount targets `stack.mount_named` writes (ids kept), so that what
/// takes the file system (an ECS task definition's EFS volume) waits for every mount target.
fn plan_mounts(w: &Writer<'_>, rs: &Map<String, J>, plan: &mut Plan) {
    let type_of = |id: &str| rs.get(id).and_then(|r| r.get("Type")).and_then(J::as_str);
    let param_type = |n: &str| {
        w.root
            .get("Parameters")
            .and_then(|p| p.get(n))
            .and_then(|p| p.get("Type"))
            .and_then(J::as_str)
    };
    // Per file system, its mount targets; `None` for one of a shape `mount_named` does not write.
    let mut found: Vec<(String, Option<Target>)> = Vec::new();
    for (id, r) in rs {
        if type_of(id) != Some("AWS::EFS::MountTarget") {
            continue;
        }
        let Some(rm) = r.as_object() else { continue };
        let p = r.get("Properties").and_then(J::as_object).cloned().unwrap_or_default();
        let Some(fs) = p.get("FileSystemId").and_then(ref_name).map(str::to_owned) else {
            continue;
        };
        let shape = (|| {
            if !only_keys(rm, &["Type", "Properties"])
                || !only_keys(&p, &["FileSystemId", "SubnetId", "SecurityGroups"])
            {
                return None;
            }
            let subnet = p.get("SubnetId").and_then(ref_name)?.to_owned();
            let subnet_param = match (type_of(&subnet), param_type(&subnet)) {
                (Some("AWS::EC2::Subnet"), _) => false,
                (None, Some("AWS::EC2::Subnet::Id")) => true,
                _ => return None,
            };
            let groups = p.get("SecurityGroups").and_then(J::as_array)?;
            let [g] = groups.as_slice() else { return None };
            let sg = ref_or_getatt(g, "GroupId")?;
            let sg_ok = type_of(&sg) == Some("AWS::EC2::SecurityGroup")
                || (type_of(&sg).is_none() && param_type(&sg) == Some("AWS::EC2::SecurityGroup::Id"));
            sg_ok.then_some(Target {
                id: id.clone(),
                subnet,
                subnet_param,
                sg,
            })
        })();
        found.push((fs, shape));
    }
    let mut by_fs: HashMap<String, Vec<Option<Target>>> = HashMap::new();
    for (fs, t) in found {
        by_fs.entry(fs).or_default().push(t);
    }
    for (fs, targets) in by_fs {
        if type_of(&fs) != Some("AWS::EFS::FileSystem") {
            continue;
        }
        let Some(targets) = targets.into_iter().collect::<Option<Vec<_>>>() else {
            continue;
        };
        let sg = targets[0].sg.clone();
        let params = targets[0].subnet_param;
        if targets.iter().any(|t| t.sg != sg || t.subnet_param != params) {
            continue;
        }
        for t in &targets {
            plan.mount_targets.insert(t.id.clone(), fs.clone());
        }
        plan.mounts.insert(
            fs.clone(),
            Mount {
                targets: targets.into_iter().map(|t| (t.id, t.subnet)).collect(),
                security_group: sg,
            },
        );
    }
    // What names a mounted file system in an EFS volume waits for its mount targets: declared
    // after them.
    for (id, r) in rs {
        if type_of(id) != Some("AWS::ECS::TaskDefinition") {
            continue;
        }
        let mut named = Vec::new();
        for v in r
            .get("Properties")
            .and_then(|p| p.get("Volumes"))
            .and_then(J::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(fs) = v
                .get("EFSVolumeConfiguration")
                .and_then(|c| c.get("FilesystemId"))
                .and_then(ref_name)
            {
                if plan.mounts.contains_key(fs) {
                    named.push(fs.to_owned());
                }
            }
        }
        if !named.is_empty() {
            plan.mount_users.insert(id.clone(), named);
        }
    }
}

/// The `DependsOn` of the resource being written.
fn current_depends_on(w: &Writer<'_>) -> Vec<String> {
    w.root
        .get("Resources")
        .and_then(|rs| rs.get(&w.location))
        .map(depends_on)
        .unwrap_or_default()
}

fn depends_on(r: &J) -> Vec<String> {
    match r.get("DependsOn") {
        Some(J::String(s)) => vec![s.clone()],
        Some(J::Array(a)) => a.iter().filter_map(J::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

fn int(v: Option<&J>) -> Option<i64> {
    match v? {
        J::Number(n) => n.as_i64(),
        J::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A health check whose `Type` contradicts its `Port` (HTTPS on 80, the seed's
/// `HTTPS_STR_MATCH`, or HTTP on 443) never succeeds: the port is where the endpoint listens, so
/// the type follows it (`HealthCheckTarget::http…` / `https…` in the safe API).
fn health_check_port(w: &mut Writer<'_>, id: &str, props: &mut Map<String, J>) {
    let Some(J::Object(config)) = props.get_mut("HealthCheckConfig") else {
        return;
    };
    let (Some(J::String(ty)), Some(port)) = (config.get("Type"), int(config.get("Port"))) else {
        return;
    };
    let fixed = match (ty.as_str(), port) {
        ("HTTPS", 80) => "HTTP",
        ("HTTPS_STR_MATCH", 80) => "HTTP_STR_MATCH",
        ("HTTP", 443) => "HTTPS",
        ("HTTP_STR_MATCH", 443) => "HTTPS_STR_MATCH",
        _ => return,
    };
    w.changes.push(Change {
        resource: id.to_owned(),
        problem: format!("the health check's type {ty} contradicts its port {port}: it never succeeds"),
        fix: format!("writes Type {fixed}, the protocol port {port} serves"),
    });
    config.insert("Type".into(), J::from(fixed));
    if fixed.starts_with("HTTP_") || fixed == "HTTP" {
        // SNI is an HTTPS setting.
        config.shift_remove("EnableSNI");
    }
}

/// The `Port` of an inline rule, when `Port` can say it.
fn port_of(rule: &Map<String, J>) -> Option<String> {
    let proto = match rule.get("IpProtocol")? {
        J::String(s) => s.to_ascii_lowercase(),
        J::Number(n) => n.to_string(),
        _ => return None,
    };
    if proto == "-1" {
        return Some("Port::all_traffic()".into());
    }
    let from = u16::try_from(int(rule.get("FromPort"))?).ok()?;
    let to = u16::try_from(int(rule.get("ToPort"))?).ok()?;
    let f = match proto.as_str() {
        "tcp" | "6" => "tcp_range",
        "udp" | "17" => "udp_range",
        _ => return None,
    };
    (from <= to).then(|| format!("Port::{f}({from}, {to})"))
}

impl Plan {
    /// Logical ids `id` must be declared after, beyond its own references.
    pub(super) fn extra_deps(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(g) = self.vgws.get(id) {
            out.push(g.vpc.clone());
        }
        if let Some(g) = self.igws.get(id) {
            out.push(g.vpc.clone());
        }
        if let Some(igw) = self.vpc_eips.get(id) {
            out.push(self.igws[igw].attachment.clone());
        }
        // The first mount target stands for all of them (`mount_named` writes them together).
        if let Some(fs) = self.mount_targets.get(id) {
            let m = &self.mounts[fs];
            if m.targets.first().is_some_and(|(t, _)| t == id) {
                out.push(fs.clone());
                out.push(m.security_group.clone());
                out.extend(m.targets.iter().map(|(_, subnet)| subnet.clone()));
            }
        }
        out.extend(self.forward_users.get(id).into_iter().flatten().cloned());
        for fs in self.mount_users.get(id).into_iter().flatten() {
            out.extend(self.mounts[fs].targets.first().map(|(t, _)| t.clone()));
        }
        out
    }

    /// `id` is written by a safe construct rather than on its own.
    pub(super) fn skip(&self, id: &str) -> bool {
        self.igws.contains_key(id)
            || self.vgws.contains_key(id)
            || self.tgw_attachments.contains_key(id)
            || self.attachments.contains_key(id)
            || self.mount_targets.contains_key(id)
            || self.forwarders.contains_key(id)
    }

    /// The variable holding the forwarding made for listener or rule `id`.
    fn forwarding(w: &Writer<'_>, id: &str) -> String {
        format!("{}_forwarding", Self::var(w, id))
    }

    /// `stack.listen_with(…)` or `stack.forward_rule(…)` for listener or rule `id`.
    fn write_forward(&self, w: &mut Writer<'_>, id: &str) -> Result<bool, WriteError> {
        let Some(tg) = self.forwarders.get(id) else {
            return Ok(false);
        };
        let f = &self.forwards[tg];
        let rs = w.section("Resources")?.cloned().unwrap_or_default();
        let props = rs[id]
            .get("Properties")
            .and_then(J::as_object)
            .cloned()
            .unwrap_or_default();
        let type_name = if f.load_balancer.is_some() {
            "AWS::ElasticLoadBalancingV2::Listener"
        } else {
            "AWS::ElasticLoadBalancingV2::ListenerRule"
        };
        let info = w
            .cat
            .resource(type_name)
            .ok_or_else(|| WriteError(format!("the catalog has no {type_name}")))?;
        w.feature("elasticloadbalancingv2");
        let err = |why: super::Why| WriteError(format!("Resources.{id}: {}", why.1));
        let tg_var = Self::var(w, tg);
        w.used.insert(tg_var.clone());
        let forwarding = Self::forwarding(w, id);
        let (text, handle) = match &f.load_balancer {
            Some(lb) => {
                let mut rest = props.clone();
                rest.shift_remove("DefaultActions");
                rest.shift_remove("LoadBalancerArn");
                let setters = w.resource_setters(info, id, &rest).map_err(err)?;
                let lb_var = Self::var(w, lb);
                w.used.insert(lb_var.clone());
                (
                    format!(
                        "stack.listen_with({}, &{lb_var}, &{tg_var}, |l| l{setters});",
                        rust_str(id)
                    ),
                    "listener",
                )
            }
            None => {
                let listener = match props.get("ListenerArn") {
                    Some(x) => w.resource_arg(info, id, "ListenerArn", x).map_err(err)?,
                    None => {
                        return Err(WriteError(format!(
                            "Resources.{id}: a listener rule without ListenerArn"
                        )))
                    }
                };
                let conditions = match props.get("Conditions") {
                    Some(x) => w.resource_arg(info, id, "Conditions", x).map_err(err)?,
                    None => "[]".into(),
                };
                let priority = props.get("Priority").and_then(J::as_i64).unwrap_or_default();
                (
                    format!(
                        "stack.forward_rule({}, {listener}, &{tg_var}, {priority}, {conditions});",
                        rust_str(id)
                    ),
                    "rule",
                )
            }
        };
        w.push(Some(forwarding.clone()), text);
        let var = Self::var(w, id);
        w.push(Some(var), format!("{forwarding}.{handle}().clone();"));
        Ok(true)
    }

    /// The variable holding the mounted file system made for `fs`.
    fn mounted(w: &Writer<'_>, fs: &str) -> String {
        format!("{}_mounted", Self::var(w, fs))
    }

    /// `stack.mount_named(…)` for the file system of mount target `id`, written at its first
    /// mount target.
    fn write_mount(&self, w: &mut Writer<'_>, id: &str) -> bool {
        let Some(fs) = self.mount_targets.get(id) else {
            return false;
        };
        let m = &self.mounts[fs];
        if m.targets.first().is_none_or(|(t, _)| t != id) {
            return true;
        }
        w.feature("efs");
        w.feature("ec2");
        let fs_var = Self::var(w, fs);
        let sg = match w.syms.get(&m.security_group) {
            Some(Sym::Resource { var, .. } | Sym::Param { var, .. }) => var.clone(),
            None => m.security_group.to_lowercase(),
        };
        let mut pairs = Vec::new();
        for (t, subnet) in &m.targets {
            let sv = match w.syms.get(subnet) {
                Some(Sym::Resource { var, .. } | Sym::Param { var, .. }) => var.clone(),
                None => subnet.to_lowercase(),
            };
            w.used.insert(sv.clone());
            pairs.push(format!("({}, &{sv})", rust_str(t)));
        }
        w.used.insert(fs_var.clone());
        w.used.insert(sg.clone());
        let mounted = Self::mounted(w, fs);
        w.push(
            Some(mounted.clone()),
            format!("stack.mount_named(&{fs_var}, &[{}], &{sg});", pairs.join(", ")),
        );
        true
    }

    /// The variable holding the attached gateway made for `igw`.
    fn attached(w: &Writer<'_>, igw: &str) -> String {
        match w.syms.get(igw) {
            Some(Sym::Resource { var, .. }) => format!("{var}_attached"),
            _ => format!("{}_attached", igw.to_lowercase()),
        }
    }

    fn var(w: &Writer<'_>, id: &str) -> String {
        match w.syms.get(id) {
            Some(Sym::Resource { var, .. }) => var.clone(),
            _ => id.to_lowercase(),
        }
    }

    /// Writes the safe construct standing for `id`; `true` when `id` is written by it.
    pub(super) fn write(&self, w: &mut Writer<'_>, id: &str) -> Result<bool, WriteError> {
        if self.attachments.contains_key(id) {
            return Ok(true);
        }
        if self.write_mount(w, id)
            || self.write_forward(w, id)?
            || self.write_vpn(w, id)?
            || self.write_transit(w, id)?
        {
            return Ok(true);
        }
        let Some(g) = self.igws.get(id) else {
            return Ok(false);
        };
        let rs = w.section("Resources")?.cloned().unwrap_or_default();
        let info = w
            .cat
            .resource("AWS::EC2::InternetGateway")
            .ok_or_else(|| WriteError("the catalog has no AWS::EC2::InternetGateway".into()))?;
        w.feature("ec2");
        let mut customize = String::from("|g| g");
        if let Some(tags) = rs[id].get("Properties").and_then(|p| p.get("Tags")) {
            if let Some(f) = info.main.field("Tags") {
                match w.field_arg(info, &f.kind, tags) {
                    Ok(code) => customize = format!("|g| g.tags({code})"),
                    Err(why) => return Err(WriteError(format!("Resources.{id}.Tags: {}", why.1))),
                }
            }
        }
        let attached = Self::attached(w, id);
        let vpc = Self::var(w, &g.vpc);
        let gw = Self::var(w, id);
        let att = Self::var(w, &g.attachment);
        w.used.insert(vpc.clone());
        w.push(
            Some(attached.clone()),
            format!(
                "stack.attach_internet_gateway_with(cfn::model::safe::gateway::GatewayIds::new({}, {}), &{vpc}, {customize});",
                rust_str(id),
                rust_str(&g.attachment)
            ),
        );
        w.used.insert(attached.clone());
        w.push(Some(gw), format!("{attached}.gateway().clone();"));
        w.push(Some(att), format!("{attached}.attachment().clone();"));
        Ok(true)
    }

    /// `stack.attach_vpn_gateway(…)` for VPN gateway `id` and its attachment.
    fn write_vpn(&self, w: &mut Writer<'_>, id: &str) -> Result<bool, WriteError> {
        let Some(g) = self.vgws.get(id) else {
            return Ok(false);
        };
        let rs = w.section("Resources")?.cloned().unwrap_or_default();
        let info = w
            .cat
            .resource("AWS::EC2::VPNGateway")
            .ok_or_else(|| WriteError("the catalog has no AWS::EC2::VPNGateway".into()))?;
        w.feature("ec2");
        let props = rs[id]
            .get("Properties")
            .and_then(J::as_object)
            .cloned()
            .unwrap_or_default();
        let escapes = w.escapes.len();
        let (gateway, raw) = w.typed_resource(info, &props);
        if !raw.is_empty() || w.escapes.len() != escapes {
            return Err(WriteError(format!(
                "Resources.{id}: a VPN gateway the typed API cannot write, attached by `{}`",
                g.attachment
            )));
        }
        let attached = Self::attached(w, id);
        let vpc = Self::var(w, &g.vpc);
        w.used.insert(vpc.clone());
        w.used.insert(attached.clone());
        w.push(
            Some(attached.clone()),
            format!(
                "stack.attach_vpn_gateway(cfn::model::safe::gateway::GatewayIds::new({}, {}), &{vpc}, {gateway});",
                rust_str(id),
                rust_str(&g.attachment)
            ),
        );
        let gw = Self::var(w, id);
        let att = Self::var(w, &g.attachment);
        w.push(Some(gw), format!("{attached}.gateway().clone();"));
        w.push(Some(att), format!("{attached}.attachment().clone();"));
        Ok(true)
    }

    /// `stack.attach_transit_gateway_with(…)` for transit gateway attachment `id`.
    fn write_transit(&self, w: &mut Writer<'_>, id: &str) -> Result<bool, WriteError> {
        let Some((tgw, vpc)) = self.tgw_attachments.get(id) else {
            return Ok(false);
        };
        let rs = w.section("Resources")?.cloned().unwrap_or_default();
        let info = w
            .cat
            .resource("AWS::EC2::TransitGatewayAttachment")
            .ok_or_else(|| WriteError("the catalog has no AWS::EC2::TransitGatewayAttachment".into()))?;
        w.feature("ec2");
        let mut props = rs[id]
            .get("Properties")
            .and_then(J::as_object)
            .cloned()
            .unwrap_or_default();
        let subnets = props.shift_remove("SubnetIds").unwrap_or(J::Null);
        props.shift_remove("TransitGatewayId");
        props.shift_remove("VpcId");
        let err = |why: super::Why| WriteError(format!("Resources.{id}: {}", why.1));
        let tgw_arg = w.resource_arg(info, id, "TransitGatewayId", tgw).map_err(err)?;
        let subnets_arg = w.resource_arg(info, id, "SubnetIds", &subnets).map_err(err)?;
        let setters = w.resource_setters(info, id, &props).map_err(err)?;
        let vpc_var = Self::var(w, vpc);
        w.used.insert(vpc_var.clone());
        let attached = Self::transit(w, id);
        w.used.insert(attached.clone());
        w.push(
            Some(attached.clone()),
            format!(
                "stack.attach_transit_gateway_with({}, {tgw_arg}, &{vpc_var}, {subnets_arg}, |a| a{setters});",
                rust_str(id)
            ),
        );
        let var = Self::var(w, id);
        w.push(Some(var), format!("{attached}.attachment().clone();"));
        Ok(true)
    }

    /// The variable holding the attached transit gateway made by attachment `id`.
    fn transit(w: &Writer<'_>, id: &str) -> String {
        format!("{}_attached", Self::var(w, id))
    }

    /// Attributes to add to `id` (`.depends_on(…)` for a VPC Elastic IP).
    pub(super) fn extra_attrs(&self, w: &mut Writer<'_>, id: &str, r: &J) -> String {
        let Some(igw) = self.vpc_eips.get(id) else {
            return String::new();
        };
        let att = &self.igws[igw].attachment;
        if depends_on(r).iter().any(|d| d == att) {
            return String::new();
        }
        let var = Self::var(w, att);
        w.used.insert(var.clone());
        w.changes.push(Change {
            resource: id.to_owned(),
            problem: format!(
                "the VPC Elastic IP does not wait for the internet gateway's attachment `{att}` (the allocation can fail)"
            ),
            fix: format!("adds DependsOn `{att}`"),
        });
        format!(".depends_on(&{var})")
    }

    /// Drops the inline rules that become standalone ones; replaces a retired engine.
    pub(super) fn rewrite_props(&self, w: &mut Writer<'_>, id: &str, type_name: &str, props: &mut Map<String, J>) {
        // `aurora` (Aurora MySQL 5.6) reached end of life in 2023: RDS refuses to create it. With
        // no version pinned, its successor `aurora-mysql` is what a new cluster gets.
        if matches!(type_name, "AWS::RDS::DBCluster" | "AWS::RDS::DBInstance")
            && props.get("Engine") == Some(&J::from("aurora"))
            && !props.contains_key("EngineVersion")
        {
            props.insert("Engine".into(), J::from("aurora-mysql"));
            w.changes.push(Change {
                resource: id.to_owned(),
                problem: "the engine `aurora` (Aurora MySQL 5.6) is retired: RDS refuses to create it".into(),
                fix: "writes the engine `aurora-mysql`, its successor".into(),
            });
        }
        // A deprecated engine version: RDS refuses to create it; the newest of its major is what
        // the data (and `validate`'s `engine-version` finding) names instead.
        if matches!(type_name, "AWS::RDS::DBCluster" | "AWS::RDS::DBInstance") {
            if let (Some(J::String(engine)), Some(J::String(version))) =
                (props.get("Engine"), props.get("EngineVersion"))
            {
                if let EngineVersionStatus::Deprecated(s) = rds_engine_version_status(type_name, engine, version) {
                    if let Some(newest) = s.newest_of_major {
                        w.changes.push(Change {
                            resource: id.to_owned(),
                            problem: format!(
                                "{engine} {version} is a deprecated engine version: RDS refuses to create it"
                            ),
                            fix: format!("writes EngineVersion {newest}, the newest {engine} {} version", s.major),
                        });
                        props.insert("EngineVersion".into(), J::from(newest));
                    }
                }
            }
        }
        if type_name == "AWS::Route53::HealthCheck" {
            health_check_port(w, id, props);
        }
        self.drop_rules(id, props);
    }

    /// `id`'s resource as the program writes it, for ordering: without the inline rules that
    /// become standalone ones (their references would otherwise form the very cycle they break).
    pub(super) fn as_written(&self, id: &str, r: &J) -> J {
        let mut r = r.clone();
        if let Some(J::Object(props)) = r.get_mut("Properties") {
            self.drop_rules(id, props);
        }
        r
    }

    /// Drops the inline rules of `id` that become standalone ones.
    fn drop_rules(&self, id: &str, props: &mut Map<String, J>) {
        for (key, removed) in [
            ("SecurityGroupIngress", self.removed_rules.get(id)),
            ("SecurityGroupEgress", self.removed_egress.get(id)),
        ] {
            let Some(removed) = removed else { continue };
            if let Some(J::Array(rules)) = props.get_mut(key) {
                let kept: Vec<J> = rules
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !removed.contains(i))
                    .map(|(_, r)| r.clone())
                    .collect();
                if kept.is_empty() {
                    props.shift_remove(key);
                } else {
                    *rules = kept;
                }
            }
        }
    }

    /// The statements written once every resource is declared (`stack.allow_named(…)`).
    pub(super) fn finish(&self, w: &mut Writer<'_>) {
        for a in &self.allows {
            let (source, target) = (Self::var(w, &a.source), Self::var(w, &a.target));
            w.used.insert(source.clone());
            w.used.insert(target.clone());
            let paired_egress = self.paired_egress(w, a);
            w.changes.push(Change {
                resource: a.target.clone(),
                problem: format!(
                    "an inline ingress rule names security group `{}` of this template (groups naming each other form a cycle CloudFormation refuses){}",
                    a.source,
                    if paired_egress.is_some() {
                        format!(", and `{}` has the matching inline egress rule", a.source)
                    } else {
                        String::new()
                    }
                ),
                fix: format!(
                    "writes stack.allow_named(\"{}\", …): standalone AWS::EC2::SecurityGroupEgress/Ingress `{0}Egress`/`{0}Ingress`{}",
                    a.ids,
                    paired_egress.unwrap_or_default()
                ),
            });
            w.push(
                None,
                format!(
                    "stack.allow_named({}, &{source}, &{target}, cfn::model::safe::security_group::{});",
                    rust_str(&a.ids),
                    a.port
                ),
            );
        }
    }

    /// When `a` also replaces an inline egress rule of its source: what the fix says of it.
    fn paired_egress(&self, w: &Writer<'_>, a: &Allow) -> Option<String> {
        let removed = self.removed_egress.get(&a.source)?;
        let rules = w
            .root
            .get("Resources")
            .and_then(|rs| rs.get(&a.source))
            .and_then(|r| r.get("Properties"))
            .and_then(|p| p.get("SecurityGroupEgress"))
            .and_then(J::as_array)?;
        let pairs = removed.iter().any(|&i| {
            rules.get(i).and_then(J::as_object).is_some_and(|r| {
                let dest = r.get("DestinationSecurityGroupId");
                let names = dest
                    .and_then(ref_name)
                    .map(str::to_owned)
                    .or_else(|| dest.and_then(getatt_parts).map(|(n, _)| n));
                names.as_deref() == Some(a.target.as_str()) && port_of(r).as_deref() == Some(a.port.as_str())
            })
        });
        if !pairs {
            return None;
        }
        let left = rules.len() - removed.len();
        Some(format!(
            " (it replaces `{}`'s inline egress rule too{})",
            a.source,
            if left == 0 {
                "; that group has no inline egress rule left, so it keeps AWS's default allow-all egress"
            } else {
                ""
            }
        ))
    }

    /// The evidence value (`AttachedGatewayId`, …) for `x`, when a safe construct yields it.
    pub(super) fn evidence(&self, w: &mut Writer<'_>, marker: &str, x: &J) -> Option<String> {
        match marker {
            "AttachedGatewayId" if !ref_name(x).is_some_and(|g| self.vgws.contains_key(g)) => {
                let igw = ref_name(x)?;
                let g = self.igws.get(igw)?;
                let attached = Self::attached(w, igw);
                w.used.insert(attached.clone());
                let here = w.location.clone();
                if !current_depends_on(w).contains(&g.attachment) {
                    w.changes.push(Change {
                        resource: here,
                        problem: format!(
                            "the route goes through internet gateway `{igw}` without waiting for its attachment `{}` (it can be created first, and fail)",
                            g.attachment
                        ),
                        fix: format!("takes `{attached}.gateway_id()`, which adds DependsOn `{}`", g.attachment),
                    });
                }
                Some(format!("{attached}.gateway_id()"))
            }
            "AttachedGatewayId" | "AttachedVpnGatewayId" if ref_name(x).is_some_and(|g| self.vgws.contains_key(g)) => {
                let vgw = ref_name(x)?;
                let g = &self.vgws[vgw];
                let attached = Self::attached(w, vgw);
                w.used.insert(attached.clone());
                let here = w.location.clone();
                let (what, method) = if marker == "AttachedGatewayId" {
                    ("the route goes through", "gateway_id")
                } else {
                    ("route propagation from", "vpn_gateway_id")
                };
                if !current_depends_on(w).contains(&g.attachment) {
                    w.changes.push(Change {
                        resource: here,
                        problem: format!(
                            "{what} VPN gateway `{vgw}` without waiting for its attachment `{}` (it can be created first, and fail)",
                            g.attachment
                        ),
                        fix: format!("takes `{attached}.{method}()`, which adds DependsOn `{}`", g.attachment),
                    });
                }
                Some(format!("{attached}.{method}()"))
            }
            "AttachedTransitGatewayId" => {
                let (att, _) = self.tgw_attachments.iter().find(|(_, (t, _))| t == x)?;
                let attached = Self::transit(w, att);
                w.used.insert(attached.clone());
                let here = w.location.clone();
                if !current_depends_on(w).contains(att) {
                    w.changes.push(Change {
                        resource: here,
                        problem: format!(
                            "the route goes through a transit gateway without waiting for its VPC attachment `{att}` (it can be created first, and fail)"
                        ),
                        fix: format!("takes `{attached}.transit_gateway_id()`, which adds DependsOn `{att}`"),
                    });
                }
                Some(format!("{attached}.transit_gateway_id()"))
            }
            "MountedFileSystemId" => {
                let fs = ref_name(x)?;
                let m = self.mounts.get(fs)?;
                let mounted = Self::mounted(w, fs);
                w.used.insert(mounted.clone());
                let here = w.location.clone();
                let deps = current_depends_on(w);
                let missing: Vec<&str> = m
                    .targets
                    .iter()
                    .map(|(t, _)| t.as_str())
                    .filter(|t| !deps.iter().any(|d| d == t))
                    .collect();
                if !missing.is_empty() {
                    let all: Vec<String> = m.targets.iter().map(|(t, _)| format!("`{t}`")).collect();
                    w.changes.push(Change {
                        resource: here,
                        problem: format!(
                            "the EFS volume names file system `{fs}` without waiting for its mount targets {} (tasks that start first cannot mount it: the seed's ECS-on-EFS failure)",
                            missing.join(", ")
                        ),
                        fix: format!(
                            "writes stack.mount_named(&{}, …) for {} and takes `{mounted}.filesystem_id()`, which adds DependsOn on each",
                            Self::var(w, fs),
                            all.join(", ")
                        ),
                    });
                }
                Some(format!("{mounted}.filesystem_id()"))
            }
            "ForwardedTargetGroupArn" => {
                let tg = ref_name(x)?;
                let f = self.forwards.get(tg)?;
                let forwarding = Self::forwarding(w, &f.id);
                w.used.insert(forwarding.clone());
                let here = w.location.clone();
                if !current_depends_on(w).contains(&f.id) {
                    let (what, construct) = if f.load_balancer.is_some() {
                        ("listener", "stack.listen_with")
                    } else {
                        ("listener rule", "stack.forward_rule")
                    };
                    w.changes.push(Change {
                        resource: here,
                        problem: format!(
                            "the service takes target group `{tg}` without waiting for the {what} `{}` that forwards to it (ECS refuses a target group no load balancer uses yet)",
                            f.id
                        ),
                        fix: format!(
                            "writes {construct}(\"{}\", …) and takes `{forwarding}.target_group_arn()`, which adds DependsOn `{}`",
                            f.id, f.id
                        ),
                    });
                }
                Some(format!("{forwarding}.target_group_arn()"))
            }
            "AttachedAllocationId" => {
                let (eip, attr) = getatt_parts(x)?;
                if attr != "AllocationId" {
                    return None;
                }
                let igw = self.vpc_eips.get(&eip)?;
                let attached = Self::attached(w, igw);
                let var = Self::var(w, &eip);
                w.used.insert(attached.clone());
                w.used.insert(var.clone());
                let att = self.igws[igw].attachment.clone();
                let here = w.location.clone();
                if !current_depends_on(w).contains(&att) {
                    w.changes.push(Change {
                        resource: here,
                        problem: format!(
                            "the NAT gateway does not wait for the internet gateway's attachment `{att}` (it can be created first, and fail)"
                        ),
                        fix: format!("takes `{attached}.allocation_id(&{var})`, which adds DependsOn `{att}`"),
                    });
                }
                Some(format!("{attached}.allocation_id(&{var})"))
            }
            _ => None,
        }
    }

    /// A plain-text password in `x`: a `NoEcho` parameter instead, named after the property.
    pub(super) fn password(&self, w: &mut Writer<'_>, property: &str, x: &J) -> Option<String> {
        let J::String(s) = x else { return None };
        if s.starts_with("{{resolve:") {
            return None;
        }
        let here = w.location.clone();
        let name = format!("{here}{property}");
        if w.syms.contains_key(&name) {
            return None;
        }
        let var = w.var_name(&name);
        w.changes.push(Change {
            resource: here.clone(),
            problem: format!("`{property}` holds a plain-text password, kept in the template and the stack's history"),
            fix: format!(
                "declares the NoEcho parameter `{name}` (no default: pass the password at deploy time) and uses it"
            ),
        });
        w.used.insert(var.clone());
        w.push(
            Some(var.clone()),
            format!(
                "stack.parameter({}, Parameter::secret().description({}));",
                rust_str(&name),
                rust_str(&format!("{property} of {here} (was plain text in the template)"))
            ),
        );
        w.syms.insert(
            name,
            Sym::Param {
                var: var.clone(),
                ty: Ty::Secret,
            },
        );
        Some(format!("&{var}"))
    }
}
