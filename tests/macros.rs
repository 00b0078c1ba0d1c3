//! Behaviour of the derive macros and `sub!` beyond the nested assembly of `tests/nested.rs`: the
//! JSON each attribute produces, literals of every type, and values crossing a stack boundary.

mod common;

use cfn::emit::expr_to_json;
use cfn::prelude::*;
use serde_json::json;

#[derive(MappingKey, Clone, Copy, Debug, PartialEq)]
enum Tier {
    #[cfn(rename = "small")]
    Small,
    #[cfn(rename = "large.v2")]
    Large,
}

#[derive(Parameters)]
#[cfn(crate = "::cfn::model", args = "EverythingArguments")]
struct Everything {
    /// A string
    /// over two lines.
    #[cfn(min_length = 1, max_length = 8, constraint_description = "1 to 8 characters")]
    text: Value<String>,
    #[cfn(description = "explicit wins", min_value = -5, max_value = 2.5, default = -1)]
    ratio: Value<f64>,
    #[cfn(allowed = [1, 2, 3], default = 2)]
    count: Value<i64>,
    #[cfn(default = "a,b", allowed = ["a", "b", "c"])]
    letters: Value<Vec<String>>,
    password: Value<SecretString>,
    #[cfn(no_echo)]
    token: Param<String>,
    image: Param<Ssm<ImageId>>,
    #[cfn(default = Tier::Large)]
    tier: Value<Tier>,
    #[cfn(name = "AZs")]
    zones: Param<Vec<AvailabilityZoneName>>,
}

#[test]
fn parameters_render_every_attribute() {
    let mut s: Stack = Stack::new();
    let p: Everything = s.parameters();
    assert_eq!(p.token.name(), "Token");
    s.add(
        "Sink",
        RawResource::of("Custom::Sink")
            .prop(
                "ServiceToken",
                sub!("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:sink"),
            )
            .prop("Text", p.text)
            .prop("Ratio", p.ratio)
            .prop("Count", p.count)
            .prop("Letters", p.letters)
            .prop("Password", p.password)
            .prop("Token", p.token.value())
            .prop("Image", p.image.value())
            .prop("Tier", p.tier)
            .prop("Zones", p.zones.value()),
    );
    let root = common::emit_root("macros-parameters", &s);
    let params = &root["Parameters"];
    assert_eq!(
        params["Text"],
        json!({"Type": "String", "Description": "A string over two lines.", "MinLength": 1, "MaxLength": 8, "ConstraintDescription": "1 to 8 characters"})
    );
    assert_eq!(
        params["Ratio"],
        json!({"Type": "Number", "Description": "explicit wins", "Default": -1, "MinValue": -5, "MaxValue": 2.5})
    );
    assert_eq!(
        params["Count"],
        json!({"Type": "Number", "Default": 2, "AllowedValues": [1, 2, 3]})
    );
    assert_eq!(
        params["Letters"],
        json!({"Type": "CommaDelimitedList", "Default": "a,b", "AllowedValues": ["a", "b", "c"]})
    );
    assert_eq!(params["Password"], json!({"Type": "String", "NoEcho": true}));
    assert_eq!(params["Token"], json!({"Type": "String", "NoEcho": true}));
    assert_eq!(
        params["Image"]["Type"],
        "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"
    );
    assert_eq!(
        params["Tier"],
        json!({"Type": "String", "Default": "large.v2", "AllowedValues": ["small", "large.v2"]})
    );
    assert_eq!(params["AZs"]["Type"], "List<AWS::EC2::AvailabilityZone::Name>");
    assert!(
        root.get("Metadata").is_none(),
        "no interface metadata without groups or labels"
    );
}

#[test]
fn args_are_named_as_asked_and_pass_lists_joined() {
    use cfn::model::interface::Parameters as _;
    let args = EverythingArguments {
        text: "x".into(),
        ratio: 1.5.into(),
        count: 3.into(),
        letters: vec!["a", "c"].into(),
        password: DynamicRef::secrets_manager(secret_id!("app/token")).secret(),
        token: "t".into(),
        image: "/aws/service/ami".into(),
        tier: Tier::Small.into(),
        zones: Value::<Vec<String>>::azs(""),
    };
    let passed: Vec<(&str, serde_json::Value)> = Everything::pass(args)
        .into_iter()
        .map(|(k, v)| (k, expr_to_json(v.expr())))
        .collect();
    assert_eq!(
        passed,
        vec![
            ("Text", json!("x")),
            ("Ratio", json!("1.5")),
            ("Count", json!("3")),
            ("Letters", json!("a,c")),
            ("Password", json!("{{resolve:secretsmanager:app/token}}")),
            ("Token", json!("t")),
            ("Image", json!("/aws/service/ami")),
            ("Tier", json!("small")),
            ("AZs", json!({"Fn::Join": [",", {"Fn::GetAZs": ""}]})),
        ]
    );
}

#[derive(Mapping)]
#[cfn(key = Tier, name = "Sizes", accessors = "SizeTable")]
struct TierSettings {
    #[cfn(name = "Mem")]
    memory: i64,
    cpu: f64,
    spot: bool,
    zones: Vec<&'static str>,
    family: String,
}

#[test]
fn mappings_keep_types_and_keys() {
    let mut s: Stack = Stack::new();
    let sizes: SizeTable = s.mapping_table(|t| match t {
        Tier::Small => TierSettings {
            memory: 512,
            cpu: 0.25,
            spot: true,
            zones: vec!["a"],
            family: "t4g".into(),
        },
        Tier::Large => TierSettings {
            memory: 4096,
            cpu: 2.0,
            spot: false,
            zones: vec!["a", "b"],
            family: "m7g".to_string(),
        },
    });
    let mem: Value<i64> = sizes.memory(Tier::Large);
    let _: Value<f64> = sizes.cpu(Tier::Small);
    let _: Value<bool> = sizes.spot(Tier::Small);
    let _: Value<Vec<String>> = sizes.zones(Tier::Small);
    let _: Value<String> = sizes.family(Tier::Small);
    assert_eq!(
        expr_to_json(mem.expr()),
        json!({"Fn::FindInMap": ["Sizes", "large.v2", "Mem"]})
    );
    assert_eq!(sizes.mapping().name().as_ref(), "Sizes");
    let t = s.template();
    assert_eq!(
        serde_json::to_value(&t.mappings["Sizes"]).expect("json"),
        json!({
            "small": {"Mem": 512, "Cpu": 0.25, "Spot": true, "Zones": ["a"], "Family": "t4g"},
            "large.v2": {"Mem": 4096, "Cpu": 2.0, "Spot": false, "Zones": ["a", "b"], "Family": "m7g"}
        })
    );
}

#[test]
fn sub_escapes_captures_and_evaluates_arguments_once() {
    let mut s: Stack = Stack::new();
    let bucket = s.add("Bucket", RawResource::of("AWS::S3::Bucket"));
    let env = s.parameter("Env", Parameter::string());
    let mut calls = 0;
    let mut arn = || {
        calls += 1;
        bucket.get_att::<String>("Arn")
    };
    let name = "app";
    let v = sub!(
        "${name}:${AWS::Region}:${b}/${b}/${!Literal}/${env}/${n}",
        b = arn(),
        env = &env,
        n = 3
    );
    assert_eq!(calls, 1);
    assert_eq!(
        expr_to_json(v.expr()),
        json!({"Fn::Sub": "app:${AWS::Region}:${Bucket.Arn}/${Bucket.Arn}/${!Literal}/${Env}/3"})
    );
    // Literal text alone is the plain string (cfn-lint W1020: no `Fn::Sub` without variables),
    // with `${!…}` unescaped as `Fn::Sub` would have.
    let plain = sub!("no placeholders");
    assert_eq!(expr_to_json(plain.expr()), json!("no placeholders"));
    let escaped = sub!("keep ${!Literal} as text");
    assert_eq!(expr_to_json(escaped.expr()), json!("keep ${Literal} as text"));
}

#[derive(Outputs)]
struct ListOutputs {
    #[cfn(export = "literal-export-name")]
    names: Value<Vec<String>>,
    tier: Value<Tier>,
}

struct Lists;

impl ChildStack for Lists {
    type Params = ();
    type Outputs = ListOutputs;
    fn build(s: &mut Stack<Lists>, _: &()) -> ListOutputs {
        let t = s.add("Topic", RawResource::of("AWS::SNS::Topic"));
        ListOutputs {
            names: Value::<Vec<String>>::from(vec![t.id().into(), Value::<String>::from("b")]),
            tier: Tier::Large.into(),
        }
    }
}

#[test]
fn list_outputs_are_joined_then_split_back() {
    let mut s: Stack = Stack::new();
    let lists = s.nest::<Lists>("Lists", ());
    let names: Value<Vec<String>> = lists.outputs().names.clone();
    assert_eq!(
        expr_to_json(names.expr()),
        json!({"Fn::Split": [",", {"Fn::GetAtt": ["Lists", "Outputs.Names"]}]})
    );
    let child = Lists::stack();
    let out = &child.template().outputs["Names"];
    assert_eq!(
        expr_to_json(&out.value),
        json!({"Fn::Join": [",", [{"Ref": "Topic"}, "b"]]})
    );
    assert_eq!(
        out.export.as_ref().map(expr_to_json),
        Some(json!("literal-export-name"))
    );
    assert_eq!(lists.logical_id(), "Lists");
}

/// A custom resource with optional properties and dotted attributes.
#[derive(Resource)]
#[cfn(
    type = "Custom::Thing",
    attributes(Endpoint: String, "Endpoint.Port" as endpoint_port: i64),
    attributes_trait = "ThingAtts"
)]
struct Thing {
    service_token: Value<Arn<()>>,
    #[cfn(name = "Size")]
    size_gb: Option<Value<i64>>,
    labels: Option<Value<Vec<String>>>,
}

#[test]
fn custom_resources_are_typed() {
    let mut s: Stack = Stack::new();
    let t = s.add(
        "Thing",
        Thing {
            service_token: Arn::external("arn:aws:lambda:eu-west-1:123456789012:function:thing"),
            size_gb: Some(20.into()),
            labels: None,
        },
    );
    let port: Value<i64> = t.endpoint_port();
    assert_eq!(
        expr_to_json(port.expr()),
        json!({"Fn::GetAtt": ["Thing", "Endpoint.Port"]})
    );
    let _: Value<String> = t.endpoint();
    let r = &s.template().resources["Thing"];
    assert_eq!(r.type_name, "Custom::Thing");
    let props: Vec<&str> = r.properties.iter().map(|(k, _)| k.as_ref()).collect();
    assert_eq!(props, ["ServiceToken", "Size"]);
}
