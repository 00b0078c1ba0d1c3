#!/usr/bin/env bash
# Runs parliament (pinned; Duo Labs' IAM policy linter) over every IAM policy document in the
# templates under the given folders (scripts/parliament_policies.py says how intrinsic functions
# are resolved first); fails on any finding. Installs parliament into target/parliament-venv when
# missing, from the hash-locked scripts/requirements/parliament.txt (which pins the version).
# CFN_PARLIAMENT_SKIP=1 opts out (offline use only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/requirements/venv.sh"
lock="$root/scripts/requirements/parliament.txt"
version=$(locked_version "$lock" parliament)
venv="$root/target/parliament-venv"
if [ "${CFN_PARLIAMENT_SKIP:-0}" = 1 ]; then
  echo "parliament: skipped because CFN_PARLIAMENT_SKIP=1 (policies were NOT checked)" >&2
  exit 0
fi
if [ $# -eq 0 ]; then
  echo "usage: scripts/parliament.sh DIR..." >&2
  exit 2
fi
if ! venv_matches_lock "$venv" "$lock" \
  || ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('parliament') != '$version')" 2>/dev/null; then
  install_locked "parliament $version" "$venv" "$lock" CFN_PARLIAMENT_SKIP || exit 1
fi
echo "parliament $version" >&2
"$venv/bin/python" "$root/scripts/parliament_policies.py" "$@"
