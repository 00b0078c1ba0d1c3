//! Formatting the written program with `rustfmt`.
//!
//! Why rustfmt and not `prettyplease` (a library, no external tool): the program carries a `//`
//! comment next to every escape hatch, saying why the typed API could not express that part of the
//! template. `prettyplease` prints a `syn` tree, and `syn` drops ordinary comments, so those
//! explanations would vanish. rustfmt keeps them. It ships with every rustup toolchain; when it is
//! missing or fails, the program is returned as written (valid Rust, only not pretty).

use std::io::Write as _;
use std::process::{Command, Stdio};

/// The rustfmt command: `RUSTFMT` when set (as cargo's own `cargo fmt` honours it), `rustfmt` on
/// the `PATH` otherwise.
fn rustfmt() -> std::ffi::OsString {
    std::env::var_os("RUSTFMT")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "rustfmt".into())
}

/// `src` formatted by `rustfmt --edition 2021 --emit stdout`, or the reason it could not be.
/// rustfmt reads text from stdin with the settings of any `rustfmt.toml` found from the current
/// directory up, as `cargo fmt` would there.
pub fn try_format_source(src: &str) -> Result<String, String> {
    let program = rustfmt();
    let mut child = Command::new(&program)
        .args(["--edition", "2021", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", program.to_string_lossy()))?;
    // Write on another thread: rustfmt may fill its stdout pipe before it has read all of stdin.
    let mut stdin = child.stdin.take().ok_or("rustfmt has no stdin")?;
    let input = src.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("`{}` failed: {e}", program.to_string_lossy()))?;
    let written = writer
        .join()
        .map_err(|_| "the thread feeding rustfmt panicked".to_owned())?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("no message");
        return Err(format!(
            "`{}` exited with {}: {first}",
            program.to_string_lossy(),
            output.status
        ));
    }
    written.map_err(|e| format!("cannot write to rustfmt: {e}"))?;
    String::from_utf8(output.stdout).map_err(|_| "rustfmt printed text that is not UTF-8".to_owned())
}

/// `src` formatted by rustfmt (see [`try_format_source`]); `src` unchanged when rustfmt is absent
/// or refuses it. Never panics.
pub fn format_source(src: &str) -> String {
    try_format_source(src).unwrap_or_else(|_| src.to_owned())
}
