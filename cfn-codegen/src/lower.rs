//! Schemas to the intermediate representation.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::formats::{self, Marker, Meaning};
use crate::model::*;
use crate::naming::{camel, ident, resource_of, snake, unique, variant};
use crate::relations;

/// One resource type of the schema set.
pub struct TypeInfo {
    pub type_name: String,
    pub service: String,
    /// Rust type name, unique in its service.
    pub rust_name: String,
    /// Module of its property types, unique in its service (escaped).
    pub module: String,
    /// The schema, patched.
    pub schema: Value,
    /// Where it came from, for error messages.
    pub file: String,
}

impl TypeInfo {
    pub fn path(&self) -> String {
        format!("crate::aws::{}::{}", self.service, self.rust_name)
    }
}

/// The marker type of attribute `attr` of a resource type (`AppId` → `AppIdAttribute`), generated in
/// its property-type module.
pub fn attr_marker(attr: &str) -> String {
    format!("{}Attribute", camel(attr))
}

/// Every resource type of the schema set, by type name.
pub struct Catalog {
    pub types: BTreeMap<String, TypeInfo>,
}

type Res<T> = Result<T, String>;

impl Catalog {
    /// What a reference names in Rust: the target's path, or for [`Marker::Attr`] (target
    /// `Type#Attribute`) the target's path and its attribute's marker (`Attr<R, A>`'s two
    /// parameters).
    pub fn ref_path(&self, m: Marker, target: &str) -> String {
        let (tn, attr) = target.split_once('#').unwrap_or((target, ""));
        let Some(t) = self.types.get(tn) else {
            return String::new();
        };
        match m {
            Marker::Attr => format!(
                "{}, crate::aws::{}::{}::{}",
                t.path(),
                t.service,
                t.module,
                attr_marker(attr)
            ),
            _ => t.path(),
        }
    }

    /// Builds the catalog from `(type name, file name, schema)` triples.
    pub fn new(schemas: Vec<(String, String, Value)>) -> Res<Catalog> {
        let mut by_service: BTreeMap<String, Vec<(String, String, Value)>> = BTreeMap::new();
        for (tn, file, mut schema) in schemas {
            let service = crate::naming::service_of(&tn)
                .ok_or_else(|| format!("{file}: type name `{tn}` is not of the form `Vendor::Service::Resource`"))?;
            if ident(&service) != service {
                return Err(format!(
                    "{file}: service `{service}` of `{tn}` is a Rust keyword; extend the naming rules"
                ));
            }
            if !schema.is_object() {
                return Err(format!("{file}: the schema of `{tn}` is not a JSON object"));
            }
            formats::apply_patches(&tn, &mut schema).map_err(|e| format!("{file}: {e}"))?;
            by_service.entry(service).or_default().push((tn, file, schema));
        }
        let mut types = BTreeMap::new();
        for (service, mut list) in by_service {
            list.sort_by(|a, b| a.0.cmp(&b.0));
            let mut names = BTreeSet::new();
            let mut modules = BTreeSet::new();
            for (tn, file, schema) in list {
                let rust_name = unique(camel(resource_of(&tn)), &|n| names.contains(n));
                names.insert(rust_name.clone());
                let module = unique(snake(&rust_name), &|n| modules.contains(n));
                modules.insert(module.clone());
                types.insert(
                    tn.clone(),
                    TypeInfo {
                        type_name: tn,
                        service: service.clone(),
                        rust_name,
                        module: ident(&module),
                        schema,
                        file,
                    },
                );
            }
        }
        Ok(Catalog { types })
    }

    /// Checks [`formats::FORMATS`] against the schemas: every `Id` format is carried by its
    /// target's `primaryIdentifier` (what `Ref` returns), every `Arn` format by a read-only
    /// property (a `GetAtt` attribute). Only checks targets present in the set.
    /// Returns warnings for targets missing from the set (their formats stay plain strings).
    pub fn verify_formats(&self) -> Res<Vec<String>> {
        let mut warnings = Vec::new();
        for (format, meaning) in formats::FORMATS {
            let (marker, target) = match meaning {
                Meaning::One(m, t) | Meaning::List(m, t) => (*m, *t),
                Meaning::Plain => continue,
            };
            let Some(info) = self.types.get(target) else {
                warnings.push(format!(
                    "FORMATS maps `{format}` to `{target}`, which the schema set does not contain; such properties \
                     stay plain strings"
                ));
                continue;
            };
            let singular = format.trim_end_matches('s');
            let s = &info.schema;
            let carriers: Vec<&String> = s["properties"]
                .as_object()
                .map(|p| {
                    p.iter()
                        .filter(|(_, v)| mentions_format(v, singular))
                        .map(|(k, _)| k)
                        .collect()
                })
                .unwrap_or_default();
            let primary: Vec<&str> = s["primaryIdentifier"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
                .collect();
            let read_only: Vec<&str> = s["readOnlyProperties"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
                .collect();
            let ok = match marker {
                Marker::Id => primary.len() == 1 && carriers.iter().any(|c| primary[0] == format!("/properties/{c}")),
                Marker::Arn => carriers.iter().any(|c| {
                    read_only.contains(&format!("/properties/{c}").as_str()) && primary[0] != format!("/properties/{c}")
                }),
                Marker::Name => !carriers.is_empty(),
                Marker::Attr => true,
            };
            if !ok {
                return Err(format!(
                    "FORMATS says `{format}` is the {marker:?} of `{target}`, but its schema ({}) disagrees (primaryIdentifier \
                     {primary:?}, properties carrying the format {carriers:?}); check the AWS docs and fix the table in \
                     cfn-codegen/src/formats.rs",
                    info.file
                ));
            }
        }
        Ok(warnings)
    }
}

fn mentions_format(v: &Value, format: &str) -> bool {
    match v {
        Value::Object(o) => {
            o.get("format").and_then(Value::as_str) == Some(format)
                || ["anyOf", "oneOf"]
                    .iter()
                    .any(|k| o.get(*k).map(|a| mentions_format(a, format)).unwrap_or(false))
        }
        Value::Array(a) => a.iter().any(|x| mentions_format(x, format)),
        _ => false,
    }
}

/// Names `Handle` already has (or gets from traits); attribute methods with these names get `_attr`.
const HANDLE_METHODS: &[&str] = &["id", "logical_id", "name", "get_att", "ready", "clone", "fmt", "new"];

struct Lowerer<'a> {
    cat: &'a Catalog,
    info: &'a TypeInfo,
    schema: &'a Value,
    def_names: BTreeMap<String, String>,
    structs: BTreeMap<String, StructDef>,
    enums: BTreeMap<String, EnumDef>,
    /// Names taken in the property-type module.
    taken: BTreeSet<String>,
    memo: BTreeMap<String, Fty>,
    in_progress: BTreeSet<String>,
    /// (object pointer, property) pairs that are read-only.
    read_only: BTreeSet<(String, String)>,
    refs: BTreeSet<String>,
    /// Reference unions by their alternatives, with the trait's name.
    unions: BTreeMap<Vec<(Marker, String, String)>, UnionDef>,
    /// Where the schema and the service database disagree (an error unless overridden).
    conflicts: Vec<String>,
}

/// What a schema node itself says about the reference it holds.
enum SchemaRef {
    None,
    One(Marker, String),
    /// `anyOf`/`oneOf` alternatives, each a reference.
    AnyOf(Vec<(Marker, String)>),
}

fn err<T>(file: &str, ptr: &str, what: impl std::fmt::Display) -> Res<T> {
    Err(format!("{file}: at `{ptr}`: {what}"))
}

fn type_list(o: &Map<String, Value>) -> Vec<&str> {
    match o.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        // `"type": {"type": "string", "enum": …}` occurs; read the inner type.
        Some(Value::Object(inner)) => inner.get("type").and_then(Value::as_str).into_iter().collect(),
        _ => Vec::new(),
    }
}

fn string_enum(o: &Map<String, Value>) -> Option<Vec<String>> {
    let values = o.get("enum")?.as_array()?;
    if values.is_empty() || !values.iter().all(Value::is_string) {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    for v in values.iter().filter_map(Value::as_str) {
        if !out.iter().any(|x| x == v) {
            out.push(v.to_string());
        }
    }
    Some(out)
}

fn as_u64(v: Option<&Value>) -> Option<u64> {
    let v = v?;
    v.as_u64()
        .or_else(|| v.as_f64().filter(|f| *f >= 0.0 && f.fract() == 0.0).map(|f| f as u64))
}

fn cons_of(o: &Map<String, Value>, array: bool) -> Cons {
    let (min_k, max_k) = if array {
        ("minItems", "maxItems")
    } else {
        ("minLength", "maxLength")
    };
    Cons {
        pattern: if array {
            None
        } else {
            o.get("pattern").and_then(Value::as_str).map(str::to_string)
        },
        min_length: as_u64(o.get(min_k)),
        max_length: as_u64(o.get(max_k)),
        minimum: o.get("minimum").and_then(Value::as_f64).filter(|f| f.is_finite()),
        maximum: o.get("maximum").and_then(Value::as_f64).filter(|f| f.is_finite()),
        one_of: Vec::new(),
    }
}

fn merge_cons(base: Cons, over: Cons) -> Cons {
    Cons {
        pattern: over.pattern.or(base.pattern),
        min_length: over.min_length.or(base.min_length),
        max_length: over.max_length.or(base.max_length),
        minimum: over.minimum.or(base.minimum),
        maximum: over.maximum.or(base.maximum),
        one_of: if over.one_of.is_empty() {
            base.one_of
        } else {
            over.one_of
        },
    }
}

fn description(o: &Map<String, Value>) -> String {
    o.get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string()
}

/// The schema kind of a node for combinator decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Str,
    Int,
    Num,
    Bool,
    Arr,
    Obj,
    Json,
}

impl<'a> Lowerer<'a> {
    fn file(&self) -> &str {
        &self.info.file
    }

    /// Follows `$ref`s; returns the node and its canonical pointer.
    fn deref(&self, node: &'a Value, ptr: &str) -> Res<(&'a Value, String)> {
        let mut node = node;
        let mut ptr = ptr.to_string();
        for _ in 0..16 {
            let Some(r) = node.get("$ref") else {
                return Ok((node, ptr));
            };
            let Some(target) = r.as_str().and_then(|r| r.strip_prefix('#')) else {
                return err(
                    self.file(),
                    &ptr,
                    format!("unsupported `$ref` {r} (only local `#/…` references are)"),
                );
            };
            let Some(next) = self.schema.pointer(target) else {
                return err(self.file(), &ptr, format!("`$ref` {r} points at nothing"));
            };
            node = next;
            ptr = target.to_string();
        }
        err(self.file(), &ptr, "`$ref` chain too long (cycle?)")
    }

    fn kind(&self, node: &'a Value, ptr: &str) -> Res<Option<Kind>> {
        let (node, _) = self.deref(node, ptr)?;
        let Some(o) = node.as_object() else {
            return Ok(Some(Kind::Json));
        };
        if o.get("format").and_then(Value::as_str) == Some("json") {
            return Ok(Some(Kind::Json));
        }
        let types = type_list(o);
        if types.len() > 1 {
            let non_str: Vec<&str> = types
                .iter()
                .copied()
                .filter(|t| *t != "string" && *t != "null")
                .collect();
            return Ok(Some(match non_str.as_slice() {
                [] => Kind::Str,
                ["integer"] => Kind::Int,
                ["number"] => Kind::Num,
                ["boolean"] => Kind::Bool,
                _ => Kind::Json,
            }));
        }
        Ok(match types.first().copied() {
            Some("string") => Some(Kind::Str),
            Some("integer") => Some(Kind::Int),
            Some("number") => Some(Kind::Num),
            Some("boolean") => Some(Kind::Bool),
            Some("array") => Some(Kind::Arr),
            Some("object") => Some(Kind::Obj),
            Some(_) => Some(Kind::Json),
            None => {
                if o.contains_key("properties") {
                    Some(Kind::Obj)
                } else if o.contains_key("items") {
                    Some(Kind::Arr)
                } else if o.contains_key("format")
                    || o.contains_key("relationshipRef")
                    || o.contains_key("pattern")
                    || o.contains_key("minLength")
                    || o.contains_key("maxLength")
                    || string_enum(o).is_some()
                {
                    Some(Kind::Str)
                } else if o.contains_key("patternProperties") {
                    Some(Kind::Obj)
                } else {
                    None
                }
            }
        })
    }

    /// The substantive alternatives of `oneOf`/`anyOf`/`allOf` (those that say what the value is,
    /// not just which properties are required), with their kinds.
    fn alternatives(&self, o: &'a Map<String, Value>, ptr: &str) -> Res<Vec<(&'a Value, String, Kind)>> {
        let mut out = Vec::new();
        for key in ["oneOf", "anyOf", "allOf"] {
            let Some(alts) = o.get(key).and_then(Value::as_array) else {
                continue;
            };
            for (i, alt) in alts.iter().enumerate() {
                let p = format!("{ptr}/{key}/{i}");
                if let Some(k) = self.kind(alt, &p)? {
                    out.push((alt, p, k));
                }
            }
        }
        // A JSON fallback next to a concrete alternative (`KeySchema: [list] | json`): keep the concrete one.
        if out.iter().any(|a| a.2 != Kind::Json) {
            out.retain(|a| a.2 != Kind::Json);
        }
        Ok(out)
    }

    fn classify(&mut self, node: &'a Value, ptr: &str, hint: &str, owner: &str, top: bool) -> Res<(Fty, Vec<String>)> {
        if let Some(r) = node.get("$ref") {
            let (target, tptr) = self.deref(node, ptr)?;
            let _ = r;
            return self.classify_def(target, &tptr, top);
        }
        let Some(o) = node.as_object() else {
            return Ok((Fty::Value(Vt::Json), vec![]));
        };
        let kind = match self.kind(node, ptr)? {
            Some(k) => k,
            None => {
                let alts = self.alternatives(o, ptr)?;
                let kinds: BTreeSet<String> = alts.iter().map(|a| format!("{:?}", a.2)).collect();
                match (alts.first(), kinds.len()) {
                    (None, _) => Kind::Json,
                    (Some(&(alt, ref p, k)), 1) => {
                        if alts.len() == 1 && k != Kind::Str {
                            return self.classify(alt, p, hint, owner, top);
                        }
                        k
                    }
                    _ => Kind::Json,
                }
            }
        };
        Ok(match kind {
            Kind::Json => (Fty::Value(Vt::Json), vec![]),
            Kind::Int => (Fty::Value(Vt::Int), vec![]),
            Kind::Num => (Fty::Value(Vt::Num), vec![]),
            Kind::Bool => (Fty::Value(Vt::Bool), vec![]),
            Kind::Str => self.string_type(o, ptr, hint, owner, top, None)?,
            Kind::Arr => self.array_type(o, ptr, hint, owner, top)?,
            Kind::Obj => (self.object_type(o, ptr, hint, owner, None)?, vec![]),
        })
    }

    /// False for a field whose property type has only read-only properties.
    fn settable(&self, f: &Field) -> bool {
        match struct_target(&f.ty) {
            Some(n) => !self.structs.get(&n).is_some_and(|s| s.all_read_only),
            None => true,
        }
    }

    /// True for a definition that becomes a named Rust type: an object with properties, a union of
    /// objects, or a string enum.
    fn becomes_type(&self, node: &'a Value, ptr: &str) -> Res<bool> {
        let Some(o) = node.as_object() else { return Ok(false) };
        if o.contains_key("$ref") {
            return Ok(false);
        }
        Ok(match self.kind(node, ptr)? {
            Some(Kind::Obj) => {
                o.get("properties")
                    .and_then(Value::as_object)
                    .is_some_and(|p| !p.is_empty())
                    || (!o.contains_key("properties") && self.is_union_of_objects_alts(o, ptr)?)
            }
            Some(Kind::Str) => string_enum(o).is_some(),
            None => self.is_union_of_objects(node, ptr)?,
            _ => false,
        })
    }

    fn is_union_of_objects_alts(&self, o: &'a Map<String, Value>, ptr: &str) -> Res<bool> {
        let alts = self.alternatives(o, ptr)?;
        Ok(!alts.is_empty() && alts.iter().all(|a| a.2 == Kind::Obj))
    }

    /// True when `node` is `oneOf`/`anyOf` of objects only (a union struct).
    fn is_union_of_objects(&self, node: &'a Value, ptr: &str) -> Res<bool> {
        let Some(o) = node.as_object() else { return Ok(false) };
        if o.contains_key("properties") || o.contains_key("type") {
            return Ok(false);
        }
        let alts = self.alternatives(o, ptr)?;
        Ok(!alts.is_empty() && alts.iter().all(|a| a.2 == Kind::Obj))
    }

    /// A `$ref`'d definition: memoised; object definitions become named structs (recursion-safe).
    fn classify_def(&mut self, node: &'a Value, ptr: &str, top: bool) -> Res<(Fty, Vec<String>)> {
        if let Some(f) = self.memo.get(ptr) {
            return Ok((f.clone(), vec![]));
        }
        if self.in_progress.contains(ptr) {
            return Ok((Fty::Value(Vt::Json), vec![]));
        }
        let key = ptr.rsplit('/').next().unwrap_or(ptr).to_string();
        let name = self.def_names.get(ptr).cloned();
        let Some(o) = node.as_object() else {
            return Ok((Fty::Value(Vt::Json), vec![]));
        };
        self.in_progress.insert(ptr.to_string());
        let kind = self.kind(node, ptr)?;
        let result = match kind {
            Some(Kind::Obj) => (self.object_type(o, ptr, &key, "", name)?, vec![]),
            None if self.is_union_of_objects(node, ptr)? => (self.object_type(o, ptr, &key, "", name)?, vec![]),
            Some(Kind::Str) if string_enum(o).is_some() => self.string_type(o, ptr, &key, "", top, name)?,
            _ => self.classify(node, ptr, &key, "", top)?,
        };
        self.in_progress.remove(ptr);
        // Typed references depend on the use site (`top`), so only memoise what does not.
        if !top {
            self.memo.insert(ptr.to_string(), result.0.clone());
        }
        Ok(result)
    }

    fn string_type(
        &mut self,
        o: &'a Map<String, Value>,
        ptr: &str,
        hint: &str,
        owner: &str,
        top: bool,
        def_name: Option<String>,
    ) -> Res<(Fty, Vec<String>)> {
        if let Some(values) = string_enum(o) {
            if o.get("format").is_none() {
                let name = self.make_enum(values, hint, owner, def_name, &description(o));
                return Ok((Fty::Value(Vt::Enum(name)), vec![]));
            }
        }
        if o.get(formats::SECRET_KEY) == Some(&Value::Bool(true)) {
            let note = "A secret: only a secret dynamic reference (`DynamicRef::…secret()`) or a `NoEcho` parameter.";
            return Ok((Fty::Value(Vt::Secret), vec![note.to_string()]));
        }
        if let Some((marker, _, note)) = o
            .get(formats::EVIDENCE_KEY)
            .and_then(Value::as_str)
            .and_then(formats::evidence)
        {
            return Ok((Fty::Value(Vt::Evidence(marker)), vec![note.to_string()]));
        }
        let mut notes = Vec::new();
        let vt = self.reference(o, ptr, top, &mut notes)?;
        Ok((Fty::Value(vt.unwrap_or(Vt::String)), notes))
    }

    /// A typed reference: from the service database's relationships ([`relations::REF_KEY`],
    /// checked against the schema), else from `format` or `relationshipRef` (on the node or, all
    /// agreeing, on its `anyOf`/`oneOf` alternatives).
    fn reference(&mut self, o: &Map<String, Value>, ptr: &str, top: bool, notes: &mut Vec<String>) -> Res<Option<Vt>> {
        let schema = self.schema_reference(o, ptr, notes)?;
        if let Some(why) = o.get(relations::PLAIN_KEY).and_then(Value::as_str) {
            if why.starts_with(formats::OVERRIDE_PREFIX) {
                notes.retain(|n| !n.starts_with("Accepts any of"));
                return Ok(None);
            }
        }
        let db: Vec<(Marker, String)> = o
            .get(relations::REF_KEY)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|r| {
                let m = match r.get("marker")?.as_str()? {
                    "Id" => Marker::Id,
                    "Arn" => Marker::Arn,
                    "Name" => Marker::Name,
                    "Attr" => Marker::Attr,
                    _ => return None,
                };
                Some((m, r.get("target")?.as_str()?.to_string()))
            })
            .collect();
        let mut refs: Vec<(Marker, String)> = match (&schema, db.as_slice()) {
            (SchemaRef::One(m, t), []) => vec![(*m, t.clone())],
            (SchemaRef::One(m, t), db) => {
                if !db.contains(&(*m, t.clone())) {
                    self.conflicts.push(format!(
                        "{} {ptr}: the schema's format says {m:?}<{t}>, the service database says {}",
                        self.info.type_name,
                        db.iter()
                            .map(|(m, t)| format!("{m:?}<{t}>"))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    ));
                }
                db.to_vec()
            }
            (SchemaRef::AnyOf(alts), db) => {
                let mut all = alts.clone();
                all.extend(db.iter().cloned());
                all
            }
            (SchemaRef::None, db) => db.to_vec(),
        };
        // The resource's own name or id, set by the user, is a plain string; so is a reference one
        // of whose targets is not in the schema set (a narrower type would refuse that target).
        let type_of = |t: &str| t.split('#').next().unwrap_or(t).to_string();
        if refs.iter().any(|(_, t)| {
            let t = type_of(t);
            !self.cat.types.contains_key(&t) || (top && t == self.info.type_name)
        }) {
            return Ok(None);
        }
        refs.sort();
        refs.dedup();
        match refs.as_slice() {
            [] => Ok(None),
            [(marker, target)] => {
                notes.retain(|n| !n.starts_with("Accepts any of"));
                let t = &self.cat.types[&type_of(target)];
                if t.service != self.info.service {
                    self.refs.insert(t.service.clone());
                }
                Ok(Some(Vt::Ref(*marker, self.cat.ref_path(*marker, target))))
            }
            many => {
                notes.retain(|n| !n.starts_with("Accepts any of"));
                let alts: Vec<(Marker, String, String)> = many
                    .iter()
                    .map(|(m, t)| {
                        let info = &self.cat.types[&type_of(t)];
                        (*m, self.cat.ref_path(*m, t), info.service.clone())
                    })
                    .collect();
                let hint = ptr.rsplit('/').find(|s| *s != "items").unwrap_or("Reference");
                if let Some(u) = self.unions.get(&alts) {
                    return Ok(Some(Vt::Union(u.name.clone())));
                }
                let name = unique(format!("{}Ref", camel(hint)), &|n| self.taken.contains(n));
                self.taken.insert(name.clone());
                self.unions.insert(
                    alts.clone(),
                    UnionDef {
                        name: name.clone(),
                        property: hint.to_string(),
                        alts,
                    },
                );
                Ok(Some(Vt::Union(name)))
            }
        }
    }

    /// What the schema itself says (`format`, `relationshipRef`, or its alternatives).
    fn schema_reference(&mut self, o: &Map<String, Value>, ptr: &str, notes: &mut Vec<String>) -> Res<SchemaRef> {
        let own = self.meaning_of(o, ptr)?;
        let meaning = match own {
            Some(m) => m,
            None => {
                let mut alts: Vec<Option<(Marker, String)>> = Vec::new();
                let mut labels = Vec::new();
                for key in ["anyOf", "oneOf"] {
                    for (i, alt) in o.get(key).and_then(Value::as_array).into_iter().flatten().enumerate() {
                        let Some(a) = alt.as_object() else { continue };
                        if let Some(m) = self.meaning_of(a, &format!("{ptr}/{key}/{i}"))? {
                            alts.push(m.clone());
                            labels.push(match (a.get("format"), a.get("relationshipRef")) {
                                (Some(f), _) => format!("`{}`", f.as_str().unwrap_or("?")),
                                (None, Some(r)) => format!(
                                    "`{}` `{}`",
                                    r["typeName"].as_str().unwrap_or("?"),
                                    r["propertyPath"]
                                        .as_str()
                                        .unwrap_or("?")
                                        .trim_start_matches("/properties/")
                                ),
                                _ => String::new(),
                            });
                        } else if a.contains_key("pattern") || a.contains_key("enum") || a.contains_key("type") {
                            alts.push(None);
                        }
                    }
                }
                if alts.is_empty() {
                    return Ok(SchemaRef::None);
                }
                let first = alts[0].clone();
                if alts.iter().all(|a| *a == first) {
                    first
                } else if alts.iter().all(Option::is_some) {
                    // Every alternative a reference: a union of them (the note stays where the
                    // union cannot be typed, e.g. a target outside the schema set).
                    notes.push(format!("Accepts any of: {}.", labels.join(", ")));
                    return Ok(SchemaRef::AnyOf(alts.into_iter().flatten().collect()));
                } else {
                    if !labels.is_empty() {
                        notes.push(format!("Accepts any of: {}.", labels.join(", ")));
                    }
                    None
                }
            }
        };
        Ok(match meaning {
            Some((m, t)) => SchemaRef::One(m, t),
            None => SchemaRef::None,
        })
    }

    /// `Some(None)`: an explicit plain string; `Some(Some(..))`: a reference; `None`: nothing said.
    #[allow(clippy::type_complexity)]
    fn meaning_of(&self, o: &Map<String, Value>, ptr: &str) -> Res<Option<Option<(Marker, String)>>> {
        if let Some(f) = o.get("format").and_then(Value::as_str) {
            if f.starts_with("AWS::") {
                return match formats::meaning(f) {
                    Some(Meaning::One(m, t)) => Ok(Some(Some((m, t.to_string())))),
                    Some(_) => Ok(Some(None)),
                    None => err(
                        self.file(),
                        ptr,
                        format!("unknown format `{f}`: add it to FORMATS in cfn-codegen/src/formats.rs"),
                    ),
                };
            }
        }
        if let Some(r) = o.get("relationshipRef") {
            return Ok(Some(self.relationship(r)));
        }
        Ok(None)
    }

    /// What a `relationshipRef` means: the target property's own format, else `Ref` when it is
    /// the target's primary identifier, else `Arn` for a read-only `…Arn` attribute.
    fn relationship(&self, r: &Value) -> Option<(Marker, String)> {
        let tn = r.get("typeName")?.as_str()?;
        let path = r.get("propertyPath")?.as_str()?;
        let prop = path.strip_prefix("/properties/").filter(|p| !p.contains('/'))?;
        let target = self.cat.types.get(tn)?;
        let s = &target.schema;
        let node = s.get("properties")?.get(prop)?;
        if let Some(Meaning::One(m, t)) = node.get("format").and_then(Value::as_str).and_then(formats::meaning) {
            return Some((m, t.to_string()));
        }
        let strs = |k: &str| -> Vec<&str> {
            s[k].as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect()
        };
        if strs("primaryIdentifier") == [path] {
            return Some((Marker::Id, tn.to_string()));
        }
        if prop.to_ascii_lowercase().ends_with("arn") && strs("readOnlyProperties").contains(&path) {
            return Some((Marker::Arn, tn.to_string()));
        }
        None
    }

    fn array_type(
        &mut self,
        o: &'a Map<String, Value>,
        ptr: &str,
        hint: &str,
        owner: &str,
        top: bool,
    ) -> Res<(Fty, Vec<String>)> {
        if let Some(f) = o
            .get("format")
            .and_then(Value::as_str)
            .filter(|f| f.starts_with("AWS::"))
        {
            let Some(meaning) = formats::meaning(f) else {
                return err(
                    self.file(),
                    ptr,
                    format!("unknown format `{f}`: add it to FORMATS in cfn-codegen/src/formats.rs"),
                );
            };
            if let Meaning::List(m, t) = meaning {
                if let Some(info) = self.cat.types.get(t) {
                    if !(top && t == self.info.type_name) {
                        if info.service != self.info.service {
                            self.refs.insert(info.service.clone());
                        }
                        return Ok((Fty::Value(Vt::Vec(Box::new(Vt::Ref(m, info.path())))), vec![]));
                    }
                }
            }
        }
        let Some(items) = o.get("items") else {
            return Ok((Fty::Value(Vt::Vec(Box::new(Vt::Json))), vec![]));
        };
        if items.is_array() {
            return Ok((Fty::Value(Vt::Json), vec![]));
        }
        let (inner, mut notes) = self.classify(items, &format!("{ptr}/items"), hint, owner, top)?;
        Ok((
            match inner {
                // A list of references to several types: typed lists hold one type (a list
                // parameter or `Fn::Split` must fit), so the items stay strings.
                Fty::Value(Vt::Union(u)) => {
                    notes.push(format!(
                        "Each item is a reference as `{u}` lists; the list holds strings (typed lists hold one type)."
                    ));
                    Fty::Value(Vt::Vec(Box::new(Vt::String)))
                }
                Fty::Value(vt) => Fty::Value(Vt::Vec(Box::new(vt))),
                Fty::Struct(n) => Fty::StructVec(n),
                _ => Fty::Value(Vt::Json),
            },
            notes,
        ))
    }

    fn object_type(
        &mut self,
        o: &'a Map<String, Value>,
        ptr: &str,
        hint: &str,
        owner: &str,
        def_name: Option<String>,
    ) -> Res<Fty> {
        // An object inside a definition reached again (through another use of the definition).
        if let Some(Fty::Struct(n)) = self.memo.get(ptr) {
            return Ok(Fty::Struct(n.clone()));
        }
        let has_props = o
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| !p.is_empty())
            .unwrap_or(false);
        let mut parts: Vec<(&'a Map<String, Value>, String)> = Vec::new();
        if has_props {
            parts.push((o, ptr.to_string()));
        } else if o.get("properties").is_none() {
            // `oneOf` of objects: one struct holding every alternative's properties, all optional.
            let alts = self.alternatives(o, ptr)?;
            if !alts.is_empty() && alts.iter().all(|a| a.2 == Kind::Obj) {
                for (alt, p, _) in alts {
                    let (alt, p) = self.deref(alt, &p)?;
                    match alt.as_object() {
                        Some(a)
                            if a.get("properties")
                                .and_then(Value::as_object)
                                .is_some_and(|p| !p.is_empty()) =>
                        {
                            parts.push((a, p))
                        }
                        _ => {
                            parts.clear();
                            break;
                        }
                    }
                }
            }
        }
        if parts.is_empty() {
            return self.map_type(o, ptr, hint, owner);
        }
        let is_def = def_name.is_some();
        let name = match def_name {
            Some(n) => n,
            None => {
                let base = camel(hint);
                let base = if self.taken.contains(&base) && !owner.is_empty() {
                    format!("{owner}{base}")
                } else {
                    base
                };
                unique(base, &|n| self.taken.contains(n))
            }
        };
        self.taken.insert(name.clone());
        if ptr.starts_with("/definitions/") {
            self.memo.insert(ptr.to_string(), Fty::Struct(name.clone()));
        }
        let union = parts.len() > 1 || !has_props;
        let required: BTreeSet<&str> = if union {
            BTreeSet::new()
        } else {
            o.get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect()
        };
        let mut fields: Vec<Field> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut excluded = 0;
        for (part, pptr) in &parts {
            let Some(props) = part.get("properties").and_then(Value::as_object) else {
                continue;
            };
            for (pname, pnode) in props {
                if !seen.insert(pname.clone()) {
                    continue;
                }
                if self.read_only.contains(&(pptr.clone(), pname.clone())) {
                    excluded += 1;
                    continue;
                }
                let f = self.field(
                    pname,
                    pnode,
                    &format!("{pptr}/properties/{pname}"),
                    &name,
                    required.contains(pname.as_str()),
                    false,
                    &fields,
                )?;
                if self.settable(&f) {
                    fields.push(f);
                } else {
                    excluded += 1;
                }
            }
        }
        let doc = description(o);
        let all_read_only = fields.is_empty() && excluded > 0;
        if !is_def {
            // The same inline object written out twice (cfn-lint's schemas inline some definitions
            // next to the `$ref`s): one type.
            let sig = |fs: &[Field]| {
                fs.iter()
                    .map(|f| (f.json.clone(), f.ty.clone(), f.required))
                    .collect::<Vec<_>>()
            };
            let mine = sig(&fields);
            let twin = self
                .structs
                .values()
                .find(|s| s.schema_name == hint && !s.all_read_only && sig(&s.fields) == mine)
                .map(|s| s.name.clone());
            if let Some(twin) = twin {
                self.taken.remove(&name);
                self.memo.insert(ptr.to_string(), Fty::Struct(twin.clone()));
                return Ok(Fty::Struct(twin));
            }
        }
        self.structs.insert(
            name.clone(),
            StructDef {
                name: name.clone(),
                schema_name: hint.to_string(),
                doc,
                fields,
                required_struct: None,
                all_read_only,
            },
        );
        Ok(Fty::Struct(name))
    }

    fn map_type(&mut self, o: &'a Map<String, Value>, ptr: &str, hint: &str, owner: &str) -> Res<Fty> {
        let mut values: Vec<(&'a Value, String)> = Vec::new();
        if let Some(pp) = o.get("patternProperties").and_then(Value::as_object) {
            for (k, v) in pp {
                values.push((v, format!("{ptr}/patternProperties/{k}")));
            }
        }
        if let Some(ap) = o.get("additionalProperties").filter(|v| v.is_object()) {
            values.push((ap, format!("{ptr}/additionalProperties")));
        }
        let mut tys = BTreeSet::new();
        for (v, p) in values {
            let (t, _) = self.classify(v, &p, hint, owner, false)?;
            tys.insert(t);
        }
        Ok(match (tys.len(), tys.into_iter().next()) {
            (1, Some(t @ (Fty::Value(_) | Fty::Struct(_)))) => Fty::Map(Box::new(t)),
            _ => Fty::Value(Vt::Json),
        })
    }

    fn make_enum(
        &mut self,
        values: Vec<String>,
        hint: &str,
        owner: &str,
        def_name: Option<String>,
        doc: &str,
    ) -> String {
        // Reuse an enum of the same base name and values.
        let base = def_name.clone().unwrap_or_else(|| camel(hint));
        for cand in [base.clone(), format!("{owner}{base}")] {
            if let Some(e) = self.enums.get(&cand) {
                if e.variants.iter().map(|v| &v.1).eq(values.iter()) {
                    return cand;
                }
            }
        }
        let name = match def_name {
            Some(n) => n,
            None => {
                let b = if self.taken.contains(&base) && !owner.is_empty() {
                    format!("{owner}{base}")
                } else {
                    base
                };
                unique(b, &|n| self.taken.contains(n))
            }
        };
        self.taken.insert(name.clone());
        let mut used = BTreeSet::new();
        let variants = values
            .into_iter()
            .map(|v| {
                let var = unique(variant(&v), &|n| used.contains(n));
                used.insert(var.clone());
                (var, v)
            })
            .collect();
        self.enums.insert(
            name.clone(),
            EnumDef {
                name: name.clone(),
                doc: doc.to_string(),
                variants,
            },
        );
        name
    }

    #[allow(clippy::too_many_arguments)]
    fn field(
        &mut self,
        pname: &str,
        pnode: &'a Value,
        ptr: &str,
        owner: &str,
        required: bool,
        top: bool,
        siblings: &[Field],
    ) -> Res<Field> {
        let (ty, notes) = self.classify(pnode, ptr, pname, owner, top)?;
        let base = snake(pname);
        let base = if base == "new" { "new_value".to_string() } else { base };
        let rust = unique(ident(&base), &|n| siblings.iter().any(|f| f.rust == n));
        let (deref, _) = self.deref(pnode, ptr)?;
        let own = pnode.as_object();
        let target = deref.as_object();
        let mut doc = own.map(description).unwrap_or_default();
        if doc.is_empty() {
            doc = target.map(description).unwrap_or_default();
        }
        let cons = self.field_cons(own, target, &ty)?;
        Ok(Field {
            json: pname.to_string(),
            rust,
            ty,
            required,
            boxed: false,
            doc,
            notes,
            cons,
        })
    }

    fn field_cons(
        &self,
        own: Option<&Map<String, Value>>,
        target: Option<&Map<String, Value>>,
        ty: &Fty,
    ) -> Res<Vec<(String, Cons)>> {
        let mut out = Vec::new();
        let (Some(own), Some(target)) = (own, target) else {
            return Ok(out);
        };
        match ty {
            Fty::Value(vt) => {
                let is_vec = matches!(vt, Vt::Vec(_));
                let mut c = merge_cons(cons_of(target, is_vec), cons_of(own, is_vec));
                if *vt == Vt::String {
                    if let Some(v) = string_enum(own).or_else(|| string_enum(target)) {
                        c.one_of = v;
                    }
                }
                if matches!(vt, Vt::Enum(_)) {
                    c = Cons::default();
                }
                if !c.is_empty() {
                    out.push((String::new(), c));
                }
                if let Vt::Vec(inner) = vt {
                    if let Some(items) = target.get("items").or_else(|| own.get("items")) {
                        let (items_t, _) = self.deref(items, "")?;
                        if let (Some(io), Some(it)) = (items.as_object(), items_t.as_object()) {
                            let mut c = merge_cons(cons_of(it, false), cons_of(io, false));
                            if **inner == Vt::String {
                                if let Some(v) = string_enum(io).or_else(|| string_enum(it)) {
                                    c.one_of = v;
                                }
                            }
                            if matches!(**inner, Vt::Enum(_)) || matches!(**inner, Vt::Vec(_)) {
                                c = Cons::default();
                            }
                            if !c.is_empty() {
                                out.push(("/*".to_string(), c));
                            }
                        }
                    }
                }
            }
            Fty::StructVec(_) => {
                let c = merge_cons(cons_of(target, true), cons_of(own, true));
                if !c.is_empty() {
                    out.push((String::new(), c));
                }
            }
            _ => {}
        }
        Ok(out)
    }

    /// Navigates `/properties/A/B/…` to the schema node and its pointer; `None` through lists.
    fn navigate(&self, path: &str) -> Res<Option<(&'a Value, String, Vec<String>)>> {
        let Some(rest) = path.strip_prefix("/properties/") else {
            return Ok(None);
        };
        let segs: Vec<String> = rest.split('/').map(str::to_string).collect();
        if segs.iter().any(|s| s == "*" || s.is_empty()) {
            return Ok(None);
        }
        let mut node: &'a Value = &self.schema["properties"];
        let mut ptr = String::new();
        for (i, s) in segs.iter().enumerate() {
            if i > 0 {
                let (d, p) = self.deref(node, &ptr)?;
                node = d;
                ptr = p;
                node = &node["properties"];
            } else {
                ptr.clear();
            }
            let Some(next) = node.get(s) else { return Ok(None) };
            node = next;
            ptr = format!("{ptr}/properties/{s}");
        }
        Ok(Some((node, ptr, segs)))
    }

    fn is_primitive(&self, node: &'a Value, ptr: &str) -> Res<bool> {
        Ok(match self.kind(node, ptr)? {
            Some(Kind::Obj) | Some(Kind::Json) | None => false,
            Some(Kind::Arr) => {
                let (d, p) = self.deref(node, ptr)?;
                match d.get("items") {
                    Some(items) => matches!(
                        self.kind(items, &format!("{p}/items"))?,
                        Some(Kind::Str | Kind::Int | Kind::Num | Kind::Bool)
                    ),
                    None => false,
                }
            }
            Some(_) => true,
        })
    }
}

/// Lowers one resource type.
pub fn lower(cat: &Catalog, type_name: &str) -> Res<ResourceIr> {
    let info = cat
        .types
        .get(type_name)
        .ok_or_else(|| format!("unknown type {type_name}"))?;
    let schema = &info.schema;
    let file = &info.file;
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return err(
            file,
            "/properties",
            "missing or not an object; every resource schema has `properties`",
        );
    };
    let strs = |k: &str| -> Res<Vec<String>> {
        match schema.get(k) {
            None => Ok(Vec::new()),
            Some(Value::Array(a)) => a
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| format!("{file}: `{k}` holds a non-string"))
                })
                .collect(),
            Some(_) => err(file, k, "expected a list of JSON pointers"),
        }
    };
    let read_only = strs("readOnlyProperties")?;
    let create_only: BTreeSet<String> = strs("createOnlyProperties")?.into_iter().collect();
    let deprecated: BTreeSet<String> = strs("deprecatedProperties")?.into_iter().collect();
    let required: BTreeSet<String> = strs("required")?.into_iter().collect();

    let mut lw = Lowerer {
        cat,
        info,
        schema,
        def_names: BTreeMap::new(),
        structs: BTreeMap::new(),
        enums: BTreeMap::new(),
        taken: BTreeSet::new(),
        memo: BTreeMap::new(),
        in_progress: BTreeSet::new(),
        read_only: BTreeSet::new(),
        refs: BTreeSet::new(),
        unions: BTreeMap::new(),
        conflicts: Vec::new(),
    };
    // Names of the definitions that become types, reserved up front so that inline objects and
    // enums never take them. (Definitions that are lists or aliases are inlined where used.)
    if let Some(defs) = schema.get("definitions").and_then(Value::as_object) {
        let mut keys: Vec<&String> = defs.keys().collect();
        keys.sort();
        for k in keys {
            let ptr = format!("/definitions/{k}");
            if !lw.becomes_type(&defs[k], &ptr)? {
                continue;
            }
            let n = unique(camel(k), &|n| lw.taken.contains(n));
            lw.taken.insert(n.clone());
            lw.def_names.insert(ptr, n);
        }
    }
    // Nested read-only paths exclude the field from its property type.
    for p in &read_only {
        let Some((parent_path, last)) = p.rsplit_once('/') else {
            continue;
        };
        if parent_path == "/properties" {
            continue;
        }
        if let Some((parent, pptr, _)) = lw.navigate(parent_path)? {
            let (_, canon) = lw.deref(parent, &pptr)?;
            lw.read_only.insert((canon, last.to_string()));
        }
    }

    let name = info.rust_name.clone();
    let mut fields: Vec<Field> = Vec::new();
    for (pname, pnode) in props {
        let path = format!("/properties/{pname}");
        if read_only.contains(&path) {
            continue;
        }
        let mut f = lw.field(pname, pnode, &path, &name, required.contains(pname), true, &fields)?;
        if !lw.settable(&f) {
            continue;
        }
        if create_only.contains(&path) {
            f.notes.push("Changing it replaces the resource.".into());
        }
        if deprecated.contains(&path) {
            f.notes.push("Deprecated.".into());
        }
        fields.push(f);
    }

    // GetAtt attributes.
    let mut attrs: Vec<Attr> = Vec::new();
    for p in &read_only {
        let Some((node, ptr, segs)) = lw.navigate(p)? else {
            continue;
        };
        if !lw.is_primitive(node, &ptr)? {
            continue;
        }
        let (ty, _) = lw.classify(node, &ptr, segs.last().map(String::as_str).unwrap_or(""), &name, false)?;
        let Fty::Value(vt) = ty else { continue };
        let base: Vec<String> = segs.iter().map(|s| snake(s)).collect();
        let mut method = base.join("_");
        if HANDLE_METHODS.contains(&method.as_str()) {
            method.push_str("_attr");
        }
        let method = unique(ident(&method), &|n| attrs.iter().any(|a| a.method == n));
        let (d, _) = lw.deref(node, &ptr)?;
        let doc = node
            .as_object()
            .map(description)
            .filter(|d| !d.is_empty())
            .or_else(|| d.as_object().map(description))
            .unwrap_or_default();
        attrs.push(Attr {
            name: segs.join("."),
            method,
            vt,
            doc,
        });
    }

    let mut main = StructDef {
        name: name.clone(),
        schema_name: type_name.to_string(),
        doc: schema
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_string(),
        fields,
        required_struct: None,
        all_read_only: false,
    };
    prune(&main, &attrs, &mut lw.structs, &mut lw.enums);

    // Recursive property types: box direct (non-list) struct fields that lead back to their owner.
    let edges: BTreeMap<String, Vec<String>> = lw
        .structs
        .iter()
        .map(|(n, s)| {
            (
                n.clone(),
                s.fields.iter().filter_map(|f| struct_target(&f.ty)).collect(),
            )
        })
        .collect();
    let reaches = |from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_string()];
        let mut seen = BTreeSet::new();
        while let Some(x) = stack.pop() {
            if x == to {
                return true;
            }
            if seen.insert(x.clone()) {
                stack.extend(edges.get(&x).into_iter().flatten().cloned());
            }
        }
        false
    };
    let names: Vec<String> = lw.structs.keys().cloned().collect();
    for n in &names {
        let s = lw.structs.get_mut(n).expect("listed");
        for f in &mut s.fields {
            if let Fty::Struct(t) = &f.ty {
                if reaches(t, n) {
                    f.boxed = true;
                }
            }
        }
    }
    // `…Required` structs.
    let mut taken_top: BTreeSet<String> = cat
        .types
        .values()
        .filter(|t| t.service == info.service)
        .map(|t| t.rust_name.clone())
        .collect();
    if main.fields.iter().filter(|f| f.required).count() > MAX_ARGS {
        let n = unique(format!("{name}Required"), &|n| taken_top.contains(n));
        taken_top.insert(n.clone());
        main.required_struct = Some(n);
    }
    for n in &names {
        let needs = lw.structs[n].fields.iter().filter(|f| f.required).count() > MAX_ARGS;
        if needs {
            let r = unique(format!("{n}Required"), &|x| lw.taken.contains(x));
            lw.taken.insert(r.clone());
            lw.structs.get_mut(n).expect("listed").required_struct = Some(r);
        }
    }

    let tagging = tagging_of(schema, &main, &lw.structs);
    let mut constraints = Vec::new();
    collect_constraints("", &main.fields, &lw.structs, &mut Vec::new(), &mut constraints);

    let (svc_seg, res_seg) = {
        let parts: Vec<&str> = type_name.split("::").collect();
        (parts[1].to_ascii_lowercase(), parts[2].to_ascii_lowercase())
    };
    let doc_url = schema
        .get("documentationUrl")
        .and_then(Value::as_str)
        .filter(|u| u.starts_with("https://docs.aws.amazon.com/"))
        .map(str::to_string)
        .unwrap_or_else(|| {
            format!(
                "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-{svc_seg}-{res_seg}.html"
            )
        });
    let source_url = schema
        .get("sourceUrl")
        .and_then(Value::as_str)
        .filter(|u| u.starts_with("https://"))
        .map(str::to_string);

    // Attributes other resources' properties take as `Attr<R, A>`: their markers.
    let mut attr_markers = Vec::new();
    for a in &attrs {
        let own = format!("{type_name}#{}", a.name);
        let node = schema.pointer(&format!("/properties/{}", a.name.replace('.', "/properties/")));
        let named = node
            .and_then(|n| n.get(relations::REF_KEY))
            .and_then(Value::as_array)
            .is_some_and(|l| l.iter().any(|r| r["target"].as_str() == Some(own.as_str())));
        if named {
            let m = attr_marker(&a.name);
            if lw.taken.contains(&m) {
                return Err(format!(
                    "{}: the attribute marker `{m}` clashes with a property type of the same name; extend \
                     `attr_marker` in cfn-codegen/src/lower.rs",
                    info.file
                ));
            }
            attr_markers.push((m, a.name.clone()));
        }
    }
    let typed_fields = (
        main.fields.iter().filter(|f| is_typed_ref(&f.ty)).count(),
        lw.structs
            .values()
            .flat_map(|s| &s.fields)
            .filter(|f| is_typed_ref(&f.ty))
            .count(),
    );
    Ok(ResourceIr {
        type_name: type_name.to_string(),
        service: info.service.clone(),
        name,
        module: info.module.clone(),
        doc: main.doc.clone(),
        doc_url,
        source_url,
        main,
        structs: lw.structs,
        enums: lw.enums,
        attrs,
        tagging,
        constraints,
        refs: lw.refs,
        unions: lw.unions.into_values().collect(),
        attr_markers,
        typed_fields,
        conflicts: lw.conflicts,
    })
}

/// A typed reference (or list of them, or a union).
fn is_typed_ref(t: &Fty) -> bool {
    fn vt(v: &Vt) -> bool {
        match v {
            Vt::Ref(..) | Vt::Union(_) => true,
            Vt::Vec(inner) => vt(inner),
            _ => false,
        }
    }
    matches!(t, Fty::Value(v) if vt(v))
}

fn enum_of(vt: &Vt) -> Option<&str> {
    match vt {
        Vt::Enum(e) => Some(e),
        Vt::Vec(inner) => enum_of(inner),
        _ => None,
    }
}

fn fty_enum(t: &Fty) -> Option<&str> {
    match t {
        Fty::Value(vt) => enum_of(vt),
        Fty::Map(inner) => fty_enum(inner),
        _ => None,
    }
}

/// Keeps only the property types and enums reachable from the resource's fields and attributes.
fn prune(
    main: &StructDef,
    attrs: &[Attr],
    structs: &mut BTreeMap<String, StructDef>,
    enums: &mut BTreeMap<String, EnumDef>,
) {
    let mut live_structs = BTreeSet::new();
    let mut live_enums: BTreeSet<String> = attrs
        .iter()
        .filter_map(|a| enum_of(&a.vt))
        .map(str::to_string)
        .collect();
    let mut todo: Vec<StructDef> = vec![main.clone()];
    while let Some(s) = todo.pop() {
        for f in &s.fields {
            if let Some(e) = fty_enum(&f.ty) {
                live_enums.insert(e.to_string());
            }
            if let Some(n) = struct_target(&f.ty) {
                if live_structs.insert(n.clone()) {
                    if let Some(t) = structs.get(&n) {
                        todo.push(t.clone());
                    }
                }
            }
        }
    }
    structs.retain(|n, _| live_structs.contains(n));
    enums.retain(|n, _| live_enums.contains(n));
}

fn struct_target(t: &Fty) -> Option<String> {
    match t {
        Fty::Struct(n) | Fty::StructVec(n) => Some(n.clone()),
        Fty::Map(inner) => struct_target(inner),
        Fty::Value(_) => None,
    }
}

fn tagging_of(schema: &Value, main: &StructDef, structs: &BTreeMap<String, StructDef>) -> Tagging {
    let t = schema.get("tagging");
    let taggable = match t.and_then(|t| t.get("taggable")) {
        Some(v) => v.as_bool().unwrap_or(false),
        None => t.is_some() || schema.get("taggable").and_then(Value::as_bool).unwrap_or(false),
    };
    if !taggable {
        return Tagging::None;
    }
    let prop = t
        .and_then(|t| t.get("tagProperty"))
        .and_then(Value::as_str)
        .unwrap_or("/properties/Tags");
    let Some(name) = prop.strip_prefix("/properties/").filter(|p| !p.contains('/')) else {
        return Tagging::None;
    };
    let Some(f) = main.fields.iter().find(|f| f.json == name) else {
        return Tagging::None;
    };
    match &f.ty {
        Fty::StructVec(s) => {
            let fields = structs.get(s).map(|s| &s.fields[..]).unwrap_or(&[]);
            if ["Key", "Value"].iter().all(|k| fields.iter().any(|f| f.json == *k)) {
                Tagging::List(name.to_string())
            } else {
                Tagging::None
            }
        }
        Fty::Map(_) | Fty::Value(Vt::Json) => Tagging::Map(name.to_string()),
        _ => Tagging::None,
    }
}

/// At most this many constraint rows per resource (deeply nested recursive types would otherwise
/// multiply paths).
pub const MAX_CONSTRAINTS: usize = 400;

fn collect_constraints(
    prefix: &str,
    fields: &[Field],
    structs: &BTreeMap<String, StructDef>,
    stack: &mut Vec<String>,
    out: &mut Vec<(String, Cons)>,
) {
    for f in fields {
        let path = format!("{prefix}{}", f.json);
        for (suffix, c) in &f.cons {
            if out.len() < MAX_CONSTRAINTS {
                out.push((format!("{path}{suffix}"), c.clone()));
            }
        }
        let (target, sub) = match &f.ty {
            Fty::Struct(n) => (Some(n), format!("{path}/")),
            Fty::StructVec(n) => (Some(n), format!("{path}/*/")),
            Fty::Map(inner) => match &**inner {
                Fty::Struct(n) => (Some(n), format!("{path}/*/")),
                _ => (None, String::new()),
            },
            Fty::Value(_) => (None, String::new()),
        };
        if let Some(n) = target {
            if !stack.contains(n) && stack.len() < 8 {
                if let Some(s) = structs.get(n) {
                    stack.push(n.clone());
                    collect_constraints(&sub, &s.fields, structs, stack, out);
                    stack.pop();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn catalog(schemas: Vec<Value>) -> Catalog {
        Catalog::new(
            schemas
                .into_iter()
                .map(|s| {
                    let tn = s["typeName"].as_str().unwrap().to_string();
                    (tn.clone(), format!("{tn}.json"), s)
                })
                .collect(),
        )
        .unwrap()
    }

    fn fixture() -> Catalog {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas");
        Catalog::new(crate::pipeline::load(&dir).unwrap()).unwrap()
    }

    fn field<'a>(s: &'a StructDef, json: &str) -> &'a Field {
        s.fields
            .iter()
            .find(|f| f.json == json)
            .unwrap_or_else(|| panic!("no field {json} in {}", s.name))
    }

    fn vpc_ref() -> Vt {
        Vt::Ref(Marker::Id, "crate::aws::ec2::Vpc".into())
    }

    #[test]
    fn type_mapping() {
        let cat = fixture();
        let w = lower(&cat, "AWS::Demo::Widget").unwrap();
        let m = &w.main;
        assert_eq!(field(m, "Name").ty, Fty::Value(Vt::String));
        assert_eq!(field(m, "Count").ty, Fty::Value(Vt::Int));
        assert_eq!(
            field(m, "Ratio").ty,
            Fty::Value(Vt::Num),
            "[number, string] reads as a number"
        );
        assert_eq!(field(m, "Settings").ty, Fty::Map(Box::new(Fty::Value(Vt::String))));
        assert_eq!(field(m, "Mode").ty, Fty::Value(Vt::Enum("Mode".into())));
        assert_eq!(
            field(m, "Size").ty,
            Fty::Value(Vt::Enum("Size".into())),
            "inline enums are named after the property"
        );
        assert_eq!(field(m, "Tree").ty, Fty::Struct("Node".into()));
        assert_eq!(
            field(m, "Choice").ty,
            Fty::Struct("Choice".into()),
            "oneOf of objects is one struct"
        );
        assert_eq!(field(m, "Type").rust, "r#type");
        assert!(
            m.fields.iter().all(|f| f.json != "Endpoint"),
            "a property whose fields are all read-only is dropped"
        );
        assert!(
            m.fields.iter().all(|f| f.json != "Id"),
            "read-only properties are not fields"
        );
        assert_eq!(
            w.main.required_struct.as_deref(),
            Some("WidgetRequired"),
            "4 required properties"
        );
        let node = &w.structs["Node"];
        assert!(field(node, "Child").boxed, "recursive property types are boxed");
        assert!(!field(node, "Children").boxed, "lists need no box");
        let mode = &w.enums["Mode"];
        let vars: Vec<&str> = mode.variants.iter().map(|v| v.0.as_str()).collect();
        assert_eq!(vars, ["Fast", "Slow", "AwsKms", "V1_0"]);
        assert_eq!(w.tagging, Tagging::Map("Tags".into()));

        let role = lower(&cat, "AWS::IAM::Role").unwrap();
        assert_eq!(field(&role.main, "AssumeRolePolicyDocument").ty, Fty::Value(Vt::Json));
        assert_eq!(field(&role.main, "Policies").ty, Fty::StructVec("Policy".into()));
        assert_eq!(role.tagging, Tagging::None);
        let vpc = lower(&cat, "AWS::EC2::VPC").unwrap();
        assert_eq!(vpc.tagging, Tagging::List("Tags".into()));
    }

    #[test]
    fn format_mapping() {
        let cat = fixture();
        let w = lower(&cat, "AWS::Demo::Widget").unwrap();
        assert_eq!(field(&w.main, "VpcId").ty, Fty::Value(vpc_ref()));
        assert_eq!(
            field(&w.main, "RoleArn").ty,
            Fty::Value(Vt::Ref(Marker::Arn, "crate::aws::iam::Role".into()))
        );
        // relationshipRef to the target's primary identifier: its Ref.
        assert_eq!(field(&w.main, "VpcIds").ty, Fty::Value(Vt::Vec(Box::new(vpc_ref()))));
        // Formats that disagree (and a target missing from the set): a string, with a note.
        let kms = field(&w.main, "KmsKeyId");
        assert_eq!(kms.ty, Fty::Value(Vt::String));
        assert!(kms.notes[0].contains("AWS::KMS::Key.Arn"), "{:?}", kms.notes);
        assert_eq!(w.refs, BTreeSet::from(["ec2".to_string(), "iam".to_string()]));
        // GetAtt attributes are typed like properties.
        let role = lower(&cat, "AWS::IAM::Role").unwrap();
        let arn = role.attrs.iter().find(|a| a.name == "Arn").unwrap();
        assert_eq!(arn.vt, Vt::Ref(Marker::Arn, "crate::aws::iam::Role".into()));
        let vpc = lower(&cat, "AWS::EC2::VPC").unwrap();
        let id = vpc.attrs.iter().find(|a| a.name == "VpcId").unwrap();
        assert_eq!((id.method.as_str(), &id.vt), ("vpc_id", &vpc_ref()));
        let ipv6 = vpc.attrs.iter().find(|a| a.name == "Ipv6CidrBlocks").unwrap();
        assert_eq!(ipv6.vt, Vt::Vec(Box::new(Vt::String)));
        // Clashes with Handle's own methods get `_attr`; nested attributes join with `_`.
        let names: Vec<(&str, &str)> = w.attrs.iter().map(|a| (a.name.as_str(), a.method.as_str())).collect();
        assert_eq!(
            names,
            [
                ("Id", "id_attr"),
                ("Endpoint.Address", "endpoint_address"),
                ("Endpoint.Port", "endpoint_port")
            ]
        );
    }

    fn vpc_schema() -> Value {
        json!({"typeName": "AWS::EC2::VPC", "primaryIdentifier": ["/properties/VpcId"], "readOnlyProperties": ["/properties/VpcId"],
               "properties": {"VpcId": {"type": "string", "format": "AWS::EC2::VPC.Id"}, "DefaultSecurityGroup": {"type": "string"}}})
    }

    #[test]
    fn own_name_stays_a_string() {
        // A writable property carrying the resource's own format is its name, set by the user.
        let bucket = json!({"typeName": "AWS::S3::Bucket", "primaryIdentifier": ["/properties/BucketName"],
            "properties": {"BucketName": {"type": "string", "format": "AWS::S3::Bucket.Name"},
                           "Replica": {"type": "object", "properties": {"Target": {"type": "string", "format": "AWS::S3::Bucket.Name"}}}}});
        let cat = catalog(vec![bucket]);
        let r = lower(&cat, "AWS::S3::Bucket").unwrap();
        assert_eq!(field(&r.main, "BucketName").ty, Fty::Value(Vt::String));
        let replica = &r.structs["Replica"];
        assert_eq!(
            field(replica, "Target").ty,
            Fty::Value(Vt::Ref(Marker::Id, "crate::aws::s3::Bucket".into())),
            "another bucket, nested: typed"
        );
        assert!(r.refs.is_empty(), "same service: no feature dependency");
    }

    #[test]
    fn passwords_are_secrets() {
        let db = json!({"typeName": "AWS::RDS::DBInstance", "primaryIdentifier": ["/properties/DBInstanceIdentifier"],
            "properties": {"DBInstanceIdentifier": {"type": "string"}, "MasterUserPassword": {"type": "string"},
                           "TdeCredentialPassword": {"type": "string"}}});
        let r = lower(&catalog(vec![db]), "AWS::RDS::DBInstance").unwrap();
        assert_eq!(field(&r.main, "MasterUserPassword").ty, Fty::Value(Vt::Secret));
        assert_eq!(field(&r.main, "DBInstanceIdentifier").ty, Fty::Value(Vt::String));
        let broken = json!({"typeName": "AWS::RDS::DBInstance", "properties": {}});
        let e = Catalog::new(vec![("AWS::RDS::DBInstance".into(), "db.json".into(), broken)])
            .err()
            .unwrap();
        assert!(e.contains("db.json") && e.contains("MasterUserPassword"), "{e}");
    }

    #[test]
    fn ecs_efs_volumes_take_a_mounted_file_system() {
        let td = json!({"typeName": "AWS::ECS::TaskDefinition", "primaryIdentifier": ["/properties/TaskDefinitionArn"],
            "definitions": {"EFSVolumeConfiguration": {"type": "object",
                "properties": {"FilesystemId": {"type": "string"}, "RootDirectory": {"type": "string"}}}},
            "properties": {"TaskDefinitionArn": {"type": "string"},
                           "Efs": {"$ref": "#/definitions/EFSVolumeConfiguration"}}});
        let r = lower(&catalog(vec![td]), "AWS::ECS::TaskDefinition").unwrap();
        let efs = &r.structs["EfsVolumeConfiguration"];
        assert_eq!(
            field(efs, "FilesystemId").ty,
            Fty::Value(Vt::Evidence("MountedFileSystemId"))
        );
        assert_eq!(field(efs, "RootDirectory").ty, Fty::Value(Vt::String));
    }

    #[test]
    fn ecs_service_load_balancers_take_a_forwarded_target_group() {
        let svc = json!({"typeName": "AWS::ECS::Service", "primaryIdentifier": ["/properties/ServiceArn"],
            "definitions": {"LoadBalancer": {"type": "object",
                "properties": {"TargetGroupArn": {"type": "string"}, "ContainerName": {"type": "string"}}}},
            "properties": {"ServiceArn": {"type": "string"},
                           "LoadBalancers": {"type": "array", "items": {"$ref": "#/definitions/LoadBalancer"}}}});
        let r = lower(&catalog(vec![svc]), "AWS::ECS::Service").unwrap();
        let lb = &r.structs["LoadBalancer"];
        assert_eq!(
            field(lb, "TargetGroupArn").ty,
            Fty::Value(Vt::Evidence("ForwardedTargetGroupArn"))
        );
        assert_eq!(field(lb, "ContainerName").ty, Fty::Value(Vt::String));
    }

    #[test]
    fn verify_formats_checks_ref_claims() {
        assert!(catalog(vec![vpc_schema()]).verify_formats().is_ok());
        let mut wrong = vpc_schema();
        wrong["primaryIdentifier"] = json!(["/properties/Other"]);
        let e = catalog(vec![wrong]).verify_formats().unwrap_err();
        assert!(e.contains("AWS::EC2::VPC.Id") && e.contains("disagrees"), "{e}");
    }

    #[test]
    fn schema_patches_apply() {
        // The VPC's DefaultSecurityGroup attribute becomes a typed security group id.
        let sg = json!({"typeName": "AWS::EC2::SecurityGroup", "primaryIdentifier": ["/properties/Id"],
            "readOnlyProperties": ["/properties/Id"],
            "definitions": {
                "Ingress": {"type": "object", "properties": {"CidrIp": {"type": "string"}, "SourceSecurityGroupId": {"type": "string", "format": "AWS::EC2::SecurityGroup.Id"},
                    "SourceSecurityGroupName": {"type": "string"}, "SourceSecurityGroupOwnerId": {"type": "string"}}},
                "Egress": {"type": "object", "properties": {"CidrIp": {"type": "string"}, "DestinationSecurityGroupId": {"type": "string"}}}},
            "properties": {"Id": {"type": "string", "format": "AWS::EC2::SecurityGroup.Id"},
                "SecurityGroupIngress": {"type": "array", "items": {"$ref": "#/definitions/Ingress"}},
                "SecurityGroupEgress": {"type": "array", "items": {"$ref": "#/definitions/Egress"}}}});
        let cat = catalog(vec![vpc_schema(), sg]);
        let r = lower(&cat, "AWS::EC2::SecurityGroup").unwrap();
        let ingress: Vec<&str> = r.structs["Ingress"].fields.iter().map(|f| f.json.as_str()).collect();
        assert_eq!(
            ingress,
            [
                "CidrIp",
                "SourceSecurityGroupId",
                "SourceSecurityGroupName",
                "SourceSecurityGroupOwnerId"
            ]
        );
        assert_eq!(
            field(&r.structs["Ingress"], "SourceSecurityGroupName").ty,
            Fty::Value(Vt::Evidence("ExternalGroupName"))
        );
        let egress: Vec<&str> = r.structs["Egress"].fields.iter().map(|f| f.json.as_str()).collect();
        assert_eq!(egress, ["CidrIp", "DestinationSecurityGroupId"]);
        // Only a group from outside the template: the marker that parameters, imports and
        // explicit external ids convert into.
        assert_eq!(
            field(&r.structs["Egress"], "DestinationSecurityGroupId").ty,
            Fty::Value(Vt::Evidence("ExternalGroupId"))
        );
        let vpc = lower(&cat, "AWS::EC2::VPC").unwrap();
        let main_fields: Vec<&str> = vpc.main.fields.iter().map(|f| f.json.as_str()).collect();
        assert_eq!(main_fields, ["DefaultSecurityGroup"]);
        assert_eq!(
            field(&vpc.main, "DefaultSecurityGroup").ty,
            Fty::Value(Vt::Ref(Marker::Id, "crate::aws::ec2::SecurityGroup".into()))
        );
    }
}
