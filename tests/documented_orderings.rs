//! Every ordering AWS's documentation demands (`cfn::model::aws_data::orderings::ORDERINGS`, generated
//! from the service database's sentences) is found by `validate` on a raw-JSON template that omits
//! its `DependsOn`, with a finding naming the `DependsOn` to add and the construct that carries it;
//! the same template with the `DependsOn` passes, and is linted by cfn-lint (`target/cfn-lint/`).

mod common;

use std::collections::BTreeSet;

use cfn::model::aws_data::orderings::{Mechanism, ORDERINGS};
use cfn::prelude::*;
use serde_json::{json, Value};

const ARN_CERT: &str = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

/// A stack of raw resources from a template's `Resources` object (in order); `fix` adds
/// `DependsOn` (resource, dependency).
fn stack(resources: &Value, fix: &[(&str, &str)]) -> Stack {
    let mut s: Stack = Stack::new();
    let mut handles = std::collections::HashMap::new();
    for (id, r) in resources.as_object().expect("an object of resources") {
        let ty = r["Type"].as_str().expect("a Type").to_string();
        let props = r.get("Properties").cloned().unwrap_or_else(|| json!({}));
        let mut attrs = Attributes::new();
        if r.get("DeletionPolicy").is_some() {
            attrs = attrs.retain_data(cfn::model::resource::Policy::Delete);
        }
        for (k, v) in r.get("Metadata").and_then(Value::as_object).into_iter().flatten() {
            attrs = attrs.metadata(k.clone(), v.clone());
        }
        for (res, dep) in fix {
            if res == id {
                attrs = attrs.depends_on(&handles[*dep]);
            }
        }
        let h = s.add_with(id, RawResource::new(ty, props), attrs);
        handles.insert(id.clone(), h);
    }
    s
}

/// One row's case: the template without the ordering, and the `DependsOn` that fixes it.
struct Case {
    row: &'static str,
    resources: Value,
    fix: &'static [(&'static str, &'static str)],
}

fn vpc_with_igw() -> Vec<(&'static str, Value)> {
    vec![
        (
            "Vpc",
            json!({"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}),
        ),
        ("Igw", json!({"Type": "AWS::EC2::InternetGateway"})),
        (
            "IgwAttachment",
            json!({"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {"VpcId": {"Ref": "Vpc"}, "InternetGatewayId": {"Ref": "Igw"}}}),
        ),
        (
            "Public",
            json!({"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": true}}),
        ),
    ]
}

fn with(base: Vec<(&'static str, Value)>, more: Vec<(&'static str, Value)>) -> Value {
    let mut m = serde_json::Map::new();
    for (k, v) in base.into_iter().chain(more) {
        m.insert(k.to_string(), v);
    }
    Value::Object(m)
}

fn lambda_role() -> Value {
    json!({"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}})
}

fn cases() -> Vec<Case> {
    let table = |name: &str| {
        json!({"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Delete", "Properties": {
            "TableName": name, "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "gsi", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "GlobalSecondaryIndexes": [{"IndexName": "byGsi", "KeySchema": [{"AttributeName": "gsi", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}]}})
    };
    vec![
        Case {
            row: "eip-gateway-attachment",
            resources: with(
                vpc_with_igw(),
                vec![(
                    "Address",
                    json!({"Type": "AWS::EC2::EIP", "Properties": {"Domain": "vpc"}}),
                )],
            ),
            fix: &[("Address", "IgwAttachment")],
        },
        Case {
            row: "instance-public-ip",
            resources: with(
                vpc_with_igw(),
                vec![(
                    "Web",
                    json!({"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-0123456789abcdef0", "InstanceType": "t3.micro",
                        "NetworkInterfaces": [{"DeviceIndex": "0", "AssociatePublicIpAddress": true, "SubnetId": {"Ref": "Public"}}]}}),
                )],
            ),
            fix: &[("Web", "IgwAttachment")],
        },
        Case {
            row: "asg-public-subnets",
            resources: with(
                vpc_with_igw(),
                vec![
                    (
                        "Launch",
                        json!({"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"ImageId": "ami-0123456789abcdef0", "InstanceType": "t3.micro"}}}),
                    ),
                    (
                        "Group",
                        json!({"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {"MinSize": "1", "MaxSize": "2",
                            "VPCZoneIdentifier": [{"Ref": "Public"}],
                            "LaunchTemplate": {"LaunchTemplateId": {"Ref": "Launch"}, "Version": {"Fn::GetAtt": ["Launch", "LatestVersionNumber"]}}}}),
                    ),
                ],
            ),
            fix: &[("Group", "IgwAttachment")],
        },
        Case {
            row: "classic-lb-public",
            resources: with(
                vpc_with_igw(),
                vec![(
                    "Classic",
                    json!({"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"Subnets": [{"Ref": "Public"}],
                        "Listeners": [{"LoadBalancerPort": "80", "InstancePort": "80", "Protocol": "HTTP"}]}}),
                )],
            ),
            fix: &[("Classic", "IgwAttachment")],
        },
        Case {
            row: "transit-gateway-route",
            resources: with(
                vec![
                    (
                        "Vpc",
                        json!({"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}),
                    ),
                    (
                        "Private",
                        json!({"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24"}}),
                    ),
                    ("Transit", json!({"Type": "AWS::EC2::TransitGateway"})),
                    (
                        "TransitAttachment",
                        json!({"Type": "AWS::EC2::TransitGatewayVpcAttachment", "Properties": {"TransitGatewayId": {"Ref": "Transit"}, "VpcId": {"Ref": "Vpc"}, "SubnetIds": [{"Ref": "Private"}]}}),
                    ),
                    (
                        "Routes",
                        json!({"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}}),
                    ),
                ],
                vec![(
                    "ToTransit",
                    json!({"Type": "AWS::EC2::Route", "Properties": {"RouteTableId": {"Ref": "Routes"}, "DestinationCidrBlock": "10.1.0.0/16", "TransitGatewayId": {"Ref": "Transit"}}}),
                )],
            ),
            fix: &[("ToTransit", "TransitAttachment")],
        },
        Case {
            row: "vpn-gateway-route-propagation",
            resources: with(
                vec![
                    (
                        "Vpc",
                        json!({"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}),
                    ),
                    (
                        "Vgw",
                        json!({"Type": "AWS::EC2::VPNGateway", "Properties": {"Type": "ipsec.1"}}),
                    ),
                    (
                        "VgwAttachment",
                        json!({"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {"VpcId": {"Ref": "Vpc"}, "VpnGatewayId": {"Ref": "Vgw"}}}),
                    ),
                    (
                        "Routes",
                        json!({"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": {"Ref": "Vpc"}}}),
                    ),
                ],
                vec![(
                    "Propagation",
                    json!({"Type": "AWS::EC2::VPNGatewayRoutePropagation", "Properties": {"RouteTableIds": [{"Ref": "Routes"}], "VpnGatewayId": {"Ref": "Vgw"}}}),
                )],
            ),
            fix: &[("Propagation", "VgwAttachment")],
        },
        Case {
            row: "client-vpn-route",
            resources: with(
                vec![
                    (
                        "Vpc",
                        json!({"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}),
                    ),
                    (
                        "Private",
                        json!({"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24"}}),
                    ),
                    (
                        "Endpoint",
                        json!({"Type": "AWS::EC2::ClientVpnEndpoint", "Properties": {"ClientCidrBlock": "10.100.0.0/22", "ServerCertificateArn": ARN_CERT,
                            "AuthenticationOptions": [{"Type": "certificate-authentication", "MutualAuthentication": {"ClientRootCertificateChainArn": ARN_CERT}}],
                            "ConnectionLogOptions": {"Enabled": false}}}),
                    ),
                    (
                        "Association",
                        json!({"Type": "AWS::EC2::ClientVpnTargetNetworkAssociation", "Properties": {"ClientVpnEndpointId": {"Ref": "Endpoint"}, "SubnetId": {"Ref": "Private"}}}),
                    ),
                ],
                vec![(
                    "VpnRoute",
                    json!({"Type": "AWS::EC2::ClientVpnRoute", "Properties": {"ClientVpnEndpointId": {"Ref": "Endpoint"}, "DestinationCidrBlock": "10.0.0.0/16", "TargetVpcSubnetId": {"Ref": "Private"}}}),
                )],
            ),
            fix: &[("VpnRoute", "Association")],
        },
        Case {
            row: "lambda-efs-mount",
            resources: with(
                vec![
                    (
                        "Vpc",
                        json!({"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}),
                    ),
                    (
                        "Private",
                        json!({"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24"}}),
                    ),
                    (
                        "Group",
                        json!({"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "function and mount", "VpcId": {"Ref": "Vpc"}}}),
                    ),
                    (
                        "Files",
                        json!({"Type": "AWS::EFS::FileSystem", "DeletionPolicy": "Delete", "Properties": {"Encrypted": true}}),
                    ),
                    (
                        "Mount",
                        json!({"Type": "AWS::EFS::MountTarget", "Properties": {"FileSystemId": {"Ref": "Files"}, "SubnetId": {"Ref": "Private"}, "SecurityGroups": [{"Ref": "Group"}]}}),
                    ),
                    (
                        "Point",
                        json!({"Type": "AWS::EFS::AccessPoint", "Properties": {"FileSystemId": {"Ref": "Files"}, "RootDirectory": {"Path": "/data"}}}),
                    ),
                    ("Role", lambda_role()),
                ],
                vec![(
                    "Function",
                    json!({"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.12", "Handler": "index.handler",
                        "Role": {"Fn::GetAtt": ["Role", "Arn"]}, "Code": {"ZipFile": "def handler(event, context):\n    return 1\n"},
                        "VpcConfig": {"SubnetIds": [{"Ref": "Private"}], "SecurityGroupIds": [{"Ref": "Group"}]},
                        "FileSystemConfigs": [{"Arn": {"Fn::GetAtt": ["Point", "Arn"]}, "LocalMountPath": "/mnt/data"}]}}),
                )],
            ),
            fix: &[("Function", "Mount")],
        },
        Case {
            row: "iam-external-policy",
            resources: with(
                vec![
                    ("Role", lambda_role()),
                    (
                        "Logs",
                        json!({"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "logs", "Roles": [{"Ref": "Role"}],
                            "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:CreateLogStream",
                                "Resource": {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/*:log-stream:*"}}]}}}),
                    ),
                ],
                vec![(
                    "Function",
                    json!({"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python3.12", "Handler": "index.handler",
                        "Role": {"Fn::GetAtt": ["Role", "Arn"]}, "Code": {"ZipFile": "def handler(event, context):\n    return 1\n"}}}),
                )],
            ),
            fix: &[("Function", "Logs")],
        },
        Case {
            row: "rotation-schedule-attachment",
            resources: with(
                vec![
                    (
                        "Secret",
                        json!({"Type": "AWS::SecretsManager::Secret", "DeletionPolicy": "Delete", "Properties": {"GenerateSecretString": {"SecretStringTemplate": "{\"username\": \"app\"}", "GenerateStringKey": "password"}}}),
                    ),
                    (
                        "Attachment",
                        json!({"Type": "AWS::SecretsManager::SecretTargetAttachment", "Properties": {"SecretId": {"Ref": "Secret"}, "TargetId": "app-db", "TargetType": "AWS::RDS::DBInstance"}}),
                    ),
                ],
                vec![(
                    "Rotation",
                    json!({"Type": "AWS::SecretsManager::RotationSchedule", "Properties": {"SecretId": {"Ref": "Secret"},
                        "RotationLambdaARN": "arn:aws:lambda:us-east-1:123456789012:function:rotate", "RotationRules": {"AutomaticallyAfterDays": 30}}}),
                )],
            ),
            fix: &[("Rotation", "Attachment")],
        },
        Case {
            row: "base-path-mapping-stage",
            resources: with(
                vec![
                    (
                        "Api",
                        json!({"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "api", "EndpointConfiguration": {"Types": ["PRIVATE"]}}}),
                    ),
                    (
                        "Deployment",
                        json!({"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": {"Ref": "Api"}}}),
                    ),
                    (
                        "Prod",
                        json!({"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": {"Ref": "Api"}, "DeploymentId": {"Ref": "Deployment"}, "StageName": "prod"}}),
                    ),
                    (
                        "Domain",
                        json!({"Type": "AWS::ApiGateway::DomainNameV2", "Properties": {"DomainName": "api.example.com", "CertificateArn": ARN_CERT,
                            "EndpointConfiguration": {"Types": ["PRIVATE"]}, "SecurityPolicy": "TLS_1_2"}}),
                    ),
                ],
                vec![(
                    "Mapping",
                    json!({"Type": "AWS::ApiGateway::BasePathMappingV2", "Properties": {"DomainNameArn": {"Fn::GetAtt": ["Domain", "DomainNameArn"]},
                        "RestApiId": {"Ref": "Api"}, "Stage": "prod"}}),
                )],
            ),
            fix: &[("Mapping", "Prod")],
        },
        Case {
            row: "appstream-fleet-association",
            resources: with(
                vec![
                    (
                        "Fleet",
                        json!({"Type": "AWS::AppStream::Fleet", "Properties": {"Name": "fleet-a", "InstanceType": "stream.standard.medium",
                            "ImageName": "AppStream-WinServer2019-06-12-2023", "ComputeCapacity": {"DesiredInstances": 1}}}),
                    ),
                    (
                        "Desk",
                        json!({"Type": "AWS::AppStream::Stack", "Properties": {"Name": "stack-a"}}),
                    ),
                ],
                vec![(
                    "Association",
                    json!({"Type": "AWS::AppStream::StackFleetAssociation", "Properties": {"FleetName": "fleet-a", "StackName": {"Ref": "Desk"}}}),
                )],
            ),
            fix: &[("Association", "Fleet")],
        },
        Case {
            row: "appstream-stack-association",
            resources: with(
                vec![
                    (
                        "Fleet",
                        json!({"Type": "AWS::AppStream::Fleet", "Properties": {"Name": "fleet-a", "InstanceType": "stream.standard.medium",
                            "ImageName": "AppStream-WinServer2019-06-12-2023", "ComputeCapacity": {"DesiredInstances": 1}}}),
                    ),
                    (
                        "Desk",
                        json!({"Type": "AWS::AppStream::Stack", "Properties": {"Name": "stack-a"}}),
                    ),
                ],
                vec![(
                    "Association",
                    json!({"Type": "AWS::AppStream::StackFleetAssociation", "Properties": {"FleetName": {"Ref": "Fleet"}, "StackName": "stack-a"}}),
                )],
            ),
            fix: &[("Association", "Desk")],
        },
        Case {
            row: "opensearch-collection-policy",
            resources: with(
                vec![(
                    "Encryption",
                    json!({"Type": "AWS::OpenSearchServerless::SecurityPolicy", "Properties": {"Name": "logs-encryption", "Type": "encryption",
                        "Policy": "{\"Rules\":[{\"ResourceType\":\"collection\",\"Resource\":[\"collection/logs\"]}],\"AWSOwnedKey\":true}"}}),
                )],
                vec![(
                    "Logs",
                    json!({"Type": "AWS::OpenSearchServerless::Collection", "Properties": {"Name": "logs"}}),
                )],
            ),
            fix: &[("Logs", "Encryption")],
        },
        Case {
            row: "macie-session",
            resources: with(
                vec![("Session", json!({"Type": "AWS::Macie::Session"}))],
                vec![(
                    "Allowed",
                    json!({"Type": "AWS::Macie::AllowList", "Properties": {"Name": "allowed", "Criteria": {"Regex": "^test-[0-9]+$"}}}),
                )],
            ),
            fix: &[("Allowed", "Session")],
        },
        Case {
            row: "securityhub-hub",
            resources: with(
                vec![("Hub", json!({"Type": "AWS::SecurityHub::Hub"}))],
                vec![(
                    "Foundational",
                    json!({"Type": "AWS::SecurityHub::Standard", "Properties": {"StandardsArn": "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0"}}),
                )],
            ),
            fix: &[("Foundational", "Hub")],
        },
        Case {
            row: "iot-software-package-version",
            resources: with(
                vec![(
                    "Package",
                    json!({"Type": "AWS::IoT::SoftwarePackage", "Properties": {"PackageName": "firmware"}}),
                )],
                vec![(
                    "Version",
                    json!({"Type": "AWS::IoT::SoftwarePackageVersion", "Properties": {"PackageName": "firmware", "VersionName": "1.0.0"}}),
                )],
            ),
            fix: &[("Version", "Package")],
        },
        Case {
            row: "sagemaker-image-version",
            resources: with(
                vec![(
                    "Image",
                    json!({"Type": "AWS::SageMaker::Image", "Properties": {"ImageName": "notebook", "ImageRoleArn": "arn:aws:iam::123456789012:role/sagemaker-images"}}),
                )],
                vec![(
                    "V1",
                    json!({"Type": "AWS::SageMaker::ImageVersion", "Properties": {"ImageName": "notebook", "BaseImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/notebook:1"}}),
                )],
            ),
            fix: &[("V1", "Image")],
        },
        Case {
            row: "timestream-table-database",
            resources: with(
                vec![(
                    "Database",
                    json!({"Type": "AWS::Timestream::Database", "Metadata": {"cfn-lint": {"config": {"ignore_checks": ["W3697"]}}}, "Properties": {"DatabaseName": "metrics"}}),
                )],
                vec![(
                    "Readings",
                    json!({"Type": "AWS::Timestream::Table", "Metadata": {"cfn-lint": {"config": {"ignore_checks": ["W3697"]}}}, "Properties": {"DatabaseName": "metrics", "TableName": "readings"}}),
                )],
            ),
            fix: &[("Readings", "Database")],
        },
        Case {
            row: "scalable-target-resource",
            resources: with(
                vec![(
                    "Orders",
                    json!({"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Delete", "Properties": {"TableName": "orders", "BillingMode": "PROVISIONED",
                        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}], "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                        "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}}}),
                )],
                vec![(
                    "ReadScaling",
                    json!({"Type": "AWS::ApplicationAutoScaling::ScalableTarget", "Properties": {"ResourceId": "table/orders", "ServiceNamespace": "dynamodb",
                        "ScalableDimension": "dynamodb:table:ReadCapacityUnits", "MinCapacity": 5, "MaxCapacity": 50}}),
                )],
            ),
            fix: &[("ReadScaling", "Orders")],
        },
        Case {
            row: "dynamodb-indexed-tables",
            resources: with(vec![("Users", table("users")), ("Orders", table("orders"))], vec![]),
            fix: &[("Orders", "Users")],
        },
        Case {
            row: "organizations-accounts",
            resources: with(
                vec![
                    (
                        "Dev",
                        json!({"Type": "AWS::Organizations::Account", "DeletionPolicy": "Delete", "Properties": {"AccountName": "dev", "Email": "dev@example.com"}}),
                    ),
                    (
                        "Prod",
                        json!({"Type": "AWS::Organizations::Account", "DeletionPolicy": "Delete", "Properties": {"AccountName": "prod", "Email": "prod@example.com"}}),
                    ),
                ],
                vec![],
            ),
            fix: &[("Prod", "Dev")],
        },
        Case {
            row: "securitylake-log-sources",
            resources: with(
                vec![
                    (
                        "Dns",
                        json!({"Type": "AWS::SecurityLake::AwsLogSource", "Properties": {"DataLakeArn": "arn:aws:securitylake:us-east-1:123456789012:data-lake/default",
                            "SourceName": "ROUTE53", "SourceVersion": "2.0", "Accounts": ["123456789012"]}}),
                    ),
                    (
                        "Flows",
                        json!({"Type": "AWS::SecurityLake::AwsLogSource", "Properties": {"DataLakeArn": "arn:aws:securitylake:us-east-1:123456789012:data-lake/default",
                            "SourceName": "VPC_FLOW", "SourceVersion": "2.0", "Accounts": ["123456789012"]}}),
                    ),
                ],
                vec![],
            ),
            fix: &[("Flows", "Dns")],
        },
        Case {
            row: "kinesisanalyticsv2-outputs",
            resources: with(
                vec![
                    (
                        "App",
                        json!({"Type": "AWS::KinesisAnalyticsV2::Application", "Properties": {"RuntimeEnvironment": "FLINK-1_20",
                            "ServiceExecutionRole": "arn:aws:iam::123456789012:role/analytics"}}),
                    ),
                    (
                        "ToAlerts",
                        json!({"Type": "AWS::KinesisAnalyticsV2::ApplicationOutput", "Properties": {"ApplicationName": {"Ref": "App"}, "Output": {"Name": "alerts",
                            "DestinationSchema": {"RecordFormatType": "JSON"},
                            "KinesisStreamsOutput": {"ResourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/alerts"}}}}),
                    ),
                    (
                        "ToArchive",
                        json!({"Type": "AWS::KinesisAnalyticsV2::ApplicationOutput", "Properties": {"ApplicationName": {"Ref": "App"}, "Output": {"Name": "archive",
                            "DestinationSchema": {"RecordFormatType": "JSON"},
                            "KinesisStreamsOutput": {"ResourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/archive"}}}}),
                    ),
                ],
                vec![],
            ),
            fix: &[("ToArchive", "ToAlerts")],
        },
        Case {
            row: "sagemaker-image-versions",
            resources: with(
                vec![
                    (
                        "Image",
                        json!({"Type": "AWS::SageMaker::Image", "Properties": {"ImageName": "notebook", "ImageRoleArn": "arn:aws:iam::123456789012:role/sagemaker-images"}}),
                    ),
                    (
                        "V1",
                        json!({"Type": "AWS::SageMaker::ImageVersion", "Properties": {"ImageName": {"Ref": "Image"}, "BaseImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/notebook:1"}}),
                    ),
                    (
                        "V2",
                        json!({"Type": "AWS::SageMaker::ImageVersion", "Properties": {"ImageName": {"Ref": "Image"}, "BaseImage": "123456789012.dkr.ecr.us-east-1.amazonaws.com/notebook:2"}}),
                    ),
                ],
                vec![],
            ),
            fix: &[("V2", "V1")],
        },
        Case {
            row: "guardduty-filter-rank",
            resources: with(
                vec![
                    (
                        "Detector",
                        json!({"Type": "AWS::GuardDuty::Detector", "Properties": {"Enable": true}}),
                    ),
                    (
                        "Low",
                        json!({"Type": "AWS::GuardDuty::Filter", "Properties": {"DetectorId": {"Ref": "Detector"}, "Name": "low", "Action": "ARCHIVE", "Rank": 1,
                            "FindingCriteria": {"Criterion": {"severity": {"Lt": 4}}}}}),
                    ),
                    (
                        "Test",
                        json!({"Type": "AWS::GuardDuty::Filter", "Properties": {"DetectorId": {"Ref": "Detector"}, "Name": "test", "Action": "ARCHIVE", "Rank": 2,
                            "FindingCriteria": {"Criterion": {"type": {"Eq": ["Recon:EC2/PortProbeUnprotectedPort"]}}}}}),
                    ),
                ],
                vec![],
            ),
            fix: &[("Test", "Low")],
        },
    ]
}

/// Each row: the template without the ordering gets one finding of the row's code on the governed
/// resource, naming the `DependsOn` to add and the construct; with it, no finding, and cfn-lint
/// reads the fixed template.
#[test]
fn every_documented_ordering_is_refused_without_its_depends_on_and_accepted_with_it() {
    let mut covered = BTreeSet::new();
    for case in cases() {
        let row = ORDERINGS
            .iter()
            .find(|r| r.id == case.row)
            .unwrap_or_else(|| panic!("no row `{}`", case.row));
        covered.insert(row.id);
        let (gov, dep) = case.fix[0];
        let bad = cfn::validate(&stack(&case.resources, &[]));
        let found: Vec<&Diagnostic> = bad.iter().filter(|d| d.code == row.code).collect();
        assert_eq!(
            found.len(),
            1,
            "{}: expected one `{}`:\n{}",
            row.id,
            row.code,
            cfn::Diagnostics(bad.clone())
        );
        let d = found[0];
        assert_eq!(d.path, format!("Resources/{gov}"), "{}: {d}", row.id);
        assert!(d.help.contains(&format!("\"DependsOn\": \"{dep}\"")), "{}: {d}", row.id);
        let expected = match row.mechanism {
            Mechanism::Sequence => Severity::Warning,
            _ => Severity::Error,
        };
        assert_eq!(d.severity, expected, "{}: {d}", row.id);
        if !matches!(row.check, cfn::model::aws_data::orderings::Check::Custom("vpc-eip")) {
            assert!(d.help.contains(row.construct), "{}: {d}", row.id);
        }
        let fixed = stack(&case.resources, case.fix);
        assert_eq!(cfn::validate(&fixed), [], "{}: the fixed template", row.id);
        common::emit_for_lint(&format!("documented-orderings/{}", row.id), &fixed);
    }
    let all: BTreeSet<&str> = ORDERINGS.iter().map(|r| r.id).collect();
    assert_eq!(covered, all, "every row has its case");
}

/// The table is the data's: every row stands for at least one of AWS's sentences, and the numbers
/// README states are the table's.
#[test]
fn the_table_counts_match_the_readme() {
    let rows = ORDERINGS.len();
    let compile = ORDERINGS
        .iter()
        .filter(|r| matches!(r.mechanism, Mechanism::Compile(_)))
        .count();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let claim = format!("{rows} documented orderings, {compile} of them refused at compile time");
    assert!(readme.contains(&claim), "README.md should say `{claim}`");
}

/// The chains AWS asks for, written with `stack.sequence()`: no warning.
#[test]
fn resources_added_through_a_sequence_are_chained() {
    let mut s: Stack = Stack::new();
    let mut accounts = s.sequence();
    for name in ["dev", "staging", "prod"] {
        accounts.add_with(
            &format!("Account{name}"),
            RawResource::new(
                "AWS::Organizations::Account",
                json!({"AccountName": name, "Email": format!("{name}@example.com")}),
            ),
            Attributes::new().retain_data(cfn::model::resource::Policy::Delete),
        );
    }
    assert_eq!(cfn::validate(&s), []);
    let t = common::emit_root("documented-orderings-sequence", &s);
    assert_eq!(t["Resources"]["Accountprod"]["DependsOn"], json!("Accountstaging"));
}
