//! Golden assemblies: the emitted files compared with committed ones, with a unified line diff.

use std::path::Path;

use similar::TextDiff;

use super::{AssertionError, Mismatch};

/// At most this many diff lines per file in a failure message.
const MAX_DIFF_LINES: usize = 120;

/// True when `UPDATE_GOLDEN=1`.
fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1")
}

/// Compares `files` (name, contents) with the files of `dir`, or rewrites `dir` when
/// `UPDATE_GOLDEN=1` (removing `.json` files the assembly no longer has).
pub(crate) fn check(dir: &Path, files: &[(String, String)]) -> Result<(), AssertionError> {
    let rerun = format!(
        "if the change is intended, rerun with UPDATE_GOLDEN=1 to rewrite {} and review the diff",
        dir.display()
    );
    let io = |what: String, e: std::io::Error| AssertionError {
        message: format!("{what}: {e}"),
        mismatches: Vec::new(),
        context: None,
    };
    let existing: Vec<String> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".json"))
            .collect(),
        Err(_) => Vec::new(),
    };
    if updating() {
        std::fs::create_dir_all(dir).map_err(|e| io(format!("cannot create {}", dir.display()), e))?;
        for (name, contents) in files {
            let p = dir.join(name);
            std::fs::write(&p, contents).map_err(|e| io(format!("cannot write {}", p.display()), e))?;
        }
        for stale in existing.iter().filter(|n| !files.iter().any(|(f, _)| f == *n)) {
            let p = dir.join(stale);
            std::fs::remove_file(&p).map_err(|e| io(format!("cannot remove {}", p.display()), e))?;
        }
        return Ok(());
    }
    let mut mismatches = Vec::new();
    let mut diffs = String::new();
    for (name, actual) in files {
        let p = dir.join(name);
        match std::fs::read_to_string(&p) {
            Ok(expected) if expected == *actual => {}
            Ok(expected) => {
                let diff = TextDiff::from_lines(expected.as_str(), actual.as_str());
                let text = diff
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("{} (golden)", p.display()), &format!("{name} (emitted)"))
                    .to_string();
                let mut lines: Vec<&str> = text.lines().collect();
                let cut = lines.len().saturating_sub(MAX_DIFF_LINES);
                lines.truncate(MAX_DIFF_LINES);
                diffs.push_str(&lines.join("\n"));
                diffs.push('\n');
                if cut > 0 {
                    diffs.push_str(&format!("… {cut} more diff line(s)\n"));
                }
                if expected.trim_end() == actual.trim_end() {
                    diffs.push_str("(only trailing whitespace or the final newline differs)\n");
                }
                let first = first_change(&expected, actual);
                mismatches.push(Mismatch {
                    at: format!("{}:{}", p.display(), first.0),
                    expected: first.1,
                    found: first.2,
                });
            }
            Err(_) => mismatches.push(Mismatch {
                at: p.display().to_string(),
                expected: format!("the golden file `{name}`"),
                found: "no such file".into(),
            }),
        }
    }
    for stale in existing.iter().filter(|n| !files.iter().any(|(f, _)| f == *n)) {
        mismatches.push(Mismatch {
            at: dir.join(stale).display().to_string(),
            expected: "no such file (the assembly does not emit it)".into(),
            found: "a golden file".into(),
        });
    }
    if mismatches.is_empty() {
        return Ok(());
    }
    Err(AssertionError {
        message: format!(
            "the emitted assembly differs from the golden files in {} ({} file(s) differ)",
            dir.display(),
            mismatches.len()
        ),
        mismatches,
        context: Some(format!("{diffs}{rerun}")),
    })
}

/// The first differing line: (line number, golden line, emitted line).
fn first_change(expected: &str, actual: &str) -> (usize, String, String) {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let i = (0..e.len().max(a.len()))
        .find(|&i| e.get(i) != a.get(i))
        .unwrap_or(e.len().min(a.len()));
    let show = |v: &[&str]| v.get(i).map_or("<end of file>".to_string(), |l| l.trim().to_string());
    (i + 1, show(&e), show(&a))
}
