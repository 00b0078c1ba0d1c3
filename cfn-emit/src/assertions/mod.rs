//! Assertions for tests over a built stack or assembly, in the manner of CDK's `assertions`:
//! find resources by generated type, match properties partially ([`Match`]), count resources,
//! read outputs, parameters and conditions, follow dependencies through `DependsOn`, `Ref`,
//! `Fn::GetAtt` and `Fn::Sub`, check tags and names, and compare with a committed golden
//! assembly.
//!
//! Each assertion comes twice: `has_…`/`…_is`/`assert_…` panic with a message that says what was
//! expected, what was found and where (the contract of a test API), and `check_…` returns a
//! [`Result`] with the same [`AssertionError`].
//!
//! ```
//! use cfn_emit::assertions::{Assert, Match};
//! use cfn_model::prelude::*;
//! use serde_json::json;
//!
//! let mut s: Stack = Stack::new();
//! let suffix = s.parameter("EnvironmentSuffix", Parameter::string().pattern("^[a-z0-9-]+$"));
//! s.tag("Environment", suffix.value());
//! let q = s.add_with(
//!     "Jobs",
//!     RawResource::of("AWS::SQS::Queue")
//!         .prop("QueueName", Value::<String>::sub([SubPart::lit("jobs-"), SubPart::val(suffix.value())]))
//!         .tagging(Tagging::List("Tags")),
//!     Attributes::new().retain_data(Policy::Retain),
//! );
//! s.add("Worker", RawResource::of("AWS::SNS::Topic").prop("DisplayName", q.get_att::<String>("QueueName")));
//! s.output("JobsUrl", Output::new(q.id()));
//!
//! let t = Assert::stack(&s);                       // panics, listing the diagnostics, if invalid
//! t.resource_count_of_type_is("AWS::SQS::Queue", 1);
//! t.has_resource_properties_of_type(
//!     "AWS::SQS::Queue",
//!     Match::object_like(json!({"QueueName": {"Fn::Sub": "jobs-${EnvironmentSuffix}"}})),
//! );
//! t.has_parameter("EnvironmentSuffix", json!({"Type": "String", "AllowedPattern": "^[a-z0-9-]+$"}));
//! t.has_output("JobsUrl", json!({"Value": {"Ref": "Jobs"}}));
//! t.every_resource_tagged(["Environment"]);
//! t.every_name_references("EnvironmentSuffix");
//! t.assert_depends_on("Worker", "Jobs");
//!
//! let err = t.check_resource_properties_of_type("AWS::SQS::Queue", json!({"DelaySeconds": 5})).unwrap_err();
//! assert_eq!(err.mismatches[0].at, "template.json: Resources/Jobs/Properties/DelaySeconds");
//! assert_eq!((err.mismatches[0].expected.as_str(), err.mismatches[0].found.as_str()), ("5", "absent"));
//! ```

mod golden;
mod graph;
mod matcher;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde_json::{Map, Value};

use cfn_model::{Resource, Tagging, Template};

pub use graph::Via;
pub use matcher::{ArrayPattern, Match};

use crate::{AsTemplate, Assembly, AssemblyOptions, Diagnostic, Diagnostics, File};
use matcher::compact;

/// One difference: where, what was expected, what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// Where: `template.json: Resources/Service/Properties/DesiredCount`.
    pub at: String,
    /// What the assertion wanted there.
    pub expected: String,
    /// What the template has there (`absent` when nothing).
    pub found: String,
}

/// Why an assertion failed: a summary, every difference, and context (the closest candidate, a
/// diff).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssertionError {
    /// What did not hold.
    pub message: String,
    /// The differences, the first being the one to look at.
    pub mismatches: Vec<Mismatch>,
    /// More to read: the closest candidate's JSON, a diff, the ids that exist.
    pub context: Option<String>,
}

impl AssertionError {
    fn new(message: impl Into<String>, mismatches: Vec<Mismatch>, context: Option<String>) -> AssertionError {
        AssertionError {
            message: message.into(),
            mismatches,
            context,
        }
    }
}

impl fmt::Display for AssertionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)?;
        for (i, m) in self.mismatches.iter().enumerate() {
            if i == 0 {
                write!(
                    f,
                    "\n  at:       {}\n  expected: {}\n  found:    {}",
                    m.at, m.expected, m.found
                )?;
            } else {
                write!(f, "\n  and at {}: expected {}, found {}", m.at, m.expected, m.found)?;
            }
        }
        if let Some(c) = &self.context {
            for line in c.lines() {
                write!(f, "\n  | {line}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for AssertionError {}

/// A resource found in a template: its logical id and its emitted JSON (`Type`, `Properties`,
/// `DependsOn`, policies, `Metadata`).
#[derive(Clone, Debug, PartialEq)]
pub struct FoundResource {
    /// The logical id.
    pub logical_id: String,
    /// The resource's JSON.
    pub json: Value,
}

impl FoundResource {
    /// The `Properties` (`Value::Null` when it has none).
    pub fn properties(&self) -> &Value {
        self.json.get("Properties").unwrap_or(&Value::Null)
    }

    /// One property.
    pub fn property(&self, name: &str) -> Option<&Value> {
        self.properties().get(name)
    }
}

struct Tpl {
    file: String,
    text: String,
    json: Value,
    /// The nested path: `""` for the root, `Network`, `Network-Subnets`.
    path: String,
    /// Where each resource keeps its tags, when built from the model.
    tagging: Option<HashMap<String, Tagging>>,
}

struct Inner {
    templates: Vec<Tpl>,
    warnings: Vec<Diagnostic>,
}

/// Assertions over one template of an emitted assembly (the root, or a nested one through
/// [`Assert::nested`]).
#[derive(Clone)]
pub struct Assert {
    inner: Arc<Inner>,
    index: usize,
}

impl fmt::Debug for Assert {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Assert({})", self.tpl().file)
    }
}

static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();

fn empty() -> &'static Map<String, Value> {
    EMPTY.get_or_init(Map::new)
}

/// The nested path of an assembly file: `""` for the first, `A-B` for `A-B.template.json`.
fn path_of(i: usize, name: &str) -> String {
    if i == 0 {
        String::new()
    } else {
        name.strip_suffix(".template.json").unwrap_or(name).to_string()
    }
}

/// The tagging of every resource, per template in emission order (root, then children depth
/// first).
fn tagging_of(t: &Template, out: &mut Vec<HashMap<String, Tagging>>) {
    out.push(t.resources.iter().map(|(k, r)| (k.to_string(), r.tagging)).collect());
    for r in t.resources.values() {
        if let Some(child) = &r.nested {
            tagging_of(child, out);
        }
    }
}

impl Assert {
    // ---- construction ---------------------------------------------------------------------

    /// Validates and emits `stack` (with its nested stacks) and asserts over the root template.
    ///
    /// # Panics
    /// When the stack does not validate, listing every diagnostic (the "template validity" test).
    #[track_caller]
    pub fn stack(stack: &impl AsTemplate) -> Assert {
        match Assert::try_stack(stack) {
            Ok(a) => a,
            Err(d) => panic!("the stack does not validate ({} finding(s)):\n{d}", d.0.len()),
        }
    }

    /// [`Assert::stack`] without panicking: the diagnostics when the stack does not validate.
    pub fn try_stack(stack: &impl AsTemplate) -> Result<Assert, Diagnostics> {
        let a = crate::assemble(stack, &AssemblyOptions::default())?;
        let mut tagging = Vec::new();
        tagging_of(stack.as_template(), &mut tagging);
        Ok(Assert::build(&a.files, a.warnings, Some(tagging)))
    }

    /// Emits `stack` without validating it: to inspect a stack that does not validate yet.
    pub fn unchecked(stack: &impl AsTemplate) -> Assert {
        let files = crate::render_unchecked(stack, &AssemblyOptions::default());
        let mut tagging = Vec::new();
        tagging_of(stack.as_template(), &mut tagging);
        Assert::build(&files, Vec::new(), Some(tagging))
    }

    /// Asserts over an emitted assembly (its first file is the root).
    pub fn assembly(a: &Assembly) -> Assert {
        Assert::build(&a.files, a.warnings.clone(), None)
    }

    /// Asserts over one template given as JSON (e.g. read from a file).
    pub fn template(json: Value) -> Assert {
        let text = serde_json::to_string_pretty(&json).unwrap_or_default();
        let t = Tpl {
            file: "template.json".into(),
            text,
            json,
            path: String::new(),
            tagging: None,
        };
        Assert {
            inner: Arc::new(Inner {
                templates: vec![t],
                warnings: Vec::new(),
            }),
            index: 0,
        }
    }

    fn build(files: &[File], warnings: Vec<Diagnostic>, tagging: Option<Vec<HashMap<String, Tagging>>>) -> Assert {
        let mut tagging = tagging.map(|v| v.into_iter());
        let templates = files
            .iter()
            .enumerate()
            .map(|(i, f)| Tpl {
                file: f.name.clone(),
                text: f.contents.clone(),
                json: serde_json::from_str(&f.contents).unwrap_or(Value::Null),
                path: path_of(i, &f.name),
                tagging: tagging.as_mut().and_then(Iterator::next),
            })
            .collect();
        Assert {
            inner: Arc::new(Inner { templates, warnings }),
            index: 0,
        }
    }

    fn tpl(&self) -> &Tpl {
        &self.inner.templates[self.index]
    }

    fn at(&self, rest: &str) -> String {
        format!("{}: {rest}", self.tpl().file)
    }

    // ---- the template and its neighbours --------------------------------------------------

    /// The template's JSON.
    pub fn json(&self) -> &Value {
        &self.tpl().json
    }

    /// The template's file name in the assembly (`template.json`, `Network.template.json`).
    pub fn file_name(&self) -> &str {
        &self.tpl().file
    }

    /// The warnings validation reported (errors stop [`Assert::stack`]).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.inner.warnings
    }

    /// Fails when validation reported warnings.
    #[track_caller]
    pub fn has_no_warnings(&self) {
        if !self.inner.warnings.is_empty() {
            panic!(
                "expected no warnings, found {}:\n{}",
                self.inner.warnings.len(),
                Diagnostics(self.inner.warnings.clone())
            );
        }
    }

    /// The template of the nested stack `logical_id` of this template.
    ///
    /// # Panics
    /// When this template has no such nested stack (the message lists those it has).
    #[track_caller]
    pub fn nested(&self, logical_id: &str) -> Assert {
        match self.try_nested(logical_id) {
            Ok(a) => a,
            Err(e) => panic!("{e}"),
        }
    }

    /// [`Assert::nested`] without panicking.
    pub fn try_nested(&self, logical_id: &str) -> Result<Assert, AssertionError> {
        let path = if self.tpl().path.is_empty() {
            logical_id.to_string()
        } else {
            format!("{}-{logical_id}", self.tpl().path)
        };
        match self.inner.templates.iter().position(|t| t.path == path) {
            Some(index) => Ok(Assert {
                inner: self.inner.clone(),
                index,
            }),
            None => {
                let have: Vec<String> = self
                    .resources_of_type("AWS::CloudFormation::Stack")
                    .into_iter()
                    .map(|r| r.logical_id)
                    .collect();
                Err(AssertionError::new(
                    format!("{} has no nested stack `{logical_id}`", self.tpl().file),
                    vec![Mismatch {
                        at: self.at(&format!("Resources/{logical_id}")),
                        expected: "an AWS::CloudFormation::Stack emitted with its template".into(),
                        found: if have.is_empty() {
                            "no nested stacks".into()
                        } else {
                            format!("nested stacks {}", have.join(", "))
                        },
                    }],
                    None,
                ))
            }
        }
    }

    /// Every template of the assembly (root first), to loop over.
    pub fn templates(&self) -> Vec<Assert> {
        (0..self.inner.templates.len())
            .map(|index| Assert {
                inner: self.inner.clone(),
                index,
            })
            .collect()
    }

    /// This template and the templates nested under it.
    fn subtree(&self) -> Vec<Assert> {
        let p = &self.tpl().path;
        self.templates()
            .into_iter()
            .filter(|a| p.is_empty() || a.tpl().path == *p || a.tpl().path.starts_with(&format!("{p}-")))
            .collect()
    }

    fn section(&self, name: &str) -> &Map<String, Value> {
        self.json().get(name).and_then(Value::as_object).unwrap_or(empty())
    }

    // ---- resources ------------------------------------------------------------------------

    /// The resources of the generated type `R`, in template order.
    pub fn resources<R: Resource>(&self) -> Vec<FoundResource> {
        self.resources_of_type(R::TYPE_NAME)
    }

    /// The resources of the type named `type_name` (for raw resources).
    pub fn resources_of_type(&self, type_name: &str) -> Vec<FoundResource> {
        self.section("Resources")
            .iter()
            .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some(type_name))
            .map(|(id, r)| FoundResource {
                logical_id: id.clone(),
                json: r.clone(),
            })
            .collect()
    }

    /// The resource `logical_id`.
    ///
    /// # Panics
    /// When there is none (the message lists the ids there are).
    #[track_caller]
    pub fn resource(&self, logical_id: &str) -> FoundResource {
        match self.find_resource(logical_id) {
            Some(r) => r,
            None => panic!(
                "{}",
                AssertionError::new(
                    format!("{} has no resource `{logical_id}`", self.tpl().file),
                    vec![Mismatch {
                        at: self.at(&format!("Resources/{logical_id}")),
                        expected: "a resource".into(),
                        found: "absent".into(),
                    }],
                    Some(format!("resources: {}", self.ids().join(", "))),
                )
            ),
        }
    }

    /// The resource `logical_id`, if there is one.
    pub fn find_resource(&self, logical_id: &str) -> Option<FoundResource> {
        self.section("Resources").get(logical_id).map(|r| FoundResource {
            logical_id: logical_id.to_string(),
            json: r.clone(),
        })
    }

    fn ids(&self) -> Vec<String> {
        self.section("Resources").keys().cloned().collect()
    }

    /// Fails unless there are exactly `n` resources of type `R`.
    #[track_caller]
    pub fn resource_count_is<R: Resource>(&self, n: usize) {
        ok(self.check_resource_count_is::<R>(n))
    }

    /// [`Assert::resource_count_is`] as a `Result`.
    pub fn check_resource_count_is<R: Resource>(&self, n: usize) -> Result<(), AssertionError> {
        self.check_resource_count_of_type_is(R::TYPE_NAME, n)
    }

    /// [`Assert::resource_count_is`] by type name.
    #[track_caller]
    pub fn resource_count_of_type_is(&self, type_name: &str, n: usize) {
        ok(self.check_resource_count_of_type_is(type_name, n))
    }

    /// [`Assert::resource_count_of_type_is`] as a `Result`.
    pub fn check_resource_count_of_type_is(&self, type_name: &str, n: usize) -> Result<(), AssertionError> {
        let found = self.resources_of_type(type_name);
        if found.len() == n {
            return Ok(());
        }
        let ids: Vec<&str> = found.iter().map(|r| r.logical_id.as_str()).collect();
        Err(AssertionError::new(
            format!("{} has {} {type_name}, not {n}", self.tpl().file, found.len()),
            vec![Mismatch {
                at: self.at("Resources"),
                expected: format!("{n} {type_name}"),
                found: if ids.is_empty() {
                    "none".into()
                } else {
                    format!("{}: {}", ids.len(), ids.join(", "))
                },
            }],
            None,
        ))
    }

    /// Fails unless some resource of type `R` has `Properties` matching `pattern` (plain JSON
    /// matches deep-partially; see [`Match`]).
    #[track_caller]
    pub fn has_resource_properties<R: Resource>(&self, pattern: impl Into<Match>) {
        ok(self.check_resource_properties::<R>(pattern))
    }

    /// [`Assert::has_resource_properties`] as a `Result`.
    pub fn check_resource_properties<R: Resource>(&self, pattern: impl Into<Match>) -> Result<(), AssertionError> {
        self.check_resource_properties_of_type(R::TYPE_NAME, pattern)
    }

    /// [`Assert::has_resource_properties`] by type name (for raw resources).
    #[track_caller]
    pub fn has_resource_properties_of_type(&self, type_name: &str, pattern: impl Into<Match>) {
        ok(self.check_resource_properties_of_type(type_name, pattern))
    }

    /// [`Assert::has_resource_properties_of_type`] as a `Result`.
    pub fn check_resource_properties_of_type(
        &self,
        type_name: &str,
        pattern: impl Into<Match>,
    ) -> Result<(), AssertionError> {
        self.check_some(type_name, &pattern.into(), Some("Properties"))
    }

    /// Fails unless some resource of type `R` matches `pattern` as a whole (`Type`,
    /// `Properties`, `DependsOn`, `DeletionPolicy`, `Metadata`, …).
    #[track_caller]
    pub fn has_resource<R: Resource>(&self, pattern: impl Into<Match>) {
        ok(self.check_resource::<R>(pattern))
    }

    /// [`Assert::has_resource`] as a `Result`.
    pub fn check_resource<R: Resource>(&self, pattern: impl Into<Match>) -> Result<(), AssertionError> {
        self.check_some(R::TYPE_NAME, &pattern.into(), None)
    }

    /// Fails unless there is a resource of type `R` and every one has `Properties` matching
    /// `pattern`.
    #[track_caller]
    pub fn all_resources_properties<R: Resource>(&self, pattern: impl Into<Match>) {
        ok(self.check_all_resources_properties::<R>(pattern))
    }

    /// [`Assert::all_resources_properties`] as a `Result`.
    pub fn check_all_resources_properties<R: Resource>(&self, pattern: impl Into<Match>) -> Result<(), AssertionError> {
        let pattern = pattern.into();
        let found = self.resources_of_type(R::TYPE_NAME);
        if found.is_empty() {
            return Err(self.none_of(R::TYPE_NAME, &pattern, "Properties"));
        }
        let mut mismatches = Vec::new();
        let mut failing = Vec::new();
        for r in &found {
            let m = pattern.mismatches(
                Some(&props_or_empty(&r.json)),
                &self.at(&format!("Resources/{}/Properties", r.logical_id)),
            );
            if !m.is_empty() {
                failing.push(r.logical_id.clone());
                mismatches.extend(m);
            }
        }
        if failing.is_empty() {
            return Ok(());
        }
        Err(AssertionError::new(
            format!(
                "{} of {} {} in {} do not have properties matching {pattern}: {}",
                failing.len(),
                found.len(),
                R::TYPE_NAME,
                self.tpl().file,
                failing.join(", ")
            ),
            mismatches,
            None,
        ))
    }

    fn none_of(&self, type_name: &str, pattern: &Match, what: &str) -> AssertionError {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for r in self.section("Resources").values() {
            let t = r.get("Type").and_then(Value::as_str).unwrap_or("?").to_string();
            match counts.iter_mut().find(|(k, _)| *k == t) {
                Some((_, n)) => *n += 1,
                None => counts.push((t, 1)),
            }
        }
        let have: Vec<String> = counts.iter().map(|(t, n)| format!("{t} ×{n}")).collect();
        AssertionError::new(
            format!("{} has no {type_name}", self.tpl().file),
            vec![Mismatch {
                at: self.at("Resources"),
                expected: format!("a {type_name} with {what} {pattern}"),
                found: "none".into(),
            }],
            Some(format!(
                "the template has: {}",
                if have.is_empty() {
                    "no resources".into()
                } else {
                    have.join(", ")
                }
            )),
        )
    }

    /// Some resource of `type_name` matches (its `Properties` when `part` is set, else all of it).
    fn check_some(&self, type_name: &str, pattern: &Match, part: Option<&str>) -> Result<(), AssertionError> {
        let found = self.resources_of_type(type_name);
        if found.is_empty() {
            return Err(self.none_of(type_name, pattern, part.unwrap_or("resource")));
        }
        let mut best: Option<(&FoundResource, Vec<Mismatch>)> = None;
        for r in &found {
            let (value, base) = match part {
                Some(p) => (props_or_empty(&r.json), format!("Resources/{}/{p}", r.logical_id)),
                None => (r.json.clone(), format!("Resources/{}", r.logical_id)),
            };
            let m = pattern.mismatches(Some(&value), &self.at(&base));
            if m.is_empty() {
                return Ok(());
            }
            if best.as_ref().is_none_or(|(_, b)| m.len() < b.len()) {
                best = Some((r, m));
            }
        }
        let (closest, mismatches) = best.unwrap_or_else(|| (&found[0], Vec::new()));
        let shown = match part {
            Some(p) => closest.json.get(p).cloned().unwrap_or(Value::Null),
            None => closest.json.clone(),
        };
        Err(AssertionError::new(
            format!(
                "no {type_name} in {} has {} matching the pattern ({} candidate(s); the closest is `{}`)",
                self.tpl().file,
                part.map_or("a definition".to_string(), |p| p.to_string()),
                found.len(),
                closest.logical_id
            ),
            mismatches,
            Some(format!(
                "pattern: {pattern}\nclosest, Resources/{}{}:\n{}",
                closest.logical_id,
                part.map_or(String::new(), |p| format!("/{p}")),
                pretty(&shown, 60)
            )),
        ))
    }

    // ---- outputs, parameters, conditions, mappings ----------------------------------------

    /// The `Outputs` section.
    pub fn outputs(&self) -> &Map<String, Value> {
        self.section("Outputs")
    }

    /// The output `name` (`{"Value": …, "Export": …}`).
    ///
    /// # Panics
    /// When there is none (the message lists the outputs there are).
    #[track_caller]
    pub fn output(&self, name: &str) -> &Value {
        self.entry("Outputs", name)
    }

    /// Fails unless the output `name` exists and matches `pattern`.
    #[track_caller]
    pub fn has_output(&self, name: &str, pattern: impl Into<Match>) {
        ok(self.check_output(name, pattern))
    }

    /// [`Assert::has_output`] as a `Result`.
    pub fn check_output(&self, name: &str, pattern: impl Into<Match>) -> Result<(), AssertionError> {
        self.check_entry("Outputs", name, pattern.into())
    }

    /// The `Parameters` section.
    pub fn parameters(&self) -> &Map<String, Value> {
        self.section("Parameters")
    }

    /// The parameter `name` (`{"Type": …, "Default": …}`).
    ///
    /// # Panics
    /// When there is none.
    #[track_caller]
    pub fn parameter(&self, name: &str) -> &Value {
        self.entry("Parameters", name)
    }

    /// Fails unless the parameter `name` exists and matches `pattern`.
    #[track_caller]
    pub fn has_parameter(&self, name: &str, pattern: impl Into<Match>) {
        ok(self.check_parameter(name, pattern))
    }

    /// [`Assert::has_parameter`] as a `Result`.
    pub fn check_parameter(&self, name: &str, pattern: impl Into<Match>) -> Result<(), AssertionError> {
        self.check_entry("Parameters", name, pattern.into())
    }

    /// The `Conditions` section.
    pub fn conditions(&self) -> &Map<String, Value> {
        self.section("Conditions")
    }

    /// The condition `name`.
    ///
    /// # Panics
    /// When there is none.
    #[track_caller]
    pub fn condition(&self, name: &str) -> &Value {
        self.entry("Conditions", name)
    }

    /// Fails unless the condition `name` exists and matches `pattern`.
    #[track_caller]
    pub fn has_condition(&self, name: &str, pattern: impl Into<Match>) {
        ok(self.check_condition(name, pattern))
    }

    /// [`Assert::has_condition`] as a `Result`.
    pub fn check_condition(&self, name: &str, pattern: impl Into<Match>) -> Result<(), AssertionError> {
        self.check_entry("Conditions", name, pattern.into())
    }

    /// The `Mappings` section.
    pub fn mappings(&self) -> &Map<String, Value> {
        self.section("Mappings")
    }

    /// Fails unless the mapping `name` exists and matches `pattern`.
    #[track_caller]
    pub fn has_mapping(&self, name: &str, pattern: impl Into<Match>) {
        ok(self.check_entry("Mappings", name, pattern.into()))
    }

    #[track_caller]
    fn entry(&self, section: &str, name: &str) -> &Value {
        match self.section(section).get(name) {
            Some(v) => v,
            None => panic!("{}", self.missing(section, name, "")),
        }
    }

    fn missing(&self, section: &str, name: &str, pattern: &str) -> AssertionError {
        let have: Vec<&str> = self.section(section).keys().map(String::as_str).collect();
        let singular = section.strip_suffix('s').unwrap_or(section).to_lowercase();
        AssertionError::new(
            format!("{} has no {singular} `{name}`", self.tpl().file),
            vec![Mismatch {
                at: self.at(&format!("{section}/{name}")),
                expected: format!("a {singular}{pattern}"),
                found: "absent".into(),
            }],
            Some(format!(
                "{}: {}",
                section.to_lowercase(),
                if have.is_empty() {
                    "none".into()
                } else {
                    have.join(", ")
                }
            )),
        )
    }

    fn check_entry(&self, section: &str, name: &str, pattern: Match) -> Result<(), AssertionError> {
        let Some(v) = self.section(section).get(name) else {
            return Err(self.missing(section, name, &format!(" matching {pattern}")));
        };
        let m = pattern.mismatches(Some(v), &self.at(&format!("{section}/{name}")));
        if m.is_empty() {
            return Ok(());
        }
        Err(AssertionError::new(
            format!("{section}/{name} in {} does not match the pattern", self.tpl().file),
            m,
            Some(format!("pattern: {pattern}\nfound:\n{}", pretty(v, 40))),
        ))
    }

    // ---- tags and names -------------------------------------------------------------------

    /// The tags of the resource `logical_id` as emitted (its own and the stack-wide ones),
    /// from a `Tags` list of `{Key, Value}` or a `Tags` map.
    pub fn tags_of(&self, logical_id: &str) -> Vec<(String, Value)> {
        let Some(r) = self.section("Resources").get(logical_id) else {
            return Vec::new();
        };
        let prop = match self.tpl().tagging.as_ref().and_then(|t| t.get(logical_id)) {
            Some(Tagging::List(p)) | Some(Tagging::Map(p)) => *p,
            _ => "Tags",
        };
        match r.get("Properties").and_then(|p| p.get(prop)) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| {
                    let k = i.get("Key")?.as_str()?;
                    Some((k.to_string(), i.get("Value").cloned().unwrap_or(Value::Null)))
                })
                .collect(),
            Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            _ => Vec::new(),
        }
    }

    /// True when the resource is taggable: known from the model for [`Assert::stack`], else a
    /// resource with a `Tags` property.
    fn taggable(&self, id: &str, r: &Value) -> bool {
        match &self.tpl().tagging {
            Some(t) => t.get(id).is_some_and(|t| *t != Tagging::None),
            None => r.get("Properties").and_then(|p| p.get("Tags")).is_some(),
        }
    }

    /// Tag keys CloudFormation propagates to this template's resources from the nested stack
    /// resources above it.
    fn inherited_tag_keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        let path = self.tpl().path.clone();
        if path.is_empty() {
            return keys;
        }
        let parts: Vec<&str> = path.split('-').collect();
        for depth in 0..parts.len() {
            let parent = parts[..depth].join("-");
            if let Some(p) = self.templates().into_iter().find(|a| a.tpl().path == parent) {
                keys.extend(p.tags_of(parts[depth]).into_iter().map(|(k, _)| k));
            }
        }
        keys
    }

    /// Fails unless every taggable resource of this template and of the templates nested under
    /// it carries every key of `keys` (own, stack-wide, or propagated from a nested stack).
    #[track_caller]
    pub fn every_resource_tagged<K: AsRef<str>>(&self, keys: impl IntoIterator<Item = K>) {
        ok(self.check_every_resource_tagged(keys))
    }

    /// [`Assert::every_resource_tagged`] as a `Result`.
    pub fn check_every_resource_tagged<K: AsRef<str>>(
        &self,
        keys: impl IntoIterator<Item = K>,
    ) -> Result<(), AssertionError> {
        let keys: Vec<String> = keys.into_iter().map(|k| k.as_ref().to_string()).collect();
        let mut mismatches = Vec::new();
        let mut checked = 0;
        for a in self.subtree() {
            let inherited = a.inherited_tag_keys();
            for (id, r) in a.section("Resources") {
                if !a.taggable(id, r) {
                    continue;
                }
                checked += 1;
                let mut have: Vec<String> = a.tags_of(id).into_iter().map(|(k, _)| k).collect();
                have.extend(inherited.iter().cloned());
                let missing: Vec<&str> = keys.iter().filter(|k| !have.contains(k)).map(String::as_str).collect();
                if !missing.is_empty() {
                    mismatches.push(Mismatch {
                        at: a.at(&format!("Resources/{id}/Properties/Tags")),
                        expected: format!("tags {}", keys.join(", ")),
                        found: if have.is_empty() {
                            format!("no tags (missing {})", missing.join(", "))
                        } else {
                            format!("tags {} (missing {})", have.join(", "), missing.join(", "))
                        },
                    });
                }
            }
        }
        if mismatches.is_empty() {
            return Ok(());
        }
        Err(AssertionError::new(
            format!(
                "{} of {checked} taggable resource(s) lack required tags",
                mismatches.len()
            ),
            mismatches,
            None,
        ))
    }

    /// Fails unless every taggable resource of this template and of the templates nested under
    /// it carries every tag of `tags` with a value matching its pattern (its own tags first,
    /// then those propagated from a nested stack): [`Assert::every_resource_tagged`] with values,
    /// `[("Project", json!("healthtech").into()), ("Environment", Match::ref_to("Environment"))]`.
    #[track_caller]
    pub fn every_resource_tagged_with<K: AsRef<str>>(&self, tags: impl IntoIterator<Item = (K, Match)>) {
        ok(self.check_every_resource_tagged_with(tags))
    }

    /// [`Assert::every_resource_tagged_with`] as a `Result`.
    pub fn check_every_resource_tagged_with<K: AsRef<str>>(
        &self,
        tags: impl IntoIterator<Item = (K, Match)>,
    ) -> Result<(), AssertionError> {
        let tags: Vec<(String, Match)> = tags.into_iter().map(|(k, m)| (k.as_ref().to_string(), m)).collect();
        let keys: Vec<&str> = tags.iter().map(|(k, _)| k.as_str()).collect();
        self.check_every_resource_tagged(&keys)?;
        let mut mismatches = Vec::new();
        let mut checked = 0;
        for a in self.subtree() {
            let inherited = a.inherited_tags();
            for (id, r) in a.section("Resources") {
                if !a.taggable(id, r) {
                    continue;
                }
                checked += 1;
                let own = a.tags_of(id);
                for (k, m) in &tags {
                    let v = own.iter().chain(&inherited).find(|(key, _)| key == k).map(|(_, v)| v);
                    mismatches.extend(m.mismatches(v, &a.at(&format!("Resources/{id}/Properties/Tags/{k}"))));
                }
            }
        }
        if mismatches.is_empty() {
            return Ok(());
        }
        Err(AssertionError::new(
            format!("tags of {checked} taggable resource(s) have unexpected values"),
            mismatches,
            None,
        ))
    }

    /// Tags CloudFormation propagates to this template's resources from the nested stack
    /// resources above it (nearest first).
    fn inherited_tags(&self) -> Vec<(String, Value)> {
        let mut tags = Vec::new();
        let path = self.tpl().path.clone();
        if path.is_empty() {
            return tags;
        }
        let parts: Vec<&str> = path.split('-').collect();
        for depth in (0..parts.len()).rev() {
            let parent = parts[..depth].join("-");
            if let Some(p) = self.templates().into_iter().find(|a| a.tpl().path == parent) {
                tags.extend(p.tags_of(parts[depth]));
            }
        }
        tags
    }

    /// Every resource name this template sets: (logical id, name property, value), the name
    /// property found by [`name_property`](crate::rules::name_property).
    pub fn names(&self) -> Vec<(String, String, Value)> {
        let mut out = Vec::new();
        for (id, r) in self.section("Resources") {
            let ty = r.get("Type").and_then(Value::as_str).unwrap_or_default();
            let props = r.get("Properties");
            let present = |p: &str| props.and_then(|x| x.get(p)).is_some();
            if let Some(p) = crate::rules::name_property(ty, present) {
                if let Some(v) = props.and_then(|x| x.get(p.as_ref())) {
                    out.push((id.clone(), p.into_owned(), v.clone()));
                }
            }
        }
        out
    }

    /// Fails unless every resource name set in this template and the templates nested under it
    /// references the parameter `parameter` (in every branch of an `Fn::If`): the naming
    /// convention test.
    #[track_caller]
    pub fn every_name_references(&self, parameter: &str) {
        ok(self.check_every_name_references(parameter))
    }

    /// [`Assert::every_name_references`] as a `Result`.
    pub fn check_every_name_references(&self, parameter: &str) -> Result<(), AssertionError> {
        let mut mismatches = Vec::new();
        let mut checked = 0;
        for a in self.subtree() {
            for (id, prop, v) in a.names() {
                checked += 1;
                if !json_always_references(&v, parameter) {
                    mismatches.push(Mismatch {
                        at: a.at(&format!("Resources/{id}/Properties/{prop}")),
                        expected: format!("a name containing ${{{parameter}}}"),
                        found: compact(&v),
                    });
                }
            }
        }
        if mismatches.is_empty() {
            return Ok(());
        }
        Err(AssertionError::new(
            format!(
                "{} of {checked} resource name(s) do not contain the parameter `{parameter}`",
                mismatches.len()
            ),
            mismatches,
            None,
        ))
    }

    /// Fails unless every taggable resource of this template and the templates nested under it
    /// is named, by its name property or by a `Name` tag, and every such name references the
    /// parameter `parameter` (in every branch of an `Fn::If`). `unnamed_types` lists types that
    /// are known otherwise (a nested stack by its parent, a listener by its load balancer).
    /// Taggability comes from the model, so this needs [`Assert::stack`].
    #[track_caller]
    pub fn every_resource_named(&self, parameter: &str, unnamed_types: &[&str]) {
        ok(self.check_every_resource_named(parameter, unnamed_types))
    }

    /// [`Assert::every_resource_named`] as a `Result`.
    pub fn check_every_resource_named(&self, parameter: &str, unnamed_types: &[&str]) -> Result<(), AssertionError> {
        let mut mismatches = Vec::new();
        let mut checked = 0;
        for a in self.subtree() {
            let names = a.names();
            for (id, r) in a.section("Resources") {
                let ty = r.get("Type").and_then(Value::as_str).unwrap_or_default();
                let mut found: Vec<(String, Value)> = names
                    .iter()
                    .filter(|(n, _, _)| n == id)
                    .map(|(_, p, v)| (format!("Properties/{p}"), v.clone()))
                    .collect();
                if let Some((_, v)) = a.tags_of(id).into_iter().find(|(k, _)| k == "Name") {
                    found.push(("Properties/Tags/Name".into(), v));
                }
                if found.is_empty() {
                    if a.taggable(id, r) && !unnamed_types.contains(&ty) {
                        checked += 1;
                        mismatches.push(Mismatch {
                            at: a.at(&format!("Resources/{id}")),
                            expected: format!("a name property or a Name tag containing ${{{parameter}}}"),
                            found: format!("an unnamed {ty}"),
                        });
                    }
                    continue;
                }
                checked += 1;
                for (at, v) in found {
                    if !json_always_references(&v, parameter) {
                        mismatches.push(Mismatch {
                            at: a.at(&format!("Resources/{id}/{at}")),
                            expected: format!("a name containing ${{{parameter}}}"),
                            found: compact(&v),
                        });
                    }
                }
            }
        }
        if mismatches.is_empty() {
            return Ok(());
        }
        Err(AssertionError::new(
            format!(
                "{} of {checked} resource(s) are unnamed or named without the parameter `{parameter}`",
                mismatches.len()
            ),
            mismatches,
            None,
        ))
    }

    // ---- nested stacks --------------------------------------------------------------------

    /// The nested stacks of this template emitted with their templates: (logical id, template).
    fn children(&self) -> Vec<(String, Assert)> {
        self.resources_of_type("AWS::CloudFormation::Stack")
            .into_iter()
            .filter_map(|r| Some((r.logical_id.clone(), self.try_nested(&r.logical_id).ok()?)))
            .collect()
    }

    /// Fails unless every nested stack, in this template and below, is passed exactly the
    /// parameters its template declares: none missing (a default counts as no excuse, so the
    /// parent decides every value) and none the child does not declare.
    #[track_caller]
    pub fn every_nested_parameter_passed(&self) {
        ok(self.check_every_nested_parameter_passed())
    }

    /// [`Assert::every_nested_parameter_passed`] as a `Result`.
    pub fn check_every_nested_parameter_passed(&self) -> Result<(), AssertionError> {
        let mut mismatches = Vec::new();
        let mut checked = 0;
        for a in self.subtree() {
            for (id, child) in a.children() {
                checked += 1;
                let passed = a
                    .resource(&id)
                    .property("Parameters")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                for name in child.parameters().keys().filter(|k| !passed.contains_key(*k)) {
                    mismatches.push(Mismatch {
                        at: a.at(&format!("Resources/{id}/Properties/Parameters/{name}")),
                        expected: format!("a value for the parameter {name} {} declares", child.file_name()),
                        found: "absent".into(),
                    });
                }
                for name in passed.keys().filter(|k| !child.parameters().contains_key(*k)) {
                    mismatches.push(Mismatch {
                        at: a.at(&format!("Resources/{id}/Properties/Parameters/{name}")),
                        expected: format!("only parameters {} declares", child.file_name()),
                        found: format!("{name}, which it does not declare"),
                    });
                }
            }
        }
        if mismatches.is_empty() {
            return Ok(());
        }
        Err(AssertionError::new(
            format!("the parameters passed to {checked} nested stack(s) do not match what they declare"),
            mismatches,
            None,
        ))
    }

    /// Fails unless every `Fn::GetAtt [Child, "Outputs.X"]` in this template and below reads an
    /// output `X` that the nested stack `Child`'s template declares.
    #[track_caller]
    pub fn every_nested_output_read_exists(&self) {
        ok(self.check_every_nested_output_read_exists())
    }

    /// [`Assert::every_nested_output_read_exists`] as a `Result`.
    pub fn check_every_nested_output_read_exists(&self) -> Result<(), AssertionError> {
        let mut mismatches = Vec::new();
        for a in self.subtree() {
            let children = a.children();
            let mut reads = Vec::new();
            get_atts(a.json(), "", &mut reads);
            for (at, target, attribute) in reads {
                let Some(output) = attribute.strip_prefix("Outputs.") else {
                    continue;
                };
                let Some((_, child)) = children.iter().find(|(id, _)| *id == target) else {
                    continue;
                };
                if !child.outputs().contains_key(output) {
                    mismatches.push(Mismatch {
                        at: a.at(&at),
                        expected: format!("an output {} declares", child.file_name()),
                        found: format!("Outputs.{output}, which it does not declare"),
                    });
                }
            }
        }
        if mismatches.is_empty() {
            return Ok(());
        }
        Err(AssertionError::new(
            format!("{} nested-stack output read(s) name no output", mismatches.len()),
            mismatches,
            None,
        ))
    }

    // ---- dynamic references ---------------------------------------------------------------

    /// Fails when a string containing `{{resolve:` appears inside `Fn::Sub` or `Fn::Join`, in
    /// this template or below: a dynamic reference assembled at deploy time, which
    /// CloudFormation resolves before it substitutes, so it reads the wrong (or no) secret. The
    /// one assembled form `validate` accepts passes here too: `{{resolve:secretsmanager:` around
    /// the `Ref` of a secret of the same template (what `secret.resolve("password")` writes).
    #[track_caller]
    pub fn no_assembled_dynamic_references(&self) {
        ok(self.check_no_assembled_dynamic_references())
    }

    /// [`Assert::no_assembled_dynamic_references`] as a `Result`.
    pub fn check_no_assembled_dynamic_references(&self) -> Result<(), AssertionError> {
        let mut mismatches = Vec::new();
        for a in self.subtree() {
            let mut found = Vec::new();
            let secrets = own_secrets(a.json());
            assembled_resolves(a.json(), "", false, &secrets, &mut found);
            mismatches.extend(found.into_iter().map(|(at, v)| Mismatch {
                at: a.at(&at),
                expected: "a dynamic reference written whole, as a literal".into(),
                found: compact(&Value::String(v)),
            }));
        }
        if mismatches.is_empty() {
            return Ok(());
        }
        Err(AssertionError::new(
            format!(
                "{} dynamic reference(s) are assembled with Fn::Sub or Fn::Join",
                mismatches.len()
            ),
            mismatches,
            None,
        ))
    }

    // ---- dependencies ---------------------------------------------------------------------

    /// The resources `logical_id` waits for directly, and how (`DependsOn`, `Ref`, `Fn::GetAtt`,
    /// `Fn::Sub`).
    pub fn direct_dependencies(&self, logical_id: &str) -> Vec<(String, Via)> {
        graph::edges(self.section("Resources"))
            .remove(logical_id)
            .unwrap_or_default()
    }

    /// True when CloudFormation creates `dependency` before `resource`: `resource` reaches it
    /// through a chain of `DependsOn`, `Ref`, `Fn::GetAtt` and `Fn::Sub` references.
    pub fn depends_on(&self, resource: &str, dependency: &str) -> bool {
        self.dependency_chain(resource, dependency).is_some()
    }

    /// The shortest chain `resource → … → dependency`, each step saying how it waits
    /// (`Service -[DependsOn]-> Listener -[Ref]-> TargetGroup`).
    pub fn dependency_chain(&self, resource: &str, dependency: &str) -> Option<String> {
        let edges = graph::edges(self.section("Resources"));
        let chain = graph::path(&edges, resource, dependency)?;
        let mut s = String::new();
        for (id, via) in chain {
            if let Some(v) = via {
                s.push_str(&format!(" -[{}]-> ", v.as_str()));
            }
            s.push_str(&id);
        }
        Some(s)
    }

    /// Fails unless `resource` depends on `dependency`, directly or through a chain.
    #[track_caller]
    pub fn assert_depends_on(&self, resource: &str, dependency: &str) {
        ok(self.check_depends_on(resource, dependency))
    }

    /// [`Assert::assert_depends_on`] as a `Result`.
    pub fn check_depends_on(&self, resource: &str, dependency: &str) -> Result<(), AssertionError> {
        for id in [resource, dependency] {
            if self.find_resource(id).is_none() {
                return Err(AssertionError::new(
                    format!("{} has no resource `{id}`", self.tpl().file),
                    vec![Mismatch {
                        at: self.at(&format!("Resources/{id}")),
                        expected: "a resource".into(),
                        found: "absent".into(),
                    }],
                    Some(format!("resources: {}", self.ids().join(", "))),
                ));
            }
        }
        if self.depends_on(resource, dependency) {
            return Ok(());
        }
        let direct: Vec<String> = self
            .direct_dependencies(resource)
            .into_iter()
            .map(|(d, v)| format!("{d} ({})", v.as_str()))
            .collect();
        Err(AssertionError::new(
            format!("`{resource}` does not depend on `{dependency}`: CloudFormation may create them in any order"),
            vec![Mismatch {
                at: self.at(&format!("Resources/{resource}")),
                expected: format!("a chain of DependsOn/Ref/Fn::GetAtt/Fn::Sub reaching `{dependency}`"),
                found: if direct.is_empty() {
                    "no dependencies".into()
                } else {
                    format!("direct dependencies {}", direct.join(", "))
                },
            }],
            None,
        ))
    }

    // ---- golden files ---------------------------------------------------------------------

    /// Compares every file of the assembly with the committed files in `dir` (relative paths
    /// are relative to the crate root when run by `cargo test`), failing with a unified diff;
    /// with `UPDATE_GOLDEN=1` in the environment it rewrites `dir` instead.
    #[track_caller]
    pub fn assert_golden(&self, dir: impl AsRef<Path>) {
        ok(self.check_golden(dir))
    }

    /// [`Assert::assert_golden`] as a `Result`.
    pub fn check_golden(&self, dir: impl AsRef<Path>) -> Result<(), AssertionError> {
        let files: Vec<(String, String)> = self
            .inner
            .templates
            .iter()
            .map(|t| (t.file.clone(), t.text.clone()))
            .collect();
        golden::check(dir.as_ref(), &files)
    }
}

#[track_caller]
fn ok(r: Result<(), AssertionError>) {
    if let Err(e) = r {
        panic!("{e}");
    }
}

fn props_or_empty(r: &Value) -> Value {
    r.get("Properties")
        .cloned()
        .unwrap_or_else(|| Value::Object(Map::new()))
}

/// Pretty JSON, at most `max` lines.
fn pretty(v: &Value, max: usize) -> String {
    let s = serde_json::to_string_pretty(v).unwrap_or_default();
    let lines: Vec<&str> = s.lines().collect();
    if lines.len() <= max {
        s
    } else {
        format!("{}\n… {} more line(s)", lines[..max].join("\n"), lines.len() - max)
    }
}

/// Every `Fn::GetAtt [resource, attribute]` under `v`: (path, resource, attribute).
fn get_atts(v: &Value, at: &str, out: &mut Vec<(String, String, String)>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Array(a)) = m.get("Fn::GetAtt") {
                if let [Value::String(r), Value::String(attribute)] = a.as_slice() {
                    out.push((at.to_string(), r.clone(), attribute.clone()));
                }
            }
            for (k, x) in m {
                get_atts(x, &child_path(at, k), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                get_atts(x, &child_path(at, &i.to_string()), out);
            }
        }
        _ => {}
    }
}

/// Strings containing `{{resolve:` inside `Fn::Sub` or `Fn::Join` under `v`: (path, string).
/// The logical ids of the template's `AWS::SecretsManager::Secret`s.
fn own_secrets(template: &Value) -> Vec<&str> {
    template
        .get("Resources")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, r)| r.get("Type").and_then(Value::as_str) == Some("AWS::SecretsManager::Secret"))
        .map(|(id, _)| id.as_str())
        .collect()
}

/// The one assembled form `validate` accepts too: `{{resolve:secretsmanager:` + the `Ref` of a
/// secret of the same template + literal text (`:SecretString:KEY::}}`), as `Fn::Sub` or `Fn::Join`.
fn resolves_own_secret(key: &str, arg: &Value, secrets: &[&str]) -> bool {
    const OPEN: &str = "{{resolve:secretsmanager:";
    let tail_ok = |t: &str| t.ends_with("}}") && !t.contains("${") && !t[..t.len() - 2].contains("}}");
    match (key, arg) {
        ("Fn::Sub", Value::String(s)) => s
            .strip_prefix(OPEN)
            .and_then(|r| r.strip_prefix("${"))
            .and_then(|r| r.split_once('}'))
            .is_some_and(|(name, tail)| secrets.contains(&name) && tail_ok(tail)),
        ("Fn::Join", Value::Array(a)) => {
            match (a.first().and_then(Value::as_str), a.get(1).and_then(Value::as_array)) {
                (Some(""), Some(parts)) => match parts.as_slice() {
                    [Value::String(open), r, Value::String(tail)] => {
                        open == OPEN
                            && r.get("Ref")
                                .and_then(Value::as_str)
                                .is_some_and(|n| secrets.contains(&n))
                            && tail_ok(tail)
                    }
                    _ => false,
                },
                _ => false,
            }
        }
        _ => false,
    }
}

fn assembled_resolves(v: &Value, at: &str, inside: bool, secrets: &[&str], out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) if inside && s.contains("{{resolve:") => out.push((at.to_string(), s.clone())),
        Value::Object(m) => {
            for (k, x) in m {
                if m.len() == 1 && resolves_own_secret(k, x, secrets) {
                    continue;
                }
                let inside = inside || k == "Fn::Sub" || k == "Fn::Join";
                assembled_resolves(x, &child_path(at, k), inside, secrets, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                assembled_resolves(x, &child_path(at, &i.to_string()), inside, secrets, out);
            }
        }
        _ => {}
    }
}

fn child_path(at: &str, k: &str) -> String {
    if at.is_empty() {
        k.to_string()
    } else {
        format!("{at}/{k}")
    }
}

/// True when the JSON value references `param` in every value it can take (both branches of an
/// `Fn::If`, where `AWS::NoValue` counts as no name).
fn json_always_references(v: &Value, param: &str) -> bool {
    if let Some(Value::Array(a)) = v.get("Fn::If") {
        if a.len() == 3 {
            return a[1..].iter().all(|b| {
                b.get("Ref").and_then(Value::as_str) == Some("AWS::NoValue") || json_always_references(b, param)
            });
        }
    }
    json_references(v, param)
}

fn json_references(v: &Value, param: &str) -> bool {
    match v {
        Value::Array(items) => items.iter().any(|x| json_references(x, param)),
        Value::Object(m) => {
            if m.len() == 1 {
                if let Some((k, arg)) = m.iter().next() {
                    match (k.as_str(), arg) {
                        ("Ref", Value::String(n)) => return n == param,
                        ("Fn::Sub", Value::String(s)) => return sub_mentions(s, param),
                        ("Fn::Sub", Value::Array(a)) => {
                            return a
                                .first()
                                .and_then(Value::as_str)
                                .is_some_and(|s| sub_mentions(s, param))
                                || a.get(1).is_some_and(|vars| json_references(vars, param));
                        }
                        _ => {}
                    }
                }
            }
            m.values().any(|x| json_references(x, param))
        }
        _ => false,
    }
}

fn sub_mentions(s: &str, param: &str) -> bool {
    s.contains(&format!("${{{param}}}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_reference_parameters_through_sub_join_and_if() {
        let p = "Suffix";
        assert!(json_always_references(&json!({"Fn::Sub": "a-${Suffix}"}), p));
        assert!(!json_always_references(&json!({"Fn::Sub": "a-${!Suffix}"}), p));
        assert!(json_always_references(
            &json!({"Fn::Join": ["-", ["a", {"Ref": "Suffix"}]]}),
            p
        ));
        assert!(json_always_references(
            &json!({"Fn::If": ["C", {"Fn::Sub": "${Suffix}"}, {"Ref": "AWS::NoValue"}]}),
            p
        ));
        assert!(!json_always_references(
            &json!({"Fn::If": ["C", {"Fn::Sub": "${Suffix}"}, "x"]}),
            p
        ));
        assert!(!json_always_references(&json!("literal"), p));
    }

    #[test]
    fn errors_print_expected_found_and_where() {
        let e = AssertionError::new(
            "no X",
            vec![
                Mismatch {
                    at: "t.json: A".into(),
                    expected: "1".into(),
                    found: "2".into(),
                },
                Mismatch {
                    at: "t.json: B".into(),
                    expected: "3".into(),
                    found: "absent".into(),
                },
            ],
            Some("ctx\nmore".into()),
        );
        assert_eq!(
            e.to_string(),
            "no X\n  at:       t.json: A\n  expected: 1\n  found:    2\n  and at t.json: B: expected 3, found absent\n  | ctx\n  | more"
        );
    }
}
