//! Compile-fail cases: each refused pattern, with the compiler message committed next to it
//! (`tests/ui/*.stderr`). Regenerate with `TRYBUILD=overwrite cargo test --test ui`, then read
//! every `.stderr`: it must say what is wrong and name the fix.
//!
//! `tests/ui/pass/` holds the fixed forms, which must compile and run. Having a pass case also
//! makes trybuild use `cargo build` rather than `cargo check`: the const panics of
//! `const { SecretId::new(…) }` surface only when the constant is evaluated, which `cargo check`
//! skips for inline `const` blocks.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
