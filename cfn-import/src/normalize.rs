//! The comparison form of a template: two templates CloudFormation treats alike compare equal
//! once normalised.

use std::collections::BTreeSet;

use cfn_model::catalog::{Catalog, Kind, ResourceInfo, StructInfo, ValueKind};
use serde_json::{Map, Number, Value};

/// Returns `template` in comparison form, so that two equivalent templates are `==` (and print
/// the same). The rules, exactly:
///
/// 1. **Key order.** Every object's keys are sorted (byte order), at every depth.
/// 2. **`DependsOn`.** A resource's `DependsOn` (`Resources.<id>.DependsOn`) that is one string
///    becomes a one-element list; a list of strings is sorted. Duplicates are kept (CloudFormation
///    does not treat `[A, A]` as `[A]` everywhere, so the difference stays visible).
/// 3. **`Fn::GetAtt`.** A `{"Fn::GetAtt": "A.B.C"}` string is split at its first dot,
///    `["A", "B.C"]`, the list form (what the YAML short form gives), at every depth. A string
///    with no dot is left alone.
/// 4. **`Transform`.** A top-level `Transform` that is one string becomes a one-element list
///    (order kept: macros run in order).
/// 5. **Parameter scalars.** In `Parameters.<name>`, the values of `Default`, `MinLength`,
///    `MaxLength`, `MinValue`, `MaxValue` and `NoEcho`, and each item of `AllowedValues`, that are
///    numbers or booleans become their JSON text (`10` → `"10"`, `true` → `"true"`):
///    CloudFormation reads parameter settings as strings.
/// 6. **`AWSTemplateFormatVersion`.** A top-level `"AWSTemplateFormatVersion": "2010-09-09"` is
///    removed: it is the only version there is, and a template without the key is read as that
///    version (the emitter always writes it; most hand-written templates do too, some do not).
///    Any other value is kept (and is a difference).
/// 7. **Implied `DependsOn`.** A resource's `DependsOn` entry naming a resource its `Properties`
///    already reference (`{"Ref": X}`, `{"Fn::GetAtt": [X, …]}` or `"${X}"`/`"${X.Attr}"` in an
///    `Fn::Sub` text, at any depth, inside `Fn::If` branches too) is removed, and a `DependsOn`
///    left empty is removed: CloudFormation orders a resource after every resource it references
///    anyway, so the entry changes nothing (the emitter writes the ordering its values need; a
///    hand-written template often repeats it). An entry no reference implies is kept.
/// 8. **Scalars of typed properties.** In the `Properties` of a resource whose type is in the
///    registry schemas ([`cfn_model::catalog`]), a scalar where the schema says integer or number
///    and the template has a string holding a decimal number (`"80"`, `"0.5"`) becomes that number;
///    where the schema says boolean, `"true"`, `"True"`, `"TRUE"` (and the same for false) become
///    booleans (the spellings cfn-lint accepts as booleans); where the schema says
///    string (an enum, a reference, …), a number or boolean becomes its JSON text (`80` → `"80"`).
///    CloudFormation converts a scalar to the type the resource's schema declares before the
///    resource sees it (cfn-lint, E3012, accepts either spelling for the same reason), so
///    `"Port": "80"` and `"Port": 80` deploy the same. Where the schema says number (not
///    integer), a float with no fraction is the integer it equals (`50.0` → `50`): the property
///    holds one number either way. The walk follows the schema (nested
///    property types, lists, maps); it never enters a property typed `Json` (a policy document, a
///    state machine definition: text passed on as it is, where `80` and `"80"` may differ), a type
///    outside the schemas (`Custom::…`, SAM), nor an intrinsic function.
/// 9. **Empty `Properties`.** A resource's `"Properties": {}` is removed: a resource with no
///    properties is the same resource whether the empty mapping is written or not.
/// 10. **`Fn::Equals` scalars.** A number or boolean argument of `Fn::Equals` (at any depth)
///     becomes its JSON text (`true` → `"true"`): CloudFormation compares the two values as
///     strings (cfn-lint's condition analysis does the same), so `[{"Ref": "P"}, true]` and
///     `[{"Ref": "P"}, "true"]` are the same condition.
/// 11. **`Fn::Sub` without variables.** `{"Fn::Sub": "text"}` (or `["text", {}]`) whose text holds
///     no `${` is the text itself: there is nothing to substitute (a text with `${!Literal}` is
///     kept, since the function turns it into `${Literal}`).
/// 12. **`Fn::Sub` variable names.** The variables an `Fn::Sub` defines in its own map
///     (`["${Name}-x", {"Name": …}]`) are renamed `#1`, `#2`, … in order of first use in the text
///     (map entries the text does not use: `#unused1`, … in key order), in the text and the map:
///     those names are local to the function, so renaming them consistently changes nothing.
///     `${X}` names that the map does not define (parameters, resources, `AWS::…`) are kept.
/// 13. **`Fn::Sub` placeholder spacing.** `${ Name }` becomes `${Name}`: CloudFormation trims the
///     name (cfn-lint reads it trimmed too), so both substitute the same value.
/// 14. **`Fn::Select` index.** A numeric index written as a string (`["0", list]`) becomes its
///     JSON text, as a number index does (`0` → `"0"`): CloudFormation reads either.
/// 15. **`Fn::Sub` reference variables.** A map variable whose value is a plain `{"Ref": X}` or
///     `{"Fn::GetAtt": [A, B]}` is written into the text as `${X}` / `${A.B}` (and dropped from
///     the map, which disappears when empty): `Fn::Sub` substitutes the same value either way.
///
/// Not normalised, on purpose: numbers and numeric strings anywhere else (parameters aside: in
/// outputs, conditions, mappings, untyped or `Json` properties); `1.0` against `1` outside
/// properties the schema types as number; `Fn::Sub` and the other short forms (the parser already gives the long
/// form); `Condition`, `Ref` and intrinsic arguments; `Mappings` values; white space inside
/// strings; `null` values.
pub fn normalize(template: &Value) -> Value {
    let mut value = template.clone();
    if let Value::Object(root) = &mut value {
        if let Some(Value::String(s)) = root.get("Transform") {
            let list = Value::Array(vec![Value::String(s.clone())]);
            root.insert("Transform".to_owned(), list);
        }
        if root.get("AWSTemplateFormatVersion").and_then(Value::as_str) == Some("2010-09-09") {
            root.remove("AWSTemplateFormatVersion");
        }
        if let Some(Value::Object(resources)) = root.get_mut("Resources") {
            let ids: BTreeSet<String> = resources.keys().cloned().collect();
            for resource in resources.values_mut() {
                let Value::Object(entry) = resource else { continue };
                drop_implied_depends_on(entry, &ids);
                if let Some(depends_on) = entry.get_mut("DependsOn") {
                    normalize_depends_on(depends_on);
                }
                typed_scalars(entry);
                if entry
                    .get("Properties")
                    .is_some_and(|p| p.as_object().is_some_and(Map::is_empty))
                {
                    entry.remove("Properties");
                }
            }
        }
        if let Some(Value::Object(parameters)) = root.get_mut("Parameters") {
            for parameter in parameters.values_mut() {
                if let Value::Object(settings) = parameter {
                    normalize_parameter(settings);
                }
            }
        }
    }
    sort_and_getatt(intrinsics(value))
}

/// Rules 10 to 13, at every depth.
fn intrinsics(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let single = map.len() == 1;
            let mut out = Map::new();
            for (key, value) in map {
                let value = intrinsics(value);
                let value = match (single, key.as_str()) {
                    (true, "Fn::Equals") => match value {
                        Value::Array(mut items) => {
                            items.iter_mut().for_each(scalar_text);
                            Value::Array(items)
                        }
                        other => other,
                    },
                    (true, "Fn::Select") => match value {
                        Value::Array(mut items) if !items.is_empty() => {
                            scalar_text(&mut items[0]);
                            Value::Array(items)
                        }
                        other => other,
                    },
                    (true, "Fn::Sub") => match sub_canonical(trim_placeholders(value)) {
                        Ok(text) => return Value::String(text),
                        Err(value) => value,
                    },
                    _ => value,
                };
                out.insert(key, value);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(intrinsics).collect()),
        other => other,
    }
}

/// `${ Name }` → `${Name}` in an `Fn::Sub` text (rule 13); `${!…}` literals are left alone.
fn trim_placeholders(argument: Value) -> Value {
    fn trim(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i + 2]);
            let after = &rest[i + 2..];
            match after.find('}') {
                Some(j) if !after.starts_with('!') => {
                    out.push_str(after[..j].trim());
                    rest = &after[j..];
                }
                _ => rest = after,
            }
        }
        out.push_str(rest);
        out
    }
    match argument {
        Value::String(text) => Value::String(trim(&text)),
        Value::Array(mut items) => {
            if let Some(Value::String(text)) = items.first_mut() {
                *text = trim(text);
            }
            Value::Array(items)
        }
        other => other,
    }
}

/// An `Fn::Sub` argument in canonical form (rule 12), or `Ok(text)` when it has nothing to
/// substitute (rule 11).
fn sub_canonical(argument: Value) -> Result<String, Value> {
    match argument {
        Value::String(text) if !text.contains("${") => Ok(text),
        Value::Array(items) => match <[Value; 2]>::try_from(items) {
            Ok([Value::String(text), Value::Object(vars)]) => {
                if vars.is_empty() && !text.contains("${") {
                    return Ok(text);
                }
                let (text, vars) = inline_reference_variables(&text, vars);
                if vars.is_empty() {
                    return match text.contains("${") {
                        true => Err(Value::String(text)),
                        false => Ok(text),
                    };
                }
                let (text, vars) = rename_sub_variables(&text, vars);
                Err(Value::Array(vec![Value::String(text), Value::Object(vars)]))
            }
            Ok(pair) => Err(Value::Array(pair.into())),
            Err(items) => Err(Value::Array(items)),
        },
        other => Err(other),
    }
}

/// Writes each map variable whose value is a plain `{"Ref": X}` or `{"Fn::GetAtt": [A, B]}`
/// into the text as `${X}` / `${A.B}` and drops it from the map (rule 15).
fn inline_reference_variables(text: &str, vars: Map<String, Value>) -> (String, Map<String, Value>) {
    let mut text = text.to_owned();
    let mut kept = Map::new();
    for (name, value) in vars {
        let inline = match &value {
            Value::Object(m) if m.len() == 1 => match m.iter().next() {
                Some((k, Value::String(x))) if k == "Ref" => Some(x.clone()),
                Some((k, Value::Array(a))) if k == "Fn::GetAtt" && a.len() == 2 => match (&a[0], &a[1]) {
                    (Value::String(r), Value::String(at)) => Some(format!("{r}.{at}")),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        };
        match inline {
            Some(x) => text = text.replace(&format!("${{{name}}}"), &format!("${{{x}}}")),
            None => {
                kept.insert(name, value);
            }
        }
    }
    (text, kept)
}

/// Renames the map's variables `#1`, `#2`, … in order of first use in `text` (rule 12).
fn rename_sub_variables(text: &str, vars: Map<String, Value>) -> (String, Map<String, Value>) {
    let mut names: Vec<String> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start + 2]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            rest = after;
            continue;
        };
        let inner = &after[..end];
        if !inner.starts_with('!') && vars.contains_key(inner) {
            let i = match names.iter().position(|n| n == inner) {
                Some(i) => i,
                None => {
                    names.push(inner.to_owned());
                    names.len() - 1
                }
            };
            out.push_str(&format!("#{}", i + 1));
        } else {
            out.push_str(inner);
        }
        out.push('}');
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    let mut unused: Vec<&String> = vars.keys().filter(|k| !names.contains(k)).collect();
    unused.sort();
    let unused: Vec<String> = unused.into_iter().cloned().collect();
    let mut renamed = Map::new();
    let mut vars = vars;
    for (i, name) in names.iter().enumerate() {
        if let Some(value) = vars.remove(name) {
            renamed.insert(format!("#{}", i + 1), value);
        }
    }
    for (i, name) in unused.iter().enumerate() {
        if let Some(value) = vars.remove(name) {
            renamed.insert(format!("#unused{}", i + 1), value);
        }
    }
    (out, renamed)
}

/// Rule 7: removes the `DependsOn` entries the resource's `Properties` reference.
fn drop_implied_depends_on(entry: &mut Map<String, Value>, ids: &BTreeSet<String>) {
    if !entry.contains_key("DependsOn") {
        return;
    }
    let mut referenced = BTreeSet::new();
    if let Some(properties) = entry.get("Properties") {
        references(properties, &mut referenced);
    }
    let implied = |v: &Value| v.as_str().is_some_and(|s| ids.contains(s) && referenced.contains(s));
    let empty = match entry.get_mut("DependsOn") {
        Some(Value::Array(items)) => {
            items.retain(|v| !implied(v));
            items.is_empty()
        }
        Some(v) => implied(v),
        None => false,
    };
    if empty {
        entry.remove("DependsOn");
    }
}

/// Every name `value` references through `Ref`, `Fn::GetAtt` or an `Fn::Sub` text (pseudo
/// parameters and parameters included: the caller keeps the resources).
fn references(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if map.len() == 1 {
                match (map.get("Ref"), map.get("Fn::GetAtt"), map.get("Fn::Sub")) {
                    (Some(Value::String(name)), _, _) => {
                        out.insert(name.clone());
                    }
                    (_, Some(Value::String(text)), _) => {
                        out.insert(text.split('.').next().unwrap_or_default().to_owned());
                    }
                    (_, Some(Value::Array(args)), _) => {
                        if let Some(Value::String(name)) = args.first() {
                            out.insert(name.clone());
                        }
                    }
                    (_, _, Some(Value::String(text))) => sub_variables(text, out),
                    (_, _, Some(Value::Array(args))) => {
                        if let Some(Value::String(text)) = args.first() {
                            // Names the variable map defines are not references.
                            let mut names = BTreeSet::new();
                            sub_variables(text, &mut names);
                            if let Some(Value::Object(vars)) = args.get(1) {
                                names.retain(|n| !vars.contains_key(n));
                            }
                            out.extend(names);
                        }
                    }
                    _ => {}
                }
            }
            map.values().for_each(|v| references(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// The names of an `Fn::Sub` text's `${Name}` and `${Name.Attribute}` variables (`${!Literal}`
/// is text).
fn sub_variables(text: &str, out: &mut BTreeSet<String>) {
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let inner = &after[..end];
        if !inner.starts_with('!') {
            let name = inner.split('.').next().unwrap_or_default().trim();
            if !name.is_empty() {
                out.insert(name.to_owned());
            }
        }
        rest = &after[end + 1..];
    }
}

/// Rule 8: the scalars of a typed resource's `Properties`, as its schema types them.
fn typed_scalars(entry: &mut Map<String, Value>) {
    let Some(type_name) = entry.get("Type").and_then(Value::as_str) else {
        return;
    };
    let Some(info) = Catalog::get().resource(type_name) else {
        return;
    };
    if let Some(Value::Object(properties)) = entry.get_mut("Properties") {
        coerce_struct(info, &info.main, properties);
    }
}

fn coerce_struct(info: &ResourceInfo, shape: &StructInfo, map: &mut Map<String, Value>) {
    for (key, value) in map.iter_mut() {
        if let Some(field) = shape.field(key) {
            coerce_kind(info, &field.kind, value);
        }
    }
}

fn coerce_kind(info: &ResourceInfo, kind: &Kind, value: &mut Value) {
    match (kind, value) {
        (Kind::Value(v), value) => coerce_value(v, value),
        (Kind::Struct(name), Value::Object(map)) => {
            if let Some(shape) = info.structure(name) {
                coerce_struct(info, shape, map);
            }
        }
        (Kind::StructList(name), Value::Array(items)) => {
            if let Some(shape) = info.structure(name) {
                for item in items {
                    if let Value::Object(map) = item {
                        coerce_struct(info, shape, map);
                    }
                }
            }
        }
        (Kind::Map(inner), Value::Object(map)) if !is_intrinsic(map) => {
            for item in map.values_mut() {
                coerce_kind(info, inner, item);
            }
        }
        _ => {}
    }
}

/// `{"Ref": …}`, `{"Fn::…": …}`, `{"Condition": …}`: one key naming a function.
fn is_intrinsic(map: &Map<String, Value>) -> bool {
    map.len() == 1
        && map
            .keys()
            .all(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::"))
}

fn coerce_value(kind: &ValueKind, value: &mut Value) {
    match (kind, &*value) {
        (ValueKind::List(inner), Value::Array(_)) => {
            if let Value::Array(items) = value {
                items.iter_mut().for_each(|item| coerce_value(inner, item));
            }
        }
        (ValueKind::Int | ValueKind::Num, Value::String(text)) => {
            if let Some(number) = decimal(text, matches!(kind, ValueKind::Int)) {
                *value = Value::Number(number);
                if matches!(kind, ValueKind::Num) {
                    whole_number(value);
                }
            }
        }
        (ValueKind::Num, Value::Number(_)) => whole_number(value),
        (ValueKind::Bool, Value::String(text)) => match text.as_str() {
            "true" | "True" | "TRUE" => *value = Value::Bool(true),
            "false" | "False" | "FALSE" => *value = Value::Bool(false),
            _ => {}
        },
        (
            ValueKind::String
            | ValueKind::Secret
            | ValueKind::Enum(_)
            | ValueKind::Ref(_)
            | ValueKind::Union(_)
            | ValueKind::Evidence(_),
            Value::Number(_) | Value::Bool(_),
        ) => scalar_text(value),
        _ => {}
    }
}

/// A float with no fraction (`50.0`) as the integer it equals (`50`), within ±2^53 where every
/// integer is exactly a float.
fn whole_number(value: &mut Value) {
    if let Some(f) = value.as_f64().filter(|_| !value.is_i64() && !value.is_u64()) {
        if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 {
            *value = Value::from(f as i64);
        }
    }
}

/// The number a decimal text holds, read as JSON reads it (`"80"` → 80, `"0.5"` → 0.5); `None`
/// for anything else (`"+1"`, `" 1"`, `"0x10"`, `"1e3"` are texts). With `integer`, only integers.
fn decimal(text: &str, integer: bool) -> Option<Number> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !plain(whole) || (whole.len() > 1 && whole.starts_with('0')) {
        return None;
    }
    match fraction {
        // Integers beyond 64 bits would be read as floats: left as text.
        None => serde_json::from_str::<Number>(text)
            .ok()
            .filter(|n| n.is_i64() || n.is_u64()),
        Some(f) if !integer && plain(f) => serde_json::from_str::<Number>(text).ok(),
        Some(_) => None,
    }
}

fn normalize_depends_on(depends_on: &mut Value) {
    match depends_on {
        Value::String(s) => *depends_on = Value::Array(vec![Value::String(std::mem::take(s))]),
        Value::Array(items) if items.iter().all(Value::is_string) => {
            items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
        }
        _ => {}
    }
}

fn scalar_text(value: &mut Value) {
    match value {
        Value::Number(n) => *value = Value::String(n.to_string()),
        Value::Bool(b) => *value = Value::String(b.to_string()),
        _ => {}
    }
}

fn normalize_parameter(settings: &mut Map<String, Value>) {
    for key in ["Default", "MinLength", "MaxLength", "MinValue", "MaxValue", "NoEcho"] {
        if let Some(value) = settings.get_mut(key) {
            scalar_text(value);
        }
    }
    if let Some(Value::Array(items)) = settings.get_mut("AllowedValues") {
        items.iter_mut().for_each(scalar_text);
    }
}

fn sort_and_getatt(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let single = entries.len() == 1;
            let mut out = Map::new();
            for (key, value) in entries {
                let value = match value {
                    Value::String(s) if single && key == "Fn::GetAtt" => match s.split_once('.') {
                        Some((resource, attribute)) => Value::Array(vec![
                            Value::String(resource.to_owned()),
                            Value::String(attribute.to_owned()),
                        ]),
                        None => Value::String(s),
                    },
                    other => sort_and_getatt(other),
                };
                out.insert(key, value);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sort_and_getatt).collect()),
        other => other,
    }
}
