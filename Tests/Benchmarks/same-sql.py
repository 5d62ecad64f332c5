"""The SQL a request sends, as a pgbench script: what the service adds is then HTTP ÷ this script.

  same-sql.py stats <psql args> <requests>
      after a wrk run that followed pg_stat_statements_reset(): the statements called at least half as
      often as there were requests, with calls, execution time and plans per request (a listing only:
      pg_stat_statements replaces a statement's constants by parameters, so its text cannot be rerun).
  same-sql.py script <server.log> <log offset> <binds.json> <out.sql>
      the statements PostgreSQL logged (log_min_duration_statement = 0) from <log offset> on, for one
      request, each with the parameters it was executed with, written as a pgbench script. Every
      statement must match exactly one rule of binds.json:
        {"statements": [{"name", "match": regex,
                         "binds": {"3": "pgbench expression"}   optional: replaces a logged parameter
                         "script": "file.sql"                    or: a pgbench file that runs this
                                                                 statement with fresh arguments
                         "elsewhere": "why"                      or: logged, but not sent by the request
                                                                 (a background worker's statement)
                         "occasional": "why"                     or: sent by some requests only (a session
                        }]}                                        touched once a minute): not in the script
      Exit 1 when a statement has no rule or a rule (not "elsewhere") no statement: the script would not
      be the same SQL, and the caller reports the row as not measured.
"""
import json
import os
import re
import shlex
import subprocess
import sys

PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def stats(conn, requests):
    query = (
        "SELECT calls, total_exec_time, plans, regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements "
        "WHERE toplevel AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        f"AND calls >= {max(1, requests // 2)} ORDER BY total_exec_time DESC"
    )
    out = subprocess.run(["psql", "-X", "-At", "-F", "\x1f", "-R", "\x1e", *shlex.split(conn), "-c", query],
                         check=True, capture_output=True, text=True).stdout
    print(f"  statements per request ({requests} requests): calls | exec ms each | plans | statement (incl. triggers at commit)")
    for record in filter(None, out.split("\x1e")):
        calls, exec_ms, plans, text = record.strip("\n").split("\x1f")
        print(f"  {int(calls) / requests:5.2f} | {float(exec_ms) / int(calls):6.3f} | {int(plans) / requests:4.2f} | {text.strip()[:100]}")
    return 0


def logged(path, offset):
    """(statement, {n: literal}) for every statement executed after offset, in order."""
    with open(path, "rb") as log:
        log.seek(offset)
        text = log.read().decode("utf-8", "replace")
    out = []
    # A log entry starts at a line with "LOG:" or "DETAIL:" after the prefix; continuation lines start with a tab.
    entries = re.split(r"\n(?=\S)", text)
    for i, entry in enumerate(entries):
        m = re.search(r"LOG:\s+duration: [\d.]+ ms\s+(?:execute [^:]*|statement): (.*)", entry, re.S)
        if not m:
            continue
        statement = re.sub(r"\s+", " ", m.group(1)).strip()
        params = {}
        if i + 1 < len(entries) and "DETAIL:  parameters:" in entries[i + 1]:
            params = {n: v for n, v in PARAM.findall(entries[i + 1])}
        out.append((statement, params))
    return out


def script(log_path, offset, binds_path, out_path):
    here = os.path.dirname(os.path.abspath(binds_path))
    # The background workers' statements, the same for every request (workers.binds.json), come last.
    rules = json.load(open(binds_path))["statements"] + json.load(open(os.path.join(here, "workers.binds.json")))["statements"]
    found, problems = {}, []
    for statement, params in logged(log_path, int(offset)):
        hits = [r for r in rules if re.search(r["match"], statement)]
        if len(hits) != 1:
            problems.append(f"no single rule in {binds_path} for: {statement[:110]}")
            continue
        rule = hits[0]
        if "elsewhere" in rule or "occasional" in rule or rule["name"] in found:
            continue
        values = dict(params)
        values.update(rule.get("binds", {}))
        missing = sorted(set(re.findall(r"\$(\d+)\b", statement)) - set(values), key=int)
        if missing:
            problems.append(f"rule {rule['name']}: no value for ${', $'.join(missing)}")
            continue
        found[rule["name"]] = (
            open(os.path.join(here, rule["script"])).read().rstrip() if "script" in rule
            else re.sub(r"\$(\d+)\b", lambda m: "(" + values[m.group(1)] + ")", statement).rstrip("; ") + ";")
    problems += [f"rule {r['name']} of {binds_path}: the request did not send it"
                 for r in rules if r["name"] not in found and "elsewhere" not in r and "occasional" not in r]
    if problems:
        for p in dict.fromkeys(problems):
            print("  " + p, file=sys.stderr)
        return 1
    with open(out_path, "w") as out:
        for rule in rules:
            if rule["name"] in found:
                out.write(found[rule["name"]] + "\n")
    print(f"  the request's SQL for pgbench: {', '.join(r['name'] for r in rules if r['name'] in found)}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "stats":
        sys.exit(stats(sys.argv[2], int(sys.argv[3])))
    if len(sys.argv) == 6 and sys.argv[1] == "script":
        sys.exit(script(*sys.argv[2:]))
    sys.exit(__doc__)
