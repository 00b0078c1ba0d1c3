//! ECS services behind a load balancer that start only once the listener forwarding to their
//! target group exists.
//!
//! [`Stack::listen`] adds an `AWS::ElasticLoadBalancingV2::Listener` whose default action forwards
//! to a target group and returns a [`Listening`]. Its [`Listening::target_group_arn`] is the only
//! way to get a `Value<ForwardedTargetGroupArn>`, which is what the generated ECS
//! `service::LoadBalancer::target_group_arn` takes (a generator patch): the target group's `Ref`
//! carrying the ordering on the listener. A service using it gets `DependsOn` on the listener;
//! passing the bare target group does not compile (ECS refuses a target group that no load
//! balancer forwards to yet).
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::elasticloadbalancingv2 as elbv2;
//! use elbv2::listener::Protocol;
//!
//! let mut s: Stack = Stack::new();
//! let lb = s.add("Alb", elbv2::LoadBalancer::new());
//! let tg = s.add(
//!     "Web",
//!     elbv2::TargetGroup::new().port(80).protocol(elbv2::target_group::Protocol::Http),
//! );
//! let http = s.listen("HttpListener", &lb, &tg, 80, Protocol::Http);
//! assert_eq!(http.listener.logical_id(), "HttpListener");
//! ```

use crate::aws::elasticloadbalancingv2::{listener, Listener, LoadBalancer, TargetGroup};
use crate::stack::{Handle, Stack};
use crate::value::{ForwardedTargetGroupArn, Value};

/// A listener forwarding to a target group: made by [`Stack::listen`].
pub struct Listening<S> {
    /// The listener.
    pub listener: Handle<Listener, S>,
    target_group: Handle<TargetGroup, S>,
}

impl<S> Listening<S> {
    /// The target group the listener forwards to.
    pub fn target_group(&self) -> &Handle<TargetGroup, S> {
        &self.target_group
    }

    /// The target group's ARN (its `Ref`), usable only once the listener exists: whatever holds
    /// it gets `DependsOn` on the listener.
    pub fn target_group_arn(&self) -> Value<ForwardedTargetGroupArn> {
        self.target_group.id().cast_unchecked().after([self.listener.ready()])
    }
}

#[cfg(feature = "ecs")]
impl<S> Listening<S> {
    /// An ECS service `LoadBalancers` entry sending this target group's traffic to
    /// `container_name` on `container_port`.
    pub fn service_load_balancer(
        &self,
        container_name: &str,
        container_port: u16,
    ) -> crate::aws::ecs::service::LoadBalancer {
        crate::aws::ecs::service::LoadBalancer::new()
            .container_name(container_name.to_string())
            .container_port(i64::from(container_port))
            .target_group_arn(self.target_group_arn())
    }
}

impl<S> Stack<S> {
    /// Adds a listener `id` on `load_balancer` (`port`, `protocol`) whose default action forwards
    /// to `target_group`.
    pub fn listen(
        &mut self,
        id: &str,
        load_balancer: &Handle<LoadBalancer, S>,
        target_group: &Handle<TargetGroup, S>,
        port: u16,
        protocol: listener::Protocol,
    ) -> Listening<S> {
        self.listen_with(id, load_balancer, target_group, |l| {
            l.port(i64::from(port)).protocol(protocol)
        })
    }

    /// [`Stack::listen`] with the listener's other properties (certificates, SSL policy, …) set by
    /// `configure`; the default action stays the forward to `target_group`.
    pub fn listen_with(
        &mut self,
        id: &str,
        load_balancer: &Handle<LoadBalancer, S>,
        target_group: &Handle<TargetGroup, S>,
        configure: impl FnOnce(Listener) -> Listener,
    ) -> Listening<S> {
        let forward = listener::Action::new(listener::Type::Forward).target_group_arn(target_group.id());
        let mut l = configure(Listener::new([], load_balancer.id()));
        l.default_actions = vec![forward];
        Listening {
            listener: self.add(id, l),
            target_group: target_group.clone(),
        }
    }
}
