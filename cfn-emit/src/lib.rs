//! Validation and deterministic JSON emission of typed CloudFormation stacks.
//!
//! - [`validate`] returns every finding at once, each naming where, what and the fix.
//! - [`to_json`] emits one template; [`assemble`] emits a root and one file per nested stack.
//! - [`run`] is the small runner examples and user binaries call from `main`.
//!
//! ```
//! use cfn_model::prelude::*;
//! let mut s: Stack = Stack::new();
//! s.add("Topic", RawResource::new("AWS::SNS::Topic", serde_json::json!({})));
//! let json = cfn_emit::to_json(&s).expect("valid");
//! assert!(json.contains("AWS::SNS::Topic"));
//! ```
#![warn(missing_docs)]

pub mod assertions;
mod attr_kinds;
mod autonest;
mod constraints;
mod documented;
mod fxhash;
mod iam_policy;
mod json;
mod literal_checks;
mod ordering;
mod pieces;
pub mod rules;
mod runner;
mod simple_pattern;
mod validate;
mod write;

use std::fmt;

use cfn_model::{Stack, Template};

pub use documented::MissingOrdering;
pub use json::expr_to_json;
pub use runner::{run, run_with_args};
pub use validate::{limits, Diagnostic, Severity};

/// Anything that holds a template model: a [`Stack`] or a [`Template`].
pub trait AsTemplate {
    /// The template model.
    fn as_template(&self) -> &Template;
}

impl<S> AsTemplate for Stack<S> {
    fn as_template(&self) -> &Template {
        self.template()
    }
}

impl AsTemplate for Template {
    fn as_template(&self) -> &Template {
        self
    }
}

/// Every finding of a failed emission (errors and the warnings that came with them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl Diagnostics {
    /// True when any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }
}

/// The orderings AWS's documentation demands that `stack`'s own template (not its nested
/// stacks) does not follow, as data: each resource that must wait and the `DependsOn` entries
/// that fix it (`validate` reports the same, as diagnostics). For tools that rewrite templates,
/// such as the importer.
pub fn missing_orderings(stack: &impl AsTemplate) -> Vec<MissingOrdering> {
    let mut out = Vec::new();
    documented::check(stack.as_template(), &mut |_, _, _, _, _, m| out.push(m));
    out
}

/// Validates a stack (and its nested stacks) without emitting it, size limits included.
pub fn validate(stack: &impl AsTemplate) -> Vec<Diagnostic> {
    let opts = AssemblyOptions::default();
    let (mut out, (files, diags)) = validate_and_render(stack.as_template(), &opts);
    out.extend(diags);
    for (i, f) in files.iter().enumerate() {
        size_checks(&f.name, f.len(), i == 0, &mut out);
    }
    out
}

/// The body-size limits of one file. Only the root can be passed inline (`--template-body`):
/// nested stacks are always read from S3, so the inline limit is no concern of theirs.
fn size_checks(name: &str, n: usize, root: bool, out: &mut Vec<Diagnostic>) {
    if n > limits::BODY_BYTES_S3 {
        out.push(Diagnostic {
            severity: Severity::Error,
            path: name.to_string(),
            message: format!(
                "the template body is {n} bytes; CloudFormation accepts at most {} bytes (through S3)",
                limits::BODY_BYTES_S3
            ),
            help: "split the stack into nested stacks (`Stack::nest`), or let the emitter do it: `stack.auto_nest(AutoNest::new())` (read `AutoNest` first: moving deployed resources into nested stacks replaces them)".into(),
            code: "limit",
        });
    } else if root && n > limits::BODY_BYTES_INLINE {
        out.push(Diagnostic {
            severity: Severity::Warning,
            path: name.to_string(),
            message: format!(
                "the template body is {n} bytes, over the {} bytes CloudFormation accepts inline",
                limits::BODY_BYTES_INLINE
            ),
            help:
                "deploy it through S3 (`aws cloudformation package`/`deploy --s3-bucket`) rather than `--template-body`"
                    .into(),
            code: "body-size",
        });
    }
}

/// Emits one template as deterministic pretty JSON, or every finding when any is an error.
/// Nested stacks get relative `TemplateURL`s (use [`assemble`] to get their files too).
pub fn to_json(stack: &impl AsTemplate) -> Result<String, Diagnostics> {
    let a = assemble(stack, &AssemblyOptions::default())?;
    Ok(a.files.into_iter().next().map(|f| f.contents).unwrap_or_default())
}

/// How an assembly names its files.
#[derive(Clone, Debug)]
pub struct AssemblyOptions {
    /// File name of the root template.
    pub root_name: String,
    /// When set, nested `TemplateURL`s are `BASE/FILE` (e.g. an S3 URL) instead of relative file
    /// names (the form `aws cloudformation package` uploads).
    pub base_url: Option<String>,
}

impl Default for AssemblyOptions {
    fn default() -> Self {
        AssemblyOptions {
            root_name: "template.json".into(),
            base_url: None,
        }
    }
}

/// One emitted file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    /// The file name, relative to the output directory.
    pub name: String,
    /// The JSON text (ends with a newline).
    pub contents: String,
}

/// A root template and one file per nested stack, with the warnings found.
#[derive(Clone, Debug)]
pub struct Assembly {
    /// The root first, then children depth first in declaration order.
    pub files: Vec<File>,
    /// Warnings (no errors: an assembly with errors is not produced).
    pub warnings: Vec<Diagnostic>,
}

pub(crate) fn child_file_name(path: &str) -> String {
    format!("{path}.template.json")
}

/// Stacks of at least this many resources are validated on a second thread while they are
/// rendered (the two only read the model); below it, a thread costs more than it saves.
const PARALLEL_RESOURCES: usize = 2_000;

/// [`validate::validate`] and [`render_all`], side by side on two threads for large stacks. The
/// results are the same either way.
fn validate_and_render(
    t: &Template,
    opts: &AssemblyOptions,
) -> (Vec<Diagnostic>, (Vec<pieces::Rendered>, Vec<Diagnostic>)) {
    if t.resources.len() < PARALLEL_RESOURCES {
        return (validate::validate(t), render_all(t, opts));
    }
    std::thread::scope(|s| {
        let v = s.spawn(|| validate::validate(t));
        let r = render_all(t, opts);
        let v = v.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (v, r)
    })
}

/// Every file of the assembly, and the findings of automatic nesting (which, when it fails, leaves
/// the template unsplit).
fn render_all(t: &Template, opts: &AssemblyOptions) -> (Vec<pieces::Rendered>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    render_into(t, &opts.root_name, "", opts, &mut files, &mut diags);
    (files, diags)
}

pub(crate) fn render_into(
    t: &Template,
    name: &str,
    path: &str,
    opts: &AssemblyOptions,
    files: &mut Vec<pieces::Rendered>,
    diags: &mut Vec<Diagnostic>,
) {
    let url_for = |id: &str| {
        let file = child_file_name(&join_path(path, id));
        match &opts.base_url {
            Some(base) => format!("{}/{}", base.trim_end_matches('/'), file),
            None => file,
        }
    };
    let at = autonest::At { name, path, opts };
    let before = files.len();
    if autonest::over_count(t) && autonest::render(t, &at, files, diags).is_ok() {
        return;
    }
    files.truncate(before);
    let body = write::template(t, &url_for);
    if t.auto_nest.is_some_and(|an| body.len() > an.body_bytes_limit()) && !autonest::over_count(t) {
        if autonest::render(t, &at, files, diags).is_ok() {
            return;
        }
        files.truncate(before);
    }
    files.push(pieces::Rendered::whole(name.to_string(), body));
    for (id, r) in &t.resources {
        if let Some(child) = &r.nested {
            let p = join_path(path, id);
            render_into(child, &child_file_name(&p), &p, opts, files, diags);
        }
    }
}

pub(crate) fn join_path(path: &str, id: &str) -> String {
    if path.is_empty() {
        id.to_string()
    } else {
        format!("{path}-{id}")
    }
}

/// Emits every file of the assembly without validating: for benchmarks and for inspecting a
/// template that does not validate yet. Deploy only what [`assemble`] accepts.
pub fn render_unchecked(stack: &impl AsTemplate, opts: &AssemblyOptions) -> Vec<File> {
    render_all(stack.as_template(), opts)
        .0
        .into_iter()
        .map(|f| File {
            name: f.name.clone(),
            contents: f.into_string(),
        })
        .collect()
}

/// [`assemble`] with the files still in pieces (what the runner writes).
pub(crate) fn assemble_pieces(
    stack: &impl AsTemplate,
    opts: &AssemblyOptions,
) -> Result<(Vec<pieces::Rendered>, Vec<Diagnostic>), Diagnostics> {
    let t = stack.as_template();
    let (mut diags, (rendered, nesting)) = validate_and_render(t, opts);
    diags.extend(nesting);
    for (i, f) in rendered.iter().enumerate() {
        size_checks(&f.name, f.len(), i == 0, &mut diags);
    }
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Err(Diagnostics(diags));
    }
    Ok((rendered, diags))
}

/// Validates and emits a stack with its nested stacks: the root first, then one file per child.
pub fn assemble(stack: &impl AsTemplate, opts: &AssemblyOptions) -> Result<Assembly, Diagnostics> {
    let (rendered, warnings) = assemble_pieces(stack, opts)?;
    Ok(Assembly {
        files: rendered
            .into_iter()
            .map(|f| File {
                name: f.name.clone(),
                contents: f.into_string(),
            })
            .collect(),
        warnings,
    })
}
