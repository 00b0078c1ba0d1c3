//! A secret id assembled with `Fn::Sub` is refused the same way.
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let env = s.parameter("Environment", Parameter::string());
    let id = Value::<String>::sub([SubPart::lit("app/"), SubPart::val(env.value()), SubPart::lit("/db")]);
    let _ = DynamicRef::secrets_manager(id);
}
