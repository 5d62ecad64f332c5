"""The checker's own test: each rule must fail on a document or a service that
breaks it, naming that rule (a checker that passes everything proves nothing).
Run by `check.py --self-test` before the checker is trusted with the service."""

from __future__ import annotations

import copy
import http.server
import json
import threading

import check
from openapi_document import YAML_FILE, load_yaml

DOCUMENT = load_yaml(YAML_FILE.read_text(encoding="utf-8"))


def _first_success(document):
    for _, _, operation in check.operations(document):
        for status, response in operation["responses"].items():
            if str(status).startswith("2") and "headers" in response:
                return response
    raise AssertionError("no 2xx response with headers")


def _first_error(document):
    for _, _, operation in check.operations(document):
        for status, response in operation["responses"].items():
            if str(status).startswith("4"):
                return check.resolve(document, response)
    raise AssertionError("no 4xx response")


def _mutations():
    """(rule that must fail, how the document is broken)."""
    yield "/core/doc-openapi", lambda d: d.update(openapi="2.0")
    yield "/core/doc-openapi-contact", lambda d: d["info"]["contact"].pop("email")
    yield "/core/doc-openapi-contact", lambda d: d["info"].pop("contact")
    yield "/core/semver", lambda d: d["info"].update(version="1.1")
    yield "/core/version-header", lambda d: _first_success(d)["headers"].pop("API-Version")
    yield "/core/uri-version", lambda d: d["paths"].update({"/api/cases-without-version": {"get": {"responses": {}}}})
    yield "/core/uri-version", lambda d: d["paths"].update({"/api/v1.1/cases": {"get": {"responses": {}}}})
    yield "/core/no-trailing-slash", lambda d: d["paths"].update({"/api/v1/keys/": {"get": {"responses": {}}}})
    yield "/core/path-segments-kebab-case", lambda d: d["paths"].update({"/api/v1/signing_keys": {"get": {"responses": {}}}})
    yield "/core/path-segments-kebab-case", lambda d: d["paths"].update({"/api/v1/signingKeys": {"get": {"responses": {}}}})
    yield "/core/http-methods", lambda d: d["paths"]["/api/v1/keys"].update(trace={"responses": {}})
    yield "/core/error-handling/problem-details", lambda d: _first_error(d).update(
        content={"application/json": {"schema": {"type": "object"}}})
    yield "/core/error-handling/problem-details", lambda d: d["paths"]["/api/v1/keys"]["get"]["responses"].update(
        {"404": {"description": "x", "content": {"application/problem+json": {"schema": {"properties": {"title": {}}}}}}})
    yield "/core/transport/no-sensitive-uris", lambda d: d["paths"]["/api/v1/keys"]["get"].setdefault("parameters", []).append(
        {"name": "access_token", "in": "query", "schema": {"type": "string"}})
    yield "/core/publish-openapi", lambda d: d["paths"].pop("/api/v1/openapi.json")


class _Service(http.server.BaseHTTPRequestHandler):
    """A service that follows every transport rule, except the one defect it is given
    (`defect` is set on a subclass): the checker must pass the good one and fail each broken one."""

    defect = ""

    def log_message(self, *args):
        pass

    def _send(self, status, body: bytes, content_type="application/json", extra=None):
        d = self.defect
        headers = {"Content-Type": content_type}
        if d != "version":
            headers["API-Version"] = DOCUMENT["info"]["version"]
        if d != "nosniff":
            headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        if d != "frame-ancestors":
            headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
        if d != "cache":
            headers["Cache-Control"] = "no-store"
        if d != "hsts":
            headers["Strict-Transport-Security"] = "max-age=31536000"
        if d == "cors-everywhere":
            headers["Access-Control-Allow-Origin"] = "*"
        headers.update(extra or {})
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _problem(self, status):
        if self.defect == "plain-errors":
            return self._send(status, b'{"error": "no"}')
        shown = 200 if self.defect == "problem-status" else status
        body = json.dumps({"type": "https://example.nl/p", "title": "Nee", "status": shown, "detail": "Nee."}).encode()
        self._send(status, body, "application/problem+json")

    def do_GET(self):
        # The path as sent (http.server folds a leading "//" into "/" in self.path).
        path, d = self.requestline.split()[1], self.defect
        if len(path) > 1 and (path.endswith("/") or "//" in path):
            if d == "redirect-slash":
                return self._send(301, b"", extra={"Location": path.rstrip("/")})
            if d != "serve-slash":
                return self._problem(404)
            path = "/" + "/".join(part for part in path.split("/") if part)
        document_cors = {} if d == "no-cors-on-document" else {"Access-Control-Allow-Origin": "*"}
        if path == "/openapi.yaml":
            return self._send(200, YAML_FILE.read_bytes(), "application/yaml", document_cors)
        if path == "/api/v1/openapi.json":
            if d == "no-json-document":
                return self._problem(404)
            served = copy.deepcopy(DOCUMENT)
            if d == "another-json-document":
                served["info"]["title"] = "Iets anders"
            return self._send(200, json.dumps(served).encode(), extra=document_cors)
        if path in ("/api/v1/keys", "/api/v1/binding-agreement", "/health/live") or path.startswith("/api/v1/cases/case-1"):
            return self._send(200, b"{}")
        if path == "/api/v1/cases":
            return self._problem(401)
        self._problem(404)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/api/v1/cases" and len(body) > 10:
            return self._send(201, b'{"id": "case-1", "access_token": "elc_x"}')
        self._problem(422 if body == b"{}" else 400)

    def do_OPTIONS(self):
        extra = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "POST"} if self.defect == "preflight" else {}
        self._send(204, b"", extra=extra)


# Each defect and the rule that must catch it.
SERVICE_DEFECTS = {
    "version": "/core/version-header",
    "nosniff": "/core/transport/security-headers",
    "frame-ancestors": "/core/transport/security-headers",
    "cache": "/core/transport/security-headers",
    "hsts": "/core/transport/security-headers",
    "cors-everywhere": "/core/transport/cors",
    "no-cors-on-document": "/core/transport/cors",
    "preflight": "/core/transport/cors",
    "redirect-slash": "/core/no-trailing-slash",
    "serve-slash": "/core/no-trailing-slash",
    "plain-errors": "/core/error-handling/problem-details",
    "problem-status": "/core/error-handling/problem-details",
    "no-json-document": "/core/publish-openapi",
    "another-json-document": "/core/publish-openapi",
}


def _check_fake(defect: str) -> check.Report:
    handler = type("Service", (_Service,), {"defect": defect})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        report = check.Report()
        check.check_service(f"http://127.0.0.1:{server.server_address[1]}", report, expect_hsts=True)
        return report
    finally:
        server.shutdown()
        server.server_close()


def run() -> int:
    problems = []
    baseline = check.Report()
    check.check_document(DOCUMENT, baseline)
    if baseline.failures:
        problems.append(f"the committed document fails: {baseline.failures[:3]}")
    for rule, mutate in _mutations():
        broken = copy.deepcopy(DOCUMENT)
        mutate(broken)
        report = check.Report()
        check.check_document(broken, report)
        if rule not in report.failed_rules():
            problems.append(f"a document that breaks {rule} passed it")

    good = _check_fake("")
    if good.failures:
        problems.append(f"a service that follows every rule failed: {good.failures[:3]}")
    for defect, rule in SERVICE_DEFECTS.items():
        report = _check_fake(defect)
        if rule not in report.failed_rules():
            problems.append(f"a service with the defect {defect!r} passed {rule}")

    for problem in problems:
        print(f"self-test: {problem}")
    checked = sum(1 for _ in _mutations()) + 1 + len(SERVICE_DEFECTS) + 1
    print(f"self-test of the API rules checker: {checked - len(problems)} of {checked} cases right "
          f"(the committed document and a faultless service pass; {checked - 2} broken ones are caught by their rule)")
    return 1 if problems else 0
