#!/usr/bin/env python3
"""Typed reference properties by service, before and after: `before` counted in the generated code
of a git revision (fields typed `Id<…>`, `Arn<…>`, `Name<…>` or lists of them; unions did not exist
there), `after` from the generator's own count (`CFN_CODEGEN_STATS`, unions included).

    python3 bench/typed-refs.py BASE_REV AFTER.tsv [service ...]
"""
import re, subprocess, sys

TYPED = re.compile(r"^\s*pub [a-z0-9_]+: (Option<)?(Box<)?Value<(Vec<)?(Id|Arn|Name)<")


def before(rev):
    files = subprocess.run(["git", "ls-tree", "--name-only", rev, "cfn-model/src/aws/"],
                           capture_output=True, text=True, check=True).stdout.split()
    out = {}
    for f in files:
        svc = f.rsplit("/", 1)[-1][:-3]
        if svc == "mod":
            continue
        text = subprocess.run(["git", "show", f"{rev}:{f}"], capture_output=True, text=True, check=True).stdout
        top = nested = 0
        depth_mod = False
        for line in text.splitlines():
            if line.startswith("pub mod "):
                depth_mod = True
            elif line == "}" and depth_mod:
                depth_mod = False
            if TYPED.match(line):
                if line.startswith("    pub ") and not depth_mod:
                    top += 1
                else:
                    nested += 1
        out[svc] = (top, nested)
    return out


def main():
    rev, tsv = sys.argv[1], sys.argv[2]
    only = set(sys.argv[3:])
    b = before(rev)
    a = {}
    for line in open(tsv).read().splitlines()[1:]:
        svc, top, nested = line.split("\t")
        a[svc] = (int(top), int(nested))
    print("| service | resource properties before | after | property-type properties before | after |")
    print("| --- | ---: | ---: | ---: | ---: |")
    tb = [0, 0]
    ta = [0, 0]
    for svc in sorted(set(a) | set(b)):
        x, y = b.get(svc, (0, 0)), a.get(svc, (0, 0))
        tb[0] += x[0]; tb[1] += x[1]; ta[0] += y[0]; ta[1] += y[1]
        if not only or svc in only:
            print(f"| {svc} | {x[0]} | {y[0]} | {x[1]} | {y[1]} |")
    print(f"| **all {len(set(a) | set(b))} services** | **{tb[0]}** | **{ta[0]}** | **{tb[1]}** | **{ta[1]}** |")


if __name__ == "__main__":
    main()
