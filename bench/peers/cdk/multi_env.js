// The multi-env architecture in aws-cdk-lib 2.276.0: a root Stack and five NestedStacks
// (network, data, storage, compute, monitoring), the same resources, properties and wiring as
// cfn's `examples/multi-env` (written from its golden assembly by `../gen_multi_env.py`).
// Creation stack traces are off, as `cdk synth` runs apps unless given --debug.
//
//     node multi_env.js OUT_DIR
const cdk = require('aws-cdk-lib');

function network(stack) {
  const conditions = {};
  new cdk.CfnParameter(stack, "EnvironmentSuffix", { type: "String", description: "Suffix carried by every resource name." });
  new cdk.CfnParameter(stack, "Environment", { type: "String", description: "The environment (tags).", allowedValues: ["dev", "staging", "prod"] });
  new cdk.CfnParameter(stack, "VpcCidr", { type: "String", description: "The VPC's IPv4 block; the subnets are four /24s carved out of it.", allowedPattern: "^10\\.[0-9]{1,3}\\.0\\.0/16$" });
  const r = {};
  r["Vpc"] = new cdk.CfnResource(stack, "Vpc", {
    type: "AWS::EC2::VPC",
    properties: {"CidrBlock": cdk.Fn.ref("VpcCidr"), "EnableDnsHostnames": true, "EnableDnsSupport": true, "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-vpc-${EnvironmentSuffix}")}]},
  });
  r["InternetGateway"] = new cdk.CfnResource(stack, "InternetGateway", {
    type: "AWS::EC2::InternetGateway",
    properties: {"Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["InternetGatewayAttachment"] = new cdk.CfnResource(stack, "InternetGatewayAttachment", {
    type: "AWS::EC2::VPCGatewayAttachment",
    properties: {"InternetGatewayId": cdk.Fn.ref("InternetGateway"), "VpcId": cdk.Fn.ref("Vpc")},
  });
  r["PublicSubnet1"] = new cdk.CfnResource(stack, "PublicSubnet1", {
    type: "AWS::EC2::Subnet",
    properties: {"AvailabilityZone": cdk.Fn.select(0, cdk.Fn.getAzs("")), "CidrBlock": cdk.Fn.select(0, cdk.Fn.cidr(cdk.Fn.ref("VpcCidr"), 4, 8)), "MapPublicIpOnLaunch": true, "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-public-1-${EnvironmentSuffix}")}], "VpcId": cdk.Fn.ref("Vpc")},
  });
  r["PublicSubnet2"] = new cdk.CfnResource(stack, "PublicSubnet2", {
    type: "AWS::EC2::Subnet",
    properties: {"AvailabilityZone": cdk.Fn.select(1, cdk.Fn.getAzs("")), "CidrBlock": cdk.Fn.select(1, cdk.Fn.cidr(cdk.Fn.ref("VpcCidr"), 4, 8)), "MapPublicIpOnLaunch": true, "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-public-2-${EnvironmentSuffix}")}], "VpcId": cdk.Fn.ref("Vpc")},
  });
  r["PrivateSubnet1"] = new cdk.CfnResource(stack, "PrivateSubnet1", {
    type: "AWS::EC2::Subnet",
    properties: {"AvailabilityZone": cdk.Fn.select(0, cdk.Fn.getAzs("")), "CidrBlock": cdk.Fn.select(2, cdk.Fn.cidr(cdk.Fn.ref("VpcCidr"), 4, 8)), "MapPublicIpOnLaunch": false, "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-private-1-${EnvironmentSuffix}")}], "VpcId": cdk.Fn.ref("Vpc")},
  });
  r["PrivateSubnet2"] = new cdk.CfnResource(stack, "PrivateSubnet2", {
    type: "AWS::EC2::Subnet",
    properties: {"AvailabilityZone": cdk.Fn.select(1, cdk.Fn.getAzs("")), "CidrBlock": cdk.Fn.select(3, cdk.Fn.cidr(cdk.Fn.ref("VpcCidr"), 4, 8)), "MapPublicIpOnLaunch": false, "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-private-2-${EnvironmentSuffix}")}], "VpcId": cdk.Fn.ref("Vpc")},
  });
  r["PublicRouteTable"] = new cdk.CfnResource(stack, "PublicRouteTable", {
    type: "AWS::EC2::RouteTable",
    properties: {"Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-public-routes-${EnvironmentSuffix}")}], "VpcId": cdk.Fn.ref("Vpc")},
  });
  r["PublicDefaultRoute"] = new cdk.CfnResource(stack, "PublicDefaultRoute", {
    type: "AWS::EC2::Route",
    properties: {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": cdk.Fn.ref("InternetGateway"), "RouteTableId": cdk.Fn.ref("PublicRouteTable")},
  });
  r["PublicDefaultRoute"].addResourceDependency(r["InternetGatewayAttachment"]);
  r["NatGatewayAddress"] = new cdk.CfnResource(stack, "NatGatewayAddress", {
    type: "AWS::EC2::EIP",
    properties: {"Domain": "vpc", "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["NatGatewayAddress"].addResourceDependency(r["InternetGatewayAttachment"]);
  r["NatGateway"] = new cdk.CfnResource(stack, "NatGateway", {
    type: "AWS::EC2::NatGateway",
    properties: {"AllocationId": cdk.Token.asString(cdk.Fn.getAtt("NatGatewayAddress", "AllocationId")), "SubnetId": cdk.Fn.ref("PublicSubnet1"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-nat-${EnvironmentSuffix}")}]},
  });
  r["NatGateway"].addResourceDependency(r["InternetGatewayAttachment"]);
  r["PrivateRouteTable"] = new cdk.CfnResource(stack, "PrivateRouteTable", {
    type: "AWS::EC2::RouteTable",
    properties: {"Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-private-routes-${EnvironmentSuffix}")}], "VpcId": cdk.Fn.ref("Vpc")},
  });
  r["PrivateDefaultRoute"] = new cdk.CfnResource(stack, "PrivateDefaultRoute", {
    type: "AWS::EC2::Route",
    properties: {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": cdk.Fn.ref("NatGateway"), "RouteTableId": cdk.Fn.ref("PrivateRouteTable")},
  });
  r["PublicSubnet1RouteTableAssociation"] = new cdk.CfnResource(stack, "PublicSubnet1RouteTableAssociation", {
    type: "AWS::EC2::SubnetRouteTableAssociation",
    properties: {"RouteTableId": cdk.Fn.ref("PublicRouteTable"), "SubnetId": cdk.Fn.ref("PublicSubnet1")},
  });
  r["PublicSubnet2RouteTableAssociation"] = new cdk.CfnResource(stack, "PublicSubnet2RouteTableAssociation", {
    type: "AWS::EC2::SubnetRouteTableAssociation",
    properties: {"RouteTableId": cdk.Fn.ref("PublicRouteTable"), "SubnetId": cdk.Fn.ref("PublicSubnet2")},
  });
  r["PrivateSubnet1RouteTableAssociation"] = new cdk.CfnResource(stack, "PrivateSubnet1RouteTableAssociation", {
    type: "AWS::EC2::SubnetRouteTableAssociation",
    properties: {"RouteTableId": cdk.Fn.ref("PrivateRouteTable"), "SubnetId": cdk.Fn.ref("PrivateSubnet1")},
  });
  r["PrivateSubnet2RouteTableAssociation"] = new cdk.CfnResource(stack, "PrivateSubnet2RouteTableAssociation", {
    type: "AWS::EC2::SubnetRouteTableAssociation",
    properties: {"RouteTableId": cdk.Fn.ref("PrivateRouteTable"), "SubnetId": cdk.Fn.ref("PrivateSubnet2")},
  });
  r["AlbSecurityGroup"] = new cdk.CfnResource(stack, "AlbSecurityGroup", {
    type: "AWS::EC2::SecurityGroup",
    properties: {"GroupDescription": "Load balancer: HTTP from the internet", "GroupName": cdk.Fn.sub("healthtech-alb-sg-${EnvironmentSuffix}"), "SecurityGroupIngress": [{"CidrIp": "0.0.0.0/0", "FromPort": 80, "IpProtocol": "tcp", "ToPort": 80}], "VpcId": cdk.Fn.ref("Vpc"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["EcsSecurityGroup"] = new cdk.CfnResource(stack, "EcsSecurityGroup", {
    type: "AWS::EC2::SecurityGroup",
    properties: {"GroupDescription": "ECS tasks: from the load balancer; to the database, the file system and HTTPS", "GroupName": cdk.Fn.sub("healthtech-ecs-sg-${EnvironmentSuffix}"), "SecurityGroupEgress": [{"CidrIp": "0.0.0.0/0", "FromPort": 443, "IpProtocol": "tcp", "ToPort": 443}], "VpcId": cdk.Fn.ref("Vpc"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["DbSecurityGroup"] = new cdk.CfnResource(stack, "DbSecurityGroup", {
    type: "AWS::EC2::SecurityGroup",
    properties: {"GroupDescription": "Database: PostgreSQL from the ECS tasks", "GroupName": cdk.Fn.sub("healthtech-db-sg-${EnvironmentSuffix}"), "VpcId": cdk.Fn.ref("Vpc"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["EfsSecurityGroup"] = new cdk.CfnResource(stack, "EfsSecurityGroup", {
    type: "AWS::EC2::SecurityGroup",
    properties: {"GroupDescription": "File system: NFS from the ECS tasks", "GroupName": cdk.Fn.sub("healthtech-efs-sg-${EnvironmentSuffix}"), "VpcId": cdk.Fn.ref("Vpc"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["AlbSecurityGroupToEcsSecurityGroupTcp8080Egress"] = new cdk.CfnResource(stack, "AlbSecurityGroupToEcsSecurityGroupTcp8080Egress", {
    type: "AWS::EC2::SecurityGroupEgress",
    properties: {"Description": "AlbSecurityGroup to EcsSecurityGroup Tcp8080", "DestinationSecurityGroupId": cdk.Token.asString(cdk.Fn.getAtt("EcsSecurityGroup", "GroupId")), "FromPort": 8080, "GroupId": cdk.Token.asString(cdk.Fn.getAtt("AlbSecurityGroup", "GroupId")), "IpProtocol": "tcp", "ToPort": 8080},
  });
  r["AlbSecurityGroupToEcsSecurityGroupTcp8080Ingress"] = new cdk.CfnResource(stack, "AlbSecurityGroupToEcsSecurityGroupTcp8080Ingress", {
    type: "AWS::EC2::SecurityGroupIngress",
    properties: {"Description": "AlbSecurityGroup to EcsSecurityGroup Tcp8080", "FromPort": 8080, "GroupId": cdk.Token.asString(cdk.Fn.getAtt("EcsSecurityGroup", "GroupId")), "IpProtocol": "tcp", "SourceSecurityGroupId": cdk.Token.asString(cdk.Fn.getAtt("AlbSecurityGroup", "GroupId")), "ToPort": 8080},
  });
  r["EcsSecurityGroupToDbSecurityGroupTcp5432Egress"] = new cdk.CfnResource(stack, "EcsSecurityGroupToDbSecurityGroupTcp5432Egress", {
    type: "AWS::EC2::SecurityGroupEgress",
    properties: {"Description": "EcsSecurityGroup to DbSecurityGroup Tcp5432", "DestinationSecurityGroupId": cdk.Token.asString(cdk.Fn.getAtt("DbSecurityGroup", "GroupId")), "FromPort": 5432, "GroupId": cdk.Token.asString(cdk.Fn.getAtt("EcsSecurityGroup", "GroupId")), "IpProtocol": "tcp", "ToPort": 5432},
  });
  r["EcsSecurityGroupToDbSecurityGroupTcp5432Ingress"] = new cdk.CfnResource(stack, "EcsSecurityGroupToDbSecurityGroupTcp5432Ingress", {
    type: "AWS::EC2::SecurityGroupIngress",
    properties: {"Description": "EcsSecurityGroup to DbSecurityGroup Tcp5432", "FromPort": 5432, "GroupId": cdk.Token.asString(cdk.Fn.getAtt("DbSecurityGroup", "GroupId")), "IpProtocol": "tcp", "SourceSecurityGroupId": cdk.Token.asString(cdk.Fn.getAtt("EcsSecurityGroup", "GroupId")), "ToPort": 5432},
  });
  r["EcsSecurityGroupToEfsSecurityGroupTcp2049Egress"] = new cdk.CfnResource(stack, "EcsSecurityGroupToEfsSecurityGroupTcp2049Egress", {
    type: "AWS::EC2::SecurityGroupEgress",
    properties: {"Description": "EcsSecurityGroup to EfsSecurityGroup Tcp2049", "DestinationSecurityGroupId": cdk.Token.asString(cdk.Fn.getAtt("EfsSecurityGroup", "GroupId")), "FromPort": 2049, "GroupId": cdk.Token.asString(cdk.Fn.getAtt("EcsSecurityGroup", "GroupId")), "IpProtocol": "tcp", "ToPort": 2049},
  });
  r["EcsSecurityGroupToEfsSecurityGroupTcp2049Ingress"] = new cdk.CfnResource(stack, "EcsSecurityGroupToEfsSecurityGroupTcp2049Ingress", {
    type: "AWS::EC2::SecurityGroupIngress",
    properties: {"Description": "EcsSecurityGroup to EfsSecurityGroup Tcp2049", "FromPort": 2049, "GroupId": cdk.Token.asString(cdk.Fn.getAtt("EfsSecurityGroup", "GroupId")), "IpProtocol": "tcp", "SourceSecurityGroupId": cdk.Token.asString(cdk.Fn.getAtt("EcsSecurityGroup", "GroupId")), "ToPort": 2049},
  });
  new cdk.CfnOutput(stack, "OutputVpcId", { value: cdk.Fn.ref("Vpc"), description: "The VPC." }).overrideLogicalId("VpcId");
  new cdk.CfnOutput(stack, "OutputPublicSubnet1Id", { value: cdk.Fn.ref("PublicSubnet1"), description: "Public subnet in the first availability zone (load balancer, NAT gateway)." }).overrideLogicalId("PublicSubnet1Id");
  new cdk.CfnOutput(stack, "OutputPublicSubnet2Id", { value: cdk.Fn.ref("PublicSubnet2"), description: "Public subnet in the second availability zone (load balancer)." }).overrideLogicalId("PublicSubnet2Id");
  new cdk.CfnOutput(stack, "OutputPrivateSubnet1Id", { value: cdk.Fn.ref("PrivateSubnet1"), description: "Private subnet in the first availability zone (tasks, database, file system)." }).overrideLogicalId("PrivateSubnet1Id");
  new cdk.CfnOutput(stack, "OutputPrivateSubnet2Id", { value: cdk.Fn.ref("PrivateSubnet2"), description: "Private subnet in the second availability zone (tasks, database, file system)." }).overrideLogicalId("PrivateSubnet2Id");
  new cdk.CfnOutput(stack, "OutputAlbSecurityGroupId", { value: cdk.Token.asString(cdk.Fn.getAtt("AlbSecurityGroup", "GroupId")), description: "The load balancer's group: HTTP from the internet, out to the tasks." }).overrideLogicalId("AlbSecurityGroupId");
  new cdk.CfnOutput(stack, "OutputEcsSecurityGroupId", { value: cdk.Token.asString(cdk.Fn.getAtt("EcsSecurityGroup", "GroupId")), description: "The tasks' group: in from the load balancer, out to the database, the file system and HTTPS." }).overrideLogicalId("EcsSecurityGroupId");
  new cdk.CfnOutput(stack, "OutputDbSecurityGroupId", { value: cdk.Token.asString(cdk.Fn.getAtt("DbSecurityGroup", "GroupId")), description: "The database's group: PostgreSQL from the tasks." }).overrideLogicalId("DbSecurityGroupId");
  new cdk.CfnOutput(stack, "OutputEfsSecurityGroupId", { value: cdk.Token.asString(cdk.Fn.getAtt("EfsSecurityGroup", "GroupId")), description: "The file system's group: NFS from the tasks." }).overrideLogicalId("EfsSecurityGroupId");
}

function data(stack) {
  const conditions = {};
  new cdk.CfnParameter(stack, "EnvironmentSuffix", { type: "String", description: "Suffix carried by every resource name." });
  new cdk.CfnParameter(stack, "Environment", { type: "String", description: "The environment (tags, `IsProduction`).", allowedValues: ["dev", "staging", "prod"] });
  new cdk.CfnParameter(stack, "PrivateSubnetIds", { type: "List<AWS::EC2::Subnet::Id>", description: "The private subnets the database lives in." });
  new cdk.CfnParameter(stack, "DbSecurityGroupId", { type: "AWS::EC2::SecurityGroup::Id", description: "The database's security group (its rules live in the networking stack)." });
  new cdk.CfnParameter(stack, "DbInstanceClass", { type: "String", description: "RDS instance class.", allowedPattern: "^db\\.[a-z0-9]+\\.[a-z0-9]+$" });
  new cdk.CfnParameter(stack, "DbAllocatedStorage", { type: "String", description: "RDS allocated storage in GiB.", allowedPattern: "^[0-9]+$" });
  new cdk.CfnParameter(stack, "DbBackupRetentionDays", { type: "Number", description: "Days RDS keeps automated backups.", minValue: 1, maxValue: 35 });
  conditions["IsProduction"] = new cdk.CfnCondition(stack, "ConditionIsProduction", { expression: cdk.Fn.conditionEquals(cdk.Fn.ref("Environment"), "prod") });
  conditions["IsProduction"].overrideLogicalId("IsProduction");
  const r = {};
  r["EncryptionKey"] = new cdk.CfnResource(stack, "EncryptionKey", {
    type: "AWS::KMS::Key",
    properties: {"Description": cdk.Fn.sub("healthtech ${EnvironmentSuffix}: RDS and EFS storage"), "EnableKeyRotation": true, "PendingWindowInDays": 30, "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-key-${EnvironmentSuffix}")}]},
  });
  r["EncryptionKey"].cfnOptions.deletionPolicy = cdk.CfnDeletionPolicy.RETAIN;
  r["EncryptionKey"].cfnOptions.updateReplacePolicy = cdk.CfnDeletionPolicy.RETAIN;
  r["EncryptionKeyAlias"] = new cdk.CfnResource(stack, "EncryptionKeyAlias", {
    type: "AWS::KMS::Alias",
    properties: {"AliasName": cdk.Fn.sub("alias/healthtech-${EnvironmentSuffix}"), "TargetKeyId": cdk.Fn.ref("EncryptionKey")},
  });
  r["DbSubnetGroup"] = new cdk.CfnResource(stack, "DbSubnetGroup", {
    type: "AWS::RDS::DBSubnetGroup",
    properties: {"DBSubnetGroupDescription": "healthtech database: private subnets", "DBSubnetGroupName": cdk.Fn.sub("healthtech-db-subnets-${EnvironmentSuffix}"), "SubnetIds": cdk.Fn.ref("PrivateSubnetIds"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["Database"] = new cdk.CfnResource(stack, "Database", {
    type: "AWS::RDS::DBInstance",
    properties: {"AllocatedStorage": cdk.Fn.ref("DbAllocatedStorage"), "AutoMinorVersionUpgrade": true, "BackupRetentionPeriod": cdk.Fn.ref("DbBackupRetentionDays"), "CopyTagsToSnapshot": true, "DBInstanceClass": cdk.Fn.ref("DbInstanceClass"), "DBInstanceIdentifier": cdk.Fn.sub("healthtech-db-${EnvironmentSuffix}"), "DBSubnetGroupName": cdk.Fn.ref("DbSubnetGroup"), "DeletionProtection": cdk.Fn.conditionIf("IsProduction", true, false), "EnableCloudwatchLogsExports": ["postgresql"], "Engine": "postgres", "EngineVersion": "15.14", "KmsKeyId": cdk.Token.asString(cdk.Fn.getAtt("EncryptionKey", "Arn")), "MasterUserPassword": "{{resolve:secretsmanager:healthtech/rds/credentials:SecretString:password}}", "MasterUsername": "{{resolve:secretsmanager:healthtech/rds/credentials:SecretString:username}}", "MultiAZ": cdk.Fn.conditionIf("IsProduction", true, false), "PubliclyAccessible": false, "StorageEncrypted": true, "StorageType": "gp3", "VPCSecurityGroups": [cdk.Fn.ref("DbSecurityGroupId")], "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["Database"].cfnOptions.deletionPolicy = cdk.CfnDeletionPolicy.SNAPSHOT;
  r["Database"].cfnOptions.updateReplacePolicy = cdk.CfnDeletionPolicy.SNAPSHOT;
  r["DbEndpointAddress"] = new cdk.CfnResource(stack, "DbEndpointAddress", {
    type: "AWS::SSM::Parameter",
    properties: {"Description": "Database endpoint address", "Name": cdk.Fn.sub("/healthtech/${EnvironmentSuffix}/db/endpoint"), "Type": "String", "Value": cdk.Token.asString(cdk.Fn.getAtt("Database", "Endpoint.Address")), "Tags": {"Environment": cdk.Fn.ref("Environment"), "Project": "healthtech", "ManagedBy": "cfn"}},
  });
  r["DbEndpointPort"] = new cdk.CfnResource(stack, "DbEndpointPort", {
    type: "AWS::SSM::Parameter",
    properties: {"Description": "Database endpoint port", "Name": cdk.Fn.sub("/healthtech/${EnvironmentSuffix}/db/port"), "Type": "String", "Value": cdk.Token.asString(cdk.Fn.getAtt("Database", "Endpoint.Port")), "Tags": {"Environment": cdk.Fn.ref("Environment"), "Project": "healthtech", "ManagedBy": "cfn"}},
  });
  new cdk.CfnOutput(stack, "OutputKmsKeyArn", { value: cdk.Token.asString(cdk.Fn.getAtt("EncryptionKey", "Arn")), description: "The environment's KMS key (RDS and EFS storage encryption)." }).overrideLogicalId("KmsKeyArn");
  new cdk.CfnOutput(stack, "OutputDbInstanceId", { value: cdk.Fn.ref("Database"), description: "The database instance identifier (CloudWatch dimension)." }).overrideLogicalId("DbInstanceId");
  new cdk.CfnOutput(stack, "OutputDbEndpointAddress", { value: cdk.Token.asString(cdk.Fn.getAtt("Database", "Endpoint.Address")), description: "The database endpoint's host name." }).overrideLogicalId("DbEndpointAddress");
  new cdk.CfnOutput(stack, "OutputDbEndpointPort", { value: cdk.Token.asString(cdk.Fn.getAtt("Database", "Endpoint.Port")), description: "The database endpoint's port." }).overrideLogicalId("DbEndpointPort");
  new cdk.CfnOutput(stack, "OutputDbEndpointParameterName", { value: cdk.Fn.ref("DbEndpointAddress"), description: "The SSM parameter holding the endpoint's host name." }).overrideLogicalId("DbEndpointParameterName");
  new cdk.CfnOutput(stack, "OutputDbEndpointParameterArn", { value: cdk.Token.asString(cdk.Fn.getAtt("DbEndpointAddress", "Arn")), description: "Its ARN (what ECS `Secrets[].ValueFrom` and IAM policies take)." }).overrideLogicalId("DbEndpointParameterArn");
  new cdk.CfnOutput(stack, "OutputDbPortParameterArn", { value: cdk.Token.asString(cdk.Fn.getAtt("DbEndpointPort", "Arn")), description: "The ARN of the SSM parameter holding the endpoint's port." }).overrideLogicalId("DbPortParameterArn");
}

function storage(stack) {
  const conditions = {};
  new cdk.CfnParameter(stack, "EnvironmentSuffix", { type: "String", description: "Suffix carried by every resource name." });
  new cdk.CfnParameter(stack, "Environment", { type: "String", description: "The environment (tags, `IsProduction`).", allowedValues: ["dev", "staging", "prod"] });
  new cdk.CfnParameter(stack, "PrivateSubnet1", { type: "AWS::EC2::Subnet::Id", description: "The first private subnet (one mount target)." });
  new cdk.CfnParameter(stack, "PrivateSubnet2", { type: "AWS::EC2::Subnet::Id", description: "The second private subnet (one mount target)." });
  new cdk.CfnParameter(stack, "EfsSecurityGroupId", { type: "AWS::EC2::SecurityGroup::Id", description: "The file system's security group (its NFS rule lives in the networking stack)." });
  new cdk.CfnParameter(stack, "KmsKeyArn", { type: "String", description: "The KMS key that encrypts the file system." });
  conditions["IsProduction"] = new cdk.CfnCondition(stack, "ConditionIsProduction", { expression: cdk.Fn.conditionEquals(cdk.Fn.ref("Environment"), "prod") });
  conditions["IsProduction"].overrideLogicalId("IsProduction");
  const r = {};
  r["FileSystem"] = new cdk.CfnResource(stack, "FileSystem", {
    type: "AWS::EFS::FileSystem",
    properties: {"BackupPolicy": {"Status": cdk.Fn.conditionIf("IsProduction", "ENABLED", "DISABLED")}, "Encrypted": true, "FileSystemTags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-files-${EnvironmentSuffix}")}], "KmsKeyId": cdk.Fn.ref("KmsKeyArn"), "LifecyclePolicies": [{"TransitionToIA": "AFTER_30_DAYS"}], "PerformanceMode": "generalPurpose", "ThroughputMode": "elastic"},
  });
  r["FileSystem"].cfnOptions.deletionPolicy = cdk.CfnDeletionPolicy.RETAIN;
  r["FileSystem"].cfnOptions.updateReplacePolicy = cdk.CfnDeletionPolicy.RETAIN;
  r["FileSystemMountTargetPrivateSubnet1"] = new cdk.CfnResource(stack, "FileSystemMountTargetPrivateSubnet1", {
    type: "AWS::EFS::MountTarget",
    properties: {"FileSystemId": cdk.Fn.ref("FileSystem"), "SecurityGroups": [cdk.Fn.ref("EfsSecurityGroupId")], "SubnetId": cdk.Fn.ref("PrivateSubnet1")},
  });
  r["FileSystemMountTargetPrivateSubnet2"] = new cdk.CfnResource(stack, "FileSystemMountTargetPrivateSubnet2", {
    type: "AWS::EFS::MountTarget",
    properties: {"FileSystemId": cdk.Fn.ref("FileSystem"), "SecurityGroups": [cdk.Fn.ref("EfsSecurityGroupId")], "SubnetId": cdk.Fn.ref("PrivateSubnet2")},
  });
  r["AccessPoint"] = new cdk.CfnResource(stack, "AccessPoint", {
    type: "AWS::EFS::AccessPoint",
    properties: {"AccessPointTags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-app-data-${EnvironmentSuffix}")}], "FileSystemId": cdk.Fn.ref("FileSystem"), "PosixUser": {"Gid": "1000", "Uid": "1000"}, "RootDirectory": {"CreationInfo": {"OwnerGid": "1000", "OwnerUid": "1000", "Permissions": "0750"}, "Path": "/app"}},
  });
  new cdk.CfnOutput(stack, "OutputFileSystemId", { value: cdk.Fn.ref("FileSystem"), description: "The file system, mounted: only `stack.mount` yields this type, and a stack reading it from this output waits for this whole stack, every mount target included." }).overrideLogicalId("FileSystemId");
  new cdk.CfnOutput(stack, "OutputFileSystemArn", { value: cdk.Token.asString(cdk.Fn.getAtt("FileSystem", "Arn")), description: "The file system's ARN (IAM policies)." }).overrideLogicalId("FileSystemArn");
  new cdk.CfnOutput(stack, "OutputAccessPointId", { value: cdk.Token.asString(cdk.Fn.getAtt("AccessPoint", "AccessPointId")), description: "The access point the tasks mount." }).overrideLogicalId("AccessPointId");
  new cdk.CfnOutput(stack, "OutputAccessPointArn", { value: cdk.Token.asString(cdk.Fn.getAtt("AccessPoint", "Arn")), description: "The access point's ARN (IAM policies)." }).overrideLogicalId("AccessPointArn");
}

function compute(stack) {
  const conditions = {};
  new cdk.CfnParameter(stack, "EnvironmentSuffix", { type: "String", description: "Suffix carried by every resource name." });
  new cdk.CfnParameter(stack, "Environment", { type: "String", description: "The environment (tags, `IsProduction`).", allowedValues: ["dev", "staging", "prod"] });
  new cdk.CfnParameter(stack, "VpcId", { type: "AWS::EC2::VPC::Id", description: "The VPC (target group)." });
  new cdk.CfnParameter(stack, "PublicSubnetIds", { type: "List<AWS::EC2::Subnet::Id>", description: "The public subnets (load balancer)." });
  new cdk.CfnParameter(stack, "PrivateSubnetIds", { type: "List<AWS::EC2::Subnet::Id>", description: "The private subnets (tasks)." });
  new cdk.CfnParameter(stack, "AlbSecurityGroupId", { type: "AWS::EC2::SecurityGroup::Id", description: "The load balancer's security group." });
  new cdk.CfnParameter(stack, "EcsSecurityGroupId", { type: "AWS::EC2::SecurityGroup::Id", description: "The tasks' security group." });
  new cdk.CfnParameter(stack, "FileSystemId", { type: "String", description: "The file system, mounted (every mount target exists).", allowedPattern: "^fs-[0-9a-f]{8,40}$" });
  new cdk.CfnParameter(stack, "FileSystemArn", { type: "String", description: "The file system's ARN." });
  new cdk.CfnParameter(stack, "AccessPointId", { type: "String", description: "The access point the tasks mount." });
  new cdk.CfnParameter(stack, "AccessPointArn", { type: "String", description: "The access point's ARN." });
  new cdk.CfnParameter(stack, "DbEndpointParameterArn", { type: "String", description: "The SSM parameter holding the database host name." });
  new cdk.CfnParameter(stack, "DbPortParameterArn", { type: "String", description: "The SSM parameter holding the database port." });
  new cdk.CfnParameter(stack, "ContainerImage", { type: "String", description: "The application image; it listens on port 8080." });
  new cdk.CfnParameter(stack, "TaskCpu", { type: "String", description: "Fargate task CPU units.", allowedValues: ["256", "512", "1024", "2048", "4096"] });
  new cdk.CfnParameter(stack, "TaskMemory", { type: "String", description: "Fargate task memory in MiB.", allowedPattern: "^[0-9]+$" });
  new cdk.CfnParameter(stack, "DesiredCount", { type: "Number", description: "How many tasks the service runs.", minValue: 1, maxValue: 20 });
  new cdk.CfnParameter(stack, "LogRetentionDays", { type: "Number", description: "Days CloudWatch Logs keeps the application's logs.", allowedValues: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365] });
  conditions["IsProduction"] = new cdk.CfnCondition(stack, "ConditionIsProduction", { expression: cdk.Fn.conditionEquals(cdk.Fn.ref("Environment"), "prod") });
  conditions["IsProduction"].overrideLogicalId("IsProduction");
  const r = {};
  r["LogGroup"] = new cdk.CfnResource(stack, "LogGroup", {
    type: "AWS::Logs::LogGroup",
    properties: {"LogGroupName": cdk.Fn.sub("/ecs/healthtech-${EnvironmentSuffix}"), "RetentionInDays": cdk.Fn.ref("LogRetentionDays"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["LogGroup"].cfnOptions.deletionPolicy = cdk.CfnDeletionPolicy.DELETE;
  r["LogGroup"].cfnOptions.updateReplacePolicy = cdk.CfnDeletionPolicy.DELETE;
  r["Cluster"] = new cdk.CfnResource(stack, "Cluster", {
    type: "AWS::ECS::Cluster",
    properties: {"ClusterName": cdk.Fn.sub("healthtech-cluster-${EnvironmentSuffix}"), "ClusterSettings": [{"Name": "containerInsights", "Value": "enabled"}], "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["TaskExecutionRole"] = new cdk.CfnResource(stack, "TaskExecutionRole", {
    type: "AWS::IAM::Role",
    properties: {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": cdk.Fn.ref("AWS::AccountId")}}}]}, "Description": "ECS agent: pull the image, write logs, read the task's secrets", "Policies": [{"PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ecr:GetAuthorizationToken"], "Resource": ["*"]}, {"Effect": "Allow", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "Resource": [cdk.Fn.sub("arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/*")]}, {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": [cdk.Token.asString(cdk.Fn.getAtt("LogGroup", "Arn"))]}, {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": [cdk.Fn.sub("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:healthtech/rds/credentials-??????")]}, {"Effect": "Allow", "Action": ["ssm:GetParameters"], "Resource": [cdk.Fn.ref("DbEndpointParameterArn"), cdk.Fn.ref("DbPortParameterArn")]}]}, "PolicyName": "task-execution"}], "RoleName": cdk.Fn.sub("healthtech-task-execution-${EnvironmentSuffix}"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["TaskRole"] = new cdk.CfnResource(stack, "TaskRole", {
    type: "AWS::IAM::Role",
    properties: {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": cdk.Fn.ref("AWS::AccountId")}}}]}, "Description": "The application: its EFS access point, nothing else", "Policies": [{"PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], "Resource": [cdk.Fn.ref("FileSystemArn")], "Condition": {"StringEquals": {"elasticfilesystem:AccessPointArn": cdk.Fn.ref("AccessPointArn")}}}]}, "PolicyName": "efs-access-point"}], "RoleName": cdk.Fn.sub("healthtech-task-${EnvironmentSuffix}"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["TaskDefinition"] = new cdk.CfnResource(stack, "TaskDefinition", {
    type: "AWS::ECS::TaskDefinition",
    properties: {"ContainerDefinitions": [{"Essential": true, "Image": cdk.Fn.ref("ContainerImage"), "LogConfiguration": {"LogDriver": "awslogs", "Options": {"awslogs-group": cdk.Fn.ref("LogGroup"), "awslogs-region": cdk.Fn.ref("AWS::Region"), "awslogs-stream-prefix": "app"}}, "MountPoints": [{"ContainerPath": "/data", "ReadOnly": false, "SourceVolume": "data"}], "Name": "app", "PortMappings": [{"ContainerPort": 8080, "Protocol": "tcp"}], "Secrets": [{"Name": "DB_USERNAME", "ValueFrom": cdk.Fn.sub("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:healthtech/rds/credentials:username::")}, {"Name": "DB_PASSWORD", "ValueFrom": cdk.Fn.sub("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:healthtech/rds/credentials:password::")}, {"Name": "DB_HOST", "ValueFrom": cdk.Fn.ref("DbEndpointParameterArn")}, {"Name": "DB_PORT", "ValueFrom": cdk.Fn.ref("DbPortParameterArn")}]}], "Cpu": cdk.Fn.ref("TaskCpu"), "ExecutionRoleArn": cdk.Token.asString(cdk.Fn.getAtt("TaskExecutionRole", "Arn")), "Family": cdk.Fn.sub("healthtech-app-${EnvironmentSuffix}"), "Memory": cdk.Fn.ref("TaskMemory"), "NetworkMode": "awsvpc", "RequiresCompatibilities": ["FARGATE"], "TaskRoleArn": cdk.Token.asString(cdk.Fn.getAtt("TaskRole", "Arn")), "Volumes": [{"EFSVolumeConfiguration": {"AuthorizationConfig": {"AccessPointId": cdk.Fn.ref("AccessPointId"), "IAM": "ENABLED"}, "FilesystemId": cdk.Fn.ref("FileSystemId"), "TransitEncryption": "ENABLED"}, "Name": "data"}], "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["LoadBalancer"] = new cdk.CfnResource(stack, "LoadBalancer", {
    type: "AWS::ElasticLoadBalancingV2::LoadBalancer",
    properties: {"LoadBalancerAttributes": [{"Key": "deletion_protection.enabled", "Value": cdk.Fn.conditionIf("IsProduction", "true", "false")}, {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}], "Name": cdk.Fn.sub("healthtech-alb-${EnvironmentSuffix}"), "Scheme": "internet-facing", "SecurityGroups": [cdk.Fn.ref("AlbSecurityGroupId")], "Subnets": cdk.Fn.ref("PublicSubnetIds"), "Type": "application", "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["TargetGroup"] = new cdk.CfnResource(stack, "TargetGroup", {
    type: "AWS::ElasticLoadBalancingV2::TargetGroup",
    properties: {"HealthCheckPath": "/", "HealthCheckProtocol": "HTTP", "Matcher": {"HttpCode": "200"}, "Name": cdk.Fn.sub("healthtech-tg-${EnvironmentSuffix}"), "Port": 8080, "Protocol": "HTTP", "TargetGroupAttributes": [{"Key": "deregistration_delay.timeout_seconds", "Value": "30"}], "TargetType": "ip", "VpcId": cdk.Fn.ref("VpcId"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["HttpListener"] = new cdk.CfnResource(stack, "HttpListener", {
    type: "AWS::ElasticLoadBalancingV2::Listener",
    properties: {"DefaultActions": [{"TargetGroupArn": cdk.Fn.ref("TargetGroup"), "Type": "forward"}], "LoadBalancerArn": cdk.Fn.ref("LoadBalancer"), "Port": 80, "Protocol": "HTTP", "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["Service"] = new cdk.CfnResource(stack, "Service", {
    type: "AWS::ECS::Service",
    properties: {"Cluster": cdk.Fn.ref("Cluster"), "DeploymentConfiguration": {"DeploymentCircuitBreaker": {"Enable": true, "Rollback": true}, "MaximumPercent": 200, "MinimumHealthyPercent": 100}, "DesiredCount": cdk.Fn.ref("DesiredCount"), "EnableECSManagedTags": true, "HealthCheckGracePeriodSeconds": 60, "LaunchType": "FARGATE", "LoadBalancers": [{"ContainerName": "app", "ContainerPort": 8080, "TargetGroupArn": cdk.Fn.ref("TargetGroup")}], "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "DISABLED", "SecurityGroups": [cdk.Fn.ref("EcsSecurityGroupId")], "Subnets": cdk.Fn.ref("PrivateSubnetIds")}}, "PropagateTags": "SERVICE", "ServiceName": cdk.Fn.sub("healthtech-service-${EnvironmentSuffix}"), "TaskDefinition": cdk.Fn.ref("TaskDefinition"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["Service"].addResourceDependency(r["HttpListener"]);
  new cdk.CfnOutput(stack, "OutputLoadBalancerDnsName", { value: cdk.Token.asString(cdk.Fn.getAtt("LoadBalancer", "DNSName")), description: "The load balancer's DNS name." }).overrideLogicalId("LoadBalancerDnsName");
  new cdk.CfnOutput(stack, "OutputLoadBalancerFullName", { value: cdk.Token.asString(cdk.Fn.getAtt("LoadBalancer", "LoadBalancerFullName")), description: "The load balancer's full name (CloudWatch dimension)." }).overrideLogicalId("LoadBalancerFullName");
  new cdk.CfnOutput(stack, "OutputServiceUrl", { value: cdk.Fn.sub("http://${LoadBalancer.DNSName}"), description: "The application's URL." }).overrideLogicalId("ServiceUrl");
  new cdk.CfnOutput(stack, "OutputClusterName", { value: cdk.Fn.ref("Cluster"), description: "The ECS cluster's name." }).overrideLogicalId("ClusterName");
  new cdk.CfnOutput(stack, "OutputServiceName", { value: cdk.Token.asString(cdk.Fn.getAtt("Service", "Name")), description: "The ECS service's name." }).overrideLogicalId("ServiceName");
}

function monitoring(stack) {
  const conditions = {};
  new cdk.CfnParameter(stack, "EnvironmentSuffix", { type: "String", description: "Suffix carried by every resource name." });
  new cdk.CfnParameter(stack, "Environment", { type: "String", description: "The environment (tags).", allowedValues: ["dev", "staging", "prod"] });
  new cdk.CfnParameter(stack, "LoadBalancerDnsName", { type: "String", description: "The load balancer's DNS name (health check target)." });
  new cdk.CfnParameter(stack, "LoadBalancerFullName", { type: "String", description: "The load balancer's full name (`LoadBalancer` dimension)." });
  new cdk.CfnParameter(stack, "ClusterName", { type: "String", description: "The ECS cluster (`ClusterName` dimension)." });
  new cdk.CfnParameter(stack, "ServiceName", { type: "String", description: "The ECS service (`ServiceName` dimension)." });
  new cdk.CfnParameter(stack, "DbInstanceId", { type: "String", description: "The database instance (`DBInstanceIdentifier` dimension)." });
  new cdk.CfnParameter(stack, "Alb5xxThreshold", { type: "Number", description: "Load balancer 5xx responses in five minutes that raise the alarm.", minValue: 1 });
  new cdk.CfnParameter(stack, "EcsCpuThreshold", { type: "Number", description: "Average ECS service CPU (percent) that raises the alarm.", minValue: 1, maxValue: 100 });
  new cdk.CfnParameter(stack, "DbCpuThreshold", { type: "Number", description: "Average RDS CPU (percent) that raises the alarm.", minValue: 1, maxValue: 100 });
  new cdk.CfnParameter(stack, "DbFreeStorageThreshold", { type: "Number", description: "RDS free storage (bytes) below which the alarm is raised.", minValue: 0 });
  const r = {};
  r["AlarmTopic"] = new cdk.CfnResource(stack, "AlarmTopic", {
    type: "AWS::SNS::Topic",
    properties: {"DisplayName": "healthtech alarms", "TopicName": cdk.Fn.sub("healthtech-alarms-${EnvironmentSuffix}"), "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["HealthCheck"] = new cdk.CfnResource(stack, "HealthCheck", {
    type: "AWS::Route53::HealthCheck",
    properties: {"HealthCheckConfig": {"FailureThreshold": 3, "FullyQualifiedDomainName": cdk.Fn.ref("LoadBalancerDnsName"), "Port": 80, "RequestInterval": 30, "ResourcePath": "/", "Type": "HTTP"}, "HealthCheckTags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}, {"Key": "Name", "Value": cdk.Fn.sub("healthtech-health-${EnvironmentSuffix}")}]},
  });
  r["Alb5xxAlarm"] = new cdk.CfnResource(stack, "Alb5xxAlarm", {
    type: "AWS::CloudWatch::Alarm",
    properties: {"AlarmActions": [cdk.Fn.ref("AlarmTopic")], "AlarmDescription": "The load balancer answers with 5xx errors", "AlarmName": cdk.Fn.sub("healthtech-alb-5xx-${EnvironmentSuffix}"), "ComparisonOperator": "GreaterThanThreshold", "Dimensions": [{"Name": "LoadBalancer", "Value": cdk.Fn.ref("LoadBalancerFullName")}], "EvaluationPeriods": 2, "MetricName": "HTTPCode_ELB_5XX_Count", "Namespace": "AWS/ApplicationELB", "OKActions": [cdk.Fn.ref("AlarmTopic")], "Period": 300, "Statistic": "Sum", "Threshold": cdk.Fn.ref("Alb5xxThreshold"), "TreatMissingData": "notBreaching", "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["EcsCpuAlarm"] = new cdk.CfnResource(stack, "EcsCpuAlarm", {
    type: "AWS::CloudWatch::Alarm",
    properties: {"AlarmActions": [cdk.Fn.ref("AlarmTopic")], "AlarmDescription": "The service's CPU is high", "AlarmName": cdk.Fn.sub("healthtech-ecs-cpu-${EnvironmentSuffix}"), "ComparisonOperator": "GreaterThanThreshold", "Dimensions": [{"Name": "ClusterName", "Value": cdk.Fn.ref("ClusterName")}, {"Name": "ServiceName", "Value": cdk.Fn.ref("ServiceName")}], "EvaluationPeriods": 2, "MetricName": "CPUUtilization", "Namespace": "AWS/ECS", "OKActions": [cdk.Fn.ref("AlarmTopic")], "Period": 300, "Statistic": "Average", "Threshold": cdk.Fn.ref("EcsCpuThreshold"), "TreatMissingData": "notBreaching", "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["DbCpuAlarm"] = new cdk.CfnResource(stack, "DbCpuAlarm", {
    type: "AWS::CloudWatch::Alarm",
    properties: {"AlarmActions": [cdk.Fn.ref("AlarmTopic")], "AlarmDescription": "The database's CPU is high", "AlarmName": cdk.Fn.sub("healthtech-db-cpu-${EnvironmentSuffix}"), "ComparisonOperator": "GreaterThanThreshold", "Dimensions": [{"Name": "DBInstanceIdentifier", "Value": cdk.Fn.ref("DbInstanceId")}], "EvaluationPeriods": 2, "MetricName": "CPUUtilization", "Namespace": "AWS/RDS", "OKActions": [cdk.Fn.ref("AlarmTopic")], "Period": 300, "Statistic": "Average", "Threshold": cdk.Fn.ref("DbCpuThreshold"), "TreatMissingData": "notBreaching", "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  r["DbFreeStorageAlarm"] = new cdk.CfnResource(stack, "DbFreeStorageAlarm", {
    type: "AWS::CloudWatch::Alarm",
    properties: {"AlarmActions": [cdk.Fn.ref("AlarmTopic")], "AlarmDescription": "The database is running out of storage", "AlarmName": cdk.Fn.sub("healthtech-db-free-storage-${EnvironmentSuffix}"), "ComparisonOperator": "LessThanThreshold", "Dimensions": [{"Name": "DBInstanceIdentifier", "Value": cdk.Fn.ref("DbInstanceId")}], "EvaluationPeriods": 2, "MetricName": "FreeStorageSpace", "Namespace": "AWS/RDS", "OKActions": [cdk.Fn.ref("AlarmTopic")], "Period": 300, "Statistic": "Minimum", "Threshold": cdk.Fn.ref("DbFreeStorageThreshold"), "TreatMissingData": "notBreaching", "Tags": [{"Key": "Environment", "Value": cdk.Fn.ref("Environment")}, {"Key": "Project", "Value": "healthtech"}, {"Key": "ManagedBy", "Value": "cfn"}]},
  });
  new cdk.CfnOutput(stack, "OutputAlarmTopicArn", { value: cdk.Fn.ref("AlarmTopic"), description: "The topic every alarm notifies; subscribe the on-call address to it." }).overrideLogicalId("AlarmTopicArn");
  new cdk.CfnOutput(stack, "OutputHealthCheckId", { value: cdk.Fn.ref("HealthCheck"), description: "The Route53 health check of the application." }).overrideLogicalId("HealthCheckId");
}

const app = new cdk.App({ outdir: process.argv[2], context: { 'aws:cdk:disable-stack-trace': true } });
const root = new cdk.Stack(app, 'MultiEnv', { description: "healthtech: one environment (dev, staging or prod) of the application, as nested stacks" });
function build(root) {
  const conditions = {};
  new cdk.CfnParameter(root, "EnvironmentSuffix", { type: "String", description: "Suffix carried by every resource name, e.g. `dev`, `qa` or `pr-42`.", allowedPattern: "^[a-z0-9][a-z0-9-]*$", minLength: 1, maxLength: 12, constraintDescription: "1 to 12 lower-case letters, digits and dashes, starting with a letter or digit" });
  new cdk.CfnParameter(root, "Environment", { type: "String", description: "Which row of the settings table to use: dev, staging or prod.", default: "dev", allowedValues: ["dev", "staging", "prod"] });
  new cdk.CfnParameter(root, "ContainerImage", { type: "String", description: "The application image; it listens on port 8080.", default: "nginxinc/nginx-unprivileged:1.27-alpine" });
  root.addMetadata("AWS::CloudFormation::Interface", {"ParameterGroups": [{"Label": {"default": "Environment"}, "Parameters": ["EnvironmentSuffix", "Environment"]}, {"Label": {"default": "Application"}, "Parameters": ["ContainerImage"]}]});
  new cdk.CfnMapping(root, "MappingEnvironmentSettings", { mapping: {"dev": {"VpcCidr": "10.0.0.0/16", "DbInstanceClass": "db.t4g.micro", "DbAllocatedStorage": "20", "DbBackupRetentionDays": 1, "TaskCpu": "256", "TaskMemory": "512", "DesiredCount": 1, "LogRetentionDays": 7, "Alb5xxThreshold": 50.0, "EcsCpuThreshold": 90.0, "DbCpuThreshold": 90.0, "DbFreeStorageThreshold": 2147483648.0}, "staging": {"VpcCidr": "10.1.0.0/16", "DbInstanceClass": "db.t4g.medium", "DbAllocatedStorage": "50", "DbBackupRetentionDays": 7, "TaskCpu": "512", "TaskMemory": "1024", "DesiredCount": 2, "LogRetentionDays": 30, "Alb5xxThreshold": 20.0, "EcsCpuThreshold": 80.0, "DbCpuThreshold": 80.0, "DbFreeStorageThreshold": 5368709120.0}, "prod": {"VpcCidr": "10.2.0.0/16", "DbInstanceClass": "db.m6g.large", "DbAllocatedStorage": "100", "DbBackupRetentionDays": 30, "TaskCpu": "1024", "TaskMemory": "2048", "DesiredCount": 3, "LogRetentionDays": 90, "Alb5xxThreshold": 10.0, "EcsCpuThreshold": 75.0, "DbCpuThreshold": 75.0, "DbFreeStorageThreshold": 10737418240.0}} }).overrideLogicalId("EnvironmentSettings");
  const r = {};
  const networkStack = new cdk.NestedStack(root, "Network", {
    parameters: {"EnvironmentSuffix": cdk.Fn.ref("EnvironmentSuffix"), "Environment": cdk.Fn.ref("Environment"), "VpcCidr": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "VpcCidr")},
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  network(networkStack);
  const dataStack = new cdk.NestedStack(root, "Data", {
    parameters: {"EnvironmentSuffix": cdk.Fn.ref("EnvironmentSuffix"), "Environment": cdk.Fn.ref("Environment"), "PrivateSubnetIds": cdk.Fn.join(",", [cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.PrivateSubnet1Id')), cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.PrivateSubnet2Id'))]), "DbSecurityGroupId": cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.DbSecurityGroupId')), "DbInstanceClass": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "DbInstanceClass"), "DbAllocatedStorage": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "DbAllocatedStorage"), "DbBackupRetentionDays": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "DbBackupRetentionDays")},
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  data(dataStack);
  const storageStack = new cdk.NestedStack(root, "Storage", {
    parameters: {"EnvironmentSuffix": cdk.Fn.ref("EnvironmentSuffix"), "Environment": cdk.Fn.ref("Environment"), "PrivateSubnet1": cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.PrivateSubnet1Id')), "PrivateSubnet2": cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.PrivateSubnet2Id')), "EfsSecurityGroupId": cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.EfsSecurityGroupId')), "KmsKeyArn": cdk.Token.asString(dataStack.nestedStackResource.getAtt('Outputs.KmsKeyArn'))},
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  storage(storageStack);
  const computeStack = new cdk.NestedStack(root, "Compute", {
    parameters: {"EnvironmentSuffix": cdk.Fn.ref("EnvironmentSuffix"), "Environment": cdk.Fn.ref("Environment"), "VpcId": cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.VpcId')), "PublicSubnetIds": cdk.Fn.join(",", [cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.PublicSubnet1Id')), cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.PublicSubnet2Id'))]), "PrivateSubnetIds": cdk.Fn.join(",", [cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.PrivateSubnet1Id')), cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.PrivateSubnet2Id'))]), "AlbSecurityGroupId": cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.AlbSecurityGroupId')), "EcsSecurityGroupId": cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.EcsSecurityGroupId')), "FileSystemId": cdk.Token.asString(storageStack.nestedStackResource.getAtt('Outputs.FileSystemId')), "FileSystemArn": cdk.Token.asString(storageStack.nestedStackResource.getAtt('Outputs.FileSystemArn')), "AccessPointId": cdk.Token.asString(storageStack.nestedStackResource.getAtt('Outputs.AccessPointId')), "AccessPointArn": cdk.Token.asString(storageStack.nestedStackResource.getAtt('Outputs.AccessPointArn')), "DbEndpointParameterArn": cdk.Token.asString(dataStack.nestedStackResource.getAtt('Outputs.DbEndpointParameterArn')), "DbPortParameterArn": cdk.Token.asString(dataStack.nestedStackResource.getAtt('Outputs.DbPortParameterArn')), "ContainerImage": cdk.Fn.ref("ContainerImage"), "TaskCpu": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "TaskCpu"), "TaskMemory": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "TaskMemory"), "DesiredCount": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "DesiredCount"), "LogRetentionDays": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "LogRetentionDays")},
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  compute(computeStack);
  const monitoringStack = new cdk.NestedStack(root, "Monitoring", {
    parameters: {"EnvironmentSuffix": cdk.Fn.ref("EnvironmentSuffix"), "Environment": cdk.Fn.ref("Environment"), "LoadBalancerDnsName": cdk.Token.asString(computeStack.nestedStackResource.getAtt('Outputs.LoadBalancerDnsName')), "LoadBalancerFullName": cdk.Token.asString(computeStack.nestedStackResource.getAtt('Outputs.LoadBalancerFullName')), "ClusterName": cdk.Token.asString(computeStack.nestedStackResource.getAtt('Outputs.ClusterName')), "ServiceName": cdk.Token.asString(computeStack.nestedStackResource.getAtt('Outputs.ServiceName')), "DbInstanceId": cdk.Token.asString(dataStack.nestedStackResource.getAtt('Outputs.DbInstanceId')), "Alb5xxThreshold": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "Alb5xxThreshold"), "EcsCpuThreshold": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "EcsCpuThreshold"), "DbCpuThreshold": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "DbCpuThreshold"), "DbFreeStorageThreshold": cdk.Fn.findInMap("EnvironmentSettings", cdk.Fn.ref("Environment"), "DbFreeStorageThreshold")},
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  monitoring(monitoringStack);
  new cdk.CfnOutput(root, "OutputVpcId", { value: cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.VpcId')), description: "The VPC.", exportName: cdk.Fn.sub("${AWS::StackName}-VpcId") }).overrideLogicalId("VpcId");
  new cdk.CfnOutput(root, "OutputPrivateSubnetIds", { value: cdk.Fn.join(",", [cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.PrivateSubnet1Id')), cdk.Token.asString(networkStack.nestedStackResource.getAtt('Outputs.PrivateSubnet2Id'))]), description: "The private subnets.", exportName: cdk.Fn.sub("${AWS::StackName}-PrivateSubnetIds") }).overrideLogicalId("PrivateSubnetIds");
  new cdk.CfnOutput(root, "OutputServiceUrl", { value: cdk.Token.asString(computeStack.nestedStackResource.getAtt('Outputs.ServiceUrl')), description: "The application's URL.", exportName: cdk.Fn.sub("${AWS::StackName}-ServiceUrl") }).overrideLogicalId("ServiceUrl");
  new cdk.CfnOutput(root, "OutputLoadBalancerDnsName", { value: cdk.Token.asString(computeStack.nestedStackResource.getAtt('Outputs.LoadBalancerDnsName')), description: "The load balancer's DNS name.", exportName: cdk.Fn.sub("${AWS::StackName}-LoadBalancerDnsName") }).overrideLogicalId("LoadBalancerDnsName");
  new cdk.CfnOutput(root, "OutputClusterName", { value: cdk.Token.asString(computeStack.nestedStackResource.getAtt('Outputs.ClusterName')), description: "The ECS cluster.", exportName: cdk.Fn.sub("${AWS::StackName}-ClusterName") }).overrideLogicalId("ClusterName");
  new cdk.CfnOutput(root, "OutputServiceName", { value: cdk.Token.asString(computeStack.nestedStackResource.getAtt('Outputs.ServiceName')), description: "The ECS service.", exportName: cdk.Fn.sub("${AWS::StackName}-ServiceName") }).overrideLogicalId("ServiceName");
  new cdk.CfnOutput(root, "OutputDbEndpointAddress", { value: cdk.Token.asString(dataStack.nestedStackResource.getAtt('Outputs.DbEndpointAddress')), description: "The database endpoint's host name.", exportName: cdk.Fn.sub("${AWS::StackName}-DbEndpointAddress") }).overrideLogicalId("DbEndpointAddress");
  new cdk.CfnOutput(root, "OutputDbEndpointPort", { value: cdk.Token.asString(dataStack.nestedStackResource.getAtt('Outputs.DbEndpointPort')), description: "The database endpoint's port.", exportName: cdk.Fn.sub("${AWS::StackName}-DbEndpointPort") }).overrideLogicalId("DbEndpointPort");
  new cdk.CfnOutput(root, "OutputDbEndpointParameterName", { value: cdk.Token.asString(dataStack.nestedStackResource.getAtt('Outputs.DbEndpointParameterName')), description: "The SSM parameter holding the database host name.", exportName: cdk.Fn.sub("${AWS::StackName}-DbEndpointParameterName") }).overrideLogicalId("DbEndpointParameterName");
  new cdk.CfnOutput(root, "OutputFileSystemArn", { value: cdk.Token.asString(storageStack.nestedStackResource.getAtt('Outputs.FileSystemArn')), description: "The file system.", exportName: cdk.Fn.sub("${AWS::StackName}-FileSystemArn") }).overrideLogicalId("FileSystemArn");
  new cdk.CfnOutput(root, "OutputAlarmTopicArn", { value: cdk.Token.asString(monitoringStack.nestedStackResource.getAtt('Outputs.AlarmTopicArn')), description: "The topic every alarm notifies.", exportName: cdk.Fn.sub("${AWS::StackName}-AlarmTopicArn") }).overrideLogicalId("AlarmTopicArn");
}
build(root);
app.synth();
