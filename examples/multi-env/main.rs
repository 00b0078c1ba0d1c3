//! The multi-env example: one environment (dev, staging or prod) of a containerised application
//! on AWS, as a root stack and five nested stacks. It is the architecture of the two failure
//! reports this library was written against (report 1: a deployment that failed on a
//! security-group cycle, with an HTTPS health check on port 80 and no tests; report 2: a secret
//! name and an SSM path assembled with `!Sub` inside `{{resolve:…}}`, PostgreSQL 15.4 where the
//! region does not offer it, the DB endpoint in plain environment variables, an ECS service
//! started before its EFS mount targets), written so that none of their failures can be written;
//! the table below and README.md's "The multi-env example" say where each would have been.
//!
//! ```sh
//! cargo run --example multi-env > stack.json            # the root template
//! cargo run --example multi-env -- --out-dir out/       # the root and every child, for `aws cloudformation package`
//! ```
//!
//! # The stacks
//!
//! | stack | holds | receives |
//! | --- | --- | --- |
//! | root ([`stacks::assembly`]) | parameters `EnvironmentSuffix`, `Environment`, `ContainerImage`; the `EnvironmentSettings` mapping (instance classes, task size and count, storage, retention, alarm thresholds); the `IsProduction` condition; stack-wide tags `Environment`, `Project`, `ManagedBy`; the policies (below); exported outputs | — |
//! | `Network` ([`stacks::network`]) | VPC, 2 public + 2 private subnets over 2 AZs, internet gateway and attachment (`stack.attach_internet_gateway_with`), NAT gateway and its Elastic IP (`stack.nat_gateway_with`), each with a `Name` tag, route tables, routes, associations; the ALB, ECS, DB and EFS security groups and the standalone rules between them (`stack.allow`) | suffix, environment, VPC CIDR |
//! | `Data` ([`stacks::data`]) | KMS key and alias; RDS PostgreSQL 15.14 (`DbInstance::with_engine`) in a DB subnet group, encrypted, credentials from Secrets Manager, Multi-AZ and deletion protection when `Production`, `DeletionPolicy`/`UpdateReplacePolicy: Snapshot`; the endpoint's address and port as SSM parameters (`stack.publish_endpoint`) | private subnets, DB group, settings, `Production` |
//! | `Storage` ([`stacks::storage`]) | EFS encrypted with the KMS key (backups when `Production`), a mount target in each private subnet (`stack.mount`), an access point | private subnets, EFS group, KMS key, `Production` |
//! | `Compute` ([`stacks::compute`]) | ECS cluster, log group, execution and task roles, Fargate task definition (EFS volume through the access point, secrets from Secrets Manager, DB endpoint from SSM), ALB, target group, HTTP listener (`stack.listen`), the service | VPC, subnets, ALB and ECS groups, the mounted file system, SSM parameter ARNs, image, settings, `Production` |
//! | `Monitoring` ([`stacks::monitoring`]) | SNS alarm topic, Route53 HTTP health check on port 80 (`HealthCheckTarget::http`), CloudWatch alarms on ALB 5xx, ECS CPU, RDS CPU and RDS free storage | ALB, cluster, service and DB names, thresholds |
//!
//! Every value that crosses a stack boundary is typed: a child's parameters are a
//! `#[derive(Parameters)]` struct the root fills in full (a missing one does not compile), and
//! its outputs come back as `Fn::GetAtt Child.Outputs.X` values of the same types, so a subnet id
//! cannot be passed where a security group id is expected.
//!
//! # Production
//!
//! The root declares `IsProduction` (`Environment` is `prod`) and passes its verdict to `Data`,
//! `Storage` and `Compute` as the parameter `Production` (`Fn::If [IsProduction, "true",
//! "false"]`, allowed values `true`/`false`). Conditions do not cross stack boundaries, so each
//! of these children declares its own `IsProduction` as `Production` equals `true`
//! ([`stacks::settings::follows_production`]) and drives Multi-AZ and deletion protection (RDS),
//! backups (EFS) and load balancer deletion protection with it: what production means is decided
//! once, on the root.
//!
//! # Policies
//!
//! The root enforces, for itself and every nested stack, `RequiredTags` (`Environment`,
//! `Project`, `ManagedBy`), `Naming::must_reference("EnvironmentSuffix")`,
//! `NoOpenIngress::except_ports([80, 443])`, `EncryptionAtRest` and
//! `DeletionPolicies::stateful()`: `cargo run --example multi-env` refuses to emit a template
//! that breaks one. One waiver, its reason kept in the template's `Metadata`: the alarm topic
//! is not encrypted, since CloudWatch alarms cannot publish to a topic encrypted with the
//! AWS-managed SNS key and the topic carries only alarm state changes.
//!
//! # The failures of the reports, and why they cannot be written here
//!
//! | report | failure | where it would have been | why it cannot be written |
//! | --- | --- | --- | --- |
//! | 1 (critical) | ALB, ECS and DB security groups naming each other in inline rules: "Circular dependency between resources" | [`stacks::network`] | the generated `ec2::SecurityGroup` inline rules take only CIDR and prefix-list peers (`Ingress::source_security_group_id` is refused with a message naming `stack.allow`); `s.allow(&alb, &ecs, Port::tcp(8080))` emits standalone `SecurityGroupEgress`/`Ingress` resources, and a group can only be named once added |
//! | 1 (low) | Route53 `HTTPS_STR_MATCH` health check on port 80 | [`stacks::monitoring`] | `HealthCheckTarget::http(…)` (HTTP on 80, what the listener serves): the protocol fixes the port, and `HealthCheckTarget::https_str_match(…).port::<80>()` does not compile |
//! | 2 (critical) | `!Sub '{{resolve:secretsmanager:${DBSecretName}:…}}'`: "Could not parse SecretString JSON" | [`stacks::data`] (`MasterUsername`/`MasterUserPassword`), [`stacks::compute`] (`Secrets`) | a dynamic reference is built only from a `SecretId`, a literal checked at compile time (`$` is a compile error; a `Param` or `sub!` value has no conversion into one): [`stacks::settings::DB_CREDENTIALS`]; the task reads the same secret in the ARN form ECS resolves at task start (`Secret::secrets_manager_name_key`) |
//! | 2 (high) | PostgreSQL 15.4, not offered in eu-south-1 | [`stacks::settings::POSTGRES`] | `DbInstance::with_engine(Engine::postgres(PostgresVersion::V15_14))`, offered in eu-south-1; `PostgresVersion::V15_4` is a deprecated variant (refused under `-D warnings`, its note naming the newest 15.x) and a version never offered has no variant; per-region availability is not in the data |
//! | 2 (medium) | DB endpoint in plain environment variables, or read with `!Sub '{{resolve:ssm:/app/${EnvironmentSuffix}/…}}'` | [`stacks::data`], [`stacks::compute`] | the data stack publishes the endpoint as SSM parameters (`stack.publish_endpoint`) and the task definition reads them through `Secrets[].ValueFrom` by ARN; `sub!` refuses a `{{resolve:` in its format string, and `DynamicRef::ssm` takes only a literal `SsmName` |
//! | 2 (medium) | ECS service without `DependsOn` on the EFS mount targets (and the listener) | [`stacks::compute`] | ECS `EfsVolumeConfiguration` takes only a `Value<MountedFileSystemId>`, which only `stack.mount` yields: here the storage stack's output, so the root's `Fn::GetAtt Storage.Outputs.FileSystemId` makes CloudFormation create the compute stack after every mount target; the service's load balancer entry takes only the target group `stack.listen` returns, so the service gets `DependsOn: HttpListener` |
//! | 1 (medium) | no tests | `tests/multi_env.rs` | `cfn::assertions`: golden copy of the assembly, cfn-lint on every file, the policies, and the properties the reports name |
//!
//! The cousins are absent the same way: the public route takes only the gateway id
//! `stack.attach_internet_gateway_with` returns, and the NAT gateway only the allocation id
//! `stack.nat_gateway_with` yields, so both wait for the gateway's attachment.

use std::process::ExitCode;

mod stacks;

fn main() -> ExitCode {
    let stack = stacks::assembly();
    let code = cfn::run(&stack);
    // The process ends here: the operating system takes the model back at once, where dropping
    // it would free it one allocation at a time (5% of this program's instructions).
    std::mem::forget(stack);
    code
}
