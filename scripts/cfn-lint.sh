#!/usr/bin/env bash
# Runs cfn-lint (pinned) over every template under the given folders; fails on any finding.
# Installs cfn-lint into target/venv when missing, from the hash-locked
# scripts/requirements/cfn-lint.txt (which pins the version). CFN_LINT_SKIP=1 opts out (offline use only).
#   bash scripts/cfn-lint.sh DIR...      install when missing, then lint every *.json under DIR...
#   bash scripts/cfn-lint.sh --install   install when missing, lint nothing (scripts/test.sh runs
#                                        this before `cargo test`: cfn-import's round-trip test
#                                        reads target/venv/bin/cfn-lint)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/requirements/venv.sh"
lock="$root/scripts/requirements/cfn-lint.txt"
version=$(locked_version "$lock" cfn-lint)
venv="$root/target/venv"
if [ "${CFN_LINT_SKIP:-0}" = 1 ]; then
  echo "cfn-lint: skipped because CFN_LINT_SKIP=1 (templates were NOT checked)" >&2
  exit 0
fi
if ! venv_matches_lock "$venv" "$lock" \
  || ! "$venv/bin/cfn-lint" --version 2>/dev/null | grep -qx "cfn-lint $version"; then
  install_locked "cfn-lint $version" "$venv" "$lock" CFN_LINT_SKIP || exit 1
fi
if [ "${1:-}" = --install ]; then
  echo "cfn-lint $version: installed in $venv" >&2
  exit 0
fi
files=()
for d in "$@"; do
  while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$d" -name '*.json' -print0 | sort -z)
done
if [ ${#files[@]} -eq 0 ]; then
  echo "error: cfn-lint found no templates under: $*" >&2
  exit 1
fi
echo "cfn-lint $version: checking ${#files[@]} template(s)" >&2
# --format parseable: one finding a line; any finding (error, warning or informational) fails.
if ! out=$("$venv/bin/cfn-lint" --format parseable --include-checks I -- "${files[@]}" 2>&1); then
  printf '%s\n' "$out"
  n=$(printf '%s\n' "$out" | grep -c . || true)
  echo "cfn-lint: $n finding(s) in ${#files[@]} template(s)" >&2
  exit 1
fi
if [ -n "$out" ]; then
  printf '%s\n' "$out"
  echo "cfn-lint: findings reported" >&2
  exit 1
fi
echo "cfn-lint: 0 findings in ${#files[@]} template(s)" >&2
