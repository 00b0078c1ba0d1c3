//! Dynamic references (`{{resolve:…}}`) on the typed API: a literal reference becomes
//! `DynamicRef::…` with a compile-time checked name (`ssm_name!`, `secret_id!`); a secret name
//! built from a parameter inside `Fn::Sub` is the seed trap (CloudFormation resolves the
//! reference before it substitutes: "Could not parse SecretString JSON") and becomes the
//! parameter's default as a literal name, or a parameter of its own when it has none.

use cfn_model::{SecretId, SsmName};
use serde_json::Value as J;

use super::{intrinsic, rust_str, sub_segments, SubSeg, Sym, Ty, Writer};
use crate::program::Change;

/// One parsed literal reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Dyn {
    /// `ssm` (`secure: false`) or `ssm-secure`, with the name as written (`/a/b:3`).
    Ssm { secure: bool, name: String },
    /// `secretsmanager`: the id and the optional `SecretString` segments.
    Secret {
        id: String,
        key: Option<String>,
        stage: Option<String>,
        version: Option<String>,
    },
}

/// A free-text segment the library writes unchanged (`DynamicRef::problem` refuses the rest).
fn segment_ok(s: &str) -> bool {
    !s.is_empty()
        && !s
            .chars()
            .any(|c| matches!(c, ':' | '{' | '}' | '$' | '"' | '\\') || c.is_whitespace())
}

impl Dyn {
    /// Parses `{{resolve:…}}` when the whole of `s` is one reference the typed API writes back
    /// exactly as it is (checked by formatting it again).
    pub(super) fn parse(s: &str) -> Option<Dyn> {
        let inner = s.strip_prefix("{{resolve:")?.strip_suffix("}}")?;
        let (service, rest) = inner.split_once(':')?;
        let d = match service {
            "ssm" | "ssm-secure" => {
                SsmName::check(rest).ok()?;
                Dyn::Ssm {
                    secure: service == "ssm-secure",
                    name: rest.to_owned(),
                }
            }
            "secretsmanager" => {
                let parts: Vec<&str> = rest.split(':').collect();
                // An ARN holds six colons of its own: `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME`.
                let n = if parts.first() == Some(&"arn") { 7 } else { 1 };
                if parts.len() < n {
                    return None;
                }
                let id = parts[..n].join(":");
                SecretId::check(&id).ok()?;
                let extra = &parts[n..];
                let opt = |i: usize| extra.get(i).filter(|s| !s.is_empty()).map(|s| (*s).to_owned());
                if !extra.is_empty() && extra[0] != "SecretString" || extra.len() > 4 {
                    return None;
                }
                let d = Dyn::Secret {
                    id,
                    key: opt(1),
                    stage: opt(2),
                    version: opt(3),
                };
                if let Dyn::Secret {
                    key, stage, version, ..
                } = &d
                {
                    if [key, stage, version].into_iter().flatten().any(|s| !segment_ok(s))
                        || (stage.is_some() && version.is_some())
                    {
                        return None;
                    }
                }
                d
            }
            _ => return None,
        };
        (d.text() == s).then_some(d)
    }

    /// The reference as the library emits it.
    fn text(&self) -> String {
        match self {
            Dyn::Ssm { secure, name } => {
                format!("{{{{resolve:{}:{name}}}}}", if *secure { "ssm-secure" } else { "ssm" })
            }
            Dyn::Secret {
                id,
                key,
                stage,
                version,
            } => {
                let mut t = format!("{{{{resolve:secretsmanager:{id}");
                if key.is_some() || stage.is_some() || version.is_some() {
                    t.push_str(":SecretString:");
                    t.push_str(key.as_deref().unwrap_or(""));
                    if stage.is_some() || version.is_some() {
                        t.push(':');
                        t.push_str(stage.as_deref().unwrap_or(""));
                        t.push(':');
                        t.push_str(version.as_deref().unwrap_or(""));
                    }
                }
                t.push_str("}}");
                t
            }
        }
    }

    /// True for references whose value is a secret (`ssm-secure`, `secretsmanager`).
    pub(super) fn is_secret(&self) -> bool {
        !matches!(self, Dyn::Ssm { secure: false, .. })
    }

    /// `DynamicRef::…` on the typed API.
    pub(super) fn code(&self) -> String {
        match self {
            Dyn::Ssm { secure, name } => format!(
                "DynamicRef::{}(ssm_name!({}))",
                if *secure { "ssm_secure" } else { "ssm" },
                rust_str(name)
            ),
            Dyn::Secret {
                id,
                key,
                stage,
                version,
            } => {
                let mut c = format!("DynamicRef::secrets_manager(secret_id!({}))", rust_str(id));
                for (m, v) in [("json_key", key), ("version_stage", stage), ("version_id", version)] {
                    if let Some(v) = v {
                        c.push_str(&format!(".{m}({})", rust_str(v)));
                    }
                }
                c
            }
        }
    }
}

/// `{{resolve:secretsmanager:${NAME}…}}`: the placeholder and the rest of the reference (with
/// `${NAME}` replaced by `@`), when `x` is an `Fn::Sub` of exactly that shape.
fn sub_secret_name(x: &J) -> Option<(String, String)> {
    let ("Fn::Sub", arg) = intrinsic(x)? else { return None };
    let text = match arg {
        J::String(s) => s.as_str(),
        J::Array(a) if a.len() == 2 && a[1].as_object().is_some_and(|m| m.is_empty()) => a[0].as_str()?,
        _ => return None,
    };
    let mut name = None;
    let mut rest = String::new();
    for seg in sub_segments(text) {
        match seg {
            SubSeg::Lit(l) => rest.push_str(&l),
            SubSeg::Name(n) if name.is_none() && !n.contains('.') && !n.starts_with("AWS::") => {
                name = Some(n);
                rest.push('@');
            }
            SubSeg::Name(_) => return None,
        }
    }
    let name = name?;
    rest.starts_with("{{resolve:secretsmanager:@").then_some((name, rest))
}

impl Writer<'_> {
    /// The typed form of a dynamic reference in `x`, for a property of type `want` (`Str` or
    /// `Secret`): `None` when `x` holds none this can write.
    pub(super) fn dynamic(&mut self, x: &J, want: &Ty) -> Option<String> {
        let secret = matches!(want, Ty::Secret);
        if let J::String(s) = x {
            let d = Dyn::parse(s)?;
            if secret && !d.is_secret() {
                return None;
            }
            return Some(if secret {
                format!("{}.secret()", d.code())
            } else {
                format!("Value::<String>::from({})", d.code())
            });
        }
        let (name, rest) = sub_secret_name(x)?;
        let here = self.location.clone();
        let property = self.property.clone();
        let param = self.root.get("Parameters").and_then(|p| p.get(&name))?;
        if !matches!(self.syms.get(&name), Some(Sym::Param { .. })) {
            return None;
        }
        let problem = format!(
            "`{property}` names its secret with parameter `{name}` inside {{{{resolve:…}}}}: CloudFormation resolves the reference before Fn::Sub substitutes, so the deployment fails (\"Could not parse SecretString JSON\")"
        );
        if let Some(default) = param.get("Default").and_then(J::as_str) {
            let d = Dyn::parse(&rest.replacen('@', default, 1))?;
            if secret && !d.is_secret() {
                return None;
            }
            self.changes.push(Change {
                resource: here,
                problem,
                fix: format!("names the secret literally, `{default}` (the parameter's default), with secret_id!"),
            });
            return Some(if secret {
                format!("{}.secret()", d.code())
            } else {
                format!("Value::<String>::from({})", d.code())
            });
        }
        // No default: the value itself becomes the deploy-time input.
        let new = format!("{here}{property}");
        if self.syms.contains_key(&new) {
            return None;
        }
        let var = self.var_name(&new);
        let (ctor, ty) = if secret {
            ("Parameter::secret()", Ty::Secret)
        } else {
            ("Parameter::string()", Ty::Str)
        };
        self.changes.push(Change {
            resource: here.clone(),
            problem,
            fix: format!(
                "declares the {}parameter `{new}` (pass the value at deploy time) and uses it",
                if secret { "NoEcho " } else { "" }
            ),
        });
        self.used.insert(var.clone());
        self.push(
            Some(var.clone()),
            format!(
                "stack.parameter({}, {ctor}.description({}));",
                rust_str(&new),
                rust_str(&format!(
                    "{property} of {here} (was read from the secret named by {name})"
                ))
            ),
        );
        self.syms.insert(new, Sym::Param { var: var.clone(), ty });
        Some(format!("&{var}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_references_parse_and_format_back() {
        for s in [
            "{{resolve:ssm:/my/template/path:1}}",
            "{{resolve:ssm:S3AccessControl}}",
            "{{resolve:ssm-secure:MySecurePassword:1}}",
            "{{resolve:secretsmanager:MyRDSSecret}}",
            "{{resolve:secretsmanager:app/db:SecretString:password}}",
            "{{resolve:secretsmanager:app/db:SecretString:password:AWSPREVIOUS:}}",
            "{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:SecretString:u}}",
        ] {
            let d = Dyn::parse(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(d.text(), s);
        }
        assert!(Dyn::parse("{{resolve:secretsmanager:app/db:SecretString:password::}}").is_none());
        assert!(Dyn::parse("{{resolve:ssm:/a:latest}}").is_none());
        assert!(Dyn::parse("x-{{resolve:ssm:/a}}").is_none());
        assert!(Dyn::parse("{{resolve:secretsmanager:app/${Env}}}").is_none());
        assert_eq!(
            Dyn::parse("{{resolve:secretsmanager:app/db:SecretString:password}}").map(|d| d.code()),
            Some(r#"DynamicRef::secrets_manager(secret_id!("app/db")).json_key("password")"#.to_owned())
        );
    }

    #[test]
    fn a_secret_named_by_a_placeholder_is_found() {
        let x = serde_json::json!({"Fn::Sub": "{{resolve:secretsmanager:${DBSecretName}:SecretString:username}}"});
        assert_eq!(
            sub_secret_name(&x),
            Some((
                "DBSecretName".to_owned(),
                "{{resolve:secretsmanager:@:SecretString:username}}".to_owned()
            ))
        );
        let two = serde_json::json!({"Fn::Sub": "{{resolve:secretsmanager:${A}-${B}}}"});
        assert_eq!(sub_secret_name(&two), None);
    }
}
