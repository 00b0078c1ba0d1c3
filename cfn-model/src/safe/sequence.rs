//! Resources AWS says must be created one at a time (Organizations accounts, Security Lake log
//! sources, Kinesis Analytics V2 outputs of one application, DynamoDB tables with indexes,
//! SageMaker image versions of one image, GuardDuty filters in rank order): [`Stack::sequence`]
//! adds them as a chain, each with `DependsOn` on the one before. `validate` warns
//! (`sequence-order`) when such resources are not chained (`cfn_model::aws_data::orderings`).
//!
//! ```
//! use cfn_model::prelude::*;
//!
//! let mut s: Stack = Stack::new();
//! let mut accounts = s.sequence();
//! let dev = accounts.add("Dev", RawResource::new("AWS::Organizations::Account",
//!     serde_json::json!({"AccountName": "dev", "Email": "dev@example.com"})));
//! accounts.add("Prod", RawResource::new("AWS::Organizations::Account",
//!     serde_json::json!({"AccountName": "prod", "Email": "prod@example.com"})));
//! assert_eq!(&*s.template().resources["Prod"].depends_on[0], "Dev");
//! assert!(s.template().resources["Dev"].depends_on.is_empty());
//! # let _ = dev;
//! ```

use crate::expr::Ident;
use crate::resource::{Attributes, Resource};
use crate::stack::{Handle, Stack};

/// A chain of resources created one at a time: made by [`Stack::sequence`]. Each resource added
/// through it waits for the one added before.
pub struct Sequence<'a, S> {
    stack: &'a mut Stack<S>,
    last: Option<Ident>,
}

impl<S> Stack<S> {
    /// Starts a chain of resources created one at a time (see [`Sequence`]).
    pub fn sequence(&mut self) -> Sequence<'_, S> {
        Sequence {
            stack: self,
            last: None,
        }
    }
}

impl<S> Sequence<'_, S> {
    /// Starts the chain after `first`, a resource already added (the next one waits for it).
    pub fn after<R>(mut self, first: &Handle<R, S>) -> Self {
        self.last = Some(first.name().clone());
        self
    }

    /// Adds `resource` as `logical_id`, waiting for the resource added before it.
    pub fn add<R: Resource>(&mut self, logical_id: &str, resource: R) -> Handle<R, S> {
        self.add_with(logical_id, resource, Attributes::new())
    }

    /// [`Sequence::add`] with resource attributes (`DependsOn` on the previous resource is added
    /// to those given).
    pub fn add_with<R: Resource>(&mut self, logical_id: &str, resource: R, mut attrs: Attributes) -> Handle<R, S> {
        if let Some(prev) = self.last.take() {
            attrs.depends_on.push(prev);
        }
        let h = self.stack.add_with(logical_id, resource, attrs);
        self.last = Some(h.name().clone());
        h
    }
}
