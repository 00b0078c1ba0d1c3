//! The orderings AWS's documentation demands ([`cfn_model::aws_data::orderings::ORDERINGS`], the
//! generator's table), checked on every template: each row's [`Check`] finds a governed resource
//! that does not wait (through `Ref`, `Fn::GetAtt`, evidence or `DependsOn`, directly or through
//! others) for what AWS says it must, and reports it with the `DependsOn` to add and the construct
//! that carries the ordering. Chains (`Check::Sequence`) not chained are warnings; the rest are
//! errors.

use std::collections::BTreeMap;

use cfn_model::aws_data::orderings::{Check, Ordering, ORDERINGS};
use cfn_model::expr::{Expr, Mention};
use cfn_model::{ResourceDef, Template};

use crate::constraints::visit;
use crate::ordering::{literal, of_type, refs_at, Reach};
use crate::validate::Severity;

/// Receives each finding: severity, code, path, message, help, and the fix as data (the
/// governed resource and the `DependsOn` entries to add).
type Report<'a> = dyn FnMut(Severity, &'static str, String, String, String, MissingOrdering) + 'a;

/// A documented ordering a template does not follow, as data: what [`crate::missing_orderings`]
/// returns (the importer adds the `DependsOn` it names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingOrdering {
    /// The resource that must wait.
    pub resource: String,
    /// The logical ids it must wait for (`DependsOn` entries to add).
    pub depends_on: Vec<String>,
    /// The row of the documented-orderings table (`cfn_model::aws_data::orderings`).
    pub row: &'static str,
    /// Why, in the table's words.
    pub why: &'static str,
    /// The construct that carries the ordering in a typed program.
    pub construct: &'static str,
    /// `true` for a sequence not chained (a warning), `false` for a missing dependency (an error).
    pub sequence: bool,
}

/// What a property holds that names another resource: its `Ref`/`Fn::GetAtt` target, or a
/// literal (a name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    Res(&'a str),
    Lit(&'a str),
}

fn keys_at<'a>(r: &'a ResourceDef, path: &str) -> Vec<Key<'a>> {
    let mut segs = path.split('/');
    let first = segs.next().unwrap_or_default();
    let rest: Vec<&str> = segs.collect();
    let mut out = Vec::new();
    for (k, e) in &r.properties {
        if k == first {
            visit(e, &rest, &mut |v| match v {
                Expr::Ref(n) | Expr::GetAtt(n, _) => out.push(Key::Res(n)),
                Expr::Str(s) => out.push(Key::Lit(s)),
                _ => {}
            });
        }
    }
    out
}

fn is_true(r: &ResourceDef, path: &str) -> bool {
    let mut segs = path.split('/');
    let first = segs.next().unwrap_or_default();
    let rest: Vec<&str> = segs.collect();
    let mut yes = false;
    for (k, e) in &r.properties {
        if k == first {
            visit(e, &rest, &mut |v| {
                yes |= matches!(v, Expr::Bool(true)) || matches!(v, Expr::Str(s) if s.eq_ignore_ascii_case("true"))
            });
        }
    }
    yes
}

fn has_prop(r: &ResourceDef, prop: &str) -> bool {
    r.properties.iter().any(|(k, _)| k == prop)
}

fn waits_types(row: &'static Ordering, type_name: &str) -> bool {
    row.waits_for.contains(&type_name)
}

/// Reports `gov` (of type `ty`) missing `missing` for `row`.
fn missing(row: &'static Ordering, gov: &str, ty: &str, what: &str, missing: &[&str], report: &mut Report<'_>) {
    let list = missing.join(", ");
    let depends = if missing.len() == 1 {
        format!("\"DependsOn\": \"{list}\"")
    } else {
        format!(
            "\"DependsOn\": [{}]",
            missing
                .iter()
                .map(|m| format!("\"{m}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    report(
        Severity::Error,
        row.code,
        format!("Resources/{gov}"),
        format!(
            "{ty} {gov}{what} does not wait for {list}: {} (AWS documents this ordering: `{}`)",
            row.why, row.id
        ),
        format!("add {depends} to {gov}, or write it with {}", row.construct),
        MissingOrdering {
            resource: gov.to_owned(),
            depends_on: missing.iter().map(|m| (*m).to_owned()).collect(),
            row: row.id,
            why: row.why,
            construct: row.construct,
            sequence: false,
        },
    );
}

/// Runs every row of the table over `t`.
pub(crate) fn check(t: &Template, report: &mut Report<'_>) {
    let mut reach = Reach::new(t);
    for row in ORDERINGS {
        match row.check {
            Check::SharedKey { path, other_path } => shared_key(t, row, path, other_path, &mut reach, report),
            Check::AllOfType { other_when } => all_of_type(t, row, other_when, &mut reach, report),
            Check::Sequence { group_by, when } => sequence(t, row, group_by, when, &mut reach, report),
            Check::Custom(name) => custom(t, row, name, &mut reach, report),
        }
    }
}

fn governed<'a>(t: &'a Template, row: &'a Ordering) -> impl Iterator<Item = (&'a str, &'a ResourceDef)> + 'a {
    t.resources
        .iter()
        .filter(move |(_, r)| row.governs(&r.type_name))
        .map(|(id, r)| (&**id, r))
}

fn of_types<'a>(t: &'a Template, types: &'a [&'a str]) -> impl Iterator<Item = (&'a str, &'a ResourceDef)> + 'a {
    t.resources
        .iter()
        .filter(move |(_, r)| types.contains(&&*r.type_name))
        .map(|(id, r)| (&**id, r))
}

fn shared_key<'a>(
    t: &'a Template,
    row: &'static Ordering,
    path: &str,
    other_path: &str,
    reach: &mut Reach<'a>,
    report: &mut Report<'_>,
) {
    for (gid, g) in governed(t, row) {
        let keys = keys_at(g, path);
        if keys.is_empty() {
            continue;
        }
        let mut miss: Vec<&str> = Vec::new();
        for (oid, o) in of_types(t, row.waits_for) {
            if oid == gid || !keys_at(o, other_path).iter().any(|k| keys.contains(k)) {
                continue;
            }
            if !reach.waits_for(gid, oid) && !reach.waits_for(oid, gid) {
                miss.push(oid);
            }
        }
        if !miss.is_empty() {
            let shown = match keys[0] {
                Key::Res(n) => n.to_string(),
                Key::Lit(l) => format!("`{l}`"),
            };
            missing(
                row,
                gid,
                &g.type_name,
                &format!(" (its {path} is {shown})"),
                &miss,
                report,
            );
        }
    }
}

fn all_of_type<'a>(
    t: &'a Template,
    row: &'static Ordering,
    other_when: &str,
    reach: &mut Reach<'a>,
    report: &mut Report<'_>,
) {
    let others: Vec<&str> = of_types(t, row.waits_for)
        .filter(|(_, o)| match other_when.split_once('=') {
            Some((p, v)) => literal(o, p).is_some_and(|l| l.eq_ignore_ascii_case(v)),
            None => true,
        })
        .map(|(id, _)| id)
        .collect();
    if others.is_empty() {
        return;
    }
    for (gid, g) in governed(t, row) {
        if waits_types(row, &g.type_name) {
            continue;
        }
        let miss: Vec<&str> = others
            .iter()
            .copied()
            .filter(|o| !reach.waits_for(gid, o) && !reach.waits_for(o, gid))
            .collect();
        if !miss.is_empty() {
            missing(row, gid, &g.type_name, "", &miss, report);
        }
    }
}

fn sequence<'a>(
    t: &'a Template,
    row: &'static Ordering,
    group_by: &str,
    when: &[&str],
    reach: &mut Reach<'a>,
    report: &mut Report<'_>,
) {
    let mut groups: BTreeMap<Vec<Key<'a>>, Vec<&'a str>> = BTreeMap::new();
    for (gid, g) in governed(t, row) {
        if !when.is_empty() && !when.iter().any(|w| has_prop(g, w)) {
            continue;
        }
        let key = if group_by.is_empty() {
            Vec::new()
        } else {
            keys_at(g, group_by)
        };
        groups.entry(key).or_default().push(gid);
    }
    for members in groups.values() {
        for (i, &later) in members.iter().enumerate() {
            let unordered: Vec<&str> = members[..i]
                .iter()
                .copied()
                .filter(|&e| !reach.waits_for(later, e) && !reach.waits_for(e, later))
                .collect();
            if let Some(&prev) = unordered.last() {
                let ty = &t
                    .resources
                    .get(later)
                    .map(|r| r.type_name.to_string())
                    .unwrap_or_default();
                report(
                    Severity::Warning,
                    row.code,
                    format!("Resources/{later}"),
                    format!(
                        "{ty} {later} and {} are created at the same time: {} (AWS documents this ordering: `{}`)",
                        unordered.join(", "),
                        row.why,
                        row.id
                    ),
                    format!(
                        "chain them, e.g. add \"DependsOn\": \"{prev}\" to {later}, or write them with {}",
                        row.construct
                    ),
                    MissingOrdering {
                        resource: later.to_owned(),
                        depends_on: vec![prev.to_owned()],
                        row: row.id,
                        why: row.why,
                        construct: row.construct,
                        sequence: true,
                    },
                );
            }
        }
    }
}

/// A subnet of the template and the attachments of an internet gateway to its VPC.
fn vpc_attachments<'a>(t: &'a Template, subnet: &str) -> Vec<&'a str> {
    let Some(s) = t.resources.get(subnet).filter(|s| s.type_name == "AWS::EC2::Subnet") else {
        return Vec::new();
    };
    let vpcs = refs_at(s, "VpcId");
    of_type(t, "AWS::EC2::VPCGatewayAttachment")
        .filter(|(_, a)| has_prop(a, "InternetGatewayId") && refs_at(a, "VpcId").iter().any(|v| vpcs.contains(v)))
        .map(|(id, _)| id)
        .collect()
}

/// Whether a subnet of the template is public: it maps public IPs on launch, or its route table
/// routes through an internet gateway.
fn public_subnet(t: &Template, subnet: &str) -> bool {
    let Some(s) = t.resources.get(subnet) else { return false };
    if is_true(s, "MapPublicIpOnLaunch") {
        return true;
    }
    of_type(t, "AWS::EC2::SubnetRouteTableAssociation")
        .filter(|(_, a)| refs_at(a, "SubnetId").contains(&subnet))
        .flat_map(|(_, a)| refs_at(a, "RouteTableId"))
        .any(|rt| {
            of_type(t, "AWS::EC2::Route").any(|(_, r)| {
                refs_at(r, "RouteTableId").contains(&rt)
                    && refs_at(r, "GatewayId").iter().any(|g| {
                        t.resources
                            .get(*g)
                            .is_some_and(|g| g.type_name == "AWS::EC2::InternetGateway")
                    })
            })
        })
}

/// Reports `gov` when it waits for none of `candidates` (any of them will do).
fn any_of<'a>(
    row: &'static Ordering,
    reach: &mut Reach<'a>,
    gov: &'a str,
    ty: &str,
    what: &str,
    candidates: Vec<&'a str>,
    report: &mut Report<'_>,
) {
    if !candidates.is_empty() && !candidates.iter().any(|c| reach.waits_for(gov, c)) {
        missing(row, gov, ty, what, &candidates[..1], report);
    }
}

fn custom<'a>(t: &'a Template, row: &'static Ordering, name: &str, reach: &mut Reach<'a>, report: &mut Report<'_>) {
    match name {
        "public-instance" => {
            for (gid, g) in governed(t, row) {
                let mut subnets = refs_at(g, "SubnetId");
                subnets.extend(refs_at(g, "NetworkInterfaces/*/SubnetId"));
                let public_ip = is_true(g, "NetworkInterfaces/*/AssociatePublicIpAddress")
                    || refs_at(g, "SubnetId").iter().any(|s| {
                        t.resources.get(*s).is_some_and(|s| is_true(s, "MapPublicIpOnLaunch"))
                            && !has_prop(g, "NetworkInterfaces")
                    });
                if public_ip {
                    let atts = subnets.iter().flat_map(|s| vpc_attachments(t, s)).collect();
                    any_of(
                        row,
                        reach,
                        gid,
                        &g.type_name,
                        " has a public IP in a VPC of this template and",
                        atts,
                        report,
                    );
                }
            }
        }
        "public-asg" => {
            for (gid, g) in governed(t, row) {
                let atts = refs_at(g, "VPCZoneIdentifier/*")
                    .into_iter()
                    .filter(|s| public_subnet(t, s))
                    .flat_map(|s| vpc_attachments(t, s))
                    .collect();
                any_of(
                    row,
                    reach,
                    gid,
                    &g.type_name,
                    " launches into public subnets of this template and",
                    atts,
                    report,
                );
            }
        }
        "public-classic-lb" => {
            for (gid, g) in governed(t, row) {
                if literal(g, "Scheme") == Some("internal") {
                    continue;
                }
                let atts = refs_at(g, "Subnets/*")
                    .into_iter()
                    .flat_map(|s| vpc_attachments(t, s))
                    .collect();
                any_of(
                    row,
                    reach,
                    gid,
                    &g.type_name,
                    " is internet-facing in a VPC of this template and",
                    atts,
                    report,
                );
            }
        }
        "transit-route" => {
            // The route waits for the attachment of its transit gateway to the route table's VPC
            // (the same transit gateway attached to other VPCs is not its concern).
            for (gid, g) in governed(t, row) {
                let keys = keys_at(g, "TransitGatewayId");
                let Some(first) = keys.first() else { continue };
                let vpcs: Vec<&str> = refs_at(g, "RouteTableId")
                    .into_iter()
                    .filter_map(|rt| t.resources.get(rt))
                    .flat_map(|rt| refs_at(rt, "VpcId"))
                    .collect();
                let atts = of_types(t, row.waits_for)
                    .filter(|(_, a)| keys_at(a, "TransitGatewayId").iter().any(|k| keys.contains(k)))
                    .filter(|(_, a)| vpcs.is_empty() || refs_at(a, "VpcId").iter().any(|v| vpcs.contains(v)))
                    .map(|(id, _)| id)
                    .collect();
                let shown = match first {
                    Key::Res(n) => (*n).to_string(),
                    Key::Lit(l) => format!("`{l}`"),
                };
                any_of(
                    row,
                    reach,
                    gid,
                    &g.type_name,
                    &format!(" (its TransitGatewayId is {shown})"),
                    atts,
                    report,
                );
            }
        }
        "lambda-efs" => {
            for (gid, g) in governed(t, row) {
                for ap in refs_at(g, "FileSystemConfigs/*/Arn")
                    .into_iter()
                    .chain(getatts_at(g, "FileSystemConfigs/*/Arn"))
                {
                    let Some(ap_def) = t.resources.get(ap) else { continue };
                    for fs in refs_at(ap_def, "FileSystemId") {
                        let miss: Vec<&str> = of_type(t, "AWS::EFS::MountTarget")
                            .filter(|(_, m)| refs_at(m, "FileSystemId").contains(&fs))
                            .map(|(id, _)| id)
                            .filter(|m| !reach.waits_for(gid, m))
                            .collect();
                        if !miss.is_empty() {
                            missing(
                                row,
                                gid,
                                &g.type_name,
                                &format!(" mounts EFS file system {fs} (access point {ap}) but"),
                                &miss,
                                report,
                            );
                        }
                    }
                }
            }
        }
        "external-policy" => {
            let policies: Vec<(&str, Vec<&str>)> = t
                .resources
                .iter()
                .filter(|(_, r)| row.waits_for.contains(&&*r.type_name))
                .map(|(id, r)| (&**id, refs_at(r, "Roles/*")))
                .collect();
            if policies.is_empty() {
                return;
            }
            for (xid, x) in &t.resources {
                if x.type_name.starts_with("AWS::IAM::") {
                    continue;
                }
                let mut roles: Vec<&str> = Vec::new();
                for (_, e) in &x.properties {
                    e.mentions(&mut |m| {
                        if let Mention::Ref(n) | Mention::GetAtt(n, _) = m {
                            roles.push(n);
                        }
                    });
                }
                let miss: Vec<&str> = policies
                    .iter()
                    .filter(|(_, rs)| rs.iter().any(|r| roles.contains(r)))
                    .map(|(p, _)| *p)
                    .filter(|p| !reach.waits_for(xid, p) && !reach.waits_for(p, xid))
                    .collect();
                if !miss.is_empty() {
                    missing(
                        row,
                        xid,
                        &x.type_name,
                        " uses a role that an external policy attaches to, but",
                        &miss,
                        report,
                    );
                }
            }
        }
        "scalable-target" => {
            for (gid, g) in governed(t, row) {
                let Some(rid) = literal(g, "ResourceId") else { continue };
                let segs: Vec<&str> = rid.split('/').collect();
                for (oid, o) in &t.resources {
                    let Some(p) = crate::rules::name_property(&o.type_name, |p| has_prop(o, p)) else {
                        continue;
                    };
                    let Some(name) = literal(o, &p) else { continue };
                    if segs.iter().skip(1).any(|s| *s == name) && !reach.waits_for(gid, oid) {
                        missing(
                            row,
                            gid,
                            &g.type_name,
                            &format!(" (ResourceId `{rid}`) names {oid} but"),
                            &[oid],
                            report,
                        );
                    }
                }
            }
        }
        _ => {}
    }
}

/// The resources a property path holds by `Fn::GetAtt`.
fn getatts_at<'a>(r: &'a ResourceDef, path: &str) -> Vec<&'a str> {
    let mut segs = path.split('/');
    let first = segs.next().unwrap_or_default();
    let rest: Vec<&str> = segs.collect();
    let mut out = Vec::new();
    for (k, e) in &r.properties {
        if k == first {
            visit(e, &rest, &mut |v| {
                if let Expr::GetAtt(n, _) = v {
                    out.push(&**n);
                }
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written checks ([`Check::Custom`]) this module implements; `vpc-eip` is
    /// `gateway-attachment-order` of the ordering module (with routes and NAT gateways).
    const CUSTOM: &[&str] = &[
        "vpc-eip",
        "public-instance",
        "public-asg",
        "public-classic-lb",
        "transit-route",
        "lambda-efs",
        "external-policy",
        "scalable-target",
    ];

    /// Every row's check is implemented: a custom check this module does not know would be a row
    /// `validate` silently skips.
    #[test]
    fn every_row_has_a_check() {
        for row in ORDERINGS {
            if let Check::Custom(n) = row.check {
                assert!(
                    CUSTOM.contains(&n),
                    "row `{}`: custom check `{n}` is not implemented",
                    row.id
                );
            }
            assert!(!row.sentences.is_empty() && !row.construct.is_empty(), "{}", row.id);
        }
    }
}
