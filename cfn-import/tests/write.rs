//! The program writer on small templates: the typed forms it picks, the traps it rewrites (and
//! reports), the escape hatches it counts, and the templates it refuses. The corpus round trip
//! (tests/roundtrip.rs) compiles and runs what it writes.

use cfn_import::{parse, write_program, EscapeReason, Options, Program};

fn write(yaml: &str) -> Program {
    let v = parse(yaml, "t.yaml").unwrap_or_else(|e| panic!("{e}"));
    write_program(&v, &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

const NETWORK: &str = "
Parameters:
  Env: {Type: String, AllowedValues: [dev, prod], Default: dev}
  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Route:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref Routes
      DestinationCidrBlock: 0.0.0.0/0
      GatewayId: !Ref Igw
  Routes:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      InstanceTenancy: default
      Tags: [{Key: Name, Value: !Sub '${AWS::StackName}-${Env}'}]
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Web:
    Type: AWS::EC2::SecurityGroup
    Condition: IsProd
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, SourceSecurityGroupId: !Ref Lb}
  Lb:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: lb, VpcId: !GetAtt Vpc.VpcId}
Outputs:
  VpcId: {Value: !Ref Vpc, Export: {Name: !Sub '${AWS::StackName}-vpc'}}
";

#[test]
fn resources_are_typed_and_declared_before_use() {
    let p = write(NETWORK);
    let m = &p.module;
    let pos = |s: &str| m.find(s).unwrap_or_else(|| panic!("`{s}` not in\n{m}"));
    assert!(pos("let vpc = stack.add(\"Vpc\", aws::ec2::Vpc::new()") < pos("stack.add(\"Route\""));
    assert!(pos("let routes = ") < pos("stack.add(\"Route\""));
    assert!(
        m.contains(".instance_tenancy(aws::ec2::vpc::InstanceTenancy::Default)"),
        "{m}"
    );
    assert!(m.contains("sub!(\"${AWS::StackName}-${env}\")"), "{m}");
    assert!(m.contains("aws::ec2::RouteTable::new(vpc.id())"), "{m}");
    assert!(
        m.contains("Value::<Cond>::equals::<String>(env.value(), \"prod\")"),
        "{m}"
    );
    assert!(m.contains("Attributes::new().condition(&is_prod)"), "{m}");
    assert!(m.contains("Parameter::<Vec<Id<aws::ec2::Subnet>>>::of()"), "{m}");
    assert!(p.features.contains("ec2"));
}

#[test]
fn traps_become_safe_constructs_with_the_ids_kept() {
    let p = write(NETWORK);
    let m = &p.module;
    assert!(
        m.contains(
            "stack.attach_internet_gateway_with(cfn::model::safe::gateway::GatewayIds::new(\"Igw\", \"Attach\"), &vpc"
        ),
        "{m}"
    );
    assert!(m.contains(".gateway_id(igw_attached.gateway_id())"), "{m}");
    assert!(
        m.contains(
            "stack.allow_named(\"WebFromLb1\", &lb, &web, cfn::model::safe::security_group::Port::tcp_range(80, 80))"
        ),
        "{m}"
    );
    let lines: Vec<String> = p.changes.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with("Route: the route goes through internet gateway `Igw`"),
        "{lines:#?}"
    );
    assert!(
        lines[1].starts_with("Web: an inline ingress rule names security group `Lb`"),
        "{lines:#?}"
    );
}

#[test]
fn a_plain_text_password_becomes_a_no_echo_parameter() {
    let p = write(
        "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      MasterUsername: admin\n      MasterUserPassword: hunter2hunter2\n",
    );
    assert!(
        p.module
            .contains("stack.parameter(\"DbMasterUserPassword\", Parameter::secret()"),
        "{}",
        p.module
    );
    assert!(
        p.module.contains(".master_user_password(&db_master_user_password)"),
        "{}",
        p.module
    );
    assert!(!p.module.contains("hunter2"), "{}", p.module);
    assert_eq!(p.changes.len(), 1);
}

#[test]
fn escape_hatches_are_commented_and_counted() {
    let p = write(
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12}\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {NewerThanTheSchemas: 1, BucketName: b}\n",
    );
    assert_eq!((p.stats.resources, p.stats.fully_typed, p.stats.raw), (2, 0, 1));
    let reasons: Vec<EscapeReason> = p.escapes.iter().map(|e| e.reason).collect();
    assert_eq!(
        reasons,
        [EscapeReason::TypeNotInSchemas, EscapeReason::PropertyNotInSchema]
    );
    assert!(
        p.module.contains("RawResource::new(\"AWS::Serverless::Function\""),
        "{}",
        p.module
    );
    assert!(
        p.module
            .contains(".raw_property(\"NewerThanTheSchemas\", cfn::serde_json::json!(1))"),
        "{}",
        p.module
    );
    assert!(
        p.module
            .contains("// escape hatch (property not in the schema): NewerThanTheSchemas:"),
        "{}",
        p.module
    );
}

#[test]
fn what_it_cannot_take_is_one_line() {
    for (yaml, says) in [
        ("Resources:\n  A: {Properties: {}}\n", "Resources.A: no `Type`"),
        (
            "Resources:\n  A: {Type: AWS::SNS::Topic, DependsOn: B}\n  B: {Type: AWS::SNS::Topic, DependsOn: A}\n",
            "circular",
        ),
        ("AWSTemplateFormatVersion: '2011-01-01'\nResources: {}\n", "2010-09-09"),
    ] {
        let v = parse(yaml, "t.yaml").unwrap_or_else(|e| panic!("{e}"));
        let e = write_program(&v, &Options::default())
            .err()
            .unwrap_or_else(|| panic!("{yaml} was taken"));
        assert!(e.0.contains(says) && !e.0.contains('\n'), "{e}");
    }
}
