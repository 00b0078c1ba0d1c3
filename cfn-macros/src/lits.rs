//! `secret_id!` and `ssm_name!`: a literal checked by cfn-model's `const fn` validator, in a
//! named constant so that `cargo check` evaluates it too.
//!
//! The macro only parses (one string literal) and generates; what a valid id is stays in
//! `SecretId::check` / `SsmName::check`.

use proc_macro2::TokenStream;
use quote::quote_spanned;
use syn::{LitStr, Result};

/// Which checked literal.
pub enum Kind {
    /// `SecretId`.
    Secret,
    /// `SsmName`.
    Ssm,
}

/// Expands `"…"` into `{ const ID: ::cfn::model::T = ::cfn::model::T::new_or_panic("…"); ID }`,
/// spanned at the literal so the compile error points there.
pub fn expand(input: TokenStream, kind: Kind) -> Result<TokenStream> {
    let (ty, example) = match kind {
        Kind::Secret => (quote::quote!(SecretId), "secret_id!(\"app/db/credentials\")"),
        Kind::Ssm => (quote::quote!(SsmName), "ssm_name!(\"/app/db/endpoint\")"),
    };
    let lit: LitStr = syn::parse2(input.clone()).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!(
                "expected one string literal, e.g. `{example}`: the name is checked at compile time, so it cannot \
                 come from a variable, a parameter or `sub!` (create the secret in the stack and use its handle \
                 to vary it per environment)"
            ),
        )
    })?;
    let span = lit.span();
    Ok(quote_spanned! {span=>
        {
            const CHECKED: ::cfn::model::#ty = ::cfn::model::#ty::new_or_panic(#lit);
            CHECKED
        }
    })
}
