//! The fixed forms of the refused patterns compile (and emit a valid template).
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    // Created before it is referenced.
    let vpc = s.add("Vpc", RawResource::of("AWS::EC2::VPC").prop("CidrBlock", "10.0.0.0/16"));
    s.add(
        "WebSecurityGroup",
        RawResource::of("AWS::EC2::SecurityGroup")
            .prop("GroupDescription", "web")
            .prop("VpcId", vpc.id()),
    );
    // Literal ids, checked at compile time.
    let password = DynamicRef::secrets_manager(secret_id!("app/prod/db")).json_key("password");
    let endpoint = DynamicRef::ssm(ssm_name!("/app/prod/endpoint"));
    s.add(
        "Operator",
        RawResource::of("AWS::IAM::User").prop(
            "LoginProfile",
            cfn::model::Expr::Object(vec![("Password".into(), password.secret().into_expr())]),
        ),
    );
    s.add(
        "Endpoint",
        RawResource::of("AWS::SSM::Parameter")
            .prop("Type", "String")
            .prop("Value", Value::<String>::from(endpoint)),
    );
    // A secret this stack creates, named per environment: read through its handle.
    let secret = s.add(
        "DbSecret",
        cfn::aws::secretsmanager::Secret::new().generate_secret_string(
            cfn::aws::secretsmanager::secret::GenerateSecretString::new().generate_string_key("password"),
        ),
    );
    s.add(
        "Db",
        cfn::aws::rds::DbInstance::new()
            .engine("postgres")
            .master_username(secret.resolve_string("username"))
            .master_user_password(secret.resolve("password")),
    );
    assert!(cfn::to_json(&s).is_ok());
}
