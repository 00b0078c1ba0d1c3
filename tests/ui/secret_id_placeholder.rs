//! A literal secret id is checked at compile time: a `${…}` placeholder in it is an error.
use cfn::prelude::*;

fn main() {
    let _ = DynamicRef::secrets_manager(secret_id!("app/${Environment}/db"));
}
