//! Internet gateways that routes, NAT gateways and VPC Elastic IPs use only once attached.
//!
//! [`Stack::attach_internet_gateway`] adds an `AWS::EC2::InternetGateway` and its
//! `AWS::EC2::VPCGatewayAttachment` and returns an [`AttachedInternetGateway`]. Its
//! [`AttachedInternetGateway::gateway_id`] is the only way to get a `Value<AttachedGatewayId>`,
//! which is what the generated `ec2::Route::gateway_id` takes (a generator patch): the gateway's
//! `Ref` carrying the ordering on the attachment. Passing the bare gateway does not compile.
//! [`AttachedInternetGateway::eip`] and [`AttachedInternetGateway::nat_gateway`] build an Elastic
//! IP and a NAT gateway that wait for the attachment too.
//!
//! `Route.GatewayId` also takes virtual private gateways; for one of those write
//! `Value::from_expr(vgw.id().into_expr())` visibly, with the ordering on its own attachment.
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::ec2;
//!
//! let mut s: Stack = Stack::new();
//! let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
//! let igw = s.attach_internet_gateway("InternetGateway", &vpc);
//! let rt = s.add("PublicRoutes", ec2::RouteTable::new(&vpc));
//! s.add("DefaultRoute", ec2::Route::new(rt.id()).destination_cidr_block("0.0.0.0/0").gateway_id(igw.gateway_id()));
//! assert_eq!(&*s.template().resources["DefaultRoute"].depends_on[0], "InternetGatewayAttachment");
//! ```

use crate::aws::ec2::{Eip, InternetGateway, NatGateway, Subnet, Vpc, VpcGatewayAttachment};
use crate::expr::Ident;
use crate::stack::{Handle, Stack};
use crate::value::{AttachedGatewayId, Value};

/// An internet gateway attached to a VPC: made by [`Stack::attach_internet_gateway`].
pub struct AttachedInternetGateway<S> {
    /// The gateway.
    pub gateway: Handle<InternetGateway, S>,
    /// Its attachment to the VPC.
    pub attachment: Handle<VpcGatewayAttachment, S>,
}

impl<S> AttachedInternetGateway<S> {
    /// The gateway's id (its `Ref`), usable only once it is attached: a route holding it gets
    /// `DependsOn` on the attachment.
    pub fn gateway_id(&self) -> Value<AttachedGatewayId> {
        self.gateway.id().cast_unchecked().after([self.ready()])
    }

    /// The ordering on the attachment, for [`Value::after`].
    pub fn ready(&self) -> Ident {
        self.attachment.ready()
    }

    /// A VPC Elastic IP (`Domain: vpc`) that waits for the attachment.
    pub fn eip(&self) -> Eip {
        Eip::new().domain(Value::<String>::from("vpc").after([self.ready()]))
    }

    /// A public NAT gateway in `subnet` with the address of `eip`, waiting for the attachment.
    pub fn nat_gateway(&self, subnet: &Handle<Subnet, S>, eip: &Handle<Eip, S>) -> NatGateway {
        NatGateway::new()
            .subnet_id(subnet.id().after([self.ready()]))
            .allocation_id(eip.allocation_id())
    }
}

impl<S> Stack<S> {
    /// Adds an internet gateway `id` and its attachment `{id}Attachment` to `vpc`.
    pub fn attach_internet_gateway(&mut self, id: &str, vpc: &Handle<Vpc, S>) -> AttachedInternetGateway<S> {
        let gateway = self.add(id, InternetGateway::new());
        let attachment = self.add(
            &format!("{id}Attachment"),
            VpcGatewayAttachment::new(vpc).internet_gateway_id(gateway.id()),
        );
        AttachedInternetGateway { gateway, attachment }
    }
}
