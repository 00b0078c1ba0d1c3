//! Build + validate + emit for synthetic stacks of 500 and 10,000 resources: security groups, each
//! with a standalone ingress rule from the previous group (the shape of the scale workload).

use cfn::prelude::*;
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};

fn build(n: usize) -> Stack {
    let mut s: Stack = Stack::new();
    s.tag("Project", "bench");
    let vpc = s.add("Vpc", RawResource::of("AWS::EC2::VPC").prop("CidrBlock", "10.0.0.0/16"));
    let mut prev: Option<Handle<RawResource>> = None;
    let groups = (n - 1) / 2;
    for i in 0..groups {
        let sg = s.add(
            &format!("Group{i}"),
            RawResource::of("AWS::EC2::SecurityGroup")
                .prop("GroupDescription", format!("group {i}"))
                .prop("VpcId", vpc.id())
                .tagging(Tagging::List("Tags")),
        );
        if let Some(p) = &prev {
            s.add(
                &format!("Group{i}FromPrev"),
                RawResource::of("AWS::EC2::SecurityGroupIngress")
                    .prop("GroupId", sg.get_att::<String>("GroupId"))
                    .prop("IpProtocol", "tcp")
                    .prop("FromPort", 443)
                    .prop("ToPort", 443)
                    .prop("SourceSecurityGroupId", p.get_att::<String>("GroupId")),
            );
        }
        prev = Some(sg);
    }
    s
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("stack");
    g.sample_size(20);
    for n in [500usize, 10_000] {
        g.bench_with_input(BenchmarkId::new("build", n), &n, |b, &n| b.iter(|| black_box(build(n))));
        let s = build(n);
        g.bench_with_input(BenchmarkId::new("validate", n), &s, |b, s| {
            b.iter(|| black_box(cfn::validate(s)))
        });
        g.bench_with_input(BenchmarkId::new("emit", n), &s, |b, s| {
            b.iter(|| black_box(cfn::emit::render_unchecked(s, &AssemblyOptions::default())))
        });
        g.bench_with_input(BenchmarkId::new("build+validate+emit", n), &n, |b, &n| {
            b.iter(|| {
                let s = build(n);
                let d = cfn::validate(&s);
                black_box((d, cfn::emit::render_unchecked(&s, &AssemblyOptions::default())))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
