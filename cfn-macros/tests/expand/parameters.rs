#[derive(Parameters)]
#[cfn(group = "Network")]
pub struct NetworkParams {
    /// The VPC's CIDR block.
    #[cfn(pattern = "^\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+$", default = "10.0.0.0/16", min_length = 9, max_length = 18)]
    pub vpc_cidr: Value<String>,
    #[cfn(name = "Env", allowed = ["dev", "prod"], default = "dev", label = "Environment", group = "General")]
    pub environment: Value<String>,
    #[cfn(min_value = 1, max_value = 4.5, default = 2, constraint_description = "1 to 4.5")]
    pub scale: Value<f64>,
    pub subnets: Value<Vec<String>>,
    #[cfn(no_echo)]
    pub api_key: Param<String>,
    pub image: Param<Ssm<ImageId>>,
}
