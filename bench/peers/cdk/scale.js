// The scale workload in aws-cdk-lib 2.276.0: N resources, security groups each with a standalone
// ingress rule from the previous group (the first group's rule comes from itself), one stack of L1
// constructs (the CloudFormation-level API, like troposphere and cfn's generated types).
//
//     node scale.js N OUT_DIR
//
// CDK refuses more than 500 resources in a stack by default; the limit is lifted through its
// `@aws-cdk/core:stackResourceLimit` context. Creation stack traces are off, as `cdk synth` runs
// apps unless given --debug.
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');

const n = parseInt(process.argv[2], 10);
const outdir = process.argv[3];
const app = new cdk.App({
  outdir,
  context: { '@aws-cdk/core:stackResourceLimit': 0, 'aws:cdk:disable-stack-trace': true },
});
const stack = new cdk.Stack(app, 'Scale', {
  description: 'Scale workload: security groups, each with a standalone ingress rule from the previous group',
});
const vpc = new cdk.CfnParameter(stack, 'VpcId', {
  type: 'AWS::EC2::VPC::Id',
  description: 'The VPC the security groups belong to',
});
cdk.Tags.of(stack).add('Project', 'scale');
let prev = null;
for (let i = 0; i < Math.ceil(n / 2); i++) {
  const sg = new ec2.CfnSecurityGroup(stack, `Group${i}`, {
    groupDescription: `scale group ${i}`,
    vpcId: vpc.valueAsString,
  });
  if (2 * i + 1 < n) {
    new ec2.CfnSecurityGroupIngress(stack, `Group${i}Ingress`, {
      fromPort: 443,
      groupId: sg.attrGroupId,
      ipProtocol: 'tcp',
      sourceSecurityGroupId: (prev || sg).attrGroupId,
      toPort: 443,
    });
  }
  prev = sg;
}
app.synth();
