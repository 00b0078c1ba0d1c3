//! `#[derive(Outputs)]`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, LitStr, Result};

use crate::common;

const DERIVE: &str = "Outputs";
const FIELD_KEYS: &[&str] = &["name", "description", "export", "condition"];
const STRUCT_KEYS: &[&str] = &["crate"];

#[derive(Default)]
struct FieldAttrs {
    name: Option<LitStr>,
    description: Option<LitStr>,
    export: Option<LitStr>,
    condition: Option<LitStr>,
}

fn parse_field(field: &syn::Field) -> Result<FieldAttrs> {
    let mut a = FieldAttrs::default();
    common::for_each_cfn(&field.attrs, |m| match common::key_of(m).as_str() {
        "name" => {
            let v = common::lit_str(m, "name = \"VpcId\"")?;
            common::set(&mut a.name, m, v)
        }
        "description" => {
            let v = common::lit_str(m, "description = \"…\"")?;
            common::set(&mut a.description, m, v)
        }
        "export" => {
            let v = common::lit_str(m, "export = \"${AWS::StackName}-VpcId\"")?;
            common::set(&mut a.export, m, v)
        }
        "condition" => {
            let v = common::lit_str(m, "condition = \"IsProd\"")?;
            common::check_logical_name(&v.value(), v.span(), "condition")?;
            common::set(&mut a.condition, m, v)
        }
        _ => Err(common::unknown(m, DERIVE, FIELD_KEYS)),
    })?;
    Ok(a)
}

/// Expands `#[derive(Outputs)]`.
pub fn expand(input: DeriveInput) -> Result<TokenStream> {
    common::no_generics(&input.generics, DERIVE)?;
    let fields = common::named_fields(&input.data, &input.ident, DERIVE)?;
    let mut krate = None;
    common::for_each_cfn(&input.attrs, |m| match common::key_of(m).as_str() {
        "crate" => {
            let v = common::parse_krate(m)?;
            common::set(&mut krate, m, v)
        }
        _ => Err(common::unknown(m, DERIVE, STRUCT_KEYS)),
    })?;
    let krate = krate.unwrap_or_else(common::default_krate);
    let ident = &input.ident;

    let mut errors = Vec::new();
    let mut decls = Vec::new();
    let mut reads = Vec::new();
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
        if let Err(e) = common::check_logical_name(&name, name_span, "output") {
            errors.push(e);
            continue;
        }
        if let Some((_, prev)) = names.iter().find(|(n, _)| *n == name) {
            let mut e = syn::Error::new(name_span, format!("the output name `{name}` is used twice"));
            e.combine(syn::Error::new(*prev, "first used here"));
            errors.push(e);
            continue;
        }
        names.push((name.clone(), name_span));

        let ty = &f.ty;
        // Both uses of the field type go through `<T as OutputField>` at the type's span, so that a
        // type that cannot be an output is reported once.
        let kt = common::respan(&krate, ty.span());
        let value = quote_spanned!(ty.span()=> <#ty as #kt::interface::OutputField>::into_output(self.#fid));
        let mut chain = vec![quote!(#krate::interface::OutputDecl::from_expr(#name, #value))];
        if let Some(d) = a
            .description
            .as_ref()
            .map(LitStr::value)
            .or_else(|| common::doc(&f.attrs))
        {
            chain.push(quote!(.description(#d)));
        }
        if let Some(e) = &a.export {
            match crate::sub::export_parts(&krate, e) {
                Ok(parts) => chain.push(quote!(.export(#parts))),
                Err(err) => errors.push(err),
            }
        }
        if let Some(c) = &a.condition {
            chain.push(quote!(.condition(#c)));
        }
        decls.push(quote!(#(#chain)*.declare(stack);));
        reads.push(quote_spanned!(ty.span()=> #fid: <#ty as #kt::interface::OutputField>::read(nested, #name)));
    }
    common::all_ok(errors)?;

    Ok(quote! {
        impl #krate::interface::Outputs for #ident {
            fn declare<S>(self, stack: &mut #krate::Stack<S>) {
                let _ = &stack;
                #(#decls)*
            }

            fn read(nested: &#krate::Ident) -> Self {
                let _ = nested;
                #ident {
                    #(#reads,)*
                }
            }
        }
    })
}
