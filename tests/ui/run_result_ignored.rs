//! A new user's first program: `cfn::run(&s);` as the last statement of `fn main()`. The exit
//! code is dropped, so a stack that fails validation prints nothing on stdout and the process
//! still exits 0 (`cargo run > stack.json` leaves an empty file behind a green CI step).
//! `cfn::run` is `#[must_use]` and its message says to return it from `main`; `unused_must_use`
//! is a warning by default, an error under `-D warnings` (and here).
#![deny(unused_must_use)]
use cfn::prelude::*;

fn main() {
    let mut s: Stack = Stack::new();
    s.add("Alerts", RawResource::of("AWS::SNS::Topic"));
    cfn::run(&s);
}
