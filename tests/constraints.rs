//! Schema constraints the Rust types cannot hold (ranges, lengths, patterns) are checked by
//! `validate` on literal values, with the property path and the fix.

mod common;

use cfn::aws::sqs;
use cfn::prelude::*;

#[test]
fn literal_out_of_range_is_reported_with_path_and_fix() {
    let mut s: Stack = Stack::new();
    s.add("Queue", sqs::Queue::new().delay_seconds(901));
    let d = cfn::validate(&s);
    let hit = d
        .iter()
        .find(|d| d.code == "constraint")
        .expect("a constraint diagnostic");
    assert_eq!(hit.path, "Resources/Queue/Properties/DelaySeconds");
    assert!(hit.message.contains("above the maximum 900"), "{}", hit.message);
    assert!(hit.help.contains("at most 900"), "{}", hit.help);
    assert!(cfn::to_json(&s).is_err());
}

#[test]
fn nested_list_paths_and_patterns_are_checked() {
    let mut s: Stack = Stack::new();
    s.add(
        "Queue",
        sqs::Queue::new().tags([sqs::queue::Tag::new("", "v"), sqs::queue::Tag::new("bad{key}", "v")]),
    );
    let d: Vec<_> = cfn::validate(&s)
        .into_iter()
        .filter(|d| d.code == "constraint")
        .collect();
    assert!(
        d.iter()
            .any(|d| d.path == "Resources/Queue/Properties/Tags/*/Key" && d.message.contains("at least 1")),
        "{d:?}"
    );
    assert!(
        d.iter().any(|d| d.message.contains("does not match the pattern")),
        "{d:?}"
    );
}

#[test]
fn values_within_limits_and_intrinsics_pass() {
    let mut s: Stack = Stack::new();
    let delay = s.parameter("Delay", Parameter::integer().min_value(0.0).max_value(900.0).default(5));
    // Explicit policies and retention: cfn-lint's informational rules want them on queues.
    let keep = || Attributes::new().retain_data(Policy::Delete);
    let queue = || sqs::Queue::new().message_retention_period(345_600);
    s.add_with("Queue", queue().delay_seconds(delay.value()), keep());
    s.add_with(
        "Other",
        queue().delay_seconds(900).tags([sqs::queue::Tag::new("team", "core")]),
        keep(),
    );
    assert!(cfn::validate(&s).is_empty(), "{:?}", cfn::validate(&s));
    common::emit_for_lint("constraints", &s);
}
