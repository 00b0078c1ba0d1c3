//! The reader: each short-form tag against its long form, nested tags, the GetAtt dot rule,
//! anchors, duplicate keys, the YAML 1.1 scalars, and the error messages.

use cfn_import::{parse, parse_json, parse_yaml, ParseError};
use serde_json::{json, Value};

/// The `X` property of resource `R` in a YAML template whose line is `      X: {value}`.
fn prop(value: &str) -> Result<Value, ParseError> {
    let src = format!("Resources:\n  R:\n    Type: T\n    Properties:\n      X: {value}\n");
    let template = parse(&src, "t.yaml")?;
    Ok(template["Resources"]["R"]["Properties"]["X"].clone())
}

fn ok(value: &str) -> Value {
    prop(value).unwrap_or_else(|e| panic!("{value}: {e}"))
}

fn err(value: &str) -> String {
    match prop(value) {
        Ok(v) => panic!("{value} parsed to {v}"),
        Err(e) => e.to_string(),
    }
}

/// Short form, long form in YAML, and the expected JSON: all three the same.
fn same(short: &str, long: &str, expected: Value) {
    assert_eq!(ok(short), expected, "short form {short}");
    assert_eq!(ok(long), expected, "long form {long}");
}

#[test]
fn ref_and_condition_keep_their_names() {
    same("!Ref P", "{Ref: P}", json!({"Ref": "P"}));
    same("!Condition C", "{Condition: C}", json!({"Condition": "C"}));
    // a tagged scalar is always a string, as in cfn-lint
    assert_eq!(ok("!Ref 10"), json!({"Ref": "10"}));
}

#[test]
fn getatt_string_splits_at_the_first_dot_and_list_form() {
    same(
        "!GetAtt A.B",
        "{'Fn::GetAtt': [A, B]}",
        json!({"Fn::GetAtt": ["A", "B"]}),
    );
    same(
        "!GetAtt A.B.C",
        "{'Fn::GetAtt': [A, B.C]}",
        json!({"Fn::GetAtt": ["A", "B.C"]}),
    );
    same(
        "!GetAtt [A, B.C]",
        "{'Fn::GetAtt': [A, B.C]}",
        json!({"Fn::GetAtt": ["A", "B.C"]}),
    );
    same(
        "!GetAtt [A, !Ref P]",
        "{'Fn::GetAtt': [A, {Ref: P}]}",
        json!({"Fn::GetAtt": ["A", {"Ref": "P"}]}),
    );
}

#[test]
fn getatt_without_a_dot_is_an_error() {
    let e = err("!GetAtt A");
    assert_eq!(
        e,
        "t.yaml:5:10: `!GetAtt A` needs `Resource.Attribute` (a dot between two names) or a list"
    );
    assert!(err("!GetAtt A.").contains("needs `Resource.Attribute`"));
    assert!(err("!GetAtt .B").contains("needs `Resource.Attribute`"));
}

#[test]
fn sub_with_and_without_a_variable_map() {
    same(
        "!Sub 'a-${AWS::Region}'",
        "{'Fn::Sub': 'a-${AWS::Region}'}",
        json!({"Fn::Sub": "a-${AWS::Region}"}),
    );
    same(
        "!Sub ['${x}-${y}', {x: !Ref P, y: b}]",
        "{'Fn::Sub': ['${x}-${y}', {x: {Ref: P}, y: b}]}",
        json!({"Fn::Sub": ["${x}-${y}", {"x": {"Ref": "P"}, "y": "b"}]}),
    );
}

#[test]
fn every_other_function_tag() {
    let cases: &[(&str, &str, Value)] = &[
        (
            "!If [C, a, b]",
            "{'Fn::If': [C, a, b]}",
            json!({"Fn::If": ["C", "a", "b"]}),
        ),
        (
            "!Select [1, [a, b]]",
            "{'Fn::Select': [1, [a, b]]}",
            json!({"Fn::Select": [1, ["a", "b"]]}),
        ),
        (
            "!Join [',', [a, b]]",
            "{'Fn::Join': [',', [a, b]]}",
            json!({"Fn::Join": [",", ["a", "b"]]}),
        ),
        (
            "!Split [',', 'a,b']",
            "{'Fn::Split': [',', 'a,b']}",
            json!({"Fn::Split": [",", "a,b"]}),
        ),
        (
            "!FindInMap [M, k, v]",
            "{'Fn::FindInMap': [M, k, v]}",
            json!({"Fn::FindInMap": ["M", "k", "v"]}),
        ),
        ("!GetAZs ''", "{'Fn::GetAZs': ''}", json!({"Fn::GetAZs": ""})),
        (
            "!ImportValue x",
            "{'Fn::ImportValue': x}",
            json!({"Fn::ImportValue": "x"}),
        ),
        ("!Base64 x", "{'Fn::Base64': x}", json!({"Fn::Base64": "x"})),
        (
            "!Cidr [10.0.0.0/16, 4, 8]",
            "{'Fn::Cidr': [10.0.0.0/16, 4, 8]}",
            json!({"Fn::Cidr": ["10.0.0.0/16", 4, 8]}),
        ),
        (
            "!Equals [a, b]",
            "{'Fn::Equals': [a, b]}",
            json!({"Fn::Equals": ["a", "b"]}),
        ),
        (
            "!And [!Condition A, !Condition B]",
            "{'Fn::And': [{Condition: A}, {Condition: B}]}",
            json!({"Fn::And": [{"Condition": "A"}, {"Condition": "B"}]}),
        ),
        (
            "!Or [!Equals [a, b], !Condition B]",
            "{'Fn::Or': [{'Fn::Equals': [a, b]}, {Condition: B}]}",
            json!({"Fn::Or": [{"Fn::Equals": ["a", "b"]}, {"Condition": "B"}]}),
        ),
        (
            "!Not [!Condition A]",
            "{'Fn::Not': [{Condition: A}]}",
            json!({"Fn::Not": [{"Condition": "A"}]}),
        ),
        (
            "!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}",
            "{'Fn::Transform': {Name: AWS::Include, Parameters: {Location: s3://b/k}}}",
            json!({"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}}),
        ),
        (
            "!Length [a, b]",
            "{'Fn::Length': [a, b]}",
            json!({"Fn::Length": ["a", "b"]}),
        ),
        (
            "!ToJsonString {a: b}",
            "{'Fn::ToJsonString': {a: b}}",
            json!({"Fn::ToJsonString": {"a": "b"}}),
        ),
        ("!ForEach [x]", "{'Fn::ForEach': [x]}", json!({"Fn::ForEach": ["x"]})),
    ];
    for (short, long, expected) in cases {
        same(short, long, expected.clone());
    }
}

#[test]
fn nested_tags() {
    assert_eq!(
        ok("!Join ['', [!Sub 'a-${AWS::Region}', !Select [0, !GetAZs '']]]"),
        json!({"Fn::Join": ["", [{"Fn::Sub": "a-${AWS::Region}"}, {"Fn::Select": [0, {"Fn::GetAZs": ""}]}]]})
    );
    let block = "Resources:\n  R:\n    Type: T\n    Properties:\n      X: !If\n        - C\n        - !Base64\n          Fn::Sub: |\n            echo ${P}\n        - !Ref AWS::NoValue\n";
    let t = parse(block, "t.yaml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        t["Resources"]["R"]["Properties"]["X"],
        json!({"Fn::If": ["C", {"Fn::Base64": {"Fn::Sub": "echo ${P}\n"}}, {"Ref": "AWS::NoValue"}]})
    );
}

#[test]
fn key_order_is_kept() {
    let t = parse("Resources:\n  Z: {Type: T}\n  A: {Type: T}\n  M: {Type: T}\n", "t.yaml").unwrap_or_default();
    let keys: Vec<&String> = t["Resources"]
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["Z", "A", "M"]);
    let t = parse(r#"{"Resources": {"Z": {"Type": "T"}, "A": {"Type": "T"}}}"#, "t.json").unwrap_or_default();
    let keys: Vec<&String> = t["Resources"]
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["Z", "A"]);
}

#[test]
fn yaml_1_1_scalars_as_cfn_lint_reads_them() {
    for (text, expected) in [
        ("yes", json!(true)),
        ("No", json!(false)),
        ("ON", json!(true)),
        ("off", json!(false)),
        ("true", json!(true)),
        ("'yes'", json!("yes")),
        ("10", json!(10)),
        ("'10'", json!("10")),
        ("\"10\"", json!("10")),
        ("-7", json!(-7)),
        ("1_000", json!(1000)),
        ("0755", json!(493)),
        ("'0755'", json!("0755")),
        ("08", json!("08")),
        ("0o17", json!("0o17")),
        ("0x1F", json!(31)),
        ("0b101", json!(5)),
        ("1:30", json!(90)),
        ("1e3", json!("1e3")),
        ("1.0e+3", json!(1000.0)),
        ("1.5", json!(1.5)),
        (".5", json!(0.5)),
        ("1.", json!(1.0)),
        ("2010-09-09", json!("2010-09-09")),
        ("2001-12-14t21:59:43.10-05:00", json!("2001-12-14t21:59:43.10-05:00")),
        ("~", json!(null)),
        ("null", json!(null)),
        ("", json!(null)),
        ("3.8.1", json!("3.8.1")),
        ("!!str 10", json!("10")),
        ("!!int '10'", json!(10)),
        ("!!float 1", json!(1.0)),
        ("18446744073709551615", json!(18446744073709551615u64)),
    ] {
        assert_eq!(ok(text), expected, "{text}");
    }
    assert!(err("99999999999999999999999").contains("does not fit in 64 bits"));
    assert!(err(".inf").contains("no JSON form"));
    assert!(err("!!int abc").contains("`!!int` on \"abc\""));
    assert!(err("!!binary aGk=").contains("unsupported YAML tag `!!binary`"));
}

#[test]
fn the_format_version_date_stays_text() {
    let t = parse("AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n", "t.yaml").unwrap_or_default();
    assert_eq!(t["AWSTemplateFormatVersion"], json!("2010-09-09"));
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let src = "Resources:\n  A:\n    Type: T\n    Properties: &p\n      X: !Ref P\n      Y: [1, 2]\n  B:\n    Type: T\n    Properties: *p\n  C:\n    Type: T\n    Properties:\n      <<: *p\n      Y: 3\n";
    let t = parse(src, "t.yaml").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        t["Resources"]["B"]["Properties"],
        json!({"X": {"Ref": "P"}, "Y": [1, 2]})
    );
    assert_eq!(t["Resources"]["C"]["Properties"], json!({"X": {"Ref": "P"}, "Y": 3}));
    let e = parse("Resources:\n  A: *nope\n", "t.yaml")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("t.yaml:2:6: ") && e.contains("unknown anchor"), "{e}");
}

#[test]
fn alias_amplification_is_refused() {
    let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..8 {
        let p = i - 1;
        src.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    src.push_str("Resources: {}\n");
    let e = parse(&src, "bomb.yaml")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("more than 250000 nodes"), "{e}");
}

#[test]
fn duplicate_keys_name_the_key_and_lines() {
    let e = parse(
        "Resources:\n  A: {Type: T}\n  B: {Type: T}\n  A: {Type: U}\n",
        "dup.yaml",
    )
    .err();
    assert_eq!(
        e.map(|e| e.to_string()).unwrap_or_default(),
        "dup.yaml:4:3: duplicate key \"A\" (first at line 2, again at line 4)"
    );
    let e = parse(
        "{\n  \"Resources\": {\n    \"A\": {},\n    \"A\": {}\n  }\n}\n",
        "dup.json",
    )
    .err();
    let e = e.map(|e| e.to_string()).unwrap_or_default();
    assert!(e.starts_with("dup.json:4:") && e.contains("duplicate key \"A\""), "{e}");
}

#[test]
fn multi_document_files_are_refused() {
    let e = parse("Resources: {}\n---\nResources: {}\n", "two.yaml")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("two.yaml:2:1: a second YAML document starts here"), "{e}");
}

#[test]
fn bad_input_errors_name_file_line_and_reason() {
    let cases: &[(&str, &str)] = &[
        ("", "e.yaml: the file is empty: no template"),
        ("# only a comment\n", "e.yaml: the file is empty: no template"),
        (
            "- a\n- b\n",
            "e.yaml: not a template: the top level is a list, not a mapping",
        ),
        (
            "just text\n",
            "e.yaml: not a template: the top level is a string, not a mapping",
        ),
        ("{}\n", "e.yaml: not a template: the mapping is empty"),
    ];
    for (src, expected) in cases {
        assert_eq!(
            parse(src, "e.yaml").err().map(|e| e.to_string()).as_deref(),
            Some(*expected),
            "{src:?}"
        );
    }
    let e = parse("foo: bar\n", "e.yaml")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.starts_with("e.yaml: not a template: the top-level mapping has none of Resources"),
        "{e}"
    );
    let e = parse("Resources:\n  A: [1, 2\n", "e.yaml")
        .err()
        .unwrap_or_else(|| panic!("parsed"));
    assert_eq!(e.file, "e.yaml");
    assert!(e.line.is_some() && e.message.starts_with("invalid YAML: "), "{e}");
    // broken for JSON and for YAML (the JSON error is reported)
    let e = parse("{\"Resources\": {\"A\": [}}", "e.json")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("e.json:1:22: invalid JSON: "), "{e}");
    let e = parse("Resources:\n  A: !!python/object x\n", "e.yaml")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("e.yaml:2:6: unsupported YAML tag"), "{e}");
    let e = parse("Resources:\n  ~: x\n", "e.yaml")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("e.yaml:2:3: a null key"), "{e}");
    let e = parse("Resources:\n  [a]: x\n", "e.yaml")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("e.yaml:2:3: a mapping key must be a scalar"), "{e}");
    let deep = format!("Resources: {}{}", "[".repeat(300), "]".repeat(300));
    assert!(parse(&deep, "d.yaml").is_err());
    let deep_json = format!("{{\"Resources\": {}{}}}", "[".repeat(300), "]".repeat(300));
    assert!(parse(&deep_json, "d.json").is_err());
}

#[test]
fn json_with_tabs_and_the_yaml_fallback() {
    let t = parse(
        "{\n\t\"Resources\": {\"A\": {\"Type\": \"T\", \"N\": 1e3}}\n}\n",
        "t.json",
    )
    .unwrap_or_default();
    assert_eq!(t["Resources"]["A"]["N"], json!(1000.0));
    // a flow-mapping YAML document that is not JSON still reads
    let t = parse("{Resources: {A: {Type: T}}}\n", "t.yaml").unwrap_or_default();
    assert_eq!(t, json!({"Resources": {"A": {"Type": "T"}}}));
    assert!(parse_json("[1]", "x").is_ok() && parse_yaml("- 1", "x").is_ok());
}

#[test]
fn the_non_specific_tag_makes_a_string() {
    let t = parse("Resources:\n  A: [! \"Ref\": x, ! 10]\n", "t.yaml").unwrap_or_default();
    assert_eq!(t["Resources"]["A"], json!([{"Ref": "x"}, "10"]));
}
