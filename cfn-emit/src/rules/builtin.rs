//! The built-in rules.

use std::collections::BTreeSet;

use cfn_model::expr::{Expr, Mention};
use cfn_model::rules::{Breach, ResourceView, Rule};
use cfn_model::{Policy, Tagging};

use super::names::{name_property, stateful_resource_types, Encryption, ENCRYPTION_COVERAGE};
use super::{is_literally_true, lookup, shown};

// ---- required tags ----------------------------------------------------------------------------

/// `required-tags`: every taggable resource carries each of the given tag keys, from its own
/// tags, the stack-wide ones ([`Stack::tag`](cfn_model::Stack::tag)) or those of an enclosing
/// nested stack (CloudFormation propagates them). Types that cannot be tagged are not checked
/// (a [`RawResource`](cfn_model::RawResource) is taggable once it declares its `tagging`).
///
/// ```
/// use cfn_model::prelude::*;
/// use cfn_emit::rules::RequiredTags;
/// let mut s: Stack = Stack::new();
/// s.enforce(RequiredTags::new(["Environment", "Project", "ManagedBy"]));
/// s.tag("Environment", "dev").tag("Project", "shop").tag("ManagedBy", "cfn");
/// s.add("Alerts", RawResource::of("AWS::SNS::Topic").tagging(Tagging::List("Tags")));
/// assert_eq!(cfn_emit::validate(&s), []);
/// ```
#[derive(Clone, Debug)]
pub struct RequiredTags {
    keys: Vec<String>,
}

impl RequiredTags {
    /// Requires every key of `keys`.
    pub fn new<K: Into<String>>(keys: impl IntoIterator<Item = K>) -> RequiredTags {
        RequiredTags {
            keys: keys.into_iter().map(Into::into).collect(),
        }
    }
}

impl Rule for RequiredTags {
    fn name(&self) -> &'static str {
        "required-tags"
    }

    fn check(&self, r: &ResourceView<'_>, out: &mut Vec<Breach>) {
        let Some(have) = r.tag_keys() else { return };
        let missing: Vec<String> = self
            .keys
            .iter()
            .filter(|k| !have.contains(k))
            .map(|k| format!("`{k}`"))
            .collect();
        if missing.is_empty() {
            return;
        }
        let prop = match r.def().tagging {
            Tagging::List(p) | Tagging::Map(p) => p,
            Tagging::None => "Tags",
        };
        let has = if r.tags_computed() {
            "its tags are computed by an intrinsic function, so their keys cannot be checked".to_string()
        } else if have.is_empty() {
            "it has no tags".to_string()
        } else {
            format!(
                "it has {}",
                have.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            )
        };
        out.push(
            Breach::new(
                format!(
                    "the {} is missing the tag(s) {} ({has})",
                    r.type_name(),
                    missing.join(", ")
                ),
                format!(
                    "tag every resource at once with `stack.tag({}, value)`, or tag this one in its `{prop}`",
                    missing[0].replace('`', "\"")
                ),
            )
            .at(format!("Properties/{prop}")),
        );
    }
}

// ---- naming -----------------------------------------------------------------------------------

/// `naming`: every resource name a template sets (the property [`name_property`] finds:
/// `BucketName`, `GroupName`, `DBInstanceIdentifier`, …) contains a parameter, e.g. the
/// `EnvironmentSuffix` that keeps environments apart: a literal name, or an expression that does
/// not reference the parameter (in every branch of an `Fn::If`), breaks the rule. Resources that
/// set no name get one from CloudFormation (stack name + logical id) and pass.
///
/// ```
/// use cfn_model::prelude::*;
/// use cfn_emit::rules::Naming;
/// let mut s: Stack = Stack::new();
/// s.enforce(Naming::must_reference("EnvironmentSuffix"));
/// let suffix = s.parameter("EnvironmentSuffix", Parameter::string());
/// s.add("Alerts", RawResource::of("AWS::SNS::Topic").prop("TopicName", Value::<String>::sub([
///     SubPart::lit("alerts-"),
///     SubPart::val(suffix.value()),
/// ])));
/// s.add("Jobs", RawResource::of("AWS::SQS::Queue").prop("QueueName", "jobs"));
/// let d = cfn_emit::validate(&s);
/// assert_eq!(d.len(), 1);
/// assert_eq!((d[0].code, d[0].path.as_str()), ("naming", "Resources/Jobs/Properties/QueueName"));
/// ```
#[derive(Clone, Debug)]
pub struct Naming {
    parameter: String,
    overrides: Vec<(String, Option<String>)>,
}

impl Naming {
    /// Every name must reference the parameter `parameter` (`{"Ref": …}`, `${…}` in `Fn::Sub`).
    pub fn must_reference(parameter: impl Into<String>) -> Naming {
        Naming {
            parameter: parameter.into(),
            overrides: Vec::new(),
        }
    }

    /// Names `property` as the name of `type_name`'s resources (for types the built-in table
    /// gets wrong or does not know).
    pub fn name_property(mut self, type_name: impl Into<String>, property: impl Into<String>) -> Naming {
        self.overrides.push((type_name.into(), Some(property.into())));
        self
    }

    /// Does not check `type_name`'s resources.
    pub fn skip(mut self, type_name: impl Into<String>) -> Naming {
        self.overrides.push((type_name.into(), None));
        self
    }
}

/// True when `e` references `param` in every value it can take.
fn always_references(e: &Expr, param: &str) -> bool {
    match e.strip_after() {
        Expr::If(_, a, b) => [a, b]
            .iter()
            .all(|x| matches!(x.strip_after(), Expr::Ref(n) if &**n == "AWS::NoValue") || always_references(x, param)),
        other => {
            let mut found = false;
            other.mentions(&mut |m| {
                if m == Mention::Ref(param) {
                    found = true
                }
            });
            found
        }
    }
}

impl Rule for Naming {
    fn name(&self) -> &'static str {
        "naming"
    }

    fn check(&self, r: &ResourceView<'_>, out: &mut Vec<Breach>) {
        let present = |p: &str| r.property(p).is_some();
        let prop = match self.overrides.iter().rev().find(|(t, _)| t == r.type_name()) {
            Some((_, None)) => return,
            Some((_, Some(p))) => present(p).then(|| p.clone()),
            None => name_property(r.type_name(), present).map(|p| p.into_owned()),
        };
        let Some(prop) = prop else { return };
        let Some(value) = r.property(&prop) else { return };
        if always_references(value, &self.parameter) {
            return;
        }
        let declared = r.template().parameters.contains_key(self.parameter.as_str());
        let p = &self.parameter;
        out.push(
            Breach::new(
                format!(
                    "its name `{prop}` is {} and does not contain the parameter `{p}`",
                    shown(value)
                ),
                if declared {
                    format!(
                        "build the name with the parameter, e.g. `sub!(\"name-${{suffix}}\", suffix = &{})`",
                        heck_snake(p)
                    )
                } else {
                    format!("declare the parameter `{p}` in this stack and build the name with it")
                },
            )
            .at(format!("Properties/{prop}")),
        );
    }
}

/// `EnvironmentSuffix` → `environment_suffix`, for messages.
fn heck_snake(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

// ---- open ingress -----------------------------------------------------------------------------

/// `open-ingress`: no security-group ingress from anywhere (`0.0.0.0/0`, `::/0`, any `/0` block)
/// except TCP or UDP on the named ports. Checks the inline `SecurityGroupIngress` rules of
/// `AWS::EC2::SecurityGroup` and standalone `AWS::EC2::SecurityGroupIngress` resources; all
/// protocols (`-1`), ICMP, port ranges not wholly named and ports given by an intrinsic break it.
/// A CIDR given by an intrinsic (a parameter) is not known before deployment and is not checked.
///
/// ```
/// use cfn_model::prelude::*;
/// use cfn_emit::rules::NoOpenIngress;
/// let mut s: Stack = Stack::new();
/// s.enforce(NoOpenIngress::except_ports([443]));
/// s.add("Https", RawResource::new("AWS::EC2::SecurityGroupIngress", serde_json::json!({
///     "GroupId": "sg-123", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0",
/// })));
/// s.add("Ssh", RawResource::new("AWS::EC2::SecurityGroupIngress", serde_json::json!({
///     "GroupId": "sg-123", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0",
/// })));
/// let d = cfn_emit::validate(&s);
/// assert_eq!(d.len(), 1);
/// assert_eq!((d[0].code, d[0].path.as_str()), ("open-ingress", "Resources/Ssh/Properties"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct NoOpenIngress {
    ports: BTreeSet<i64>,
}

impl NoOpenIngress {
    /// No open ingress at all.
    pub fn new() -> NoOpenIngress {
        NoOpenIngress::default()
    }

    /// Open ingress only on these TCP/UDP ports (e.g. `[80, 443]` for a public load balancer).
    pub fn except_ports(ports: impl IntoIterator<Item = u16>) -> NoOpenIngress {
        NoOpenIngress {
            ports: ports.into_iter().map(i64::from).collect(),
        }
    }

    /// Why one ingress rule (an object of `IpProtocol`, `FromPort`, `ToPort`, `CidrIp`…) breaks
    /// the rule, if it does.
    fn problem(&self, fields: &[(std::borrow::Cow<'static, str>, Expr)]) -> Option<String> {
        let get = |k: &str| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.strip_after());
        let open = ["CidrIp", "CidrIpv6"]
            .into_iter()
            .filter_map(|k| get(k).and_then(|v| v.as_literal_str()).map(|c| (k, c)))
            .find(|(_, c)| c.trim().ends_with("/0"));
        let (cidr_key, cidr) = open?;
        let proto = match get("IpProtocol") {
            Some(Expr::Str(p)) => p.to_ascii_lowercase(),
            Some(Expr::Int(i)) => i.to_string(),
            Some(other) => return Some(format!("ingress from {cidr} with protocol {}", shown(other))),
            None => String::new(),
        };
        let proto = match proto.as_str() {
            "tcp" | "6" => "tcp",
            "udp" | "17" => "udp",
            "-1" | "all" => return Some(format!("ingress from {cidr} ({cidr_key}) on every protocol and port")),
            other => return Some(format!("ingress from {cidr} ({cidr_key}) on protocol `{other}`")),
        };
        let port = |k: &str| match get(k) {
            Some(Expr::Int(i)) => Some(*i),
            Some(Expr::Str(s)) => s.parse::<i64>().ok(),
            _ => None,
        };
        let (Some(from), Some(to)) = (port("FromPort"), port("ToPort")) else {
            return Some(format!(
                "ingress from {cidr} ({cidr_key}) over {proto} on ports not given as literals"
            ));
        };
        let (from, to) = if from < 0 || to < 0 { (0, 65535) } else { (from, to) };
        let all_named = from <= to && (to - from) < 65536 && (from..=to).all(|p| self.ports.contains(&p));
        if all_named {
            return None;
        }
        let range = if from == to {
            format!("port {from}")
        } else {
            format!("ports {from}-{to}")
        };
        Some(format!("ingress from {cidr} ({cidr_key}) over {proto} on {range}"))
    }

    fn allowed(&self) -> String {
        if self.ports.is_empty() {
            "no port may be open to the world".to_string()
        } else {
            format!(
                "only ports {} may be open to the world",
                self.ports.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
            )
        }
    }
}

impl Rule for NoOpenIngress {
    fn name(&self) -> &'static str {
        "open-ingress"
    }

    fn check(&self, r: &ResourceView<'_>, out: &mut Vec<Breach>) {
        let help = "narrow the CIDR to the peers that need access, or let groups talk with `stack.allow(&from, &to, Port::tcp(…))`";
        match r.type_name() {
            "AWS::EC2::SecurityGroupIngress" => {
                if let Some(p) = self.problem(r.properties()) {
                    out.push(Breach::new(format!("{p}; {}", self.allowed()), help).at("Properties"));
                }
            }
            "AWS::EC2::SecurityGroup" => {
                if let Some(Expr::List(rules)) = r.property("SecurityGroupIngress").map(Expr::strip_after) {
                    for (i, rule) in rules.iter().enumerate() {
                        if let Expr::Object(f) = rule.strip_after() {
                            if let Some(p) = self.problem(f) {
                                out.push(
                                    Breach::new(format!("{p}; {}", self.allowed()), help)
                                        .at(format!("Properties/SecurityGroupIngress/{i}")),
                                );
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

// ---- encryption at rest -----------------------------------------------------------------------

/// `encryption-at-rest`: the storage types of [`ENCRYPTION_COVERAGE`] turn encryption at rest on
/// (S3 `BucketEncryption`, RDS/DocDB/Neptune `StorageEncrypted`, EFS and EBS `Encrypted`,
/// DynamoDB `SSESpecification.SSEEnabled`, SQS `KmsMasterKeyId` or `SqsManagedSseEnabled`, SNS
/// `KmsMasterKeyId`, Kinesis `StreamEncryption`, ElastiCache, Redshift, OpenSearch). A flag
/// must be literally `true` (an `Fn::If` must be `true` on both branches); a flag read from a
/// parameter cannot be checked and breaks the rule.
///
/// ```
/// use cfn_model::prelude::*;
/// use cfn_emit::rules::EncryptionAtRest;
/// let mut s: Stack = Stack::new();
/// s.enforce(EncryptionAtRest::new());
/// let keep = Attributes::new().retain_data(Policy::Retain);
/// let fs = || RawResource::of("AWS::EFS::FileSystem");
/// s.add_with("Files", fs().prop("Encrypted", true), keep.clone());
/// s.add_with("Scratch", fs(), keep);
/// let d = cfn_emit::validate(&s);
/// assert_eq!(d.len(), 1);
/// assert_eq!((d[0].code, d[0].path.as_str()), ("encryption-at-rest", "Resources/Scratch/Properties/Encrypted"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct EncryptionAtRest {
    _private: (),
}

impl EncryptionAtRest {
    /// The rule over every type of [`ENCRYPTION_COVERAGE`].
    pub fn new() -> EncryptionAtRest {
        EncryptionAtRest::default()
    }
}

impl Rule for EncryptionAtRest {
    fn name(&self) -> &'static str {
        "encryption-at-rest"
    }

    fn check(&self, r: &ResourceView<'_>, out: &mut Vec<Breach>) {
        let Some((_, how)) = ENCRYPTION_COVERAGE.iter().find(|(t, _)| *t == r.type_name()) else {
            return;
        };
        if r.type_name() == "AWS::RDS::DBInstance" && r.property("DBClusterIdentifier").is_some() {
            return; // an Aurora instance: its cluster holds the storage
        }
        let ty = r.type_name();
        let found = |path: &str| match lookup(r, path) {
            Some(v) => format!("it is {}", shown(v)),
            None => "it is not set".to_string(),
        };
        let at = |path: &str| format!("Properties/{path}");
        match *how {
            Encryption::True(path) => {
                if !lookup(r, path).is_some_and(is_literally_true) {
                    out.push(
                        Breach::new(
                            format!(
                                "the {ty} is not encrypted at rest: `{path}` must be true, {}",
                                found(path)
                            ),
                            format!("set `{path}` to `true`"),
                        )
                        .at(at(path)),
                    );
                }
            }
            Encryption::Set(path) => {
                if lookup(r, path).is_none() {
                    out.push(
                        Breach::new(
                            format!("the {ty} is not encrypted at rest: `{path}` is not set"),
                            format!("set `{path}` (a KMS key or the service's managed encryption)"),
                        )
                        .at(at(path.split('/').next().unwrap_or(path))),
                    );
                }
            }
            Encryption::SetOrTrue(key, flag) => {
                if lookup(r, key).is_none() && !lookup(r, flag).is_some_and(is_literally_true) {
                    out.push(
                        Breach::new(
                            format!("the {ty} is not encrypted at rest: neither `{key}` is set nor `{flag}` is true"),
                            format!("set `{key}` to a KMS key, or `{flag}` to `true`"),
                        )
                        .at("Properties"),
                    );
                }
            }
        }
    }
}

// ---- deletion policies ------------------------------------------------------------------------

/// `deletion-policy`: every resource of a stateful type ([`stateful_resource_types`], cfn-lint's
/// list) sets both `DeletionPolicy` and `UpdateReplacePolicy`, so that removing or replacing it
/// is a decision, not CloudFormation's default (delete, data and all).
/// [`DeletionPolicies::forbid_delete`] also refuses `Delete` (except on nested stacks, whose
/// resources keep their own policies).
///
/// ```
/// use cfn_model::prelude::*;
/// use cfn_emit::rules::DeletionPolicies;
/// let mut s: Stack = Stack::new();
/// s.enforce(DeletionPolicies::stateful().forbid_delete());
/// s.add_with("Data", RawResource::of("AWS::SQS::Queue"), Attributes::new().retain_data(Policy::Retain));
/// s.add_with("Temp", RawResource::of("AWS::SQS::Queue"), Attributes::new().retain_data(Policy::Delete));
/// let d = cfn_emit::validate(&s);
/// assert_eq!(d.len(), 1);
/// assert_eq!((d[0].code, d[0].path.as_str()), ("deletion-policy", "Resources/Temp"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct DeletionPolicies {
    forbid_delete: bool,
    extra: Vec<String>,
}

impl DeletionPolicies {
    /// The rule over cfn-lint's stateful types.
    pub fn stateful() -> DeletionPolicies {
        DeletionPolicies::default()
    }

    /// Also refuses `Delete` as either policy: only `Retain`, `RetainExceptOnCreate` or
    /// `Snapshot` pass.
    pub fn forbid_delete(mut self) -> DeletionPolicies {
        self.forbid_delete = true;
        self
    }

    /// Treats `type_name` as stateful too.
    pub fn also(mut self, type_name: impl Into<String>) -> DeletionPolicies {
        self.extra.push(type_name.into());
        self
    }
}

impl Rule for DeletionPolicies {
    fn name(&self) -> &'static str {
        "deletion-policy"
    }

    fn check(&self, r: &ResourceView<'_>, out: &mut Vec<Breach>) {
        let ty = r.type_name();
        if !stateful_resource_types().contains(&ty) && !self.extra.iter().any(|t| t == ty) {
            return;
        }
        let d = r.def();
        let missing: Vec<&str> = [
            ("DeletionPolicy", d.deletion_policy),
            ("UpdateReplacePolicy", d.update_replace_policy),
        ]
        .into_iter()
        .filter(|(_, p)| p.is_none())
        .map(|(n, _)| n)
        .collect();
        let help = "add both with `stack.add_with(id, resource, Attributes::new().retain_data(Policy::Retain))` (or `Policy::Snapshot` where the type supports snapshots)";
        if !missing.is_empty() {
            out.push(Breach::new(
                format!(
                    "the stateful {ty} has no {}: CloudFormation deletes it, data and all, when it is removed or replaced",
                    missing.join(" or ")
                ),
                help,
            ));
            return;
        }
        if self.forbid_delete && ty != "AWS::CloudFormation::Stack" {
            let deleting: Vec<&str> = [
                ("DeletionPolicy", d.deletion_policy),
                ("UpdateReplacePolicy", d.update_replace_policy),
            ]
            .into_iter()
            .filter(|(_, p)| *p == Some(Policy::Delete))
            .map(|(n, _)| n)
            .collect();
            if !deleting.is_empty() {
                out.push(Breach::new(
                    format!(
                        "the stateful {ty} has {} `Delete`: its data goes when it is removed or replaced",
                        deleting.join(" and ")
                    ),
                    help,
                ));
            }
        }
    }
}
