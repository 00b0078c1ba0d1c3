//! The one-line report of a written program: the CLI's last stderr line and the round-trip
//! test's per-template line.

use crate::program::{EscapeReason, Program};

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `N resources: M fully typed, K raw; E escape hatches (by reason); C traps fixed`, e.g.
/// `12 resources: 10 fully typed, 1 raw; 3 escape hatches (1 type not in the schemas, 2 property
/// not in the schema); 1 trap fixed`. Reasons are counted in [`EscapeReason::ALL`] order and
/// only those used are named.
pub fn summary(program: &Program) -> String {
    let s = &program.stats;
    let by_reason: Vec<String> = EscapeReason::ALL
        .iter()
        .filter_map(|reason| {
            let n = program.escapes.iter().filter(|e| e.reason == *reason).count();
            (n > 0).then(|| format!("{n} {}", reason.as_str()))
        })
        .collect();
    let escapes = plural(program.escapes.len(), "escape hatch", "escape hatches");
    let escapes = if by_reason.is_empty() {
        escapes
    } else {
        format!("{escapes} ({})", by_reason.join(", "))
    };
    format!(
        "{}: {} fully typed, {} raw; {escapes}; {} fixed",
        plural(s.resources, "resource", "resources"),
        s.fully_typed,
        s.raw,
        plural(program.changes.len(), "trap", "traps"),
    )
}
