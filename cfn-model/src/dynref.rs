//! Dynamic references: `{{resolve:ssm:…}}`, `{{resolve:ssm-secure:…}}` and
//! `{{resolve:secretsmanager:…}}`.
//!
//! CloudFormation resolves a dynamic reference *before* it substitutes parameters, so a secret id
//! assembled with `Fn::Sub` or `Fn::Join` from a parameter is looked up literally and fails at deploy
//! time ("Could not parse SecretString JSON"). This library therefore builds the id of a dynamic
//! reference only from a `&'static str` checked by a `const fn` ([`SecretId::new`],
//! [`SsmName::new`]): an invalid literal is a compile-time error, and there is no conversion from a
//! parameter, a `Sub` or any other runtime value. Refusing `Fn::Sub` here is this library's policy,
//! learnt from a failed deployment, not a rule CloudFormation states for every case.
//!
//! ```
//! use cfn_model::prelude::*;
//! let user: Value<String> = DynamicRef::secrets_manager(const { SecretId::new("healthtech/rds/credentials") })
//!     .json_key("username")
//!     .into();
//! ```

use std::fmt;

use crate::value::{SecretString, Value};

/// A Secrets Manager secret name or ARN, checked at compile time when built in a `const` block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SecretId(&'static str);

/// An SSM parameter name (optionally with `:version`), checked at compile time in a `const` block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SsmName(&'static str);

const fn secret_char_ok(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'/' | b'_' | b'+' | b'=' | b'.' | b'@' | b'-' | b':')
}

const fn ssm_char_ok(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'/' | b'_' | b'.' | b'-' | b':')
}

// The messages of the compile-time checks. `panic!("{}", MSG)` keeps the compiler's note on the
// failing line short: it shows this call, not the whole text a second time.
const SECRET_EMPTY: &str =
    "secret id is empty: write the secret's literal name, e.g. `SecretId::new(\"app/db/credentials\")`";
const SECRET_TOO_LONG: &str = "secret id is longer than 2048 characters";
const SECRET_PLACEHOLDER: &str = "secret id contains `$`: a `${Param}` placeholder cannot be used in a dynamic \
     reference (CloudFormation resolves it before substituting parameters); write the literal secret name, or \
     create the secret in the stack and use its handle";
const SECRET_CHAR: &str =
    "secret id contains a character Secrets Manager does not allow: use only A-Z a-z 0-9 / _ + = . @ - :";
const SSM_EMPTY: &str =
    "SSM parameter name is empty: write the parameter's literal name, e.g. `SsmName::new(\"/app/db/endpoint\")`";
const SSM_TOO_LONG: &str = "SSM parameter name is longer than 2048 characters";
const SSM_PLACEHOLDER: &str = "SSM parameter name contains `$`: a `${Param}` placeholder cannot be used in a \
     dynamic reference; write the literal name (or read the parameter through an \
     `AWS::SSM::Parameter::Value<String>` template parameter)";
const SSM_CHAR: &str =
    "SSM parameter name contains a character SSM does not allow: use only A-Z a-z 0-9 / _ . - (and :N for a version)";
const SSM_VERSION: &str = "SSM parameter name has a `:` that is not a version suffix: write `/name` or \
     `/name:VERSION` with VERSION a number, e.g. `/app/db/endpoint:3`";

impl SecretId {
    /// Checks a literal secret name or ARN. Use it in a `const` block so that a bad literal is a
    /// compile error: `const { SecretId::new("app/db/credentials") }`.
    ///
    /// Allowed: 1 to 2,048 characters of `A-Z a-z 0-9 / _ + = . @ - :` (names, or full ARNs).
    /// Refused: `${…}` placeholders, `{{`/`}}`, spaces and anything else a Secrets Manager id
    /// cannot hold.
    ///
    /// The check runs when the constant is evaluated: `cargo build` reports a bad literal, while
    /// `cargo check` skips inline `const { … }` blocks (a named `const` item is checked by both).
    pub const fn new(id: &'static str) -> SecretId {
        let b = id.as_bytes();
        if b.is_empty() {
            panic!("{}", SECRET_EMPTY);
        }
        if b.len() > 2048 {
            panic!("{}", SECRET_TOO_LONG);
        }
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'$' {
                panic!("{}", SECRET_PLACEHOLDER);
            }
            if !secret_char_ok(b[i]) {
                panic!("{}", SECRET_CHAR);
            }
            i += 1;
        }
        SecretId(id)
    }

    /// The literal id.
    pub const fn as_str(&self) -> &'static str {
        self.0
    }
}

impl SsmName {
    /// Checks a literal SSM parameter name; use it in a `const` block:
    /// `const { SsmName::new("/app/prod/db/endpoint") }`. A trailing `:N` selects a version.
    pub const fn new(name: &'static str) -> SsmName {
        let b = name.as_bytes();
        if b.is_empty() {
            panic!("{}", SSM_EMPTY);
        }
        if b.len() > 2048 {
            panic!("{}", SSM_TOO_LONG);
        }
        let mut i = 0;
        let mut colon: Option<usize> = None;
        while i < b.len() {
            if b[i] == b'$' {
                panic!("{}", SSM_PLACEHOLDER);
            }
            if !ssm_char_ok(b[i]) {
                panic!("{}", SSM_CHAR);
            }
            if b[i] == b':' {
                if colon.is_some() || i == 0 {
                    panic!("{}", SSM_VERSION);
                }
                colon = Some(i);
            } else if colon.is_some() && !b[i].is_ascii_digit() {
                panic!("{}", SSM_VERSION);
            }
            i += 1;
        }
        if let Some(c) = colon {
            if c + 1 == b.len() {
                panic!("{}", SSM_VERSION);
            }
        }
        SsmName(name)
    }

    /// The literal name.
    pub const fn as_str(&self) -> &'static str {
        self.0
    }
}

/// Types that can name a secret in a dynamic reference: only checked literals.
#[diagnostic::on_unimplemented(
    message = "a dynamic reference's secret id must be a literal checked at compile time, not `{Self}`",
    label = "this is not a literal secret id",
    note = "write `const {{ SecretId::new(\"my/secret/name\") }}`: CloudFormation resolves `{{{{resolve:secretsmanager:…}}}}` before it substitutes parameters, so a parameter or `Fn::Sub` here fails at deploy time",
    note = "to vary the secret per environment, create it in the stack under a literal name (`let creds = stack.add_named_secret(\"Creds\", const {{ SecretId::new(\"app/db\") }}, …)`, then `creds.resolve(\"password\")` brings the ordering), or let the service that reads it resolve a parameterised name (ECS: `Secret::secrets_manager_name_key(\"DB_USER\", name, \"username\")`)"
)]
pub trait IntoSecretId {
    /// The checked id.
    fn into_secret_id(self) -> SecretId;
}

impl IntoSecretId for SecretId {
    fn into_secret_id(self) -> SecretId {
        self
    }
}

/// Types that can name an SSM parameter in a dynamic reference: only checked literals.
#[diagnostic::on_unimplemented(
    message = "a dynamic reference's SSM parameter name must be a literal checked at compile time, not `{Self}`",
    label = "this is not a literal SSM parameter name",
    note = "write `const {{ SsmName::new(\"/my/parameter\") }}`; to read an SSM parameter whose name varies, declare a template parameter of type `AWS::SSM::Parameter::Value<String>` instead"
)]
pub trait IntoSsmName {
    /// The checked name.
    fn into_ssm_name(self) -> SsmName;
}

impl IntoSsmName for SsmName {
    fn into_ssm_name(self) -> SsmName {
        self
    }
}

/// A `{{resolve:…}}` dynamic reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DynamicRef {
    kind: DynKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum DynKind {
    Ssm(SsmName),
    SsmSecure(SsmName),
    Secret {
        id: SecretId,
        json_key: Option<&'static str>,
        version_stage: Option<&'static str>,
        version_id: Option<&'static str>,
    },
}

impl DynamicRef {
    /// `{{resolve:ssm:NAME}}`: a plain SSM parameter.
    pub fn ssm(name: impl IntoSsmName) -> DynamicRef {
        DynamicRef {
            kind: DynKind::Ssm(name.into_ssm_name()),
        }
    }

    /// `{{resolve:ssm-secure:NAME}}`: a SecureString SSM parameter (only some properties accept it).
    pub fn ssm_secure(name: impl IntoSsmName) -> DynamicRef {
        DynamicRef {
            kind: DynKind::SsmSecure(name.into_ssm_name()),
        }
    }

    /// `{{resolve:secretsmanager:ID}}`: the whole secret string.
    pub fn secrets_manager(id: impl IntoSecretId) -> DynamicRef {
        DynamicRef {
            kind: DynKind::Secret {
                id: id.into_secret_id(),
                json_key: None,
                version_stage: None,
                version_id: None,
            },
        }
    }

    /// Selects one key of a JSON secret: `…:SecretString:KEY`.
    pub fn json_key(mut self, key: &'static str) -> DynamicRef {
        if let DynKind::Secret { json_key, .. } = &mut self.kind {
            *json_key = Some(key);
        }
        self
    }

    /// Selects a version stage (`AWSCURRENT`, `AWSPREVIOUS`, …).
    pub fn version_stage(mut self, stage: &'static str) -> DynamicRef {
        if let DynKind::Secret { version_stage, .. } = &mut self.kind {
            *version_stage = Some(stage);
        }
        self
    }

    /// Selects a version id.
    pub fn version_id(mut self, id: &'static str) -> DynamicRef {
        if let DynKind::Secret { version_id, .. } = &mut self.kind {
            *version_id = Some(id);
        }
        self
    }

    /// What is wrong with the reference's free-text segments, if anything: a JSON key, version
    /// stage or version id that is empty or holds `:`, `{`, `}`, `$` or whitespace (they would
    /// split or end the reference), or both a version stage and a version id (CloudFormation takes
    /// one of them). The validator reports it; ids and names are checked at compile time.
    pub fn problem(&self) -> Option<String> {
        let DynKind::Secret {
            json_key,
            version_stage,
            version_id,
            ..
        } = &self.kind
        else {
            return None;
        };
        let segments = [
            ("JSON key", json_key),
            ("version stage", version_stage),
            ("version id", version_id),
        ];
        for (what, v) in segments {
            if let Some(v) = v {
                let bad = |c: char| matches!(c, ':' | '{' | '}' | '$') || c.is_whitespace();
                if v.is_empty() || v.chars().any(bad) {
                    return Some(format!(
                        "the {what} {v:?} of `{self}` is empty or holds `:`, `{{`, `}}`, `$` or whitespace"
                    ));
                }
            }
        }
        if version_stage.is_some() && version_id.is_some() {
            return Some(format!(
                "`{self}` names both a version stage and a version id; CloudFormation takes one of them"
            ));
        }
        None
    }

    /// True for references whose value is a secret (`ssm-secure`, `secretsmanager`).
    pub fn is_secret(&self) -> bool {
        !matches!(self.kind, DynKind::Ssm(_))
    }

    /// The value as a secret string, for password properties.
    pub fn secret(self) -> Value<SecretString> {
        Value::from_expr(crate::Expr::Dynamic(Box::new(self)))
    }
}

impl fmt::Display for DynamicRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DynKind::Ssm(n) => write!(f, "{{{{resolve:ssm:{}}}}}", n.0),
            DynKind::SsmSecure(n) => write!(f, "{{{{resolve:ssm-secure:{}}}}}", n.0),
            DynKind::Secret {
                id,
                json_key,
                version_stage,
                version_id,
            } => {
                write!(f, "{{{{resolve:secretsmanager:{}", id.0)?;
                if json_key.is_some() || version_stage.is_some() || version_id.is_some() {
                    write!(f, ":SecretString:{}", json_key.unwrap_or(""))?;
                    if version_stage.is_some() || version_id.is_some() {
                        write!(f, ":{}:{}", version_stage.unwrap_or(""), version_id.unwrap_or(""))?;
                    }
                }
                f.write_str("}}")
            }
        }
    }
}

impl From<DynamicRef> for Value<String> {
    fn from(d: DynamicRef) -> Self {
        Value::from_expr(crate::Expr::Dynamic(Box::new(d)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_match_aws_docs() {
        let s = |d: DynamicRef| d.to_string();
        assert_eq!(s(DynamicRef::ssm(SsmName::new("/a/b"))), "{{resolve:ssm:/a/b}}");
        assert_eq!(
            s(DynamicRef::ssm_secure(SsmName::new("/a/b:3"))),
            "{{resolve:ssm-secure:/a/b:3}}"
        );
        assert_eq!(
            s(DynamicRef::secrets_manager(SecretId::new("x/y"))),
            "{{resolve:secretsmanager:x/y}}"
        );
        assert_eq!(
            s(DynamicRef::secrets_manager(SecretId::new("x/y")).json_key("password")),
            "{{resolve:secretsmanager:x/y:SecretString:password}}"
        );
        assert_eq!(
            s(DynamicRef::secrets_manager(SecretId::new("x"))
                .json_key("k")
                .version_stage("AWSPREVIOUS")),
            "{{resolve:secretsmanager:x:SecretString:k:AWSPREVIOUS:}}"
        );
    }
}
