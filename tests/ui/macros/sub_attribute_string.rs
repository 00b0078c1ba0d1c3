use cfn::prelude::*;

fn main() {
    let _arn = sub!("${Bucket.Arn}/*");
}
