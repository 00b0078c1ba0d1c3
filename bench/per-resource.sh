#!/usr/bin/env bash
# Cost per resource of the scale example, whole process, at 1,000 to 100,000 resources: median wall
# time and peak RSS of 5 runs, and instructions (valgrind --tool=callgrind, every thread) when
# valgrind is installed.
#
#   bash bench/per-resource.sh [N ...]      # default: 1000 10000 100000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --quiet --example scale
bin=target/release/examples/scale
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| resources | wall (median of 5) | wall per resource | peak RSS | instructions | instructions per resource |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
for n1 in ${@:-1000 10000 100000}; do
  {
    wall=$(python3 - "$bin" "$n1" "$out/o" <<'PY'
import os, shutil, statistics, sys, time
bin, n, out = sys.argv[1:]
walls, rss = [], []
for i in range(6):
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    pid = os.posix_spawn(bin, [bin, n, "--out-dir", out], os.environ,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
                                       (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)])
    os.waitpid(pid, 0)
    if i:
        walls.append(time.perf_counter() - t)
print(statistics.median(walls))
PY
)
    rss=$(/usr/bin/time -f %M "$bin" "$n1" --out-dir "$out/r" 2>&1 >/dev/null | tail -1)
    ins="n/a"
    if command -v valgrind > /dev/null; then
      ins=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$n1" --out-dir "$out/v" 2>&1 >/dev/null | awk '/refs:/ {gsub(",", "", $NF); print $NF}')
    fi
    python3 -c "
n, wall, rss, ins = $n1, $wall, $rss, '$ins'
per = f'{int(ins) / n:,.0f}' if ins != 'n/a' else 'n/a'
insf = f'{int(ins) / 1e6:,.1f}M' if ins != 'n/a' else 'n/a'
print(f'| {n:,} | {wall * 1000:,.1f} ms | {wall / n * 1e6:.2f} µs | {rss / 1024:.1f} MB | {insf} | {per} |')"
  }
done
