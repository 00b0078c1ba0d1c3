//! `Match`: partial patterns over emitted JSON, in the manner of CDK's `Match`.

use std::fmt;
use std::sync::Arc;

use serde_json::Value;

use super::Mismatch;

/// A pattern a JSON value is matched against.
///
/// Plain JSON converts into a pattern with *deep partial* object matching (CDK's
/// `Match.objectLike` applied at every level): every key of a pattern object must be present
/// and match, the value may have more keys; arrays must have the same length, element by
/// element (their objects partial too); scalars must be equal. [`Match::exact`] turns partial
/// objects off, [`Match::array_with`] matches a subsequence, and [`Match::key`] puts any
/// pattern (`absent`, `any_value`, a regex) at a key of an object pattern.
///
/// ```
/// use cfn_emit::assertions::Match;
/// use serde_json::json;
///
/// let found = json!({"Encrypted": true, "KmsKeyId": "alias/x", "Tags": [{"Key": "Env", "Value": "dev"}]});
/// assert!(Match::object_like(json!({"Encrypted": true})).matches(&found));
/// assert!(!Match::exact(json!({"Encrypted": true})).matches(&found));
/// assert!(Match::object_like(json!({}))
///     .key("KmsKeyId", Match::string_like_regexp("^alias/"))
///     .key("BackupPolicy", Match::absent())
///     .key("Tags", Match::array_with(json!([{"Key": "Env"}])))
///     .matches(&found));
/// ```
#[derive(Clone)]
pub struct Match(M);

#[derive(Clone)]
enum M {
    Literal(Value),
    Object {
        fields: Vec<(String, Match)>,
        partial: bool,
    },
    Array {
        items: Vec<Match>,
        subsequence: bool,
    },
    Any,
    Absent,
    Regex(Result<regex::Regex, String>),
    Not(Box<Match>),
    Each(Box<Match>),
    Predicate(String, Arc<dyn Fn(&Value) -> bool + Send + Sync>),
}

/// What [`Match::array_with`] takes: plain JSON (an array's elements, each matched
/// deep-partially; another value is one element), or patterns (`[Match; N]`, `Vec<Match>`, one
/// `Match`), so that any matcher can be nested in an array pattern.
pub trait ArrayPattern {
    /// The element patterns, in order.
    fn into_items(self) -> Vec<Match>;
}

impl ArrayPattern for Value {
    fn into_items(self) -> Vec<Match> {
        match self {
            Value::Array(items) => items.into_iter().map(|v| Match::from_json(v, true)).collect(),
            one => vec![Match::from_json(one, true)],
        }
    }
}

impl ArrayPattern for Match {
    fn into_items(self) -> Vec<Match> {
        vec![self]
    }
}

impl ArrayPattern for Vec<Match> {
    fn into_items(self) -> Vec<Match> {
        self
    }
}

impl<const N: usize> ArrayPattern for [Match; N] {
    fn into_items(self) -> Vec<Match> {
        self.into()
    }
}

impl From<Value> for Match {
    fn from(v: Value) -> Match {
        Match::from_json(v, true)
    }
}

impl From<&str> for Match {
    fn from(s: &str) -> Match {
        Match(M::Literal(Value::from(s)))
    }
}

impl From<bool> for Match {
    fn from(b: bool) -> Match {
        Match(M::Literal(Value::from(b)))
    }
}

impl From<i64> for Match {
    fn from(n: i64) -> Match {
        Match(M::Literal(Value::from(n)))
    }
}

impl Match {
    fn from_json(v: Value, partial: bool) -> Match {
        Match(match v {
            Value::Object(map) => M::Object {
                fields: map
                    .into_iter()
                    .map(|(k, v)| (k, Match::from_json(v, partial)))
                    .collect(),
                partial,
            },
            Value::Array(items) => M::Array {
                items: items.into_iter().map(|v| Match::from_json(v, partial)).collect(),
                subsequence: false,
            },
            other => M::Literal(other),
        })
    }

    /// Deep partial matching: objects may have more keys than the pattern, at every level.
    pub fn object_like(pattern: impl Into<Value>) -> Match {
        Match::from_json(pattern.into(), true)
    }

    /// Deep exact matching: objects have exactly the pattern's keys, at every level.
    pub fn exact(pattern: impl Into<Value>) -> Match {
        Match::from_json(pattern.into(), false)
    }

    /// An array containing elements matching `items`, in that order, possibly with others in
    /// between. `items` is plain JSON (`json!([{"Key": "Env"}])`, each element matched
    /// deep-partially; a value that is not an array is one element) or patterns, to nest any
    /// matcher: `Match::array_with([Match::object_like(json!({"Key": "Env"})), Match::any_value()])`
    /// (also a `Vec<Match>` or one `Match`).
    ///
    /// ```
    /// use cfn_emit::assertions::Match;
    /// use serde_json::json;
    ///
    /// let tags = json!([{"Key": "Env", "Value": "dev"}, {"Key": "Team", "Value": "web"}]);
    /// assert!(Match::array_with(json!([{"Key": "Team"}])).matches(&tags));
    /// assert!(Match::array_with([
    ///     Match::object_like(json!({})).key("Value", Match::string_like_regexp("^d")),
    ///     Match::exact(json!({"Key": "Team", "Value": "web"})),
    /// ])
    /// .matches(&tags));
    /// assert!(!Match::array_with([Match::ref_to("Topic")]).matches(&tags));
    /// ```
    pub fn array_with(items: impl ArrayPattern) -> Match {
        Match(M::Array {
            items: items.into_items(),
            subsequence: true,
        })
    }

    /// Any value that is present and not `null`.
    pub fn any_value() -> Match {
        Match(M::Any)
    }

    /// The key must not be there.
    pub fn absent() -> Match {
        Match(M::Absent)
    }

    /// A string matching the regular expression `re` (anywhere: anchor it with `^…$`).
    pub fn string_like_regexp(re: &str) -> Match {
        Match(M::Regex(
            regex::Regex::new(re).map_err(|e| format!("`{re}` is not a valid regex: {e}")),
        ))
    }

    /// Anything `m` does not match (including absence).
    pub fn not(m: impl Into<Match>) -> Match {
        Match(M::Not(Box::new(m.into())))
    }

    /// An array every element of which matches `m` (deep-partially for plain JSON). An absent
    /// key passes, as an array with no elements: `Match::every_element(…)` at
    /// `SecurityGroupIngress` says "no inline rule, if there are any, names a group".
    pub fn every_element(m: impl Into<Match>) -> Match {
        Match(M::Each(Box::new(m.into())))
    }

    /// A value for which `f` holds; `description` says what is expected in failure messages.
    pub fn satisfies(description: impl Into<String>, f: impl Fn(&Value) -> bool + Send + Sync + 'static) -> Match {
        Match(M::Predicate(description.into(), Arc::new(f)))
    }

    /// `{"Ref": logical_id}`.
    pub fn ref_to(logical_id: &str) -> Match {
        Match::exact(serde_json::json!({ "Ref": logical_id }))
    }

    /// Sets the pattern at `key` of an object pattern (a pattern that is not an object becomes a
    /// partial object with that one key).
    pub fn key(self, key: impl Into<String>, m: impl Into<Match>) -> Match {
        let key = key.into();
        let m = m.into();
        match self.0 {
            M::Object { mut fields, partial } => {
                match fields.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, v)) => *v = m,
                    None => fields.push((key, m)),
                }
                Match(M::Object { fields, partial })
            }
            _ => Match(M::Object {
                fields: vec![(key, m)],
                partial: true,
            }),
        }
    }

    /// True when `value` matches.
    pub fn matches(&self, value: &Value) -> bool {
        self.mismatches(Some(value), "").is_empty()
    }

    /// Every difference between the pattern and `value` (`None`: absent), with paths below `at`.
    pub fn mismatches(&self, value: Option<&Value>, at: &str) -> Vec<Mismatch> {
        let mut out = Vec::new();
        self.check(value, at, &mut out);
        out
    }

    fn check(&self, value: Option<&Value>, at: &str, out: &mut Vec<Mismatch>) {
        let mut miss = |expected: String, found: String| {
            out.push(Mismatch {
                at: at.to_string(),
                expected,
                found,
            })
        };
        match (&self.0, value) {
            (M::Absent, None) => {}
            (M::Absent, Some(v)) => miss("absent".into(), compact(v)),
            (M::Not(inner), v) => {
                if inner.mismatches(v, at).is_empty() {
                    miss(format!("not {inner}"), v.map_or("absent".into(), compact));
                }
            }
            (M::Any, Some(v)) if !v.is_null() => {}
            (M::Each(_), None) => {}
            (M::Each(m), Some(v)) => match v.as_array() {
                Some(arr) => {
                    for (i, x) in arr.iter().enumerate() {
                        m.check(Some(x), &join(at, &i.to_string()), out);
                    }
                }
                None => miss(self.to_string(), compact(v)),
            },
            (_, None) => miss(self.to_string(), "absent".into()),
            (M::Any, Some(v)) => miss(self.to_string(), compact(v)),
            (M::Literal(p), Some(v)) => {
                if !same(p, v) {
                    miss(compact(p), compact(v));
                }
            }
            (M::Regex(re), Some(v)) => match (re, v.as_str()) {
                (Ok(re), Some(s)) if re.is_match(s) => {}
                (Err(e), _) => miss(e.clone(), compact(v)),
                _ => miss(self.to_string(), compact(v)),
            },
            (M::Predicate(desc, f), Some(v)) => {
                if !f(v) {
                    miss(desc.clone(), compact(v));
                }
            }
            (M::Object { fields, partial }, Some(v)) => {
                let Some(obj) = v.as_object() else {
                    return miss(self.to_string(), compact(v));
                };
                for (k, m) in fields {
                    m.check(obj.get(k), &join(at, k), out);
                }
                if !partial {
                    for (k, x) in obj {
                        if !fields.iter().any(|(f, _)| f == k) {
                            out.push(Mismatch {
                                at: join(at, k),
                                expected: "absent (exact match)".into(),
                                found: compact(x),
                            });
                        }
                    }
                }
            }
            (M::Array { items, subsequence }, Some(v)) => {
                let Some(arr) = v.as_array() else {
                    return miss(self.to_string(), compact(v));
                };
                if *subsequence {
                    let mut next = 0;
                    for m in items {
                        match (next..arr.len()).find(|&i| m.mismatches(Some(&arr[i]), "").is_empty()) {
                            Some(i) => next = i + 1,
                            None => {
                                let after = if next > 0 {
                                    format!(" after index {}", next - 1)
                                } else {
                                    String::new()
                                };
                                return miss(format!("an element{after} matching {m}"), compact(v));
                            }
                        }
                    }
                } else {
                    if arr.len() != items.len() {
                        miss(
                            format!("{} element(s): {self}", items.len()),
                            format!("{} element(s): {}", arr.len(), compact(v)),
                        );
                        return;
                    }
                    for (i, (m, x)) in items.iter().zip(arr).enumerate() {
                        m.check(Some(x), &join(at, &i.to_string()), out);
                    }
                }
            }
        }
    }
}

/// JSON equality where `1` and `1.0` are the same number.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn join(at: &str, k: &str) -> String {
    if at.is_empty() {
        k.to_string()
    } else {
        format!("{at}/{k}")
    }
}

/// One-line JSON, shortened past 160 characters.
pub(crate) fn compact(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(159).collect::<String>())
    } else {
        s
    }
}

impl fmt::Display for Match {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            M::Literal(v) => write!(f, "{}", compact(v)),
            M::Any => write!(f, "<any value>"),
            M::Absent => write!(f, "<absent>"),
            M::Regex(Ok(re)) => write!(f, "<a string matching /{re}/>"),
            M::Regex(Err(e)) => write!(f, "<{e}>"),
            M::Not(m) => write!(f, "<not {m}>"),
            M::Each(m) => write!(f, "<every element {m}>"),
            M::Predicate(d, _) => write!(f, "<{d}>"),
            M::Object { fields, partial } => {
                write!(f, "{{")?;
                for (i, (k, m)) in fields.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{}: {m}", Value::from(k.as_str()))?;
                }
                if *partial {
                    write!(f, "{}…", if fields.is_empty() { "" } else { ", " })?;
                }
                write!(f, "}}")
            }
            M::Array { items, subsequence } => {
                write!(f, "[")?;
                if *subsequence {
                    write!(f, "…, ")?;
                }
                for (i, m) in items.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{m}")?;
                }
                if *subsequence {
                    write!(f, ", …")?;
                }
                write!(f, "]")
            }
        }
    }
}

impl fmt::Debug for Match {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Match({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mismatches_name_the_path() {
        let m = Match::object_like(json!({"A": {"B": [1, {"C": "x"}]}})).key("D", Match::absent());
        let v = json!({"A": {"B": [1, {"C": "y", "E": 2}]}, "D": 3});
        let got = m.mismatches(Some(&v), "Properties");
        assert_eq!(
            got,
            [
                Mismatch {
                    at: "Properties/A/B/1/C".into(),
                    expected: "\"x\"".into(),
                    found: "\"y\"".into()
                },
                Mismatch {
                    at: "Properties/D".into(),
                    expected: "absent".into(),
                    found: "3".into()
                }
            ]
        );
    }

    #[test]
    fn array_with_is_an_ordered_subsequence() {
        let v = json!([1, 2, 3, 4]);
        assert!(Match::array_with(json!([2, 4])).matches(&v));
        assert!(!Match::array_with(json!([4, 2])).matches(&v));
        let m = Match::array_with(json!([4, 2])).mismatches(Some(&v), "L");
        assert_eq!(m[0].expected, "an element after index 3 matching 2");
        assert_eq!(Match::array_with(json!([2])).to_string(), "[…, 2, …]");
    }

    #[test]
    fn bad_regexes_fail_without_panicking() {
        let m = Match::string_like_regexp("(");
        assert!(!m.matches(&json!("(")));
        assert!(m.mismatches(Some(&json!("x")), "")[0]
            .expected
            .contains("not a valid regex"));
    }

    #[test]
    fn every_element_matches_or_the_key_is_absent() {
        let m = Match::object_like(json!({})).key("L", Match::every_element(json!({"A": 1})));
        assert!(m.matches(&json!({"L": [{"A": 1, "B": 2}, {"A": 1}]})));
        assert!(m.matches(&json!({})));
        let got = m.mismatches(Some(&json!({"L": [{"A": 1}, {"A": 2}]})), "P");
        assert_eq!((got[0].at.as_str(), got[0].found.as_str()), ("P/L/1/A", "2"));
        assert!(!m.matches(&json!({"L": 3})));
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(Match::from(json!(1.0)).matches(&json!(1)));
        assert!(Match::not(Match::any_value()).matches(&Value::Null));
        assert_eq!(Match::object_like(json!({"A": 1})).to_string(), "{\"A\": 1, …}");
    }
}
