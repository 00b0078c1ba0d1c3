#[derive(Resource)]
#[cfn(type = "Custom::DbSeed", attributes(Endpoint: String, "Endpoint.Port" as endpoint_port: i64))]
pub struct DbSeed {
    pub service_token: Value<Arn<Function>>,
    pub database: Value<String>,
    #[cfn(name = "Rows")]
    pub row_count: Option<Value<i64>>,
}
