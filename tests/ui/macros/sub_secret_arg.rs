use cfn::prelude::*;

fn main() {
    let password = DynamicRef::secrets_manager(secret_id!("app/db")).secret();
    let _url = sub!("postgres://app:${password}@db", password = password);
}
