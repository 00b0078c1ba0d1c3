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

# Every example's whole assembly goes through cfn-lint too.
for ex in examples/*.rs; do
  name=$(basename "$ex" .rs)
  cargo run --quiet --example "$name" -- --out-dir "$lint/example-$name" > /dev/null
done

bash scripts/cfn-lint.sh "$lint"
