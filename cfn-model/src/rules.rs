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
    properties: &'a [(Key, Expr)],
    template: &'a Template,
    inherited_tags: &'a [String],
    to_json: fn(&Expr) -> serde_json::Value,
    json: OnceLock<serde_json::Value>,
}

impl<'a> ResourceView<'a> {
    /// A view of the resource `logical_id` of `template`. `properties` are the properties as
    /// emitted; `inherited_tags` the tag keys CloudFormation propagates from the enclosing nested
    /// stack resources; `to_json` turns an expression into its emitted JSON. The emitter builds
    /// these; tests of a rule can too.
    pub fn new(
        logical_id: &'a str,
        def: &'a ResourceDef,
        properties: &'a [(Key, Expr)],
        template: &'a Template,
        inherited_tags: &'a [String],
        to_json: fn(&Expr) -> serde_json::Value,
    ) -> ResourceView<'a> {
        ResourceView {
            logical_id,
            def,
            properties,
            template,
            inherited_tags,
            to_json,
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

    /// The properties as emitted (stack-wide tags merged in).
    pub fn properties(&self) -> &'a [(Key, Expr)] {
        self.properties
    }

    /// One property as emitted.
    pub fn property(&self, name: &str) -> Option<&'a Expr> {
        self.properties.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The `Properties` object as emitted JSON (`{"Ref": …}` and all), for
    /// `serde_json::Value::pointer` look-ups.
    pub fn json(&self) -> &serde_json::Value {
        self.json
            .get_or_init(|| (self.to_json)(&Expr::Object(self.properties.to_vec())))
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
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Waiver {
    /// The waived rule's name.
    pub rule: String,
    /// Why the resource may break it.
    pub reason: String,
}

impl Waiver {
    /// A waiver of `rule` for `reason`.
    pub fn new(rule: impl Into<String>, reason: impl Into<String>) -> Waiver {
        Waiver {
            rule: rule.into(),
            reason: reason.into(),
        }
    }
}

/// The resource `Metadata` key this library keeps its own data under.
pub const METADATA_KEY: &str = "cfn";

/// The key of the waiver list inside [`METADATA_KEY`].
pub const WAIVERS_KEY: &str = "waivers";

/// Adds a waiver to a resource's metadata, merging with what is under [`METADATA_KEY`] already.
fn add_waiver(metadata: &mut Vec<(Key, Expr)>, w: Waiver) {
    let entry = Expr::Object(vec![
        (Cow::Borrowed("rule"), Expr::Str(Cow::Owned(w.rule))),
        (Cow::Borrowed("reason"), Expr::Str(Cow::Owned(w.reason))),
    ]);
    let idx = match metadata.iter().position(|(k, _)| k == METADATA_KEY) {
        Some(i) => i,
        None => {
            metadata.push((Cow::Borrowed(METADATA_KEY), Expr::Object(Vec::new())));
            metadata.len() - 1
        }
    };
    let ours = &mut metadata[idx].1;
    if !matches!(ours, Expr::Object(_)) {
        *ours = Expr::Object(Vec::new());
    }
    if let Expr::Object(fields) = ours {
        match fields.iter_mut().find(|(k, _)| k == WAIVERS_KEY) {
            Some((_, Expr::List(list))) => list.push(entry),
            Some((_, other)) => *other = Expr::List(vec![entry]),
            None => fields.push((Cow::Borrowed(WAIVERS_KEY), Expr::List(vec![entry]))),
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
                out.push(Waiver::new(rule, get("reason").unwrap_or_default()));
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
        if let Some(r) = self.template_mut().resources.get_mut(logical_id) {
            add_waiver(&mut r.metadata, Waiver::new(rule, reason));
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
}
