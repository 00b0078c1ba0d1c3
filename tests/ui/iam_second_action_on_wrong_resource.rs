// A second action must act on the statement's resource type: `s3:ListBucket` does not act on objects.
use cfn::aws::s3;
use cfn::model::policy::Statement;
use cfn::prelude::*;

fn main() {
    let mut stack: Stack = Stack::new();
    let bucket = stack.add("Data", s3::Bucket::new());
    let _ = Statement::allow(s3::actions::GetObject)
        .on(bucket.objects_arn())
        .action(s3::actions::ListBucket);
}
