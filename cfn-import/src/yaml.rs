//! YAML templates, read with `saphyr-parser`'s event API and resolved the way cfn-lint's loader
//! (PyYAML's `SafeLoader`, YAML 1.1) resolves them, with CloudFormation's short-form tags turned
//! into their long forms.
//!
//! # Tags
//!
//! `!Ref X` → `{"Ref": "X"}`, `!Condition X` → `{"Condition": "X"}`, and every other `!Foo` →
//! `{"Fn::Foo": …}` (`!Sub`, `!GetAtt`, `!If`, `!Select`, `!Join`, `!Split`, `!FindInMap`,
//! `!GetAZs`, `!ImportValue`, `!Base64`, `!Cidr`, `!Equals`, `!And`, `!Or`, `!Not`, `!Transform`,
//! `!Length`, `!ToJsonString`, …). A tagged scalar is always a string (`!Ref 10` → `"10"`), as in
//! cfn-lint; a tagged list or mapping is read as usual. `!GetAtt A.B.C` is split at the FIRST dot,
//! `["A", "B.C"]`; a `!GetAtt` scalar with no dot (or an empty side) is an error. The
//! non-specific tag `!` alone makes a scalar a string (`! "Ref": X` is the key `Ref`). The YAML core
//! tags `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq` and `!!map` are honoured; any
//! other tag is an error.
//!
//! # Plain scalars (YAML 1.1, as PyYAML's `SafeLoader`)
//!
//! Only plain (unquoted) scalars are resolved; quoted and block scalars are strings.
//! - null: empty, `~`, `null`, `Null`, `NULL`.
//! - booleans: `true/false`, `yes/no`, `on/off` in lower, Capitalised or UPPER case (so `Enabled:
//!   yes` is `true`; quote it to keep the word).
//! - integers: decimal `10`, `+10`, `1_000`; octal with a leading zero, `0755` → 493; `0x1F`;
//!   `0b101`; sexagesimal `1:30` → 90. `08` and `0o17` are strings. Integers beyond 64 bits are
//!   an error.
//! - floats need a dot: `1.5`, `1.`, `.5`, `1.0e+3` (the exponent needs its sign); `1e3` stays the
//!   string `"1e3"`. `.inf` and `.nan` have no JSON form and are errors.
//! - timestamps (`2010-09-09`) stay strings: PyYAML would make a date, but CloudFormation reads
//!   `AWSTemplateFormatVersion: 2010-09-09` as the text.
//! - everything else is a string.
//!
//! # Structure
//!
//! Anchors and aliases are expanded (at most 250,000 nodes once expanded, cfn-lint's bound);
//! merge keys (`<<: *base`, `<<: [*a, *b]`) are applied as PyYAML does (explicit keys win, then
//! the earlier mapping of a list). A duplicate key is an error naming it and both lines (cfn-lint
//! reports it too; unlike cfn-lint this holds in a mapping with a merge key as well). Keys are
//! scalars: a plain `80:` is the key `"80"`, a null key is an error, a list or mapping key is an
//! error. A file with more than one document is an error.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, StrInput, Tag};
use serde_json::{Map, Number, Value};

use crate::ParseError;

/// The most nodes a template may have once its aliases are expanded (cfn-lint's bound).
const MAX_NODES: usize = 250_000;
/// The deepest nesting read (a guard against stack exhaustion on hostile input).
const MAX_DEPTH: usize = 200;
/// The YAML core schema's tag prefix (`!!str` is this prefix and `str`).
const CORE: &str = "tag:yaml.org,2002:";

/// Parses a YAML template into long-form JSON, key order kept. See the module documentation for
/// the tags and scalars. The top-level checks (a mapping, a template) are [`crate::parse`]'s.
pub fn parse_yaml(source: &str, file: &str) -> Result<Value, ParseError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut loader = Loader {
        parser: Parser::new_from_str(source),
        file,
        anchors: HashMap::new(),
        nodes: 0,
    };
    loader.stream()
}

struct Loader<'a> {
    parser: Parser<'a, StrInput<'a>>,
    file: &'a str,
    /// Each anchor's value and its node count.
    anchors: HashMap<usize, (Value, usize)>,
    /// Nodes built so far, aliases expanded.
    nodes: usize,
}

/// What a node's tag asks for.
enum Wanted {
    /// No tag: resolve as usual.
    Plain,
    /// The non-specific tag `!` alone: a scalar is a string, a list or mapping is as usual.
    NonSpecific,
    /// A core tag (`!!str`, …): its suffix.
    Core(String),
    /// A CloudFormation short form: the long form's key (`Ref`, `Fn::GetAtt`, …).
    Function(String),
}

fn line_col(span: &Span) -> (usize, usize) {
    (span.start.line(), span.start.col() + 1)
}

impl<'a> Loader<'a> {
    fn err(&self, span: &Span, message: impl Into<String>) -> ParseError {
        let (line, col) = line_col(span);
        ParseError::at(self.file, line, col, message)
    }

    fn scan_error(&self, e: &ScanError) -> ParseError {
        ParseError::at(
            self.file,
            e.marker().line(),
            e.marker().col() + 1,
            format!("invalid YAML: {}", e.info()),
        )
    }

    fn next(&mut self) -> Result<(Event<'a>, Span), ParseError> {
        match self.parser.next_event() {
            Some(Ok(event)) => Ok(event),
            Some(Err(e)) => Err(self.scan_error(&e)),
            None => Err(ParseError::whole(self.file, "invalid YAML: the stream ends early")),
        }
    }

    fn stream(&mut self) -> Result<Value, ParseError> {
        let (event, span) = self.next()?;
        if !matches!(event, Event::StreamStart) {
            return Err(self.err(&span, "invalid YAML: no stream start"));
        }
        let (event, span) = self.next()?;
        match event {
            Event::DocumentStart(_) => {}
            Event::StreamEnd => return Err(ParseError::whole(self.file, "the file is empty: no template")),
            _ => return Err(self.err(&span, "invalid YAML: no document start")),
        }
        let (event, span) = self.next()?;
        let (root, _) = self.node(event, span, 0)?;
        let (event, span) = self.next()?;
        if !matches!(event, Event::DocumentEnd) {
            return Err(self.err(&span, "invalid YAML: the document does not end"));
        }
        let (event, span) = self.next()?;
        match event {
            Event::StreamEnd => Ok(root),
            Event::DocumentStart(_) => Err(self.err(
                &span,
                "a second YAML document starts here; a template is exactly one document (remove the extra `---`)",
            )),
            _ => Err(self.err(&span, "invalid YAML: content after the document")),
        }
    }

    fn count(&mut self, n: usize, span: &Span) -> Result<(), ParseError> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(self.err(
                span,
                format!("the template has more than {MAX_NODES} nodes once YAML aliases are expanded"),
            ));
        }
        Ok(())
    }

    fn wanted(&self, tag: Option<&Tag>, span: &Span) -> Result<Wanted, ParseError> {
        let Some(tag) = tag else { return Ok(Wanted::Plain) };
        if tag.handle.is_empty() && tag.suffix == "!" {
            return Ok(Wanted::NonSpecific);
        }
        if tag.handle == "!" && !tag.suffix.is_empty() {
            let name = tag.suffix.as_str();
            return Ok(Wanted::Function(match name {
                "Ref" | "Condition" => name.to_owned(),
                _ => format!("Fn::{name}"),
            }));
        }
        if tag.handle == CORE || (tag.handle == "!!" && !tag.suffix.is_empty()) {
            return Ok(Wanted::Core(tag.suffix.clone()));
        }
        if let Some(suffix) = tag.suffix.strip_prefix(CORE) {
            if tag.handle.is_empty() || tag.handle == "!" {
                return Ok(Wanted::Core(suffix.to_owned()));
            }
        }
        Err(self.err(span, format!("unsupported YAML tag `{}{}`", tag.handle, tag.suffix)))
    }

    /// Builds the node that `event` starts; returns it and its node count.
    fn node(&mut self, event: Event<'a>, span: Span, depth: usize) -> Result<(Value, usize), ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err(&span, format!("the template nests deeper than {MAX_DEPTH} levels")));
        }
        let (value, count, anchor) = match event {
            Event::Alias(id) => {
                let Some((value, count)) = self.anchors.get(&id).map(|(v, c)| (v.clone(), *c)) else {
                    return Err(self.err(&span, "an alias refers to an anchor not defined before it"));
                };
                self.count(count, &span)?;
                return Ok((value, count));
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1, &span)?;
                let wanted = self.wanted(tag.as_deref(), &span)?;
                (self.scalar(&text, style, wanted, &span)?, 1, anchor)
            }
            Event::SequenceStart(anchor, tag) => {
                self.count(1, &span)?;
                let wanted = self.wanted(tag.as_deref(), &span)?;
                let mut items = Vec::new();
                let mut count = 1;
                loop {
                    let (event, item_span) = self.next()?;
                    if matches!(event, Event::SequenceEnd) {
                        break;
                    }
                    let (item, n) = self.node(event, item_span, depth + 1)?;
                    count += n;
                    items.push(item);
                }
                let value = match wanted {
                    Wanted::Plain | Wanted::NonSpecific => Value::Array(items),
                    Wanted::Core(suffix) if suffix == "seq" => Value::Array(items),
                    Wanted::Core(suffix) => return Err(self.err(&span, format!("`!!{suffix}` on a list"))),
                    Wanted::Function(key) => function(key, Value::Array(items)),
                };
                (value, count, anchor)
            }
            Event::MappingStart(anchor, tag) => {
                self.count(1, &span)?;
                let wanted = self.wanted(tag.as_deref(), &span)?;
                let (map, count) = self.mapping(depth)?;
                let value = match wanted {
                    Wanted::Plain | Wanted::NonSpecific => Value::Object(map),
                    Wanted::Core(suffix) if suffix == "map" => Value::Object(map),
                    Wanted::Core(suffix) => return Err(self.err(&span, format!("`!!{suffix}` on a mapping"))),
                    Wanted::Function(key) => function(key, Value::Object(map)),
                };
                (value, count, anchor)
            }
            _ => return Err(self.err(&span, "invalid YAML: unexpected event")),
        };
        if anchor != 0 {
            self.anchors.insert(anchor, (value.clone(), count));
        }
        Ok((value, count))
    }

    fn scalar(&self, text: &str, style: ScalarStyle, wanted: Wanted, span: &Span) -> Result<Value, ParseError> {
        match wanted {
            Wanted::Plain if style == ScalarStyle::Plain => resolve_plain(text).map_err(|m| self.err(span, m)),
            Wanted::Plain | Wanted::NonSpecific => Ok(Value::String(text.to_owned())),
            Wanted::Core(suffix) => {
                let resolved = resolve_plain(text).map_err(|m| self.err(span, m))?;
                let ok = match suffix.as_str() {
                    "str" => return Ok(Value::String(text.to_owned())),
                    "null" => resolved.is_null(),
                    "bool" => resolved.is_boolean(),
                    "int" => resolved.is_i64() || resolved.is_u64(),
                    "float" => {
                        if let Some(i) = resolved.as_i64() {
                            return Ok(Number::from_f64(i as f64).map_or(resolved, Value::Number));
                        }
                        resolved.is_f64()
                    }
                    _ => return Err(self.err(span, format!("unsupported YAML tag `!!{suffix}`"))),
                };
                if ok {
                    Ok(resolved)
                } else {
                    Err(self.err(span, format!("`!!{suffix}` on {text:?}, which is not one")))
                }
            }
            Wanted::Function(key) if key == "Fn::GetAtt" => match text.split_once('.') {
                Some((resource, attribute)) if !resource.is_empty() && !attribute.is_empty() => Ok(function(
                    key,
                    Value::Array(vec![
                        Value::String(resource.to_owned()),
                        Value::String(attribute.to_owned()),
                    ]),
                )),
                _ => Err(self.err(
                    span,
                    format!("`!GetAtt {text}` needs `Resource.Attribute` (a dot between two names) or a list"),
                )),
            },
            Wanted::Function(key) => Ok(function(key, Value::String(text.to_owned()))),
        }
    }

    /// Reads a mapping's entries up to its end; returns the mapping and its node count.
    fn mapping(&mut self, depth: usize) -> Result<(Map<String, Value>, usize), ParseError> {
        let mut explicit: Vec<(String, Value)> = Vec::new();
        let mut lines: HashMap<String, usize> = HashMap::new();
        let mut merged: Vec<(String, Value)> = Vec::new();
        let mut count = 1;
        loop {
            let (event, span) = self.next()?;
            let key = match event {
                Event::MappingEnd => break,
                Event::Scalar(text, ScalarStyle::Plain, 0, None) if text == "<<" => {
                    let (event, value_span) = self.next()?;
                    let (value, n) = self.node(event, value_span, depth + 1)?;
                    count += n;
                    self.merge(value, &mut merged, &value_span)?;
                    continue;
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let non_specific = tag.as_deref().is_some_and(|t| t.handle.is_empty() && t.suffix == "!");
                    if tag.is_some() && !non_specific {
                        return Err(self.err(&span, format!("the key {text:?} carries a tag; keys are plain names")));
                    }
                    let key = if style == ScalarStyle::Plain && !non_specific {
                        resolve_plain(&text).map_err(|m| self.err(&span, m))?
                    } else {
                        Value::String(text.to_string())
                    };
                    if anchor != 0 {
                        self.anchors.insert(anchor, (key.clone(), 1));
                    }
                    self.key_text(key, &span)?
                }
                Event::Alias(id) => {
                    let key = self.anchors.get(&id).map(|(v, _)| v.clone());
                    match key {
                        Some(key) => self.key_text(key, &span)?,
                        None => return Err(self.err(&span, "an alias refers to an anchor not defined before it")),
                    }
                }
                _ => return Err(self.err(&span, "a mapping key must be a scalar, not a list or a mapping")),
            };
            let (event, value_span) = self.next()?;
            let (value, n) = self.node(event, value_span, depth + 1)?;
            count += n;
            let line = span.start.line();
            if let Some(first) = lines.get(&key) {
                return Err(self.err(
                    &span,
                    format!("duplicate key {key:?} (first at line {first}, again at line {line})"),
                ));
            }
            lines.insert(key.clone(), line);
            explicit.push((key, value));
        }
        let mut map = Map::new();
        for (key, value) in merged.into_iter().chain(explicit) {
            map.insert(key, value);
        }
        Ok((map, count))
    }

    /// A key's text: strings as they are, numbers and booleans as JSON writes them.
    fn key_text(&self, key: Value, span: &Span) -> Result<String, ParseError> {
        match key {
            Value::String(s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            Value::Null => Err(self.err(
                span,
                "a null key (`~`, `null` or nothing before the colon) is not supported",
            )),
            _ => Err(self.err(span, "a mapping key must be a scalar, not a list or a mapping")),
        }
    }

    /// Applies a merge key's value (a mapping or a list of mappings), PyYAML's way: within a list
    /// the earlier mapping wins; a later `<<` wins over an earlier one.
    fn merge(&self, value: Value, merged: &mut Vec<(String, Value)>, span: &Span) -> Result<(), ParseError> {
        match value {
            Value::Object(map) => merged.extend(map),
            Value::Array(items) => {
                let mut maps = Vec::new();
                for item in items {
                    match item {
                        Value::Object(map) => maps.push(map),
                        _ => return Err(self.err(span, "a merge key (`<<`) takes a mapping or a list of mappings")),
                    }
                }
                for map in maps.into_iter().rev() {
                    merged.extend(map);
                }
            }
            _ => return Err(self.err(span, "a merge key (`<<`) takes a mapping or a list of mappings")),
        }
        Ok(())
    }
}

/// `{key: value}`.
fn function(key: String, value: Value) -> Value {
    let mut map = Map::new();
    map.insert(key, value);
    Value::Object(map)
}

/// Resolves a plain scalar the YAML 1.1 way (PyYAML's `SafeLoader`), timestamps kept as text.
/// The error is a message (no position).
pub(crate) fn resolve_plain(text: &str) -> Result<Value, String> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Ok(Value::Null),
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => return Ok(Value::Bool(true)),
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => return Ok(Value::Bool(false)),
        _ => {}
    }
    if let Some(int) = yaml11_int(text) {
        return match int {
            Some(i) => {
                if let Ok(v) = i64::try_from(i) {
                    Ok(Value::from(v))
                } else if let Ok(v) = u64::try_from(i) {
                    Ok(Value::from(v))
                } else {
                    Err(format!(
                        "the integer {text} does not fit in 64 bits; quote it to keep it as text"
                    ))
                }
            }
            None => Err(format!(
                "the integer {text} does not fit in 64 bits; quote it to keep it as text"
            )),
        };
    }
    if let Some(float) = yaml11_float(text) {
        return match float.and_then(Number::from_f64) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(format!(
                "the YAML float {text} (infinite or not a number) has no JSON form; quote it"
            )),
        };
    }
    Ok(Value::String(text.to_owned()))
}

fn split_sign(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

fn all(s: &str, f: impl Fn(u8) -> bool) -> bool {
    !s.is_empty() && s.bytes().all(f)
}

/// `Some(Some(value))` for a YAML 1.1 integer, `Some(None)` for one too large for `i128`, `None`
/// when the text is no integer.
fn yaml11_int(text: &str) -> Option<Option<i128>> {
    let (negative, body) = split_sign(text);
    let digits = |s: &str, radix: u32| -> Option<i128> {
        let mut value: i128 = 0;
        let mut any = false;
        for c in s.chars().filter(|&c| c != '_') {
            let d = c.to_digit(radix)?;
            value = value.checked_mul(i128::from(radix))?.checked_add(i128::from(d))?;
            any = true;
        }
        if any {
            Some(value)
        } else {
            None
        }
    };
    let magnitude = if body == "0" {
        Some(0)
    } else if let Some(rest) = body.strip_prefix("0b") {
        if !all(rest, |b| matches!(b, b'0' | b'1' | b'_')) {
            return None;
        }
        digits(rest, 2)
    } else if let Some(rest) = body.strip_prefix("0x") {
        if !all(rest, |b| b.is_ascii_hexdigit() || b == b'_') {
            return None;
        }
        digits(rest, 16)
    } else if let Some(rest) = body.strip_prefix('0') {
        if !all(rest, |b| matches!(b, b'0'..=b'7' | b'_')) {
            return None;
        }
        digits(rest, 8)
    } else if body.starts_with(|c: char| matches!(c, '1'..='9')) {
        if all(body, |b| b.is_ascii_digit() || b == b'_') {
            digits(body, 10)
        } else if body.contains(':') {
            let mut parts = body.split(':');
            let head = parts.next()?;
            if !all(head, |b| b.is_ascii_digit() || b == b'_') {
                return None;
            }
            let mut value = digits(head, 10);
            for part in parts {
                if !sexagesimal_digit(part) {
                    return None;
                }
                let d = i128::from(part.parse::<u8>().ok()?);
                value = value.and_then(|v| v.checked_mul(60)?.checked_add(d));
            }
            value
        } else {
            return None;
        }
    } else {
        return None;
    };
    Some(magnitude.map(|m| if negative { -m } else { m }))
}

/// `[0-5]?[0-9]`.
fn sexagesimal_digit(part: &str) -> bool {
    match part.as_bytes() {
        [d] => d.is_ascii_digit(),
        [t, d] => matches!(t, b'0'..=b'5') && d.is_ascii_digit(),
        _ => false,
    }
}

/// `Some(value)` for a YAML 1.1 float (`Some(None)` when Rust cannot read it), `None` when the
/// text is no float. Infinities and NaN come back as such (the caller refuses them).
fn yaml11_float(text: &str) -> Option<Option<f64>> {
    let (negative, body) = split_sign(text);
    let signed = |v: f64| if negative { -v } else { v };
    match body {
        ".inf" | ".Inf" | ".INF" => return Some(Some(signed(f64::INFINITY))),
        ".nan" | ".NaN" | ".NAN" if body.len() == text.len() => return Some(Some(f64::NAN)),
        _ => {}
    }
    let digit_or_underscore = |b: u8| b.is_ascii_digit() || b == b'_';
    let (whole, rest) = body.split_once('.')?;
    if whole.contains(':') {
        // [0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
        let mut parts = whole.split(':');
        let head = parts.next()?;
        if !head.starts_with(|c: char| c.is_ascii_digit()) || !all(head, digit_or_underscore) {
            return None;
        }
        let tail: Vec<&str> = parts.collect();
        if tail.is_empty() || !tail.iter().all(|p| sexagesimal_digit(p)) || !rest.bytes().all(digit_or_underscore) {
            return None;
        }
        let mut value: f64 = head.replace('_', "").parse().ok()?;
        for part in &tail {
            value = value * 60.0 + part.parse::<f64>().ok()?;
        }
        let fraction: String = rest.chars().filter(|&c| c != '_').collect();
        if !fraction.is_empty() {
            value += format!("0.{fraction}").parse::<f64>().ok()?;
        }
        return Some(Some(signed(value)));
    }
    // [0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?  or (unsigned) \.[0-9][0-9_]*([eE][-+][0-9]+)?
    if whole.is_empty() {
        if text.len() != body.len() || !rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
    } else if !whole.starts_with(|c: char| c.is_ascii_digit()) || !all(whole, digit_or_underscore) {
        return None;
    }
    let (fraction, exponent) = match rest.find(['e', 'E']) {
        Some(i) => {
            let exponent = &rest[i + 1..];
            let (sign, digits) = exponent.split_at(exponent.len().min(1));
            if !matches!(sign, "+" | "-") || !all(digits, |b| b.is_ascii_digit()) {
                return None;
            }
            (&rest[..i], Some(exponent))
        }
        None => (rest, None),
    };
    if !fraction.bytes().all(digit_or_underscore) {
        return None;
    }
    let whole: String = whole.chars().filter(|&c| c != '_').collect();
    let fraction: String = fraction.chars().filter(|&c| c != '_').collect();
    let literal = format!(
        "{}.{}{}",
        if whole.is_empty() { "0" } else { &whole },
        if fraction.is_empty() { "0" } else { &fraction },
        exponent.map(|e| format!("e{e}")).unwrap_or_default()
    );
    Some(literal.parse::<f64>().ok().map(signed))
}
