use cfn::prelude::*;

fn main() {
    let _url = sub!("postgres://{{resolve:secretsmanager:${env}/db:SecretString:username}}@db", env = "prod");
}
