//! A schema enum takes its variant, not a string: the message names the enum's full path.
use cfn::aws::elasticloadbalancingv2 as elbv2;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let lb = s.add("Lb", elbv2::LoadBalancer::new());
    s.add("Listener", elbv2::Listener::new([], &lb).protocol("HTTP"));
}
