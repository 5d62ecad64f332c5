#!/usr/bin/env bash
# The benchmark behind BENCHMARKS.md, in one command, on this machine. Every measure is split into
# what its SQL costs and what the service adds, side by side in the same run:
#   1. PostgreSQL's own limit: pgbench with a single-row insert like a filing, and pgbench running the
#      service's own filing statement (file_case) at the same client count;
#   2. the service (release build) under wrk at 32 and 128 clients: filing, reading a case, the intake
#      work queue; for each read the statements the service sent (pg_stat_statements) run again by
#      pgbench (Tests/Benchmarks/same-sql.py), and PostgreSQL and service CPU per request;
#   3. the ceiling: Sources/EenloketCeiling, the same stack (Hummingbird 2 + PostgresNIO) doing one
#      primary-key read answered as JSON, and that read by pgbench;
#   4. triage with routing at 32 clients (PostgreSQL CPU per triage), and routing throughput: 10,000
#      cases accepted by 128 clients against ~700 panel members, checked for violations;
#   5. the Part 2 hot paths: a party's case page with documents listed, a draft comment, and 20 MiB
#      documents up and down (clamd scanning when it can be started; Tests/Benchmarks/part2.py,
#      documents.py);
#   6. resident memory of the service, every 100 ms, for the whole run, with the peak per phase;
#   7. reading a case and the work queue with the cases of the run and again with BENCH_LARGE_CASES
#      (default 1,000,000) generated cases, Part 2 tables filled in proportion (p50 ratio).
# Usage: bash Tests/Benchmarks/run.sh [--quick]
#   --quick: 5 s runs, 2,000 routing accepts, 4 × 1 documents, 50,000 cases for the scale row (< 10 min
#   after the build). BENCH_BIN / BENCH_CEILING_BIN: binaries built before (release-binary.sh);
#   BENCH_CLAMD=0: documents not scanned.
# Installs wrk (Debian package) when missing. Prints a summary with every target, met or not met.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH="$ROOT/Tests/Benchmarks"
RUN_SECONDS=${BENCH_SECONDS:-15}
LARGE=${BENCH_LARGE_CASES:-1000000}
ROUTING_CASES=${BENCH_ROUTING_CASES:-10000}
TRIAGE32_CASES=3000
MODE=full
if [ "${1:-}" = "--quick" ]; then
  MODE=quick; RUN_SECONDS=5; LARGE=${BENCH_LARGE_CASES:-50000}; ROUTING_CASES=2000; TRIAGE32_CASES=1000
  export BENCH_CLIENTS=${BENCH_CLIENTS:-4} BENCH_DOC_ROUNDS=${BENCH_DOC_ROUNDS:-1}
fi
export BENCH_CLIENTS=${BENCH_CLIENTS:-8} BENCH_DOC_ROUNDS=${BENCH_DOC_ROUNDS:-4} BENCH_CLAMD=${BENCH_CLAMD:-1}
export PYTHONDONTWRITEBYTECODE=1

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if [ -d /usr/lib/postgresql/15/bin ]; then PGBIN=/usr/lib/postgresql/15/bin; else PGBIN=$(dirname "$(command -v pg_ctl)"); fi
STARTED=$(date +%s)
NEED_CEILING=1
. "$ROOT/Tests/Benchmarks/release-binary.sh"
. "$ROOT/Tests/Support/test-clamd.sh"

WORK=$(mktemp -d /tmp/eenloket-bench.XXXXXX)
chmod 755 "$WORK"
PID= SAMPLER= CEILING_PID= CLAMD_PID=
cleanup() {
  set +e
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
  [ -n "$CEILING_PID" ] && kill -TERM "$CEILING_PID" 2>/dev/null
  [ -n "$PID" ] && { kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }
  [ -n "$CLAMD_PID" ] && stop_test_clamd
  as_pg "$PGBIN/pg_ctl" stop -D "$WORK/pgdata" -m immediate -w >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 130" INT TERM

. "$ROOT/Tests/Support/as-postgres.sh"
PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -At "$@"; }
TCK=$(getconf CLK_TCK)
# CPU time in clock ticks of all PostgreSQL processes (live backends, and those already
# gone through the postmaster's cutime/cstime) and of the service.
pg_ticks() {
  local pm; pm=$(head -n 1 "$WORK/pgdata/postmaster.pid")
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"
    for c in $(pgrep -P "$pm"); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null; done; } | awk '{s += $1} END {print s}'
}
svc_ticks() { awk '{print $14 + $15}' "/proc/${1:-$PID}/stat"; }
per_op_ms() { awk -v d="$1" -v n="$2" -v t="$TCK" 'BEGIN { if (n > 0) printf "%.2f", d * 1000 / t / n; else print "n/a" }'; }

echo "== starting PostgreSQL (fsync and synchronous_commit on, as in production)"
mkdir -p "$WORK/pgdata"
[ "$(id -u)" = 0 ] && chown postgres: "$WORK/pgdata"
as_pg "$PGBIN/initdb" -D "$WORK/pgdata" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_pg "$PGBIN/pg_ctl" start -D "$WORK/pgdata" -w -l "$WORK/pgdata/server.log" \
  -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=/tmp -c max_connections=300 -c shared_buffers=1GB -c work_mem=16MB -c max_wal_size=4GB -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c track_functions=pl" >/dev/null
sql -c "CREATE ROLE eenloket_app LOGIN" -c "CREATE DATABASE eenloket OWNER eenloket_app" -c "CREATE DATABASE bare"
sql -d eenloket -c "CREATE EXTENSION pg_stat_statements"

declare -A P50 P99 RPS ERR REQS TPS SQLP50 SQLP99 TXNS PGMS SVCMS SQLPGMS
# pgb NAME CLIENTS pgbench-arguments...: TPS, TXNS and, from pgbench's per-transaction log, SQLP50/SQLP99.
pgb() {
  local name=$1 clients=$2; shift 2
  local out
  rm -rf "$WORK/pgblog"; mkdir -p "$WORK/pgblog"
  out=$("$PGBIN/pgbench" -n -h 127.0.0.1 -p "$PGPORT" -c "$clients" -j 2 -M prepared -l --log-prefix="$WORK/pgblog/tx" "$@" 2>&1) \
    || { echo "$out" >&2; return 1; }
  TPS[$name]=$(echo "$out" | awk '/^tps = / {printf "%.0f", $3; exit}')
  TXNS[$name]=$(echo "$out" | awk '/number of transactions actually processed/ {split($0, a, ": "); split(a[2], b, "/"); print b[1]; exit}')
  local p50 p99
  read -r p50 p99 < <(cat "$WORK/pgblog"/tx* | awk '{print $3}' | sort -n |
    awk '{a[NR] = $1} END {if (NR) printf "%.2f %.2f\n", a[int(NR * 0.5) + 1] / 1000, a[int(NR * 0.99) + 1] / 1000; else print "n/a n/a"}')
  SQLP50[$name]=$p50; SQLP99[$name]=$p99
  printf '%-28s p50 %8s ms  p99 %8s ms  %6s tx/s  (pgbench)\n' "$name" "${SQLP50[$name]}" "${SQLP99[$name]}" "${TPS[$name]}"
}
echo "== PostgreSQL's own limit: pgbench, one single-row insert per transaction, 32 clients, ${RUN_SECONDS}s"
sql -d bare -c "CREATE TABLE filing (id uuid PRIMARY KEY, reference bigserial UNIQUE, employer_kvk text NOT NULL,
  body jsonb NOT NULL, created_at timestamptz NOT NULL)" -c "CREATE INDEX ON filing (employer_kvk, created_at)"
cat >"$WORK/insert.sql" <<'SQL'
\set employer random(1, 1000)
INSERT INTO filing (id, employer_kvk, body, created_at) VALUES (gen_random_uuid(), lpad(:employer::text, 8, '0'),
  '{"filer_role":"employee","question":"De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.","medical_information":"Sinds maart behandeld voor een burn-out."}', now());
SQL
pgb "single-row insert" 32 -T "$RUN_SECONDS" -U postgres -f "$WORK/insert.sql" bare
PGBENCH_TPS=${TPS[single-row insert]}

EXTRA_ENV=()
CLAMD_NOTE="clamd off (BENCH_CLAMD=0)"
if [ "$BENCH_CLAMD" != 0 ]; then
  echo "== starting clamd with a signature database written here (Tests/Support/test-clamd.sh)"
  start_test_clamd "$WORK/clamd"
  EXTRA_ENV+=(EENLOKET_CLAMD="unix:$CLAMD_SOCK")
  CLAMD_NOTE="clamd scanning"
fi

echo "== starting the service"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
B=http://127.0.0.1:$PORT
(cd "$WORK" && exec env EENLOKET_PORT="$PORT" EENLOKET_SQL_DIR="$ROOT/SQL/migrations" EENLOKET_LOG_LEVEL=warning \
  EENLOKET_DATABASE_URL="postgres://eenloket_app@127.0.0.1:$PGPORT/eenloket?sslmode=disable" \
  EENLOKET_DB_POOL_SIZE=40 EENLOKET_BCRYPT_COST=4 EENLOKET_FILINGS_PER_HOUR_PER_ADDRESS=0 \
  EENLOKET_ADMIN_EMAIL=beheer@bench.example EENLOKET_ADMIN_PASSWORD=beheer-benchmark-1 EENLOKET_STAFF_OTP=off ${EXTRA_ENV[@]+"${EXTRA_ENV[@]}"} "$BIN" serve >"$WORK/serve.log" 2>&1) &
PID=$!
for _ in $(seq 1 120); do curl -sf "$B/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$B/health/ready" >/dev/null || { cat "$WORK/serve.log"; exit 1; }
sleep 2
rss() { awk "/^$1:/ {print int(\$2 / 1024)}" "/proc/$PID/status"; }
RSS_IDLE=$(rss VmRSS)
# The service's resident memory every 100 ms for the whole run ("epoch VmRSS_kB VmHWM_kB"), and the
# start of every phase, for the peak per phase in the summary.
python3 "$BENCH/documents.py" sample "$PID" "$WORK/rss.samples" &
SAMPLER=$!
phase() { echo "$(date +%s.%N) $*" >>"$WORK/phases"; }
phase idle

echo "== a national pool: panel members and an intake officer"
INTAKE=$(python3 "$BENCH/pool.py" "$B" beheer@bench.example beheer-benchmark-1 320)
echo "panel members: $(sql -d eenloket -c 'SELECT count(*) FROM panel_members')"
# Planner statistics as autovacuum keeps them in service. The tables here grow
# from empty within seconds, faster than autovacuum follows (on this machine it
# sometimes did not analyze for many minutes), and stale statistics pick plans
# for empty tables. So: analyze after creating the pool and again before triage.
sql -d eenloket -c "ANALYZE"

# wrk prints latency percentiles as 1.23ms / 456.78us / 1.02s: in milliseconds.
pct() { awk -v p="$1" '$1 == p {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; printf "%.2f", v}'; }
rps() { awk '/Requests\/sec/ {printf "%.0f", $2}'; }
errors() { awk '/non-2xx responses:/ {print $3}'; }
measure() {  # measure NAME CLIENTS wrk-arguments...
  local name=$1 clients=$2; shift 2
  local out
  out=$(wrk -t2 -c"$clients" --latency "$@" 2>&1)
  P50[$name]=$(echo "$out" | pct 50%); P99[$name]=$(echo "$out" | pct 99%); RPS[$name]=$(echo "$out" | rps)
  REQS[$name]=$(echo "$out" | awk '/requests in/ {print $1; exit}')
  ERR[$name]=$(echo "$out" | errors); ERR[$name]=${ERR[$name]:-$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $5}')}
  ERR[$name]=${ERR[$name]:-0}
  printf '%-28s p50 %8s ms  p99 %8s ms  %6s req/s  non-2xx %s\n' "$name" "${P50[$name]}" "${P99[$name]}" "${RPS[$name]}" "${ERR[$name]}"
}

# capture_sql BINDS OUT curl-arguments...: one request with every statement PostgreSQL executes logged, turned
# into a pgbench script of the same statements with the same parameters (same-sql.py, rules in sql/BINDS).
capture_sql() {
  local binds=$1 out=$2 offset; shift 2
  sql -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" >/dev/null; sleep 0.3
  offset=$(stat -c %s "$WORK/pgdata/server.log")
  curl -sf -o /dev/null "$@"
  sleep 0.3; sql -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null
  python3 "$BENCH/same-sql.py" script "$WORK/pgdata/server.log" "$offset" "$BENCH/sql/$binds" "$out"
}
# functions_per N: the PL/pgSQL functions run since the last pg_stat_reset(), per request of N (track_functions).
functions_per() {
  sleep 1.2  # backends report function statistics at most once a second
  echo "  PL/pgSQL functions per request: calls | ms each, own time | function"
  sql -d eenloket -F ' | ' -c "SELECT round(calls::numeric / $1, 2), round((self_time / calls)::numeric, 3), funcname
    FROM pg_stat_user_functions WHERE calls >= $1 / 2 ORDER BY self_time DESC LIMIT 8" | sed 's/^/  /'
}
# split_read NAME BINDS PGBENCH-VARS URL curl/wrk-header-arguments...: the read over HTTP at 32 clients with
# PostgreSQL and service CPU and the statements per request; then the same SQL by pgbench.
split_read() {
  local name=$1 binds=$2 vars=$3 url=$4 pg0 svc0 same=; shift 4
  capture_sql "$binds" "$WORK/$binds.sql" "$@" "$url" && same=1
  sql -d eenloket -c "SELECT pg_stat_statements_reset()" -c "SELECT pg_stat_reset()" >/dev/null
  pg0=$(pg_ticks); svc0=$(svc_ticks)
  measure "$name" 32 -d"${RUN_SECONDS}s" "$@" "$url"
  PGMS[$name]=$(per_op_ms $(( $(pg_ticks) - pg0 )) "${REQS[$name]}"); SVCMS[$name]=$(per_op_ms $(( $(svc_ticks) - svc0 )) "${REQS[$name]}")
  python3 "$BENCH/same-sql.py" stats "-h 127.0.0.1 -p $PGPORT -U postgres -d eenloket" "${REQS[$name]}"
  functions_per "${REQS[$name]}"
  if [ -n "$same" ]; then
    pg0=$(pg_ticks)
    # shellcheck disable=SC2086
    pgb "$name SQL" 32 -T "$RUN_SECONDS" -U eenloket_app $vars -f "$WORK/$binds.sql" eenloket
    SQLPGMS[$name]=$(per_op_ms $(( $(pg_ticks) - pg0 )) "${TXNS[$name SQL]}")
  fi
  echo "  CPU per request: PostgreSQL ${PGMS[$name]} ms, service ${SVCMS[$name]} ms over HTTP; PostgreSQL ${SQLPGMS[$name]:-n/a} ms by pgbench"
}

phase "HTTP runs"
echo "== HTTP latency (${RUN_SECONDS}s per run)"
wrk -t2 -c32 -d3s -s "$BENCH/file-case.lua" "$B/api/v1/cases" >/dev/null  # warm-up
# Then pgbench first, while the database is as fresh as for the HTTP run (not after it, paying for its vacuum
# and checkpoints).
echo "== the same filing SQL by pgbench: file_case(...) and the read-back, 32 clients, ${RUN_SECONDS}s, as the service's role"
cat >"$WORK/filing.json" <<'JSON'
{"filer_role":"employee","filer":{"name":"Sanne de Vries","email":"sanne@example.nl"},"employee":{"name":"Sanne de Vries"},
 "employer":{"name":"Bakkerij Jansen B.V.","kvk_number":"12345678","address":{"street":"Marktstraat 1","postal_code":"1011 AA","city":"Amsterdam"}},"sick_since":"2026-03-02",
 "question":"De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.",
 "occupational_physician":{"name":"J. Bakker","organisation":"ArboNed"},
 "medical_information":"Sinds maart behandeld voor een burn-out."}
JSON
capture_sql filing.binds.json "$WORK/filing.sql" -X POST -H 'Content-Type: application/json' --data-binary @"$WORK/filing.json" "$B/api/v1/cases"
# The message texts of a real filing, its reference turned back into the mark file_case replaces.
SAMPLE_CASE=$(sql -d eenloket -c "SELECT case_id FROM notifications WHERE kind = 'case_received' LIMIT 1")
message_part() {  # message_part KIND subject|body
  sql -d eenloket -c "SELECT replace(n.$2, c.reference, E'\\x01reference\\x01') FROM notifications n JOIN cases c ON c.id = n.case_id
    WHERE n.case_id = '$SAMPLE_CASE' AND n.kind = '$1' LIMIT 1"
}
RECEIPT_SUBJECT=$(message_part case_received subject); RECEIPT_BODY=$(message_part case_received body)
NEWS_SUBJECT=$(message_part new_case subject); NEWS_BODY=$(message_part new_case body)
FILED_BEFORE=$(sql -d eenloket -c "SELECT count(*) FROM cases"); PG0=$(pg_ticks); sql -d eenloket -c "SELECT pg_stat_statements_reset()" >/dev/null
pgb "file_case SQL" 32 -T "$RUN_SECONDS" -U eenloket_app \
  -D receipt_subject="$RECEIPT_SUBJECT" -D receipt_body="$RECEIPT_BODY" -D news_subject="$NEWS_SUBJECT" -D news_body="$NEWS_BODY" \
  -f "$WORK/filing.sql" eenloket
FILE_CASE_TPS=${TPS[file_case SQL]}
FILED_SQL=$(( $(sql -d eenloket -c "SELECT count(*) FROM cases") - FILED_BEFORE ))
PG_MS_SQL=$(per_op_ms $(( $(pg_ticks) - PG0 )) "$FILED_SQL")
FILE_CASE_LAT=${SQLP50[file_case SQL]}
echo "where a filing's PostgreSQL time goes (pg_stat_statements, the statements inside file_case included): ms per filing | calls per filing | statement"
sql -d eenloket -F ' | ' -c "SELECT round((total_exec_time / $FILED_SQL)::numeric, 3), round((calls::numeric / $FILED_SQL), 2),
  left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'eenloket')
  ORDER BY total_exec_time DESC LIMIT 12" | sed 's/^/  /'
FILED_BEFORE=$(sql -d eenloket -c "SELECT count(*) FROM cases"); PG0=$(pg_ticks); SVC0=$(svc_ticks)
measure "POST /cases @32" 32 -d"${RUN_SECONDS}s" -s "$BENCH/file-case.lua" "$B/api/v1/cases"
FILED_HTTP=$(( $(sql -d eenloket -c "SELECT count(*) FROM cases") - FILED_BEFORE ))
PG_MS_HTTP=$(per_op_ms $(( $(pg_ticks) - PG0 )) "$FILED_HTTP"); SVC_MS_HTTP=$(per_op_ms $(( $(svc_ticks) - SVC0 )) "$FILED_HTTP")
measure "POST /cases @128" 128 -d"${RUN_SECONDS}s" -s "$BENCH/file-case.lua" "$B/api/v1/cases"
echo "file_case by pgbench: $FILE_CASE_TPS/s (p50 $FILE_CASE_LAT ms), PostgreSQL CPU $PG_MS_SQL ms per filing;" \
  "over HTTP: ${RPS[POST /cases @32]}/s, PostgreSQL CPU $PG_MS_HTTP ms and service CPU $SVC_MS_HTTP ms per filing"
FILED=$(curl -s -X POST "$B/api/v1/cases" -H 'Content-Type: application/json' --data-binary @"$WORK/filing.json")
ID=$(echo "$FILED" | python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])')
TOKEN=$(echo "$FILED" | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
split_read "GET /cases/{id} @32" case-by-id.binds.json "" "$B/api/v1/cases/$ID" -H "Authorization: Bearer $TOKEN"
measure "GET /cases/{id} @128" 128 -d"${RUN_SECONDS}s" -H "Authorization: Bearer $TOKEN" "$B/api/v1/cases/$ID"
split_read "GET /cases (queue) @32" queue.binds.json "" "$B/api/v1/cases" -H "Authorization: Bearer $INTAKE"
measure "GET /cases (queue) @128" 128 -d"${RUN_SECONDS}s" -H "Authorization: Bearer $INTAKE" "$B/api/v1/cases"

phase ceiling
echo "== the ceiling: the same stack, one primary-key read as JSON (Sources/EenloketCeiling), 32 clients"
CEILING_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
env CEILING_PG_PORT="$PGPORT" CEILING_PORT="$CEILING_PORT" CEILING_POOL_SIZE=40 "$CEILING_BIN" >"$WORK/ceiling.log" 2>&1 &
CEILING_PID=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$CEILING_PORT/cases/$ID" >/dev/null && break; sleep 0.25; done
curl -sf "http://127.0.0.1:$CEILING_PORT/cases/$ID" >/dev/null || { cat "$WORK/ceiling.log"; exit 1; }
PG0=$(pg_ticks); SVC0=$(svc_ticks "$CEILING_PID")
measure "ceiling GET /cases/{id} @32" 32 -d"${RUN_SECONDS}s" "http://127.0.0.1:$CEILING_PORT/cases/$ID"
PGMS[ceiling]=$(per_op_ms $(( $(pg_ticks) - PG0 )) "${REQS[ceiling GET /cases/{id} @32]}")
SVCMS[ceiling]=$(per_op_ms $(( $(svc_ticks "$CEILING_PID") - SVC0 )) "${REQS[ceiling GET /cases/{id} @32]}")
kill -TERM "$CEILING_PID"; wait "$CEILING_PID" 2>/dev/null || true; CEILING_PID=
pgb "pk-read SQL" 32 -T "$RUN_SECONDS" -U eenloket_app -D id="$ID" -f "$BENCH/sql/pk-read.sql" eenloket
echo "  CPU per request: PostgreSQL ${PGMS[ceiling]} ms, ceiling ${SVCMS[ceiling]} ms"

# measure_until NAME CLIENTS SQL wrk-arguments...: runs wrk until SQL (a count of what
# is left to do) reaches 0, or stops moving for 3 s (a request that failed is not
# retried), then stops wrk with SIGINT (wrk then prints its report). WALL holds
# the seconds until the last progress.
measure_until() {
  local name=$1 clients=$2 remaining=$3; shift 3
  local start out left last=-1 still=0 progress
  start=$(date +%s.%N); progress=$start
  # A long client timeout: wrk's 2 s default abandons queued requests, and the
  # service then cancels work that was nearly done.
  wrk -t"${WRK_THREADS:-2}" -c"$clients" --latency --timeout 30s -d600s "$@" >"$WORK/wrk.out" 2>&1 &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    left=$(sql -d eenloket -c "$remaining")
    [ "$left" -le 0 ] && { progress=$(date +%s.%N); break; }
    if [ "$left" = "$last" ]; then still=$((still + 1)); [ "$still" -ge 30 ] && break
    else still=0; last=$left; progress=$(date +%s.%N); fi
    sleep 0.1
  done
  WALL=$(awk -v s="$start" -v e="$progress" 'BEGIN { printf "%.2f", e - s }')
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" || true
  out=$(cat "$WORK/wrk.out")
  P50[$name]=$(echo "$out" | pct 50%); P99[$name]=$(echo "$out" | pct 99%); RPS[$name]=$(echo "$out" | rps)
  ERR[$name]=$(echo "$out" | errors); ERR[$name]=${ERR[$name]:-0}
  printf '%-28s p50 %8s ms  p99 %8s ms  %6s req/s  non-2xx %s  (%s s)\n' "$name" "${P50[$name]}" "${P99[$name]}" "${RPS[$name]}" "${ERR[$name]}" "$WALL"
}

NEEDED=$((TRIAGE32_CASES + ROUTING_CASES))
HAVE=$(sql -d eenloket -c "SELECT count(*) FROM cases WHERE status = 'submitted'")
if [ "$HAVE" -lt "$NEEDED" ]; then
  echo "== filing $((NEEDED - HAVE)) more cases to triage"
  measure_until "POST /cases (filling)" 32 "SELECT $NEEDED - count(*) FROM cases WHERE status = 'submitted'" \
    -s "$BENCH/file-case.lua" "$B/api/v1/cases"
fi
sql -d eenloket -c "ANALYZE"
sql -d eenloket -c "SELECT id FROM cases WHERE status = 'submitted' ORDER BY created_at, id LIMIT $TRIAGE32_CASES" >"$WORK/triage-32.ids"
sql -d eenloket -c "SELECT id FROM cases WHERE status = 'submitted' ORDER BY created_at, id OFFSET $TRIAGE32_CASES LIMIT $ROUTING_CASES" >"$WORK/routing.ids"
# Which cases each run triages, in a side table of the benchmark, so the poll is one indexed query.
sql -d eenloket -c "CREATE TABLE bench_batches (batch text, id uuid PRIMARY KEY)" \
  -c "\\copy bench_batches (id) FROM '$WORK/triage-32.ids'" -c "UPDATE bench_batches SET batch = 'triage-32' WHERE batch IS NULL" \
  -c "\\copy bench_batches (id) FROM '$WORK/routing.ids'" -c "UPDATE bench_batches SET batch = 'routing' WHERE batch IS NULL"
untriaged() { echo "SELECT count(*) FROM bench_batches b JOIN cases c ON c.id = b.id WHERE b.batch = '$1' AND c.status = 'submitted'"; }

phase triage
echo "== triage with routing"
sql -d eenloket -c "SELECT pg_stat_statements_reset()" -c "SELECT pg_stat_reset()" >/dev/null
PG0=$(pg_ticks); SVC0=$(svc_ticks)
BENCH_IDS="$WORK/triage-32.ids" BENCH_TOKEN=$INTAKE BENCH_THREADS=32 WRK_THREADS=32 measure_until "POST triage+routing @32" 32 "$(untriaged triage-32)" \
  -s "$BENCH/triage.lua" "$B"
TRIAGED32=$(( TRIAGE32_CASES - $(sql -d eenloket -c "$(untriaged triage-32)") ))
TRIAGE_RATE=$(awk -v n="$TRIAGED32" -v s="$WALL" 'BEGIN { printf "%.0f", n / s }')
PG_MS_TRIAGE=$(per_op_ms $(( $(pg_ticks) - PG0 )) "$TRIAGED32"); SVC_MS_TRIAGE=$(per_op_ms $(( $(svc_ticks) - SVC0 )) "$TRIAGED32")
echo "  triaged $TRIAGED32 cases at $TRIAGE_RATE/s; CPU per triage: PostgreSQL $PG_MS_TRIAGE ms, service $SVC_MS_TRIAGE ms"
python3 "$BENCH/same-sql.py" stats "-h 127.0.0.1 -p $PGPORT -U postgres -d eenloket" "$TRIAGED32"
functions_per "$TRIAGED32"
phase routing
echo "== routing throughput: $ROUTING_CASES cases accepted by 128 concurrent clients"
BENCH_IDS="$WORK/routing.ids" BENCH_TOKEN=$INTAKE BENCH_THREADS=128 WRK_THREADS=128 measure_until "POST triage+routing @128" 128 "$(untriaged routing)" \
  -s "$BENCH/triage.lua" "$B"
ROUTING_WALL=$WALL
sql -d eenloket -c "SELECT count(*) FILTER (WHERE c.status = 'in_review'), count(*) FILTER (WHERE c.status = 'awaiting_panel'),
  count(*) FILTER (WHERE c.status = 'submitted') FROM bench_batches b JOIN cases c ON c.id = b.id WHERE b.batch = 'routing'" >"$WORK/routed"
IFS='|' read -r ROUTED WAITING UNTRIAGED <"$WORK/routed"
ROUTE_RATE=$(awk -v n="$ROUTED" -v s="$ROUTING_WALL" 'BEGIN { printf "%.0f", n / s }')
# Every seat respects capacity and conflicts of interest, whatever the concurrency.
OVER=$(sql -d eenloket -c "SELECT count(*) FROM (SELECT pa.staff_id FROM panel_assignments pa JOIN cases c ON c.id = pa.case_id
  WHERE pa.released_at IS NULL AND c.status IN ('awaiting_panel', 'in_review') GROUP BY pa.staff_id
  HAVING count(*) > (SELECT max_open_cases FROM panel_members m WHERE m.staff_id = pa.staff_id)) over_capacity")
CONFLICTS=$(sql -d eenloket -c "SELECT count(*) FROM panel_assignments pa JOIN cases c ON c.id = pa.case_id
  JOIN panel_members m ON m.staff_id = pa.staff_id WHERE pa.released_at IS NULL AND c.employer_kvk = ANY (m.affiliations)")
DOUBLE=$(sql -d eenloket -c "SELECT count(*) FROM (SELECT case_id, discipline FROM panel_assignments WHERE released_at IS NULL
  GROUP BY case_id, discipline HAVING count(*) > 1) twice")
echo "routed $ROUTED of $ROUTING_CASES ($WAITING waiting for capacity, $UNTRIAGED not triaged) at $ROUTE_RATE cases/s;" \
  "violations: $OVER over capacity, $CONFLICTS conflicts, $DOUBLE double seats"

phase "Part 2: case page and draft comment"
echo "== the Part 2 hot paths"
eval "$(python3 "$BENCH/part2.py" "$B" "postgres://postgres@127.0.0.1:$PGPORT/eenloket" "$INTAKE")"
measure "GET /zaak (case page) @32" 32 -d"${RUN_SECONDS}s" -H "Cookie: eenloket_zaak=$PAGE_COOKIE" "$B/zaak"
BENCH_DRAFTS=$DRAFT_SPREAD measure "POST draft comment @32" 32 -d"${RUN_SECONDS}s" -s "$BENCH/draft-comment.lua" "$B"
phase "Part 2: documents"
echo "== documents: $BENCH_CLIENTS clients × $BENCH_DOC_ROUNDS × 20 MiB up and down ($CLAMD_NOTE)"
python3 "$BENCH/documents.py" run "$B" "$WORK/rss.samples" | tee "$WORK/documents.out"
DOC_UP=$(awk '/^upload MB\/s/ {print $(NF-3) " MB/s, p50 " $(NF-2) " s"}' "$WORK/documents.out")
DOC_DOWN=$(awk '/^download MB\/s/ {print $(NF-3) " MB/s, p50 " $(NF-2) " s"}' "$WORK/documents.out")

scale_phase() {  # scale_phase LABEL: p50 of reading a case and of the queue
  local label=$1
  measure "GET /cases/{id} $label" 32 -d"${RUN_SECONDS}s" -H "Authorization: Bearer $TOKEN" "$B/api/v1/cases/$ID"
  measure "GET /cases (queue) $label" 32 -d"${RUN_SECONDS}s" -H "Authorization: Bearer $INTAKE" "$B/api/v1/cases"
}
CASES_SMALL=$(sql -d eenloket -c "SELECT count(*) FROM cases")
if [ "$LARGE" -gt 0 ]; then
  echo "== scale: $CASES_SMALL cases now"
  # Both scale measurements run on an idle service: first let the mail worker
  # deliver what the triage runs queued (at most two minutes).
  for _ in $(seq 1 120); do
    [ "$(sql -d eenloket -c "SELECT count(*) FROM notifications WHERE sent_at IS NULL AND failed_at IS NULL AND channel = 'email'")" -eq 0 ] && break
    sleep 1
  done
  # The same state for both sizes: the generator ends with VACUUM ANALYZE, so
  # the small measurement gets one too (else autovacuum, still busy after the
  # triage runs, slows the small one and flatters the ratio).
  sql -d eenloket -c "VACUUM ANALYZE"
  phase "scale: small"
  scale_phase small
  phase "scale: generating"
  echo "== generating cases up to $LARGE"
  GEN_START=$(date +%s)
  bash "$BENCH/generate-data.sh" "postgres://postgres@127.0.0.1:$PGPORT/eenloket" "$((LARGE - CASES_SMALL))"
  echo "generated in $(( $(date +%s) - GEN_START )) s; database size $(sql -d eenloket -c "SELECT pg_size_pretty(pg_database_size('eenloket'))")"
  CASES_LARGE=$(sql -d eenloket -c "SELECT count(*) FROM cases")
  phase "scale: large"
  scale_phase large
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
ok() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { if ((dir == "<" && v + 0 < t) || (dir == ">=" && v + 0 >= t)) print "met"; else print "NOT MET" }'; }
row() { printf '%-48s %12s  %-9s %s\n' "$@"; }
SQL_RATIO=$(ratio "$FILE_CASE_TPS" "$PGBENCH_TPS")
SERVICE_RATIO=$(ratio "${RPS[POST /cases @32]}" "$FILE_CASE_TPS")
CASE_ID="GET /cases/{id} @32"; QUEUE="GET /cases (queue) @32"; CEILING="ceiling GET /cases/{id} @32"
CEILING_RATIO=$(ratio "${RPS[$CASE_ID]}" "${RPS[$CEILING]}")
echo
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)$(if [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]; then echo " (with changes)"; fi)
ELAPSED=$(( $(date +%s) - STARTED ))
echo "================ summary ($(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), service, PostgreSQL and load generator on one machine)"
echo "commit $COMMIT, $(date -u '+%Y-%m-%d %H:%M UTC'), $ELAPSED s, command: bash Tests/Benchmarks/run.sh $*, ${RUN_SECONDS} s per run"
row "measure" "value" "target" "result"
row "filing: HTTP ÷ file_case by pgbench (32 cl.)" "$SERVICE_RATIO" "≥ 0.8" "$(ok "$SERVICE_RATIO" 0.8 '>=') (${RPS[POST /cases @32]} vs $FILE_CASE_TPS/s)"
row "filing: file_case ÷ single-row insert (32 cl.)" "$SQL_RATIO" "≥ 0.25" "$(ok "$SQL_RATIO" 0.25 '>=') ($FILE_CASE_TPS vs $PGBENCH_TPS/s)"
row "  CPU per filing: PostgreSQL pgbench / HTTP" "$PG_MS_SQL/$PG_MS_HTTP ms" "(report)" "service $SVC_MS_HTTP ms"
row "GET /cases/{id} ÷ the ceiling (32 cl.)" "$CEILING_RATIO" "≥ 0.5" "$(ok "$CEILING_RATIO" 0.5 '>=') (${RPS[$CASE_ID]} vs ${RPS[$CEILING]} req/s)"
row "  ceiling ÷ its SQL by pgbench (the stack)" "$(ratio "${RPS[$CEILING]}" "${TPS[pk-read SQL]}")" "(report)" "${TPS[pk-read SQL]} tx/s; CPU PostgreSQL ${PGMS[ceiling]} ms, ceiling ${SVCMS[ceiling]} ms"
row "  GET ÷ its SQL by pgbench (the service)" "$(ratio "${RPS[$CASE_ID]}" "${TPS[$CASE_ID SQL]:-0}")" "(report)" "${TPS[$CASE_ID SQL]:-n/a} tx/s; CPU PostgreSQL ${PGMS[$CASE_ID]} ms, service ${SVCMS[$CASE_ID]} ms"
row "  its SQL ÷ the ceiling's SQL (the query)" "$(ratio "${TPS[$CASE_ID SQL]:-0}" "${TPS[pk-read SQL]}")" "(report)" "PostgreSQL CPU by pgbench ${SQLPGMS[$CASE_ID]:-n/a} ms"
row "  queue ÷ its SQL by pgbench (the service)" "$(ratio "${RPS[$QUEUE]}" "${TPS[$QUEUE SQL]:-0}")" "(report)" "${RPS[$QUEUE]} vs ${TPS[$QUEUE SQL]:-n/a}/s; CPU PostgreSQL ${PGMS[$QUEUE]} ms, service ${SVCMS[$QUEUE]} ms"
row "p99 POST /cases @32 (ms)" "${P99[POST /cases @32]}" "< 40" "$(ok "${P99[POST /cases @32]}" 40 '<') (its SQL by pgbench: ${SQLP99[file_case SQL]} ms)"
row "p99 GET /cases/{id} @32 (ms)" "${P99[$CASE_ID]}" "< 40" "$(ok "${P99[$CASE_ID]}" 40 '<') (its SQL by pgbench: ${SQLP99[$CASE_ID SQL]:-n/a} ms; ceiling ${P99[$CEILING]} ms)"
row "p99 GET /cases (queue) @32 (ms)" "${P99[$QUEUE]}" "< 40" "$(ok "${P99[$QUEUE]}" 40 '<') (its SQL by pgbench: ${SQLP99[$QUEUE SQL]:-n/a} ms)"
row "triage with routing, 32 clients (cases/s)" "$TRIAGE_RATE" "≥ 500" "$(ok "$TRIAGE_RATE" 500 '>=') ($TRIAGED32 cases; p50 ${P50[POST triage+routing @32]}, p99 ${P99[POST triage+routing @32]} ms)"
row "  PostgreSQL CPU per triage (ms)" "$PG_MS_TRIAGE" "≤ 2" "$(ok "$PG_MS_TRIAGE" 2.001 '<') (service $SVC_MS_TRIAGE ms)"
row "routing: cases routed/s ($ROUTING_CASES accepts, 128 cl.)" "$ROUTE_RATE" "≥ 500" "$(ok "$ROUTE_RATE" 500 '>=')"
row "  violations (capacity/conflict/double)" "$OVER/$CONFLICTS/$DOUBLE" "0/0/0" "$([ "$OVER$CONFLICTS$DOUBLE" = 000 ] && echo met || echo 'NOT MET')"
row "Part 2: a party's case page, documents listed" "${RPS[GET /zaak (case page) @32]} req/s" "(report)" "p50 ${P50[GET /zaak (case page) @32]}, p99 ${P99[GET /zaak (case page) @32]} ms, non-2xx ${ERR[GET /zaak (case page) @32]}"
row "Part 2: a draft comment" "${RPS[POST draft comment @32]} req/s" "(report)" "p50 ${P50[POST draft comment @32]}, p99 ${P99[POST draft comment @32]} ms, non-2xx ${ERR[POST draft comment @32]}"
row "Part 2: 20 MiB upload, $BENCH_CLIENTS clients" "$DOC_UP" "(report)" "$CLAMD_NOTE"
row "Part 2: 20 MiB download, $BENCH_CLIENTS clients" "$DOC_DOWN" "(report)" "every digest checked"
for name in "POST /cases @128" "GET /cases/{id} @128" "GET /cases (queue) @128" "POST triage+routing @128"; do
  row "  p99 $name (ms)" "${P99[$name]}" "(report)" "p50 ${P50[$name]} ms, ${RPS[$name]} req/s"
done
# Peak RSS per phase, from the samples and the phase marks.
RSS_PHASES=$(awk 'NR == FNR {start[NR] = $1; $1 = ""; name[NR] = substr($0, 2); n = NR; next}
  { for (i = n; i >= 1; i--) if ($1 >= start[i]) { if ($2 > peak[i]) peak[i] = $2; break } }
  END { for (i = 1; i <= n; i++) printf "%s %d MiB; ", name[i], peak[i] / 1024 }' "$WORK/phases" "$WORK/rss.samples")
RSS_PEAK=$(awk '$2 > p {p = $2} END {printf "%d", p / 1024}' "$WORK/rss.samples")
RSS_HWM=$(tail -n 1 "$WORK/rss.samples" | awk '{printf "%d", $3 / 1024}')
row "RSS of the whole run: idle / peak / VmHWM (MiB)" "$RSS_IDLE/$RSS_PEAK/$RSS_HWM" "< 150" "$(ok "$RSS_HWM" 150 '<')"
echo "  peak per phase: $RSS_PHASES"
if [ "$LARGE" -gt 0 ]; then
  for what in "GET /cases/{id}" "GET /cases (queue)"; do
    r=$(ratio "${P50[$what large]}" "${P50[$what small]}")
    row "p50 $what: $CASES_LARGE ÷ $CASES_SMALL cases" "$r" "≤ 1.5" "$(ok "$r" 1.501 '<') (${P50[$what small]} → ${P50[$what large]} ms)"
  done
fi
[ "$MODE" = quick ] && row "quick mode: seconds from start to summary" "$ELAPSED" "< 600" "$(ok "$ELAPSED" 600 '<')"
true
