use cfn::prelude::*;

fn main() {
    let _arn = sub!("arn:${AWS::Partition}:s3:::${bucket}/*");
}
