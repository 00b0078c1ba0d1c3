//! Issue 4, item 6: the seed's `HTTPS_STR_MATCH` health check on port 80, written through the safe
//! API. HTTPS checks default to 443; the port of the other protocol does not compile, and the
//! message names the fixes (drop `.port`, `HealthCheckTarget::http(…)`, or the visibly named
//! `.port_contradicting_protocol(80)`).
use cfn::model::safe::route53::HealthCheckTarget;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    s.add(
        "ApiHealthCheck",
        HealthCheckTarget::https_str_match("api.example.com", "/health", "ok")
            .port::<80>()
            .into_health_check(),
    );
}
