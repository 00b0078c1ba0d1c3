#!/usr/bin/env bash
# Runs cfn-lint (pinned) over every template under the given folders; fails on any finding.
# Installs cfn-lint into target/venv when missing. CFN_LINT_SKIP=1 opts out (offline use only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=1.58.0
venv="$root/target/venv"
if [ "${CFN_LINT_SKIP:-0}" = 1 ]; then
  echo "cfn-lint: skipped because CFN_LINT_SKIP=1 (templates were NOT checked)" >&2
  exit 0
fi
if ! "$venv/bin/cfn-lint" --version 2>/dev/null | grep -qx "cfn-lint $version"; then
  echo "cfn-lint: installing cfn-lint==$version into $venv" >&2
  python3 -m venv "$venv" || { echo "error: cannot create a Python venv at $venv (install python3-venv)" >&2; exit 1; }
  "$venv/bin/pip" install -q "cfn-lint==$version" || { echo "error: cannot install cfn-lint==$version from PyPI; set CFN_LINT_SKIP=1 only if you are offline" >&2; exit 1; }
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
