//! Helpers shared by the derives: `#[cfn(...)]` values, doc comments, names, literals.

use heck::ToUpperCamelCase;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Lit, LitStr, Result};

/// The path generated code uses to reach `cfn-model`: `::cfn::model` (the facade), or what
/// `#[cfn(crate = "...")]` says.
pub fn default_krate() -> TokenStream {
    quote!(::cfn::model)
}

/// Parses `crate = "path"`.
pub fn parse_krate(meta: &ParseNestedMeta) -> Result<TokenStream> {
    let s = lit_str(meta, "crate = \"::cfn::model\"")?;
    let path: syn::Path = s
        .parse()
        .map_err(|_| syn::Error::new(s.span(), "expected a path, e.g. `crate = \"::cfn::model\"`"))?;
    Ok(path.to_token_stream())
}

/// Calls `f` for every `key = value` (or flag) inside the `#[cfn(...)]` attributes.
pub fn for_each_cfn(attrs: &[Attribute], mut f: impl FnMut(&ParseNestedMeta) -> Result<()>) -> Result<()> {
    let mut errors: Option<syn::Error> = None;
    for a in attrs.iter().filter(|a| a.path().is_ident("cfn")) {
        if let Err(e) = a.parse_nested_meta(|m| f(&m)) {
            match &mut errors {
                Some(all) => all.combine(e),
                None => errors = Some(e),
            }
        }
    }
    match errors {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The key of a `#[cfn(...)]` entry, as written.
pub fn key_of(meta: &ParseNestedMeta) -> String {
    meta.path
        .get_ident()
        .map(|i| i.unraw().to_string())
        .unwrap_or_else(|| meta.path.to_token_stream().to_string())
}

/// An error for an attribute this derive does not know.
pub fn unknown(meta: &ParseNestedMeta, derive: &str, known: &[&str]) -> syn::Error {
    let key = key_of(meta);
    let list = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    meta.error(format!(
        "unknown attribute `{key}` for #[derive({derive})]; expected one of: {list}"
    ))
}

/// An error for an attribute given twice.
pub fn duplicate(meta: &ParseNestedMeta) -> syn::Error {
    meta.error(format!("`{}` is given twice; keep one", key_of(meta)))
}

/// Stores `v` in `slot`, refusing a second value.
pub fn set<T>(slot: &mut Option<T>, meta: &ParseNestedMeta, v: T) -> Result<()> {
    if slot.is_some() {
        return Err(duplicate(meta));
    }
    *slot = Some(v);
    Ok(())
}

/// Parses `= <literal>` and returns the literal, for type checks with good messages.
fn value_lit(meta: &ParseNestedMeta, example: &str) -> Result<Lit> {
    let key = key_of(meta);
    let v = meta
        .value()
        .map_err(|_| meta.error(format!("`{key}` needs a value: `{example}`")))?;
    let e: Expr = v.parse()?;
    match e {
        Expr::Lit(l) => Ok(l.lit),
        other => Err(syn::Error::new(
            other.span(),
            format!("`{key}` takes a literal: `{example}`"),
        )),
    }
}

/// Parses `= "string"`.
pub fn lit_str(meta: &ParseNestedMeta, example: &str) -> Result<LitStr> {
    match value_lit(meta, example)? {
        Lit::Str(s) => Ok(s),
        other => Err(syn::Error::new(
            other.span(),
            format!("`{}` takes a string: `{example}`", key_of(meta)),
        )),
    }
}

/// Parses `= 123` (a non-negative integer).
pub fn lit_u64(meta: &ParseNestedMeta, example: &str) -> Result<(u64, Span)> {
    match value_lit(meta, example)? {
        Lit::Int(i) => {
            let n = i.base10_parse::<u64>()?;
            Ok((n, i.span()))
        }
        other => Err(syn::Error::new(
            other.span(),
            format!("`{}` takes a non-negative integer: `{example}`", key_of(meta)),
        )),
    }
}

/// Parses `= 1.5`, `= -3` or `= 10` as a number.
pub fn number(meta: &ParseNestedMeta, example: &str) -> Result<(f64, Span)> {
    let key = key_of(meta);
    let v = meta
        .value()
        .map_err(|_| meta.error(format!("`{key}` needs a value: `{example}`")))?;
    let e: Expr = v.parse()?;
    let span = e.span();
    match static_value(&e) {
        Some(Static::Num(n)) if n.is_finite() => Ok((n, span)),
        _ => Err(syn::Error::new(span, format!("`{key}` takes a number: `{example}`"))),
    }
}

/// Parses a flag (`no_echo`) or `no_echo = true|false`.
pub fn flag(meta: &ParseNestedMeta) -> Result<bool> {
    if meta.input.peek(syn::Token![=]) {
        match value_lit(meta, "no_echo = true")? {
            Lit::Bool(b) => Ok(b.value),
            other => Err(syn::Error::new(
                other.span(),
                format!("`{}` takes `true` or `false` (or no value)", key_of(meta)),
            )),
        }
    } else {
        Ok(true)
    }
}

/// The doc comment, lines joined by spaces (paragraph breaks kept as one space): the default
/// description.
pub fn doc(attrs: &[Attribute]) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for a in attrs {
        if !a.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &a.meta {
            if let Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) = &nv.value {
                for l in s.value().lines() {
                    let t = l.trim();
                    if !t.is_empty() {
                        lines.push(t.to_string());
                    }
                }
            }
        }
    }
    if lines.is_empty() {
        None
    } else {
        Some(lines.join(" "))
    }
}

/// The doc attributes, to copy onto generated items.
pub fn doc_attrs(attrs: &[Attribute]) -> Vec<&Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("doc")).collect()
}

/// The PascalCase logical name of a field.
pub fn pascal(ident: &syn::Ident) -> String {
    ident.unraw().to_string().to_upper_camel_case()
}

/// Checks a CloudFormation logical name (parameter, output, mapping, second-level mapping key).
pub fn check_logical_name(name: &str, span: Span, what: &str) -> Result<()> {
    if name.is_empty() || name.len() > 255 || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(syn::Error::new(
            span,
            format!("`{name}` is not a valid {what} name: CloudFormation wants 1 to 255 characters A-Z, a-z, 0-9; set one with `#[cfn(name = \"...\")]`"),
        ));
    }
    Ok(())
}

/// A literal known at expansion time.
#[derive(Clone, Debug, PartialEq)]
pub enum Static {
    /// A string.
    Str(String),
    /// A number.
    Num(f64),
    /// An array of literals.
    List(Vec<Static>),
}

impl Static {
    /// The literal as written in a message.
    pub fn show(&self) -> String {
        match self {
            Static::Str(s) => format!("{s:?}"),
            Static::Num(n) => format!("{n}"),
            Static::List(items) => format!("[{}]", items.iter().map(Static::show).collect::<Vec<_>>().join(", ")),
        }
    }
}

/// The value of a literal expression (`"a"`, `3`, `-2.5`, `["a", "b"]`), if it is one.
pub fn static_value(e: &Expr) -> Option<Static> {
    match e {
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => Some(Static::Str(s.value())),
            Lit::Int(i) => i.base10_parse::<i64>().ok().map(|n| Static::Num(n as f64)),
            Lit::Float(f) => f.base10_parse::<f64>().ok().map(Static::Num),
            _ => None,
        },
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => match static_value(&u.expr)? {
            Static::Num(n) => Some(Static::Num(-n)),
            _ => None,
        },
        Expr::Array(a) => a
            .elems
            .iter()
            .map(static_value)
            .collect::<Option<Vec<_>>>()
            .map(Static::List),
        Expr::Group(g) => static_value(&g.expr),
        Expr::Paren(p) => static_value(&p.expr),
        _ => None,
    }
}

/// A literal typed for `ParamLiteral`: integers as `i64`, floats as `f64` (so that inference has
/// one candidate), arrays element-wise, anything else as written. Booleans are refused.
pub fn typed_literal(e: &Expr) -> Result<TokenStream> {
    match e {
        Expr::Lit(l) => match &l.lit {
            Lit::Int(i) if i.suffix().is_empty() => {
                let t = syn::LitInt::new(&format!("{}i64", i.base10_digits()), i.span());
                Ok(t.to_token_stream())
            }
            Lit::Float(f) if f.suffix().is_empty() => {
                let t = syn::LitFloat::new(&format!("{}f64", f.base10_digits()), f.span());
                Ok(t.to_token_stream())
            }
            Lit::Bool(b) => Err(syn::Error::new(
                b.span(),
                "CloudFormation parameters have no boolean type: use a `String` parameter with `allowed = [\"true\", \"false\"]`",
            )),
            _ => Ok(l.to_token_stream()),
        },
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => {
            let inner = typed_literal(&u.expr)?;
            let op = &u.op;
            Ok(quote_spanned!(u.span()=> #op #inner))
        }
        Expr::Array(a) => {
            let items = a.elems.iter().map(typed_literal).collect::<Result<Vec<_>>>()?;
            Ok(quote_spanned!(a.span()=> [#(#items),*]))
        }
        other => Ok(other.to_token_stream()),
    }
}

/// Combines a list of errors into one (all reported), or `Ok`.
pub fn all_ok(errors: Vec<syn::Error>) -> Result<()> {
    let mut it = errors.into_iter();
    match it.next() {
        None => Ok(()),
        Some(mut first) => {
            for e in it {
                first.combine(e);
            }
            Err(first)
        }
    }
}

/// Refuses generics, which the derives do not support.
pub fn no_generics(g: &syn::Generics, derive: &str) -> Result<()> {
    if g.params.is_empty() {
        Ok(())
    } else {
        Err(syn::Error::new(
            g.span(),
            format!("#[derive({derive})] does not support generic parameters"),
        ))
    }
}

/// The named fields of a struct, or an error naming the derive.
pub fn named_fields<'a>(data: &'a syn::Data, ident: &syn::Ident, derive: &str) -> Result<Vec<&'a syn::Field>> {
    match data {
        syn::Data::Struct(s) => match &s.fields {
            syn::Fields::Named(f) => Ok(f.named.iter().collect()),
            syn::Fields::Unit => Ok(Vec::new()),
            syn::Fields::Unnamed(f) => Err(syn::Error::new(
                f.span(),
                format!("#[derive({derive})] needs named fields: each field's name becomes a CloudFormation name"),
            )),
        },
        _ => Err(syn::Error::new(
            ident.span(),
            format!("#[derive({derive})] applies to a struct with named fields"),
        )),
    }
}

/// `tokens` with every span set to `span` (for paths interpolated into `quote_spanned!`, which
/// keeps the spans of what it interpolates).
pub fn respan(tokens: &TokenStream, span: Span) -> TokenStream {
    tokens
        .clone()
        .into_iter()
        .map(|mut t| {
            if let proc_macro2::TokenTree::Group(g) = &t {
                let mut ng = proc_macro2::Group::new(g.delimiter(), respan(&g.stream(), span));
                ng.set_span(span);
                return proc_macro2::TokenTree::Group(ng);
            }
            t.set_span(span);
            t
        })
        .collect()
}

/// An identifier for a generated method named `name` (raw when `name` is a keyword).
pub fn method_ident(name: &str, span: Span) -> syn::Ident {
    match syn::parse_str::<syn::Ident>(name) {
        Ok(mut i) => {
            i.set_span(span);
            i
        }
        Err(_) => syn::Ident::new_raw(name, span),
    }
}
