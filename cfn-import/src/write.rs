//! The program writer: a long-form template into a typed Rust program (see [`write_program`]).
//!
//! Everything it knows about resource types comes from the generator's catalog
//! (`cfn_model::catalog`): which struct a type is, which properties its constructor takes, each
//! property's setter and kind, enum values, attribute methods, typed references. What the typed API
//! cannot say is written with a visible escape hatch (`RawResource`, `Attributes::raw_property`,
//! `Value::unchecked`, `cast_unchecked`, `Parameter::unchecked_type`) next to a one-line comment,
//! and counted.
//!
//! Every generated value has a known Rust type: a literal the setter converts (`"text"`, `80`,
//! `true`, an enum variant) or an exact `Value<T>`; where an exact type is needed (list items,
//! `Value::if_` branches, `…Required` fields), literals are wrapped (`Value::<String>::from("a")`),
//! so the program compiles without relying on inference across conversions.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use cfn_model::catalog::{Catalog, EnumInfo, Kind, RefTarget, ResourceInfo, StructInfo, UnionInfo, ValueKind};
use heck::ToSnakeCase;
use serde_json::{Map, Value as J};

use crate::program::{Change, Escape, EscapeReason, Options, Program, Stats, WriteError};

mod dynref;
mod traps;

/// Writes the program building `template` (long form, as [`crate::parse`] gives it).
pub fn write_program(template: &J, opts: &Options) -> Result<Program, WriteError> {
    let root = template
        .as_object()
        .ok_or_else(|| WriteError("the template is not a mapping".into()))?;
    for key in root.keys() {
        match key.as_str() {
            "AWSTemplateFormatVersion"
            | "Description"
            | "Metadata"
            | "Parameters"
            | "Mappings"
            | "Conditions"
            | "Transform"
            | "Resources"
            | "Outputs" => {}
            "Rules" | "Globals" => {}
            other => return Err(WriteError(format!("unknown top-level section `{other}`"))),
        }
    }
    if let Some(v) = root.get("AWSTemplateFormatVersion") {
        if v.as_str() != Some("2010-09-09") {
            return Err(WriteError(format!(
                "AWSTemplateFormatVersion {v} is not \"2010-09-09\", the only version CloudFormation knows"
            )));
        }
    }
    let mut w = Writer::new(root)?;
    w.write()?;
    Ok(w.finish(opts))
}

/// The Rust type of a value: `Value<T>` for the `T` here.
#[derive(Clone, Debug)]
enum Ty {
    Str,
    Int,
    Num,
    Bool,
    Json,
    Secret,
    Cond,
    /// `Id<R>`, `Arn<R>`, `Name<R>`, `Attr<R, A>` (paths under `aws`).
    Ref(&'static RefTarget),
    /// The id of a raw resource (`Id<RawResource>`).
    RawId,
    /// An enum: its path under `aws` and its values.
    Enum(String, &'static EnumInfo),
    /// A reference union (held as a string).
    Union(&'static UnionInfo),
    Evidence(String),
    List(Box<Ty>),
    /// Whatever the expression's own type is (JSON documents, outputs).
    Any,
}

impl Ty {
    fn rust(&self) -> String {
        match self {
            Ty::Str | Ty::Union(_) | Ty::Any => "String".into(),
            Ty::Int => "i64".into(),
            Ty::Num => "f64".into(),
            Ty::Bool => "bool".into(),
            Ty::Json => "Json".into(),
            Ty::Secret => "SecretString".into(),
            Ty::Cond => "Cond".into(),
            Ty::Ref(r) => ref_rust(r),
            Ty::RawId => "Id<RawResource>".into(),
            Ty::Enum(p, _) => format!("aws::{p}"),
            Ty::Evidence(m) => m.clone(),
            Ty::List(t) => format!("Vec<{}>", t.rust()),
        }
    }

    fn same(&self, other: &Ty) -> bool {
        self.rust() == other.rust()
    }

    /// Interpolates into `Fn::Sub` (`StringLike`).
    fn string_like(&self) -> bool {
        matches!(self, Ty::Str | Ty::Int | Ty::Num | Ty::Ref(_) | Ty::RawId)
    }
}

fn ref_rust(r: &RefTarget) -> String {
    match &r.attr {
        Some(a) => format!("Attr<aws::{}, aws::{a}>", r.path),
        None => format!("{}<aws::{}>", r.marker, r.path),
    }
}

/// A generated expression.
#[derive(Clone, Debug)]
struct Code {
    text: String,
    /// Exactly a `Value<T>` of the wanted type; otherwise something that converts into one (a
    /// literal, a typed reference where a string is wanted).
    exact: bool,
}

impl Code {
    fn exact(text: impl Into<String>) -> Code {
        Code {
            text: text.into(),
            exact: true,
        }
    }
    fn conv(text: impl Into<String>) -> Code {
        Code {
            text: text.into(),
            exact: false,
        }
    }
}

/// Why a value could not be written typed.
#[derive(Clone, Debug)]
struct Why(EscapeReason, String);

fn shape(msg: impl Into<String>) -> Why {
    Why(EscapeReason::ShapeRefused, msg.into())
}

type R<T> = Result<T, Why>;

/// What a logical id names.
#[derive(Clone, Debug)]
enum Sym {
    Param {
        var: String,
        ty: Ty,
    },
    Resource {
        var: String,
        info: Option<&'static ResourceInfo>,
    },
}

/// The orderings AWS documents that the template's resources do not follow, by resource: the
/// same check `validate` runs, on the template as it stands (its own `DependsOn` only), declared
/// in `order`.
fn documented_orderings(rs: &Map<String, J>, order: &[&str]) -> HashMap<String, Vec<cfn_emit::MissingOrdering>> {
    let mut s: cfn_model::Stack = cfn_model::Stack::new();
    let mut handles = HashMap::new();
    for id in order {
        let r = &rs[*id];
        let ty = r.get("Type").and_then(J::as_str).unwrap_or_default().to_owned();
        let props = r.get("Properties").cloned().unwrap_or_else(|| J::Object(Map::new()));
        let mut attrs = cfn_model::Attributes::new();
        let deps: Vec<&str> = match r.get("DependsOn") {
            Some(J::String(d)) => vec![d.as_str()],
            Some(J::Array(a)) => a.iter().filter_map(J::as_str).collect(),
            _ => Vec::new(),
        };
        for d in deps {
            if let Some(h) = handles.get(d) {
                attrs = attrs.depends_on(h);
            }
        }
        let h = s.add_with(id, cfn_model::RawResource::new(ty, props), attrs);
        handles.insert(*id, h);
    }
    let mut out: HashMap<String, Vec<cfn_emit::MissingOrdering>> = HashMap::new();
    for m in cfn_emit::missing_orderings(&s) {
        out.entry(m.resource.clone()).or_default().push(m);
    }
    out
}

/// A statement of the program body.
struct Stmt {
    /// Comment lines above it.
    comments: Vec<String>,
    /// The variable it binds, if anything reads it.
    binding: Option<String>,
    text: String,
}

struct Writer<'t> {
    root: &'t Map<String, J>,
    cat: &'static Catalog,
    body: Vec<Stmt>,
    syms: HashMap<String, Sym>,
    conditions: HashMap<String, String>,
    mappings: HashMap<String, String>,
    taken: HashSet<String>,
    used: HashSet<String>,
    features: BTreeSet<String>,
    escapes: Vec<Escape>,
    changes: Vec<Change>,
    stats: Stats,
    /// Where escapes are being recorded (a logical id, `Outputs.X`, …).
    location: String,
    /// The property being written (for names the traps choose).
    property: String,
    /// Escapes of the statement being written, for its comments.
    pending: Vec<String>,
    uses_aws: bool,
    /// The traps' rewrites, decided before the resources are written.
    traps: traps::Plan,
    /// The orderings AWS documents that a resource does not follow (added as `DependsOn`).
    documented: HashMap<String, Vec<cfn_emit::MissingOrdering>>,
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union",
    // Names the program itself uses.
    "stack", "aws", "cfn", "main", "json", "value", "s",
];

fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

/// `v` as the tokens of a `serde_json::json!` / `cfn_json!` literal.
fn json_tokens(v: &J) -> String {
    match v {
        J::Null => "null".into(),
        J::Bool(b) => b.to_string(),
        // An integer literal outside `i32` needs its type spelled.
        J::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) if i32::try_from(i).is_err() => format!("{i}_i64"),
            (None, Some(u)) => format!("{u}_u64"),
            _ => n.to_string(),
        },
        J::String(s) => rust_str(s),
        J::Array(items) => format!("[{}]", items.iter().map(json_tokens).collect::<Vec<_>>().join(", ")),
        J::Object(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{}: {}", rust_str(k), json_tokens(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn json_macro(v: &J) -> String {
    format!("cfn::serde_json::json!({})", json_tokens(v))
}

/// The one key of an intrinsic function object (`{"Ref": …}`, `{"Fn::If": …}`, `{"Condition": …}`).
fn intrinsic(v: &J) -> Option<(&str, &J)> {
    let m = v.as_object()?;
    if m.len() != 1 {
        return None;
    }
    let (k, arg) = m.iter().next()?;
    (k == "Ref" || k == "Condition" || k.starts_with("Fn::")).then_some((k.as_str(), arg))
}

const PSEUDO: &[(&str, &str)] = &[
    ("AWS::AccountId", "Pseudo::account_id()"),
    ("AWS::Partition", "Pseudo::partition()"),
    ("AWS::Region", "Pseudo::region()"),
    ("AWS::StackId", "Pseudo::stack_id()"),
    ("AWS::StackName", "Pseudo::stack_name()"),
    ("AWS::URLSuffix", "Pseudo::url_suffix()"),
];

/// Every logical id `v` references (`Ref`, `Fn::GetAtt`, `Fn::Sub` placeholders).
fn references(v: &J, out: &mut Vec<String>) {
    match v {
        J::Array(items) => items.iter().for_each(|i| references(i, out)),
        J::Object(m) => {
            if let Some((k, arg)) = intrinsic(v) {
                match (k, arg) {
                    ("Ref", J::String(n)) => out.push(n.clone()),
                    ("Fn::GetAtt", J::Array(a)) => {
                        if let Some(J::String(n)) = a.first() {
                            out.push(n.clone());
                        }
                    }
                    ("Fn::GetAtt", J::String(s)) => {
                        out.push(s.split('.').next().unwrap_or_default().to_owned());
                    }
                    ("Fn::Sub", J::String(s)) => sub_names(s, out),
                    ("Fn::Sub", J::Array(a)) => {
                        if let Some(J::String(s)) = a.first() {
                            let vars: Vec<String> = a
                                .get(1)
                                .and_then(J::as_object)
                                .map(|m| m.keys().cloned().collect())
                                .unwrap_or_default();
                            let mut names = Vec::new();
                            sub_names(s, &mut names);
                            out.extend(names.into_iter().filter(|n| !vars.contains(n)));
                        }
                        a.iter().skip(1).for_each(|i| references(i, out));
                    }
                    _ => references(arg, out),
                }
                return;
            }
            m.values().for_each(|i| references(i, out));
        }
        _ => {}
    }
}

/// The logical ids a `Fn::Sub` string's placeholders name.
fn sub_names(s: &str, out: &mut Vec<String>) {
    for seg in sub_segments(s) {
        if let SubSeg::Name(n) = seg {
            let base = n.split('.').next().unwrap_or_default();
            if !base.starts_with("AWS::") {
                out.push(base.to_owned());
            }
        }
    }
}

#[derive(Debug, PartialEq)]
enum SubSeg {
    Lit(String),
    Name(String),
}

/// Splits a `Fn::Sub` string; a `${!X}` stays in the literal text as `${!X}`.
fn sub_segments(s: &str) -> Vec<SubSeg> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        lit.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        if after.starts_with('!') {
            lit.push_str("${");
            rest = after;
            continue;
        }
        match after.find('}') {
            Some(j) => {
                if !lit.is_empty() {
                    out.push(SubSeg::Lit(std::mem::take(&mut lit)));
                }
                out.push(SubSeg::Name(after[..j].trim().to_owned()));
                rest = &after[j + 1..];
            }
            None => {
                lit.push_str("${");
                rest = after;
            }
        }
    }
    lit.push_str(rest);
    if !lit.is_empty() {
        out.push(SubSeg::Lit(lit));
    }
    out
}

impl<'t> Writer<'t> {
    fn new(root: &'t Map<String, J>) -> Result<Self, WriteError> {
        let mut w = Writer {
            root,
            cat: Catalog::get(),
            body: Vec::new(),
            syms: HashMap::new(),
            conditions: HashMap::new(),
            mappings: HashMap::new(),
            taken: KEYWORDS.iter().map(|k| k.to_string()).collect(),
            used: HashSet::new(),
            features: BTreeSet::new(),
            escapes: Vec::new(),
            changes: Vec::new(),
            stats: Stats::default(),
            location: String::new(),
            property: String::new(),
            pending: Vec::new(),
            uses_aws: false,
            traps: traps::Plan::default(),
            documented: HashMap::new(),
        };
        if let Some(rs) = w.section("Resources")? {
            for (id, r) in rs {
                let ty = r
                    .get("Type")
                    .and_then(J::as_str)
                    .ok_or_else(|| WriteError(format!("Resources.{id}: no `Type` string")))?;
                let var = w.var_name(id);
                let info = w.cat.resource(ty);
                w.syms.insert(id.clone(), Sym::Resource { var, info });
            }
        }
        Ok(w)
    }

    fn section(&self, name: &str) -> Result<Option<&'t Map<String, J>>, WriteError> {
        match self.root.get(name) {
            None => Ok(None),
            Some(J::Object(m)) => Ok(Some(m)),
            Some(other) => Err(WriteError(format!(
                "`{name}` is {}, not a mapping",
                match other {
                    J::Array(_) => "a list",
                    J::String(_) => "a string",
                    J::Null => "empty",
                    _ => "a scalar",
                }
            ))),
        }
    }

    fn var_name(&mut self, id: &str) -> String {
        let mut base = id.to_snake_case();
        if base.is_empty() || !base.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            base = format!("r_{base}");
        }
        base.retain(|c| c.is_ascii_alphanumeric() || c == '_');
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    fn feature(&mut self, path: &str) {
        if let Some(svc) = path.split("::").next() {
            self.features.insert(svc.to_owned());
        }
        self.uses_aws = true;
    }

    fn escape(&mut self, property: Option<&str>, why: &Why) {
        self.escapes.push(Escape {
            location: self.location.clone(),
            property: property.map(str::to_owned),
            reason: why.0,
            detail: why.1.clone(),
        });
        let line = match property {
            Some(p) => format!("escape hatch ({}): {p}: {}", why.0.as_str(), why.1),
            None => format!("escape hatch ({}): {}", why.0.as_str(), why.1),
        };
        if !self.pending.contains(&line) {
            self.pending.push(line);
        }
    }

    fn push(&mut self, binding: Option<String>, text: String) {
        let comments = std::mem::take(&mut self.pending);
        self.body.push(Stmt {
            comments,
            binding,
            text,
        });
    }

    // ---- sections ----------------------------------------------------------------------------

    fn write(&mut self) -> Result<(), WriteError> {
        if let Some(d) = self.root.get("Description") {
            let d = d
                .as_str()
                .ok_or_else(|| WriteError("`Description` is not a string".into()))?;
            self.push(None, format!("stack.description({});", rust_str(d)));
        }
        match self.root.get("Transform") {
            None => {}
            Some(J::String(t)) => self.push(None, format!("stack.transform({});", rust_str(t))),
            Some(J::Array(ts)) => {
                for t in ts {
                    let t = t
                        .as_str()
                        .ok_or_else(|| WriteError("a `Transform` with parameters has no typed form".into()))?;
                    self.push(None, format!("stack.transform({});", rust_str(t)));
                }
            }
            Some(_) => return Err(WriteError("`Transform` is neither a name nor a list of names".into())),
        }
        if let Some(md) = self.section("Metadata")? {
            for (k, v) in md {
                self.push(None, format!("stack.metadata({}, {});", rust_str(k), json_macro(v)));
            }
        }
        self.parameters()?;
        self.mappings_section()?;
        self.conditions_section()?;
        for name in ["Rules", "Globals"] {
            if let Some(v) = self.root.get(name) {
                self.location = name.to_owned();
                let why = Why(
                    EscapeReason::Unsupported,
                    format!("the `{name}` section has no typed form: raw JSON"),
                );
                self.escape(None, &why);
                self.push(
                    None,
                    format!("stack.raw_section({}, {});", rust_str(name), json_macro(v)),
                );
            }
        }
        self.traps = traps::plan(self)?;
        self.resources()?;
        self.outputs()?;
        Ok(())
    }

    fn parameters(&mut self) -> Result<(), WriteError> {
        let Some(ps) = self.section("Parameters")? else {
            return Ok(());
        };
        for (name, p) in ps {
            self.location = format!("Parameters.{name}");
            let p = p
                .as_object()
                .ok_or_else(|| WriteError(format!("Parameters.{name} is not a mapping")))?;
            let ty_name = p
                .get("Type")
                .and_then(J::as_str)
                .ok_or_else(|| WriteError(format!("Parameters.{name}: no `Type` string")))?;
            let no_echo = matches!(p.get("NoEcho"), Some(J::Bool(true)))
                || matches!(p.get("NoEcho"), Some(J::String(s)) if s.eq_ignore_ascii_case("true"));
            let numbers = ["Default", "MinValue", "MaxValue"]
                .iter()
                .filter_map(|k| p.get(*k))
                .chain(p.get("AllowedValues").and_then(J::as_array).into_iter().flatten());
            let integral = numbers.into_iter().all(|v| match v {
                J::Number(n) => n.is_i64(),
                J::String(s) => s.trim().parse::<i64>().is_ok(),
                _ => false,
            });
            let (ctor, ty, mut echo_done) = self.param_type(ty_name, no_echo, integral);
            let mut text = ctor;
            for (k, v) in p {
                let bad = || WriteError(format!("Parameters.{name}.{k}: unexpected value {v}"));
                match k.as_str() {
                    "Type" => {}
                    "Description" => {
                        let _ = write!(text, ".description({})", rust_str(v.as_str().ok_or_else(bad)?));
                    }
                    "ConstraintDescription" => {
                        let _ = write!(
                            text,
                            ".constraint_description({})",
                            rust_str(v.as_str().ok_or_else(bad)?)
                        );
                    }
                    "AllowedPattern" => {
                        let _ = write!(text, ".pattern({})", rust_str(v.as_str().ok_or_else(bad)?));
                    }
                    "Default" => {
                        let _ = write!(text, ".default({})", scalar_or_json(v));
                    }
                    "AllowedValues" => {
                        let items = v.as_array().ok_or_else(bad)?;
                        let all_str = items.iter().all(J::is_string);
                        let list: Vec<String> = items
                            .iter()
                            .map(|i| if all_str { json_tokens(i) } else { json_macro(i) })
                            .collect();
                        let _ = write!(text, ".allowed([{}])", list.join(", "));
                    }
                    "MinLength" | "MaxLength" => {
                        let n = as_u64(v).ok_or_else(bad)?;
                        let m = if k == "MinLength" { "min_length" } else { "max_length" };
                        let _ = write!(text, ".{m}({n})");
                    }
                    "MinValue" | "MaxValue" => {
                        let n = as_f64(v).ok_or_else(bad)?;
                        let m = if k == "MinValue" { "min_value" } else { "max_value" };
                        let _ = write!(text, ".{m}({n:?})");
                    }
                    "NoEcho" => {
                        if no_echo && !echo_done {
                            text.push_str(".no_echo()");
                            echo_done = true;
                        }
                        // `NoEcho: false` is the default: nothing to write.
                    }
                    other => {
                        return Err(WriteError(format!(
                            "Parameters.{name}: unknown parameter attribute `{other}`"
                        )))
                    }
                }
            }
            let var = self.var_name(name);
            self.push(
                Some(var.clone()),
                format!("stack.parameter({}, {text});", rust_str(name)),
            );
            self.syms.insert(name.clone(), Sym::Param { var, ty });
        }
        Ok(())
    }

    /// The constructor of a parameter of `type_name`, its value's type, and whether `NoEcho` is
    /// already set by it.
    fn param_type(&mut self, type_name: &str, no_echo: bool, integral: bool) -> (String, Ty, bool) {
        let simple = |c: &str, t: Ty| (c.to_owned(), t, false);
        match type_name {
            "String" if no_echo => ("Parameter::secret()".into(), Ty::Secret, true),
            "String" => simple("Parameter::string()", Ty::Str),
            "Number" if integral => simple("Parameter::integer()", Ty::Int),
            "Number" => simple("Parameter::number()", Ty::Num),
            "CommaDelimitedList" => simple("Parameter::comma_list()", Ty::List(Box::new(Ty::Str))),
            "List<Number>" => simple("Parameter::<Vec<f64>>::of()", Ty::List(Box::new(Ty::Num))),
            "AWS::SSM::Parameter::Value<String>" => simple("Parameter::<Ssm<String>>::of()", Ty::Str),
            "AWS::SSM::Parameter::Value<List<String>>" => {
                simple("Parameter::<Ssm<Vec<String>>>::of()", Ty::List(Box::new(Ty::Str)))
            }
            "AWS::SSM::Parameter::Name" => simple("Parameter::<SsmParameterName>::of()", Ty::Str),
            "AWS::EC2::AvailabilityZone::Name" => simple("Parameter::<AvailabilityZoneName>::of()", Ty::Str),
            "List<AWS::EC2::AvailabilityZone::Name>" => simple(
                "Parameter::<Vec<AvailabilityZoneName>>::of()",
                Ty::List(Box::new(Ty::Str)),
            ),
            "AWS::EC2::Image::Id" => simple("Parameter::<ImageId>::of()", Ty::Str),
            "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>" => simple("Parameter::<Ssm<ImageId>>::of()", Ty::Str),
            "AWS::EC2::KeyPair::KeyName" => simple("Parameter::<KeyPairName>::of()", Ty::Str),
            other => {
                // The resource types whose id is a parameter type of its own (the generator's table).
                for r in &self.cat.resources {
                    for (list, t) in [(false, &r.id_parameter_types.0), (true, &r.id_parameter_types.1)] {
                        if t == other && t != "String" && t != "CommaDelimitedList" {
                            let target = self.id_target(r);
                            self.feature(&r.service);
                            let id = format!("Id<aws::{}>", r.path());
                            return if list {
                                simple(
                                    &format!("Parameter::<Vec<{id}>>::of()"),
                                    Ty::List(Box::new(Ty::Ref(target))),
                                )
                            } else {
                                simple(&format!("Parameter::<{id}>::of()"), Ty::Ref(target))
                            };
                        }
                    }
                }
                let why = Why(
                    EscapeReason::ParameterType,
                    format!("parameter type `{other}` has no typed form"),
                );
                self.escape(None, &why);
                (
                    format!("Parameter::unchecked_type({})", rust_str(other)),
                    Ty::Str,
                    false,
                )
            }
        }
    }

    /// The catalog's `Id` reference to `r` (leaked once per type: the catalog is static).
    fn id_target(&self, r: &'static ResourceInfo) -> &'static RefTarget {
        static IDS: std::sync::OnceLock<std::sync::Mutex<HashMap<String, &'static RefTarget>>> =
            std::sync::OnceLock::new();
        let map = IDS.get_or_init(Default::default);
        let mut map = map.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(r.type_name.clone()).or_insert_with(|| {
            Box::leak(Box::new(RefTarget {
                marker: "Id".into(),
                path: r.path(),
                attr: None,
            }))
        })
    }

    fn mappings_section(&mut self) -> Result<(), WriteError> {
        let Some(ms) = self.section("Mappings")? else {
            return Ok(());
        };
        for (name, m) in ms {
            let m = m
                .as_object()
                .ok_or_else(|| WriteError(format!("Mappings.{name} is not a mapping")))?;
            let mut text = String::from("Mapping::new()");
            for (top, second) in m {
                let second = second
                    .as_object()
                    .ok_or_else(|| WriteError(format!("Mappings.{name}.{top} is not a mapping")))?;
                let entries: Vec<String> = second
                    .iter()
                    .map(|(k, v)| format!("({}, {})", rust_str(k), json_macro(v)))
                    .collect();
                let _ = write!(text, ".entry({}, [{}])", rust_str(top), entries.join(", "));
            }
            let var = self.var_name(name);
            self.push(Some(var.clone()), format!("stack.mapping({}, {text});", rust_str(name)));
            self.mappings.insert(name.clone(), var);
        }
        Ok(())
    }

    fn conditions_section(&mut self) -> Result<(), WriteError> {
        let Some(cs) = self.section("Conditions")? else {
            return Ok(());
        };
        // Conditions may name each other: declare each after the ones it names.
        let mut order: Vec<&String> = Vec::new();
        let mut pending: Vec<&String> = cs.keys().collect();
        while !pending.is_empty() {
            let before = pending.len();
            pending.retain(|name| {
                let mut named = Vec::new();
                condition_names(&cs[*name], &mut named);
                if named.iter().all(|n| order.contains(&n) || !cs.contains_key(n)) {
                    order.push(name);
                    false
                } else {
                    true
                }
            });
            if pending.len() == before {
                return Err(WriteError(format!(
                    "Conditions: `{}` and the conditions it names form a cycle",
                    pending[0]
                )));
            }
        }
        for name in order {
            self.location = format!("Conditions.{name}");
            let var = self.var_name(name);
            let code = match self.val(&cs[name], &Ty::Cond) {
                Ok(c) => c.text,
                Err(why) => {
                    self.escape(None, &why);
                    format!("Value::<Cond>::unchecked({})", json_macro(&cs[name]))
                }
            };
            self.push(
                Some(var.clone()),
                format!("stack.condition({}, {code});", rust_str(name)),
            );
            self.conditions.insert(name.clone(), var);
        }
        Ok(())
    }

    fn outputs(&mut self) -> Result<(), WriteError> {
        let Some(os) = self.section("Outputs")? else {
            return Ok(());
        };
        for (name, o) in os {
            self.location = format!("Outputs.{name}");
            let o = o
                .as_object()
                .ok_or_else(|| WriteError(format!("Outputs.{name} is not a mapping")))?;
            let value = o
                .get("Value")
                .ok_or_else(|| WriteError(format!("Outputs.{name}: no `Value`")))?;
            let code = match self.val(value, &Ty::Any) {
                Ok(c) if c.exact => c.text,
                Ok(c) => format!("Value::<{}>::from({})", literal_type(&c.text), c.text),
                Err(why) => {
                    self.escape(None, &why);
                    format!("Value::<Json>::unchecked({})", json_macro(value))
                }
            };
            let mut text = format!("Output::new({code})");
            for (k, v) in o {
                match k.as_str() {
                    "Value" => {}
                    "Description" => {
                        let d = v
                            .as_str()
                            .ok_or_else(|| WriteError(format!("Outputs.{name}.Description is not a string")))?;
                        let _ = write!(text, ".description({})", rust_str(d));
                    }
                    "Export" => {
                        let n = v
                            .get("Name")
                            .ok_or_else(|| WriteError(format!("Outputs.{name}.Export: no `Name`")))?;
                        let code = match self.val(n, &Ty::Str) {
                            Ok(c) => c.text,
                            Err(why) => {
                                self.escape(Some("Export"), &why);
                                format!("Value::<String>::unchecked({})", json_macro(n))
                            }
                        };
                        let _ = write!(text, ".export({code})");
                    }
                    "Condition" => {
                        let c = v
                            .as_str()
                            .and_then(|c| self.conditions.get(c))
                            .cloned()
                            .ok_or_else(|| {
                                WriteError(format!("Outputs.{name}.Condition: `{v}` is not a declared condition"))
                            })?;
                        self.used.insert(c.clone());
                        let _ = write!(text, ".condition(&{c})");
                    }
                    other => {
                        return Err(WriteError(format!(
                            "Outputs.{name}: unknown output attribute `{other}`"
                        )))
                    }
                }
            }
            self.push(None, format!("stack.output({}, {text});", rust_str(name)));
        }
        Ok(())
    }

    // ---- resources ---------------------------------------------------------------------------

    fn resources(&mut self) -> Result<(), WriteError> {
        let Some(rs) = self.section("Resources")? else {
            return Ok(());
        };
        // Declare each resource after everything it references (source order otherwise).
        let mut deps: HashMap<&str, Vec<String>> = HashMap::new();
        for (id, r) in rs {
            let mut refs = Vec::new();
            references(&self.traps.as_written(id, r), &mut refs);
            match r.get("DependsOn") {
                Some(J::String(d)) => refs.push(d.clone()),
                Some(J::Array(ds)) => refs.extend(ds.iter().filter_map(J::as_str).map(str::to_owned)),
                _ => {}
            }
            refs.extend(self.traps.extra_deps(id));
            refs.retain(|n| n != id && rs.contains_key(n));
            deps.insert(id.as_str(), refs);
        }
        let mut done: HashSet<&str> = HashSet::new();
        let mut order: Vec<&str> = Vec::new();
        let ids: Vec<&str> = rs.keys().map(String::as_str).collect();
        while order.len() < ids.len() {
            let before = order.len();
            for id in &ids {
                if done.contains(id) {
                    continue;
                }
                if deps[id].iter().all(|d| done.contains(d.as_str())) {
                    done.insert(id);
                    order.push(id);
                    // Restart from the top so that source order wins among the ready ones.
                    break;
                }
            }
            if order.len() == before {
                let stuck: Vec<&str> = ids.iter().filter(|i| !done.contains(*i)).copied().collect();
                return Err(WriteError(format!(
                    "Resources: circular references between {} (CloudFormation refuses the template)",
                    stuck.join(", ")
                )));
            }
        }
        self.documented = documented_orderings(rs, &order);
        for id in order {
            self.location = id.to_owned();
            self.resource(id, &rs[id])?;
        }
        let plan = self.traps.clone();
        plan.finish(self);
        Ok(())
    }

    fn resource(&mut self, id: &str, r: &J) -> Result<(), WriteError> {
        let r = r
            .as_object()
            .ok_or_else(|| WriteError(format!("Resources.{id} is not a mapping")))?;
        let type_name = r.get("Type").and_then(J::as_str).unwrap_or_default();
        let (var, info) = match self.syms.get(id) {
            Some(Sym::Resource { var, info }) => (var.clone(), *info),
            _ => return Err(WriteError(format!("Resources.{id}: not declared"))),
        };
        self.stats.resources += 1;
        if self.traps.skip(id) {
            // Written by a safe construct of another resource (its id kept).
            let escapes_before = self.escapes.len();
            let plan = self.traps.clone();
            let handled = plan.write(self, id)?;
            if handled && self.escapes.len() == escapes_before {
                self.stats.fully_typed += 1;
            }
            return Ok(());
        }
        let mut props = match r.get("Properties") {
            None | Some(J::Null) => Map::new(),
            Some(J::Object(m)) => m.clone(),
            Some(other) => {
                return Err(WriteError(format!(
                    "Resources.{id}.Properties is {other}, not a mapping"
                )))
            }
        };
        let mut attrs = String::new();
        for (k, v) in r {
            let bad = || WriteError(format!("Resources.{id}.{k}: unexpected value {v}"));
            match k.as_str() {
                "Type" | "Properties" => {}
                "DependsOn" => {
                    let list: Vec<&str> = match v {
                        J::String(s) => vec![s.as_str()],
                        J::Array(a) => a.iter().map(|d| d.as_str().ok_or_else(bad)).collect::<Result<_, _>>()?,
                        _ => return Err(bad()),
                    };
                    for d in list {
                        let dv = match self.syms.get(d) {
                            Some(Sym::Resource { var, .. }) => var.clone(),
                            _ => {
                                return Err(WriteError(format!(
                                    "Resources.{id}.DependsOn: `{d}` is not a resource of the template"
                                )))
                            }
                        };
                        self.used.insert(dv.clone());
                        let _ = write!(attrs, ".depends_on(&{dv})");
                    }
                }
                "Condition" => {
                    let c = v
                        .as_str()
                        .and_then(|c| self.conditions.get(c))
                        .cloned()
                        .ok_or_else(|| {
                            WriteError(format!("Resources.{id}.Condition: `{v}` is not a declared condition"))
                        })?;
                    self.used.insert(c.clone());
                    let _ = write!(attrs, ".condition(&{c})");
                }
                "DeletionPolicy" | "UpdateReplacePolicy"
                    if !v
                        .as_str()
                        .is_some_and(|p| ["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"].contains(&p)) =>
                {
                    let why = Why(
                        EscapeReason::Unsupported,
                        format!("a `{k}` that is not one of the policies (an intrinsic function?): raw JSON"),
                    );
                    self.escape(None, &why);
                    let _ = write!(attrs, ".raw_attribute({}, {})", rust_str(k), json_macro(v));
                }
                "DeletionPolicy" | "UpdateReplacePolicy" => {
                    let p = v.as_str().ok_or_else(bad)?;
                    let m = if k == "DeletionPolicy" {
                        "deletion_policy"
                    } else {
                        "update_replace_policy"
                    };
                    let _ = write!(attrs, ".{m}(Policy::{p})");
                }
                "CreationPolicy" => {
                    let _ = write!(attrs, ".creation_policy({})", json_macro(v));
                }
                "UpdatePolicy" => {
                    let _ = write!(attrs, ".update_policy({})", json_macro(v));
                }
                "Metadata" => {
                    let m = v.as_object().ok_or_else(bad)?;
                    for (mk, mv) in m {
                        let _ = write!(attrs, ".metadata({}, {})", rust_str(mk), json_macro(mv));
                    }
                }
                other => {
                    let why = Why(
                        EscapeReason::Unsupported,
                        format!("the resource attribute `{other}` has no typed form: raw JSON"),
                    );
                    self.escape(None, &why);
                    let _ = write!(attrs, ".raw_attribute({}, {})", rust_str(other), json_macro(v));
                }
            }
        }
        let plan = self.traps.clone();
        plan.rewrite_props(self, id, type_name, &mut props);
        attrs.push_str(&plan.extra_attrs(self, id, &J::Object(r.clone())));
        let escapes_before = self.escapes.len();
        let body = match info {
            Some(info) => {
                self.feature(&info.service);
                let (body, raw) = self.typed_resource(info, &props);
                attrs.push_str(&raw);
                body
            }
            None => {
                let why = Why(
                    EscapeReason::TypeNotInSchemas,
                    format!("`{type_name}` is not in the registry schemas: RawResource"),
                );
                self.escape(None, &why);
                self.stats.raw += 1;
                if props.is_empty() && !r.contains_key("Properties") {
                    format!("RawResource::of({})", rust_str(type_name))
                } else {
                    format!(
                        "RawResource::new({}, {})",
                        rust_str(type_name),
                        json_macro(&J::Object(props.clone()))
                    )
                }
            }
        };
        if info.is_some() && self.escapes.len() == escapes_before {
            self.stats.fully_typed += 1;
        }
        self.documented_depends_on(id, r, &mut attrs);
        let text = if attrs.is_empty() {
            format!("stack.add({}, {body});", rust_str(id))
        } else {
            format!("stack.add_with({}, {body}, Attributes::new(){attrs});", rust_str(id))
        };
        self.push(Some(var), text);
        Ok(())
    }

    /// `.depends_on(…)` for each ordering AWS documents that `id` does not follow (and that no
    /// safe construct of the program already carries), each reported as a [`Change`].
    fn documented_depends_on(&mut self, id: &str, r: &Map<String, J>, attrs: &mut String) {
        let Some(missing) = self.documented.remove(id) else {
            return;
        };
        let declared: Vec<String> = match r.get("DependsOn") {
            Some(J::String(d)) => vec![d.clone()],
            Some(J::Array(a)) => a.iter().filter_map(J::as_str).map(str::to_owned).collect(),
            _ => Vec::new(),
        };
        for m in missing {
            for dep in &m.depends_on {
                let named = format!("`{dep}`");
                let carried = self.changes.iter().any(|c| c.resource == id && c.fix.contains(&named));
                if carried || declared.contains(dep) {
                    continue;
                }
                let Some(Sym::Resource { var, .. }) = self.syms.get(dep) else {
                    continue;
                };
                let var = var.clone();
                self.used.insert(var.clone());
                let _ = write!(attrs, ".depends_on(&{var})");
                let problem = if m.sequence {
                    format!(
                        "it is created at the same time as `{dep}`: {} (AWS documents this ordering: `{}`)",
                        m.why, m.row
                    )
                } else {
                    format!(
                        "it does not wait for `{dep}`: {} (AWS documents this ordering: `{}`)",
                        m.why, m.row
                    )
                };
                self.changes.push(Change {
                    resource: id.to_owned(),
                    problem,
                    fix: format!("adds DependsOn `{dep}` (written by hand: {})", m.construct),
                });
            }
        }
    }

    /// The typed resource expression and the `.raw_property(…)` calls for what it cannot say.
    fn typed_resource(&mut self, info: &'static ResourceInfo, props: &Map<String, J>) -> (String, String) {
        let mut raw = String::new();
        let mut typed = Map::new();
        for (k, v) in props {
            match info.main.field(k) {
                None => {
                    let why = Why(
                        EscapeReason::PropertyNotInSchema,
                        format!("`{k}` is not a property of {} in the schemas", info.type_name),
                    );
                    self.escape(Some(k), &why);
                    let _ = write!(raw, ".raw_property({}, {})", rust_str(k), json_macro(v));
                }
                Some(_) => {
                    typed.insert(k.clone(), v.clone());
                }
            }
        }
        // Write the struct; each property it cannot take becomes a raw property (a required one
        // keeps a placeholder in the constructor), until it builds or cannot be built at all.
        loop {
            match self.structure(info, &info.main, &typed, true) {
                Ok(expr) => return (expr, raw),
                Err((Some(prop), why)) => {
                    self.escape(Some(&prop), &why);
                    let v = typed.shift_remove(&prop).unwrap_or(J::Null);
                    let _ = write!(raw, ".raw_property({}, {})", rust_str(&prop), json_macro(&v));
                    let required = info.main.field(&prop).is_some_and(|f| f.required);
                    if required {
                        // The constructor still needs a value: a placeholder the raw property replaces.
                        typed.insert(prop, J::Null);
                    }
                }
                Err((None, why)) => {
                    // Nothing typed can stand (a required property is missing).
                    self.escape(None, &why);
                    self.stats.raw += 1;
                    return (
                        format!(
                            "RawResource::new({}, {})",
                            rust_str(&info.type_name),
                            json_macro(&J::Object(props.clone()))
                        ),
                        String::new(),
                    );
                }
            }
        }
    }

    /// `module::S::new(…).setter(…)…` for the object `v`. An error names the (top-level)
    /// property that could not be written, or none when the struct itself cannot be built.
    fn structure(
        &mut self,
        info: &'static ResourceInfo,
        s: &'static StructInfo,
        v: &Map<String, J>,
        top: bool,
    ) -> Result<String, (Option<String>, Why)> {
        let path = if top {
            format!("aws::{}", info.path())
        } else {
            format!("aws::{}::{}::{}", info.service, info.module, s.name)
        };
        let fail = |prop: &str, why: Why| (top.then(|| prop.to_owned()), why);
        for k in v.keys() {
            if s.field(k).is_none() {
                return Err(fail(
                    k,
                    Why(
                        EscapeReason::PropertyNotInSchema,
                        format!("`{k}` is not a property of {} in the schemas", s.name),
                    ),
                ));
            }
        }
        let required: Vec<_> = s.fields.iter().filter(|f| f.required).collect();
        let mut text;
        if let Some(rs) = &s.required_struct {
            let mut fields = Vec::new();
            for f in &required {
                let Some(x) = v.get(&f.json) else {
                    return Err((
                        None,
                        shape(format!("required property `{}` of {} is missing", f.json, s.name)),
                    ));
                };
                self.property = f.json.clone();
                let code = if x.is_null() && top {
                    self.placeholder(&f.kind, info)
                        .ok_or_else(|| (None, shape(format!("required property `{}` has no typed form", f.json))))?
                } else {
                    self.field_exact(info, &f.kind, x).map_err(|why| fail(&f.json, why))?
                };
                fields.push(format!("{}: {code}", f.rust));
            }
            let rs_path = if top {
                format!("aws::{}::{rs}", info.service)
            } else {
                format!("aws::{}::{}::{rs}", info.service, info.module)
            };
            text = format!("{path}::new({rs_path} {{ {} }})", fields.join(", "));
        } else {
            let mut args = Vec::new();
            for f in &required {
                let Some(x) = v.get(&f.json) else {
                    return Err((
                        None,
                        shape(format!("required property `{}` of {} is missing", f.json, s.name)),
                    ));
                };
                self.property = f.json.clone();
                let code = if x.is_null() && top {
                    self.placeholder(&f.kind, info)
                        .ok_or_else(|| (None, shape(format!("required property `{}` has no typed form", f.json))))?
                } else {
                    self.field_arg(info, &f.kind, x).map_err(|why| fail(&f.json, why))?
                };
                args.push(code);
            }
            text = format!("{path}::new({})", args.join(", "));
        }
        text.push_str(&self.setters(info, s, v, top)?);
        Ok(text)
    }

    /// `.setter(…)` for each property of `v` that is not a constructor argument of `s`.
    fn setters(
        &mut self,
        info: &'static ResourceInfo,
        s: &'static StructInfo,
        v: &Map<String, J>,
        top: bool,
    ) -> Result<String, (Option<String>, Why)> {
        let mut text = String::new();
        for (k, x) in v {
            let Some(f) = s.field(k) else { continue };
            if f.required {
                continue;
            }
            self.property = f.json.clone();
            let code = self
                .field_arg(info, &f.kind, x)
                .map_err(|why| (top.then(|| k.clone()), why))?;
            let _ = write!(text, ".{}({code})", f.rust);
        }
        Ok(text)
    }

    /// The setters for the properties `props` of resource `id` (a safe construct's `configure`
    /// closure writes them), or why one cannot be written.
    fn resource_setters(&mut self, info: &'static ResourceInfo, id: &str, props: &Map<String, J>) -> R<String> {
        let location = std::mem::replace(&mut self.location, id.to_owned());
        let r = self.setters(info, &info.main, props, true).map_err(|(_, why)| why);
        self.location = location;
        r
    }

    /// A property's argument as resource `id` would write it (for a safe construct's arguments).
    fn resource_arg(&mut self, info: &'static ResourceInfo, id: &str, property: &str, x: &J) -> R<String> {
        let f = info
            .main
            .field(property)
            .ok_or_else(|| shape(format!("{} has no property {property}", info.type_name)))?;
        let location = std::mem::replace(&mut self.location, id.to_owned());
        self.property = f.json.clone();
        let r = self.field_arg(info, &f.kind, x);
        self.location = location;
        r
    }

    /// A setter's (or constructor's) argument for a field of `kind`.
    fn field_arg(&mut self, info: &'static ResourceInfo, kind: &'static Kind, x: &J) -> R<String> {
        match kind {
            Kind::Value(vk) => Ok(self.value_field(info, vk, x, false)),
            Kind::Struct(n) => {
                let s = info
                    .structure(n)
                    .ok_or_else(|| shape(format!("no property type {n}")))?;
                let m = x
                    .as_object()
                    .filter(|_| intrinsic(x).is_none())
                    .ok_or_else(|| shape(format!("a value where the property type {n} is expected")))?;
                self.structure(info, s, m, false).map_err(|(_, why)| why)
            }
            Kind::StructList(n) => {
                let s = info
                    .structure(n)
                    .ok_or_else(|| shape(format!("no property type {n}")))?;
                let items = x
                    .as_array()
                    .ok_or_else(|| shape(format!("a value where a list of {n} is expected")))?;
                if items.is_empty() {
                    return Ok(format!("Vec::<aws::{}::{}::{n}>::new()", info.service, info.module));
                }
                let mut out = Vec::new();
                for i in items {
                    let m = i
                        .as_object()
                        .filter(|_| intrinsic(i).is_none())
                        .ok_or_else(|| shape(format!("an item that is not a {n} (an intrinsic function?)")))?;
                    out.push(self.structure(info, s, m, false).map_err(|(_, why)| why)?);
                }
                Ok(format!("[{}]", out.join(", ")))
            }
            Kind::Map(inner) => {
                let m = x
                    .as_object()
                    .filter(|_| intrinsic(x).is_none())
                    .ok_or_else(|| shape("a value where a map is expected"))?;
                let mut out = Vec::new();
                for (k, v) in m {
                    let code = self.field_exact(info, inner, v)?;
                    out.push(format!("({}, {code})", rust_str(k)));
                }
                if out.is_empty() {
                    return Err(shape("an empty map"));
                }
                Ok(format!("[{}]", out.join(", ")))
            }
        }
    }

    /// A field's value of its exact Rust type (a `…Required` field, a map value).
    fn field_exact(&mut self, info: &'static ResourceInfo, kind: &'static Kind, x: &J) -> R<String> {
        match kind {
            Kind::Value(vk) => Ok(self.value_field(info, vk, x, true)),
            Kind::Struct(_) => self.field_arg(info, kind, x),
            // A `Vec`: the setter's array literal becomes `vec![…]`.
            Kind::StructList(_) => {
                let arg = self.field_arg(info, kind, x)?;
                Ok(if arg.starts_with('[') {
                    format!("vec!{arg}")
                } else {
                    arg
                })
            }
            Kind::Map(_) => Err(shape("a map inside a required-properties struct")),
        }
    }

    /// A `Value` field: typed when the value fits, else `Value::unchecked` with a comment.
    fn value_field(&mut self, info: &'static ResourceInfo, vk: &'static ValueKind, x: &J, exact: bool) -> String {
        let ty = self.ty_of(info, vk);
        let result = match &ty {
            Ty::Union(u) if !exact => self.union_arg(u, x),
            Ty::Evidence(m) => self.evidence(m, x),
            Ty::Secret => self.secret(x),
            _ => self
                .val(x, &ty)
                .map(|c| if exact { self.exact(c, &ty) } else { c.text }),
        };
        match result {
            Ok(code) => code,
            Err(why) => {
                self.escape(None, &why);
                let t = match &ty {
                    Ty::Union(u) if !exact => u.targets.first().map(ref_rust).unwrap_or_else(|| "String".into()),
                    t => t.rust(),
                };
                if let Ty::Union(u) = &ty {
                    if let Some(t) = u.targets.first() {
                        let p = t.path.clone();
                        self.feature(&p);
                    }
                }
                format!("Value::<{t}>::unchecked({})", json_macro(x))
            }
        }
    }

    fn ty_of(&mut self, info: &'static ResourceInfo, vk: &'static ValueKind) -> Ty {
        match vk {
            ValueKind::String => Ty::Str,
            ValueKind::Int => Ty::Int,
            ValueKind::Num => Ty::Num,
            ValueKind::Bool => Ty::Bool,
            ValueKind::Json => Ty::Json,
            ValueKind::Secret => Ty::Secret,
            ValueKind::Evidence(m) => Ty::Evidence(m.clone()),
            ValueKind::Ref(r) => {
                self.feature(&r.path);
                Ty::Ref(r)
            }
            ValueKind::Union(u) => match self.cat.union(u) {
                Some(u) => Ty::Union(u),
                None => Ty::Str,
            },
            ValueKind::Enum(e) => match info.enumeration(e) {
                Some(ei) => Ty::Enum(format!("{}::{}::{e}", info.service, info.module), ei),
                None => Ty::Str,
            },
            ValueKind::List(inner) => Ty::List(Box::new(self.ty_of(info, inner))),
        }
    }

    /// What a union setter takes: a target's `Value` (or handle), or an external id.
    fn union_arg(&mut self, u: &'static UnionInfo, x: &J) -> R<String> {
        let natural = self.val(x, &Ty::Any)?;
        let nty = self.natural_ty(x);
        if let Some(nty) = &nty {
            if let Some(t) = u.targets.iter().find(|t| nty.same(&Ty::Ref(t))) {
                let p = t.path.clone();
                self.feature(&p);
                return Ok(natural.text);
            }
        }
        let t = u.targets.first().ok_or_else(|| shape("an empty union"))?;
        let p = t.path.clone();
        self.feature(&p);
        let from_other_ref = matches!(nty, Some(Ty::Ref(_)));
        if from_other_ref {
            return Err(shape(format!(
                "a reference of another type where {} is expected",
                u.name
            )));
        }
        let marker = t.attr.as_ref().map_or(t.marker.as_str(), |_| "Attr");
        let ty = match &t.attr {
            Some(a) => format!("Attr::<aws::{}, aws::{a}>", t.path),
            None => format!("{marker}::<aws::{}>", t.path),
        };
        Ok(format!("{ty}::external({})", natural.text))
    }

    fn evidence(&mut self, marker: &str, x: &J) -> R<String> {
        if marker == "ExternalGroupId" || marker == "ExternalGroupName" {
            // A group from outside the template: parameters, imports, literals.
            if let Some(("Ref", J::String(n))) = intrinsic(x) {
                if let Some(Sym::Resource { .. }) = self.syms.get(n) {
                    return Err(shape(format!(
                        "an inline rule naming security group `{n}` of this template"
                    )));
                }
            }
            let c = self.val(x, &Ty::Str)?;
            return Ok(format!("{marker}::external({})", c.text));
        }
        let plan = self.traps.clone();
        if let Some(code) = plan.evidence(self, marker, x) {
            return Ok(code);
        }
        Err(shape(format!(
            "a value without the ordering `{marker}` carries (written by a safe construct)"
        )))
    }

    fn secret(&mut self, x: &J) -> R<String> {
        if let Some(("Ref", J::String(n))) = intrinsic(x) {
            if let Some(Sym::Param { var, ty: Ty::Secret }) = self.syms.get(n) {
                let var = var.clone();
                self.used.insert(var.clone());
                return Ok(format!("&{var}"));
            }
        }
        if let Some(d) = self.dynamic(x, &Ty::Secret) {
            return Ok(d);
        }
        let plan = self.traps.clone();
        let prop = self.property.clone();
        if let Some(code) = plan.password(self, &prop, x) {
            return Ok(code);
        }
        if let J::String(s) = x {
            if s.starts_with("{{resolve:") && s.ends_with("}}") {
                return Err(shape(
                    "a dynamic reference written as text (the typed form is DynamicRef)".to_string(),
                ));
            }
        }
        Err(shape("a password that is not a NoEcho parameter or a secret"))
    }

    /// `Value::<T>::from(lit)` for a literal, the code itself for an exact value.
    fn exact(&mut self, c: Code, ty: &Ty) -> String {
        if c.exact {
            c.text
        } else if let Ty::Json = ty {
            format!("cfn_json!({})", c.text)
        } else {
            format!("Value::<{}>::from({})", ty.rust(), c.text)
        }
    }

    /// The type `v`'s own expression has, when it is a reference.
    fn natural_ty(&self, v: &J) -> Option<Ty> {
        match intrinsic(v)? {
            ("Ref", J::String(n)) => match self.syms.get(n)? {
                Sym::Param { ty, .. } => Some(ty.clone()),
                Sym::Resource { info: Some(info), .. } => Some(Ty::Ref(self.id_target(info))),
                Sym::Resource { info: None, .. } => Some(Ty::RawId),
            },
            ("Fn::GetAtt", _) => {
                let (res, attr) = getatt_parts(v)?;
                match self.syms.get(&res)? {
                    Sym::Resource { info: Some(info), .. } => {
                        let a = info.attribute(&attr)?;
                        match &a.kind {
                            ValueKind::Ref(r) => Some(Ty::Ref(r)),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    // ---- values ------------------------------------------------------------------------------

    /// `v` as a value of `want`.
    fn val(&mut self, v: &J, want: &Ty) -> R<Code> {
        if let Some((k, arg)) = intrinsic(v) {
            return self.intrinsic(k, arg, v, want);
        }
        match (v, want) {
            (J::String(s), Ty::Str | Ty::Any) if s.starts_with("{{resolve:") => match self.dynamic(v, &Ty::Str) {
                Some(d) => Ok(Code::exact(d)),
                None => Ok(Code::conv(rust_str(s))),
            },
            (J::String(s), Ty::Str | Ty::Any) => Ok(Code::conv(rust_str(s))),
            (J::String(s), Ty::Int) => s
                .trim()
                .parse::<i64>()
                .map(|n| Code::conv(n.to_string()))
                .map_err(|_| shape(format!("`{s}` where an integer is expected"))),
            (J::String(s), Ty::Num) if s.trim().parse::<i64>().is_ok() => Ok(Code::conv(s.trim().to_owned())),
            (J::String(s), Ty::Num) => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(|f| Code::conv(float(f)))
                .ok_or_else(|| shape(format!("`{s}` where a number is expected"))),
            (J::String(s), Ty::Bool) => match s.to_ascii_lowercase().as_str() {
                "true" => Ok(Code::conv("true")),
                "false" => Ok(Code::conv("false")),
                _ => Err(shape(format!("`{s}` where a boolean is expected"))),
            },
            (J::String(s), Ty::Enum(path, e)) => match e.variant(s) {
                Some(var) => {
                    self.feature(path);
                    Ok(Code::conv(format!("aws::{path}::{var}")))
                }
                None => Err(shape(format!("`{s}` is not one of the schema's values for {}", e.name))),
            },
            (J::String(s), Ty::Ref(r)) => {
                let p = r.path.clone();
                self.feature(&p);
                Ok(Code::exact(external(r, &rust_str(s))))
            }
            (J::String(_), Ty::Union(u)) => {
                let c = self.union_arg(u, v)?;
                Ok(Code::exact(c))
            }
            (J::Number(n), Ty::Int) => n
                .as_i64()
                .map(|i| Code::conv(i.to_string()))
                .ok_or_else(|| shape(format!("{n} where an integer is expected"))),
            (J::Number(n), Ty::Num | Ty::Any) => match n.as_i64() {
                Some(i) if matches!(want, Ty::Any) => Ok(Code::conv(format!("{i}_i64"))),
                Some(i) => Ok(Code::conv(i.to_string())),
                None => n
                    .as_f64()
                    .map(|f| Code::conv(float(f)))
                    .ok_or_else(|| shape(format!("{n} is not a number Rust can hold"))),
            },
            (J::Number(n), Ty::Str) => Ok(Code::conv(rust_str(&n.to_string()))),
            (J::Number(n), Ty::Enum(path, e)) => match e.variant(&n.to_string()) {
                Some(var) => {
                    self.feature(path);
                    Ok(Code::conv(format!("aws::{path}::{var}")))
                }
                None => Err(shape(format!("{n} is not one of the schema's values for {}", e.name))),
            },
            (J::Bool(b), Ty::Bool | Ty::Any) => Ok(Code::conv(b.to_string())),
            (J::Bool(b), Ty::Str) => Ok(Code::conv(rust_str(&b.to_string()))),
            (J::Bool(b), Ty::Enum(path, e)) => match e.variant(&b.to_string()) {
                Some(var) => {
                    self.feature(path);
                    Ok(Code::conv(format!("aws::{path}::{var}")))
                }
                None => Err(shape(format!("{b} is not one of the schema's values for {}", e.name))),
            },
            (_, Ty::Json) => self.json_doc(v).map(Code::exact),
            (J::Array(items), Ty::List(inner)) => self.list(items, inner),
            (J::Null, _) => Err(shape("a null value")),
            (J::Array(_), _) => Err(shape(format!("a list where {} is expected", want.rust()))),
            (J::Object(_), _) => Err(shape(format!("an object where {} is expected", want.rust()))),
            (_, _) => Err(shape(format!("{v} where {} is expected", want.rust()))),
        }
    }

    fn list(&mut self, items: &[J], inner: &Ty) -> R<Code> {
        if items.is_empty() {
            return Ok(Code::conv(format!("Vec::<Value<{}>>::new()", inner.rust())));
        }
        let mut codes = Vec::new();
        for i in items {
            codes.push(self.val(i, inner)?);
        }
        // Literals of one kind stay literals (`["a", "b"]`); anything else is exact.
        let lits = codes.iter().all(|c| !c.exact && c.text.starts_with('"'))
            || codes
                .iter()
                .all(|c| !c.exact && c.text.parse::<i64>().is_ok() && matches!(inner, Ty::Int));
        let texts: Vec<String> = if lits {
            codes.into_iter().map(|c| c.text).collect()
        } else {
            codes.into_iter().map(|c| self.exact(c, inner)).collect()
        };
        Ok(Code::conv(format!("vec![{}]", texts.join(", "))))
    }

    /// A JSON document: `cfn_json!` with typed leaves for intrinsic functions.
    fn json_doc(&mut self, v: &J) -> R<String> {
        Ok(format!("cfn_json!({})", self.json_tokens_typed(v)?))
    }

    fn json_tokens_typed(&mut self, v: &J) -> R<String> {
        if intrinsic(v).is_some() {
            let c = self.val(v, &Ty::Any)?;
            if c.exact {
                return Ok(c.text);
            }
            return Ok(format!("Value::<{}>::from({})", literal_type(&c.text), c.text));
        }
        Ok(match v {
            J::Array(items) => {
                let mut out = Vec::new();
                for i in items {
                    out.push(self.json_tokens_typed(i)?);
                }
                format!("[{}]", out.join(", "))
            }
            J::Object(m) => {
                let mut out = Vec::new();
                for (k, x) in m {
                    out.push(format!("{}: {}", rust_str(k), self.json_tokens_typed(x)?));
                }
                format!("{{{}}}", out.join(", "))
            }
            J::Number(n) => match n.as_i64() {
                Some(i) => format!("{i}_i64"),
                None => n.to_string(),
            },
            other => json_tokens(other),
        })
    }

    fn coerce(&mut self, c: Code, from: &Ty, want: &Ty) -> R<Code> {
        if from.same(want) || matches!(want, Ty::Any) {
            return Ok(c);
        }
        let exact = |w: &mut Self, c: Code| w.exact(c, from);
        match (from, want) {
            (Ty::Ref(_) | Ty::RawId | Ty::Int | Ty::Num | Ty::Secret, Ty::Str) => Ok(Code::conv(exact(self, c))),
            (Ty::Int, Ty::Num) => Ok(Code::conv(exact(self, c))),
            (Ty::Str, Ty::Ref(r)) => {
                let p = r.path.clone();
                self.feature(&p);
                Ok(Code::exact(external(r, &c.text)))
            }
            (Ty::Ref(_) | Ty::RawId, Ty::Ref(r)) => {
                let p = r.path.clone();
                self.feature(&p);
                let e = exact(self, c);
                let why = shape(format!("a reference to another type where {} is expected", ref_rust(r)));
                self.escape(None, &why);
                Ok(Code::exact(external(r, &e)))
            }
            (Ty::Ref(_) | Ty::RawId | Ty::Str | Ty::Int | Ty::Num, Ty::Union(u)) => {
                let t = u.targets.first().ok_or_else(|| shape("an empty union"))?;
                let p = t.path.clone();
                self.feature(&p);
                let e = exact(self, c);
                Ok(Code::exact(external(t, &e)))
            }
            (_, Ty::Json) => {
                let e = exact(self, c);
                Ok(Code::exact(format!("cfn_json!({e})")))
            }
            _ => {
                // No conversion: the value is cast, visibly.
                let e = exact(self, c);
                let why = shape(format!(
                    "a {} value where the schema declares {}",
                    from.rust(),
                    want.rust()
                ));
                self.escape(None, &why);
                match want {
                    Ty::Enum(p, _) => self.feature(&p.clone()),
                    Ty::Ref(r) => self.feature(&r.path.clone()),
                    _ => {}
                }
                Ok(Code::exact(format!("{e}.cast_unchecked::<{}>()", want.rust())))
            }
        }
    }

    fn intrinsic(&mut self, k: &str, arg: &J, whole: &J, want: &Ty) -> R<Code> {
        match (k, arg) {
            ("Ref", J::String(n)) => self.reference(n, want),
            ("Fn::GetAtt", _) => {
                let (res, attr) = getatt_parts(whole).ok_or_else(|| shape("a Fn::GetAtt of a computed name"))?;
                self.get_att(&res, &attr, want)
            }
            ("Fn::Sub", _) => {
                if let Some(d) = self.dynamic(whole, &Ty::Str) {
                    return self.coerce(Code::exact(d), &Ty::Str, want);
                }
                let c = self.sub(arg)?;
                self.coerce(c, &Ty::Str, want)
            }
            ("Fn::Join", J::Array(a)) if a.len() == 2 => {
                let d = a[0]
                    .as_str()
                    .ok_or_else(|| shape("a Fn::Join delimiter that is not text"))?;
                let items = self.val(&a[1], &Ty::List(Box::new(Ty::Str)))?;
                let c = Code::exact(format!("Value::<String>::join({}, {})", rust_str(d), items.text));
                self.coerce(c, &Ty::Str, want)
            }
            ("Fn::Select", J::Array(a)) if a.len() == 2 => {
                let elem = match want {
                    Ty::Any => Ty::Str,
                    w => w.clone(),
                };
                let i = self.val(&a[0], &Ty::Int)?;
                let list = self.val(&a[1], &Ty::List(Box::new(elem.clone())))?;
                Ok(Code::exact(format!(
                    "Value::<{}>::select({}, {})",
                    elem.rust(),
                    i.text,
                    list.text
                )))
            }
            ("Fn::Split", J::Array(a)) if a.len() == 2 => {
                let d = a[0]
                    .as_str()
                    .ok_or_else(|| shape("a Fn::Split delimiter that is not text"))?;
                let s = self.val(&a[1], &Ty::Str)?;
                let s = self.exact(s, &Ty::Str);
                let c = Code::exact(format!("{s}.split({})", rust_str(d)));
                self.coerce(c, &Ty::List(Box::new(Ty::Str)), want)
            }
            ("Fn::If", J::Array(a)) if a.len() == 3 => {
                let cname = a[0]
                    .as_str()
                    .ok_or_else(|| shape("a Fn::If condition that is not a name"))?;
                let cv = self
                    .conditions
                    .get(cname)
                    .cloned()
                    .ok_or_else(|| shape(format!("Fn::If names `{cname}`, not a declared condition")))?;
                self.used.insert(cv.clone());
                let t = match want {
                    Ty::Any => self.natural_ty(&a[1]).unwrap_or(Ty::Str),
                    Ty::Union(_) => Ty::Str,
                    w => w.clone(),
                };
                let yes = self.val(&a[1], &t)?;
                let no = self.val(&a[2], &t)?;
                let yes = self.branch(yes, &t);
                let no = self.branch(no, &t);
                let c = Code::exact(format!("Value::<{}>::if_(&{cv}, {yes}, {no})", t.rust()));
                self.coerce(c, &t, want)
            }
            ("Fn::FindInMap", J::Array(a)) if a.len() == 3 || a.len() == 4 => {
                let m = a[0]
                    .as_str()
                    .ok_or_else(|| shape("a Fn::FindInMap of a computed mapping"))?;
                let mv = self
                    .mappings
                    .get(m)
                    .cloned()
                    .ok_or_else(|| shape(format!("Fn::FindInMap names `{m}`, not a declared mapping")))?;
                self.used.insert(mv.clone());
                let k1 = self.val(&a[1], &Ty::Str)?;
                let k2 = self.val(&a[2], &Ty::Str)?;
                let t = match want {
                    Ty::Any | Ty::Union(_) => Ty::Str,
                    w => w.clone(),
                };
                let c = match a.get(3) {
                    None => Code::exact(format!("{mv}.find::<{}>({}, {})", t.rust(), k1.text, k2.text)),
                    Some(d) => {
                        let d = d
                            .as_object()
                            .filter(|o| o.len() == 1)
                            .and_then(|o| o.get("DefaultValue"))
                            .ok_or_else(|| shape("a Fn::FindInMap whose fourth item is not {DefaultValue: …}"))?;
                        let d = self.val(d, &t)?;
                        let d = self.exact(d, &t);
                        Code::exact(format!("{mv}.find_or::<{}>({}, {}, {d})", t.rust(), k1.text, k2.text))
                    }
                };
                self.coerce(c, &t, want)
            }
            ("Fn::GetStackOutput", J::Object(o))
                if o.contains_key("StackName")
                    && o.contains_key("OutputName")
                    && o.keys()
                        .all(|k| ["StackName", "OutputName", "Region", "RoleArn"].contains(&k.as_str())) =>
            {
                let mut text = String::from("StackOutput::new(");
                for (i, k) in ["StackName", "OutputName", "Region", "RoleArn"].iter().enumerate() {
                    let Some(v) = o.get(*k) else { continue };
                    let c = self.val(v, &Ty::Str)?;
                    match i {
                        0 => text.push_str(&c.text),
                        1 => {
                            let _ = write!(text, ", {})", c.text);
                        }
                        2 => {
                            let _ = write!(text, ".region({})", c.text);
                        }
                        _ => {
                            let _ = write!(text, ".role_arn({})", c.text);
                        }
                    }
                }
                let t = match want {
                    Ty::Any | Ty::Union(_) => Ty::Str,
                    w => w.clone(),
                };
                let c = Code::exact(format!("Value::<{}>::stack_output({text})", t.rust()));
                self.coerce(c, &t, want)
            }
            ("Fn::GetAZs", _) => {
                let r = self.val(arg, &Ty::Str)?;
                let c = Code::exact(format!("Value::<Vec<String>>::azs({})", r.text));
                self.coerce(c, &Ty::List(Box::new(Ty::Str)), want)
            }
            ("Fn::ImportValue", _) => {
                let n = self.val(arg, &Ty::Str)?;
                let t = match want {
                    Ty::Any | Ty::Union(_) => Ty::Str,
                    w => w.clone(),
                };
                let c = Code::exact(format!("Value::<{}>::import({})", t.rust(), n.text));
                self.coerce(c, &t, want)
            }
            ("Fn::Base64", _) => {
                let s = self.val(arg, &Ty::Str)?;
                let s = self.exact(s, &Ty::Str);
                let c = Code::exact(format!("{s}.base64()"));
                self.coerce(c, &Ty::Str, want)
            }
            ("Fn::Cidr", J::Array(a)) if a.len() == 3 => {
                let ip = self.val(&a[0], &Ty::Str)?;
                let ip = self.exact(ip, &Ty::Str);
                let n = self.val(&a[1], &Ty::Int)?;
                let bits = self.val(&a[2], &Ty::Int)?;
                let c = Code::exact(format!("{ip}.cidr({}, {})", n.text, bits.text));
                self.coerce(c, &Ty::List(Box::new(Ty::Str)), want)
            }
            ("Fn::Equals", J::Array(a)) if a.len() == 2 && matches!(want, Ty::Cond) => {
                let x = self.val(&a[0], &Ty::Str)?;
                let y = self.val(&a[1], &Ty::Str)?;
                Ok(Code::exact(format!(
                    "Value::<Cond>::equals::<String>({}, {})",
                    x.text, y.text
                )))
            }
            ("Fn::And" | "Fn::Or", J::Array(a)) if matches!(want, Ty::Cond) => {
                let mut items = Vec::new();
                for i in a {
                    let c = self.val(i, &Ty::Cond)?;
                    items.push(c.text);
                }
                let f = if k == "Fn::And" { "and" } else { "or" };
                Ok(Code::exact(format!("Value::<Cond>::{f}([{}])", items.join(", "))))
            }
            ("Fn::Not", J::Array(a)) if a.len() == 1 && matches!(want, Ty::Cond) => {
                let c = self.val(&a[0], &Ty::Cond)?;
                Ok(Code::exact(format!("Value::<Cond>::not({})", c.text)))
            }
            ("Condition", J::String(n)) if matches!(want, Ty::Cond) => {
                let cv = self
                    .conditions
                    .get(n)
                    .cloned()
                    .ok_or_else(|| shape(format!("`{n}` is not a declared condition")))?;
                self.used.insert(cv.clone());
                Ok(Code::exact(format!("Value::<Cond>::from(&{cv})")))
            }
            _ => Err(Why(
                EscapeReason::Unsupported,
                format!("`{k}` in this position has no typed form"),
            )),
        }
    }

    /// A `Value::if_` branch: literals convert, exact values pass.
    fn branch(&mut self, c: Code, t: &Ty) -> String {
        if c.exact {
            c.text
        } else {
            self.exact(c, t)
        }
    }

    fn reference(&mut self, n: &str, want: &Ty) -> R<Code> {
        if n == "AWS::NoValue" {
            let t = match want {
                Ty::Any => Ty::Str,
                w => w.clone(),
            };
            return Ok(Code::exact(format!("Value::<{}>::no_value()", t.rust())));
        }
        if n == "AWS::NotificationARNs" {
            let c = Code::exact("Pseudo::notification_arns()");
            return self.coerce(c, &Ty::List(Box::new(Ty::Str)), want);
        }
        if let Some((_, f)) = PSEUDO.iter().find(|(p, _)| *p == n) {
            return self.coerce(Code::exact(*f), &Ty::Str, want);
        }
        match self.syms.get(n).cloned() {
            Some(Sym::Param { var, ty }) => {
                self.used.insert(var.clone());
                let c = Code::exact(format!("{var}.value()"));
                self.coerce(c, &ty, want)
            }
            Some(Sym::Resource { var, info }) => {
                self.used.insert(var.clone());
                let from = match info {
                    Some(i) => Ty::Ref(self.id_target(i)),
                    None => Ty::RawId,
                };
                self.coerce(Code::exact(format!("{var}.id()")), &from, want)
            }
            None => Err(shape(format!("`Ref` to `{n}`, which the template does not declare"))),
        }
    }

    fn get_att(&mut self, res: &str, attr: &str, want: &Ty) -> R<Code> {
        let Some(Sym::Resource { var, info }) = self.syms.get(res).cloned() else {
            return Err(shape(format!("Fn::GetAtt of `{res}`, not a resource of the template")));
        };
        self.used.insert(var.clone());
        if let Some(info) = info {
            if let Some(a) = info.attribute(attr) {
                let ty = self.ty_of(info, &a.kind);
                let c = Code::exact(format!("{var}.{}()", a.method));
                return self.coerce(c, &ty, want);
            }
        }
        let t = match want {
            Ty::Any | Ty::Union(_) => Ty::Str,
            w => w.clone(),
        };
        // A nested stack's `Outputs.X` is its typed form (the child's outputs are not in a schema).
        let nested_output =
            attr.starts_with("Outputs.") && info.is_some_and(|i| i.type_name == "AWS::CloudFormation::Stack");
        if info.is_some() && !nested_output {
            let why = Why(
                EscapeReason::PropertyNotInSchema,
                format!("attribute `{attr}` of `{res}` is not in the schema"),
            );
            self.escape(None, &why);
        }
        let c = Code::exact(format!("{var}.get_att::<{}>({})", t.rust(), rust_str(attr)));
        self.coerce(c, &t, want)
    }

    /// `sub!("…")` with every placeholder a variable or argument.
    fn sub(&mut self, arg: &J) -> R<Code> {
        let (text, vars) = match arg {
            J::String(s) => (s.as_str(), None),
            J::Array(a) if a.len() == 2 => (
                a[0].as_str()
                    .ok_or_else(|| shape("a Fn::Sub whose text is not a string"))?,
                Some(
                    a[1].as_object()
                        .ok_or_else(|| shape("a Fn::Sub whose variables are not a mapping"))?,
                ),
            ),
            _ => return Err(shape("a Fn::Sub of an unexpected shape")),
        };
        if text.contains("{{resolve:") {
            return Err(shape(
                "a dynamic reference inside Fn::Sub (the typed form is DynamicRef)",
            ));
        }
        let mut fmt = String::new();
        let mut args: Vec<(String, String)> = Vec::new();
        let mut local_names: HashSet<String> = HashSet::new();
        for seg in sub_segments(text) {
            match seg {
                SubSeg::Lit(l) => fmt.push_str(&l),
                SubSeg::Name(n) => {
                    if let Some(vars) = vars {
                        if let Some(x) = vars.get(&n) {
                            let c = self.val(x, &Ty::Any)?;
                            let t = self.natural_ty(x).unwrap_or(Ty::Str);
                            if !t.string_like() && !matches!(t, Ty::Str) {
                                return Err(shape(format!("Fn::Sub variable `{n}` is not text")));
                            }
                            let name = sub_arg_name(&n, &mut local_names);
                            let text = if c.exact {
                                c.text
                            } else {
                                format!("Value::<{}>::from({})", literal_type(&c.text), c.text)
                            };
                            if !args.iter().any(|(a, _)| *a == name) {
                                args.push((name.clone(), text));
                            }
                            let _ = write!(fmt, "${{{name}}}");
                            continue;
                        }
                    }
                    if n.starts_with("AWS::") {
                        if PSEUDO.iter().any(|(p, _)| *p == n) {
                            let _ = write!(fmt, "${{{n}}}");
                            continue;
                        }
                        return Err(shape(format!("`${{{n}}}` cannot be interpolated")));
                    }
                    if let Some((res, attr)) = n.split_once('.') {
                        let c = self.get_att(res, attr, &Ty::Any)?;
                        let name = sub_arg_name(&format!("{res}_{attr}"), &mut local_names);
                        if !args.iter().any(|(a, _)| *a == name) {
                            args.push((name.clone(), c.text));
                        }
                        let _ = write!(fmt, "${{{name}}}");
                        continue;
                    }
                    match self.syms.get(&n).cloned() {
                        Some(Sym::Param { var, ty }) => {
                            if !ty.string_like() && !matches!(ty, Ty::Secret) {
                                return Err(shape(format!("parameter `{n}` is a list and cannot be interpolated")));
                            }
                            if matches!(ty, Ty::Secret) {
                                return Err(shape(format!("NoEcho parameter `{n}` interpolated into text")));
                            }
                            self.used.insert(var.clone());
                            let _ = write!(fmt, "${{{var}}}");
                        }
                        Some(Sym::Resource { var, .. }) => {
                            self.used.insert(var.clone());
                            let _ = write!(fmt, "${{{var}}}");
                        }
                        None => return Err(shape(format!("`${{{n}}}` names nothing the template declares"))),
                    }
                }
            }
        }
        let mut text = format!("sub!({}", rust_str(&fmt));
        for (name, value) in args {
            let _ = write!(text, ", {name} = {value}");
        }
        text.push(')');
        Ok(Code::exact(text))
    }

    /// A required field's stand-in that a raw property replaces (`Value::<T>::unchecked(null)`);
    /// `None` when the kind has none (a property type).
    fn placeholder(&mut self, kind: &'static Kind, info: &'static ResourceInfo) -> Option<String> {
        match kind {
            Kind::Value(vk) => {
                let t = match self.ty_of(info, vk) {
                    Ty::Union(u) => u.targets.first().map(ref_rust)?,
                    t => t.rust(),
                };
                Some(format!("Value::<{t}>::unchecked(cfn::serde_json::Value::Null)"))
            }
            Kind::StructList(n) => Some(format!("Vec::<aws::{}::{}::{n}>::new()", info.service, info.module)),
            _ => None,
        }
    }

    fn finish(self, opts: &Options) -> Program {
        let mut module = String::new();
        let _ = writeln!(
            module,
            "//! `{}`, imported by cfn-import: `cargo run` prints the template.",
            if opts.source.is_empty() {
                "template"
            } else {
                &opts.source
            }
        );
        module.push_str("use cfn::prelude::*;\n");
        if self.uses_aws {
            module.push_str("use cfn::aws;\n");
        }
        module.push_str("\n/// The stack, as the template declares it.\npub fn stack() -> Stack {\n");
        module.push_str("    let mut stack: Stack = Stack::new();\n");
        for st in &self.body {
            for c in &st.comments {
                let _ = writeln!(module, "    // {c}");
            }
            match &st.binding {
                Some(b) if self.used.contains(b) => {
                    let _ = writeln!(module, "    let {b} = {}", st.text);
                }
                _ => {
                    let _ = writeln!(module, "    {}", st.text);
                }
            }
        }
        module.push_str("    stack\n}\n");
        Program {
            module,
            features: self.features,
            changes: self.changes,
            escapes: self.escapes,
            stats: self.stats,
        }
    }
}

/// A Rust name for a `sub!` argument.
fn sub_arg_name(raw: &str, taken: &mut HashSet<String>) -> String {
    let mut base = raw.replace('.', "_").to_snake_case();
    base.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        base = format!("v_{base}");
    }
    if KEYWORDS.contains(&base.as_str()) {
        base.push('_');
    }
    let name = format!("{base}_value");
    taken.insert(name.clone());
    name
}

/// The `T` of a literal written for [`Ty::Any`].
fn literal_type(text: &str) -> &'static str {
    if text.starts_with('"') {
        "String"
    } else if text.ends_with("_i64") {
        "i64"
    } else if text == "true" || text == "false" {
        "bool"
    } else {
        "f64"
    }
}

fn external(r: &RefTarget, inner: &str) -> String {
    match &r.attr {
        Some(a) => format!("Attr::<aws::{}, aws::{a}>::external({inner})", r.path),
        None => format!("{}::<aws::{}>::external({inner})", r.marker, r.path),
    }
}

fn getatt_parts(v: &J) -> Option<(String, String)> {
    match intrinsic(v)? {
        ("Fn::GetAtt", J::Array(a)) if a.len() == 2 => Some((a[0].as_str()?.to_owned(), a[1].as_str()?.to_owned())),
        ("Fn::GetAtt", J::String(s)) => {
            let (r, a) = s.split_once('.')?;
            Some((r.to_owned(), a.to_owned()))
        }
        _ => None,
    }
}

fn condition_names(v: &J, out: &mut Vec<String>) {
    match v {
        J::Array(items) => items.iter().for_each(|i| condition_names(i, out)),
        J::Object(m) => {
            if let Some(("Condition", J::String(n))) = intrinsic(v) {
                out.push(n.clone());
            }
            m.values().for_each(|i| condition_names(i, out));
        }
        _ => {}
    }
}

fn float(f: f64) -> String {
    let s = format!("{f:?}");
    if s.contains('.') || s.contains('e') {
        s
    } else {
        format!("{s}.0")
    }
}

fn as_u64(v: &J) -> Option<u64> {
    match v {
        J::Number(n) => n.as_u64(),
        J::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn as_f64(v: &J) -> Option<f64> {
    match v {
        J::Number(n) => n.as_f64(),
        J::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A parameter setting's value: a literal when it is one, `json!` otherwise.
fn scalar_or_json(v: &J) -> String {
    match v {
        J::String(s) => rust_str(s),
        J::Bool(b) => b.to_string(),
        _ => json_macro(v),
    }
}
