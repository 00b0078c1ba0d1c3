//! Every ordering AWS's documentation demands, read from the CDK service database's
//! `documentation` fields (`db.json.gz`).
//!
//! CloudFormation infers an ordering only from `Ref`, `Fn::GetAtt` and `DependsOn`; where a resource
//! needs another one it does not reference (an instance with a public IP and the VPC's gateway
//! attachment, a Lambda function on EFS and the mount targets, …) AWS's documentation says so in a
//! sentence such as "you must declare a dependency on the VPC-gateway attachment". [`scan`] finds
//! those sentences ([`PHRASES`]); the hand-curated table [`TABLE`] gives each one a row (what the
//! sentence governs, what it must wait for, how the library enforces it) or dismisses it with a
//! reason. [`reconcile`] fails when a sentence of the data has no row, or a row's sentence is no
//! longer in the data, so a newer database cannot add an ordering unnoticed; [`render`] writes
//! the run-time form, [`OUT`], which `validate` reads.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

/// The curated table, relative to the workspace root.
pub const TABLE: &str = "cfn-codegen/data/orderings.json";

/// The generated run-time table, relative to the workspace root.
pub const OUT: &str = "cfn-model/src/aws_data/orderings.rs";

/// The phrases (case-sensitive) that make a documentation sentence an ordering candidate.
pub const PHRASES: &[&str] = &[
    "DependsOn",
    "declare a dependency",
    "declare dependencies",
    "specify a dependency",
    "add a dependency",
    "created sequentially",
    "sources sequentially",
    "should be sequential",
    "deployed one at a time",
    "must exist before",
    "must already exist before",
    "must be created before",
];

/// One documentation sentence: the resource type, the property it documents (`""` for the
/// resource itself, `Definition.Property` for a property type's), and the sentence.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Sentence {
    /// `AWS::EC2::Route`.
    pub type_name: String,
    /// `""`, `FileSystemConfigs`, or `CloudWatchAlarmDefinition.EvaluationPeriods`.
    pub property: String,
    /// The sentence, trimmed.
    pub text: String,
}

impl std::fmt::Display for Sentence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.property.is_empty() {
            write!(f, "{}: {:?}", self.type_name, self.text)
        } else {
            write!(f, "{} {}: {:?}", self.type_name, self.property, self.text)
        }
    }
}

/// Splits a documentation text into sentences: at line breaks, and after `.`, `!` or `?`
/// followed by white space and an upper-case letter, a backquote or `[`.
pub fn sentences(doc: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in doc.split('\n') {
        let bytes = line.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            if matches!(bytes[i], b'.' | b'!' | b'?') {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j > i + 1 && j < bytes.len() && (bytes[j].is_ascii_uppercase() || matches!(bytes[j], b'`' | b'[')) {
                    out.push(line[start..=i].trim());
                    start = j;
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        out.push(line[start..].trim());
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Every ordering candidate of the database (`{"schema": {"resource": …, "typeDefinition": …,
/// "usesType": …}}`), sorted and without duplicates.
pub fn scan(db: &Value) -> Result<Vec<Sentence>, String> {
    let schema = db
        .get("schema")
        .ok_or("no `schema` object: not the aws-service-spec database (a new format? check the pinned version)")?;
    let list = |k: &str| -> Result<&Vec<Value>, String> {
        schema
            .pointer(&format!("/{k}/entities"))
            .and_then(Value::as_array)
            .ok_or_else(|| format!("no `schema.{k}.entities` list"))
    };
    let type_defs: std::collections::BTreeMap<&str, &Value> = list("typeDefinition")?
        .iter()
        .filter_map(|t| Some((t.get("$id")?.as_str()?, t)))
        .collect();
    let uses = schema
        .pointer("/usesType/forward")
        .and_then(Value::as_object)
        .ok_or("no `schema.usesType.forward` relation")?;
    let doc = |v: &Value| v.get("documentation").and_then(Value::as_str).unwrap_or("").to_string();
    let mut found = BTreeSet::new();
    let mut add = |tn: &str, prop: String, text: String| {
        for s in sentences(&text) {
            if PHRASES.iter().any(|p| s.contains(p)) {
                found.insert(Sentence {
                    type_name: tn.to_string(),
                    property: prop.clone(),
                    text: s.to_string(),
                });
            }
        }
    };
    for r in list("resource")? {
        let Some(tn) = r.get("cloudFormationType").and_then(Value::as_str) else {
            continue;
        };
        add(tn, String::new(), doc(r));
        for (pn, p) in r.get("properties").and_then(Value::as_object).into_iter().flatten() {
            add(tn, pn.clone(), doc(p));
        }
        let id = r.get("$id").and_then(Value::as_str).unwrap_or("");
        for u in uses.get(id).and_then(Value::as_array).into_iter().flatten() {
            let Some(td) = u.get("$id").and_then(Value::as_str).and_then(|i| type_defs.get(i)) else {
                continue;
            };
            let name = td.get("name").and_then(Value::as_str).unwrap_or("");
            for (pn, p) in td.get("properties").and_then(Value::as_object).into_iter().flatten() {
                add(tn, format!("{name}.{pn}"), doc(p));
            }
        }
    }
    Ok(found.into_iter().collect())
}

/// How `validate` finds a missing ordering of a row (the `check` object of the table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// The governed resource's `path` and a waited-for resource's `other_path` hold the same
    /// `Ref` or the same literal: the governed resource must wait for it.
    SharedKey { path: String, other_path: String },
    /// Every governed resource waits for every resource of a waited-for type (of those whose
    /// `other_when`, `Prop=value`, holds; empty: all).
    AllOfType { other_when: String },
    /// The governed resources (grouped by the value at `group_by`, of those holding one of the
    /// `when` properties) form one chain.
    Sequence { group_by: String, when: Vec<String> },
    /// A hand-written check of `cfn-emit`'s ordering module, by name.
    Custom(String),
}

/// One row of the table.
#[derive(Clone, Debug)]
pub struct Row {
    /// The row's id (`instance-public-ip`).
    pub id: String,
    /// The diagnostic code of its findings (`gateway-attachment-order`).
    pub code: String,
    /// The resource types it governs (`AWS::Macie::*` for a whole service, `*` for any).
    pub governs: Vec<String>,
    /// The property of the governed resource that brings the ordering in (`""`: the resource).
    pub property: String,
    /// The resource types the governed resource must wait for.
    pub waits_for: Vec<String>,
    /// How `validate` finds the ordering missing.
    pub check: Check,
    /// `compile:<evidence type>`, `validate` or `sequence`.
    pub mechanism: String,
    /// The construct that carries the ordering, for the finding's help.
    pub construct: String,
    /// What fails without the ordering.
    pub why: String,
    /// The documentation sentences the row stands for.
    pub sentences: Vec<Sentence>,
}

/// The curated table: the rows, and the sentences the scan finds that are not orderings.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// The orderings.
    pub rows: Vec<Row>,
    /// `(sentence, reason)` for each candidate that is not an ordering.
    pub dismissed: Vec<(Sentence, String)>,
}

impl Table {
    /// Rows enforced at compile time (`compile:…`).
    pub fn compile_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.mechanism.starts_with("compile:")).count()
    }
}

/// Reads the table's JSON; `file` names it in errors.
pub fn parse_table(text: &str, file: &str) -> Result<Table, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("{file}: not valid JSON ({e})"))?;
    let err = |what: String| format!("{file}: {what}");
    let s = |o: &Value, k: &str, at: &str| -> Result<String, String> {
        o.get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| err(format!("{at}: `{k}` must be a string")))
    };
    let strs = |o: &Value, k: &str, at: &str| -> Result<Vec<String>, String> {
        o.get(k)
            .and_then(Value::as_array)
            .ok_or_else(|| err(format!("{at}: `{k}` must be a list of strings")))?
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| err(format!("{at}: `{k}` must be a list of strings")))
            })
            .collect()
    };
    let sentence = |o: &Value, at: &str| -> Result<Sentence, String> {
        Ok(Sentence {
            type_name: s(o, "type", at)?,
            property: s(o, "property", at)?,
            text: s(o, "text", at)?,
        })
    };
    let mut table = Table::default();
    let rows = v
        .get("orderings")
        .and_then(Value::as_array)
        .ok_or_else(|| err("no `orderings` list".into()))?;
    let mut ids = BTreeSet::new();
    for (i, r) in rows.iter().enumerate() {
        let at = format!("orderings[{i}]");
        let id = s(r, "id", &at)?;
        let at = format!("ordering `{id}`");
        if !ids.insert(id.clone()) {
            return Err(err(format!("{at} appears twice; give each row its own id")));
        }
        let c = r.get("check").ok_or_else(|| err(format!("{at}: no `check` object")))?;
        let check = match s(c, "kind", &at)?.as_str() {
            "shared-key" => Check::SharedKey {
                path: s(c, "path", &at)?,
                other_path: s(c, "other_path", &at)?,
            },
            "all-of-type" => Check::AllOfType {
                other_when: s(c, "other_when", &at)?,
            },
            "sequence" => Check::Sequence {
                group_by: s(c, "group_by", &at)?,
                when: s(c, "when", &at)?
                    .split('|')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect(),
            },
            "custom" => Check::Custom(s(c, "name", &at)?),
            other => {
                return Err(err(format!(
                    "{at}: unknown check kind `{other}`; write shared-key, all-of-type, sequence or custom"
                )))
            }
        };
        let mechanism = s(r, "mechanism", &at)?;
        if !(mechanism == "validate" || mechanism == "sequence" || mechanism.starts_with("compile:")) {
            return Err(err(format!(
                "{at}: mechanism `{mechanism}` is none of `compile:<evidence type>`, `validate`, `sequence`"
            )));
        }
        let sentences = r
            .get("sentences")
            .and_then(Value::as_array)
            .ok_or_else(|| err(format!("{at}: no `sentences` list")))?
            .iter()
            .map(|x| sentence(x, &at))
            .collect::<Result<Vec<_>, _>>()?;
        table.rows.push(Row {
            code: s(r, "code", &at)?,
            governs: strs(r, "governs", &at)?,
            property: s(r, "property", &at)?,
            waits_for: strs(r, "waits_for", &at)?,
            check,
            mechanism,
            construct: s(r, "construct", &at)?,
            why: s(r, "why", &at)?,
            sentences,
            id,
        });
    }
    for (i, d) in v
        .get("not_orderings")
        .and_then(Value::as_array)
        .ok_or_else(|| err("no `not_orderings` list".into()))?
        .iter()
        .enumerate()
    {
        let at = format!("not_orderings[{i}]");
        table.dismissed.push((sentence(d, &at)?, s(d, "reason", &at)?));
    }
    Ok(table)
}

/// Checks that every sentence of `found` has a row (or is dismissed) and that every sentence of
/// the table is still in `found`; the error lists both kinds and says what to do.
pub fn reconcile(found: &[Sentence], table: &Table) -> Result<(), String> {
    let found: BTreeSet<&Sentence> = found.iter().collect();
    let known: BTreeSet<&Sentence> = table
        .rows
        .iter()
        .flat_map(|r| r.sentences.iter())
        .chain(table.dismissed.iter().map(|(s, _)| s))
        .collect();
    let new: Vec<String> = found.difference(&known).map(|s| format!("  {s}")).collect();
    let gone: Vec<String> = known.difference(&found).map(|s| format!("  {s}")).collect();
    let mut msg = String::new();
    if !new.is_empty() {
        msg.push_str(&format!(
            "{} ordering sentence(s) of the service database have no row in {TABLE}: add each to the `sentences` of \
             the row it belongs to (or a new row, with its check, mechanism and construct), or to `not_orderings` \
             with the reason:\n{}\n",
            new.len(),
            new.join("\n")
        ));
    }
    if !gone.is_empty() {
        msg.push_str(&format!(
            "{} sentence(s) of {TABLE} are no longer in the service database: update them to the new wording (or \
             drop the row if AWS no longer demands the ordering):\n{}\n",
            gone.len(),
            gone.join("\n")
        ));
    }
    if msg.is_empty() {
        Ok(())
    } else {
        Err(msg)
    }
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn lits(v: &[String]) -> String {
    format!("&[{}]", v.iter().map(|s| lit(s)).collect::<Vec<_>>().join(", "))
}

/// The run-time form of the table: `cfn-model/src/aws_data/orderings.rs`.
pub fn render(table: &Table) -> String {
    let mut o = String::new();
    o.push_str(
        "// @generated by cfn-codegen from cfn-codegen/data/orderings.json and the CDK service database; do not edit\n",
    );
    o.push_str(&format!(
        "//! Every ordering AWS's documentation demands ({} rows, {} enforced at compile time), from the\n\
         //! documentation sentences of the CDK service database (`@aws-cdk/aws-service-spec`) and the\n\
         //! curated table `cfn-codegen/data/orderings.json`: what each governs, what it must wait for,\n\
         //! and how the library enforces it. `validate` runs every row's [`Check`] on every template.\n\
         //!\n\
         //! Regenerate with `cargo run -p cfn-codegen -- generate`; never edit this file by hand.\n\n",
        table.rows.len(),
        table.compile_rows()
    ));
    o.push_str(
        r#"/// How `validate` finds a missing ordering of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// The governed resource's `path` and a waited-for resource's `other_path` hold the same
    /// `Ref` or the same literal: the governed resource must wait for that resource.
    SharedKey {
        /// The governed resource's property.
        path: &'static str,
        /// The waited-for resource's property.
        other_path: &'static str,
    },
    /// Every governed resource waits for every resource of a waited-for type (of those where
    /// `other_when`, `Prop=value`, holds; empty: all of them).
    AllOfType {
        /// `Prop=value`, or empty.
        other_when: &'static str,
    },
    /// The governed resources (grouped by the value at `group_by`; of those holding one of the
    /// `when` properties, or all when empty) must form one chain of `DependsOn`.
    Sequence {
        /// The property grouping the chains (empty: one chain).
        group_by: &'static str,
        /// The properties that put a resource in a chain (empty: every resource of the type).
        when: &'static [&'static str],
    },
    /// A hand-written check of `cfn-emit`'s ordering module, by name.
    Custom(&'static str),
}

/// How the library enforces a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mechanism {
    /// A value only a safe construct yields (the evidence type named) carries the ordering;
    /// `validate` checks templates that bypass it.
    Compile(&'static str),
    /// `validate` finds the missing `DependsOn` and names the construct that carries it.
    Validate,
    /// `Stack::sequence` chains the resources; `validate` finds them not chained.
    Sequence,
}

/// A documentation sentence a row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The resource type whose documentation holds it.
    pub type_name: &'static str,
    /// The property documented (`""` for the resource, `Definition.Property` for a property type's).
    pub property: &'static str,
    /// The sentence.
    pub text: &'static str,
}

/// One ordering AWS documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ordering {
    /// The row's id.
    pub id: &'static str,
    /// The diagnostic code of `validate`'s findings.
    pub code: &'static str,
    /// The resource types it governs (`AWS::Macie::*`: every type of the service; `*`: any).
    pub governs: &'static [&'static str],
    /// The governed resource's property that brings the ordering in (`""`: the resource).
    pub property: &'static str,
    /// What the governed resource must wait for (`*`: the resource it names).
    pub waits_for: &'static [&'static str],
    /// How `validate` finds it missing.
    pub check: Check,
    /// How the library enforces it.
    pub mechanism: Mechanism,
    /// The construct that carries the ordering (named in the finding's help).
    pub construct: &'static str,
    /// What fails without it.
    pub why: &'static str,
    /// The documentation sentences.
    pub sentences: &'static [Sentence],
}

impl Ordering {
    /// Whether the row governs resources of `type_name`.
    pub fn governs(&self, type_name: &str) -> bool {
        self.governs.iter().any(|g| {
            *g == "*" || *g == type_name || g.strip_suffix('*').is_some_and(|p| type_name.starts_with(p))
        })
    }
}

"#,
    );
    o.push_str("/// Every ordering AWS documents, in the order of the curated table.\npub static ORDERINGS: &[Ordering] = &[\n");
    for r in &table.rows {
        let check = match &r.check {
            Check::SharedKey { path, other_path } => {
                format!(
                    "Check::SharedKey {{ path: {}, other_path: {} }}",
                    lit(path),
                    lit(other_path)
                )
            }
            Check::AllOfType { other_when } => format!("Check::AllOfType {{ other_when: {} }}", lit(other_when)),
            Check::Sequence { group_by, when } => {
                format!(
                    "Check::Sequence {{ group_by: {}, when: {} }}",
                    lit(group_by),
                    lits(when)
                )
            }
            Check::Custom(n) => format!("Check::Custom({})", lit(n)),
        };
        let mechanism = match r.mechanism.strip_prefix("compile:") {
            Some(e) => format!("Mechanism::Compile({})", lit(e)),
            None if r.mechanism == "sequence" => "Mechanism::Sequence".into(),
            None => "Mechanism::Validate".into(),
        };
        let sentences: Vec<String> = r
            .sentences
            .iter()
            .map(|s| {
                format!(
                    "Sentence {{ type_name: {}, property: {}, text: {} }}",
                    lit(&s.type_name),
                    lit(&s.property),
                    lit(&s.text)
                )
            })
            .collect();
        o.push_str(&format!(
            "    Ordering {{ id: {}, code: {}, governs: {}, property: {}, waits_for: {}, check: {check}, mechanism: \
             {mechanism}, construct: {}, why: {}, sentences: &[{}] }},\n",
            lit(&r.id),
            lit(&r.code),
            lits(&r.governs),
            lit(&r.property),
            lits(&r.waits_for),
            lit(&r.construct),
            lit(&r.why),
            sentences.join(", ")
        ));
    }
    o.push_str("];\n");
    o
}

/// The first line of the generated README block.
pub const README_BEGIN: &str = "<!-- BEGIN GENERATED: documented orderings (cargo run -p cfn-codegen -- generate) -->";
/// The last line of the generated README block.
pub const README_END: &str = "<!-- END GENERATED: documented orderings -->";

/// The README's table of the rows (between [`README_BEGIN`] and [`README_END`]).
pub fn readme_block(table: &Table) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut o = format!(
        "{README_BEGIN}\n{} documented orderings, {} of them refused at compile time; the rest are `validate` \
         findings naming the `DependsOn` to add and the construct that carries it (errors; chains not chained are \
         warnings).\n\n| ordering | governs | waits for | enforced by | AWS's documentation |\n| --- | --- | --- | --- | --- |\n",
        table.rows.len(),
        table.compile_rows()
    );
    for r in &table.rows {
        let governs = if r.property.is_empty() {
            r.governs.join(", ")
        } else {
            format!("{} `{}`", r.governs.join(", "), r.property)
        };
        let how = match r.mechanism.strip_prefix("compile:") {
            Some(e) => format!(
                "does not compile without `{e}`: {}; `validate` `{}`",
                r.construct, r.code
            ),
            None if r.mechanism == "sequence" => format!("{}; `validate` warning `{}`", r.construct, r.code),
            None => format!("`validate` error `{}`: {}", r.code, r.construct),
        };
        let first = r.sentences.iter().max_by_key(|s| {
            // The sentence that says the most: one naming a dependency, the longest otherwise.
            (
                s.text.contains("dependenc") || s.text.contains("sequential"),
                s.text.len(),
            )
        });
        o.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.id,
            cell(&governs),
            cell(&r.waits_for.join(", ")),
            cell(&how),
            cell(
                first
                    .map(|s| s.text.trim_start_matches("> ").trim_start_matches("- "))
                    .unwrap_or("")
            )
        ));
    }
    o.push_str(README_END);
    o.push('\n');
    o
}

/// Replaces the README's generated block with `block`.
pub fn splice_readme(readme: &str, block: &str) -> Result<String, String> {
    let missing = || {
        format!("README.md: no `{README_BEGIN}` … `{README_END}` block; add the two marker lines where the table goes")
    };
    let start = readme.find(README_BEGIN).ok_or_else(missing)?;
    let end_rel = readme[start..].find(README_END).ok_or_else(missing)?;
    let mut end = start + end_rel + README_END.len();
    if readme[end..].starts_with('\n') {
        end += 1;
    }
    Ok(format!("{}{block}{}", &readme[..start], &readme[end..]))
}

/// Every `compile:<evidence>` row names an evidence marker of [`formats::EVIDENCE`] that a
/// [`formats::Patch::Evidence`] puts on a property (of a type the row governs, or of the type
/// that uses the governed resource: the EIP row's marker is the NAT gateway's `AllocationId`):
/// the row's claim and a generated setter's type are the same fact.
pub fn compile_rows_are_patched(table: &Table) -> Result<(), String> {
    use crate::formats::{evidence, Patch, PATCHES};
    for r in &table.rows {
        let Some(marker) = r.mechanism.strip_prefix("compile:") else {
            continue;
        };
        if evidence(marker).is_none() {
            return Err(format!(
                "{TABLE}: ordering `{}` is `compile:{marker}`, but `{marker}` is not an evidence marker of \
                 cfn-codegen/src/formats.rs (EVIDENCE)",
                r.id
            ));
        }
        let patched = PATCHES
            .iter()
            .any(|p| matches!(p, Patch::Evidence { marker: m, .. } if *m == marker));
        if !patched {
            return Err(format!(
                "{TABLE}: ordering `{}` is `compile:{marker}`, but no Patch::Evidence in cfn-codegen/src/formats.rs \
                 puts `{marker}` on a property; add the patch or mark the row `validate`",
                r.id
            ));
        }
    }
    Ok(())
}

/// Reads the table and the database under `root`, reconciles them and renders [`OUT`]; returns
/// the source, the README block, the number of rows and of compile-time rows.
pub fn generate(root: &Path) -> Result<(String, String, usize, usize), String> {
    let path = root.join(TABLE);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let table = parse_table(&text, TABLE)?;
    let db = crate::relations::load_db(&crate::pipeline::service_spec_path(root))?;
    reconcile(&scan(&db)?, &table)?;
    compile_rows_are_patched(&table)?;
    Ok((
        render(&table),
        readme_block(&table),
        table.rows.len(),
        table.compile_rows(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    #[test]
    fn sentences_split_like_the_table() {
        assert_eq!(
            sentences("One. Two `x`? [Three] e.g. four.\n> Five"),
            ["One.", "Two `x`?", "[Three] e.g. four.", "> Five"]
        );
    }

    /// Every ordering sentence of the pinned database has a row, and every row's sentences are in
    /// the database: a newer database with a new ordering sentence fails here until it is curated.
    #[test]
    fn every_ordering_sentence_of_the_database_has_a_row() {
        let (src, readme, rows, _) = generate(&root()).unwrap_or_else(|e| panic!("{e}"));
        assert!(readme.contains("| `lambda-efs-mount` |"), "{readme}");
        assert!(rows >= 25, "{rows} rows");
        assert!(src.contains("pub static ORDERINGS"));
    }

    #[test]
    fn a_new_sentence_and_a_vanished_one_are_both_named() {
        let text = std::fs::read_to_string(root().join(TABLE)).unwrap();
        let table = parse_table(&text, TABLE).unwrap();
        let mut found: Vec<Sentence> = table.rows.iter().flat_map(|r| r.sentences.clone()).collect();
        found.extend(table.dismissed.iter().map(|(s, _)| s.clone()));
        assert_eq!(reconcile(&found, &table), Ok(()));
        let gone = found.remove(0);
        found.push(Sentence {
            type_name: "AWS::New::Thing".into(),
            property: String::new(),
            text: "You must declare a dependency on the widget.".into(),
        });
        let e = reconcile(&found, &table).unwrap_err();
        assert!(
            e.contains("AWS::New::Thing") && e.contains("have no row in cfn-codegen/data/orderings.json"),
            "{e}"
        );
        assert!(
            e.contains(&gone.text) && e.contains("no longer in the service database"),
            "{e}"
        );
    }

    #[test]
    fn a_compile_row_without_its_patch_is_refused() {
        let text = std::fs::read_to_string(root().join(TABLE)).unwrap();
        let mut table = parse_table(&text, TABLE).unwrap();
        assert_eq!(compile_rows_are_patched(&table), Ok(()));
        assert!(table.compile_rows() >= 4, "{} compile-time rows", table.compile_rows());
        let row = table.rows.iter_mut().find(|r| r.id == "client-vpn-route").unwrap();
        row.mechanism = "compile:Nonsense".into();
        let e = compile_rows_are_patched(&table).unwrap_err();
        assert!(e.contains("not an evidence marker"), "{e}");
    }

    #[test]
    fn bad_table_names_the_file_and_the_fix() {
        let e = parse_table("{", TABLE).unwrap_err();
        assert!(e.starts_with("cfn-codegen/data/orderings.json: not valid JSON"), "{e}");
        let e = parse_table(
            r#"{"orderings": [{"id": "x", "code": "c", "governs": [], "property": "", "waits_for": [],
                "check": {"kind": "magic"}, "mechanism": "validate", "construct": "", "why": "", "sentences": []}],
                "not_orderings": []}"#,
            TABLE,
        )
        .unwrap_err();
        assert!(e.contains("unknown check kind `magic`"), "{e}");
    }
}
