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

#[test]
fn template_format_version_2010_09_09_is_implied() {
    let with = json!({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}});
    let without = json!({"Resources": {}});
    assert_eq!(normalize(&with), normalize(&without));
    // another value is kept, and differs
    let other = json!({"AWSTemplateFormatVersion": "2011-01-01", "Resources": {}});
    assert_ne!(normalize(&other), normalize(&without));
}

#[test]
fn depends_on_implied_by_a_reference_is_dropped() {
    let refs = json!({"Ref": "A"});
    for properties in [
        json!({"X": refs}),
        json!({"X": {"Fn::GetAtt": ["A", "Arn"]}}),
        json!({"X": {"Fn::GetAtt": "A.Arn"}}),
        json!({"X": [{"Fn::Sub": "arn:${AWS::Partition}:${A.Arn}/x"}]}),
        json!({"X": {"Fn::Sub": ["${A}-${B}", {"B": "b"}]}}),
        json!({"X": {"Fn::If": ["C", {"Ref": "A"}, {"Ref": "AWS::NoValue"}]}}),
    ] {
        let with =
            json!({"Resources": {"A": {"Type": "T"}, "B": {"Type": "T", "DependsOn": "A", "Properties": properties}}});
        let without = json!({"Resources": {"A": {"Type": "T"}, "B": {"Type": "T", "Properties": properties}}});
        assert_eq!(normalize(&with), normalize(&without), "{properties}");
        let list = json!({"Resources": {"A": {"Type": "T"}, "B": {"Type": "T", "DependsOn": ["A"], "Properties": properties}}});
        assert_eq!(normalize(&list), normalize(&without), "{properties}");
    }
}

#[test]
fn depends_on_no_reference_implies_is_kept() {
    let base = |depends_on: Value, properties: Value| {
        json!({"Resources": {"A": {"Type": "T"}, "C": {"Type": "T"},
            "B": {"Type": "T", "DependsOn": depends_on, "Properties": properties}}})
    };
    // C is not referenced: kept, A dropped
    let n = normalize(&base(json!(["C", "A"]), json!({"X": {"Ref": "A"}})));
    assert_eq!(n["Resources"]["B"]["DependsOn"], json!(["C"]));
    // a reference outside Properties, a `${!A}` literal, a Sub variable defined by the map,
    // and a parameter of the same name do not imply anything
    for properties in [
        json!({"X": {"Fn::Sub": "${!A}"}}),
        json!({"X": {"Fn::Sub": ["${A}", {"A": "x"}]}}),
        json!({"X": "A"}),
    ] {
        let n = normalize(&base(json!("A"), properties.clone()));
        assert_eq!(n["Resources"]["B"]["DependsOn"], json!(["A"]), "{properties}");
    }
    let meta =
        json!({"Resources": {"A": {"Type": "T"}, "B": {"Type": "T", "DependsOn": "A", "Metadata": {"Ref": "A"}}}});
    assert_eq!(normalize(&meta)["Resources"]["B"]["DependsOn"], json!(["A"]));
    let param = json!({"Parameters": {"P": {"Type": "String"}}, "Resources": {"B": {"Type": "T", "DependsOn": "P", "Properties": {"X": {"Ref": "P"}}}}});
    assert_eq!(normalize(&param)["Resources"]["B"]["DependsOn"], json!(["P"]));
}

#[test]
fn typed_property_scalars_compare_as_their_schema_type() {
    let sg = |port: Value, cidr: Value| {
        json!({"Resources": {"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
            "GroupDescription": "x",
            "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": port, "ToPort": 443, "CidrIp": cidr}]
        }}}})
    };
    // integer property: "80" is 80
    assert_eq!(
        normalize(&sg(json!("80"), json!("0.0.0.0/0"))),
        normalize(&sg(json!(80), json!("0.0.0.0/0")))
    );
    assert_eq!(
        normalize(&sg(json!("80"), json!("x")))["Resources"]["Sg"]["Properties"]["SecurityGroupIngress"][0]["FromPort"],
        json!(80)
    );
    // not a decimal integer: left as text, and different
    for text in ["+80", " 80", "0x50", "80.0", "080", "1e2", "80 "] {
        assert_ne!(
            normalize(&sg(json!(text), json!("x"))),
            normalize(&sg(json!(80), json!("x"))),
            "{text}"
        );
    }
    // string property: 10 is "10"
    let bucket = |v: Value| json!({"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": v}}}});
    assert_eq!(normalize(&bucket(json!(10))), normalize(&bucket(json!("10"))));
    // boolean property: "true", "True", "TRUE" are true (what cfn-lint accepts); "yes" stays text
    let queue = |v: Value| json!({"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"FifoQueue": v}}}});
    for text in ["true", "True", "TRUE"] {
        assert_eq!(normalize(&queue(json!(text))), normalize(&queue(json!(true))), "{text}");
    }
    assert_eq!(normalize(&queue(json!("False"))), normalize(&queue(json!(false))));
    for text in ["tRUE", "yes", "1"] {
        assert_ne!(normalize(&queue(json!(text))), normalize(&queue(json!(true))), "{text}");
    }
    // number property: "0.5" is 0.5
    let alarm =
        |v: Value| json!({"Resources": {"A": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"Threshold": v}}}});
    assert_eq!(normalize(&alarm(json!("0.5"))), normalize(&alarm(json!(0.5))));
}

#[test]
fn json_properties_untyped_resources_and_intrinsics_are_left_alone() {
    // a Json property (the policy document) keeps "80" and 80 apart
    let policy = |v: Value| {
        json!({"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Sid": v}]}
        }}}})
    };
    assert_ne!(normalize(&policy(json!("80"))), normalize(&policy(json!(80))));
    // a type outside the schemas
    let custom = |v: Value| json!({"Resources": {"C": {"Type": "Custom::Thing", "Properties": {"Port": v}}}});
    assert_ne!(normalize(&custom(json!("80"))), normalize(&custom(json!(80))));
    // an intrinsic where the scalar would be
    let sg = json!({"Resources": {"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
        "GroupDescription": "x",
        "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": {"Fn::If": ["C", "80", 81]}}]
    }}}});
    assert_eq!(
        normalize(&sg)["Resources"]["Sg"]["Properties"]["SecurityGroupIngress"][0]["FromPort"],
        json!({"Fn::If": ["C", "80", 81]})
    );
    // outside Properties (an output value) nothing is typed
    let out = |v: Value| json!({"Outputs": {"O": {"Value": v}}});
    assert_ne!(normalize(&out(json!("80"))), normalize(&out(json!(80))));
}

#[test]
fn empty_properties_are_no_properties() {
    let empty = json!({"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {}}}});
    let none = json!({"Resources": {"A": {"Type": "AWS::SNS::Topic"}}});
    assert_eq!(normalize(&empty), normalize(&none));
    // an empty mapping inside the properties is kept
    let inner = json!({"Resources": {"A": {"Type": "T", "Properties": {"X": {}}}}});
    assert_eq!(normalize(&inner)["Resources"]["A"]["Properties"], json!({"X": {}}));
}

#[test]
fn equals_arguments_compare_as_text() {
    let c = |v: Value| json!({"Conditions": {"C": {"Fn::Equals": [{"Ref": "P"}, v]}}});
    assert_eq!(normalize(&c(json!(true))), normalize(&c(json!("true"))));
    assert_eq!(normalize(&c(json!(3))), normalize(&c(json!("3"))));
    // nested in Fn::Not, too; other functions keep their scalars
    let n = |v: Value| json!({"Conditions": {"C": {"Fn::Not": [{"Fn::Equals": [v, "x"]}]}}});
    assert_eq!(normalize(&n(json!(false))), normalize(&n(json!("false"))));
    let s = |v: Value| json!({"Outputs": {"O": {"Value": {"Fn::If": ["C", v, "b"]}}}});
    assert_ne!(normalize(&s(json!(1))), normalize(&s(json!("1"))));
}

#[test]
fn sub_without_variables_is_its_text() {
    let out = |v: Value| json!({"Outputs": {"O": {"Value": v}}});
    assert_eq!(
        normalize(&out(json!({"Fn::Sub": "arn:aws:sns:x"}))),
        normalize(&out(json!("arn:aws:sns:x")))
    );
    assert_eq!(
        normalize(&out(json!({"Fn::Sub": ["plain", {}]}))),
        normalize(&out(json!("plain")))
    );
    // a variable, or an escaped `${!…}`, keeps the function
    assert_ne!(
        normalize(&out(json!({"Fn::Sub": "${AWS::Region}"}))),
        normalize(&out(json!("${AWS::Region}")))
    );
    assert_ne!(
        normalize(&out(json!({"Fn::Sub": "${!Literal}"}))),
        normalize(&out(json!("${!Literal}")))
    );
    // a map with entries keeps the function
    assert_ne!(
        normalize(&out(json!({"Fn::Sub": ["plain", {"A": "x"}]}))),
        normalize(&out(json!("plain")))
    );
}

#[test]
fn sub_map_variables_compare_by_position() {
    let out = |v: Value| json!({"Outputs": {"O": {"Value": v}}});
    let a = out(json!({"Fn::Sub": ["${Name}-${AWS::Region}-${Res.Arn}-${Name}-${!Name}", {"Name": {"Ref": "P"}}]}));
    let b = out(json!({"Fn::Sub": ["${Var1}-${AWS::Region}-${Res.Arn}-${Var1}-${!Name}", {"Var1": {"Ref": "P"}}]}));
    assert_eq!(normalize(&a), normalize(&b));
    assert_eq!(
        normalize(&a)["Outputs"]["O"]["Value"],
        // (a `Ref` variable is inlined, rule 15)
        json!({"Fn::Sub": "${P}-${AWS::Region}-${Res.Arn}-${P}-${!Name}"})
    );
    // the order of use matters, values follow their names
    let swapped = out(json!({"Fn::Sub": ["${A}${B}", {"A": "1", "B": "2"}]}));
    let other = out(json!({"Fn::Sub": ["${B}${A}", {"A": "1", "B": "2"}]}));
    assert_ne!(normalize(&swapped), normalize(&other));
    // a name the map does not define is not renamed
    let free = out(json!({"Fn::Sub": ["${A}${B}", {"A": "1"}]}));
    let free2 = out(json!({"Fn::Sub": ["${X}${C}", {"X": "1"}]}));
    assert_ne!(normalize(&free), normalize(&free2));
    // unused entries keep their values
    let unused = out(json!({"Fn::Sub": ["${A}", {"A": "1", "Z": "2"}]}));
    assert_eq!(
        normalize(&unused)["Outputs"]["O"]["Value"],
        json!({"Fn::Sub": ["${#1}", {"#1": "1", "#unused1": "2"}]})
    );
}

#[test]
fn sub_placeholder_spacing_and_select_index_text() {
    let a = json!({"Resources": {"A": {"Type": "T", "Properties": {
        "X": {"Fn::Sub": "${ Basepath }/x-${!Keep }"},
        "Y": {"Fn::Select": ["0", {"Fn::GetAZs": ""}]}}}}});
    let b = json!({"Resources": {"A": {"Type": "T", "Properties": {
        "X": {"Fn::Sub": "${Basepath}/x-${!Keep }"},
        "Y": {"Fn::Select": [0, {"Fn::GetAZs": ""}]}}}}});
    assert_eq!(normalize(&a), normalize(&b));
    let c = json!({"Resources": {"A": {"Type": "T", "Properties": {"X": {"Fn::Sub": "${Other}/x"}}}}});
    assert_ne!(
        normalize(&a)["Resources"]["A"]["Properties"]["X"],
        normalize(&c)["Resources"]["A"]["Properties"]["X"]
    );
}

#[test]
fn sub_reference_variables_are_inlined() {
    let t = |sub: Value| json!({"Outputs": {"O": {"Value": {"Fn::Sub": sub}}}});
    let map = t(json!(["yum install ${p} ${a}", {"p": {"Ref": "Package"}, "a": {"Fn::GetAtt": ["R", "Arn"]}}]));
    assert_eq!(normalize(&map), normalize(&t(json!("yum install ${Package} ${R.Arn}"))));
    // a computed variable stays a variable
    let computed = t(json!(["x ${p}", {"p": {"Fn::Select": [0, ["a"]]}}]));
    assert_ne!(normalize(&computed), normalize(&t(json!("x ${p}"))));
}

#[test]
fn number_properties_compare_by_value() {
    let alarm =
        |v: Value| json!({"Resources": {"A": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"Threshold": v}}}});
    assert_eq!(normalize(&alarm(json!(50.0))), normalize(&alarm(json!(50))));
    assert_eq!(normalize(&alarm(json!("50.0"))), normalize(&alarm(json!(50))));
    assert_ne!(normalize(&alarm(json!(50.5))), normalize(&alarm(json!(50))));
    // an integer property is not a number property: 80.0 is not 80 there
    let sg = |port: Value| {
        json!({"Resources": {"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
            "GroupDescription": "x", "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": port}]
        }}}})
    };
    assert_ne!(normalize(&sg(json!(80.0))), normalize(&sg(json!(80))));
}

#[test]
fn select_index_text_is_the_index() {
    let out = |i: Value| json!({"Outputs": {"O": {"Value": {"Fn::Select": [i, {"Fn::GetAZs": ""}]}}}});
    assert_eq!(normalize(&out(json!("0"))), normalize(&out(json!(0))));
    assert_eq!(normalize(&out(json!("12"))), normalize(&out(json!(12))));
    for text in ["x", "01", "-"] {
        assert_ne!(normalize(&out(json!(text))), normalize(&out(json!(0))), "{text}");
    }
}
