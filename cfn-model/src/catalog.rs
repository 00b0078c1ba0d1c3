//! The generator's tables at run time (feature `catalog`): how every resource type of
//! [`crate::aws`] is spelled in Rust. Tools that write programs on this library (the importer,
//! `cfn-import`) ask it instead of keeping a list of their own, so a regenerated library is
//! described by its own catalog.
//!
//! The data is `catalog.json`, written by `cfn-codegen generate` next to the generated modules
//! and embedded here; it describes every service, whichever service features are enabled (a
//! program using a type needs that type's [`ResourceInfo::service`] feature).
//!
//! ```
//! use cfn_model::catalog::{Catalog, Kind, ValueKind};
//!
//! let cat = Catalog::get();
//! let sg = cat.resource("AWS::EC2::SecurityGroup").expect("in the catalog");
//! assert_eq!((sg.service.as_str(), sg.name.as_str()), ("ec2", "SecurityGroup"));
//! let vpc = sg.main.field("VpcId").expect("a property");
//! assert_eq!(vpc.rust, "vpc_id");
//! assert!(matches!(&vpc.kind, Kind::Value(ValueKind::Ref(r)) if r.path == "ec2::Vpc"));
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// Every resource type and reference union of the generated code.
#[derive(Debug, Deserialize)]
pub struct Catalog {
    /// By service, then type name.
    pub resources: Vec<ResourceInfo>,
    /// The shared reference unions of `aws::refs`.
    pub unions: Vec<UnionInfo>,
    #[serde(skip)]
    by_type: HashMap<String, usize>,
}

/// One resource type.
#[derive(Debug, Deserialize)]
pub struct ResourceInfo {
    /// `AWS::EC2::SecurityGroup`.
    pub type_name: String,
    /// `ec2`: the module under `aws` and the feature that compiles it.
    pub service: String,
    /// `SecurityGroup`: the struct.
    pub name: String,
    /// `security_group`: the module of its property types and enums (`aws::ec2::security_group`).
    pub module: String,
    /// The parameter types of its id and of a list of ids (`AWS::EC2::VPC::Id`,
    /// `List<AWS::EC2::VPC::Id>`; `String`, `CommaDelimitedList` for most types).
    pub id_parameter_types: (String, String),
    /// How it takes tags.
    pub tagging: Option<Tagging>,
    /// The resource's own properties.
    pub main: StructInfo,
    /// Its property types, by name.
    pub structs: Vec<StructInfo>,
    /// Its enums.
    pub enums: Vec<EnumInfo>,
    /// Its `Fn::GetAtt` attributes with a method on the handle.
    pub attributes: Vec<AttributeInfo>,
}

/// How a resource takes tags.
#[derive(Debug, Deserialize)]
pub enum Tagging {
    /// A list of `{Key, Value}` in this property.
    List(String),
    /// A map in this property.
    Map(String),
}

/// A struct: the resource itself or one of its property types.
#[derive(Debug, Deserialize)]
pub struct StructInfo {
    /// The Rust name.
    pub name: String,
    /// The `…Required` struct `new` takes when there are many required properties; `None`: the
    /// required properties are `new`'s arguments, in field order.
    pub required_struct: Option<String>,
    /// Every settable property, in field order.
    pub fields: Vec<FieldInfo>,
}

/// A property.
#[derive(Debug, Deserialize)]
pub struct FieldInfo {
    /// The CloudFormation name (`VpcId`).
    pub json: String,
    /// The field and setter (`vpc_id`).
    pub rust: String,
    /// What it holds.
    pub kind: Kind,
    /// A constructor argument (or a field of the `…Required` struct).
    pub required: bool,
    /// Held in a `Box` (recursive property types); setters and constructors take it unboxed.
    pub boxed: bool,
}

/// What a property holds.
#[derive(Debug, Deserialize)]
pub enum Kind {
    /// A `Value<T>`; setters take `impl IntoValue<T>` (or the special traits of [`ValueKind`]).
    Value(ValueKind),
    /// A property type of the resource's module; setters take it.
    Struct(String),
    /// A list of a property type; setters take `impl IntoIterator<Item = …>`.
    StructList(String),
    /// A map from strings; setters take `impl IntoIterator<Item = (K, V)>`.
    Map(Box<Kind>),
}

/// The `T` of a `Value<T>`.
#[derive(Debug, Deserialize)]
pub enum ValueKind {
    /// `String`.
    String,
    /// `i64`.
    Int,
    /// `f64`.
    Num,
    /// `bool`.
    Bool,
    /// `Json`: any JSON.
    Json,
    /// `SecretString`: setters take `impl IntoSecretString`.
    Secret,
    /// An ordering-evidence marker (`MountedFileSystemId`, …) only a safe construct yields;
    /// setters take `impl Into{marker}`.
    Evidence(String),
    /// A typed reference.
    Ref(RefTarget),
    /// A reference to any of several types: the trait of `aws::refs` (its [`UnionInfo`]); setters
    /// take `impl aws::refs::{name}`, the field holds a `Value<String>`.
    Union(String),
    /// An enum of the resource's module.
    Enum(String),
    /// `Vec<T>`.
    List(Box<ValueKind>),
}

/// A typed reference: `Id<path>`, `Arn<path>`, `Name<path>` or `Attr<path, attr>`.
#[derive(Debug, Deserialize)]
pub struct RefTarget {
    /// `Id`, `Arn`, `Name` or `Attr`.
    pub marker: String,
    /// The target, relative to `aws` (`ec2::Vpc`).
    pub path: String,
    /// For `Attr`, the attribute marker (`amplify::app::AppIdAttribute`).
    #[serde(default)]
    pub attr: Option<String>,
}

/// An enum of a resource's module.
#[derive(Debug, Deserialize)]
pub struct EnumInfo {
    /// The Rust name.
    pub name: String,
    /// `(variant, CloudFormation value)`.
    pub variants: Vec<(String, String)>,
}

/// A `Fn::GetAtt` attribute.
#[derive(Debug, Deserialize)]
pub struct AttributeInfo {
    /// `Endpoint.Address`.
    pub name: String,
    /// The handle's method (`endpoint_address`).
    pub method: String,
    /// The method's `Value<T>`.
    pub kind: ValueKind,
}

/// A reference union of `aws::refs`.
#[derive(Debug, Deserialize)]
pub struct UnionInfo {
    /// The trait (`AliasOrKeyRef`).
    pub name: String,
    /// What implements it: each target's value and, for `Id`, its handle.
    pub targets: Vec<RefTarget>,
}

static CATALOG: OnceLock<Catalog> = OnceLock::new();

impl Catalog {
    /// The catalog (parsed once, on first use).
    pub fn get() -> &'static Catalog {
        CATALOG.get_or_init(|| {
            // Written by the generator and checked by its tests: a parse failure is a build defect.
            let mut cat: Catalog = match serde_json::from_str(include_str!("catalog.json")) {
                Ok(cat) => cat,
                Err(e) => panic!(
                    "cfn-model/src/catalog.json does not parse ({e}): run `cargo run -p cfn-codegen -- generate`"
                ),
            };
            cat.by_type = cat
                .resources
                .iter()
                .enumerate()
                .map(|(i, r)| (r.type_name.clone(), i))
                .collect();
            cat
        })
    }

    /// The resource type named `type_name` (`AWS::EC2::VPC`).
    pub fn resource(&self, type_name: &str) -> Option<&ResourceInfo> {
        self.by_type.get(type_name).map(|&i| &self.resources[i])
    }

    /// The union trait named `name`.
    pub fn union(&self, name: &str) -> Option<&UnionInfo> {
        self.unions.iter().find(|u| u.name == name)
    }
}

impl ResourceInfo {
    /// The property type named `name`.
    pub fn structure(&self, name: &str) -> Option<&StructInfo> {
        self.structs.iter().find(|s| s.name == name)
    }

    /// The enum named `name`.
    pub fn enumeration(&self, name: &str) -> Option<&EnumInfo> {
        self.enums.iter().find(|e| e.name == name)
    }

    /// The attribute named `name` (`Endpoint.Address`).
    pub fn attribute(&self, name: &str) -> Option<&AttributeInfo> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// `ec2::SecurityGroup`: the path under `aws`.
    pub fn path(&self) -> String {
        format!("{}::{}", self.service, self.name)
    }
}

impl StructInfo {
    /// The property whose CloudFormation name is `json`.
    pub fn field(&self, json: &str) -> Option<&FieldInfo> {
        self.fields.iter().find(|f| f.json == json)
    }
}

impl EnumInfo {
    /// The variant whose CloudFormation value is `value`.
    pub fn variant(&self, value: &str) -> Option<&str> {
        self.variants.iter().find(|(_, v)| v == value).map(|(n, _)| n.as_str())
    }
}
