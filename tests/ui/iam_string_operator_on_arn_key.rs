// `aws:SourceArn` holds an ARN: IAM compares it with the ARN operators (part by part, wildcards per
// part); `StringEquals` on it is the mismatch parliament reports. The message names `arn_equals`.
use cfn::aws::sqs;
use cfn::model::policy::{global, Condition, Principal, Statement};
use cfn::prelude::*;

fn main() {
    let mut stack: Stack = Stack::new();
    let queue = stack.add("Jobs", sqs::Queue::new());
    let _ = Statement::allow(sqs::actions::SendMessage)
        .on(&queue)
        .principal(Principal::service("sns.amazonaws.com"))
        .when(Condition::string_equals(
            global::SourceArn,
            ["arn:aws:sns:us-east-1:123456789012:alerts"],
        ));
}
