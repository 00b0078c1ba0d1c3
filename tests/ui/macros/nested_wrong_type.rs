use cfn::prelude::*;

struct Queues;

#[derive(Parameters)]
struct QueueParams {
    name_prefix: Value<String>,
    retention: Value<i64>,
}

#[derive(Outputs)]
struct QueueOutputs {
    queue_url: Value<String>,
}

impl ChildStack for Queues {
    type Params = QueueParams;
    type Outputs = QueueOutputs;
    fn build(s: &mut Stack<Queues>, p: &QueueParams) -> QueueOutputs {
        let q = s.add(
            "Queue",
            RawResource::of("AWS::SQS::Queue")
                .prop("QueueName", p.name_prefix.clone())
                .prop("MessageRetentionPeriod", p.retention.clone()),
        );
        QueueOutputs { queue_url: q.id().into() }
    }
}

fn main() {
    let mut s: Stack = Stack::new();
    let _queues = s.nest::<Queues>(
        "Queues",
        QueueParamsArgs { name_prefix: "orders".into(), retention: Value::<String>::from("14 days") },
    );
}
