//! The scale workload: N resources in one stack, security groups each with a standalone ingress
//! rule from the previous group (the first group's rule comes from itself).
//!
//! `cargo run --release --example scale -- 10000 --out-dir out/` (N defaults to 600: two nested
//! stacks, which is what `scripts/test.sh` lints).

use std::process::ExitCode;

use cfn::aws::ec2;
use cfn::prelude::*;

/// Builds the stack: `n` resources, `ceil(n / 2)` groups and `floor(n / 2)` rules.
pub fn build(n: usize) -> Stack {
    let mut s: Stack = Stack::new();
    s.description("Scale workload: security groups, each with a standalone ingress rule from the previous group");
    let vpc = s.parameter(
        "VpcId",
        Parameter::<Id<ec2::Vpc>>::of().description("The VPC the security groups belong to"),
    );
    s.tag("Project", "scale");
    // Over 500 resources, the emitter splits the stack into nested stacks (a new stack: nothing
    // deployed moves).
    s.auto_nest(AutoNest::new());
    let mut prev: Option<Handle<ec2::SecurityGroup>> = None;
    for i in 0..n.div_ceil(2) {
        let sg = s.add(
            &format!("Group{i}"),
            ec2::SecurityGroup::new(format!("scale group {i}")).vpc_id(vpc.value()),
        );
        if 2 * i + 1 < n {
            let from = prev.as_ref().unwrap_or(&sg);
            s.add(
                &format!("Group{i}Ingress"),
                ec2::SecurityGroupIngress::new("tcp")
                    .group_id(sg.group_id())
                    .source_security_group_id(from.group_id())
                    .from_port(443)
                    .to_port(443),
            );
        }
        prev = Some(sg);
    }
    s
}

#[allow(dead_code)]
fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let n = match args.first().map(|a| a.parse::<usize>()) {
        Some(Ok(n)) => {
            args.remove(0);
            n
        }
        Some(Err(_)) if !args[0].starts_with('-') => {
            eprintln!("error: the first argument is the number of resources, e.g. `scale 10000`");
            return ExitCode::from(2);
        }
        _ => 600,
    };
    let s = build(n);
    let code = cfn::run_with_args(&s, &args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    // Exit without freeing the model of N resources one allocation at a time (as most CLIs do;
    // the operating system takes the memory back at once).
    let _ = std::io::Write::flush(&mut std::io::stdout());
    std::process::exit(code.into())
}
