"""Smoke deploys (issue 8, item 4): every child template of an assembly, deployed on its own
into moto's CloudFormation (a local server on 127.0.0.1), with concrete parameters.

Usage: smoke_deploy.py OUT_DIR   (the folder `cargo run --example multi-env -- --out-dir` wrote)

The parameters are the root template's, evaluated: `Ref` of a root parameter takes its default
(`EnvironmentSuffix`: `smoke`), `Fn::FindInMap` reads the root's mappings, and
`Fn::GetAtt Child.Outputs.X` (which moto cannot evaluate across nested stacks) takes that output
of the child deployed before, or a concrete fake value when moto left the output out. Each stack
must reach CREATE_COMPLETE, and every resource of a type moto creates must exist afterwards
(a describe call per resource). The server is stopped whatever happens. Exit status 1 on any
failure; a summary line per child on stderr.
"""

import ipaddress
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
from botocore.config import Config

ROOT_DEFAULTS = {"EnvironmentSuffix": "smoke", "Environment": "dev"}
REGION = "us-east-1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(venv_bin):
    port = free_port()
    log = open(os.environ.get("SMOKE_MOTO_LOG", os.devnull), "w")
    proc = subprocess.Popen(
        [str(Path(venv_bin) / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"smoke: moto_server exited with {proc.returncode} before answering")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, url
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit("smoke: moto_server did not answer within 60 s")


def stop_server(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def fake(name, ptype):
    """A concrete value for a parameter moto could not give us."""
    if "Subnet" in ptype:
        return "subnet-0123456789abcdef0"
    if "SecurityGroup" in ptype:
        return "sg-0123456789abcdef0"
    if "VPC" in ptype:
        return "vpc-0123456789abcdef0"
    if ptype == "Number":
        return "1"
    return f"smoke-{name}"


class Evaluator:
    def __init__(self, root):
        self.root = root
        self.outputs = {}  # child id -> {output: value}
        self.faked = []

    def param(self, name):
        if name in ROOT_DEFAULTS:
            return ROOT_DEFAULTS[name]
        p = self.root["Parameters"][name]
        if "Default" in p:
            return str(p["Default"])
        raise SystemExit(f"smoke: root parameter {name} has no default and no smoke value")

    def eval(self, e, child, pname, ptype):
        if isinstance(e, (str, int, float)):
            return str(e)
        if isinstance(e, list):
            return [self.eval(x, child, pname, ptype) for x in e]
        (fn, arg), = e.items()
        if fn == "Ref":
            return self.param(arg)
        if fn == "Fn::FindInMap":
            m, k1, k2 = (self.eval(a, child, pname, ptype) for a in arg)
            return str(self.root["Mappings"][m][k1][k2])
        if fn == "Fn::Join":
            sep, items = arg
            return sep.join(self.eval(items, child, pname, ptype.removeprefix("List<").removesuffix(">")))
        if fn == "Fn::GetAtt":
            other, att = arg
            out = att.removeprefix("Outputs.")
            if out in self.outputs.get(other, {}):
                return self.outputs[other][out]
            self.faked.append(f"{child}.{pname} <- {other}.{out}")
            return fake(out, ptype)
        if fn == "Fn::If":
            cond, then, otherwise = arg
            chosen = then if self.condition(cond, child, pname, ptype) else otherwise
            return self.eval(chosen, child, pname, ptype)
        raise SystemExit(f"smoke: cannot evaluate {fn} for {child}.{pname}")

    def condition(self, name, child, pname, ptype):
        """The root's condition `name`, for the parameter values above."""
        return self.cond(self.root["Conditions"][name], child, pname, ptype)

    def cond(self, e, child, pname, ptype):
        (fn, arg), = e.items()
        if fn == "Fn::Equals":
            a, b = (self.eval(x, child, pname, ptype) for x in arg)
            return a == b
        if fn == "Fn::Not":
            return not self.cond(arg[0], child, pname, ptype)
        if fn == "Fn::And":
            return all(self.cond(x, child, pname, ptype) for x in arg)
        if fn == "Fn::Or":
            return any(self.cond(x, child, pname, ptype) for x in arg)
        if fn == "Condition":
            return self.condition(arg, child, pname, ptype)
        raise SystemExit(f"smoke: cannot evaluate condition {fn} for {child}.{pname}")


def shim_cidr(node, params):
    """moto does not evaluate `Fn::Cidr`: compute it from the concrete parameters (the one
    change made to a template before it is deployed)."""
    if isinstance(node, list):
        return [shim_cidr(x, params) for x in node]
    if not isinstance(node, dict):
        return node
    if set(node) == {"Fn::Cidr"}:
        block, count, bits = node["Fn::Cidr"]
        if isinstance(block, dict) and set(block) == {"Ref"}:
            block = params[block["Ref"]]
        net = ipaddress.ip_network(block)
        subnets = net.subnets(new_prefix=net.max_prefixlen - int(bits))
        return [str(next(subnets)) for _ in range(int(count))]
    return {k: shim_cidr(v, params) for k, v in node.items()}


def shim_key_policies(template):
    """moto requires `KeyPolicy` on `AWS::KMS::Key`; CloudFormation defaults it to the account
    root's full access, which is written here when the template leaves it out. moto also reads
    the key's tags in the KMS API's form."""
    for r in template["Resources"].values():
        if r["Type"] == "AWS::KMS::Key" and "KeyPolicy" not in r.get("Properties", {}):
            r.setdefault("Properties", {})["KeyPolicy"] = {
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                    "Action": "kms:*",
                    "Resource": "*",
                }],
            }
        if r["Type"] == "AWS::KMS::Key" and isinstance(r["Properties"]["KeyPolicy"], dict):
            # moto keeps the policy as given and later reads it as JSON text.
            r["Properties"]["KeyPolicy"] = json.dumps(r["Properties"]["KeyPolicy"])
        if r["Type"] == "AWS::KMS::Key" and "Tags" in r.get("Properties", {}):
            # moto reads KMS tags in the KMS API's form (TagKey/TagValue), not CloudFormation's.
            r["Properties"]["Tags"] = [{"TagKey": t["Key"], "TagValue": t["Value"]} for t in r["Properties"]["Tags"]]
        if r["Type"] == "AWS::SSM::Parameter" and isinstance(r.get("Properties", {}).get("Tags"), dict):
            # moto reads SSM parameter tags as a list; CloudFormation's are a map.
            r["Properties"]["Tags"] = [{"Key": k, "Value": v} for k, v in r["Properties"]["Tags"].items()]
    return template


def order(root):
    """Children in an order where every child comes after those whose outputs it reads."""
    deps = {}
    for rid, r in root["Resources"].items():
        if r["Type"] != "AWS::CloudFormation::Stack":
            continue
        text = json.dumps(r.get("Properties", {}).get("Parameters", {}))
        deps[rid] = {o for o in root["Resources"] if f'["{o}", "Outputs.' in text}
        deps[rid] |= set([r["DependsOn"]] if isinstance(r.get("DependsOn"), str) else r.get("DependsOn", []))
    done = []
    while len(done) < len(deps):
        ready = [c for c in deps if c not in done and deps[c] <= set(done)]
        if not ready:
            raise SystemExit(f"smoke: cycle among {sorted(set(deps) - set(done))}")
        done.append(ready[0])
    return done


class Checker:
    """A describe call per resource of a type moto creates; types it skips are listed."""

    # Types moto 5.2.5's CloudFormation accepts but does not create (or cannot be described).
    SKIPPED = {
        "AWS::EC2::SecurityGroupEgress",
        "AWS::EC2::SubnetRouteTableAssociation",  # recorded, but no association is made
        "AWS::SecretsManager::Secret",
        "AWS::CloudWatch::Alarm",
    }

    def __init__(self, session):
        c = session.client
        self.ec2, self.elb, self.ecs, self.rds = c("ec2"), c("elbv2"), c("ecs"), c("rds")
        self.efs, self.ssm, self.iam, self.logs = c("efs"), c("ssm"), c("iam"), c("logs")
        self.kms, self.sns, self.r53 = c("kms"), c("sns"), c("route53")

    def check(self, rtype, pid, resources):
        """Raises if the resource does not exist; returns False for types not checked."""
        e = self
        if rtype in self.SKIPPED:
            return False
        if rtype == "AWS::EC2::VPC":
            assert e.ec2.describe_vpcs(VpcIds=[pid])["Vpcs"]
        elif rtype == "AWS::EC2::Subnet":
            assert e.ec2.describe_subnets(SubnetIds=[pid])["Subnets"]
        elif rtype == "AWS::EC2::InternetGateway":
            assert e.ec2.describe_internet_gateways(InternetGatewayIds=[pid])["InternetGateways"]
        elif rtype == "AWS::EC2::VPCGatewayAttachment":
            igws = e.ec2.describe_internet_gateways()["InternetGateways"]
            assert any(a.get("State") == "available" for g in igws for a in g.get("Attachments", [])), "no attached gateway"
        elif rtype == "AWS::EC2::EIP":
            by = {"AllocationIds": [pid]} if pid.startswith("eipalloc-") else {"PublicIps": [pid]}
            assert e.ec2.describe_addresses(**by)["Addresses"]
        elif rtype == "AWS::EC2::NatGateway":
            assert e.ec2.describe_nat_gateways(NatGatewayIds=[pid])["NatGateways"]
        elif rtype == "AWS::EC2::RouteTable":
            assert e.ec2.describe_route_tables(RouteTableIds=[pid])["RouteTables"]
        elif rtype == "AWS::EC2::Route":
            tables = e.ec2.describe_route_tables()["RouteTables"]
            wanted = sum(1 for r in resources if r["ResourceType"] == rtype)
            default = [r for t in tables for r in t["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"]
            assert len(default) >= wanted, f"{len(default)} default routes, {wanted} Route resources"
        elif rtype == "AWS::EC2::SubnetRouteTableAssociation":
            tables = e.ec2.describe_route_tables()["RouteTables"]
            wanted = sum(1 for r in resources if r["ResourceType"] == rtype)
            found = [a for t in tables for a in t["Associations"] if a.get("SubnetId")]
            assert len(found) >= wanted, f"{len(found)} subnet associations, {wanted} resources"
        elif rtype == "AWS::EC2::SecurityGroup":
            assert e.ec2.describe_security_groups(GroupIds=[pid])["SecurityGroups"]
        elif rtype == "AWS::EC2::SecurityGroupIngress":
            groups = e.ec2.describe_security_groups()["SecurityGroups"]
            assert any(p.get("UserIdGroupPairs") for g in groups for p in g["IpPermissions"]), "no group-to-group ingress"
        elif rtype == "AWS::ElasticLoadBalancingV2::LoadBalancer":
            assert e.elb.describe_load_balancers(LoadBalancerArns=[pid])["LoadBalancers"]
        elif rtype == "AWS::ElasticLoadBalancingV2::TargetGroup":
            assert e.elb.describe_target_groups(TargetGroupArns=[pid])["TargetGroups"]
        elif rtype == "AWS::ElasticLoadBalancingV2::Listener":
            assert e.elb.describe_listeners(ListenerArns=[pid])["Listeners"]
        elif rtype == "AWS::ECS::Cluster":
            assert [c for c in e.ecs.describe_clusters(clusters=[pid])["clusters"] if c["status"] == "ACTIVE"]
        elif rtype == "AWS::ECS::TaskDefinition":
            assert e.ecs.describe_task_definition(taskDefinition=pid)["taskDefinition"]
        elif rtype == "AWS::ECS::Service":
            arns = [a for c in e.ecs.list_clusters()["clusterArns"] for a in e.ecs.list_services(cluster=c)["serviceArns"]]
            assert any(a == pid or a.endswith("/" + pid.split("/")[-1]) for a in arns), f"{pid} not in {arns}"
        elif rtype == "AWS::RDS::DBInstance":
            assert e.rds.describe_db_instances(DBInstanceIdentifier=pid)["DBInstances"]
        elif rtype == "AWS::RDS::DBSubnetGroup":
            assert e.rds.describe_db_subnet_groups(DBSubnetGroupName=pid)["DBSubnetGroups"]
        elif rtype == "AWS::EFS::FileSystem":
            assert e.efs.describe_file_systems(FileSystemId=pid)["FileSystems"]
        elif rtype == "AWS::EFS::MountTarget":
            assert e.efs.describe_mount_targets(MountTargetId=pid)["MountTargets"]
        elif rtype == "AWS::EFS::AccessPoint":
            assert e.efs.describe_access_points(AccessPointId=pid)["AccessPoints"]
        elif rtype == "AWS::SSM::Parameter":
            assert e.ssm.get_parameter(Name=pid)["Parameter"]
        elif rtype == "AWS::IAM::Role":
            assert e.iam.get_role(RoleName=pid)["Role"]
        elif rtype == "AWS::Logs::LogGroup":
            assert [g for g in e.logs.describe_log_groups(logGroupNamePrefix=pid)["logGroups"] if g["logGroupName"] == pid]
        elif rtype == "AWS::KMS::Key":
            assert e.kms.describe_key(KeyId=pid)["KeyMetadata"]
        elif rtype == "AWS::KMS::Alias":
            assert any(a["AliasName"] == pid for a in e.kms.list_aliases()["Aliases"]), f"no alias {pid}"
        elif rtype == "AWS::SNS::Topic":
            assert e.sns.get_topic_attributes(TopicArn=pid)["Attributes"]
        elif rtype == "AWS::Route53::HealthCheck":
            assert e.r53.get_health_check(HealthCheckId=pid)["HealthCheck"]
        else:
            return False
        return True


def deploy(cfn, checker, ev, root, out_dir, child):
    props = root["Resources"][child]["Properties"]
    template_path = out_dir / f"{child}.template.json"
    template = json.loads(template_path.read_text())
    params = []
    for name, e in props.get("Parameters", {}).items():
        ptype = template["Parameters"][name]["Type"]
        v = ev.eval(e, child, name, ptype)
        params.append({"ParameterKey": name, "ParameterValue": v})
    stack = f"smoke-{child.lower()}"
    body = shim_cidr(shim_key_policies(json.loads(json.dumps(template))), {p["ParameterKey"]: p["ParameterValue"] for p in params})
    cfn.create_stack(
        StackName=stack,
        TemplateBody=json.dumps(body),
        Parameters=params,
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"],
    )
    deadline = time.time() + 120
    while True:
        s = cfn.describe_stacks(StackName=stack)["Stacks"][0]
        if not s["StackStatus"].endswith("_IN_PROGRESS") or time.time() > deadline:
            break
        time.sleep(0.5)
    status = s["StackStatus"]
    ev.outputs[child] = {o["OutputKey"]: o["OutputValue"] for o in s.get("Outputs", [])}
    resources = cfn.list_stack_resources(StackName=stack)["StackResourceSummaries"]
    declared = len(template["Resources"])
    checked, unchecked, missing = 0, {}, []
    if status == "CREATE_COMPLETE":
        done = set()
        for r in resources:
            try:
                if checker.check(r["ResourceType"], r.get("PhysicalResourceId", ""), resources):
                    checked += 1
                    done.add(r["LogicalResourceId"])
            except Exception as err:  # noqa: BLE001 (any failed describe is a missing resource)
                missing.append(f"{r['LogicalResourceId']} ({r['ResourceType']}): {err}")
                done.add(r["LogicalResourceId"])
        # What moto does not create (it lists those without a type) or has no describe call here.
        for lid, r in template["Resources"].items():
            if lid not in done:
                unchecked[r["Type"]] = unchecked.get(r["Type"], 0) + 1
    else:
        events = cfn.describe_stack_events(StackName=stack)["StackEvents"]
        missing = [f"{e['LogicalResourceId']}: {e.get('ResourceStatusReason', '')}" for e in events if "FAILED" in e["ResourceStatus"]]
    return {
        "child": child,
        "status": status,
        "declared": declared,
        "created": len(resources),
        "checked": checked,
        "not_checked": unchecked,
        "missing": missing,
        "outputs": len(ev.outputs[child]),
    }


def main():
    out_dir = Path(sys.argv[1])
    root = json.loads((out_dir / "template.json").read_text())
    venv_bin = Path(sys.executable).parent
    proc, url = start_server(venv_bin)
    try:
        session = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
        )
        cfg = Config(retries={"max_attempts": 2})
        orig = session.client
        session.client = lambda name: orig(name, endpoint_url=url, config=cfg)
        cfn = session.client("cloudformation")
        checker = Checker(session)
        ev = Evaluator(root)
        results = [deploy(cfn, checker, ev, root, out_dir, c) for c in order(root)]
    finally:
        stop_server(proc)
    ok = True
    for r in results:
        good = r["status"] == "CREATE_COMPLETE" and not r["missing"]
        ok &= good
        skipped = ", ".join(f"{n} {t}" for t, n in sorted(r["not_checked"].items())) or "none"
        print(
            f"{'ok  ' if good else 'FAIL'} {r['child']}: {r['status']}; {r['declared']} resources declared, "
            f"{r['created']} listed by moto, {r['checked']} found by describe calls; not created by moto: {skipped}",
            file=sys.stderr,
        )
        for m in r["missing"]:
            print(f"     missing: {m}", file=sys.stderr)
    if ev.faked:
        print(f"smoke: fake values (outputs moto did not give): {'; '.join(ev.faked)}", file=sys.stderr)
    print(json.dumps(results), file=open(os.environ["SMOKE_REPORT"], "w") if "SMOKE_REPORT" in os.environ else sys.stdout)
    n = sum(r["status"] == "CREATE_COMPLETE" and not r["missing"] for r in results)
    print(f"smoke deploys: {n}/{len(results)} stacks CREATE_COMPLETE with every checked resource present", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
