#!/usr/bin/env bash
# Benchmarks cfn against troposphere and the AWS CDK (whole process: wall time and peak memory) on
# the multi-env architecture and the scale workload, and prints a side-by-side table.
#
#   bash bench/peers/run.sh [--runs 5] [--n 10000] [--skip-cdk-validation]
#
# Installs the pinned peers outside the Rust build, into this folder (git-ignored):
# troposphere 4.11.1 into .venv (pip), aws-cdk-lib 2.276.0 and constructs into node_modules (npm,
# package.json). Builds cfn's examples with `cargo build --release`. CI does not run this.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"
if ! .venv/bin/python -c 'import troposphere, sys; sys.exit(troposphere.__version__ != "4.11.1")' 2>/dev/null; then
  echo "peers: installing troposphere 4.11.1 into $here/.venv" >&2
  python3 -m venv .venv
  .venv/bin/pip install -q "troposphere==4.11.1"
fi
if [ "$(node -p 'require("aws-cdk-lib/package.json").version' 2>/dev/null)" != "2.276.0" ]; then
  echo "peers: installing aws-cdk-lib 2.276.0 into $here/node_modules" >&2
  npm install --no-audit --no-fund --loglevel=error
fi
echo "peers: node $(node --version), $(.venv/bin/python --version), troposphere $(.venv/bin/python -c 'import troposphere; print(troposphere.__version__)'), aws-cdk-lib $(node -p 'require("aws-cdk-lib/package.json").version')" >&2
(cd "$root" && cargo build --release --quiet --example multi-env --example scale)
echo "peers: load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
.venv/bin/python bench.py "$@"
echo "peers: load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
