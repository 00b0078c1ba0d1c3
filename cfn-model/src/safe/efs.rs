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

use crate::aws::ec2::Subnet;
use crate::aws::efs::{FileSystem, MountTarget};
use crate::safe::security_group::AddedSecurityGroup;
use crate::stack::{Handle, Stack};
use crate::value::{MountedFileSystemId, Value};

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

impl<S> Stack<S> {
    /// Adds one `AWS::EFS::MountTarget` of `fs` per subnet (logical id
    /// `{FileSystem}MountTarget{Subnet}`), guarded by `security_group`, and returns the mounted
    /// file system that ECS EFS volumes require.
    pub fn mount(
        &mut self,
        fs: &Handle<FileSystem, S>,
        subnets: &[&Handle<Subnet, S>],
        security_group: &impl AddedSecurityGroup<S>,
    ) -> MountedFileSystem<S> {
        let sg = security_group.security_group();
        let mount_targets = subnets
            .iter()
            .map(|subnet| {
                let id = format!("{}MountTarget{}", fs.logical_id(), subnet.logical_id());
                let fs_id: Value<String> = fs.id().into();
                self.add(&id, MountTarget::new(fs_id, [sg.group_id()], *subnet))
            })
            .collect();
        MountedFileSystem {
            file_system: fs.clone(),
            mount_targets,
        }
    }
}
