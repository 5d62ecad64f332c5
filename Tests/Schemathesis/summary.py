"""Prints what a Schemathesis run did and fails (exit 1) on any 5xx.

Usage: python summary.py WORK_DIR ARTIFACTS_DIR
- test cases: the distinct cases of every scenario in the passes' NDJSON reports
  (what Schemathesis reports as "generated");
- requests and 5xx, twice: as hooks.py counted the responses Schemathesis got
  (client-counts-*.json), and as the service counted them in /metrics
  (metrics-before.json and metrics-after.json, taken around the passes).
"""

import collections
import json
import pathlib
import sys

work, artifacts = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])


def load(path):
    return json.loads(path.read_text()) if path.exists() else {}


client = collections.Counter()
for counts in sorted(work.glob("client-counts-*.json")):
    client.update(load(counts))
before, after = load(work / "metrics-before.json"), load(work / "metrics-after.json")
server = {status: after[status] - before.get(status, 0) for status in after if after[status] != before.get(status, 0)}

cases = collections.Counter()
for ndjson in sorted(artifacts.glob("*/*.ndjson")):
    seen = set()
    for line in ndjson.read_text().splitlines():
        finished = json.loads(line).get("ScenarioFinished")
        if finished:
            seen.update(finished["recorder"].get("cases", {}))
    cases[ndjson.parent.name] = len(seen)


def server_errors(counts):
    return sum(n for status, n in counts.items() if str(status).startswith("5"))


print("==== schemathesis summary ====")
print(f"test cases generated: {sum(cases.values())} ({', '.join(f'{name}: {n}' for name, n in cases.items())})")
print(f"requests: {sum(client.values())} answered to schemathesis, {sum(server.values())} counted by the service "
      f"({', '.join(f'{status}: {n}' for status, n in sorted(server.items()))})")
print(f"5xx responses: {server_errors(client)} seen by schemathesis, {server_errors(server)} counted by the service")
sys.exit(1 if server_errors(client) or server_errors(server) else 0)
