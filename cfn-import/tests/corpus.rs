//! Every template of the cfn-lint 1.58.0 sdist (`test/fixtures/templates/`) is read: each parses
//! or is refused with an error, none panics, and every one of `good/`, `quickstart/` and
//! `public/` that is a valid template parses (the few that are not are listed with the reason).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use common::corpus::{self, Corpus};

/// Templates of `good/`, `quickstart/` and `public/` that are refused, and why they should be.
const EXPECTED_REFUSALS: &[(&str, &str)] = &[];

/// The folders whose templates must parse.
const MUST_PARSE: &[&str] = &["good", "quickstart", "public"];

#[test]
fn every_corpus_template_parses_or_is_refused_without_panic() {
    let dir = match corpus::corpus() {
        Ok(Corpus::Ready(dir)) => dir,
        Ok(Corpus::Unavailable(reason)) => {
            eprintln!("SKIPPED: the cfn-lint corpus is unavailable: {reason}");
            return;
        }
        Err(e) => panic!("the cfn-lint corpus: {e}"),
    };
    let files = corpus::templates(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        files.len() >= 250,
        "only {} templates under {}",
        files.len(),
        dir.display()
    );

    // folder -> (parsed, refused)
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut panics = Vec::new();
    let mut refused_must_parse = Vec::new();
    let started = Instant::now();
    for file in &files {
        let relative = file.strip_prefix(&dir).unwrap_or(file);
        let folder = match relative.parent().and_then(|p| p.components().next()) {
            Some(c) => c.as_os_str().to_string_lossy().into_owned(),
            None => "(top)".to_owned(),
        };
        let entry = counts.entry(folder.clone()).or_default();
        let shown = relative.display().to_string();
        match std::panic::catch_unwind(|| cfn_import::parse_file(file)) {
            Ok(Ok(_)) => entry.0 += 1,
            Ok(Err(e)) => {
                entry.1 += 1;
                let reason = e.to_string().replacen(&file.display().to_string(), "", 1);
                if MUST_PARSE.contains(&folder.as_str()) {
                    refused_must_parse.push((shown.clone(), reason.clone()));
                }
                if std::env::var_os("CFN_IMPORT_VERBOSE").is_some() {
                    eprintln!("refused {shown}{reason}");
                }
            }
            Err(_) => panics.push(shown),
        }
    }
    let elapsed = started.elapsed();

    eprintln!(
        "cfn-lint {} corpus, {}:",
        corpus::SDIST_VERSION,
        Path::new(corpus::TEMPLATES_IN_SDIST).display()
    );
    eprintln!("  {:<14} {:>6} {:>7} {:>8}", "folder", "files", "parsed", "refused");
    let (mut total, mut parsed) = (0, 0);
    for (folder, (ok, refused)) in &counts {
        eprintln!("  {folder:<14} {:>6} {ok:>7} {refused:>8}", ok + refused);
        total += ok + refused;
        parsed += ok;
    }
    eprintln!("  {:<14} {total:>6} {parsed:>7} {:>8}", "all", total - parsed);
    eprintln!("  parsed in {:.0} ms", elapsed.as_secs_f64() * 1000.0);
    for (file, reason) in &refused_must_parse {
        eprintln!("  refused in a must-parse folder: {file}{reason}");
    }

    assert!(panics.is_empty(), "the reader panicked on: {panics:?}");
    let unexpected: Vec<_> = refused_must_parse
        .iter()
        .filter(|(file, _)| !EXPECTED_REFUSALS.iter().any(|(f, _)| f == file))
        .collect();
    assert!(
        unexpected.is_empty(),
        "templates that should parse were refused: {unexpected:#?}"
    );
    let missing: Vec<_> = EXPECTED_REFUSALS
        .iter()
        .filter(|(f, _)| !refused_must_parse.iter().any(|(file, _)| file == f))
        .collect();
    assert!(
        missing.is_empty(),
        "expected refusals that now parse (remove them from the list): {missing:?}"
    );
}

#[test]
fn a_digest_mismatch_names_both_digests() {
    let dir = corpus::target_dir().join("cfn-import-test-tmp");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("not-the-sdist.tar.gz");
    std::fs::write(&file, b"hello\n").unwrap_or_else(|e| panic!("{e}"));
    let actual = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    assert_eq!(corpus::sha256_file(&file), Ok(actual.to_owned()));
    let e = corpus::verify(&file, corpus::SDIST_SHA256).err().unwrap_or_default();
    assert!(e.contains(corpus::SDIST_SHA256) && e.contains(actual), "{e}");
    assert_eq!(corpus::verify(&file, actual), Ok(()));
}
