//! Typed nested stacks: a child is a type with [`ChildStack::Params`] and [`ChildStack::Outputs`];
//! a parent instantiates it with [`Stack::nest`], passing a fully filled parameter struct, and gets
//! the child's outputs back typed.
//!
//! ```
//! use cfn_model::interface::{OutputDecl, Outputs, Parameters};
//! use cfn_model::prelude::*;
//!
//! /// A child stack with no parameters and one output (written by hand here; the derives
//! /// `Parameters` and `Outputs` generate the same).
//! struct Topics;
//! struct TopicOutputs {
//!     arn: Value<Arn<()>>,
//! }
//! impl Outputs for TopicOutputs {
//!     fn declare<S>(self, s: &mut Stack<S>) {
//!         OutputDecl::new("Arn", self.arn).declare(s)
//!     }
//!     fn read(nested: &cfn_model::Ident) -> Self {
//!         TopicOutputs { arn: cfn_model::interface::OutputField::read(nested, "Arn") }
//!     }
//! }
//! impl ChildStack for Topics {
//!     type Params = ();
//!     type Outputs = TopicOutputs;
//!     fn build(s: &mut Stack<Self>, _: &()) -> TopicOutputs {
//!         let t = s.add("Topic", RawResource::new("AWS::SNS::Topic", serde_json::json!({})));
//!         TopicOutputs { arn: Arn::external(t.id()) }
//!     }
//! }
//!
//! let mut root: Stack = Stack::new();
//! let topics = root.nest::<Topics>("Topics", ());
//! let arn: Value<Arn<()>> = topics.outputs().arn.clone(); // {"Fn::GetAtt": ["Topics", "Outputs.Arn"]}
//! ```

use crate::expr::Ident;
use crate::interface::{Outputs, Parameters};
use crate::resource::{Attributes, Policy};
use crate::stack::{NestedStack, Root, Stack};

/// A stack that a parent can nest: its marker type (the `S` of its `Stack<S>`), its parameters
/// and its outputs.
///
/// `build` receives the declared parameters (a `#[derive(Parameters)]` struct) and returns the
/// outputs (a `#[derive(Outputs)]` struct); the parent sees the same outputs struct, each field a
/// typed `Fn::GetAtt Child.Outputs.Name`. A child may nest further children.
pub trait ChildStack: Sized {
    /// The parameters; a parent passes `<Self::Params as Parameters>::Args`.
    type Params: Parameters;
    /// The outputs.
    type Outputs: Outputs;

    /// Builds the child's resources.
    fn build(stack: &mut Stack<Self>, params: &Self::Params) -> Self::Outputs;

    /// The child's template `Description`.
    fn description() -> Option<&'static str> {
        None
    }

    /// The child as a stack of its own (parameters declared, built, outputs declared): for tests,
    /// or to deploy it alone.
    fn stack() -> Stack<Self> {
        let mut s: Stack<Self> = Stack::new();
        if let Some(d) = Self::description() {
            s.description(d);
        }
        let params = Self::Params::declare(&mut s);
        let outputs = Self::build(&mut s, &params);
        outputs.declare(&mut s);
        s
    }
}

/// A nested stack added with [`Stack::nest`]: its logical id and its outputs as the parent reads
/// them.
pub struct NestedHandle<C: ChildStack, S = Root> {
    stack: NestedStack<C, S>,
    name: Ident,
    outputs: C::Outputs,
}

impl<C: ChildStack, S> NestedHandle<C, S> {
    /// The outputs, each a typed `Fn::GetAtt [id, "Outputs.Name"]`.
    pub fn outputs(&self) -> &C::Outputs {
        &self.outputs
    }

    /// The outputs, by value.
    pub fn into_outputs(self) -> C::Outputs {
        self.outputs
    }

    /// The logical id of the `AWS::CloudFormation::Stack` resource.
    pub fn logical_id(&self) -> &str {
        self.stack.logical_id()
    }

    /// The untyped nested stack (to read an output by name).
    pub fn untyped(&self) -> &NestedStack<C, S> {
        &self.stack
    }

    /// Ordering on this nested stack, for [`Value::after`](crate::Value::after).
    pub fn ready(&self) -> Ident {
        self.name.clone()
    }
}

impl<S> Stack<S> {
    /// Nests the child stack `C` under `logical_id`, passing `args`: every parameter of `C`,
    /// typed (a missing or mistyped one does not compile). Lists are joined (nested-stack
    /// parameters are strings). Returns the child's outputs as typed `Fn::GetAtt` values.
    ///
    /// The emitter writes the child as its own template file and fills in `TemplateURL`. The
    /// nested stack gets explicit `DeletionPolicy` and `UpdateReplacePolicy` `Delete` (what
    /// CloudFormation does anyway; cfn-lint asks for it to be written out); use
    /// [`Stack::nest_with`] to choose other attributes.
    pub fn nest<C: ChildStack>(
        &mut self,
        logical_id: &str,
        args: <C::Params as Parameters>::Args,
    ) -> NestedHandle<C, S> {
        self.nest_with(logical_id, args, Attributes::new().retain_data(Policy::Delete))
    }

    /// [`Stack::nest`] with resource attributes (`Condition`, `DependsOn`, policies).
    pub fn nest_with<C: ChildStack>(
        &mut self,
        logical_id: &str,
        args: <C::Params as Parameters>::Args,
        attrs: Attributes,
    ) -> NestedHandle<C, S> {
        let child = C::stack();
        let params = C::Params::pass(args);
        let stack = self.nested(logical_id, child, params, attrs);
        let name: Ident = logical_id.into();
        let outputs = C::Outputs::read(&name);
        NestedHandle { stack, name, outputs }
    }
}
