#!/usr/bin/env bash
# What this machine charges for the things the profile of the scale and multi-env examples says
# dominate, measured apart from our code (BENCHMARKS.md, "What stands in the way"):
#   - the first touch of a page of fresh memory (a page fault), 4 and 16 MiB;
#   - starting and ending a Rust program that does nothing (median of 50);
#   - writing 3.7 MB to 24 new files (the scale example's 10,000-resource output; median of 20).
#
#   bash bench/machine.sh
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/faults.rs" <<'RS'
use std::time::Instant;
fn main() {
    for mib in [4usize, 16] {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let len = mib << 20;
            let t = Instant::now();
            let mut v: Vec<u8> = Vec::with_capacity(len);
            // One byte a page: the kernel maps and zeroes the page on the first write.
            let mut p = v.as_mut_ptr();
            for _ in (0..len).step_by(4096) {
                unsafe {
                    p.write_volatile(1);
                    p = p.add(4096);
                }
            }
            let e = t.elapsed().as_secs_f64();
            best = best.min(e);
            std::hint::black_box(&v);
        }
        let pages = (mib << 20) / 4096;
        println!("first touch of {mib} MiB ({pages} pages): {:.2} ms, {:.2} µs a page (best of 5)", best * 1e3, best * 1e6 / pages as f64);
    }
}
RS
cat > "$dir/hello.rs" <<'RS'
fn main() {}
RS
cat > "$dir/files.rs" <<'RS'
use std::io::Write;
fn main() {
    let dir = std::env::args().nth(1).expect("dir");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let body = vec![b'x'; 3_700_000 / 24];
    for i in 0..24 {
        let mut f = std::fs::File::create(format!("{dir}/Part{i}.template.json")).expect("create");
        f.write_all(&body).expect("write");
    }
}
RS
for p in faults hello files; do rustc -O --edition 2021 -o "$dir/$p" "$dir/$p.rs"; done
"$dir/faults"
python3 - "$dir" <<'PY'
import os, shutil, statistics, sys, time
d = sys.argv[1]
def run(argv, n):
    walls = []
    for _ in range(n + 1):
        shutil.rmtree(f"{d}/out", ignore_errors=True)
        t = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ)
        os.waitpid(pid, 0)
        walls.append(time.perf_counter() - t)
    return statistics.median(walls[1:]) * 1e3
hello = run([f"{d}/hello"], 50)
files = run([f"{d}/files", f"{d}/out"], 20)
print(f"an empty Rust program, start to exit: {hello:.2f} ms (median of 50)")
print(f"writing 3.7 MB to 24 new files, whole process: {files:.2f} ms (median of 20; {files - hello:.2f} ms over the empty program)")
PY
