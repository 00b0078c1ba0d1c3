//! Rust names for schema names: types, fields, modules, enum variants.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Every keyword of edition 2021 (strict, reserved and weak ones that matter as identifiers).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Mixed-case abbreviations that heck would split badly (`IPv6` -> `i_pv6`).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("IPv", "Ipv"),
    ("GiB", "Gib"),
    ("MiB", "Mib"),
    ("KiB", "Kib"),
    ("TiB", "Tib"),
    ("OAuth", "Oauth"),
];

fn normalise(s: &str) -> String {
    let mut s = s.to_string();
    for (from, to) in ABBREVIATIONS {
        s = s.replace(from, to);
    }
    s
}

/// A usable identifier: raw for keywords (`r#type`), suffixed for the few that cannot be raw.
pub fn ident(s: &str) -> String {
    if NOT_RAW.contains(&s) {
        format!("{s}_")
    } else if KEYWORDS.contains(&s) {
        format!("r#{s}")
    } else {
        s.to_string()
    }
}

/// `snake_case` for fields, methods and modules (not escaped; see [`ident`]).
pub fn snake(s: &str) -> String {
    let out = normalise(s).to_snake_case();
    if out.is_empty() {
        "value".to_string()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{out}")
    } else {
        out
    }
}

/// `UpperCamelCase` for types: `VPC` -> `Vpc`, `DBInstance` -> `DbInstance`.
pub fn camel(s: &str) -> String {
    let out = normalise(s).to_upper_camel_case();
    let out: String = out.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if out.is_empty() {
        "Unnamed".to_string()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{out}")
    } else {
        out
    }
}

/// An enum variant for a schema value: `aws:kms` -> `AwsKms`, `1.0` -> `V1_0`, `` -> `Empty`.
pub fn variant(value: &str) -> String {
    let mut out = String::new();
    for word in value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = word.to_upper_camel_case();
        if out.ends_with(|c: char| c.is_ascii_digit()) && w.starts_with(|c: char| c.is_ascii_digit()) {
            out.push('_');
        }
        out.push_str(&w);
    }
    if out.is_empty() {
        return if value.is_empty() {
            "Empty".into()
        } else {
            "Other".into()
        };
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out == "Self" {
        out.push_str("Value");
    }
    out
}

/// Makes `name` unique against `taken` by appending a number (`Foo2`, or `V1_2` after a digit).
pub fn unique(name: String, taken: &dyn Fn(&str) -> bool) -> String {
    if !taken(&name) {
        return name;
    }
    for n in 2.. {
        let sep = if name.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        let candidate = format!("{name}{sep}{n}");
        if !taken(&candidate) {
            return candidate;
        }
    }
    unreachable!()
}

/// The module (and cargo feature) of a type name: its second segment, lowercased.
pub fn service_of(type_name: &str) -> Option<String> {
    let mut parts = type_name.split("::");
    let (_vendor, service, _resource) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || service.is_empty() || !service.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(service.to_ascii_lowercase())
}

/// The resource part of a type name (`AWS::EC2::VPC` -> `VPC`).
pub fn resource_of(type_name: &str) -> &str {
    type_name.rsplit("::").next().unwrap_or(type_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        assert_eq!(camel("VPC"), "Vpc");
        assert_eq!(camel("DBInstance"), "DbInstance");
        assert_eq!(camel("SecurityGroup"), "SecurityGroup");
        assert_eq!(camel("IPv6CidrBlock"), "Ipv6CidrBlock");
        assert_eq!(camel("3DConfig"), "V3dConfig");
    }

    #[test]
    fn fields() {
        assert_eq!(snake("GroupDescription"), "group_description");
        assert_eq!(snake("KMSMasterKeyId"), "kms_master_key_id");
        assert_eq!(snake("IPv6CidrBlock"), "ipv6_cidr_block");
        assert_eq!(snake("SizeInGiB"), "size_in_gib");
        assert_eq!(ident("type"), "r#type");
        assert_eq!(ident("self"), "self_");
        assert_eq!(ident("vpc_id"), "vpc_id");
    }

    #[test]
    fn variants() {
        assert_eq!(variant("aws:kms"), "AwsKms");
        assert_eq!(variant("AES256"), "Aes256");
        assert_eq!(variant("1.0"), "V1_0");
        assert_eq!(variant("ml.p3.2xlarge"), "MlP3_2xlarge");
        assert_eq!(variant(""), "Empty");
        assert_eq!(variant("*"), "Other");
        assert_eq!(variant("Self"), "SelfValue");
    }

    #[test]
    fn uniqueness() {
        let taken = |s: &str| s == "Foo" || s == "Foo2" || s == "V1";
        assert_eq!(unique("Foo".into(), &taken), "Foo3");
        assert_eq!(unique("V1".into(), &taken), "V1_2");
        assert_eq!(unique("Bar".into(), &taken), "Bar");
    }

    #[test]
    fn services() {
        assert_eq!(
            service_of("AWS::ElasticLoadBalancingV2::Listener").as_deref(),
            Some("elasticloadbalancingv2")
        );
        assert_eq!(service_of("Alexa::ASK::Skill").as_deref(), Some("ask"));
        assert_eq!(service_of("AWS::EC2"), None);
        assert_eq!(resource_of("AWS::EC2::VPC"), "VPC");
    }
}
