//! Issue 4, failure 1, fixed: the seed's ALB → ECS → DB security groups talk through
//! `Stack::allow`, which emits standalone rules, so no group depends on another and the template
//! has no cycle. The template goes through cfn-lint (`target/cfn-lint/safe_security_groups`).

mod common;

use cfn::aws::ec2;
use cfn::model::safe::security_group::Port;
use cfn::prelude::*;
use serde_json::json;

#[test]
fn alb_ecs_db_groups_talk_without_a_cycle() {
    let mut s: Stack = Stack::new();
    s.description("ALB -> ECS -> DB security groups, rules as standalone resources");
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let alb = s.add(
        "AlbSg",
        ec2::SecurityGroup::new("load balancer")
            .vpc_id(&vpc)
            .security_group_ingress([Port::tcp(443).ingress_from_cidr("0.0.0.0/0")]),
    );
    let ecs = s.add("EcsSg", ec2::SecurityGroup::new("service tasks").vpc_id(&vpc));
    let db = s.add("DbSg", ec2::SecurityGroup::new("database").vpc_id(&vpc));
    let web = s.allow(&alb, &ecs, Port::tcp(8080));
    let sql = s.allow(&ecs, &db, Port::tcp(5432));
    assert_eq!(web.egress.logical_id(), "AlbSgToEcsSgTcp8080Egress");
    assert_eq!(sql.ingress.logical_id(), "EcsSgToDbSgTcp5432Ingress");

    let t = common::emit_root("safe_security_groups", &s);
    let r = &t["Resources"];
    assert_eq!(
        r["EcsSgToDbSgTcp5432Egress"],
        json!({
            "Type": "AWS::EC2::SecurityGroupEgress",
            "Properties": {
                "Description": "EcsSg to DbSg Tcp5432",
                "DestinationSecurityGroupId": { "Fn::GetAtt": ["DbSg", "GroupId"] },
                "FromPort": 5432,
                "GroupId": { "Fn::GetAtt": ["EcsSg", "GroupId"] },
                "IpProtocol": "tcp",
                "ToPort": 5432
            }
        })
    );
    assert_eq!(
        r["EcsSgToDbSgTcp5432Ingress"]["Properties"]["SourceSecurityGroupId"],
        json!({ "Fn::GetAtt": ["EcsSg", "GroupId"] })
    );
    assert_eq!(
        r["EcsSgToDbSgTcp5432Ingress"]["Properties"]["GroupId"],
        json!({ "Fn::GetAtt": ["DbSg", "GroupId"] })
    );
    // No group mentions another: the rules point at the groups, never the other way round.
    for g in ["AlbSg", "EcsSg", "DbSg"] {
        let text = r[g].to_string();
        assert!(!text.contains("GroupId"), "{g} references another group: {text}");
    }
}

#[test]
fn ports_name_the_rules() {
    assert_eq!(Port::tcp(443).id_part(), "Tcp443");
    assert_eq!(Port::tcp_range(8000, 8080).id_part(), "Tcp8000To8080");
    assert_eq!(Port::udp(53).id_part(), "Udp53");
    assert_eq!(Port::all_traffic().id_part(), "AllTraffic");

    let mut s: Stack = Stack::new();
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let a = s.add("A", ec2::SecurityGroup::new("a").vpc_id(&vpc));
    let b = s.add("B", ec2::SecurityGroup::new("b").vpc_id(&vpc));
    s.allow(&a, &b, Port::all_traffic());
    s.allow(&b, &a, Port::udp(53));
    let t = common::emit_root("safe_security_groups_ports", &s);
    let all = &t["Resources"]["AToBAllTrafficIngress"]["Properties"];
    assert_eq!(all["IpProtocol"], "-1");
    assert!(all.get("FromPort").is_none());
    assert_eq!(t["Resources"]["BToAUdp53Egress"]["Properties"]["IpProtocol"], "udp");
}

/// Issue 15, item 5: the rules take the ids the caller chose (a migrated template keeps its ids),
/// and point at the groups.
#[test]
fn allow_named_takes_the_chosen_ids() {
    use cfn::model::safe::security_group::AllowIds;

    let mut s: Stack = Stack::new();
    s.description("Standalone rules keeping the logical ids of the template they were migrated from");
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let ecs = s.add("EcsSg", ec2::SecurityGroup::new("service tasks").vpc_id(&vpc));
    let db = s.add("DbSg", ec2::SecurityGroup::new("database").vpc_id(&vpc));
    let sql = s.allow_named(
        AllowIds::new("EcsToDbEgress", "DbIngressFromEcs"),
        &ecs,
        &db,
        Port::tcp(5432),
    );
    let https = s.allow_named("EcsToDbHttps", &ecs, &db, Port::tcp(443));
    assert_eq!(sql.egress.logical_id(), "EcsToDbEgress");
    assert_eq!(https.ingress.logical_id(), "EcsToDbHttpsIngress");

    let t = common::emit_root("safe_security_groups_ids", &s);
    let r = &t["Resources"];
    let ids: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        [
            "Vpc",
            "EcsSg",
            "DbSg",
            "EcsToDbEgress",
            "DbIngressFromEcs",
            "EcsToDbHttpsEgress",
            "EcsToDbHttpsIngress"
        ]
    );
    assert_eq!(
        r["EcsToDbEgress"]["Properties"]["DestinationSecurityGroupId"],
        json!({ "Fn::GetAtt": ["DbSg", "GroupId"] })
    );
    assert_eq!(
        r["DbIngressFromEcs"]["Properties"]["SourceSecurityGroupId"],
        json!({ "Fn::GetAtt": ["EcsSg", "GroupId"] })
    );
    assert_eq!(
        r["DbIngressFromEcs"]["Properties"]["GroupId"],
        json!({ "Fn::GetAtt": ["DbSg", "GroupId"] })
    );
}

/// Issue 15, item 5: an inline rule may name a group that is not a resource of this template (a
/// parameter, an import, an explicit external id): it cannot form a cycle.
#[test]
fn inline_rules_name_groups_from_outside_the_template() {
    let mut s: Stack = Stack::new();
    s.description("Inline rules naming groups this template does not create");
    let vpc = s.add("Vpc", ec2::Vpc::new().cidr_block("10.0.0.0/16"));
    let bastion = s.parameter("BastionSg", Parameter::<Id<ec2::SecurityGroup>>::of());
    s.add(
        "AppSg",
        ec2::SecurityGroup::new("app")
            .vpc_id(&vpc)
            .security_group_ingress([
                ec2::security_group::Ingress::new("tcp")
                    .from_port(22)
                    .to_port(22)
                    .source_security_group_id(&bastion),
                ec2::security_group::Ingress::new("tcp")
                    .from_port(443)
                    .to_port(443)
                    .source_security_group_id(Value::<ExternalGroupId>::import("Shared-LoadBalancerSg")),
            ])
            .security_group_egress([ec2::security_group::Egress::new("tcp")
                .from_port(5432)
                .to_port(5432)
                .destination_security_group_id(ExternalGroupId::external("sg-0123456789abcdef0"))]),
    );
    let t = common::emit_root("safe_security_groups_external", &s);
    let p = &t["Resources"]["AppSg"]["Properties"];
    assert_eq!(
        p["SecurityGroupIngress"][0]["SourceSecurityGroupId"],
        json!({ "Ref": "BastionSg" })
    );
    assert_eq!(
        p["SecurityGroupIngress"][1]["SourceSecurityGroupId"],
        json!({ "Fn::ImportValue": "Shared-LoadBalancerSg" })
    );
    assert_eq!(
        p["SecurityGroupEgress"][0]["DestinationSecurityGroupId"],
        json!("sg-0123456789abcdef0")
    );
    assert_eq!(
        t["Parameters"]["BastionSg"]["Type"],
        json!("AWS::EC2::SecurityGroup::Id")
    );
}
