//! `cfn-codegen`: generates `cfn-model`'s resource types from the CloudFormation registry schemas
//! shipped in the pinned cfn-lint wheel.
//!
//! ```text
//! cargo run -p cfn-codegen -- fetch                    # download the pinned artifacts (pins.rs), verify, extract
//! cargo run -p cfn-codegen -- generate [--schemas DIR] # regenerate cfn-model/src/aws, aws_data + feature blocks
//! cargo run -p cfn-codegen -- check [--schemas DIR]    # regenerate in memory, diff with the committed files
//! cargo run -p cfn-codegen -- pins                     # list the pinned artifacts and their sha256
//! ```

mod catalog;
mod docs;
mod emit;
mod features;
mod formats;
mod iam;
mod lower;
mod model;
mod naming;
mod orderings;
mod pins;
mod pipeline;
mod rds_versions;
mod relations;

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> String {
    "usage: cfn-codegen <fetch | generate | check | pins> [--schemas DIR] [--root DIR]\n\
     \n  fetch     download the pinned cfn-lint==1.58.0 wheel (pip) and @aws-cdk/aws-service-spec@0.1.216\
     \n            (npm pack) into target/cfn-schemas/, check each file's sha256 against\
     \n            cfn-codegen/src/pins.rs, extract the schemas and aws-service-spec/db.json.gz\
     \n  generate  regenerate cfn-model/src/aws/, cfn-model/src/aws_data/ and the generated feature blocks\
     \n  check     regenerate in memory and list the committed files that differ (exit 1 if any)\
     \n  pins      list the pinned artifacts (name, version, file, sha256, source)\
     \n\n  --schemas DIR  the schema directory (holding providers/ and resources/); default\
     \n                 target/cfn-schemas/cfnlint/data/schemas\
     \n  --root DIR     the workspace root; default: the one cfn-codegen was built in"
        .to_string()
}

fn run() -> Result<ExitCode, String> {
    let mut args = std::env::args().skip(1);
    let Some(cmd) = args.next() else { return Err(usage()) };
    let mut root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut schemas: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--schemas" => schemas = Some(args.next().ok_or("--schemas needs a directory")?.into()),
            "--root" => root = args.next().ok_or("--root needs a directory")?.into(),
            "-h" | "--help" => {
                println!("{}", usage());
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(format!("unknown argument `{other}`\n\n{}", usage())),
        }
    }
    let root = root
        .canonicalize()
        .map_err(|e| format!("workspace root {}: {e}", root.display()))?;
    let schemas = schemas.unwrap_or_else(|| root.join("target/cfn-schemas/cfnlint/data/schemas"));
    match cmd.as_str() {
        "fetch" => {
            pipeline::fetch(&root)?;
            Ok(ExitCode::SUCCESS)
        }
        "generate" => {
            let out = pipeline::generate(&schemas, &root, true)?;
            let changed = pipeline::write(&root, &out)?;
            eprintln!("{}", out.summary);
            eprintln!("{changed} file(s) written");
            Ok(ExitCode::SUCCESS)
        }
        "check" => {
            let out = pipeline::generate(&schemas, &root, true)?;
            let diffs = pipeline::diff(&root, &out)?;
            if diffs.is_empty() {
                eprintln!("generated code is up to date ({} files)", out.files.len());
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("generated code differs from the schemas in {} file(s):", diffs.len());
                for d in &diffs {
                    eprintln!("  {d}");
                }
                eprintln!("run `cargo run -p cfn-codegen -- generate` and commit the result");
                Ok(ExitCode::FAILURE)
            }
        }
        "pins" => {
            for p in pins::PINS {
                println!("{}\t{}\t{}\t{}\t{}", p.name, p.version, p.file, p.sha256, p.source);
            }
            Ok(ExitCode::SUCCESS)
        }
        "-h" | "--help" | "help" => {
            println!("{}", usage());
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`\n\n{}", usage())),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
