//! Automatic nesting: the settings under which the emitter splits a stack that exceeds
//! CloudFormation's per-template limits into nested stacks.
//!
//! ```
//! use cfn_model::prelude::*;
//! let mut s: Stack = Stack::new();
//! s.auto_nest(AutoNest::new());
//! for i in 0..1200 {
//!     s.add(&format!("Topic{i}"), RawResource::of("AWS::SNS::Topic"));
//! }
//! // Emitted as a root holding three nested stacks of at most 450 topics each.
//! ```

use crate::stack::Stack;

/// CloudFormation's per-template quotas that automatic nesting keeps every template under.
mod quota {
    pub const RESOURCES: usize = 500;
    pub const PARAMETERS: usize = 200;
    pub const OUTPUTS: usize = 200;
    pub const BODY_BYTES: usize = 1_000_000;
}

/// How a stack that exceeds CloudFormation's per-template limits (500 resources, a 1 MB body) is
/// split into nested stacks when it is emitted. Turn it on with [`Stack::auto_nest`]; it is off by
/// default, and a stack within the limits is emitted exactly as without it.
///
/// The emitter moves the resources, in declaration order, into nested stacks `Part1`, `Part2`, …
/// (`AWS::CloudFormation::Stack` resources of the root; past `max_resources` parts, grouped one
/// level deeper as `Parts1to450`, …), at most [`max_resources`](AutoNest::max_resources) each, while every
/// template stays under 200 parameters, 200 outputs and the body size. Since references only point
/// backwards, a value used across a boundary always flows from an earlier part to a later one: it
/// becomes an output of the first and a parameter of the second, fed by
/// `Fn::GetAtt Part1.Outputs.X` in the parent. Lists travel joined as `CommaDelimitedList`
/// parameters; numbers and booleans cannot be nested-stack outputs, so a resource reading one
/// stays in the part of the resource it reads. `DependsOn` across parts becomes `DependsOn`
/// between the parts. Root parameters, `AWS::StackName` and `AWS::StackId` (the root's), the
/// conditions and mappings a part uses and the stack-wide tags reach every part that needs them;
/// the root keeps its parameters and outputs (which read the parts' outputs), so the stack's
/// interface does not change.
///
/// **Why it is off by default.** Where a resource lives is part of its identity: CloudFormation
/// treats a resource that moves from one stack to another (from the root into `Part1`, or from
/// `Part1` into `Part2`) as a deletion and a creation, so an update that moves it *replaces* it
/// (a database loses its data, a bucket name is freed and taken again). Turning automatic nesting
/// on for a stack that is already deployed, or growing a nested stack so that its parts'
/// boundaries shift, replaces every resource that moves. Choose it when the stack is first
/// deployed, keep its settings fixed, add resources at the end, and protect stateful resources
/// with `DeletionPolicy: Retain`. Without it, a stack over the limits is a `validate` error whose
/// help names this option and [`Stack::nested`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutoNest {
    max_resources: usize,
    max_parameters: usize,
    max_outputs: usize,
    max_body_bytes: usize,
}

impl Default for AutoNest {
    fn default() -> Self {
        // 90% of each quota: where cfn-lint starts reporting a template as approaching the limit
        // (I3010, I1002), and room for a few more resources in a part without moving others.
        AutoNest {
            max_resources: quota::RESOURCES * 9 / 10,
            max_parameters: quota::PARAMETERS * 9 / 10,
            max_outputs: quota::OUTPUTS * 9 / 10,
            max_body_bytes: quota::BODY_BYTES * 9 / 10,
        }
    }
}

impl AutoNest {
    /// 90% of CloudFormation's limits (where cfn-lint starts reporting a template as approaching
    /// them): 450 resources, 180 parameters, 180 outputs and 900,000 bytes per template.
    pub fn new() -> Self {
        AutoNest::default()
    }

    /// At most `n` resources per template (2 to 500; smaller parts update faster and in
    /// parallel). Values outside the range are clamped.
    pub fn max_resources(mut self, n: usize) -> Self {
        self.max_resources = n.clamp(2, quota::RESOURCES);
        self
    }

    /// At most `n` parameters per nested template (1 to 200, clamped).
    pub fn max_parameters(mut self, n: usize) -> Self {
        self.max_parameters = n.clamp(1, quota::PARAMETERS);
        self
    }

    /// At most `n` outputs per nested template (1 to 200, clamped).
    pub fn max_outputs(mut self, n: usize) -> Self {
        self.max_outputs = n.clamp(1, quota::OUTPUTS);
        self
    }

    /// At most `n` bytes per template body (10,000 to 1,000,000, clamped).
    pub fn max_body_bytes(mut self, n: usize) -> Self {
        self.max_body_bytes = n.clamp(10_000, quota::BODY_BYTES);
        self
    }

    /// The resources per template.
    pub fn resources_limit(&self) -> usize {
        self.max_resources
    }

    /// The parameters per nested template.
    pub fn parameters_limit(&self) -> usize {
        self.max_parameters
    }

    /// The outputs per nested template.
    pub fn outputs_limit(&self) -> usize {
        self.max_outputs
    }

    /// The bytes per template body.
    pub fn body_bytes_limit(&self) -> usize {
        self.max_body_bytes
    }
}

impl<S> Stack<S> {
    /// Lets the emitter split this stack into nested stacks when it exceeds CloudFormation's
    /// per-template limits (see [`AutoNest`], including why moving resources between stacks on an
    /// update replaces them). A stack within the limits is emitted unchanged.
    pub fn auto_nest(&mut self, settings: AutoNest) -> &mut Self {
        self.template_mut().auto_nest = Some(settings);
        self
    }
}
