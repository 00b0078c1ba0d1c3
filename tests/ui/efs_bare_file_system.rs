//! Issue 4, failure 3: an ECS task-definition EFS volume on the bare file system, which lets the
//! service start before the mount targets exist. `EfsVolumeConfiguration` takes only a
//! `MountedFileSystemId`; the fix is `let m = stack.mount(&fs, &[&a, &b], &sg)` then
//! `m.volume("data")` (or `EfsVolumeConfiguration::new(m.filesystem_id())`).
use cfn::aws::ecs::task_definition::{EfsVolumeConfiguration, Volume};
use cfn::aws::{ecs, efs};
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let fs = s.add("Data", efs::FileSystem::new());
    let volume = Volume::new()
        .name("data")
        .efs_volume_configuration(EfsVolumeConfiguration::new(fs.id()));
    s.add("Task", ecs::TaskDefinition::new().volumes([volume]));
}
