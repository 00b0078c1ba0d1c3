"""The multi-env architecture in troposphere 4.11.1: a root template and five nested ones
(network, data, storage, compute, monitoring), the same resources, properties and wiring as
cfn's `examples/multi-env` (written from its golden assembly by `../gen_multi_env.py`).

    python multi_env.py OUT_DIR
"""
import os
import sys

from troposphere import (
    And, Base64, Cidr, Condition, Equals, Export, FindInMap, GetAtt, GetAZs, If, ImportValue, Join, Not, Or,
    Output, Parameter, Ref, Select, Split, Sub, Tags, Template,
)
from troposphere import cloudformation, cloudwatch, ec2, ecs, efs, elasticloadbalancingv2, iam, kms, logs, rds, route53, sns, ssm


def network():
    t = Template()
    t.set_description('healthtech networking: VPC, public and private subnets over two AZs, internet and NAT gateways, security groups')
    t.add_parameter(Parameter('EnvironmentSuffix', Type='String', Description='Suffix carried by every resource name.'))
    t.add_parameter(Parameter('Environment', Type='String', Description='The environment (tags).', AllowedValues=['dev', 'staging', 'prod']))
    t.add_parameter(Parameter('VpcCidr', Type='String', Description="The VPC's IPv4 block; the subnets are four /24s carved out of it.", AllowedPattern='^10\\.[0-9]{1,3}\\.0\\.0/16$'))
    t.add_resource(ec2.VPC(
        'Vpc',
        CidrBlock=Ref('VpcCidr'),
        EnableDnsHostnames=True,
        EnableDnsSupport=True,
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}, {'Key': 'Name', 'Value': Sub('healthtech-vpc-${EnvironmentSuffix}')}],
    ))
    t.add_resource(ec2.InternetGateway(
        'InternetGateway',
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}],
    ))
    t.add_resource(ec2.VPCGatewayAttachment(
        'InternetGatewayAttachment',
        InternetGatewayId=Ref('InternetGateway'),
        VpcId=Ref('Vpc'),
    ))
    t.add_resource(ec2.Subnet(
        'PublicSubnet1',
        AvailabilityZone=Select(0, GetAZs('')),
        CidrBlock=Select(0, Cidr(Ref('VpcCidr'), 4, 8)),
        MapPublicIpOnLaunch=True,
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}, {'Key': 'Name', 'Value': Sub('healthtech-public-1-${EnvironmentSuffix}')}],
        VpcId=Ref('Vpc'),
    ))
    t.add_resource(ec2.Subnet(
        'PublicSubnet2',
        AvailabilityZone=Select(1, GetAZs('')),
        CidrBlock=Select(1, Cidr(Ref('VpcCidr'), 4, 8)),
        MapPublicIpOnLaunch=True,
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}, {'Key': 'Name', 'Value': Sub('healthtech-public-2-${EnvironmentSuffix}')}],
        VpcId=Ref('Vpc'),
    ))
    t.add_resource(ec2.Subnet(
        'PrivateSubnet1',
        AvailabilityZone=Select(0, GetAZs('')),
        CidrBlock=Select(2, Cidr(Ref('VpcCidr'), 4, 8)),
        MapPublicIpOnLaunch=False,
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}, {'Key': 'Name', 'Value': Sub('healthtech-private-1-${EnvironmentSuffix}')}],
        VpcId=Ref('Vpc'),
    ))
    t.add_resource(ec2.Subnet(
        'PrivateSubnet2',
        AvailabilityZone=Select(1, GetAZs('')),
        CidrBlock=Select(3, Cidr(Ref('VpcCidr'), 4, 8)),
        MapPublicIpOnLaunch=False,
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}, {'Key': 'Name', 'Value': Sub('healthtech-private-2-${EnvironmentSuffix}')}],
        VpcId=Ref('Vpc'),
    ))
    t.add_resource(ec2.RouteTable(
        'PublicRouteTable',
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}, {'Key': 'Name', 'Value': Sub('healthtech-public-routes-${EnvironmentSuffix}')}],
        VpcId=Ref('Vpc'),
    ))
    t.add_resource(ec2.Route(
        'PublicDefaultRoute',
        DependsOn='InternetGatewayAttachment',
        DestinationCidrBlock='0.0.0.0/0',
        GatewayId=Ref('InternetGateway'),
        RouteTableId=Ref('PublicRouteTable'),
    ))
    t.add_resource(ec2.EIP(
        'NatGatewayAddress',
        DependsOn='InternetGatewayAttachment',
        Domain='vpc',
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(ec2.NatGateway(
        'NatGateway',
        DependsOn='InternetGatewayAttachment',
        AllocationId=GetAtt('NatGatewayAddress', 'AllocationId'),
        SubnetId=Ref('PublicSubnet1'),
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}, {'Key': 'Name', 'Value': Sub('healthtech-nat-${EnvironmentSuffix}')}],
    ))
    t.add_resource(ec2.RouteTable(
        'PrivateRouteTable',
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}, {'Key': 'Name', 'Value': Sub('healthtech-private-routes-${EnvironmentSuffix}')}],
        VpcId=Ref('Vpc'),
    ))
    t.add_resource(ec2.Route(
        'PrivateDefaultRoute',
        DestinationCidrBlock='0.0.0.0/0',
        NatGatewayId=Ref('NatGateway'),
        RouteTableId=Ref('PrivateRouteTable'),
    ))
    t.add_resource(ec2.SubnetRouteTableAssociation(
        'PublicSubnet1RouteTableAssociation',
        RouteTableId=Ref('PublicRouteTable'),
        SubnetId=Ref('PublicSubnet1'),
    ))
    t.add_resource(ec2.SubnetRouteTableAssociation(
        'PublicSubnet2RouteTableAssociation',
        RouteTableId=Ref('PublicRouteTable'),
        SubnetId=Ref('PublicSubnet2'),
    ))
    t.add_resource(ec2.SubnetRouteTableAssociation(
        'PrivateSubnet1RouteTableAssociation',
        RouteTableId=Ref('PrivateRouteTable'),
        SubnetId=Ref('PrivateSubnet1'),
    ))
    t.add_resource(ec2.SubnetRouteTableAssociation(
        'PrivateSubnet2RouteTableAssociation',
        RouteTableId=Ref('PrivateRouteTable'),
        SubnetId=Ref('PrivateSubnet2'),
    ))
    t.add_resource(ec2.SecurityGroup(
        'AlbSecurityGroup',
        GroupDescription='Load balancer: HTTP from the internet',
        GroupName=Sub('healthtech-alb-sg-${EnvironmentSuffix}'),
        SecurityGroupIngress=[{'CidrIp': '0.0.0.0/0', 'FromPort': 80, 'IpProtocol': 'tcp', 'ToPort': 80}],
        VpcId=Ref('Vpc'),
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}],
    ))
    t.add_resource(ec2.SecurityGroup(
        'EcsSecurityGroup',
        GroupDescription='ECS tasks: from the load balancer; to the database, the file system and HTTPS',
        GroupName=Sub('healthtech-ecs-sg-${EnvironmentSuffix}'),
        SecurityGroupEgress=[{'CidrIp': '0.0.0.0/0', 'FromPort': 443, 'IpProtocol': 'tcp', 'ToPort': 443}],
        VpcId=Ref('Vpc'),
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}],
    ))
    t.add_resource(ec2.SecurityGroup(
        'DbSecurityGroup',
        GroupDescription='Database: PostgreSQL from the ECS tasks',
        GroupName=Sub('healthtech-db-sg-${EnvironmentSuffix}'),
        VpcId=Ref('Vpc'),
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}],
    ))
    t.add_resource(ec2.SecurityGroup(
        'EfsSecurityGroup',
        GroupDescription='File system: NFS from the ECS tasks',
        GroupName=Sub('healthtech-efs-sg-${EnvironmentSuffix}'),
        VpcId=Ref('Vpc'),
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}],
    ))
    t.add_resource(ec2.SecurityGroupEgress(
        'AlbSecurityGroupToEcsSecurityGroupTcp8080Egress',
        Description='AlbSecurityGroup to EcsSecurityGroup Tcp8080',
        DestinationSecurityGroupId=GetAtt('EcsSecurityGroup', 'GroupId'),
        FromPort=8080,
        GroupId=GetAtt('AlbSecurityGroup', 'GroupId'),
        IpProtocol='tcp',
        ToPort=8080,
    ))
    t.add_resource(ec2.SecurityGroupIngress(
        'AlbSecurityGroupToEcsSecurityGroupTcp8080Ingress',
        Description='AlbSecurityGroup to EcsSecurityGroup Tcp8080',
        FromPort=8080,
        GroupId=GetAtt('EcsSecurityGroup', 'GroupId'),
        IpProtocol='tcp',
        SourceSecurityGroupId=GetAtt('AlbSecurityGroup', 'GroupId'),
        ToPort=8080,
    ))
    t.add_resource(ec2.SecurityGroupEgress(
        'EcsSecurityGroupToDbSecurityGroupTcp5432Egress',
        Description='EcsSecurityGroup to DbSecurityGroup Tcp5432',
        DestinationSecurityGroupId=GetAtt('DbSecurityGroup', 'GroupId'),
        FromPort=5432,
        GroupId=GetAtt('EcsSecurityGroup', 'GroupId'),
        IpProtocol='tcp',
        ToPort=5432,
    ))
    t.add_resource(ec2.SecurityGroupIngress(
        'EcsSecurityGroupToDbSecurityGroupTcp5432Ingress',
        Description='EcsSecurityGroup to DbSecurityGroup Tcp5432',
        FromPort=5432,
        GroupId=GetAtt('DbSecurityGroup', 'GroupId'),
        IpProtocol='tcp',
        SourceSecurityGroupId=GetAtt('EcsSecurityGroup', 'GroupId'),
        ToPort=5432,
    ))
    t.add_resource(ec2.SecurityGroupEgress(
        'EcsSecurityGroupToEfsSecurityGroupTcp2049Egress',
        Description='EcsSecurityGroup to EfsSecurityGroup Tcp2049',
        DestinationSecurityGroupId=GetAtt('EfsSecurityGroup', 'GroupId'),
        FromPort=2049,
        GroupId=GetAtt('EcsSecurityGroup', 'GroupId'),
        IpProtocol='tcp',
        ToPort=2049,
    ))
    t.add_resource(ec2.SecurityGroupIngress(
        'EcsSecurityGroupToEfsSecurityGroupTcp2049Ingress',
        Description='EcsSecurityGroup to EfsSecurityGroup Tcp2049',
        FromPort=2049,
        GroupId=GetAtt('EfsSecurityGroup', 'GroupId'),
        IpProtocol='tcp',
        SourceSecurityGroupId=GetAtt('EcsSecurityGroup', 'GroupId'),
        ToPort=2049,
    ))
    t.add_output(Output('VpcId', Description='The VPC.', Value=Ref('Vpc')))
    t.add_output(Output('PublicSubnet1Id', Description='Public subnet in the first availability zone (load balancer, NAT gateway).', Value=Ref('PublicSubnet1')))
    t.add_output(Output('PublicSubnet2Id', Description='Public subnet in the second availability zone (load balancer).', Value=Ref('PublicSubnet2')))
    t.add_output(Output('PrivateSubnet1Id', Description='Private subnet in the first availability zone (tasks, database, file system).', Value=Ref('PrivateSubnet1')))
    t.add_output(Output('PrivateSubnet2Id', Description='Private subnet in the second availability zone (tasks, database, file system).', Value=Ref('PrivateSubnet2')))
    t.add_output(Output('AlbSecurityGroupId', Description="The load balancer's group: HTTP from the internet, out to the tasks.", Value=GetAtt('AlbSecurityGroup', 'GroupId')))
    t.add_output(Output('EcsSecurityGroupId', Description="The tasks' group: in from the load balancer, out to the database, the file system and HTTPS.", Value=GetAtt('EcsSecurityGroup', 'GroupId')))
    t.add_output(Output('DbSecurityGroupId', Description="The database's group: PostgreSQL from the tasks.", Value=GetAtt('DbSecurityGroup', 'GroupId')))
    t.add_output(Output('EfsSecurityGroupId', Description="The file system's group: NFS from the tasks.", Value=GetAtt('EfsSecurityGroup', 'GroupId')))
    return t


def data():
    t = Template()
    t.set_description('healthtech data: KMS key, PostgreSQL 15 on RDS (Multi-AZ in production), endpoint in SSM')
    t.add_parameter(Parameter('EnvironmentSuffix', Type='String', Description='Suffix carried by every resource name.'))
    t.add_parameter(Parameter('Environment', Type='String', Description='The environment (tags, `IsProduction`).', AllowedValues=['dev', 'staging', 'prod']))
    t.add_parameter(Parameter('PrivateSubnetIds', Type='List<AWS::EC2::Subnet::Id>', Description='The private subnets the database lives in.'))
    t.add_parameter(Parameter('DbSecurityGroupId', Type='AWS::EC2::SecurityGroup::Id', Description="The database's security group (its rules live in the networking stack)."))
    t.add_parameter(Parameter('DbInstanceClass', Type='String', Description='RDS instance class.', AllowedPattern='^db\\.[a-z0-9]+\\.[a-z0-9]+$'))
    t.add_parameter(Parameter('DbAllocatedStorage', Type='String', Description='RDS allocated storage in GiB.', AllowedPattern='^[0-9]+$'))
    t.add_parameter(Parameter('DbBackupRetentionDays', Type='Number', Description='Days RDS keeps automated backups.', MinValue=1, MaxValue=35))
    t.add_condition('IsProduction', Equals(Ref('Environment'), 'prod'))
    t.add_resource(kms.Key(
        'EncryptionKey',
        DeletionPolicy='Retain',
        UpdateReplacePolicy='Retain',
        Description=Sub('healthtech ${EnvironmentSuffix}: RDS and EFS storage'),
        EnableKeyRotation=True,
        PendingWindowInDays=30,
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}, {'Key': 'Name', 'Value': Sub('healthtech-key-${EnvironmentSuffix}')}],
    ))
    t.add_resource(kms.Alias(
        'EncryptionKeyAlias',
        AliasName=Sub('alias/healthtech-${EnvironmentSuffix}'),
        TargetKeyId=Ref('EncryptionKey'),
    ))
    t.add_resource(rds.DBSubnetGroup(
        'DbSubnetGroup',
        DBSubnetGroupDescription='healthtech database: private subnets',
        DBSubnetGroupName=Sub('healthtech-db-subnets-${EnvironmentSuffix}'),
        SubnetIds=Ref('PrivateSubnetIds'),
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}],
    ))
    t.add_resource(rds.DBInstance(
        'Database',
        DeletionPolicy='Snapshot',
        UpdateReplacePolicy='Snapshot',
        AllocatedStorage=Ref('DbAllocatedStorage'),
        AutoMinorVersionUpgrade=True,
        BackupRetentionPeriod=Ref('DbBackupRetentionDays'),
        CopyTagsToSnapshot=True,
        DBInstanceClass=Ref('DbInstanceClass'),
        DBInstanceIdentifier=Sub('healthtech-db-${EnvironmentSuffix}'),
        DBSubnetGroupName=Ref('DbSubnetGroup'),
        DeletionProtection=If('IsProduction', True, False),
        EnableCloudwatchLogsExports=['postgresql'],
        Engine='postgres',
        EngineVersion='15.14',
        KmsKeyId=GetAtt('EncryptionKey', 'Arn'),
        MasterUserPassword='{{resolve:secretsmanager:healthtech/rds/credentials:SecretString:password}}',
        MasterUsername='{{resolve:secretsmanager:healthtech/rds/credentials:SecretString:username}}',
        MultiAZ=If('IsProduction', True, False),
        PubliclyAccessible=False,
        StorageEncrypted=True,
        StorageType='gp3',
        VPCSecurityGroups=[Ref('DbSecurityGroupId')],
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}],
    ))
    t.add_resource(ssm.Parameter(
        'DbEndpointAddress',
        Description='Database endpoint address',
        Name=Sub('/healthtech/${EnvironmentSuffix}/db/endpoint'),
        Type='String',
        Value=GetAtt('Database', 'Endpoint.Address'),
        Tags={'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'},
    ))
    t.add_resource(ssm.Parameter(
        'DbEndpointPort',
        Description='Database endpoint port',
        Name=Sub('/healthtech/${EnvironmentSuffix}/db/port'),
        Type='String',
        Value=GetAtt('Database', 'Endpoint.Port'),
        Tags={'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'},
    ))
    t.add_output(Output('KmsKeyArn', Description="The environment's KMS key (RDS and EFS storage encryption).", Value=GetAtt('EncryptionKey', 'Arn')))
    t.add_output(Output('DbInstanceId', Description='The database instance identifier (CloudWatch dimension).', Value=Ref('Database')))
    t.add_output(Output('DbEndpointAddress', Description="The database endpoint's host name.", Value=GetAtt('Database', 'Endpoint.Address')))
    t.add_output(Output('DbEndpointPort', Description="The database endpoint's port.", Value=GetAtt('Database', 'Endpoint.Port')))
    t.add_output(Output('DbEndpointParameterName', Description="The SSM parameter holding the endpoint's host name.", Value=Ref('DbEndpointAddress')))
    t.add_output(Output('DbEndpointParameterArn', Description='Its ARN (what ECS `Secrets[].ValueFrom` and IAM policies take).', Value=GetAtt('DbEndpointAddress', 'Arn')))
    t.add_output(Output('DbPortParameterArn', Description="The ARN of the SSM parameter holding the endpoint's port.", Value=GetAtt('DbEndpointPort', 'Arn')))
    return t


def storage():
    t = Template()
    t.set_description('healthtech storage: EFS encrypted with KMS, mount targets in both private subnets, an access point')
    t.add_parameter(Parameter('EnvironmentSuffix', Type='String', Description='Suffix carried by every resource name.'))
    t.add_parameter(Parameter('Environment', Type='String', Description='The environment (tags, `IsProduction`).', AllowedValues=['dev', 'staging', 'prod']))
    t.add_parameter(Parameter('PrivateSubnet1', Type='AWS::EC2::Subnet::Id', Description='The first private subnet (one mount target).'))
    t.add_parameter(Parameter('PrivateSubnet2', Type='AWS::EC2::Subnet::Id', Description='The second private subnet (one mount target).'))
    t.add_parameter(Parameter('EfsSecurityGroupId', Type='AWS::EC2::SecurityGroup::Id', Description="The file system's security group (its NFS rule lives in the networking stack)."))
    t.add_parameter(Parameter('KmsKeyArn', Type='String', Description='The KMS key that encrypts the file system.'))
    t.add_condition('IsProduction', Equals(Ref('Environment'), 'prod'))
    t.add_resource(efs.FileSystem(
        'FileSystem',
        DeletionPolicy='Retain',
        UpdateReplacePolicy='Retain',
        BackupPolicy=efs.BackupPolicy(Status=If('IsProduction', 'ENABLED', 'DISABLED')),
        Encrypted=True,
        FileSystemTags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn', 'Name': Sub('healthtech-files-${EnvironmentSuffix}')}),
        KmsKeyId=Ref('KmsKeyArn'),
        LifecyclePolicies=[efs.LifecyclePolicy(TransitionToIA='AFTER_30_DAYS')],
        PerformanceMode='generalPurpose',
        ThroughputMode='elastic',
    ))
    t.add_resource(efs.MountTarget(
        'FileSystemMountTargetPrivateSubnet1',
        FileSystemId=Ref('FileSystem'),
        SecurityGroups=[Ref('EfsSecurityGroupId')],
        SubnetId=Ref('PrivateSubnet1'),
    ))
    t.add_resource(efs.MountTarget(
        'FileSystemMountTargetPrivateSubnet2',
        FileSystemId=Ref('FileSystem'),
        SecurityGroups=[Ref('EfsSecurityGroupId')],
        SubnetId=Ref('PrivateSubnet2'),
    ))
    t.add_resource(efs.AccessPoint(
        'AccessPoint',
        AccessPointTags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn', 'Name': Sub('healthtech-app-data-${EnvironmentSuffix}')}),
        FileSystemId=Ref('FileSystem'),
        PosixUser=efs.PosixUser(Gid='1000', Uid='1000'),
        RootDirectory=efs.RootDirectory(CreationInfo=efs.CreationInfo(OwnerGid='1000', OwnerUid='1000', Permissions='0750'), Path='/app'),
    ))
    t.add_output(Output('FileSystemId', Description='The file system, mounted: only `stack.mount` yields this type, and a stack reading it from this output waits for this whole stack, every mount target included.', Value=Ref('FileSystem')))
    t.add_output(Output('FileSystemArn', Description="The file system's ARN (IAM policies).", Value=GetAtt('FileSystem', 'Arn')))
    t.add_output(Output('AccessPointId', Description='The access point the tasks mount.', Value=GetAtt('AccessPoint', 'AccessPointId')))
    t.add_output(Output('AccessPointArn', Description="The access point's ARN (IAM policies).", Value=GetAtt('AccessPoint', 'Arn')))
    return t


def compute():
    t = Template()
    t.set_description('healthtech compute: ECS on Fargate behind an application load balancer, EFS volume, secrets and SSM endpoint')
    t.add_parameter(Parameter('EnvironmentSuffix', Type='String', Description='Suffix carried by every resource name.'))
    t.add_parameter(Parameter('Environment', Type='String', Description='The environment (tags, `IsProduction`).', AllowedValues=['dev', 'staging', 'prod']))
    t.add_parameter(Parameter('VpcId', Type='AWS::EC2::VPC::Id', Description='The VPC (target group).'))
    t.add_parameter(Parameter('PublicSubnetIds', Type='List<AWS::EC2::Subnet::Id>', Description='The public subnets (load balancer).'))
    t.add_parameter(Parameter('PrivateSubnetIds', Type='List<AWS::EC2::Subnet::Id>', Description='The private subnets (tasks).'))
    t.add_parameter(Parameter('AlbSecurityGroupId', Type='AWS::EC2::SecurityGroup::Id', Description="The load balancer's security group."))
    t.add_parameter(Parameter('EcsSecurityGroupId', Type='AWS::EC2::SecurityGroup::Id', Description="The tasks' security group."))
    t.add_parameter(Parameter('FileSystemId', Type='String', Description='The file system, mounted (every mount target exists).', AllowedPattern='^fs-[0-9a-f]{8,40}$'))
    t.add_parameter(Parameter('FileSystemArn', Type='String', Description="The file system's ARN."))
    t.add_parameter(Parameter('AccessPointId', Type='String', Description='The access point the tasks mount.'))
    t.add_parameter(Parameter('AccessPointArn', Type='String', Description="The access point's ARN."))
    t.add_parameter(Parameter('DbEndpointParameterArn', Type='String', Description='The SSM parameter holding the database host name.'))
    t.add_parameter(Parameter('DbPortParameterArn', Type='String', Description='The SSM parameter holding the database port.'))
    t.add_parameter(Parameter('ContainerImage', Type='String', Description='The application image; it listens on port 8080.'))
    t.add_parameter(Parameter('TaskCpu', Type='String', Description='Fargate task CPU units.', AllowedValues=['256', '512', '1024', '2048', '4096']))
    t.add_parameter(Parameter('TaskMemory', Type='String', Description='Fargate task memory in MiB.', AllowedPattern='^[0-9]+$'))
    t.add_parameter(Parameter('DesiredCount', Type='Number', Description='How many tasks the service runs.', MinValue=1, MaxValue=20))
    t.add_parameter(Parameter('LogRetentionDays', Type='Number', Description="Days CloudWatch Logs keeps the application's logs.", AllowedValues=[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365]))
    t.add_condition('IsProduction', Equals(Ref('Environment'), 'prod'))
    t.add_resource(logs.LogGroup(
        'LogGroup',
        DeletionPolicy='Delete',
        UpdateReplacePolicy='Delete',
        LogGroupName=Sub('/ecs/healthtech-${EnvironmentSuffix}'),
        RetentionInDays=Ref('LogRetentionDays'),
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(ecs.Cluster(
        'Cluster',
        ClusterName=Sub('healthtech-cluster-${EnvironmentSuffix}'),
        ClusterSettings=[ecs.ClusterSetting(Name='containerInsights', Value='enabled')],
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(iam.Role(
        'TaskExecutionRole',
        AssumeRolePolicyDocument={'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'ecs-tasks.amazonaws.com'}, 'Action': 'sts:AssumeRole', 'Condition': {'StringEquals': {'aws:SourceAccount': Ref('AWS::AccountId')}}}]},
        Description="ECS agent: pull the image, write logs, read the task's secrets",
        Policies=[iam.Policy(PolicyDocument={'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': ['ecr:GetAuthorizationToken'], 'Resource': ['*']}, {'Effect': 'Allow', 'Action': ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], 'Resource': [Sub('arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/*')]}, {'Effect': 'Allow', 'Action': ['logs:CreateLogStream', 'logs:PutLogEvents'], 'Resource': [GetAtt('LogGroup', 'Arn')]}, {'Effect': 'Allow', 'Action': ['secretsmanager:GetSecretValue'], 'Resource': [Sub('arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:healthtech/rds/credentials-??????')]}, {'Effect': 'Allow', 'Action': ['ssm:GetParameters'], 'Resource': [Ref('DbEndpointParameterArn'), Ref('DbPortParameterArn')]}]}, PolicyName='task-execution')],
        RoleName=Sub('healthtech-task-execution-${EnvironmentSuffix}'),
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}],
    ))
    t.add_resource(iam.Role(
        'TaskRole',
        AssumeRolePolicyDocument={'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'ecs-tasks.amazonaws.com'}, 'Action': 'sts:AssumeRole', 'Condition': {'StringEquals': {'aws:SourceAccount': Ref('AWS::AccountId')}}}]},
        Description='The application: its EFS access point, nothing else',
        Policies=[iam.Policy(PolicyDocument={'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], 'Resource': [Ref('FileSystemArn')], 'Condition': {'StringEquals': {'elasticfilesystem:AccessPointArn': Ref('AccessPointArn')}}}]}, PolicyName='efs-access-point')],
        RoleName=Sub('healthtech-task-${EnvironmentSuffix}'),
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}],
    ))
    t.add_resource(ecs.TaskDefinition(
        'TaskDefinition',
        ContainerDefinitions=[ecs.ContainerDefinition(Essential=True, Image=Ref('ContainerImage'), LogConfiguration=ecs.LogConfiguration(LogDriver='awslogs', Options={'awslogs-group': Ref('LogGroup'), 'awslogs-region': Ref('AWS::Region'), 'awslogs-stream-prefix': 'app'}), MountPoints=[ecs.MountPoint(ContainerPath='/data', ReadOnly=False, SourceVolume='data')], Name='app', PortMappings=[ecs.PortMapping(ContainerPort=8080, Protocol='tcp')], Secrets=[ecs.Secret(Name='DB_USERNAME', ValueFrom=Sub('arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:healthtech/rds/credentials:username::')), ecs.Secret(Name='DB_PASSWORD', ValueFrom=Sub('arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:healthtech/rds/credentials:password::')), ecs.Secret(Name='DB_HOST', ValueFrom=Ref('DbEndpointParameterArn')), ecs.Secret(Name='DB_PORT', ValueFrom=Ref('DbPortParameterArn'))])],
        Cpu=Ref('TaskCpu'),
        ExecutionRoleArn=GetAtt('TaskExecutionRole', 'Arn'),
        Family=Sub('healthtech-app-${EnvironmentSuffix}'),
        Memory=Ref('TaskMemory'),
        NetworkMode='awsvpc',
        RequiresCompatibilities=['FARGATE'],
        TaskRoleArn=GetAtt('TaskRole', 'Arn'),
        Volumes=[ecs.Volume(EFSVolumeConfiguration=ecs.EFSVolumeConfiguration(AuthorizationConfig=ecs.AuthorizationConfig(AccessPointId=Ref('AccessPointId'), IAM='ENABLED'), FilesystemId=Ref('FileSystemId'), TransitEncryption='ENABLED'), Name='data')],
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(elasticloadbalancingv2.LoadBalancer(
        'LoadBalancer',
        LoadBalancerAttributes=[elasticloadbalancingv2.LoadBalancerAttributes(Key='deletion_protection.enabled', Value=If('IsProduction', 'true', 'false')), elasticloadbalancingv2.LoadBalancerAttributes(Key='routing.http.drop_invalid_header_fields.enabled', Value='true')],
        Name=Sub('healthtech-alb-${EnvironmentSuffix}'),
        Scheme='internet-facing',
        SecurityGroups=[Ref('AlbSecurityGroupId')],
        Subnets=Ref('PublicSubnetIds'),
        Type='application',
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}],
    ))
    t.add_resource(elasticloadbalancingv2.TargetGroup(
        'TargetGroup',
        HealthCheckPath='/',
        HealthCheckProtocol='HTTP',
        Matcher=elasticloadbalancingv2.Matcher(HttpCode='200'),
        Name=Sub('healthtech-tg-${EnvironmentSuffix}'),
        Port=8080,
        Protocol='HTTP',
        TargetGroupAttributes=[elasticloadbalancingv2.TargetGroupAttribute(Key='deregistration_delay.timeout_seconds', Value='30')],
        TargetType='ip',
        VpcId=Ref('VpcId'),
        Tags=[{'Key': 'Environment', 'Value': Ref('Environment')}, {'Key': 'Project', 'Value': 'healthtech'}, {'Key': 'ManagedBy', 'Value': 'cfn'}],
    ))
    t.add_resource(elasticloadbalancingv2.Listener(
        'HttpListener',
        DefaultActions=[elasticloadbalancingv2.Action(TargetGroupArn=Ref('TargetGroup'), Type='forward')],
        LoadBalancerArn=Ref('LoadBalancer'),
        Port=80,
        Protocol='HTTP',
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(ecs.Service(
        'Service',
        DependsOn='HttpListener',
        Cluster=Ref('Cluster'),
        DeploymentConfiguration=ecs.DeploymentConfiguration(DeploymentCircuitBreaker=ecs.DeploymentCircuitBreaker(Enable=True, Rollback=True), MaximumPercent=200, MinimumHealthyPercent=100),
        DesiredCount=Ref('DesiredCount'),
        EnableECSManagedTags=True,
        HealthCheckGracePeriodSeconds=60,
        LaunchType='FARGATE',
        LoadBalancers=[ecs.LoadBalancer(ContainerName='app', ContainerPort=8080, TargetGroupArn=Ref('TargetGroup'))],
        NetworkConfiguration=ecs.NetworkConfiguration(AwsvpcConfiguration=ecs.AwsvpcConfiguration(AssignPublicIp='DISABLED', SecurityGroups=[Ref('EcsSecurityGroupId')], Subnets=Ref('PrivateSubnetIds'))),
        PropagateTags='SERVICE',
        ServiceName=Sub('healthtech-service-${EnvironmentSuffix}'),
        TaskDefinition=Ref('TaskDefinition'),
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_output(Output('LoadBalancerDnsName', Description="The load balancer's DNS name.", Value=GetAtt('LoadBalancer', 'DNSName')))
    t.add_output(Output('LoadBalancerFullName', Description="The load balancer's full name (CloudWatch dimension).", Value=GetAtt('LoadBalancer', 'LoadBalancerFullName')))
    t.add_output(Output('ServiceUrl', Description="The application's URL.", Value=Sub('http://${LoadBalancer.DNSName}')))
    t.add_output(Output('ClusterName', Description="The ECS cluster's name.", Value=Ref('Cluster')))
    t.add_output(Output('ServiceName', Description="The ECS service's name.", Value=GetAtt('Service', 'Name')))
    return t


def monitoring():
    t = Template()
    t.set_description('healthtech monitoring: SNS alarm topic, Route53 health check, CloudWatch alarms on ALB, ECS and RDS')
    t.add_parameter(Parameter('EnvironmentSuffix', Type='String', Description='Suffix carried by every resource name.'))
    t.add_parameter(Parameter('Environment', Type='String', Description='The environment (tags).', AllowedValues=['dev', 'staging', 'prod']))
    t.add_parameter(Parameter('LoadBalancerDnsName', Type='String', Description="The load balancer's DNS name (health check target)."))
    t.add_parameter(Parameter('LoadBalancerFullName', Type='String', Description="The load balancer's full name (`LoadBalancer` dimension)."))
    t.add_parameter(Parameter('ClusterName', Type='String', Description='The ECS cluster (`ClusterName` dimension).'))
    t.add_parameter(Parameter('ServiceName', Type='String', Description='The ECS service (`ServiceName` dimension).'))
    t.add_parameter(Parameter('DbInstanceId', Type='String', Description='The database instance (`DBInstanceIdentifier` dimension).'))
    t.add_parameter(Parameter('Alb5xxThreshold', Type='Number', Description='Load balancer 5xx responses in five minutes that raise the alarm.', MinValue=1))
    t.add_parameter(Parameter('EcsCpuThreshold', Type='Number', Description='Average ECS service CPU (percent) that raises the alarm.', MinValue=1, MaxValue=100))
    t.add_parameter(Parameter('DbCpuThreshold', Type='Number', Description='Average RDS CPU (percent) that raises the alarm.', MinValue=1, MaxValue=100))
    t.add_parameter(Parameter('DbFreeStorageThreshold', Type='Number', Description='RDS free storage (bytes) below which the alarm is raised.', MinValue=0))
    t.add_resource(sns.Topic(
        'AlarmTopic',
        DisplayName='healthtech alarms',
        TopicName=Sub('healthtech-alarms-${EnvironmentSuffix}'),
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(route53.HealthCheck(
        'HealthCheck',
        HealthCheckConfig=route53.HealthCheckConfig(FailureThreshold=3, FullyQualifiedDomainName=Ref('LoadBalancerDnsName'), Port=80, RequestInterval=30, ResourcePath='/', Type='HTTP'),
        HealthCheckTags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn', 'Name': Sub('healthtech-health-${EnvironmentSuffix}')}),
    ))
    t.add_resource(cloudwatch.Alarm(
        'Alb5xxAlarm',
        AlarmActions=[Ref('AlarmTopic')],
        AlarmDescription='The load balancer answers with 5xx errors',
        AlarmName=Sub('healthtech-alb-5xx-${EnvironmentSuffix}'),
        ComparisonOperator='GreaterThanThreshold',
        Dimensions=[cloudwatch.MetricDimension(Name='LoadBalancer', Value=Ref('LoadBalancerFullName'))],
        EvaluationPeriods=2,
        MetricName='HTTPCode_ELB_5XX_Count',
        Namespace='AWS/ApplicationELB',
        OKActions=[Ref('AlarmTopic')],
        Period=300,
        Statistic='Sum',
        Threshold=Ref('Alb5xxThreshold'),
        TreatMissingData='notBreaching',
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(cloudwatch.Alarm(
        'EcsCpuAlarm',
        AlarmActions=[Ref('AlarmTopic')],
        AlarmDescription="The service's CPU is high",
        AlarmName=Sub('healthtech-ecs-cpu-${EnvironmentSuffix}'),
        ComparisonOperator='GreaterThanThreshold',
        Dimensions=[cloudwatch.MetricDimension(Name='ClusterName', Value=Ref('ClusterName')), cloudwatch.MetricDimension(Name='ServiceName', Value=Ref('ServiceName'))],
        EvaluationPeriods=2,
        MetricName='CPUUtilization',
        Namespace='AWS/ECS',
        OKActions=[Ref('AlarmTopic')],
        Period=300,
        Statistic='Average',
        Threshold=Ref('EcsCpuThreshold'),
        TreatMissingData='notBreaching',
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(cloudwatch.Alarm(
        'DbCpuAlarm',
        AlarmActions=[Ref('AlarmTopic')],
        AlarmDescription="The database's CPU is high",
        AlarmName=Sub('healthtech-db-cpu-${EnvironmentSuffix}'),
        ComparisonOperator='GreaterThanThreshold',
        Dimensions=[cloudwatch.MetricDimension(Name='DBInstanceIdentifier', Value=Ref('DbInstanceId'))],
        EvaluationPeriods=2,
        MetricName='CPUUtilization',
        Namespace='AWS/RDS',
        OKActions=[Ref('AlarmTopic')],
        Period=300,
        Statistic='Average',
        Threshold=Ref('DbCpuThreshold'),
        TreatMissingData='notBreaching',
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(cloudwatch.Alarm(
        'DbFreeStorageAlarm',
        AlarmActions=[Ref('AlarmTopic')],
        AlarmDescription='The database is running out of storage',
        AlarmName=Sub('healthtech-db-free-storage-${EnvironmentSuffix}'),
        ComparisonOperator='LessThanThreshold',
        Dimensions=[cloudwatch.MetricDimension(Name='DBInstanceIdentifier', Value=Ref('DbInstanceId'))],
        EvaluationPeriods=2,
        MetricName='FreeStorageSpace',
        Namespace='AWS/RDS',
        OKActions=[Ref('AlarmTopic')],
        Period=300,
        Statistic='Minimum',
        Threshold=Ref('DbFreeStorageThreshold'),
        TreatMissingData='notBreaching',
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_output(Output('AlarmTopicArn', Description='The topic every alarm notifies; subscribe the on-call address to it.', Value=Ref('AlarmTopic')))
    t.add_output(Output('HealthCheckId', Description='The Route53 health check of the application.', Value=Ref('HealthCheck')))
    return t


def root():
    t = Template()
    t.set_description('healthtech: one environment (dev, staging or prod) of the application, as nested stacks')
    t.set_metadata({'AWS::CloudFormation::Interface': {'ParameterGroups': [{'Label': {'default': 'Environment'}, 'Parameters': ['EnvironmentSuffix', 'Environment']}, {'Label': {'default': 'Application'}, 'Parameters': ['ContainerImage']}]}})
    t.add_parameter(Parameter('EnvironmentSuffix', Type='String', Description='Suffix carried by every resource name, e.g. `dev`, `qa` or `pr-42`.', AllowedPattern='^[a-z0-9][a-z0-9-]*$', MinLength=1, MaxLength=12, ConstraintDescription='1 to 12 lower-case letters, digits and dashes, starting with a letter or digit'))
    t.add_parameter(Parameter('Environment', Type='String', Description='Which row of the settings table to use: dev, staging or prod.', Default='dev', AllowedValues=['dev', 'staging', 'prod']))
    t.add_parameter(Parameter('ContainerImage', Type='String', Description='The application image; it listens on port 8080.', Default='nginxinc/nginx-unprivileged:1.27-alpine'))
    t.add_mapping('EnvironmentSettings', {'dev': {'VpcCidr': '10.0.0.0/16', 'DbInstanceClass': 'db.t4g.micro', 'DbAllocatedStorage': '20', 'DbBackupRetentionDays': 1, 'TaskCpu': '256', 'TaskMemory': '512', 'DesiredCount': 1, 'LogRetentionDays': 7, 'Alb5xxThreshold': 50.0, 'EcsCpuThreshold': 90.0, 'DbCpuThreshold': 90.0, 'DbFreeStorageThreshold': 2147483648.0}, 'staging': {'VpcCidr': '10.1.0.0/16', 'DbInstanceClass': 'db.t4g.medium', 'DbAllocatedStorage': '50', 'DbBackupRetentionDays': 7, 'TaskCpu': '512', 'TaskMemory': '1024', 'DesiredCount': 2, 'LogRetentionDays': 30, 'Alb5xxThreshold': 20.0, 'EcsCpuThreshold': 80.0, 'DbCpuThreshold': 80.0, 'DbFreeStorageThreshold': 5368709120.0}, 'prod': {'VpcCidr': '10.2.0.0/16', 'DbInstanceClass': 'db.m6g.large', 'DbAllocatedStorage': '100', 'DbBackupRetentionDays': 30, 'TaskCpu': '1024', 'TaskMemory': '2048', 'DesiredCount': 3, 'LogRetentionDays': 90, 'Alb5xxThreshold': 10.0, 'EcsCpuThreshold': 75.0, 'DbCpuThreshold': 75.0, 'DbFreeStorageThreshold': 10737418240.0}})
    t.add_resource(cloudformation.Stack(
        'Network',
        DeletionPolicy='Delete',
        UpdateReplacePolicy='Delete',
        TemplateURL='Network.template.json',
        Parameters={'EnvironmentSuffix': Ref('EnvironmentSuffix'), 'Environment': Ref('Environment'), 'VpcCidr': FindInMap('EnvironmentSettings', Ref('Environment'), 'VpcCidr')},
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(cloudformation.Stack(
        'Data',
        DeletionPolicy='Delete',
        UpdateReplacePolicy='Delete',
        TemplateURL='Data.template.json',
        Parameters={'EnvironmentSuffix': Ref('EnvironmentSuffix'), 'Environment': Ref('Environment'), 'PrivateSubnetIds': Join(',', [GetAtt('Network', 'Outputs.PrivateSubnet1Id'), GetAtt('Network', 'Outputs.PrivateSubnet2Id')]), 'DbSecurityGroupId': GetAtt('Network', 'Outputs.DbSecurityGroupId'), 'DbInstanceClass': FindInMap('EnvironmentSettings', Ref('Environment'), 'DbInstanceClass'), 'DbAllocatedStorage': FindInMap('EnvironmentSettings', Ref('Environment'), 'DbAllocatedStorage'), 'DbBackupRetentionDays': FindInMap('EnvironmentSettings', Ref('Environment'), 'DbBackupRetentionDays')},
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(cloudformation.Stack(
        'Storage',
        DeletionPolicy='Delete',
        UpdateReplacePolicy='Delete',
        TemplateURL='Storage.template.json',
        Parameters={'EnvironmentSuffix': Ref('EnvironmentSuffix'), 'Environment': Ref('Environment'), 'PrivateSubnet1': GetAtt('Network', 'Outputs.PrivateSubnet1Id'), 'PrivateSubnet2': GetAtt('Network', 'Outputs.PrivateSubnet2Id'), 'EfsSecurityGroupId': GetAtt('Network', 'Outputs.EfsSecurityGroupId'), 'KmsKeyArn': GetAtt('Data', 'Outputs.KmsKeyArn')},
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(cloudformation.Stack(
        'Compute',
        DeletionPolicy='Delete',
        UpdateReplacePolicy='Delete',
        TemplateURL='Compute.template.json',
        Parameters={'EnvironmentSuffix': Ref('EnvironmentSuffix'), 'Environment': Ref('Environment'), 'VpcId': GetAtt('Network', 'Outputs.VpcId'), 'PublicSubnetIds': Join(',', [GetAtt('Network', 'Outputs.PublicSubnet1Id'), GetAtt('Network', 'Outputs.PublicSubnet2Id')]), 'PrivateSubnetIds': Join(',', [GetAtt('Network', 'Outputs.PrivateSubnet1Id'), GetAtt('Network', 'Outputs.PrivateSubnet2Id')]), 'AlbSecurityGroupId': GetAtt('Network', 'Outputs.AlbSecurityGroupId'), 'EcsSecurityGroupId': GetAtt('Network', 'Outputs.EcsSecurityGroupId'), 'FileSystemId': GetAtt('Storage', 'Outputs.FileSystemId'), 'FileSystemArn': GetAtt('Storage', 'Outputs.FileSystemArn'), 'AccessPointId': GetAtt('Storage', 'Outputs.AccessPointId'), 'AccessPointArn': GetAtt('Storage', 'Outputs.AccessPointArn'), 'DbEndpointParameterArn': GetAtt('Data', 'Outputs.DbEndpointParameterArn'), 'DbPortParameterArn': GetAtt('Data', 'Outputs.DbPortParameterArn'), 'ContainerImage': Ref('ContainerImage'), 'TaskCpu': FindInMap('EnvironmentSettings', Ref('Environment'), 'TaskCpu'), 'TaskMemory': FindInMap('EnvironmentSettings', Ref('Environment'), 'TaskMemory'), 'DesiredCount': FindInMap('EnvironmentSettings', Ref('Environment'), 'DesiredCount'), 'LogRetentionDays': FindInMap('EnvironmentSettings', Ref('Environment'), 'LogRetentionDays')},
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_resource(cloudformation.Stack(
        'Monitoring',
        DeletionPolicy='Delete',
        UpdateReplacePolicy='Delete',
        TemplateURL='Monitoring.template.json',
        Parameters={'EnvironmentSuffix': Ref('EnvironmentSuffix'), 'Environment': Ref('Environment'), 'LoadBalancerDnsName': GetAtt('Compute', 'Outputs.LoadBalancerDnsName'), 'LoadBalancerFullName': GetAtt('Compute', 'Outputs.LoadBalancerFullName'), 'ClusterName': GetAtt('Compute', 'Outputs.ClusterName'), 'ServiceName': GetAtt('Compute', 'Outputs.ServiceName'), 'DbInstanceId': GetAtt('Data', 'Outputs.DbInstanceId'), 'Alb5xxThreshold': FindInMap('EnvironmentSettings', Ref('Environment'), 'Alb5xxThreshold'), 'EcsCpuThreshold': FindInMap('EnvironmentSettings', Ref('Environment'), 'EcsCpuThreshold'), 'DbCpuThreshold': FindInMap('EnvironmentSettings', Ref('Environment'), 'DbCpuThreshold'), 'DbFreeStorageThreshold': FindInMap('EnvironmentSettings', Ref('Environment'), 'DbFreeStorageThreshold')},
        Tags=Tags({'Environment': Ref('Environment'), 'Project': 'healthtech', 'ManagedBy': 'cfn'}),
    ))
    t.add_output(Output('VpcId', Description='The VPC.', Value=GetAtt('Network', 'Outputs.VpcId'), Export=Export(Sub('${AWS::StackName}-VpcId'))))
    t.add_output(Output('PrivateSubnetIds', Description='The private subnets.', Value=Join(',', [GetAtt('Network', 'Outputs.PrivateSubnet1Id'), GetAtt('Network', 'Outputs.PrivateSubnet2Id')]), Export=Export(Sub('${AWS::StackName}-PrivateSubnetIds'))))
    t.add_output(Output('ServiceUrl', Description="The application's URL.", Value=GetAtt('Compute', 'Outputs.ServiceUrl'), Export=Export(Sub('${AWS::StackName}-ServiceUrl'))))
    t.add_output(Output('LoadBalancerDnsName', Description="The load balancer's DNS name.", Value=GetAtt('Compute', 'Outputs.LoadBalancerDnsName'), Export=Export(Sub('${AWS::StackName}-LoadBalancerDnsName'))))
    t.add_output(Output('ClusterName', Description='The ECS cluster.', Value=GetAtt('Compute', 'Outputs.ClusterName'), Export=Export(Sub('${AWS::StackName}-ClusterName'))))
    t.add_output(Output('ServiceName', Description='The ECS service.', Value=GetAtt('Compute', 'Outputs.ServiceName'), Export=Export(Sub('${AWS::StackName}-ServiceName'))))
    t.add_output(Output('DbEndpointAddress', Description="The database endpoint's host name.", Value=GetAtt('Data', 'Outputs.DbEndpointAddress'), Export=Export(Sub('${AWS::StackName}-DbEndpointAddress'))))
    t.add_output(Output('DbEndpointPort', Description="The database endpoint's port.", Value=GetAtt('Data', 'Outputs.DbEndpointPort'), Export=Export(Sub('${AWS::StackName}-DbEndpointPort'))))
    t.add_output(Output('DbEndpointParameterName', Description='The SSM parameter holding the database host name.', Value=GetAtt('Data', 'Outputs.DbEndpointParameterName'), Export=Export(Sub('${AWS::StackName}-DbEndpointParameterName'))))
    t.add_output(Output('FileSystemArn', Description='The file system.', Value=GetAtt('Storage', 'Outputs.FileSystemArn'), Export=Export(Sub('${AWS::StackName}-FileSystemArn'))))
    t.add_output(Output('AlarmTopicArn', Description='The topic every alarm notifies.', Value=GetAtt('Monitoring', 'Outputs.AlarmTopicArn'), Export=Export(Sub('${AWS::StackName}-AlarmTopicArn'))))
    return t


FILES = {
    "template.json": root,
    "Network.template.json": network,
    "Data.template.json": data,
    "Storage.template.json": storage,
    "Compute.template.json": compute,
    "Monitoring.template.json": monitoring,
}

if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, build in FILES.items():
        with open(os.path.join(out, name), "w") as f:
            f.write(build().to_json(indent=2, sort_keys=False))
