//! Issue 4, failure 2's cousin: a database password in plain text. Password properties are
//! `Value<SecretString>`: only a secret dynamic reference (a literal-named secret, or a secret this
//! stack creates with `stack.add_named_secret`) or a `NoEcho` parameter yields one. Simpler still:
//! `.manage_master_user_password(true)` lets RDS create and rotate the secret.
use cfn::aws::rds;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    s.add(
        "Database",
        rds::DbInstance::new()
            .engine("postgres")
            .master_username("app")
            .master_user_password("hunter2"),
    );
}
