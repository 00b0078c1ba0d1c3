sub!("arn:${AWS::Partition}:s3:::${bucket}/${!Literal}/${bucket}-${name}", bucket = handle.id());
