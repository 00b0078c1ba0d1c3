//! `normalize`: one test per rule, and what it leaves alone.

use cfn_import::normalize;
use serde_json::{json, Value};

fn text(v: &Value) -> String {
    serde_json::to_string(&normalize(v)).unwrap_or_default()
}

#[test]
fn keys_are_sorted_at_every_depth() {
    let a = json!({"Resources": {"B": {"Type": "T", "Properties": {"z": 1, "a": 2}}, "A": {"Type": "T"}}});
    assert_eq!(
        text(&a),
        r#"{"Resources":{"A":{"Type":"T"},"B":{"Properties":{"a":2,"z":1},"Type":"T"}}}"#
    );
}

#[test]
fn depends_on_string_and_list_compare_equal_and_lists_are_sorted() {
    let one = json!({"Resources": {"A": {"Type": "T", "DependsOn": "B"}}});
    let list = json!({"Resources": {"A": {"Type": "T", "DependsOn": ["B"]}}});
    assert_eq!(normalize(&one), normalize(&list));
    let ab = json!({"Resources": {"A": {"Type": "T", "DependsOn": ["C", "B"]}}});
    assert_eq!(normalize(&ab)["Resources"]["A"]["DependsOn"], json!(["B", "C"]));
    // duplicates are kept; DependsOn outside a resource entry is left alone
    let dup = json!({"Resources": {"A": {"DependsOn": ["B", "B"]}}, "Metadata": {"DependsOn": "x"}});
    assert_eq!(normalize(&dup)["Resources"]["A"]["DependsOn"], json!(["B", "B"]));
    assert_eq!(normalize(&dup)["Metadata"]["DependsOn"], json!("x"));
}

#[test]
fn getatt_string_form_is_the_list_form() {
    let s = json!({"Outputs": {"O": {"Value": {"Fn::GetAtt": "A.B.C"}}}});
    let l = json!({"Outputs": {"O": {"Value": {"Fn::GetAtt": ["A", "B.C"]}}}});
    assert_eq!(normalize(&s), normalize(&l));
    assert_eq!(normalize(&json!({"Fn::GetAtt": "A"})), json!({"Fn::GetAtt": "A"}));
}

#[test]
fn transform_string_is_a_one_element_list() {
    let s = json!({"Transform": "AWS::Serverless-2016-10-31", "Resources": {}});
    let l = json!({"Transform": ["AWS::Serverless-2016-10-31"], "Resources": {}});
    assert_eq!(normalize(&s), normalize(&l));
    let two = json!({"Transform": ["B", "A"]});
    assert_eq!(normalize(&two)["Transform"], json!(["B", "A"]));
}

#[test]
fn parameter_settings_compare_as_text() {
    let n = json!({"Parameters": {"P": {"Type": "Number", "Default": 10, "MinValue": 1, "NoEcho": true, "AllowedValues": [10, 20]}}});
    let s = json!({"Parameters": {"P": {"Type": "Number", "Default": "10", "MinValue": "1", "NoEcho": "true", "AllowedValues": ["10", "20"]}}});
    assert_eq!(normalize(&n), normalize(&s));
}

#[test]
fn numbers_elsewhere_are_not_normalised() {
    let n = json!({"Resources": {"A": {"Type": "T", "Properties": {"Port": 80}}}});
    let s = json!({"Resources": {"A": {"Type": "T", "Properties": {"Port": "80"}}}});
    assert_ne!(normalize(&n), normalize(&s));
    assert_ne!(normalize(&json!({"X": 1.0})), normalize(&json!({"X": 1})));
}

#[test]
fn yaml_short_and_json_long_forms_normalise_equal() {
    let yaml = "Resources:\n  B:\n    DependsOn: A\n    Type: T\n    Properties: {X: !GetAtt A.Arn, Y: !Sub 'x'}\n  A:\n    Type: T\n";
    let json = r#"{"Resources": {"A": {"Type": "T"}, "B": {"Type": "T", "DependsOn": ["A"],
        "Properties": {"Y": {"Fn::Sub": "x"}, "X": {"Fn::GetAtt": "A.Arn"}}}}}"#;
    let a = cfn_import::parse(yaml, "t.yaml").unwrap_or_else(|e| panic!("{e}"));
    let b = cfn_import::parse(json, "t.json").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(normalize(&a), normalize(&b));
}
