//! An SSM parameter name taken from a template parameter is refused.
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let name = s.parameter("EndpointParameter", Parameter::string());
    let _ = DynamicRef::ssm(name);
}
