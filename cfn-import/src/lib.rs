//! `cfn-import`: existing CloudFormation templates into the typed program's input.
//!
//! This crate is the importer's foundation: it reads a template, JSON or YAML, into one
//! [`serde_json::Value`] in long form (`!Ref X` becomes `{"Ref": "X"}`, `!GetAtt A.B` becomes
//! `{"Fn::GetAtt": ["A", "B"]}`), key order kept, and [`normalize`]s two templates so that
//! equivalent ones compare equal (the round trip's yardstick). Writing the typed Rust program
//! from the value comes later.
//!
//! - [`parse`] / [`parse_file`]: a template from text or a file; JSON when the text starts with
//!   `{` (YAML is tried when that fails, as cfn-lint does), YAML otherwise. Errors name the file,
//!   the line and what is wrong; the reader never panics on input.
//! - [`parse_yaml`] / [`parse_json`]: one syntax, no top-level check.
//! - [`normalize`]: the comparison form.
//!
//! YAML is read with [`saphyr_parser`]: its event API reports each node's tag, anchor and
//! position, which CloudFormation's short forms and the error messages need; it is the maintained
//! successor of yaml-rust/yaml-rust2 (serde_yaml is archived), pure Rust with two small
//! dependencies. Scalars are resolved here, the YAML 1.1 way cfn-lint's PyYAML loader resolves
//! them, except that timestamps stay text: see [`parse_yaml`]'s module, `yaml`, for every rule.

mod error;
mod format;
mod json;
mod normalize;
mod program;
mod report;
mod write;
mod yaml;

use std::path::Path;

use serde_json::Value;

pub use error::ParseError;
pub use format::{format_source, try_format_source};
pub use json::parse_json;
pub use normalize::normalize;
pub use program::{CfnDependency, Change, Escape, EscapeReason, Options, Program, Stats, WriteError};
pub use report::summary;
pub use write::write_program;
pub use yaml::parse_yaml;

/// The top-level keys a CloudFormation template may have (`Globals` is SAM's). A mapping with
/// none of them is not a template.
pub const TEMPLATE_SECTIONS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Transform",
    "Resources",
    "Outputs",
    "Globals",
];

/// Reads a template from `source`; `file` names it in errors. JSON when the text (after any
/// byte-order mark and white space) starts with `{`, with YAML as the fallback when the JSON
/// reader refuses it (the JSON error is the one reported if both refuse); YAML otherwise.
///
/// The result is a mapping holding at least one of [`TEMPLATE_SECTIONS`]; other top-level keys
/// are kept (cfn-lint reports them, the reader does not judge). Anything else (an empty file, a
/// list, a scalar, a mapping with no template section) is an error.
pub fn parse(source: &str, file: &str) -> Result<Value, ParseError> {
    let trimmed = source.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let value = if trimmed.starts_with('{') {
        match parse_json(source, file) {
            Ok(value) => value,
            Err(json_error) => parse_yaml(source, file).map_err(|_| json_error)?,
        }
    } else {
        parse_yaml(source, file)?
    };
    check_template(value, file)
}

/// Reads the template in `path` (see [`parse`]); the error names the path as given.
pub fn parse_file(path: &Path) -> Result<Value, ParseError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ParseError::whole(&file, format!("cannot read the file: {e}")))?;
    let source = String::from_utf8(bytes).map_err(|e| {
        ParseError::whole(
            &file,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    parse(&source, &file)
}

fn check_template(value: Value, file: &str) -> Result<Value, ParseError> {
    let kind = match &value {
        Value::Object(map) => {
            if map.keys().any(|k| TEMPLATE_SECTIONS.contains(&k.as_str())) {
                return Ok(value);
            }
            if map.is_empty() {
                return Err(ParseError::whole(file, "not a template: the mapping is empty"));
            }
            return Err(ParseError::whole(
                file,
                "not a template: the top-level mapping has none of Resources, Parameters, Outputs, \
                 AWSTemplateFormatVersion, … (TEMPLATE_SECTIONS)",
            ));
        }
        Value::Null => return Err(ParseError::whole(file, "the file is empty: no template")),
        Value::Array(_) => "a list",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
    };
    Err(ParseError::whole(
        file,
        format!("not a template: the top level is {kind}, not a mapping"),
    ))
}
