//! Every intrinsic function, pseudo parameter and dynamic reference against the JSON form the AWS
//! CloudFormation documentation gives for it, plus the reverse direction: intrinsics written as
//! raw JSON are recognised, so the validator sees what they reference.
//!
//! Expression-level checks use `cfn::emit::expr_to_json`; two whole stacks that use every
//! intrinsic go through the emitter and cfn-lint (`common::emit_for_lint`).

mod common;

use cfn::model::expr::{Expr, Mention, SubPart};
use cfn::prelude::*;
use serde_json::{json, Value as J};

/// The JSON the emitter writes for a value.
fn j<T>(v: &Value<T>) -> J {
    cfn::emit::expr_to_json(v.expr())
}

fn topic(s: &mut Stack, id: &str) -> Handle<RawResource> {
    s.add(id, RawResource::of("AWS::SNS::Topic"))
}

// ---- Ref and Fn::GetAtt ----------------------------------------------------------------------

#[test]
fn ref_of_resource_and_parameter() {
    let mut s: Stack = Stack::new();
    let t = topic(&mut s, "Alerts");
    let env = s.parameter("Environment", Parameter::string());
    assert_eq!(j(&t.id()), json!({"Ref": "Alerts"}));
    assert_eq!(j(&Value::<Id<RawResource>>::from(&t)), json!({"Ref": "Alerts"}));
    assert_eq!(j(&env.value()), json!({"Ref": "Environment"}));
    assert_eq!(j(&Value::<String>::from(&env)), json!({"Ref": "Environment"}));
}

#[test]
fn get_att_is_the_two_element_list_form() {
    let mut s: Stack = Stack::new();
    let t = topic(&mut s, "Alerts");
    assert_eq!(
        j(&t.get_att::<String>("TopicName")),
        json!({"Fn::GetAtt": ["Alerts", "TopicName"]})
    );
}

#[test]
fn nested_stack_output_is_get_att_outputs_dot_name() {
    let mut child: Stack<Child> = Stack::new();
    let t = child.add("Topic", RawResource::of("AWS::SNS::Topic"));
    child.output("TopicArn", Output::new(t.id()));
    let mut s: Stack = Stack::new();
    let n = s.nested("Network", child, [], Attributes::new());
    assert_eq!(
        j(&n.output::<String>("TopicArn")),
        json!({"Fn::GetAtt": ["Network", "Outputs.TopicArn"]})
    );
}

struct Child;

// ---- every pseudo parameter ------------------------------------------------------------------

#[test]
fn every_pseudo_parameter_is_a_ref() {
    let cases: [(J, &str); 8] = [
        (j(&Pseudo::account_id()), "AWS::AccountId"),
        (j(&Pseudo::notification_arns()), "AWS::NotificationARNs"),
        (j(&Pseudo::no_value::<String>()), "AWS::NoValue"),
        (j(&Pseudo::partition()), "AWS::Partition"),
        (j(&Pseudo::region()), "AWS::Region"),
        (j(&Pseudo::stack_id()), "AWS::StackId"),
        (j(&Pseudo::stack_name()), "AWS::StackName"),
        (j(&Pseudo::url_suffix()), "AWS::URLSuffix"),
    ];
    for (got, name) in cases {
        assert_eq!(got, json!({ "Ref": name }), "{name}");
    }
    assert_eq!(j(&Value::<i64>::no_value()), json!({"Ref": "AWS::NoValue"}));
}

#[test]
fn pseudo_parameters_are_not_mentions() {
    // The validator must not report `AWS::Region` as a dangling reference.
    let v = Value::<String>::sub([SubPart::val(Pseudo::region()), SubPart::val(Pseudo::account_id())]);
    let mut seen = Vec::new();
    v.expr().mentions(&mut |m| seen.push(format!("{m:?}")));
    assert!(seen.is_empty(), "{seen:?}");
}

// ---- Fn::Sub ---------------------------------------------------------------------------------

#[test]
fn sub_with_only_refs_and_get_atts_is_a_plain_string() {
    let mut s: Stack = Stack::new();
    let bucket = s.add("Bucket", RawResource::of("AWS::S3::Bucket"));
    let t = topic(&mut s, "Alerts");
    let v = Value::<String>::sub([
        SubPart::lit("arn:"),
        SubPart::val(Pseudo::partition()),
        SubPart::lit(":s3:::"),
        SubPart::val(bucket.id()),
        SubPart::lit("/"),
        SubPart::val(t.get_att::<String>("TopicName")),
        SubPart::lit("/*"),
    ]);
    assert_eq!(
        j(&v),
        json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/${Alerts.TopicName}/*"})
    );
}

#[test]
fn sub_inlines_literal_values_and_merges_adjacent_literals() {
    let v = Value::<String>::sub([
        SubPart::lit("a-"),
        SubPart::lit("b-"),
        SubPart::val(Value::<String>::from("c")),
        SubPart::val(Value::<i64>::from(42)),
    ]);
    assert_eq!(j(&v), json!({"Fn::Sub": "a-b-c42"}));
    assert_eq!(
        v.expr(),
        &Expr::Sub(vec![SubPart::lit("a-b-c"), SubPart::Expr(Expr::Int(42))])
    );
}

#[test]
fn sub_puts_non_inlinable_parts_in_the_variables_map() {
    let mut s: Stack = Stack::new();
    let env = s.parameter("Environment", Parameter::string());
    let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
    let regions = s.mapping("Settings", Mapping::new().entry("dev", [("Suffix", "d")]));
    let v = Value::<String>::sub([
        SubPart::val(Pseudo::stack_name()),
        SubPart::lit("-"),
        SubPart::val(prod.then::<String>("big", "small")),
        SubPart::lit("-"),
        SubPart::val(regions.find::<String>(env.value(), "Suffix")),
        SubPart::lit("-"),
        SubPart::val(env.value()),
    ]);
    assert_eq!(
        j(&v),
        json!({"Fn::Sub": [
            "${AWS::StackName}-${Var1}-${Var2}-${Environment}",
            {
                "Var1": {"Fn::If": ["IsProd", "big", "small"]},
                "Var2": {"Fn::FindInMap": ["Settings", {"Ref": "Environment"}, "Suffix"]}
            }
        ]})
    );
}

#[test]
fn sub_variable_names_never_shadow_an_inlined_name() {
    // A parameter called `Var1` is referenced inline; the generated variable must not reuse it.
    let mut s: Stack = Stack::new();
    let var1 = s.parameter("Var1", Parameter::string());
    let v = Value::<String>::sub([
        SubPart::val(var1.value()),
        SubPart::lit("/"),
        SubPart::val(Value::<String>::join("-", vec![Pseudo::region(), Pseudo::account_id()])),
    ]);
    assert_eq!(
        j(&v),
        json!({"Fn::Sub": [
            "${Var1}/${Var2}",
            {"Var2": {"Fn::Join": ["-", [{"Ref": "AWS::Region"}, {"Ref": "AWS::AccountId"}]]}}
        ]})
    );
}

#[test]
fn sub_escapes_a_literal_dollar_brace_as_dollar_brace_bang() {
    let v = Value::<String>::sub([
        SubPart::lit("echo ${HOME} in "),
        SubPart::val(Pseudo::region()),
        SubPart::lit(" costs $5"),
    ]);
    assert_eq!(j(&v), json!({"Fn::Sub": "echo ${!HOME} in ${AWS::Region} costs $5"}));
    // Literal string values are text too.
    let v = Value::<String>::sub([
        SubPart::lit("x "),
        SubPart::val(Value::<String>::from("${NotAParam}")),
        SubPart::val(Pseudo::region()),
    ]);
    assert_eq!(j(&v), json!({"Fn::Sub": "x ${!NotAParam}${AWS::Region}"}));
    // Text alone needs no Fn::Sub: the plain string, unescaped.
    let v = Value::<String>::sub([SubPart::val(Value::<String>::from("${NotAParam}"))]);
    assert_eq!(j(&v), json!("${NotAParam}"));
}

#[test]
fn sub_escapes_a_dollar_brace_formed_across_parts() {
    // `$` ends one part and `{` starts the next: the emitted string must not read `${x}`.
    let v = Value::<String>::sub([
        SubPart::lit("$"),
        SubPart::val(Value::<String>::from("{x}")),
        SubPart::val(Pseudo::region()),
    ]);
    assert_eq!(j(&v), json!({"Fn::Sub": "${!x}${AWS::Region}"}));
}

#[test]
fn sub_keeps_a_literal_dynamic_reference_inline() {
    let db = DynamicRef::secrets_manager(secret_id!("app/db")).json_key("host");
    let v = Value::<String>::sub([
        SubPart::lit("postgres://"),
        SubPart::val(Value::<String>::from(db)),
        SubPart::lit(":5432/"),
        SubPart::val(Pseudo::stack_name()),
    ]);
    assert_eq!(
        j(&v),
        json!({"Fn::Sub": "postgres://{{resolve:secretsmanager:app/db:SecretString:host}}:5432/${AWS::StackName}"})
    );
}

#[test]
fn join_with_appends_sub_parts() {
    let v = Value::<String>::sub([SubPart::lit("app-")]).join_with(Pseudo::region());
    assert_eq!(j(&v), json!({"Fn::Sub": "app-${AWS::Region}"}));
    let v = Pseudo::stack_name().join_with(Pseudo::region());
    assert_eq!(j(&v), json!({"Fn::Sub": "${AWS::StackName}${AWS::Region}"}));
}

#[test]
fn raw_sub_strings_round_trip() {
    for raw in [
        json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/*"}),
        json!({"Fn::Sub": "${Alerts.TopicName}-${!Literal}-$5 {x}"}),
        json!({"Fn::Sub": "${Network.Outputs.VpcId}"}),
        json!({"Fn::Sub": "no placeholders"}),
        json!({"Fn::Sub": ["${AWS::StackName}-${Var1}", {"Var1": {"Fn::Select": [0, {"Fn::GetAZs": ""}]}}]}),
    ] {
        let e = Expr::from_json(raw.clone());
        assert!(matches!(e, Expr::Sub(_)), "{raw}: not recognised as Fn::Sub: {e:?}");
        assert_eq!(cfn::emit::expr_to_json(&e), raw, "round trip");
    }
}

#[test]
fn raw_sub_parsing_finds_refs_get_atts_and_variables() {
    let e = Expr::from_json(json!({"Fn::Sub": [
        "${Bucket}/${Alerts.Arn}/${AWS::Region}/${Name}/${!Lit}",
        {"Name": {"Ref": "Environment"}}
    ]}));
    let mut seen = Vec::new();
    e.mentions(&mut |m| seen.push(format!("{m:?}")));
    assert_eq!(
        seen,
        ["Ref(\"Bucket\")", "GetAtt(\"Alerts\", \"Arn\")", "Ref(\"Environment\")"]
    );
    // A variable whose value is a plain Ref is inlined on emission: same meaning, shorter form.
    assert_eq!(
        cfn::emit::expr_to_json(&e),
        json!({"Fn::Sub": "${Bucket}/${Alerts.Arn}/${AWS::Region}/${Environment}/${!Lit}"})
    );
}

// ---- Fn::Join, Fn::Select, Fn::Split ---------------------------------------------------------

#[test]
fn join_select_split() {
    let mut s: Stack = Stack::new();
    let names = s.parameter("Names", Parameter::comma_list());
    let joined = Value::<String>::join(",", names.value());
    assert_eq!(j(&joined), json!({"Fn::Join": [",", {"Ref": "Names"}]}));
    let literal = Value::<String>::join("", vec![Value::from("a"), Pseudo::region()]);
    assert_eq!(j(&literal), json!({"Fn::Join": ["", ["a", {"Ref": "AWS::Region"}]]}));
    let split = joined.clone().split(",");
    assert_eq!(
        j(&split),
        json!({"Fn::Split": [",", {"Fn::Join": [",", {"Ref": "Names"}]}]})
    );
    let second: Value<String> = Value::select(1, split);
    assert_eq!(
        j(&second),
        json!({"Fn::Select": [1, {"Fn::Split": [",", {"Fn::Join": [",", {"Ref": "Names"}]}]}]})
    );
    let lit: Value<String> = Value::select(0, ["x", "y"]);
    assert_eq!(j(&lit), json!({"Fn::Select": [0, ["x", "y"]]}));
}

// ---- Fn::If, conditions ----------------------------------------------------------------------

#[test]
fn if_and_no_value() {
    let mut s: Stack = Stack::new();
    let env = s.parameter("Environment", Parameter::string());
    let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
    let v: Value<String> = Value::if_(&prod, "big", Value::<String>::no_value());
    assert_eq!(j(&v), json!({"Fn::If": ["IsProd", "big", {"Ref": "AWS::NoValue"}]}));
    let n: Value<i64> = prod.then(3, 1);
    assert_eq!(j(&n), json!({"Fn::If": ["IsProd", 3, 1]}));
}

#[test]
fn condition_functions() {
    let mut s: Stack = Stack::new();
    let env = s.parameter("Environment", Parameter::string());
    let eq = Value::<Cond>::equals(env.value(), "prod");
    assert_eq!(j(&eq), json!({"Fn::Equals": [{"Ref": "Environment"}, "prod"]}));
    let prod = s.condition("IsProd", eq);
    let east = Value::<Cond>::equals(Pseudo::region(), "us-east-1");
    let named = Value::<Cond>::from(&prod);
    assert_eq!(j(&named), json!({"Condition": "IsProd"}));
    assert_eq!(
        j(&Value::<Cond>::and([named.clone(), east.clone()])),
        json!({"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}]})
    );
    assert_eq!(
        j(&Value::<Cond>::or([named.clone(), east])),
        json!({"Fn::Or": [{"Condition": "IsProd"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}]})
    );
    assert_eq!(
        j(&Value::<Cond>::not(named.clone())),
        json!({"Fn::Not": [{"Condition": "IsProd"}]})
    );
    assert_eq!(j(&!named), json!({"Fn::Not": [{"Condition": "IsProd"}]}));
}

// ---- Fn::FindInMap, Fn::GetAZs, Fn::ImportValue, Fn::Base64, Fn::Cidr ------------------------

#[test]
fn find_in_map() {
    let mut s: Stack = Stack::new();
    let m = s.mapping(
        "RegionMap",
        Mapping::new()
            .entry("us-east-1", [("Ami", "ami-1")])
            .entry("eu-west-1", [("Ami", "ami-2")]),
    );
    assert_eq!(
        j(&m.find::<String>(Pseudo::region(), "Ami")),
        json!({"Fn::FindInMap": ["RegionMap", {"Ref": "AWS::Region"}, "Ami"]})
    );
    assert_eq!(
        j(&m.find::<String>("us-east-1", "Ami")),
        json!({"Fn::FindInMap": ["RegionMap", "us-east-1", "Ami"]})
    );
}

#[test]
fn find_in_map_with_a_default_value() {
    let mut s: Stack = Stack::new();
    s.transform("AWS::LanguageExtensions");
    let m = s.mapping("Sizes", Mapping::new().entry("prod", [("Instances", 3)]));
    let n: Value<i64> = m.find_or("dev", "Instances", 1);
    assert_eq!(
        j(&n),
        json!({"Fn::FindInMap": ["Sizes", "dev", "Instances", {"DefaultValue": 1}]})
    );
    // Raw JSON in the same form is recognised (the mapping is a mention) and written back.
    let raw = json!({"Fn::FindInMap": ["Sizes", {"Ref": "AWS::Region"}, "Instances", {"DefaultValue": "x"}]});
    let e = Expr::from_json(raw.clone());
    assert!(matches!(e, Expr::FindInMap(_, _, _, Some(_))), "{e:?}");
    let mut seen = Vec::new();
    e.mentions(&mut |m| seen.push(format!("{m:?}")));
    assert_eq!(seen, ["Mapping(\"Sizes\")"]);
    assert_eq!(cfn::emit::expr_to_json(&e), raw);
    // A missing key is what the default is for: no mapping-key error.
    s.add(
        "Cluster",
        RawResource::of("AWS::ECS::Cluster").prop("ClusterName", m.find_or::<String>("dev", "Name", "c")),
    );
    assert!(cfn::validate(&s).is_empty(), "{:?}", cfn::validate(&s));
}

#[test]
fn language_extensions_functions_need_the_transform() {
    let mut s: Stack = Stack::new();
    let m = s.mapping("Sizes", Mapping::new().entry("prod", [("Name", "a")]));
    let names = s.parameter("Names", Parameter::comma_list());
    s.add(
        "Cluster",
        RawResource::of("AWS::ECS::Cluster")
            .prop("ClusterName", m.find_or::<String>("dev", "Name", "c"))
            .prop("Count", names.value().length()),
    );
    let d = cfn::validate(&s);
    let found: Vec<&str> = d
        .iter()
        .filter(|x| x.code == "needs-transform")
        .map(|x| x.message.as_str())
        .collect();
    assert_eq!(found.len(), 2, "{d:?}");
    assert!(found.iter().any(|m| m.contains("DefaultValue")) && found.iter().any(|m| m.contains("Fn::Length")));
    assert!(d
        .iter()
        .all(|x| x.code != "needs-transform" || x.help.contains("AWS::LanguageExtensions")));
    s.transform("AWS::LanguageExtensions");
    assert!(cfn::validate(&s).iter().all(|x| x.code != "needs-transform"));
}

#[test]
fn get_stack_output() {
    let v: Value<String> = Value::stack_output(StackOutput::new("producer-stack", "TopicName"));
    assert_eq!(
        j(&v),
        json!({"Fn::GetStackOutput": {"StackName": "producer-stack", "OutputName": "TopicName"}})
    );
    let all = json!({"Fn::GetStackOutput": {
        "StackName": "producer-stack",
        "OutputName": "TopicName",
        "Region": {"Ref": "AWS::Region"},
        "RoleArn": "arn:aws:iam::123456789012:role/cross-account"
    }});
    let v: Value<String> = Value::stack_output(
        StackOutput::new("producer-stack", "TopicName")
            .region(Pseudo::region())
            .role_arn("arn:aws:iam::123456789012:role/cross-account"),
    );
    assert_eq!(j(&v), all);
    let e = Expr::from_json(all.clone());
    assert!(matches!(e, Expr::GetStackOutput(_)), "{e:?}");
    assert_eq!(cfn::emit::expr_to_json(&e), all);
    // An unknown key keeps the object as plain JSON (CloudFormation would refuse the function).
    let odd = json!({"Fn::GetStackOutput": {"StackName": "a", "OutputName": "b", "Other": 1}});
    assert!(!matches!(Expr::from_json(odd), Expr::GetStackOutput(_)));
}

#[test]
fn get_azs_import_value_base64_cidr() {
    assert_eq!(j(&Value::<Vec<String>>::azs("")), json!({"Fn::GetAZs": ""}));
    assert_eq!(
        j(&Value::<Vec<String>>::azs(Pseudo::region())),
        json!({"Fn::GetAZs": {"Ref": "AWS::Region"}})
    );
    assert_eq!(
        j(&Value::<String>::import("shared-VpcId")),
        json!({"Fn::ImportValue": "shared-VpcId"})
    );
    assert_eq!(
        j(&Value::<String>::import(Value::<String>::sub([
            SubPart::lit("network-"),
            SubPart::val(Pseudo::region())
        ]))),
        json!({"Fn::ImportValue": {"Fn::Sub": "network-${AWS::Region}"}})
    );
    let ud = Value::<String>::sub([SubPart::lit("#!/bin/bash\necho "), SubPart::val(Pseudo::region())]).base64();
    assert_eq!(
        j(&ud),
        json!({"Fn::Base64": {"Fn::Sub": "#!/bin/bash\necho ${AWS::Region}"}})
    );
    assert_eq!(
        j(&Value::<String>::from("10.0.0.0/16").cidr(6, 5)),
        json!({"Fn::Cidr": ["10.0.0.0/16", 6, 5]})
    );
}

// ---- Fn::Length, Fn::ToJsonString (AWS::LanguageExtensions) -----------------------------------

#[test]
fn length_and_to_json_string() {
    let mut s: Stack = Stack::new();
    let names = s.parameter("Names", Parameter::comma_list());
    assert_eq!(j(&names.value().length()), json!({"Fn::Length": {"Ref": "Names"}}));
    let doc = Value::<Json>::from(json!({"region": {"Ref": "AWS::Region"}, "n": 1}));
    assert_eq!(
        j(&doc.to_json_string()),
        json!({"Fn::ToJsonString": {"region": {"Ref": "AWS::Region"}, "n": 1}})
    );
}

// ---- dynamic references ----------------------------------------------------------------------

#[test]
fn dynamic_references_match_the_documented_patterns() {
    let s = |d: DynamicRef| j(&Value::<String>::from(d));
    assert_eq!(
        s(DynamicRef::ssm(ssm_name!("/app/prod/endpoint"))),
        json!("{{resolve:ssm:/app/prod/endpoint}}")
    );
    assert_eq!(
        s(DynamicRef::ssm(ssm_name!("S3AccessControl:2"))),
        json!("{{resolve:ssm:S3AccessControl:2}}")
    );
    assert_eq!(
        s(DynamicRef::ssm_secure(ssm_name!("IAMUserPassword:10"))),
        json!("{{resolve:ssm-secure:IAMUserPassword:10}}")
    );
    let secret = secret_id!("MyRDSSecret");
    assert_eq!(
        s(DynamicRef::secrets_manager(secret)),
        json!("{{resolve:secretsmanager:MyRDSSecret}}")
    );
    assert_eq!(
        s(DynamicRef::secrets_manager(secret).json_key("username")),
        json!("{{resolve:secretsmanager:MyRDSSecret:SecretString:username}}")
    );
    assert_eq!(
        s(DynamicRef::secrets_manager(secret)
            .json_key("password")
            .version_stage("AWSPREVIOUS")),
        json!("{{resolve:secretsmanager:MyRDSSecret:SecretString:password:AWSPREVIOUS:}}")
    );
    assert_eq!(
        s(DynamicRef::secrets_manager(secret).version_id("EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE")),
        json!("{{resolve:secretsmanager:MyRDSSecret:SecretString:::EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE}}")
    );
    let arn = secret_id!("arn:aws:secretsmanager:us-west-2:123456789012:secret:MySecret-a1b2c3");
    assert_eq!(
        s(DynamicRef::secrets_manager(arn).json_key("password")),
        json!("{{resolve:secretsmanager:arn:aws:secretsmanager:us-west-2:123456789012:secret:MySecret-a1b2c3:SecretString:password}}")
    );
}

#[test]
fn dynamic_references_as_secret_strings() {
    let d = DynamicRef::secrets_manager(secret_id!("app/db")).json_key("password");
    assert!(d.is_secret());
    assert!(DynamicRef::ssm_secure(ssm_name!("/app/pw")).is_secret());
    assert!(!DynamicRef::ssm(ssm_name!("/app/x")).is_secret());
    let v: Value<SecretString> = d.secret();
    assert_eq!(j(&v), json!("{{resolve:secretsmanager:app/db:SecretString:password}}"));
    // A secret string reads as a string where one is expected.
    let as_string: Value<String> = v.into();
    assert_eq!(
        j(&as_string),
        json!("{{resolve:secretsmanager:app/db:SecretString:password}}")
    );
}

// ---- ordering evidence is invisible in the JSON ----------------------------------------------

#[test]
fn after_is_emitted_as_the_inner_value() {
    let mut s: Stack = Stack::new();
    let t = topic(&mut s, "Alerts");
    let v = Pseudo::region().after([t.ready()]);
    assert_eq!(j(&v), json!({"Ref": "AWS::Region"}));
    let sub = Value::<String>::sub([SubPart::val(t.id().after([t.ready()]))]);
    assert_eq!(j(&sub), json!({"Fn::Sub": "${Alerts}"}));
}

// ---- raw JSON intrinsics are recognised ------------------------------------------------------

#[test]
fn raw_json_intrinsics_are_recognised_and_round_trip() {
    let cases = [
        json!({"Ref": "Vpc"}),
        json!({"Fn::GetAtt": ["Vpc", "CidrBlock"]}),
        json!({"Fn::Sub": "${Vpc}"}),
        json!({"Fn::Join": ["-", ["a", {"Ref": "Vpc"}]]}),
        json!({"Fn::Select": [0, {"Fn::GetAZs": ""}]}),
        json!({"Fn::Split": [",", {"Ref": "Names"}]}),
        json!({"Fn::If": ["IsProd", {"Ref": "Vpc"}, {"Ref": "AWS::NoValue"}]}),
        json!({"Fn::FindInMap": ["RegionMap", {"Ref": "AWS::Region"}, "Ami"]}),
        json!({"Fn::GetAZs": {"Ref": "AWS::Region"}}),
        json!({"Fn::ImportValue": "shared-VpcId"}),
        json!({"Fn::Base64": "echo"}),
        json!({"Fn::Cidr": [{"Fn::GetAtt": ["Vpc", "CidrBlock"]}, 4, 8]}),
        json!({"Fn::Equals": [{"Ref": "Environment"}, "prod"]}),
        json!({"Fn::And": [{"Condition": "IsProd"}, {"Condition": "IsEast"}]}),
        json!({"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "IsEast"}]}),
        json!({"Fn::Not": [{"Condition": "IsProd"}]}),
        json!({"Condition": "IsProd"}),
        json!({"Fn::Length": {"Ref": "Names"}}),
        json!({"Fn::ToJsonString": {"a": {"Ref": "Vpc"}}}),
    ];
    for raw in cases {
        let e = Expr::from_json(raw.clone());
        assert!(!matches!(e, Expr::Object(_)), "{raw}: not recognised: {e:?}");
        assert_eq!(cfn::emit::expr_to_json(&e), raw, "round trip");
    }
    // The short `Fn::GetAtt: "A.B"` form is read too (and written in the list form).
    assert_eq!(
        Expr::from_json(json!({"Fn::GetAtt": "Vpc.CidrBlock"})),
        Expr::GetAtt("Vpc".into(), "CidrBlock".into())
    );
    // Objects that only look like intrinsics stay objects.
    for plain in [
        json!({"Ref": 3}),
        json!({"Ref": "A", "Other": 1}),
        json!({"Fn::Unknown": []}),
    ] {
        assert!(matches!(Expr::from_json(plain.clone()), Expr::Object(_)), "{plain}");
        assert_eq!(cfn::emit::expr_to_json(&Expr::from_json(plain.clone())), plain);
    }
}

#[test]
fn raw_json_mentions_reach_the_validator() {
    let e = Expr::from_json(json!({
        "A": [{"Ref": "Vpc"}, {"Fn::GetAtt": "Topic.Arn"}],
        "B": {"Fn::If": ["IsProd", {"Fn::FindInMap": ["M", "k", "v"]}, {"Ref": "AWS::NoValue"}]},
        "C": {"Fn::Sub": "${Queue.Arn}"}
    }));
    let mut seen: Vec<String> = Vec::new();
    e.mentions(&mut |m| {
        seen.push(match m {
            Mention::Ref(n) => format!("ref {n}"),
            Mention::GetAtt(n, a) => format!("getatt {n}.{a}"),
            Mention::Condition(c) => format!("condition {c}"),
            Mention::Mapping(m) => format!("mapping {m}"),
            Mention::After(d) => format!("after {d}"),
        })
    });
    assert_eq!(
        seen,
        [
            "ref Vpc",
            "getatt Topic.Arn",
            "condition IsProd",
            "mapping M",
            "getatt Queue.Arn"
        ]
    );

    let mut s: Stack = Stack::new();
    s.add(
        "Sub1",
        RawResource::new(
            "AWS::SNS::Subscription",
            json!({
                "TopicArn": {"Ref": "MissingTopic"},
                "Protocol": "sqs",
                "Endpoint": {"Fn::GetAtt": ["MissingQueue", "Arn"]}
            }),
        ),
    );
    let codes: Vec<(&str, String)> = cfn::validate(&s).iter().map(|d| (d.code, d.path.clone())).collect();
    assert_eq!(
        codes,
        [
            ("dangling-ref", "Resources/Sub1/Properties/TopicArn".to_string()),
            ("dangling-ref", "Resources/Sub1/Properties/Endpoint".to_string()),
        ]
    );
}

// ---- whole stacks through the emitter and cfn-lint --------------------------------------------

/// Every intrinsic of the base language and every pseudo parameter, in places CloudFormation
/// accepts them.
fn kitchen_sink() -> Stack {
    let mut s: Stack = Stack::new();
    s.description("Every intrinsic function and pseudo parameter in one template");
    let env = s.parameter(
        "Environment",
        Parameter::string()
            .allowed(["dev", "prod"])
            .default("dev")
            .description("Deployment environment"),
    );
    let cidr = s.parameter(
        "VpcCidr",
        Parameter::string()
            .default("10.0.0.0/16")
            .pattern("^\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+$"),
    );
    let names = s.parameter(
        "DomainNames",
        Parameter::comma_list().default("a.example.com,b.example.com"),
    );

    let settings = s.mapping(
        "EnvSettings",
        Mapping::new()
            .entry("dev", [("DelaySeconds", json!(0)), ("Retention", json!(86400))])
            .entry("prod", [("DelaySeconds", json!(5)), ("Retention", json!(1209600))]),
    );
    let prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
    let not_prod = s.condition("IsNotProd", Value::<Cond>::not((&prod).into()));
    let prod_east = s.condition(
        "IsProdInUsEast1",
        Value::<Cond>::and([(&prod).into(), Value::<Cond>::equals(Pseudo::region(), "us-east-1")]),
    );
    let prod_or_west = s.condition(
        "IsProdOrUsWest2",
        Value::<Cond>::or([(&prod).into(), Value::<Cond>::equals(Pseudo::region(), "us-west-2")]),
    );

    let vpc = s.add(
        "Vpc",
        RawResource::of("AWS::EC2::VPC")
            .prop("CidrBlock", cidr.value())
            .tagging(Tagging::List("Tags")),
    );
    let az: Value<String> = Value::select(0, Value::<Vec<String>>::azs(Pseudo::region()));
    let block: Value<String> = Value::select(0, vpc.get_att::<String>("CidrBlock").cidr(4, 8));
    s.add(
        "Subnet",
        RawResource::of("AWS::EC2::Subnet")
            .prop("VpcId", vpc.id())
            .prop("CidrBlock", block)
            .prop("AvailabilityZone", az),
    );
    let alerts = s.add(
        "Alerts",
        RawResource::of("AWS::SNS::Topic")
            .prop(
                "TopicName",
                Value::<String>::sub([
                    SubPart::val(Pseudo::stack_name()),
                    SubPart::lit("-alerts-"),
                    SubPart::val(env.value()),
                ]),
            )
            .prop(
                "DisplayName",
                Value::<String>::join(" ", vec![Value::from("alerts"), Pseudo::region()]),
            ),
    );
    let queue = s.add_with(
        "Queue",
        RawResource::of("AWS::SQS::Queue")
            .prop("DelaySeconds", settings.find::<i64>(env.value(), "DelaySeconds"))
            .prop("MessageRetentionPeriod", settings.find::<i64>(env.value(), "Retention"))
            .prop(
                "QueueName",
                prod.then::<String>(
                    Value::<String>::sub([SubPart::val(Pseudo::stack_name()), SubPart::lit("-prod")]),
                    Value::<String>::no_value(),
                ),
            ),
        Attributes::new().retain_data(Policy::Delete),
    );
    s.add(
        "QueueSubscription",
        RawResource::of("AWS::SNS::Subscription")
            .prop("TopicArn", alerts.id())
            .prop("Protocol", "sqs")
            .prop("Endpoint", queue.get_att::<String>("Arn")),
    );
    s.add_with(
        "OpsSubscription",
        RawResource::of("AWS::SNS::Subscription")
            .prop("TopicArn", alerts.id())
            .prop("Protocol", "email")
            .prop(
                "Endpoint",
                Value::<String>::import(Value::<String>::sub([
                    SubPart::val(env.value()),
                    SubPart::lit("-ops-email"),
                ])),
            ),
        Attributes::new().condition(&not_prod),
    );
    s.add(
        "Launch",
        RawResource::of("AWS::EC2::LaunchTemplate").prop(
            "LaunchTemplateData",
            Expr::Object(vec![(
                "UserData".into(),
                Value::<String>::sub([
                    SubPart::lit("#!/bin/bash\necho ${HOME} "),
                    SubPart::val(Pseudo::region()),
                    SubPart::lit(" "),
                    SubPart::val(Pseudo::url_suffix()),
                ])
                .base64()
                .into_expr(),
            )]),
        ),
    );
    let second: Value<String> = Value::select(1, Value::<String>::join(",", names.value()).split(","));
    s.add(
        "SecondDomain",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop("Value", second),
    );
    s.add(
        "Notifications",
        RawResource::of("AWS::SSM::Parameter").prop("Type", "String").prop(
            "Value",
            prod_or_west.then::<String>(
                Value::<String>::join(",", Pseudo::notification_arns()),
                Value::<String>::sub([
                    SubPart::lit("arn:"),
                    SubPart::val(Pseudo::partition()),
                    SubPart::lit(":sns:"),
                    SubPart::val(Pseudo::region()),
                    SubPart::lit(":"),
                    SubPart::val(Pseudo::account_id()),
                    SubPart::lit(":none"),
                ]),
            ),
        ),
    );
    s.add(
        "Endpoint",
        RawResource::of("AWS::SSM::Parameter").prop("Type", "String").prop(
            "Value",
            Value::<String>::from(DynamicRef::ssm(ssm_name!("/shared/endpoint:2"))),
        ),
    );
    s.add(
        "Operator",
        RawResource::of("AWS::IAM::User").prop(
            "LoginProfile",
            Expr::Object(vec![(
                "Password".into(),
                DynamicRef::secrets_manager(secret_id!("app/operator"))
                    .json_key("password")
                    .secret()
                    .into_expr(),
            )]),
        ),
    );
    s.add(
        "Auditor",
        RawResource::of("AWS::IAM::User").prop(
            "LoginProfile",
            Expr::Object(vec![(
                "Password".into(),
                DynamicRef::ssm_secure(ssm_name!("/app/auditor:3")).secret().into_expr(),
            )]),
        ),
    );
    s.output(
        "AlertsArn",
        Output::new(alerts.id())
            .description("The alerts topic")
            .export(Value::<String>::sub([
                SubPart::val(Pseudo::stack_name()),
                SubPart::lit("-AlertsArn"),
            ])),
    );
    s.output(
        "StackHint",
        Output::new(Value::<String>::sub([
            SubPart::val(Pseudo::stack_id()),
            SubPart::lit(" in "),
            SubPart::val(Pseudo::region()),
        ]))
        .condition(&prod_east),
    );
    s
}

#[test]
fn kitchen_sink_emits_the_documented_forms() {
    let t = common::emit_root("intrinsics-kitchen-sink", &kitchen_sink());
    let r = &t["Resources"];
    assert_eq!(
        r["Subnet"]["Properties"],
        json!({
            "VpcId": {"Ref": "Vpc"},
            "CidrBlock": {"Fn::Select": [0, {"Fn::Cidr": [{"Fn::GetAtt": ["Vpc", "CidrBlock"]}, 4, 8]}]},
            "AvailabilityZone": {"Fn::Select": [0, {"Fn::GetAZs": {"Ref": "AWS::Region"}}]}
        })
    );
    assert_eq!(
        r["Queue"]["Properties"]["QueueName"],
        json!({"Fn::If": ["IsProd", {"Fn::Sub": "${AWS::StackName}-prod"}, {"Ref": "AWS::NoValue"}]})
    );
    assert_eq!(
        r["OpsSubscription"]["Properties"]["Endpoint"],
        json!({"Fn::ImportValue": {"Fn::Sub": "${Environment}-ops-email"}})
    );
    assert_eq!(r["OpsSubscription"]["Condition"], json!("IsNotProd"));
    assert_eq!(
        r["Launch"]["Properties"]["LaunchTemplateData"]["UserData"],
        json!({"Fn::Base64": {"Fn::Sub": "#!/bin/bash\necho ${!HOME} ${AWS::Region} ${AWS::URLSuffix}"}})
    );
    assert_eq!(
        r["Operator"]["Properties"]["LoginProfile"]["Password"],
        json!("{{resolve:secretsmanager:app/operator:SecretString:password}}")
    );
    assert_eq!(
        t["Conditions"],
        json!({
            "IsProd": {"Fn::Equals": [{"Ref": "Environment"}, "prod"]},
            "IsNotProd": {"Fn::Not": [{"Condition": "IsProd"}]},
            "IsProdInUsEast1": {"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}]},
            "IsProdOrUsWest2": {"Fn::Or": [{"Condition": "IsProd"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-west-2"]}]}
        })
    );
    assert_eq!(
        t["Outputs"]["AlertsArn"],
        json!({
            "Description": "The alerts topic",
            "Value": {"Ref": "Alerts"},
            "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-AlertsArn"}}
        })
    );
    assert_eq!(
        t["Mappings"]["EnvSettings"]["prod"],
        json!({"DelaySeconds": 5, "Retention": 1209600})
    );
}

/// `Fn::Length` and `Fn::ToJsonString` need the `AWS::LanguageExtensions` transform.
#[test]
fn language_extensions_stack() {
    let mut s: Stack = Stack::new();
    s.transform("AWS::LanguageExtensions");
    let names = s.parameter("QueueNames", Parameter::comma_list().default("a,b,c"));
    s.add_with(
        "Queue",
        RawResource::of("AWS::SQS::Queue")
            .prop("DelaySeconds", names.value().length())
            .prop("MessageRetentionPeriod", 345_600),
        Attributes::new().retain_data(Policy::Delete),
    );
    s.add(
        "Config",
        RawResource::of("AWS::SSM::Parameter").prop("Type", "String").prop(
            "Value",
            Value::<Json>::from(json!({"region": {"Ref": "AWS::Region"}, "queues": {"Ref": "QueueNames"}}))
                .to_json_string(),
        ),
    );
    let sizes = s.mapping("Sizes", Mapping::new().entry("prod", [("Retention", 86_400)]));
    s.add(
        "Topic",
        RawResource::of("AWS::SNS::Topic")
            .prop(
                "DisplayName",
                Value::<String>::stack_output(StackOutput::new("producer-stack", "TopicName")),
            )
            .prop(
                "TopicName",
                sizes.find_or::<String>(Pseudo::stack_name(), "Name", "alerts"),
            ),
    );
    let t = common::emit_root("intrinsics-language-extensions", &s);
    assert_eq!(t["Transform"], json!("AWS::LanguageExtensions"));
    assert_eq!(
        t["Resources"]["Topic"]["Properties"]["TopicName"],
        json!({"Fn::FindInMap": ["Sizes", {"Ref": "AWS::StackName"}, "Name", {"DefaultValue": "alerts"}]})
    );
    assert_eq!(
        t["Resources"]["Queue"]["Properties"]["DelaySeconds"],
        json!({"Fn::Length": {"Ref": "QueueNames"}})
    );
    assert_eq!(
        t["Resources"]["Config"]["Properties"]["Value"],
        json!({"Fn::ToJsonString": {"region": {"Ref": "AWS::Region"}, "queues": {"Ref": "QueueNames"}}})
    );
}

// ---- literal checks and typed setters --------------------------------------------------------

#[test]
fn ssm_names_accept_only_a_numeric_version_suffix() {
    // `check` is the validator `ssm_name!`/`secret_id!` evaluate in a constant, where a refusal is
    // a compile error (tests/ui/ssm_name_invalid.rs); here it is called to see each verdict.
    for ok in ["/app/db/endpoint", "/app/db/endpoint:3", "S3AccessControl:2", "a.b-c_d"] {
        assert_eq!(SsmName::new_or_panic(ok).as_str(), ok);
    }
    for bad in [
        "",
        "/app/${Env}",
        "/app/db:latest",
        "/app:1:2",
        ":3",
        "/app/db:",
        "/app db",
    ] {
        assert!(SsmName::check(bad).is_err(), "{bad:?} should be refused");
    }
    for bad in ["", "app/${Env}/db", "app db", "app/{{x}}"] {
        assert!(SecretId::check(bad).is_err(), "{bad:?} should be refused");
        assert!(std::panic::catch_unwind(|| SecretId::new_or_panic(bad)).is_err());
    }
}

#[test]
fn into_value_accepts_what_a_typed_property_takes() {
    use cfn::model::IntoValue;
    fn prop<T>(v: impl IntoValue<T>) -> J {
        j(&v.into_value())
    }
    let mut s: Stack = Stack::new();
    let t = topic(&mut s, "Alerts");
    let name = s.parameter("Name", Parameter::string());
    assert_eq!(prop::<i64>(5), json!(5));
    assert_eq!(prop::<String>("x"), json!("x"));
    assert_eq!(prop::<String>(&name), json!({"Ref": "Name"}));
    assert_eq!(prop::<Id<RawResource>>(&t), json!({"Ref": "Alerts"}));
    assert_eq!(prop::<String>(t.id()), json!({"Ref": "Alerts"}));
    assert_eq!(prop::<Id<RawResource>>(Id::external("sg-0abc")), json!("sg-0abc"));
}
