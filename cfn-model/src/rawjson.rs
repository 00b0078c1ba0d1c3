//! Reading intrinsic functions out of raw JSON, so escape hatches are validated like typed code.

use std::borrow::Cow;

use serde_json::Value as J;

use crate::expr::{Expr, SubPart};

/// How deep raw JSON may nest (objects and lists). Real templates stay far below; deeper input is
/// cut at this depth, replaced by [`TOO_DEEP`], and `validate` reports it (`too-deep`), so that no
/// walk over the model can overflow the stack.
pub const MAX_DEPTH: usize = 64;

/// What replaces raw JSON nested deeper than [`MAX_DEPTH`].
pub const TOO_DEEP: &str = "<cfn: JSON nested deeper than 64 levels was cut here>";

/// Set once raw JSON has been cut in this process: until then no model can hold [`TOO_DEEP`]'s
/// marker from a cut, and the validator skips looking for it.
static CUT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether raw JSON has been cut (at [`MAX_DEPTH`]) anywhere in this process so far.
pub fn json_was_cut() -> bool {
    CUT.load(std::sync::atomic::Ordering::Relaxed)
}

pub(crate) fn from_json(v: J) -> Expr {
    conv(v, 0)
}

/// Drops a JSON value without recursion (serde_json's own drop recurses once per level).
fn drop_flat(v: J) {
    let mut work = vec![v];
    while let Some(x) = work.pop() {
        match x {
            J::Array(a) => work.extend(a),
            J::Object(m) => work.extend(m.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

fn conv(v: J, depth: usize) -> Expr {
    if depth >= MAX_DEPTH && (v.is_array() || v.is_object()) {
        CUT.store(true, std::sync::atomic::Ordering::Relaxed);
        drop_flat(v);
        return Expr::Str(Cow::Borrowed(TOO_DEEP));
    }
    let from_json = |v: J| conv(v, depth + 1);
    let intrinsic = |k: &str, v: J| intrinsic(k, v, depth + 1);
    match v {
        J::Null => Expr::Null,
        J::Bool(b) => Expr::Bool(b),
        J::Number(n) => match n.as_i64() {
            Some(i) => Expr::Int(i),
            None => Expr::Float(n.as_f64().unwrap_or(0.0)),
        },
        J::String(s) => Expr::Str(Cow::Owned(s)),
        J::Array(items) => Expr::List(items.into_iter().map(from_json).collect()),
        J::Object(map) => {
            if map.len() == 1 {
                let (k, v) = map.into_iter().next().unwrap_or((String::new(), J::Null));
                match intrinsic(&k, v) {
                    Ok(e) => e,
                    Err(v) => Expr::Object(vec![(Cow::Owned(k), from_json(v))]),
                }
            } else {
                Expr::Object(map.into_iter().map(|(k, v)| (Cow::Owned(k), from_json(v))).collect())
            }
        }
    }
}

/// Recognises one intrinsic (whose object sits at `depth`); gives the argument back when the
/// shape is not one.
fn intrinsic(key: &str, v: J, depth: usize) -> Result<Expr, J> {
    let from_json = |v: J| conv(v, depth + 1);
    let b = |v: J| Box::new(conv(v, depth + 1));
    let parse_sub = |s: &str, vars: serde_json::Map<String, J>| parse_sub_at(s, vars, depth + 1);
    Ok(match (key, v) {
        ("Ref", J::String(n)) => Expr::Ref(n.into()),
        ("Condition", J::String(n)) => Expr::Condition(n.into()),
        ("Fn::GetAtt", J::Array(a)) if a.len() == 2 && a.iter().all(J::is_string) => {
            let mut it = a.into_iter().filter_map(|x| x.as_str().map(str::to_owned));
            let r = it.next().unwrap_or_default();
            let at = it.next().unwrap_or_default();
            Expr::GetAtt(r.into(), Cow::Owned(at))
        }
        ("Fn::GetAtt", J::String(s)) if s.contains('.') => {
            let (r, at) = s.split_once('.').unwrap_or((&s, ""));
            Expr::GetAtt(r.into(), Cow::Owned(at.to_string()))
        }
        ("Fn::Sub", J::String(s)) => Expr::Sub(parse_sub(&s, serde_json::Map::new())),
        ("Fn::Sub", J::Array(a)) if a.len() == 2 && a[0].is_string() && a[1].is_object() => {
            let mut it = a.into_iter();
            let s = it
                .next()
                .and_then(|x| x.as_str().map(str::to_owned))
                .unwrap_or_default();
            let vars = match it.next() {
                Some(J::Object(m)) => m,
                _ => serde_json::Map::new(),
            };
            Expr::Sub(parse_sub(&s, vars))
        }
        ("Fn::Join", J::Array(a)) if a.len() == 2 && a[0].is_string() => {
            let mut it = a.into_iter();
            let d = it
                .next()
                .and_then(|x| x.as_str().map(str::to_owned))
                .unwrap_or_default();
            Expr::Join(Cow::Owned(d), b(it.next().unwrap_or(J::Null)))
        }
        ("Fn::Select", J::Array(a)) if a.len() == 2 => {
            let mut it = a.into_iter();
            Expr::Select(b(it.next().unwrap_or(J::Null)), b(it.next().unwrap_or(J::Null)))
        }
        ("Fn::Split", J::Array(a)) if a.len() == 2 && a[0].is_string() => {
            let mut it = a.into_iter();
            let d = it
                .next()
                .and_then(|x| x.as_str().map(str::to_owned))
                .unwrap_or_default();
            Expr::Split(Cow::Owned(d), b(it.next().unwrap_or(J::Null)))
        }
        ("Fn::If", J::Array(a)) if a.len() == 3 && a[0].is_string() => {
            let mut it = a.into_iter();
            let c = it
                .next()
                .and_then(|x| x.as_str().map(str::to_owned))
                .unwrap_or_default();
            Expr::If(
                c.into(),
                b(it.next().unwrap_or(J::Null)),
                b(it.next().unwrap_or(J::Null)),
            )
        }
        ("Fn::FindInMap", J::Array(a))
            if (a.len() == 3
                || (a.len() == 4
                    && a[3]
                        .as_object()
                        .is_some_and(|o| o.len() == 1 && o.contains_key("DefaultValue"))))
                && a[0].is_string() =>
        {
            let mut it = a.into_iter();
            let m = it
                .next()
                .and_then(|x| x.as_str().map(str::to_owned))
                .unwrap_or_default();
            let top = b(it.next().unwrap_or(J::Null));
            let second = b(it.next().unwrap_or(J::Null));
            let default = match it.next() {
                Some(J::Object(mut o)) => o.remove("DefaultValue").map(b),
                _ => None,
            };
            Expr::FindInMap(m.into(), top, second, default)
        }
        ("Fn::GetStackOutput", J::Object(mut o))
            if o.contains_key("StackName")
                && o.contains_key("OutputName")
                && o.keys()
                    .all(|k| ["StackName", "OutputName", "Region", "RoleArn"].contains(&k.as_str())) =>
        {
            let mut take = |k: &str| o.remove(k).map(|v| *b(v));
            Expr::GetStackOutput(Box::new(crate::expr::StackOutputRef {
                stack_name: take("StackName").unwrap_or(Expr::Null),
                output_name: take("OutputName").unwrap_or(Expr::Null),
                region: take("Region"),
                role_arn: take("RoleArn"),
            }))
        }
        ("Fn::GetAZs", v) => Expr::GetAZs(b(v)),
        ("Fn::ImportValue", v) => Expr::ImportValue(b(v)),
        ("Fn::Base64", v) => Expr::Base64(b(v)),
        ("Fn::Cidr", J::Array(a)) if a.len() == 3 => {
            let mut it = a.into_iter();
            Expr::Cidr(
                b(it.next().unwrap_or(J::Null)),
                b(it.next().unwrap_or(J::Null)),
                b(it.next().unwrap_or(J::Null)),
            )
        }
        ("Fn::Equals", J::Array(a)) if a.len() == 2 => {
            let mut it = a.into_iter();
            Expr::Equals(b(it.next().unwrap_or(J::Null)), b(it.next().unwrap_or(J::Null)))
        }
        ("Fn::And", J::Array(a)) => Expr::And(a.into_iter().map(from_json).collect()),
        ("Fn::Or", J::Array(a)) => Expr::Or(a.into_iter().map(from_json).collect()),
        ("Fn::Not", J::Array(a)) if a.len() == 1 => Expr::Not(b(a.into_iter().next().unwrap_or(J::Null))),
        ("Fn::Length", v) => Expr::Length(b(v)),
        ("Fn::ToJsonString", v) => Expr::ToJsonString(b(v)),
        (_, v) => return Err(v),
    })
}

/// Splits an `Fn::Sub` string into literal text and `${…}` references; `vars` (the second
/// argument's variables) are read at `depth`.
fn parse_sub_at(s: &str, vars: serde_json::Map<String, J>, depth: usize) -> Vec<SubPart> {
    // Converted once, owned: cloning or dropping deep raw JSON would recurse without bound.
    let vars: Vec<(String, Expr)> = vars.into_iter().map(|(k, v)| (k, conv(v, depth))).collect();
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        lit.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        if let Some(stripped) = after.strip_prefix('!') {
            // `${!Literal}` is a literal `${Literal}`.
            lit.push_str("${");
            rest = stripped;
            continue;
        }
        match after.find('}') {
            Some(j) => {
                let name = after[..j].trim();
                if !lit.is_empty() {
                    parts.push(SubPart::Lit(Cow::Owned(std::mem::take(&mut lit))));
                }
                let e = match vars.iter().find(|(k, _)| k == name) {
                    Some((_, v)) => v.clone(),
                    None => match name.split_once('.') {
                        Some((r, a)) if !name.starts_with("AWS::") => Expr::GetAtt(r.into(), Cow::Owned(a.to_string())),
                        _ => Expr::Ref(name.into()),
                    },
                };
                parts.push(SubPart::Expr(e));
                rest = &after[j + 1..];
            }
            None => {
                lit.push_str("${");
                rest = after;
            }
        }
    }
    lit.push_str(rest);
    if !lit.is_empty() {
        parts.push(SubPart::Lit(Cow::Owned(lit)));
    }
    parts
}
