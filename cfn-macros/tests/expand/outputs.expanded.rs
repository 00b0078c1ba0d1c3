impl ::cfn::model::interface::Outputs for StorageOutputs {
    fn declare<S>(self, stack: &mut ::cfn::model::Stack<S>) {
        let _ = &stack;
        ::cfn::model::interface::OutputDecl::from_expr(
                "BucketArn",
                <Value<
                    String,
                > as ::cfn::model::interface::OutputField>::into_output(self.bucket_arn),
            )
            .description("The bucket's ARN.")
            .export([
                ::cfn::model::interface::sub_pseudo("AWS::StackName"),
                ::cfn::model::SubPart::lit("-BucketArn"),
            ])
            .declare(stack);
        ::cfn::model::interface::OutputDecl::from_expr(
                "Queues",
                <Value<
                    Vec<String>,
                > as ::cfn::model::interface::OutputField>::into_output(self.queue_urls),
            )
            .description("Queue URLs")
            .condition("IsProd")
            .declare(stack);
    }
    fn read(nested: &::cfn::model::Ident) -> Self {
        let _ = nested;
        StorageOutputs {
            bucket_arn: <Value<
                String,
            > as ::cfn::model::interface::OutputField>::read(nested, "BucketArn"),
            queue_urls: <Value<
                Vec<String>,
            > as ::cfn::model::interface::OutputField>::read(nested, "Queues"),
        }
    }
}
