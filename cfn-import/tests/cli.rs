//! The `cfn-import` binary: `--json`, `--help`, and exit 2 with one line for every refusal.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cfn-import"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("cfn-import-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path.display().to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn json_prints_the_long_form() {
    let path = temp(
        "ok.yaml",
        "Resources:\n  A:\n    Type: T\n    Properties: {X: !GetAtt B.Arn}\n",
    );
    let out = run(&[&path, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(
        value["Resources"]["A"]["Properties"]["X"],
        serde_json::json!({"Fn::GetAtt": ["B", "Arn"]})
    );
}

#[test]
fn without_json_it_says_program_generation_is_not_built() {
    let path = temp("ok2.yaml", "Resources: {}\n");
    let out = run(&[&path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not built yet"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn help_and_bad_arguments() {
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("USAGE"));
    for args in [&["--bogus"][..], &[][..], &["a.yaml", "b.yaml"][..]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&out).lines().count(), 1, "{args:?}: {}", stderr(&out));
    }
    let out = run(&["/no/such/template.yaml", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: /no/such/template.yaml: cannot read the file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_template_that_does_not_parse_is_one_line_with_file_and_line() {
    let path = temp("dup.yaml", "Resources:\n  A: {Type: T}\n  A: {Type: T}\n");
    let out = run(&[&path, "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(
        err,
        format!("error: {path}:3:3: duplicate key \"A\" (first at line 2, again at line 3)\n")
    );
}
