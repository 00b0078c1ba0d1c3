//! Everything the types cannot see, reported all at once.

use std::collections::{HashMap, HashSet};
use std::fmt;

use cfn_model::expr::{Expr, Mention, SubPart};
use cfn_model::{DynamicRef, ResourceDef, Template};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// CloudFormation would accept it, but it is likely wrong or close to a limit.
    Warning,
    /// CloudFormation (or the deployment) would fail.
    Error,
}

/// One finding: where, what is wrong, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where: `Resources/Vpc`, `Parameters/Env`, `Network/Resources/Vpc` for a nested stack, or
    /// `Template`.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: String,
    /// A stable code for tests and filtering, e.g. `dangling-ref`.
    pub code: &'static str,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{sev}[{}] {}: {}\n  help: {}",
            self.code, self.path, self.message, self.help
        )
    }
}

/// CloudFormation's per-template quotas.
pub mod limits {
    /// Resources per template.
    pub const RESOURCES: usize = 500;
    /// Parameters per template.
    pub const PARAMETERS: usize = 200;
    /// Outputs per template.
    pub const OUTPUTS: usize = 200;
    /// Mappings per template.
    pub const MAPPINGS: usize = 200;
    /// Template body size through S3.
    pub const BODY_BYTES_S3: usize = 1_000_000;
    /// Template body size passed inline (`--template-body`).
    pub const BODY_BYTES_INLINE: usize = 51_200;
    /// Logical id length.
    pub const LOGICAL_ID_LEN: usize = 255;
}

struct Ctx<'a> {
    prefix: &'a str,
    out: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn push(&mut self, severity: Severity, code: &'static str, path: String, message: String, help: impl Into<String>) {
        let path = if self.prefix.is_empty() {
            path
        } else {
            format!("{}/{}", self.prefix, path)
        };
        self.out.push(Diagnostic {
            severity,
            path,
            message,
            help: help.into(),
            code,
        });
    }
    fn err(&mut self, code: &'static str, path: String, message: String, help: impl Into<String>) {
        self.push(Severity::Error, code, path, message, help)
    }
}

/// Validates a template (and its nested children) without emitting it.
pub fn validate(t: &Template) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    validate_into(t, "", &mut out);
    check_exports_across_stacks(t, &mut out);
    crate::rules::check(t, &mut out);
    out
}

pub(crate) fn validate_into(t: &Template, prefix: &str, out: &mut Vec<Diagnostic>) {
    let mut cx = Ctx { prefix, out };
    for e in &t.build_errors {
        cx.err(
            "duplicate-id",
            e.logical_id.clone(),
            e.message.clone(),
            "use a unique logical id",
        );
    }
    check_limits(t, &mut cx);
    check_ids(t, &mut cx);
    check_types(t, &mut cx);
    check_parameters(t, &mut cx);
    let forward = check_references(t, &mut cx);
    check_cycles(t, forward, &mut cx);
    check_exports(t, &mut cx);
    check_nested_parameters(t, &mut cx);
    check_dynamic_refs(t, &mut cx);
    check_depth(t, &mut cx);
    crate::constraints::check(t, &mut |code, path, msg, help| cx.err(code, path, msg, help));
    crate::ordering::check(t, &mut |code, path, msg, help| cx.err(code, path, msg, help));
    crate::documented::check(t, &mut |sev, code, path, msg, help, _| {
        cx.push(sev, code, path, msg, help)
    });
    crate::literal_checks::check(t, &mut |sev, code, path, msg, help| cx.push(sev, code, path, msg, help));
    crate::iam_policy::check(t, &mut |sev, code, path, msg, help| cx.push(sev, code, path, msg, help));
    for (id, r) in &t.resources {
        if let Some(child) = &r.nested {
            let p = if prefix.is_empty() {
                id.to_string()
            } else {
                format!("{prefix}/{id}")
            };
            validate_into(child, &p, cx.out);
        }
    }
}

fn check_limits(t: &Template, cx: &mut Ctx<'_>) {
    let checks = [
        ("Resources", t.resources.len(), limits::RESOURCES),
        ("Parameters", t.parameters.len(), limits::PARAMETERS),
        ("Outputs", t.outputs.len(), limits::OUTPUTS),
        ("Mappings", t.mappings.len(), limits::MAPPINGS),
    ];
    for (section, n, max) in checks {
        // Automatic nesting moves the resources into nested stacks under the limit.
        if section == "Resources" && t.auto_nest.is_some() {
            continue;
        }
        if n > max {
            let help = if section == "Resources" {
                "split the stack into nested stacks (`Stack::nest`) so that each template stays under the limit, or let the emitter do it: `stack.auto_nest(AutoNest::new())` (read `AutoNest` first: moving deployed resources into nested stacks replaces them)"
            } else {
                "split the stack into nested stacks (`Stack::nest`) so that each template stays under the limit"
            };
            cx.err(
                "limit",
                section.to_string(),
                format!(
                    "the template has {n} {}; CloudFormation allows at most {max}",
                    section.to_lowercase()
                ),
                help,
            );
        }
    }
}

fn valid_logical_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= limits::LOGICAL_ID_LEN && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn check_ids(t: &Template, cx: &mut Ctx<'_>) {
    let sections: [(&str, Vec<&str>); 5] = [
        ("Resources", t.resources.keys().map(|k| &**k).collect()),
        ("Parameters", t.parameters.keys().map(|k| &**k).collect()),
        ("Outputs", t.outputs.keys().map(|k| &**k).collect()),
        ("Conditions", t.conditions.keys().map(|k| &**k).collect()),
        ("Mappings", t.mappings.keys().map(|k| &**k).collect()),
    ];
    for (section, ids) in sections {
        for id in ids {
            // Condition names take `&` too (AWS Quick Start templates, deployed for years, name
            // conditions `AdditionalPrivateSubnets&4AZCondition`); nothing else is known to pass.
            let valid = if section == "Conditions" {
                !id.is_empty()
                    && id.len() <= limits::LOGICAL_ID_LEN
                    && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'&')
            } else {
                valid_logical_id(id)
            };
            if !valid {
                let shown: String = id.chars().take(80).collect();
                cx.err(
                    "logical-id",
                    format!("{section}/{shown}"),
                    format!(
                        "`{shown}` is not a valid logical id ({} characters; CloudFormation wants 1 to 255 characters A-Z, a-z, 0-9)",
                        id.chars().count()
                    ),
                    "rename it using only letters and digits, e.g. `PublicSubnet1`",
                );
            }
        }
    }
}

/// `Vendor::Service::Resource` (optionally `::MODULE`) or `Custom::Name`, each part alphanumeric
/// (or `_`, `-`). One pass over the bytes, no allocation: it runs for every resource.
fn valid_type_name(t: &str) -> bool {
    let b = t.as_bytes();
    let (mut parts, mut start, mut i) = (0usize, 0usize, 0usize);
    let mut first = 0..0;
    loop {
        if i == b.len() || b[i] == b':' {
            if i == start {
                return false; // an empty part
            }
            if parts == 0 {
                first = start..i;
            }
            parts += 1;
            if i == b.len() {
                break;
            }
            if b.get(i + 1) != Some(&b':') {
                return false; // a lone `:`
            }
            i += 2;
            start = i;
            continue;
        }
        if !(b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'-') {
            return false;
        }
        i += 1;
    }
    match parts {
        2 => &t[first] == "Custom",
        3 => true,
        4 => &t[start..] == "MODULE",
        _ => false,
    }
}

#[cfg(test)]
#[test]
fn type_names() {
    for ok in [
        "AWS::SNS::Topic",
        "Custom::Seed",
        "AWS::S3::Bucket::MODULE",
        "My-Org::Svc_1::Thing",
    ] {
        assert!(valid_type_name(ok), "{ok}");
    }
    for bad in [
        "",
        "AWS",
        "AWS::SNS",
        "::SNS::Topic",
        "AWS::SNS::",
        "AWS:::SNS::Topic",
        "AWS:SNS:Topic",
        "AWS::S N S::Topic",
        "A::B::C::D",
        "Custom::",
        "Custom::a::b::c::d",
    ] {
        assert!(!valid_type_name(bad), "{bad}");
    }
}

fn check_types(t: &Template, cx: &mut Ctx<'_>) {
    for (id, r) in &t.resources {
        if !valid_type_name(&r.type_name) {
            let shown: String = r.type_name.chars().take(80).collect();
            cx.err(
                "resource-type",
                format!("Resources/{id}"),
                format!("`{shown}` is not a resource type name"),
                "write `Vendor::Service::Resource` (e.g. `AWS::SNS::Topic`) or `Custom::Name`; the generated types in `cfn::aws` carry theirs",
            );
        }
    }
}

fn check_parameters(t: &Template, cx: &mut Ctx<'_>) {
    for (name, p) in &t.parameters {
        if let Some(d) = &p.default {
            // For a list type, AllowedValues applies to each element of the comma-separated default.
            let is_list = p.type_name == "CommaDelimitedList" || p.type_name.starts_with("List<");
            let allowed = |v: &serde_json::Value| p.allowed_values.contains(v);
            let ok = match d.as_str() {
                // CloudFormation trims the white space around each element.
                // An allowed value may also list several (cfn-lint accepts both readings).
                Some(s) if is_list => allowed(d) || s.split(',').all(|e| allowed(&serde_json::Value::from(e.trim()))),
                _ => allowed(d),
            };
            if !p.allowed_values.is_empty() && !ok {
                cx.err(
                    "parameter-default",
                    format!("Parameters/{name}"),
                    format!("the default {d} is not among the allowed values"),
                    "add it to `allowed(...)` or choose an allowed default",
                );
            }
            if let (Some(pat), Some(s)) = (&p.allowed_pattern, d.as_str()) {
                // For a list type, the pattern applies to each element too.
                let matches = |re: &regex::Regex| {
                    if is_list {
                        s.split(',').all(|e| re.is_match(e.trim()))
                    } else {
                        re.is_match(s)
                    }
                };
                match regex::Regex::new(&format!("^(?:{pat})$")) {
                    Ok(re) if !matches(&re) => cx.err(
                        "parameter-default",
                        format!("Parameters/{name}"),
                        format!("the default \"{s}\" does not match the pattern `{pat}`"),
                        "change the default or the pattern",
                    ),
                    Err(e) => cx.err(
                        "parameter-pattern",
                        format!("Parameters/{name}"),
                        format!("the pattern `{pat}` is not a valid regular expression: {e}"),
                        "fix the pattern",
                    ),
                    _ => {}
                }
            }
        }
    }
}

/// Where an expression sits, formatted only when a finding is reported.
#[derive(Clone, Copy)]
pub(crate) enum At<'a> {
    /// `Resources/{id}/Properties/{key}`.
    Prop(&'a str, &'a str),
    /// `Resources/{id}` (creation and update policies).
    Res(&'a str),
    /// `Resources/{id}/Metadata/{key}`.
    Meta(&'a str, &'a str),
    /// `Conditions/{id}`.
    Cond(&'a str),
    /// `Outputs/{id}`.
    Out(&'a str),
    /// `Outputs/{id}/Export`.
    Export(&'a str),
    /// `Tags/{key}` (stack-wide tags).
    Tag(&'a str),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Prop(id, k) => write!(f, "Resources/{id}/Properties/{k}"),
            At::Res(id) => write!(f, "Resources/{id}"),
            At::Meta(id, k) => write!(f, "Resources/{id}/Metadata/{k}"),
            At::Cond(id) => write!(f, "Conditions/{id}"),
            At::Out(id) => write!(f, "Outputs/{id}"),
            At::Export(id) => write!(f, "Outputs/{id}/Export"),
            At::Tag(k) => write!(f, "Tags/{k}"),
        }
    }
}

/// Every expression of a template, with where it sits.
fn for_each_expr<'a>(t: &'a Template, mut f: impl FnMut(At<'a>, &'a Expr)) {
    for_each_expr_in(t, |_, at, e| f(at, e))
}

/// [`for_each_expr`], with the index of the resource an expression belongs to.
fn for_each_expr_in<'a>(t: &'a Template, mut f: impl FnMut(Option<usize>, At<'a>, &'a Expr)) {
    for (i, (id, r)) in t.resources.iter().enumerate() {
        for (k, e) in &r.properties {
            f(Some(i), At::Prop(id, k), e);
        }
        for e in r.creation_policy.iter().chain(r.update_policy.iter()) {
            f(Some(i), At::Res(id), e);
        }
        for (k, e) in &r.metadata {
            f(Some(i), At::Meta(id, k), e);
        }
    }
    for (id, c) in &t.conditions {
        f(None, At::Cond(id), c);
    }
    for (id, o) in &t.outputs {
        f(None, At::Out(id), &o.value);
        if let Some(e) = &o.export {
            f(None, At::Export(id), e);
        }
    }
    for (k, e) in &t.tags {
        f(None, At::Tag(k), e);
    }
}

/// Reports references to nothing; returns whether any resource refers to itself or to a resource
/// declared after it (only then can there be a cycle).
fn check_references(t: &Template, cx: &mut Ctx<'_>) -> bool {
    let has_mappings = !t.mappings.is_empty();
    let extensions = t.transform.iter().any(|x| x == "AWS::LanguageExtensions");
    let mut forward = false;
    for_each_expr_in(t, |me, at, e| {
        let later = |j: usize| me.is_some_and(|i| j >= i);
        e.mentions(&mut |m| match m {
            Mention::Ref(n) => {
                if let Some(j) = t.resources.get_index_of(n) {
                    forward |= later(j);
                } else if !t.parameters.contains_key(n) {
                    cx.err(
                        "dangling-ref",
                        at.to_string(),
                        format!("`Ref {n}` names no resource or parameter of this template"),
                        "reference values through the handle `Stack::add` returned in this stack; to use a value of another stack, pass it as a nested-stack parameter or an export",
                    );
                }
            }
            Mention::GetAtt(n, a) => match t.resources.get_full(n) {
                None => cx.err(
                    "dangling-ref",
                    at.to_string(),
                    format!("`Fn::GetAtt {n}.{a}` names no resource of this template"),
                    "use the handle `Stack::add` returned in this stack",
                ),
                Some((j, _, r)) => {
                    forward |= later(j);
                    if let (Some(child), Some(out)) = (&r.nested, a.strip_prefix("Outputs.")) {
                        if !child.outputs.contains_key(out) {
                            cx.err(
                                "dangling-output",
                                at.to_string(),
                                format!("the nested stack `{n}` declares no output `{out}`"),
                                format!(
                                    "declare the output in the child, or use one of: {}",
                                    child.outputs.keys().map(|k| &**k).collect::<Vec<_>>().join(", ")
                                ),
                            );
                        }
                    }
                }
            },
            Mention::Condition(c) => {
                if !t.conditions.contains_key(c) {
                    cx.err(
                        "dangling-condition",
                        at.to_string(),
                        format!("the condition `{c}` is not declared"),
                        "declare it with `Stack::condition` and use the `Condition` it returns",
                    );
                }
            }
            Mention::Mapping(mp) => {
                if !t.mappings.contains_key(mp) {
                    cx.err(
                        "dangling-mapping",
                        at.to_string(),
                        format!("the mapping `{mp}` is not declared"),
                        "declare it with `Stack::mapping` and use the `MappingRef` it returns",
                    );
                }
            }
            Mention::After(d) => {
                if let Some(j) = t.resources.get_index_of(d) {
                    // Evidence on the resource itself is no edge (the stack leaves it out).
                    forward |= me.is_some_and(|i| j > i);
                } else {
                    cx.err(
                        "dangling-ref",
                        at.to_string(),
                        format!("the value waits for `{d}`, which is not a resource of this template"),
                        "build the value from a handle of this stack",
                    );
                }
            }
        });
        if has_mappings {
            check_find_in_map_keys(t, at, e, cx);
        }
        if !extensions {
            check_needs_extensions(at, e, cx);
        }
    });
    for (i, (id, r)) in t.resources.iter().enumerate() {
        for d in &r.depends_on {
            if let Some(j) = t.resources.get_index_of(d) {
                forward |= j >= i;
            } else {
                cx.err(
                    "dangling-ref",
                    format!("Resources/{id}/DependsOn"),
                    format!("`DependsOn {d}` names no resource of this template"),
                    "depend on a handle of this stack",
                );
            }
        }
        if let Some(c) = &r.condition {
            if !t.conditions.contains_key(c) {
                cx.err(
                    "dangling-condition",
                    format!("Resources/{id}/Condition"),
                    format!("the condition `{c}` is not declared"),
                    "declare it with `Stack::condition`",
                );
            }
        }
    }
    for (id, o) in &t.outputs {
        if let Some(c) = &o.condition {
            if !t.conditions.contains_key(c) {
                cx.err(
                    "dangling-condition",
                    format!("Outputs/{id}/Condition"),
                    format!("the condition `{c}` is not declared"),
                    "declare it with `Stack::condition`",
                );
            }
        }
    }
    forward
}

/// Calls `f` on `e` and every expression inside it.
fn walk<'a>(e: &'a Expr, f: &mut impl FnMut(&'a Expr)) {
    f(e);
    e.for_each_child(|x| walk(x, f));
}

/// Raw JSON nested deeper than the model keeps (cut when it was read, see `MAX_JSON_DEPTH`).
fn check_depth(t: &Template, cx: &mut Ctx<'_>) {
    // Only raw JSON cut while it was read holds the marker: none was, nothing to look for.
    if !cfn_model::json_was_cut() {
        return;
    }
    let mut found: Vec<String> = Vec::new();
    for_each_expr(t, |path, e| {
        let mut deep = false;
        walk(e, &mut |x| {
            deep |= matches!(x, Expr::Str(s) if s == cfn_model::JSON_TOO_DEEP)
        });
        if deep {
            found.push(path.to_string());
        }
    });
    for path in found {
        cx.err(
            "too-deep",
            path,
            format!(
                "the raw JSON here nests deeper than {} levels; it was cut and cannot be emitted",
                cfn_model::MAX_JSON_DEPTH
            ),
            "flatten the value (no CloudFormation property needs this depth), or build it from typed values",
        );
    }
}

/// `Fn::Length`, `Fn::ToJsonString` and a `Fn::FindInMap` default exist only under the
/// `AWS::LanguageExtensions` transform: without it CloudFormation rejects the template.
fn check_needs_extensions(at: At<'_>, e: &Expr, cx: &mut Ctx<'_>) {
    walk(e, &mut |x| {
        let what = match x {
            Expr::Length(_) => "Fn::Length",
            Expr::ToJsonString(_) => "Fn::ToJsonString",
            Expr::FindInMap(_, _, _, Some(_)) => "a Fn::FindInMap DefaultValue",
            _ => return,
        };
        cx.err(
            "needs-transform",
            at.to_string(),
            format!("{what} exists only under the `AWS::LanguageExtensions` transform, which this template does not declare"),
            "add `stack.transform(\"AWS::LanguageExtensions\")`",
        );
    });
}

fn check_find_in_map_keys(t: &Template, at: At<'_>, e: &Expr, cx: &mut Ctx<'_>) {
    walk(e, &mut |x| {
        // With a default, missing keys are what the default is for.
        if let Expr::FindInMap(m, a, b, None) = x {
            if let Some(map) = t.mappings.get(m) {
                let top = a.as_literal_str();
                if let Some(top) = top {
                    match map.get(top) {
                        None => cx.err(
                            "mapping-key",
                            at.to_string(),
                            format!("the mapping `{m}` has no top-level key `{top}`"),
                            format!("use one of: {}", map.keys().cloned().collect::<Vec<_>>().join(", ")),
                        ),
                        Some(inner) => {
                            if let Some(second) = b.as_literal_str() {
                                if !inner.contains_key(second) {
                                    cx.err(
                                        "mapping-key",
                                        at.to_string(),
                                        format!("the mapping `{m}` has no key `{second}` under `{top}`"),
                                        format!("use one of: {}", inner.keys().cloned().collect::<Vec<_>>().join(", ")),
                                    );
                                }
                            }
                        }
                    }
                } else if let Some(second) = b.as_literal_str() {
                    // Any top-level key may be chosen at deploy time: every one must have it.
                    for (k, inner) in map {
                        if !inner.contains_key(second) {
                            cx.err(
                                "mapping-key",
                                at.to_string(),
                                format!("the mapping `{m}` has no key `{second}` under `{k}`"),
                                "give every top-level key the same second-level keys",
                            );
                        }
                    }
                }
            }
        }
    });
}

/// Edges a resource has: refs, getatts, ordering evidence, DependsOn. Evidence on the resource
/// itself is no edge: the stack leaves it out of `DependsOn` (a `Ref` to itself is a cycle).
pub(crate) fn edges<'a>(id: &str, r: &'a ResourceDef) -> Vec<&'a str> {
    let mut v: Vec<&str> = r.depends_on.iter().map(|d| &**d).collect();
    for (_, e) in &r.properties {
        e.mentions(&mut |m| match m {
            Mention::Ref(n) | Mention::GetAtt(n, _) => v.push(n),
            Mention::After(n) if n != id => v.push(n),
            _ => {}
        });
    }
    v
}

/// `forward`: whether some resource refers to itself or to one declared after it (from
/// [`check_references`]). A cycle needs such an edge; handles reach only earlier resources, so on
/// typed code the search is skipped.
fn check_cycles(t: &Template, forward: bool, cx: &mut Ctx<'_>) {
    if !forward {
        return;
    }
    // Iterative DFS with colours.
    let index: HashMap<&str, usize> = t.resources.keys().enumerate().map(|(i, k)| (&**k, i)).collect();
    let adj: Vec<Vec<usize>> = t
        .resources
        .iter()
        .map(|(id, r)| edges(id, r).into_iter().filter_map(|n| index.get(n).copied()).collect())
        .collect();
    let n = adj.len();
    let mut colour = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut reported: HashSet<Vec<usize>> = HashSet::new();
    for start in 0..n {
        if colour[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        colour[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if *next < adj[node].len() {
                let to = adj[node][*next];
                *next += 1;
                match colour[to] {
                    0 => {
                        colour[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => {
                        let pos = stack.iter().position(|(x, _)| *x == to).unwrap_or(0);
                        let mut cyc: Vec<usize> = stack[pos..].iter().map(|(x, _)| *x).collect();
                        let mut key = cyc.clone();
                        key.sort_unstable();
                        if reported.insert(key) {
                            cyc.push(to);
                            let names: Vec<&str> = cyc
                                .iter()
                                .filter_map(|i| t.resources.get_index(*i).map(|(k, _)| &**k))
                                .collect();
                            let first = names.first().copied().unwrap_or("").to_string();
                            cx.err(
                                "cycle",
                                format!("Resources/{first}"),
                                format!("circular dependency: {}", names.join(" -> ")),
                                "handles only point backwards; the cycle comes from raw JSON. For security groups that reference each other, use `allow(from, to, port)` (standalone SecurityGroupIngress/Egress resources) instead of inline rules",
                            );
                        }
                    }
                    _ => {}
                }
            } else {
                colour[node] = 2;
                stack.pop();
            }
        }
    }
}

fn check_exports(t: &Template, cx: &mut Ctx<'_>) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (id, o) in &t.outputs {
        if let Some(e) = &o.export {
            let key = serde_json::to_string(&crate::json::Ex(e)).unwrap_or_default();
            if let Some(prev) = seen.insert(key.clone(), id) {
                cx.err(
                    "duplicate-export",
                    format!("Outputs/{id}/Export"),
                    format!("the export name {key} is also used by output `{prev}`"),
                    "export names must be unique in a region: include the stack name or a distinct suffix",
                );
            }
        }
    }
}

/// Export names are unique per region, across stacks: the same name exported by two templates of
/// one assembly clashes when both are deployed (unless it includes the stack's name or id, which
/// differ between a parent and its nested stacks).
fn check_exports_across_stacks(root: &Template, out: &mut Vec<Diagnostic>) {
    fn collect(t: &Template, prefix: &str, all: &mut Vec<(String, String, String)>) {
        for (id, o) in &t.outputs {
            if let Some(e) = &o.export {
                let key = serde_json::to_string(&crate::json::Ex(e)).unwrap_or_default();
                let path = if prefix.is_empty() {
                    format!("Outputs/{id}/Export")
                } else {
                    format!("{prefix}/Outputs/{id}/Export")
                };
                all.push((prefix.to_string(), path, key));
            }
        }
        for (id, r) in &t.resources {
            if let Some(child) = &r.nested {
                let p = if prefix.is_empty() {
                    id.to_string()
                } else {
                    format!("{prefix}/{id}")
                };
                collect(child, &p, all);
            }
        }
    }
    let mut all = Vec::new();
    collect(root, "", &mut all);
    let mut seen: HashMap<&str, (&str, &str)> = HashMap::new();
    for (stack, path, key) in &all {
        if key.contains("AWS::StackName") || key.contains("AWS::StackId") {
            continue;
        }
        match seen.get(key.as_str()) {
            // Clashes inside one template are reported by `check_exports`.
            Some((other_stack, other_path)) if other_stack != stack => out.push(Diagnostic {
                severity: Severity::Error,
                path: path.clone(),
                message: format!("the export name {key} is also exported by `{other_path}`, in another stack of this assembly"),
                help: "export names must be unique in a region: include `AWS::StackName` (`Pseudo::stack_name()`) or a distinct suffix".into(),
                code: "duplicate-export",
            }),
            Some(_) => {}
            None => {
                seen.insert(key, (stack, path));
            }
        }
    }
}

/// The `Parameters` a nested stack receives must be the ones its template declares, and every
/// parameter without a default must receive a value: CloudFormation refuses the stack otherwise.
fn check_nested_parameters(t: &Template, cx: &mut Ctx<'_>) {
    for (id, r) in &t.resources {
        let Some(child) = &r.nested else { continue };
        let passed: Vec<&str> = r
            .properties
            .iter()
            .filter(|(k, _)| k == "Parameters")
            .flat_map(|(_, v)| match v.strip_after() {
                Expr::Object(fields) => fields.iter().map(|(k, _)| k.as_ref()).collect(),
                _ => Vec::new(),
            })
            .collect();
        let declared = || child.parameters.keys().map(|k| &**k).collect::<Vec<_>>().join(", ");
        for p in &passed {
            if !child.parameters.contains_key(*p) {
                cx.err(
                    "nested-parameter",
                    format!("Resources/{id}/Properties/Parameters/{p}"),
                    format!("the nested stack `{id}` declares no parameter `{p}`"),
                    format!(
                        "pass only parameters the child declares (it declares: {}), or declare `{p}` in the child",
                        declared()
                    ),
                );
            }
        }
        for (name, def) in &child.parameters {
            if def.default.is_none() && !passed.contains(&&**name) {
                cx.err(
                    "nested-parameter",
                    format!("Resources/{id}/Properties/Parameters"),
                    format!("the nested stack `{id}` needs a value for its parameter `{name}`, which has no default"),
                    format!(
                        "pass (\"{name}\", value) to `Stack::nested`, or give the parameter a default in the child"
                    ),
                );
            }
        }
    }
}

fn check_dynamic_refs(t: &Template, cx: &mut Ctx<'_>) {
    for_each_expr(t, |at, e| scan_dyn(t, e, at, cx));
}

/// A dynamic reference itself: its free-text segments, and secrets only in resource properties
/// (CloudFormation refuses `secretsmanager` and `ssm-secure` references in outputs, conditions
/// and metadata, where the value would be shown).
fn check_dynamic_ref(d: &DynamicRef, at: At<'_>, cx: &mut Ctx<'_>) {
    if let Some(problem) = d.problem() {
        cx.err(
            "dynamic-ref",
            at.to_string(),
            problem,
            "give `json_key`, `version_stage` and `version_id` plain names (and at most one of the two versions)",
        );
    }
    let in_properties = matches!(at, At::Prop(..) | At::Tag(_));
    if d.is_secret() && !in_properties {
        cx.err(
            "dynamic-ref",
            at.to_string(),
            format!("the secret dynamic reference `{d}` is used outside resource properties"),
            "use secret references only in resource properties; to expose where a secret lives, output its name or ARN instead",
        );
    }
}

/// One piece of an assembled string: literal text, the `Ref` of an `AWS::SecretsManager::Secret`
/// of the same template (its ARN, created before the reader), or a value known only at deploy
/// time.
#[derive(Clone, Copy)]
enum Piece<'a> {
    Lit(&'a str),
    OwnSecret,
    Unknown,
}

fn piece<'a>(t: &Template, x: &'a Expr) -> Piece<'a> {
    match x.strip_after() {
        Expr::Str(s) => Piece::Lit(s),
        Expr::Ref(n)
            if t.resources
                .get(&**n)
                .is_some_and(|r| r.type_name == "AWS::SecretsManager::Secret") =>
        {
            Piece::OwnSecret
        }
        _ => Piece::Unknown,
    }
}

/// Finds `{{resolve:` references whose text is assembled by Sub or Join from non-literals.
fn scan_dyn(t: &Template, e: &Expr, at: At<'_>, cx: &mut Ctx<'_>) {
    let opens = |s: &str| s.contains("{{resolve:");
    match e {
        Expr::Sub(parts) => {
            let any_open = parts.iter().any(|p| match p {
                SubPart::Lit(s) => opens(s),
                SubPart::Expr(x) => x.as_literal_str().is_some_and(opens),
            });
            if any_open {
                let pieces: Vec<Piece<'_>> = parts
                    .iter()
                    .map(|p| match p {
                        SubPart::Lit(s) => Piece::Lit(s),
                        SubPart::Expr(x) => piece(t, x),
                    })
                    .collect();
                check_assembled(&pieces, at, "Fn::Sub", cx);
            }
            for p in parts {
                if let SubPart::Expr(x) = p {
                    scan_dyn(t, x, at, cx);
                }
            }
        }
        Expr::Join(d, list) => {
            if let Expr::List(items) = list.strip_after() {
                let any_open = opens(d) || items.iter().any(|it| it.as_literal_str().is_some_and(opens));
                if any_open {
                    let mut pieces: Vec<Piece<'_>> = Vec::new();
                    for (i, it) in items.iter().enumerate() {
                        if i > 0 && !d.is_empty() {
                            pieces.push(Piece::Lit(d));
                        }
                        pieces.push(piece(t, it));
                    }
                    check_assembled(&pieces, at, "Fn::Join", cx);
                }
                items.iter().for_each(|x| scan_dyn(t, x, at, cx));
            }
        }
        Expr::Dynamic(d) => check_dynamic_ref(d, at, cx),
        other => other.for_each_child(|x| scan_dyn(t, x, at, cx)),
    }
}

/// What is wrong with the text after a secret's `Ref` up to the closing `}}`: empty, or
/// `:SecretString:KEY:STAGE:ID` with plain segments (trailing ones may be left out) and at most
/// one of STAGE and ID.
fn secret_tail_problem(tail: &str) -> Option<String> {
    if tail.is_empty() {
        return None;
    }
    let Some(rest) = tail.strip_prefix(":SecretString:") else {
        return Some(format!(
            "`{tail}` follows the secret's ARN; write `:SecretString:KEY::` (or nothing, for the whole secret string)"
        ));
    };
    let segs: Vec<&str> = rest.split(':').collect();
    let bad = |v: &str| v.chars().any(|c| matches!(c, '{' | '}' | '$') || c.is_whitespace());
    if segs.len() > 3 || segs.iter().any(|v| bad(v)) {
        return Some(format!(
            "`{tail}` after the secret's ARN is not `:SecretString:KEY:STAGE:ID` with plain segments"
        ));
    }
    if segs.len() == 3 && !segs[1].is_empty() && !segs[2].is_empty() {
        return Some(format!(
            "`{tail}` names both a version stage and a version id; CloudFormation takes one of them"
        ));
    }
    None
}

/// `pieces`: literal text, a secret of this template, or a value known only at deploy time. A
/// `{{resolve:` whose closing `}}` comes after an unknown value is assembled at deploy time, which
/// CloudFormation does not resolve as intended. The one deploy-time value accepted is the `Ref` of
/// an `AWS::SecretsManager::Secret` of the same template right after `{{resolve:secretsmanager:`,
/// followed by literal `:SecretString:KEY::}}` (the form the CDK writes).
fn check_assembled(pieces: &[Piece<'_>], at: At<'_>, func: &str, cx: &mut Ctx<'_>) {
    // Inside a reference: the literal text since `{{resolve:`, and whether a secret's ARN came.
    let mut open: Option<(String, bool)> = None;
    let refuse = |cx: &mut Ctx<'_>| {
        cx.err(
            "assembled-dynamic-ref",
            at.to_string(),
            format!("a `{{{{resolve:…}}}}` dynamic reference is assembled by {func} from a value known only at deploy time (a parameter, an import, an attribute, text); CloudFormation resolves dynamic references before it substitutes, so the secret id is looked up literally and the deployment fails"),
            "use a literal id (`DynamicRef::secrets_manager(secret_id!(\"name\"))`), a secret created in this template (`secret.resolve(\"password\")`: `{{resolve:secretsmanager:` + its `Ref` + `:SecretString:KEY::}}`), or — for ECS — `Secrets[].ValueFrom` with the secret's ARN",
        );
    };
    for p in pieces {
        match (*p, &mut open) {
            (Piece::Lit(text), _) => {
                let mut rest = text;
                loop {
                    match &mut open {
                        Some((so_far, after_secret)) => match rest.find("}}") {
                            Some(i) => {
                                if *after_secret {
                                    so_far.push_str(&rest[..i]);
                                    if let Some(problem) = secret_tail_problem(so_far) {
                                        cx.err(
                                            "dynamic-ref",
                                            at.to_string(),
                                            problem,
                                            "write `secret.resolve(\"key\")` (or `DynamicRef::secrets_manager(&secret).json_key(\"key\")`)",
                                        );
                                    }
                                }
                                open = None;
                                rest = &rest[i + 2..];
                            }
                            None => {
                                so_far.push_str(rest);
                                break;
                            }
                        },
                        None => match rest.find("{{resolve:") {
                            Some(i) => {
                                open = Some((String::new(), false));
                                rest = &rest[i + 10..];
                            }
                            None => break,
                        },
                    }
                }
            }
            (Piece::OwnSecret, Some((so_far, after_secret))) if !*after_secret && so_far == "secretsmanager:" => {
                so_far.clear();
                *after_secret = true;
            }
            (Piece::OwnSecret | Piece::Unknown, Some(_)) => {
                refuse(cx);
                return;
            }
            (Piece::OwnSecret | Piece::Unknown, None) => {}
        }
    }
    if let Some((_, true)) = open {
        refuse(cx);
    }
}
