//! Actions, their access levels and the resource types they act on: the types the generated
//! constants (`cfn_model::aws::<service>::actions::…`) are made of, and the compile-time check
//! that an action is given only resources it acts on.

use std::fmt;
use std::marker::PhantomData;

/// The access level AWS's service authorization reference gives an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccessLevel {
    /// Lists resources (`s3:ListBucket`).
    List,
    /// Reads resources (`s3:GetObject`).
    Read,
    /// Creates, changes or deletes resources (`s3:PutObject`).
    Write,
    /// Changes who may do what (`iam:PutRolePolicy`, `s3:PutBucketPolicy`).
    PermissionsManagement,
    /// Changes tags (`s3:PutObjectTagging`).
    Tagging,
}

impl AccessLevel {
    /// The level as the reference spells it (`"Permissions management"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
        }
    }

    /// The level the reference spells `s` (`"Permissions management"`), if any.
    pub fn parse(s: &str) -> Option<AccessLevel> {
        [
            AccessLevel::List,
            AccessLevel::Read,
            AccessLevel::Write,
            AccessLevel::PermissionsManagement,
            AccessLevel::Tagging,
        ]
        .into_iter()
        .find(|l| l.as_str() == s)
    }
}

impl fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the data says of one action, at run time: its full name, access level and the IAM
/// resource types it acts on (empty: it acts on no resource type and takes `"Resource": "*"`).
///
/// Each generated service module lists every action of its prefix in `actions::ALL`, the data
/// grants compute their action lists from (see [`actions_at`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionInfo {
    /// `s3:GetObject`, with the reference's exact casing.
    pub name: &'static str,
    /// Its access level.
    pub level: AccessLevel,
    /// The IAM resource types it acts on, by their names in the reference (`object`,
    /// `accesspointobject`).
    pub resource_types: &'static [&'static str],
}

impl ActionInfo {
    /// The service prefix (`s3`).
    pub fn prefix(&self) -> &'static str {
        self.name.split_once(':').map_or(self.name, |(p, _)| p)
    }

    /// The action's name without its prefix (`GetObject`).
    pub fn action(&self) -> &'static str {
        self.name.split_once(':').map_or(self.name, |(_, a)| a)
    }
}

/// The actions of `all` (a generated `actions::ALL`) at access level `level`, for grants:
///
/// ```
/// use cfn_model::policy::{actions_at, AccessLevel};
/// use cfn_model::aws::sqs;
/// let reads: Vec<&str> = actions_at(sqs::actions::ALL, AccessLevel::Read).map(|a| a.name).collect();
/// assert!(reads.contains(&"sqs:ReceiveMessage"));
/// ```
pub fn actions_at(all: &'static [ActionInfo], level: AccessLevel) -> impl Iterator<Item = &'static ActionInfo> {
    all.iter().filter(move |a| a.level == level)
}

/// One IAM action of service `S`, acting on the IAM resource types listed in `Rs` (a tuple of
/// resource-type markers, `(s3::arns::Object, s3::arns::Accesspointobject)`; `()` for an action
/// that acts on no resource type). Every action of the data is a generated constant:
/// `cfn_model::aws::s3::actions::GetObject`.
///
/// ```
/// use cfn_model::policy::AccessLevel;
/// use cfn_model::aws::s3;
/// assert_eq!(s3::actions::GetObject.name(), "s3:GetObject");
/// assert_eq!(s3::actions::GetObject.access_level(), AccessLevel::Read);
/// ```
pub struct Action<S, Rs> {
    info: &'static ActionInfo,
    _p: PhantomData<fn() -> (S, Rs)>,
}

impl<S, Rs> Clone for Action<S, Rs> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S, Rs> Copy for Action<S, Rs> {}

impl<S, Rs> fmt::Debug for Action<S, Rs> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Action({})", self.info.name)
    }
}

impl<S, Rs> Action<S, Rs> {
    /// The action the data describes in `info` (generated code writes these; the types `S` and
    /// `Rs` must be the ones `info` names).
    pub const fn from_info(info: &'static ActionInfo) -> Self {
        Action { info, _p: PhantomData }
    }

    /// `s3:GetObject`.
    pub const fn name(&self) -> &'static str {
        self.info.name
    }

    /// The action's access level.
    pub const fn access_level(&self) -> AccessLevel {
        self.info.level
    }

    /// What the data says of the action.
    pub const fn info(&self) -> &'static ActionInfo {
        self.info
    }
}

/// An IAM service prefix: a marker generated in each service's `actions` module
/// (`cfn_model::aws::s3::actions::Service`).
pub trait IamService {
    /// `s3`.
    const PREFIX: &'static str;
}

/// An IAM resource type: a marker generated in each service's `arns` module
/// (`cfn_model::aws::s3::arns::Object`).
pub trait ResourceType {
    /// The service it belongs to.
    type Service;
    /// Its name in the reference (`object`).
    const NAME: &'static str;
    /// Its ARN format (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`).
    const ARN_FORMAT: &'static str;
}

/// The position of a resource type in an action's list (inferred; never written).
pub struct At<const N: usize>;
/// A position past the eleventh, in the nested tail of a long list (inferred; never written).
pub struct Further<I>(PhantomData<I>);

/// `Self`, an action's list of resource types, holds `K`. Implemented for tuples of up to twelve
/// markers (a longer list nests its tail in the twelfth place); the index `I` is inferred.
#[diagnostic::on_unimplemented(
    message = "this action does not act on the IAM resource type `{K}`",
    label = "an ARN of the wrong resource type for this action",
    note = "the action acts on: `{Self}` (`()`: on no resource type, so only `.on_all_resources()`)",
    note = "handles give the ARNs IAM speaks of: `.on(&bucket)` (the bucket), `.on(bucket.objects_arn())` or `.on(bucket.arn_for_objects(\"logs/*\"))` (its objects), `table.indexes_arn()` (a table's indexes), `log_group.streams_arn()` (a log group's streams), `&secret`, `&queue`, `&key`, …; an ARN made elsewhere is `ResourceArn::<service::arns::Type>::external(\"arn:…\")`",
    note = "actions on different resource types go in separate statements (`PolicyDocument::new().statement(…).statement(…)`)"
)]
pub trait ActsOn<K, I> {}

/// `Self`, an action's list of resource types, is empty: the action acts on no resource type,
/// so `"Resource": "*"` is what it takes.
#[diagnostic::on_unimplemented(
    message = "this action acts on specific resources (`{Self}`), not on `*`",
    label = "`*` would grant it on every such resource of the account",
    note = "name the resources: `.on(&bucket)`, `.on(bucket.objects_arn())`, `.on(ResourceArn::<…>::external(\"arn:…\"))`",
    note = "to grant it on every resource anyway, write `.on_all_resources_unchecked()`: visible in review, and `validate` warns on write and permissions-management actions there"
)]
pub trait NoResourceType {}
impl NoResourceType for () {}

// Written out: positions of every arity from 1 to 12.
macro_rules! all_arities {
    ($( [$($t:ident)*] )*) => { $( all_arities!(@one [] [$($t)*]); )* };
    (@one [$($b:ident)*] []) => {};
    (@one [$($b:ident)*] [$c:ident $($a:ident)*]) => {
        impl<K, $($b,)* $($a,)*> ActsOn<K, At<{ all_arities!(@count $($b)*) }>> for ($($b,)* K, $($a,)*) {}
        all_arities!(@one [$($b)* $c] [$($a)*]);
    };
    (@count) => { 0 };
    (@count $x:ident $($xs:ident)*) => { 1 + all_arities!(@count $($xs)*) };
}

all_arities! {
    [A1]
    [A1 A2]
    [A1 A2 A3]
    [A1 A2 A3 A4]
    [A1 A2 A3 A4 A5]
    [A1 A2 A3 A4 A5 A6]
    [A1 A2 A3 A4 A5 A6 A7]
    [A1 A2 A3 A4 A5 A6 A7 A8]
    [A1 A2 A3 A4 A5 A6 A7 A8 A9]
    [A1 A2 A3 A4 A5 A6 A7 A8 A9 A10]
    [A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11]
    [A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 A11 A12]
}

/// A list longer than twelve: eleven markers, then a tuple holding the rest.
impl<K, I, A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, Rest: ActsOn<K, I>> ActsOn<K, Further<I>>
    for (A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, Rest)
{
}
