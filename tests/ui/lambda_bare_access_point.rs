//! Issue 17: a Lambda function mounting EFS through an access point of a file system whose mount
//! targets may not exist yet ("you must also specify a DependsOn attribute to ensure that the
//! mount target is created or updated before the function"). `FileSystemConfig::new` takes only a
//! `MountedAccessPointArn`; the fix is `stack.mount(…)` then `mounted.access_point(…)`.
use cfn::aws::{efs, lambda};
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let fs = s.add("Data", efs::FileSystem::new());
    let ap = s.add("DataAccess", efs::AccessPoint::new(&fs));
    let _ = lambda::function::FileSystemConfig::new(ap.arn(), "/mnt/data");
}
