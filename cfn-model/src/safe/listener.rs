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
//! assert_eq!(http.listener().logical_id(), "HttpListener");
//! ```

use crate::aws::elasticloadbalancingv2::{listener, listener_rule, Listener, ListenerRule, LoadBalancer, TargetGroup};
use crate::expr::Ident;
use crate::stack::{Handle, Stack};
use crate::value::{ForwardedTargetGroupArn, Id, IntoValue, Value};

/// A target group that traffic reaches through `F`, a listener's default action
/// ([`Stack::listen`]) or a listener rule ([`Stack::forward_rule`]). Made by those constructs only
/// (private fields), so the evidence it yields always waits for the resource that forwards.
pub struct Listening<S, F = Listener> {
    forwarder: Handle<F, S>,
    target_group: Handle<TargetGroup, S>,
}

/// A target group a listener rule forwards to: made by [`Stack::forward_rule`].
pub type Forwarding<S> = Listening<S, ListenerRule>;

impl<S, F> Listening<S, F> {
    /// The target group traffic is forwarded to.
    pub fn target_group(&self) -> &Handle<TargetGroup, S> {
        &self.target_group
    }

    /// The ordering on the listener (or rule) forwarding to the target group, for [`Value::after`].
    pub fn ready(&self) -> Ident {
        self.forwarder.ready()
    }

    /// The target group's ARN (its `Ref`), usable only once traffic is forwarded to it: whatever
    /// holds it gets `DependsOn` on the listener or rule.
    pub fn target_group_arn(&self) -> Value<ForwardedTargetGroupArn> {
        self.target_group.id().cast_unchecked().after([self.forwarder.ready()])
    }
}

impl<S> Listening<S, Listener> {
    /// The listener.
    pub fn listener(&self) -> &Handle<Listener, S> {
        &self.forwarder
    }
}

impl<S> Listening<S, ListenerRule> {
    /// The listener rule.
    pub fn rule(&self) -> &Handle<ListenerRule, S> {
        &self.forwarder
    }
}

#[cfg(feature = "ecs")]
impl<S, F> Listening<S, F> {
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
            forwarder: self.add(id, l),
            target_group: target_group.clone(),
        }
    }

    /// Adds a listener rule `id` forwarding to `target_group` the requests that match
    /// `conditions`, at `priority`, on `listener`: a listener of this stack (`&http_listener`,
    /// `http.listener()`), or one received as a parameter (`&param`, an
    /// `AWS::ElasticLoadBalancingV2::Listener` ARN) or imported
    /// (`Value::<Id<Listener>>::import(…)`). The target group's ARN it yields waits for the rule.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::elasticloadbalancingv2 as elbv2;
    /// use elbv2::{listener_rule, Listener};
    ///
    /// let mut s: Stack = Stack::new();
    /// let shared = Value::<Id<Listener>>::import("shared-https-listener");
    /// let api = s.add("Api", elbv2::TargetGroup::new().port(80).protocol(elbv2::target_group::Protocol::Http));
    /// let condition = listener_rule::RuleCondition::new()
    ///     .field("path-pattern")
    ///     .path_pattern_config(listener_rule::PathPatternConfig::new().values(["/api/*".to_string()]));
    /// let routed = s.forward_rule("ApiRule", shared, &api, 10, [condition]);
    /// assert_eq!(routed.rule().logical_id(), "ApiRule");
    /// let waits = Value::<String>::from("api-alerts").after([routed.ready()]);
    /// s.add("Alerts", cfn_model::aws::sns::Topic::new().topic_name(waits));
    /// assert_eq!(&*s.template().resources["Alerts"].depends_on[0], "ApiRule");
    /// ```
    pub fn forward_rule(
        &mut self,
        id: &str,
        listener: impl IntoValue<Id<Listener>>,
        target_group: &Handle<TargetGroup, S>,
        priority: i64,
        conditions: impl IntoIterator<Item = listener_rule::RuleCondition>,
    ) -> Forwarding<S> {
        let forward = listener_rule::Action::new(listener_rule::Type::Forward).target_group_arn(target_group.id());
        let rule = ListenerRule::new([forward], conditions, priority).listener_arn(listener);
        Forwarding {
            forwarder: self.add(id, rule),
            target_group: target_group.clone(),
        }
    }
}
