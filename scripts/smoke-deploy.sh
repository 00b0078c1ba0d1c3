#!/usr/bin/env bash
# Smoke deploys: every child template of an assembly folder, deployed on its own into moto's
# CloudFormation (a local server on 127.0.0.1, stopped whatever happens) with concrete parameters;
# fails unless each stack reaches CREATE_COMPLETE with every resource moto creates present.
# See scripts/smoke_deploy.py. Installs moto[server] into target/moto-venv when missing, from the
# hash-locked scripts/requirements/moto.txt (which pins the version).
# CFN_SMOKE_SKIP=1 opts out (offline use only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/requirements/venv.sh"
lock="$root/scripts/requirements/moto.txt"
version=$(locked_version "$lock" moto)
venv="$root/target/moto-venv"
if [ "${CFN_SMOKE_SKIP:-0}" = 1 ]; then
  echo "smoke deploys: skipped because CFN_SMOKE_SKIP=1 (templates were NOT deployed)" >&2
  exit 0
fi
if [ $# -ne 1 ] || [ ! -f "$1/template.json" ]; then
  echo "usage: scripts/smoke-deploy.sh OUT_DIR (a folder written by --out-dir, with template.json)" >&2
  exit 2
fi
if ! venv_matches_lock "$venv" "$lock" \
  || ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('moto') != '$version')" 2>/dev/null \
  || [ ! -x "$venv/bin/moto_server" ]; then
  install_locked "moto[server] $version" "$venv" "$lock" CFN_SMOKE_SKIP || exit 1
fi
echo "smoke deploys (moto $version): $1" >&2
# moto warns once per type its CloudFormation does not create; the driver reports those itself.
SMOKE_REPORT="${SMOKE_REPORT:-/dev/null}" PYTHONWARNINGS=ignore \
  "$venv/bin/python" "$root/scripts/smoke_deploy.py" "$1"
