//! Every derive and `sub!` in a crate that denies warnings and missing docs: the generated code
//! must add neither.
#![deny(warnings, missing_docs)]

use cfn::prelude::*;

/// Environments.
#[derive(MappingKey, Clone, Copy)]
pub enum Env {
    /// Development.
    Dev,
    /// Production.
    Prod,
}

/// Settings per environment.
#[derive(Mapping)]
#[cfn(key = Env)]
pub struct Settings {
    /// Instances.
    pub instances: i64,
}

/// Parameters.
#[derive(Parameters)]
pub struct Params {
    /// The environment.
    pub env: Value<Env>,
    #[allow(missing_docs)] // the generated `ParamsArgs::name` is documented all the same
    pub name: Value<String>,
}

/// No parameters at all.
#[derive(Parameters)]
pub struct NoParams {}

/// Outputs.
#[derive(Outputs)]
pub struct Outs {
    /// The queue.
    pub queue: Value<String>,
}

/// No outputs at all.
#[derive(Outputs)]
pub struct NoOuts {}

/// A custom resource.
#[derive(Resource)]
#[cfn(type = "Custom::Thing", attributes(Size: i64))]
pub struct Thing {
    /// The handler.
    pub service_token: Value<String>,
}

/// A child stack.
pub struct Child;

impl ChildStack for Child {
    type Params = Params;
    type Outputs = Outs;
    fn build(s: &mut Stack<Child>, p: &Params) -> Outs {
        let settings = s.mapping_table(|e| match e {
            Env::Dev => Settings { instances: 1 },
            Env::Prod => Settings { instances: 2 },
        });
        let q = s.add(
            "Queue",
            RawResource::of("AWS::SQS::Queue")
                .prop("QueueName", sub!("${name}-${AWS::Region}", name = &p.name))
                .prop("DelaySeconds", settings.instances(&p.env)),
        );
        Outs { queue: q.id().into() }
    }
}

/// A child without parameters or outputs.
pub struct Empty;

impl ChildStack for Empty {
    type Params = NoParams;
    type Outputs = NoOuts;
    fn build(s: &mut Stack<Empty>, _: &NoParams) -> NoOuts {
        s.add("Topic", RawResource::of("AWS::SNS::Topic"));
        NoOuts {}
    }
}

fn main() {
    let mut s: Stack = Stack::new();
    let child = s.nest::<Child>("Child", ParamsArgs { env: Env::Prod.into(), name: "app".into() });
    s.nest::<Empty>("Empty", NoParamsArgs {});
    let t = s.add("Thing", Thing { service_token: child.outputs().queue.clone() });
    let _size: Value<i64> = t.size();
}
