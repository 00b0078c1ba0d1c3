//! Deterministic JSON: the template model serialised straight through serde, no intermediate tree.

use std::borrow::Cow;

use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;

use cfn_model::expr::{Expr, SubPart};
#[cfg(test)]
use cfn_model::Template;
use cfn_model::{ResourceDef, Tagging};

/// How a nested stack's `TemplateURL` is filled in.
pub(crate) type UrlFor<'a> = &'a dyn Fn(&str) -> String;

pub(crate) struct Ex<'a>(pub &'a Expr);

/// One expression as the JSON the emitter writes for it (`{"Fn::Sub": …}`, `{"Ref": …}`, …):
/// for tests, debugging and tools that splice values into hand-written templates.
///
/// ```
/// use cfn_model::prelude::*;
/// let v = Pseudo::region();
/// assert_eq!(cfn_emit::expr_to_json(v.expr()), serde_json::json!({"Ref": "AWS::Region"}));
/// ```
pub fn expr_to_json(e: &Expr) -> serde_json::Value {
    serde_json::to_value(Ex(e)).unwrap_or(serde_json::Value::Null)
}

fn one<S: Serializer, V: Serialize + ?Sized>(s: S, k: &str, v: &V) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(1))?;
    m.serialize_entry(k, v)?;
    m.end()
}

struct Seq<'a>(&'a [&'a dyn ErasedEx]);
trait ErasedEx {
    fn ex(&self) -> Ex<'_>;
}
impl ErasedEx for Expr {
    fn ex(&self) -> Ex<'_> {
        Ex(self)
    }
}
impl Serialize for Seq<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut q = s.serialize_seq(Some(self.0.len()))?;
        for e in self.0 {
            q.serialize_element(&e.ex())?;
        }
        q.end()
    }
}

struct StrThen<'a>(&'a str, &'a [&'a dyn ErasedEx]);
impl Serialize for StrThen<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut q = s.serialize_seq(Some(1 + self.1.len()))?;
        q.serialize_element(self.0)?;
        for e in self.1 {
            q.serialize_element(&e.ex())?;
        }
        q.end()
    }
}

impl Serialize for Ex<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Expr::Null => s.serialize_unit(),
            Expr::Bool(b) => s.serialize_bool(*b),
            Expr::Int(i) => s.serialize_i64(*i),
            Expr::Float(f) => s.serialize_f64(*f),
            Expr::Str(t) => s.serialize_str(t),
            Expr::List(items) => {
                let mut q = s.serialize_seq(Some(items.len()))?;
                for e in items {
                    q.serialize_element(&Ex(e))?;
                }
                q.end()
            }
            Expr::Object(fields) => {
                let mut m = s.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    m.serialize_entry(k.as_ref(), &Ex(v))?;
                }
                m.end()
            }
            Expr::Ref(n) => one(s, "Ref", &**n),
            Expr::GetAtt(r, a) => one(s, "Fn::GetAtt", &[&**r, a.as_ref()]),
            Expr::Sub(parts) => {
                let (text, vars) = sub_string(parts);
                if vars.is_empty() {
                    one(s, "Fn::Sub", &text)
                } else {
                    one(s, "Fn::Sub", &SubWithVars(&text, &vars))
                }
            }
            Expr::Join(d, list) => one(s, "Fn::Join", &StrThen(d, &[&**list])),
            Expr::Select(i, list) => one(s, "Fn::Select", &Seq(&[&**i, &**list])),
            Expr::Split(d, v) => one(s, "Fn::Split", &StrThen(d, &[&**v])),
            Expr::If(c, a, b) => one(s, "Fn::If", &StrThen(c, &[&**a, &**b])),
            Expr::FindInMap(m, a, b, None) => one(s, "Fn::FindInMap", &StrThen(m, &[&**a, &**b])),
            Expr::FindInMap(m, a, b, Some(d)) => {
                let d = Expr::find_in_map_default(d);
                one(s, "Fn::FindInMap", &StrThen(m, &[&**a, &**b, &d]))
            }
            Expr::GetStackOutput(o) => one(s, "Fn::GetStackOutput", &Ex(&o.to_object())),
            Expr::GetAZs(r) => one(s, "Fn::GetAZs", &Ex(r)),
            Expr::ImportValue(v) => one(s, "Fn::ImportValue", &Ex(v)),
            Expr::Base64(v) => one(s, "Fn::Base64", &Ex(v)),
            Expr::Cidr(a, b, c) => one(s, "Fn::Cidr", &Seq(&[&**a, &**b, &**c])),
            Expr::Equals(a, b) => one(s, "Fn::Equals", &Seq(&[&**a, &**b])),
            Expr::And(items) => one(s, "Fn::And", &ExList(items)),
            Expr::Or(items) => one(s, "Fn::Or", &ExList(items)),
            Expr::Not(v) => one(s, "Fn::Not", &Seq(&[&**v])),
            Expr::Condition(c) => one(s, "Condition", &**c),
            Expr::Length(v) => one(s, "Fn::Length", &Ex(v)),
            Expr::ToJsonString(v) => one(s, "Fn::ToJsonString", &Ex(v)),
            Expr::Dynamic(d) => s.collect_str(d),
            Expr::After(inner, _) => Ex(inner).serialize(s),
        }
    }
}

struct ExList<'a>(&'a [Expr]);
impl Serialize for ExList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut q = s.serialize_seq(Some(self.0.len()))?;
        for e in self.0 {
            q.serialize_element(&Ex(e))?;
        }
        q.end()
    }
}

struct SubWithVars<'a>(&'a str, &'a [(String, &'a Expr)]);
impl Serialize for SubWithVars<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Vars<'a>(&'a [(String, &'a Expr)]);
        impl Serialize for Vars<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for (k, v) in self.0 {
                    m.serialize_entry(k, &Ex(v))?;
                }
                m.end()
            }
        }
        let mut q = s.serialize_seq(Some(2))?;
        q.serialize_element(self.0)?;
        q.serialize_element(&Vars(self.1))?;
        q.end()
    }
}

/// Builds the `Fn::Sub` string: references and literals inline, anything else as a variable whose
/// name is chosen not to shadow a name the same string references.
pub(crate) fn sub_string(parts: &[SubPart]) -> (String, Vec<(String, &Expr)>) {
    sub_string_with(parts, &|_, _| None)
}

/// [`sub_string`], with `rename` giving the new name of a `Ref` (`None` attribute) or `GetAtt`
/// (written `${new}`), or `None` to keep it.
pub(crate) fn sub_string_with<'e, 'n>(
    parts: &'e [SubPart],
    rename: &dyn Fn(&str, Option<&str>) -> Option<&'n str>,
) -> (String, Vec<(String, &'e Expr)>) {
    let mut text = String::new();
    let mut vars: Vec<(String, &Expr)> = Vec::new();
    let mut inline_names: Vec<&str> = Vec::new();
    for p in parts {
        if let SubPart::Expr(e) = p {
            match e.strip_after() {
                Expr::Ref(n) => inline_names.push(rename(n, None).unwrap_or(n)),
                Expr::GetAtt(n, a) => inline_names.push(rename(n, Some(a)).unwrap_or(n)),
                _ => {}
            }
        }
    }
    let mut next = 0usize;
    // Literal text (literal parts, string and integer values, dynamic references) is gathered and
    // escaped as a whole, so that a `$` ending one part and a `{` starting the next cannot form a
    // `${` that Fn::Sub would read as a placeholder.
    let mut lit = String::new();
    for p in parts {
        match p {
            SubPart::Lit(t) => lit.push_str(t),
            SubPart::Expr(e) => match e.strip_after() {
                Expr::Str(t) => lit.push_str(t),
                Expr::Int(i) => lit.push_str(&i.to_string()),
                Expr::Dynamic(d) => lit.push_str(&d.to_string()),
                Expr::Ref(n) => {
                    escape_into(&mut text, &std::mem::take(&mut lit));
                    text.push_str("${");
                    text.push_str(rename(n, None).unwrap_or(n));
                    text.push('}');
                }
                Expr::GetAtt(n, a) => {
                    escape_into(&mut text, &std::mem::take(&mut lit));
                    text.push_str("${");
                    match rename(n, Some(a)) {
                        Some(p) => text.push_str(p),
                        None => {
                            text.push_str(n);
                            text.push('.');
                            text.push_str(a);
                        }
                    }
                    text.push('}');
                }
                other => {
                    escape_into(&mut text, &std::mem::take(&mut lit));
                    let name = loop {
                        next += 1;
                        let cand = format!("Var{next}");
                        if !inline_names.iter().any(|n| *n == cand) {
                            break cand;
                        }
                    };
                    text.push_str("${");
                    text.push_str(&name);
                    text.push('}');
                    vars.push((name, other));
                }
            },
        }
    }
    escape_into(&mut text, &lit);
    (text, vars)
}

fn escape_into(out: &mut String, t: &str) {
    // `${` in literal text must be written `${!` so Fn::Sub leaves it alone.
    let mut rest = t;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i + 2]);
        out.push('!');
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
}

// The serde form of a whole template: the reference the writer (`write.rs`) is tested against.
#[cfg(test)]
pub(crate) struct TemplateView<'a> {
    pub t: &'a Template,
    pub url_for: UrlFor<'a>,
}

#[cfg(test)]
struct Obj<'a>(&'a [(Cow<'static, str>, Expr)]);
#[cfg(test)]
impl Serialize for Obj<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k.as_ref(), &Ex(v))?;
        }
        m.end()
    }
}

#[cfg(test)]
impl Serialize for TemplateView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.t;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("AWSTemplateFormatVersion", "2010-09-09")?;
        if let Some(d) = &t.description {
            m.serialize_entry("Description", d)?;
        }
        match t.transform.len() {
            0 => {}
            1 => m.serialize_entry("Transform", &t.transform[0])?,
            _ => m.serialize_entry("Transform", &t.transform)?,
        }
        if !t.metadata.is_empty() {
            m.serialize_entry("Metadata", &Obj(&t.metadata))?;
        }
        if !t.parameters.is_empty() {
            m.serialize_entry("Parameters", &Params(t))?;
        }
        if !t.mappings.is_empty() {
            m.serialize_entry("Mappings", &t.mappings)?;
        }
        if !t.conditions.is_empty() {
            m.serialize_entry("Conditions", &Conds(t))?;
        }
        m.serialize_entry("Resources", &Resources(self))?;
        if !t.outputs.is_empty() {
            m.serialize_entry("Outputs", &Outputs(t))?;
        }
        m.end()
    }
}

#[cfg(test)]
struct Params<'a>(&'a Template);
#[cfg(test)]
impl Serialize for Params<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.parameters.len()))?;
        for (name, p) in &self.0.parameters {
            let mut o = serde_json::Map::new();
            o.insert("Type".into(), p.type_name.as_ref().into());
            if let Some(d) = &p.description {
                o.insert("Description".into(), d.as_str().into());
            }
            if let Some(d) = &p.default {
                o.insert("Default".into(), d.clone());
            }
            if !p.allowed_values.is_empty() {
                o.insert("AllowedValues".into(), p.allowed_values.clone().into());
            }
            if let Some(x) = &p.allowed_pattern {
                o.insert("AllowedPattern".into(), x.as_str().into());
            }
            if let Some(x) = p.min_length {
                o.insert("MinLength".into(), x.into());
            }
            if let Some(x) = p.max_length {
                o.insert("MaxLength".into(), x.into());
            }
            if let Some(x) = p.min_value {
                o.insert("MinValue".into(), num(x));
            }
            if let Some(x) = p.max_value {
                o.insert("MaxValue".into(), num(x));
            }
            if let Some(x) = &p.constraint_description {
                o.insert("ConstraintDescription".into(), x.as_str().into());
            }
            if p.no_echo {
                o.insert("NoEcho".into(), true.into());
            }
            m.serialize_entry(&**name, &o)?;
        }
        m.end()
    }
}

#[cfg(test)]
fn num(x: f64) -> serde_json::Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        (x as i64).into()
    } else {
        x.into()
    }
}

#[cfg(test)]
struct Conds<'a>(&'a Template);
#[cfg(test)]
impl Serialize for Conds<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.conditions.len()))?;
        for (k, v) in &self.0.conditions {
            m.serialize_entry(&**k, &Ex(v))?;
        }
        m.end()
    }
}

#[cfg(test)]
struct Outputs<'a>(&'a Template);
#[cfg(test)]
impl Serialize for Outputs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Export<'a>(&'a Expr);
        impl Serialize for Export<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                one(s, "Name", &Ex(self.0))
            }
        }
        struct One<'a>(&'a cfn_model::OutputDef);
        impl Serialize for One<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let o = self.0;
                let mut m = s.serialize_map(None)?;
                if let Some(d) = &o.description {
                    m.serialize_entry("Description", d)?;
                }
                if let Some(c) = &o.condition {
                    m.serialize_entry("Condition", &**c)?;
                }
                m.serialize_entry("Value", &Ex(&o.value))?;
                if let Some(e) = &o.export {
                    m.serialize_entry("Export", &Export(e))?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(Some(self.0.outputs.len()))?;
        for (k, v) in &self.0.outputs {
            m.serialize_entry(&**k, &One(v))?;
        }
        m.end()
    }
}

#[cfg(test)]
struct Resources<'a, 'b>(&'a TemplateView<'b>);
#[cfg(test)]
impl Serialize for Resources<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.0.t;
        let mut m = s.serialize_map(Some(t.resources.len()))?;
        for (id, r) in &t.resources {
            m.serialize_entry(&**id, &Res { id, r, view: self.0 })?;
        }
        m.end()
    }
}

#[cfg(test)]
struct Res<'a, 'b> {
    id: &'a str,
    r: &'a ResourceDef,
    view: &'a TemplateView<'b>,
}

#[cfg(test)]
impl Serialize for Res<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.r;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("Type", r.type_name.as_ref())?;
        if let Some(c) = &r.condition {
            m.serialize_entry("Condition", &**c)?;
        }
        match r.depends_on.len() {
            0 => {}
            1 => m.serialize_entry("DependsOn", &*r.depends_on[0])?,
            _ => m.serialize_entry("DependsOn", &r.depends_on.iter().map(|d| &**d).collect::<Vec<_>>())?,
        }
        if let Some(p) = r.deletion_policy {
            m.serialize_entry("DeletionPolicy", p.as_str())?;
        }
        if let Some(p) = r.update_replace_policy {
            m.serialize_entry("UpdateReplacePolicy", p.as_str())?;
        }
        if let Some(p) = &r.creation_policy {
            m.serialize_entry("CreationPolicy", &Ex(p))?;
        }
        if let Some(p) = &r.update_policy {
            m.serialize_entry("UpdatePolicy", &Ex(p))?;
        }
        if !r.metadata.is_empty() {
            m.serialize_entry("Metadata", &Obj(&r.metadata))?;
        }
        let props = effective_properties(self.id, r, &self.view.t.tags, self.view.url_for);
        if !props.is_empty() {
            m.serialize_entry("Properties", &Obj(&props))?;
        }
        m.end()
    }
}

/// The properties that emission writes differently from the resource's own (see
/// [`cfn_model::ResourceView::new`]): the tags property with the stack-wide tags merged in, a
/// nested stack's `TemplateURL`. Copies those two at most, not every property.
pub(crate) fn property_overrides(
    id: &str,
    r: &ResourceDef,
    tags: &[(String, Expr)],
    url_for: UrlFor<'_>,
) -> Vec<(Cow<'static, str>, Expr)> {
    let mut v = Vec::new();
    if r.nested.is_some() && r.properties.iter().any(|(k, _)| k == "TemplateURL") {
        v.push((Cow::Borrowed("TemplateURL"), Expr::Str(Cow::Owned(url_for(id)))));
    }
    if let (false, Tagging::List(p) | Tagging::Map(p)) = (tags.is_empty(), r.tagging) {
        let mut tagged: Vec<_> = r.properties.iter().filter(|(k, _)| k == p).cloned().collect();
        merge_tags(&mut tagged, r.tagging, tags);
        v.extend(tagged);
    }
    v
}

/// The properties as emitted: stack-wide tags merged in and nested `TemplateURL`s filled in (the
/// serde form kept for tests; `write.rs` and the rules' views merge without copying).
#[cfg(test)]
pub(crate) fn effective_properties<'a>(
    id: &str,
    r: &'a ResourceDef,
    tags: &[(String, Expr)],
    url_for: UrlFor<'_>,
) -> Cow<'a, [(Cow<'static, str>, Expr)]> {
    let needs_tags = !tags.is_empty() && r.tagging != Tagging::None;
    if !needs_tags && r.nested.is_none() {
        return Cow::Borrowed(&r.properties);
    }
    let mut props = r.properties.clone();
    if r.nested.is_some() {
        for (k, v) in props.iter_mut() {
            if k == "TemplateURL" {
                *v = Expr::Str(Cow::Owned(url_for(id)));
            }
        }
    }
    if needs_tags {
        merge_tags(&mut props, r.tagging, tags);
    }
    Cow::Owned(props)
}

fn merge_tags(props: &mut Vec<(Cow<'static, str>, Expr)>, tagging: Tagging, tags: &[(String, Expr)]) {
    let (prop, as_list) = match tagging {
        Tagging::None => return,
        Tagging::List(p) => (p, true),
        Tagging::Map(p) => (p, false),
    };
    let idx = match props.iter().position(|(k, _)| k == prop) {
        Some(i) => i,
        None => {
            props.push((
                Cow::Borrowed(prop),
                if as_list {
                    Expr::List(vec![])
                } else {
                    Expr::Object(vec![])
                },
            ));
            props.len() - 1
        }
    };
    match &mut props[idx].1 {
        Expr::List(items) if as_list => {
            let own: Vec<String> = items
                .iter()
                .filter_map(|i| match i {
                    Expr::Object(f) => f
                        .iter()
                        .find(|(k, _)| k == "Key")
                        .and_then(|(_, v)| v.as_literal_str())
                        .map(str::to_owned),
                    _ => None,
                })
                .collect();
            let mut added: Vec<Expr> = tags
                .iter()
                .filter(|(k, _)| !own.contains(k))
                .map(|(k, v)| {
                    Expr::Object(vec![
                        (Cow::Borrowed("Key"), Expr::Str(Cow::Owned(k.clone()))),
                        (Cow::Borrowed("Value"), v.clone()),
                    ])
                })
                .collect();
            // Stack-wide tags first, then the resource's own, so diffs stay readable.
            added.append(items);
            *items = added;
        }
        Expr::Object(fields) if !as_list => {
            let mut added: Vec<(Cow<'static, str>, Expr)> = tags
                .iter()
                .filter(|(k, _)| !fields.iter().any(|(f, _)| f == k))
                .map(|(k, v)| (Cow::Owned(k.clone()), v.clone()))
                .collect();
            added.append(fields);
            *fields = added;
        }
        // Tags given as an intrinsic (e.g. Fn::If): left as the user wrote them.
        _ => {}
    }
}
