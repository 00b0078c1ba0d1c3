//! Hostile input (issue 8, item 2): `validate` and the emitter never panic, whatever JSON reaches
//! them through `RawResource`, whatever the logical ids, however empty, huge, deep or unicode the
//! values; and each problem gets a diagnostic.
//!
//! The proptest cases run in CI (`CFN_HOSTILE_CASES`, default 2,000 stacks); every input that
//! ever broke something stays as a named test: the first was deep nesting, which overflowed the
//! stack in the JSON reader and in serde_json's own drop (now cut at `MAX_JSON_DEPTH` and reported
//! as `too-deep`), and an empty resource type name, which was emitted without a word (now
//! `resource-type`).

use std::cell::Cell;

use cfn::prelude::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value as J};

/// Keys that make raw JSON read as intrinsic functions, so the strategies hit those parsers.
const KEYS: &[&str] = &[
    "Ref",
    "Fn::GetAtt",
    "Fn::Sub",
    "Fn::Join",
    "Fn::Select",
    "Fn::Split",
    "Fn::If",
    "Fn::FindInMap",
    "Fn::GetAZs",
    "Fn::ImportValue",
    "Fn::Base64",
    "Fn::Cidr",
    "Fn::Equals",
    "Fn::And",
    "Fn::Or",
    "Fn::Not",
    "Condition",
    "Fn::Length",
    "Fn::ToJsonString",
    "Tags",
];

/// Strings: unicode, `${…}` fragments, dynamic-reference fragments, near-ids.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[A-Za-z0-9]{0,12}",
        "(\\$\\{[A-Za-z:.!]{0,10}\\}?|\\{\\{resolve:[a-z:/]{0,20}\\}?\\}?|[a-z ]{0,5}){0,4}",
        Just(String::new()),
    ]
}

fn json_value() -> impl Strategy<Value = J> {
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(J::Null, J::Number)),
        text().prop_map(J::String),
    ];
    leaf.prop_recursive(8, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(J::Array),
            (prop::sample::select(KEYS), inner.clone()).prop_map(|(k, v)| json!({ k: v })),
            prop::collection::vec((text(), inner), 0..5).prop_map(|kv| J::Object(kv.into_iter().collect())),
        ]
    })
}

/// Logical ids: valid ones, and empty, unicode, punctuation, 300 characters.
fn logical_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9]{0,20}",
        text(),
        Just("x".repeat(300)),
        Just(String::new()),
    ]
}

#[derive(Debug, Clone)]
struct Hostile {
    resources: Vec<(String, String, J)>,
    outputs: Vec<(String, J)>,
    parameters: Vec<String>,
}

fn hostile() -> impl Strategy<Value = Hostile> {
    (
        prop::collection::vec((logical_id(), text(), json_value()), 0..6),
        prop::collection::vec((logical_id(), json_value()), 0..3),
        prop::collection::vec(logical_id(), 0..3),
    )
        .prop_map(|(resources, outputs, parameters)| Hostile {
            resources,
            outputs,
            parameters,
        })
}

fn build(h: &Hostile) -> Stack {
    let mut s: Stack = Stack::new();
    for p in &h.parameters {
        s.parameter(p, Parameter::string());
    }
    for (id, ty, props) in &h.resources {
        s.add(id, RawResource::new(ty.clone(), props.clone()));
    }
    for (id, v) in &h.outputs {
        s.output(id, Output::new(Value::<Json>::from(v.clone())));
    }
    s
}

/// Everything a user can call on a stack, none of which may panic. Returns the diagnostics.
fn exercise(s: &Stack) -> Vec<Diagnostic> {
    let d = cfn::validate(s);
    let opts = AssemblyOptions::default();
    match cfn::assemble(s, &opts) {
        Ok(a) => {
            for f in &a.files {
                let parsed: Result<J, _> = serde_json::from_str(&f.contents);
                assert!(parsed.is_ok(), "emitted {} is not JSON", f.name);
            }
            assert!(
                d.iter().all(|x| x.severity != Severity::Error),
                "assembled despite errors"
            );
        }
        Err(errs) => assert!(!errs.to_string().is_empty()),
    }
    let _ = cfn::to_json(s);
    let _ = cfn::emit::render_unchecked(s, &opts);
    d
}

fn cases() -> u32 {
    std::env::var("CFN_HOSTILE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

#[test]
fn arbitrary_raw_json_ids_and_values_never_panic_and_bad_ids_are_reported() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let diagnosed = Cell::new(0usize);
    let result = runner.run(&hostile(), |h| {
        let s = build(&h);
        let d = exercise(&s);
        if !d.is_empty() {
            diagnosed.set(diagnosed.get() + 1);
        }
        // Every invalid resource id is named by a diagnostic.
        let valid = |id: &str| !id.is_empty() && id.len() <= 255 && id.chars().all(|c| c.is_ascii_alphanumeric());
        for (id, _, _) in &h.resources {
            if !valid(id) {
                prop_assert!(
                    d.iter().any(|x| x.code == "logical-id" || x.code == "duplicate-id"),
                    "no diagnostic for resource id {id:?}"
                );
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "hostile: {} stacks, {} with diagnostics, no panic",
        cases(),
        diagnosed.get()
    );
}

/// A list nested `depth` times around a string.
fn deep(depth: usize) -> J {
    let mut v = json!("bottom");
    for _ in 0..depth {
        v = J::Array(vec![v]);
    }
    v
}

#[test]
fn deep_nesting_is_reported_not_a_stack_overflow() {
    for depth in [100, 1_000, 100_000] {
        let mut s: Stack = Stack::new();
        // Not `json!`: it would serialise (recursively copy) the value it is given.
        let props = J::Object([("Tags".to_string(), deep(depth))].into_iter().collect());
        s.add("Deep", RawResource::new("AWS::SNS::Topic", props));
        let d = exercise(&s);
        if depth > 1_000 {
            assert!(
                d.iter()
                    .any(|x| x.code == "too-deep" && x.path.starts_with("Resources/Deep")),
                "depth {depth}: {d:?}"
            );
        }
    }
}

#[test]
fn huge_and_empty_values() {
    let mut s: Stack = Stack::new();
    s.add(
        "Huge",
        RawResource::new("AWS::SNS::Topic", json!({ "TopicName": "t".repeat(2_000_000) })),
    );
    s.add("Empty", RawResource::new("", json!({})));
    s.add("Null", RawResource::new("AWS::SNS::Topic", J::Null));
    let d = exercise(&s);
    assert!(d.iter().any(|x| x.code == "limit"), "the 1 MB body limit: {d:?}");
    assert!(d.iter().any(|x| x.path == "Resources/Empty"), "the empty type: {d:?}");
}

// Edge cases of the `Fn::Sub` reader, kept as plain tests.

#[test]
fn regression_unterminated_sub_placeholder_and_bare_dollar_brace() {
    let mut s: Stack = Stack::new();
    s.add(
        "T",
        RawResource::new("AWS::SNS::Topic", json!({ "TopicName": {"Fn::Sub": "${"} })),
    );
    s.add(
        "U",
        RawResource::new("AWS::SNS::Topic", json!({ "TopicName": {"Fn::Sub": "${!}${}"} })),
    );
    exercise(&s);
}
