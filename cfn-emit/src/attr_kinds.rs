//! `Fn::GetAtt` attributes whose value is not a string, by resource type: what automatic nesting
//! needs to pass a value from one nested stack to another (a list travels joined, as a
//! `CommaDelimitedList` parameter; a number or boolean cannot be a nested stack's output at all, so
//! its producer and consumer stay in one stack).
//!
//! The table is what the pinned cfn-lint (the judge of the templates automatic nesting writes)
//! knows of each attribute: `target/venv/bin/python scripts/attr-kinds.py` rewrites it. The test
//! below checks that it is sorted and agrees with the generated resource types
//! (`cfn-model/src/aws/`, the return type of each `GetAtt` method).

use crate::fxhash::FxHashMap;

/// What a `Fn::GetAtt` attribute holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A string (every attribute the table does not list, custom resources' included).
    String,
    /// A list of strings.
    List,
    /// A number or a boolean.
    Scalar,
}

/// The kind of `attribute` of a resource of type `type_name` (one hash lookup: this runs for every
/// `Fn::GetAtt` of a stack that is nested automatically).
pub(crate) fn kind(type_name: &str, attribute: &str) -> Kind {
    static MAP: std::sync::OnceLock<FxHashMap<(&'static str, &'static str), Kind>> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| rows().map(|(t, a, k)| ((t, a), k)).collect());
    map.get(&(type_name, attribute)).copied().unwrap_or(Kind::String)
}

/// The rows of [`TABLE`].
fn rows() -> impl Iterator<Item = (&'static str, &'static str, Kind)> {
    TABLE.lines().filter_map(|line| {
        let mut f = line.split(' ');
        let (t, a) = (f.next()?, f.next()?);
        let k = match f.next()? {
            "List" => Kind::List,
            "Scalar" => Kind::Scalar,
            _ => return None,
        };
        Some((t, a, k))
    })
}

// BEGIN TABLE
/// One attribute a line: type, attribute, kind (one string rather than a slice of tuples: the
/// loader would otherwise patch two pointers per row into every process at start).
#[rustfmt::skip]
static TABLE: &str = "\
AWS::ARCRegionSwitch::Plan PlanHealthChecks List
AWS::AmazonMQ::Broker AmqpEndpoints List
AWS::AmazonMQ::Broker ConsoleURLs List
AWS::AmazonMQ::Broker IpAddresses List
AWS::AmazonMQ::Broker MqttEndpoints List
AWS::AmazonMQ::Broker OpenWireEndpoints List
AWS::AmazonMQ::Broker StompEndpoints List
AWS::AmazonMQ::Broker WssEndpoints List
AWS::Amplify::Branch BasicAuthConfig.EnableBasicAuth Scalar
AWS::Amplify::Branch EnableAutoBuild Scalar
AWS::Amplify::Branch EnablePerformanceMode Scalar
AWS::Amplify::Branch EnablePullRequestPreview Scalar
AWS::Amplify::Branch EnableSkewProtection Scalar
AWS::Amplify::Branch EnvironmentVariables List
AWS::Amplify::Branch Tags List
AWS::Amplify::Domain AutoSubDomainCreationPatterns List
AWS::Amplify::Domain EnableAutoSubDomain Scalar
AWS::Amplify::Domain SubDomainSettings List
AWS::AppConfig::Extension VersionNumber Scalar
AWS::AppRunner::AutoScalingConfiguration AutoScalingConfigurationRevision Scalar
AWS::AppRunner::AutoScalingConfiguration Latest Scalar
AWS::AppRunner::ObservabilityConfiguration Latest Scalar
AWS::AppRunner::ObservabilityConfiguration ObservabilityConfigurationRevision Scalar
AWS::AppRunner::VpcConnector VpcConnectorRevision Scalar
AWS::AppSync::DomainName Tags List
AWS::AppSync::FunctionConfiguration MaxBatchSize Scalar
AWS::AppSync::Resolver CachingConfig.CachingKeys List
AWS::AppSync::Resolver CachingConfig.Ttl Scalar
AWS::AppSync::Resolver MaxBatchSize Scalar
AWS::AppSync::Resolver PipelineConfig.Functions List
AWS::AppTest::TestCase TestCaseVersion Scalar
AWS::ApplicationSignals::ServiceLevelObjective CreatedTime Scalar
AWS::ApplicationSignals::ServiceLevelObjective LastUpdatedTime Scalar
AWS::Athena::CapacityReservation AllocatedDpus Scalar
AWS::AuditManager::Assessment CreationTime Scalar
AWS::AutoScaling::AutoScalingGroup AvailabilityZoneIds List
AWS::AutoScaling::AutoScalingGroup AvailabilityZoneImpairmentPolicy.ZonalShiftEnabled Scalar
AWS::AutoScaling::AutoScalingGroup AvailabilityZones List
AWS::AutoScaling::AutoScalingGroup CapacityRebalance Scalar
AWS::AutoScaling::AutoScalingGroup CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationIds List
AWS::AutoScaling::AutoScalingGroup CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationResourceGroupArns List
AWS::AutoScaling::AutoScalingGroup DefaultInstanceWarmup Scalar
AWS::AutoScaling::AutoScalingGroup HealthCheckGracePeriod Scalar
AWS::AutoScaling::AutoScalingGroup InstanceMaintenancePolicy.MaxHealthyPercentage Scalar
AWS::AutoScaling::AutoScalingGroup InstanceMaintenancePolicy.MinHealthyPercentage Scalar
AWS::AutoScaling::AutoScalingGroup LifecycleHookSpecificationList List
AWS::AutoScaling::AutoScalingGroup LoadBalancerNames List
AWS::AutoScaling::AutoScalingGroup MaxInstanceLifetime Scalar
AWS::AutoScaling::AutoScalingGroup MetricsCollection List
AWS::AutoScaling::AutoScalingGroup MixedInstancesPolicy.InstancesDistribution.DistributionSegments List
AWS::AutoScaling::AutoScalingGroup MixedInstancesPolicy.InstancesDistribution.OnDemandBaseCapacity Scalar
AWS::AutoScaling::AutoScalingGroup MixedInstancesPolicy.InstancesDistribution.OnDemandPercentageAboveBaseCapacity Scalar
AWS::AutoScaling::AutoScalingGroup MixedInstancesPolicy.InstancesDistribution.SpotInstancePools Scalar
AWS::AutoScaling::AutoScalingGroup MixedInstancesPolicy.LaunchTemplate.Overrides List
AWS::AutoScaling::AutoScalingGroup NewInstancesProtectedFromScaleIn Scalar
AWS::AutoScaling::AutoScalingGroup NotificationConfiguration.NotificationTypes List
AWS::AutoScaling::AutoScalingGroup NotificationConfiguration.TopicARN List
AWS::AutoScaling::AutoScalingGroup NotificationConfigurations List
AWS::AutoScaling::AutoScalingGroup SkipZonalShiftValidation Scalar
AWS::AutoScaling::AutoScalingGroup Tags List
AWS::AutoScaling::AutoScalingGroup TargetGroupARNs List
AWS::AutoScaling::AutoScalingGroup TerminationPolicies List
AWS::AutoScaling::AutoScalingGroup TrafficSources List
AWS::AutoScaling::AutoScalingGroup VPCZoneIdentifier List
AWS::Backup::BackupSelection BackupSelection.Conditions.StringEquals List
AWS::Backup::BackupSelection BackupSelection.Conditions.StringLike List
AWS::Backup::BackupSelection BackupSelection.Conditions.StringNotEquals List
AWS::Backup::BackupSelection BackupSelection.Conditions.StringNotLike List
AWS::Backup::BackupSelection BackupSelection.ListOfTags List
AWS::Backup::BackupSelection BackupSelection.NotResources List
AWS::Backup::BackupSelection BackupSelection.Resources List
AWS::Backup::BackupVault LockConfiguration.ChangeableForDays Scalar
AWS::Backup::BackupVault LockConfiguration.MaxRetentionDays Scalar
AWS::Backup::BackupVault LockConfiguration.MinRetentionDays Scalar
AWS::Backup::BackupVault Notifications.BackupVaultEvents List
AWS::Backup::LogicallyAirGappedBackupVault MaxRetentionDays Scalar
AWS::Backup::LogicallyAirGappedBackupVault MinRetentionDays Scalar
AWS::Backup::LogicallyAirGappedBackupVault Notifications.BackupVaultEvents List
AWS::Batch::ConsumableResource AvailableQuantity Scalar
AWS::Batch::ConsumableResource CreatedAt Scalar
AWS::Batch::ConsumableResource InUseQuantity Scalar
AWS::BcmPricingCalculator::WorkloadEstimate TotalCost Scalar
AWS::Bedrock::Agent FailureReasons List
AWS::Bedrock::Agent RecommendedActions List
AWS::Bedrock::AgentAlias AgentAliasHistoryEvents List
AWS::Bedrock::ApplicationInferenceProfile Models List
AWS::Bedrock::DataAutomationLibrary EntityTypes List
AWS::Bedrock::DataSource FailureReasons List
AWS::Bedrock::Flow Validations List
AWS::Bedrock::Guardrail FailureRecommendations List
AWS::Bedrock::Guardrail StatusReasons List
AWS::Bedrock::KnowledgeBase FailureReasons List
AWS::Bedrock::PromptVersion Variants List
AWS::BedrockAgentCore::Dataset ExampleCount Scalar
AWS::BedrockAgentCore::Gateway StatusReasons List
AWS::BedrockAgentCore::GatewayTarget PrivateEndpointManagedResources List
AWS::BedrockAgentCore::GatewayTarget StatusReasons List
AWS::BedrockAgentCore::Policy StatusReasons List
AWS::BedrockAgentCore::PolicyEngine StatusReasons List
AWS::BedrockAgentCore::WorkloadIdentity CreatedTime Scalar
AWS::BedrockAgentCore::WorkloadIdentity LastUpdatedTime Scalar
AWS::Billing::BillingView CreatedAt Scalar
AWS::Billing::BillingView UpdatedAt Scalar
AWS::BillingConductor::BillingGroup CreationTime Scalar
AWS::BillingConductor::BillingGroup LastModifiedTime Scalar
AWS::BillingConductor::BillingGroup Size Scalar
AWS::BillingConductor::CustomLineItem AssociationSize Scalar
AWS::BillingConductor::CustomLineItem CreationTime Scalar
AWS::BillingConductor::CustomLineItem LastModifiedTime Scalar
AWS::BillingConductor::PricingPlan CreationTime Scalar
AWS::BillingConductor::PricingPlan LastModifiedTime Scalar
AWS::BillingConductor::PricingPlan Size Scalar
AWS::BillingConductor::PricingRule AssociatedPricingPlanCount Scalar
AWS::BillingConductor::PricingRule CreationTime Scalar
AWS::BillingConductor::PricingRule LastModifiedTime Scalar
AWS::CE::AnomalyMonitor DimensionalValueCount Scalar
AWS::Cassandra::Type DirectParentTypes List
AWS::Cassandra::Type DirectReferringTables List
AWS::Cassandra::Type LastModifiedTimestamp Scalar
AWS::Cassandra::Type MaxNestingDepth Scalar
AWS::CloudFormation::GeneratedTemplate TotalWarnings Scalar
AWS::CloudFormation::HookVersion IsDefaultVersion Scalar
AWS::CloudFormation::ModuleVersion IsDefaultVersion Scalar
AWS::CloudFormation::ResourceVersion IsDefaultVersion Scalar
AWS::CloudFront::AnycastIpList IpamCidrConfigResults List
AWS::CloudFront::ConnectionGroup IsDefault Scalar
AWS::CloudFront::DistributionTenant DomainResults List
AWS::CloudFront::TrustStore NumberOfCaCertificates Scalar
AWS::CodeArtifact::Domain Tags List
AWS::CodeArtifact::Repository ExternalConnections List
AWS::CodeArtifact::Repository Tags List
AWS::CodeArtifact::Repository Upstreams List
AWS::Comprehend::DocumentClassifierEndpoint CurrentInferenceUnits Scalar
AWS::Comprehend::EntityRecognizerEndpoint CurrentInferenceUnits Scalar
AWS::Connect::AgentStatus LastModifiedTime Scalar
AWS::Connect::ContactFlowModuleVersion Version Scalar
AWS::Connect::ContactFlowVersion Version Scalar
AWS::Connect::DataTable CreatedTime Scalar
AWS::Connect::DataTable LastModifiedTime Scalar
AWS::Connect::DataTableAttribute LastModifiedTime Scalar
AWS::Connect::Metric CreatedTime Scalar
AWS::Connect::Metric EffectiveTime Scalar
AWS::Connect::Metric Filters List
AWS::Connect::Metric Groupings List
AWS::Connect::Metric LastModifiedTime Scalar
AWS::Connect::Metric RefreshRate Scalar
AWS::Connect::Metric SupportedStats List
AWS::Connect::Metric SupportsCustomCalculation Scalar
AWS::Connect::Metric SupportsPreaggregateCalculation Scalar
AWS::Connect::PredefinedAttribute LastModifiedTime Scalar
AWS::Connect::Queue LastModifiedTime Scalar
AWS::Connect::SecurityProfile LastModifiedTime Scalar
AWS::Connect::TestCase LastModifiedTime Scalar
AWS::Connect::TrafficDistributionGroup IsDefault Scalar
AWS::Connect::ViewVersion Version Scalar
AWS::CustomerProfiles::ObjectType MaxAvailableProfileObjectCount Scalar
AWS::CustomerProfiles::Recommender TrainingMetrics List
AWS::DataSync::Task DestinationNetworkInterfaceArns List
AWS::DataSync::Task SourceNetworkInterfaceArns List
AWS::DataZone::DataSource LastRunAssetCount Scalar
AWS::Deadline::Fleet WorkerCount Scalar
AWS::Deadline::Limit CurrentCount Scalar
AWS::Deadline::MeteredProduct Port Scalar
AWS::DevOpsAgent::Asset Version Scalar
AWS::DevOpsAgent::Service AccessibleResources List
AWS::DirectoryService::MicrosoftAD DnsIpAddresses List
AWS::DirectoryService::SimpleAD DnsIpAddresses List
AWS::DocDB::DBCluster Port Scalar
AWS::DocDBElastic::ClusterSnapshot SubnetIds List
AWS::DocDBElastic::ClusterSnapshot VpcSecurityGroupIds List
AWS::EC2::CapacityReservation AvailableInstanceCount Scalar
AWS::EC2::CapacityReservation CapacityAllocationSet List
AWS::EC2::CapacityReservation CommitmentInfo.CommittedInstanceCount Scalar
AWS::EC2::CapacityReservation EbsOptimized Scalar
AWS::EC2::CapacityReservation EphemeralStorage Scalar
AWS::EC2::CapacityReservation InstanceCount Scalar
AWS::EC2::CapacityReservation TagSpecifications List
AWS::EC2::CapacityReservation TotalInstanceCount Scalar
AWS::EC2::FpgaImage DataRetentionSupport Scalar
AWS::EC2::FpgaImage Public Scalar
AWS::EC2::IPAM ResourceDiscoveryAssociationCount Scalar
AWS::EC2::IPAM ScopeCount Scalar
AWS::EC2::IPAMPool PoolDepth Scalar
AWS::EC2::IPAMResourceDiscovery IsDefault Scalar
AWS::EC2::IPAMResourceDiscoveryAssociation IsDefault Scalar
AWS::EC2::IPAMScope IsDefault Scalar
AWS::EC2::IPAMScope PoolCount Scalar
AWS::EC2::IPv4Pool TotalAddressCount Scalar
AWS::EC2::IPv4Pool TotalAvailableAddressCount Scalar
AWS::EC2::Instance BlockDeviceMappings List
AWS::EC2::Instance CpuOptions.CoreCount Scalar
AWS::EC2::Instance CpuOptions.ThreadsPerCore Scalar
AWS::EC2::Instance DisableApiTermination Scalar
AWS::EC2::Instance EbsOptimized Scalar
AWS::EC2::Instance ElasticGpuSpecifications List
AWS::EC2::Instance ElasticInferenceAccelerators List
AWS::EC2::Instance EnclaveOptions.Enabled Scalar
AWS::EC2::Instance HibernationOptions.Configured Scalar
AWS::EC2::Instance Ipv6AddressCount Scalar
AWS::EC2::Instance Ipv6Addresses List
AWS::EC2::Instance LicenseSpecifications List
AWS::EC2::Instance Monitoring Scalar
AWS::EC2::Instance NetworkInterfaces List
AWS::EC2::Instance PropagateTagsToVolumeOnCreation Scalar
AWS::EC2::Instance SecurityGroupIds List
AWS::EC2::Instance SecurityGroups List
AWS::EC2::Instance SourceDestCheck Scalar
AWS::EC2::Instance SsmAssociations List
AWS::EC2::Instance Tags List
AWS::EC2::Instance Volumes List
AWS::EC2::InstanceConnectEndpoint NetworkInterfaceIds List
AWS::EC2::LocalGatewayVirtualInterface LocalBgpAsn Scalar
AWS::EC2::LocalGatewayVirtualInterfaceGroup LocalGatewayVirtualInterfaceIds List
AWS::EC2::NetworkInsightsAccessScopeAnalysis AnalyzedEniCount Scalar
AWS::EC2::NetworkInsightsAnalysis AlternatePathHints List
AWS::EC2::NetworkInsightsAnalysis Explanations List
AWS::EC2::NetworkInsightsAnalysis ForwardPathComponents List
AWS::EC2::NetworkInsightsAnalysis NetworkPathFound Scalar
AWS::EC2::NetworkInsightsAnalysis ReturnPathComponents List
AWS::EC2::NetworkInsightsAnalysis SuggestedAccounts List
AWS::EC2::NetworkInterface SecondaryPrivateIpAddresses List
AWS::EC2::PrefixList Version Scalar
AWS::EC2::SecondaryNetwork Ipv4CidrBlockAssociations List
AWS::EC2::SecurityGroup SecurityGroupEgress List
AWS::EC2::SecurityGroup SecurityGroupIngress List
AWS::EC2::SecurityGroup Tags List
AWS::EC2::Subnet AssignIpv6AddressOnCreation Scalar
AWS::EC2::Subnet EnableDns64 Scalar
AWS::EC2::Subnet EnableLniAtDeviceIndex Scalar
AWS::EC2::Subnet Ipv4NetmaskLength Scalar
AWS::EC2::Subnet Ipv6CidrBlocks List
AWS::EC2::Subnet Ipv6Native Scalar
AWS::EC2::Subnet Ipv6NetmaskLength Scalar
AWS::EC2::Subnet MapPublicIpOnLaunch Scalar
AWS::EC2::Subnet PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsAAAARecord Scalar
AWS::EC2::Subnet PrivateDnsNameOptionsOnLaunch.EnableResourceNameDnsARecord Scalar
AWS::EC2::Subnet Tags List
AWS::EC2::TransitGatewayConnectPeer ConnectPeerConfiguration.BgpConfigurations List
AWS::EC2::TransitGatewayMulticastGroupMember GroupMember Scalar
AWS::EC2::TransitGatewayMulticastGroupMember GroupSource Scalar
AWS::EC2::TransitGatewayMulticastGroupSource GroupMember Scalar
AWS::EC2::TransitGatewayMulticastGroupSource GroupSource Scalar
AWS::EC2::VPC CidrBlockAssociations List
AWS::EC2::VPC EnableDnsHostnames Scalar
AWS::EC2::VPC EnableDnsSupport Scalar
AWS::EC2::VPC Ipv4NetmaskLength Scalar
AWS::EC2::VPC Ipv6CidrBlocks List
AWS::EC2::VPC Tags List
AWS::EC2::VPCEndpoint DnsEntries List
AWS::EC2::VPCEndpoint NetworkInterfaceIds List
AWS::EC2::VerifiedAccessInstance CidrEndpointsCustomSubDomainNameServers List
AWS::ECS::ExpressGatewayService ActiveConfigurations List
AWS::ECS::ExpressGatewayService ECSManagedResourceArns.AutoScaling.ApplicationAutoScalingPolicies List
AWS::ECS::ExpressGatewayService ECSManagedResourceArns.IngressPath.LoadBalancerSecurityGroups List
AWS::ECS::ExpressGatewayService ECSManagedResourceArns.IngressPath.TargetGroupArns List
AWS::ECS::ExpressGatewayService ECSManagedResourceArns.LogGroups List
AWS::ECS::ExpressGatewayService ECSManagedResourceArns.MetricAlarms List
AWS::ECS::ExpressGatewayService ECSManagedResourceArns.ServiceSecurityGroups List
AWS::ECS::Gateway Configuration.HostSharedAlb.CurrentAlbCount Scalar
AWS::EFS::MountTarget SecurityGroups List
AWS::EKS::CertificateAuthority RollbackAvailable Scalar
AWS::EKS::Nodegroup DiskSize Scalar
AWS::EKS::Nodegroup ForceUpdateEnabled Scalar
AWS::EKS::Nodegroup InstanceTypes List
AWS::EKS::Nodegroup NodeRepairConfig.Enabled Scalar
AWS::EKS::Nodegroup NodeRepairConfig.MaxParallelNodesRepairedCount Scalar
AWS::EKS::Nodegroup NodeRepairConfig.MaxParallelNodesRepairedPercentage Scalar
AWS::EKS::Nodegroup NodeRepairConfig.MaxUnhealthyNodeThresholdCount Scalar
AWS::EKS::Nodegroup NodeRepairConfig.MaxUnhealthyNodeThresholdPercentage Scalar
AWS::EKS::Nodegroup NodeRepairConfig.NodeRepairConfigOverrides List
AWS::EKS::Nodegroup RemoteAccess.SourceSecurityGroups List
AWS::EKS::Nodegroup ScalingConfig.DesiredSize Scalar
AWS::EKS::Nodegroup ScalingConfig.MaxSize Scalar
AWS::EKS::Nodegroup ScalingConfig.MinSize Scalar
AWS::EKS::Nodegroup Subnets List
AWS::EKS::Nodegroup Taints List
AWS::EKS::Nodegroup UpdateConfig.MaxUnavailable Scalar
AWS::EKS::Nodegroup UpdateConfig.MaxUnavailablePercentage Scalar
AWS::EKS::Nodegroup WarmPoolConfig.Enabled Scalar
AWS::EKS::Nodegroup WarmPoolConfig.MaxGroupPreparedCapacity Scalar
AWS::EKS::Nodegroup WarmPoolConfig.MinSize Scalar
AWS::EKS::Nodegroup WarmPoolConfig.ReuseOnScaleIn Scalar
AWS::EVS::Environment Checks List
AWS::EVS::Environment Credentials List
AWS::ElastiCache::ReplicationGroup AtRestEncryptionEnabled Scalar
AWS::ElastiCache::ReplicationGroup AutoMinorVersionUpgrade Scalar
AWS::ElastiCache::ReplicationGroup AutomaticFailoverEnabled Scalar
AWS::ElastiCache::ReplicationGroup CacheSecurityGroupNames List
AWS::ElastiCache::ReplicationGroup DataTieringEnabled Scalar
AWS::ElastiCache::ReplicationGroup LogDeliveryConfigurations List
AWS::ElastiCache::ReplicationGroup MultiAZEnabled Scalar
AWS::ElastiCache::ReplicationGroup NodeGroupConfiguration List
AWS::ElastiCache::ReplicationGroup NumCacheClusters Scalar
AWS::ElastiCache::ReplicationGroup NumNodeGroups Scalar
AWS::ElastiCache::ReplicationGroup Port Scalar
AWS::ElastiCache::ReplicationGroup PreferredCacheClusterAZs List
AWS::ElastiCache::ReplicationGroup ReadEndPoint.AddressesList List
AWS::ElastiCache::ReplicationGroup ReadEndPoint.PortsList List
AWS::ElastiCache::ReplicationGroup ReplicasPerNodeGroup Scalar
AWS::ElastiCache::ReplicationGroup SecurityGroupIds List
AWS::ElastiCache::ReplicationGroup SnapshotArns List
AWS::ElastiCache::ReplicationGroup SnapshotRetentionLimit Scalar
AWS::ElastiCache::ReplicationGroup Tags List
AWS::ElastiCache::ReplicationGroup TransitEncryptionEnabled Scalar
AWS::ElastiCache::ReplicationGroup UserGroupIds List
AWS::ElastiCache::Snapshot AutoMinorVersionUpgrade Scalar
AWS::ElastiCache::Snapshot NodeSnapshots List
AWS::ElastiCache::Snapshot NumCacheNodes Scalar
AWS::ElastiCache::Snapshot NumNodeGroups Scalar
AWS::ElastiCache::Snapshot Port Scalar
AWS::ElastiCache::Snapshot SnapshotRetentionLimit Scalar
AWS::ElasticLoadBalancingV2::ListenerRule IsDefault Scalar
AWS::ElasticLoadBalancingV2::LoadBalancer EnableCapacityReservationProvisionStabilize Scalar
AWS::ElasticLoadBalancingV2::LoadBalancer LoadBalancerAttributes List
AWS::ElasticLoadBalancingV2::LoadBalancer SecurityGroups List
AWS::ElasticLoadBalancingV2::LoadBalancer SubnetMappings List
AWS::ElasticLoadBalancingV2::LoadBalancer Subnets List
AWS::ElasticLoadBalancingV2::LoadBalancer Tags List
AWS::ElasticLoadBalancingV2::TargetGroup LoadBalancerArns List
AWS::ElasticLoadBalancingV2::TrustStore NumberOfCaCertificates Scalar
AWS::ElasticLoadBalancingV2::TrustStoreRevocation RevocationId Scalar
AWS::ElasticLoadBalancingV2::TrustStoreRevocation TrustStoreRevocations List
AWS::ElementalInference::Feed DataEndpoints List
AWS::EntityResolution::SchemaMapping HasWorkflows Scalar
AWS::EventSchemas::Discoverer CrossAccount Scalar
AWS::EventSchemas::Discoverer Tags List
AWS::EventSchemas::Registry Tags List
AWS::EventSchemas::Schema Tags List
AWS::Events::EventBus Tags List
AWS::EventsV2::EventSource Revoked Scalar
AWS::FSx::FileCache DataRepositoryAssociationIds List
AWS::FSx::FileCache NetworkInterfaceIds List
AWS::GameLift::ContainerFleet MaximumGameServerContainerGroupsPerInstance Scalar
AWS::GameLift::ContainerGroupDefinition VersionNumber Scalar
AWS::GameLift::GameSessionQueue Destinations List
AWS::GameLift::GameSessionQueue PlayerLatencyPolicies List
AWS::GameLift::GameSessionQueue Tags List
AWS::GameLift::GameSessionQueue TimeoutInSeconds Scalar
AWS::GameLift::MatchmakingConfiguration AcceptanceRequired Scalar
AWS::GameLift::MatchmakingConfiguration AcceptanceTimeoutSeconds Scalar
AWS::GameLift::MatchmakingConfiguration AdditionalPlayerCount Scalar
AWS::GameLift::MatchmakingConfiguration GameProperties List
AWS::GameLift::MatchmakingConfiguration GameSessionQueueArns List
AWS::GameLift::MatchmakingConfiguration RequestTimeoutSeconds Scalar
AWS::GameLift::MatchmakingConfiguration Tags List
AWS::GameLift::MatchmakingRuleSet Tags List
AWS::GameLift::Script SizeOnDisk Scalar
AWS::GlobalAccelerator::Accelerator Ipv4Addresses List
AWS::GlobalAccelerator::Accelerator Ipv6Addresses List
AWS::Glue::Catalog CreateTime Scalar
AWS::Glue::Catalog UpdateTime Scalar
AWS::Glue::Session Progress Scalar
AWS::Grafana::Workspace AuthenticationProviders List
AWS::Grafana::Workspace DataSources List
AWS::Grafana::Workspace NetworkAccessControl.PrefixListIds List
AWS::Grafana::Workspace NetworkAccessControl.VpceIds List
AWS::Grafana::Workspace NotificationDestinations List
AWS::Grafana::Workspace OrganizationalUnits List
AWS::Grafana::Workspace PluginAdminEnabled Scalar
AWS::Grafana::Workspace SamlConfiguration.AllowedOrganizations List
AWS::Grafana::Workspace SamlConfiguration.LoginValidityDuration Scalar
AWS::Grafana::Workspace SamlConfiguration.RoleValues.Admin List
AWS::Grafana::Workspace SamlConfiguration.RoleValues.Editor List
AWS::Grafana::Workspace VpcConfiguration.SecurityGroupIds List
AWS::Grafana::Workspace VpcConfiguration.SubnetIds List
AWS::Greengrass::ConnectorDefinition InitialVersion.Connectors List
AWS::Greengrass::CoreDefinition InitialVersion.Cores List
AWS::Greengrass::DeviceDefinition InitialVersion.Devices List
AWS::Greengrass::FunctionDefinition InitialVersion.DefaultConfig.Execution.RunAs.Gid Scalar
AWS::Greengrass::FunctionDefinition InitialVersion.DefaultConfig.Execution.RunAs.Uid Scalar
AWS::Greengrass::FunctionDefinition InitialVersion.Functions List
AWS::Greengrass::LoggerDefinition InitialVersion.Loggers List
AWS::Greengrass::ResourceDefinition InitialVersion.Resources List
AWS::Greengrass::SubscriptionDefinition InitialVersion.Subscriptions List
AWS::GroundStation::DataflowEndpointGroupV2 EndpointDetails List
AWS::GuardDuty::MalwareProtectionPlan StatusReasons List
AWS::IAM::ManagedPolicy AttachmentCount Scalar
AWS::IAM::ManagedPolicy IsAttachable Scalar
AWS::IAM::ManagedPolicy PermissionsBoundaryUsageCount Scalar
AWS::ImageBuilder::Component Encrypted Scalar
AWS::ImageBuilder::Component SupportedOsVersions List
AWS::ImageBuilder::ContainerRecipe Components List
AWS::ImageBuilder::ContainerRecipe InstanceConfiguration.BlockDeviceMappings List
AWS::ImageBuilder::DistributionConfiguration Distributions List
AWS::ImageBuilder::ImagePipeline EnhancedImageMetadataEnabled Scalar
AWS::ImageBuilder::ImagePipeline ImageScanningConfiguration.EcrConfiguration.ContainerTags List
AWS::ImageBuilder::ImagePipeline ImageScanningConfiguration.ImageScanningEnabled Scalar
AWS::ImageBuilder::ImagePipeline ImageTestsConfiguration.ImageTestsEnabled Scalar
AWS::ImageBuilder::ImagePipeline ImageTestsConfiguration.TimeoutMinutes Scalar
AWS::ImageBuilder::ImagePipeline Schedule.AutoDisablePolicy.FailureCount Scalar
AWS::ImageBuilder::ImagePipeline Workflows List
AWS::ImageBuilder::ImageRecipe AdditionalInstanceConfiguration.SystemsManagerAgent.UninstallAfterBuild Scalar
AWS::ImageBuilder::ImageRecipe AmiWatermarks List
AWS::ImageBuilder::ImageRecipe BlockDeviceMappings List
AWS::ImageBuilder::ImageRecipe Components List
AWS::ImageBuilder::InfrastructureConfiguration InstanceMetadataOptions.HttpPutResponseHopLimit Scalar
AWS::ImageBuilder::InfrastructureConfiguration InstanceTypes List
AWS::ImageBuilder::InfrastructureConfiguration ParentInstance.AutoScalingGroup.CapacityWaitTimeoutSeconds Scalar
AWS::ImageBuilder::InfrastructureConfiguration SecurityGroupIds List
AWS::ImageBuilder::InfrastructureConfiguration TerminateInstanceOnCompletion Scalar
AWS::ImageBuilder::InfrastructureConfiguration TerminateInstanceOnFailure Scalar
AWS::Interconnect::Connection BillingTier Scalar
AWS::Invoicing::InvoiceUnit LastModified Scalar
AWS::Invoicing::ProcurementPortalPreference Version Scalar
AWS::IoT::DomainConfiguration ServerCertificates List
AWS::IoT::FleetMetric Version Scalar
AWS::IoT::Stream StreamVersion Scalar
AWS::IoTFleetWise::SignalCatalog NodeCounts.TotalActuators Scalar
AWS::IoTFleetWise::SignalCatalog NodeCounts.TotalAttributes Scalar
AWS::IoTFleetWise::SignalCatalog NodeCounts.TotalBranches Scalar
AWS::IoTFleetWise::SignalCatalog NodeCounts.TotalNodes Scalar
AWS::IoTFleetWise::SignalCatalog NodeCounts.TotalSensors Scalar
AWS::IoTTwinMaker::ComponentType IsAbstract Scalar
AWS::IoTTwinMaker::ComponentType IsSchemaInitialized Scalar
AWS::IoTTwinMaker::Entity HasChildEntities Scalar
AWS::IoTWireless::MulticastGroup LoRaWAN.NumberOfDevicesInGroup Scalar
AWS::IoTWireless::MulticastGroup LoRaWAN.NumberOfDevicesRequested Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.DevStatusReqFreq Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.DlBucketSize Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.DlRate Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.DrMax Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.DrMin Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.HrAllowed Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.MinGwDiversity Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.NwkGeoLoc Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.ReportDevStatusBattery Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.ReportDevStatusMargin Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.TargetPer Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.UlBucketSize Scalar
AWS::IoTWireless::ServiceProfile LoRaWAN.UlRate Scalar
AWS::IoTWireless::WirelessDeviceImportTask FailedImportedDevicesCount Scalar
AWS::IoTWireless::WirelessDeviceImportTask InitializedImportedDevicesCount Scalar
AWS::IoTWireless::WirelessDeviceImportTask OnboardedImportedDevicesCount Scalar
AWS::IoTWireless::WirelessDeviceImportTask PendingImportedDevicesCount Scalar
AWS::IoTWireless::WirelessDeviceImportTask Sidewalk.DeviceCreationFileList List
AWS::KafkaConnect::CustomPlugin Revision Scalar
AWS::KafkaConnect::WorkerConfiguration Revision Scalar
AWS::Lambda::NetworkConnector LatestVersion Scalar
AWS::LicenseManagerUserSubscriptions::LicenseServerEndpoint LicenseServers List
AWS::Lightsail::Bucket AbleToUpdateBundle Scalar
AWS::Lightsail::DatabaseSnapshot SizeInGb Scalar
AWS::Lightsail::Disk Iops Scalar
AWS::Lightsail::Disk IsAttached Scalar
AWS::Lightsail::DiskSnapshot IsFromAutoSnapshot Scalar
AWS::Lightsail::DiskSnapshot SizeInGb Scalar
AWS::Lightsail::Distribution AbleToUpdateBundle Scalar
AWS::Lightsail::Instance Hardware.CpuCount Scalar
AWS::Lightsail::Instance Hardware.RamSizeInGb Scalar
AWS::Lightsail::Instance Ipv6Addresses List
AWS::Lightsail::Instance IsStaticIp Scalar
AWS::Lightsail::Instance State.Code Scalar
AWS::Lightsail::InstanceSnapshot IsFromAutoSnapshot Scalar
AWS::Lightsail::InstanceSnapshot SizeInGb Scalar
AWS::Lightsail::StaticIp IsAttached Scalar
AWS::Logs::DeliverySource ResourceArns List
AWS::Logs::LogAnomalyDetector CreationTimeStamp Scalar
AWS::Logs::LogAnomalyDetector LastModifiedTimeStamp Scalar
AWS::Logs::ScheduledQuery CreationTime Scalar
AWS::Logs::ScheduledQuery LastTriggeredTime Scalar
AWS::Logs::ScheduledQuery LastUpdatedTime Scalar
AWS::Logs::StorageTierPolicy LastUpdatedTime Scalar
AWS::MPA::ApprovalTeam NumberOfApprovers Scalar
AWS::MSK::Configuration LatestRevision.Revision Scalar
AWS::MediaConnect::FlowMediaStream Fmt Scalar
AWS::MediaConnect::FlowVpcInterface NetworkInterfaceIds List
AWS::MediaConnect::RouterInput RoutedOutputs Scalar
AWS::MediaConnect::RouterNetworkInterface AssociatedInputCount Scalar
AWS::MediaConnect::RouterNetworkInterface AssociatedOutputCount Scalar
AWS::MediaLive::Channel Inputs List
AWS::MediaLive::ChannelPlacementGroup Channels List
AWS::MediaLive::Cluster ChannelIds List
AWS::MediaLive::Input AttachedChannels List
AWS::MediaLive::Input DestinationUrls List
AWS::MediaLive::Input Destinations List
AWS::MediaLive::Input InputPartnerIds List
AWS::MediaLive::Input SecurityGroups List
AWS::MediaLive::Input SourceUrls List
AWS::MediaLive::Input Sources List
AWS::MediaLive::InputSecurityGroup Inputs List
AWS::MediaLive::Multiplex PipelinesRunningCount Scalar
AWS::MediaLive::Multiplex ProgramCount Scalar
AWS::MediaLive::Network AssociatedClusterIds List
AWS::MediaLive::Node ChannelPlacementGroups List
AWS::MediaLive::SdiSource Inputs List
AWS::MediaLive::SignalMap CloudWatchAlarmTemplateGroupIds List
AWS::MediaLive::SignalMap EventBridgeRuleTemplateGroupIds List
AWS::MediaLive::SignalMap MonitorChangesPendingDeployment Scalar
AWS::MediaPackageV2::Channel AttachedMultiviewChannels List
AWS::MediaPackageV2::Channel IngestEndpointUrls List
AWS::MediaPackageV2::Channel IngestEndpoints List
AWS::MediaPackageV2::OriginEndpoint DashManifestUrls List
AWS::MediaPackageV2::OriginEndpoint HlsManifestUrls List
AWS::MediaPackageV2::OriginEndpoint LowLatencyHlsManifestUrls List
AWS::MediaPackageV2::OriginEndpoint MssManifestUrls List
AWS::MediaTailor::Program DurationMillis Scalar
AWS::MemoryDB::Cluster ClusterEndpoint.Port Scalar
AWS::MemoryDB::SubnetGroup SupportedNetworkTypes List
AWS::Neptune::DBCluster AssociatedRoles List
AWS::Neptune::DBCluster AvailabilityZones List
AWS::Neptune::DBCluster BackupRetentionPeriod Scalar
AWS::Neptune::DBCluster CopyTagsToSnapshot Scalar
AWS::Neptune::DBCluster DBPort Scalar
AWS::Neptune::DBCluster DeletionProtection Scalar
AWS::Neptune::DBCluster EnableCloudwatchLogsExports List
AWS::Neptune::DBCluster IamAuthEnabled Scalar
AWS::Neptune::DBCluster ServerlessScalingConfiguration.MaxCapacity Scalar
AWS::Neptune::DBCluster ServerlessScalingConfiguration.MinCapacity Scalar
AWS::Neptune::DBCluster StorageEncrypted Scalar
AWS::Neptune::DBCluster Tags List
AWS::Neptune::DBCluster UseLatestRestorableTime Scalar
AWS::Neptune::DBCluster VpcSecurityGroupIds List
AWS::NetworkFirewall::ContainerAssociation ResolvedCidrCount Scalar
AWS::NetworkFirewall::Firewall EndpointIds List
AWS::NetworkFirewall::Firewall NumberOfAssociations Scalar
AWS::NetworkManager::ConnectAttachment AttachmentPolicyRuleNumber Scalar
AWS::NetworkManager::ConnectAttachment LastModificationErrors List
AWS::NetworkManager::ConnectPeer LastModificationErrors List
AWS::NetworkManager::CoreNetwork Edges List
AWS::NetworkManager::CoreNetwork NetworkFunctionGroups List
AWS::NetworkManager::CoreNetwork Segments List
AWS::NetworkManager::DirectConnectGatewayAttachment AttachmentPolicyRuleNumber Scalar
AWS::NetworkManager::DirectConnectGatewayAttachment LastModificationErrors List
AWS::NetworkManager::SiteToSiteVpnAttachment AttachmentPolicyRuleNumber Scalar
AWS::NetworkManager::SiteToSiteVpnAttachment LastModificationErrors List
AWS::NetworkManager::TransitGatewayPeering LastModificationErrors List
AWS::NetworkManager::TransitGatewayRouteTableAttachment AttachmentPolicyRuleNumber Scalar
AWS::NetworkManager::TransitGatewayRouteTableAttachment LastModificationErrors List
AWS::NetworkManager::VpcAttachment AttachmentPolicyRuleNumber Scalar
AWS::NetworkManager::VpcAttachment LastModificationErrors List
AWS::Notifications::EventRule ManagedRules List
AWS::ODB::CloudAutonomousVmCluster AutonomousDataStoragePercentage Scalar
AWS::ODB::CloudAutonomousVmCluster AvailableAutonomousDataStorageSizeInTBs Scalar
AWS::ODB::CloudAutonomousVmCluster AvailableContainerDatabases Scalar
AWS::ODB::CloudAutonomousVmCluster AvailableCpus Scalar
AWS::ODB::CloudAutonomousVmCluster CpuCoreCount Scalar
AWS::ODB::CloudAutonomousVmCluster CpuPercentage Scalar
AWS::ODB::CloudAutonomousVmCluster DataStorageSizeInGBs Scalar
AWS::ODB::CloudAutonomousVmCluster DataStorageSizeInTBs Scalar
AWS::ODB::CloudAutonomousVmCluster DbNodeStorageSizeInGBs Scalar
AWS::ODB::CloudAutonomousVmCluster ExadataStorageInTBsLowestScaledValue Scalar
AWS::ODB::CloudAutonomousVmCluster MaxAcdsLowestScaledValue Scalar
AWS::ODB::CloudAutonomousVmCluster MemorySizeInGBs Scalar
AWS::ODB::CloudAutonomousVmCluster NodeCount Scalar
AWS::ODB::CloudAutonomousVmCluster NonProvisionableAutonomousContainerDatabases Scalar
AWS::ODB::CloudAutonomousVmCluster ProvisionableAutonomousContainerDatabases Scalar
AWS::ODB::CloudAutonomousVmCluster ProvisionedAutonomousContainerDatabases Scalar
AWS::ODB::CloudAutonomousVmCluster ProvisionedCpus Scalar
AWS::ODB::CloudAutonomousVmCluster ReclaimableCpus Scalar
AWS::ODB::CloudAutonomousVmCluster ReservedCpus Scalar
AWS::ODB::CloudExadataInfrastructure ActivatedStorageCount Scalar
AWS::ODB::CloudExadataInfrastructure AdditionalStorageCount Scalar
AWS::ODB::CloudExadataInfrastructure AvailableStorageSizeInGBs Scalar
AWS::ODB::CloudExadataInfrastructure CpuCount Scalar
AWS::ODB::CloudExadataInfrastructure DataStorageSizeInTBs Scalar
AWS::ODB::CloudExadataInfrastructure DbNodeStorageSizeInGBs Scalar
AWS::ODB::CloudExadataInfrastructure DbServerIds List
AWS::ODB::CloudExadataInfrastructure MaxCpuCount Scalar
AWS::ODB::CloudExadataInfrastructure MaxDataStorageInTBs Scalar
AWS::ODB::CloudExadataInfrastructure MaxDbNodeStorageSizeInGBs Scalar
AWS::ODB::CloudExadataInfrastructure MaxMemoryInGBs Scalar
AWS::ODB::CloudExadataInfrastructure MemorySizeInGBs Scalar
AWS::ODB::CloudExadataInfrastructure TotalStorageSizeInGBs Scalar
AWS::ODB::CloudVmCluster ListenerPort Scalar
AWS::ODB::CloudVmCluster NodeCount Scalar
AWS::ODB::CloudVmCluster ScanIpIds List
AWS::ODB::CloudVmCluster StorageSizeInGBs Scalar
AWS::ODB::CloudVmCluster VipIds List
AWS::ODB::OdbNetwork Ec2PlacementGroupIds List
AWS::ODB::OdbPeeringConnection PeerNetworkCidrs List
AWS::OSIS::Pipeline IngestEndpointUrls List
AWS::OSIS::Pipeline VpcEndpoints List
AWS::ObservabilityAdmin::OrganizationTelemetryRule RegionStatuses List
AWS::ObservabilityAdmin::TelemetryRule RegionStatuses List
AWS::Omics::AnnotationStore StoreSizeBytes Scalar
AWS::Omics::VariantStore StoreSizeBytes Scalar
AWS::Organizations::Account Paths List
AWS::Organizations::Policy AwsManaged Scalar
AWS::PCS::Cluster Endpoints List
AWS::PCS::Cluster ErrorInfo List
AWS::PCS::ComputeNodeGroup ErrorInfo List
AWS::PCS::Queue ErrorInfo List
AWS::Panorama::ApplicationInstance CreatedTime Scalar
AWS::Panorama::ApplicationInstance LastUpdatedTime Scalar
AWS::Panorama::Package CreatedTime Scalar
AWS::Panorama::PackageVersion IsLatestPatch Scalar
AWS::Panorama::PackageVersion RegisteredTime Scalar
AWS::Polly::Lexicon LexemesCount Scalar
AWS::Polly::Lexicon Size Scalar
AWS::QuickSight::ActionConnector EnabledActions List
AWS::QuickSight::Analysis DataSetArns List
AWS::QuickSight::DataSet ConsumedSpiceCapacityInBytes Scalar
AWS::QuickSight::DataSet OutputColumns List
AWS::QuickSight::Flow StepAliases List
AWS::QuickSight::KnowledgeBase DocumentCount Scalar
AWS::QuickSight::KnowledgeBase KnowledgeBaseSizeBytes Scalar
AWS::QuickSight::VPCConnection NetworkInterfaces List
AWS::RAM::Permission IsResourceTypeDefault Scalar
AWS::RAM::PermissionAssociation IsDefault Scalar
AWS::RAM::PrincipalAssociation External Scalar
AWS::RAM::ResourceAssociation External Scalar
AWS::RDS::ClusterSnapshot AllocatedStorage Scalar
AWS::RDS::ClusterSnapshot AvailabilityZones List
AWS::RDS::ClusterSnapshot IAMDatabaseAuthenticationEnabled Scalar
AWS::RDS::ClusterSnapshot Port Scalar
AWS::RDS::ClusterSnapshot StorageEncrypted Scalar
AWS::RDS::DBCluster StorageThroughput Scalar
AWS::RDS::DBInstance AdditionalStorageVolumes List
AWS::RDS::DBInstance AllowMajorVersionUpgrade Scalar
AWS::RDS::DBInstance ApplyImmediately Scalar
AWS::RDS::DBInstance AssociatedRoles List
AWS::RDS::DBInstance AutoMinorVersionUpgrade Scalar
AWS::RDS::DBInstance AutomaticBackupReplicationRetentionPeriod Scalar
AWS::RDS::DBInstance BackupRetentionPeriod Scalar
AWS::RDS::DBInstance CertificateRotationRestart Scalar
AWS::RDS::DBInstance CopyTagsToSnapshot Scalar
AWS::RDS::DBInstance DBSecurityGroups List
AWS::RDS::DBInstance DedicatedLogVolume Scalar
AWS::RDS::DBInstance DeleteAutomatedBackups Scalar
AWS::RDS::DBInstance DeletionProtection Scalar
AWS::RDS::DBInstance DomainDnsIps List
AWS::RDS::DBInstance EnableCloudwatchLogsExports List
AWS::RDS::DBInstance EnableIAMDatabaseAuthentication Scalar
AWS::RDS::DBInstance EnablePerformanceInsights Scalar
AWS::RDS::DBInstance Iops Scalar
AWS::RDS::DBInstance IsStorageConfigUpgradeAvailable Scalar
AWS::RDS::DBInstance ManageMasterUserPassword Scalar
AWS::RDS::DBInstance MaxAllocatedStorage Scalar
AWS::RDS::DBInstance MonitoringInterval Scalar
AWS::RDS::DBInstance MultiAZ Scalar
AWS::RDS::DBInstance PerformanceInsightsRetentionPeriod Scalar
AWS::RDS::DBInstance ProcessorFeatures List
AWS::RDS::DBInstance PromotionTier Scalar
AWS::RDS::DBInstance PubliclyAccessible Scalar
AWS::RDS::DBInstance ReadReplicaDBClusterIdentifiers List
AWS::RDS::DBInstance ReadReplicaDBInstanceIdentifiers List
AWS::RDS::DBInstance StatusInfos List
AWS::RDS::DBInstance StorageEncrypted Scalar
AWS::RDS::DBInstance StorageOperationPercentProgress Scalar
AWS::RDS::DBInstance StorageThroughput Scalar
AWS::RDS::DBInstance Tags List
AWS::RDS::DBInstance UseDefaultProcessorFeatures Scalar
AWS::RDS::DBInstance UseLatestRestorableTime Scalar
AWS::RDS::DBInstance VPCSecurityGroups List
AWS::RDS::DBParameterGroup Tags List
AWS::RDS::DBProxyEndpoint IsDefault Scalar
AWS::RDS::DBSnapshot AllocatedStorage Scalar
AWS::RDS::DBSnapshot Encrypted Scalar
AWS::RDS::DBSnapshot IAMDatabaseAuthenticationEnabled Scalar
AWS::RDS::DBSnapshot Iops Scalar
AWS::RDS::DBSnapshot Port Scalar
AWS::RDS::DBSnapshot StorageThroughput Scalar
AWS::RDS::Deployment SwitchoverDetails List
AWS::RDS::Deployment Tasks List
AWS::RTBFabric::RequesterGateway ActiveLinksCount Scalar
AWS::RTBFabric::RequesterGateway TotalLinksCount Scalar
AWS::Redshift::EndpointAccess Port Scalar
AWS::Redshift::EndpointAccess VpcSecurityGroups List
AWS::Redshift::EndpointAuthorization AllowedAllVPCs Scalar
AWS::Redshift::EndpointAuthorization AllowedVPCs List
AWS::Redshift::EndpointAuthorization EndpointCount Scalar
AWS::Redshift::EventSubscription EventCategoriesList List
AWS::Redshift::EventSubscription SourceIdsList List
AWS::Redshift::ScheduledAction NextInvocations List
AWS::Redshift::Snapshot Encrypted Scalar
AWS::Redshift::Snapshot EncryptedWithHSM Scalar
AWS::Redshift::Snapshot EnhancedVpcRouting Scalar
AWS::Redshift::Snapshot NumberOfNodes Scalar
AWS::Redshift::Snapshot Port Scalar
AWS::Redshift::SnapshotSchedule AssociatedClusterCount Scalar
AWS::RedshiftServerless::Namespace Namespace.IamRoles List
AWS::RedshiftServerless::Namespace Namespace.LogExports List
AWS::RedshiftServerless::Snapshot Snapshot.RetentionPeriod Scalar
AWS::RedshiftServerless::Workgroup BaseCapacity Scalar
AWS::RedshiftServerless::Workgroup ConfigParameters List
AWS::RedshiftServerless::Workgroup EnhancedVpcRouting Scalar
AWS::RedshiftServerless::Workgroup MaxCapacity Scalar
AWS::RedshiftServerless::Workgroup Port Scalar
AWS::RedshiftServerless::Workgroup PubliclyAccessible Scalar
AWS::RedshiftServerless::Workgroup SecurityGroupIds List
AWS::RedshiftServerless::Workgroup SubnetIds List
AWS::RedshiftServerless::Workgroup Tags List
AWS::RedshiftServerless::Workgroup Workgroup.BaseCapacity Scalar
AWS::RedshiftServerless::Workgroup Workgroup.ConfigParameters List
AWS::RedshiftServerless::Workgroup Workgroup.Endpoint.Port Scalar
AWS::RedshiftServerless::Workgroup Workgroup.Endpoint.VpcEndpoints List
AWS::RedshiftServerless::Workgroup Workgroup.EnhancedVpcRouting Scalar
AWS::RedshiftServerless::Workgroup Workgroup.MaxCapacity Scalar
AWS::RedshiftServerless::Workgroup Workgroup.PricePerformanceTarget.Level Scalar
AWS::RedshiftServerless::Workgroup Workgroup.PubliclyAccessible Scalar
AWS::RedshiftServerless::Workgroup Workgroup.SecurityGroupIds List
AWS::RedshiftServerless::Workgroup Workgroup.SubnetIds List
AWS::ResilienceHubV2::Policy AssociatedServiceCount Scalar
AWS::ResilienceHubV2::ServiceFunction ResourceCount Scalar
AWS::RoboMaker::RobotApplication Sources List
AWS::RoboMaker::SimulationApplication Sources List
AWS::Route53::DelegationSet NameServers List
AWS::Route53::HostedZone NameServers List
AWS::Route53::TrafficPolicy Version Scalar
AWS::Route53GlobalResolver::FirewallDomainList DomainCount Scalar
AWS::Route53GlobalResolver::GlobalResolver IPv4Addresses List
AWS::Route53GlobalResolver::GlobalResolver IPv6Addresses List
AWS::Route53RecoveryControl::Cluster ClusterEndpoints List
AWS::Route53RecoveryControl::ControlPanel DefaultControlPanel Scalar
AWS::Route53RecoveryControl::ControlPanel RoutingControlCount Scalar
AWS::Route53RecoveryReadiness::Cell ParentReadinessScopes List
AWS::Route53Resolver::FirewallDomainList DomainCount Scalar
AWS::Route53Resolver::FirewallRuleGroup RuleCount Scalar
AWS::Route53Resolver::ResolverQueryLoggingConfig AssociationCount Scalar
AWS::Route53Resolver::ResolverRule Tags List
AWS::Route53Resolver::ResolverRule TargetIps List
AWS::S3::AccessPoint PublicAccessBlockConfiguration.BlockPublicAcls Scalar
AWS::S3::AccessPoint PublicAccessBlockConfiguration.BlockPublicPolicy Scalar
AWS::S3::AccessPoint PublicAccessBlockConfiguration.IgnorePublicAcls Scalar
AWS::S3::AccessPoint PublicAccessBlockConfiguration.RestrictPublicBuckets Scalar
AWS::S3::AccessPoint Tags List
AWS::S3Files::FileSystem SynchronizationConfiguration.LatestVersionNumber Scalar
AWS::S3ObjectLambda::AccessPoint PolicyStatus.IsPublic Scalar
AWS::S3Outposts::Endpoint NetworkInterfaces List
AWS::SCN::Instance VersionNumber Scalar
AWS::SMSVOICE::Registration CurrentVersionNumber Scalar
AWS::SNS::Topic ContentBasedDeduplication Scalar
AWS::SNS::Topic DeliveryStatusLogging List
AWS::SNS::Topic FifoTopic Scalar
AWS::SNS::Topic MaximumMessageSize Scalar
AWS::SNS::Topic Subscription List
AWS::SNS::Topic Tags List
AWS::SQS::Queue ContentBasedDeduplication Scalar
AWS::SQS::Queue DelaySeconds Scalar
AWS::SQS::Queue FifoQueue Scalar
AWS::SQS::Queue KmsDataKeyReusePeriodSeconds Scalar
AWS::SQS::Queue MaximumMessageSize Scalar
AWS::SQS::Queue MessageRetentionPeriod Scalar
AWS::SQS::Queue ReceiveMessageWaitTimeSeconds Scalar
AWS::SQS::Queue RedrivePolicy.maxReceiveCount Scalar
AWS::SQS::Queue SqsManagedSseEnabled Scalar
AWS::SQS::Queue Tags List
AWS::SQS::Queue VisibilityTimeout Scalar
AWS::SSMQuickSetup::ConfigurationManager StatusSummaries List
AWS::SageMaker::ClusterSchedulerConfig ClusterSchedulerConfigVersion Scalar
AWS::SageMaker::ComputeQuota ComputeQuotaVersion Scalar
AWS::SageMaker::DataQualityJobDefinition DataQualityAppSpecification.ContainerArguments List
AWS::SageMaker::DataQualityJobDefinition DataQualityAppSpecification.ContainerEntrypoint List
AWS::SageMaker::DataQualityJobDefinition DataQualityJobInput.BatchTransformInput.DatasetFormat.Csv.Header Scalar
AWS::SageMaker::DataQualityJobDefinition DataQualityJobInput.BatchTransformInput.DatasetFormat.Json.Line Scalar
AWS::SageMaker::DataQualityJobDefinition DataQualityJobInput.BatchTransformInput.DatasetFormat.Parquet Scalar
AWS::SageMaker::DataQualityJobDefinition DataQualityJobOutputConfig.MonitoringOutputs List
AWS::SageMaker::DataQualityJobDefinition JobResources.ClusterConfig.InstanceCount Scalar
AWS::SageMaker::DataQualityJobDefinition JobResources.ClusterConfig.VolumeSizeInGB Scalar
AWS::SageMaker::DataQualityJobDefinition NetworkConfig.EnableInterContainerTrafficEncryption Scalar
AWS::SageMaker::DataQualityJobDefinition NetworkConfig.EnableNetworkIsolation Scalar
AWS::SageMaker::DataQualityJobDefinition NetworkConfig.VpcConfig.SecurityGroupIds List
AWS::SageMaker::DataQualityJobDefinition NetworkConfig.VpcConfig.Subnets List
AWS::SageMaker::DataQualityJobDefinition StoppingCondition.MaxRuntimeInSeconds Scalar
AWS::SageMaker::DataQualityJobDefinition Tags List
AWS::SageMaker::ImageVersion Version Scalar
AWS::SageMaker::InferenceComponent RuntimeConfig.CurrentCopyCount Scalar
AWS::SageMaker::InferenceComponent RuntimeConfig.DesiredCopyCount Scalar
AWS::SageMaker::InferenceComponent RuntimeConfig.PlacementStatus List
AWS::SageMaker::ModelBiasJobDefinition JobResources.ClusterConfig.InstanceCount Scalar
AWS::SageMaker::ModelBiasJobDefinition JobResources.ClusterConfig.VolumeSizeInGB Scalar
AWS::SageMaker::ModelBiasJobDefinition ModelBiasJobInput.BatchTransformInput.DatasetFormat.Csv.Header Scalar
AWS::SageMaker::ModelBiasJobDefinition ModelBiasJobInput.BatchTransformInput.DatasetFormat.Json.Line Scalar
AWS::SageMaker::ModelBiasJobDefinition ModelBiasJobInput.BatchTransformInput.DatasetFormat.Parquet Scalar
AWS::SageMaker::ModelBiasJobDefinition ModelBiasJobInput.BatchTransformInput.ProbabilityThresholdAttribute Scalar
AWS::SageMaker::ModelBiasJobDefinition ModelBiasJobInput.EndpointInput.ProbabilityThresholdAttribute Scalar
AWS::SageMaker::ModelBiasJobDefinition ModelBiasJobOutputConfig.MonitoringOutputs List
AWS::SageMaker::ModelBiasJobDefinition NetworkConfig.EnableInterContainerTrafficEncryption Scalar
AWS::SageMaker::ModelBiasJobDefinition NetworkConfig.EnableNetworkIsolation Scalar
AWS::SageMaker::ModelBiasJobDefinition NetworkConfig.VpcConfig.SecurityGroupIds List
AWS::SageMaker::ModelBiasJobDefinition NetworkConfig.VpcConfig.Subnets List
AWS::SageMaker::ModelBiasJobDefinition StoppingCondition.MaxRuntimeInSeconds Scalar
AWS::SageMaker::ModelBiasJobDefinition Tags List
AWS::SageMaker::ModelCard ModelCardVersion Scalar
AWS::SageMaker::ModelExplainabilityJobDefinition JobResources.ClusterConfig.InstanceCount Scalar
AWS::SageMaker::ModelExplainabilityJobDefinition JobResources.ClusterConfig.VolumeSizeInGB Scalar
AWS::SageMaker::ModelExplainabilityJobDefinition ModelExplainabilityJobInput.BatchTransformInput.DatasetFormat.Csv.Header Scalar
AWS::SageMaker::ModelExplainabilityJobDefinition ModelExplainabilityJobInput.BatchTransformInput.DatasetFormat.Json.Line Scalar
AWS::SageMaker::ModelExplainabilityJobDefinition ModelExplainabilityJobInput.BatchTransformInput.DatasetFormat.Parquet Scalar
AWS::SageMaker::ModelExplainabilityJobDefinition ModelExplainabilityJobOutputConfig.MonitoringOutputs List
AWS::SageMaker::ModelExplainabilityJobDefinition NetworkConfig.EnableInterContainerTrafficEncryption Scalar
AWS::SageMaker::ModelExplainabilityJobDefinition NetworkConfig.EnableNetworkIsolation Scalar
AWS::SageMaker::ModelExplainabilityJobDefinition NetworkConfig.VpcConfig.SecurityGroupIds List
AWS::SageMaker::ModelExplainabilityJobDefinition NetworkConfig.VpcConfig.Subnets List
AWS::SageMaker::ModelExplainabilityJobDefinition StoppingCondition.MaxRuntimeInSeconds Scalar
AWS::SageMaker::ModelExplainabilityJobDefinition Tags List
AWS::SageMaker::ModelQualityJobDefinition JobResources.ClusterConfig.InstanceCount Scalar
AWS::SageMaker::ModelQualityJobDefinition JobResources.ClusterConfig.VolumeSizeInGB Scalar
AWS::SageMaker::ModelQualityJobDefinition ModelQualityAppSpecification.ContainerArguments List
AWS::SageMaker::ModelQualityJobDefinition ModelQualityAppSpecification.ContainerEntrypoint List
AWS::SageMaker::ModelQualityJobDefinition ModelQualityJobInput.BatchTransformInput.DatasetFormat.Csv.Header Scalar
AWS::SageMaker::ModelQualityJobDefinition ModelQualityJobInput.BatchTransformInput.DatasetFormat.Json.Line Scalar
AWS::SageMaker::ModelQualityJobDefinition ModelQualityJobInput.BatchTransformInput.DatasetFormat.Parquet Scalar
AWS::SageMaker::ModelQualityJobDefinition ModelQualityJobInput.BatchTransformInput.ProbabilityThresholdAttribute Scalar
AWS::SageMaker::ModelQualityJobDefinition ModelQualityJobInput.EndpointInput.ProbabilityThresholdAttribute Scalar
AWS::SageMaker::ModelQualityJobDefinition ModelQualityJobOutputConfig.MonitoringOutputs List
AWS::SageMaker::ModelQualityJobDefinition NetworkConfig.EnableInterContainerTrafficEncryption Scalar
AWS::SageMaker::ModelQualityJobDefinition NetworkConfig.EnableNetworkIsolation Scalar
AWS::SageMaker::ModelQualityJobDefinition NetworkConfig.VpcConfig.SecurityGroupIds List
AWS::SageMaker::ModelQualityJobDefinition NetworkConfig.VpcConfig.Subnets List
AWS::SageMaker::ModelQualityJobDefinition StoppingCondition.MaxRuntimeInSeconds Scalar
AWS::SageMaker::ModelQualityJobDefinition Tags List
AWS::SageMaker::MonitoringSchedule MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringAppSpecification.ContainerArguments List
AWS::SageMaker::MonitoringSchedule MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringAppSpecification.ContainerEntrypoint List
AWS::SageMaker::MonitoringSchedule MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringInputs List
AWS::SageMaker::MonitoringSchedule MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringOutputConfig.MonitoringOutputs List
AWS::SageMaker::MonitoringSchedule MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringResources.ClusterConfig.InstanceCount Scalar
AWS::SageMaker::MonitoringSchedule MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringResources.ClusterConfig.VolumeSizeInGB Scalar
AWS::SageMaker::MonitoringSchedule MonitoringScheduleConfig.MonitoringJobDefinition.NetworkConfig.EnableInterContainerTrafficEncryption Scalar
AWS::SageMaker::MonitoringSchedule MonitoringScheduleConfig.MonitoringJobDefinition.NetworkConfig.EnableNetworkIsolation Scalar
AWS::SageMaker::MonitoringSchedule MonitoringScheduleConfig.MonitoringJobDefinition.NetworkConfig.VpcConfig.SecurityGroupIds List
AWS::SageMaker::MonitoringSchedule MonitoringScheduleConfig.MonitoringJobDefinition.NetworkConfig.VpcConfig.Subnets List
AWS::SageMaker::MonitoringSchedule MonitoringScheduleConfig.MonitoringJobDefinition.StoppingCondition.MaxRuntimeInSeconds Scalar
AWS::SageMaker::MonitoringSchedule Tags List
AWS::SecurityHub::ConfigurationPolicy ServiceEnabled Scalar
AWS::SecurityHub::Connector Issues List
AWS::SecurityHub::ConnectorV2 Issues List
AWS::SecurityHub::OrganizationConfiguration MemberAccountLimitReached Scalar
AWS::ServerlessRepo::Application IsVerifiedAuthor Scalar
AWS::StepFunctions::Activity EncryptionConfiguration.KmsDataKeyReusePeriodSeconds Scalar
AWS::StepFunctions::Activity Tags List
AWS::StorageGateway::Tape TapeUsedInBytes Scalar
AWS::StorageGateway::Volume VolumeUsedInBytes Scalar
AWS::Timestream::InfluxDBBackup AllocatedStorage Scalar
AWS::Timestream::InfluxDBBackup Port Scalar
AWS::Timestream::InfluxDBBackup PubliclyAccessible Scalar
AWS::Timestream::InfluxDBBackup VpcSecurityGroupIds List
AWS::Timestream::InfluxDBBackup VpcSubnetIds List
AWS::Transfer::Connector ServiceManagedEgressIpAddresses List
AWS::Transfer::Server As2ServiceManagedEgressIpAddresses List
AWS::Translate::ParallelData FailedRecordCount Scalar
AWS::Translate::ParallelData ImportedDataSize Scalar
AWS::Translate::ParallelData ImportedRecordCount Scalar
AWS::Translate::ParallelData SkippedRecordCount Scalar
AWS::Translate::ParallelData TargetLanguageCodes List
AWS::Translate::Terminology SizeBytes Scalar
AWS::Translate::Terminology TargetLanguageCodes List
AWS::Translate::Terminology TermCount Scalar
AWS::WAFv2::LoggingConfiguration ManagedByFirewallManager Scalar
AWS::WAFv2::WebACL Capacity Scalar
AWS::Wickr::Network MigrationState Scalar
AWS::Wickr::Network Standing Scalar
AWS::Wisdom::AIAgent ModifiedTimeSeconds Scalar
AWS::Wisdom::AIAgentVersion VersionNumber Scalar
AWS::Wisdom::AIGuardrail ModifiedTimeSeconds Scalar
AWS::Wisdom::AIGuardrailVersion VersionNumber Scalar
AWS::Wisdom::AIPrompt ModifiedTimeSeconds Scalar
AWS::Wisdom::AIPromptVersion VersionNumber Scalar
AWS::Wisdom::MessageTemplateVersion MessageTemplateVersionNumber Scalar
AWS::WorkSpaces::ConnectionAlias Associations List
AWS::WorkSpaces::Directory DnsIpAddresses List
AWS::WorkSpaces::Directory DnsIpv6Addresses List
AWS::WorkSpacesThinClient::Environment RegisteredDevicesCount Scalar
AWS::WorkSpacesWeb::BrowserSettings AssociatedPortalArns List
AWS::WorkSpacesWeb::DataProtectionSettings AssociatedPortalArns List
AWS::WorkSpacesWeb::IpAccessSettings AssociatedPortalArns List
AWS::WorkSpacesWeb::NetworkSettings AssociatedPortalArns List
AWS::WorkSpacesWeb::SessionLogger AssociatedPortalArns List
AWS::WorkSpacesWeb::TrustStore AssociatedPortalArns List
AWS::WorkSpacesWeb::UserAccessLoggingSettings AssociatedPortalArns List
AWS::WorkSpacesWeb::UserSettings AssociatedPortalArns List
";
// END TABLE

#[cfg(test)]
mod tests {
    use super::{kind, Kind};

    /// The table as the generated code implies it.
    fn derived() -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../cfn-model/src/aws");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("cfn-model/src/aws")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect();
        files.sort();
        let type_re = regex::Regex::new(
            r#"impl (?:crate::)?Resource for (\w+) \{\n    const TYPE_NAME: &'static str = "([^"]+)""#,
        )
        .expect("regex");
        let handle_re = regex::Regex::new(r"(?s)impl<S> Handle<(\w+), S> \{(.*?)\n\}").expect("regex");
        let method_re =
            regex::Regex::new(r#"fn \w+\(&self\) -> Value<(.*?)> \{\s*self\.get_att\("([^"]+)"\)"#).expect("regex");
        let mut rows: Vec<(String, String, &str)> = Vec::new();
        for f in files {
            let src = std::fs::read_to_string(&f).expect("read");
            let types: std::collections::HashMap<&str, &str> = type_re
                .captures_iter(&src)
                .filter_map(|c| Some((c.get(1)?.as_str(), c.get(2)?.as_str())))
                .collect();
            for h in handle_re.captures_iter(&src) {
                let ty = types[&h[1]];
                for m in method_re.captures_iter(&h[2]) {
                    let k = match &m[1] {
                        v if v.starts_with("Vec<") => "List",
                        "i64" | "f64" | "bool" => "Scalar",
                        _ => continue,
                    };
                    rows.push((ty.to_string(), m[2].to_string(), k));
                }
            }
        }
        rows.sort();
        rows.dedup();
        rows.iter().map(|(t, a, k)| format!("{t} {a} {k}\n")).collect()
    }

    #[test]
    fn attr_kinds_are_sorted_and_agree_with_the_generated_code() {
        let rows: Vec<_> = super::rows().collect();
        assert_eq!(rows.len(), super::TABLE.lines().count(), "every line a row");
        assert!(
            rows.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)),
            "sorted, unique"
        );
        let missing: Vec<String> = derived()
            .lines()
            .filter(|row| !super::TABLE.lines().any(|line| line == *row))
            .map(str::to_string)
            .collect();
        assert!(missing.is_empty(), "attributes the generated code types as lists, numbers or booleans, missing here (run `target/venv/bin/python scripts/attr-kinds.py`):\n{}", missing.join("\n"));
    }

    #[test]
    fn lookups() {
        assert_eq!(kind("AWS::EC2::VPC", "CidrBlockAssociations"), Kind::List);
        assert_eq!(kind("AWS::EC2::SecurityGroup", "GroupId"), Kind::String);
        assert_eq!(
            kind("AWS::EC2::CapacityReservation", "AvailableInstanceCount"),
            Kind::Scalar
        );
        assert_eq!(kind("Custom::Thing", "Anything"), Kind::String);
    }
}
