//! Issue 4, item 6: Route 53 health checks whose port contradicts their protocol. The seed wrote
//! `Type: HTTPS_STR_MATCH` on `Port: 80`, a check whose TLS handshake never succeeds.
//!
//! Refused form: `validate` warns (`health-check-port`) whichever route wrote it (the generated
//! types, `RawResource`, raw JSON); through the safe API `.port::<80>()` on an HTTPS check does not
//! compile (`tests/ui/health_check_https_on_port_80.rs`). Fixed form: `HealthCheckTarget`, whose
//! template goes through cfn-lint (`target/cfn-lint/safe_route53`).

mod common;

use cfn::aws::route53;
use cfn::aws::route53::health_check::{HealthCheckConfig, Type};
use cfn::model::safe::route53::HealthCheckTarget;
use cfn::prelude::*;
use serde_json::json;

fn port_findings(s: &Stack) -> Vec<Diagnostic> {
    let all = cfn::validate(s);
    assert!(
        all.iter().all(|d| d.code == "health-check-port"),
        "unexpected findings: {all:?}"
    );
    all
}

/// The seed's check, written with the plain generated types.
#[test]
fn seed_https_str_match_on_port_80_draws_a_warning() {
    let mut s: Stack = Stack::new();
    s.add(
        "ApiHealthCheck",
        route53::HealthCheck::new(
            HealthCheckConfig::new(Type::HttpsStrMatch)
                .fully_qualified_domain_name("api.example.com")
                .port(80)
                .resource_path("/health")
                .search_string("ok"),
        ),
    );
    let d = port_findings(&s);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].severity, Severity::Warning);
    assert_eq!(d[0].path, "Resources/ApiHealthCheck/Properties/HealthCheckConfig/Port");
    assert_eq!(
        d[0].message,
        "the health check `ApiHealthCheck` is HTTPS_STR_MATCH on port 80: port 80 serves plain HTTP, so Route 53's \
         TLS handshake fails and the check never passes"
    );
    assert!(
        d[0].help
            .contains("use port 443 (`HealthCheckTarget::https_str_match(…)` sets it)"),
        "{}",
        d[0].help
    );
    assert!(d[0].help.contains("use Type HTTP_STR_MATCH"), "{}", d[0].help);
    assert!(d[0].help.contains(".port_contradicting_protocol(80)"), "{}", d[0].help);

    // A warning does not stop the runner: `--validate` succeeds and prints it.
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cfn::run_with_args(&s, &["--validate".to_string()], &mut out, &mut err);
    let err = String::from_utf8_lossy(&err);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning[health-check-port] Resources/ApiHealthCheck"),
        "{err}"
    );
}

/// The same contradictions through `RawResource` and raw JSON, a port written as a string
/// included; matching ports and intrinsic ports draw nothing.
#[test]
fn escape_hatches_draw_the_same_warning() {
    let mut s: Stack = Stack::new();
    s.add(
        "RawHttpOn443",
        RawResource::new(
            "AWS::Route53::HealthCheck",
            json!({ "HealthCheckConfig": { "Type": "HTTP", "Port": 443, "FullyQualifiedDomainName": "a.example.com" } }),
        ),
    );
    s.add(
        "RawHttpsPortString",
        RawResource::of("AWS::Route53::HealthCheck").prop(
            "HealthCheckConfig",
            json!({ "Type": "HTTPS", "Port": "80", "FullyQualifiedDomainName": "b.example.com" }),
        ),
    );
    s.add(
        "RawHttpsOn443",
        RawResource::new(
            "AWS::Route53::HealthCheck",
            json!({ "HealthCheckConfig": { "Type": "HTTPS", "Port": 443, "FullyQualifiedDomainName": "c.example.com" } }),
        ),
    );
    s.parameter("HealthPort", Parameter::number());
    s.add(
        "RawHttpsParamPort",
        RawResource::of("AWS::Route53::HealthCheck").prop(
            "HealthCheckConfig",
            json!({ "Type": "HTTPS", "Port": { "Ref": "HealthPort" }, "FullyQualifiedDomainName": "d.example.com" }),
        ),
    );
    let d = port_findings(&s);
    let paths: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "Resources/RawHttpOn443/Properties/HealthCheckConfig/Port",
            "Resources/RawHttpsPortString/Properties/HealthCheckConfig/Port",
        ]
    );
    assert_eq!(
        d[0].message,
        "the health check `RawHttpOn443` is HTTP on port 443: port 443 serves HTTPS, so Route 53's plain-HTTP \
         request fails and the check never passes"
    );
    assert!(
        d[0].help
            .contains("use Type HTTPS (`HealthCheckTarget::https(…)`, port 443)"),
        "{}",
        d[0].help
    );
    assert!(d[1].message.contains("is HTTPS on port 80"), "{}", d[1].message);
}

/// The visibly named escape: it compiles, and `validate` still warns.
#[test]
fn port_contradicting_protocol_is_visible_and_still_warned_about() {
    let mut s: Stack = Stack::new();
    s.add(
        "TlsOn80",
        HealthCheckTarget::https("legacy.example.com")
            .port_contradicting_protocol(80)
            .into_health_check(),
    );
    let d = port_findings(&s);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].message
            .starts_with("the health check `TlsOn80` is HTTPS on port 80"),
        "{}",
        d[0].message
    );
}

/// The fixed forms: every constructor with its default port, an unusual TLS port, a TCP check.
#[test]
fn safe_health_checks_are_silent_and_lint_clean() {
    let mut s: Stack = Stack::new();
    s.description("Route 53 health checks whose ports agree with their protocols");
    s.add(
        "ApiHealthCheck",
        HealthCheckTarget::https_str_match("api.example.com", "/health", "ok").into_health_check(),
    );
    s.add(
        "WebHealthCheck",
        route53::HealthCheck::from(HealthCheckTarget::https("www.example.com").path("/").enable_sni(true)),
    );
    s.add(
        "AdminHealthCheck",
        HealthCheckTarget::https("admin.example.com")
            .port::<8443>()
            .path("/ping")
            .request_interval(10)
            .failure_threshold(2)
            .into_health_check(),
    );
    s.add(
        "StatusHealthCheck",
        HealthCheckTarget::http_str_match("status.example.com", "/status", "green").into_health_check(),
    );
    s.add(
        "LegacyHealthCheck",
        route53::HealthCheck::new(
            HealthCheckTarget::http("legacy.example.com")
                .configure(|c| c.measure_latency(true))
                .into(),
        ),
    );
    s.add(
        "CacheHealthCheck",
        HealthCheckTarget::tcp("cache.example.com", 6379).into_health_check(),
    );
    assert_eq!(cfn::validate(&s), vec![]);

    let t = common::emit_root("safe_route53", &s);
    let cfg = |id: &str| t["Resources"][id]["Properties"]["HealthCheckConfig"].clone();
    assert_eq!(
        cfg("ApiHealthCheck"),
        json!({
            "FullyQualifiedDomainName": "api.example.com",
            "Port": 443,
            "ResourcePath": "/health",
            "SearchString": "ok",
            "Type": "HTTPS_STR_MATCH"
        })
    );
    assert_eq!(
        (
            cfg("WebHealthCheck")["Type"].clone(),
            cfg("WebHealthCheck")["Port"].clone()
        ),
        (json!("HTTPS"), json!(443))
    );
    assert_eq!(cfg("AdminHealthCheck")["Port"], json!(8443));
    assert_eq!(
        (
            cfg("StatusHealthCheck")["Type"].clone(),
            cfg("StatusHealthCheck")["Port"].clone()
        ),
        (json!("HTTP_STR_MATCH"), json!(80))
    );
    assert_eq!(
        (
            cfg("LegacyHealthCheck")["Type"].clone(),
            cfg("LegacyHealthCheck")["Port"].clone()
        ),
        (json!("HTTP"), json!(80))
    );
    assert_eq!(cfg("LegacyHealthCheck")["MeasureLatency"], json!(true));
    assert_eq!(
        (
            cfg("CacheHealthCheck")["Type"].clone(),
            cfg("CacheHealthCheck")["Port"].clone()
        ),
        (json!("TCP"), json!(6379))
    );
}
