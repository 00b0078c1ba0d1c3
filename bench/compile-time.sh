#!/usr/bin/env bash
# Compile time of a checkout, as BENCHMARKS.md reports it: a cold debug build of the multi-env
# example in a fresh target directory, rebuilds after touching it, and cfn-model's own check and
# build (default features and `full`). Compare two revisions by running it on two worktrees in turn
# (`git worktree add --detach ../base REV`), interleaved, on a quiet machine.
#   bash bench/compile-time.sh [CHECKOUT] [TARGET_DIR]
set -u
dir=${1:-.}
export CARGO_TARGET_DIR=${2:-$(mktemp -d)}
cd "$dir"
t() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1 || echo -n "(failed) "; e=$(date +%s.%N); printf '%.2f s\n' "$(echo "$e - $s" | bc)"; }
echo "cold build --example multi-env: $(t cargo build --example multi-env)"
touch examples/multi-env/stacks/compute.rs
echo "rebuild after editing compute.rs: $(t cargo build --example multi-env)"
touch examples/multi-env/main.rs
echo "rebuild after editing main.rs: $(t cargo build --example multi-env)"
t cargo check -p cfn-model > /dev/null
touch cfn-model/src/lib.rs
echo "check -p cfn-model: $(t cargo check -p cfn-model)"
touch cfn-model/src/lib.rs
echo "build -p cfn-model: $(t cargo build -p cfn-model)"
echo "check -p cfn-model --features full, first run: $(t cargo check -p cfn-model --features full)"
touch cfn-model/src/lib.rs
echo "check -p cfn-model --features full: $(t cargo check -p cfn-model --features full)"
