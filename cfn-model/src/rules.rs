//! Policies a stack declares once and the emitter enforces: the [`Rule`] trait, the view of a
//! resource a rule checks, and waivers.
//!
//! A rule is declared with [`Stack::enforce`]; it applies to every resource of that stack and of
//! every stack nested under it (declared on the root, it covers the whole assembly). `validate`
//! (and so `to_json`, `assemble` and the runner) checks every resource against every rule in
//! force and reports each breach as a diagnostic whose code is the rule's [`Rule::name`], whose
//! path names the resource, and whose help says how to fix it or waive it.
//!
//! A breach can be waived for one resource, with a written reason, by [`Stack::waive`] or
//! [`Attributes::waive`]. The waiver is kept in the resource's `Metadata`, so the template itself
//! records every exception and why it was granted:
//!
//! ```json
//! "Metadata": { "cfn": { "waivers": [ { "rule": "required-tags", "reason": "…" } ] } }
//! ```
//!
//! The built-in rules (required tags, naming, open ingress, encryption at rest, deletion
//! policies) are in `cfn_emit::rules`; implement [`Rule`] for your own.
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::rules::{Breach, ResourceView, Rule};
//!
//! /// Topics must say who owns them.
//! struct TopicsHaveDisplayNames;
//!
//! impl Rule for TopicsHaveDisplayNames {
//!     fn name(&self) -> &'static str {
//!         "topic-display-name"
//!     }
//!     fn check(&self, r: &ResourceView<'_>, breaches: &mut Vec<Breach>) {
//!         if r.type_name() == "AWS::SNS::Topic" && r.property("DisplayName").is_none() {
//!             breaches.push(Breach::new("the topic has no `DisplayName`", "set `DisplayName`"));
//!         }
//!     }
//! }
//!
//! let mut s: Stack = Stack::new();
//! s.enforce(TopicsHaveDisplayNames);
//! let legacy = s.add("Legacy", RawResource::of("AWS::SNS::Topic"));
//! s.waive(&legacy, "topic-display-name", "shared with a team that reads the topic name");
//! assert_eq!(s.template().resources["Legacy"].waivers()[0].rule, "topic-display-name");
//! ```

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::expr::{Expr, Key};
use crate::resource::{Attributes, Tagging};
use crate::stack::{Handle, ResourceDef, Stack, Template};

/// A policy every resource of a stack (and of the stacks nested under it) must keep.
///
/// `check` is called once per resource with a [`ResourceView`]: the resource as it is emitted
/// (stack-wide tags merged in). It pushes one [`Breach`] per problem; breaches the resource
/// waives are dropped by the emitter, the others become diagnostics with code [`Rule::name`].
pub trait Rule: Send + Sync + 'static {
    /// The rule's stable, kebab-case name (`required-tags`): the code of its diagnostics and
    /// what a waiver names.
    fn name(&self) -> &'static str;

    /// Checks one resource.
    fn check(&self, resource: &ResourceView<'_>, breaches: &mut Vec<Breach>);

    /// True when breaches are warnings rather than errors (an error stops emission).
    fn advisory(&self) -> bool {
        false
    }
}

/// A rule declared on a stack (shared: nested stacks inherit their parent's rules).
#[derive(Clone)]
pub struct RuleRef(Arc<dyn Rule>);

impl RuleRef {
    /// Wraps a rule.
    pub fn new(rule: impl Rule) -> RuleRef {
        RuleRef(Arc::new(rule))
    }

    /// The rule.
    pub fn rule(&self) -> &dyn Rule {
        &*self.0
    }
}

impl fmt::Debug for RuleRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rule({})", self.0.name())
    }
}

/// One problem a rule found in a resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breach {
    /// Where inside the resource, `/`-separated (`Properties/Tags`); empty for the resource
    /// itself.
    pub at: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl Breach {
    /// A breach of the resource as a whole.
    pub fn new(message: impl Into<String>, help: impl Into<String>) -> Breach {
        Breach {
            at: String::new(),
            message: message.into(),
            help: help.into(),
        }
    }

    /// The same breach, located at `path` inside the resource (`Properties/BucketName`).
    pub fn at(mut self, path: impl Into<String>) -> Breach {
        self.at = path.into();
        self
    }
}

/// A resource as a rule sees it: as emitted, with the template it belongs to.
pub struct ResourceView<'a> {
    logical_id: &'a str,
    def: &'a ResourceDef,
    /// What emission changes in the resource's own properties (the tags property with the
    /// stack-wide tags merged in, a nested stack's `TemplateURL`): kept apart so that a view does
    /// not copy every property of every resource to show two of them changed.
    overrides: &'a [(Key, Expr)],
    template: &'a Template,
    inherited_tags: &'a [String],
    to_json: fn(&Expr) -> serde_json::Value,
    merged: OnceLock<Vec<(Key, Expr)>>,
    json: OnceLock<serde_json::Value>,
}

impl<'a> ResourceView<'a> {
    /// A view of the resource `logical_id` of `template`. `overrides` are the properties that
    /// emission writes differently from `def.properties` (each replaces the property of its name,
    /// or comes after them when the resource has none: the tags property with the stack-wide tags
    /// merged in, a nested stack's `TemplateURL`); `inherited_tags` the tag keys CloudFormation
    /// propagates from the enclosing nested stack resources; `to_json` turns an expression into
    /// its emitted JSON. The emitter builds these; tests of a rule can too.
    pub fn new(
        logical_id: &'a str,
        def: &'a ResourceDef,
        overrides: &'a [(Key, Expr)],
        template: &'a Template,
        inherited_tags: &'a [String],
        to_json: fn(&Expr) -> serde_json::Value,
    ) -> ResourceView<'a> {
        ResourceView {
            logical_id,
            def,
            overrides,
            template,
            inherited_tags,
            to_json,
            merged: OnceLock::new(),
            json: OnceLock::new(),
        }
    }

    /// The logical id.
    pub fn logical_id(&self) -> &'a str {
        self.logical_id
    }

    /// The type name (`AWS::S3::Bucket`).
    pub fn type_name(&self) -> &'a str {
        &self.def.type_name
    }

    /// The resource as the model holds it: attributes (`deletion_policy`, `metadata`, …), tagging.
    pub fn def(&self) -> &'a ResourceDef {
        self.def
    }

    /// The template the resource is in (its parameters, conditions, …).
    pub fn template(&self) -> &'a Template {
        self.template
    }

    /// The properties as emitted (stack-wide tags merged in), in the order they are written.
    /// Assembled on the first call when emission changes any; [`ResourceView::property`] looks
    /// one up without that.
    pub fn properties(&self) -> &[(Key, Expr)] {
        if self.overrides.is_empty() {
            return &self.def.properties;
        }
        self.merged.get_or_init(|| {
            let own = &self.def.properties;
            let mut v: Vec<(Key, Expr)> = own
                .iter()
                .map(|(k, e)| match self.overrides.iter().find(|(o, _)| o == k) {
                    Some(o) => o.clone(),
                    None => (k.clone(), e.clone()),
                })
                .collect();
            v.extend(
                self.overrides
                    .iter()
                    .filter(|(o, _)| !own.iter().any(|(k, _)| k == o))
                    .cloned(),
            );
            v
        })
    }

    /// One property as emitted.
    pub fn property(&self, name: &str) -> Option<&'a Expr> {
        let find = |ps: &'a [(Key, Expr)]| ps.iter().find(|(k, _)| k == name).map(|(_, v)| v);
        find(self.overrides).or_else(|| find(&self.def.properties))
    }

    /// The `Properties` object as emitted JSON (`{"Ref": …}` and all), for
    /// `serde_json::Value::pointer` look-ups.
    pub fn json(&self) -> &serde_json::Value {
        self.json
            .get_or_init(|| (self.to_json)(&Expr::Object(self.properties().to_vec())))
    }

    /// The tag keys the resource will carry: its own and the stack-wide ones (as emitted) plus
    /// those CloudFormation propagates from enclosing nested stacks. `None` when the type is not
    /// taggable. Keys given by an intrinsic (`Fn::If`) cannot be known and are not listed; see
    /// [`ResourceView::tags_computed`].
    pub fn tag_keys(&self) -> Option<Vec<String>> {
        let prop = match self.def.tagging {
            Tagging::None => return None,
            Tagging::List(p) | Tagging::Map(p) => p,
        };
        let mut keys: Vec<String> = self.inherited_tags.to_vec();
        match self.property(prop).map(Expr::strip_after) {
            Some(Expr::List(items)) => {
                for i in items {
                    if let Expr::Object(f) = i.strip_after() {
                        if let Some(k) = f.iter().find(|(k, _)| k == "Key").and_then(|(_, v)| v.as_literal_str()) {
                            keys.push(k.to_string());
                        }
                    }
                }
            }
            Some(Expr::Object(fields)) => keys.extend(fields.iter().map(|(k, _)| k.to_string())),
            _ => {}
        }
        Some(keys)
    }

    /// True when the tags property is an intrinsic (`Fn::If`, …), so its keys are not known
    /// before deployment.
    pub fn tags_computed(&self) -> bool {
        let prop = match self.def.tagging {
            Tagging::None => return false,
            Tagging::List(p) | Tagging::Map(p) => p,
        };
        matches!(
            self.property(prop).map(Expr::strip_after),
            Some(e) if !matches!(e, Expr::List(_) | Expr::Object(_))
        )
    }
}

/// A rule waived for one resource, with the reason. Kept in the resource's `Metadata` under
/// [`METADATA_KEY`] (`{"cfn": {"waivers": [{"rule": …, "reason": …}]}}`).
///
/// A waiver can also name the checks of other tools it stands for ([`Waiver::checkov`],
/// [`Waiver::cfn_lint`]): each is written, with the same reason, where that tool reads its
/// exceptions in the resource's `Metadata`, so one reviewed reason silences a finding in every
/// tool that reports it:
///
/// ```json
/// "Metadata": {
///   "cfn": { "waivers": [ { "rule": "open-ingress", "reason": "…", "checks": ["checkov:CKV_AWS_260"] } ] },
///   "checkov": { "skip": [ { "id": "CKV_AWS_260", "comment": "…" } ] },
///   "cfn-lint": { "config": { "ignore_checks": ["W1234"] } }
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Waiver {
    /// The waived rule's name (for a waiver of another tool's check alone, [`Tool::rule_name`]:
    /// `checkov:CKV_AWS_2`).
    pub rule: String,
    /// Why the resource may break it.
    pub reason: String,
    /// The checks of other tools this waiver stands for.
    pub checks: Vec<Tool>,
}

impl Waiver {
    /// A waiver of `rule` for `reason`.
    pub fn new(rule: impl Into<String>, reason: impl Into<String>) -> Waiver {
        Waiver {
            rule: rule.into(),
            reason: reason.into(),
            checks: Vec::new(),
        }
    }

    /// A waiver of another tool's check alone (its rule is [`Tool::rule_name`]).
    pub fn of_check(check: Tool, reason: impl Into<String>) -> Waiver {
        Waiver::new(check.rule_name(), reason).check(check)
    }

    /// Also waives `check` of another tool, for the same reason.
    pub fn check(mut self, check: Tool) -> Waiver {
        if !self.checks.contains(&check) {
            self.checks.push(check);
        }
        self
    }

    /// Also waives the checkov check `id` (`CKV_AWS_2`): `"checkov": {"skip": [{"id", "comment"}]}`.
    pub fn checkov(self, id: impl Into<String>) -> Waiver {
        self.check(Tool::Checkov(id.into()))
    }

    /// Also waives the cfn-lint rule `id` (`W3005`): `"cfn-lint": {"config": {"ignore_checks": […]}}`.
    pub fn cfn_lint(self, id: impl Into<String>) -> Waiver {
        self.check(Tool::CfnLint(id.into()))
    }
}

/// A check of a tool other than this library's rules, that a [`Waiver`] can stand for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Tool {
    /// A checkov check id (`CKV_AWS_2`), skipped through `Metadata.checkov.skip`.
    Checkov(String),
    /// A cfn-lint rule id (`W3005`), ignored through `Metadata.cfn-lint.config.ignore_checks`.
    CfnLint(String),
}

impl Tool {
    /// The checkov check `id`.
    pub fn checkov(id: impl Into<String>) -> Tool {
        Tool::Checkov(id.into())
    }

    /// The cfn-lint rule `id`.
    pub fn cfn_lint(id: impl Into<String>) -> Tool {
        Tool::CfnLint(id.into())
    }

    /// The tool's name as written in `Metadata` (`checkov`, `cfn-lint`).
    pub fn tool(&self) -> &'static str {
        match self {
            Tool::Checkov(_) => "checkov",
            Tool::CfnLint(_) => "cfn-lint",
        }
    }

    /// The check's id (`CKV_AWS_2`).
    pub fn id(&self) -> &str {
        match self {
            Tool::Checkov(id) | Tool::CfnLint(id) => id,
        }
    }

    /// `tool:id` (`checkov:CKV_AWS_2`): how a waiver records the check.
    pub fn rule_name(&self) -> String {
        format!("{}:{}", self.tool(), self.id())
    }

    /// The check a [`Tool::rule_name`] names, if it names one.
    pub fn parse(rule_name: &str) -> Option<Tool> {
        let (tool, id) = rule_name.split_once(':')?;
        match tool {
            "checkov" => Some(Tool::Checkov(id.to_string())),
            "cfn-lint" => Some(Tool::CfnLint(id.to_string())),
            _ => None,
        }
    }

    /// True when the id has the tool's form (`CKV_AWS_2`, `CKV2_AWS_5`; `E3012`, `W1020`, `I3011`).
    pub fn is_well_formed(&self) -> bool {
        match self {
            Tool::Checkov(id) => {
                let rest = id.strip_prefix("CKV_").or_else(|| id.strip_prefix("CKV2_"));
                rest.and_then(|r| r.rsplit_once('_')).is_some_and(|(provider, n)| {
                    !provider.is_empty()
                        && provider.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                        && !n.is_empty()
                        && n.bytes().all(|b| b.is_ascii_digit())
                })
            }
            Tool::CfnLint(id) => {
                let mut b = id.bytes();
                matches!(b.next(), Some(b'E' | b'W' | b'I')) && id.len() == 5 && b.all(|c| c.is_ascii_digit())
            }
        }
    }
}

/// The resource `Metadata` key this library keeps its own data under.
pub const METADATA_KEY: &str = "cfn";

/// The key of the waiver list inside [`METADATA_KEY`].
pub const WAIVERS_KEY: &str = "waivers";

/// The object under `key` in `fields`, created (or replacing a non-object) when needed.
fn object_at<'m>(fields: &'m mut Vec<(Key, Expr)>, key: &'static str) -> &'m mut Vec<(Key, Expr)> {
    let idx = match fields.iter().position(|(k, _)| k == key) {
        Some(i) => i,
        None => {
            fields.push((Cow::Borrowed(key), Expr::Object(Vec::new())));
            fields.len() - 1
        }
    };
    let slot = &mut fields[idx].1;
    if !matches!(slot, Expr::Object(_)) {
        *slot = Expr::Object(Vec::new());
    }
    match slot {
        Expr::Object(f) => f,
        _ => unreachable!("just made an object"),
    }
}

/// The list under `key` in `fields`, created (or replacing a non-list) when needed.
fn list_at<'m>(fields: &'m mut Vec<(Key, Expr)>, key: &'static str) -> &'m mut Vec<Expr> {
    let idx = match fields.iter().position(|(k, _)| k == key) {
        Some(i) => i,
        None => {
            fields.push((Cow::Borrowed(key), Expr::List(Vec::new())));
            fields.len() - 1
        }
    };
    let slot = &mut fields[idx].1;
    if !matches!(slot, Expr::List(_)) {
        *slot = Expr::List(Vec::new());
    }
    match slot {
        Expr::List(l) => l,
        _ => unreachable!("just made a list"),
    }
}

fn str_expr(s: &str) -> Expr {
    Expr::Str(Cow::Owned(s.to_string()))
}

/// Adds a waiver to a resource's metadata, merging with what is under [`METADATA_KEY`] already,
/// and writes each check of another tool where that tool reads it.
fn add_waiver(metadata: &mut Vec<(Key, Expr)>, w: Waiver) {
    let mut entry = vec![
        (Cow::Borrowed("rule"), str_expr(&w.rule)),
        (Cow::Borrowed("reason"), str_expr(&w.reason)),
    ];
    if !w.checks.is_empty() {
        entry.push((
            Cow::Borrowed("checks"),
            Expr::List(w.checks.iter().map(|c| str_expr(&c.rule_name())).collect()),
        ));
    }
    list_at(object_at(metadata, METADATA_KEY), WAIVERS_KEY).push(Expr::Object(entry));
    for check in &w.checks {
        match check {
            Tool::Checkov(id) => {
                let skips = list_at(object_at(metadata, "checkov"), "skip");
                let known = skips.iter().any(|s| match s {
                    Expr::Object(f) => f.iter().any(|(k, v)| k == "id" && v.as_literal_str() == Some(id)),
                    _ => false,
                });
                if !known {
                    skips.push(Expr::Object(vec![
                        (Cow::Borrowed("id"), str_expr(id)),
                        (Cow::Borrowed("comment"), str_expr(&w.reason)),
                    ]));
                }
            }
            Tool::CfnLint(id) => {
                let ignored = list_at(object_at(object_at(metadata, "cfn-lint"), "config"), "ignore_checks");
                if !ignored.iter().any(|v| v.as_literal_str() == Some(id)) {
                    ignored.push(str_expr(id));
                }
            }
        }
    }
}

/// The waivers recorded in `metadata` (entries that are not `{rule, reason}` strings are skipped).
pub fn waivers_in(metadata: &[(Key, Expr)]) -> Vec<Waiver> {
    let mut out = Vec::new();
    let Some((_, Expr::Object(fields))) = metadata.iter().find(|(k, _)| k == METADATA_KEY) else {
        return out;
    };
    let Some((_, Expr::List(list))) = fields.iter().find(|(k, _)| k == WAIVERS_KEY) else {
        return out;
    };
    for item in list {
        if let Expr::Object(f) = item {
            let get = |name: &str| f.iter().find(|(k, _)| k == name).and_then(|(_, v)| v.as_literal_str());
            if let Some(rule) = get("rule") {
                let mut w = Waiver::new(rule, get("reason").unwrap_or_default());
                if let Some((_, Expr::List(checks))) = f.iter().find(|(k, _)| k == "checks") {
                    for c in checks.iter().filter_map(Expr::as_literal_str).filter_map(Tool::parse) {
                        w = w.check(c);
                    }
                }
                out.push(w);
            }
        }
    }
    out
}

impl ResourceDef {
    /// The rules this resource waives, with their reasons.
    pub fn waivers(&self) -> Vec<Waiver> {
        waivers_in(&self.metadata)
    }
}

impl Attributes {
    /// Waives `rule` for this resource, for `reason` (kept in the resource's `Metadata`).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// s.add_with(
    ///     "Site",
    ///     RawResource::of("AWS::S3::Bucket"),
    ///     Attributes::new().retain_data(Policy::Retain).waive("encryption-at-rest", "public website assets"),
    /// );
    /// ```
    pub fn waive(mut self, rule: impl Into<String>, reason: impl Into<String>) -> Self {
        add_waiver(&mut self.metadata, Waiver::new(rule, reason));
        self
    }

    /// Adds `waiver` (a rule, its reason and the checks of other tools it stands for, see
    /// [`Waiver::checkov`]) to this resource's `Metadata`.
    pub fn waive_with(mut self, waiver: Waiver) -> Self {
        add_waiver(&mut self.metadata, waiver);
        self
    }
}

impl<S> Stack<S> {
    /// Declares a rule for this stack and every stack nested under it: `validate` reports each
    /// resource that breaks it (unless the resource waives it), and emission stops on errors.
    pub fn enforce(&mut self, rule: impl Rule) -> &mut Self {
        self.template_mut().rules.push(RuleRef::new(rule));
        self
    }

    /// Waives `rule` for the resource `h`, for `reason`; the waiver is kept in the resource's
    /// `Metadata` (`{"cfn": {"waivers": [{"rule": …, "reason": …}]}}`). A waiver without a
    /// reason is reported by `validate`.
    pub fn waive<R>(&mut self, h: &Handle<R, S>, rule: impl Into<String>, reason: impl Into<String>) -> &mut Self {
        self.waive_id(h.logical_id(), rule, reason)
    }

    /// [`Stack::waive`] by logical id (e.g. a nested stack's); unknown ids are ignored.
    pub fn waive_id(&mut self, logical_id: &str, rule: impl Into<String>, reason: impl Into<String>) -> &mut Self {
        self.waive_id_with(logical_id, Waiver::new(rule, reason))
    }

    /// Waives a check of another tool (checkov, cfn-lint) for the resource `h`, for `reason`:
    /// written where that tool reads it (`Metadata.checkov.skip`,
    /// `Metadata.cfn-lint.config.ignore_checks`) and recorded with the other waivers.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// use cfn_model::rules::Tool;
    /// let mut s: Stack = Stack::new();
    /// let topic = s.add("Alarms", RawResource::of("AWS::SNS::Topic"));
    /// s.waive_check(&topic, Tool::checkov("CKV_AWS_26"), "CloudWatch alarms cannot publish to a topic under aws/sns");
    /// let r = &s.template().resources["Alarms"];
    /// assert_eq!(r.waivers()[0].rule, "checkov:CKV_AWS_26");
    /// ```
    pub fn waive_check<R>(&mut self, h: &Handle<R, S>, check: Tool, reason: impl Into<String>) -> &mut Self {
        self.waive_id_with(h.logical_id(), Waiver::of_check(check, reason))
    }

    /// Adds `waiver` (see [`Waiver::checkov`], [`Waiver::cfn_lint`]) to the resource `h`.
    pub fn waive_with<R>(&mut self, h: &Handle<R, S>, waiver: Waiver) -> &mut Self {
        self.waive_id_with(h.logical_id(), waiver)
    }

    /// [`Stack::waive_with`] by logical id; unknown ids are ignored.
    pub fn waive_id_with(&mut self, logical_id: &str, waiver: Waiver) -> &mut Self {
        if let Some(r) = self.template_mut().resources.get_mut(logical_id) {
            add_waiver(&mut r.metadata, waiver);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RawResource;

    #[test]
    fn waivers_merge_into_existing_metadata() {
        let mut s: Stack = Stack::new();
        let t = s.add_with(
            "T",
            RawResource::of("AWS::SNS::Topic"),
            Attributes::new()
                .metadata("cfn", serde_json::json!({"other": 1}))
                .waive("a", "first"),
        );
        s.waive(&t, "b", "second");
        let r = &s.template().resources["T"];
        assert_eq!(r.waivers(), [Waiver::new("a", "first"), Waiver::new("b", "second")]);
        assert_eq!(r.metadata.len(), 1);
    }

    #[test]
    fn tool_waivers_are_written_where_checkov_and_cfn_lint_read_them() {
        let mut s: Stack = Stack::new();
        let t = s.add_with(
            "T",
            RawResource::of("AWS::SNS::Topic"),
            Attributes::new().waive_with(Waiver::new("encryption-at-rest", "alarms").checkov("CKV_AWS_26")),
        );
        s.waive_check(&t, Tool::cfn_lint("W3005"), "kept for the old stack")
            .waive_check(&t, Tool::checkov("CKV_AWS_26"), "twice")
            .waive_check(&t, Tool::checkov("CKV2_AWS_5"), "second check");
        let r = &s.template().resources["T"];
        assert_eq!(
            r.metadata.iter().map(|(k, _)| k.as_ref()).collect::<Vec<_>>(),
            ["cfn", "checkov", "cfn-lint"]
        );
        assert_eq!(
            r.waivers()[0],
            Waiver::new("encryption-at-rest", "alarms").checkov("CKV_AWS_26")
        );
        assert_eq!(r.waivers()[1].checks, [Tool::CfnLint("W3005".into())]);
    }

    #[test]
    fn check_ids_are_checked_for_form() {
        assert!(Tool::checkov("CKV_AWS_2").is_well_formed());
        assert!(Tool::checkov("CKV2_AWS_5").is_well_formed());
        assert!(!Tool::checkov("CKV_AWS_").is_well_formed());
        assert!(!Tool::checkov("ckv_aws_2").is_well_formed());
        assert!(Tool::cfn_lint("W3005").is_well_formed());
        assert!(!Tool::cfn_lint("W30").is_well_formed());
        assert!(!Tool::cfn_lint("X3005").is_well_formed());
        assert_eq!(Tool::parse("checkov:CKV_AWS_2"), Some(Tool::checkov("CKV_AWS_2")));
        assert_eq!(Tool::parse("open-ingress"), None);
    }
}
