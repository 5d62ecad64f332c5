#!/usr/bin/env python3
"""Can timing tell a "Link kwijt?" match from a miss? (Tests/Benchmarks/access-links.sh runs this.)

Usage: access-links.py BASE_URL MAIL_SPOOL_DIR
  BENCH_LINK_CASES=300   measured requests per kind (and cases filed for the first-time matches)
  BENCH_LINK_WARMUP=50   unmeasured warm-up requests per kind
  BENCH_SEED=S           seed of the interleaving (default: random, printed)

Files cases, then sends over ONE persistent connection, one at a time, a shuffled mix of
  match-sent     a case's reference with its filer's address, the first request for that case
  miss           half with a known reference and an address nobody has, half with a reference
                 that does not exist
  match-limited  a match for a case that already had its 3 messages today (nothing is sent)
and checks that every answer is 202 with the same bytes. Standard library only.
"""
import datetime
import http.client
import json
import os
import random
import statistics
import sys
import time
import urllib.parse
import uuid

BASE, SPOOL = sys.argv[1], sys.argv[2]
N = int(os.environ.get("BENCH_LINK_CASES", "300"))
WARM = int(os.environ.get("BENCH_LINK_WARMUP", "50"))
SEED = int(os.environ.get("BENCH_SEED") or random.randrange(1 << 30))
PER_DAY = 3  # AccessLinks.perDay
URL = urllib.parse.urlsplit(BASE)
JSON = {"Content-Type": "application/json"}


def connect():
    return http.client.HTTPConnection(URL.hostname, URL.port, timeout=60)


def post(conn, path, body, headers=JSON):
    conn.request("POST", path, json.dumps(body).encode(), headers)
    r = conn.getresponse()
    return r.status, r.read()


def fail(why):
    print(f"FAILED: {why}", file=sys.stderr)
    sys.exit(1)


def file_case(conn, i):
    # Same-length addresses for every kind (filer-/guess-), so body size does not differ by kind.
    email = f"filer-{i:05d}-{uuid.uuid4().hex[:8]}@example.nl"
    body = {
        "filer_role": "employee",
        "filer": {"name": f"Werknemer {i}", "email": email},
        "employee": {"name": f"Werknemer {i}"},
        "employer": {"name": f"Werkgever {i} B.V.", "kvk_number": "12345678", "email": f"hr-{i:05d}@werkgever.example"},
        "sick_since": (datetime.date.today() - datetime.timedelta(days=60)).isoformat(),
        "question": "De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.",
        "medical_information": "Sinds maart behandeld voor een burn-out.",
    }
    status, data = post(conn, "/api/v1/cases", body, {**JSON, "Idempotency-Key": str(uuid.uuid4())})
    if status != 201:
        fail(f"filing {i}: {status} {data[:300]!r}")
    return json.loads(data)["reference"], email


def guess_email(i):
    return f"guess-{i:05d}-{uuid.uuid4().hex[:8]}@example.nl"


def wait_for_mail_to_settle():
    # Every sent match wakes the mail worker (LISTEN/NOTIFY), which delivers in the background;
    # let that finish so it does not run during the measurement that follows.
    def count():
        return len(os.listdir(SPOOL)) if os.path.isdir(SPOOL) else 0
    last, stable_since = count(), time.monotonic()
    while time.monotonic() - stable_since < 2.0:
        time.sleep(0.25)
        now = count()
        if now != last:
            last, stable_since = now, time.monotonic()


def pct(sorted_xs, p):
    # Linear interpolation between closest ranks.
    k = (len(sorted_xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(sorted_xs) - 1)
    return sorted_xs[lo] + (sorted_xs[hi] - sorted_xs[lo]) * (k - lo)


def best_threshold(a, b):
    """The single threshold t (and side) that best separates samples a from b, with its balanced
    accuracy: 0.5 = indistinguishable, 1.0 = always right. Returns (accuracy, t, a_is_slower)."""
    pts = sorted([(x, 1) for x in a] + [(x, 0) for x in b])
    best = (0.5, pts[0][0], True)
    na = nb = 0
    for i, (x, is_a) in enumerate(pts):
        na, nb = na + is_a, nb + (1 - is_a)
        if i + 1 < len(pts) and pts[i + 1][0] == x:
            continue  # a cut only between distinct values
        # "slower than x means a": a above the cut are right, b at or below it are right.
        acc = 0.5 * ((len(a) - na) / len(a) + nb / len(b))
        best = max(best, (acc, x, True), (1 - acc, x, False))
    return best


def accuracy_at(a, b, t, a_is_slower):
    right_a = sum((x > t) == a_is_slower for x in a) / len(a)
    right_b = sum((x > t) != a_is_slower for x in b) / len(b)
    return 0.5 * (right_a + right_b)


def held_out(a, b):
    # The in-sample best threshold flatters (with 300 vs 300 samples of one distribution it
    # reaches ~53-55% by chance): choose it on alternate samples, score it on the others.
    scores = []
    for fit, test in ((0, 1), (1, 0)):
        _, t, side = best_threshold(a[fit::2], b[fit::2])
        scores.append(accuracy_at(a[test::2], b[test::2], t, side))
    return statistics.mean(scores)


def bootstrap_median_diff(a, b, rounds=2000):
    # A 95% interval for median(a) - median(b), resampling each kind.
    rng = random.Random(SEED)
    diffs = sorted(statistics.median(rng.choices(a, k=len(a))) - statistics.median(rng.choices(b, k=len(b)))
                   for _ in range(rounds))
    return pct(diffs, 2.5), pct(diffs, 97.5)


def main():
    rng = random.Random(SEED)
    conn = connect()

    # Cases: first-time matches (measured and warm-up), plus cases whose daily limit we use up.
    limited_cases = max(1, -(-N // PER_DAY))
    total = N + WARM + limited_cases
    t0 = time.monotonic()
    cases = [file_case(conn, i) for i in range(total)]
    print(f"filed {total} cases in {time.monotonic() - t0:.1f} s (seed {SEED})")
    fresh, limited = cases[:N + WARM], cases[N + WARM:]
    year = fresh[0][0].split("-")[1]
    known_refs = [ref for ref, _ in cases]
    known = set(known_refs)

    def unknown_ref():
        while True:
            ref = f"EL-{year}-{rng.randrange(900000, 1000000):06d}"
            if ref not in known:
                return ref

    answer = None

    def send(c, ref, email):
        nonlocal answer
        body = json.dumps({"reference": ref, "email": email}).encode()
        t = time.perf_counter_ns()
        c.request("POST", "/api/v1/access-links", body, JSON)
        r = c.getresponse()
        data = r.read()
        dt = time.perf_counter_ns() - t
        if r.status != 202:
            fail(f"{ref} {email}: {r.status} {data[:300]!r}")
        if answer is None:
            answer = data
        elif data != answer:
            fail(f"{ref} {email}: a different body:\n{data!r}\nvs\n{answer!r}")
        return dt

    # Use up the daily limit of the "limited" cases (not measured).
    for ref, email in limited:
        for _ in range(PER_DAY):
            send(conn, ref, email)

    def requests(fresh_cases, count, offset):
        reqs = [("match-sent", ref, email) for ref, email in fresh_cases]
        for i in range(count):
            if i % 2 == 0:
                reqs.append(("miss", rng.choice(known_refs), guess_email(offset + i)))
            else:
                reqs.append(("miss", unknown_ref(), guess_email(offset + i)))
            ref, email = limited[i % len(limited)]
            reqs.append(("match-limited", ref, email))
        rng.shuffle(reqs)
        return reqs

    # Warm-up on the same connection, discarded: connection, prepared plans, caches.
    for _, ref, email in requests(fresh[N:], WARM, 100000):
        send(conn, ref, email)
    conn.close()
    wait_for_mail_to_settle()

    # The measurement: one fresh persistent connection, strictly one request at a time.
    conn = connect()
    send(conn, known_refs[0], guess_email(99999))  # opens the connection; not measured
    plan = requests(fresh[:N], N, 0)
    t0 = time.monotonic()
    samples = [(kind, ref, send(conn, ref, email) / 1e6) for kind, ref, email in plan]
    elapsed = time.monotonic() - t0
    conn.close()

    by_kind = {k: [ms for kind, _, ms in samples if kind == k] for k in ("match-sent", "miss", "match-limited")}
    by_kind["  miss, known ref"] = [ms for kind, ref, ms in samples if kind == "miss" and ref in known]
    by_kind["  miss, no such ref"] = [ms for kind, ref, ms in samples if kind == "miss" and ref not in known]

    print(f"{len(samples)} requests in {elapsed:.1f} s over one connection, all 202 with the same "
          f"{len(answer)}-byte body")
    print(f"{'kind':<20} {'n':>4} {'median':>8} {'p10':>8} {'p90':>8} {'p99':>8} {'mean':>8}   (ms)")
    for k, xs in by_kind.items():
        s = sorted(xs)
        print(f"{k:<20} {len(s):>4} {statistics.median(s):8.3f} {pct(s, 10):8.3f} {pct(s, 90):8.3f} "
              f"{pct(s, 99):8.3f} {statistics.mean(s):8.3f}")

    miss = by_kind["miss"]
    for k in ("match-sent", "match-limited"):
        xs = by_kind[k]
        d = (statistics.median(xs) - statistics.median(miss)) * 1000
        lo, hi = bootstrap_median_diff(xs, miss)
        acc, t, slower = best_threshold(xs, miss)
        print(f"{k} - miss: median {d:+.0f} us ({d / 10 / statistics.median(miss):+.1f}% of the miss median; "
              f"95% CI {lo * 1000:+.0f} to {hi * 1000:+.0f} us); best threshold {t:.3f} ms "
              f"({'slower' if slower else 'faster'} = {k}): {acc * 100:.1f}% in-sample, "
              f"{held_out(xs, miss) * 100:.1f}% held out")

    # The mail worker runs right after a sent match: does the NEXT request show it?
    after = {}
    for (prev, _, _), (_, _, ms) in zip(samples, samples[1:]):
        after.setdefault(prev, []).append(ms)
    print("next request's median after " + ", ".join(
        f"{k}: {statistics.median(after[k]):.3f} ms" for k in ("match-sent", "miss", "match-limited") if k in after))


if __name__ == "__main__":
    main()
