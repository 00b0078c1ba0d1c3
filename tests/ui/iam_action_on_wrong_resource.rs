// `s3:GetObject` acts on objects, not on the bucket: the message names the objects' ARN method.
use cfn::aws::s3;
use cfn::model::policy::Statement;
use cfn::prelude::*;

fn main() {
    let mut stack: Stack = Stack::new();
    let bucket = stack.add("Data", s3::Bucket::new());
    let _ = Statement::allow(s3::actions::GetObject).on(&bucket);
}
