//! AWS-specific parameter types that name a resource type: a parameter of type
//! `AWS::EC2::VPC::Id` yields a `Value<Id<ec2::Vpc>>`, accepted wherever a VPC id is expected.
//! The plain ids are the generated `Resource::ID_PARAMETER_TYPES` (a generator table); here are
//! the SSM forms and security-group names.

#[allow(unused_imports)]
use crate::params::{ParamType, Ssm};
#[allow(unused_imports)]
use crate::value::{Id, Name};

macro_rules! aws_param {
    ($feature:literal, $ty:ty, $one:literal, $list:literal) => {
        #[cfg(feature = $feature)]
        impl ParamType for Ssm<$ty> {
            type Value = $ty;
            const TYPE: &'static str = concat!("AWS::SSM::Parameter::Value<", $one, ">");
        }
    };
}

#[cfg(feature = "ec2")]
impl ParamType for Name<crate::aws::ec2::SecurityGroup> {
    type Value = Name<crate::aws::ec2::SecurityGroup>;
    const TYPE: &'static str = "AWS::EC2::SecurityGroup::GroupName";
}
#[cfg(feature = "ec2")]
impl ParamType for Vec<Name<crate::aws::ec2::SecurityGroup>> {
    type Value = Vec<Name<crate::aws::ec2::SecurityGroup>>;
    const TYPE: &'static str = "List<AWS::EC2::SecurityGroup::GroupName>";
}

aws_param!(
    "ec2",
    Id<crate::aws::ec2::Vpc>,
    "AWS::EC2::VPC::Id",
    "List<AWS::EC2::VPC::Id>"
);
aws_param!(
    "ec2",
    Id<crate::aws::ec2::Subnet>,
    "AWS::EC2::Subnet::Id",
    "List<AWS::EC2::Subnet::Id>"
);
aws_param!(
    "ec2",
    Id<crate::aws::ec2::SecurityGroup>,
    "AWS::EC2::SecurityGroup::Id",
    "List<AWS::EC2::SecurityGroup::Id>"
);
aws_param!(
    "ec2",
    Name<crate::aws::ec2::SecurityGroup>,
    "AWS::EC2::SecurityGroup::GroupName",
    "List<AWS::EC2::SecurityGroup::GroupName>"
);
aws_param!(
    "ec2",
    Id<crate::aws::ec2::Instance>,
    "AWS::EC2::Instance::Id",
    "List<AWS::EC2::Instance::Id>"
);
aws_param!(
    "ec2",
    Id<crate::aws::ec2::Volume>,
    "AWS::EC2::Volume::Id",
    "List<AWS::EC2::Volume::Id>"
);
aws_param!(
    "route53",
    Id<crate::aws::route53::HostedZone>,
    "AWS::Route53::HostedZone::Id",
    "List<AWS::Route53::HostedZone::Id>"
);

#[cfg(all(test, feature = "ec2"))]
mod tests {
    use crate::prelude::*;

    #[test]
    fn typed_id_parameters_have_aws_types() {
        let mut s: Stack = Stack::new();
        let vpc = s.parameter("VpcId", Parameter::<Id<crate::aws::ec2::Vpc>>::of());
        let subnets = s.parameter("Subnets", Parameter::<Vec<Id<crate::aws::ec2::Subnet>>>::of());
        let _v: Value<Id<crate::aws::ec2::Vpc>> = vpc.value();
        let _l: Value<Vec<Id<crate::aws::ec2::Subnet>>> = subnets.value();
        let t = s.template();
        assert_eq!(t.parameters["VpcId"].type_name, "AWS::EC2::VPC::Id");
        assert_eq!(t.parameters["Subnets"].type_name, "List<AWS::EC2::Subnet::Id>");
    }
}
