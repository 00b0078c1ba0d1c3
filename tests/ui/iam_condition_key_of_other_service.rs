// An SQS statement cannot be conditioned on an S3 key (IAM would never match it).
use cfn::aws::{s3, sqs};
use cfn::model::policy::{Condition, Statement};
use cfn::prelude::*;

fn main() {
    let mut stack: Stack = Stack::new();
    let queue = stack.add("Jobs", sqs::Queue::new());
    let _ = Statement::allow(sqs::actions::SendMessage)
        .on(&queue)
        .when(Condition::string_equals(s3::conditions::x_amz_acl, ["private"]));
}
