//! Waivers of other tools' checks (issue 8, item 3): `Waiver::checkov`, `Waiver::cfn_lint` and
//! `stack.waive_check` write the forms checkov (`Metadata.checkov.skip`) and cfn-lint
//! (`Metadata.cfn-lint.config.ignore_checks`) read, beside this library's own record
//! (`Metadata.cfn.waivers`). `scripts/checkov.sh` runs checkov on the multi-env example, whose
//! deliberate exceptions are waived this way, and fails on any check that is not skipped.

use cfn::prelude::*;
use cfn::rules::{NoOpenIngress, Tool, Waiver};
use serde_json::json;

fn stack() -> Stack {
    let mut s: Stack = Stack::new();
    s.enforce(NoOpenIngress::except_ports([443]));
    let sg = s.add(
        "WebSg",
        RawResource::new(
            "AWS::EC2::SecurityGroup",
            json!({
                "GroupDescription": "web",
                "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "CidrIp": "0.0.0.0/0", "Description": "HTTP"}]
            }),
        ),
    );
    s.waive_with(
        &sg,
        Waiver::new("open-ingress", "the architecture serves plain HTTP on 80").checkov("CKV_AWS_260"),
    );
    s.waive_check(&sg, Tool::cfn_lint("W9999"), "an example id");
    s
}

#[test]
fn tool_waivers_are_emitted_in_the_forms_checkov_and_cfn_lint_read() {
    let t: serde_json::Value = serde_json::from_str(&cfn::to_json(&stack()).expect("valid")).unwrap();
    assert_eq!(
        t["Resources"]["WebSg"]["Metadata"],
        json!({
            "cfn": {"waivers": [
                {"rule": "open-ingress", "reason": "the architecture serves plain HTTP on 80", "checks": ["checkov:CKV_AWS_260"]},
                {"rule": "cfn-lint:W9999", "reason": "an example id", "checks": ["cfn-lint:W9999"]}
            ]},
            "checkov": {"skip": [{"id": "CKV_AWS_260", "comment": "the architecture serves plain HTTP on 80"}]},
            "cfn-lint": {"config": {"ignore_checks": ["W9999"]}}
        })
    );
}

#[test]
fn malformed_check_ids_and_missing_reasons_are_errors() {
    let mut s: Stack = Stack::new();
    let t = s.add("Topic", RawResource::of("AWS::SNS::Topic"));
    s.waive_check(&t, Tool::checkov("CKV-AWS-26"), "typo");
    s.waive_check(&t, Tool::cfn_lint("W3005"), " ");
    let d = cfn::validate(&s);
    assert_eq!(
        d.iter().map(|d| d.code).collect::<Vec<_>>(),
        ["waiver", "waiver"],
        "{d:?}"
    );
    assert!(
        d.iter()
            .any(|d| d.message.contains("`CKV-AWS-26`, which is not a checkov check id")),
        "{d:?}"
    );
    assert!(d.iter().any(|d| d.message.contains("without a reason")), "{d:?}");
}

/// checkov really skips what the metadata names (run by `scripts/checkov.sh` when
/// `CFN_CHECKOV` names the checkov binary; skipped otherwise so `cargo test` works offline).
#[test]
fn checkov_skips_the_waived_check() {
    let Ok(checkov) = std::env::var("CFN_CHECKOV") else {
        eprintln!("skipped: CFN_CHECKOV is not set (scripts/checkov.sh sets it)");
        return;
    };
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("waivers-checkov");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("template.json"), cfn::to_json(&stack()).expect("valid")).unwrap();
    let out = std::process::Command::new(checkov)
        .args([
            "-d",
            dir.to_str().unwrap(),
            "--framework",
            "cloudformation",
            "--check",
            "CKV_AWS_260",
        ])
        .args(["--compact", "--skip-download", "-o", "json"])
        .env("BC_SKIP_MAPPING", "TRUE")
        .output()
        .expect("run checkov");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("checkov's JSON report");
    let results = &report["results"];
    assert_eq!(results["failed_checks"], json!([]), "{report}");
    let skipped = results["skipped_checks"].as_array().expect("skipped checks");
    assert_eq!(skipped.len(), 1, "{report}");
    assert_eq!(skipped[0]["check_id"], "CKV_AWS_260");
    assert_eq!(
        skipped[0]["check_result"]["suppress_comment"],
        "the architecture serves plain HTTP on 80"
    );
}
