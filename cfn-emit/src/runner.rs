//! The small command-line runner for examples and user binaries.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::pieces::Rendered;
use crate::{assemble_pieces, AsTemplate, AssemblyOptions, Severity};

const HELP: &str = "\
Emits this program's CloudFormation template.

USAGE:
    <program> [--out-dir DIR] [--base-url URL] [--validate]

OPTIONS:
    --out-dir DIR    write the root template and every nested stack's template into DIR
                     (created if missing); the root is still printed on stdout
    --base-url URL   write nested TemplateURLs as URL/<file> (default: relative file names,
                     the form `aws cloudformation package` uploads)
    --validate       only validate; print findings, write nothing
    -h, --help       print this help

Findings go to stderr; the exit code is 1 when any is an error, 2 for a bad argument.";

/// Runs the emitter over `stack` with the process's arguments: root template on stdout,
/// `--out-dir DIR` writes the whole assembly, diagnostics on stderr, non-zero exit on error.
///
/// Return its [`ExitCode`] from `main`: dropped, a stack that fails validation prints nothing on
/// stdout and the process still exits 0 (`cargo run > stack.json` leaves an empty file behind a
/// green CI step).
///
/// ```no_run
/// use std::process::ExitCode;
///
/// use cfn_model::prelude::*;
///
/// fn main() -> ExitCode {
///     let mut s: Stack = Stack::new();
///     s.add("Topic", RawResource::new("AWS::SNS::Topic", serde_json::json!({})));
///     cfn_emit::run(&s)
/// }
/// ```
#[must_use = "a stack that fails validation prints nothing and exits 0 unless main returns this exit code: \
              `fn main() -> ExitCode { …; cfn::run(&stack) }` (`ExitCode` is in `cfn::prelude`, \
              or `use std::process::ExitCode;`)"]
pub fn run(stack: &impl AsTemplate) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = run_with_args(
        stack,
        &args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}

/// [`run`] with explicit arguments and streams; returns the exit code (0 on success, 1 when the
/// stack fails validation or a file cannot be written, 2 for a bad argument).
#[must_use = "the exit code is 1 when the stack fails validation: pass it on, e.g. \
              `std::process::exit(cfn::run_with_args(…).into())` or `ExitCode::from(…)` returned from main"]
pub fn run_with_args(stack: &impl AsTemplate, args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut out_dir: Option<PathBuf> = None;
    let mut opts = AssemblyOptions::default();
    let mut validate_only = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        match flag {
            "-h" | "--help" => {
                let _ = writeln!(out, "{HELP}");
                return 0;
            }
            "--validate" => validate_only = true,
            "--out-dir" | "--base-url" => {
                let Some(v) = inline.or_else(|| it.next().cloned()) else {
                    let _ = writeln!(
                        err,
                        "error: `{flag}` needs a value, e.g. `{flag} {}`",
                        if flag == "--out-dir" {
                            "out"
                        } else {
                            "https://bucket.s3.amazonaws.com/prefix"
                        }
                    );
                    return 2;
                };
                if flag == "--out-dir" {
                    out_dir = Some(PathBuf::from(v));
                } else {
                    opts.base_url = Some(v);
                }
            }
            other => {
                let _ = writeln!(
                    err,
                    "error: unknown argument `{other}`; run with --help for the options"
                );
                return 2;
            }
        }
    }
    let (files, warnings) = match assemble_pieces(stack, &opts) {
        Ok(a) => a,
        Err(d) => {
            let n = d.0.iter().filter(|x| x.severity == Severity::Error).count();
            let _ = writeln!(err, "{d}");
            let _ = writeln!(err, "error: the template has {n} error(s); nothing was written");
            return 1;
        }
    };
    for w in &warnings {
        let _ = writeln!(err, "{w}");
    }
    if validate_only {
        let _ = writeln!(err, "ok: {} template(s) valid", files.len());
        return 0;
    }
    if let Some(dir) = out_dir {
        if let Err(e) = std::fs::create_dir_all(&dir) {
            let _ = writeln!(err, "error: cannot create the output directory {}: {e}", dir.display());
            return 1;
        }
        if let Err((p, e)) = write_files(&dir, &files) {
            let _ = writeln!(err, "error: cannot write {}: {e}", p.display());
            return 1;
        }
        // One write: stderr is unbuffered, and `writeln!` would make a system call per piece.
        let _ = err.write_all(format!("wrote {} template(s) to {}\n", files.len(), dir.display()).as_bytes());
    }
    if let Some(root) = files.first() {
        if let Err(e) = root.write_to(out) {
            let _ = writeln!(err, "error: cannot write the template to stdout: {e}");
            return 1;
        }
    }
    0
}

/// Writes every file into `dir`; the first failure names its path. (Writing with two threads was
/// measured no faster at 10,000 resources: the time goes to the kernel's page allocation either way.)
fn write_files(dir: &std::path::Path, files: &[Rendered]) -> Result<(), (PathBuf, std::io::Error)> {
    for f in files {
        let p = dir.join(&f.name);
        std::fs::File::create(&p)
            .and_then(|mut file| f.write_to(&mut file))
            .map_err(|e| (p, e))?;
    }
    Ok(())
}
