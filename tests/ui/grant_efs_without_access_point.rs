// An EFS grant goes through an access point: the file system itself is not one.
use cfn::aws::efs;
use cfn::prelude::*;

fn main() {
    let mut stack: Stack = Stack::new();
    let fs = stack.add("Files", efs::FileSystem::new().encrypted(true));
    let _ = fs.grant_read_write_via(&fs);
}
