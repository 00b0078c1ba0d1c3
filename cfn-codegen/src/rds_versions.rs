//! RDS engine versions: cfn-lint's extension schemas (`extensions/aws_rds_dbinstance/` and
//! `extensions/aws_rds_dbcluster/`, files `engine_version.json` and `engine_version_deprecated.json`)
//! to `cfn-model/src/aws_data/rds_versions.rs`: the tables `validate` reads, and one typed version
//! enum per engine whose deprecated variants carry `#[deprecated]` naming the newest minor of the
//! same major.
//!
//! The schema set holds no per-region version data (the extension files are region-agnostic, and
//! the per-region provider schemas of `AWS::RDS::DBInstance`/`DBCluster` are one and the same
//! file), so nothing per region is generated.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::emit::HEADER;
use crate::naming;

/// Where the generated module goes, relative to the workspace root.
pub const OUT: &str = "cfn-model/src/aws_data/rds_versions.rs";

/// The resource types with version tables: (type name, extension folder, Rust table name).
const RESOURCES: &[(&str, &str, &str)] = &[
    ("AWS::RDS::DBInstance", "aws_rds_dbinstance", "DB_INSTANCE"),
    ("AWS::RDS::DBCluster", "aws_rds_dbcluster", "DB_CLUSTER"),
];

/// One resource type's data.
#[derive(Debug, Default)]
pub struct Table {
    /// The engines `Engine` may name (the first rule of `engine_version.json`).
    pub engines: Vec<String>,
    /// Every version the data lists per engine (offered or deprecated).
    pub versions: BTreeMap<String, BTreeSet<String>>,
    /// The deprecated ones.
    pub deprecated: BTreeMap<String, BTreeSet<String>>,
}

fn shape_error(file: &Path, at: &str, what: &str) -> String {
    format!(
        "{}: {at}: {what}; cfn-lint's RDS engine-version data changed shape, revisit cfn-codegen/src/rds_versions.rs \
         (or re-run `cargo run -p cfn-codegen -- fetch` if the file is damaged)",
        file.display()
    )
}

fn read(file: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        format!(
            "{}: {e}; the RDS engine-version data ships in the cfn-lint wheel: run `cargo run -p cfn-codegen -- fetch`",
            file.display()
        )
    })?;
    serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}: not valid JSON ({e}); re-run `cargo run -p cfn-codegen -- fetch` to get a clean copy",
            file.display()
        )
    })
}

fn rules<'a>(file: &Path, doc: &'a Value) -> Result<&'a Vec<Value>, String> {
    doc.get("allOf")
        .and_then(Value::as_array)
        .ok_or_else(|| shape_error(file, "/allOf", "expected an array of if/then rules"))
}

fn strings(file: &Path, at: &str, v: Option<&Value>) -> Result<Vec<String>, String> {
    let arr = v
        .and_then(Value::as_array)
        .ok_or_else(|| shape_error(file, at, "expected an array of strings"))?;
    arr.iter()
        .map(|s| {
            s.as_str()
                .map(str::to_string)
                .ok_or_else(|| shape_error(file, at, "expected an array of strings"))
        })
        .collect()
}

/// Reads one resource type's two files from `dir` (`…/extensions/aws_rds_dbinstance`).
pub fn load_table(dir: &Path) -> Result<Table, String> {
    let mut t = Table::default();
    let file = dir.join("engine_version.json");
    let doc = read(&file)?;
    for (i, rule) in rules(&file, &doc)?.iter().enumerate() {
        let at = format!("/allOf/{i}");
        let engine_if = rule.pointer("/if/properties/Engine");
        if let Some(name) = engine_if.and_then(|e| e.get("const")).and_then(Value::as_str) {
            let vs = strings(
                &file,
                &format!("{at}/then/properties/EngineVersion/enum"),
                rule.pointer("/then/properties/EngineVersion/enum"),
            )?;
            t.versions.entry(name.to_string()).or_default().extend(vs);
        } else if engine_if.and_then(|e| e.get("type")).and_then(Value::as_str) == Some("string") {
            t.engines = strings(
                &file,
                &format!("{at}/then/properties/Engine/enum"),
                rule.pointer("/then/properties/Engine/enum"),
            )?;
        } else {
            return Err(shape_error(
                &file,
                &at,
                "expected a rule on `Engine` (`const` engine or `type: string`)",
            ));
        }
    }
    if t.engines.is_empty() {
        return Err(shape_error(
            &file,
            "/allOf",
            "no rule lists the engines (`Engine.enum`)",
        ));
    }
    let file = dir.join("engine_version_deprecated.json");
    let doc = read(&file)?;
    for (i, rule) in rules(&file, &doc)?.iter().enumerate() {
        let at = format!("/allOf/{i}");
        let Some(name) = rule.pointer("/if/properties/Engine/const").and_then(Value::as_str) else {
            return Err(shape_error(&file, &at, "expected `if.properties.Engine.const`"));
        };
        if rule.get("then") != Some(&Value::Bool(false)) {
            return Err(shape_error(
                &file,
                &at,
                "expected `then: false` (the listed versions are refused)",
            ));
        }
        let vs = strings(
            &file,
            &format!("{at}/if/properties/EngineVersion/enum"),
            rule.pointer("/if/properties/EngineVersion/enum"),
        )?;
        t.deprecated
            .entry(name.to_string())
            .or_default()
            .extend(vs.iter().cloned());
        // A deprecated version is a known one even if the first file forgot it.
        t.versions.entry(name.to_string()).or_default().extend(vs);
    }
    for engine in t.versions.keys() {
        if !t.engines.contains(engine) {
            return Err(shape_error(
                &dir.join("engine_version.json"),
                "/allOf/0",
                &format!("versions are listed for `{engine}`, which the engine list lacks"),
            ));
        }
    }
    Ok(t)
}

/// Orders versions: dot/dash-separated tokens, numeric ones numerically, a prefix before its
/// extensions (`15.4` < `15.10` < `15.10-rds.20250101`).
pub fn cmp_versions(a: &str, b: &str) -> Ordering {
    let tokens = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (ta, tb) = (tokens(a), tokens(b));
    for (x, y) in ta.iter().zip(&tb) {
        let o = if x.bytes().all(|c| c.is_ascii_digit()) && y.bytes().all(|c| c.is_ascii_digit()) {
            let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
            x.len().cmp(&y.len()).then_with(|| x.cmp(y))
        } else {
            x.cmp(y)
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    ta.len().cmp(&tb.len()).then_with(|| a.cmp(b))
}

/// The major version a version belongs to: PostgreSQL from 10 on counts majors by the first
/// number (`15.4` → `15`), every other engine (and PostgreSQL 9) by the first two (`8.0.35` →
/// `8.0`, `9.6.22` → `9.6`, `15.00.4073.23.v1` → `15.00`). Mirrored by
/// `cfn_model::aws_data::rds_major_version`, which a test checks against the generated rows.
pub fn major(engine: &str, version: &str) -> String {
    let base = version.split('-').next().unwrap_or(version);
    let parts: Vec<&str> = base.split('.').collect();
    let first = parts.first().copied().unwrap_or("");
    let postgres = engine == "postgres" || engine == "aurora-postgresql";
    if parts.len() < 2 || (postgres && first.parse::<u32>().is_ok_and(|n| n >= 10)) {
        first.to_string()
    } else {
        format!("{first}.{}", parts[1])
    }
}

/// The Rust name of an engine's version enum: `postgres` → `PostgresVersion`.
fn enum_name(engine: &str) -> String {
    format!("{}Version", naming::camel(engine))
}

/// The constructor of `Engine` for an engine: `aurora-postgresql` → `aurora_postgresql`.
fn ctor_name(engine: &str) -> String {
    naming::ident(&naming::snake(engine))
}

struct Row {
    version: String,
    major: String,
    deprecated: bool,
}

/// Rows of one engine, oldest first, and per major the newest version not deprecated.
fn rows(
    engine: &str,
    versions: &BTreeSet<String>,
    deprecated: &BTreeSet<String>,
) -> (Vec<Row>, BTreeMap<String, Option<String>>) {
    let mut vs: Vec<&String> = versions.iter().collect();
    vs.sort_by(|a, b| cmp_versions(a, b));
    let rows: Vec<Row> = vs
        .into_iter()
        .map(|v| Row {
            version: v.clone(),
            major: major(engine, v),
            deprecated: deprecated.contains(v),
        })
        .collect();
    let mut newest: BTreeMap<String, Option<String>> = BTreeMap::new();
    for r in &rows {
        let slot = newest.entry(r.major.clone()).or_default();
        if !r.deprecated {
            *slot = Some(r.version.clone());
        }
    }
    (rows, newest)
}

/// The typed enum of one engine: the versions every resource type that offers the engine lists
/// (so a variant is accepted by `AWS::RDS::DBInstance` and `AWS::RDS::DBCluster` alike).
struct TypedEngine {
    engine: String,
    on_instance: bool,
    on_cluster: bool,
    versions: BTreeSet<String>,
    deprecated: BTreeSet<String>,
}

fn typed_engines(instance: &Table, cluster: &Table) -> Vec<TypedEngine> {
    let mut names: BTreeSet<&String> = instance.versions.keys().collect();
    names.extend(cluster.versions.keys());
    names
        .into_iter()
        .map(|e| {
            let (i, c) = (instance.versions.get(e), cluster.versions.get(e));
            let versions = match (i, c) {
                (Some(i), Some(c)) => i.intersection(c).cloned().collect(),
                (Some(x), None) | (None, Some(x)) => x.clone(),
                (None, None) => BTreeSet::new(),
            };
            let mut deprecated: BTreeSet<String> = instance.deprecated.get(e).cloned().unwrap_or_default();
            deprecated.extend(cluster.deprecated.get(e).cloned().unwrap_or_default());
            TypedEngine {
                engine: e.clone(),
                on_instance: instance.engines.contains(e),
                on_cluster: cluster.engines.contains(e),
                versions,
                deprecated,
            }
        })
        .collect()
}

/// Counts for the generator's summary.
#[derive(Debug, Default)]
pub struct Summary {
    pub enums: usize,
    pub variants: usize,
    pub deprecated_variants: usize,
    pub rows: usize,
}

/// Reads the data under `schemas/extensions` and returns the generated module and its counts.
pub fn generate(schemas: &Path) -> Result<(String, Summary), String> {
    let ext = schemas.join("extensions");
    let mut tables = Vec::new();
    for (type_name, folder, rust) in RESOURCES {
        tables.push((*type_name, *rust, load_table(&ext.join(folder))?));
    }
    let (instance, cluster) = (&tables[0].2, &tables[1].2);
    let typed = typed_engines(instance, cluster);
    let mut sum = Summary::default();
    let mut out = String::new();
    writeln!(out, "{HEADER}").unwrap();
    out.push_str(
        "//! RDS engine versions from cfn-lint 1.58.0's extension schemas
//! (`extensions/aws_rds_dbinstance/` and `aws_rds_dbcluster/`, files `engine_version.json` and
//! `engine_version_deprecated.json`): the tables `validate` checks `EngineVersion` against, and
//! one enum per engine for [`Engine`] / [`ClusterEngine`].
//!
//! A variant is a version that every resource type offering the engine lists, so it is accepted
//! by `AWS::RDS::DBInstance` and `AWS::RDS::DBCluster` alike. Deprecated versions stay as
//! `#[deprecated]` variants whose note names the newest minor of the same major.
//!
//! The schema set has no per-region version data: these files are region-agnostic, and the
//! per-region provider schemas of the two resource types are one and the same file. Nothing here
//! can tell whether a version is offered in a given region.
//!
//! Regenerate with `cargo run -p cfn-codegen -- generate`; never edit this file by hand.

use super::{ClusterEngine, Engine, EngineVersions, Major};

",
    );
    for (type_name, rust, t) in &tables {
        let ctor_type = if *rust == "DB_INSTANCE" {
            "Engine"
        } else {
            "ClusterEngine"
        };
        writeln!(out, "/// The engines `{type_name}` accepts (`Engine`), lowercase.").unwrap();
        writeln!(out, "pub const {rust}_ENGINES: &[&str] = &[").unwrap();
        for e in &t.engines {
            writeln!(out, "{e:?},").unwrap();
        }
        out.push_str("];\n\n");
        writeln!(
            out,
            "/// The version table of `{type_name}` per engine (engines without one accept any version)."
        )
        .unwrap();
        writeln!(out, "pub const {rust}: &[EngineVersions] = &[").unwrap();
        for (engine, versions) in &t.versions {
            let empty = BTreeSet::new();
            let (rs, newest) = rows(engine, versions, t.deprecated.get(engine).unwrap_or(&empty));
            sum.rows += rs.len();
            writeln!(out, "EngineVersions {{ engine: {engine:?}, versions: &[").unwrap();
            for r in &rs {
                writeln!(out, "({:?}, {:?}, {}),", r.version, r.major, r.deprecated).unwrap();
            }
            out.push_str("], majors: &[\n");
            let mut majors: Vec<(&String, &Option<String>)> = newest.iter().collect();
            majors.sort_by(|a, b| cmp_versions(a.0, b.0));
            let te = typed.iter().find(|te| te.engine == *engine);
            for (m, n) in majors {
                // The safe-API spelling of the newest version, when the engine's enum has it.
                let safe_api = match (n, te) {
                    (Some(n), Some(te)) if te.versions.contains(n) => Some(format!(
                        "{ctor_type}::{}({}::{})",
                        ctor_name(engine),
                        enum_name(engine),
                        naming::variant(n)
                    )),
                    _ => None,
                };
                writeln!(out, "Major {{ major: {m:?}, newest: {n:?}, safe_api: {safe_api:?} }},").unwrap();
            }
            out.push_str("] },\n");
        }
        out.push_str("];\n\n");
    }
    let mut instance_ctors = String::new();
    let mut cluster_ctors = String::new();
    for te in &typed {
        let name = enum_name(&te.engine);
        let (rs, newest) = rows(&te.engine, &te.versions, &te.deprecated);
        let overall = rs.iter().rev().find(|r| !r.deprecated).map(|r| r.version.clone());
        let mut vars: BTreeMap<String, String> = BTreeMap::new();
        let mut var_of = |v: &str| -> Result<String, String> {
            let var = naming::variant(v);
            if let Some(prev) = vars.insert(var.clone(), v.to_string()) {
                if prev != v {
                    return Err(format!(
                        "RDS engine versions: `{}` {prev:?} and {v:?} both name the variant `{var}`; \
                         extend the naming in cfn-codegen/src/rds_versions.rs",
                        te.engine
                    ));
                }
            }
            Ok(var)
        };
        let mut body = String::new();
        for r in &rs {
            let var = var_of(&r.version)?;
            sum.variants += 1;
            if r.deprecated {
                sum.deprecated_variants += 1;
                let fix = match newest.get(&r.major).cloned().flatten() {
                    Some(n) => format!(
                        "{} {} is deprecated; use {name}::{} ({n}), the newest {}.x",
                        te.engine,
                        r.version,
                        naming::variant(&n),
                        r.major
                    ),
                    None => match &overall {
                        Some(n) => format!(
                            "{} {} is deprecated, and so is every {}.x; move to a newer major, e.g. {name}::{} ({n})",
                            te.engine,
                            r.version,
                            r.major,
                            naming::variant(n)
                        ),
                        None => format!("{} {} is deprecated", te.engine, r.version),
                    },
                };
                writeln!(body, "/// `{}` (deprecated)", r.version).unwrap();
                writeln!(body, "#[deprecated(note = {fix:?})]").unwrap();
            } else {
                writeln!(body, "/// `{}`", r.version).unwrap();
            }
            writeln!(body, "{var},").unwrap();
        }
        sum.enums += 1;
        let offered = match (te.on_instance, te.on_cluster) {
            (true, true) => "[`Engine`] and [`ClusterEngine`]",
            (true, false) => "[`Engine`]",
            _ => "[`ClusterEngine`]",
        };
        writeln!(
            out,
            "/// The versions of `{}` ({} versions, {} of them deprecated), for {offered}.",
            te.engine,
            rs.len(),
            rs.iter().filter(|r| r.deprecated).count()
        )
        .unwrap();
        out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\n");
        writeln!(out, "pub enum {name} {{\n{body}}}\n").unwrap();
        writeln!(out, "#[allow(deprecated)]\nimpl {name} {{").unwrap();
        out.push_str("/// The `EngineVersion` value.\npub const fn as_str(&self) -> &'static str { match self {\n");
        for r in &rs {
            writeln!(out, "Self::{} => {:?},", naming::variant(&r.version), r.version).unwrap();
        }
        out.push_str("} }\n\n/// True for a version RDS no longer creates databases with.\n");
        out.push_str("pub const fn is_deprecated(&self) -> bool { ");
        let dep: Vec<String> = rs
            .iter()
            .filter(|r| r.deprecated)
            .map(|r| format!("Self::{}", naming::variant(&r.version)))
            .collect();
        if dep.is_empty() {
            out.push_str("false }\n}\n\n");
        } else {
            writeln!(out, "matches!(self, {}) }}\n}}\n", dep.join(" | ")).unwrap();
        }
        let ctor = ctor_name(&te.engine);
        let doc = format!(
            "/// `Engine: {}` with `EngineVersion` from [`{name}`].\npub const fn {ctor}(version: {name}) -> Self {{ Self {{ engine: {:?}, version: version.as_str() }} }}\n",
            te.engine, te.engine
        );
        if te.on_instance {
            instance_ctors.push_str(&doc);
        }
        if te.on_cluster {
            cluster_ctors.push_str(&doc);
        }
    }
    writeln!(out, "impl Engine {{\n{instance_ctors}}}\n").unwrap();
    writeln!(out, "impl ClusterEngine {{\n{cluster_ctors}}}").unwrap();
    Ok((out, sum))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("cfn-codegen-rds-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    fn write(dir: &Path, folder: &str, versions: &str, deprecated: &str) {
        let d = dir.join("extensions").join(folder);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("engine_version.json"), versions).unwrap();
        std::fs::write(d.join("engine_version_deprecated.json"), deprecated).unwrap();
    }

    const VERSIONS: &str = r#"{"allOf": [
        {"if": {"properties": {"Engine": {"type": "string"}}}, "then": {"properties": {"Engine": {"enum": ["postgres", "oracle-ee"]}}}},
        {"if": {"properties": {"Engine": {"const": "postgres"}}}, "then": {"properties": {"EngineVersion": {"enum": ["15.4", "15.10", "15.9", "10.4"]}}}}
    ]}"#;
    const DEPRECATED: &str = r#"{"allOf": [
        {"if": {"properties": {"Engine": {"const": "postgres"}, "EngineVersion": {"enum": ["15.4", "10.4"]}}}, "then": false}
    ]}"#;

    #[test]
    fn ordering_and_majors() {
        let mut v = vec![
            "15.10",
            "15.4",
            "15.10-rds.20250101",
            "9.6.22",
            "15",
            "11.22-rds.20240418",
        ];
        v.sort_by(|a, b| cmp_versions(a, b));
        assert_eq!(
            v,
            [
                "9.6.22",
                "11.22-rds.20240418",
                "15",
                "15.4",
                "15.10",
                "15.10-rds.20250101"
            ]
        );
        assert_eq!(major("postgres", "15.4"), "15");
        assert_eq!(major("postgres", "9.6.22"), "9.6");
        assert_eq!(major("postgres", "11.22-rds.20240418"), "11");
        assert_eq!(major("mysql", "8.0.35"), "8.0");
        assert_eq!(major("aurora-mysql", "8.0.mysql_aurora.3.04.0"), "8.0");
        assert_eq!(major("sqlserver-ee", "15.00.4073.23.v1"), "15.00");
        assert_eq!(naming::variant("11.22-rds.20240418"), "V11_22Rds20240418");
    }

    #[test]
    fn generates_deprecated_variants_naming_the_newest_minor() {
        let dir = tmp("ok");
        write(&dir, "aws_rds_dbinstance", VERSIONS, DEPRECATED);
        write(&dir, "aws_rds_dbcluster", VERSIONS, DEPRECATED);
        let (src, n) = generate(&dir).unwrap();
        assert_eq!((n.enums, n.variants, n.deprecated_variants), (1, 4, 2));
        assert!(src.contains(
            r#"#[deprecated(note = "postgres 15.4 is deprecated; use PostgresVersion::V15_10 (15.10), the newest 15.x")]"#
        ));
        assert!(src.contains("every 10.x; move to a newer major, e.g. PostgresVersion::V15_10 (15.10)"));
        assert!(src.contains(r#"safe_api: Some("Engine::postgres(PostgresVersion::V15_10)")"#));
        assert!(src.contains(r#"safe_api: Some("ClusterEngine::postgres(PostgresVersion::V15_10)")"#));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_or_broken_data_is_an_error_naming_the_file() {
        let dir = tmp("bad");
        let e = generate(&dir).unwrap_err();
        assert!(
            e.contains("aws_rds_dbinstance/engine_version.json") && e.contains("cfn-codegen -- fetch"),
            "{e}"
        );
        write(&dir, "aws_rds_dbinstance", "{ not json", DEPRECATED);
        let e = generate(&dir).unwrap_err();
        assert!(e.contains("engine_version.json: not valid JSON"), "{e}");
        write(&dir, "aws_rds_dbinstance", r#"{"allOf": [{"if": {}}]}"#, DEPRECATED);
        let e = generate(&dir).unwrap_err();
        assert!(e.contains("/allOf/0") && e.contains("changed shape"), "{e}");
        write(
            &dir,
            "aws_rds_dbinstance",
            VERSIONS,
            r#"{"allOf": [{"if": {"properties": {"Engine": {"const": "postgres"}, "EngineVersion": {"enum": [1]}}}, "then": false}]}"#,
        );
        let e = generate(&dir).unwrap_err();
        assert!(
            e.contains("engine_version_deprecated.json") && e.contains("array of strings"),
            "{e}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
