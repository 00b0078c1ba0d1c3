//! The stack builder: the only way to get a reference to a resource is to add it first.

use std::borrow::Cow;
use std::marker::PhantomData;

use indexmap::IndexMap;

use crate::expr::{Expr, Ident, Key, Mention};
use crate::idmap::IdMap;
use crate::resource::{Attributes, Constraint, Resource, Tagging};
use crate::value::{Cond, Id, Value};

/// The default stack marker, for programs with a single stack.
pub struct Root;

/// A reference to a resource added to a `Stack<S>`. Only [`Stack::add`] hands one out, so every
/// reference points at a resource that already exists: the resource graph is acyclic by
/// construction. `S` is the stack's marker type, so a handle cannot be used with another stack.
pub struct Handle<R, S = Root> {
    name: Ident,
    _p: PhantomData<fn() -> (R, S)>,
}

impl<R, S> Clone for Handle<R, S> {
    fn clone(&self) -> Self {
        Handle {
            name: self.name.clone(),
            _p: PhantomData,
        }
    }
}

impl<R, S> std::fmt::Debug for Handle<R, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Handle({})", self.name)
    }
}

impl<R, S> Handle<R, S> {
    /// The resource's logical id.
    pub fn logical_id(&self) -> &str {
        &self.name
    }

    /// The logical id as a shared name.
    pub fn name(&self) -> &Ident {
        &self.name
    }

    /// `{"Ref": id}` typed as the reference of an `R`.
    pub fn id(&self) -> Value<Id<R>> {
        Value::from_expr(Expr::Ref(self.name.clone()))
    }

    /// `{"Fn::GetAtt": [id, attribute]}`. Generated code offers a typed method per attribute; use
    /// this for attributes newer than the schemas.
    pub fn get_att<T>(&self, attribute: &'static str) -> Value<T> {
        Value::from_expr(Expr::GetAtt(self.name.clone(), Cow::Borrowed(attribute)))
    }

    /// A value that carries no data, only the ordering on this resource: combine it with
    /// [`Value::after`] to make another value wait for it.
    pub fn ready(&self) -> Ident {
        self.name.clone()
    }

    pub(crate) fn new(name: Ident) -> Self {
        Handle { name, _p: PhantomData }
    }
}

impl<R, S> From<&Handle<R, S>> for Value<Id<R>> {
    fn from(h: &Handle<R, S>) -> Self {
        h.id()
    }
}

/// A resource as the template model holds it: untyped, with its attributes and computed ordering.
#[derive(Clone, Debug)]
pub struct ResourceDef {
    /// The `Type`.
    pub type_name: Cow<'static, str>,
    /// The `Properties`.
    pub properties: Vec<(Key, Expr)>,
    /// Where stack-wide tags go.
    pub tagging: Tagging,
    /// Literal constraints for the validator.
    pub constraints: &'static [Constraint],
    /// Explicit plus evidence-derived `DependsOn`, sorted, deduplicated, without implied ones.
    pub depends_on: Vec<Ident>,
    /// `Condition`.
    pub condition: Option<Ident>,
    /// `DeletionPolicy`.
    pub deletion_policy: Option<crate::resource::Policy>,
    /// `UpdateReplacePolicy`.
    pub update_replace_policy: Option<crate::resource::Policy>,
    /// `CreationPolicy` (boxed: rare, and every resource would carry its size).
    pub creation_policy: Option<Box<Expr>>,
    /// `UpdatePolicy` (boxed, as `creation_policy`).
    pub update_policy: Option<Box<Expr>>,
    /// `Metadata`.
    pub metadata: Vec<(Key, Expr)>,
    /// Resource attributes without a typed form (`Version` of a custom resource, a
    /// `DeletionPolicy` chosen by `Fn::If`), from [`Attributes::raw_attribute`].
    ///
    /// [`Attributes::raw_attribute`]: crate::Attributes::raw_attribute
    pub raw_attributes: Vec<(Key, Expr)>,
    /// The nested template, for `AWS::CloudFormation::Stack` resources made by [`Stack::nested`].
    pub nested: Option<Box<Template>>,
}

/// A declared parameter.
#[derive(Clone, Debug, Default)]
pub struct ParameterDef {
    /// `Type`.
    pub type_name: Cow<'static, str>,
    /// `Description`.
    pub description: Option<String>,
    /// `Default`.
    pub default: Option<serde_json::Value>,
    /// `AllowedValues`.
    pub allowed_values: Vec<serde_json::Value>,
    /// `AllowedPattern`.
    pub allowed_pattern: Option<String>,
    /// `MinLength`.
    pub min_length: Option<u64>,
    /// `MaxLength`.
    pub max_length: Option<u64>,
    /// `MinValue`.
    pub min_value: Option<f64>,
    /// `MaxValue`.
    pub max_value: Option<f64>,
    /// `ConstraintDescription`.
    pub constraint_description: Option<String>,
    /// `NoEcho`.
    pub no_echo: bool,
}

/// A declared output.
#[derive(Clone, Debug)]
pub struct OutputDef {
    /// `Value`.
    pub value: Expr,
    /// `Description`.
    pub description: Option<String>,
    /// `Export.Name`.
    pub export: Option<Expr>,
    /// `Condition`.
    pub condition: Option<Ident>,
}

/// A problem found while building, reported by the validator with everything else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    /// The logical id concerned.
    pub logical_id: String,
    /// What is wrong and what to do.
    pub message: String,
}

/// The untyped template model a `Stack` builds; the emitter reads it.
#[derive(Clone, Debug, Default)]
pub struct Template {
    /// `Description`.
    pub description: Option<String>,
    /// `Transform`.
    pub transform: Vec<String>,
    /// Template-level `Metadata`.
    pub metadata: Vec<(Key, Expr)>,
    /// `Parameters`.
    pub parameters: IdMap<ParameterDef>,
    /// `Mappings`: map → top key → second key → value.
    pub mappings: IdMap<IndexMap<String, IndexMap<String, serde_json::Value>>>,
    /// `Conditions`.
    pub conditions: IdMap<Expr>,
    /// `Resources`.
    pub resources: IdMap<ResourceDef>,
    /// `Outputs`.
    pub outputs: IdMap<OutputDef>,
    /// Sections without a typed form (`Rules`, SAM's `Globals`), as raw JSON: see
    /// [`Stack::raw_section`].
    pub raw_sections: Vec<(String, serde_json::Value)>,
    /// Stack-wide tags, applied to every taggable resource on emission (a resource's own tag of
    /// the same key wins).
    pub tags: Vec<(String, Expr)>,
    /// Problems found while building (duplicate ids, …).
    pub build_errors: Vec<BuildError>,
    /// Rules declared with [`Stack::enforce`]; they also apply to the stacks nested under this one.
    pub rules: Vec<crate::rules::RuleRef>,
    /// Automatic nesting, when turned on with [`Stack::auto_nest`].
    pub auto_nest: Option<crate::AutoNest>,
}

/// A template under construction. `S` is a marker type naming the stack (use [`Root`] for a
/// single-stack program); handles carry it, so a handle of one stack does not type-check in
/// another.
///
/// ```
/// use cfn_model::prelude::*;
/// let mut s: Stack = Stack::new();
/// let topic = s.add("Alerts", RawResource::new("AWS::SNS::Topic", serde_json::json!({})));
/// s.output("AlertsTopic", Output::new(topic.id()));
/// ```
pub struct Stack<S = Root> {
    template: Template,
    _s: PhantomData<fn() -> S>,
}

impl<S> Default for Stack<S> {
    fn default() -> Self {
        Stack {
            template: Template::default(),
            _s: PhantomData,
        }
    }
}

impl<S> Stack<S> {
    /// An empty stack.
    pub fn new() -> Self {
        Stack::default()
    }

    /// The template model built so far.
    pub fn template(&self) -> &Template {
        &self.template
    }

    /// The template model, for the typed interfaces (`interface`, `table`, `nested`) that merge
    /// into sections the builder methods only append to.
    pub(crate) fn template_mut(&mut self) -> &mut Template {
        &mut self.template
    }

    /// Consumes the stack, giving its template model.
    pub fn into_template(self) -> Template {
        self.template
    }

    /// Sets the template `Description`.
    pub fn description(&mut self, d: impl Into<String>) -> &mut Self {
        self.template.description = Some(d.into());
        self
    }

    /// Adds a `Transform` (e.g. `AWS::LanguageExtensions`).
    pub fn transform(&mut self, t: impl Into<String>) -> &mut Self {
        self.template.transform.push(t.into());
        self
    }

    /// Adds a template-level `Metadata` entry.
    pub fn metadata(&mut self, key: impl Into<Cow<'static, str>>, v: serde_json::Value) -> &mut Self {
        self.template.metadata.push((key.into(), Expr::from_json(v)));
        self
    }

    /// Escape hatch: a top-level template section this library has no typed form for (`Rules`,
    /// SAM's `Globals`), written as given after `Conditions`. Setting a section twice replaces it.
    /// `validate` does not look inside.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// s.raw_section("Rules", serde_json::json!({"ProdOnly": {"Assertions": []}}));
    /// ```
    pub fn raw_section(&mut self, name: impl Into<String>, v: serde_json::Value) -> &mut Self {
        let name = name.into();
        self.template.raw_sections.retain(|(n, _)| *n != name);
        self.template.raw_sections.push((name, v));
        self
    }

    /// A stack-wide tag: every taggable resource gets it (a resource's own tag of that key wins).
    pub fn tag(&mut self, key: impl Into<String>, value: impl Into<Value<String>>) -> &mut Self {
        self.template.tags.push((key.into(), value.into().into_expr()));
        self
    }

    fn check_new_id(&mut self, id: &str, what: &str) -> bool {
        let taken = self.template.resources.contains_key(id) || self.template.parameters.contains_key(id);
        if taken {
            self.template.build_errors.push(BuildError {
                logical_id: id.to_string(),
                message: format!(
                    "the logical id `{id}` is used twice (resources and parameters share one namespace); give this {what} another id"
                ),
            });
        }
        !taken
    }

    /// Adds a resource and returns the only handle through which it can be referenced.
    ///
    /// The ordering evidence carried by its property values becomes `DependsOn` (sorted,
    /// deduplicated, leaving out what its `Ref`s and `GetAtt`s already imply).
    pub fn add<R: Resource>(&mut self, logical_id: &str, resource: R) -> Handle<R, S> {
        self.add_with(logical_id, resource, Attributes::new())
    }

    /// [`Stack::add`] with resource attributes (`DependsOn`, `Condition`, policies, `Metadata`).
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// let t = s.add_with(
    ///     "Table",
    ///     RawResource::new("AWS::SNS::Topic", serde_json::json!({})),
    ///     Attributes::new().retain_data(Policy::Retain),
    /// );
    /// ```
    pub fn add_with<R: Resource>(&mut self, logical_id: &str, resource: R, attrs: Attributes) -> Handle<R, S> {
        let name: Ident = logical_id.into();
        let type_name = resource.type_name();
        let tagging = resource.tagging();
        let mut properties = resource.into_properties().0;
        for (key, value) in attrs.raw_properties {
            match properties.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => properties.push((key, value)),
            }
        }
        let def = ResourceDef {
            type_name,
            depends_on: Vec::new(),
            tagging,
            constraints: R::CONSTRAINTS,
            condition: attrs.condition,
            deletion_policy: attrs.deletion_policy,
            update_replace_policy: attrs.update_replace_policy,
            creation_policy: attrs.creation_policy.map(Box::new),
            update_policy: attrs.update_policy.map(Box::new),
            metadata: attrs.metadata,
            raw_attributes: attrs.raw_attributes,
            properties,
            nested: None,
        };
        self.insert(name.clone(), def, attrs.depends_on);
        Handle::new(name)
    }

    fn insert(&mut self, name: Ident, mut def: ResourceDef, explicit: Vec<Ident>) {
        def.depends_on = compute_depends_on(&name, &def, explicit);
        let in_parameters = !self.template.parameters.is_empty() && self.template.parameters.contains_key(&name);
        match self.template.resources.entry(name) {
            indexmap::map::Entry::Vacant(v) if !in_parameters => {
                v.insert(def);
            }
            e => {
                let id = e.key().to_string();
                self.check_new_id(&id, "resource");
            }
        }
    }

    /// Declares a parameter and returns it for use in values.
    ///
    /// ```
    /// use cfn_model::prelude::*;
    /// let mut s: Stack = Stack::new();
    /// let env = s.parameter("Environment", Parameter::string().allowed(["dev", "prod"]).default("dev"));
    /// let v: Value<String> = env.value();
    /// ```
    pub fn parameter<T>(&mut self, name: &str, p: crate::Parameter<T>) -> crate::Param<T> {
        let n: Ident = name.into();
        if self.check_new_id(name, "parameter") {
            self.template.parameters.insert(n.clone(), p.def);
        }
        crate::Param::new(n)
    }

    /// Declares a condition.
    pub fn condition(&mut self, name: &str, expr: impl Into<Value<Cond>>) -> crate::Condition {
        let n: Ident = name.into();
        if self.template.conditions.contains_key(name) {
            self.template.build_errors.push(BuildError {
                logical_id: name.to_string(),
                message: format!("the condition `{name}` is declared twice; give one another name"),
            });
        } else {
            self.template.conditions.insert(n.clone(), expr.into().into_expr());
        }
        crate::Condition::new(n)
    }

    /// Declares a mapping.
    pub fn mapping(&mut self, name: &str, m: crate::Mapping) -> crate::MappingRef {
        let n: Ident = name.into();
        if self.template.mappings.contains_key(name) {
            self.template.build_errors.push(BuildError {
                logical_id: name.to_string(),
                message: format!("the mapping `{name}` is declared twice; give one another name"),
            });
        } else {
            self.template.mappings.insert(n.clone(), m.entries);
        }
        crate::MappingRef::new(n)
    }

    /// Declares an output.
    pub fn output(&mut self, name: &str, o: crate::Output) -> &mut Self {
        if self.template.outputs.contains_key(name) {
            self.template.build_errors.push(BuildError {
                logical_id: name.to_string(),
                message: format!("the output `{name}` is declared twice; give one another name"),
            });
        } else {
            self.template.outputs.insert(name.into(), o.def);
        }
        self
    }

    /// Adds a nested stack (`AWS::CloudFormation::Stack`) holding `child`'s template. `parameters`
    /// are passed to the child; its outputs are read with [`NestedStack::output`]. The emitter
    /// writes the child as its own file and fills in `TemplateURL`.
    pub fn nested<C>(
        &mut self,
        logical_id: &str,
        child: Stack<C>,
        parameters: impl IntoIterator<Item = (&'static str, Value<String>)>,
        attrs: Attributes,
    ) -> NestedStack<C, S> {
        let name: Ident = logical_id.into();
        let params: Vec<(Key, Expr)> = parameters
            .into_iter()
            .map(|(k, v)| (Cow::Borrowed(k), v.into_expr()))
            .collect();
        let mut properties: Vec<(Key, Expr)> = Vec::new();
        // Placeholder; the emitter substitutes the file name or URL of the child template.
        properties.push((Cow::Borrowed("TemplateURL"), Expr::str("")));
        if !params.is_empty() {
            properties.push((Cow::Borrowed("Parameters"), Expr::Object(params)));
        }
        let def = ResourceDef {
            type_name: Cow::Borrowed("AWS::CloudFormation::Stack"),
            properties,
            tagging: Tagging::List("Tags"),
            constraints: &[],
            depends_on: Vec::new(),
            condition: attrs.condition,
            deletion_policy: attrs.deletion_policy,
            update_replace_policy: attrs.update_replace_policy,
            creation_policy: attrs.creation_policy.map(Box::new),
            update_policy: attrs.update_policy.map(Box::new),
            metadata: attrs.metadata,
            raw_attributes: attrs.raw_attributes,
            nested: Some(Box::new(child.template)),
        };
        self.insert(name.clone(), def, attrs.depends_on);
        NestedStack { name, _p: PhantomData }
    }
}

/// A nested stack added with [`Stack::nested`].
pub struct NestedStack<C, S = Root> {
    name: Ident,
    _p: PhantomData<fn() -> (C, S)>,
}

impl<C, S> NestedStack<C, S> {
    /// The logical id.
    pub fn logical_id(&self) -> &str {
        &self.name
    }

    /// `{"Fn::GetAtt": [child, "Outputs.NAME"]}`. The validator checks that the child declares it.
    pub fn output<T>(&self, name: &str) -> Value<T> {
        Value::from_expr(Expr::GetAtt(self.name.clone(), Cow::Owned(format!("Outputs.{name}"))))
    }
}

/// DependsOn = explicit ∪ evidence, minus self, minus names the properties already reference.
fn compute_depends_on<'a>(me: &Ident, def: &'a ResourceDef, explicit: Vec<Ident>) -> Vec<Ident> {
    // Most resources carry no ordering evidence: nothing to compute then.
    let mut evidence = false;
    let mut find = |m: Mention<'a>| evidence |= matches!(m, Mention::After(_));
    for (_, e) in &def.properties {
        e.mentions(&mut find);
    }
    for e in def.creation_policy.iter().chain(def.update_policy.iter()) {
        e.mentions(&mut find);
    }
    if !evidence && explicit.is_empty() {
        return explicit;
    }
    let mut deps = explicit;
    let mut referenced: Vec<&'a str> = Vec::new();
    let mut visit = |m: Mention<'a>| match m {
        Mention::After(d) => deps.push(d.into()),
        Mention::Ref(n) | Mention::GetAtt(n, _) => referenced.push(n),
        _ => {}
    };
    // Evidence in properties, in attribute expressions too.
    for (_, e) in &def.properties {
        e.mentions(&mut visit);
    }
    for e in def.creation_policy.iter().chain(def.update_policy.iter()) {
        e.mentions(&mut visit);
    }
    deps.retain(|d| d != me && !referenced.contains(&&**d));
    deps.sort();
    deps.dedup();
    deps
}
