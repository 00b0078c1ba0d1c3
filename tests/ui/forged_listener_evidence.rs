//! Issue 17: evidence cannot be forged. A `Listening` pairs a target group with the listener (or
//! listener rule) that forwards to it; its fields are private, so a service cannot claim a
//! listener that forwards elsewhere. The fix is `let http = stack.listen(…)` or
//! `stack.forward_rule(…)`.
use cfn::aws::elasticloadbalancingv2 as elbv2;
use cfn::model::safe::listener::Listening;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let lb = s.add("Alb", elbv2::LoadBalancer::new());
    let tg = s.add("Web", elbv2::TargetGroup::new());
    let listener = s.add("Other", elbv2::Listener::new([], lb.id()));
    let forged: Listening<_> = Listening { forwarder: listener, target_group: tg };
    let _ = forged.target_group_arn();
}
