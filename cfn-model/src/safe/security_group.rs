//! Security groups that talk to each other without a dependency cycle.
//!
//! Inline rules (`SecurityGroupIngress`/`SecurityGroupEgress` inside `AWS::EC2::SecurityGroup`)
//! cannot name a group of this template, because two groups whose inline rules name each other
//! fail with "Circular dependency between resources": their group-id fields take only an
//! [`ExternalGroupId`], which a group from outside the template converts into (a
//! `Param<Id<ec2::SecurityGroup>>`, `Value::<ExternalGroupId>::import(…)`,
//! `ExternalGroupId::external("sg-…")`) and a handle or `group_id()` of this stack does not.
//! Group-to-group traffic within the template goes through [`Stack::allow`], which always emits
//! standalone `AWS::EC2::SecurityGroupEgress` and `AWS::EC2::SecurityGroupIngress` resources.
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::ec2;
//!
//! let mut s: Stack = Stack::new();
//! let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
//! let bastion = s.parameter("BastionSg", Parameter::<Id<ec2::SecurityGroup>>::of());
//! s.add(
//!     "AppSg",
//!     ec2::SecurityGroup::new("app").vpc_id(&vpc).security_group_ingress([
//!         ec2::security_group::Ingress::new("tcp").from_port(22).to_port(22).source_security_group_id(&bastion),
//!         ec2::security_group::Ingress::new("tcp")
//!             .from_port(443)
//!             .to_port(443)
//!             .source_security_group_id(Value::<ExternalGroupId>::import("Shared-LoadBalancerSg")),
//!     ]),
//! );
//! ```
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::ec2;
//! use cfn_model::safe::security_group::Port;
//!
//! let mut s: Stack = Stack::new();
//! let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
//! let app = s.add("AppSg", ec2::SecurityGroup::new("app").vpc_id(&vpc));
//! let db = s.add("DbSg", ec2::SecurityGroup::new("db").vpc_id(&vpc));
//! let rule = s.allow(&app, &db, Port::tcp(5432));
//! assert_eq!(rule.ingress.logical_id(), "AppSgToDbSgTcp5432Ingress");
//! assert_eq!(rule.egress.logical_id(), "AppSgToDbSgTcp5432Egress");
//! ```

use crate::aws::ec2::{security_group, SecurityGroup, SecurityGroupEgress, SecurityGroupIngress};
use crate::params::Param;
use crate::stack::{Handle, Stack};
use crate::value::{ExternalGroupId, Id, IntoExternalGroupId, IntoValue, Value};

/// A protocol and port range for [`Stack::allow`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Port {
    protocol: Protocol,
    from: u16,
    to: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Protocol {
    Tcp,
    Udp,
    All,
}

impl Port {
    /// One TCP port.
    pub const fn tcp(port: u16) -> Port {
        Port::tcp_range(port, port)
    }

    /// TCP ports `from..=to`.
    pub const fn tcp_range(from: u16, to: u16) -> Port {
        assert!(from <= to, "Port::tcp_range: `from` must not exceed `to`");
        Port {
            protocol: Protocol::Tcp,
            from,
            to,
        }
    }

    /// One UDP port.
    pub const fn udp(port: u16) -> Port {
        Port::udp_range(port, port)
    }

    /// UDP ports `from..=to`.
    pub const fn udp_range(from: u16, to: u16) -> Port {
        assert!(from <= to, "Port::udp_range: `from` must not exceed `to`");
        Port {
            protocol: Protocol::Udp,
            from,
            to,
        }
    }

    /// Every protocol and port (`IpProtocol: "-1"`).
    pub const fn all_traffic() -> Port {
        Port {
            protocol: Protocol::All,
            from: 0,
            to: 0,
        }
    }

    /// The part of a logical id naming this port: `Tcp443`, `Tcp8000To8080`, `AllTraffic`.
    pub fn id_part(&self) -> String {
        let proto = match self.protocol {
            Protocol::Tcp => "Tcp",
            Protocol::Udp => "Udp",
            Protocol::All => return "AllTraffic".to_string(),
        };
        if self.from == self.to {
            format!("{proto}{}", self.from)
        } else {
            format!("{proto}{}To{}", self.from, self.to)
        }
    }

    fn ip_protocol(&self) -> &'static str {
        match self.protocol {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::All => "-1",
        }
    }

    fn range(&self) -> Option<(i64, i64)> {
        match self.protocol {
            Protocol::All => None,
            _ => Some((self.from.into(), self.to.into())),
        }
    }

    /// An inline ingress rule from an IPv4 CIDR block (the only kind of peer inline rules take
    /// besides prefix lists).
    pub fn ingress_from_cidr(&self, cidr: impl IntoValue<String>) -> security_group::Ingress {
        let mut r = security_group::Ingress::new(self.ip_protocol()).cidr_ip(cidr);
        if let Some((f, t)) = self.range() {
            r = r.from_port(f).to_port(t);
        }
        r
    }

    /// An inline egress rule to an IPv4 CIDR block.
    pub fn egress_to_cidr(&self, cidr: impl IntoValue<String>) -> security_group::Egress {
        let mut r = security_group::Egress::new(self.ip_protocol()).cidr_ip(cidr);
        if let Some((f, t)) = self.range() {
            r = r.from_port(f).to_port(t);
        }
        r
    }
}

/// A security group already added to the stack `S`: its handle. [`Stack::allow`] takes only
/// this, so a rule can never name a group that does not exist yet.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a security group added to this stack",
    label = "expected the handle `stack.add(…)` returned for an `ec2::SecurityGroup`",
    note = "add the group first: `let db = stack.add(\"DbSg\", ec2::SecurityGroup::new(\"…\").vpc_id(&vpc));`",
    note = "then let two groups talk with `stack.allow(&from, &to, Port::tcp(5432))`: it emits standalone SecurityGroupEgress/Ingress resources, which cannot form a cycle"
)]
pub trait AddedSecurityGroup<S> {
    /// The handle.
    fn security_group(&self) -> &Handle<SecurityGroup, S>;
}

#[diagnostic::do_not_recommend]
impl<S> AddedSecurityGroup<S> for Handle<SecurityGroup, S> {
    fn security_group(&self) -> &Handle<SecurityGroup, S> {
        self
    }
}

/// The two rules [`Stack::allow`] adds.
pub struct Allowed<S> {
    /// The egress rule on the `from` group.
    pub egress: Handle<SecurityGroupEgress, S>,
    /// The ingress rule on the `to` group.
    pub ingress: Handle<SecurityGroupIngress, S>,
}

/// The logical ids of the two rules [`Stack::allow_named`] adds. A string converts into one:
/// `"WebToDb"` names them `WebToDbEgress` and `WebToDbIngress`.
///
/// ```
/// use cfn_model::safe::security_group::AllowIds;
/// assert_eq!(AllowIds::from("WebToDb"), AllowIds::new("WebToDbEgress", "WebToDbIngress"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowIds {
    /// The `AWS::EC2::SecurityGroupEgress`'s logical id.
    pub egress: String,
    /// The `AWS::EC2::SecurityGroupIngress`'s logical id.
    pub ingress: String,
}

impl AllowIds {
    /// Names the egress rule `egress` and the ingress rule `ingress`.
    pub fn new(egress: impl Into<String>, ingress: impl Into<String>) -> Self {
        AllowIds {
            egress: egress.into(),
            ingress: ingress.into(),
        }
    }
}

ids_from_base!(AllowIds, |id| AllowIds::new(
    format!("{id}Egress"),
    format!("{id}Ingress")
));

impl<S> Stack<S> {
    /// Lets `from` send `port` traffic to `to`: adds an `AWS::EC2::SecurityGroupEgress` on `from`
    /// (destination `to`) and an `AWS::EC2::SecurityGroupIngress` on `to` (source `from`), named
    /// `{From}To{To}{Port}Egress` / `…Ingress` after the groups' logical ids (name them yourself
    /// with [`Stack::allow_named`]). Standalone rules depend on both groups while neither group
    /// depends on them, so groups that talk both ways never form a cycle.
    pub fn allow(
        &mut self,
        from: &impl AddedSecurityGroup<S>,
        to: &impl AddedSecurityGroup<S>,
        port: Port,
    ) -> Allowed<S> {
        let (f, t) = (from.security_group(), to.security_group());
        let base = format!("{}To{}{}", f.logical_id(), t.logical_id(), port.id_part());
        self.allow_named(base, from, to, port)
    }

    /// [`Stack::allow`] with the rules' logical ids chosen by the caller: `ids` is a base id `id`
    /// (`{id}Egress` and `{id}Ingress`) or an [`AllowIds`] naming both, e.g. to keep the ids of a
    /// template being migrated.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::ec2;
    /// use cfn_model::safe::security_group::{AllowIds, Port};
    ///
    /// let mut s: Stack = Stack::new();
    /// let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    /// let app = s.add("AppSg", ec2::SecurityGroup::new("app").vpc_id(&vpc));
    /// let db = s.add("DbSg", ec2::SecurityGroup::new("db").vpc_id(&vpc));
    /// let rule = s.allow_named(AllowIds::new("AppToDbOut", "DbFromApp"), &app, &db, Port::tcp(5432));
    /// assert_eq!(rule.ingress.logical_id(), "DbFromApp");
    /// let short = s.allow_named("AppToDbHttps", &app, &db, Port::tcp(443));
    /// assert_eq!(short.egress.logical_id(), "AppToDbHttpsEgress");
    /// ```
    pub fn allow_named(
        &mut self,
        ids: impl Into<AllowIds>,
        from: &impl AddedSecurityGroup<S>,
        to: &impl AddedSecurityGroup<S>,
        port: Port,
    ) -> Allowed<S> {
        let ids = ids.into();
        let (from, to) = (from.security_group(), to.security_group());
        let description = format!("{} to {} {}", from.logical_id(), to.logical_id(), port.id_part());
        let from_id: crate::Value<Id<SecurityGroup>> = from.group_id();
        let to_id: crate::Value<Id<SecurityGroup>> = to.group_id();

        let mut egress = SecurityGroupEgress::new(from_id.clone(), port.ip_protocol())
            .destination_security_group_id(to_id.clone())
            .description(description.clone());
        let mut ingress = SecurityGroupIngress::new(port.ip_protocol())
            .group_id(to_id)
            .source_security_group_id(from_id)
            .description(description);
        if let Some((f, t)) = port.range() {
            egress = egress.from_port(f).to_port(t);
            ingress = ingress.from_port(f).to_port(t);
        }
        Allowed {
            egress: self.add(&ids.egress, egress),
            ingress: self.add(&ids.ingress, ingress),
        }
    }
}

// ---- inline rules naming a group from outside the template ------------------------------------

/// A security group this stack receives as a typed parameter comes from outside the template, so
/// an inline rule may name it: `Ingress::new("tcp").source_security_group_id(&bastion_sg)`.
#[diagnostic::do_not_recommend]
impl IntoExternalGroupId for &Param<Id<SecurityGroup>> {
    fn into_evidence(self) -> Value<ExternalGroupId> {
        self.value().cast_unchecked()
    }
}

/// [`IntoExternalGroupId`] for an owned parameter.
#[diagnostic::do_not_recommend]
impl IntoExternalGroupId for Param<Id<SecurityGroup>> {
    fn into_evidence(self) -> Value<ExternalGroupId> {
        (&self).into_evidence()
    }
}
