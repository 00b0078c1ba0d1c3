use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let bucket = s.add("Bucket", RawResource::of("AWS::S3::Bucket"));
    let _arn = sub!("arn:${AWS::Partition}:s3:::${bucket}/*", bucket = &bucket, key = "x");
}
