#!/usr/bin/env python3
"""Load clients and checks for the fault tests (Python 3 standard library only).

The shell scripts start PostgreSQL and the service and inject the faults; this
file sends the traffic, records what the client saw, and compares it with what
the database holds afterwards. Each `verify`/`check` command prints its numbers
and exits 1 when a promise is broken.

  faults.py kill-load     --ports A,B --stop-file F --out R.json
  faults.py kill-verify   --results R.json
  faults.py outage-load   --port P --stop-file F --out R.json
  faults.py outage-verify --results R.json --events E.txt --timeout 3 --margin 2
  faults.py shutdown      --port P --pid PID --out R.json
  faults.py shutdown-verify --results R.json --exit-code N --grace S
"""

import argparse
import datetime
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

# ---------------------------------------------------------------- shared


def filing(key, employee):
    """A valid filing (the README's example) that carries its key in the question
    and, for an employee, in the medical information, so the database can be
    matched to what the client saw."""
    sick_since = (datetime.date.today() - datetime.timedelta(days=60)).isoformat()
    body = {
        "filer_role": "employee" if employee else "employer",
        "employee": {"name": "Sanne de Vries"},
        "employer": {"name": "Bakkerij Jansen B.V.", "kvk_number": "12345678",
                     "address": {"street": "Marktstraat 1", "postal_code": "1011 AA", "city": "Amsterdam"}},
        "sick_since": sick_since,
        "question": f"Fouttest {key}: de bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.",
        "occupational_physician": {"name": "J. Bakker", "organisation": "ArboNed"},
    }
    if employee:
        body["filer"] = {"name": "Sanne de Vries", "email": "sanne@example.nl"}
        body["medical_information"] = f"Sinds maart behandeld voor een burn-out ({key})."
    else:
        body["filer"] = {"name": "Piet Jansen", "email": "piet@bakkerij-jansen.example"}
    return body


class Outcome:
    """One HTTP exchange as the client saw it."""

    def __init__(self):
        self.status = None
        self.headers = {}
        self.body = b""
        self.error = None  # "connect: …" (never reached the server) or "exchange: …" (cut off after sending)
        self.started = time.time()
        self.elapsed = 0.0

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def record(self):
        return {
            "status": self.status, "error": self.error, "started": self.started, "elapsed": self.elapsed,
            "retry_after": self.headers.get("retry-after"), "content_type": self.headers.get("content-type"),
        }


def send(port, method, path, body=None, headers=None, timeout=30.0, abandon_after=None):
    """One request on a fresh connection (no keep-alive, so each request stands alone).
    With `abandon_after`, the client hangs up that many seconds after sending
    unless the answer came first, as an impatient client or a proxy would."""
    out = Outcome()
    begun = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    data = None if body is None else json.dumps(body).encode()
    all_headers = {"Connection": "close"}
    if data is not None:
        all_headers["Content-Type"] = "application/json"
    all_headers.update(headers or {})
    try:
        try:
            conn.connect()
        except OSError as error:
            out.error = f"connect: {type(error).__name__}: {error}"
            return out
        try:
            conn.request(method, path, body=data, headers=all_headers)
            if abandon_after is not None:
                conn.sock.settimeout(abandon_after)
                try:
                    response = conn.getresponse()
                except TimeoutError:
                    out.error = "abandoned: the client hung up before the answer"
                    return out
                conn.sock.settimeout(timeout)
            else:
                response = conn.getresponse()
            out.body = response.read()
            out.status = response.status
            out.headers = {k.lower(): v for k, v in response.getheaders()}
        except (OSError, http.client.HTTPException) as error:
            out.error = f"exchange: {type(error).__name__}: {error}"
        return out
    finally:
        out.elapsed = time.monotonic() - begun
        conn.close()


def psql_binary():
    """psql next to the server binaries lib.sh found, else the one on PATH."""
    candidate = os.path.join(os.environ.get("PGBIN", ""), "psql")
    return candidate if os.path.isfile(candidate) else "psql"


def psql(sql):
    """Rows of a query run as the cluster's superuser (bypasses row-level security)."""
    result = subprocess.run(
        [psql_binary(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", os.environ["PGPORT"], "-U", "eenloket",
         "-d", "eenloket", "-At", "-F", "\t", "-c", sql],
        capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"psql failed: {result.stderr.strip()}")
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def run_id():
    return "%08x" % random.getrandbits(32)


# ---------------------------------------------------------------- 1. SIGKILL of one of two instances


def kill_load(args):
    """Workers file cases with fresh Idempotency-Keys, alternating between the
    two instances; a request that fails in any way is retried with the same key
    and body on the other instance until it gets a 201. Besides the kills, one
    first attempt in eight is abandoned by the client a random few milliseconds
    after sending, so that many retries meet a filing that did commit (or is
    still committing) and must be answered from the idempotency record."""
    ports = [int(p) for p in args.ports.split(",")]
    run = run_id()
    lock = threading.Lock()
    stats = {"sent": 0, "retries": 0, "cut_in_flight": 0, "refused": 0, "abandoned": 0, "status_5xx": 0, "status_409": 0}
    acked = {}        # key -> case id from the 201
    acked_sent = {}   # key -> when the attempt that got the 201 was sent
    employee = {}     # key -> whether the body held medical information
    unexpected = []   # answers no retry can fix (e.g. 422)
    unresolved = []   # keys still without a 201 at their deadline

    def worker(w):
        n = 0
        while not os.path.exists(args.stop_file):
            n += 1
            key = f"f{run}-{w}-{n}"
            is_employee = n % 3 != 0
            body = filing(key, is_employee)
            with lock:
                employee[key] = is_employee
            target = (w + n) % 2
            deadline = time.monotonic() + args.key_deadline
            attempt = 0
            while True:
                attempt += 1
                abandon = random.uniform(0.0, 0.08) if attempt == 1 and n % 8 == 4 else None
                out = send(ports[target], "POST", "/api/v1/cases", body, {"Idempotency-Key": key}, timeout=args.timeout,
                           abandon_after=abandon)
                with lock:
                    stats["sent"] += 1
                    if attempt > 1:
                        stats["retries"] += 1
                    if out.error and out.error.startswith("abandoned"):
                        stats["abandoned"] += 1
                    elif out.error and out.error.startswith("exchange"):
                        stats["cut_in_flight"] += 1
                    elif out.error:
                        stats["refused"] += 1
                    elif out.status >= 500:
                        stats["status_5xx"] += 1
                    elif out.status == 409:
                        stats["status_409"] += 1
                if out.status == 201:
                    case_id = (out.json() or {}).get("id")
                    with lock:
                        if not case_id:
                            unexpected.append({"key": key, "status": 201, "body": out.body[:300].decode(errors="replace")})
                        else:
                            acked[key] = case_id
                            acked_sent[key] = out.started
                    break
                # Worth retrying: the instance died or restarts (no answer), the database
                # was busy (5xx), the key's first attempt is still in its transaction (409).
                retriable = out.error is not None or out.status >= 500 or out.status in (409, 429)
                if not retriable:
                    with lock:
                        unexpected.append({"key": key, "status": out.status, "body": out.body[:300].decode(errors="replace")})
                    break
                if time.monotonic() > deadline:
                    with lock:
                        unresolved.append(key)
                    break
                target = 1 - target
                time.sleep(min(0.05 * attempt, 1.0))

    threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(args.workers)]
    begun = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = dict(stats, run=run, acked=acked, acked_sent=acked_sent, employee=employee, unexpected=unexpected, unresolved=unresolved,
                  keys=len(employee), seconds=round(time.monotonic() - begun, 1))
    with open(args.out, "w") as f:
        json.dump(result, f)


def kill_verify(args):
    with open(args.results) as f:
        r = json.load(f)
    acked, employee = r["acked"], r["employee"]
    rows = psql(f"""
        SELECT c.id, substring(c.question FROM 'Fouttest ([a-z0-9-]+):'), c.filer_role, extract(epoch FROM c.created_at),
               (SELECT count(*) FROM case_events e WHERE e.case_id = c.id AND e.type = 'case_filed'),
               (SELECT count(*) FROM case_medical m WHERE m.case_id = c.id),
               (SELECT count(*) FROM case_medical m WHERE m.case_id = c.id
                   AND position('(' || substring(c.question FROM 'Fouttest ([a-z0-9-]+):') || ')' IN m.medical_information) > 0),
               (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id AND p.is_filer),
               (SELECT count(*) FROM idempotency_keys k WHERE k.case_id = c.id AND k.response_status = 201)
          FROM cases c WHERE c.question LIKE 'Fouttest f{r['run']}-%'""")
    by_key = {}
    half_written = []
    created = {}
    for case_id, key, role, created_at, filed, medical, medical_matches, filers, idem in rows:
        by_key.setdefault(key, []).append(case_id)
        created[case_id] = float(created_at)
        wants_medical = employee.get(key, role == "employee")
        problems = []
        if filed != "1":
            problems.append(f"{filed} case_filed events")
        if filers != "1":
            problems.append(f"{filers} filing parties")
        if idem != "1":
            problems.append(f"{idem} answered idempotency records")
        if wants_medical and (medical != "1" or medical_matches != "1"):
            problems.append("medical information missing or not its own")
        if not wants_medical and medical != "0":
            problems.append("medical information on an employer's filing")
        if problems:
            half_written.append(f"{case_id} ({key}): " + ", ".join(problems))
    (dangling,), = psql("SELECT count(*) FROM idempotency_keys WHERE response_status IS NULL OR case_id IS NULL")
    (idem_total,), = psql("SELECT count(*) FROM idempotency_keys")

    lost = [k for k, case_id in acked.items() if case_id not in by_key.get(k, [])]
    duplicates = sum(len(ids) - 1 for ids in by_key.values() if len(ids) > 1)
    unacknowledged = [k for k in by_key if k not in acked]
    # A 201 for a case created before the request that got it was sent can only be
    # the stored answer of an earlier attempt (same machine, same clock).
    replays = sum(1 for k, case_id in acked.items() if case_id in created and created[case_id] < r["acked_sent"][k])

    say("SIGKILL of one of two instances under load:")
    say(f"  filings (distinct keys)     {r['keys']}")
    say(f"  requests sent               {r['sent']}")
    say(f"  201s seen                   {len(acked)}")
    say(f"  retries                     {r['retries']}  (after: cut off in flight by a kill {r['cut_in_flight']}, "
          f"connection refused {r['refused']}, abandoned by the client {r['abandoned']}, 5xx {r['status_5xx']}, "
          f"409 in progress {r['status_409']}; answered by replay {replays})")
    say(f"  cases in the database       {len(rows)}")
    say(f"  writes lost                 {len(lost)}")
    say(f"  duplicates                  {duplicates}")
    say(f"  half-written cases          {len(half_written)}  (claimed keys left unanswered: {dangling})")
    failures = []
    if lost:
        failures.append(f"{len(lost)} acknowledged filings are not in the database, e.g. {lost[:3]}")
    if duplicates:
        failures.append(f"{duplicates} duplicate cases, e.g. {[k for k, v in by_key.items() if len(v) > 1][:3]}")
    if half_written:
        failures.append(f"{len(half_written)} half-written cases: {half_written[:3]}")
    if dangling != "0":
        failures.append(f"{dangling} idempotency keys claimed but never answered")
    if len(rows) != len(acked) or int(idem_total) != len(acked):
        failures.append(f"{len(rows)} cases and {idem_total} idempotency records for {len(acked)} acknowledged keys")
    if unacknowledged:
        failures.append(f"{len(unacknowledged)} cases for keys the client never saw a 201 for: {unacknowledged[:3]}")
    if r["unexpected"]:
        failures.append(f"{len(r['unexpected'])} unexpected answers, e.g. {r['unexpected'][:2]}")
    if r["unresolved"]:
        failures.append(f"{len(r['unresolved'])} keys never got a 201 despite retries: {r['unresolved'][:3]}")
    if r["cut_in_flight"] == 0:
        failures.append("no request was cut off in flight: the kills hit nothing, so this run proves nothing")
    if replays == 0:
        failures.append("no retry met an earlier attempt that had committed (answered by replay: 0): "
                        "the duplicate check was never put to the test")
    if len(acked) < 50:
        failures.append(f"only {len(acked)} filings acknowledged: too little load to mean anything")
    return report(failures)


# ---------------------------------------------------------------- 2. PostgreSQL restart


def outage_load(args):
    """Workers file cases without pause (fresh key each, no retries) and record
    every answer with its timing, until the stop file appears."""
    run = run_id()
    records = []
    lock = threading.Lock()

    def worker(w):
        n = 0
        while not os.path.exists(args.stop_file):
            n += 1
            key = f"o{run}-{w}-{n}"
            out = send(args.port, "POST", "/api/v1/cases", filing(key, True), {"Idempotency-Key": key}, timeout=args.timeout)
            rec = out.record()
            rec["key"] = key
            if out.status == 201:
                rec["id"] = (out.json() or {}).get("id")
            with lock:
                records.append(rec)
            if out.status != 201:
                time.sleep(0.05)  # a failing client backs off a little, as a real one would

    threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(args.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(args.out, "w") as f:
        json.dump({"run": run, "records": records}, f)


def outage_verify(args):
    with open(args.results) as f:
        records = json.load(f)["records"]
    events = {}
    with open(args.events) as f:
        for line in f:
            name, value = line.split()
            events[name] = float(value)
    limit = args.timeout + args.margin
    down, up = events["pg_down"], events["pg_up"]
    # Requests sent while PostgreSQL was down: after its shutdown had completed,
    # before it was told to start again (one sent just before the start may
    # rightly wait for it and succeed).
    during = [r for r in records if down <= r["started"] < events["start_begin"]]
    proper = lambda r: (r["status"] == 503 and bool(r["retry_after"])
                        and (r["content_type"] or "").startswith("application/problem+json"))
    # Over the whole run, an answer is a 201 or a proper 503, and comes within the limit.
    bad = [r for r in records if r["status"] is not None and r["status"] != 201 and not proper(r)]
    hung = [r for r in records if r["status"] is None]
    slow = [r for r in records if r["status"] is not None and r["elapsed"] > limit]
    longest_during = max((r["elapsed"] for r in during), default=0.0)
    longest = max((r["elapsed"] for r in records), default=0.0)
    after = [r for r in records if r["started"] >= events["ready_200"] and r["status"] == 201]
    before = [r for r in records if r["started"] < events["stop_begin"] and r["status"] == 201]
    recovery = events["ready_200"] - up
    acked = [r["id"] for r in records if r["status"] == 201]
    found = int(psql("SELECT count(*) FROM cases WHERE id IN (%s)" % ",".join(f"'{i}'" for i in acked))[0][0]) if acked else 0

    def show(rs):  # a few offending requests, timed from the moment PostgreSQL was told to stop
        return "; ".join(f"sent {r['started'] - events['stop_begin']:+.2f} s from the stop: "
                         f"{r['status'] or r['error']} after {r['elapsed']:.1f} s" for r in rs[:3])

    say("PostgreSQL stopped and started under load:")
    say(f"  requests sent               {len(records)}  (201: {len(acked)}, 503: {sum(1 for r in records if r['status'] == 503)}, "
          f"other status: {len(bad)}, no answer: {len(hung)})")
    say(f"  outage                      {up - down:.1f} s  (stopping took {down - events['stop_begin']:.1f} s)")
    say(f"  requests during the outage  {len(during)}  (503 problem+json with Retry-After: {sum(1 for r in during if proper(r))})")
    say(f"  /health/ready 503           {events['ready_503'] - down:.2f} s after PostgreSQL was down")
    say(f"  recovery time               {recovery:.2f} s  (PostgreSQL accepting connections -> first 200 from /health/ready)")
    first_201 = min((r["started"] + r["elapsed"] for r in records if r["status"] == 201 and r["started"] >= up), default=None)
    say(f"  first 201 after recovery    " + (f"{first_201 - up:.2f} s after PostgreSQL was up" if first_201 else "none"))
    say(f"  longest request (outage)    {longest_during:.2f} s  (whole run {longest:.2f} s; "
          f"limit {limit:.0f} s = request timeout {args.timeout:.0f} + margin {args.margin:.0f})")
    say(f"  acknowledged cases found    {found} of {len(acked)}")
    failures = []
    if not before:
        failures.append("no filing succeeded before the stop: the load never ran")
    if len(during) < 3:
        failures.append(f"only {len(during)} requests during the outage: nothing was tested")
    if bad:
        failures.append(f"{len(bad)} answers were neither 201 nor a 503 problem with Retry-After: {show(bad)}")
    if hung:
        failures.append(f"{len(hung)} requests got no answer at all: {show(hung)}")
    # A filing answered 201 entirely within the outage would be a write nobody made.
    if any(r["status"] == 201 and r["started"] + r["elapsed"] < up for r in during):
        failures.append("a filing sent and answered while PostgreSQL was down got 201")
    if slow:
        failures.append(f"{len(slow)} answers took longer than {limit:.0f} s: {show(slow)}")
    if events.get("ready_200_ok", 1) != 1:
        failures.append("/health/ready did not come back to 200 by itself")
    elif recovery > args.max_recovery:
        failures.append(f"recovery took {recovery:.1f} s (limit {args.max_recovery:.0f} s)")
    if not after:
        failures.append("no filing succeeded after /health/ready was back to 200")
    if found != len(acked):
        failures.append(f"{len(acked) - found} acknowledged filings are not in the database")
    return report(failures)


# ---------------------------------------------------------------- 3. SIGTERM with requests in flight


def shutdown(args):
    """Holds a lock that filing needs, so that filings are provably in flight
    (waiting inside the service) when SIGTERM arrives; checks that no new
    connection is accepted while they wait; then lets them finish."""
    # A superuser session takes a lock that conflicts with INSERT INTO cases and keeps it.
    holder = subprocess.Popen(
        [psql_binary(), "-X", "-q", "-h", "127.0.0.1", "-p", os.environ["PGPORT"], "-U", "eenloket", "-d", "eenloket",
         "-c", "BEGIN; LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;"],
        env=dict(os.environ, PGAPPNAME="faults-lock-holder"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = {"inflight": [], "new_connection": None}
    try:
        if not wait_for(lambda: psql("""SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                                         WHERE c.relname = 'cases' AND l.mode = 'ShareRowExclusiveLock' AND l.granted""")[0][0] == "1", 15):
            sys.exit("the lock holder did not get its lock")
        run = run_id()
        outcomes = [None] * args.inflight

        def file(i):
            key = f"s{run}-{i}"
            out = send(args.port, "POST", "/api/v1/cases", filing(key, i % 2 == 0), {"Idempotency-Key": key}, timeout=60)
            rec = out.record()
            rec["key"] = key
            rec["id"] = (out.json() or {}).get("id") if out.status == 201 else None
            outcomes[i] = rec

        threads = [threading.Thread(target=file, args=(i,), daemon=True) for i in range(args.inflight)]
        for t in threads:
            t.start()
        # In flight for certain: every filing is inside the service, waiting for the lock in PostgreSQL.
        waiting = lambda: int(psql("""SELECT count(*) FROM pg_stat_activity
                                      WHERE application_name = 'eenloket' AND wait_event_type = 'Lock'
                                        AND query LIKE '%file_case(%'""")[0][0])
        if not wait_for(lambda: waiting() >= args.inflight, 20):
            sys.exit(f"only {waiting()} of {args.inflight} filings reached the database")

        sigterm_at = time.time()
        os.kill(args.pid, signal.SIGTERM)
        time.sleep(args.hold)
        # The listener must be closed by now, while the process still runs for its in-flight requests.
        result["alive_while_draining"] = process_alive(args.pid)
        probe = send(args.port, "GET", "/health/live", timeout=5)
        result["new_connection"] = probe.error or f"answered {probe.status}"
        result["new_connection_refused"] = bool(probe.error and probe.error.startswith("connect") and "Refused" in probe.error)

        # Let the filings through.
        psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'faults-lock-holder'")
        for t in threads:
            t.join(60)
        answered_at = max((o["started"] + o["elapsed"] for o in outcomes if o), default=time.time())
        exited = wait_for(lambda: not process_alive(args.pid), max(0.0, args.grace - (time.time() - sigterm_at)), step=0.01)
        exited_at = time.time()
        result["exited"] = exited
        result["exit_seconds"] = exited_at - sigterm_at
        result["after_last_answer"] = exited_at - answered_at
        result["inflight"] = outcomes
        result["hold"] = args.hold
    finally:
        holder.kill()
        holder.wait()
    with open(args.out, "w") as f:
        json.dump(result, f)


def shutdown_verify(args):
    with open(args.results) as f:
        r = json.load(f)
    inflight = r["inflight"]
    ok = [o for o in inflight if o and o["status"] == 201]
    resets = [o for o in inflight if o and o["error"]]
    others = [o for o in inflight if o and not o["error"] and o["status"] != 201]
    ids = [o["id"] for o in ok if o["id"]]
    found = psql("SELECT count(*) FROM cases WHERE id IN (%s)" % ",".join(f"'{i}'" for i in ids))[0][0] if ids else "0"
    say("SIGTERM with requests in flight:")
    say(f"  requests in flight          {len(inflight)}  (held {r['hold']:.1f} s after SIGTERM)")
    say(f"  completed with 201          {len(ok)}  (in the database: {found})")
    say(f"  connection errors           {len(resets)}")
    say(f"  new connection after SIGTERM {r['new_connection']}")
    say(f"  exit code                   {args.exit_code}")
    say(f"  time to exit                {r['exit_seconds']:.2f} s after SIGTERM (grace {args.grace:.0f} s), "
          f"{r['after_last_answer']:.2f} s after the last in-flight answer")
    failures = []
    if resets:
        failures.append(f"{len(resets)} in-flight requests lost their connection: {[o['error'] for o in resets][:3]}")
    if others:
        failures.append(f"{len(others)} in-flight requests were answered {[o['status'] for o in others]}, not 201")
    if len(ok) != len(inflight) or int(found) != len(ids):
        failures.append(f"{len(ok)} of {len(inflight)} in-flight filings completed, {found} are in the database")
    if not r.get("alive_while_draining"):
        failures.append("the process was gone before its in-flight requests were answered")
    if not r.get("new_connection_refused"):
        failures.append(f"a new connection after SIGTERM was not refused: {r['new_connection']}")
    if not r.get("exited"):
        failures.append(f"the process had not exited {args.grace:.0f} s after SIGTERM")
    if args.exit_code != 0:
        failures.append(f"exit code {args.exit_code}, not 0")
    return report(failures)


# ---------------------------------------------------------------- helpers


def slow_clients(args):
    """Promise 4: slow clients cannot starve the service. `count` connections
    trickle a request head (one byte every `trickle` seconds, so an idle timeout
    alone would never fire) or announce a body they never send, while
    /health/live is asked every 0.2 s. Every health answer must come fast, and
    the server must cut the slow connections off after its connection timeout."""
    import socket
    import threading

    stop = threading.Event()
    sockets, closed_at, opened_at = [], {}, {}
    for i in range(args.count):
        s = socket.create_connection(("127.0.0.1", args.port), timeout=5)
        s.setblocking(False)
        if i % 2 == 0:
            s.sendall(b"GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        else:
            s.sendall(b"POST /api/v1/cases HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1000\r\n\r\n{\"filer\":")
        sockets.append(s)
        opened_at[i] = time.monotonic()

    def trickle():
        while not stop.is_set():
            for i, s in enumerate(sockets):
                if i in closed_at:
                    continue
                try:
                    data = s.recv(4096)
                    if data == b"":
                        closed_at[i] = time.monotonic()
                        continue
                    # An answer (a 408 for a body that never came) is as good as a close.
                    closed_at[i] = time.monotonic()
                    continue
                except BlockingIOError:
                    pass
                except OSError:
                    closed_at[i] = time.monotonic()
                    continue
                if i % 2 == 0:
                    try:
                        s.send(b"a")
                    except OSError:
                        closed_at[i] = time.monotonic()
            stop.wait(args.trickle)

    worker = threading.Thread(target=trickle, daemon=True)
    worker.start()
    latencies, failures = [], []
    began = time.monotonic()
    while time.monotonic() - began < args.duration:
        started = time.monotonic()
        out = send(args.port, "GET", "/health/live", timeout=5.0)
        latencies.append(time.monotonic() - started)
        if out.status != 200:
            failures.append(f"/health/live answered {out.status}: {out.error}")
        time.sleep(0.2)
    stop.set()
    worker.join(timeout=5)
    for s in sockets:
        s.close()
    latencies.sort()
    held = [closed_at[i] - opened_at[i] for i in closed_at]
    still_open = args.count - len(closed_at)
    p50, p99, top = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99) - 1], latencies[-1]
    say(f"slow clients: {args.count} connections trickling or stalling for {args.duration:.0f} s; /health/live "
        f"{len(latencies)} times: p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {top * 1000:.1f} ms; "
        f"{len(closed_at)} cut off by the server (the last after {max(held) if held else 0:.1f} s), {still_open} still open")
    if top > args.max_latency:
        failures.append(f"/health/live took {top:.2f} s (at most {args.max_latency} s)")
    if still_open:
        failures.append(f"{still_open} slow connections were never cut off")
    if held and max(held) > args.cutoff:
        failures.append(f"a slow connection was held {max(held):.1f} s (at most {args.cutoff} s)")
    return report(failures)


def wait_for(condition, seconds, step=0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def process_alive(pid):
    """Running, as opposed to gone or a zombie waiting to be reaped by the shell."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


SUMMARY = []


def say(line):
    """Prints a summary line and keeps it for run.sh's closing summary."""
    print(line, flush=True)
    SUMMARY.append(line)


def report(failures):
    for failure in failures:
        say(f"  FAILED: {failure}")
    say("  promise kept" if not failures else "  PROMISE BROKEN")
    if os.environ.get("FAULTS_SUMMARY"):
        with open(os.environ["FAULTS_SUMMARY"], "a") as f:
            f.write("\n".join(line if len(line) < 400 else line[:397] + "..." for line in SUMMARY) + "\n")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("kill-load")
    p.add_argument("--ports", required=True)
    p.add_argument("--stop-file", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--workers", type=int, default=8)
    p.add_argument("--timeout", type=float, default=20.0)
    p.add_argument("--key-deadline", type=float, default=60.0)
    p.set_defaults(run=kill_load)
    p = sub.add_parser("kill-verify")
    p.add_argument("--results", required=True)
    p.set_defaults(run=kill_verify)
    p = sub.add_parser("outage-load")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--stop-file", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--workers", type=int, default=6)
    p.add_argument("--timeout", type=float, default=30.0)
    p.set_defaults(run=outage_load)
    p = sub.add_parser("outage-verify")
    p.add_argument("--results", required=True)
    p.add_argument("--events", required=True)
    p.add_argument("--timeout", type=float, required=True)
    p.add_argument("--margin", type=float, default=2.0)
    p.add_argument("--max-recovery", type=float, default=20.0)
    p.set_defaults(run=outage_verify)
    p = sub.add_parser("shutdown")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--inflight", type=int, default=6)
    p.add_argument("--hold", type=float, default=1.5)
    p.add_argument("--grace", type=float, default=20.0)
    p.set_defaults(run=shutdown)
    p = sub.add_parser("shutdown-verify")
    p.add_argument("--results", required=True)
    p.add_argument("--exit-code", type=int, required=True)
    p.add_argument("--grace", type=float, default=20.0)
    p.set_defaults(run=shutdown_verify)
    p = sub.add_parser("slow-clients")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, default=300)
    p.add_argument("--trickle", type=float, default=1.0)
    p.add_argument("--duration", type=float, default=12.0)
    p.add_argument("--max-latency", type=float, default=1.0)
    p.add_argument("--cutoff", type=float, default=9.0)
    p.set_defaults(run=slow_clients)
    args = parser.parse_args()
    sys.exit(args.run(args) or 0)


if __name__ == "__main__":
    main()
