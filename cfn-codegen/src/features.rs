//! The generated `[features]` blocks of `cfn-model/Cargo.toml` and the root `Cargo.toml`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

pub const BEGIN: &str = "# BEGIN GENERATED FEATURES";
pub const END: &str = "# END GENERATED FEATURES";

/// The services of the `default` feature (issue 3), those present in the schema set.
pub const DEFAULT: &[&str] = &[
    "cloudformation",
    "cloudwatch",
    "dynamodb",
    "ec2",
    "ecs",
    "efs",
    "elasticloadbalancingv2",
    "iam",
    "kms",
    "lambda",
    "logs",
    "rds",
    "route53",
    "s3",
    "secretsmanager",
    "sns",
    "sqs",
    "ssm",
];

fn list(name: &str, items: &[String], out: &mut String) {
    if items.len() <= 4 {
        let q: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
        writeln!(out, "{name} = [{}]", q.join(", ")).unwrap();
    } else {
        writeln!(out, "{name} = [").unwrap();
        for i in items {
            writeln!(out, "    {i:?},").unwrap();
        }
        out.push_str("]\n");
    }
}

fn defaults(deps: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    DEFAULT
        .iter()
        .filter(|s| deps.contains_key(**s))
        .map(|s| s.to_string())
        .collect()
}

/// `cfn-model`'s block: one feature per service, depending on the services it references.
pub fn model_block(deps: &BTreeMap<String, BTreeSet<String>>) -> String {
    let mut out = format!("{BEGIN}\n[features]\n");
    list("default", &defaults(deps), &mut out);
    list("full", &deps.keys().cloned().collect::<Vec<_>>(), &mut out);
    // The generator's tables at run time (`cfn_model::catalog`), for the importer.
    out.push_str("catalog = [\"serde/derive\"]\n");
    for (svc, d) in deps {
        list(svc, &d.iter().cloned().collect::<Vec<_>>(), &mut out);
    }
    out.push_str(END);
    out.push('\n');
    out
}

/// The root crate's block: forwards every service feature to `cfn-model`.
pub fn root_block(deps: &BTreeMap<String, BTreeSet<String>>) -> String {
    let mut out = format!("{BEGIN}\n[features]\n");
    list("default", &defaults(deps), &mut out);
    list("full", &deps.keys().cloned().collect::<Vec<_>>(), &mut out);
    out.push_str("catalog = [\"cfn-model/catalog\"]\n");
    for svc in deps.keys() {
        writeln!(out, "{svc} = [\"cfn-model/{svc}\"]").unwrap();
    }
    out.push_str(END);
    out.push('\n');
    out
}

/// Replaces the block between the markers (inclusive) in `toml`.
pub fn splice(toml: &str, block: &str, file: &str) -> Result<String, String> {
    let missing = || format!("{file}: no `{BEGIN}` … `{END}` block; add the two marker lines where the features go");
    let start = toml.find(BEGIN).ok_or_else(missing)?;
    let end_rel = toml[start..].find(END).ok_or_else(missing)?;
    let mut end = start + end_rel + END.len();
    if toml[end..].starts_with('\n') {
        end += 1;
    }
    Ok(format!("{}{block}{}", &toml[..start], &toml[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks() {
        let mut deps = BTreeMap::new();
        deps.insert("ec2".to_string(), BTreeSet::from(["iam".to_string()]));
        deps.insert("iam".to_string(), BTreeSet::new());
        let m = model_block(&deps);
        assert!(m.contains("default = [\"ec2\", \"iam\"]\n"), "{m}");
        assert!(m.contains("ec2 = [\"iam\"]\n"), "{m}");
        assert!(m.contains("iam = []\n"), "{m}");
        let r = root_block(&deps);
        assert!(r.contains("ec2 = [\"cfn-model/ec2\"]\n"), "{r}");
        let toml = format!("[package]\n\n{BEGIN}\nold\n{END}\n[x]\n");
        let s = splice(&toml, "NEW\n", "t").unwrap();
        assert_eq!(s, "[package]\n\nNEW\n[x]\n");
        assert!(splice("[package]", "x", "t").unwrap_err().contains("BEGIN GENERATED"));
    }
}
