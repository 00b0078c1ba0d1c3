use cfn::prelude::*;

fn main() {
    let _arn = sub!("arn:${AWS::Partiton}:s3:::my-bucket/*");
}
