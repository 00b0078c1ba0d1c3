//! `#[derive(MappingKey)]` (an enum of keys) and `#[derive(Mapping)]` (a settings struct).

use heck::ToSnakeCase;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{DeriveInput, LitStr, Result};

use crate::common;

fn valid_key(k: &str) -> bool {
    !k.is_empty() && k.len() <= 255 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// Expands `#[derive(MappingKey)]`.
pub fn expand_key(input: DeriveInput) -> Result<TokenStream> {
    const DERIVE: &str = "MappingKey";
    common::no_generics(&input.generics, DERIVE)?;
    let ident = &input.ident;
    let mut krate = None;
    common::for_each_cfn(&input.attrs, |m| match common::key_of(m).as_str() {
        "crate" => {
            let v = common::parse_krate(m)?;
            common::set(&mut krate, m, v)
        }
        _ => Err(common::unknown(m, DERIVE, &["crate"])),
    })?;
    let krate = krate.unwrap_or_else(common::default_krate);
    let syn::Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            ident.span(),
            "#[derive(MappingKey)] applies to an enum of unit variants, e.g. `enum Environment { Dev, Prod }`",
        ));
    };
    if data.variants.is_empty() {
        return Err(syn::Error::new(
            ident.span(),
            "a mapping key enum needs at least one variant",
        ));
    }
    let mut errors = Vec::new();
    let mut variants = Vec::new();
    let mut keys: Vec<(String, Span)> = Vec::new();
    for v in &data.variants {
        if !matches!(v.fields, syn::Fields::Unit) {
            errors.push(syn::Error::new(
                v.fields.span(),
                "a mapping key is a unit variant (each variant is one top-level key of the mapping); move the data into the settings struct",
            ));
            continue;
        }
        let mut rename: Option<LitStr> = None;
        if let Err(e) = common::for_each_cfn(&v.attrs, |m| match common::key_of(m).as_str() {
            "rename" => {
                let s = common::lit_str(m, "rename = \"dev\"")?;
                common::set(&mut rename, m, s)
            }
            _ => Err(common::unknown(m, DERIVE, &["rename"])),
        }) {
            errors.push(e);
            continue;
        }
        let (key, span) = match &rename {
            Some(r) => (r.value(), r.span()),
            None => (v.ident.unraw().to_string(), v.ident.span()),
        };
        if !valid_key(&key) {
            errors.push(syn::Error::new(
                span,
                format!("`{key}` is not a valid mapping key: CloudFormation wants 1 to 255 characters A-Z, a-z, 0-9, `.` and `-`; set one with `#[cfn(rename = \"...\")]`"),
            ));
            continue;
        }
        if let Some((_, prev)) = keys.iter().find(|(k, _)| *k == key) {
            let mut e = syn::Error::new(span, format!("the mapping key `{key}` is used twice"));
            e.combine(syn::Error::new(*prev, "first used here"));
            errors.push(e);
            continue;
        }
        keys.push((key, span));
        variants.push(&v.ident);
    }
    common::all_ok(errors)?;
    let key_strs: Vec<&String> = keys.iter().map(|(k, _)| k).collect();

    Ok(quote! {
        impl #krate::MappingKey for #ident {
            const KEYS: &'static [&'static str] = &[#(#key_strs),*];
            fn all() -> ::std::vec::Vec<Self> {
                ::std::vec::Vec::from([#(#ident::#variants),*])
            }
            fn key(&self) -> &'static str {
                match self {
                    #(#ident::#variants => #key_strs,)*
                }
            }
        }

        impl #krate::ParamType for #ident {
            type Value = #ident;
            const TYPE: &'static str = "String";
        }

        impl #krate::interface::ParamValue for #ident {
            const KEYS: &'static [&'static str] = <#ident as #krate::MappingKey>::KEYS;
        }

        #[diagnostic::do_not_recommend]
        impl #krate::interface::ParamLiteral<#ident> for #ident {
            fn to_json(self) -> #krate::interface::JsonValue {
                #krate::interface::JsonValue::from(#krate::MappingKey::key(&self))
            }
        }

        #[diagnostic::do_not_recommend]
        impl #krate::interface::OutputValue for #ident {}

        impl #krate::StringLike for #ident {}

        impl ::core::convert::From<#ident> for #krate::Value<#ident> {
            fn from(key: #ident) -> Self {
                #krate::table::key_value(&key)
            }
        }
    })
}

/// Expands `#[derive(Mapping)]`.
pub fn expand_table(input: DeriveInput) -> Result<TokenStream> {
    const DERIVE: &str = "Mapping";
    common::no_generics(&input.generics, DERIVE)?;
    let ident = &input.ident;
    let fields = common::named_fields(&input.data, ident, DERIVE)?;
    let mut key: Option<syn::Type> = None;
    let mut name: Option<LitStr> = None;
    let mut accessors: Option<syn::Ident> = None;
    let mut krate = None;
    common::for_each_cfn(&input.attrs, |m| match common::key_of(m).as_str() {
        "key" => {
            let t: syn::Type = m
                .value()
                .map_err(|_| m.error("`key` names the key enum: `key = Environment`"))?
                .parse()?;
            common::set(&mut key, m, t)
        }
        "name" => {
            let s = common::lit_str(m, "name = \"EnvSettings\"")?;
            common::check_logical_name(&s.value(), s.span(), "mapping")?;
            common::set(&mut name, m, s)
        }
        "accessors" => {
            let s = common::lit_str(m, "accessors = \"EnvSettingsMap\"")?;
            let id: syn::Ident = s.parse().map_err(|_| {
                syn::Error::new(s.span(), "`accessors` names a struct: `accessors = \"EnvSettingsMap\"`")
            })?;
            common::set(&mut accessors, m, id)
        }
        "crate" => {
            let v = common::parse_krate(m)?;
            common::set(&mut krate, m, v)
        }
        _ => Err(common::unknown(m, DERIVE, &["key", "name", "accessors", "crate"])),
    })?;
    let krate = krate.unwrap_or_else(common::default_krate);
    let Some(key) = key else {
        return Err(syn::Error::new(
            ident.span(),
            "#[derive(Mapping)] needs its key enum: add `#[cfn(key = Environment)]` (an enum with #[derive(MappingKey)])",
        ));
    };
    let map_name = name.map(|n| n.value()).unwrap_or_else(|| ident.unraw().to_string());
    common::check_logical_name(&map_name, ident.span(), "mapping")?;
    let acc = accessors.unwrap_or_else(|| format_ident!("{}Map", ident));
    let vis = &input.vis;

    let mut errors = Vec::new();
    let mut cells = Vec::new();
    let mut methods = Vec::new();
    let mut names: Vec<(String, Span)> = Vec::new();
    for f in &fields {
        let Some(fid) = &f.ident else { continue };
        let mut rename: Option<LitStr> = None;
        if let Err(e) = common::for_each_cfn(&f.attrs, |m| match common::key_of(m).as_str() {
            "name" => {
                let s = common::lit_str(m, "name = \"InstanceClass\"")?;
                common::set(&mut rename, m, s)
            }
            _ => Err(common::unknown(m, DERIVE, &["name"])),
        }) {
            errors.push(e);
            continue;
        }
        let (col, span) = match &rename {
            Some(r) => (r.value(), r.span()),
            None => (common::pascal(fid), fid.span()),
        };
        if let Err(e) = common::check_logical_name(&col, span, "mapping column") {
            errors.push(e);
            continue;
        }
        if let Some((_, prev)) = names.iter().find(|(n, _)| *n == col) {
            let mut e = syn::Error::new(span, format!("the mapping column `{col}` is used twice"));
            e.combine(syn::Error::new(*prev, "first used here"));
            errors.push(e);
            continue;
        }
        names.push((col.clone(), span));
        let ty = &f.ty;
        cells.push(quote_spanned!(ty.span()=> row.cell(#col, &self.#fid);));
        let method = common::method_ident(&fid.unraw().to_string().to_snake_case(), fid.span());
        let docs = common::doc_attrs(&f.attrs);
        let fvis = &f.vis;
        let doc = format!("`Fn::FindInMap [{map_name}, key, {col}]`.");
        let sep = (!docs.is_empty()).then(|| quote!(#[doc = ""]));
        methods.push(quote! {
            #(#docs)*
            #sep
            #[doc = #doc]
            #fvis fn #method(&self, key: impl ::core::convert::Into<#krate::Value<#key>>) -> #krate::table::MapOut<#ty> {
                #krate::table::find_in_map(&self.mapping, key, #col)
            }
        });
    }
    common::all_ok(errors)?;

    let acc_doc = format!("Typed `Fn::FindInMap` accessors over the mapping `{map_name}` (generated by `#[derive(Mapping)]` on [`{ident}`]).");
    Ok(quote! {
        impl #krate::MappingTable for #ident {
            type Key = #key;
            type Accessors = #acc;
            const NAME: &'static str = #map_name;
            fn row(&self, row: &mut #krate::table::MapRow) {
                let _ = &row;
                #(#cells)*
            }
            fn accessors(mapping: #krate::MappingRef) -> #acc {
                #acc { mapping }
            }
        }

        #[doc = #acc_doc]
        #vis struct #acc {
            mapping: #krate::MappingRef,
        }

        #[allow(dead_code)]
        impl #acc {
            /// The declared mapping.
            #vis fn mapping(&self) -> &#krate::MappingRef {
                &self.mapping
            }

            #(#methods)*
        }
    })
}
