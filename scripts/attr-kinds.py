#!/usr/bin/env python3
"""Rewrites the table of cfn-emit/src/attr_kinds.rs: every Fn::GetAtt attribute whose value is not
a string (a list, a number or a boolean), by resource type, as the pinned cfn-lint knows them (its
registry schemas plus its own rules for which attributes GetAtt reaches; cfn-lint is the judge of
the templates automatic nesting writes).

    target/venv/bin/python scripts/attr-kinds.py && cargo test -p cfn-emit attr_kinds
"""
import pathlib

from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as M


def node_type(schema, pointer):
    node = {"properties": schema.schema.get("properties", {})}
    for seg in pointer.split("/")[2:]:
        while "$ref" in node:
            _, node = schema.resolver.resolve(node["$ref"])
        node = node.get("properties", {}).get(seg)
        if node is None:
            return None
    while "$ref" in node:
        _, node = schema.resolver.resolve(node["$ref"])
    t = node.get("type")
    return t if isinstance(t, list) else [t]


rows = set()
for tn in M.get_resource_types("us-east-1"):
    s = M.get_resource_schema("us-east-1", tn)
    for attr, pointer in s.get_atts.items():
        if not pointer.startswith("/properties/") or "\\" in attr.replace("\\.", ""):
            continue  # patterns (Outputs.*, custom resources): strings
        types = node_type(s, pointer) or ["string"]
        if "array" in types:
            kind = "List"
        elif types and all(t in ("integer", "number", "boolean") for t in types):
            kind = "Scalar"
        else:
            continue
        rows.add((tn, attr.replace("\\.", "."), kind))
table = "".join(
    f"{tn} {attr} {kind}\n"
    for tn, attr, kind in sorted(rows, key=lambda r: (r[0].encode(), r[1].encode()))
)
path = pathlib.Path(__file__).resolve().parent.parent / "cfn-emit/src/attr_kinds.rs"
src = path.read_text()
start = src.index('static TABLE: &str = "\\\n') + len('static TABLE: &str = "\\\n')
end = src.index('";\n// END TABLE')
path.write_text(src[:start] + table + src[end:])
print(f"{path}: {len(rows)} attributes")
