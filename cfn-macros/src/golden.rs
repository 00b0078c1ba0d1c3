//! Expansion golden tests: every fixture under `tests/expand/*.rs` is expanded (its derives and
//! `sub!` items) and compared with the committed `*.expanded.rs`, so that the generated code never
//! changes silently. `CFN_MACROS_BLESS=1 cargo test -p cfn-macros golden` rewrites the files.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;

fn expand_item(item: &syn::Item) -> Vec<TokenStream> {
    let mut out = Vec::new();
    match item {
        syn::Item::Macro(m) if m.mac.path.is_ident("sub") => {
            let ts = crate::sub::expand(m.mac.tokens.clone()).unwrap_or_else(syn::Error::into_compile_error);
            out.push(quote!(const _: () = { let _ = #ts; };));
        }
        syn::Item::Struct(_) | syn::Item::Enum(_) => {
            let attrs = match item {
                syn::Item::Struct(s) => &s.attrs,
                syn::Item::Enum(e) => &e.attrs,
                _ => unreachable!(),
            };
            let input: syn::DeriveInput = match syn::parse2(quote!(#item)) {
                Ok(i) => i,
                Err(e) => return vec![e.into_compile_error()],
            };
            for a in attrs.iter().filter(|a| a.path().is_ident("derive")) {
                let _ = a.parse_nested_meta(|m| {
                    let name = m.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
                    let r = match name.as_str() {
                        "Parameters" => Some(crate::params::expand(input.clone())),
                        "Outputs" => Some(crate::outputs::expand(input.clone())),
                        "MappingKey" => Some(crate::mapping::expand_key(input.clone())),
                        "Mapping" => Some(crate::mapping::expand_table(input.clone())),
                        "Resource" => Some(crate::resource::expand(input.clone())),
                        _ => None,
                    };
                    if let Some(r) = r {
                        out.push(r.unwrap_or_else(syn::Error::into_compile_error));
                    }
                    Ok(())
                });
            }
        }
        _ => {}
    }
    out
}

fn render(source: &str) -> String {
    let file = match syn::parse_file(source) {
        Ok(f) => f,
        Err(e) => return format!("// fixture does not parse: {e}\n"),
    };
    let tokens: TokenStream = file.items.iter().flat_map(expand_item).collect();
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(f) => prettyplease::unparse(&f),
        Err(e) => format!("// expansion does not parse as items: {e}\n{tokens}\n"),
    }
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "rs") && !p.to_string_lossy().ends_with(".expanded.rs"));
    files.sort();
    files
}

#[test]
fn golden() {
    let bless = std::env::var_os("CFN_MACROS_BLESS").is_some();
    let files = fixtures();
    assert!(!files.is_empty(), "no fixtures under tests/expand");
    let mut failed = Vec::new();
    for f in files {
        let source = std::fs::read_to_string(&f).expect("read fixture");
        let got = render(&source);
        let expected_path = f.with_extension("expanded.rs");
        if bless {
            std::fs::write(&expected_path, &got).expect("write golden file");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failed.push(format!(
                "{}: the expansion changed; review it and rerun with CFN_MACROS_BLESS=1 to accept\n--- got ---\n{got}",
                expected_path.display()
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
