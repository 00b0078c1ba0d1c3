//! Shared test helpers: every template a test emits is written under `target/cfn-lint/` so that
//! `scripts/test.sh` runs cfn-lint over all of them in one go (zero findings allowed).
#![allow(dead_code)]

use std::path::PathBuf;

use cfn::{AsTemplate, AssemblyOptions};

/// The folder cfn-lint reads after the tests: `target/cfn-lint/`.
pub fn lint_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("cfn-lint")
}

/// The S3 location nested `TemplateURL`s point at in the files cfn-lint reads.
pub const LINT_BASE_URL: &str = "https://cfn-templates.s3.amazonaws.com";

/// Emits `stack` as an assembly (it must have no errors), writes every file to
/// `target/cfn-lint/<name>/` for cfn-lint, and returns the files of the default assembly
/// (relative `TemplateURL`s) as (name, JSON) pairs.
///
/// A relative `TemplateURL` is the form `aws cloudformation package` uploads and rewrites, and
/// cfn-lint warns about exactly that form (W3002, "may only work with 'package'"). The files
/// written for cfn-lint are therefore the assembly as CloudFormation receives it after
/// packaging: nested `TemplateURL`s under [`LINT_BASE_URL`]. Templates without nested stacks are
/// identical either way.
pub fn emit_for_lint(name: &str, stack: &impl AsTemplate) -> Vec<(String, serde_json::Value)> {
    let assemble = |opts: &AssemblyOptions| match cfn::assemble(stack, opts) {
        Ok(a) => a,
        Err(d) => panic!("{name}: the stack does not validate:\n{d}"),
    };
    let assembly = assemble(&AssemblyOptions::default());
    let packaged = assemble(&AssemblyOptions {
        base_url: Some(format!("{LINT_BASE_URL}/{name}")),
        ..AssemblyOptions::default()
    });
    let dir = lint_dir().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create lint dir");
    for f in &packaged.files {
        std::fs::write(dir.join(&f.name), &f.contents).expect("write template");
    }
    assembly
        .files
        .iter()
        .map(|f| {
            (
                f.name.clone(),
                serde_json::from_str(&f.contents).expect("emitted JSON parses"),
            )
        })
        .collect()
}

/// [`emit_for_lint`] for a single template: the root's JSON.
pub fn emit_root(name: &str, stack: &impl AsTemplate) -> serde_json::Value {
    emit_for_lint(name, stack).remove(0).1
}
