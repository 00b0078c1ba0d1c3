//! A reference through an attribute: a task definition's `ExecutionRoleArn` takes the role's ARN
//! (`role.arn()`, its `Fn::GetAtt`), not its `Ref` (the role's name).
use cfn::aws::{ecs, iam};
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let role = s.add("ExecutionRole", iam::Role::new(serde_json::json!({})));
    s.add("Task", ecs::TaskDefinition::new().execution_role_arn(&role));
}
