//! The cfn-lint 1.58.0 source distribution's test templates, the importer's corpus.
//!
//! The sdist is downloaded from PyPI with pip only (`pip download --no-binary :all: --no-deps
//! --require-hashes`, so pip itself refuses a file with another digest before it reads it), its
//! sha256 checked here against [`SDIST_SHA256`], cached under the workspace's `target/`
//! (`target/cfn-lint-corpus/`), and its `test/fixtures/templates/` extracted with `tar` + `flate2`.
//!
//! Bumping: change [`SDIST_VERSION`] and [`SDIST_SHA256`] together (the digest PyPI publishes for
//! the `.tar.gz`, checked with `sha256sum` on the downloaded file).

#![allow(dead_code)]

use std::path::{Component, Path, PathBuf};
use std::process::Command;

use sha2::{Digest as _, Sha256};

/// The pinned cfn-lint version whose sdist holds the corpus.
pub const SDIST_VERSION: &str = "1.58.0";
/// The sdist's file name, as pip saves it.
pub const SDIST_FILE: &str = "cfn_lint-1.58.0.tar.gz";
/// The sdist's sha256 (lowercase hex), as PyPI publishes it.
pub const SDIST_SHA256: &str = "ba02cd7f7e06c8bc160936051a03ec931af52943fcc9cc72ad2748caa0f2a103";
/// The folder of the templates inside the sdist.
pub const TEMPLATES_IN_SDIST: &str = "cfn_lint-1.58.0/test/fixtures/templates";

/// The workspace's target directory (`CARGO_TARGET_DIR` when set).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("target"),
    }
}

/// The sha256 of a file, lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String, String> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Checks `path` against `expected`; the error names the file and both digests.
pub fn verify(path: &Path, expected: &str) -> Result<(), String> {
    let actual = sha256_file(path)?;
    if actual == expected {
        Ok(())
    } else {
        Err(format!(
            "{}: sha256 mismatch: expected {expected} (pinned in cfn-import/tests/common/corpus.rs), got {actual}",
            path.display()
        ))
    }
}

/// Where the corpus is, or why there is none.
pub enum Corpus {
    /// The extracted `templates` folder.
    Ready(PathBuf),
    /// The network is down and nothing is cached: the reason, to print.
    Unavailable(String),
}

/// The corpus, downloaded and extracted when not cached. `Unavailable` only when pip could not
/// reach PyPI and no verified copy is cached; any other failure (a digest mismatch, no pip, a
/// broken archive) is an error.
pub fn corpus() -> Result<Corpus, String> {
    let dir = target_dir().join("cfn-lint-corpus");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let sdist = dir.join(SDIST_FILE);
    if sdist.is_file() {
        if let Err(e) = verify(&sdist, SDIST_SHA256) {
            eprintln!("warning: the cached sdist does not match its pin; removing it and downloading it again.\n{e}");
            std::fs::remove_file(&sdist).map_err(|e| format!("{}: {e}", sdist.display()))?;
        }
    }
    if !sdist.is_file() {
        if let Some(reason) = download(&dir)? {
            return Ok(Corpus::Unavailable(reason));
        }
        if !sdist.is_file() {
            return Err(format!("pip reported success but {} is not there", sdist.display()));
        }
        verify(&sdist, SDIST_SHA256)?;
        eprintln!(
            "cfn-lint=={SDIST_VERSION}: downloaded {}, sha256 verified",
            sdist.display()
        );
    }
    let out = dir.join(format!("extracted-{SDIST_VERSION}"));
    let done = out.join(".complete");
    if !done.is_file() {
        if out.exists() {
            std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        }
        let n = extract(&sdist, &out)?;
        std::fs::write(&done, format!("{n}\n")).map_err(|e| format!("{}: {e}", done.display()))?;
        eprintln!("extracted {n} files to {}", out.display());
    }
    Ok(Corpus::Ready(out.join(TEMPLATES_IN_SDIST)))
}

/// Downloads the sdist into `dir` with pip; `Ok(Some(reason))` when PyPI cannot be reached.
fn download(dir: &Path) -> Result<Option<String>, String> {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let requirements = dir.join("requirements.txt");
    std::fs::write(
        &requirements,
        format!("cfn-lint=={SDIST_VERSION} --hash=sha256:{SDIST_SHA256}\n"),
    )
    .map_err(|e| format!("{}: {e}", requirements.display()))?;
    eprintln!("downloading the cfn-lint=={SDIST_VERSION} sdist with {python} -m pip …");
    let output = Command::new(&python)
        .args([
            "-m",
            "pip",
            "download",
            "--no-binary",
            ":all:",
            "--no-deps",
            "--require-hashes",
            "--quiet",
        ])
        .args(["--retries", "1", "--timeout", "20", "-r"])
        .arg(&requirements)
        .arg("-d")
        .arg(dir)
        .output()
        .map_err(|e| format!("cannot run `{python}` ({e}); install Python 3 with pip or set PYTHON"))?;
    if output.status.success() {
        return Ok(None);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let offline = [
        "NewConnectionError",
        "Network is unreachable",
        "Temporary failure in name resolution",
        "Name or service not known",
        "Max retries exceeded",
        "ConnectTimeout",
        "ConnectionError",
    ];
    if offline.iter().any(|s| stderr.contains(s)) {
        return Ok(Some(format!(
            "PyPI is unreachable and no cached sdist: {}",
            stderr.trim()
        )));
    }
    Err(format!(
        "`{python} -m pip download cfn-lint=={SDIST_VERSION}` failed ({}): {}",
        output.status,
        stderr.trim()
    ))
}

/// Extracts the entries under [`TEMPLATES_IN_SDIST`] into `out`; returns how many files.
fn extract(sdist: &Path, out: &Path) -> Result<usize, String> {
    let file = std::fs::File::open(sdist).map_err(|e| format!("{}: {e}", sdist.display()))?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut n = 0;
    for entry in archive.entries().map_err(|e| format!("{}: {e}", sdist.display()))? {
        let mut entry = entry.map_err(|e| format!("{}: {e}", sdist.display()))?;
        let path = entry
            .path()
            .map_err(|e| format!("{}: {e}", sdist.display()))?
            .into_owned();
        let safe = path.components().all(|c| matches!(c, Component::Normal(_)));
        if !safe || !path.starts_with(TEMPLATES_IN_SDIST) || !entry.header().entry_type().is_file() {
            continue;
        }
        let dest = out.join(&path);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        entry.unpack(&dest).map_err(|e| format!("{}: {e}", dest.display()))?;
        n += 1;
    }
    if n == 0 {
        return Err(format!("{}: no file under {TEMPLATES_IN_SDIST}", sdist.display()));
    }
    Ok(n)
}

/// Every template file under `dir` (`.json`, `.yaml`, `.yml`, `.template`), sorted.
pub fn templates(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| format!("{}: {e}", d.display()))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml" | "template")
            ) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}
