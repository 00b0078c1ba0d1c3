//! Issue 4, failure 4: an ECS service load balancer naming a target group directly, so the
//! service may start before the listener that forwards to it exists. `LoadBalancer` takes only a
//! `ForwardedTargetGroupArn`; the fix is `let l = stack.listen("Http", &alb, &tg, 80, Protocol::Http)`
//! then `l.service_load_balancer("web", 80)` (or `.target_group_arn(l.target_group_arn())`).
use cfn::aws::ecs::service::LoadBalancer;
use cfn::aws::elasticloadbalancingv2 as elbv2;
use cfn::aws::ecs;
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    let tg = s.add("Web", elbv2::TargetGroup::new());
    let lb = LoadBalancer::new()
        .container_name("web")
        .container_port(80)
        .target_group_arn(tg.id());
    s.add("Service", ecs::Service::new().load_balancers([lb]));
}
