//! Literal values checked against the schema constraints the Rust types cannot hold.

use std::collections::HashMap;
use std::sync::Mutex;

use cfn_model::expr::Expr;
use cfn_model::{Constraint, Template};

type Report<'a> = dyn FnMut(&'static str, String, String, String) + 'a;

/// Compiled patterns, shared across validations (schemas repeat the same few hundred patterns).
fn regex_for(pattern: &'static str) -> Option<regex::Regex> {
    static CACHE: Mutex<Option<HashMap<&'static str, Option<regex::Regex>>>> = Mutex::new(None);
    let mut guard = CACHE.lock().ok()?;
    let map = guard.get_or_insert_with(HashMap::new);
    map.entry(pattern)
        .or_insert_with(|| regex::Regex::new(pattern).ok())
        .clone()
}

pub(crate) fn check(t: &Template, report: &mut Report<'_>) {
    for (id, r) in &t.resources {
        for c in r.constraints {
            let mut segs = c.path.split('/');
            let Some(first) = segs.next() else { continue };
            let rest: Vec<&str> = segs.collect();
            for (k, e) in &r.properties {
                if k == first {
                    visit(e, &rest, &mut |v| {
                        check_one(c, v, &format!("Resources/{id}/Properties/{}", c.path), report)
                    });
                }
            }
        }
    }
}

pub(crate) fn visit<'a>(e: &'a Expr, path: &[&str], f: &mut impl FnMut(&'a Expr)) {
    let e = e.strip_after();
    match path.split_first() {
        None => f(e),
        Some((&"*", rest)) => {
            if let Expr::List(items) = e {
                items.iter().for_each(|i| visit(i, rest, f));
            }
        }
        Some((seg, rest)) => {
            if let Expr::Object(fields) = e {
                for (k, v) in fields {
                    if k == seg {
                        visit(v, rest, f);
                    }
                }
            }
        }
    }
}

fn check_one(c: &Constraint, v: &Expr, path: &str, report: &mut Report<'_>) {
    match v {
        Expr::Str(s) => {
            let n = s.chars().count() as u64;
            if let Some(min) = c.min_length {
                if n < min {
                    report(
                        "constraint",
                        path.to_string(),
                        format!("\"{s}\" is {n} characters long; the schema wants at least {min}"),
                        "lengthen the value".into(),
                    );
                }
            }
            if let Some(max) = c.max_length {
                if n > max {
                    report(
                        "constraint",
                        path.to_string(),
                        format!("the value is {n} characters long; the schema allows at most {max}"),
                        "shorten the value".into(),
                    );
                }
            }
            if let Some(p) = c.pattern {
                if let Some(re) = regex_for(p) {
                    if !re.is_match(s) {
                        report(
                            "constraint",
                            path.to_string(),
                            format!("\"{s}\" does not match the pattern `{p}`"),
                            "write a value that matches the pattern".into(),
                        );
                    }
                }
            }
            if !c.one_of.is_empty() && !c.one_of.contains(&s.as_ref()) {
                report(
                    "constraint",
                    path.to_string(),
                    format!("\"{s}\" is not one of the allowed values"),
                    format!("use one of: {}", c.one_of.join(", ")),
                );
            }
        }
        Expr::Int(_) | Expr::Float(_) => {
            let x = match v {
                Expr::Int(i) => *i as f64,
                Expr::Float(f) => *f,
                _ => return,
            };
            if let Some(min) = c.minimum {
                if x < min {
                    report(
                        "constraint",
                        path.to_string(),
                        format!("{x} is below the minimum {min}"),
                        format!("use a value of at least {min}"),
                    );
                }
            }
            if let Some(max) = c.maximum {
                if x > max {
                    report(
                        "constraint",
                        path.to_string(),
                        format!("{x} is above the maximum {max}"),
                        format!("use a value of at most {max}"),
                    );
                }
            }
        }
        _ => {}
    }
}
