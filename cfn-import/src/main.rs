//! `cfn-import TEMPLATE [--json] [--crate DIR] [--cfn PATH] [--strict]`: reads a CloudFormation
//! template (JSON, or YAML with short-form tags) and writes the typed Rust program that emits the
//! same template: on stdout, or as a crate with `--crate`. The report goes to stderr: one
//! `fixed:` line per trap the program fixes, one `escape:` line per escape hatch, then a summary.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cfn_import::{CfnDependency, Options, Program};

const HELP: &str = "\
cfn-import: a CloudFormation template (JSON, or YAML with !Ref/!GetAtt/!Sub… short forms) into a
typed Rust program on the `cfn` library that emits the same template

USAGE:
    cfn-import TEMPLATE [--crate DIR [--cfn PATH]] [--strict]
    cfn-import TEMPLATE --json

OPTIONS:
    --crate DIR  write DIR/Cargo.toml and DIR/src/main.rs instead of printing the program
                 (files cfn-import wrote before are replaced; any other Cargo.toml is refused)
    --cfn PATH   with --crate: depend on the cfn-typed checkout at PATH (default: version 0.1.0)
    --strict     refuse a template holding a trap the program would fix: print each as
                 `refused: …` and write nothing (exit 1)
    --json       print the template as long-form JSON (short-form tags expanded, key order kept)
    -h, --help   print this help

REPORT (stderr):
    fixed: ID: PROBLEM; the program FIX   a trap of the template, written the safe way instead
    escape: WHERE: WHY                    an escape hatch (the program has the same comment)
    N resources: M fully typed, K raw; E escape hatches (…); C traps fixed

Exit codes: 0 done, 1 refused by --strict or output not written, 2 bad arguments, unreadable or
invalid template, or a template the writer cannot take.";

/// The first line of every Cargo.toml this tool writes: `--crate` replaces only such a file.
const MARKER: &str = "# Written by cfn-import";

/// The `cfn-typed` version a generated crate depends on without `--cfn`.
const CFN_VERSION: &str = "0.1.0";

/// What the command line asks for.
struct Args {
    template: PathBuf,
    json: bool,
    crate_dir: Option<PathBuf>,
    cfn: Option<PathBuf>,
    strict: bool,
}

/// Why the tool stops: the exit code and the one line (already prefixed) to print.
struct Fail(u8, String);

impl Fail {
    fn usage(message: impl std::fmt::Display) -> Self {
        Fail(2, format!("error: {message}"))
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(code, line)) => {
            if !line.is_empty() {
                eprintln!("{line}");
            }
            ExitCode::from(code)
        }
    }
}

fn parse_args() -> Result<Option<Args>, Fail> {
    let mut json = false;
    let mut strict = false;
    let mut crate_dir: Option<PathBuf> = None;
    let mut cfn: Option<PathBuf> = None;
    let mut template: Option<PathBuf> = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let text = arg.to_str();
        // `--crate=DIR` and `--cfn=PATH` as well as the separate forms.
        let (flag, inline) = match text.and_then(|t| t.split_once('=')) {
            Some((f, v)) if f.starts_with("--") => (Some(f), Some(PathBuf::from(v))),
            _ => (text, None),
        };
        match flag {
            Some("-h" | "--help") => {
                println!("{HELP}");
                return Ok(None);
            }
            Some("--json") => json = true,
            Some("--strict") => strict = true,
            Some(name @ ("--crate" | "--cfn")) => {
                let value = match inline.or_else(|| args.next().map(PathBuf::from)) {
                    Some(v) if !v.as_os_str().is_empty() => v,
                    _ => return Err(Fail::usage(format!("`{name}` needs a path (try --help)"))),
                };
                let slot = if name == "--crate" { &mut crate_dir } else { &mut cfn };
                if slot.replace(value).is_some() {
                    return Err(Fail::usage(format!("`{name}` given twice")));
                }
            }
            Some(flag) if flag.starts_with('-') && flag != "-" => {
                return Err(Fail::usage(format!("unknown option `{flag}` (try --help)")));
            }
            _ => {
                if let Some(first) = &template {
                    return Err(Fail::usage(format!(
                        "one template at a time: got `{}` and `{}`",
                        first.display(),
                        PathBuf::from(&arg).display()
                    )));
                }
                template = Some(PathBuf::from(arg));
            }
        }
    }
    let Some(template) = template else {
        return Err(Fail::usage(
            "no template given (usage: cfn-import TEMPLATE [--crate DIR [--cfn PATH]] [--strict] | --json; try --help)",
        ));
    };
    if json && (crate_dir.is_some() || cfn.is_some() || strict) {
        return Err(Fail::usage(
            "`--json` prints the parsed template; it takes no other option",
        ));
    }
    if cfn.is_some() && crate_dir.is_none() {
        return Err(Fail::usage(
            "`--cfn PATH` goes with `--crate DIR` (the crate's dependency)",
        ));
    }
    Ok(Some(Args {
        template,
        json,
        crate_dir,
        cfn,
        strict,
    }))
}

fn run() -> Result<(), Fail> {
    let Some(args) = parse_args()? else { return Ok(()) };
    // Checked before the template is read: a bad --cfn is a usage error whatever the template.
    let cfn_path = match &args.cfn {
        Some(path) => Some(cfn_checkout(path)?),
        None => None,
    };
    let shown = args.template.display().to_string();
    let value = cfn_import::parse_file(&args.template).map_err(|e| Fail(2, format!("error: {e}")))?;
    if args.json {
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| Fail(1, format!("error: {shown}: cannot write JSON: {e}")))?;
        return print_stdout(&text);
    }
    let program = write_program(&value, &shown)?;

    if args.strict && !program.changes.is_empty() {
        for change in &program.changes {
            eprintln!("refused: {change}");
        }
        return Err(Fail(
            1,
            format!(
                "error: {shown}: --strict: {} trap(s) the program would fix (listed above); nothing written",
                program.changes.len()
            ),
        ));
    }

    let main_rs = formatted(&program.main_rs());
    match &args.crate_dir {
        Some(dir) => {
            let dependency = match &cfn_path {
                Some(path) => CfnDependency::Path(path),
                None => CfnDependency::Version(CFN_VERSION),
            };
            write_crate(dir, &args.template, &program, dependency, &main_rs)?;
        }
        None => print_stdout(&main_rs)?,
    }
    for change in &program.changes {
        eprintln!("fixed: {change}");
    }
    for escape in &program.escapes {
        eprintln!("escape: {escape}");
    }
    eprintln!("{}", cfn_import::summary(&program));
    if let Some(dir) = &args.crate_dir {
        eprintln!(
            "wrote {} and {}",
            dir.join("Cargo.toml").display(),
            dir.join("src").join("main.rs").display()
        );
    }
    Ok(())
}

/// The writer, with a panic (a bug of the writer) turned into one `error:` line, not a backtrace.
fn write_program(value: &serde_json::Value, shown: &str) -> Result<Program, Fail> {
    let options = Options {
        source: shown.to_owned(),
    };
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| cfn_import::write_program(value, &options));
    std::panic::set_hook(previous);
    match result {
        Ok(Ok(program)) => Ok(program),
        Ok(Err(e)) => Err(Fail(2, format!("error: {shown}: {e}"))),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            let message = message.lines().next().unwrap_or_default().to_owned();
            Err(Fail(
                2,
                format!("error: {shown}: the program writer failed (a bug of cfn-import, please report it): {message}"),
            ))
        }
    }
}

/// The program formatted with rustfmt, or as written (with one note) when rustfmt is unavailable.
fn formatted(source: &str) -> String {
    match cfn_import::try_format_source(source) {
        Ok(text) => text,
        Err(reason) => {
            eprintln!("note: the program is not formatted ({reason}); run `cargo fmt` on it");
            source.to_owned()
        }
    }
}

fn print_stdout(text: &str) -> Result<(), Fail> {
    let mut out = std::io::stdout().lock();
    let newline = if text.ends_with('\n') { "" } else { "\n" };
    write!(out, "{text}{newline}")
        .and_then(|()| out.flush())
        .map_err(|e| Fail(1, format!("error: cannot write to stdout: {e}")))
}

/// `path`, canonical, when it holds a Cargo.toml whose package is `cfn-typed`.
fn cfn_checkout(path: &Path) -> Result<PathBuf, Fail> {
    let shown = path.display();
    let canonical = path
        .canonicalize()
        .map_err(|e| Fail::usage(format!("--cfn {shown}: {e}")))?;
    let manifest = canonical.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| {
        Fail::usage(format!(
            "--cfn {shown}: cannot read {} ({e}); give the root of a cfn checkout",
            manifest.display()
        ))
    })?;
    if package_name(&text).as_deref() != Some("cfn-typed") {
        return Err(Fail::usage(format!(
            "--cfn {shown}: {} does not name the package `cfn-typed`; give the root of a cfn checkout",
            manifest.display()
        )));
    }
    Ok(canonical)
}

/// The `name` of a manifest's `[package]` table (a line scan: enough for `name = "…"`).
fn package_name(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[package]";
            continue;
        }
        if !in_package {
            continue;
        }
        if let Some((key, value)) = line.split_once('=') {
            if key.trim() == "name" {
                let value = value.trim();
                return Some(value.trim_matches(|c| c == '"' || c == '\'').to_owned());
            }
        }
    }
    None
}

/// A valid crate name from the template's file stem: lower case, `-` for anything but letters,
/// digits, `-` and `_`, never empty, never starting with a digit, never a reserved name.
fn crate_name(template: &Path) -> String {
    let stem = template
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut name = String::new();
    for c in stem.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '_' {
            name.push(c);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let mut name = name.trim_matches(|c| c == '-' || c == '_').to_owned();
    name.truncate(60);
    let name = name.trim_end_matches(['-', '_']).to_owned();
    const RESERVED: &[&str] = &[
        "test",
        "core",
        "std",
        "alloc",
        "proc_macro",
        "proc-macro",
        "self",
        "super",
        "crate",
        "main",
        "build",
        "deps",
        "examples",
        "incremental",
    ];
    if name.is_empty() {
        "stack".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("stack-{name}")
    } else if RESERVED.contains(&name.as_str()) || is_keyword(&name) {
        format!("{name}-stack")
    } else {
        name
    }
}

fn is_keyword(name: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
        "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
        "move", "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type",
        "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
    ];
    KEYWORDS.contains(&name)
}

fn write_crate(
    dir: &Path,
    template: &Path,
    program: &Program,
    dependency: CfnDependency<'_>,
    main_rs: &str,
) -> Result<(), Fail> {
    let io = |path: &Path, e: std::io::Error| Fail(1, format!("error: {}: {e}", path.display()));
    let manifest = dir.join("Cargo.toml");
    match std::fs::read_to_string(&manifest) {
        Ok(existing) if !existing.starts_with(MARKER) => {
            return Err(Fail(
                2,
                format!(
                    "error: --crate {}: {} exists and was not written by cfn-import; choose another directory",
                    dir.display(),
                    manifest.display()
                ),
            ));
        }
        _ => {}
    }
    let mut toml = format!(
        "{MARKER} from {}.\n{}",
        template.display().to_string().replace(['\n', '\r'], " "),
        program.cargo_toml(&crate_name(template), dependency)
    );
    if !toml.lines().any(|l| l.trim() == "[workspace]") {
        // Its own workspace: the crate builds even inside another workspace's directory tree.
        toml.push_str("\n[workspace]\n");
    }
    let src = dir.join("src");
    std::fs::create_dir_all(&src).map_err(|e| io(&src, e))?;
    std::fs::write(&manifest, toml).map_err(|e| io(&manifest, e))?;
    let main_path = src.join("main.rs");
    std::fs::write(&main_path, main_rs).map_err(|e| io(&main_path, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_are_valid() {
        let name = |s: &str| crate_name(Path::new(s));
        assert_eq!(name("dir/My Stack.v2.yaml"), "my-stack-v2");
        assert_eq!(name("vpc_public.json"), "vpc_public");
        assert_eq!(name("2024-app.yaml"), "stack-2024-app");
        assert_eq!(name("...yaml"), "stack");
        assert_eq!(name("test.yaml"), "test-stack");
        assert_eq!(name("fn.yaml"), "fn-stack");
        assert_eq!(name("--weird--.json"), "weird");
        assert_eq!(name("àbc.yaml"), "bc");
        assert!(name(&format!("{}.yaml", "x".repeat(100))).len() <= 60);
    }

    #[test]
    fn package_name_reads_the_package_table() {
        assert_eq!(
            package_name("[workspace]\nname = \"no\"\n[package]\nname = \"cfn-typed\"\n").as_deref(),
            Some("cfn-typed")
        );
        assert_eq!(package_name("[dependencies]\nname = \"x\"\n"), None);
    }
}
