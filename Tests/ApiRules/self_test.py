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


class _CarelessService(http.server.BaseHTTPRequestHandler):
    """A service that breaks the transport rules the way services often do."""

    def log_message(self, *args):
        pass

    def _send(self, status, body: bytes, content_type="application/json", extra=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Access-Control-Allow-Origin", "*")  # everywhere: /core/transport/cors
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        if path.endswith("/") and len(path) > 1:  # redirects instead of 404: /core/no-trailing-slash
            return self._send(301, b"", extra={"Location": path.rstrip("/")})
        if path == "/openapi.yaml":
            return self._send(200, YAML_FILE.read_bytes(), "application/yaml")
        if path == "/api/v1/openapi.json":
            return self._send(200, json.dumps(DOCUMENT).encode())
        if path in ("/api/v1/keys", "/api/v1/binding-agreement", "/health/live") or path.startswith("/api/v1/cases/case-1"):
            return self._send(200, b"{}")
        self._send(404, b'{"error": "not found"}')  # not a problem document: /core/error-handling/problem-details

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if self.path == "/api/v1/cases" and len(body) > 10:
            return self._send(201, b'{"id": "case-1", "access_token": "elc_x"}')
        self._send(400, b'{"error": "bad"}')

    def do_OPTIONS(self):
        self._send(204, b"", extra={"Access-Control-Allow-Methods": "GET, POST"})


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

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CarelessService)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        report = check.Report()
        check.check_service(f"http://127.0.0.1:{server.server_address[1]}", report)
    finally:
        server.shutdown()
    for rule in ("/core/version-header", "/core/transport/security-headers", "/core/transport/cors",
                 "/core/no-trailing-slash", "/core/error-handling/problem-details"):
        if rule not in report.failed_rules():
            problems.append(f"a service that breaks {rule} passed it")

    for problem in problems:
        print(f"self-test: {problem}")
    checked = sum(1 for _ in _mutations()) + 5
    print(f"self-test of the API rules checker: {checked - len(problems)} of {checked} broken inputs caught")
    return 1 if problems else 0
