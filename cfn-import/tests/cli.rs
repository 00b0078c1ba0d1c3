//! The `cfn-import` binary: the program on stdout and the report on stderr, `--crate`, `--cfn`,
//! `--strict`, `--json`, `--help`, and exit 2 with one line for every refusal.

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

/// The workspace root, the `cfn-typed` package (`--cfn`).
fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A fresh empty directory for one test.
fn fresh_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cfn-import-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

const TOPIC: &str = "Resources:\n  Alerts:\n    Type: AWS::SNS::Topic\n";

/// An inline ingress rule naming another security group of the template: the trap the writer
/// replaces with a standalone `AWS::EC2::SecurityGroupIngress` (`stack.allow`).
const INLINE_SG_RULE: &str = "\
Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web servers
      VpcId: vpc-0123456789abcdef0
  Db:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: database
      VpcId: vpc-0123456789abcdef0
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          SourceSecurityGroupId: !Ref Web
";

#[test]
fn default_prints_the_formatted_program_and_the_report() {
    let path = temp("topic.yaml", TOPIC);
    let out = run(&[&path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let program = String::from_utf8_lossy(&out.stdout);
    assert!(program.contains("use cfn::prelude::*;"), "{program}");
    assert!(program.contains("pub fn stack() -> Stack"), "{program}");
    assert!(program.contains("fn main() -> ExitCode"), "{program}");
    assert!(program.contains("\"Alerts\""), "{program}");
    // formatted: what rustfmt prints is a fixed point of rustfmt
    assert_eq!(cfn_import::format_source(&program), program);
    let err = stderr(&out);
    let last = err.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("1 resource: ") && last.contains("fully typed") && last.ends_with("fixed"),
        "{err}"
    );
}

#[test]
fn crate_writes_the_manifest_and_main_rs() {
    let dir = fresh_dir("crate");
    let out_dir = dir.join("out");
    let path = temp("My Topic.v2.yaml", TOPIC);
    let root = workspace_root();
    let (out_arg, root_arg) = (out_dir.display().to_string(), root.display().to_string());
    let out = run(&[&path, "--crate", &out_arg, "--cfn", &root_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "--crate prints no program");
    let manifest = std::fs::read_to_string(out_dir.join("Cargo.toml")).unwrap_or_default();
    assert!(manifest.starts_with("# Written by cfn-import"), "{manifest}");
    assert!(manifest.contains("name = \"my-topic-v2\""), "{manifest}");
    assert!(manifest.contains("package = \"cfn-typed\""), "{manifest}");
    assert!(
        manifest.contains(&format!("path = {:?}", root.display().to_string())),
        "{manifest}"
    );
    assert!(manifest.lines().any(|l| l.trim() == "[workspace]"), "{manifest}");
    let main_rs = std::fs::read_to_string(out_dir.join("src").join("main.rs")).unwrap_or_default();
    assert!(main_rs.contains("fn main() -> ExitCode"), "{main_rs}");
    assert!(stderr(&out).contains("1 resource: "), "{}", stderr(&out));

    // Again: the files it wrote are replaced; without --cfn the dependency is the version.
    let out = run(&[&path, "--crate", &out_dir.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let manifest = std::fs::read_to_string(out_dir.join("Cargo.toml")).unwrap_or_default();
    assert!(manifest.contains("version = \"0.1.0\", default-features"), "{manifest}");

    // A Cargo.toml it did not write is never replaced.
    let foreign = dir.join("foreign");
    std::fs::create_dir_all(&foreign).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(foreign.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap_or_else(|e| panic!("{e}"));
    let out = run(&[&path, "--crate", &foreign.display().to_string()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(!foreign.join("src").exists());
}

#[test]
fn cfn_must_be_a_cfn_typed_checkout() {
    let dir = fresh_dir("cfn");
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"other\"\n").unwrap_or_else(|e| panic!("{e}"));
    let path = temp("topic3.yaml", TOPIC);
    let out_dir = dir.join("out").display().to_string();
    for cfn in [dir.display().to_string(), "/no/such/dir".to_owned()] {
        let out = run(&[&path, "--crate", &out_dir, "--cfn", &cfn]);
        assert_eq!(out.status.code(), Some(2), "{cfn}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.starts_with("error: --cfn ") && err.lines().count() == 1, "{err}");
    }
    assert!(!dir.join("out").exists());
}

#[test]
fn strict_refuses_a_template_with_a_trap_and_writes_nothing() {
    let dir = fresh_dir("strict");
    let path = temp("inline-sg.yaml", INLINE_SG_RULE);
    let out_dir = dir.join("out");
    let out = run(&[&path, "--strict", "--crate", &out_dir.display().to_string()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    assert!(!out_dir.exists(), "--strict wrote {}", out_dir.display());
    assert!(err.lines().any(|l| l.starts_with("refused: Db: ")), "{err}");
    assert!(!err.contains("fixed: "), "{err}");

    // Without --strict the same template is written, and the trap reported as fixed.
    let out = run(&[&path]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.lines().any(|l| l.starts_with("fixed: Db: ")), "{err}");
    assert!(
        err.lines().last().unwrap_or_default().ends_with("1 trap fixed"),
        "{err}"
    );
}

#[test]
fn help_and_bad_arguments() {
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("USAGE"));
    let cases: &[&[&str]] = &[
        &["--bogus"],
        &[],
        &["a.yaml", "b.yaml"],
        &["a.yaml", "--crate"],
        &["a.yaml", "--crate", "x", "--crate", "y"],
        &["a.yaml", "--cfn", "."],
        &["a.yaml", "--json", "--strict"],
        &["a.yaml", "--json", "--crate", "x"],
    ];
    for args in cases {
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
