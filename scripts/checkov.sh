#!/usr/bin/env bash
# Runs checkov (pinned) over every template under the given folders; fails on any failed check.
# A check a template deliberately does not meet is waived in the template itself, with a reason
# (`stack.waive_check(&h, Tool::checkov("CKV_AWS_2"), reason)` writes `Metadata.checkov.skip`);
# skipped checks are counted and listed, never failed. Installs checkov into target/checkov-venv
# when missing, from the hash-locked scripts/requirements/checkov.txt (which pins the version).
# CFN_CHECKOV_SKIP=1 opts out (offline use only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/requirements/venv.sh"
lock="$root/scripts/requirements/checkov.txt"
version=$(locked_version "$lock" checkov)
venv="$root/target/checkov-venv"
if [ "${CFN_CHECKOV_SKIP:-0}" = 1 ]; then
  echo "checkov: skipped because CFN_CHECKOV_SKIP=1 (templates were NOT checked)" >&2
  exit 0
fi
if [ $# -eq 0 ]; then
  echo "usage: scripts/checkov.sh DIR..." >&2
  exit 2
fi
if ! venv_matches_lock "$venv" "$lock" \
  || ! "$venv/bin/checkov" --version 2>/dev/null | grep -qx "$version"; then
  install_locked "checkov $version" "$venv" "$lock" CFN_CHECKOV_SKIP || exit 1
fi
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
for d in "$@"; do
  if [ -z "$(find "$d" -name '*.json' -print -quit)" ]; then
    echo "error: checkov found no templates under: $d" >&2
    exit 1
  fi
  # BC_SKIP_MAPPING and --skip-download: no calls to Prisma Cloud (offline-safe, deterministic).
  # (no --quiet: it drops the skipped checks from the report.) checkov exits 1 when a check
  # fails; the report decides, so its status is not used.
  BC_SKIP_MAPPING=TRUE "$venv/bin/checkov" -d "$d" --framework cloudformation --compact \
    --skip-download -o json > "$report" 2> "$report.err" || true
  "$venv/bin/python" - "$report" "$d" "$version" <<'PY' || status=1
import json, sys
path, folder, version = sys.argv[1:]
try:
    data = json.load(open(path))
except ValueError:
    sys.stderr.write(open(path + ".err").read()[-4000:] + "\n")
    sys.exit(f"checkov: no JSON report for {folder}")
reports = data if isinstance(data, list) else [data]
passed = failed = skipped = errors = 0
for r in reports:
    if "summary" not in r:  # "no resources" report
        continue
    s = r["summary"]
    passed += s["passed"]; failed += s["failed"]; skipped += s["skipped"]; errors += s["parsing_errors"]
    for c in r["results"]["failed_checks"]:
        print(f"FAILED {c['check_id']} {c['file_path'].lstrip('/')} {c['resource']}: {c['check_name']}")
    for c in r["results"]["skipped_checks"]:
        print(f"waived {c['check_id']} {c['file_path'].lstrip('/')} {c['resource']}: {c['check_result'].get('suppress_comment', '')}")
print(f"checkov {version}: {folder}: {passed} passed, {failed} failed, {skipped} waived, {errors} parsing errors", file=sys.stderr)
sys.exit(1 if failed or errors else 0)
PY
  rm -f "$report.err"
done
if [ "$status" != 0 ]; then
  echo "checkov: failed checks (fix them, or waive them with a reason: stack.waive_check(&h, Tool::checkov(\"CKV_…\"), \"why\"))" >&2
fi
exit "$status"
