//! Build, validate and emit, in process (criterion): the scale workload (security groups, each
//! with a standalone ingress rule from the previous group, `examples/scale.rs`) at 500 and 10,000
//! resources (the latter split into nested stacks by automatic nesting), and the multi-env
//! example. Whole-process numbers, against the peers: `bench/peers/run.sh`.

use cfn::prelude::*;
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};

#[path = "../examples/scale.rs"]
#[allow(dead_code)]
mod scale;

#[path = "../examples/multi-env/stacks/mod.rs"]
#[allow(dead_code)]
mod stacks;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("scale");
    g.sample_size(20);
    for n in [500usize, 10_000] {
        g.bench_with_input(BenchmarkId::new("build", n), &n, |b, &n| {
            b.iter(|| black_box(scale::build(n)))
        });
        let s = scale::build(n);
        g.bench_with_input(BenchmarkId::new("validate", n), &s, |b, s| {
            b.iter(|| black_box(cfn::validate(s)))
        });
        g.bench_with_input(BenchmarkId::new("emit", n), &s, |b, s| {
            b.iter(|| black_box(cfn::emit::render_unchecked(s, &AssemblyOptions::default())))
        });
        g.bench_with_input(BenchmarkId::new("build+validate+emit", n), &n, |b, &n| {
            b.iter(|| {
                let s = scale::build(n);
                black_box(cfn::assemble(&s, &AssemblyOptions::default()).map(|a| a.files.len()))
            })
        });
    }
    g.finish();
    let mut g = c.benchmark_group("multi-env");
    g.bench_function("build+validate+emit", |b| {
        b.iter(|| black_box(cfn::assemble(&stacks::assembly(), &AssemblyOptions::default()).map(|a| a.files.len())))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
