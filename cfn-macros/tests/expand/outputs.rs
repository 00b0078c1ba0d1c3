#[derive(Outputs)]
pub struct StorageOutputs {
    /// The bucket's ARN.
    #[cfn(export = "${AWS::StackName}-BucketArn")]
    pub bucket_arn: Value<String>,
    #[cfn(name = "Queues", condition = "IsProd", description = "Queue URLs")]
    pub queue_urls: Value<Vec<String>>,
}
