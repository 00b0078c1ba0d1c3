//! What the rules know about resource types: which property is a resource's name, which types
//! are stateful, which storage types can be encrypted at rest and how.

use std::borrow::Cow;
use std::sync::OnceLock;

/// Types whose name property does not follow the `<Type>Name` / `<Type>Identifier` / `Name`
/// pattern, or whose `Name` is not a resource name (`None`: DNS names, nested stacks).
const NAME_EXCEPTIONS: &[(&str, Option<&str>)] = &[
    ("AWS::CloudFormation::Stack", None),
    ("AWS::CloudWatch::CompositeAlarm", Some("AlarmName")),
    ("AWS::DynamoDB::GlobalTable", Some("TableName")),
    ("AWS::EC2::KeyPair", Some("KeyName")),
    ("AWS::EC2::SecurityGroup", Some("GroupName")),
    ("AWS::ECS::TaskDefinition", Some("Family")),
    ("AWS::ElastiCache::CacheCluster", Some("ClusterName")),
    ("AWS::ElastiCache::ReplicationGroup", Some("ReplicationGroupId")),
    ("AWS::IAM::GroupPolicy", Some("PolicyName")),
    ("AWS::IAM::RolePolicy", Some("PolicyName")),
    ("AWS::IAM::UserPolicy", Some("PolicyName")),
    ("AWS::IdentityStore::User", Some("UserName")),
    ("AWS::Lambda::LayerVersion", Some("LayerName")),
    ("AWS::Logs::MetricFilter", Some("FilterName")),
    ("AWS::Logs::SubscriptionFilter", Some("FilterName")),
    ("AWS::Route53::HostedZone", None),
    ("AWS::Route53::RecordSet", None),
    ("AWS::Route53::RecordSetGroup", None),
    ("AWS::SSM::Association", Some("AssociationName")),
];

/// The property that holds the name of a resource of `type_name`, among the properties
/// `present` says the resource sets; `None` when it sets none (CloudFormation then generates a
/// name from the stack name and logical id) or the type has no name of its own.
///
/// Coverage: a hand table for the types that differ (`AWS::EC2::SecurityGroup` → `GroupName`,
/// `AWS::ECS::TaskDefinition` → `Family`, …; Route 53 zone and record names are DNS names and
/// are not counted), then the first of `<Type>Name`, `<Type>Identifier` and `Name` that is set
/// (`AWS::S3::Bucket` → `BucketName`, `AWS::RDS::DBInstance` → `DBInstanceIdentifier`,
/// `AWS::ElasticLoadBalancingV2::LoadBalancer` → `Name`). In the pinned schemas (cfn-lint
/// 1.58.0) that pattern names a writable property of 947 of the 1,854 types.
///
/// ```
/// use cfn_emit::rules::name_property;
/// assert_eq!(name_property("AWS::S3::Bucket", |p| p == "BucketName").as_deref(), Some("BucketName"));
/// assert_eq!(name_property("AWS::EC2::SecurityGroup", |p| p == "GroupName").as_deref(), Some("GroupName"));
/// assert_eq!(name_property("AWS::Route53::HostedZone", |p| p == "Name"), None);
/// assert_eq!(name_property("AWS::SNS::Topic", |_| false), None);
/// ```
pub fn name_property(type_name: &str, present: impl Fn(&str) -> bool) -> Option<Cow<'static, str>> {
    if let Some((_, p)) = NAME_EXCEPTIONS.iter().find(|(t, _)| *t == type_name) {
        return p.filter(|p| present(p)).map(Cow::Borrowed);
    }
    let short = type_name.rsplit("::").next().unwrap_or(type_name);
    [format!("{short}Name"), format!("{short}Identifier"), "Name".to_string()]
        .into_iter()
        .find(|c| present(c))
        .map(Cow::Owned)
}

/// cfn-lint's list of stateful resource types (`AdditionalSpecs/StatefulResources.json` of
/// cfn-lint 1.58.0, MIT-0, vendored as `cfn-emit/data/StatefulResources.json`): the types whose
/// data a replacement or removal deletes.
///
/// ```
/// let types = cfn_emit::rules::stateful_resource_types();
/// assert!(types.contains(&"AWS::RDS::DBInstance"));
/// assert!(types.contains(&"AWS::EFS::FileSystem"));
/// ```
pub fn stateful_resource_types() -> &'static [&'static str] {
    static TYPES: OnceLock<Vec<&'static str>> = OnceLock::new();
    TYPES.get_or_init(|| {
        // Keys borrowed from the static text (serde_json borrows strings without escapes), each
        // value skipped unparsed.
        type Types = std::collections::BTreeMap<&'static str, serde::de::IgnoredAny>;
        serde_json::from_str::<std::collections::BTreeMap<&'static str, Types>>(STATEFUL_DATA)
            .ok()
            .and_then(|mut file| file.remove("ResourceTypes"))
            .map(|types| types.into_keys().collect())
            .unwrap_or_default()
    })
}

const STATEFUL_DATA: &str = include_str!("../../data/StatefulResources.json");

/// How a storage type turns on encryption at rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encryption {
    /// The property (a `/`-separated path) must be literally `true`.
    True(&'static str),
    /// The property (a path) must be set.
    Set(&'static str),
    /// Either property must be set (the first) or literally `true` (the second).
    SetOrTrue(&'static str, &'static str),
}

/// The storage types [`EncryptionAtRest`](super::EncryptionAtRest) checks, and what it wants of
/// each. Types that are always encrypted (Secrets Manager secrets, Backup vaults, CloudWatch Logs
/// log groups) are not listed; an RDS instance in an Aurora cluster (`DBClusterIdentifier` set)
/// is encrypted by its cluster and not checked.
pub const ENCRYPTION_COVERAGE: &[(&str, Encryption)] = &[
    ("AWS::DocDB::DBCluster", Encryption::True("StorageEncrypted")),
    (
        "AWS::DynamoDB::GlobalTable",
        Encryption::True("SSESpecification/SSEEnabled"),
    ),
    ("AWS::DynamoDB::Table", Encryption::True("SSESpecification/SSEEnabled")),
    ("AWS::EC2::Volume", Encryption::True("Encrypted")),
    ("AWS::EFS::FileSystem", Encryption::True("Encrypted")),
    (
        "AWS::ElastiCache::ReplicationGroup",
        Encryption::True("AtRestEncryptionEnabled"),
    ),
    (
        "AWS::Elasticsearch::Domain",
        Encryption::True("EncryptionAtRestOptions/Enabled"),
    ),
    ("AWS::Kinesis::Stream", Encryption::Set("StreamEncryption")),
    ("AWS::Neptune::DBCluster", Encryption::True("StorageEncrypted")),
    (
        "AWS::OpenSearchService::Domain",
        Encryption::True("EncryptionAtRestOptions/Enabled"),
    ),
    ("AWS::RDS::DBCluster", Encryption::True("StorageEncrypted")),
    ("AWS::RDS::DBInstance", Encryption::True("StorageEncrypted")),
    ("AWS::Redshift::Cluster", Encryption::True("Encrypted")),
    (
        "AWS::S3::Bucket",
        Encryption::Set("BucketEncryption/ServerSideEncryptionConfiguration"),
    ),
    ("AWS::SNS::Topic", Encryption::Set("KmsMasterKeyId")),
    (
        "AWS::SQS::Queue",
        Encryption::SetOrTrue("KmsMasterKeyId", "SqsManagedSseEnabled"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendored_stateful_list_is_cfn_lints() {
        let t = stateful_resource_types();
        assert_eq!(t.len(), 29, "{t:?}");
        assert!(t.contains(&"AWS::S3::Bucket") && t.contains(&"AWS::DynamoDB::Table"));
    }

    #[test]
    fn name_properties() {
        let has = |names: &'static [&'static str]| move |p: &str| names.contains(&p);
        assert_eq!(
            name_property("AWS::RDS::DBInstance", has(&["DBName", "DBInstanceIdentifier"])).as_deref(),
            Some("DBInstanceIdentifier")
        );
        assert_eq!(
            name_property("AWS::ECS::TaskDefinition", has(&["Family"])).as_deref(),
            Some("Family")
        );
        assert_eq!(
            name_property("AWS::SSM::Association", has(&["Name"])).as_deref(),
            None,
            "an association's `Name` is its document's"
        );
    }
}

#[cfg(test)]
mod stateful_tests {
    #[test]
    fn stateful_types_are_the_keys_of_the_vendored_file() {
        let parsed: serde_json::Value = serde_json::from_str(super::STATEFUL_DATA).expect("valid JSON");
        let keys: Vec<&str> = parsed["ResourceTypes"]
            .as_object()
            .expect("ResourceTypes")
            .keys()
            .map(String::as_str)
            .collect();
        let mut ours = super::stateful_resource_types().to_vec();
        ours.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(ours, keys);
        assert_eq!(ours.len(), 29);
    }
}
