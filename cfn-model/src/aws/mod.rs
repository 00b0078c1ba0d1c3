//! Resource types generated from the CloudFormation registry schemas, one module per service.
