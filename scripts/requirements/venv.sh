# Sourced by scripts/cfn-lint.sh, scripts/checkov.sh and scripts/smoke-deploy.sh: the venvs of the
# Python tools, installed only from the hash-locked files beside this one (scripts/requirements/
# lock.sh regenerates them).

# locked_version LOCK NAME: the version LOCK pins NAME to (`NAME==V` or `NAME[extras]==V`).
locked_version() {
  local v
  v=$(sed -n "s/^$2\(\[[^]]*\]\)\{0,1\}==\([^ ]*\).*/\2/p" "$1")
  if [ -z "$v" ]; then
    echo "error: $1 pins no $2 (regenerate it with scripts/requirements/lock.sh)" >&2
    return 1
  fi
  printf '%s\n' "$v"
}

# venv_matches_lock VENV LOCK: true when VENV was installed from exactly this LOCK.
venv_matches_lock() {
  cmp -s "$2" "$1/requirements.lock"
}

# install_locked TOOL VENV LOCK SKIP_VAR: (re)creates VENV and installs LOCK into it with
# `pip install --require-hashes`; on failure removes VENV and says which venv and lock failed.
install_locked() {
  local tool=$1 venv=$2 lock=$3 skip=$4 start
  start=$(date +%s)
  echo "$tool: installing into $venv from $lock (pip install --require-hashes)" >&2
  if ! python3 -m venv --clear "$venv"; then
    echo "error: $tool: cannot create a Python venv at $venv (install python3-venv)" >&2
    return 1
  fi
  if ! "$venv/bin/pip" install -q --require-hashes --only-binary=:all: -r "$lock"; then
    rm -rf "$venv"
    echo "error: $tool: \`pip install --require-hashes -r $lock\` into $venv FAILED (pip's message above)." >&2
    echo "  A hash mismatch means a downloaded file is not the one locked: do not work around it." >&2
    echo "  The lock is for CPython 3.11 on linux x86_64; to change a version on purpose, edit" >&2
    echo "  scripts/requirements/lock.sh and rerun it. Set $skip=1 only if you are offline." >&2
    return 1
  fi
  cp "$lock" "$venv/requirements.lock"
  echo "$tool: installed $(grep -c '^[a-z0-9]' "$lock") locked packages into $venv in $(( $(date +%s) - start )) s" >&2
}
