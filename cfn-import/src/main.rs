//! `cfn-import TEMPLATE [--json]`: reads a CloudFormation template (JSON, or YAML with short-form
//! tags). With `--json` it prints the template in long-form JSON; writing the typed Rust program
//! is not built yet, and without `--json` the tool says so and exits 2.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

const HELP: &str = "\
cfn-import: reads a CloudFormation template (JSON, or YAML with !Ref/!GetAtt/!Sub… short forms)

USAGE:
    cfn-import TEMPLATE [--json]

OPTIONS:
    --json       print the template as long-form JSON (short-form tags expanded, key order kept)
    -h, --help   print this help

Without --json the tool would write a typed Rust program; that part is not built yet (exit 2).
Exit codes: 0 done, 2 bad arguments, unreadable or invalid template, or no --json.";

fn main() -> ExitCode {
    let mut json = false;
    let mut template: Option<PathBuf> = None;
    for arg in std::env::args_os().skip(1) {
        match arg.to_str() {
            Some("-h" | "--help") => {
                println!("{HELP}");
                return ExitCode::SUCCESS;
            }
            Some("--json") => json = true,
            Some(flag) if flag.starts_with('-') && flag != "-" => {
                eprintln!("error: unknown option `{flag}` (try --help)");
                return ExitCode::from(2);
            }
            _ => {
                if let Some(first) = &template {
                    eprintln!(
                        "error: one template at a time: got `{}` and `{}`",
                        first.display(),
                        PathBuf::from(&arg).display()
                    );
                    return ExitCode::from(2);
                }
                template = Some(PathBuf::from(arg));
            }
        }
    }
    let Some(template) = template else {
        eprintln!("error: no template given (usage: cfn-import TEMPLATE [--json]; try --help)");
        return ExitCode::from(2);
    };
    let value = match cfn_import::parse_file(&template) {
        Ok(value) => value,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if !json {
        eprintln!(
            "error: {}: the template parses, but writing the typed Rust program is not built yet; \
             use --json to print the parsed template",
            template.display()
        );
        return ExitCode::from(2);
    }
    let text = match serde_json::to_string_pretty(&value) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {}: cannot write JSON: {e}", template.display());
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").and_then(|()| out.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
