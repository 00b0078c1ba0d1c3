#!/usr/bin/env bash
# The whole test suite: unit, integration, doc and trybuild tests, then every template the tests
# and examples emitted through cfn-lint. This is the command README.md shows and CI runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
lint="$target/cfn-lint"
rm -rf "$lint"
mkdir -p "$lint"

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
