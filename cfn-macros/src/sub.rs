//! `sub!` and the `${…}` format strings it shares with output export names.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Ident, LitStr, Result, Token};

/// The pseudo parameters that read as strings inside `Fn::Sub`.
pub const PSEUDO: &[&str] = &[
    "AWS::AccountId",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// One piece of a format string.
#[derive(Debug, PartialEq)]
pub enum Seg {
    /// Literal text (a `${!X}` escape already turned into `${X}`).
    Lit(String),
    /// A pseudo parameter, e.g. `AWS::Region`.
    Pseudo(String),
    /// A named placeholder: an argument or a captured variable.
    Name(String),
}

/// Splits a format string into literal text, pseudo parameters and names, refusing what
/// `Fn::Sub` would misread.
pub fn parse_format(s: &str) -> std::result::Result<Vec<Seg>, String> {
    if let Some(i) = s.find("{{resolve:") {
        let shown: String = s[i..].chars().take(40).collect();
        return Err(format!(
            "`{shown}…`: a dynamic reference cannot be written inside `sub!`; CloudFormation resolves `{{{{resolve:…}}}}` before it substitutes `${{…}}`, and this library builds dynamic references only from checked literals: write `DynamicRef::secrets_manager(secret_id!(\"…\"))` or, for a secret this stack creates, `secret.resolve(\"key\")` (or `DynamicRef::ssm(ssm_name!(\"…\"))`) and pass it as an argument"
        ));
    }
    let mut out: Vec<Seg> = Vec::new();
    let mut lit = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        lit.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(end) = after.find('}') else {
            return Err(format!(
                "`${{` at `{}` is not closed: write `${{name}}`, or `${{!text}}` for a literal `${{text}}`",
                &rest[i..].chars().take(20).collect::<String>()
            ));
        };
        let name = &after[..end];
        rest = &after[end + 1..];
        if let Some(text) = name.strip_prefix('!') {
            lit.push_str("${");
            lit.push_str(text);
            lit.push('}');
            continue;
        }
        if !lit.is_empty() {
            out.push(Seg::Lit(std::mem::take(&mut lit)));
        }
        out.push(classify(name)?);
    }
    lit.push_str(rest);
    if !lit.is_empty() {
        out.push(Seg::Lit(lit));
    }
    Ok(out)
}

fn classify(name: &str) -> std::result::Result<Seg, String> {
    if name.is_empty() {
        return Err("`${}` names nothing: write `${name}` and pass `name = value`".into());
    }
    if name.starts_with("AWS::") {
        return match name {
            n if PSEUDO.contains(&n) => Ok(Seg::Pseudo(n.to_string())),
            "AWS::NotificationARNs" => Err(
                "`${AWS::NotificationARNs}` is a list and cannot be interpolated: join it first, e.g. `list = Value::<String>::join(\",\", Pseudo::notification_arns())`".into(),
            ),
            "AWS::NoValue" => Err(
                "`${AWS::NoValue}` removes a property and cannot be interpolated: use `Value::if_(cond, …, Value::no_value())` around the whole value".into(),
            ),
            other => Err(format!(
                "`${{{other}}}` is not a pseudo parameter; the ones `Fn::Sub` can interpolate are: {}",
                PSEUDO.join(", ")
            )),
        };
    }
    if name.contains('.') {
        return Err(format!(
            "`${{{name}}}` names a resource attribute by string, which the types cannot check: pass the value instead, e.g. `sub!(\"…${{arn}}…\", arn = handle.arn())`"
        ));
    }
    if syn::parse_str::<Ident>(name).is_err() || name.starts_with("r#") {
        return Err(format!(
            "`${{{name}}}` is not a placeholder `sub!` understands: use a Rust name given as an argument (`${{bucket}}` with `bucket = …`), a variable in scope, or a pseudo parameter such as `${{AWS::Region}}`; write `${{!{name}}}` for the literal text `${{{name}}}`"
        ));
    }
    Ok(Seg::Name(name.to_string()))
}

struct Arg {
    name: Ident,
    value: Expr,
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> Result<Self> {
        let name = Ident::parse_any(input)?;
        input
            .parse::<Token![=]>()
            .map_err(|e| syn::Error::new(e.span(), format!("arguments of `sub!` are named: `{name} = value`")))?;
        let value: Expr = input.parse()?;
        Ok(Arg { name, value })
    }
}

struct SubInput {
    format: LitStr,
    args: Vec<Arg>,
}

impl Parse for SubInput {
    fn parse(input: ParseStream) -> Result<Self> {
        let format: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "`sub!` takes a string literal first: `sub!(\"arn:${AWS::Partition}:s3:::${bucket}/*\", bucket = …)`",
            )
        })?;
        let mut args = Vec::new();
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
            let rest: Punctuated<Arg, Token![,]> = Punctuated::parse_terminated(input)?;
            args = rest.into_iter().collect();
        }
        Ok(SubInput { format, args })
    }
}

/// Expands `sub!(...)`.
pub fn expand(input: TokenStream) -> Result<TokenStream> {
    let input: SubInput = syn::parse2(input)?;
    let krate = crate::common::default_krate();
    let span = input.format.span();
    let segs = parse_format(&input.format.value()).map_err(|m| syn::Error::new(span, m))?;

    let mut errors = Vec::new();
    for (i, a) in input.args.iter().enumerate() {
        let name = a.name.unraw().to_string();
        if input.args[..i].iter().any(|b| b.name == a.name) {
            errors.push(syn::Error::new(
                a.name.span(),
                format!("the argument `{}` is given twice", a.name),
            ));
        }
        let used = segs.iter().any(|s| matches!(s, Seg::Name(n) if *n == name));
        if !used {
            errors.push(syn::Error::new(
                a.name.span(),
                format!(
                    "the argument `{0}` is not used by the format string: remove it, or write `${{{0}}}` where it goes",
                    a.name
                ),
            ));
        }
    }
    crate::common::all_ok(errors)?;

    // Arguments are evaluated once, in order, before the parts are built.
    let mut lets = Vec::new();
    let mut bound: Vec<(String, Ident)> = Vec::new();
    for (i, a) in input.args.iter().enumerate() {
        let var = format_ident!("__cfn_sub_arg{}", i, span = Span::mixed_site());
        let value = &a.value;
        lets.push(quote_spanned!(value.span()=> let #var = #krate::interface::sub_arg(#value);));
        bound.push((a.name.unraw().to_string(), var));
    }
    let mut captured: Vec<(String, Ident)> = Vec::new();
    let mut parts = Vec::new();
    for s in &segs {
        parts.push(match s {
            Seg::Lit(t) => quote!(#krate::SubPart::lit(#t)),
            Seg::Pseudo(p) => quote!(#krate::interface::sub_pseudo(#p)),
            Seg::Name(n) => match bound.iter().find(|(b, _)| b == n) {
                Some((_, var)) => quote!(::core::clone::Clone::clone(&#var)),
                None => {
                    // Captured like `format!`: a variable in scope, borrowed.
                    let var = match captured.iter().find(|(c, _)| c == n) {
                        Some((_, v)) => v.clone(),
                        None => {
                            let v = format_ident!("__cfn_sub_cap{}", captured.len(), span = Span::mixed_site());
                            let user = Ident::new(n, span);
                            lets.push(quote_spanned!(span=> let #v = #krate::interface::sub_arg(&#user);));
                            captured.push((n.clone(), v.clone()));
                            v
                        }
                    };
                    quote!(::core::clone::Clone::clone(&#var))
                }
            },
        });
    }
    Ok(quote! {
        {
            #(#lets)*
            #krate::Value::<::std::string::String>::sub([#(#parts),*])
        }
    })
}

/// The parts of an export name: literal text and pseudo parameters only.
pub fn export_parts(krate: &TokenStream, lit: &LitStr) -> Result<TokenStream> {
    let segs = parse_format(&lit.value()).map_err(|m| syn::Error::new(lit.span(), m))?;
    let mut parts = Vec::new();
    for s in segs {
        parts.push(match s {
            Seg::Lit(t) => quote!(#krate::SubPart::lit(#t)),
            Seg::Pseudo(p) => quote!(#krate::interface::sub_pseudo(#p)),
            Seg::Name(n) => {
                return Err(syn::Error::new(
                    lit.span(),
                    format!("an export name may only interpolate pseudo parameters such as `${{AWS::StackName}}`, not `${{{n}}}`; to vary it with a parameter, prefix the stack name instead: `export = \"${{AWS::StackName}}-…\"`"),
                ))
            }
        });
    }
    Ok(quote!([#(#parts),*]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_strings() {
        assert_eq!(
            parse_format("arn:${AWS::Partition}:s3:::${bucket}/*").unwrap(),
            vec![
                Seg::Lit("arn:".into()),
                Seg::Pseudo("AWS::Partition".into()),
                Seg::Lit(":s3:::".into()),
                Seg::Name("bucket".into()),
                Seg::Lit("/*".into()),
            ]
        );
        assert_eq!(
            parse_format("a${!Literal}b$c").unwrap(),
            vec![Seg::Lit("a${Literal}b$c".into())]
        );
        assert!(parse_format("{{resolve:secretsmanager:x}}")
            .unwrap_err()
            .contains("secret_id!"));
        assert!(parse_format("${AWS::Regoin}")
            .unwrap_err()
            .contains("not a pseudo parameter"));
        assert!(parse_format("${Bucket.Arn}").unwrap_err().contains("attribute"));
        assert!(parse_format("${x").unwrap_err().contains("not closed"));
        assert!(parse_format("${}").is_err());
        assert!(parse_format("${a-b}").is_err());
    }
}
