//! The dependency graph of an emitted template: `DependsOn`, `Ref`, `Fn::GetAtt` and the
//! `${…}` of `Fn::Sub`, as CloudFormation reads them.

use std::collections::{HashMap, VecDeque};

use serde_json::{Map, Value};

/// How one resource comes to wait for another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// `DependsOn`.
    DependsOn,
    /// `{"Ref": …}`.
    Ref,
    /// `{"Fn::GetAtt": …}`.
    GetAtt,
    /// `${…}` in `Fn::Sub`.
    Sub,
}

impl Via {
    /// The CloudFormation spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::DependsOn => "DependsOn",
            Via::Ref => "Ref",
            Via::GetAtt => "Fn::GetAtt",
            Via::Sub => "Fn::Sub",
        }
    }
}

/// The direct dependencies of every resource of a template (only on resources it declares).
pub(crate) fn edges(resources: &Map<String, Value>) -> HashMap<&str, Vec<(String, Via)>> {
    let mut out = HashMap::new();
    for (id, r) in resources {
        let mut deps: Vec<(String, Via)> = Vec::new();
        match r.get("DependsOn") {
            Some(Value::String(d)) => deps.push((d.clone(), Via::DependsOn)),
            Some(Value::Array(ds)) => deps.extend(
                ds.iter()
                    .filter_map(Value::as_str)
                    .map(|d| (d.to_string(), Via::DependsOn)),
            ),
            _ => {}
        }
        if let Some(obj) = r.as_object() {
            for (k, v) in obj {
                if k != "DependsOn" && k != "Type" {
                    mentions(v, &mut deps);
                }
            }
        }
        deps.retain(|(d, _)| d != id && resources.contains_key(d));
        let mut seen = Vec::new();
        deps.retain(|(d, _)| {
            let new = !seen.contains(d);
            seen.push(d.clone());
            new
        });
        out.insert(id.as_str(), deps);
    }
    out
}

fn mentions(v: &Value, out: &mut Vec<(String, Via)>) {
    match v {
        Value::Array(items) => items.iter().for_each(|x| mentions(x, out)),
        Value::Object(map) => {
            if map.len() == 1 {
                if let Some((k, arg)) = map.iter().next() {
                    match (k.as_str(), arg) {
                        ("Ref", Value::String(n)) => return out.push((n.clone(), Via::Ref)),
                        ("Fn::GetAtt", Value::Array(a)) => {
                            if let Some(n) = a.first().and_then(Value::as_str) {
                                out.push((n.to_string(), Via::GetAtt));
                            }
                            return;
                        }
                        ("Fn::GetAtt", Value::String(s)) => {
                            let n = s.split('.').next().unwrap_or(s);
                            return out.push((n.to_string(), Via::GetAtt));
                        }
                        ("Fn::Sub", Value::String(s)) => return sub_names(s, &[], out),
                        ("Fn::Sub", Value::Array(a)) => {
                            let vars: Vec<&str> = a
                                .get(1)
                                .and_then(Value::as_object)
                                .map(|m| m.keys().map(String::as_str).collect())
                                .unwrap_or_default();
                            if let Some(s) = a.first().and_then(Value::as_str) {
                                sub_names(s, &vars, out);
                            }
                            if let Some(m) = a.get(1) {
                                mentions(m, out);
                            }
                            return;
                        }
                        _ => {}
                    }
                }
            }
            map.values().for_each(|x| mentions(x, out));
        }
        _ => {}
    }
}

/// The names `${Name}` / `${Name.Attr}` of an `Fn::Sub` string refers to (not `${!…}` nor its
/// own variables).
fn sub_names(s: &str, vars: &[&str], out: &mut Vec<(String, Via)>) {
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        rest = &rest[i + 2..];
        let Some(end) = rest.find('}') else { break };
        let inner = &rest[..end];
        rest = &rest[end + 1..];
        if inner.starts_with('!') {
            continue;
        }
        let name = inner.split('.').next().unwrap_or(inner).trim();
        if !vars.contains(&name) {
            out.push((name.to_string(), Via::Sub));
        }
    }
}

/// The shortest chain `from → … → to` through direct dependencies, with how each step waits.
pub(crate) fn path(
    edges: &HashMap<&str, Vec<(String, Via)>>,
    from: &str,
    to: &str,
) -> Option<Vec<(String, Option<Via>)>> {
    let mut prev: HashMap<String, (String, Via)> = HashMap::new();
    let mut queue: VecDeque<String> = VecDeque::from([from.to_string()]);
    while let Some(n) = queue.pop_front() {
        for (d, via) in edges.get(n.as_str()).into_iter().flatten() {
            if d == from || prev.contains_key(d) {
                continue;
            }
            prev.insert(d.clone(), (n.clone(), *via));
            if d == to {
                let mut chain = vec![(to.to_string(), Some(*via))];
                let mut cur = n.clone();
                while cur != from {
                    let (p, v) = prev.get(&cur)?.clone();
                    chain.push((cur, Some(v)));
                    cur = p;
                }
                chain.push((from.to_string(), None));
                chain.reverse();
                return Some(chain);
            }
            queue.push_back(d.clone());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sub_strings_name_resources_not_literals_or_variables() {
        let mut out = Vec::new();
        sub_names("${A}-${B.Arn}-${!C}-${AWS::Region}-${v}", &["v"], &mut out);
        let names: Vec<&str> = out.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["A", "B", "AWS::Region"]);
    }

    #[test]
    fn chains_are_shortest_and_say_how() {
        let r = json!({
            "A": {"Type": "X", "DependsOn": "B"},
            "B": {"Type": "X", "Properties": {"P": {"Fn::GetAtt": ["C", "Arn"]}}},
            "C": {"Type": "X", "Properties": {"P": {"Fn::Sub": "${D}"}}},
            "D": {"Type": "X"}
        });
        let e = edges(r.as_object().expect("object"));
        let p = path(&e, "A", "D").expect("a path");
        assert_eq!(
            p,
            [
                ("A".to_string(), None),
                ("B".to_string(), Some(Via::DependsOn)),
                ("C".to_string(), Some(Via::GetAtt)),
                ("D".to_string(), Some(Via::Sub))
            ]
        );
        assert!(path(&e, "D", "A").is_none());
    }
}
