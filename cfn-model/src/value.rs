//! Typed values: `Value<T>` is a CloudFormation value of type `T` (a literal or any intrinsic).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use crate::expr::{Expr, Ident, SubPart};

/// A CloudFormation value of type `T`: a literal, a reference, or any intrinsic function producing a
/// `T`, together with the ordering evidence it carries (see [`Value::after`]).
///
/// `T` is a phantom: `String`, `i64`, `f64`, `bool`, `Vec<T>`, [`Json`], [`SecretString`], or a typed
/// reference [`Id<R>`], [`Arn<R>`], [`Name<R>`].
///
/// ```
/// use cfn_model::prelude::*;
/// let region: Value<String> = Pseudo::region();
/// let name = Value::<String>::sub(["app-", "x"].map(SubPart::lit)).join_with(&region);
/// ```
pub struct Value<T> {
    expr: Expr,
    _t: PhantomData<fn() -> T>,
}

impl<T> Clone for Value<T> {
    fn clone(&self) -> Self {
        Value {
            expr: self.expr.clone(),
            _t: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Value<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.expr.fmt(f)
    }
}

impl<T> PartialEq for Value<T> {
    fn eq(&self, other: &Self) -> bool {
        self.expr == other.expr
    }
}

/// The `Ref` of a resource of type `R` (for most types its physical id; see each type's docs).
pub struct Id<R>(PhantomData<fn() -> R>);
/// The ARN of a resource of type `R` (its `Arn` attribute, or its `Ref` where that is the ARN).
pub struct Arn<R>(PhantomData<fn() -> R>);
/// The name of a resource of type `R` where that differs from its `Ref`.
pub struct Name<R>(PhantomData<fn() -> R>);
/// Another attribute of a resource of type `R`, which some property of another resource takes
/// (an Amplify app's `AppId`, an AppSync API's `ApiId`, a Lambda version's `Version`): `A` is the
/// attribute's marker, generated beside `R` (`amplify::app::AppIdAttribute`), and the handle's
/// method for it (`app.app_id()`) yields the value.
pub struct Attr<R, A>(PhantomData<fn() -> (R, A)>);
/// Arbitrary JSON (policy documents, free-form objects).
pub struct Json;
/// A secret string: only a secret dynamic reference or a `NoEcho` parameter yields one.
pub struct SecretString;
/// The id of an EFS file system together with the ordering on every one of its mount targets:
/// only `stack.mount(…)` yields a `Value<MountedFileSystemId>` (ECS task-definition EFS volumes
/// take only this).
pub struct MountedFileSystemId;
/// The ARN of an EFS access point together with the ordering on every mount target of its file
/// system: only `mounted.access_point(…)` of a `stack.mount(…)` yields a
/// `Value<MountedAccessPointArn>` (Lambda functions' `FileSystemConfigs[].Arn` takes only this).
pub struct MountedAccessPointArn;
/// The ARN of an ELBv2 target group together with the ordering on the listener that forwards to
/// it: only `stack.listen(…)` yields a `Value<ForwardedTargetGroupArn>` (ECS service load
/// balancers take only this).
pub struct ForwardedTargetGroupArn;
/// The id of an internet gateway or a virtual private gateway together with the ordering on its
/// `VPCGatewayAttachment`: only `stack.attach_internet_gateway(…)` and `stack.attach_vpn_gateway(…)`
/// yield a `Value<AttachedGatewayId>` (routes' `GatewayId` takes only this).
pub struct AttachedGatewayId;
/// The allocation id of a VPC Elastic IP together with the ordering on the internet gateway's
/// `VPCGatewayAttachment`: only `stack.nat_gateway(…)` and an attached internet gateway's
/// `allocation_id(&address)` yield a `Value<AttachedAllocationId>` (NAT gateways' `AllocationId`
/// takes only this).
pub struct AttachedAllocationId;
/// The id of a transit gateway together with the ordering on its attachment to the VPC: only
/// `stack.attach_transit_gateway(…)` yields a `Value<AttachedTransitGatewayId>` (routes'
/// `TransitGatewayId` takes only this).
pub struct AttachedTransitGatewayId;
/// The id of a virtual private gateway together with the ordering on its `VPCGatewayAttachment`:
/// only `stack.attach_vpn_gateway(…)` yields a `Value<AttachedVpnGatewayId>`
/// (`AWS::EC2::VPNGatewayRoutePropagation`'s `VpnGatewayId` takes only this).
pub struct AttachedVpnGatewayId;
/// The id of a security group that this template does not create: a parameter
/// (`Param<Id<ec2::SecurityGroup>>`), an import (`Value::<ExternalGroupId>::import(…)`) or an
/// explicit external id ([`ExternalGroupId::external`]). Inline `SecurityGroupIngress` /
/// `SecurityGroupEgress` rules take only this, so they cannot name a group of this template (two
/// groups whose inline rules name each other form a cycle); such groups talk through
/// `stack.allow(…)`.
pub struct ExternalGroupId;

impl ExternalGroupId {
    /// Escape hatch: the id of a security group this program does not create (`"sg-0abc…"`), for
    /// an inline rule. Visibly named, like `Id::external`; `validate` still reports a cycle if
    /// the value turns out to name a group of this template.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::ec2;
    ///
    /// let bastion = ec2::security_group::Ingress::new("tcp")
    ///     .from_port(22)
    ///     .to_port(22)
    ///     .source_security_group_id(ExternalGroupId::external("sg-0123456789abcdef0"));
    /// # let _ = bastion;
    /// ```
    pub fn external(id: impl Into<Value<String>>) -> Value<ExternalGroupId> {
        Value::from_expr(id.into().expr)
    }
}

/// The name of a security group that this template does not create (a default-VPC group named
/// by a parameter, an import or a literal: [`ExternalGroupName::external`]), for an inline
/// rule's `SourceSecurityGroupName`. Like [`ExternalGroupId`], a group of this template cannot
/// stand there (its `Ref` would make the groups depend on each other); those go through
/// `stack.allow(…)`.
pub struct ExternalGroupName;

impl ExternalGroupName {
    /// Escape hatch: the name of a security group this program does not create, for an inline
    /// rule (`SourceSecurityGroupName`, with `SourceSecurityGroupOwnerId` for another account).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::aws::ec2;
    ///
    /// let from_elb = ec2::security_group::Ingress::new("tcp")
    ///     .from_port(80)
    ///     .to_port(80)
    ///     .source_security_group_name(ExternalGroupName::external("amazon-elb-sg"))
    ///     .source_security_group_owner_id("amazon-elb");
    /// # let _ = from_elb;
    /// ```
    pub fn external(name: impl Into<Value<String>>) -> Value<ExternalGroupName> {
        Value::from_expr(name.into().expr)
    }
}

/// A condition expression (`Fn::Equals`, `Fn::And`, …).
pub struct Cond;

impl<T> Value<T> {
    /// Wraps an untyped expression. Prefer typed constructors; this is for generated code and
    /// for escape hatches.
    pub fn from_expr(expr: Expr) -> Self {
        Value { expr, _t: PhantomData }
    }

    /// The expression.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// Unwraps the expression.
    pub fn into_expr(self) -> Expr {
        self.expr
    }

    /// Escape hatch: a literal the types do not know (an enum value newer than the schemas, a
    /// number where a string is declared, …). The emitter's validator still checks it.
    pub fn unchecked(json: impl Into<serde_json::Value>) -> Self {
        Value::from_expr(Expr::from_json(json.into()))
    }

    /// Reinterprets the value as another type. Visibly named, for the rare places where the
    /// types are stricter than CloudFormation.
    pub fn cast_unchecked<U>(self) -> Value<U> {
        Value::from_expr(self.expr)
    }

    /// This value, usable only once `deps` exist: the stack emits `DependsOn` on them wherever the
    /// value is used. Safe constructs use this; users rarely need it.
    pub fn after(self, deps: impl IntoIterator<Item = Ident>) -> Self {
        Value::from_expr(self.expr.after(deps))
    }

    /// `Fn::If`: `then` when `cond` holds, else `otherwise`.
    pub fn if_(cond: &crate::Condition, then: impl Into<Value<T>>, otherwise: impl Into<Value<T>>) -> Self {
        Value::from_expr(Expr::If(
            cond.name().clone(),
            Box::new(then.into().expr),
            Box::new(otherwise.into().expr),
        ))
    }

    /// `AWS::NoValue`: removes the property where it is used (typically inside [`Value::if_`]).
    pub fn no_value() -> Self {
        Value::from_expr(Expr::Ref("AWS::NoValue".into()))
    }

    /// `Fn::Select`: element `index` of `list`.
    pub fn select(index: impl Into<Value<i64>>, list: impl Into<Value<Vec<T>>>) -> Self {
        Value::from_expr(Expr::Select(Box::new(index.into().expr), Box::new(list.into().expr)))
    }

    /// `Fn::ImportValue`: a value exported by another stack.
    pub fn import(export_name: impl Into<Value<String>>) -> Self {
        Value::from_expr(Expr::ImportValue(Box::new(export_name.into().expr)))
    }

    /// `Fn::GetStackOutput`: an output of another stack, read without an export (so the producer
    /// can change or delete it freely; the value is read when this stack deploys), optionally in
    /// another region or, through a role, another account.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let name: Value<String> =
    ///     Value::stack_output(StackOutput::new("producer-stack", "TopicName").region("us-west-2"));
    /// ```
    pub fn stack_output(output: StackOutput) -> Self {
        Value::from_expr(Expr::GetStackOutput(Box::new(output.0)))
    }
}

/// The stack output [`Value::stack_output`] reads: a stack name and an output name, with the
/// stack's region and the role to read it with when they differ from this stack's.
#[derive(Clone, Debug)]
pub struct StackOutput(crate::expr::StackOutputRef);

impl StackOutput {
    /// Output `output_name` of stack `stack_name` (in this stack's region and account).
    pub fn new(stack_name: impl Into<Value<String>>, output_name: impl Into<Value<String>>) -> Self {
        StackOutput(crate::expr::StackOutputRef {
            stack_name: stack_name.into().expr,
            output_name: output_name.into().expr,
            region: None,
            role_arn: None,
        })
    }

    /// The region the stack is in.
    pub fn region(mut self, region: impl Into<Value<String>>) -> Self {
        self.0.region = Some(region.into().expr);
        self
    }

    /// The role CloudFormation assumes to read the output (a stack in another account).
    pub fn role_arn(mut self, role_arn: impl Into<Value<String>>) -> Self {
        self.0.role_arn = Some(role_arn.into().expr);
        self
    }
}

impl Value<String> {
    /// `Fn::Sub` from parts: literal text and interpolated values. Every `${…}` the emitter writes
    /// points at what the part holds, so a placeholder that names nothing cannot be written.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let arn = Value::<String>::sub([
    ///     SubPart::lit("arn:"),
    ///     SubPart::val(Pseudo::partition()),
    ///     SubPart::lit(":s3:::my-bucket/*"),
    /// ]);
    /// ```
    pub fn sub(parts: impl IntoIterator<Item = SubPart>) -> Self {
        fn push(out: &mut Vec<SubPart>, p: SubPart) {
            // A `Sub` inside a `Sub` is spliced in rather than bound to a variable: the same
            // string, one intrinsic. (Ordering evidence on it keeps it whole.)
            if let SubPart::Expr(Expr::Sub(inner)) = p {
                return inner.into_iter().for_each(|q| push(out, q));
            }
            // A literal string value is literal text (escaped where the emitter writes it).
            let p = match p {
                SubPart::Expr(Expr::Str(text)) => SubPart::Lit(text),
                p => p,
            };
            match (out.last_mut(), p) {
                // Merge adjacent literals so the emitted string stays readable.
                (Some(SubPart::Lit(prev)), SubPart::Lit(next)) => prev.to_mut().push_str(&next),
                (_, p) => out.push(p),
            }
        }
        let mut out: Vec<SubPart> = Vec::new();
        for p in parts {
            push(&mut out, p);
        }
        // Literal text alone needs no `Fn::Sub` (cfn-lint's W1020): the plain string.
        match out.as_slice() {
            [] => Value::from_expr(Expr::Str(Cow::Borrowed(""))),
            [SubPart::Lit(text)] => Value::from_expr(Expr::Str(text.clone())),
            _ => Value::from_expr(Expr::Sub(out)),
        }
    }

    /// `Fn::Join` with `delimiter` over `items`.
    pub fn join(delimiter: impl Into<Cow<'static, str>>, items: impl Into<Value<Vec<String>>>) -> Self {
        Value::from_expr(Expr::Join(delimiter.into(), Box::new(items.into().expr)))
    }

    /// Appends `other` (as `Fn::Sub` parts), a convenience for building names.
    pub fn join_with(self, other: impl Into<Value<String>>) -> Self {
        let mut parts = match self.expr {
            Expr::Sub(parts) => parts,
            e => vec![SubPart::Expr(e)],
        };
        parts.push(SubPart::Expr(other.into().expr));
        Value::sub(parts)
    }

    /// `Fn::Base64` of this string.
    pub fn base64(self) -> Self {
        Value::from_expr(Expr::Base64(Box::new(self.expr)))
    }

    /// `Fn::Split` of this string on `delimiter`.
    pub fn split(self, delimiter: impl Into<Cow<'static, str>>) -> Value<Vec<String>> {
        Value::from_expr(Expr::Split(delimiter.into(), Box::new(self.expr)))
    }

    /// `Fn::Cidr`: `count` CIDR blocks of `cidr_bits` host bits carved out of this block.
    pub fn cidr(self, count: impl Into<Value<i64>>, cidr_bits: impl Into<Value<i64>>) -> Value<Vec<String>> {
        Value::from_expr(Expr::Cidr(
            Box::new(self.expr),
            Box::new(count.into().expr),
            Box::new(cidr_bits.into().expr),
        ))
    }
}

impl<T> Value<Vec<T>> {
    /// `Fn::Length` (needs the `AWS::LanguageExtensions` transform).
    pub fn length(self) -> Value<i64> {
        Value::from_expr(Expr::Length(Box::new(self.expr)))
    }
}

impl Value<Json> {
    /// `Fn::ToJsonString` (needs the `AWS::LanguageExtensions` transform).
    pub fn to_json_string(self) -> Value<String> {
        Value::from_expr(Expr::ToJsonString(Box::new(self.expr)))
    }
}

impl Value<Vec<String>> {
    /// `Fn::GetAZs`: the availability zones of `region` (`""` or [`Pseudo::region`] for the stack's).
    pub fn azs(region: impl Into<Value<String>>) -> Self {
        Value::from_expr(Expr::GetAZs(Box::new(region.into().expr)))
    }
}

impl Value<Cond> {
    /// `Fn::Equals`.
    pub fn equals<T>(a: impl Into<Value<T>>, b: impl Into<Value<T>>) -> Self {
        Value::from_expr(Expr::Equals(Box::new(a.into().expr), Box::new(b.into().expr)))
    }

    /// `Fn::And` (2 to 10 conditions).
    pub fn and(items: impl IntoIterator<Item = Value<Cond>>) -> Self {
        Value::from_expr(Expr::And(items.into_iter().map(|v| v.expr).collect()))
    }

    /// `Fn::Or` (2 to 10 conditions).
    pub fn or(items: impl IntoIterator<Item = Value<Cond>>) -> Self {
        Value::from_expr(Expr::Or(items.into_iter().map(|v| v.expr).collect()))
    }

    /// `Fn::Not`.
    // An associated function named after `Fn::Not` (`Value::<Cond>::not(c)`), like `and`/`or`;
    // `!c` is offered too, through `std::ops::Not`.
    #[allow(clippy::should_implement_trait)]
    pub fn not(item: Value<Cond>) -> Self {
        Value::from_expr(Expr::Not(Box::new(item.expr)))
    }
}

impl std::ops::Not for Value<Cond> {
    type Output = Value<Cond>;
    /// `Fn::Not`.
    fn not(self) -> Value<Cond> {
        Value::<Cond>::not(self)
    }
}

impl From<&crate::Condition> for Value<Cond> {
    fn from(c: &crate::Condition) -> Self {
        Value::from_expr(Expr::Condition(c.name().clone()))
    }
}

impl SubPart {
    /// Literal text.
    pub fn lit(s: impl Into<Cow<'static, str>>) -> SubPart {
        SubPart::Lit(s.into())
    }

    /// An interpolated string-like value: a string, a number or a typed reference
    /// (`SubPart::val(bucket.id())` is `${Bucket}`).
    ///
    /// It takes the `Value` itself rather than `impl Into<Value<T>>`: a typed id converts into a
    /// `Value<String>` too, so that form left `T` ambiguous and `SubPart::val(handle.id())` did not
    /// compile. Write literal text with [`SubPart::lit`].
    pub fn val<T: StringLike>(v: Value<T>) -> SubPart {
        SubPart::Expr(v.expr)
    }
}

/// What a typed property accepts: anything that converts into a `Value<T>` (the value itself, a
/// literal, a handle for an `Id<R>`, a parameter). Setters that take `impl IntoValue<T>` rather
/// than `impl Into<Value<T>>` get a compiler message that names the expected type and the fix
/// instead of a list of unrelated `From` impls.
#[diagnostic::on_unimplemented(
    message = "expected a `Value<{T}>`, found `{Self}`",
    label = "this is not a `Value<{T}>`",
    note = "a typed property takes a literal or `Value` of its own type, a parameter of that type, or for an `Id<R>` the handle of an `R`; the `Id`, `Arn` or `Name` of another resource type is refused",
    note = "a schema enum takes one of its variants (`listener::Protocol::Http`), not a string: the `help:` line above names the enum's full path; a value newer than the schemas is `Value::unchecked(\"…\")`",
    note = "for a handle of this stack, write `handle.id()` for its `Ref` or the typed attribute method for its `Fn::GetAtt` (`role.arn()`, `db.endpoint_address()`); a typed `Id`, `Arn` or `Name` is accepted where a plain `Value<String>` is expected",
    note = "for a resource this program does not create, write `Id::external(\"…\")` (or `Arn::external`, `Name::external`)"
)]
pub trait IntoValue<T> {
    /// The value.
    fn into_value(self) -> Value<T>;
}

#[diagnostic::do_not_recommend]
impl<T, X: Into<Value<T>>> IntoValue<T> for X {
    fn into_value(self) -> Value<T> {
        self.into()
    }
}

/// What password properties take: a secret dynamic reference or a `NoEcho` parameter, never
/// plain text. Generated setters of secret properties take `impl IntoSecretString`, whose compiler
/// message names those sources.
#[diagnostic::on_unimplemented(
    message = "a password property takes a secret, not `{Self}`: plain text would sit in the template and the stack's history",
    label = "not a secret",
    note = "write `secret.resolve(\"password\")` for a secret this stack creates (`let secret = stack.add(\"DbSecret\", secretsmanager::Secret::new()…)`), or `DynamicRef::secrets_manager(secret_id!(\"app/db/credentials\")).json_key(\"password\").secret()` for one made elsewhere, or pass a `NoEcho` parameter (`Param<SecretString>`)",
    note = "for RDS, `.manage_master_user_password(true)` instead lets RDS create and rotate the secret"
)]
pub trait IntoSecretString {
    /// The secret value.
    fn into_secret(self) -> Value<SecretString>;
}

#[diagnostic::do_not_recommend]
impl<X: Into<Value<SecretString>>> IntoSecretString for X {
    fn into_secret(self) -> Value<SecretString> {
        self.into()
    }
}

/// One trait per ordering-evidence marker: generated setters of the patched properties take
/// `impl IntoMountedFileSystemId` (…) rather than `impl IntoValue<MountedFileSystemId>`, so the
/// compiler's message names the safe construct that yields the value instead of the generic note.
macro_rules! evidence_trait {
    ($(#[$attr:meta])* $name:ident => $marker:ident) => {
        $(#[$attr])*
        pub trait $name {
            /// The value, with its ordering evidence.
            fn into_evidence(self) -> Value<$marker>;
        }

        // Not listed under the error: the note already names the construct that yields one.
        #[diagnostic::do_not_recommend]
        impl $name for Value<$marker> {
            fn into_evidence(self) -> Value<$marker> {
                self
            }
        }
    };
}

evidence_trait! {
    /// What ECS task-definition EFS volumes take: a file system whose mount targets exist.
    #[diagnostic::on_unimplemented(
        message = "an ECS task cannot mount `{Self}`: nothing makes it wait for the EFS mount targets",
        label = "a bare file system: the task would start before its mount targets exist",
        note = "write `let mounted = stack.mount(&fs, &[&subnet_a, &subnet_b], &efs_sg);` and use `mounted.volume(\"data\")` (or `EfsVolumeConfiguration::new(mounted.filesystem_id())`): the task definition then depends on every mount target"
    )]
    IntoMountedFileSystemId => MountedFileSystemId
}

evidence_trait! {
    /// What Lambda functions' `FileSystemConfigs` take: an access point whose file system is
    /// mounted in the function's subnets.
    #[diagnostic::on_unimplemented(
        message = "a Lambda function cannot mount `{Self}`: nothing makes it wait for the EFS mount targets",
        label = "a bare access point: the function would be created before its file system's mount targets exist",
        note = "write `let mounted = stack.mount(&fs, &[&subnet_a, &subnet_b], &efs_sg);` then `let ap = mounted.access_point(&mut stack, \"DataAccess\", |ap| ap);` and use `ap.lambda_file_system(\"/mnt/data\")` (or `FileSystemConfig::new(ap.arn(), …)`): the function then depends on every mount target"
    )]
    IntoMountedAccessPointArn => MountedAccessPointArn
}

evidence_trait! {
    /// What inline security-group rules take to name another group: one from outside this
    /// template (a `Param<Id<ec2::SecurityGroup>>`, an import, [`ExternalGroupId::external`]).
    #[diagnostic::on_unimplemented(
        message = "inline security group rules cannot name another security group of this template",
        label = "inline rules that reference each other's groups fail with \"Circular dependency between resources\"",
        note = "add both groups, then write `stack.allow(&from, &to, Port::tcp(…))`: it emits standalone SecurityGroupEgress/Ingress resources",
        note = "a group from outside this template is accepted: a `Param<Id<ec2::SecurityGroup>>` (pass `&param`), `Value::<ExternalGroupId>::import(\"…\")` or `ExternalGroupId::external(\"sg-…\")`"
    )]
    IntoExternalGroupId => ExternalGroupId
}

evidence_trait! {
    /// What inline security-group rules take to name another group by name: one from outside
    /// this template ([`ExternalGroupName::external`], an import).
    #[diagnostic::on_unimplemented(
        message = "inline security group rules cannot name another security group of this template",
        label = "inline rules that reference each other's groups fail with \"Circular dependency between resources\"",
        note = "add both groups, then write `stack.allow(&from, &to, Port::tcp(…))`: it emits standalone SecurityGroupEgress/Ingress resources",
        note = "a group from outside this template is accepted: `ExternalGroupName::external(\"…\")` or `Value::<ExternalGroupName>::import(\"…\")`"
    )]
    IntoExternalGroupName => ExternalGroupName
}

evidence_trait! {
    /// What ECS service load balancers take: a target group a listener forwards to.
    #[diagnostic::on_unimplemented(
        message = "an ECS service cannot register with `{Self}`: nothing makes it wait for a listener forwarding to the target group",
        label = "a target group no listener forwards to yet: the service would fail to stabilise",
        note = "write `let http = stack.listen(\"HttpListener\", &alb, &tg, 80, Protocol::Http);` and use `http.service_load_balancer(\"web\", 8080)` (or `.target_group_arn(http.target_group_arn())`): the service then depends on the listener"
    )]
    IntoForwardedTargetGroupArn => ForwardedTargetGroupArn
}

evidence_trait! {
    /// What routes' `GatewayId` takes: an internet gateway attached to the VPC.
    #[diagnostic::on_unimplemented(
        message = "a route cannot use `{Self}`: nothing makes it wait for the gateway's VPC attachment",
        label = "a gateway that may not be attached yet",
        note = "write `let igw = stack.attach_internet_gateway(\"InternetGateway\", &vpc);` and use `.gateway_id(igw.gateway_id())`: the route then depends on the attachment",
        note = "for a virtual private gateway, `let vgw = stack.attach_vpn_gateway(\"VpnGateway\", &vpc, ec2::VpnGateway::new(\"ipsec.1\"));` and `.gateway_id(vgw.gateway_id())`"
    )]
    IntoAttachedGatewayId => AttachedGatewayId
}

evidence_trait! {
    /// What NAT gateways' `AllocationId` takes: an Elastic IP allocated once the internet gateway
    /// is attached.
    #[diagnostic::on_unimplemented(
        message = "a NAT gateway cannot use `{Self}`: nothing makes its Elastic IP wait for the internet gateway's VPC attachment",
        label = "an allocation id without the attachment's ordering",
        note = "write `let nat = stack.nat_gateway(\"Nat\", &igw, &public_subnet);`: it adds the Elastic IP and the NAT gateway, both depending on the attachment; for an address of your own, `igw.allocation_id(&address)`"
    )]
    IntoAttachedAllocationId => AttachedAllocationId
}

evidence_trait! {
    /// What routes' `TransitGatewayId` takes: a transit gateway attached to the VPC.
    #[diagnostic::on_unimplemented(
        message = "a route cannot use `{Self}`: nothing makes it wait for the transit gateway's VPC attachment",
        label = "a transit gateway that may not be attached to this VPC yet",
        note = "write `let tgw = stack.attach_transit_gateway(\"TransitAttachment\", &transit_gateway, &vpc, [&subnet_a, &subnet_b]);` and use `.transit_gateway_id(tgw.transit_gateway_id())`: the route then depends on the attachment",
        note = "the transit gateway may come from this stack (`&handle`), a parameter or `Id::external(\"tgw-…\")` (one shared from another account)"
    )]
    IntoAttachedTransitGatewayId => AttachedTransitGatewayId
}

evidence_trait! {
    /// What `AWS::EC2::VPNGatewayRoutePropagation`'s `VpnGatewayId` takes: a virtual private
    /// gateway attached to the VPC.
    #[diagnostic::on_unimplemented(
        message = "route propagation cannot use `{Self}`: nothing makes it wait for the VPN gateway's VPC attachment",
        label = "a virtual private gateway that may not be attached yet",
        note = "write `let vgw = stack.attach_vpn_gateway(\"VpnGateway\", &vpc, ec2::VpnGateway::new(\"ipsec.1\"));` and use `VpnGatewayRoutePropagation::new([rt.id()], vgw.vpn_gateway_id())`: the propagation then depends on the attachment"
    )]
    IntoAttachedVpnGatewayId => AttachedVpnGatewayId
}

/// Types whose values read as strings (so they can be interpolated and passed where a string is
/// expected).
pub trait StringLike {}
impl StringLike for String {}
impl StringLike for i64 {}
impl StringLike for f64 {}
impl<R> StringLike for Id<R> {}
impl<R> StringLike for Arn<R> {}
impl<R> StringLike for Name<R> {}
impl<R, A> StringLike for Attr<R, A> {}

/// Pseudo parameters.
pub struct Pseudo;

impl Pseudo {
    fn r<T>(n: &'static str) -> Value<T> {
        Value::from_expr(Expr::Ref(n.into()))
    }
    /// `AWS::AccountId`.
    pub fn account_id() -> Value<String> {
        Self::r("AWS::AccountId")
    }
    /// `AWS::NotificationARNs`.
    pub fn notification_arns() -> Value<Vec<String>> {
        Self::r("AWS::NotificationARNs")
    }
    /// `AWS::Partition`.
    pub fn partition() -> Value<String> {
        Self::r("AWS::Partition")
    }
    /// `AWS::Region`.
    pub fn region() -> Value<String> {
        Self::r("AWS::Region")
    }
    /// `AWS::StackId`.
    pub fn stack_id() -> Value<String> {
        Self::r("AWS::StackId")
    }
    /// `AWS::StackName`.
    pub fn stack_name() -> Value<String> {
        Self::r("AWS::StackName")
    }
    /// `AWS::URLSuffix`.
    pub fn url_suffix() -> Value<String> {
        Self::r("AWS::URLSuffix")
    }
    /// `AWS::NoValue` (see [`Value::no_value`]).
    pub fn no_value<T>() -> Value<T> {
        Value::no_value()
    }
}

// ---- literals -------------------------------------------------------------------------------

impl From<&'static str> for Value<String> {
    fn from(s: &'static str) -> Self {
        Value::from_expr(Expr::Str(Cow::Borrowed(s)))
    }
}
impl From<String> for Value<String> {
    fn from(s: String) -> Self {
        Value::from_expr(Expr::Str(Cow::Owned(s)))
    }
}
impl From<&String> for Value<String> {
    fn from(s: &String) -> Self {
        Value::from_expr(Expr::Str(Cow::Owned(s.clone())))
    }
}
impl From<bool> for Value<bool> {
    fn from(b: bool) -> Self {
        Value::from_expr(Expr::Bool(b))
    }
}
macro_rules! int_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Value<i64> {
            fn from(n: $t) -> Self { Value::from_expr(Expr::Int(n as i64)) }
        }
        impl From<$t> for Value<f64> {
            fn from(n: $t) -> Self { Value::from_expr(Expr::Int(n as i64)) }
        }
    )*};
}
int_from!(i32, i64, u8, u16, u32);
impl From<f64> for Value<f64> {
    fn from(n: f64) -> Self {
        Value::from_expr(Expr::Float(n))
    }
}
impl From<serde_json::Value> for Value<Json> {
    fn from(v: serde_json::Value) -> Self {
        Value::from_expr(Expr::from_json(v))
    }
}
impl<T> From<&Value<T>> for Value<T> {
    fn from(v: &Value<T>) -> Self {
        v.clone()
    }
}
impl<T, V: Into<Value<T>>> From<Vec<V>> for Value<Vec<T>> {
    fn from(items: Vec<V>) -> Self {
        Value::from_expr(Expr::List(items.into_iter().map(|v| v.into().expr).collect()))
    }
}
impl<T, V: Into<Value<T>>, const N: usize> From<[V; N]> for Value<Vec<T>> {
    fn from(items: [V; N]) -> Self {
        Value::from_expr(Expr::List(items.into_iter().map(|v| v.into().expr).collect()))
    }
}

// ---- widening conversions: typed references read as strings --------------------------------

macro_rules! to_string_value {
    ($($m:ident),*) => {$(
        impl<R> From<Value<$m<R>>> for Value<String> {
            fn from(v: Value<$m<R>>) -> Self { Value::from_expr(v.expr) }
        }
        impl<R> From<&Value<$m<R>>> for Value<String> {
            fn from(v: &Value<$m<R>>) -> Self { Value::from_expr(v.expr.clone()) }
        }
    )*};
}
to_string_value!(Id, Arn, Name);

impl<R, A> From<Value<Attr<R, A>>> for Value<String> {
    fn from(v: Value<Attr<R, A>>) -> Self {
        Value::from_expr(v.expr)
    }
}
impl<R, A> From<&Value<Attr<R, A>>> for Value<String> {
    fn from(v: &Value<Attr<R, A>>) -> Self {
        Value::from_expr(v.expr.clone())
    }
}

/// A number where CloudFormation declares a string (RDS `AllocatedStorage`, an ECS task's `Cpu`
/// and `Memory`): CloudFormation writes a `Number` parameter's value as its decimal text, so a
/// `Value<i64>` (from `Parameter::integer()`) is accepted where a `Value<String>` is expected.
///
/// ```
/// use cfn_model::prelude::*;
/// let mut s: Stack = Stack::new();
/// let gib = s.parameter("StorageGiB", Parameter::integer().min_value(20.0));
/// let storage: Value<String> = gib.value().into();
/// assert_eq!(storage.expr(), &cfn_model::Expr::Ref("StorageGiB".into()));
/// ```
impl From<Value<i64>> for Value<String> {
    fn from(v: Value<i64>) -> Self {
        Value::from_expr(v.expr)
    }
}

/// [`From<Value<i64>>`](#impl-From<Value<i64>>-for-Value<String>) for a borrowed value, so
/// `.allocated_storage(&params.storage_gib)` compiles.
///
/// ```
/// use cfn_model::prelude::*;
/// let n: Value<i64> = Value::from(20);
/// let s: Value<String> = (&n).into();
/// ```
impl From<&Value<i64>> for Value<String> {
    fn from(v: &Value<i64>) -> Self {
        Value::from_expr(v.expr.clone())
    }
}

/// A `Number` parameter of any kind (`Parameter::number()`) where a string is declared, as
/// CloudFormation converts it.
///
/// ```
/// use cfn_model::prelude::*;
/// let x: Value<String> = Value::<f64>::from(0.5).into();
/// ```
impl From<Value<f64>> for Value<String> {
    fn from(v: Value<f64>) -> Self {
        Value::from_expr(v.expr)
    }
}

/// [`From<Value<f64>>`](#impl-From<Value<f64>>-for-Value<String>) for a borrowed value.
///
/// ```
/// use cfn_model::prelude::*;
/// let n: Value<f64> = Value::from(0.5);
/// let s: Value<String> = (&n).into();
/// ```
impl From<&Value<f64>> for Value<String> {
    fn from(v: &Value<f64>) -> Self {
        Value::from_expr(v.expr.clone())
    }
}

impl From<Value<i64>> for Value<f64> {
    fn from(v: Value<i64>) -> Self {
        Value::from_expr(v.expr)
    }
}

impl From<Value<SecretString>> for Value<String> {
    fn from(v: Value<SecretString>) -> Self {
        Value::from_expr(v.expr)
    }
}

impl<R> Id<R> {
    /// Escape hatch: the id of a resource that this program does not create (`"vpc-0abc…"`).
    /// Visibly named so that reviewers see every place a reference is not checked.
    pub fn external(id: impl Into<Value<String>>) -> Value<Id<R>> {
        Value::from_expr(id.into().expr)
    }
}

impl<R> Arn<R> {
    /// Escape hatch: the ARN of a resource that this program does not create.
    pub fn external(arn: impl Into<Value<String>>) -> Value<Arn<R>> {
        Value::from_expr(arn.into().expr)
    }
}

impl<R, A> Attr<R, A> {
    /// Escape hatch: the attribute of a resource that this program does not create.
    pub fn external(value: impl Into<Value<String>>) -> Value<Attr<R, A>> {
        Value::from_expr(value.into().expr)
    }
}

impl<R> Name<R> {
    /// Escape hatch: the name of a resource that this program does not create.
    pub fn external(name: impl Into<Value<String>>) -> Value<Name<R>> {
        Value::from_expr(name.into().expr)
    }
}
