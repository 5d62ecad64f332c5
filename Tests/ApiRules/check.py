"""Checks the NL API Design Rules (Logius, API Design Rules 2.x) that a machine
can check, on the OpenAPI document and on a running service, and names every
failure by its rule ID. Standard library and PyYAML only: the official Spectral
ruleset needs npm, which this project's machines do not have.

    python3 check.py --document openapi.yaml            # the document's rules
    python3 check.py --service http://127.0.0.1:8080    # the document it serves, and its answers
    python3 check.py --service URL --expect-hsts        # the same, for a service whose public address is https
    python3 check.py --service URL --no-filing          # against a real deployment: files no test case
    python3 check.py --self-test                        # proves every rule can fail

The rules a machine cannot check (naming with nouns, nesting, statelessness, the
deprecation schedule, ...) are in the conformance table of Deploy/README.md.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from openapi_document import load_yaml  # noqa: E402

# Every rule this checker applies, in the order the conformance table lists them.
RULES = {
    "/core/doc-openapi": "the API is described in OpenAPI 3.x",
    "/core/doc-openapi-contact": "info.contact has a name, an e-mail address and a URL",
    "/core/publish-openapi": "the document is published as JSON at the API's base address, without authentication, with CORS",
    "/core/semver": "info.version is a semantic version",
    "/core/version-header": "every answer carries API-Version, the full info.version, and the document declares it",
    "/core/uri-version": "the major version, and only it, is in every API path",
    "/core/no-trailing-slash": "no path ends with a slash; a request with one gets 404, not the resource or a redirect",
    "/core/path-segments-kebab-case": "literal path segments are kebab-case",
    "/core/http-methods": "only the standard HTTP methods",
    "/core/error-handling/problem-details": "every 4xx/5xx is application/problem+json with type, title, status and detail",
    "/core/transport/security-headers": "nosniff, no framing, no-store; HSTS over https",
    "/core/transport/cors": "only the OpenAPI document allows other origins",
    "/core/transport/no-sensitive-uris": "no secrets or personal data in query parameters",
}

SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
METHODS = {"get", "put", "post", "delete", "patch"}
PATH_ITEM_FIELDS = {"parameters", "summary", "description", "servers", "$ref"}
# Paths the document describes that are the service's, not the API's: no version in them.
SERVICE_PATHS = {"/health/live", "/health/ready", "/metrics", "/openapi.yaml"}
SENSITIVE = re.compile(r"token|password|wachtwoord|secret|email|e-mail|bsn|name|naam|birth|medical", re.I)


@dataclass
class Report:
    passed: dict[str, int] = field(default_factory=lambda: {rule: 0 for rule in RULES})
    failures: list[tuple[str, str]] = field(default_factory=list)

    def check(self, rule: str, ok: bool, message: str) -> bool:
        assert rule in RULES, rule
        if ok:
            self.passed[rule] += 1
        else:
            self.failures.append((rule, message))
        return ok

    def failed_rules(self) -> set[str]:
        return {rule for rule, _ in self.failures}

    def print(self) -> None:
        failed = self.failed_rules()
        for rule, description in RULES.items():
            checks = self.passed[rule] + sum(1 for r, _ in self.failures if r == rule)
            status = "FAIL" if rule in failed else ("pass" if checks else "n/a ")
            print(f"{status}  {rule:<40} {checks:>4} checks  {description}")
        for rule, message in self.failures:
            print(f"FAIL {rule}: {message}")


# ---------------------------------------------------------------------------
# The document.


def resolve(document: dict, node):
    """Follows a local $ref (#/components/...) until a plain object."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        target = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node, seen = target, seen + 1
    return node


def schema_properties(document: dict, schema) -> set[str]:
    """The property names a schema declares, through $ref and allOf."""
    schema = resolve(document, schema)
    names = set((schema.get("properties") or {}).keys())
    for part in schema.get("allOf") or []:
        names |= schema_properties(document, part)
    return names


def operations(document: dict):
    for path, item in (document.get("paths") or {}).items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def check_document(document: dict, report: Report) -> None:
    version = str((document.get("info") or {}).get("version", ""))
    report.check("/core/doc-openapi", str(document.get("openapi", "")).startswith("3."),
                 f"openapi is {document.get('openapi')!r}, not 3.x")
    report.check("/core/doc-openapi", bool(document.get("paths")) and bool((document.get("info") or {}).get("title")),
                 "the document has no info.title or no paths")

    contact = (document.get("info") or {}).get("contact") or {}
    report.check("/core/doc-openapi-contact", bool(str(contact.get("name", "")).strip()), "info.contact.name is missing")
    report.check("/core/doc-openapi-contact", re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", str(contact.get("email", ""))) is not None,
                 f"info.contact.email is not an e-mail address: {contact.get('email')!r}")
    report.check("/core/doc-openapi-contact", re.match(r"https?://\S+$", str(contact.get("url", ""))) is not None,
                 f"info.contact.url is not a URL: {contact.get('url')!r}")

    report.check("/core/semver", SEMVER.match(version) is not None, f"info.version {version!r} is not a semantic version")
    major = version.split(".")[0]

    paths = document.get("paths") or {}
    report.check("/core/publish-openapi", "get" in (paths.get(f"/api/v{major}/openapi.json") or {}),
                 f"the document does not describe GET /api/v{major}/openapi.json")

    for path, item in paths.items():
        report.check("/core/no-trailing-slash", path == "/" or not path.endswith("/"), f"path {path} ends with a slash")
        if path not in SERVICE_PATHS:
            report.check("/core/uri-version", path.startswith(f"/api/v{major}/"),
                         f"path {path} does not start with /api/v{major}/ (the major version of info.version {version})")
            report.check("/core/uri-version", re.search(r"/v\d+\.\d+", path) is None, f"path {path} holds more than the major version")
        for segment in path.strip("/").split("/"):
            literal = not (segment.startswith("{") and segment.endswith("}"))
            name = re.sub(r"\.(json|yaml)$", "", segment) if path in SERVICE_PATHS or path.endswith("/openapi.json") else segment
            if literal:
                report.check("/core/path-segments-kebab-case", KEBAB.match(name) is not None,
                             f"path {path}: segment {segment!r} is not kebab-case")
        unknown = set(item) - METHODS - PATH_ITEM_FIELDS
        report.check("/core/http-methods", not unknown, f"path {path} uses {sorted(unknown)}")

    for path, method, operation in operations(document):
        where = f"{method.upper()} {path}"
        for parameter in [resolve(document, p) for p in operation.get("parameters", []) + (paths[path].get("parameters") or [])]:
            if parameter.get("in") == "query":
                report.check("/core/transport/no-sensitive-uris", SENSITIVE.search(parameter.get("name", "")) is None,
                             f"{where}: query parameter {parameter.get('name')!r} may carry a secret or personal data")
        for status, response in (operation.get("responses") or {}).items():
            response = resolve(document, response)
            code = str(status)
            if code[0] in "23":
                headers = {name.lower() for name in (response.get("headers") or {})}
                report.check("/core/version-header", "api-version" in headers, f"{where} {code}: API-Version is not declared")
            if code[0] in "45":
                content = response.get("content") or {}
                problem = content.get("application/problem+json")
                if report.check("/core/error-handling/problem-details", problem is not None and len(content) == 1,
                                f"{where} {code}: not (only) application/problem+json but {sorted(content)}"):
                    missing = {"type", "title", "status", "detail"} - schema_properties(document, problem.get("schema") or {})
                    report.check("/core/error-handling/problem-details", not missing,
                                 f"{where} {code}: the problem schema lacks {sorted(missing)}")


# ---------------------------------------------------------------------------
# The running service.


def yaml_error():
    import yaml

    return yaml.YAMLError


@dataclass
class Answer:
    what: str
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def call(base: str, method: str, path: str, body: bytes | None = None, headers: dict | None = None, what: str | None = None) -> Answer:
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=30) as response:
            status, raw_headers, content = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, raw_headers, content = error.code, error.headers, error.read()
    except OSError as error:  # no answer at all (refused, timed out): a failure of every rule it was asked for
        return Answer(f"{what or method + ' ' + path} (no answer: {error})", 0, {}, b"")
    return Answer(what or f"{method} {path}", status, {k.lower(): v for k, v in raw_headers.items()}, content)


def filing_body() -> bytes:
    return json.dumps({
        "filer_role": "employee", "filer": {"name": "Regelcontrole", "email": "regels@example.nl"},
        "binding_agreement": {"agree": True, "name": "Regelcontrole"},
        "employee": {"name": "Regelcontrole"},
        "employer": {"name": "Controle B.V.", "kvk_number": "12345678", "email": "hr@controle.example"},
        "sick_since": (datetime.date.today() - datetime.timedelta(days=60)).isoformat(), "question": "Kan ik 20 uur werken?",
        "occupational_physician": {"name": "J. Bakker", "organisation": "ArboNed"},
    }).encode()


def sample_answers(base: str, filing: bool = True) -> tuple[list[Answer], list[Answer]]:
    """(answers of every kind, answers that hold personal data), asked with another site's Origin."""
    origin = {"Origin": "https://elders.example"}
    as_json = {"Content-Type": "application/json", **origin}
    answers = [
        call(base, "GET", "/api/v1/keys", headers=origin),
        call(base, "GET", "/api/v1/binding-agreement", headers=origin),
        call(base, "GET", "/api/v1/cases", headers=origin, what="GET /api/v1/cases without a token"),
        call(base, "GET", "/api/v1/nothing-here", headers=origin),
        call(base, "POST", "/api/v1/cases", b"{", as_json, what="POST /api/v1/cases with broken JSON"),
        call(base, "POST", "/api/v1/cases", b"{}", as_json, what="POST /api/v1/cases without its fields"),
        call(base, "POST", "/api/v1/cases", b"x", {"Content-Type": "text/plain", **origin}, what="POST /api/v1/cases as text"),
        call(base, "GET", "/health/live"),
        call(base, "GET", "/openapi.yaml"),
        call(base, "GET", "/api/v1/openapi.json"),
    ]
    personal = []
    if not filing:
        return answers, personal
    filed = call(base, "POST", "/api/v1/cases", filing_body(), {**as_json, "Idempotency-Key": f"rules-{uuid.uuid4()}"},
                 what="POST /api/v1/cases (a filing)")
    answers.append(filed)
    personal.append(filed)
    if filed.status == 201:
        case = json.loads(filed.body)
        bearer = {"Authorization": f"Bearer {case['access_token']}", **origin}
        for path in (f"/api/v1/cases/{case['id']}", f"/api/v1/cases/{case['id']}/events", f"/api/v1/cases/{case['id']}/export"):
            personal.append(call(base, "GET", path, headers=bearer))
        answers += personal[1:]
    return answers, personal


def check_service(base: str, report: Report, expect_hsts: bool = False, filing: bool = True) -> dict | None:
    base = base.rstrip("/")
    yaml_answer = call(base, "GET", "/openapi.yaml")
    try:
        document = load_yaml(yaml_answer.body.decode("utf-8")) if yaml_answer.status == 200 else None
    except (ValueError, yaml_error()) as error:
        document = None
        yaml_answer.what += f" ({error.__class__.__name__})"
    if not isinstance(document, dict) or not isinstance(document.get("info"), dict) or "version" not in document["info"]:
        report.check("/core/publish-openapi", False, f"{yaml_answer.what} answered {yaml_answer.status} without an OpenAPI document")
        return None
    check_document(document, report)
    version = str(document["info"]["version"])
    major = version.split(".")[0]

    published = call(base, "GET", f"/api/v{major}/openapi.json", headers={"Origin": "https://elders.example"})
    report.check("/core/publish-openapi", published.status == 200, f"GET /api/v{major}/openapi.json answered {published.status} without a token")
    report.check("/core/publish-openapi", (published.header("Content-Type") or "").startswith("application/json"),
                 f"/api/v{major}/openapi.json is {published.header('Content-Type')!r}, not application/json")
    for answer in (published, yaml_answer):
        report.check("/core/transport/cors", answer.header("Access-Control-Allow-Origin") == "*",
                     f"{answer.what}: the OpenAPI document does not allow other origins (Access-Control-Allow-Origin)")
    try:
        same = json.loads(published.body) == document
    except ValueError:
        same = False
    report.check("/core/publish-openapi", same, f"/api/v{major}/openapi.json is not the document /openapi.yaml serves")

    answers, personal = sample_answers(base, filing)
    https = expect_hsts or base.startswith("https://")
    for answer in answers:
        report.check("/core/version-header", answer.header("API-Version") == version,
                     f"{answer.what} ({answer.status}): API-Version is {answer.header('API-Version')!r}, not {version}")
        report.check("/core/transport/security-headers", answer.header("X-Content-Type-Options") == "nosniff",
                     f"{answer.what}: no X-Content-Type-Options: nosniff")
        report.check("/core/transport/security-headers", answer.header("X-Frame-Options") == "DENY", f"{answer.what}: no X-Frame-Options: DENY")
        report.check("/core/transport/security-headers", "frame-ancestors 'none'" in (answer.header("Content-Security-Policy") or ""),
                     f"{answer.what}: no Content-Security-Policy frame-ancestors 'none'")
        report.check("/core/transport/security-headers", "no-store" in (answer.header("Cache-Control") or ""),
                     f"{answer.what}: no Cache-Control: no-store")
        if https:
            report.check("/core/transport/security-headers", "max-age=" in (answer.header("Strict-Transport-Security") or ""),
                         f"{answer.what}: no Strict-Transport-Security over https")
        if answer.status >= 400:
            check_problem(answer, report)
    for answer in personal:
        report.check("/core/transport/cors", answer.header("Access-Control-Allow-Origin") is None,
                     f"{answer.what}: personal data readable by other sites (Access-Control-Allow-Origin {answer.header('Access-Control-Allow-Origin')})")
    if filing:
        report.check("/core/transport/cors", len(personal) > 1, "no filing succeeded, so no answer with personal data was checked")
    preflight = call(base, "OPTIONS", "/api/v1/cases", headers={
        "Origin": "https://elders.example", "Access-Control-Request-Method": "POST"}, what="OPTIONS /api/v1/cases (preflight)")
    report.check("/core/transport/cors", preflight.header("Access-Control-Allow-Origin") is None
                 and preflight.header("Access-Control-Allow-Methods") is None, "a preflight from another site is allowed")

    for path in ("/api/v1/keys/", "/api/v1/binding-agreement/", "/api/v1//keys", "//api/v1/keys", f"/api/v{major}/openapi.json/"):
        answer = call(base, "GET", path)
        report.check("/core/no-trailing-slash", answer.status == 404,
                     f"GET {path} answered {answer.status}{' to ' + str(answer.header('Location')) if answer.header('Location') else ''}, not 404")
        if answer.status >= 400:
            check_problem(answer, report)
    return document


def check_problem(answer: Answer, report: Report) -> None:
    rule = "/core/error-handling/problem-details"
    if not report.check(rule, (answer.header("Content-Type") or "").startswith("application/problem+json"),
                        f"{answer.what} ({answer.status}) is {answer.header('Content-Type')!r}, not application/problem+json"):
        return
    try:
        problem = json.loads(answer.body)
    except ValueError:
        problem = None
    if not isinstance(problem, dict):
        report.check(rule, False, f"{answer.what}: the problem is not a JSON object")
        return
    missing = [key for key in ("type", "title", "status", "detail") if not problem.get(key)]
    report.check(rule, not missing, f"{answer.what}: the problem lacks {missing}")
    report.check(rule, problem.get("status") == answer.status, f"{answer.what}: problem status {problem.get('status')} ≠ HTTP {answer.status}")


# ---------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    if argv == ["--self-test"]:
        import self_test
        return self_test.run()
    report = Report()
    if len(argv) == 2 and argv[0] == "--document":
        check_document(load_yaml(Path(argv[1]).read_text(encoding="utf-8")), report)
    elif len(argv) >= 2 and argv[0] == "--service" and set(argv[2:]) <= {"--expect-hsts", "--no-filing"}:
        check_service(argv[1], report, expect_hsts="--expect-hsts" in argv, filing="--no-filing" not in argv)
    else:
        print(__doc__)
        return 2
    report.print()
    failed = report.failed_rules()
    print(f"API design rules: {len(RULES) - len(failed)} of {len(RULES)} rules pass" + (f"; failing: {sorted(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
