//! Random valid stacks, judged from outside (issue 8, item 1).
//!
//! A proptest strategy draws a plan — resource kinds from the default features, each referencing
//! only resources added before it, ordering evidence (`stack.allow`), parameters, a condition, a
//! mapping, outputs with exports, and nested children that receive values from the parent — and
//! builds it through the public API. The safe constructs that carry orderings take part: internet
//! gateways and public subnets (`igw.public_ip()`, `igw.public_subnet`), transit gateway and VPN
//! gateway attachments (`attach_transit_gateway`, `vgw.vpn_gateway_id()`), listener rules
//! (`forward_rule`), chains (`sequence`) and Lambda functions on EFS (`mount(…).access_point`). For every case: nothing panics, `validate` reports nothing,
//! building and emitting twice gives identical bytes, and every file is written under
//! `target/cfn-lint/random/` so that `scripts/test.sh` runs cfn-lint once over all of them.
//!
//! CI runs 500 cases (the default); `CFN_RANDOM_CASES=10000 cargo test --release --test
//! random_stacks` runs more (BENCHMARKS.md / RELIABILITY.md record the numbers).

mod common;

use cfn::aws::elasticloadbalancingv2 as elbv2;
use cfn::aws::{dynamodb, ec2, efs, iam, kms, lambda, logs, s3, sns, sqs, ssm};
use cfn::model::safe::gateway::AttachedInternetGateway;
use cfn::model::safe::security_group::Port;
use cfn::prelude::*;
use std::cell::Cell;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::json;

/// One step of a plan. Indices pick among the resources of that kind added so far (modulo their
/// number); a step whose kind has none yet is skipped, so references only point backwards.
#[derive(Clone, Debug)]
enum Step {
    Vpc {
        octet: u8,
    },
    Subnet {
        vpc: usize,
        third: u8,
        az: u8,
    },
    Group {
        vpc: usize,
    },
    Allow {
        from: usize,
        to: usize,
        port: u16,
    },
    Bucket {
        versioned: bool,
    },
    Queue {
        delay: u16,
    },
    Topic {
        conditional: bool,
    },
    Subscribe {
        topic: usize,
        queue: usize,
    },
    LogGroup {
        days: usize,
        from_mapping: bool,
    },
    Key,
    Alias {
        key: usize,
    },
    Parameter {
        of: usize,
        from_param: bool,
    },
    Output {
        of: usize,
        export: bool,
    },
    /// An internet gateway attached to a VPC without one.
    Igw {
        vpc: usize,
    },
    /// A public subnet behind an attached gateway (its route, its association), maybe with an
    /// instance in it.
    PublicSubnet {
        igw: usize,
        third: u8,
        az: u8,
        instance: bool,
    },
    /// A transit gateway attachment of a subnet's VPC, and a route through it.
    Transit {
        subnet: usize,
    },
    /// A VPN gateway attached to a VPC without one, a route through it and route propagation.
    Vpn {
        vpc: usize,
    },
    /// A target group and a listener rule forwarding to it on an imported listener.
    Forward {
        vpc: usize,
    },
    /// DynamoDB tables with indexes, created one after the other.
    Tables {
        n: u8,
    },
    /// A Lambda function on an EFS access point mounted in a subnet.
    LambdaEfs {
        subnet: usize,
    },
}

#[derive(Clone, Debug)]
struct Plan {
    params: usize,
    condition: bool,
    mapping: bool,
    steps: Vec<Step>,
    children: Vec<Vec<Step>>,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        any::<u8>().prop_map(|octet| Step::Vpc { octet }),
        (any::<usize>(), any::<u8>(), 0u8..2).prop_map(|(vpc, third, az)| Step::Subnet { vpc, third, az }),
        any::<usize>().prop_map(|vpc| Step::Group { vpc }),
        (any::<usize>(), any::<usize>(), 1u16..65535).prop_map(|(from, to, port)| Step::Allow { from, to, port }),
        any::<bool>().prop_map(|versioned| Step::Bucket { versioned }),
        (0u16..=900).prop_map(|delay| Step::Queue { delay }),
        any::<bool>().prop_map(|conditional| Step::Topic { conditional }),
        (any::<usize>(), any::<usize>()).prop_map(|(topic, queue)| Step::Subscribe { topic, queue }),
        (any::<usize>(), any::<bool>()).prop_map(|(days, from_mapping)| Step::LogGroup { days, from_mapping }),
        Just(Step::Key),
        any::<usize>().prop_map(|key| Step::Alias { key }),
        (any::<usize>(), any::<bool>()).prop_map(|(of, from_param)| Step::Parameter { of, from_param }),
        (any::<usize>(), any::<bool>()).prop_map(|(of, export)| Step::Output { of, export }),
        any::<usize>().prop_map(|vpc| Step::Igw { vpc }),
        (any::<usize>(), any::<u8>(), 0u8..2, any::<bool>()).prop_map(|(igw, third, az, instance)| {
            Step::PublicSubnet {
                igw,
                third,
                az,
                instance,
            }
        }),
        any::<usize>().prop_map(|subnet| Step::Transit { subnet }),
        any::<usize>().prop_map(|vpc| Step::Vpn { vpc }),
        any::<usize>().prop_map(|vpc| Step::Forward { vpc }),
        (2u8..4).prop_map(|n| Step::Tables { n }),
        any::<usize>().prop_map(|subnet| Step::LambdaEfs { subnet }),
    ]
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        0usize..4,
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(step(), 1..40),
        prop::collection::vec(prop::collection::vec(step(), 1..15), 0..3),
    )
        .prop_map(|(params, condition, mapping, steps, children)| Plan {
            params,
            condition,
            mapping,
            steps,
            children,
        })
}

/// Retention periods CloudWatch Logs accepts.
const DAYS: [i64; 8] = [1, 3, 5, 7, 14, 30, 90, 365];
/// The names nested children's inputs take (`Stack::nested` wants `&'static str`).
const INPUTS: [&str; 4] = ["Input0", "Input1", "Input2", "Input3"];

/// What a (parent or child) stack has added so far, by kind.
#[derive(Default)]
struct Pool<S> {
    vpcs: Vec<Handle<ec2::Vpc, S>>,
    groups: Vec<Handle<ec2::SecurityGroup, S>>,
    queues: Vec<Handle<sqs::Queue, S>>,
    topics: Vec<Handle<sns::Topic, S>>,
    keys: Vec<Handle<kms::Key, S>>,
    /// Subnets, with the index of their VPC.
    subnets: Vec<(Handle<ec2::Subnet, S>, usize)>,
    /// Attached internet gateways, with the index of their VPC (one per VPC).
    igws: Vec<(AttachedInternetGateway<S>, usize)>,
    /// VPCs with a VPN gateway attached (one per VPC).
    vgw_vpcs: Vec<usize>,
    /// The transit gateway, once one is added, and the VPCs attached to it (once each).
    transit: Option<Handle<ec2::TransitGateway, S>>,
    transit_vpcs: Vec<usize>,
    /// The last DynamoDB table with indexes: every later one continues its chain.
    last_table: Option<Handle<dynamodb::Table, S>>,
    /// Every string-valued reference so far (ids, ARNs), for SSM parameters and outputs.
    strings: Vec<Value<String>>,
    n: usize,
}

fn pick<T>(v: &[T], i: usize) -> Option<&T> {
    (!v.is_empty()).then(|| &v[i % v.len()])
}

fn retain() -> Attributes {
    Attributes::new()
        .deletion_policy(Policy::Retain)
        .update_replace_policy(Policy::Retain)
}

/// Adds the plan's steps to `s`. `inputs` are values the stack may use as strings (parameters);
/// `env` is an `Environment` parameter when there is one, `cond` a condition, `map` a mapping.
fn build_steps<S>(
    s: &mut Stack<S>,
    steps: &[Step],
    inputs: &[Value<String>],
    cond: Option<&Condition>,
    map: Option<&MappingRef>,
    env: Option<&Value<String>>,
) -> Pool<S> {
    let mut p = Pool {
        vpcs: Vec::new(),
        groups: Vec::new(),
        queues: Vec::new(),
        topics: Vec::new(),
        keys: Vec::new(),
        subnets: Vec::new(),
        igws: Vec::new(),
        vgw_vpcs: Vec::new(),
        transit: None,
        transit_vpcs: Vec::new(),
        last_table: None,
        strings: inputs.to_vec(),
        n: 0,
    };
    // Every input is used (cfn-lint warns on unused parameters, W2001).
    for (i, v) in inputs.iter().enumerate() {
        s.add(
            &format!("Input{i}Echo"),
            ssm::Parameter::new(ssm::parameter::Type::String, v.clone()),
        );
    }
    // And the mapping (W7001).
    if let (Some(m), Some(e)) = (map, env) {
        s.add_with(
            "SettingsLogs",
            logs::LogGroup::new().retention_in_days(m.find::<i64>(e.clone(), "Retention")),
            retain(),
        );
    }
    for step in steps {
        p.n += 1;
        let id = |kind: &str| format!("{kind}{}", p.n);
        match *step {
            Step::Vpc { octet } => {
                let v = s.add(&id("Vpc"), ec2::Vpc::new().cidr_block(format!("10.{octet}.0.0/16")));
                p.strings.push(v.id().into());
                p.vpcs.push(v);
            }
            Step::Subnet { vpc, third, az } => {
                let Some(v) = pick(&p.vpcs, vpc) else { continue };
                let vi = vpc % p.vpcs.len();
                // The VPC's own block, so the subnet is inside it whatever the octets.
                let cidr = Value::<String>::select((third % 16) as i64, v.get_att::<String>("CidrBlock").cidr(16, 8));
                let sub = s.add(
                    &id("Subnet"),
                    ec2::Subnet::new(v)
                        .cidr_block(cidr)
                        .availability_zone(Value::select(az as i64, Value::<Vec<String>>::azs(""))),
                );
                p.strings.push(sub.id().into());
                p.subnets.push((sub, vi));
            }
            Step::Group { vpc } => {
                let Some(v) = pick(&p.vpcs, vpc) else { continue };
                let g = s.add(&id("Group"), ec2::SecurityGroup::new("random group").vpc_id(v));
                p.strings.push(g.get_att("GroupId"));
                p.groups.push(g);
            }
            Step::Allow { from, to, port } => {
                let (Some(a), Some(b)) = (pick(&p.groups, from), pick(&p.groups, to)) else {
                    continue;
                };
                if a.logical_id() == b.logical_id() {
                    continue;
                }
                s.allow(a, b, Port::tcp(port));
            }
            Step::Bucket { versioned } => {
                let mut b = s3::Bucket::new();
                if versioned {
                    b = b.versioning_configuration(s3::bucket::VersioningConfiguration::new(
                        s3::bucket::VersioningConfigurationStatus::Enabled,
                    ));
                }
                let b = s.add_with(&id("Bucket"), b, retain());
                p.strings.push(b.id().into());
            }
            Step::Queue { delay } => {
                let q = s.add_with(
                    &id("Queue"),
                    sqs::Queue::new()
                        .delay_seconds(delay as i64)
                        .message_retention_period(1_209_600),
                    retain(),
                );
                p.strings.push(q.arn().into());
                p.queues.push(q);
            }
            Step::Topic { conditional } => match (conditional, cond) {
                // Nothing references a conditional topic: it may not exist.
                (true, Some(c)) => {
                    s.add_with(&id("Topic"), sns::Topic::new(), Attributes::new().condition(c));
                }
                _ => {
                    let t = s.add(&id("Topic"), sns::Topic::new());
                    p.strings.push(t.id().into());
                    p.topics.push(t);
                }
            },
            Step::Subscribe { topic, queue } => {
                let (Some(t), Some(q)) = (pick(&p.topics, topic), pick(&p.queues, queue)) else {
                    continue;
                };
                s.add(&id("Subscription"), sns::Subscription::new("sqs", t).endpoint(q.arn()));
            }
            Step::LogGroup { days, from_mapping } => {
                let retention: Value<i64> = match (from_mapping, map, env) {
                    (true, Some(m), Some(e)) => m.find(e.clone(), "Retention"),
                    _ => DAYS[days % DAYS.len()].into(),
                };
                let l = s.add_with(
                    &id("Logs"),
                    logs::LogGroup::new().retention_in_days(retention),
                    retain(),
                );
                p.strings.push(l.id().into());
            }
            Step::Key => {
                let k = s.add_with(
                    &id("Key"),
                    kms::Key::new().enable_key_rotation(true).key_policy(json!({
                        "Version": "2012-10-17",
                        "Statement": [{
                            "Effect": "Allow",
                            "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}},
                            "Action": "kms:*",
                            "Resource": "*",
                        }],
                    })),
                    retain(),
                );
                p.strings.push(k.arn().into());
                p.keys.push(k);
            }
            Step::Alias { key } => {
                let Some(k) = pick(&p.keys, key) else { continue };
                s.add(
                    &id("Alias"),
                    kms::Alias::new(
                        Value::<String>::sub([
                            SubPart::lit("alias/random-"),
                            SubPart::val(Pseudo::stack_name()),
                            SubPart::lit(format!("-{}", p.n)),
                        ]),
                        k.key_id(),
                    ),
                );
            }
            Step::Parameter { of, from_param } => {
                let source = if from_param { inputs } else { &p.strings[..] };
                let Some(v) = pick(source, of).cloned() else { continue };
                let par = s.add(&id("Param"), ssm::Parameter::new(ssm::parameter::Type::String, v));
                p.strings.push(par.id().into());
            }
            Step::Output { of, export } => {
                let Some(v) = pick(&p.strings, of).cloned() else {
                    continue;
                };
                let mut o = Output::new(v).description("random output");
                if export {
                    o = o.export(Value::<String>::sub([
                        SubPart::val(Pseudo::stack_name()),
                        SubPart::lit(format!("-out{}", p.n)),
                    ]));
                }
                s.output(&id("Out"), o);
            }
            Step::Igw { vpc } => {
                if p.vpcs.is_empty() || p.igws.iter().any(|(_, v)| *v == vpc % p.vpcs.len()) {
                    continue;
                }
                let vi = vpc % p.vpcs.len();
                let igw = s.attach_internet_gateway(id("Igw").as_str(), &p.vpcs[vi]);
                p.igws.push((igw, vi));
            }
            Step::PublicSubnet {
                igw,
                third,
                az,
                instance,
            } => {
                let Some((igw, vi)) = pick(&p.igws, igw) else { continue };
                let v = &p.vpcs[*vi];
                let cidr = Value::<String>::select((third % 16) as i64, v.get_att::<String>("CidrBlock").cidr(16, 8));
                // Public addresses wait for the attachment: the subnet's mapping and the
                // instance's subnet id carry it.
                let sub = s.add(
                    &id("PublicSubnet"),
                    ec2::Subnet::new(v)
                        .cidr_block(cidr)
                        .availability_zone(Value::select(az as i64, Value::<Vec<String>>::azs("")))
                        .map_public_ip_on_launch(igw.public_ip()),
                );
                let rt = s.add(&id("PublicRoutes"), ec2::RouteTable::new(v));
                s.add(
                    &id("PublicDefaultRoute"),
                    ec2::Route::new(&rt)
                        .destination_cidr_block("0.0.0.0/0")
                        .gateway_id(igw.gateway_id()),
                );
                s.add(
                    &id("PublicAssociation"),
                    ec2::SubnetRouteTableAssociation::new(&rt, &sub),
                );
                if instance {
                    s.add(
                        &id("Instance"),
                        ec2::Instance::new()
                            .image_id("ami-0123456789abcdef0")
                            .instance_type("t3.micro")
                            .subnet_id(igw.public_subnet(&sub)),
                    );
                }
                p.strings.push(sub.id().into());
                p.subnets.push((sub, *vi));
            }
            Step::Transit { subnet } => {
                let Some((sub, vi)) = pick(&p.subnets, subnet) else {
                    continue;
                };
                let vi = *vi;
                if p.transit_vpcs.contains(&vi) {
                    continue;
                }
                let transit = match &p.transit {
                    Some(t) => t.clone(),
                    None => {
                        let t = s.add(&id("Transit"), ec2::TransitGateway::new());
                        p.transit = Some(t.clone());
                        t
                    }
                };
                let v = &p.vpcs[vi];
                let tgw = s.attach_transit_gateway(&id("TransitAttachment"), &transit, v, [sub.id()]);
                let rt = s.add(&id("TransitRoutes"), ec2::RouteTable::new(v));
                s.add(
                    &id("TransitRoute"),
                    ec2::Route::new(&rt)
                        .destination_cidr_block("172.16.0.0/12")
                        .transit_gateway_id(tgw.transit_gateway_id()),
                );
                p.transit_vpcs.push(vi);
            }
            Step::Vpn { vpc } => {
                if p.vpcs.is_empty() || p.vgw_vpcs.contains(&(vpc % p.vpcs.len())) {
                    continue;
                }
                let vi = vpc % p.vpcs.len();
                let v = &p.vpcs[vi];
                let vgw = s.attach_vpn_gateway(id("Vgw").as_str(), v, ec2::VpnGateway::new("ipsec.1"));
                let rt = s.add(&id("VpnRoutes"), ec2::RouteTable::new(v));
                s.add(
                    &id("VpnRoute"),
                    ec2::Route::new(&rt)
                        .destination_cidr_block("192.168.0.0/16")
                        .gateway_id(vgw.gateway_id()),
                );
                s.add(
                    &id("VpnPropagation"),
                    ec2::VpnGatewayRoutePropagation::new([rt.id()], vgw.vpn_gateway_id()),
                );
                p.vgw_vpcs.push(vi);
            }
            Step::Forward { vpc } => {
                let Some(v) = pick(&p.vpcs, vpc) else { continue };
                let tg = s.add(
                    &id("Targets"),
                    elbv2::TargetGroup::new()
                        .port(80)
                        .protocol(elbv2::target_group::Protocol::Http)
                        .target_type(elbv2::target_group::TargetType::Ip)
                        .vpc_id(v),
                );
                let path = elbv2::listener_rule::RuleCondition::new()
                    .field("path-pattern")
                    .path_pattern_config(
                        elbv2::listener_rule::PathPatternConfig::new().values([format!("/random{}/*", p.n)]),
                    );
                let rule = s.forward_rule(
                    &id("Rule"),
                    Value::<Id<elbv2::Listener>>::import("random-shared-listener"),
                    &tg,
                    p.n as i64,
                    [path],
                );
                p.strings.push(rule.rule().id().into());
            }
            Step::Tables { n } => {
                let base = id("Table");
                let mut chain = s.sequence();
                if let Some(last) = &p.last_table {
                    chain = chain.after(last);
                }
                for i in 0..n {
                    let key =
                        |name: &str, kind: &str| dynamodb::table::KeySchema::new(name.to_string(), kind.to_string());
                    let t = chain.add_with(
                        &format!("{base}x{i}"),
                        dynamodb::Table::new([key("pk", "HASH")])
                            .billing_mode(dynamodb::table::BillingMode::PayPerRequest)
                            .attribute_definitions([
                                dynamodb::table::AttributeDefinition::new("pk", dynamodb::table::AttributeType::S),
                                dynamodb::table::AttributeDefinition::new("gsi", dynamodb::table::AttributeType::S),
                            ])
                            .global_secondary_indexes([dynamodb::table::GlobalSecondaryIndex::new(
                                "by-gsi",
                                [key("gsi", "HASH")],
                                dynamodb::table::Projection::new()
                                    .projection_type(dynamodb::table::ProjectionType::All),
                            )]),
                        retain(),
                    );
                    p.last_table = Some(t);
                }
            }
            Step::LambdaEfs { subnet } => {
                let Some((sub, vi)) = pick(&p.subnets, subnet) else {
                    continue;
                };
                let v = &p.vpcs[*vi];
                let fn_sg = s.add(&id("FunctionSg"), ec2::SecurityGroup::new("function").vpc_id(v));
                let efs_sg = s.add(&id("EfsSg"), ec2::SecurityGroup::new("file system").vpc_id(v));
                s.allow(&fn_sg, &efs_sg, Port::tcp(2049));
                let fs = s.add_with(&id("Files"), efs::FileSystem::new().encrypted(true), retain());
                let mounted = s.mount(&fs, &[sub], &efs_sg);
                let ap = mounted.access_point(s, &id("FilesAccess"), |ap| {
                    ap.root_directory(efs::access_point::RootDirectory::new().path("/lambda"))
                });
                let role = s.add(
                    &id("FunctionRole"),
                    iam::Role::new(cfn_json!({"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})),
                );
                let f = s.add(
                    &id("Function"),
                    lambda::Function::new(
                        lambda::function::Code::new().zip_file("def handler(event, context):\n    return 1\n"),
                        role.arn(),
                    )
                    .runtime(lambda::function::Runtime::Python3_12)
                    .handler("index.handler")
                    .vpc_config(
                        lambda::function::VpcConfig::new()
                            .subnet_ids([sub])
                            .security_group_ids([&fn_sg]),
                    )
                    .file_system_configs([ap.lambda_file_system("/mnt/data")]),
                );
                p.strings.push(f.arn().into());
            }
        }
    }
    p
}

/// The stack a plan describes.
fn build(plan: &Plan) -> Stack {
    let mut s: Stack = Stack::new();
    s.description("A random stack built through the public API");
    s.tag("Project", "random");
    let mut inputs: Vec<Value<String>> = Vec::new();
    for i in 0..plan.params {
        let p = s.parameter(
            &format!("Name{i}"),
            Parameter::string()
                .default(format!("value-{i}"))
                .pattern("^[a-z0-9-]+$"),
        );
        inputs.push(p.value());
    }
    let env = (plan.condition || plan.mapping).then(|| {
        s.parameter(
            "Environment",
            Parameter::string().allowed(["dev", "prod"]).default("dev"),
        )
        .value()
    });
    let cond = match (&env, plan.condition) {
        (Some(e), true) => Some(s.condition("IsProduction", Value::<Cond>::equals(e.clone(), "prod"))),
        _ => None,
    };
    let map = match (&env, plan.mapping) {
        (Some(_), true) => Some(
            s.mapping(
                "Settings",
                Mapping::new()
                    .entry("dev", [("Retention", 7)])
                    .entry("prod", [("Retention", 365)]),
            ),
        ),
        _ => None,
    };
    if let Some(c) = &cond {
        s.output(
            "ProductionOnly",
            Output::new(Value::<String>::from("prod")).condition(c),
        );
    }
    let pool = build_steps(&mut s, &plan.steps, &inputs, cond.as_ref(), map.as_ref(), env.as_ref());
    for (i, steps) in plan.children.iter().enumerate() {
        let mut child: Stack<Child> = Stack::new();
        child.description("A random nested child");
        let passed: Vec<(&'static str, Value<String>)> = INPUTS
            .iter()
            .enumerate()
            .filter_map(|(k, name)| pick(&pool.strings, i * 7 + k).map(|v| (*name, v.clone())))
            .collect();
        let child_inputs: Vec<Value<String>> = passed
            .iter()
            .map(|(name, _)| child.parameter(name, Parameter::string()).value())
            .collect();
        build_steps(&mut child, steps, &child_inputs, None, None, None);
        s.nested(&format!("Child{i}"), child, passed, retain());
    }
    s
}

/// Marker of nested children's stacks.
struct Child;

fn cases() -> u32 {
    std::env::var("CFN_RANDOM_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500)
}

#[test]
fn random_stacks_validate_emit_deterministically_and_go_to_cfn_lint() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let dir = common::lint_dir().join("random");
    let _ = std::fs::remove_dir_all(&dir);
    let case = Cell::new(0u32);
    let resources = Cell::new(0usize);
    let result = runner.run(&plan(), |plan| {
        case.set(case.get() + 1);
        let stack = build(&plan);
        let diags = cfn::validate(&stack);
        prop_assert!(diags.is_empty(), "validate found:\n{}", cfn::Diagnostics(diags));
        let opts = AssemblyOptions::default();
        let a = cfn::assemble(&stack, &opts).map_err(|d| TestCaseError::fail(d.to_string()))?;
        let b = cfn::assemble(&build(&plan), &opts).map_err(|d| TestCaseError::fail(d.to_string()))?;
        prop_assert_eq!(a.files.len(), b.files.len());
        for (x, y) in a.files.iter().zip(&b.files) {
            prop_assert_eq!(&x.contents, &y.contents, "emission differs in {}", x.name);
        }
        resources.set(resources.get() + stack.template().resources.len());
        common::emit_for_lint(&format!("random/case-{:05}", case.get()), &stack);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "random stacks: {} cases, {} root resources, written to {}",
        case.get(),
        resources.get(),
        dir.display()
    );
}
