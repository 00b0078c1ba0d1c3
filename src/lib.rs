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
//! let topic = s.add("Alerts", RawResource::new("AWS::SNS::Topic", serde_json::json!({})));
//! s.output("AlertsTopic", Output::new(topic.id()).export(Value::<String>::sub([
//!     SubPart::val(Pseudo::stack_name()),
//!     SubPart::lit("-alerts-"),
//!     SubPart::val(env.value()),
//! ])));
//! let json = cfn::to_json(&s).expect("a valid template");
//! assert!(json.contains("\"Fn::Sub\": \"${AWS::StackName}-alerts-${Environment}\""));
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

/// The derive macros and `sub!` (crate `cfn-macros`); the traits they implement are in
/// [`model::interface`], [`model::table`] and [`model::nested`].
pub use cfn_macros::{secret_id, ssm_name, sub, Mapping, MappingKey, Outputs, Parameters, Resource};

/// Everything a stack program usually needs: `use cfn::prelude::*;`.
pub mod prelude {
    pub use cfn_emit::{assemble, run, to_json, validate, AssemblyOptions, Diagnostic, Severity};
    pub use cfn_macros::{secret_id, ssm_name, sub, Mapping, MappingKey, Outputs, Parameters, Resource};
    pub use cfn_model::prelude::*;
}
