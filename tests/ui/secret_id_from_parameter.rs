//! The failure of the second report: a secret id taken from a parameter. CloudFormation resolves
//! `{{resolve:secretsmanager:…}}` before it substitutes parameters, so this cannot work.
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let name = s.parameter("DBSecretName", Parameter::string());
    let _ = DynamicRef::secrets_manager(name.value()).json_key("password");
}
