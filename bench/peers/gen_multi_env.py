#!/usr/bin/env python3
"""Writes the peers' multi-env programs, `troposphere/multi_env.py` and `cdk/multi_env.js`, from
cfn's golden multi-env assembly (`tests/golden/multi-env/`): the same six templates (root and
network, data, storage, compute, monitoring), the same resources, properties, parameters, outputs
and wiring between the stacks, written in each peer's own API.

- troposphere: its typed classes (`ec2.VPC(...)`, nested property classes such as
  `ecs.ContainerDefinition(...)`, `Tags`, `Ref`, `Sub`, …), one `Template` per stack, the root
  nesting the children with `cloudformation.Stack`.
- CDK: a root `Stack` and five `NestedStack`s (CDK's own nesting: it writes the child templates
  as assets and fills in `TemplateURL`), `CfnParameter`, `CfnMapping`, `CfnCondition`,
  `CfnOutput`, and the resources as `CfnResource` (CDK's generic L1: CloudFormation property names,
  no per-type validation, so if anything this flatters CDK), references as `Fn` tokens.

The programs are committed; run this again only when the golden assembly changes:

    bench/peers/.venv/bin/python bench/peers/gen_multi_env.py
"""
import importlib
import json
import os
import pkgutil

import troposphere

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "tests", "golden", "multi-env")
CHILDREN = ["Network", "Data", "Storage", "Compute", "Monitoring"]

INTRINSICS = {
    "Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::If", "Fn::FindInMap",
    "Fn::GetAZs", "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition", "Fn::Base64",
    "Fn::ImportValue", "Fn::Cidr",
}


def load(name):
    with open(os.path.join(GOLDEN, name)) as f:
        return json.load(f)


def is_intrinsic(v):
    return isinstance(v, dict) and len(v) == 1 and next(iter(v)) in INTRINSICS


# ---- troposphere ----------------------------------------------------------------------------

CLASSES = {}
for m in pkgutil.iter_modules(troposphere.__path__):
    try:
        mod = importlib.import_module(f"troposphere.{m.name}")
    except Exception:  # noqa: BLE001 (optional dependencies of some modules)
        continue
    for obj in vars(mod).values():
        rt = getattr(obj, "resource_type", None)
        if isinstance(obj, type) and isinstance(rt, str) and rt.startswith("AWS::") and rt not in CLASSES:
            CLASSES[rt] = (m.name, obj)
MODULES = set()


def py_intrinsic(v):
    (k, x), = v.items()
    c = py
    if k == "Ref":
        return f"Ref({x!r})"
    if k == "Fn::GetAtt":
        return f"GetAtt({x[0]!r}, {x[1]!r})"
    if k == "Fn::Sub":
        if isinstance(x, str):
            return f"Sub({x!r})"
        return f"Sub({x[0]!r}, {{{', '.join(f'{n!r}: {c(e)}' for n, e in x[1].items())}}})"
    if k == "Fn::Join":
        return f"Join({x[0]!r}, {c(x[1])})"
    if k == "Fn::Select":
        return f"Select({c(x[0])}, {c(x[1])})"
    if k == "Fn::Split":
        return f"Split({x[0]!r}, {c(x[1])})"
    if k == "Fn::If":
        return f"If({x[0]!r}, {c(x[1])}, {c(x[2])})"
    if k == "Fn::FindInMap":
        return f"FindInMap({x[0]!r}, {c(x[1])}, {c(x[2])})"
    if k == "Fn::GetAZs":
        return f"GetAZs({c(x)})"
    if k == "Fn::Equals":
        return f"Equals({c(x[0])}, {c(x[1])})"
    if k == "Fn::And":
        return f"And({', '.join(c(e) for e in x)})"
    if k == "Fn::Or":
        return f"Or({', '.join(c(e) for e in x)})"
    if k == "Fn::Not":
        return f"Not({c(x[0])})"
    if k == "Condition":
        return f"Condition({x!r})"
    if k == "Fn::Base64":
        return f"Base64({c(x)})"
    if k == "Fn::ImportValue":
        return f"ImportValue({c(x)})"
    if k == "Fn::Cidr":
        return f"Cidr({c(x[0])}, {c(x[1])}, {c(x[2])})"
    raise ValueError(k)


def py(v, expected=None, ind=2):
    """Python source for a value; `expected` is troposphere's declared type of the property."""
    if is_intrinsic(v):
        return py_intrinsic(v)
    if expected is troposphere.Tags and isinstance(v, list):
        return "Tags({" + ", ".join(f"{t['Key']!r}: {py(t['Value'])}" for t in v) + "})"
    if isinstance(expected, list) and isinstance(v, list):
        return "[" + ", ".join(py(e, expected[0], ind) for e in v) + "]"
    if isinstance(expected, type) and issubclass(expected, troposphere.AWSProperty) and isinstance(v, dict):
        MODULES.add(expected.__module__)
        args = ", ".join(f"{k}={py(e, expected.props.get(k, (None,))[0], ind)}" for k, e in v.items())
        return f"{expected.__module__.split('.')[-1]}.{expected.__name__}({args})"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k!r}: {py(e)}" for k, e in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(py(e) for e in v) + "]"
    return repr(v)


def py_template(fn, t, out):
    out.append(f"def {fn}():")
    out.append("    t = Template()")
    if "Description" in t:
        out.append(f"    t.set_description({t['Description']!r})")
    if "Metadata" in t:
        out.append(f"    t.set_metadata({py(t['Metadata'])})")
    for k, p in t.get("Parameters", {}).items():
        args = ", ".join(f"{a}={py(b)}" for a, b in p.items())
        out.append(f"    t.add_parameter(Parameter({k!r}, {args}))")
    for k, m in t.get("Mappings", {}).items():
        out.append(f"    t.add_mapping({k!r}, {py(m)})")
    for k, c in t.get("Conditions", {}).items():
        out.append(f"    t.add_condition({k!r}, {py(c)})")
    for k, r in t["Resources"].items():
        modname, cls = CLASSES[r["Type"]]
        MODULES.add(f"troposphere.{modname}")
        args = [repr(k)]
        for attr in ("Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Metadata"):
            if attr in r:
                args.append(f"{attr}={py(r[attr])}")
        for pk, pv in r.get("Properties", {}).items():
            if r["Type"] == "AWS::CloudFormation::Stack" and pk == "TemplateURL":
                args.append(f"TemplateURL={pv!r}")
                continue
            args.append(f"{pk}={py(pv, cls.props.get(pk, (None,))[0])}")
        out.append(f"    t.add_resource({modname}.{cls.__name__}(")
        out.extend(f"        {a}," for a in args)
        out.append("    ))")
    for k, o in t.get("Outputs", {}).items():
        args = [repr(k)]
        for a, b in o.items():
            if a == "Export":
                args.append(f"Export=Export({py(b['Name'])})")
            else:
                args.append(f"{a}={py(b)}")
        out.append(f"    t.add_output(Output({', '.join(args)}))")
    out.append("    return t")
    out.append("")
    out.append("")


def write_troposphere():
    body = []
    for name in CHILDREN:
        py_template(name.lower(), load(f"{name}.template.json"), body)
    py_template("root", load("template.json"), body)
    mods = sorted(m.split(".")[-1] for m in MODULES)
    head = [
        '"""The multi-env architecture in troposphere 4.11.1: a root template and five nested ones',
        "(network, data, storage, compute, monitoring), the same resources, properties and wiring as",
        "cfn's `examples/multi-env` (written from its golden assembly by `../gen_multi_env.py`).",
        "",
        "    python multi_env.py OUT_DIR",
        '"""',
        "import os",
        "import sys",
        "",
        "from troposphere import (",
        "    And, Base64, Cidr, Condition, Equals, Export, FindInMap, GetAtt, GetAZs, If, ImportValue, Join, Not, Or,",
        "    Output, Parameter, Ref, Select, Split, Sub, Tags, Template,",
        ")",
        f"from troposphere import {', '.join(mods)}",
        "",
        "",
    ]
    tail = [
        "FILES = {",
        '    "template.json": root,',
        *[f'    "{c}.template.json": {c.lower()},' for c in CHILDREN],
        "}",
        "",
        'if __name__ == "__main__":',
        "    out = sys.argv[1]",
        "    os.makedirs(out, exist_ok=True)",
        "    for name, build in FILES.items():",
        '        with open(os.path.join(out, name), "w") as f:',
        "            f.write(build().to_json(indent=2, sort_keys=False))",
    ]
    with open(os.path.join(HERE, "troposphere", "multi_env.py"), "w") as f:
        f.write("\n".join(head + body + tail) + "\n")


# ---- CDK ------------------------------------------------------------------------------------


def js_str(s):
    return json.dumps(s)


def js(v, ctx):
    """JavaScript source for a value inside stack `ctx` (a dict of the stack's conditions)."""
    if is_intrinsic(v):
        (k, x), = v.items()
        c = lambda e: js(e, ctx)  # noqa: E731
        if k == "Ref":
            return f"cdk.Fn.ref({js_str(x)})"
        if k == "Fn::GetAtt":
            return f"cdk.Token.asString(cdk.Fn.getAtt({js_str(x[0])}, {js_str(x[1])}))"
        if k == "Fn::Sub":
            if isinstance(x, str):
                return f"cdk.Fn.sub({js_str(x)})"
            return f"cdk.Fn.sub({js_str(x[0])}, {{{', '.join(f'{js_str(n)}: {c(e)}' for n, e in x[1].items())}}})"
        if k == "Fn::Join":
            return f"cdk.Fn.join({js_str(x[0])}, {c(x[1])})"
        if k == "Fn::Select":
            return f"cdk.Fn.select({c(x[0])}, {c(x[1])})"
        if k == "Fn::Split":
            return f"cdk.Fn.split({js_str(x[0])}, {c(x[1])})"
        if k == "Fn::If":
            return f"cdk.Fn.conditionIf({js_str(x[0])}, {c(x[1])}, {c(x[2])})"
        if k == "Fn::FindInMap":
            return f"cdk.Fn.findInMap({js_str(x[0])}, {c(x[1])}, {c(x[2])})"
        if k == "Fn::GetAZs":
            return f"cdk.Fn.getAzs({c(x)})"
        if k == "Fn::Equals":
            return f"cdk.Fn.conditionEquals({c(x[0])}, {c(x[1])})"
        if k == "Fn::And":
            return f"cdk.Fn.conditionAnd({', '.join(c(e) for e in x)})"
        if k == "Fn::Or":
            return f"cdk.Fn.conditionOr({', '.join(c(e) for e in x)})"
        if k == "Fn::Not":
            return f"cdk.Fn.conditionNot({c(x[0])})"
        if k == "Condition":
            return f"conditions[{js_str(x)}]"
        if k == "Fn::Base64":
            return f"cdk.Fn.base64({c(x)})"
        if k == "Fn::ImportValue":
            return f"cdk.Fn.importValue({c(x)})"
        if k == "Fn::Cidr":
            return f"cdk.Fn.cidr({c(x[0])}, {c(x[1])}, {c(x[2])})"
        raise ValueError(k)
    if isinstance(v, dict):
        return "{" + ", ".join(f"{js_str(k)}: {js(e, ctx)}" for k, e in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(js(e, ctx) for e in v) + "]"
    return json.dumps(v)


PARAM_KEYS = {
    "Type": "type", "Description": "description", "Default": "default", "AllowedValues": "allowedValues",
    "AllowedPattern": "allowedPattern", "MinLength": "minLength", "MaxLength": "maxLength", "MinValue": "minValue",
    "MaxValue": "maxValue", "ConstraintDescription": "constraintDescription", "NoEcho": "noEcho",
}
POLICIES = {"Delete": "DELETE", "Retain": "RETAIN", "Snapshot": "SNAPSHOT", "RetainExceptOnCreate": "RETAIN_EXCEPT_ON_CREATE"}


def js_body(t, scope, out, nested_vars):
    """The statements building template `t` in construct `scope`."""
    out.append("  const conditions = {};")
    for k, p in t.get("Parameters", {}).items():
        if scope != "root" and True:
            pass
        args = ", ".join(f"{PARAM_KEYS[a]}: {json.dumps(b)}" for a, b in p.items())
        out.append(f"  new cdk.CfnParameter({scope}, {js_str(k)}, {{ {args} }});")
    if "Metadata" in t:
        for k, m in t["Metadata"].items():
            out.append(f"  {scope}.addMetadata({js_str(k)}, {json.dumps(m)});")
    for k, m in t.get("Mappings", {}).items():
        out.append(f"  new cdk.CfnMapping({scope}, {js_str('Mapping' + k)}, {{ mapping: {json.dumps(m)} }}).overrideLogicalId({js_str(k)});")
    for k, c in t.get("Conditions", {}).items():
        out.append(f"  conditions[{js_str(k)}] = new cdk.CfnCondition({scope}, {js_str('Condition' + k)}, {{ expression: {js(c, None)} }});")
        out.append(f"  conditions[{js_str(k)}].overrideLogicalId({js_str(k)});")
    out.append("  const r = {};")
    for k, r in t["Resources"].items():
        props = r.get("Properties", {})
        if r["Type"] == "AWS::CloudFormation::Stack":
            var = nested_vars[k]
            params = props.get("Parameters", {})
            out.append(f"  const {var} = new cdk.NestedStack({scope}, {js_str(k)}, {{")
            out.append(f"    parameters: {{{', '.join(f'{js_str(n)}: {js(e, None)}' for n, e in params.items())}}},")
            out.append("    removalPolicy: cdk.RemovalPolicy.DESTROY,")
            out.append("  });")
            out.append(f"  {k.lower()}({var});")
            continue
        out.append(f"  r[{js_str(k)}] = new cdk.CfnResource({scope}, {js_str(k)}, {{")
        out.append(f"    type: {js_str(r['Type'])},")
        out.append(f"    properties: {js(props, None)},")
        out.append("  });")
        if "Condition" in r:
            out.append(f"  r[{js_str(k)}].cfnOptions.condition = conditions[{js_str(r['Condition'])}];")
        for attr, opt in (("DeletionPolicy", "deletionPolicy"), ("UpdateReplacePolicy", "updateReplacePolicy")):
            if attr in r:
                out.append(f"  r[{js_str(k)}].cfnOptions.{opt} = cdk.CfnDeletionPolicy.{POLICIES[r[attr]]};")
        if "Metadata" in r:
            out.append(f"  r[{js_str(k)}].cfnOptions.metadata = {json.dumps(r['Metadata'])};")
        deps = r.get("DependsOn", [])
        for d in [deps] if isinstance(deps, str) else deps:
            out.append(f"  r[{js_str(k)}].addResourceDependency(r[{js_str(d)}]);")
    for k, o in t.get("Outputs", {}).items():
        args = [f"value: {js(o['Value'], None)}"]
        if "Description" in o:
            args.append(f"description: {js_str(o['Description'])}")
        if "Export" in o:
            args.append(f"exportName: {js(o['Export']['Name'], None)}")
        if "Condition" in o:
            args.append(f"condition: conditions[{js_str(o['Condition'])}]")
        # Outputs, conditions and mappings have namespaces of their own in CloudFormation, not in
        # CDK's construct tree: distinct construct ids, the golden logical ids.
        out.append(f"  new cdk.CfnOutput({scope}, {js_str('Output' + k)}, {{ {', '.join(args)} }}).overrideLogicalId({js_str(k)});")


def rewrite_child_outputs(v, nested_vars):
    """Root references to `Fn::GetAtt Child.Outputs.X`: CDK names the nested stack resources
    itself, so they are read through the `NestedStack` object."""
    if isinstance(v, dict):
        if list(v) == ["Fn::GetAtt"] and v["Fn::GetAtt"][0] in nested_vars and v["Fn::GetAtt"][1].startswith("Outputs."):
            return {"__child_output__": [nested_vars[v["Fn::GetAtt"][0]], v["Fn::GetAtt"][1]]}
        return {k: rewrite_child_outputs(e, nested_vars) for k, e in v.items()}
    if isinstance(v, list):
        return [rewrite_child_outputs(e, nested_vars) for e in v]
    return v


def write_cdk():
    nested_vars = {c: f"{c.lower()}Stack" for c in CHILDREN}
    out = [
        "// The multi-env architecture in aws-cdk-lib 2.276.0: a root Stack and five NestedStacks",
        "// (network, data, storage, compute, monitoring), the same resources, properties and wiring as",
        "// cfn's `examples/multi-env` (written from its golden assembly by `../gen_multi_env.py`).",
        "// Creation stack traces are off, as `cdk synth` runs apps unless given --debug.",
        "//",
        "//     node multi_env.js OUT_DIR",
        "const cdk = require('aws-cdk-lib');",
        "",
    ]
    for c in CHILDREN:
        t = load(f"{c}.template.json")
        out.append(f"function {c.lower()}(stack) {{")
        js_body(t, "stack", out, nested_vars)
        out.append("}")
        out.append("")
    root = load("template.json")
    root = rewrite_child_outputs(root, nested_vars)
    out.append("const app = new cdk.App({ outdir: process.argv[2], context: { 'aws:cdk:disable-stack-trace': true } });")
    out.append(f"const root = new cdk.Stack(app, 'MultiEnv', {{ description: {js_str(root['Description'])} }});")
    out.append("function build(root) {")
    body = []
    js_body({k: v for k, v in root.items() if k != "Description"}, "root", body, nested_vars)
    text = "\n".join(body)
    import re

    text = re.sub(
        r'\{"__child_output__": \["(\w+)", "(Outputs\.\w+)"\]\}',
        r"cdk.Token.asString(\1.nestedStackResource.getAtt('\2'))",
        text,
    )
    out.append(text)
    out.append("}")
    out.append("build(root);")
    out.append("app.synth();")
    with open(os.path.join(HERE, "cdk", "multi_env.js"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    write_troposphere()
    write_cdk()
