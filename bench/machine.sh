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
extern "C" {
    fn mmap(addr: *mut u8, len: usize, prot: i32, flags: i32, fd: i32, off: i64) -> *mut u8;
    fn munmap(addr: *mut u8, len: usize) -> i32;
}
fn main() {
    for mib in [4usize, 16] {
        let len = mib << 20;
        let mut best = f64::MAX;
        for _ in 0..5 {
            // A fresh anonymous mapping each time (an allocator would hand back pages already
            // touched): PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS.
            let p = unsafe { mmap(std::ptr::null_mut(), len, 3, 0x22, -1, 0) };
            assert!(!p.is_null() && p as isize != -1, "mmap");
            let t = Instant::now();
            for off in (0..len).step_by(4096) {
                // The first write to a page: the kernel maps a zeroed page.
                unsafe { p.add(off).write_volatile(1) };
            }
            best = best.min(t.elapsed().as_secs_f64());
            unsafe { munmap(p, len) };
        }
        let pages = len / 4096;
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
