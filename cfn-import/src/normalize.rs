//! The comparison form of a template: two templates CloudFormation treats alike compare equal
//! once normalised.

use serde_json::{Map, Value};

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
///
/// Not normalised, on purpose: numbers and numeric strings anywhere else (a resource property's
/// type is its schema's business, and a writer that changes one should be seen); `1.0` against
/// `1`; booleans against `"true"` outside parameters; `Fn::Sub` and the other short forms (the
/// parser already gives the long form); `Condition`, `Ref` and intrinsic arguments; `Mappings`
/// values; white space inside strings; `null` values.
pub fn normalize(template: &Value) -> Value {
    let mut value = template.clone();
    if let Value::Object(root) = &mut value {
        if let Some(Value::String(s)) = root.get("Transform") {
            let list = Value::Array(vec![Value::String(s.clone())]);
            root.insert("Transform".to_owned(), list);
        }
        if let Some(Value::Object(resources)) = root.get_mut("Resources") {
            for resource in resources.values_mut() {
                if let Some(depends_on) = resource.get_mut("DependsOn") {
                    normalize_depends_on(depends_on);
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
    sort_and_getatt(value)
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
