//! What the writer gives back: the program, the features it needs, and the report (traps it
//! fixed, escape hatches it used, with reasons).

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

/// How to write the program.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The template's file name, for the program's header comment.
    pub source: String,
}

/// A typed Rust program building the template.
#[derive(Clone, Debug)]
pub struct Program {
    /// The program without `main`: `use` lines and `pub fn stack() -> Stack { … }`. A module of a
    /// larger crate (the round-trip test puts every corpus template in one) or, with
    /// [`Program::main_rs`], a whole `main.rs`. Not yet formatted.
    pub module: String,
    /// The `cfn` service features the program needs (`ec2`, `s3`, …).
    pub features: BTreeSet<String>,
    /// Each trap the template held and what the program does instead.
    pub changes: Vec<Change>,
    /// Each place the typed API could not say what the template says.
    pub escapes: Vec<Escape>,
    /// Counts.
    pub stats: Stats,
}

/// A pattern this library refuses, found in the template, and the safe construct written instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The logical id concerned.
    pub resource: String,
    /// What was wrong (`inline ingress rule names security group Db of this template`).
    pub problem: String,
    /// What the program does instead (`writes stack.allow(&web, &db, …): a standalone
    /// AWS::EC2::SecurityGroupIngress`).
    pub fix: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}; the program {}", self.resource, self.problem, self.fix)
    }
}

/// Why the program uses an escape hatch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EscapeReason {
    /// A resource type outside the registry schemas (`AWS::Serverless::Function`, `Custom::…`,
    /// a type newer than the schemas): `RawResource`.
    TypeNotInSchemas,
    /// A property the type's schema does not have: `Attributes::raw_property`.
    PropertyNotInSchema,
    /// A value whose shape the generated type refuses (an intrinsic where a property type is
    /// expected, a string where a number is, a list where one value is): `raw_property`,
    /// `Value::unchecked` or `cast_unchecked`.
    ShapeRefused,
    /// A parameter type with no typed form: `Parameter::unchecked_type`.
    ParameterType,
    /// A template section or intrinsic the typed API has no form for (`Rules`, `Fn::ForEach`, …).
    Unsupported,
}

impl EscapeReason {
    /// Every reason, in report order.
    pub const ALL: [EscapeReason; 5] = [
        EscapeReason::TypeNotInSchemas,
        EscapeReason::PropertyNotInSchema,
        EscapeReason::ShapeRefused,
        EscapeReason::ParameterType,
        EscapeReason::Unsupported,
    ];

    /// A short name for tables.
    pub fn as_str(self) -> &'static str {
        match self {
            EscapeReason::TypeNotInSchemas => "type not in the schemas",
            EscapeReason::PropertyNotInSchema => "property not in the schema",
            EscapeReason::ShapeRefused => "value shape the types refuse",
            EscapeReason::ParameterType => "parameter type without a typed form",
            EscapeReason::Unsupported => "section or intrinsic without a typed form",
        }
    }
}

/// One escape hatch in the program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Escape {
    /// Where: a logical id, `Parameters.X`, `Outputs.X`, …
    pub location: String,
    /// The property, when one property of a typed resource is concerned.
    pub property: Option<String>,
    /// Why.
    pub reason: EscapeReason,
    /// The one-line comment the program carries next to it.
    pub detail: String,
}

impl fmt::Display for Escape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.property {
            Some(p) => write!(f, "{}.{}: {}", self.location, p, self.detail),
            None => write!(f, "{}: {}", self.location, self.detail),
        }
    }
}

/// Counts over the template's resources.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Resources in the template.
    pub resources: usize,
    /// Resources written with their generated type and no escape hatch at all.
    pub fully_typed: usize,
    /// Resources written as `RawResource`.
    pub raw: usize,
}

/// A template the writer cannot take (the CLI prints it on one line and exits 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteError(pub String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

/// The leading `//!` lines of `module` and the rest (inner attributes go after inner docs).
fn split_inner_docs(module: &str) -> (&str, &str) {
    let mut end = 0;
    for line in module.split_inclusive('\n') {
        if !line.starts_with("//!") {
            break;
        }
        end += line.len();
    }
    module.split_at(end)
}

/// Where the generated crate finds `cfn`.
#[derive(Clone, Debug)]
pub enum CfnDependency<'a> {
    /// A path to this repository's root (the `cfn-typed` package).
    Path(&'a Path),
    /// The published version.
    Version(&'a str),
}

impl Program {
    /// The whole `main.rs`: the module and `fn main() -> ExitCode { cfn::run(&stack()) }`.
    pub fn main_rs(&self) -> String {
        // `json!`/`cfn_json!` expand one token tree at a time: large documents (user data
        // scripts, policies) need more than the default limit of 128.
        let limit = if self.module.contains("json!(") {
            "// json!/cfn_json! expand one token tree at a time: large documents need a deeper limit.\n#![recursion_limit = \"4096\"]\n"
        } else {
            ""
        };
        let (docs, rest) = split_inner_docs(&self.module);
        format!("{docs}{limit}{rest}\nfn main() -> ExitCode {{\n    cfn::run(&stack())\n}}\n")
    }

    /// A `Cargo.toml` for a crate named `package` whose `src/main.rs` is [`Program::main_rs`]:
    /// `cfn` with exactly the features the program needs (no defaults).
    pub fn cargo_toml(&self, package: &str, cfn: CfnDependency<'_>) -> String {
        let features: Vec<String> = self.features.iter().map(|f| format!("{f:?}")).collect();
        let source = match cfn {
            CfnDependency::Path(p) => format!("path = {:?}", p.display().to_string()),
            CfnDependency::Version(v) => format!("version = {v:?}"),
        };
        format!(
            "[package]\nname = {package:?}\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ncfn = {{ package = \"cfn-typed\", {source}, default-features = false, features = [{}] }}\n",
            features.join(", ")
        )
    }
}
