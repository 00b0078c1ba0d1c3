//! `#[derive(Parameters)]`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Expr, LitStr, Result};

use crate::common::{self, Static};

const DERIVE: &str = "Parameters";
const FIELD_KEYS: &[&str] = &[
    "name",
    "description",
    "default",
    "allowed",
    "pattern",
    "min_length",
    "max_length",
    "min_value",
    "max_value",
    "constraint_description",
    "no_echo",
    "group",
    "label",
];
const STRUCT_KEYS: &[&str] = &["args", "group", "crate"];

#[derive(Default)]
struct FieldAttrs {
    name: Option<LitStr>,
    description: Option<LitStr>,
    default: Option<Expr>,
    allowed: Option<(Vec<Expr>, Span)>,
    pattern: Option<LitStr>,
    min_length: Option<(u64, Span)>,
    max_length: Option<(u64, Span)>,
    min_value: Option<(f64, Span)>,
    max_value: Option<(f64, Span)>,
    constraint_description: Option<LitStr>,
    no_echo: Option<(bool, Span)>,
    group: Option<LitStr>,
    label: Option<LitStr>,
}

fn parse_field(field: &syn::Field) -> Result<FieldAttrs> {
    let mut a = FieldAttrs::default();
    common::for_each_cfn(&field.attrs, |m| {
        let key = common::key_of(m);
        match key.as_str() {
            "name" => {
                let v = common::lit_str(m, "name = \"VpcId\"")?;
                common::set(&mut a.name, m, v)
            }
            "description" => {
                let v = common::lit_str(m, "description = \"…\"")?;
                common::set(&mut a.description, m, v)
            }
            "default" => {
                let v: Expr = m
                    .value()
                    .map_err(|_| m.error("`default` needs a value: `default = \"dev\"`"))?
                    .parse()?;
                common::set(&mut a.default, m, v)
            }
            "allowed" => {
                let v: Expr = m
                    .value()
                    .map_err(|_| m.error("`allowed` needs a list: `allowed = [\"dev\", \"prod\"]`"))?
                    .parse()?;
                let span = v.span();
                match v {
                    Expr::Array(arr) => {
                        if arr.elems.is_empty() {
                            return Err(syn::Error::new(
                                span,
                                "`allowed` is empty: list at least one value, or remove it",
                            ));
                        }
                        common::set(&mut a.allowed, m, (arr.elems.into_iter().collect(), span))
                    }
                    _ => Err(syn::Error::new(
                        span,
                        "`allowed` takes a list: `allowed = [\"dev\", \"prod\"]`",
                    )),
                }
            }
            "pattern" => {
                let v = common::lit_str(m, "pattern = \"^[a-z0-9-]+$\"")?;
                check_pattern(&v)?;
                common::set(&mut a.pattern, m, v)
            }
            "min_length" => {
                let v = common::lit_u64(m, "min_length = 1")?;
                common::set(&mut a.min_length, m, v)
            }
            "max_length" => {
                let v = common::lit_u64(m, "max_length = 64")?;
                common::set(&mut a.max_length, m, v)
            }
            "min_value" => {
                let v = common::number(m, "min_value = 0")?;
                common::set(&mut a.min_value, m, v)
            }
            "max_value" => {
                let v = common::number(m, "max_value = 100")?;
                common::set(&mut a.max_value, m, v)
            }
            "constraint_description" => {
                let v = common::lit_str(m, "constraint_description = \"lower-case letters and digits\"")?;
                common::set(&mut a.constraint_description, m, v)
            }
            "no_echo" => {
                let span = m.path.span();
                let v = common::flag(m)?;
                common::set(&mut a.no_echo, m, (v, span))
            }
            "group" => {
                let v = common::lit_str(m, "group = \"Network\"")?;
                common::set(&mut a.group, m, v)
            }
            "label" => {
                let v = common::lit_str(m, "label = \"Which VPC?\"")?;
                common::set(&mut a.label, m, v)
            }
            _ => Err(common::unknown(m, DERIVE, FIELD_KEYS)),
        }
    })?;
    check_consistency(&a)?;
    Ok(a)
}

/// A field is spelled `Value<…>` or `Param<…>` (with any path): anything else is refused here, with
/// one message, rather than by the trait solver at every use.
fn check_field_type(ty: &syn::Type) -> Result<()> {
    if let syn::Type::Path(p) = ty {
        if let Some(last) = p.path.segments.last() {
            if (last.ident == "Value" || last.ident == "Param")
                && matches!(last.arguments, syn::PathArguments::AngleBracketed(_))
            {
                return Ok(());
            }
        }
    }
    Err(syn::Error::new(
        ty.span(),
        "a #[derive(Parameters)] field is `Value<T>` (e.g. `Value<String>`, `Value<i64>`, `Value<Vec<String>>` for a CommaDelimitedList, `Value<SecretString>` for NoEcho, `Value<Id<ec2::Vpc>>`) or `Param<T>` for any `ParamType` (e.g. `Param<Ssm<ImageId>>`)",
    ))
}

/// Rejects a pattern that is not a regular expression. CloudFormation patterns are Java regular
/// expressions; the Rust parser is close enough, and the constructs it does not support
/// (look-around, back-references) are accepted as CloudFormation does.
fn check_pattern(p: &LitStr) -> Result<()> {
    use regex_syntax::ast::ErrorKind;
    let text = p.value();
    match regex_syntax::ast::parse::Parser::new().parse(&text) {
        Ok(_) => Ok(()),
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::UnsupportedLookAround | ErrorKind::UnsupportedBackreference
            ) =>
        {
            Ok(())
        }
        Err(e) => Err(syn::Error::new(
            p.span(),
            format!(
                "`{text}` is not a valid regular expression: {} (at column {}); fix the pattern",
                e.kind(),
                e.span().start.column
            ),
        )),
    }
}

fn check_consistency(a: &FieldAttrs) -> Result<()> {
    let mut errors = Vec::new();
    if let (Some(d), Some((allowed, _))) = (&a.default, &a.allowed) {
        let statics: Option<Vec<Static>> = allowed.iter().map(common::static_value).collect();
        if let (Some(dv), Some(allowed)) = (common::static_value(d), statics) {
            let contains = |v: &Static| allowed.contains(v);
            let ok = match &dv {
                Static::List(items) => items.iter().all(contains),
                Static::Str(s) => contains(&dv) || s.split(',').all(|p| contains(&Static::Str(p.to_string()))),
                Static::Num(_) => contains(&dv),
            };
            if !ok {
                let list = allowed.iter().map(Static::show).collect::<Vec<_>>().join(", ");
                errors.push(syn::Error::new(
                    d.span(),
                    format!(
                        "the default {} is not among the allowed values [{list}]: add it to `allowed` or choose one of them",
                        dv.show()
                    ),
                ));
            }
        }
    }
    if let (Some((lo, _)), Some((hi, span))) = (a.min_length, a.max_length) {
        if lo > hi {
            errors.push(syn::Error::new(
                span,
                format!("`max_length = {hi}` is below `min_length = {lo}`"),
            ));
        }
    }
    if let (Some((lo, _)), Some((hi, span))) = (a.min_value, a.max_value) {
        if lo > hi {
            errors.push(syn::Error::new(
                span,
                format!("`max_value = {hi}` is below `min_value = {lo}`"),
            ));
        }
    }
    if let Some(d) = &a.default {
        match common::static_value(d) {
            Some(Static::Str(s)) => {
                let n = s.chars().count() as u64;
                if let Some((lo, _)) = a.min_length.filter(|(lo, _)| n < *lo) {
                    errors.push(syn::Error::new(
                        d.span(),
                        format!("the default is {n} characters long, below `min_length = {lo}`"),
                    ));
                }
                if let Some((hi, _)) = a.max_length.filter(|(hi, _)| n > *hi) {
                    errors.push(syn::Error::new(
                        d.span(),
                        format!("the default is {n} characters long, above `max_length = {hi}`"),
                    ));
                }
            }
            Some(Static::Num(x)) => {
                if let Some((lo, _)) = a.min_value.filter(|(lo, _)| x < *lo) {
                    errors.push(syn::Error::new(
                        d.span(),
                        format!("the default {x} is below `min_value = {lo}`"),
                    ));
                }
                if let Some((hi, _)) = a.max_value.filter(|(hi, _)| x > *hi) {
                    errors.push(syn::Error::new(
                        d.span(),
                        format!("the default {x} is above `max_value = {hi}`"),
                    ));
                }
            }
            _ => {}
        }
    }
    common::all_ok(errors)
}

struct StructAttrs {
    args: Option<syn::Ident>,
    group: Option<LitStr>,
    krate: TokenStream,
}

fn parse_struct(input: &DeriveInput) -> Result<StructAttrs> {
    let mut args = None;
    let mut group = None;
    let mut krate = None;
    common::for_each_cfn(&input.attrs, |m| match common::key_of(m).as_str() {
        "args" => {
            let s = common::lit_str(m, "args = \"NetworkArgs\"")?;
            let id: syn::Ident = s
                .parse()
                .map_err(|_| syn::Error::new(s.span(), "`args` names a struct: `args = \"NetworkArgs\"`"))?;
            common::set(&mut args, m, id)
        }
        "group" => {
            let v = common::lit_str(m, "group = \"Network\"")?;
            common::set(&mut group, m, v)
        }
        "crate" => {
            let v = common::parse_krate(m)?;
            common::set(&mut krate, m, v)
        }
        _ => Err(common::unknown(m, DERIVE, STRUCT_KEYS)),
    })?;
    Ok(StructAttrs {
        args,
        group,
        krate: krate.unwrap_or_else(common::default_krate),
    })
}

/// Expands `#[derive(Parameters)]`.
pub fn expand(input: DeriveInput) -> Result<TokenStream> {
    common::no_generics(&input.generics, DERIVE)?;
    let fields = common::named_fields(&input.data, &input.ident, DERIVE)?;
    let st = parse_struct(&input)?;
    let krate = &st.krate;
    let ident = &input.ident;
    let vis = &input.vis;
    let args_ident = st.args.clone().unwrap_or_else(|| format_ident!("{}Args", ident));

    let mut errors = Vec::new();
    let mut decls = Vec::new();
    let mut arg_fields = Vec::new();
    let mut passes = Vec::new();
    let mut names: Vec<(String, Span)> = Vec::new();
    for f in &fields {
        let Some(fid) = &f.ident else { continue };
        let a = match parse_field(f) {
            Ok(a) => a,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let (name, name_span) = match &a.name {
            Some(n) => (n.value(), n.span()),
            None => (common::pascal(fid), fid.span()),
        };
        if let Err(e) = common::check_logical_name(&name, name_span, "parameter") {
            errors.push(e);
            continue;
        }
        if let Some((_, prev)) = names.iter().find(|(n, _)| *n == name) {
            let mut e = syn::Error::new(name_span, format!("the parameter name `{name}` is used twice"));
            e.combine(syn::Error::new(*prev, "first used here"));
            errors.push(e);
            continue;
        }
        names.push((name.clone(), name_span));

        let ty = &f.ty;
        if let Err(e) = check_field_type(ty) {
            errors.push(e);
            continue;
        }
        // One statement per attribute, every token spanned at the attribute, so that a literal of
        // the wrong type or a constraint that does not apply is reported there.
        // The binding's hygiene is the call site's throughout (a mixed-site receiver joined with a
        // call-site method name would move the error to the derive).
        let d = syn::Ident::new("__cfn_param", ty.span());
        let kt = common::respan(krate, ty.span());
        let step = |span: Span, call: TokenStream| {
            let d = syn::Ident::new("__cfn_param", span);
            quote_spanned!(span=> let #d = #d #call;)
        };
        let mut steps = vec![quote_spanned!(ty.span()=> let #d = #kt::interface::ParamDecl::<#ty>::new(#name);)];
        let description = a
            .description
            .as_ref()
            .map(LitStr::value)
            .or_else(|| common::doc(&f.attrs));
        if let Some(desc) = description {
            steps.push(step(Span::call_site(), quote!(.description(#desc))));
        }
        if let Some((values, _)) = &a.allowed {
            for v in values {
                match common::typed_literal(v) {
                    Ok(t) => steps.push(step(v.span(), quote_spanned!(v.span()=> .allowed_value(#t)))),
                    Err(e) => errors.push(e),
                }
            }
        }
        if let Some(dv) = &a.default {
            match common::typed_literal(dv) {
                Ok(t) => steps.push(step(dv.span(), quote_spanned!(dv.span()=> .default(#t)))),
                Err(e) => errors.push(e),
            }
        }
        if let Some(p) = &a.pattern {
            steps.push(step(p.span(), quote_spanned!(p.span()=> .pattern(#p))));
        }
        let int = |n: u64, s: Span| syn::LitInt::new(&format!("{n}u64"), s);
        let float = |x: f64, s: Span| syn::LitFloat::new(&format!("{x:?}f64"), s);
        if let Some((n, s)) = a.min_length {
            let n = int(n, s);
            steps.push(step(s, quote_spanned!(s=> .min_length(#n))));
        }
        if let Some((n, s)) = a.max_length {
            let n = int(n, s);
            steps.push(step(s, quote_spanned!(s=> .max_length(#n))));
        }
        if let Some((x, s)) = a.min_value {
            let x = float(x.abs(), s);
            let neg = a.min_value.filter(|(x, _)| *x < 0.0).map(|_| quote_spanned!(s=> -));
            steps.push(step(s, quote_spanned!(s=> .min_value(#neg #x))));
        }
        if let Some((x, s)) = a.max_value {
            let x = float(x.abs(), s);
            let neg = a.max_value.filter(|(x, _)| *x < 0.0).map(|_| quote_spanned!(s=> -));
            steps.push(step(s, quote_spanned!(s=> .max_value(#neg #x))));
        }
        if let Some(c) = &a.constraint_description {
            steps.push(step(Span::call_site(), quote!(.constraint_description(#c))));
        }
        if let Some((true, _)) = a.no_echo {
            steps.push(step(Span::call_site(), quote!(.no_echo())));
        }
        if let Some(g) = a.group.as_ref().or(st.group.as_ref()) {
            steps.push(step(Span::call_site(), quote!(.group(#g))));
        }
        if let Some(l) = &a.label {
            steps.push(step(Span::call_site(), quote!(.label(#l))));
        }
        let last = syn::Ident::new("__cfn_param", ty.span());
        let declare = quote_spanned!(ty.span()=> #last.declare(stack));
        decls.push(quote!(#fid: { #(#steps)* #declare }));

        let docs = common::doc_attrs(&f.attrs);
        let default_doc = format!("The `{name}` parameter.");
        let docs = if docs.is_empty() {
            quote!(#[doc = #default_doc])
        } else {
            quote!(#(#docs)*)
        };
        let fvis = &f.vis;
        let arg_ty = quote_spanned!(ty.span()=> #kt::interface::ArgOf<#ty>);
        arg_fields.push(quote! {
            #docs
            #fvis #fid: #arg_ty
        });
        passes.push(quote_spanned!(ty.span()=> (#name, #kt::interface::pass::<#ty>(args.#fid))));
    }
    common::all_ok(errors)?;

    let args_doc = format!(
        "What a parent passes to instantiate a stack whose parameters are [`{ident}`]: every parameter, typed (generated by `#[derive(Parameters)]`)."
    );
    Ok(quote! {
        #[doc = #args_doc]
        #vis struct #args_ident {
            #(#arg_fields,)*
        }

        impl #krate::interface::Parameters for #ident {
            type Args = #args_ident;

            fn declare<S>(stack: &mut #krate::Stack<S>) -> Self {
                #ident {
                    #(#decls,)*
                }
            }

            fn pass(args: Self::Args) -> ::std::vec::Vec<(&'static str, #krate::Value<::std::string::String>)> {
                let _ = &args;
                ::std::vec::Vec::from([#(#passes),*])
            }
        }
    })
}
