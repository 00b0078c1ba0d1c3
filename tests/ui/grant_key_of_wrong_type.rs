// `encrypted_with` takes the KMS key the resource is encrypted with: a bucket is no key.
use cfn::aws::{s3, sqs};
use cfn::prelude::*;

fn main() {
    let mut stack: Stack = Stack::new();
    let bucket = stack.add("Data", s3::Bucket::new());
    let queue = stack.add("Jobs", sqs::Queue::new());
    let _ = queue.grant_send().encrypted_with(&bucket);
}
