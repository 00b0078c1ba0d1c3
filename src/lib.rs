//! Typed AWS CloudFormation stacks in Rust: templates that would fail at deploy time do not compile.
//!
//! This facade re-exports the three crates of the workspace:
//! - [`model`] (`cfn-model`): values, intrinsics, parameters, conditions, mappings, outputs, the
//!   [`Stack`](model::Stack) builder and the generated resource types in [`aws`];
//! - [`emit`] (`cfn-emit`): validation, deterministic JSON, nested assemblies and the runner;
//! - the derive macros of `cfn-macros`.
//!
//! ```
//! use cfn::prelude::*;
//!
//! let mut s: Stack = Stack::new();
//! let env = s.parameter("Environment", Parameter::string().allowed(["dev", "prod"]).default("dev"));
//! let topic = s.add("Alerts", RawResource::new("AWS::SNS::Topic", cfn::serde_json::json!({})));
//! s.output("AlertsTopic", Output::new(topic.id()).export(Value::<String>::sub([
//!     SubPart::val(Pseudo::stack_name()),
//!     SubPart::lit("-alerts-"),
//!     SubPart::val(env.value()),
//! ])));
//! let json = cfn::to_json(&s).expect("a valid template");
//! assert!(json.contains("\"Fn::Sub\": \"${AWS::StackName}-alerts-${Environment}\""));
//! ```
//!
//! A stack program returns the runner's exit code from `main`, so a stack that fails validation
//! fails the process (`cargo run > stack.json` in CI stops there instead of leaving an empty file):
//!
//! ```no_run
//! use cfn::prelude::*; // brings `ExitCode` (`std::process::ExitCode`) too
//!
//! fn main() -> ExitCode {
//!     let mut s: Stack = Stack::new();
//!     s.add("Alerts", RawResource::of("AWS::SNS::Topic"));
//!     cfn::run(&s) // root template on stdout, `--out-dir DIR` for the assembly, findings on stderr
//! }
//! ```
#![warn(missing_docs)]

pub use cfn_emit as emit;
pub use cfn_emit::{assertions, rules};
pub use cfn_model as model;
pub use cfn_model::aws;

pub use cfn_emit::{
    assemble, run, run_with_args, to_json, validate, AsTemplate, Assembly, AssemblyOptions, Diagnostic, Diagnostics,
    Severity,
};

/// The JSON values raw resources (`RawResource::new(type, json!({…}))`), metadata and assertion
/// patterns take: `cfn::serde_json::json!` needs no `serde_json` dependency of your own.
pub use serde_json;

/// What `main` returns: `fn main() -> ExitCode { …; cfn::run(&stack) }` ([`run`]'s result, non-zero
/// when the stack fails validation). The same type as `std::process::ExitCode`.
pub use std::process::ExitCode;

/// The derive macros and `sub!` (crate `cfn-macros`); the traits they implement are in
/// [`model::interface`], [`model::table`] and [`model::nested`].
pub use cfn_macros::{secret_id, ssm_name, sub, Mapping, MappingKey, Outputs, Parameters, Resource};

/// Everything a stack program usually needs: `use cfn::prelude::*;`.
pub mod prelude {
    pub use cfn_emit::{assemble, run, to_json, validate, AssemblyOptions, Diagnostic, Severity};
    pub use cfn_macros::{secret_id, ssm_name, sub, Mapping, MappingKey, Outputs, Parameters, Resource};
    pub use cfn_model::prelude::*;
    pub use std::process::ExitCode;
}
