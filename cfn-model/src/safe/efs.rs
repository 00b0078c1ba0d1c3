//! EFS file systems that ECS tasks mount only once every mount target exists.
//!
//! [`Stack::mount`] adds one `AWS::EFS::MountTarget` per subnet and returns a
//! [`MountedFileSystem`]. Its [`MountedFileSystem::filesystem_id`] is the only way to get a
//! `Value<MountedFileSystemId>`, which is what the generated ECS
//! `EfsVolumeConfiguration::new` takes (a generator patch): the file system's `Ref` carrying the
//! ordering on every mount target. The task definition that uses it gets `DependsOn` on all of
//! them, and every service running that task definition (it references the task definition) is
//! created after them. Passing the bare file system does not compile.
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::{ec2, ecs, efs};
//!
//! let mut s: Stack = Stack::new();
//! let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
//! let a = s.add("SubnetA", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24"));
//! let b = s.add("SubnetB", ec2::Subnet::new(&vpc).cidr_block("10.0.1.0/24"));
//! let sg = s.add("EfsSg", ec2::SecurityGroup::new("efs").vpc_id(&vpc));
//! let fs = s.add("Data", efs::FileSystem::new().encrypted(true));
//! let mounted = s.mount(&fs, &[&a, &b], &sg);
//! let td = s.add("Task", ecs::TaskDefinition::new().volumes([mounted.volume("data")]));
//! let deps = &s.template().resources["Task"].depends_on;
//! assert_eq!(deps.iter().map(|d| &**d).collect::<Vec<_>>(), ["DataMountTargetSubnetA", "DataMountTargetSubnetB"]);
//! ```
//!
//! # Across nested stacks
//!
//! A file system often lives in a storage stack while the tasks that mount it live in a compute
//! stack. The storage stack mounts it in subnets and behind a security group it receives as typed
//! parameters (`Param<Id<ec2::Subnet>>`, `Param<Id<ec2::SecurityGroup>>`), and returns
//! [`MountedFileSystem::filesystem_id`] as an output. A `Value<MountedFileSystemId>` can be a
//! nested-stack output and parameter, and nothing else converts into one, so a compute stack
//! declaring a `Value<MountedFileSystemId>` parameter can only be handed an id that came out of
//! `stack.mount`: the parent's `Fn::GetAtt Storage.Outputs.…` makes CloudFormation create the
//! compute stack after the whole storage stack, mount targets included (or, when the parent
//! mounted it itself, the nested stack gets `DependsOn` on the mount targets).
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::{ec2, efs};
//!
//! struct Storage;
//! let mut s: Stack<Storage> = Stack::new();
//! let a = s.parameter("PrivateSubnet1", Parameter::<Id<ec2::Subnet>>::of());
//! let b = s.parameter("PrivateSubnet2", Parameter::<Id<ec2::Subnet>>::of());
//! let sg = s.parameter("EfsSecurityGroup", Parameter::<Id<ec2::SecurityGroup>>::of());
//! let fs = s.add("Data", efs::FileSystem::new().encrypted(true));
//! let mounted = s.mount(&fs, &[&a, &b], &sg);
//! assert_eq!(mounted.mount_targets()[1].logical_id(), "DataMountTargetPrivateSubnet2");
//! ```

use crate::aws::ec2::{SecurityGroup, Subnet};
use crate::aws::efs::{AccessPoint, FileSystem, MountTarget};
use crate::interface::{OutputValue, ParamValue, Textual};
use crate::params::{Param, ParamType};
use crate::stack::{Handle, Stack};
use crate::value::{Id, MountedAccessPointArn, MountedFileSystemId, Value};

/// An EFS file system with a mount target in each of the given subnets: made by [`Stack::mount`].
pub struct MountedFileSystem<S> {
    file_system: Handle<FileSystem, S>,
    mount_targets: Vec<Handle<MountTarget, S>>,
}

impl<S> MountedFileSystem<S> {
    /// The file system.
    pub fn file_system(&self) -> &Handle<FileSystem, S> {
        &self.file_system
    }

    /// The mount targets, one per subnet, in the order given.
    pub fn mount_targets(&self) -> &[Handle<MountTarget, S>] {
        &self.mount_targets
    }

    /// The file system's id (its `Ref`), usable only once every mount target exists: whatever
    /// holds it gets `DependsOn` on all of them.
    pub fn filesystem_id(&self) -> Value<MountedFileSystemId> {
        self.file_system
            .id()
            .cast_unchecked()
            .after(self.mount_targets.iter().map(Handle::ready))
    }
}

impl<S> MountedFileSystem<S> {
    /// Adds an access point `id` on this file system (`customize` sets its root directory, POSIX
    /// user, tags, …; leave `FileSystemId` alone, it carries the ordering on the mount targets).
    /// Its [`MountedAccessPoint::arn`] is what Lambda functions' `FileSystemConfigs` take.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::{ec2, efs};
    ///
    /// let mut s: Stack = Stack::new();
    /// let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    /// let a = s.add("SubnetA", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24"));
    /// let sg = s.add("EfsSg", ec2::SecurityGroup::new("efs").vpc_id(&vpc));
    /// let fs = s.add("Data", efs::FileSystem::new());
    /// let mounted = s.mount(&fs, &[&a], &sg);
    /// let ap = mounted.access_point(&mut s, "DataAccess", |ap| ap);
    /// assert_eq!(ap.handle().logical_id(), "DataAccess");
    /// ```
    pub fn access_point(
        &self,
        stack: &mut Stack<S>,
        id: &str,
        customize: impl FnOnce(AccessPoint) -> AccessPoint,
    ) -> MountedAccessPoint<S> {
        let access_point = stack.add(
            id,
            customize(AccessPoint::new(
                self.filesystem_id().cast_unchecked::<Id<FileSystem>>(),
            )),
        );
        MountedAccessPoint {
            access_point,
            ready: self.mount_targets.iter().map(Handle::ready).collect(),
        }
    }
}

/// An EFS access point on a file system mounted by [`Stack::mount`]: made by
/// [`MountedFileSystem::access_point`] only (private fields).
pub struct MountedAccessPoint<S> {
    access_point: Handle<AccessPoint, S>,
    ready: Vec<crate::expr::Ident>,
}

impl<S> MountedAccessPoint<S> {
    /// The access point.
    pub fn handle(&self) -> &Handle<AccessPoint, S> {
        &self.access_point
    }

    /// The access point's ARN, usable only once every mount target of its file system exists:
    /// whatever holds it (a Lambda function's `FileSystemConfigs`) gets `DependsOn` on all of them.
    pub fn arn(&self) -> Value<MountedAccessPointArn> {
        self.access_point
            .arn()
            .cast_unchecked()
            .after(self.ready.iter().cloned())
    }
}

#[cfg(feature = "lambda")]
impl<S> MountedAccessPoint<S> {
    /// A Lambda function's `FileSystemConfigs` entry mounting this access point at
    /// `local_mount_path` (`/mnt/…`).
    pub fn lambda_file_system(&self, local_mount_path: &str) -> crate::aws::lambda::function::FileSystemConfig {
        crate::aws::lambda::function::FileSystemConfig::new(self.arn(), local_mount_path.to_string())
    }
}

#[cfg(feature = "ecs")]
impl<S> MountedFileSystem<S> {
    /// An ECS task-definition volume named `name` on this file system, with transit encryption.
    /// Refer to it from a container's `MountPoint::source_volume(name)`.
    pub fn volume(&self, name: &str) -> crate::aws::ecs::task_definition::Volume {
        use crate::aws::ecs::task_definition::{EfsVolumeConfiguration, TransitEncryption, Volume};
        Volume::new().name(name.to_string()).efs_volume_configuration(
            EfsVolumeConfiguration::new(self.filesystem_id()).transit_encryption(TransitEncryption::Enabled),
        )
    }
}

/// A subnet [`Stack::mount`] can put a mount target in: the handle of a subnet added to this
/// stack, or a subnet this stack receives as a typed parameter (`Param<Id<ec2::Subnet>>`, an
/// `AWS::EC2::Subnet::Id` that CloudFormation checks exists before it creates anything). Its
/// logical id or parameter name ends the mount target's logical id.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a subnet `stack.mount` can put a mount target in",
    label = "expected a subnet handle of this stack or a `Param<Id<ec2::Subnet>>`",
    note = "add the subnet first (`let a = stack.add(\"PrivateSubnet1\", ec2::Subnet::new(&vpc)…)`), or in a nested stack declare it as a parameter field `Param<Id<ec2::Subnet>>`"
)]
pub trait MountSubnet<S> {
    /// The subnet's id.
    fn subnet_id(&self) -> Value<Id<Subnet>>;
    /// The handle's logical id or the parameter's name.
    fn subnet_name(&self) -> &str;
}

#[diagnostic::do_not_recommend]
impl<S> MountSubnet<S> for Handle<Subnet, S> {
    fn subnet_id(&self) -> Value<Id<Subnet>> {
        self.id()
    }
    fn subnet_name(&self) -> &str {
        self.logical_id()
    }
}

#[diagnostic::do_not_recommend]
impl<S> MountSubnet<S> for Param<Id<Subnet>> {
    fn subnet_id(&self) -> Value<Id<Subnet>> {
        self.value()
    }
    fn subnet_name(&self) -> &str {
        self.name()
    }
}

/// The security group guarding [`Stack::mount`]'s mount targets: the handle of a group added to
/// this stack, or a group this stack receives as a typed parameter
/// (`Param<Id<ec2::SecurityGroup>>`), e.g. from the stack that holds the group and its
/// `stack.allow` rules.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a security group `stack.mount` can use",
    label = "expected a security-group handle of this stack or a `Param<Id<ec2::SecurityGroup>>`",
    note = "add the group first (`let efs_sg = stack.add(\"EfsSg\", ec2::SecurityGroup::new(\"…\").vpc_id(&vpc))`), or in a nested stack declare it as a parameter field `Param<Id<ec2::SecurityGroup>>`"
)]
pub trait MountSecurityGroup<S> {
    /// The group's id.
    fn mount_group_id(&self) -> Value<Id<SecurityGroup>>;
}

#[diagnostic::do_not_recommend]
impl<S> MountSecurityGroup<S> for Handle<SecurityGroup, S> {
    fn mount_group_id(&self) -> Value<Id<SecurityGroup>> {
        self.group_id()
    }
}

#[diagnostic::do_not_recommend]
impl<S> MountSecurityGroup<S> for Param<Id<SecurityGroup>> {
    fn mount_group_id(&self) -> Value<Id<SecurityGroup>> {
        self.value()
    }
}

impl<S> Stack<S> {
    /// Adds one `AWS::EFS::MountTarget` of `fs` per subnet (logical id
    /// `{FileSystem}MountTarget{Subnet}`, after the subnet's logical id or parameter name; name
    /// them yourself with [`Stack::mount_named`]), guarded by `security_group`, and returns the
    /// mounted file system that ECS EFS volumes require.
    pub fn mount<N: MountSubnet<S>>(
        &mut self,
        fs: &Handle<FileSystem, S>,
        subnets: &[&N],
        security_group: &impl MountSecurityGroup<S>,
    ) -> MountedFileSystem<S> {
        let named: Vec<(String, &N)> = subnets
            .iter()
            .map(|subnet| {
                (
                    format!("{}MountTarget{}", fs.logical_id(), subnet.subnet_name()),
                    *subnet,
                )
            })
            .collect();
        let named: Vec<(&str, &N)> = named.iter().map(|(id, subnet)| (id.as_str(), *subnet)).collect();
        self.mount_named(fs, &named, security_group)
    }

    /// [`Stack::mount`] with each mount target's logical id chosen by the caller: `subnets` pairs
    /// every subnet with the id of its mount target (e.g. to keep the ids of a template being
    /// migrated).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::{ec2, efs};
    ///
    /// let mut s: Stack = Stack::new();
    /// let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    /// let a = s.add("SubnetA", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24"));
    /// let b = s.add("SubnetB", ec2::Subnet::new(&vpc).cidr_block("10.0.1.0/24"));
    /// let sg = s.add("EfsSg", ec2::SecurityGroup::new("efs").vpc_id(&vpc));
    /// let fs = s.add("Data", efs::FileSystem::new().encrypted(true));
    /// let mounted = s.mount_named(&fs, &[("MountTargetA", &a), ("MountTargetB", &b)], &sg);
    /// assert_eq!(mounted.mount_targets()[1].logical_id(), "MountTargetB");
    /// ```
    pub fn mount_named<N: MountSubnet<S>>(
        &mut self,
        fs: &Handle<FileSystem, S>,
        subnets: &[(&str, &N)],
        security_group: &impl MountSecurityGroup<S>,
    ) -> MountedFileSystem<S> {
        let sg = security_group.mount_group_id();
        let mount_targets = subnets
            .iter()
            .map(|(id, subnet)| self.add(id, MountTarget::new(fs, [sg.clone()], subnet.subnet_id())))
            .collect();
        MountedFileSystem {
            file_system: fs.clone(),
            mount_targets,
        }
    }
}

// ---- across nested stacks ----------------------------------------------------------------------

/// A `Value<MountedFileSystemId>` parameter (a `String` holding `fs-…`): only a parent holding a
/// mounted id (a storage stack's output, or `stack.mount`) can pass one.
impl ParamType for MountedFileSystemId {
    type Value = MountedFileSystemId;
    const TYPE: &'static str = "String";
}

/// Passed to a nested stack as the id itself; the ordering travels with the `Fn::GetAtt` of the
/// stack that mounted it (or as `DependsOn` on the mount targets when the parent mounted it).
impl ParamValue for MountedFileSystemId {}

/// A mounted id as a stack output: a parent reads it back as a `Value<MountedFileSystemId>` whose
/// `Fn::GetAtt` makes every user wait for the whole stack, mount targets included.
#[diagnostic::do_not_recommend]
impl OutputValue for MountedFileSystemId {}

/// `pattern = "^fs-[0-9a-f]{8,40}$"` and lengths apply to the parameter.
#[diagnostic::do_not_recommend]
impl Textual for MountedFileSystemId {}
