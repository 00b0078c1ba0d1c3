//! The intermediate representation between schemas and Rust source.

use std::collections::{BTreeMap, BTreeSet};

use crate::formats::Marker;

/// The phantom `T` of a `Value<T>`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Vt {
    String,
    Int,
    Num,
    Bool,
    Json,
    /// A secret string (`SecretString`): passwords.
    Secret,
    /// A marker only a safe construct yields (`MountedFileSystemId`, …, `formats::EVIDENCE`).
    Evidence(&'static str),
    /// A typed reference to a resource type (its Rust path, e.g. `crate::aws::ec2::Vpc`).
    Ref(Marker, String),
    /// A reference to any of several resource types (`relationshipRefs` naming more than one):
    /// the name of the trait in the resource's property-type module that each target implements
    /// (see [`UnionDef`]). The field holds a `Value<String>`.
    Union(String),
    /// An enum of the resource's property-type module.
    Enum(String),
    Vec(Box<Vt>),
}

/// The Rust type of a field.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fty {
    /// `Value<T>`.
    Value(Vt),
    /// A property type of the resource's module.
    Struct(String),
    /// `Vec<PropertyType>`.
    StructVec(String),
    /// `IndexMap<String, …>` of values or property types.
    Map(Box<Fty>),
}

/// Literal constraints of one schema node.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cons {
    pub pattern: Option<String>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub one_of: Vec<String>,
}

impl Cons {
    pub fn is_empty(&self) -> bool {
        *self == Cons::default()
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    /// The CloudFormation property name.
    pub json: String,
    /// The Rust field (and setter) name, escaped.
    pub rust: String,
    pub ty: Fty,
    pub required: bool,
    /// `Box` the property type (recursive types).
    pub boxed: bool,
    pub doc: String,
    /// Extra doc lines (accepted formats, replacement, …).
    pub notes: Vec<String>,
    /// Constraints by path suffix (`""` for the value itself, `"/*"` for list items or map values).
    pub cons: Vec<(String, Cons)>,
}

#[derive(Clone, Debug)]
pub struct StructDef {
    pub name: String,
    /// The schema name (definition key or property name), for docs.
    pub schema_name: String,
    pub doc: String,
    pub fields: Vec<Field>,
    /// Name of the `…Required` struct when there are more than [`MAX_ARGS`] required fields.
    pub required_struct: Option<String>,
    /// Every property is read-only: fields of this type are dropped (they cannot be set).
    pub all_read_only: bool,
}

/// At most this many required properties become constructor arguments; more go into a
/// `…Required` struct.
pub const MAX_ARGS: usize = 3;

#[derive(Clone, Debug)]
pub struct EnumDef {
    pub name: String,
    pub doc: String,
    /// (variant, value), in schema order.
    pub variants: Vec<(String, String)>,
}

#[derive(Clone, Debug)]
pub struct Attr {
    /// `Endpoint.Address`.
    pub name: String,
    /// `endpoint_address`.
    pub method: String,
    pub vt: Vt,
    pub doc: String,
}

/// A trait of the property-type module taken by properties that reference any of several types.
#[derive(Clone, Debug)]
pub struct UnionDef {
    /// `AliasOrKeyRef` (after `pipeline::share_unions`; the lowerer's local name before).
    pub name: String,
    /// The property it was first made for (`GatewayId`), for docs.
    pub property: String,
    /// The references it accepts: (marker, Rust path of the target, the target's service).
    pub alts: Vec<(Marker, String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tagging {
    None,
    List(String),
    Map(String),
}

#[derive(Clone, Debug)]
pub struct ResourceIr {
    pub type_name: String,
    pub service: String,
    /// `SecurityGroup`.
    pub name: String,
    /// `security_group`, the module of its property types (escaped).
    pub module: String,
    pub doc: String,
    pub doc_url: String,
    pub source_url: Option<String>,
    pub main: StructDef,
    pub structs: BTreeMap<String, StructDef>,
    pub enums: BTreeMap<String, EnumDef>,
    pub attrs: Vec<Attr>,
    pub tagging: Tagging,
    pub constraints: Vec<(String, Cons)>,
    /// Services its typed references point to (other than its own).
    pub refs: BTreeSet<String>,
    /// Reference unions its fields take (named by the lowerer; `pipeline` gives each set of
    /// alternatives one shared trait in `aws/refs.rs` and renames the fields' `Vt::Union`).
    pub unions: Vec<UnionDef>,
    /// Markers of attributes other resources take (`AppIdAttribute`, `AppId`), in the
    /// property-type module.
    pub attr_markers: Vec<(String, String)>,
    /// Typed reference fields: (on the resource itself, on its property types).
    pub typed_fields: (usize, usize),
    /// Where the schema's format and the service database disagree (generation fails on any).
    pub conflicts: Vec<String>,
}

impl ResourceIr {
    pub fn has_submodule(&self) -> bool {
        !self.structs.is_empty() || !self.enums.is_empty() || !self.attr_markers.is_empty()
    }
}
