//! Per-resource-type rules on literal properties, whatever route built them (generated types,
//! `RawResource`, raw JSON): the validator sees the emitted property tree.
//!
//! - `health-check-port` (warning): a Route 53 health check whose port contradicts its protocol.
//! - `engine-version` (error): an RDS engine unknown to the resource type, or an engine version
//!   that is deprecated or was never offered.

use cfn_model::aws_data::{rds_engine_version_status, EngineVersionStatus, Suggestion};
use cfn_model::expr::Expr;
use cfn_model::{ResourceDef, Template};

use crate::validate::Severity;

type Report<'a> = dyn FnMut(Severity, &'static str, String, String, String) + 'a;

pub(crate) fn check(t: &Template, report: &mut Report<'_>) {
    for (id, r) in &t.resources {
        match &*r.type_name {
            "AWS::Route53::HealthCheck" => health_check_port(id, r, report),
            "AWS::RDS::DBInstance" | "AWS::RDS::DBCluster" => engine_version(id, r, report),
            _ => {}
        }
    }
}

fn prop<'a>(fields: &'a [(cfn_model::expr::Key, Expr)], name: &str) -> Option<&'a Expr> {
    fields.iter().find(|(k, _)| k == name).map(|(_, e)| e.strip_after())
}

/// A literal integer: `80`, `80.0` or `"80"` (raw JSON may write numbers as strings).
fn literal_int(e: &Expr) -> Option<i64> {
    match e {
        Expr::Int(i) => Some(*i),
        Expr::Float(f) if f.fract() == 0.0 => Some(*f as i64),
        Expr::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn health_check_port(id: &str, r: &ResourceDef, report: &mut Report<'_>) {
    let Some(Expr::Object(config)) = prop(&r.properties, "HealthCheckConfig") else {
        return;
    };
    let (Some(kind), Some(port)) = (
        prop(config, "Type").and_then(Expr::as_literal_str),
        prop(config, "Port").and_then(literal_int),
    ) else {
        return;
    };
    let (what, fix) = match (kind, port) {
        ("HTTPS" | "HTTPS_STR_MATCH", 80) => (
            "port 80 serves plain HTTP, so Route 53's TLS handshake fails and the check never passes",
            format!(
                "for an HTTPS endpoint use port 443 (`HealthCheckTarget::{}(…)` sets it); for a plain-HTTP endpoint on port 80 use Type {}; if the endpoint really serves TLS on port 80, write `.port_contradicting_protocol(80)` to say so",
                kind.to_ascii_lowercase(),
                kind.replace("HTTPS", "HTTP"),
            ),
        ),
        ("HTTP" | "HTTP_STR_MATCH", 443) => (
            "port 443 serves HTTPS, so Route 53's plain-HTTP request fails and the check never passes",
            format!(
                "for an HTTPS endpoint use Type {} (`HealthCheckTarget::{}(…)`, port 443); for plain HTTP use port 80; if the endpoint really serves plain HTTP on port 443, write `.port_contradicting_protocol(443)` to say so",
                kind.replace("HTTP", "HTTPS"),
                kind.replace("HTTP", "HTTPS").to_ascii_lowercase(),
            ),
        ),
        _ => return,
    };
    report(
        Severity::Warning,
        "health-check-port",
        format!("Resources/{id}/Properties/HealthCheckConfig/Port"),
        format!("the health check `{id}` is {kind} on port {port}: {what}"),
        fix,
    );
}

fn engine_version(id: &str, r: &ResourceDef, report: &mut Report<'_>) {
    let Some(engine) = prop(&r.properties, "Engine").and_then(Expr::as_literal_str) else {
        return;
    };
    let version = match prop(&r.properties, "EngineVersion") {
        Some(Expr::Str(s)) => s.to_string(),
        Some(Expr::Int(i)) => i.to_string(),
        Some(Expr::Float(f)) => f.to_string(),
        // Absent (RDS picks the default version) or known only at deploy time.
        _ => String::new(),
    };
    let kind = if r.type_name == "AWS::RDS::DBInstance" {
        "DB instance"
    } else {
        "DB cluster"
    };
    let status = rds_engine_version_status(&r.type_name, engine, &version);
    let (path, message, help) = match status {
        EngineVersionStatus::Offered | EngineVersionStatus::Unchecked => return,
        EngineVersionStatus::UnknownEngine { engines } => (
            format!("Resources/{id}/Properties/Engine"),
            format!("the {kind} `{id}` uses the engine \"{engine}\", which {} does not offer", r.type_name),
            format!("use one of: {}", engines.join(", ")),
        ),
        _ if version.is_empty() => return,
        EngineVersionStatus::Deprecated(s) => (
            format!("Resources/{id}/Properties/EngineVersion"),
            format!(
                "the {kind} `{id}` uses {engine} {version}, which is deprecated: RDS no longer creates databases with it (\"Cannot find version {version} for {engine}\"); {}",
                newest_phrase(engine, &s)
            ),
            help(engine, &s),
        ),
        EngineVersionStatus::Unknown(s) => (
            format!("Resources/{id}/Properties/EngineVersion"),
            format!(
                "the {kind} `{id}` uses {engine} {version}, which is not a version RDS offers for {engine} (cfn-lint's version table lists no such version); {}",
                newest_phrase(engine, &s)
            ),
            help(engine, &s),
        ),
    };
    report(Severity::Error, "engine-version", path, message, help);
}

fn newest_phrase(engine: &str, s: &Suggestion) -> String {
    match (s.newest_of_major, s.newest) {
        (Some(n), _) => format!("the newest {}.x is {n}", s.major),
        (None, Some(n)) => format!(
            "no {engine} {}.x is offered any more; the newest {engine} is {n}",
            s.major
        ),
        (None, None) => format!("no {engine} version is offered any more"),
    }
}

fn help(engine: &str, s: &Suggestion) -> String {
    match (s.newest_of_major.or(s.newest), s.safe_api) {
        (Some(n), Some(api)) => {
            format!("write `EngineVersion: \"{n}\"`, or set engine and version together with `with_engine({api})`")
        }
        (Some(n), None) => format!("write `EngineVersion: \"{n}\"`"),
        (None, _) => format!("choose another engine than {engine}"),
    }
}
