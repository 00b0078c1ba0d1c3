use cfn::prelude::*;

#[derive(Outputs)]
struct Outs {
    #[cfn(export = "${Environment}-QueueUrl")]
    queue_url: Value<String>,
}

fn main() {}
