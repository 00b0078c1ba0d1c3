//! Compile-fail cases: each refused pattern, with the compiler message committed next to it
//! (`tests/ui/*.stderr`). Regenerate with `TRYBUILD=overwrite cargo test --test ui`, then read
//! every `.stderr`: it must say what is wrong and name the fix.
//!
//! `tests/ui/pass/` holds the fixed forms, which must compile and run. `secret_id!`/`ssm_name!`
//! check their literal in a named constant, which `cargo check` evaluates too (an inline
//! `const { … }` block would surface only under `cargo build`).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
