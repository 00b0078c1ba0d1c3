//! Storage: an EFS file system encrypted with the environment's KMS key, a mount target in each
//! private subnet, and the access point the tasks mount.

use cfn::aws::efs::{self, access_point, file_system};
use cfn::aws::{ec2, kms};
use cfn::model::MountedFileSystemId;
use cfn::prelude::*;

use super::settings::{self, Environment, Production};

/// The storage stack.
pub struct Storage;

/// What the storage stack needs.
#[derive(Parameters)]
pub struct StorageParams {
    /// Suffix carried by every resource name.
    pub environment_suffix: Value<String>,
    /// The environment (tags).
    pub environment: Value<Environment>,
    /// Production settings (EFS backups): the root's `IsProduction`.
    pub production: Value<Production>,
    /// The first private subnet (one mount target).
    pub private_subnet1: Param<Id<ec2::Subnet>>,
    /// The second private subnet (one mount target).
    pub private_subnet2: Param<Id<ec2::Subnet>>,
    /// The file system's security group (its NFS rule lives in the networking stack).
    pub efs_security_group_id: Param<Id<ec2::SecurityGroup>>,
    /// The KMS key that encrypts the file system.
    pub kms_key_arn: Value<Arn<kms::Key>>,
}

/// What the storage stack gives the others.
#[derive(Outputs)]
pub struct StorageOutputs {
    /// The file system, mounted: only `stack.mount` yields this type, and a stack reading it
    /// from this output waits for this whole stack, every mount target included.
    pub file_system_id: Value<MountedFileSystemId>,
    /// The file system's ARN (IAM policies).
    pub file_system_arn: Value<Arn<efs::FileSystem>>,
    /// The access point the tasks mount.
    pub access_point_id: Value<Id<efs::AccessPoint>>,
    /// The access point's ARN (IAM policies).
    pub access_point_arn: Value<Arn<efs::AccessPoint>>,
}

impl ChildStack for Storage {
    type Params = StorageParams;
    type Outputs = StorageOutputs;

    fn description() -> Option<&'static str> {
        Some("healthtech storage: EFS encrypted with KMS, mount targets in both private subnets, an access point")
    }

    fn build(s: &mut Stack<Storage>, p: &StorageParams) -> StorageOutputs {
        settings::tag_stack(s, &p.environment);
        let is_production = settings::follows_production(s, &p.production);
        let name = |what: &str| settings::name(what, &p.environment_suffix);

        let backups = Value::if_(
            &is_production,
            file_system::Status::Enabled,
            file_system::Status::Disabled,
        );
        let fs = s.add_with(
            "FileSystem",
            efs::FileSystem::new()
                .encrypted(true)
                .kms_key_id(&p.kms_key_arn)
                .performance_mode(file_system::PerformanceMode::GeneralPurpose)
                .throughput_mode(file_system::ThroughputMode::Elastic)
                .backup_policy(file_system::BackupPolicy::new(backups))
                .lifecycle_policies([
                    file_system::LifecyclePolicy::new().transition_to_ia(file_system::TransitionToIa::After30Days)
                ])
                .file_system_tags([file_system::ElasticFileSystemTag::new("Name", name("files"))]),
            Attributes::new().retain_data(Policy::Retain),
        );
        // One mount target per private subnet, behind the group the networking stack made.
        let mounted = s.mount(&fs, &[&p.private_subnet1, &p.private_subnet2], &p.efs_security_group_id);
        let access_point = s.add(
            "AccessPoint",
            efs::AccessPoint::new(&fs)
                .posix_user(access_point::PosixUser::new("1000", "1000"))
                .root_directory(
                    access_point::RootDirectory::new()
                        .path("/app")
                        .creation_info(access_point::CreationInfo::new("1000", "1000", "0750")),
                )
                .access_point_tags([access_point::AccessPointTag::new().key("Name").value(name("app-data"))]),
        );

        StorageOutputs {
            file_system_id: mounted.filesystem_id(),
            file_system_arn: fs.arn(),
            access_point_id: access_point.access_point_id(),
            access_point_arn: access_point.arn(),
        }
    }
}
