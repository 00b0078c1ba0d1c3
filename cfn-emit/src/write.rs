//! The template writer: pretty JSON in serde_json's layout (two-space indent, `"key": value`,
//! `{}`/`[]` when empty), written straight into one `String` with no intermediate tree and no
//! per-node formatter dispatch. `json.rs` keeps the serde form for single expressions; the tests
//! check that both write the same bytes.
//!
//! A [`Renames`] table, when given, rewrites references while writing: automatic nesting uses it
//! to turn a `Ref`/`Fn::GetAtt` of a resource that lives in another nested stack into a `Ref` of
//! the parameter that carries its value.

use cfn_model::expr::{Expr, Key, SubPart};
use cfn_model::{OutputDef, ParameterDef, ResourceDef, Tagging, Template};

use crate::fxhash::FxHashMap;

/// One mapping: top-level key → second-level key → value.
pub(crate) type MappingTable = indexmap::IndexMap<String, indexmap::IndexMap<String, serde_json::Value>>;
use crate::json::sub_string_with;

/// How a nested stack's `TemplateURL` is filled in.
pub(crate) type UrlFor<'a> = &'a dyn Fn(&str) -> String;

/// References rewritten while writing one template: `(name, None)` is `Ref name`, `(name,
/// Some(attribute))` is `Fn::GetAtt name.attribute`; both become `Ref <new name>`.
#[derive(Default)]
pub(crate) struct Renames<'t> {
    pub map: FxHashMap<(&'t str, Option<&'t str>), &'t str>,
    /// Names of resources that live elsewhere: `DependsOn` on them is dropped (the nested stacks
    /// holding them are ordered instead).
    pub gone: FxHashMap<&'t str, ()>,
}

impl<'t> Renames<'t> {
    fn get(&self, name: &str, attr: Option<&str>) -> Option<&'t str> {
        if self.map.is_empty() {
            return None;
        }
        self.map.get(&(name, attr)).copied()
    }
}

/// A key written as is: `q!("Type")` is `"Type": `.
macro_rules! q {
    ($k:literal) => {
        concat!("\"", $k, "\": ")
    };
}

/// A comma, a newline and the indentation of up to 31 levels, sliced as needed.
const COMMA_NEWLINE_SPACES: &str = ",\n                                                              ";

/// Whether any byte of `b` must be escaped in a JSON string (a control character, `"` or `\`),
/// eight bytes at a time.
fn needs_escape(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has = |x: u64| {
        // A byte below 0x20, or equal to '"' or '\\' (each a zero byte after the xor).
        let below = x.wrapping_sub(ONES * 0x20) & !x;
        let q = x ^ (ONES * u64::from(b'"'));
        let bs = x ^ (ONES * u64::from(b'\\'));
        (below | (q.wrapping_sub(ONES) & !q) | (bs.wrapping_sub(ONES) & !bs)) & HIGH != 0
    };
    let word = |c: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        u64::from_le_bytes(w)
    };
    if b.len() < 8 {
        return b.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
    }
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        if has(word(c)) {
            return true;
        }
    }
    // The last eight bytes, overlapping the chunks already seen.
    !chunks.remainder().is_empty() && has(word(&b[b.len() - 8..]))
}

/// The writer: an output buffer, the current depth and optional renames.
pub(crate) struct W<'o, 'r, 't> {
    pub out: &'o mut String,
    pub depth: usize,
    pub rw: Option<&'r Renames<'t>>,
    /// The stack-wide tags as written into resources that have no tags of their own, by depth and
    /// form: the same text for every such resource of a template, so written once.
    pub tag_cache: Option<&'r TagCache>,
}

/// See [`W::tag_cache`].
pub(crate) type TagCache = std::cell::RefCell<Vec<(usize, bool, String)>>;

/// One open object or array: whether a value was written into it yet.
pub(crate) struct Open(pub(crate) bool);

impl<'o, 'r, 't> W<'o, 'r, 't> {
    pub fn new(out: &'o mut String, depth: usize, rw: Option<&'r Renames<'t>>) -> Self {
        W {
            out,
            depth,
            rw,
            tag_cache: None,
        }
    }

    /// The writer, reusing the stack-wide tags written once (see [`W::tag_cache`]).
    pub fn cached(mut self, cache: &'r TagCache) -> Self {
        self.tag_cache = Some(cache);
        self
    }

    /// A newline and the indentation of the current depth, after a comma when `comma`.
    #[inline]
    fn newline_indent(&mut self, comma: bool) {
        let n = 2 + self.depth * 2;
        if n <= COMMA_NEWLINE_SPACES.len() {
            self.out.push_str(&COMMA_NEWLINE_SPACES[usize::from(!comma)..n]);
        } else {
            if comma {
                self.out.push(',');
            }
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    #[inline]
    pub fn begin(&mut self, c: char) -> Open {
        self.out.push(c);
        self.depth += 1;
        Open(false)
    }

    /// Before an array element or an object key.
    #[inline]
    pub fn item(&mut self, o: &mut Open) {
        let comma = o.0;
        o.0 = true;
        self.newline_indent(comma);
    }

    pub fn key(&mut self, o: &mut Open, k: &str) {
        self.item(o);
        self.string(k);
        self.out.push_str(": ");
    }

    /// A key known not to need escaping, already quoted (see `q!`).
    #[inline]
    pub fn key_q(&mut self, o: &mut Open, quoted: &'static str) {
        self.item(o);
        self.out.push_str(quoted);
    }

    #[inline]
    pub fn end(&mut self, o: Open, c: char) {
        self.depth -= 1;
        if o.0 {
            self.newline_indent(false);
        }
        self.out.push(c);
    }

    /// A JSON string, escaped as serde_json escapes it.
    pub fn string(&mut self, s: &str) {
        if !needs_escape(s.as_bytes()) {
            self.out.reserve(s.len() + 2);
            self.out.push('"');
            self.out.push_str(s);
            self.out.push('"');
            return;
        }
        self.out.push('"');
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b >= 0x20 && b != b'"' && b != b'\\' {
                continue;
            }
            if start < i {
                self.out.push_str(&s[start..i]);
            }
            match b {
                b'"' => self.out.push_str("\\\""),
                b'\\' => self.out.push_str("\\\\"),
                b'\n' => self.out.push_str("\\n"),
                b'\r' => self.out.push_str("\\r"),
                b'\t' => self.out.push_str("\\t"),
                0x08 => self.out.push_str("\\b"),
                0x0c => self.out.push_str("\\f"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.out.push_str("\\u00");
                    self.out.push(HEX[(b >> 4) as usize] as char);
                    self.out.push(HEX[(b & 0xf) as usize] as char);
                }
            }
            start = i + 1;
        }
        if start < bytes.len() {
            self.out.push_str(&s[start..]);
        }
        self.out.push('"');
    }

    pub fn int(&mut self, v: i64) {
        let mut buf = [0u8; 21];
        let mut i = buf.len();
        let neg = v < 0;
        let mut n = v.unsigned_abs();
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if neg {
            i -= 1;
            buf[i] = b'-';
        }
        self.out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
    }

    fn float(&mut self, f: f64) {
        // Rare: serde_json's own formatting (ryu; non-finite numbers are `null`).
        let s = serde_json::to_string(&f).unwrap_or_else(|_| "null".into());
        self.out.push_str(&s);
    }

    /// `{"key": <value>}`.
    fn one(&mut self, k: &'static str, f: impl FnOnce(&mut Self)) {
        let mut o = self.begin('{');
        self.key_q(&mut o, k);
        f(self);
        self.end(o, '}');
    }

    fn str_then(&mut self, k: &'static str, first: &str, rest: &[&Expr]) {
        self.one(k, |w| {
            let mut a = w.begin('[');
            w.item(&mut a);
            w.string(first);
            for e in rest {
                w.item(&mut a);
                w.expr(e);
            }
            w.end(a, ']');
        })
    }

    fn seq(&mut self, k: &'static str, items: &[&Expr]) {
        self.one(k, |w| {
            let mut a = w.begin('[');
            for e in items {
                w.item(&mut a);
                w.expr(e);
            }
            w.end(a, ']');
        })
    }

    fn list(&mut self, items: &[Expr]) {
        let mut a = self.begin('[');
        for e in items {
            self.item(&mut a);
            self.expr(e);
        }
        self.end(a, ']');
    }

    pub fn object(&mut self, fields: &[(Key, Expr)]) {
        let mut o = self.begin('{');
        for (k, v) in fields {
            self.key(&mut o, k);
            self.expr(v);
        }
        self.end(o, '}');
    }

    /// One expression, as `json::Ex` serialises it.
    pub fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Null => self.out.push_str("null"),
            Expr::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Expr::Int(i) => self.int(*i),
            Expr::Float(f) => self.float(*f),
            Expr::Str(t) => self.string(t),
            Expr::List(items) => self.list(items),
            Expr::Object(fields) => self.object(fields),
            Expr::Ref(n) => {
                let n = self.rw.and_then(|r| r.get(n, None)).unwrap_or(n);
                self.one(q!("Ref"), |w| w.string(n))
            }
            Expr::GetAtt(r, a) => match self.rw.and_then(|rw| rw.get(r, Some(a))) {
                Some(p) => self.one(q!("Ref"), |w| w.string(p)),
                None => self.one(q!("Fn::GetAtt"), |w| {
                    let mut l = w.begin('[');
                    w.item(&mut l);
                    w.string(r);
                    w.item(&mut l);
                    w.string(a);
                    w.end(l, ']');
                }),
            },
            Expr::Sub(parts) => self.sub(parts),
            Expr::Join(d, list) => self.str_then(q!("Fn::Join"), d, &[list]),
            Expr::Select(i, list) => self.seq(q!("Fn::Select"), &[i, list]),
            Expr::Split(d, v) => self.str_then(q!("Fn::Split"), d, &[v]),
            Expr::If(c, a, b) => self.str_then(q!("Fn::If"), c, &[a, b]),
            Expr::FindInMap(m, a, b, None) => self.str_then(q!("Fn::FindInMap"), m, &[a, b]),
            Expr::FindInMap(m, a, b, Some(d)) => {
                self.str_then(q!("Fn::FindInMap"), m, &[a, b, &Expr::find_in_map_default(d)])
            }
            Expr::GetStackOutput(o) => self.one(q!("Fn::GetStackOutput"), |w| w.expr(&o.to_object())),
            Expr::GetAZs(r) => self.one(q!("Fn::GetAZs"), |w| w.expr(r)),
            Expr::ImportValue(v) => self.one(q!("Fn::ImportValue"), |w| w.expr(v)),
            Expr::Base64(v) => self.one(q!("Fn::Base64"), |w| w.expr(v)),
            Expr::Cidr(a, b, c) => self.seq(q!("Fn::Cidr"), &[a, b, c]),
            Expr::Equals(a, b) => self.seq(q!("Fn::Equals"), &[a, b]),
            Expr::And(items) => self.one(q!("Fn::And"), |w| w.list(items)),
            Expr::Or(items) => self.one(q!("Fn::Or"), |w| w.list(items)),
            Expr::Not(v) => self.seq(q!("Fn::Not"), &[v]),
            Expr::Condition(c) => self.one(q!("Condition"), |w| w.string(c)),
            Expr::Length(v) => self.one(q!("Fn::Length"), |w| w.expr(v)),
            Expr::ToJsonString(v) => self.one(q!("Fn::ToJsonString"), |w| w.expr(v)),
            Expr::Dynamic(d) => self.string(&d.to_string()),
            Expr::After(inner, _) => self.expr(inner),
        }
    }

    fn sub(&mut self, parts: &[SubPart]) {
        let rw = self.rw;
        let rename = |n: &str, a: Option<&str>| rw.and_then(|r| r.get(n, a));
        let (text, vars) = sub_string_with(parts, &rename);
        self.one(q!("Fn::Sub"), |w| {
            if vars.is_empty() {
                w.string(&text);
            } else {
                let mut l = w.begin('[');
                w.item(&mut l);
                w.string(&text);
                w.item(&mut l);
                let mut o = w.begin('{');
                for (k, v) in &vars {
                    w.key(&mut o, k);
                    w.expr(v);
                }
                w.end(o, '}');
                w.end(l, ']');
            }
        })
    }

    /// A `serde_json::Value` (parameter defaults, mappings), as serde_json writes it.
    pub fn json(&mut self, v: &serde_json::Value) {
        match v {
            serde_json::Value::Null => self.out.push_str("null"),
            serde_json::Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => self.int(i),
                None => {
                    let s = serde_json::to_string(n).unwrap_or_else(|_| "null".into());
                    self.out.push_str(&s);
                }
            },
            serde_json::Value::String(s) => self.string(s),
            serde_json::Value::Array(items) => {
                let mut a = self.begin('[');
                for i in items {
                    self.item(&mut a);
                    self.json(i);
                }
                self.end(a, ']');
            }
            serde_json::Value::Object(m) => {
                let mut o = self.begin('{');
                for (k, v) in m {
                    self.key(&mut o, k);
                    self.json(v);
                }
                self.end(o, '}');
            }
        }
    }

    /// A parameter's definition.
    pub fn parameter(&mut self, p: &ParameterDef) {
        let mut o = self.begin('{');
        self.key_q(&mut o, q!("Type"));
        self.string(&p.type_name);
        if let Some(d) = &p.description {
            self.key_q(&mut o, q!("Description"));
            self.string(d);
        }
        if let Some(d) = &p.default {
            self.key_q(&mut o, q!("Default"));
            self.json(d);
        }
        if !p.allowed_values.is_empty() {
            self.key_q(&mut o, q!("AllowedValues"));
            let mut a = self.begin('[');
            for v in &p.allowed_values {
                self.item(&mut a);
                self.json(v);
            }
            self.end(a, ']');
        }
        if let Some(x) = &p.allowed_pattern {
            self.key_q(&mut o, q!("AllowedPattern"));
            self.string(x);
        }
        if let Some(x) = p.min_length {
            self.key_q(&mut o, q!("MinLength"));
            self.json(&x.into());
        }
        if let Some(x) = p.max_length {
            self.key_q(&mut o, q!("MaxLength"));
            self.json(&x.into());
        }
        if let Some(x) = p.min_value {
            self.key_q(&mut o, q!("MinValue"));
            self.json(&num(x));
        }
        if let Some(x) = p.max_value {
            self.key_q(&mut o, q!("MaxValue"));
            self.json(&num(x));
        }
        if let Some(x) = &p.constraint_description {
            self.key_q(&mut o, q!("ConstraintDescription"));
            self.string(x);
        }
        if p.no_echo {
            self.key_q(&mut o, q!("NoEcho"));
            self.out.push_str("true");
        }
        self.end(o, '}');
    }

    /// An output's definition.
    pub fn output(&mut self, d: &OutputDef) {
        let mut o = self.begin('{');
        if let Some(x) = &d.description {
            self.key_q(&mut o, q!("Description"));
            self.string(x);
        }
        if let Some(c) = &d.condition {
            self.key_q(&mut o, q!("Condition"));
            self.string(c);
        }
        self.key_q(&mut o, q!("Value"));
        self.expr(&d.value);
        if let Some(e) = &d.export {
            self.key_q(&mut o, q!("Export"));
            self.one(q!("Name"), |w| w.expr(e));
        }
        self.end(o, '}');
    }

    /// One resource: its attributes, then its properties with the stack-wide tags merged in and a
    /// nested stack's `TemplateURL` filled in.
    pub fn resource(&mut self, id: &str, r: &ResourceDef, tags: &[(String, Expr)], url_for: UrlFor<'_>) {
        let mut o = self.begin('{');
        self.key_q(&mut o, q!("Type"));
        self.string(&r.type_name);
        if let Some(c) = &r.condition {
            self.key_q(&mut o, q!("Condition"));
            self.string(c);
        }
        let rw = self.rw;
        let gone = |d: &str| rw.is_some_and(|rw| rw.gone.contains_key(d));
        let deps: Vec<&str> = if r.depends_on.iter().any(|d| gone(d)) {
            r.depends_on.iter().map(|d| &**d).filter(|d| !gone(d)).collect()
        } else {
            r.depends_on.iter().map(|d| &**d).collect()
        };
        match deps.len() {
            0 => {}
            1 => {
                self.key_q(&mut o, q!("DependsOn"));
                self.string(deps[0]);
            }
            _ => {
                self.key_q(&mut o, q!("DependsOn"));
                let mut a = self.begin('[');
                for d in deps {
                    self.item(&mut a);
                    self.string(d);
                }
                self.end(a, ']');
            }
        }
        if let Some(p) = r.deletion_policy {
            self.key_q(&mut o, q!("DeletionPolicy"));
            self.string(p.as_str());
        }
        if let Some(p) = r.update_replace_policy {
            self.key_q(&mut o, q!("UpdateReplacePolicy"));
            self.string(p.as_str());
        }
        if let Some(p) = &r.creation_policy {
            self.key_q(&mut o, q!("CreationPolicy"));
            self.expr(p);
        }
        if let Some(p) = &r.update_policy {
            self.key_q(&mut o, q!("UpdatePolicy"));
            self.expr(p);
        }
        if !r.metadata.is_empty() {
            self.key_q(&mut o, q!("Metadata"));
            self.object(&r.metadata);
        }
        for (k, v) in &r.raw_attributes {
            self.key(&mut o, k);
            self.expr(v);
        }
        let tag_prop = match r.tagging {
            _ if tags.is_empty() => None,
            Tagging::None => None,
            Tagging::List(p) => Some((p, true)),
            Tagging::Map(p) => Some((p, false)),
        };
        if !r.properties.is_empty() || tag_prop.is_some() {
            self.key_q(&mut o, q!("Properties"));
            let mut p = self.begin('{');
            let mut tags_written = false;
            for (k, v) in &r.properties {
                self.key(&mut p, k);
                match tag_prop {
                    Some((tp, as_list)) if k == tp => {
                        tags_written = true;
                        self.merged_tags(Some(v), tags, as_list);
                    }
                    _ if r.nested.is_some() && k == "TemplateURL" => self.string(&url_for(id)),
                    _ => self.expr(v),
                }
            }
            if let (Some((tp, as_list)), false) = (tag_prop, tags_written) {
                self.key(&mut p, tp);
                self.merged_tags(None, tags, as_list);
            }
            self.end(p, '}');
        }
        self.end(o, '}');
    }

    /// The stack-wide tags first (leaving out keys the resource sets itself), then the resource's
    /// own; tags written as an intrinsic (e.g. `Fn::If`) are left as the user wrote them.
    fn merged_tags(&mut self, own: Option<&Expr>, tags: &[(String, Expr)], as_list: bool) {
        match (own, as_list) {
            (Some(Expr::List(items)), true) => {
                let own_key = |k: &str| {
                    items.iter().any(|i| match i {
                        Expr::Object(f) => f
                            .iter()
                            .find(|(fk, _)| fk == "Key")
                            .and_then(|(_, v)| v.as_literal_str())
                            .is_some_and(|s| s == k),
                        _ => false,
                    })
                };
                let mut a = self.begin('[');
                for (k, v) in tags.iter().filter(|(k, _)| !own_key(k)) {
                    self.item(&mut a);
                    self.tag(k, v);
                }
                for i in items {
                    self.item(&mut a);
                    self.expr(i);
                }
                self.end(a, ']');
            }
            (None, _) if self.rw.is_none() && self.tag_cache.is_some() => {
                let Some(cache) = self.tag_cache else { return };
                let found = cache
                    .borrow()
                    .iter()
                    .find(|(d, l, _)| *d == self.depth && *l == as_list)
                    .map(|(_, _, text)| self.out.push_str(text))
                    .is_some();
                if !found {
                    let mut text = String::new();
                    W::new(&mut text, self.depth, None).merged_tags(None, tags, as_list);
                    self.out.push_str(&text);
                    cache.borrow_mut().push((self.depth, as_list, text));
                }
            }
            (None, true) => {
                let mut a = self.begin('[');
                for (k, v) in tags {
                    self.item(&mut a);
                    self.tag(k, v);
                }
                self.end(a, ']');
            }
            (Some(Expr::Object(fields)), false) => {
                let mut o = self.begin('{');
                for (k, v) in tags.iter().filter(|(k, _)| !fields.iter().any(|(f, _)| f == k)) {
                    self.key(&mut o, k);
                    self.expr(v);
                }
                for (k, v) in fields {
                    self.key(&mut o, k);
                    self.expr(v);
                }
                self.end(o, '}');
            }
            (None, false) => {
                let mut o = self.begin('{');
                for (k, v) in tags {
                    self.key(&mut o, k);
                    self.expr(v);
                }
                self.end(o, '}');
            }
            (Some(other), _) => self.expr(other),
        }
    }

    fn tag(&mut self, k: &str, v: &Expr) {
        let mut o = self.begin('{');
        self.key_q(&mut o, q!("Key"));
        self.string(k);
        self.key_q(&mut o, q!("Value"));
        self.expr(v);
        self.end(o, '}');
    }

    /// The sections before `Resources`: format version, description, transform, metadata,
    /// parameters, mappings, conditions. Leaves the top-level object open.
    pub fn head(&mut self, o: &mut Open, t: &Template) {
        self.key_q(o, q!("AWSTemplateFormatVersion"));
        self.string("2010-09-09");
        if let Some(d) = &t.description {
            self.key_q(o, q!("Description"));
            self.string(d);
        }
        match t.transform.len() {
            0 => {}
            1 => {
                self.key_q(o, q!("Transform"));
                self.string(&t.transform[0]);
            }
            _ => {
                self.key_q(o, q!("Transform"));
                let mut a = self.begin('[');
                for x in &t.transform {
                    self.item(&mut a);
                    self.string(x);
                }
                self.end(a, ']');
            }
        }
        if !t.metadata.is_empty() {
            self.key_q(o, q!("Metadata"));
            self.object(&t.metadata);
        }
        if !t.parameters.is_empty() {
            self.key_q(o, q!("Parameters"));
            let mut p = self.begin('{');
            for (name, d) in &t.parameters {
                self.key(&mut p, name);
                self.parameter(d);
            }
            self.end(p, '}');
        }
        if !t.mappings.is_empty() {
            self.key_q(o, q!("Mappings"));
            self.mappings(t.mappings.iter().map(|(k, v)| (&**k, v)));
        }
        if !t.conditions.is_empty() {
            self.key_q(o, q!("Conditions"));
            let mut c = self.begin('{');
            for (k, v) in &t.conditions {
                self.key(&mut c, k);
                self.expr(v);
            }
            self.end(c, '}');
        }
        for (name, v) in &t.raw_sections {
            self.key(o, name);
            self.json(v);
        }
    }

    pub fn mappings<'m>(&mut self, maps: impl Iterator<Item = (&'m str, &'m MappingTable)>) {
        let mut m = self.begin('{');
        for (name, top) in maps {
            self.key(&mut m, name);
            let mut a = self.begin('{');
            for (k, second) in top {
                self.key(&mut a, k);
                let mut b = self.begin('{');
                for (k2, v) in second {
                    self.key(&mut b, k2);
                    self.json(v);
                }
                self.end(b, '}');
            }
            self.end(a, '}');
        }
        self.end(m, '}');
    }

    /// The `Outputs` section, when there are outputs.
    pub fn outputs(&mut self, o: &mut Open, t: &Template) {
        if !t.outputs.is_empty() {
            self.key_q(o, q!("Outputs"));
            let mut x = self.begin('{');
            for (k, v) in &t.outputs {
                self.key(&mut x, k);
                self.output(v);
            }
            self.end(x, '}');
        }
    }
}

fn num(x: f64) -> serde_json::Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        (x as i64).into()
    } else {
        x.into()
    }
}

/// A whole template as pretty JSON with a final newline.
pub(crate) fn template(t: &Template, url_for: UrlFor<'_>) -> String {
    let mut out = String::with_capacity(256 + t.resources.len() * 512);
    let cache = TagCache::default();
    let mut w = W::new(&mut out, 0, None).cached(&cache);
    let mut o = w.begin('{');
    w.head(&mut o, t);
    w.key_q(&mut o, q!("Resources"));
    let mut r = w.begin('{');
    for (id, def) in &t.resources {
        w.key(&mut r, id);
        w.resource(id, def, &t.tags, url_for);
    }
    w.end(r, '}');
    w.outputs(&mut o, t);
    w.end(o, '}');
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use cfn_model::prelude::*;
    use cfn_model::{Expr, Stack, Template};
    use serde_json::json;

    fn serde_form(t: &Template) -> String {
        let url_for = |id: &str| format!("https://example.com/{id}.json");
        let view = crate::json::TemplateView { t, url_for: &url_for };
        let mut s = serde_json::to_string_pretty(&view).expect("serialises");
        s.push('\n');
        s
    }

    fn writer_form(t: &Template) -> String {
        let url_for = |id: &str| format!("https://example.com/{id}.json");
        super::template(t, &url_for)
    }

    /// Every section and every expression form, with strings that need escaping.
    fn everything() -> Stack {
        let mut s: Stack = Stack::new();
        s.description("Tab\there, quote \" backslash \\ newline\n bell \u{7} del \u{7f} é ✓ / </script>");
        s.transform("AWS::LanguageExtensions");
        s.metadata("Note", json!({"a": [1, 2.5, -3, null, true, {}, []], "b": "x"}));
        let env = s.parameter(
            "Env",
            Parameter::string()
                .description("env")
                .default("dev")
                .allowed(["dev", "prod"])
                .pattern("^[a-z]+$")
                .min_length(1)
                .max_length(10)
                .constraint_description("lower case")
                .no_echo(),
        );
        s.parameter("Count", Parameter::number().min_value(0.0).max_value(2.5).default(1));
        s.parameter("Big", Parameter::number().min_value(-1e20).max_value(1e300));
        s.mapping(
            "Table",
            Mapping::new()
                .entry("dev", [("Size", json!(1)), ("Name", json!("small"))])
                .entry("prod", [("Size", json!(1.5))])
                .entry("none", Vec::<(String, serde_json::Value)>::new()),
        );
        let is_prod = s.condition("IsProd", Value::<Cond>::equals(env.value(), "prod"));
        s.condition(
            "Both",
            Value::<Cond>::and([
                Value::<Cond>::not(Value::from_expr(Expr::Condition("IsProd".into()))),
                {
                    Value::<Cond>::or([
                        Value::<Cond>::equals(env.value(), "dev"),
                        Value::<Cond>::equals("a", "b"),
                    ])
                },
            ]),
        );
        s.tag("Project", "p\"q");
        s.tag("Env", env.value());
        let vpc = s.add(
            "Vpc",
            RawResource::of("AWS::EC2::VPC")
                .prop("CidrBlock", "10.0.0.0/16")
                .prop(
                    "Tags",
                    vec![Expr::Object(vec![
                        ("Key".into(), Expr::str("Env")),
                        ("Value".into(), Expr::str("mine")),
                    ])],
                )
                .tagging(Tagging::List("Tags")),
        );
        let topic = s.add_with(
            "Topic",
            RawResource::of("AWS::SNS::Topic")
                .prop(
                    "Tags",
                    Expr::If("IsProd".into(), Box::new(Expr::List(vec![])), Box::new(Expr::Null)),
                )
                .tagging(Tagging::List("Tags")),
            Attributes::new()
                .condition(&is_prod)
                .depends_on(&vpc)
                .retain_data(Policy::Retain)
                .creation_policy(json!({"ResourceSignal": {"Timeout": "PT5M"}}))
                .update_policy(json!({}))
                .metadata("M", json!([{"k": "v"}])),
        );
        s.add(
            "Param",
            RawResource::of("AWS::SSM::Parameter")
                .prop("Type", "String")
                .prop("Tags", Expr::Object(vec![("Env".into(), Expr::str("own"))]))
                .prop(
                    "Value",
                    Value::<String>::sub([
                        SubPart::lit("a-${literal}-$"),
                        SubPart::lit("{x}"),
                        SubPart::val(Pseudo::stack_name()),
                        SubPart::val(vpc.get_att::<String>("CidrBlock")),
                        SubPart::val(Value::<String>::select(0, Value::<Vec<String>>::azs(""))),
                        SubPart::val(Value::<String>::from_expr(Expr::Int(-42))),
                    ]),
                )
                .prop("Description", Value::<String>::join(",", vec!["a", "b"]))
                .prop("AllowedPattern", Value::<String>::import("exp").base64())
                .prop(
                    "Tier",
                    Value::<String>::if_(&is_prod, "Advanced", Value::<String>::no_value()),
                )
                .prop("X", Expr::Float(0.1))
                .prop("Y", Expr::Float(1e21))
                .prop("Z", Expr::Float(f64::NAN))
                .prop("L", Expr::Length(Box::new(Expr::List(vec![]))))
                .prop("J", Expr::ToJsonString(Box::new(Expr::Object(vec![]))))
                .prop("C", Value::<String>::from("10.0.0.0/16").cidr(4, 8))
                .prop("S", Value::<String>::from("a,b").split(","))
                .prop(
                    "M",
                    Expr::FindInMap(
                        "Table".into(),
                        Box::new(env.value().into_expr()),
                        Box::new(Expr::str("Size")),
                        None,
                    ),
                )
                .prop(
                    "MD",
                    Expr::FindInMap(
                        "Table".into(),
                        Box::new(env.value().into_expr()),
                        Box::new(Expr::str("Size")),
                        Some(Box::new(Expr::Int(3))),
                    ),
                )
                .prop(
                    "GSO",
                    Expr::GetStackOutput(Box::new(cfn_model::expr::StackOutputRef {
                        stack_name: Expr::str("producer"),
                        output_name: Expr::str("Name"),
                        region: Some(Expr::str("us-west-2")),
                        role_arn: None,
                    })),
                )
                .prop("I", Expr::Int(i64::MIN))
                .prop(
                    "D",
                    Expr::Dynamic(Box::new(DynamicRef::ssm(SsmName::new_or_panic("/a/b")))),
                )
                .prop("After", Expr::Ref("Topic".into()).after(["Vpc".into()]))
                .tagging(Tagging::Map("Tags")),
        );
        s.add("Bare", RawResource::of("AWS::SQS::Queue").tagging(Tagging::Map("Tags")));
        s.add("Empty", RawResource::of("AWS::SQS::Queue"));
        s.add_with(
            "Many",
            RawResource::of("AWS::SQS::Queue").prop("DelaySeconds", 1),
            Attributes::new().depends_on(&vpc).depends_on(&topic),
        );
        let mut child: Stack = Stack::new();
        child.add("Inner", RawResource::of("AWS::SNS::Topic"));
        s.nested("Child", child, [("Env", env.value())], Attributes::new());
        s.output("VpcId", Output::new(vpc.id()).description("d").export(sub_name()));
        s.output("Cond", Output::new(topic.id()).condition(&is_prod));
        s
    }

    fn sub_name() -> Value<String> {
        Value::<String>::sub([SubPart::val(Pseudo::stack_name()), SubPart::lit("-vpc")])
    }

    #[test]
    fn needs_escape_finds_every_byte_to_escape_at_every_position() {
        for len in 0..20usize {
            for pos in 0..len {
                for b in 0..=255u8 {
                    let mut v = vec![b'a'; len];
                    v[pos] = b;
                    let expected = b < 0x20 || b == b'"' || b == b'\\';
                    assert_eq!(super::needs_escape(&v), expected, "byte {b} at {pos} of {len}");
                }
            }
        }
    }

    #[test]
    fn the_writer_writes_what_serde_json_writes() {
        for t in [
            everything().into_template(),
            Template::default(),
            Stack::<Root>::new().into_template(),
        ] {
            assert_eq!(writer_form(&t), serde_form(&t));
        }
        let all = writer_form(&everything().into_template());
        assert!(all.contains("bell \\u0007 del \u{7f}") && all.contains("${!literal}") && all.len() > 4000);
    }
}
