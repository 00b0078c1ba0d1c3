//! A reference to any of several types: an SNS topic's `KmsMasterKeyId` takes a KMS key's id or
//! ARN or an alias; a bucket does not compile, and the message lists what it takes.
use cfn::aws::{s3, sns};
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let bucket = s.add("Bucket", s3::Bucket::new());
    s.add("Topic", sns::Topic::new().kms_master_key_id(&bucket));
}
