//! Policies enforced when a stack is validated and emitted: the built-in rules, and the engine
//! that runs every rule a stack declares ([`Stack::enforce`](cfn_model::Stack::enforce)) over
//! every resource.
//!
//! | rule | name (diagnostic code) | checks |
//! | --- | --- | --- |
//! | [`RequiredTags`] | `required-tags` | every taggable resource carries the given tag keys |
//! | [`Naming`] | `naming` | every resource name property references a parameter (e.g. `EnvironmentSuffix`) |
//! | [`NoOpenIngress`] | `open-ingress` | no security-group ingress from `0.0.0.0/0` or `::/0`, except on named ports |
//! | [`EncryptionAtRest`] | `encryption-at-rest` | storage types enable encryption at rest |
//! | [`DeletionPolicies`] | `deletion-policy` | stateful types (cfn-lint's list) set `DeletionPolicy` and `UpdateReplacePolicy` |
//!
//! Rules declared on a stack also apply to every stack nested under it. A breach is a
//! [`Diagnostic`] whose `code` is the rule's name and whose `path` is the resource
//! (`Resources/Bucket/Properties/Tags`, `Network/Resources/Vpc` in a nested stack); a resource
//! waives a rule with [`Stack::waive`](cfn_model::Stack::waive), and the reason is kept in its
//! `Metadata`. A waiver without a reason is an error (`waiver`).
//!
//! A waiver can also stand for the checks of other tools (`Waiver::new(rule, reason).checkov("CKV_AWS_2")`,
//! `stack.waive_check(&handle, Tool::checkov("CKV_AWS_2"), reason)`): the emitted `Metadata` then
//! holds `"checkov": {"skip": [{"id": …, "comment": reason}]}` and
//! `"cfn-lint": {"config": {"ignore_checks": […]}}`, the forms those tools read. An id not of the
//! tool's form is an error (`waiver`).
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_emit::rules::{DeletionPolicies, RequiredTags};
//!
//! let mut s: Stack = Stack::new();
//! s.enforce(RequiredTags::new(["Environment", "Project"]));
//! s.enforce(DeletionPolicies::stateful());
//! s.tag("Environment", "dev");
//! let logs = s.add(
//!     "Logs",
//!     RawResource::of("AWS::Logs::LogGroup").tagging(Tagging::List("Tags")),
//! );
//! let d = cfn_emit::validate(&s);
//! assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), ["required-tags", "deletion-policy"]);
//! assert!(d[0].message.contains("`Project`"), "{}", d[0]);
//!
//! s.tag("Project", "shop");
//! s.waive(&logs, "deletion-policy", "the logs of a dev stack may go with it");
//! assert_eq!(cfn_emit::validate(&s), []);
//! ```

mod builtin;
mod names;

use std::borrow::Cow;

use cfn_model::expr::Expr;
use cfn_model::Template;

pub use builtin::{DeletionPolicies, EncryptionAtRest, Naming, NoOpenIngress, RequiredTags};
pub use cfn_model::rules::{waivers_in, Breach, ResourceView, Rule, RuleRef, Tool, Waiver, METADATA_KEY, WAIVERS_KEY};
pub use names::{name_property, stateful_resource_types, ENCRYPTION_COVERAGE};

use crate::validate::{Diagnostic, Severity};

/// Runs every rule in force over every resource of `root` and its nested stacks.
pub(crate) fn check(root: &Template, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    walk(root, "", &[], &[], &mut found);
    // A rule declared twice (on a parent and a child) reports a breach once.
    let mut seen = std::collections::HashSet::new();
    out.extend(found.into_iter().filter(|d| seen.insert(d.to_string())));
}

fn walk(t: &Template, prefix: &str, inherited: &[RuleRef], inherited_tags: &[String], out: &mut Vec<Diagnostic>) {
    let rules: Vec<RuleRef> = inherited.iter().chain(t.rules.iter()).cloned().collect();
    let at = |rest: String| {
        if prefix.is_empty() {
            rest
        } else {
            format!("{prefix}/{rest}")
        }
    };
    let url_for = |id: &str| format!("{id}.template.json");
    for (id, r) in &t.resources {
        let waivers = r.waivers();
        for w in &waivers {
            if w.reason.trim().is_empty() {
                out.push(Diagnostic {
                    severity: Severity::Error,
                    path: at(format!("Resources/{id}/Metadata/cfn/waivers")),
                    message: format!("`{id}` waives rule `{}` without a reason", w.rule),
                    help: format!(
                        "say why the resource may break `{}`: `stack.waive(&handle, \"{}\", \"the reason\")`",
                        w.rule, w.rule
                    ),
                    code: "waiver",
                });
            }
            for c in w.checks.iter().filter(|c| !c.is_well_formed()) {
                out.push(Diagnostic {
                    severity: Severity::Error,
                    path: at(format!("Resources/{id}/Metadata/cfn/waivers")),
                    message: format!("`{id}` waives the {} check `{}`, which is not a {} check id", c.tool(), c.id(), c.tool()),
                    help: match c {
                        Tool::Checkov(_) => "a checkov id is `CKV_<PROVIDER>_<n>` or `CKV2_<PROVIDER>_<n>` (`CKV_AWS_2`), as checkov reports it".to_string(),
                        _ => "a cfn-lint id is a letter E, W or I and four digits (`W3005`), as cfn-lint reports it".to_string(),
                    },
                    code: "waiver",
                });
            }
        }
        if rules.is_empty() && r.nested.is_none() {
            continue;
        }
        let overrides = crate::json::property_overrides(id, r, &t.tags, &url_for);
        let view = ResourceView::new(id, r, &overrides, t, inherited_tags, crate::json::expr_to_json);
        for rule in &rules {
            let rule = rule.rule();
            let name = rule.name();
            if waivers.iter().any(|w| w.rule == name && !w.reason.trim().is_empty()) {
                continue;
            }
            let mut breaches = Vec::new();
            rule.check(&view, &mut breaches);
            for b in breaches {
                let mut path = format!("Resources/{id}");
                if !b.at.is_empty() {
                    path.push('/');
                    path.push_str(b.at.trim_start_matches('/'));
                }
                out.push(Diagnostic {
                    severity: if rule.advisory() {
                        Severity::Warning
                    } else {
                        Severity::Error
                    },
                    path: at(path),
                    message: format!("`{id}` breaks rule `{name}`: {}", b.message),
                    help: format!(
                        "{}; or, if this resource may break it, waive the rule with a reason: `stack.waive(&handle, \"{name}\", \"why\")`",
                        b.help
                    ),
                    code: name,
                });
            }
        }
        if let Some(child) = &r.nested {
            // CloudFormation propagates a nested stack's tags to the resources it creates.
            let mut tags = inherited_tags.to_vec();
            tags.extend(view.tag_keys().unwrap_or_default());
            walk(child, &at(id.to_string()), &rules, &tags, out);
        }
    }
}

/// Whether an expression is `true` in every case: a literal `true` (or `"true"`), or an `Fn::If`
/// whose branches both are. Anything decided at deploy time (a `Ref` to a parameter, …) is not.
pub fn is_literally_true(e: &Expr) -> bool {
    match e.strip_after() {
        Expr::Bool(b) => *b,
        Expr::Str(s) => s.eq_ignore_ascii_case("true"),
        Expr::If(_, a, b) => is_literally_true(a) && is_literally_true(b),
        _ => false,
    }
}

/// Follows `path` (`/`-separated object keys) from a resource's properties.
pub(crate) fn lookup<'a>(view: &ResourceView<'a>, path: &str) -> Option<&'a Expr> {
    let mut parts = path.split('/');
    let mut cur = view.property(parts.next()?)?;
    for p in parts {
        cur = match cur.strip_after() {
            Expr::Object(fields) => fields.iter().find(|(k, _)| k == p).map(|(_, v)| v)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// The JSON text of an expression, for messages (shortened past 120 characters).
pub(crate) fn shown(e: &Expr) -> Cow<'static, str> {
    let s = crate::json::expr_to_json(e).to_string();
    if s.chars().count() > 120 {
        Cow::Owned(format!("{}…", s.chars().take(119).collect::<String>()))
    } else {
        Cow::Owned(s)
    }
}
