//! A secret named by a value of another stack (`Fn::ImportValue`) is known only at deploy time:
//! refused like a parameter. Pass the secret's ARN to ECS instead, or create the secret here.
use cfn::prelude::*;

fn main() {
    let name = Value::<String>::import("shared-db-secret-name");
    let _ = DynamicRef::secrets_manager(name).json_key("password");
}
