//! README's way of running a stack, as a real process: `fn main() -> ExitCode { …; cfn::run(&s) }`.
//! A stack that fails validation must fail the process (exit 1, nothing on stdout), or
//! `cargo run > stack.json` in CI leaves an empty file behind a green step.
//!
//! This test has no harness (`harness = false` in Cargo.toml): its `main` runs itself again as the
//! stack program (the environment variable below says which stack), with no arguments, and checks
//! the exit status and the streams.

use std::process::{Command, ExitCode};

use cfn::prelude::*;

const CHILD: &str = "CFN_RUN_EXIT_CODE_CHILD";

/// The stack program, written as README shows it.
fn stack_program(valid: bool) -> ExitCode {
    let mut s: Stack = Stack::new();
    if valid {
        s.add("Alerts", RawResource::of("AWS::SNS::Topic"));
    } else {
        s.add("bad-id", RawResource::of("AWS::SNS::Topic"));
    }
    cfn::run(&s)
}

fn run_child(which: &str) -> std::process::Output {
    let exe = std::env::current_exe().expect("the test binary's path");
    Command::new(exe)
        .env(CHILD, which)
        .output()
        .expect("the test binary runs again")
}

fn main() -> ExitCode {
    match std::env::var(CHILD).as_deref() {
        Ok("valid") => return stack_program(true),
        Ok(_) => return stack_program(false),
        Err(_) => {}
    }
    let bad = run_child("invalid");
    let (out, err) = (
        String::from_utf8_lossy(&bad.stdout),
        String::from_utf8_lossy(&bad.stderr),
    );
    assert_eq!(bad.status.code(), Some(1), "an invalid stack exits 1; stderr: {err}");
    assert!(out.is_empty(), "nothing on stdout for an invalid stack: {out}");
    assert!(err.contains("error[logical-id] Resources/bad-id"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");

    let good = run_child("valid");
    let (out, err) = (
        String::from_utf8_lossy(&good.stdout),
        String::from_utf8_lossy(&good.stderr),
    );
    assert_eq!(good.status.code(), Some(0), "a valid stack exits 0; stderr: {err}");
    assert!(out.contains("\"AWS::SNS::Topic\""), "{out}");
    println!("run_exit_code: an invalid stack exits 1 with nothing on stdout, a valid one 0: ok");
    ExitCode::SUCCESS
}
