"""The scale workload in troposphere 4.11.1: N resources, security groups each with a standalone
ingress rule from the previous group (the first group's rule comes from itself), one template.

    python scale.py N OUT_DIR

troposphere refuses more than 500 resources in a template (and has no nesting); the limit is
lifted here so that the benchmark measures building and writing the same workload.
"""
import os
import sys

import troposphere
from troposphere import GetAtt, Parameter, Ref, Tags, Template, ec2

troposphere.MAX_RESOURCES = 1 << 30  # the workload is one template, over CloudFormation's limit


def build(n):
    t = Template(
        Description="Scale workload: security groups, each with a standalone ingress rule from the previous group"
    )
    vpc = t.add_parameter(
        Parameter("VpcId", Type="AWS::EC2::VPC::Id", Description="The VPC the security groups belong to")
    )
    prev = None
    for i in range((n + 1) // 2):
        sg = t.add_resource(
            ec2.SecurityGroup(
                f"Group{i}",
                GroupDescription=f"scale group {i}",
                VpcId=Ref(vpc),
                Tags=Tags(Project="scale"),
            )
        )
        if 2 * i + 1 < n:
            src = prev if prev is not None else sg
            t.add_resource(
                ec2.SecurityGroupIngress(
                    f"Group{i}Ingress",
                    FromPort=443,
                    GroupId=GetAtt(sg, "GroupId"),
                    IpProtocol="tcp",
                    SourceSecurityGroupId=GetAtt(src, "GroupId"),
                    ToPort=443,
                )
            )
        prev = sg
    return t


if __name__ == "__main__":
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "template.json"), "w") as f:
        f.write(build(n).to_json(indent=2, sort_keys=False))
