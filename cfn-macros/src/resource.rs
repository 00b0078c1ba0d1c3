//! `#[derive(Resource)]`: custom resources (`Custom::Name`) and other resource types the
//! generator does not cover.

use heck::ToSnakeCase;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{DeriveInput, LitStr, Result, Token};

use crate::common;

const DERIVE: &str = "Resource";

/// One `Name: Type` in `attributes(...)`; `"Dotted.Name" as method: Type` for dotted names.
struct AttrSpec {
    name: String,
    span: Span,
    method: syn::Ident,
    ty: syn::Type,
}

impl Parse for AttrSpec {
    fn parse(input: ParseStream) -> Result<Self> {
        let (name, span, method) = if input.peek(LitStr) {
            let s: LitStr = input.parse()?;
            input.parse::<Token![as]>().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "a quoted attribute name needs a method name: `\"Endpoint.Address\" as endpoint_address: String`",
                )
            })?;
            let m: syn::Ident = input.parse()?;
            (s.value(), s.span(), m)
        } else {
            let id: syn::Ident = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected `Name: Type`, e.g. `attributes(Endpoint: String, Port: i64)`",
                )
            })?;
            let n = id.unraw().to_string();
            let m = common::method_ident(&n.to_snake_case(), id.span());
            (n, id.span(), m)
        };
        input
            .parse::<Token![:]>()
            .map_err(|e| syn::Error::new(e.span(), format!("give the attribute's value type: `{name}: String`")))?;
        let ty: syn::Type = input.parse()?;
        Ok(AttrSpec { name, span, method, ty })
    }
}

fn is_option(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => p
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "Option" && matches!(s.arguments, syn::PathArguments::AngleBracketed(_))),
        _ => false,
    }
}

fn check_type_name(t: &LitStr) -> Result<bool> {
    let v = t.value();
    if let Some(name) = v.strip_prefix("Custom::") {
        let ok = !name.is_empty()
            && name.len() <= 60
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'@' | b'-'));
        if !ok {
            return Err(syn::Error::new(
                t.span(),
                "a custom resource type is `Custom::` followed by 1 to 60 characters A-Z, a-z, 0-9, `_`, `@`, `-`, e.g. `Custom::DbSeed`",
            ));
        }
        return Ok(true);
    }
    if v == "AWS::CloudFormation::CustomResource" {
        return Ok(true);
    }
    let parts: Vec<&str> = v.split("::").collect();
    let ok = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !ok {
        return Err(syn::Error::new(
            t.span(),
            "expected a resource type: `Custom::Name` for a custom resource, or `Vendor::Service::Type`",
        ));
    }
    Ok(false)
}

/// Expands `#[derive(Resource)]`.
pub fn expand(input: DeriveInput) -> Result<TokenStream> {
    common::no_generics(&input.generics, DERIVE)?;
    let ident = &input.ident;
    let fields = common::named_fields(&input.data, ident, DERIVE)?;
    let mut type_name: Option<LitStr> = None;
    let mut attributes: Option<Vec<AttrSpec>> = None;
    let mut attributes_trait: Option<syn::Ident> = None;
    let mut krate = None;
    common::for_each_cfn(&input.attrs, |m| match common::key_of(m).as_str() {
        "type" => {
            let s = common::lit_str(m, "type = \"Custom::DbSeed\"")?;
            common::set(&mut type_name, m, s)
        }
        "attributes" => {
            let content;
            syn::parenthesized!(content in m.input);
            let list: Punctuated<AttrSpec, Token![,]> = Punctuated::parse_terminated(&content)?;
            common::set(&mut attributes, m, list.into_iter().collect())
        }
        "attributes_trait" => {
            let s = common::lit_str(m, "attributes_trait = \"DbSeedAttributes\"")?;
            let id: syn::Ident = s
                .parse()
                .map_err(|_| syn::Error::new(s.span(), "`attributes_trait` names a trait"))?;
            common::set(&mut attributes_trait, m, id)
        }
        "crate" => {
            let v = common::parse_krate(m)?;
            common::set(&mut krate, m, v)
        }
        _ => Err(common::unknown(
            m,
            DERIVE,
            &["type", "attributes", "attributes_trait", "crate"],
        )),
    })?;
    let krate = krate.unwrap_or_else(common::default_krate);
    let Some(type_name) = type_name else {
        return Err(syn::Error::new(
            ident.span(),
            "#[derive(Resource)] needs the resource type: add `#[cfn(type = \"Custom::MyThing\")]`",
        ));
    };
    let custom = check_type_name(&type_name)?;

    let mut errors = Vec::new();
    let mut props = Vec::new();
    let mut names: Vec<(String, Span)> = Vec::new();
    let mut has_token = false;
    for f in &fields {
        let Some(fid) = &f.ident else { continue };
        let mut rename: Option<LitStr> = None;
        if let Err(e) = common::for_each_cfn(&f.attrs, |m| match common::key_of(m).as_str() {
            "name" => {
                let s = common::lit_str(m, "name = \"TableName\"")?;
                common::set(&mut rename, m, s)
            }
            _ => Err(common::unknown(m, DERIVE, &["name"])),
        }) {
            errors.push(e);
            continue;
        }
        let (name, span) = match &rename {
            Some(r) => (r.value(), r.span()),
            None => (common::pascal(fid), fid.span()),
        };
        if let Err(e) = common::check_logical_name(&name, span, "property") {
            errors.push(e);
            continue;
        }
        if let Some((_, prev)) = names.iter().find(|(n, _)| *n == name) {
            let mut e = syn::Error::new(span, format!("the property `{name}` is given twice"));
            e.combine(syn::Error::new(*prev, "first given here"));
            errors.push(e);
            continue;
        }
        names.push((name.clone(), span));
        let ty = &f.ty;
        if name == "ServiceToken" {
            has_token = true;
            if is_option(ty) {
                errors.push(syn::Error::new(
                    ty.span(),
                    "the service token is required: make it a `Value<Arn<…>>` or `Value<String>`, not an `Option`",
                ));
                continue;
            }
            props.push(quote_spanned!(ty.span()=> .req(#name, #krate::interface::service_token(self.#fid))));
        } else if is_option(ty) {
            props.push(quote_spanned!(ty.span()=> .opt(#name, self.#fid)));
        } else {
            props.push(quote_spanned!(ty.span()=> .req(#name, self.#fid)));
        }
    }
    if custom && !has_token {
        errors.push(syn::Error::new(
            ident.span(),
            "a custom resource needs a `service_token` field: the ARN of the Lambda function or SNS topic that handles it (`service_token: Value<Arn<…>>`)",
        ));
    }
    common::all_ok(errors)?;

    let mut attr_items = TokenStream::new();
    if let Some(specs) = attributes.filter(|s| !s.is_empty()) {
        let vis = &input.vis;
        let tr = attributes_trait.unwrap_or_else(|| format_ident!("{}Attributes", ident));
        let mut sigs = Vec::new();
        let mut bodies = Vec::new();
        let mut errors = Vec::new();
        for a in &specs {
            let (m, ty, name) = (&a.method, &a.ty, &a.name);
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.') {
                errors.push(syn::Error::new(a.span, format!("`{name}` is not an attribute name")));
                continue;
            }
            let doc = format!("`Fn::GetAtt [id, {name}]`.");
            sigs.push(quote!(#[doc = #doc] fn #m(&self) -> #krate::Value<#ty>;));
            bodies.push(quote!(fn #m(&self) -> #krate::Value<#ty> { #krate::interface::get_att(self, #name) }));
        }
        common::all_ok(errors)?;
        let doc =
            format!("The attributes of [`{ident}`] as methods on its handle (generated by `#[derive(Resource)]`).");
        attr_items = quote! {
            #[doc = #doc]
            #vis trait #tr {
                #(#sigs)*
            }

            impl<S> #tr for #krate::Handle<#ident, S> {
                #(#bodies)*
            }
        };
    }

    Ok(quote! {
        impl #krate::Resource for #ident {
            const TYPE_NAME: &'static str = #type_name;

            fn into_properties(self) -> #krate::Props {
                #krate::interface::PropsBuilder::new()
                    #(#props)*
                    .build()
            }
        }

        #attr_items
    })
}
