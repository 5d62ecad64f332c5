#!/usr/bin/env bash
# The benchmark behind BENCHMARKS.md, in one command, on this machine:
#   1. PostgreSQL's own limit: pgbench with a single-row insert like a filing,
#      and pgbench running the service's own filing statement (file_case) with
#      the same client count, so a filing splits into what its SQL costs and what
#      the service adds (with PostgreSQL and service CPU per filing);
#   2. the service (release build) under wrk at 32 and 128 clients: filing,
#      reading a case, the intake work queue, and triage with routing;
#   3. routing throughput: 10,000 cases accepted concurrently against a pool of
#      ~700 panel members, then checked for capacity and conflict violations;
#   4. resident memory of the service idle and under load;
#   5. reading a case and the work queue with the cases of the run and again
#      with BENCH_LARGE_CASES (default 1,000,000) generated cases (p50 ratio).
# Usage: bash Tests/Benchmarks/run.sh [--quick]   (--quick: 5 s runs, no 1M phase)
# Installs wrk (Debian package) when missing. Prints a summary with the targets.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH="$ROOT/Tests/Benchmarks"
RUN_SECONDS=${BENCH_SECONDS:-15}
LARGE=${BENCH_LARGE_CASES:-1000000}
ROUTING_CASES=${BENCH_ROUTING_CASES:-10000}
TRIAGE32_CASES=3000
if [ "${1:-}" = "--quick" ]; then RUN_SECONDS=5; LARGE=0; ROUTING_CASES=2000; TRIAGE32_CASES=1000; fi
export PYTHONDONTWRITEBYTECODE=1

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
if [ -d /usr/lib/postgresql/15/bin ]; then PGBIN=/usr/lib/postgresql/15/bin; else PGBIN=$(dirname "$(command -v pg_ctl)"); fi
STARTED=$(date +%s)
. "$ROOT/Tests/Benchmarks/release-binary.sh"

WORK=$(mktemp -d /tmp/eenloket-bench.XXXXXX)
chmod 755 "$WORK"
PID= SAMPLER=
cleanup() {
  set +e
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
  [ -n "$PID" ] && { kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }
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
svc_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
per_op_ms() { awk -v d="$1" -v n="$2" -v t="$TCK" 'BEGIN { if (n > 0) printf "%.2f", d * 1000 / t / n; else print "n/a" }'; }

echo "== starting PostgreSQL (fsync and synchronous_commit on, as in production)"
mkdir -p "$WORK/pgdata"
[ "$(id -u)" = 0 ] && chown postgres: "$WORK/pgdata"
as_pg "$PGBIN/initdb" -D "$WORK/pgdata" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_pg "$PGBIN/pg_ctl" start -D "$WORK/pgdata" -w -l "$WORK/pgdata/server.log" \
  -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=/tmp -c max_connections=300 -c shared_buffers=1GB -c work_mem=16MB -c max_wal_size=4GB -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" >/dev/null
sql -c "CREATE ROLE eenloket_app LOGIN" -c "CREATE DATABASE eenloket OWNER eenloket_app" -c "CREATE DATABASE bare"
sql -d eenloket -c "CREATE EXTENSION pg_stat_statements"

echo "== PostgreSQL's own limit: pgbench, one single-row insert per transaction, 32 clients, ${RUN_SECONDS}s"
sql -d bare -c "CREATE TABLE filing (id uuid PRIMARY KEY, reference bigserial UNIQUE, employer_kvk text NOT NULL,
  body jsonb NOT NULL, created_at timestamptz NOT NULL)" -c "CREATE INDEX ON filing (employer_kvk, created_at)"
cat >"$WORK/insert.sql" <<'SQL'
\set employer random(1, 1000)
INSERT INTO filing (id, employer_kvk, body, created_at) VALUES (gen_random_uuid(), lpad(:employer::text, 8, '0'),
  '{"filer_role":"employee","question":"De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.","medical_information":"Sinds maart behandeld voor een burn-out."}', now());
SQL
PGBENCH_OUT=$("$PGBIN/pgbench" -n -h 127.0.0.1 -p "$PGPORT" -U postgres -c 32 -j 2 -T "$RUN_SECONDS" -M prepared -f "$WORK/insert.sql" bare 2>&1)
PGBENCH_TPS=$(echo "$PGBENCH_OUT" | awk '/^tps = / {printf "%.0f", $3; exit}')
echo "pgbench: $PGBENCH_TPS transactions/s"

echo "== starting the service"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
B=http://127.0.0.1:$PORT
(cd "$WORK" && exec env EENLOKET_PORT="$PORT" EENLOKET_SQL_DIR="$ROOT/SQL/migrations" EENLOKET_LOG_LEVEL=warning \
  EENLOKET_DATABASE_URL="postgres://eenloket_app@127.0.0.1:$PGPORT/eenloket?sslmode=disable" \
  EENLOKET_DB_POOL_SIZE=40 EENLOKET_BCRYPT_COST=4 EENLOKET_FILINGS_PER_HOUR_PER_ADDRESS=0 \
  EENLOKET_ADMIN_EMAIL=beheer@bench.example EENLOKET_ADMIN_PASSWORD=beheer-benchmark-1 EENLOKET_STAFF_OTP=off "$BIN" serve >"$WORK/serve.log" 2>&1) &
PID=$!
for _ in $(seq 1 120); do curl -sf "$B/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$B/health/ready" >/dev/null || { cat "$WORK/serve.log"; exit 1; }
sleep 2
rss() { awk "/^$1:/ {print int(\$2 / 1024)}" "/proc/$PID/status"; }
RSS_IDLE=$(rss VmRSS)
# The largest resident size seen while the load runs (sampled every 200 ms).
( peak=0; while kill -0 "$PID" 2>/dev/null; do
    now=$(awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$PID/status" 2>/dev/null || echo 0)
    [ "$now" -gt "$peak" ] && { peak=$now; echo "$peak" >"$WORK/rss-peak"; }
    sleep 0.2
  done ) &
SAMPLER=$!

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
declare -A P50 P99 RPS ERR
measure() {  # measure NAME CLIENTS wrk-arguments...
  local name=$1 clients=$2; shift 2
  local out
  out=$(wrk -t2 -c"$clients" --latency "$@" 2>&1)
  P50[$name]=$(echo "$out" | pct 50%); P99[$name]=$(echo "$out" | pct 99%); RPS[$name]=$(echo "$out" | rps)
  ERR[$name]=$(echo "$out" | errors); ERR[$name]=${ERR[$name]:-$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $5}')}
  ERR[$name]=${ERR[$name]:-0}
  printf '%-28s p50 %8s ms  p99 %8s ms  %6s req/s  non-2xx %s\n' "$name" "${P50[$name]}" "${P99[$name]}" "${RPS[$name]}" "${ERR[$name]}"
}

echo "== HTTP latency (${RUN_SECONDS}s per run)"
wrk -t2 -c32 -d3s -s "$BENCH/file-case.lua" "$B/api/v1/cases" >/dev/null  # warm-up
# First, while the database is as fresh as for the HTTP run (not after it, paying for its vacuum and checkpoints).
echo "== the same filing statement by pgbench: file_case(...), 32 clients, ${RUN_SECONDS}s, as the service's role"
# The message texts of a real filing, its reference turned back into the mark file_case replaces.
SAMPLE_CASE=$(sql -d eenloket -c "SELECT case_id FROM notifications WHERE kind = 'case_received' LIMIT 1")
message_part() {  # message_part KIND subject|body
  sql -d eenloket -c "SELECT replace(n.$2, c.reference, E'\\x01reference\\x01') FROM notifications n JOIN cases c ON c.id = n.case_id
    WHERE n.case_id = '$SAMPLE_CASE' AND n.kind = '$1' LIMIT 1"
}
RECEIPT_SUBJECT=$(message_part case_received subject); RECEIPT_BODY=$(message_part case_received body)
NEWS_SUBJECT=$(message_part new_case subject); NEWS_BODY=$(message_part new_case body)
FILED_BEFORE=$(sql -d eenloket -c "SELECT count(*) FROM cases"); PG0=$(pg_ticks); sql -d eenloket -c "SELECT pg_stat_statements_reset()" >/dev/null
FILE_CASE_OUT=$("$PGBIN/pgbench" -n -h 127.0.0.1 -p "$PGPORT" -U eenloket_app -c 32 -j 2 -T "$RUN_SECONDS" -M prepared \
  -D receipt_subject="$RECEIPT_SUBJECT" -D receipt_body="$RECEIPT_BODY" -D news_subject="$NEWS_SUBJECT" -D news_body="$NEWS_BODY" \
  -f "$BENCH/sql/file-case.sql" eenloket 2>&1) || { echo "$FILE_CASE_OUT"; exit 1; }
FILE_CASE_TPS=$(echo "$FILE_CASE_OUT" | awk '/^tps = / {printf "%.0f", $3; exit}')
FILED_SQL=$(( $(sql -d eenloket -c "SELECT count(*) FROM cases") - FILED_BEFORE ))
PG_MS_SQL=$(per_op_ms $(( $(pg_ticks) - PG0 )) "$FILED_SQL")
FILE_CASE_LAT=$(echo "$FILE_CASE_OUT" | awk '/^latency average/ {print $4; exit}')
echo "where a filing's PostgreSQL time goes (pg_stat_statements, the statements inside file_case included): ms per filing | calls per filing | statement"
sql -d eenloket -F ' | ' -c "SELECT round((total_exec_time / $FILED_SQL)::numeric, 3), round((calls::numeric / $FILED_SQL), 2),
  left(regexp_replace(query, '\\s+', ' ', 'g'), 110) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'eenloket')
  ORDER BY total_exec_time DESC LIMIT 12" | sed 's/^/  /'
FILED_BEFORE=$(sql -d eenloket -c "SELECT count(*) FROM cases"); PG0=$(pg_ticks); SVC0=$(svc_ticks)
measure "POST /cases @32" 32 -d"${RUN_SECONDS}s" -s "$BENCH/file-case.lua" "$B/api/v1/cases"
FILED_HTTP=$(( $(sql -d eenloket -c "SELECT count(*) FROM cases") - FILED_BEFORE ))
PG_MS_HTTP=$(per_op_ms $(( $(pg_ticks) - PG0 )) "$FILED_HTTP"); SVC_MS_HTTP=$(per_op_ms $(( $(svc_ticks) - SVC0 )) "$FILED_HTTP")
measure "POST /cases @128" 128 -d"${RUN_SECONDS}s" -s "$BENCH/file-case.lua" "$B/api/v1/cases"
echo "file_case by pgbench: $FILE_CASE_TPS/s (average latency $FILE_CASE_LAT ms), PostgreSQL CPU $PG_MS_SQL ms per filing;" \
  "over HTTP: ${RPS[POST /cases @32]}/s, PostgreSQL CPU $PG_MS_HTTP ms and service CPU $SVC_MS_HTTP ms per filing"
FILED=$(curl -s -X POST "$B/api/v1/cases" -H 'Content-Type: application/json' --data-binary @- <<'JSON'
{"filer_role":"employee","filer":{"name":"Sanne de Vries","email":"sanne@example.nl"},"employee":{"name":"Sanne de Vries"},
 "employer":{"name":"Bakkerij Jansen B.V.","kvk_number":"12345678","address":{"street":"Marktstraat 1","postal_code":"1011 AA","city":"Amsterdam"}},"sick_since":"2026-03-02",
 "question":"De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.",
 "medical_information":"Sinds maart behandeld voor een burn-out."}
JSON
)
ID=$(echo "$FILED" | python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])')
TOKEN=$(echo "$FILED" | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')
for c in 32 128; do measure "GET /cases/{id} @$c" "$c" -d"${RUN_SECONDS}s" -H "Authorization: Bearer $TOKEN" "$B/api/v1/cases/$ID"; done
for c in 32 128; do measure "GET /cases (queue) @$c" "$c" -d"${RUN_SECONDS}s" -H "Authorization: Bearer $INTAKE" "$B/api/v1/cases"; done

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

echo "== triage with routing"
BENCH_IDS="$WORK/triage-32.ids" BENCH_TOKEN=$INTAKE BENCH_THREADS=32 WRK_THREADS=32 measure_until "POST triage+routing @32" 32 "$(untriaged triage-32)" \
  -s "$BENCH/triage.lua" "$B"
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
RSS_LOAD=$(cat "$WORK/rss-peak" 2>/dev/null || rss VmRSS)

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
  scale_phase small
  echo "== generating cases up to $LARGE"
  GEN_START=$(date +%s)
  bash "$BENCH/generate-data.sh" "postgres://postgres@127.0.0.1:$PGPORT/eenloket" "$((LARGE - CASES_SMALL))"
  echo "generated in $(( $(date +%s) - GEN_START )) s; database size $(sql -d eenloket -c "SELECT pg_size_pretty(pg_database_size('eenloket'))")"
  CASES_LARGE=$(sql -d eenloket -c "SELECT count(*) FROM cases")
  scale_phase large
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
ok() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { if ((dir == "<" && v + 0 < t) || (dir == ">=" && v + 0 >= t)) print "met"; else print "NOT MET" }'; }
FILE_RATIO=$(ratio "${RPS[POST /cases @32]}" "$PGBENCH_TPS")
SQL_RATIO=$(ratio "$FILE_CASE_TPS" "$PGBENCH_TPS")
SERVICE_RATIO=$(ratio "${RPS[POST /cases @32]}" "$FILE_CASE_TPS")
echo
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)$([ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ] && echo " (with changes)")
echo "================ summary ($(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'), service and load generator on one machine)"
echo "commit $COMMIT, $(date -u '+%Y-%m-%d %H:%M UTC'), $(( $(date +%s) - STARTED )) s, command: bash Tests/Benchmarks/run.sh $*"
printf '%-44s %10s  %-10s %s\n' "measure" "value" "target" "result"
printf '%-44s %10s  %-10s %s\n' "filing: file_case ÷ single-row insert (32 cl.)" "$SQL_RATIO" "≥ 0.25" "$(ok "$SQL_RATIO" 0.25 '>=') ($FILE_CASE_TPS vs $PGBENCH_TPS/s)"
printf '%-44s %10s  %-10s %s\n' "filing: HTTP ÷ file_case by pgbench (32 cl.)" "$SERVICE_RATIO" "≥ 0.8" "$(ok "$SERVICE_RATIO" 0.8 '>=') (the read-back not yet in the pgbench script)"
printf '%-44s %10s  %-10s %s\n' "filing: PostgreSQL CPU ms, pgbench / HTTP" "$PG_MS_SQL / $PG_MS_HTTP" "(report)" "service CPU $SVC_MS_HTTP ms per filing"
printf '%-44s %10s  %-10s %s\n' "filings/s ÷ pgbench inserts/s (32 clients)" "$FILE_RATIO" "(earlier)" "the earlier measure, for comparison"
for name in "POST /cases @32" "GET /cases/{id} @32" "GET /cases (queue) @32" "POST triage+routing @32"; do
  printf '%-44s %10s  %-10s %s\n' "p99 $name (ms)" "${P99[$name]}" "< 40" "$(ok "${P99[$name]}" 40 '<')"
done
for name in "POST /cases @128" "GET /cases/{id} @128" "GET /cases (queue) @128" "POST triage+routing @128"; do
  printf '%-44s %10s  %-10s %s\n' "p99 $name (ms)" "${P99[$name]}" "(none)" "p50 ${P50[$name]} ms"
done
printf '%-44s %10s  %-10s %s\n' "routing: cases routed/s ($ROUTING_CASES accepts)" "$ROUTE_RATE" "≥ 500" "$(ok "$ROUTE_RATE" 500 '>=')"
printf '%-44s %10s  %-10s %s\n' "routing violations (capacity/conflict/double)" "$OVER/$CONFLICTS/$DOUBLE" "0/0/0" \
  "$([ "$OVER$CONFLICTS$DOUBLE" = 000 ] && echo met || echo 'NOT MET')"
printf '%-44s %10s  %-10s %s\n' "resident memory idle / peak under load (MB)" "$RSS_IDLE / $RSS_LOAD" "< 150" "$(ok "$RSS_LOAD" 150 '<')"
if [ "$LARGE" -gt 0 ]; then
  for what in "GET /cases/{id}" "GET /cases (queue)"; do
    r=$(ratio "${P50[$what large]}" "${P50[$what small]}")
    printf '%-44s %10s  %-10s %s\n' "p50 $what: $CASES_LARGE ÷ $CASES_SMALL cases" "$r" "≤ 1.5" "$(ok "$r" 1.501 '<') (${P50[$what small]} → ${P50[$what large]} ms)"
  done
fi
printf 'pgbench %s tps; filings %s/s at 32 clients\n' "$PGBENCH_TPS" "${RPS[POST /cases @32]}"
