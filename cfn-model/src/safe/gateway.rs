//! Internet gateways that routes, NAT gateways and VPC Elastic IPs use only once attached.
//!
//! [`Stack::attach_internet_gateway`] adds an `AWS::EC2::InternetGateway` and its
//! `AWS::EC2::VPCGatewayAttachment` and returns an [`AttachedInternetGateway`]. Its
//! [`AttachedInternetGateway::gateway_id`] is the only way to get a `Value<AttachedGatewayId>`,
//! which is what the generated `ec2::Route::gateway_id` takes (a generator patch): the gateway's
//! `Ref` carrying the ordering on the attachment. Passing the bare gateway does not compile.
//! [`Stack::nat_gateway`] adds a public NAT gateway and its Elastic IP, both waiting for the
//! attachment; the generated `ec2::NatGateway::allocation_id` takes only the
//! `Value<AttachedAllocationId>` it yields, so a NAT gateway on a bare Elastic IP does not compile.
//! [`AttachedInternetGateway::eip`] builds a VPC Elastic IP for other uses that waits too.
//!
//! `Route.GatewayId` also takes virtual private gateways: [`Stack::attach_vpn_gateway`] adds one
//! and its attachment, and [`AttachedVpnGateway::gateway_id`] yields the same
//! `Value<AttachedGatewayId>`, waiting for that attachment (a route to a detached VPN gateway fails
//! the same way). Route propagation (`AWS::EC2::VPNGatewayRoutePropagation`) takes its
//! [`AttachedVpnGateway::vpn_gateway_id`], a `Value<AttachedVpnGatewayId>` that waits for the
//! same attachment.
//!
//! `Route.TransitGatewayId` takes only the `Value<AttachedTransitGatewayId>` of
//! [`Stack::attach_transit_gateway`], which adds the `AWS::EC2::TransitGatewayAttachment` of a
//! transit gateway (of this stack, a parameter or shared from another account) to the VPC.
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
//!
//! let public = s.add("PublicSubnet", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24"));
//! let nat = s.nat_gateway("Nat", &igw, &public);
//! let private_rt = s.add("PrivateRoutes", ec2::RouteTable::new(&vpc));
//! s.add("PrivateDefaultRoute", ec2::Route::new(private_rt.id()).destination_cidr_block("0.0.0.0/0").nat_gateway_id(nat.gateway().id()));
//! for id in ["NatAddress", "Nat"] {
//!     assert_eq!(&*s.template().resources[id].depends_on[0], "InternetGatewayAttachment");
//! }
//! ```
//!
//! # Logical ids
//!
//! The string these constructs take is the short form: `"InternetGateway"` adds
//! `InternetGateway` and `InternetGatewayAttachment`, `"Nat"` adds `Nat` and `NatAddress`. A
//! template whose ids must be kept (a migrated stack, whose resources would be replaced under new
//! ids) names each resource with [`GatewayIds`] and [`NatGatewayIds`] instead; the `_with` forms
//! take the same argument.
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::ec2;
//! use cfn_model::safe::gateway::{GatewayIds, NatGatewayIds};
//!
//! let mut s: Stack = Stack::new();
//! let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
//! let igw = s.attach_internet_gateway(GatewayIds::new("Igw", "AttachGateway"), &vpc);
//! let public = s.add("PublicSubnet", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24"));
//! let nat = s.nat_gateway(NatGatewayIds::new("NatGateway", "NatEip"), &igw, &public);
//! assert_eq!(igw.attachment().logical_id(), "AttachGateway");
//! assert_eq!(&*s.template().resources["NatEip"].depends_on[0], "AttachGateway");
//! # let _ = nat;
//! ```

use crate::aws::ec2::{
    Eip, InternetGateway, NatGateway, Subnet, TransitGateway, TransitGatewayAttachment, Vpc, VpcGatewayAttachment,
    VpnGateway,
};
use crate::expr::Ident;
use crate::stack::{Handle, Stack};
use crate::value::{
    AttachedAllocationId, AttachedGatewayId, AttachedTransitGatewayId, AttachedVpnGatewayId, Id, IntoValue, Value,
};

/// A gateway `G` (an internet or a virtual private gateway) attached to a VPC: made by
/// [`Stack::attach_internet_gateway`] and [`Stack::attach_vpn_gateway`] only. Its fields are
/// private, so the evidence it yields ([`AttachedGateway::gateway_id`], [`AttachedGateway::ready`])
/// always names the attachment of this very gateway: it cannot be assembled from another
/// gateway's handles.
///
/// ```compile_fail
/// use cfn_model::prelude::*;
/// use cfn_model::aws::ec2;
/// use cfn_model::safe::gateway::AttachedGateway;
///
/// let mut s: Stack = Stack::new();
/// let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
/// let gateway = s.add("Igw", ec2::InternetGateway::new());
/// let unrelated = s.add("Other", ec2::VpcGatewayAttachment::new(&vpc));
/// let forged = AttachedGateway { gateway, attachment: unrelated }; // private fields
/// ```
pub struct AttachedGateway<G, S> {
    gateway: Handle<G, S>,
    attachment: Handle<VpcGatewayAttachment, S>,
}

/// An internet gateway attached to a VPC: made by [`Stack::attach_internet_gateway`].
pub type AttachedInternetGateway<S> = AttachedGateway<InternetGateway, S>;

/// A virtual private gateway attached to a VPC: made by [`Stack::attach_vpn_gateway`].
pub type AttachedVpnGateway<S> = AttachedGateway<VpnGateway, S>;

impl<G, S> AttachedGateway<G, S> {
    /// The gateway.
    pub fn gateway(&self) -> &Handle<G, S> {
        &self.gateway
    }

    /// Its attachment to the VPC.
    pub fn attachment(&self) -> &Handle<VpcGatewayAttachment, S> {
        &self.attachment
    }

    /// The gateway's id (its `Ref`), usable only once it is attached: a route holding it gets
    /// `DependsOn` on the attachment.
    pub fn gateway_id(&self) -> Value<AttachedGatewayId> {
        self.gateway.id().cast_unchecked().after([self.ready()])
    }

    /// The ordering on the attachment, for [`Value::after`].
    pub fn ready(&self) -> Ident {
        self.attachment.ready()
    }
}

impl<S> AttachedInternetGateway<S> {
    /// The allocation id of `address`, a VPC Elastic IP of this stack, usable only once the
    /// gateway is attached: a NAT gateway holding it gets `DependsOn` on the attachment. For a
    /// NAT gateway and an address written apart (an address with a condition of its own, or one
    /// a NAT instance shares); [`Stack::nat_gateway`] makes both at once.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::ec2;
    ///
    /// let mut s: Stack = Stack::new();
    /// let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    /// let public = s.add("Public", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24"));
    /// let igw = s.attach_internet_gateway("Igw", &vpc);
    /// let address = s.add("NatAddress", igw.eip());
    /// let nat = s.add("Nat", ec2::NatGateway::new().subnet_id(&public).allocation_id(igw.allocation_id(&address)));
    /// assert_eq!(&*s.template().resources["Nat"].depends_on[0], "IgwAttachment");
    /// # let _ = nat;
    /// ```
    pub fn allocation_id(&self, address: &Handle<Eip, S>) -> Value<AttachedAllocationId> {
        address.allocation_id().cast_unchecked().after([self.ready()])
    }

    /// The id of `subnet` for a resource that gives it public addresses (an instance with a
    /// public IP, an Auto Scaling group in public subnets, an internet-facing Classic Load
    /// Balancer), usable only once the gateway is attached: the resource holding it gets
    /// `DependsOn` on the attachment, as AWS's documentation demands. `validate` reports such a
    /// resource on a bare public subnet (`gateway-attachment-order`).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::ec2;
    ///
    /// let mut s: Stack = Stack::new();
    /// let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    /// let igw = s.attach_internet_gateway("Igw", &vpc);
    /// let public = s.add("Public", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24").map_public_ip_on_launch(true));
    /// s.add("Bastion", ec2::Instance::new().image_id("ami-0123456789abcdef0").subnet_id(igw.public_subnet(&public)));
    /// assert_eq!(&*s.template().resources["Bastion"].depends_on[0], "IgwAttachment");
    /// ```
    pub fn public_subnet(&self, subnet: &Handle<Subnet, S>) -> Value<Id<Subnet>> {
        subnet.id().after([self.ready()])
    }

    /// `true`, usable only once the gateway is attached: for `AssociatePublicIpAddress` (an
    /// instance's or a launch template's network interface) and a subnet's
    /// `MapPublicIpOnLaunch`, so whatever asks for a public IP waits for the attachment.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::ec2;
    ///
    /// let mut s: Stack = Stack::new();
    /// let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    /// let igw = s.attach_internet_gateway("Igw", &vpc);
    /// let public = s.add("Public", ec2::Subnet::new(&vpc).cidr_block("10.0.0.0/24").map_public_ip_on_launch(igw.public_ip()));
    /// assert_eq!(&*s.template().resources["Public"].depends_on[0], "IgwAttachment");
    /// # let _ = public;
    /// ```
    pub fn public_ip(&self) -> Value<bool> {
        Value::from(true).after([self.ready()])
    }

    /// A VPC Elastic IP (`Domain: vpc`) that waits for the attachment (for a NAT gateway, use
    /// [`Stack::nat_gateway`], which adds one).
    pub fn eip(&self) -> Eip {
        Eip::new().domain(Value::<String>::from("vpc").after([self.ready()]))
    }
}

impl<S> AttachedVpnGateway<S> {
    /// The virtual private gateway's id (its `Ref`), usable only once it is attached: an
    /// `AWS::EC2::VPNGatewayRoutePropagation` holding it gets `DependsOn` on the attachment.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::ec2;
    ///
    /// let mut s: Stack = Stack::new();
    /// let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    /// let vgw = s.attach_vpn_gateway("VpnGateway", &vpc, ec2::VpnGateway::new("ipsec.1"));
    /// let rt = s.add("Routes", ec2::RouteTable::new(&vpc));
    /// s.add("Propagation", ec2::VpnGatewayRoutePropagation::new([rt.id()], vgw.vpn_gateway_id()));
    /// assert_eq!(&*s.template().resources["Propagation"].depends_on[0], "VpnGatewayAttachment");
    /// ```
    pub fn vpn_gateway_id(&self) -> Value<AttachedVpnGatewayId> {
        self.gateway.id().cast_unchecked().after([self.ready()])
    }
}

/// A transit gateway attached to a VPC: made by [`Stack::attach_transit_gateway`] only (private
/// fields), so its [`AttachedTransitGateway::transit_gateway_id`] always waits for this very
/// attachment.
pub struct AttachedTransitGateway<S> {
    transit_gateway: Value<Id<TransitGateway>>,
    attachment: Handle<TransitGatewayAttachment, S>,
}

impl<S> AttachedTransitGateway<S> {
    /// The `AWS::EC2::TransitGatewayAttachment`.
    pub fn attachment(&self) -> &Handle<TransitGatewayAttachment, S> {
        &self.attachment
    }

    /// The transit gateway's id, usable only once it is attached to the VPC: a route holding it
    /// (`Route::transit_gateway_id`) gets `DependsOn` on the attachment.
    pub fn transit_gateway_id(&self) -> Value<AttachedTransitGatewayId> {
        self.transit_gateway.clone().cast_unchecked().after([self.ready()])
    }

    /// The ordering on the attachment, for [`Value::after`].
    pub fn ready(&self) -> Ident {
        self.attachment.ready()
    }
}

/// A public NAT gateway and its Elastic IP, both waiting for the internet gateway's attachment:
/// made by [`Stack::nat_gateway`] only (private fields).
pub struct NatGatewayWithAddress<S> {
    gateway: Handle<NatGateway, S>,
    address: Handle<Eip, S>,
}

impl<S> NatGatewayWithAddress<S> {
    /// The NAT gateway (`.nat_gateway_id(nat.gateway().id())` on a private route).
    pub fn gateway(&self) -> &Handle<NatGateway, S> {
        &self.gateway
    }

    /// Its Elastic IP.
    pub fn address(&self) -> &Handle<Eip, S> {
        &self.address
    }
}

/// The logical ids of a gateway and of its VPC attachment, for [`Stack::attach_internet_gateway`]
/// and [`Stack::attach_vpn_gateway`]. A string converts into one: `"Igw"` names the gateway `Igw`
/// and the attachment `IgwAttachment`.
///
/// ```
/// use cfn_model::safe::gateway::GatewayIds;
/// assert_eq!(GatewayIds::from("Igw"), GatewayIds::new("Igw", "IgwAttachment"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GatewayIds {
    /// The gateway's logical id.
    pub gateway: String,
    /// The `AWS::EC2::VPCGatewayAttachment`'s logical id.
    pub attachment: String,
}

impl GatewayIds {
    /// Names the gateway `gateway` and its attachment `attachment`.
    pub fn new(gateway: impl Into<String>, attachment: impl Into<String>) -> Self {
        GatewayIds {
            gateway: gateway.into(),
            attachment: attachment.into(),
        }
    }
}

ids_from_base!(GatewayIds, |id| GatewayIds::new(id, format!("{id}Attachment")));

/// The logical ids of a NAT gateway and of its Elastic IP, for [`Stack::nat_gateway`]. A string
/// converts into one: `"Nat"` names the NAT gateway `Nat` and the Elastic IP `NatAddress`.
///
/// ```
/// use cfn_model::safe::gateway::NatGatewayIds;
/// assert_eq!(NatGatewayIds::from("Nat"), NatGatewayIds::new("Nat", "NatAddress"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NatGatewayIds {
    /// The `AWS::EC2::NatGateway`'s logical id.
    pub gateway: String,
    /// The `AWS::EC2::EIP`'s logical id.
    pub address: String,
}

impl NatGatewayIds {
    /// Names the NAT gateway `gateway` and its Elastic IP `address`.
    pub fn new(gateway: impl Into<String>, address: impl Into<String>) -> Self {
        NatGatewayIds {
            gateway: gateway.into(),
            address: address.into(),
        }
    }
}

ids_from_base!(NatGatewayIds, |id| NatGatewayIds::new(id, format!("{id}Address")));

impl<S> Stack<S> {
    /// Adds an internet gateway and its attachment to `vpc`: `ids` is the gateway's id `id` (the
    /// attachment is then `{id}Attachment`) or a [`GatewayIds`] naming both.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::ec2;
    /// use cfn_model::safe::gateway::GatewayIds;
    ///
    /// let mut s: Stack = Stack::new();
    /// let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    /// let igw = s.attach_internet_gateway(GatewayIds::new("Igw", "AttachGateway"), &vpc);
    /// let rt = s.add("Routes", ec2::RouteTable::new(&vpc));
    /// s.add("Default", ec2::Route::new(&rt).destination_cidr_block("0.0.0.0/0").gateway_id(igw.gateway_id()));
    /// assert_eq!(&*s.template().resources["Default"].depends_on[0], "AttachGateway");
    /// ```
    pub fn attach_internet_gateway(
        &mut self,
        ids: impl Into<GatewayIds>,
        vpc: &Handle<Vpc, S>,
    ) -> AttachedInternetGateway<S> {
        self.attach_internet_gateway_with(ids, vpc, |g| g)
    }

    /// [`Stack::attach_internet_gateway`], with `customize` setting anything else on the gateway
    /// (a `Name` tag, …): `|g| g.tags([internet_gateway::Tag::new("Name", name)])`.
    pub fn attach_internet_gateway_with(
        &mut self,
        ids: impl Into<GatewayIds>,
        vpc: &Handle<Vpc, S>,
        customize: impl FnOnce(InternetGateway) -> InternetGateway,
    ) -> AttachedInternetGateway<S> {
        let ids = ids.into();
        let gateway = self.add(&ids.gateway, customize(InternetGateway::new()));
        let attachment = self.add(
            &ids.attachment,
            VpcGatewayAttachment::new(vpc).internet_gateway_id(gateway.id()),
        );
        AttachedInternetGateway { gateway, attachment }
    }

    /// Adds the virtual private gateway `gateway` and its attachment to `vpc`: `ids` is the
    /// gateway's id `id` (the attachment is then `{id}Attachment`) or a [`GatewayIds`] naming
    /// both. Routes take its [`AttachedVpnGateway::gateway_id`], which waits for the attachment.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::ec2;
    /// use cfn_model::safe::gateway::GatewayIds;
    ///
    /// let mut s: Stack = Stack::new();
    /// let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    /// let vgw = s.attach_vpn_gateway("VpnGateway", &vpc, ec2::VpnGateway::new("ipsec.1"));
    /// let rt = s.add("Routes", ec2::RouteTable::new(&vpc));
    /// s.add("OnPremises", ec2::Route::new(&rt).destination_cidr_block("192.168.0.0/16").gateway_id(vgw.gateway_id()));
    /// assert_eq!(&*s.template().resources["OnPremises"].depends_on[0], "VpnGatewayAttachment");
    ///
    /// let named = s.attach_vpn_gateway(GatewayIds::new("Vgw", "VgwAttach"), &vpc, ec2::VpnGateway::new("ipsec.1"));
    /// assert_eq!(named.attachment().logical_id(), "VgwAttach");
    /// ```
    pub fn attach_vpn_gateway(
        &mut self,
        ids: impl Into<GatewayIds>,
        vpc: &Handle<Vpc, S>,
        gateway: VpnGateway,
    ) -> AttachedVpnGateway<S> {
        let ids = ids.into();
        let gateway = self.add(&ids.gateway, gateway);
        let attachment = self.add(&ids.attachment, VpcGatewayAttachment::new(vpc).vpn_gateway_id(&gateway));
        AttachedVpnGateway { gateway, attachment }
    }

    /// Attaches `transit_gateway` (a handle of this stack, a parameter, or
    /// `Id::external("tgw-…")` for one shared from another account) to `vpc` through `subnets`
    /// (one per zone): adds the `AWS::EC2::TransitGatewayAttachment` under the logical id `id`.
    /// Routes take its [`AttachedTransitGateway::transit_gateway_id`], which waits for the
    /// attachment; a route on the bare transit gateway id does not compile.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::ec2;
    ///
    /// let mut s: Stack = Stack::new();
    /// let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    /// let private = s.add("Private", ec2::Subnet::new(&vpc).cidr_block("10.0.1.0/24"));
    /// let transit = s.add("Transit", ec2::TransitGateway::new());
    /// let tgw = s.attach_transit_gateway("TransitAttachment", &transit, &vpc, [private.id()]);
    /// let rt = s.add("Routes", ec2::RouteTable::new(&vpc));
    /// s.add("ToCorporate", ec2::Route::new(&rt).destination_cidr_block("10.1.0.0/16").transit_gateway_id(tgw.transit_gateway_id()));
    /// assert_eq!(&*s.template().resources["ToCorporate"].depends_on[0], "TransitAttachment");
    /// ```
    pub fn attach_transit_gateway(
        &mut self,
        id: &str,
        transit_gateway: impl IntoValue<Id<TransitGateway>>,
        vpc: &Handle<Vpc, S>,
        subnets: impl IntoValue<Vec<Id<Subnet>>>,
    ) -> AttachedTransitGateway<S> {
        self.attach_transit_gateway_with(id, transit_gateway, vpc, subnets, |a| a)
    }

    /// [`Stack::attach_transit_gateway`], with `customize` setting anything else on the attachment
    /// (options, tags): `|a| a.tags([transit_gateway_attachment::Tag::new("Name", name)])`.
    pub fn attach_transit_gateway_with(
        &mut self,
        id: &str,
        transit_gateway: impl IntoValue<Id<TransitGateway>>,
        vpc: &Handle<Vpc, S>,
        subnets: impl IntoValue<Vec<Id<Subnet>>>,
        customize: impl FnOnce(TransitGatewayAttachment) -> TransitGatewayAttachment,
    ) -> AttachedTransitGateway<S> {
        let transit_gateway = transit_gateway.into_value();
        let attachment = self.add(
            id,
            customize(TransitGatewayAttachment::new(subnets, transit_gateway.clone(), vpc)),
        );
        AttachedTransitGateway {
            transit_gateway,
            attachment,
        }
    }

    /// Adds a public NAT gateway in `subnet` and its Elastic IP, both waiting for `igw`'s
    /// attachment: `ids` is the NAT gateway's id `id` (the Elastic IP is then `{id}Address`) or a
    /// [`NatGatewayIds`] naming both. `customize` sets anything else on the NAT gateway (tags, …)
    /// and `customize_address` on its Elastic IP (its `Name` tag, …; leave `Domain` alone, it
    /// carries the ordering on the attachment); see [`Stack::nat_gateway`] for the common case.
    pub fn nat_gateway_with(
        &mut self,
        ids: impl Into<NatGatewayIds>,
        igw: &AttachedInternetGateway<S>,
        subnet: &Handle<Subnet, S>,
        customize: impl FnOnce(NatGateway) -> NatGateway,
        customize_address: impl FnOnce(Eip) -> Eip,
    ) -> NatGatewayWithAddress<S> {
        let ids = ids.into();
        let address = self.add(&ids.address, customize_address(igw.eip()));
        // The Elastic IP already waits; the NAT gateway says so itself too, so the ordering does
        // not hang on how the address was made.
        let allocation = igw.allocation_id(&address);
        let gateway = self.add(
            &ids.gateway,
            customize(NatGateway::new().subnet_id(subnet).allocation_id(allocation)),
        );
        NatGatewayWithAddress { gateway, address }
    }

    /// Adds a public NAT gateway in `subnet` and its Elastic IP, both waiting for `igw`'s
    /// attachment: `ids` is the NAT gateway's id `id` (the Elastic IP is then `{id}Address`) or a
    /// [`NatGatewayIds`] naming both.
    pub fn nat_gateway(
        &mut self,
        ids: impl Into<NatGatewayIds>,
        igw: &AttachedInternetGateway<S>,
        subnet: &Handle<Subnet, S>,
    ) -> NatGatewayWithAddress<S> {
        self.nat_gateway_with(ids, igw, subnet, |n| n, |a| a)
    }
}
