//! The run-time form of the generator's tables: `cfn-model/src/catalog.json`, read by
//! `cfn_model::catalog` (feature `catalog`). It says how every resource type, property,
//! enum value, attribute and reference union of the generated code is spelled in Rust, so the
//! importer writes programs from the generator's own facts instead of keeping a second list.
//!
//! One resource per line (diffs stay readable); paths are relative to `cfn::aws`.

use serde_json::{json, Value};

use crate::formats::Marker;
use crate::model::{Fty, ResourceIr, StructDef, Tagging, UnionDef, Vt};

/// Where the catalog is written.
pub const OUT: &str = "cfn-model/src/catalog.json";

fn path(p: &str) -> &str {
    p.trim_start_matches("crate::aws::")
}

fn marker(m: Marker) -> &'static str {
    match m {
        Marker::Id => "Id",
        Marker::Arn => "Arn",
        Marker::Name => "Name",
        Marker::Attr => "Attr",
    }
}

/// A reference: `{"marker", "path", "attr"}` (`attr`: the attribute marker's path, for `Attr`).
fn reference(m: Marker, p: &str) -> Value {
    match p.split_once(", ") {
        Some((target, attr)) => json!({"marker": marker(m), "path": path(target), "attr": path(attr)}),
        None => json!({"marker": marker(m), "path": path(p)}),
    }
}

fn vt(v: &Vt) -> Value {
    match v {
        Vt::String => json!("String"),
        Vt::Int => json!("Int"),
        Vt::Num => json!("Num"),
        Vt::Bool => json!("Bool"),
        Vt::Json => json!("Json"),
        Vt::Secret => json!("Secret"),
        Vt::Evidence(m) => json!({ "Evidence": m }),
        Vt::Ref(m, p) => json!({ "Ref": reference(*m, p) }),
        Vt::Union(u) => json!({ "Union": u }),
        Vt::Enum(e) => json!({ "Enum": e }),
        Vt::Vec(inner) => json!({ "List": vt(inner) }),
    }
}

fn fty(t: &Fty) -> Value {
    match t {
        Fty::Value(v) => json!({ "Value": vt(v) }),
        Fty::Struct(n) => json!({ "Struct": n }),
        Fty::StructVec(n) => json!({ "StructList": n }),
        Fty::Map(inner) => json!({ "Map": fty(inner) }),
    }
}

fn structure(s: &StructDef) -> Value {
    let fields: Vec<Value> = s
        .fields
        .iter()
        .map(|f| json!({"json": f.json, "rust": f.rust, "kind": fty(&f.ty), "required": f.required, "boxed": f.boxed}))
        .collect();
    json!({"name": s.name, "required_struct": s.required_struct, "fields": fields})
}

fn resource(r: &ResourceIr) -> Value {
    let id_parameter_types = crate::formats::ID_PARAMETER_TYPES
        .iter()
        .find(|(t, _)| *t == r.type_name)
        .map(|(_, p)| json!([p, format!("List<{p}>")]))
        .unwrap_or(json!(["String", "CommaDelimitedList"]));
    let tagging = match &r.tagging {
        Tagging::None => Value::Null,
        Tagging::List(p) => json!({ "List": p }),
        Tagging::Map(p) => json!({ "Map": p }),
    };
    json!({
        "type_name": r.type_name,
        "service": r.service,
        "name": r.name,
        "module": r.module,
        "id_parameter_types": id_parameter_types,
        "tagging": tagging,
        "main": structure(&r.main),
        "structs": r.structs.values().map(structure).collect::<Vec<_>>(),
        "enums": r.enums.values().map(|e| json!({"name": e.name, "variants": e.variants})).collect::<Vec<_>>(),
        "attributes": r.attrs.iter().map(|a| json!({"name": a.name, "method": a.method, "kind": vt(&a.vt)})).collect::<Vec<_>>(),
    })
}

/// The catalog of every resource (by service, then type) and the shared reference unions.
pub fn render<'a>(resources: impl IntoIterator<Item = &'a ResourceIr>, unions: &[UnionDef]) -> String {
    let mut out = String::from("{\"resources\": [\n");
    let mut first = true;
    for r in resources {
        if !first {
            out.push_str(",\n");
        }
        first = false;
        out.push_str(&resource(r).to_string());
    }
    out.push_str("\n],\n\"unions\": [\n");
    let rows: Vec<String> = unions
        .iter()
        .map(|u| {
            let targets: Vec<Value> = u.alts.iter().map(|(m, p, _)| reference(*m, p)).collect();
            json!({"name": u.name, "targets": targets}).to_string()
        })
        .collect();
    out.push_str(&rows.join(",\n"));
    out.push_str("\n]}\n");
    out
}
