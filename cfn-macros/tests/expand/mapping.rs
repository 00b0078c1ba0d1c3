#[derive(MappingKey, Clone, Copy)]
pub enum Environment {
    #[cfn(rename = "dev")]
    Dev,
    Prod,
}

#[derive(Mapping)]
#[cfn(key = Environment, name = "Settings")]
pub struct EnvSettings {
    /// Days to keep messages.
    pub retention_days: i64,
    #[cfn(name = "Class")]
    pub instance_class: &'static str,
}
