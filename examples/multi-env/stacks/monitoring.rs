//! Monitoring: the alarm topic, a Route53 health check of the application over HTTP on port 80
//! (the protocol and the port the load balancer serves), and CloudWatch alarms on the load
//! balancer's 5xx responses, the service's CPU, and the database's CPU and free storage.

use cfn::aws::cloudwatch::{self, alarm};
use cfn::aws::route53::{self, health_check};
use cfn::aws::sns;
use cfn::prelude::*;

use super::settings::{self, Environment};

/// The monitoring stack.
pub struct Monitoring;

/// What the monitoring stack needs.
#[derive(Parameters)]
pub struct MonitoringParams {
    /// Suffix carried by every resource name.
    pub environment_suffix: Value<String>,
    /// The environment (tags).
    pub environment: Value<Environment>,
    /// The load balancer's DNS name (health check target).
    pub load_balancer_dns_name: Value<String>,
    /// The load balancer's full name (`LoadBalancer` dimension).
    pub load_balancer_full_name: Value<String>,
    /// The ECS cluster (`ClusterName` dimension).
    pub cluster_name: Value<String>,
    /// The ECS service (`ServiceName` dimension).
    pub service_name: Value<String>,
    /// The database instance (`DBInstanceIdentifier` dimension).
    pub db_instance_id: Value<String>,
    /// Load balancer 5xx responses in five minutes that raise the alarm.
    #[cfn(min_value = 1)]
    pub alb_5xx_threshold: Value<f64>,
    /// Average ECS service CPU (percent) that raises the alarm.
    #[cfn(min_value = 1, max_value = 100)]
    pub ecs_cpu_threshold: Value<f64>,
    /// Average RDS CPU (percent) that raises the alarm.
    #[cfn(min_value = 1, max_value = 100)]
    pub db_cpu_threshold: Value<f64>,
    /// RDS free storage (bytes) below which the alarm is raised.
    #[cfn(min_value = 0)]
    pub db_free_storage_threshold: Value<f64>,
}

/// What the monitoring stack gives the others.
#[derive(Outputs)]
pub struct MonitoringOutputs {
    /// The topic every alarm notifies; subscribe the on-call address to it.
    pub alarm_topic_arn: Value<Id<sns::Topic>>,
    /// The Route53 health check of the application.
    pub health_check_id: Value<String>,
}

/// One metric an alarm watches.
struct Metric<'a> {
    namespace: &'static str,
    name: &'static str,
    statistic: alarm::Statistic,
    dimensions: Vec<(&'static str, &'a Value<String>)>,
}

impl ChildStack for Monitoring {
    type Params = MonitoringParams;
    type Outputs = MonitoringOutputs;

    fn description() -> Option<&'static str> {
        Some("healthtech monitoring: SNS alarm topic, Route53 health check, CloudWatch alarms on ALB, ECS and RDS")
    }

    fn build(s: &mut Stack<Monitoring>, p: &MonitoringParams) -> MonitoringOutputs {
        settings::tag_stack(s, &p.environment);
        let name = |what: &str| settings::name(what, &p.environment_suffix);

        let topic = s.add(
            "AlarmTopic",
            sns::Topic::new()
                .topic_name(name("alarms"))
                .display_name("healthtech alarms"),
        );

        // HTTP on port 80: the listener the load balancer has. (The failure report's health check
        // asked for HTTPS_STR_MATCH on port 80, a protocol nothing on that port speaks.)
        let health = s.add(
            "HealthCheck",
            route53::HealthCheck::new(
                health_check::HealthCheckConfig::new(health_check::Type::Http)
                    .fully_qualified_domain_name(&p.load_balancer_dns_name)
                    .port(80)
                    .resource_path("/")
                    .request_interval(30)
                    .failure_threshold(3),
            )
            .health_check_tags([health_check::HealthCheckTag::new("Name", name("health"))]),
        );

        let mut watch =
            |id: &str, what: &str, description: &str, metric: Metric<'_>, above: bool, threshold: &Value<f64>| {
                let comparison = if above {
                    alarm::ComparisonOperator::GreaterThanThreshold
                } else {
                    alarm::ComparisonOperator::LessThanThreshold
                };
                s.add(
                    id,
                    cloudwatch::Alarm::new()
                        .alarm_name(name(what))
                        .alarm_description(description.to_string())
                        .namespace(metric.namespace)
                        .metric_name(metric.name)
                        .statistic(metric.statistic)
                        .dimensions(
                            metric
                                .dimensions
                                .into_iter()
                                .map(|(key, value)| alarm::Dimension::new(key, value)),
                        )
                        .period(300)
                        .evaluation_periods(2)
                        .threshold(threshold)
                        .comparison_operator(comparison)
                        .treat_missing_data(alarm::TreatMissingData::NotBreaching)
                        .alarm_actions(vec![topic.id()])
                        .ok_actions(vec![topic.id()]),
                );
            };
        watch(
            "Alb5xxAlarm",
            "alb-5xx",
            "The load balancer answers with 5xx errors",
            Metric {
                namespace: "AWS/ApplicationELB",
                name: "HTTPCode_ELB_5XX_Count",
                statistic: alarm::Statistic::Sum,
                dimensions: vec![("LoadBalancer", &p.load_balancer_full_name)],
            },
            true,
            &p.alb_5xx_threshold,
        );
        watch(
            "EcsCpuAlarm",
            "ecs-cpu",
            "The service's CPU is high",
            Metric {
                namespace: "AWS/ECS",
                name: "CPUUtilization",
                statistic: alarm::Statistic::Average,
                dimensions: vec![("ClusterName", &p.cluster_name), ("ServiceName", &p.service_name)],
            },
            true,
            &p.ecs_cpu_threshold,
        );
        watch(
            "DbCpuAlarm",
            "db-cpu",
            "The database's CPU is high",
            Metric {
                namespace: "AWS/RDS",
                name: "CPUUtilization",
                statistic: alarm::Statistic::Average,
                dimensions: vec![("DBInstanceIdentifier", &p.db_instance_id)],
            },
            true,
            &p.db_cpu_threshold,
        );
        watch(
            "DbFreeStorageAlarm",
            "db-free-storage",
            "The database is running out of storage",
            Metric {
                namespace: "AWS/RDS",
                name: "FreeStorageSpace",
                statistic: alarm::Statistic::Minimum,
                dimensions: vec![("DBInstanceIdentifier", &p.db_instance_id)],
            },
            false,
            &p.db_free_storage_threshold,
        );

        MonitoringOutputs {
            alarm_topic_arn: topic.id(),
            health_check_id: health.id().into(),
        }
    }
}
