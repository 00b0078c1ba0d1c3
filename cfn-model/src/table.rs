//! Typed mappings: a settings struct keyed by an enum (`#[derive(Mapping)]` and
//! `#[derive(MappingKey)]`), declared from a `fn(Key) -> Settings` so that every key has every
//! value (the `match` in that function is exhaustive, or it does not compile), and read through
//! typed `Fn::FindInMap` accessors.
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::table::{MapRow, MappingKey, MappingTable};
//!
//! // What the derives generate, written by hand.
//! #[derive(Clone, Copy)]
//! enum Env { Dev, Prod }
//! impl MappingKey for Env {
//!     const KEYS: &'static [&'static str] = &["Dev", "Prod"];
//!     fn all() -> Vec<Self> { vec![Env::Dev, Env::Prod] }
//!     fn key(&self) -> &'static str { match self { Env::Dev => "Dev", Env::Prod => "Prod" } }
//! }
//! struct Sizes { instances: i64 }
//! struct SizesMap(MappingRef);
//! impl MappingTable for Sizes {
//!     type Key = Env;
//!     type Accessors = SizesMap;
//!     const NAME: &'static str = "Sizes";
//!     fn row(&self, row: &mut MapRow) { row.cell("Instances", &self.instances) }
//!     fn accessors(m: MappingRef) -> SizesMap { SizesMap(m) }
//! }
//!
//! let mut s: Stack = Stack::new();
//! let sizes = s.mapping_table(|env| match env {
//!     Env::Dev => Sizes { instances: 1 },
//!     Env::Prod => Sizes { instances: 3 },
//! });
//! let n: Value<i64> = cfn_model::table::find_in_map(&sizes.0, Value::<String>::from("Prod"), "Instances");
//! ```

use std::borrow::Cow;

use indexmap::IndexMap;

use crate::expr::Expr;
use crate::params::{Mapping, MappingRef};
use crate::stack::Stack;
use crate::value::Value;

/// The key of a mapping table: an enum of unit variants (`#[derive(MappingKey)]`). It is also a
/// parameter type (a `String` parameter whose `AllowedValues` are exactly the keys), so a
/// parameter chooses among the rows that exist.
pub trait MappingKey: Sized {
    /// Every key as written in the template, in declaration order.
    const KEYS: &'static [&'static str];
    /// Every variant, in declaration order.
    fn all() -> Vec<Self>;
    /// This variant's key.
    fn key(&self) -> &'static str;
}

/// A settings struct turned into a mapping (`#[derive(Mapping)]`): one row per key, one column per
/// field.
pub trait MappingTable: Sized {
    /// The key enum.
    type Key: MappingKey;
    /// The typed `Fn::FindInMap` accessors (generated as `<Name>Map`).
    type Accessors;
    /// The mapping's logical name.
    const NAME: &'static str;
    /// Writes this row's cells.
    fn row(&self, row: &mut MapRow);
    /// The accessors over the declared mapping.
    fn accessors(mapping: MappingRef) -> Self::Accessors;
}

/// The cells of one mapping row.
#[derive(Default)]
pub struct MapRow(Vec<(String, serde_json::Value)>);

impl MapRow {
    /// Adds one cell.
    pub fn cell<V: MapValue + ?Sized>(&mut self, name: &'static str, v: &V) {
        self.0.push((name.to_string(), v.to_json()));
    }
}

/// Types a mapping cell can hold, and the value type `Fn::FindInMap` reads back.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a mapping value",
    note = "mapping values are strings, numbers, booleans or lists of strings"
)]
pub trait MapValue {
    /// What `Fn::FindInMap` yields.
    type Out;
    /// The cell as template JSON.
    fn to_json(&self) -> serde_json::Value;
}

impl MapValue for String {
    type Out = String;
    fn to_json(&self) -> serde_json::Value {
        self.as_str().into()
    }
}
impl MapValue for &str {
    type Out = String;
    fn to_json(&self) -> serde_json::Value {
        (*self).into()
    }
}
impl MapValue for i64 {
    type Out = i64;
    fn to_json(&self) -> serde_json::Value {
        (*self).into()
    }
}
impl MapValue for f64 {
    type Out = f64;
    fn to_json(&self) -> serde_json::Value {
        (*self).into()
    }
}
impl MapValue for bool {
    type Out = bool;
    fn to_json(&self) -> serde_json::Value {
        (*self).into()
    }
}
impl MapValue for Vec<String> {
    type Out = Vec<String>;
    fn to_json(&self) -> serde_json::Value {
        self.clone().into()
    }
}
impl MapValue for Vec<&str> {
    type Out = Vec<String>;
    fn to_json(&self) -> serde_json::Value {
        self.clone().into()
    }
}

/// The value type an accessor of a cell of type `V` returns.
pub type MapOut<V> = Value<<V as MapValue>::Out>;

/// `{"Fn::FindInMap": [mapping, key, column]}`, typed.
pub fn find_in_map<K, T>(mapping: &MappingRef, key: impl Into<Value<K>>, column: &'static str) -> Value<T> {
    Value::from_expr(Expr::FindInMap(
        mapping.name().clone(),
        Box::new(key.into().into_expr()),
        Box::new(Expr::Str(Cow::Borrowed(column))),
        None,
    ))
}

impl<S> Stack<S> {
    /// Declares the mapping of a `#[derive(Mapping)]` settings struct: `table` is called once per
    /// key (write it as an exhaustive `match`), and the typed accessors are returned.
    pub fn mapping_table<M: MappingTable>(&mut self, table: impl Fn(M::Key) -> M) -> M::Accessors {
        let mut entries: IndexMap<String, IndexMap<String, serde_json::Value>> = IndexMap::new();
        for key in M::Key::all() {
            let name = key.key();
            let mut row = MapRow::default();
            table(key).row(&mut row);
            entries.insert(name.to_string(), row.0.into_iter().collect());
        }
        let m = self.mapping(M::NAME, Mapping { entries });
        M::accessors(m)
    }
}

/// A mapping key reads as the string it is (stack-wide tags, names, outputs):
/// `stack.tag("Environment", &p.environment)`.
impl<K: MappingKey> From<Value<K>> for Value<String> {
    fn from(v: Value<K>) -> Self {
        Value::from_expr(v.into_expr())
    }
}

/// See the impl for `Value<K>`.
impl<K: MappingKey> From<&Value<K>> for Value<String> {
    fn from(v: &Value<K>) -> Self {
        Value::from_expr(v.expr().clone())
    }
}

/// The key `k` as a literal value (what `#[derive(MappingKey)]` uses for `From<Key> for Value<Key>`).
pub fn key_value<K: MappingKey>(k: &K) -> Value<K> {
    Value::from_expr(Expr::Str(Cow::Borrowed(k.key())))
}
