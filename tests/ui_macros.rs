//! Compile-fail cases of the derive macros and `sub!` (`tests/ui/macros/*.rs`), each with the
//! compiler's message committed next to it. Regenerate with
//! `TRYBUILD=overwrite cargo test --test ui_macros`, then read every `.stderr`: it must be short,
//! point at the offending attribute or field, and name the fix. `pass/` holds code that must
//! compile without warnings or missing docs.

#[test]
fn ui_macros() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/macros/*.rs");
    t.pass("tests/ui/macros/pass/*.rs");
}
