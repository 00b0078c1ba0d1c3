//! `secret_id!` takes a string literal only: a name held in a variable (which could come from a
//! parameter or user input) is not checked at compile time, so it is refused.
use cfn::prelude::*;

fn main() {
    let name = "app/db";
    let _ = DynamicRef::secrets_manager(secret_id!(name));
}
