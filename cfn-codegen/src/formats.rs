//! The two hand-kept tables of the generator: what each `AWS::…` `format` means, and the schema
//! patches. Everything else is derived from the schemas.

/// Which typed marker a reference format maps to (see `cfn_model::value::{Id, Arn, Name}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Marker {
    /// The target's `Ref` (`Value<Id<R>>`).
    Id,
    /// The target's `Arn` attribute (`Value<Arn<R>>`), where `Ref` is something else.
    Arn,
    /// The target's name where that is neither its `Ref` nor an attribute (`Value<Name<R>>`).
    Name,
    /// Another attribute of the target (`Value<Attr<R, A>>`, `A` a marker generated beside `R`):
    /// the target string is `AWS::Service::Type#Attribute` (only from the service database).
    Attr,
}

/// What a format means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    /// One reference to a resource of `target`.
    One(Marker, &'static str),
    /// A list of references (`….Ids`, `….Names`).
    List(Marker, &'static str),
    /// Not a resource this library can create: stays `Value<String>`.
    Plain,
}

/// Every `AWS::` format in the pinned schema set (20 in cfn-lint 1.58.0). The generator refuses
/// schemas with a format missing here, so a newer schema set cannot silently lose typing.
///
/// `Id` entries are formats whose value is the target's `Ref`: the schema's `primaryIdentifier`
/// carries the format (checked by `verify` against the schemas), and the AWS docs agree
/// (`Ref` of a topic and of a certificate is its ARN, of an alias its name, of a log group or bucket
/// its name). `Arn` entries are `Fn::GetAtt …Arn` attributes (`readOnlyProperties`) of types whose
/// `Ref` is a name (role, function, key) or a URL (queue).
pub const FORMATS: &[(&str, Meaning)] = &[
    (
        "AWS::ACM::Certificate.Arn",
        Meaning::One(Marker::Id, "AWS::CertificateManager::Certificate"),
    ),
    ("AWS::EC2::Image.Id", Meaning::Plain),
    (
        "AWS::EC2::SecurityGroup.Id",
        Meaning::One(Marker::Id, "AWS::EC2::SecurityGroup"),
    ),
    (
        "AWS::EC2::SecurityGroup.Ids",
        Meaning::List(Marker::Id, "AWS::EC2::SecurityGroup"),
    ),
    (
        "AWS::EC2::SecurityGroup.Name",
        Meaning::One(Marker::Name, "AWS::EC2::SecurityGroup"),
    ),
    (
        "AWS::EC2::SecurityGroup.Names",
        Meaning::List(Marker::Name, "AWS::EC2::SecurityGroup"),
    ),
    ("AWS::EC2::Subnet.Id", Meaning::One(Marker::Id, "AWS::EC2::Subnet")),
    ("AWS::EC2::Subnet.Ids", Meaning::List(Marker::Id, "AWS::EC2::Subnet")),
    ("AWS::EC2::VPC.Id", Meaning::One(Marker::Id, "AWS::EC2::VPC")),
    ("AWS::IAM::Role.Arn", Meaning::One(Marker::Arn, "AWS::IAM::Role")),
    ("AWS::KMS::Alias.AliasName", Meaning::One(Marker::Id, "AWS::KMS::Alias")),
    ("AWS::KMS::Key.Arn", Meaning::One(Marker::Arn, "AWS::KMS::Key")),
    ("AWS::KMS::Key.Id", Meaning::One(Marker::Id, "AWS::KMS::Key")),
    (
        "AWS::Lambda::Function.Arn",
        Meaning::One(Marker::Arn, "AWS::Lambda::Function"),
    ),
    (
        "AWS::Logs::LogGroup.Name",
        Meaning::One(Marker::Id, "AWS::Logs::LogGroup"),
    ),
    ("AWS::Route53::AliasTarget.HostedZoneId", Meaning::Plain),
    (
        "AWS::Route53::HostedZone.Id",
        Meaning::One(Marker::Id, "AWS::Route53::HostedZone"),
    ),
    ("AWS::S3::Bucket.Name", Meaning::One(Marker::Id, "AWS::S3::Bucket")),
    ("AWS::SNS::Topic.Arn", Meaning::One(Marker::Id, "AWS::SNS::Topic")),
    ("AWS::SQS::Queue.Arn", Meaning::One(Marker::Arn, "AWS::SQS::Queue")),
];

/// CloudFormation's AWS-specific parameter types naming a resource's id (checked against the
/// account when the stack is created): generated as the type's `Resource::ID_PARAMETER_TYPES`
/// (with `List<…>` for lists); every other type's id parameter is a `String`.
pub const ID_PARAMETER_TYPES: &[(&str, &str)] = &[
    ("AWS::EC2::Instance", "AWS::EC2::Instance::Id"),
    ("AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroup::Id"),
    ("AWS::EC2::Subnet", "AWS::EC2::Subnet::Id"),
    ("AWS::EC2::VPC", "AWS::EC2::VPC::Id"),
    ("AWS::EC2::Volume", "AWS::EC2::Volume::Id"),
    ("AWS::Route53::HostedZone", "AWS::Route53::HostedZone::Id"),
];

/// The meaning of an `AWS::` format, `None` for formats missing from [`FORMATS`].
pub fn meaning(format: &str) -> Option<Meaning> {
    FORMATS.iter().find(|(f, _)| *f == format).map(|(_, m)| *m)
}

/// The reason of a [`RELATION_OVERRIDES`] row that keeps a property a string starts with this.
pub const OVERRIDE_PREFIX: &str = "override: ";

/// What an override makes of a related property.
#[derive(Clone, Copy, Debug)]
pub enum Relation {
    /// Stays `Value<String>`, whatever the schema and the database say.
    Plain(&'static str),
}

/// The service database's relationships (`relations.rs`) that this table corrects: `(type,
/// pointer of the property as the database names it, what it becomes)`. Every row says why; a
/// property whose schema format contradicts the database fails generation until it has a row.
pub const RELATION_OVERRIDES: &[(&str, &str, Relation)] = &[
    (
        "AWS::Logs::LogGroup",
        "/properties/LogGroupName",
        Relation::Plain(
            "the log group's own name, which the user chooses; the database relates it to a Lambda function because \
             Lambda writes to `/aws/lambda/<function name>`, a name built with `sub!`, not a reference",
        ),
    ),
    ("AWS::ApiGateway::Method", "/definitions/Integration/properties/Uri", Relation::Plain("an integration URI wraps the function's ARN in an API Gateway path (`arn:…:apigateway:…:lambda:path/2015-03-31/functions/<arn>/invocations`), built with `sub!`")),
    ("AWS::ApiGatewayV2::Api", "/properties/Target", Relation::Plain("quick create takes a Lambda function ARN or an HTTP URL")),
    ("AWS::ApiGatewayV2::Route", "/properties/Target", Relation::Plain("written `integrations/<integration id>`, built with `sub!`")),
    ("AWS::AppConfig::ConfigurationProfile", "/definitions/Validators/properties/Content", Relation::Plain("a JSON Schema document or a Lambda function ARN")),
    ("AWS::AppSync::DataSource", "/definitions/HttpConfig/properties/Endpoint", Relation::Plain("an HTTP endpoint URL")),
    ("AWS::AutoScaling::ScalingPolicy", "/definitions/MetricDimension/properties/Value", Relation::Plain("a metric dimension's value: any string its dimension names")),
    ("AWS::Backup::BackupSelection", "/definitions/BackupSelectionResourceType/properties/Resources", Relation::Plain("ARN patterns with wildcards (`arn:aws:ec2:*:*:volume/*`) of any backed-up service")),
    ("AWS::CloudFront::Distribution", "/definitions/Origin/properties/Id", Relation::Plain("the origin's own id, chosen by the user and named by cache behaviours")),
    ("AWS::CloudTrail::Trail", "/definitions/DataResource/properties/Values", Relation::Plain("ARN prefixes of S3 objects, Lambda functions, DynamoDB tables, … (`arn:aws:s3:::bucket/`)")),
    ("AWS::CodePipeline::Pipeline", "/definitions/EncryptionKey/properties/Id", Relation::Plain("a KMS key id, key ARN or alias ARN")),
    ("AWS::ElasticBeanstalk::ConfigurationTemplate", "/definitions/ConfigurationOptionSetting/properties/Value", Relation::Plain("an option setting's value: any string its option names")),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "/definitions/LoadBalancerAttribute/properties/Value", Relation::Plain("an attribute's value: any string its key names (a bucket only for `access_logs.s3.bucket`)")),
    ("AWS::Events::Rule", "/definitions/RunCommandTarget/properties/Values", Relation::Plain("tag values or instance ids, as the key says")),
    ("AWS::Events::Rule", "/definitions/Target/properties/Arn", Relation::Plain("EventBridge targets more services than the database lists (CodeBuild, CodePipeline, API destinations, SSM, …)")),
    ("AWS::FIS::ExperimentTemplate", "/definitions/ExperimentTemplateStopCondition/properties/Value", Relation::Plain("any CloudWatch alarm ARN, not only composite alarms")),
    ("AWS::Glue::Database", "/definitions/DatabaseInput/properties/Name", Relation::Plain("the database's own name")),
    ("AWS::KinesisFirehose::DeliveryStream", "/definitions/ProcessorParameter/properties/ParameterValue", Relation::Plain("a processor parameter's value: any string its name says")),
    ("AWS::Lambda::EventInvokeConfig", "/definitions/OnFailure/properties/Destination", Relation::Plain("destinations include S3 buckets and event buses the database does not list")),
    ("AWS::Lambda::EventInvokeConfig", "/definitions/OnSuccess/properties/Destination", Relation::Plain("destinations include S3 buckets and Lambda functions the database does not list")),
    ("AWS::Lambda::EventSourceMapping", "/definitions/OnFailure/properties/Destination", Relation::Plain("destinations include S3 buckets and Kafka topics the database does not list")),
    ("AWS::Lambda::Permission", "/properties/Principal", Relation::Plain("usually a service principal (`s3.amazonaws.com`) or an account id")),
    ("AWS::Pipes::Pipe", "/properties/Source", Relation::Plain("pipes read from more sources than the database lists (Amazon MQ, MSK, self-managed Kafka)")),
    ("AWS::Pipes::Pipe", "/properties/Target", Relation::Plain("pipes write to more targets than the database lists (API destinations, Batch, ECS, …)")),
    ("AWS::SNS::Subscription", "/properties/Endpoint", Relation::Plain("an e-mail address, URL or phone number as often as an ARN, as the protocol says")),
    ("AWS::SNS::Topic", "/definitions/Subscription/properties/Endpoint", Relation::Plain("an e-mail address, URL or phone number as often as an ARN, as the protocol says")),
    ("AWS::SSM::Association", "/definitions/Target/properties/Values", Relation::Plain("tag values, instance ids or resource-group names, as the key says")),
    ("AWS::Scheduler::Schedule", "/definitions/Target/properties/Arn", Relation::Plain("universal targets call any AWS API (`arn:aws:scheduler:::aws-sdk:…`)")),
    ("AWS::CloudFront::Distribution", "/definitions/Origin/properties/DomainName", Relation::Plain("custom origins are any domain name, not only buckets, load balancers and API domains")),
    ("AWS::DataSync::LocationNFS", "/properties/ServerHostname", Relation::Plain("any NFS server's name or address, usually outside the stack")),
    ("AWS::EC2::CustomerGateway", "/properties/IpAddress", Relation::Plain("the public address of an on-premises device, not an instance of the stack")),
    ("AWS::EC2::Instance", "/definitions/LaunchTemplateSpecification/properties/Version", Relation::Plain("usually `$Latest` or `$Default`")),
    ("AWS::ElasticLoadBalancingV2::TargetGroup", "/definitions/TargetDescription/properties/Id", Relation::Plain("an instance id, an IP address or a Lambda ARN, as the target type says")),
    ("AWS::Lambda::EventInvokeConfig", "/properties/Qualifier", Relation::Plain("a version number, an alias name or `$LATEST`")),
    ("AWS::Route53::HealthCheck", "/definitions/HealthCheckConfig/properties/IPAddress", Relation::Plain("any endpoint's address, usually outside the stack")),
];

/// The override of the database's relationship at (`type_name`, `ptr`), as a resolution.
pub fn relation_override(type_name: &str, ptr: &str) -> Option<crate::relations::Resolved> {
    use crate::relations::Resolved;
    RELATION_OVERRIDES
        .iter()
        .find(|(t, p, _)| *t == type_name && *p == ptr)
        .map(|(_, _, r)| match *r {
            Relation::Plain(why) => Resolved::Plain(why),
        })
}

/// A change applied to a schema before generation.
#[derive(Clone, Copy, Debug)]
pub enum Patch {
    /// Types the string at JSON pointer `at` as a secret (`Value<SecretString>`): only a secret
    /// dynamic reference or a `NoEcho` parameter is accepted (DESIGN.md, secrets).
    Secret { type_name: &'static str, at: &'static str },
    /// Types the string at JSON pointer `at` as `Value<marker>`, a marker of `cfn_model::value`
    /// that only a safe construct yields, carrying the ordering the property needs (DESIGN.md,
    /// safe constructs). `marker` must be a row of [`EVIDENCE`].
    Evidence {
        type_name: &'static str,
        at: &'static str,
        marker: &'static str,
    },
    /// Sets `format` on the schema at JSON pointer `at`.
    SetFormat {
        type_name: &'static str,
        at: &'static str,
        format: &'static str,
        why: &'static str,
    },
}

const MISSING_SUBNET_FORMAT: &str = "the schema documents a list of subnet ids but lacks the `AWS::EC2::Subnet.Ids` \
                                     format its siblings carry, so handles of subnets would not be accepted";

/// The schema key [`Patch::Secret`] sets.
pub const SECRET_KEY: &str = "x-cfn-codegen-secret";

/// The schema key [`Patch::Evidence`] sets (to the marker's name).
pub const EVIDENCE_KEY: &str = "x-cfn-codegen-evidence";

/// The markers of [`Patch::Evidence`]: the type name (in `cfn_model`'s root), the trait a
/// generated setter takes for it (also in `cfn_model`'s root, with a compiler message naming the
/// safe construct), and the note the generated field carries.
pub const EVIDENCE: &[(&str, &str, &str)] = &[
    (
        "AttachedAllocationId",
        "IntoAttachedAllocationId",
        "An Elastic IP allocated once the internet gateway is attached: only `stack.nat_gateway(…)` yields one, so the NAT gateway waits for the attachment.",
    ),
    (
        "AttachedGatewayId",
        "IntoAttachedGatewayId",
        "An attached gateway: only `stack.attach_internet_gateway(…)` or `stack.attach_vpn_gateway(…)` yields one, so the route waits for the attachment.",
    ),
    (
        "AttachedTransitGatewayId",
        "IntoAttachedTransitGatewayId",
        "A transit gateway attached to the VPC: only `stack.attach_transit_gateway(…)` yields one, so the route waits for the attachment.",
    ),
    (
        "AttachedVpnGatewayId",
        "IntoAttachedVpnGatewayId",
        "An attached virtual private gateway: only `stack.attach_vpn_gateway(…)` yields one (`vgw.vpn_gateway_id()`), so the propagation waits for the attachment.",
    ),
    (
        "ExternalGroupId",
        "IntoExternalGroupId",
        "A security group from outside this template (a `Param<Id<ec2::SecurityGroup>>`, `Value::<ExternalGroupId>::import(…)`, `ExternalGroupId::external(\"sg-…\")`): a group of this template goes through `stack.allow(…)`, whose standalone rules cannot form a cycle.",
    ),
    (
        "ExternalGroupName",
        "IntoExternalGroupName",
        "A security group from outside this template, by name (`ExternalGroupName::external(\"…\")`, an import): a group of this template goes through `stack.allow(…)`, whose standalone rules cannot form a cycle.",
    ),
    (
        "ForwardedTargetGroupArn",
        "IntoForwardedTargetGroupArn",
        "A target group a listener forwards to: only `stack.listen(…)` yields one, so the service waits for the listener.",
    ),
    (
        "MountedAccessPointArn",
        "IntoMountedAccessPointArn",
        "An access point of a mounted file system: only `mounted.access_point(…)` of a `stack.mount(…)` yields one, so the function waits for every mount target.",
    ),
    (
        "MountedFileSystemId",
        "IntoMountedFileSystemId",
        "A mounted file system: only `stack.mount(…)` yields one, so the task waits for every mount target.",
    ),
];

/// The row of [`EVIDENCE`] named `marker`: (marker, trait, note).
pub fn evidence(marker: &str) -> Option<(&'static str, &'static str, &'static str)> {
    EVIDENCE.iter().copied().find(|(m, _, _)| *m == marker)
}

/// The trait generated setters take for evidence `marker` (`IntoValue` for an unknown one, which
/// [`apply_patches`] refuses before code is emitted).
pub fn evidence_trait(marker: &str) -> &'static str {
    evidence(marker).map_or("IntoValue", |(_, t, _)| t)
}

/// The schema patches, applied in order. A patch whose target is missing is an error: the schema
/// changed and the patch must be revisited.
pub const PATCHES: &[Patch] = &[
    // Likewise a group named by name (default VPC): `ExternalGroupName`. Its owner (an account id
    // or `amazon-elb`) stays a string: it names no resource.
    Patch::Evidence {
        type_name: "AWS::EC2::SecurityGroup",
        at: "/definitions/Ingress/properties/SourceSecurityGroupName",
        marker: "ExternalGroupName",
    },
    // A group named by id inside an inline rule must come from outside this template (a
    // parameter, an import, an explicit external id): only those can be an `ExternalGroupId`.
    Patch::Evidence {
        type_name: "AWS::EC2::SecurityGroup",
        at: "/definitions/Ingress/properties/SourceSecurityGroupId",
        marker: "ExternalGroupId",
    },
    Patch::Evidence {
        type_name: "AWS::EC2::SecurityGroup",
        at: "/definitions/Egress/properties/DestinationSecurityGroupId",
        marker: "ExternalGroupId",
    },
    Patch::SetFormat {
        type_name: "AWS::EC2::VPC",
        at: "/properties/DefaultSecurityGroup",
        format: "AWS::EC2::SecurityGroup.Id",
        why: "the VPC's `DefaultSecurityGroup` attribute is a security group id (the schemas' own \
              relationshipRefs point at it as one)",
    },
    Patch::SetFormat {
        type_name: "AWS::EC2::TransitGatewayVpcAttachment",
        at: "/properties/SubnetIds",
        format: "AWS::EC2::Subnet.Ids",
        why: MISSING_SUBNET_FORMAT,
    },
    Patch::SetFormat {
        type_name: "AWS::Lambda::Function",
        at: "/definitions/VpcConfig/properties/SubnetIds",
        format: "AWS::EC2::Subnet.Ids",
        why: MISSING_SUBNET_FORMAT,
    },
    Patch::SetFormat {
        type_name: "AWS::RDS::DBSubnetGroup",
        at: "/properties/SubnetIds",
        format: "AWS::EC2::Subnet.Ids",
        why: MISSING_SUBNET_FORMAT,
    },
    // Ordering that travels with values: these properties take only what a safe construct yields.
    Patch::Evidence {
        type_name: "AWS::ECS::TaskDefinition",
        at: "/definitions/EFSVolumeConfiguration/properties/FilesystemId",
        marker: "MountedFileSystemId",
    },
    Patch::Evidence {
        type_name: "AWS::Lambda::Function",
        at: "/definitions/FileSystemConfig/properties/Arn",
        marker: "MountedAccessPointArn",
    },
    Patch::Evidence {
        type_name: "AWS::ECS::Service",
        at: "/definitions/LoadBalancer/properties/TargetGroupArn",
        marker: "ForwardedTargetGroupArn",
    },
    Patch::Evidence {
        type_name: "AWS::EC2::Route",
        at: "/properties/GatewayId",
        marker: "AttachedGatewayId",
    },
    Patch::Evidence {
        type_name: "AWS::EC2::NatGateway",
        at: "/properties/AllocationId",
        marker: "AttachedAllocationId",
    },
    Patch::Evidence {
        type_name: "AWS::EC2::Route",
        at: "/properties/TransitGatewayId",
        marker: "AttachedTransitGatewayId",
    },
    Patch::Evidence {
        type_name: "AWS::EC2::VPNGatewayRoutePropagation",
        at: "/properties/VpnGatewayId",
        marker: "AttachedVpnGatewayId",
    },
    // Passwords: secret-sourced values only (`DynamicRef::…secret()`, `NoEcho` parameters).
    Patch::Secret {
        type_name: "AWS::AmazonMQ::Broker",
        at: "/definitions/LdapServerMetadata/properties/ServiceAccountPassword",
    },
    Patch::Secret {
        type_name: "AWS::AmazonMQ::Broker",
        at: "/definitions/User/properties/Password",
    },
    Patch::Secret {
        type_name: "AWS::DirectoryService::MicrosoftAD",
        at: "/properties/Password",
    },
    Patch::Secret {
        type_name: "AWS::DirectoryService::SimpleAD",
        at: "/properties/Password",
    },
    Patch::Secret {
        type_name: "AWS::DocDB::DBCluster",
        at: "/properties/MasterUserPassword",
    },
    Patch::Secret {
        type_name: "AWS::ElastiCache::ReplicationGroup",
        at: "/properties/AuthToken",
    },
    Patch::Secret {
        type_name: "AWS::IAM::User",
        at: "/definitions/LoginProfile/properties/Password",
    },
    Patch::Secret {
        type_name: "AWS::OpenSearchService::Domain",
        at: "/definitions/MasterUserOptions/properties/MasterUserPassword",
    },
    Patch::Secret {
        type_name: "AWS::RDS::DBCluster",
        at: "/properties/MasterUserPassword",
    },
    Patch::Secret {
        type_name: "AWS::RDS::DBInstance",
        at: "/properties/MasterUserPassword",
    },
    Patch::Secret {
        type_name: "AWS::RDS::DBInstance",
        at: "/properties/TdeCredentialPassword",
    },
    Patch::Secret {
        type_name: "AWS::Redshift::Cluster",
        at: "/properties/MasterUserPassword",
    },
];

/// Applies the patches for `type_name` to `schema`.
pub fn apply_patches(type_name: &str, schema: &mut serde_json::Value) -> Result<(), String> {
    for patch in PATCHES {
        match *patch {
            Patch::Secret { type_name: t, at } if t == type_name => {
                match schema.pointer_mut(at).and_then(|v| v.as_object_mut()) {
                    Some(o) if o.get("type").and_then(|t| t.as_str()) == Some("string") => {
                        o.insert(SECRET_KEY.into(), true.into());
                    }
                    _ => {
                        return Err(format!(
                            "schema patch failed: {type_name} has no string at `{at}` to type as a secret; the \
                             schemas changed, revisit PATCHES in cfn-codegen/src/formats.rs"
                        ))
                    }
                }
            }
            Patch::Evidence {
                type_name: t,
                at,
                marker,
            } if t == type_name => {
                if evidence(marker).is_none() {
                    return Err(format!(
                        "schema patch for {type_name} names `{marker}`, which is not a row of EVIDENCE"
                    ));
                }
                match schema.pointer_mut(at).and_then(|v| v.as_object_mut()) {
                    Some(o) if o.get("type").and_then(|t| t.as_str()) == Some("string") => {
                        o.insert(EVIDENCE_KEY.into(), (*marker).into());
                    }
                    _ => {
                        return Err(format!(
                            "schema patch failed: {type_name} has no string at `{at}` to type as `{marker}`; the \
                             schemas changed, revisit PATCHES in cfn-codegen/src/formats.rs"
                        ))
                    }
                }
            }
            Patch::SetFormat {
                type_name: t,
                at,
                format,
                why,
            } if t == type_name => {
                let obj = schema.pointer_mut(at).and_then(|v| v.as_object_mut());
                match obj {
                    Some(o) => {
                        o.insert("format".into(), format.into());
                    }
                    None => {
                        return Err(format!(
                            "schema patch failed: {type_name} has no schema at `{at}`; the schemas changed, revisit \
                             PATCHES in cfn-codegen/src/formats.rs (the patch exists because {why})"
                        ))
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        let names: Vec<&str> = FORMATS.iter().map(|(f, _)| *f).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(names, sorted);
        assert_eq!(names.len(), 20);
    }

    #[test]
    fn meanings() {
        assert_eq!(
            meaning("AWS::EC2::VPC.Id"),
            Some(Meaning::One(Marker::Id, "AWS::EC2::VPC"))
        );
        assert_eq!(
            meaning("AWS::IAM::Role.Arn"),
            Some(Meaning::One(Marker::Arn, "AWS::IAM::Role"))
        );
        assert_eq!(
            meaning("AWS::EC2::SecurityGroup.Ids"),
            Some(Meaning::List(Marker::Id, "AWS::EC2::SecurityGroup"))
        );
        assert_eq!(meaning("AWS::EC2::Image.Id"), Some(Meaning::Plain));
        assert_eq!(meaning("AWS::Nope::Thing.Id"), None);
    }

    #[test]
    fn patches_apply_and_fail_loudly() {
        let mut s = serde_json::json!({"definitions": {"Ingress": {"properties": {"CidrIp": {}, "SourceSecurityGroupId": {"type": "string"}, "SourceSecurityGroupName": {"type": "string"}, "SourceSecurityGroupOwnerId": {}}}, "Egress": {"properties": {"DestinationSecurityGroupId": {"type": "string"}}}}});
        apply_patches("AWS::EC2::SecurityGroup", &mut s).unwrap();
        assert_eq!(s["definitions"]["Ingress"]["properties"].as_object().unwrap().len(), 4);
        assert_eq!(
            s["definitions"]["Ingress"]["properties"]["SourceSecurityGroupName"][EVIDENCE_KEY],
            "ExternalGroupName"
        );
        assert_eq!(
            s["definitions"]["Egress"]["properties"]["DestinationSecurityGroupId"][EVIDENCE_KEY],
            "ExternalGroupId"
        );
        let mut broken = serde_json::json!({"definitions": {}});
        let e = apply_patches("AWS::EC2::SecurityGroup", &mut broken).unwrap_err();
        assert!(e.contains("SourceSecurityGroupName"), "{e}");
    }
}
