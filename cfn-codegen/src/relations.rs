//! The CDK's service database (`@aws-cdk/aws-service-spec`, `db.json.gz`): which properties hold a
//! reference to which resource type (`relationshipRefs`), and what each type's `Ref` returns
//! (`cfnRefIdentifier`). [`annotate`] merges them into the schemas before lowering: each related
//! property gets [`REF_KEY`], the typed references it takes, which `lower` reads next to the schema
//! formats (and checks against them, see [`crate::formats::RELATION_OVERRIDES`]).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::Path;

use serde_json::{json, Value};

use crate::formats::{self, Marker, Meaning};
use crate::lower::Catalog;

/// The schema key [`annotate`] sets on a related string: a list of `{"marker", "target"}`.
pub const REF_KEY: &str = "x-cfn-codegen-ref";

/// The schema key [`annotate`] sets where the database relates a property that stays a string,
/// with the reason (counted and documented; see [`Stats`]).
pub const PLAIN_KEY: &str = "x-cfn-codegen-plain";

/// One related property of the database.
#[derive(Clone, Debug)]
pub struct Site {
    /// `AWS::EC2::Route`.
    pub type_name: String,
    /// `/properties/RouteTableId` or `/definitions/LoadBalancer/properties/TargetGroupArn`.
    pub ptr: String,
    /// `(target type, target property)`, in the database's order.
    pub targets: Vec<(String, String)>,
}

/// What the generator reads from the database.
#[derive(Debug, Default)]
pub struct ServiceDb {
    pub sites: Vec<Site>,
    /// `cfnRefIdentifier` by type: the properties `Ref` returns where that is not the
    /// `primaryIdentifier`.
    pub ref_ids: BTreeMap<String, Vec<String>>,
}

/// Reads `db.json.gz`.
pub fn load(path: &Path) -> Result<ServiceDb, String> {
    let v = load_db(path).map_err(|e| format!("{e} (or pass --service-spec FILE)"))?;
    from_json(&v).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads the service database's raw JSON (`db.json.gz`), for every reader of it (the typed
/// references here, the documented orderings).
pub fn load_db(path: &Path) -> Result<Value, String> {
    let file = std::fs::File::open(path).map_err(|e| {
        format!(
            "{}: {e}; run `cargo run -p cfn-codegen -- fetch` (it fetches @aws-cdk/aws-service-spec)",
            path.display()
        )
    })?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| {
            format!(
                "{}: not a gzip'd JSON file ({e}); delete it and re-run fetch",
                path.display()
            )
        })?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{}: not valid JSON ({e}); delete it and re-run fetch", path.display()))
}

/// Reads the database's JSON (`{"schema": {"resource": {"entities": […]}, "typeDefinition": …,
/// "usesType": {"forward": {resource id: [{"$id": type id}]}}}}`).
pub fn from_json(v: &Value) -> Result<ServiceDb, String> {
    let schema = v
        .get("schema")
        .ok_or("no `schema` object: not the aws-service-spec database (a new format? check the pinned version)")?;
    let entities = |k: &str| -> Result<&Vec<Value>, String> {
        schema
            .pointer(&format!("/{k}/entities"))
            .and_then(Value::as_array)
            .ok_or_else(|| format!("no `schema.{k}.entities` list"))
    };
    let resources = entities("resource")?;
    let type_defs: BTreeMap<&str, &Value> = entities("typeDefinition")?
        .iter()
        .filter_map(|t| Some((t.get("$id")?.as_str()?, t)))
        .collect();
    let uses = schema
        .pointer("/usesType/forward")
        .and_then(Value::as_object)
        .ok_or("no `schema.usesType.forward` relation")?;
    let mut db = ServiceDb::default();
    for r in resources {
        let Some(tn) = r.get("cloudFormationType").and_then(Value::as_str) else {
            continue;
        };
        if let Some(ids) = r.get("cfnRefIdentifier").and_then(Value::as_array) {
            db.ref_ids.insert(
                tn.to_string(),
                ids.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            );
        }
        let mut push = |ptr: String, p: &Value| {
            let targets: Vec<(String, String)> = p
                .get("relationshipRefs")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|t| {
                    Some((
                        t.get("cloudFormationType")?.as_str()?.to_string(),
                        t.get("propertyName")?.as_str()?.to_string(),
                    ))
                })
                .collect();
            if !targets.is_empty() {
                db.sites.push(Site {
                    type_name: tn.to_string(),
                    ptr,
                    targets,
                });
            }
        };
        for (pn, p) in r.get("properties").and_then(Value::as_object).into_iter().flatten() {
            push(format!("/properties/{pn}"), p);
        }
        let id = r.get("$id").and_then(Value::as_str).unwrap_or("");
        for u in uses.get(id).and_then(Value::as_array).into_iter().flatten() {
            let Some(td) = u.get("$id").and_then(Value::as_str).and_then(|i| type_defs.get(i)) else {
                continue;
            };
            let Some(name) = td.get("name").and_then(Value::as_str) else {
                continue;
            };
            for (pn, p) in td.get("properties").and_then(Value::as_object).into_iter().flatten() {
                push(format!("/definitions/{name}/properties/{pn}"), p);
            }
        }
    }
    if db.sites.is_empty() {
        return Err("no `relationshipRefs` in any resource: not the database this generator reads".into());
    }
    db.sites
        .sort_by(|a, b| (&a.type_name, &a.ptr).cmp(&(&b.type_name, &b.ptr)));
    Ok(db)
}

/// What one relationship target means.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Resolved {
    /// A typed reference.
    Ref(Marker, String),
    /// Stays a string, with the reason.
    Plain(&'static str),
}

/// What `target`'s `prop` is to a property that names it.
pub fn resolve(cat: &Catalog, db: &ServiceDb, target: &str, prop: &str) -> Resolved {
    let Some(t) = cat.types.get(target) else {
        return Resolved::Plain("the target type is not in the schema set");
    };
    let s = &t.schema;
    let strs = |k: &str| -> Vec<String> {
        s[k].as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|p| p.trim_start_matches("/properties/").to_string())
            .collect()
    };
    let node = s.get("properties").and_then(|p| p.get(prop));
    if let Some(Meaning::One(m, t) | Meaning::List(m, t)) = node
        .and_then(|n| n.get("format"))
        .and_then(Value::as_str)
        .and_then(formats::meaning)
    {
        return Resolved::Ref(m, t.to_string());
    }
    let ref_ids = db
        .ref_ids
        .get(target)
        .cloned()
        .unwrap_or_else(|| strs("primaryIdentifier"));
    if ref_ids == [prop] {
        return Resolved::Ref(Marker::Id, target.to_string());
    }
    if node.is_none() {
        // The database's older names for what `Ref` returns.
        let single_arn = ref_ids.len() == 1 && ref_ids[0].ends_with("Arn");
        if prop == "Id" || (prop == "Arn" && single_arn) {
            return Resolved::Ref(Marker::Id, target.to_string());
        }
        return Resolved::Plain("the target has no such property (the database is older than the schema)");
    }
    if ref_ids.iter().any(|r| r == prop) {
        return Resolved::Plain("part of a composite identifier: no single value names the target");
    }
    let read_only = strs("readOnlyProperties");
    if read_only.iter().any(|r| r == prop) {
        if prop.ends_with("Arn") {
            return Resolved::Ref(Marker::Arn, target.to_string());
        }
        return Resolved::Ref(Marker::Attr, format!("{target}#{prop}"));
    }
    Resolved::Plain("a writable property of the target (its own name for it, usually a literal)")
}

/// What the database did to the schemas, for the summary and BENCHMARKS.md.
#[derive(Debug, Default)]
pub struct Stats {
    /// Sites in the database.
    pub sites: usize,
    /// Sites whose property is not in the schema (renamed definitions, types not in the set).
    pub unmatched: Vec<String>,
    /// Sites typed from the database.
    pub typed: usize,
    /// Sites left as strings, by reason.
    pub plain: BTreeMap<&'static str, usize>,
    /// The sites left as strings, with their reasons (`CFN_CODEGEN_VERBOSE=1` lists them).
    pub plain_sites: Vec<String>,
}

/// Annotates the schemas of `cat` with the database's relationships (see [`REF_KEY`]); the
/// targets' attributes that a relation names get the same key, so that the handle's `GetAtt`
/// method returns the typed value the property takes.
pub fn annotate(cat: &mut Catalog, db: &ServiceDb) -> Result<Stats, String> {
    let mut stats = Stats {
        sites: db.sites.len(),
        ..Stats::default()
    };
    // Resolve first (reads every schema), then write (mutates them).
    let mut writes: Vec<(String, String, Value)> = Vec::new();
    let mut attr_writes: BTreeSet<(String, String, String, String)> = BTreeSet::new();
    for site in &db.sites {
        let mut resolved: Vec<Resolved> = site.targets.iter().map(|(t, p)| resolve(cat, db, t, p)).collect();
        let overridden = formats::relation_override(&site.type_name, &site.ptr);
        if let Some(o) = &overridden {
            resolved = vec![o.clone()];
        }
        let plain = resolved.iter().find_map(|r| match r {
            Resolved::Plain(why) => Some(*why),
            Resolved::Ref(..) => None,
        });
        let value = match plain {
            Some(why) => {
                *stats.plain.entry(why).or_default() += 1;
                let targets: Vec<String> = site.targets.iter().map(|(t, p)| format!("{t}.{p}")).collect();
                stats.plain_sites.push(format!(
                    "{} {} -> {} ({why})",
                    site.type_name,
                    site.ptr,
                    targets.join(" | ")
                ));
                match overridden {
                    Some(_) => Value::String(format!("{}{why}", formats::OVERRIDE_PREFIX)),
                    None => Value::String(why.to_string()),
                }
            }
            None => {
                let mut refs: Vec<(Marker, String)> = resolved
                    .iter()
                    .filter_map(|r| match r {
                        Resolved::Ref(m, t) => Some((*m, t.clone())),
                        Resolved::Plain(_) => None,
                    })
                    .collect();
                refs.sort();
                refs.dedup();
                for ((target, prop), r) in site.targets.iter().zip(&resolved) {
                    if let Resolved::Ref(m, t) = r {
                        if t == target || *t == format!("{target}#{prop}") {
                            attr_writes.insert((target.clone(), prop.clone(), format!("{m:?}"), t.clone()));
                        }
                    }
                }
                Value::Array(
                    refs.iter()
                        .map(|(m, t)| json!({"marker": format!("{m:?}"), "target": t}))
                        .collect(),
                )
            }
        };
        writes.push((site.type_name.clone(), site.ptr.clone(), value));
    }
    for (tn, ptr, value) in writes {
        let Some(info) = cat.types.get_mut(&tn) else {
            stats.unmatched.push(format!("{tn} {ptr} (type not in the schema set)"));
            continue;
        };
        let key = if value.is_string() { PLAIN_KEY } else { REF_KEY };
        match mark(&mut info.schema, &ptr, key, value.clone()) {
            Ok(()) => {
                if key == REF_KEY {
                    stats.typed += 1;
                }
            }
            Err(why) => {
                if key == PLAIN_KEY {
                    // Counted under its reason already; nothing to write.
                    continue;
                }
                stats.unmatched.push(format!("{tn} {ptr} ({why})"));
            }
        }
    }
    // Attributes the relations name: typed like the properties that take them.
    for (tn, prop, marker, target) in attr_writes {
        let Some(info) = cat.types.get_mut(&tn) else { continue };
        let ro = info.schema["readOnlyProperties"]
            .as_array()
            .is_some_and(|a| a.iter().any(|p| p.as_str() == Some(&format!("/properties/{prop}"))));
        if !ro {
            continue;
        }
        let value = json!([{"marker": marker, "target": target}]);
        let _ = mark(&mut info.schema, &format!("/properties/{prop}"), REF_KEY, value);
    }
    // A row whose property the database no longer relates must be revisited, not kept silently.
    let unused: Vec<String> = formats::RELATION_OVERRIDES
        .iter()
        .filter(|(t, p, _)| cat.types.contains_key(*t) && !db.sites.iter().any(|s| s.type_name == *t && s.ptr == *p))
        .map(|(t, p, _)| format!("{t} {p}"))
        .collect();
    if !unused.is_empty() {
        return Err(format!(
            "RELATION_OVERRIDES in cfn-codegen/src/formats.rs names properties the service database no longer \
             relates; revisit or remove: {}",
            unused.join(", ")
        ));
    }
    stats.unmatched.sort();
    Ok(stats)
}

/// Sets `key` on the string the property at `ptr` holds (its list items for a list; a `$ref` to a
/// string definition is inlined first so that other uses of the definition stay as they are).
fn mark(schema: &mut Value, ptr: &str, key: &str, value: Value) -> Result<(), &'static str> {
    let defs = schema.get("definitions").cloned();
    let Some(node) = schema.pointer_mut(ptr) else {
        return Err("no such property in the schema");
    };
    let inline = |n: &mut Value| -> Result<(), &'static str> {
        let Some(r) = n.get("$ref").and_then(Value::as_str) else {
            return Ok(());
        };
        let name = r.strip_prefix("#/definitions/").ok_or("a non-local `$ref`")?;
        let def = defs.as_ref().and_then(|d| d.get(name)).ok_or("a `$ref` to nothing")?;
        if def.get("properties").is_some() || def.get("type").and_then(Value::as_str) != Some("string") {
            return Err("a `$ref` to a definition that is not a string");
        }
        let mut merged = def.clone();
        if let (Some(m), Some(o)) = (merged.as_object_mut(), n.as_object()) {
            for (k, v) in o {
                if k != "$ref" {
                    m.insert(k.clone(), v.clone());
                }
            }
        }
        *n = merged;
        Ok(())
    };
    inline(node)?;
    let is_array = node.get("type").and_then(Value::as_str) == Some("array");
    let target = if is_array {
        let items = node.get_mut("items").ok_or("a list without `items`")?;
        inline(items)?;
        items
    } else {
        node
    };
    let ty = target.get("type");
    let stringy = match ty {
        None => target.get("properties").is_none(),
        Some(Value::String(t)) => t == "string",
        Some(_) => false,
    };
    if !stringy {
        return Err("not a string or a list of strings");
    }
    target
        .as_object_mut()
        .ok_or("not an object")?
        .insert(key.to_string(), value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sites_and_ref_ids() {
        let v = json!({"schema": {
            "resource": {"entities": [
                {"$id": "1", "cloudFormationType": "AWS::EC2::Route", "properties": {
                    "RouteTableId": {"relationshipRefs": [{"cloudFormationType": "AWS::EC2::RouteTable", "propertyName": "RouteTableId"}]},
                    "DestinationCidrBlock": {}}},
                {"$id": "2", "cloudFormationType": "AWS::ApiGateway::Stage", "cfnRefIdentifier": ["StageName"], "properties": {}}
            ]},
            "typeDefinition": {"entities": [
                {"$id": "3", "name": "LoadBalancer", "properties": {"TargetGroupArn": {"relationshipRefs": [{"cloudFormationType": "AWS::ElasticLoadBalancingV2::TargetGroup", "propertyName": "TargetGroupArn"}]}}}
            ]},
            "usesType": {"forward": {"1": [{"$id": "3"}]}}
        }});
        let db = from_json(&v).unwrap();
        let sites: Vec<(&str, &str)> = db
            .sites
            .iter()
            .map(|s| (s.type_name.as_str(), s.ptr.as_str()))
            .collect();
        assert_eq!(
            sites,
            [
                ("AWS::EC2::Route", "/definitions/LoadBalancer/properties/TargetGroupArn"),
                ("AWS::EC2::Route", "/properties/RouteTableId")
            ]
        );
        assert_eq!(db.ref_ids["AWS::ApiGateway::Stage"], ["StageName"]);
        assert!(from_json(&json!({"schema": {}})).unwrap_err().contains("entities"));
    }

    #[test]
    fn marks_strings_lists_and_inlined_definitions() {
        let mut s = json!({"properties": {
            "A": {"type": "string"},
            "B": {"type": "array", "items": {"type": "string"}},
            "C": {"$ref": "#/definitions/Id"},
            "D": {"type": "object", "properties": {}}
        }, "definitions": {"Id": {"type": "string", "pattern": "^x"}}});
        let v = json!([{"marker": "Id", "target": "AWS::X::Y"}]);
        mark(&mut s, "/properties/A", REF_KEY, v.clone()).unwrap();
        mark(&mut s, "/properties/B", REF_KEY, v.clone()).unwrap();
        mark(&mut s, "/properties/C", REF_KEY, v.clone()).unwrap();
        assert!(mark(&mut s, "/properties/D", REF_KEY, v.clone()).is_err());
        assert!(mark(&mut s, "/properties/E", REF_KEY, v.clone()).is_err());
        assert_eq!(s["properties"]["A"][REF_KEY], v);
        assert_eq!(s["properties"]["B"]["items"][REF_KEY], v);
        assert_eq!(s["properties"]["C"]["pattern"], "^x");
        assert_eq!(s["properties"]["C"][REF_KEY], v);
        assert!(s["definitions"]["Id"].get(REF_KEY).is_none());
    }
}
