//! IAM policy documents as typed values: statements name the ARNs of what they allow, taken from
//! the stack's own values and parameters, never JSON text.

use cfn::model::Expr;
use cfn::prelude::*;

/// One `Allow` statement: actions on resources, optionally under a condition.
pub struct Statement {
    actions: Vec<&'static str>,
    resources: Vec<Value<String>>,
    conditions: Vec<(&'static str, &'static str, Value<String>)>,
}

impl Statement {
    /// Allows `actions`; name the resources with [`Statement::on`].
    pub fn allow<const N: usize>(actions: [&'static str; N]) -> Statement {
        Statement {
            actions: actions.to_vec(),
            resources: Vec::new(),
            conditions: Vec::new(),
        }
    }

    /// On `resource` (an ARN).
    pub fn on(mut self, resource: impl Into<Value<String>>) -> Statement {
        self.resources.push(resource.into());
        self
    }

    /// Only when `key` passes `test` against `value` (e.g. `StringEquals`).
    pub fn when(mut self, test: &'static str, key: &'static str, value: impl Into<Value<String>>) -> Statement {
        self.conditions.push((test, key, value.into()));
        self
    }

    fn into_expr(self) -> Expr {
        let mut fields = vec![
            ("Effect", Expr::str("Allow")),
            ("Action", Expr::List(self.actions.into_iter().map(Expr::str).collect())),
            (
                "Resource",
                Expr::List(self.resources.into_iter().map(Value::into_expr).collect()),
            ),
        ];
        if !self.conditions.is_empty() {
            fields.push(("Condition", conditions(self.conditions)));
        }
        object(fields)
    }
}

/// A policy document of `statements`.
pub fn document(statements: impl IntoIterator<Item = Statement>) -> Value<Json> {
    Value::from_expr(object(vec![
        ("Version", Expr::str("2012-10-17")),
        (
            "Statement",
            Expr::List(statements.into_iter().map(Statement::into_expr).collect()),
        ),
    ]))
}

/// The trust policy of a role that `service` (e.g. `ecs-tasks.amazonaws.com`) assumes on behalf
/// of this account only (the `aws:SourceAccount` condition guards against confused deputies).
pub fn assumed_by(service: &'static str) -> Value<Json> {
    let statement = object(vec![
        ("Effect", Expr::str("Allow")),
        ("Principal", object(vec![("Service", Expr::str(service))])),
        ("Action", Expr::str("sts:AssumeRole")),
        (
            "Condition",
            conditions(vec![("StringEquals", "aws:SourceAccount", Pseudo::account_id())]),
        ),
    ]);
    Value::from_expr(object(vec![
        ("Version", Expr::str("2012-10-17")),
        ("Statement", Expr::List(vec![statement])),
    ]))
}

fn object(fields: Vec<(&'static str, Expr)>) -> Expr {
    Expr::Object(fields.into_iter().map(|(k, v)| (k.into(), v)).collect())
}

fn conditions(items: Vec<(&'static str, &'static str, Value<String>)>) -> Expr {
    let mut tests: Vec<(&'static str, Vec<(&'static str, Expr)>)> = Vec::new();
    for (test, key, value) in items {
        match tests.iter_mut().find(|(t, _)| *t == test) {
            Some((_, keys)) => keys.push((key, value.into_expr())),
            None => tests.push((test, vec![(key, value.into_expr())])),
        }
    }
    object(tests.into_iter().map(|(t, keys)| (t, object(keys))).collect())
}
