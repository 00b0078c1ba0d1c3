#!/usr/bin/env python3
"""Checks that the peers' multi-env programs write what cfn's golden assembly holds: the same
resources with the same properties, parameters, conditions, mappings and outputs in each of the
six templates (tags compared as sets, `DependsOn` as lists; CDK's own additions, its names for the nested stack
resources and asset URLs left out).

    bench/peers/.venv/bin/python bench/peers/check_equivalence.py TROPOSPHERE_OUT CDK_OUT
"""
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "tests", "golden", "multi-env")


def norm(v):
    if isinstance(v, dict):
        if set(v) == {"Key", "Value"}:
            return ("tag", v["Key"], norm(v["Value"]))
        # `DependsOn: X` and `DependsOn: [X]` say the same.
        return {k: norm([e] if k == "DependsOn" and isinstance(e, str) else e) for k, e in v.items()}
    if isinstance(v, list):
        items = [norm(e) for e in v]
        if items and all(isinstance(e, tuple) and e[0] == "tag" for e in items):
            return sorted(items, key=repr)
        return items
    return v


def strip_cdk(t):
    t = json.loads(json.dumps(t))
    t.get("Resources", {}).pop("CDKMetadata", None)
    t.get("Conditions", {}).pop("CDKMetadataAvailable", None)
    t.get("Parameters", {}).pop("BootstrapVersion", None)
    t.pop("Rules", None)
    for r in t.get("Resources", {}).values():
        md = r.get("Metadata", {})
        md.pop("aws:cdk:path", None)
        if not md:
            r.pop("Metadata", None)
    for k in [k for k, v in t.get("Parameters", {}).items() if "AssetParameters" in k]:
        t["Parameters"].pop(k)
    for sec in ("Parameters", "Conditions", "Outputs"):
        if sec in t and not t[sec]:
            t.pop(sec)
    return t


def compare(name, got, want, skip_stacks=False):
    bad = []
    for sec in ("Parameters", "Mappings", "Conditions", "Outputs"):
        if norm(got.get(sec, {})) != norm(want.get(sec, {})) and not (skip_stacks and sec == "Outputs"):
            bad.append(sec)
    want_res = {k: v for k, v in want["Resources"].items() if not (skip_stacks and v["Type"] == "AWS::CloudFormation::Stack")}
    got_res = {k: v for k, v in got["Resources"].items() if not (skip_stacks and v["Type"] == "AWS::CloudFormation::Stack")}
    for k in sorted(set(want_res) | set(got_res)):
        if norm(got_res.get(k)) != norm(want_res.get(k)):
            bad.append(f"Resources/{k}")
    print(f"  {name}: {'same' if not bad else 'differs in ' + ', '.join(bad)}")
    return not bad


def main(tropo, cdk):
    ok = True
    print("troposphere:")
    for f in sorted(os.listdir(GOLDEN)):
        with open(os.path.join(GOLDEN, f)) as a, open(os.path.join(tropo, f)) as b:
            ok &= compare(f, json.load(b), json.load(a))
    print("CDK:")
    for child in ["Network", "Data", "Storage", "Compute", "Monitoring"]:
        [path] = glob.glob(os.path.join(cdk, f"MultiEnv{child}*.nested.template.json"))
        with open(os.path.join(GOLDEN, f"{child}.template.json")) as a, open(path) as b:
            ok &= compare(f"{child} ({os.path.basename(path)})", strip_cdk(json.load(b)), json.load(a))
    with open(os.path.join(GOLDEN, "template.json")) as a, open(os.path.join(cdk, "MultiEnv.template.json")) as b:
        got, want = strip_cdk(json.load(b)), json.load(a)
        stacks = sum(1 for r in got["Resources"].values() if r["Type"] == "AWS::CloudFormation::Stack")
        ok &= compare(f"root (and {stacks} nested stack resources, named by CDK)", got, want, skip_stacks=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
