//! Literal values checked against the schema constraints the Rust types cannot hold.

use std::cell::RefCell;

use crate::fxhash::FxHashMap;

use cfn_model::expr::Expr;
use cfn_model::{Constraint, Template};

type Report<'a> = dyn FnMut(&'static str, String, String, String) + 'a;

/// A compiled pattern: the simple matcher where it applies, else the `regex` crate (`None` when
/// the pattern does not compile: not checked).
enum Compiled {
    Simple(crate::simple_pattern::Simple),
    Regex(Option<regex::Regex>),
}

thread_local! {
    /// Compiled patterns, shared across validations on this thread (schemas repeat the same few
    /// hundred patterns), keyed by the address and length of the generated code's `&'static str`.
    static REGEXES: RefCell<FxHashMap<(usize, usize), Compiled>> = RefCell::new(FxHashMap::default());
}

/// Whether `s` matches `pattern` (`None` when the pattern does not compile: not checked).
fn matches(pattern: &'static str, s: &str) -> Option<bool> {
    REGEXES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let compiled = cache
            .entry((pattern.as_ptr() as usize, pattern.len()))
            .or_insert_with(|| match crate::simple_pattern::Simple::parse(pattern) {
                Some(simple) => Compiled::Simple(simple),
                None => Compiled::Regex(regex::Regex::new(pattern).ok()),
            });
        match compiled {
            Compiled::Simple(simple) => Some(simple.is_match(s)),
            Compiled::Regex(re) => re.as_ref().map(|re| re.is_match(s)),
        }
    })
}

pub(crate) fn check(t: &Template, report: &mut Report<'_>) {
    for (id, r) in &t.resources {
        for c in r.constraints {
            let (first, rest) = split_segment(c.path);
            for (k, e) in &r.properties {
                if k == first {
                    visit_path(e, rest, &mut |v| check_one(c, v, id, report));
                }
            }
        }
    }
}

/// The first `/`-separated segment of a path and the rest (paths are short: a plain loop beats a
/// call to `memchr`).
fn split_segment(path: &str) -> (&str, &str) {
    match path.bytes().position(|b| b == b'/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => (path, ""),
    }
}

/// [`visit`] with the path still `/`-separated (empty for the value itself).
fn visit_path<'a>(e: &'a Expr, path: &str, f: &mut impl FnMut(&'a Expr)) {
    let e = e.strip_after();
    if path.is_empty() {
        return f(e);
    }
    let (seg, rest) = split_segment(path);
    match (seg, e) {
        ("*", Expr::List(items)) => items.iter().for_each(|i| visit_path(i, rest, f)),
        ("*", _) => {}
        (_, Expr::Object(fields)) => {
            for (k, v) in fields {
                if k == seg {
                    visit_path(v, rest, f);
                }
            }
        }
        _ => {}
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

fn check_one(c: &Constraint, v: &Expr, id: &str, report: &mut Report<'_>) {
    let path = || format!("Resources/{id}/Properties/{}", c.path);
    match v {
        Expr::Str(s) => {
            let n = s.chars().count() as u64;
            if let Some(min) = c.min_length {
                if n < min {
                    report(
                        "constraint",
                        path(),
                        format!("\"{s}\" is {n} characters long; the schema wants at least {min}"),
                        "lengthen the value".into(),
                    );
                }
            }
            if let Some(max) = c.max_length {
                if n > max {
                    report(
                        "constraint",
                        path(),
                        format!("the value is {n} characters long; the schema allows at most {max}"),
                        "shorten the value".into(),
                    );
                }
            }
            if let Some(p) = c.pattern {
                {
                    if matches(p, s) == Some(false) {
                        report(
                            "constraint",
                            path(),
                            format!("\"{s}\" does not match the pattern `{p}`"),
                            "write a value that matches the pattern".into(),
                        );
                    }
                }
            }
            if !c.one_of.is_empty() && !c.one_of.contains(&s.as_ref()) {
                report(
                    "constraint",
                    path(),
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
                        path(),
                        format!("{x} is below the minimum {min}"),
                        format!("use a value of at least {min}"),
                    );
                }
            }
            if let Some(max) = c.maximum {
                if x > max {
                    report(
                        "constraint",
                        path(),
                        format!("{x} is above the maximum {max}"),
                        format!("use a value of at most {max}"),
                    );
                }
            }
        }
        _ => {}
    }
}
