#!/usr/bin/env bash
# Background workers on a release build with its embedded PostgreSQL:
#   timer latency: 300 timers falling due over 15 seconds; how long after its due
#                  moment each one fired (target: within 2 s);
#   outbox throughput: 20,000 queued e-mails delivered by the spool transport.
# Usage: bash Tests/Benchmarks/workers.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PORT=${BENCH_PORT:-18081}
(cd "$ROOT" && swift build -c release --product eenloket >/tmp/eenloket-bench-build.log 2>&1) \
  || { tail -50 /tmp/eenloket-bench-build.log; exit 1; }
BIN="$ROOT/.build/release/eenloket"
WORK=$(mktemp -d /tmp/eenloket-bench.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  [ -n "${PID:-}" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
(cd "$WORK" && exec env EENLOKET_PORT=$PORT EENLOKET_SQL_DIR="$ROOT/SQL/migrations" EENLOKET_LOG_LEVEL=warning \
  EENLOKET_MAIL_SPOOL_DIR="$WORK/mail" "$BIN" serve >"$WORK/serve.log" 2>&1) &
PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null || { cat "$WORK/serve.log"; exit 1; }
SOCKET=$(ls -d "$WORK"/.eenloket/run 2>/dev/null || find /var/lib/eenloket -maxdepth 2 -name run | head -1)
psql_() { psql -h "$SOCKET" -U eenloket -d eenloket -qAt -v ON_ERROR_STOP=1 "$@"; }

# Cases whose triage reminder falls due over the next 15 seconds (one intake officer to remind).
psql_ <<'SQL'
INSERT INTO staff (id, email, name, role, password_hash, created_at, updated_at)
VALUES (gen_random_uuid(), 'intake@bench.test', 'Intake', 'intake_officer', 'x', now(), now());
INSERT INTO cases (id, reference, filer_role, employee_name, employer_name, employer_kvk, sick_since, question,
                   created_at, updated_at, filed_on)
SELECT gen_random_uuid(), 'EL-2026-' || lpad(i::text, 6, '0'), 'employee', 'Werknemer', 'Bakkerij', '12345678',
       '2026-03-02', 'Een vraag van minstens twintig tekens.', now(), now(), current_date
  FROM generate_series(1, 300) AS i;
INSERT INTO case_deadlines (case_id, stage, started_at, preferred_by, due_by)
SELECT id, 'triage', now(), current_date - 1, current_date + 30 FROM cases;
INSERT INTO timers (kind, case_id, stage, due_at, created_at)
SELECT 'preferred_passed', id, 'triage', clock_timestamp() + (row_number() OVER () * interval '50 milliseconds'), now()
  FROM cases;
SQL
echo "== timer latency: 300 timers due over 15 s"
sleep 18
psql_ <<'SQL'
SELECT format('  fired %s of %s; due -> fired: p50 %s ms, p99 %s ms, max %s ms',
              count(fired_at), count(*),
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at) * 1000)::numeric, 1),
              round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - due_at) * 1000)::numeric, 1),
              round(max(extract(epoch FROM fired_at - due_at) * 1000)::numeric, 1))
  FROM timers WHERE kind = 'preferred_passed';
SQL

echo "== outbox throughput: 20,000 e-mails through the spool transport"
START=$(date +%s.%N)
psql_ <<'SQL'
INSERT INTO notifications (kind, channel, recipient_email, subject, body, created_at, next_attempt_at)
SELECT 'reminder', 'email', 'intake' || i || '@bench.test', 'Herinnering ' || i, 'Zaak ' || i || ' wacht op u.', now(), now()
  FROM generate_series(1, 20000) AS i;
SQL
while [ "$(psql_ -c "SELECT count(*) FROM notifications WHERE sent_at IS NULL AND failed_at IS NULL")" != "0" ]; do sleep 0.2; done
END=$(date +%s.%N)
FILES=$(find "$WORK/mail" -name '*.eml' | wc -l)
awk -v s="$START" -v e="$END" -v f="$FILES" 'BEGIN { printf "  %d messages (.eml files: %d) in %.1f s: %.0f messages/s\n", 20000, f, e - s, 20000 / (e - s) }'
