#!/usr/bin/env python3
"""Offline validation of everything under Deploy/ (run through validate.sh).

Checks, without a container engine, a cluster or the network:
  * every YAML file under Deploy/ parses (all documents);
  * Kubernetes manifests against the official JSON schemas bundled in the
    PyPI package kubernetes-validate (strict: unknown fields fail), and the
    CloudNativePG Cluster/ScheduledBackup against Deploy/validate/schemas/;
  * what the deployment issue asks of them (probes, resources, security
    context, HPA, PDB, migration Job, database secret wiring, Ingress/TLS,
    connection arithmetic);
  * compose.yaml against the Compose specification schema bundled in the
    PyPI package check-jsonschema, plus its service graph;
  * the Dockerfile (multi-stage, non-root, health check, entrypoint) with
    dockerfile-parse and hadolint, and its Dockerfile.dockerignore;
  * the nginx configuration with `nginx -t`, then a short live run of nginx on
    loopback in front of two stub upstreams (log redaction, headers, limits);
  * the systemd unit (with its ClamAV drop-in) with `systemd-analyze verify`,
    the env examples, and that every EENLOKET_* name used here is one the
    top-level README documents;
  * ClamAV in every form: compose and Kubernetes run clamd with freshclam and
    point EENLOKET_CLAMD at it, the VM example at Debian's clamd socket.

Exits 1 when any check fails. The last line reads "N passed, M failed".
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from importlib import resources
from pathlib import Path

import jsonschema
import kubernetes_validate
import yaml
from dockerfile_parse import DockerfileParser

HERE = Path(__file__).resolve().parent
DEPLOY = HERE.parent
ROOT = DEPLOY.parent
K8S_DIR = DEPLOY / "kubernetes"
# The oldest Kubernetes minor the manifests must work on, and the newest the
# bundled schemas know.
K8S_VERSIONS = ["1.30", kubernetes_validate.utils.latest_version()]
CNPG_SCHEMAS = {
    ("postgresql.cnpg.io/v1", "Cluster"): HERE / "schemas" / "cnpg-cluster.schema.json",
    ("postgresql.cnpg.io/v1", "ScheduledBackup"): HERE / "schemas" / "cnpg-scheduledbackup.schema.json",
}
NAMESPACED_EXEMPT = {"Namespace"}


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------
class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failed: list[str] = []

    def section(self, title: str) -> None:
        print(f"\n== {title}")

    def ok(self, message: str) -> None:
        self.passed += 1
        print(f"  ok    {message}")

    def fail(self, message: str) -> None:
        self.failed.append(message)
        print(f"  FAIL  {message}")

    def check(self, condition: bool, message: str, why: str = "") -> bool:
        if condition:
            self.ok(message)
        else:
            self.fail(message + (f" — {why}" if why else ""))
        return bool(condition)

    def note(self, message: str) -> None:
        print(f"        {message}")


R = Report()


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def readme_variables() -> set[str]:
    """The EENLOKET_* variables of the top-level README's configuration table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Configuration\n(.*?)^## ", text, re.S | re.M)
    section = match.group(1) if match else ""
    names: set[str] = set()
    for line in section.splitlines():
        if line.startswith("|"):
            names.update(re.findall(r"`(EENLOKET_[A-Z0-9_]+)`", line))
    return names


MEMORY_UNITS = {"": 1, "k": 10**3, "M": 10**6, "G": 10**9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def memory_bytes(quantity: str) -> int:
    m = re.fullmatch(r"([0-9]+)(Ki|Mi|Gi|k|M|G)?", str(quantity))
    if not m:
        raise ValueError(f"unsupported memory quantity {quantity!r}")
    return int(m.group(1)) * MEMORY_UNITS[m.group(2) or ""]


def cpu_cores(quantity) -> float:
    text = str(quantity)
    return int(text[:-1]) / 1000 if text.endswith("m") else float(text)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def dockerignore_excluded(patterns: list[str], path: str) -> bool:
    """Docker's .dockerignore rule: the last pattern matching the path or one of
    its parent folders decides; `!` re-includes."""

    def to_regex(pattern: str) -> re.Pattern:
        out, i = "", 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                out, i = out + "(?:.*/)?", i + 3
            elif pattern.startswith("**", i):
                out, i = out + ".*", i + 2
            elif pattern[i] == "*":
                out, i = out + "[^/]*", i + 1
            elif pattern[i] == "?":
                out, i = out + "[^/]", i + 1
            else:
                out, i = out + re.escape(pattern[i]), i + 1
        return re.compile(out + r"\Z")

    parts = path.split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    excluded = False
    for raw in patterns:
        negate = raw.startswith("!")
        pattern = os.path.normpath(raw[1:] if negate else raw).lstrip("/")
        regex = to_regex(pattern)
        if any(regex.match(c) for c in candidates):
            excluded = not negate
    return excluded


# ---------------------------------------------------------------------------
# 1. YAML
# ---------------------------------------------------------------------------
def check_yaml() -> dict[Path, list]:
    R.section("YAML: every file under Deploy/ parses (all documents)")
    loaded: dict[Path, list] = {}
    for path in sorted(list(DEPLOY.rglob("*.yaml")) + list(DEPLOY.rglob("*.yml"))):
        try:
            docs = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]
        except yaml.YAMLError as error:
            R.fail(f"{rel(path)}: {error}")
            continue
        loaded[path] = docs
        R.ok(f"{rel(path)}: {len(docs)} document(s)")
    return loaded


# ---------------------------------------------------------------------------
# 2. Kubernetes
# ---------------------------------------------------------------------------
def check_kubernetes(loaded: dict[Path, list], known_vars: set[str]) -> None:
    R.section(f"Kubernetes: schemas (kubernetes-validate {kubernetes_validate.version.__version__}, "
              f"strict, Kubernetes {' and '.join(K8S_VERSIONS)}; CloudNativePG: own schemas)")
    docs: list[tuple[Path, dict]] = []
    for path, items in loaded.items():
        if path.parent != K8S_DIR:
            continue
        for doc in items:
            docs.append((path, doc))
    if not R.check(bool(docs), "manifests found in Deploy/kubernetes/"):
        return

    cnpg_validators = {
        key: jsonschema.Draft202012Validator(json.loads(p.read_text(encoding="utf-8")))
        for key, p in CNPG_SCHEMAS.items()
    }
    for schema_path in CNPG_SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(json.loads(schema_path.read_text(encoding="utf-8")))

    for path, doc in docs:
        kind, api = doc.get("kind"), doc.get("apiVersion")
        name = (doc.get("metadata") or {}).get("name")
        label = f"{rel(path)}: {kind}/{name}"
        if not (kind and api and name):
            R.fail(f"{rel(path)}: a document lacks apiVersion, kind or metadata.name")
            continue
        if (api, kind) in cnpg_validators:
            errors = sorted(cnpg_validators[(api, kind)].iter_errors(doc), key=lambda e: list(e.path))
            R.check(not errors, f"{label} ({api}) matches {CNPG_SCHEMAS[(api, kind)].name}",
                    "; ".join(f"{'.'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in errors[:5]))
            continue
        problems = []
        for version in K8S_VERSIONS:
            try:
                kubernetes_validate.validate(doc, version, strict=True)
            except kubernetes_validate.ValidationError as error:
                where = ".".join(str(p) for p in error.path) or "(root)"
                problems.append(f"{version}: {where}: {error.message}")
            except kubernetes_validate.SchemaNotFoundError:
                problems.append(f"{version}: no schema for {api} {kind} (not a built-in kind?)")
        R.check(not problems, f"{label} ({api}) is valid", "; ".join(problems))

    by_kind: dict[str, list[dict]] = {}
    for _, doc in docs:
        by_kind.setdefault(doc["kind"], []).append(doc)

    R.section("Kubernetes: what the deployment needs")
    namespaces = [d["metadata"]["name"] for d in by_kind.get("Namespace", [])]
    if R.check(len(namespaces) == 1, "exactly one Namespace", f"found {namespaces}"):
        ns = namespaces[0]
        wrong = [f"{d['kind']}/{d['metadata']['name']}" for _, d in docs
                 if d["kind"] not in NAMESPACED_EXEMPT and d["metadata"].get("namespace") != ns]
        R.check(not wrong, f"every namespaced object is in namespace {ns!r}", f"not: {wrong}")

    def one(kind: str) -> dict | None:
        """The object of this kind that belongs to the service: the one named
        `eenloket` when several exist (ClamAV has a Service and a PDB too)."""
        items = by_kind.get(kind, [])
        R.check(len(items) >= 1, f"a {kind} exists")
        return next((d for d in items if d["metadata"]["name"] == "eenloket"), items[0] if items else None)

    deployment = one("Deployment")
    service = one("Service")
    hpa = one("HorizontalPodAutoscaler")
    pdb = one("PodDisruptionBudget")
    job = one("Job")
    ingresses = by_kind.get("Ingress", [])
    R.check(bool(ingresses), "an Ingress exists")
    cluster = one("Cluster")
    scheduled = one("ScheduledBackup")
    configmap = one("ConfigMap")
    config = (configmap or {}).get("data", {}) or {}

    # -- ConfigMap ------------------------------------------------------------
    unknown = sorted(k for k in config if k not in known_vars)
    R.check(not unknown, "ConfigMap keys are variables the README documents", f"unknown: {unknown}")
    R.check("EENLOKET_DATABASE_URL" not in config, "no database URL in the ConfigMap (it comes from a Secret)")

    cluster_name = cluster["metadata"]["name"] if cluster else None
    app_secret = f"{cluster_name}-app"

    def database_url_from_cnpg(container: dict, what: str) -> None:
        env = container.get("env", []) or []
        names = [e.get("name") for e in env]
        entry = next((e for e in env if e.get("name") == "EENLOKET_DATABASE_URL"), None)
        if not R.check(entry is not None, f"{what}: EENLOKET_DATABASE_URL is set"):
            return

        def from_app_uri(e: dict) -> bool:
            ref = ((e.get("valueFrom") or {}).get("secretKeyRef") or {})
            return ref.get("name") == app_secret and ref.get("key") == "uri"

        if from_app_uri(entry):
            R.ok(f"{what}: EENLOKET_DATABASE_URL = secret {app_secret} key uri")
            return
        refs = re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", str(entry.get("value", "")))
        good = [r for r in refs
                if r in names and names.index(r) < names.index("EENLOKET_DATABASE_URL")
                and from_app_uri(env[names.index(r)])]
        R.check(len(refs) == 1 and good and str(entry["value"]).startswith(f"$({good[0]})"),
                f"{what}: EENLOKET_DATABASE_URL is built from secret {app_secret} key uri "
                f"(via $({refs[0] if refs else '?'}), defined before it)",
                f"value {entry.get('value')!r}")

    # -- Deployment -------------------------------------------------------------
    pod_labels: dict = {}
    container: dict = {}
    if deployment:
        spec = deployment["spec"]
        pod = spec["template"]["spec"]
        pod_labels = spec["template"]["metadata"].get("labels", {})
        container = pod["containers"][0]
        R.check(spec.get("replicas", 1) >= 2, f"Deployment has ≥ 2 replicas ({spec.get('replicas')})")
        R.check(all(pod_labels.get(k) == v for k, v in spec["selector"]["matchLabels"].items()),
                "Deployment selector matches its pod labels")
        R.check(container.get("args", ["serve"])[:1] == ["serve"] and "command" not in container,
                "container runs the image entrypoint with `serve`")
        ports = {p.get("name"): p["containerPort"] for p in container.get("ports", [])}
        R.check(ports.get("http") == int(config.get("EENLOKET_PORT", 8080)),
                f"container port 'http' = EENLOKET_PORT ({config.get('EENLOKET_PORT')})")

        def probe_path(name: str) -> str | None:
            return ((container.get(name) or {}).get("httpGet") or {}).get("path")

        def probe_port_ok(name: str) -> bool:
            port = ((container.get(name) or {}).get("httpGet") or {}).get("port")
            return port in ports or port in ports.values()

        R.check(probe_path("readinessProbe") == "/health/ready", "readiness probe: GET /health/ready",
                f"got {probe_path('readinessProbe')}")
        R.check(probe_path("livenessProbe") == "/health/live", "liveness probe: GET /health/live",
                f"got {probe_path('livenessProbe')}")
        R.check(probe_path("startupProbe") in ("/health/live", "/health/ready"), "startup probe on /health/*",
                f"got {probe_path('startupProbe')}")
        R.check(all(probe_port_ok(p) for p in ("readinessProbe", "livenessProbe", "startupProbe")),
                "probes use the container's port")
        startup = container.get("startupProbe") or {}
        budget = startup.get("periodSeconds", 10) * startup.get("failureThreshold", 3)
        R.check(budget >= 120, f"startup probe allows ≥ 120 s for migrations before listening ({budget} s)")

        res = container.get("resources") or {}
        req, lim = res.get("requests") or {}, res.get("limits") or {}
        R.check("cpu" in req and "memory" in req, f"resource requests set (cpu {req.get('cpu')}, memory {req.get('memory')})")
        R.check("cpu" in req and abs(cpu_cores(req["cpu"]) - 0.25) < 1e-9, "cpu request is 250m")
        R.check("memory" in lim and memory_bytes(lim["memory"]) <= 512 * 2**20,
                f"memory limit set and ≤ 512Mi ({lim.get('memory')})")
        R.check("memory" in req and "memory" in lim and memory_bytes(req["memory"]) <= memory_bytes(lim["memory"]),
                "memory request ≤ limit")

        psc, csc = pod.get("securityContext") or {}, container.get("securityContext") or {}
        R.check(psc.get("runAsNonRoot") is True or csc.get("runAsNonRoot") is True, "runAsNonRoot")
        R.check(int(psc.get("runAsUser", csc.get("runAsUser", 0))) != 0, "runs as a non-zero uid")
        R.check(csc.get("readOnlyRootFilesystem") is True, "readOnlyRootFilesystem")
        R.check(csc.get("allowPrivilegeEscalation") is False, "allowPrivilegeEscalation: false")
        R.check("ALL" in ((csc.get("capabilities") or {}).get("drop") or []), "all capabilities dropped")
        R.check((psc.get("seccompProfile") or csc.get("seccompProfile") or {}).get("type") == "RuntimeDefault",
                "seccomp profile RuntimeDefault")
        R.check(pod.get("automountServiceAccountToken") is False, "no service account token mounted")

        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
        spool = config.get("EENLOKET_MAIL_SPOOL_DIR", "/var/spool/eenloket/mail")
        for path_, what in (("/tmp", "/tmp"), (spool, f"the mail spool {spool}")):
            R.check(path_ in mounts and "emptyDir" in volumes.get(mounts[path_], {}),
                    f"emptyDir mounted at {what}")

        grace = pod.get("terminationGracePeriodSeconds", 30)
        pre = ((container.get("lifecycle") or {}).get("preStop") or {})
        sleep_s = None
        if "sleep" in pre:
            sleep_s = int(pre["sleep"].get("seconds", 0))
        elif "exec" in pre:
            cmd = pre["exec"].get("command", [])
            if cmd and cmd[0].endswith("sleep") and len(cmd) == 2:
                sleep_s = int(cmd[1])
        R.check(sleep_s is not None and sleep_s > 0, f"preStop sleep before SIGTERM ({sleep_s} s)")
        R.check(20 <= grace <= 60 and (sleep_s or 0) + 15 <= grace,
                f"terminationGracePeriodSeconds {grace} leaves ≥ 15 s after the preStop sleep")
        database_url_from_cnpg(container, "Deployment")
        images = [c["image"] for c in pod["containers"]]
        R.check(all(not i.endswith(":latest") and ":" in i.split("/")[-1] for i in images),
                "Deployment image has an explicit tag (not :latest)")

    # -- Service ----------------------------------------------------------------
    if service and deployment:
        sel = service["spec"].get("selector", {})
        R.check(sel and all(pod_labels.get(k) == v for k, v in sel.items()), "Service selects the Deployment's pods")
        names = {p.get("name") for p in container.get("ports", [])} | {p["containerPort"] for p in container.get("ports", [])}
        R.check(all(p.get("targetPort") in names for p in service["spec"]["ports"]), "Service targetPort is a container port")

    # -- HPA / PDB ----------------------------------------------------------------
    if hpa and deployment:
        ref = hpa["spec"]["scaleTargetRef"]
        R.check(hpa["apiVersion"] == "autoscaling/v2", "HPA uses autoscaling/v2")
        R.check(ref.get("kind") == "Deployment" and ref.get("name") == deployment["metadata"]["name"],
                "HPA scales the Deployment")
        cpu = [m for m in hpa["spec"].get("metrics", [])
               if m.get("type") == "Resource" and m["resource"]["name"] == "cpu"
               and m["resource"]["target"].get("type") == "Utilization"]
        R.check(bool(cpu), "HPA targets CPU utilisation")
        R.check(hpa["spec"].get("minReplicas", 1) >= 2, f"HPA minReplicas ≥ 2 ({hpa['spec'].get('minReplicas')})")
    if pdb and deployment:
        R.check(pdb["apiVersion"] == "policy/v1", "PDB uses policy/v1")
        R.check(pdb["spec"].get("minAvailable") == 1, "PDB minAvailable 1")
        sel = pdb["spec"]["selector"].get("matchLabels", {})
        R.check(sel and all(pod_labels.get(k) == v for k, v in sel.items()), "PDB selects the Deployment's pods")
        if hpa:
            R.check(hpa["spec"].get("minReplicas", 1) > pdb["spec"].get("minAvailable", 0),
                    "HPA minReplicas > PDB minAvailable (a node drain can proceed)")

    # -- migration Job ------------------------------------------------------------
    if job:
        jspec = job["spec"]
        jpod = jspec["template"]["spec"]
        jc = jpod["containers"][0]
        R.check(jc.get("args") == ["migrate"] or jc.get("command", [])[-1:] == ["migrate"], "Job runs `eenloket migrate`")
        R.check("backoffLimit" in jspec, f"Job backoffLimit set ({jspec.get('backoffLimit')})")
        R.check("ttlSecondsAfterFinished" in jspec, f"Job ttlSecondsAfterFinished set ({jspec.get('ttlSecondsAfterFinished')})")
        R.check(jpod.get("restartPolicy") in ("Never", "OnFailure"), "Job restartPolicy Never/OnFailure")
        if deployment:
            R.check(jc["image"] == container.get("image"), "Job and Deployment use the same image",
                    f"{jc['image']} ≠ {container.get('image')}")
            jlabels = jspec["template"]["metadata"].get("labels", {})
            sel = deployment["spec"]["selector"]["matchLabels"]
            R.check(not all(jlabels.get(k) == v for k, v in sel.items()),
                    "Job pods are not selected by the Deployment/Service/PDB")
        jsc = jc.get("securityContext") or {}
        R.check(jsc.get("readOnlyRootFilesystem") is True and "ALL" in ((jsc.get("capabilities") or {}).get("drop") or []),
                "Job container: read-only root, no capabilities")
        database_url_from_cnpg(jc, "Job")

    # -- Ingress --------------------------------------------------------------------
    svc_name = service["metadata"]["name"] if service else None
    svc_ports = {p.get("name") for p in service["spec"]["ports"]} | {p["port"] for p in service["spec"]["ports"]} if service else set()
    for ing in ingresses:
        ispec = ing["spec"]
        iname = ing["metadata"]["name"]
        hosts = {r.get("host") for r in ispec.get("rules", [])}
        tls_hosts = {h for t in ispec.get("tls", []) for h in t.get("hosts", []) if t.get("secretName")}
        R.check(ing["apiVersion"] == "networking.k8s.io/v1", f"Ingress {iname}: networking.k8s.io/v1")
        R.check(hosts and hosts <= tls_hosts, f"Ingress {iname}: TLS (with a secret) covers every host {sorted(hosts)}")
        paths = [p for r in ispec.get("rules", []) for p in r["http"]["paths"]]
        backends_ok = all(p["backend"]["service"]["name"] == svc_name and
                          (p["backend"]["service"]["port"].get("name") or p["backend"]["service"]["port"].get("number")) in svc_ports
                          for p in paths)
        R.check(backends_ok, f"Ingress {iname}: every path goes to Service {svc_name} on one of its ports")

        def routes(path: str) -> bool:
            for p in paths:
                if p["pathType"] == "Exact" and p["path"] == path:
                    return True
                if p["pathType"] in ("Prefix", "ImplementationSpecific"):
                    prefix = p["path"].rstrip("/")
                    if prefix == "" or path == prefix or path.startswith(prefix + "/"):
                        return True
            return False

        R.check(not routes("/metrics"), f"Ingress {iname}: /metrics is not routed to the public")
        if routes("/zaak/abc"):
            annotations = ing["metadata"].get("annotations", {})
            R.check(annotations.get("nginx.ingress.kubernetes.io/enable-access-log") == "false",
                    f"Ingress {iname}: routes /zaak/ with its access log switched off")
    if ingresses:
        def any_routes(path: str) -> bool:
            for ing in ingresses:
                for r in ing["spec"].get("rules", []):
                    for p in r["http"]["paths"]:
                        prefix = p["path"].rstrip("/")
                        if (p["pathType"] == "Exact" and p["path"] == path) or (
                                p["pathType"] != "Exact" and (prefix == "" or path == prefix or path.startswith(prefix + "/"))):
                            return True
            return False
        public = ["/", "/vraag", "/vraag/werknemer", "/zaak/abc", "/zaak/abc/uitspraak", "/medewerkers/inloggen",
                  "/static/eenloket.css", "/api/v1/cases", "/openapi.yaml", "/health/live"]
        missing = [p for p in public if not any_routes(p)]
        R.check(not missing, "the Ingresses route every public path of the service", f"not routed: {missing}")

    # -- CloudNativePG ---------------------------------------------------------------
    if cluster:
        cspec = cluster["spec"]
        R.check(cspec.get("instances") == 3, f"Cluster has 3 instances ({cspec.get('instances')})")
        bos = (cspec.get("backup") or {}).get("barmanObjectStore") or {}
        R.check(bool(bos.get("destinationPath")), "Cluster backs up to object storage (barmanObjectStore)")
        creds = bos.get("s3Credentials") or {}
        secret_refs = {v.get("name") for v in creds.values() if isinstance(v, dict)}
        secrets = {d["metadata"]["name"]: d for d in by_kind.get("Secret", [])}
        R.check(secret_refs and secret_refs <= set(secrets),
                "the object-store credentials secret is in the Secret template", f"{secret_refs} vs {set(secrets)}")
        for sname in secret_refs & set(secrets):
            keys = set((secrets[sname].get("stringData") or {}) | (secrets[sname].get("data") or {}))
            wanted = {v.get("key") for v in creds.values() if isinstance(v, dict) and v.get("name") == sname}
            R.check(wanted <= keys, f"secret {sname} has the keys the Cluster reads {sorted(wanted)}")
        R.check(str(cspec.get("imageName", "")).split(":")[-1].split("-")[0].split(".")[0] in {"15", "16", "17", "18"},
                f"PostgreSQL 15+ image ({cspec.get('imageName')})")
        params = (cspec.get("postgresql") or {}).get("parameters") or {}
        R.check(params.get("log_parameter_max_length") == "0",
                "PostgreSQL never logs statement parameter values (log_parameter_max_length 0)")
        R.check("system" in str(cspec.get("imageName", "")) or not bos,
                "in-tree barmanObjectStore uses a 'system' image (it carries barman-cloud)")
    if scheduled and cluster:
        R.check(scheduled["spec"]["cluster"]["name"] == cluster_name, "ScheduledBackup points at the Cluster")
        R.check(scheduled["spec"].get("method", "barmanObjectStore") == "barmanObjectStore",
                "ScheduledBackup uses the Cluster's object store")

    # -- connections arithmetic ---------------------------------------------------------
    if cluster and hpa and deployment:
        max_conn = int(cluster["spec"]["postgresql"]["parameters"].get("max_connections", 100))
        pool = int(config.get("EENLOKET_DB_POOL_SIZE", 20))
        surge = deployment["spec"].get("strategy", {}).get("rollingUpdate", {}).get("maxSurge", 1)
        surge = int(surge) if not str(surge).endswith("%") else 1
        pods = hpa["spec"]["maxReplicas"] + surge
        need = pods * pool + 1 + 3 + 10
        R.check(need <= max_conn,
                f"connections: ({hpa['spec']['maxReplicas']} max replicas + {surge} surge) × pool {pool} "
                f"+ 1 migrate + 3 reserved + 10 headroom = {need} ≤ max_connections {max_conn}")

    # -- Secret template ------------------------------------------------------------------
    for sec in by_kind.get("Secret", []):
        values = {**(sec.get("stringData") or {})}
        R.check(not sec.get("data") and values and all("CHANGE-ME" in str(v) for v in values.values()),
                f"Secret {sec['metadata']['name']} holds only CHANGE-ME placeholders")


# ---------------------------------------------------------------------------
# 3. Compose
# ---------------------------------------------------------------------------
def compose_schema() -> tuple[dict, str, str]:
    base = resources.files("check_jsonschema") / "builtin_schemas" / "vendor"
    raw = (base / "compose-spec.json").read_bytes()
    expected = (base / "sha256" / "compose-spec.sha256").read_text().strip()
    return json.loads(raw), hashlib.sha256(raw).hexdigest(), expected


def check_compose(loaded: dict[Path, list], known_vars: set[str], nginx_upstreams: list[str]) -> None:
    path = DEPLOY / "compose.yaml"
    schema, digest, expected = compose_schema()
    from importlib.metadata import version
    R.section(f"Compose: {rel(path)} against the Compose specification schema "
              f"(check-jsonschema {version('check-jsonschema')} vendor/compose-spec.json, sha256 {digest[:12]}…)")
    R.check(digest == expected, "bundled compose-spec.json matches the package's recorded sha256")
    docs = loaded.get(path)
    if not R.check(bool(docs) and len(docs) == 1, "compose.yaml is one YAML document"):
        return
    data = docs[0]
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    R.check(not errors, "compose.yaml is valid against the Compose specification",
            "; ".join(f"{'.'.join(map(str, e.path))}: {e.message[:160]}" for e in errors[:5]))

    services = data.get("services", {})
    text = path.read_text(encoding="utf-8")

    db = services.get("db", {})
    R.check(str(db.get("image", "")).startswith("postgres:15"), f"db runs PostgreSQL 15 ({db.get('image')})")
    R.check(any(str(v).endswith(":/var/lib/postgresql/data") and not str(v).startswith((".", "/"))
                for v in db.get("volumes", [])), "db keeps its data in a named volume")
    R.check("healthcheck" in db and "pg_isready" in json.dumps(db["healthcheck"]), "db has a pg_isready health check")
    R.check("log_parameter_max_length=0" in json.dumps(db.get("command", "")),
            "db never logs statement parameter values (log_parameter_max_length=0)")

    def cmd(svc: dict) -> list:
        c = svc.get("command")
        return c if isinstance(c, list) else (c.split() if c else [])

    migrate = [n for n, s in services.items() if cmd(s) == ["migrate"]]
    if R.check(len(migrate) == 1, f"one one-shot migration service ({migrate})"):
        m = services[migrate[0]]
        R.check(m.get("restart", "no") == "no", "the migration service is not restarted")
        R.check((m.get("depends_on") or {}).get("db", {}).get("condition") == "service_healthy",
                "migration waits for a healthy database")
    replicas = [n for n, s in services.items() if cmd(s) == ["serve"]]
    R.check(len(replicas) >= 2, f"≥ 2 service replicas ({replicas})")
    for n in replicas:
        s = services[n]
        dep = s.get("depends_on") or {}
        R.check(dep.get("db", {}).get("condition") == "service_healthy"
                and migrate and dep.get(migrate[0], {}).get("condition") == "service_completed_successfully",
                f"{n} waits for a healthy db and a completed migration")
        R.check("/health/ready" in json.dumps(s.get("healthcheck", {})), f"{n} health check on /health/ready")
        R.check(s.get("read_only") is True and "ALL" in (s.get("cap_drop") or []), f"{n}: read-only root, no capabilities")
        env = s.get("environment") or {}
        R.check(str(env.get("EENLOKET_DATABASE_URL", "")).startswith(("postgres://", "postgresql://")),
                f"{n}: EENLOKET_DATABASE_URL is a postgres:// URL")
        R.check(not s.get("ports"), f"{n} publishes no port (only the proxy does)")
        unknown = sorted(k for k in env if k.startswith("EENLOKET_") and k not in known_vars)
        R.check(not unknown, f"{n}: environment names are README variables", f"unknown {unknown}")
    R.check(sorted(nginx_upstreams) == sorted(replicas),
            f"nginx upstream servers are exactly the replicas ({sorted(nginx_upstreams)})")

    proxies = [n for n, s in services.items() if str(s.get("image", "")).startswith("nginx")]
    if R.check(len(proxies) == 1, f"one nginx reverse proxy ({proxies})"):
        p = services[proxies[0]]
        mounts = [str(v) for v in p.get("volumes", [])]
        conf = [m for m in mounts if "nginx/eenloket.conf" in m]
        R.check(bool(conf) and conf[0].split(":")[1].startswith("/etc/nginx/conf.d/"),
                "the proxy mounts nginx/eenloket.conf into conf.d")
        for m in mounts:
            src = m.split(":")[0]
            if src.startswith("./"):
                target = DEPLOY / src
                R.check(target.exists() or src.endswith("/tls"), f"mounted path {src} exists (tls/: supplied by the operator)")
        R.check(set((p.get("depends_on") or {})) >= set(replicas), "the proxy starts after the replicas")

    # Secrets only through interpolation.
    literal = []
    for n, s in services.items():
        for k, v in (s.get("environment") or {}).items():
            if re.search(r"PASSWORD|SECRET|TOKEN", k) and v not in (None, "") and "${" not in str(v):
                literal.append(f"{n}.{k}")
    R.check(not literal, "passwords come only from ${…} variables", f"literal: {literal}")
    R.check(re.search(r"\$\{POSTGRES_PASSWORD:\?", text) is not None,
            "compose refuses to start without POSTGRES_PASSWORD (${POSTGRES_PASSWORD:?…})")

    env_example = (DEPLOY / "compose.env.example").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    used = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", text))
    documented = set(re.findall(r"^#?([A-Z_][A-Z0-9_]*)=", env_example, re.M))
    R.check(used <= documented, "compose.env.example lists every variable compose.yaml reads",
            f"missing {sorted(used - documented)}")
    required = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*):\?", text))
    active = set(re.findall(r"^([A-Z_][A-Z0-9_]*)=.*CHANGE-ME", env_example, re.M))
    R.check(required <= active, "every required variable is a CHANGE-ME placeholder in compose.env.example",
            f"{sorted(required - active)}")
    # The env file only feeds ${…} in compose.yaml: a service variable listed
    # there but not passed on in `environment:` would silently do nothing.
    offered = {n for n in documented if n.startswith("EENLOKET_")}
    for n in replicas:
        passed = set((services[n].get("environment") or {}))
        R.check(offered <= passed, f"{n} receives every EENLOKET_* variable compose.env.example offers",
                f"not passed: {sorted(offered - passed)}")


# ---------------------------------------------------------------------------
# 4. Dockerfile
# ---------------------------------------------------------------------------
def check_dockerfile(hadolint: str | None) -> None:
    path = DEPLOY / "Dockerfile"
    R.section(f"Dockerfile: {rel(path)} (dockerfile-parse, hadolint) and {rel(path)}.dockerignore")
    parser = DockerfileParser(path=str(path))
    structure = parser.structure
    stages: list[list[dict]] = []
    for item in structure:
        if item["instruction"] == "FROM":
            stages.append([])
        if stages:
            stages[-1].append(item)
    R.check(len(stages) >= 2, f"multi-stage ({len(stages)} stages)")
    if len(stages) < 2:
        return
    global_args = {}
    for item in structure:
        if item["instruction"] == "FROM":
            break
        if item["instruction"] == "ARG" and "=" in item["value"]:
            k, v = item["value"].split("=", 1)
            global_args[k.strip()] = v.strip()

    def base_of(stage: list[dict]) -> tuple[str, str | None]:
        words = stage[0]["value"].split()
        image = re.sub(r"\$\{?([A-Z_]+)\}?", lambda m: global_args.get(m.group(1), m.group(0)), words[0])
        name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
        return image, name

    names = [base_of(s)[1] for s in stages]
    build_image, _ = base_of(stages[0])
    final_image, _ = base_of(stages[-1])
    R.check(build_image.startswith("swift:6.3"), f"build stage from {build_image}")
    R.check(not final_image.startswith("swift:6.3-bookworm") or "slim" in final_image,
            f"runtime stage from a slim image ({final_image})")
    final = stages[-1]

    def values(stage: list[dict], instruction: str) -> list[str]:
        return [i["value"] for i in stage if i["instruction"] == instruction]

    for value in values(final, "COPY"):
        m = re.search(r"--from=(\S+)", value)
        if m:
            R.check(m.group(1) in names, f"COPY --from={m.group(1)} names an earlier stage")
    build_runs = " ".join(values(stages[0], "RUN"))
    R.check("swift build -c release --product eenloket" in build_runs, "build stage runs swift build -c release --product eenloket")
    R.check("eenloket_EenloketHTTP.resources" in build_runs and "SQL/migrations" in build_runs,
            "the binary's resources folder and SQL/migrations are staged")
    users = values(final, "USER")
    R.check(bool(users) and users[-1].split(":")[0] not in ("root", "0"), f"runtime user is not root ({users[-1] if users else None})")
    R.check("8080" in " ".join(values(final, "EXPOSE")), "EXPOSE 8080")
    health = " ".join(values(final, "HEALTHCHECK"))
    R.check("/health/live" in health, "HEALTHCHECK on /health/live")
    tool = "curl" if "curl" in health else "wget" if "wget" in health else None
    R.check(tool is not None and re.search(rf"install[^&]*\b{tool}\b", " ".join(values(final, "RUN"))) is not None,
            f"the health check's tool ({tool}) is installed in the runtime image")
    env = " ".join(values(final, "ENV"))
    for needed in ("EENLOKET_HOST=0.0.0.0", "EENLOKET_SQL_DIR=", "EENLOKET_WEB_DIR="):
        R.check(needed in env, f"ENV {needed}")
    entry = values(final, "ENTRYPOINT")
    cmdv = values(final, "CMD")
    try:
        argv = json.loads(entry[-1]) + (json.loads(cmdv[-1]) if cmdv else [])
    except (IndexError, json.JSONDecodeError):
        argv = []
    R.check(len(argv) == 2 and argv[0].endswith("/eenloket") and argv[1] == "serve",
            f"entrypoint + cmd = eenloket serve ({argv})")

    if hadolint:
        out = subprocess.run([hadolint, "--config", str(HERE / "hadolint.yaml"), "--no-color", str(path)],
                             capture_output=True, text=True, timeout=60)
        R.check(out.returncode == 0, "hadolint: no warnings or errors", (out.stdout + out.stderr).strip())
    else:
        R.fail("hadolint not found")

    ignore = DEPLOY / "Dockerfile.dockerignore"
    if R.check(ignore.exists(), f"{rel(ignore)} exists next to the Dockerfile (BuildKit: <Dockerfile>.dockerignore)"):
        patterns = [ln.strip() for ln in ignore.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
        for p in (".build/release/eenloket", ".eenloket/mail/x.eml", ".eenloket/deploy-venv/bin/python",
                  ".git/HEAD", "Deploy/.env", ".env", "Package.resolved"):
            R.check(dockerignore_excluded(patterns, p), f"build context excludes {p}")
        sources = []
        for value in values(stages[0], "COPY"):
            words = [w for w in value.split() if not w.startswith("--")]
            sources += words[:-1]
        for src in sources:
            probe = {"Package.*": "Package.swift"}.get(src, src.rstrip("/"))
            R.check(not dockerignore_excluded(patterns, probe) and (ROOT / probe).exists(),
                    f"build context includes COPY source {src}")
        R.check(not dockerignore_excluded(patterns, "SQL/migrations/0001_staff.sql")
                and not dockerignore_excluded(patterns, "Sources/EenloketHTTP/Web/Templates/layout.mustache"),
                "build context includes the migrations and the page templates")


# ---------------------------------------------------------------------------
# 5. nginx
# ---------------------------------------------------------------------------
class Upstream(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, label: str):
        self.label = label
        self.seen: list[tuple[str, str, dict]] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            server_version = "stub"
            protocol_version = "HTTP/1.1"

            def _reply(self) -> None:
                length = int(self.headers.get("Content-Length", 0) or 0)
                if length:
                    self.rfile.read(length)
                self.server.seen.append((self.command, self.path, dict(self.headers)))
                body = f"{self.server.label}\n".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _reply

            def log_message(self, *args) -> None:
                pass

        super().__init__(("127.0.0.1", port), Handler)


def nginx_upstream_names() -> list[str]:
    text = (DEPLOY / "nginx" / "eenloket.conf").read_text(encoding="utf-8")
    return re.findall(r"^\s*server\s+([a-zA-Z0-9_.-]+):8080\b", text, re.M)


def check_nginx(nginx: str | None) -> None:
    conf_path = DEPLOY / "nginx" / "eenloket.conf"
    R.section(f"nginx: {rel(conf_path)} (static checks, `nginx -t`, live run on loopback)")
    text = conf_path.read_text(encoding="utf-8")
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    R.check(re.search(r"client_max_body_size\s+1m;", code) is not None, "client_max_body_size 1m")
    R.check(re.search(r"proxy_set_header\s+X-Forwarded-For\s", code) is not None, "passes X-Forwarded-For")
    R.check(re.search(r"proxy_set_header\s+X-Forwarded-Proto\s+\$scheme;", code) is not None, "passes X-Forwarded-Proto")
    for d in ("proxy_connect_timeout", "proxy_read_timeout", "proxy_send_timeout", "client_body_timeout"):
        R.check(re.search(rf"{d}\s+\d+s;", code) is not None, f"{d} set")
    formats = re.findall(r"log_format\s+(\S+)(.*?);", code, re.S)
    leaky = [n for n, body in formats if re.search(r"\$(request|request_uri|args|query_string|http_referer|uri)\b", body)]
    R.check(formats and not leaky, "log formats never contain $request, $request_uri, $uri, $args or the Referer",
            f"leaky formats: {leaky}")
    logs = re.findall(r"access_log\s+([^;]+);", code)
    safe = {n for n, _ in formats}
    R.check(logs and all(l.split()[0] == "off" or (len(l.split()) > 1 and l.split()[1] in safe) for l in logs),
            "every access_log uses the redacting format (or is off)")
    R.check(re.search(r"location\s*=\s*/metrics\s*\{\s*return\s+404;", code) is not None, "/metrics is not served publicly")
    upstreams = nginx_upstream_names()
    R.check(len(upstreams) >= 2, f"upstream proxies to both replicas ({upstreams})")

    if not nginx:
        R.fail("nginx binary not available for `nginx -t`")
        return
    version = subprocess.run([nginx, "-v"], capture_output=True, text=True).stderr.strip()
    work = Path(tempfile.mkdtemp(prefix="eenloket-nginx-"))
    up_ports = [free_port() for _ in upstreams]
    p80, p443 = free_port(), free_port()
    for sub in ("tls", "logs", "acme", "body", "proxy", "fastcgi", "uwsgi", "scgi", "conf.d"):
        (work / sub).mkdir()
        os.chmod(work / sub, 0o777)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(work / "tls" / "privkey.pem"), "-out", str(work / "tls" / "fullchain.pem")],
                   check=True, capture_output=True)
    test_conf = text
    replacements = [
        (r"listen 80 default_server;", f"listen 127.0.0.1:{p80} default_server;"),
        (r"listen 443 ssl default_server;", f"listen 127.0.0.1:{p443} ssl default_server;"),
        (r" resolve;", ";"),
        (r"/etc/nginx/tls/", f"{work}/tls/"),
        (r"/var/log/nginx/", f"{work}/logs/"),
        (r"/var/www/acme", f"{work}/acme"),
    ] + [(rf"server {name}:8080", f"server 127.0.0.1:{port}") for name, port in zip(upstreams, up_ports)]
    for old, new in replacements:
        test_conf, n = re.subn(old, new, test_conf)
        if n == 0:
            R.fail(f"test copy: pattern {old!r} not found in eenloket.conf")
    (work / "conf.d" / "default.conf").write_text(test_conf)
    # Shaped like the official image's nginx.conf: an http-level access_log in
    # the image's "main" format (with $request), which the servers must override.
    (work / "nginx.conf").write_text(f"""
pid {work}/nginx.pid;
error_log {work}/logs/error.log notice;
worker_processes 1;
events {{ worker_connections 128; }}
http {{
    default_type application/octet-stream;
    client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
    log_format main '$remote_addr - $remote_user [$time_local] "$request" $status "$http_referer"';
    access_log {work}/logs/image-main.log main;
    sendfile on;
    keepalive_timeout 65;
    include {work}/conf.d/*.conf;
}}
""")
    R.note(f"{version}; test copy differs only in: loopback ports, upstream addresses "
           f"({', '.join(upstreams)} → 127.0.0.1), no `resolve` (needs nginx ≥ 1.27.3), file paths")
    base = [nginx, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "logs" / "startup.log")]
    t = subprocess.run(base + ["-t"], capture_output=True, text=True, timeout=30)
    if not R.check(t.returncode == 0, "nginx -t accepts the configuration", (t.stdout + t.stderr).strip()):
        shutil.rmtree(work, ignore_errors=True)
        return

    stubs = [Upstream(port, name) for name, port in zip(upstreams, up_ports)]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in stubs]
    for th in threads:
        th.start()
    proc = subprocess.Popen(base + ["-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=ctx), NoRedirect)

    def request(url: str, data: bytes | None = None) -> tuple[int, dict]:
        try:
            with opener.open(urllib.request.Request(url, data=data), timeout=5) as r:
                r.read()
                return r.status, dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers)

    https, http_ = f"https://127.0.0.1:{p443}", f"http://127.0.0.1:{p80}"
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", p443), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        secret = "GEHEIM-abc123"
        status, headers = request(f"{https}/zaak/{secret}/uitspraak?x={secret}")
        R.check(status == 200, f"GET /zaak/<token>/uitspraak is proxied ({status})")
        seen = [s for stub in stubs for s in stub.seen if secret in s[1]]
        if R.check(bool(seen), "the upstream receives the private link unchanged"):
            h = {k.lower(): v for k, v in seen[0][2].items()}
            R.check(h.get("x-forwarded-for") == "127.0.0.1", f"X-Forwarded-For reaches the upstream ({h.get('x-forwarded-for')})")
            R.check(h.get("x-forwarded-proto") == "https", f"X-Forwarded-Proto https reaches the upstream ({h.get('x-forwarded-proto')})")
        R.check("max-age" in headers.get("Strict-Transport-Security", ""), "HSTS header on HTTPS responses")
        status, headers = request(f"{http_}/zaak/{secret}")
        R.check(status == 301 and headers.get("Location", "").startswith("https://"), f"plain HTTP redirects to HTTPS ({status})")
        before = sum(len(s.seen) for s in stubs)
        status, _ = request(f"{https}/metrics")
        R.check(status == 404 and sum(len(s.seen) for s in stubs) == before, f"/metrics answers 404 without reaching a replica ({status})")
        status, _ = request(f"{https}/api/v1/cases", data=b"x" * (2 * 1024 * 1024))
        R.check(status == 413, f"a 2 MiB body is refused with 413 ({status})")
        spread = [request(f"{https}/vraag")[0] for _ in range(6)]
        R.check(all(code == 200 for code in spread), f"GET /vraag is proxied as is, no redirect ({spread})")
        R.check(all(s.seen for s in stubs), "requests reach both replicas", str([len(s.seen) for s in stubs]))
        stubs[0].shutdown()
        stubs[0].server_close()
        results = [request(f"{https}/")[0] for _ in range(4)]
        R.check(all(r == 200 for r in results), f"with one replica down, GETs still succeed {results}")
        statuses = [request(f"{https}/medewerkers/inloggen")[0] for _ in range(15)]
        R.check(429 in statuses, f"logins are rate-limited per address (429 after the burst: {statuses.count(429)}×)")
    finally:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        for s in stubs[1:]:
            s.shutdown()
            s.server_close()

    access = (work / "logs" / "access.log").read_text() if (work / "logs" / "access.log").exists() else ""
    lines = [ln for ln in access.splitlines() if ln.strip()]
    parsed = []
    for ln in lines:
        try:
            parsed.append(json.loads(ln))
        except json.JSONDecodeError:
            R.fail(f"access log line is not JSON: {ln[:120]}")
    R.check(any(p.get("path") == "/zaak/{token}/uitspraak" for p in parsed),
            "the access log writes /zaak/{token}/uitspraak for a private link")
    leaked = [f.name for f in (work / "logs").iterdir() if "GEHEIM" in f.read_text(errors="replace")]
    R.check(bool(lines) and not leaked, f"no log file holds the private link ({len(lines)} access log lines checked)",
            f"leaked into {leaked}")
    shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------------------
# 6. systemd unit and env files
# ---------------------------------------------------------------------------
def check_systemd_and_env(known_vars: set[str]) -> None:
    unit = DEPLOY / "eenloket.service"
    dropins = DEPLOY / "eenloket.service.d"
    env_path = DEPLOY / "eenloket.env.example"
    R.section(f"VM install: {rel(unit)} with {rel(dropins)}/ (systemd-analyze verify) and {rel(env_path)}")
    text = unit.read_text(encoding="utf-8")
    exec_start = re.search(r"^ExecStart=(\S+)\s+(.*)$", text, re.M)
    R.check(exec_start is not None and exec_start.group(2).strip() == "serve", "ExecStart runs `eenloket serve`")
    analyze = shutil.which("systemd-analyze")
    if analyze and exec_start:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "eenloket.service"
            copy.write_text(text.replace(exec_start.group(1), "/bin/true"))
            # verify reads drop-ins from <unit>.d/ next to the unit it is given.
            if dropins.is_dir():
                shutil.copytree(dropins, Path(tmp) / dropins.name)
            out = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True, timeout=60)
            messages = (out.stdout + out.stderr).strip()
            R.check(out.returncode == 0 and not messages,
                    "systemd-analyze verify (with the drop-ins): no unknown or invalid settings (binary path stubbed)",
                    messages)
    else:
        R.fail("systemd-analyze not found (Debian package systemd)")
    for setting in ("NoNewPrivileges=true", "ProtectSystem=strict", "KillSignal=SIGTERM", "EnvironmentFile=/etc/eenloket/eenloket.env"):
        R.check(setting in text, setting)
    state = re.search(r"^StateDirectory=(\S+)", text, re.M)

    env_text = env_path.read_text(encoding="utf-8")
    active = dict(re.findall(r"^([A-Z_][A-Z0-9_]*)=(.*)$", env_text, re.M))
    commented = set(re.findall(r"^#([A-Z_][A-Z0-9_]*)=", env_text, re.M))
    mentioned = set(active) | commented
    unknown = sorted(n for n in mentioned if n not in known_vars)
    R.check(not unknown, "env example: every variable is documented in the README", f"unknown {unknown}")
    missing = sorted(known_vars - mentioned - {"EENLOKET_TEST_DATABASE_URL"})
    R.check(not missing, "env example: every README variable (except tests') appears", f"missing {missing}")
    R.check("CHANGE-ME" in active.get("EENLOKET_DATABASE_URL", ""), "env example: the database password is a CHANGE-ME placeholder")
    spool = active.get("EENLOKET_MAIL_SPOOL_DIR", ".eenloket/mail")
    R.check(state is not None and spool.startswith(f"/var/lib/{state.group(1)}/"),
            f"the mail spool ({spool}) is inside the unit's writable StateDirectory")
    ro = re.search(r"^ReadOnlyPaths=(\S+)", text, re.M)
    for key in ("EENLOKET_SQL_DIR", "EENLOKET_WEB_DIR"):
        R.check(ro is not None and active.get(key, "").startswith(ro.group(1)), f"{key} points into {ro.group(1) if ro else '?'}")


# ---------------------------------------------------------------------------
# 7. ClamAV in every form
# ---------------------------------------------------------------------------
CLAMD_PORT = 3310
# clamd's StreamMaxLength: the default since ClamAV 0.105 (the official image's
# clamd.conf keeps it), and what Debian's generated /etc/clamav/clamd.conf sets.
CLAMD_STREAM_MAX_IMAGE = 100 * 2**20
CLAMD_STREAM_MAX_DEBIAN = 25 * 2**20
DEFAULT_DOCUMENT_MAX_BYTES = 20 * 2**20
# ClamAV's own minimum for clamd with the full signature set.
CLAMD_MIN_MEMORY = 3 * 2**30


def compose_default(value) -> str:
    """`${NAME:-default}` → default; anything else as it is."""
    m = re.fullmatch(r"\$\{[A-Z_][A-Z0-9_]*:?-(.*)\}", str(value))
    return m.group(1) if m else str(value)


def compose_memory(value) -> int:
    m = re.fullmatch(r"([0-9]+)([kmg]?)b?", str(value).strip().lower())
    if not m:
        return 0
    return int(m.group(1)) * {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[m.group(2)]


def is_clamav_image(image) -> bool:
    return "clamav/clamav" in str(image)


def runs_freshclam(containers: list[dict]) -> bool:
    """The official image runs freshclam unless CLAMAV_NO_FRESHCLAMD=true; a
    sidecar may run it instead."""
    for c in containers:
        env = {e.get("name"): str(e.get("value", "")) for e in c.get("env", []) or []}
        if is_clamav_image(c.get("image")) and env.get("CLAMAV_NO_FRESHCLAMD", "false").lower() != "true":
            return True
        if "freshclam" in " ".join(map(str, (c.get("command") or []) + (c.get("args") or []))):
            return True
    return False


def check_clamav(loaded: dict[Path, list]) -> None:
    R.section("ClamAV: clamd with freshclam in compose and Kubernetes, Debian's clamd for the VM")

    # -- compose ----------------------------------------------------------------
    compose = (loaded.get(DEPLOY / "compose.yaml") or [{}])[0]
    services = compose.get("services", {}) or {}
    scanners = [n for n, s in services.items() if is_clamav_image(s.get("image"))]
    if R.check(len(scanners) == 1, f"compose: one ClamAV service ({scanners})"):
        name = scanners[0]
        svc = services[name]
        env = {k: str(v) for k, v in (svc.get("environment") or {}).items()}
        R.check(env.get("CLAMAV_NO_CLAMD", "false") != "true" and env.get("CLAMAV_NO_FRESHCLAMD", "false") != "true",
                f"compose: {name} runs both clamd and freshclam")
        named = set((compose.get("volumes") or {}))
        R.check(any(str(v).split(":")[0] in named and str(v).split(":")[1] == "/var/lib/clamav"
                    for v in svc.get("volumes", [])),
                f"compose: {name} keeps its signatures in a named volume at /var/lib/clamav")
        health = json.dumps(svc.get("healthcheck", {}))
        R.check(any(w in health for w in ("clamdcheck", "PING", "clamdscan")), f"compose: {name} has a clamd health check")
        R.check(not svc.get("ports"), f"compose: {name} publishes no port (clamd has no authentication)")
        limit = compose_memory((((svc.get("deploy") or {}).get("resources") or {}).get("limits") or {}).get("memory", 0))
        R.check(limit >= CLAMD_MIN_MEMORY, f"compose: {name} may use ≥ 3 GiB ({limit / 2**30:.1f} GiB)")
        replicas = [n for n, s in services.items() if s.get("command") == ["serve"]]
        for n in replicas:
            s = services[n]
            env = s.get("environment") or {}
            R.check(compose_default(env.get("EENLOKET_CLAMD", "")) == f"tcp:{name}:{CLAMD_PORT}",
                    f"compose: {n} scans with EENLOKET_CLAMD=tcp:{name}:{CLAMD_PORT}",
                    f"got {env.get('EENLOKET_CLAMD')!r}")
            R.check(((s.get("depends_on") or {}).get(name) or {}).get("condition") == "service_healthy",
                    f"compose: {n} waits for a healthy {name}")
            size = int(compose_default(env.get("EENLOKET_DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES)))
            R.check(size <= CLAMD_STREAM_MAX_IMAGE,
                    f"compose: {n}'s largest document ({size} bytes) fits clamd's StreamMaxLength (100 MiB)")

    # -- Kubernetes ---------------------------------------------------------------
    docs = [d for path, items in loaded.items() if path.parent == K8S_DIR for d in items]
    workloads = [d for d in docs if d.get("kind") in ("StatefulSet", "Deployment")
                 and any(is_clamav_image(c.get("image")) for c in d["spec"]["template"]["spec"]["containers"])]
    config = next((d.get("data") or {} for d in docs if d.get("kind") == "ConfigMap"
                   and d["metadata"]["name"] == "eenloket-config"), {})
    web = next((d for d in docs if d.get("kind") == "Deployment" and d["metadata"]["name"] == "eenloket"), None)
    if not R.check(len(workloads) == 1, f"Kubernetes: one ClamAV workload "
                                        f"({[w['kind'] + '/' + w['metadata']['name'] for w in workloads]})"):
        return
    w = workloads[0]
    pod = w["spec"]["template"]["spec"]
    labels = w["spec"]["template"]["metadata"].get("labels", {})
    containers = pod["containers"]
    clamd = next(c for c in containers if is_clamav_image(c.get("image")))
    what = f"{w['kind']}/{w['metadata']['name']}"
    R.check(runs_freshclam(containers), f"Kubernetes: {what} runs freshclam (signatures kept current)")
    port_names = {p.get("name"): p["containerPort"] for p in clamd.get("ports", [])}
    R.check(CLAMD_PORT in port_names.values(), f"Kubernetes: {what} exposes clamd on {CLAMD_PORT}")
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        R.check(probe in clamd, f"Kubernetes: {what} has a {probe}")
    res = clamd.get("resources") or {}
    req, lim = res.get("requests") or {}, res.get("limits") or {}
    R.check("memory" in req and "memory" in lim and memory_bytes(lim["memory"]) >= CLAMD_MIN_MEMORY
            and memory_bytes(req["memory"]) <= memory_bytes(lim["memory"]),
            f"Kubernetes: {what} memory request ≤ limit, limit ≥ 3Gi ({req.get('memory')}/{lim.get('memory')})")
    psc, csc = pod.get("securityContext") or {}, clamd.get("securityContext") or {}
    R.check((psc.get("runAsNonRoot") or csc.get("runAsNonRoot")) is True
            and int(psc.get("runAsUser", csc.get("runAsUser", 0))) != 0
            and csc.get("readOnlyRootFilesystem") is True and csc.get("allowPrivilegeEscalation") is False
            and "ALL" in ((csc.get("capabilities") or {}).get("drop") or []),
            f"Kubernetes: {what} runs as non-root, read-only, without capabilities")
    db_mount = next((m["name"] for m in clamd.get("volumeMounts", []) if m["mountPath"] == "/var/lib/clamav"), None)
    claims = {tpl["metadata"]["name"] for tpl in w["spec"].get("volumeClaimTemplates", []) or []}
    pvcs = {v["name"] for v in pod.get("volumes", []) if "persistentVolumeClaim" in v}
    R.check(db_mount is not None and db_mount in claims | pvcs,
            f"Kubernetes: {what} keeps its signatures on a persistent volume at /var/lib/clamav")

    def selects(selector: dict, pod_labels: dict) -> bool:
        return bool(selector) and all(pod_labels.get(k) == v for k, v in selector.items())

    services = [d for d in docs if d.get("kind") == "Service" and selects(d["spec"].get("selector", {}), labels)]
    if R.check(len(services) == 1, f"Kubernetes: one Service in front of clamd ({[s['metadata']['name'] for s in services]})"):
        svc = services[0]
        port = next((p for p in svc["spec"]["ports"]
                     if p.get("targetPort") in port_names or port_names.get(p.get("targetPort")) == CLAMD_PORT
                     or p.get("targetPort") == CLAMD_PORT), None)
        R.check(port is not None, f"Kubernetes: Service {svc['metadata']['name']} forwards to clamd's port")
        target = str(config.get("EENLOKET_CLAMD", ""))
        sname, ns = svc["metadata"]["name"], svc["metadata"].get("namespace")
        hosts = {sname, f"{sname}.{ns}", f"{sname}.{ns}.svc", f"{sname}.{ns}.svc.cluster.local"}
        R.check(port is not None and target in {f"tcp:{h}:{port['port']}" for h in hosts},
                f"Kubernetes: EENLOKET_CLAMD in the ConfigMap points at that Service ({target})")
    size = int(config.get("EENLOKET_DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES))
    R.check(size <= CLAMD_STREAM_MAX_IMAGE,
            f"Kubernetes: the largest document ({size} bytes) fits clamd's StreamMaxLength (100 MiB)")
    policies = [d for d in docs if d.get("kind") == "NetworkPolicy"
                and selects(d["spec"].get("podSelector", {}).get("matchLabels", {}), labels)]
    web_labels = web["spec"]["template"]["metadata"].get("labels", {}) if web else {}
    admitted = [p for p in policies for rule in p["spec"].get("ingress", []) or []
                for peer in rule.get("from", []) or []
                if selects((peer.get("podSelector") or {}).get("matchLabels", {}), web_labels)]
    R.check(bool(policies) and bool(admitted),
            "Kubernetes: a NetworkPolicy lets only the Eenloket pods reach clamd (no authentication in its protocol)")

    # -- VM (systemd) ---------------------------------------------------------------
    dropin = DEPLOY / "eenloket.service.d" / "clamd.conf"
    if R.check(dropin.exists(), f"VM: {rel(dropin)} exists"):
        text = dropin.read_text(encoding="utf-8")
        wants = " ".join(re.findall(r"^Wants=(.*)$", text, re.M)).split()
        after = " ".join(re.findall(r"^After=(.*)$", text, re.M)).split()
        R.check("clamav-daemon.service" in wants and "clamav-daemon.service" in after,
                "VM: the drop-in wants, and starts after, Debian's clamav-daemon.service")
        R.check(not re.search(r"^(Requires|BindsTo)=.*clamav", text, re.M),
                "VM: the drop-in does not stop Eenloket with clamd (Wants, not Requires)")
    env_text = (DEPLOY / "eenloket.env.example").read_text(encoding="utf-8")
    active = dict(re.findall(r"^([A-Z_][A-Z0-9_]*)=(.*)$", env_text, re.M))
    socket_path = "/run/clamav/clamd.ctl"
    R.check(active.get("EENLOKET_CLAMD") == f"unix:{socket_path}",
            f"VM: eenloket.env.example sets EENLOKET_CLAMD=unix:{socket_path} (Debian's clamd)",
            f"got {active.get('EENLOKET_CLAMD')!r}")
    debian_socket = Path("/lib/systemd/system/clamav-daemon.socket")
    if debian_socket.exists():
        listen = re.findall(r"^ListenStream=(\S+)", debian_socket.read_text(), re.M)
        R.check(socket_path in listen, f"VM: the installed clamav-daemon.socket listens on {socket_path} ({listen})")
    else:
        R.note("clamav-daemon is not installed here: its socket path is not compared")
    size = int(active.get("EENLOKET_DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES))
    R.check(size <= CLAMD_STREAM_MAX_DEBIAN,
            f"VM: the largest document ({size} bytes) fits Debian's StreamMaxLength (25 MiB)")


def check_names_and_secrets(known_vars: set[str]) -> None:
    R.section("Names and secrets across Deploy/")
    files = [p for p in DEPLOY.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc",)]
    unknown: dict[str, set[str]] = {}
    for p in files:
        if p.parent == HERE and p.suffix == ".py":
            continue
        for name in re.findall(r"\bEENLOKET_[A-Z0-9_]+\b", p.read_text(encoding="utf-8", errors="replace")):
            if name not in known_vars:
                unknown.setdefault(name, set()).add(rel(p))
    R.check(not unknown, f"every EENLOKET_* name used under Deploy/ is one of the README's {len(known_vars)} variables",
            "; ".join(f"{k} in {sorted(v)}" for k, v in unknown.items()))
    keys = [rel(p) for p in files if "PRIVATE KEY-----" in p.read_text(errors="replace") and p.suffix != ".py"]
    R.check(not keys, "no private keys under Deploy/", str(keys))
    userinfo = []
    for p in files:
        if p.suffix in (".py", ".md"):
            continue
        for m in re.finditer(r"postgres(?:ql)?://[^:/\s]+:([^@\s]+)@", p.read_text(errors="replace")):
            pw = m.group(1)
            if not ("CHANGE-ME" in pw or pw.startswith("${") or pw.startswith("<")):
                userinfo.append(f"{rel(p)}: …:{pw[:4]}…@")
    R.check(not userinfo, "database URLs hold no real password (CHANGE-ME, ${VAR} or <placeholder>)", "; ".join(userinfo))


def check_readme() -> None:
    path = DEPLOY / "README.md"
    R.section(f"Operator guide: {rel(path)}")
    if not R.check(path.exists(), "Deploy/README.md exists"):
        return
    text = path.read_text(encoding="utf-8").lower()
    for topic in ("configuration", "secrets", "image", "compose", "kubernetes", "cloudnativepg", "migration", "upgrade",
                  "expand", "scaling", "max_connections", "backup", "point-in-time", "pg_basebackup", "/metrics",
                  "logs", "tls", "validate", "clamav", "freshclam", "streammaxlength", "eicar"):
        R.check(topic in text, f"covers {topic!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nginx", help="nginx binary for the nginx checks")
    ap.add_argument("--hadolint", help="hadolint binary", default=shutil.which("hadolint"))
    args = ap.parse_args()
    started = time.monotonic()
    known = readme_variables()
    print(f"Eenloket deployment validation — {rel(DEPLOY)}/ against the README's {len(known)} EENLOKET_* variables")
    loaded = check_yaml()
    check_kubernetes(loaded, known)
    check_compose(loaded, known, nginx_upstream_names())
    check_dockerfile(args.hadolint)
    check_nginx(args.nginx)
    check_systemd_and_env(known)
    check_clamav(loaded)
    check_names_and_secrets(known)
    check_readme()
    print(f"\nDeploy validation: {time.monotonic() - started:.1f} s")
    if R.failed:
        print("Failed:")
        for f in R.failed:
            print(f"  - {f}")
    print(f"{R.passed} passed, {len(R.failed)} failed")
    return 1 if R.failed else 0


if __name__ == "__main__":
    sys.exit(main())
