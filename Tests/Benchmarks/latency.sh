#!/usr/bin/env bash
# Latency of the two hottest endpoints at 32 concurrent clients, against a
# release build on its embedded PostgreSQL:
#   GET /api/v1/cases/{id} (target p99 < 20 ms) and POST /api/v1/cases (target p99 < 40 ms).
# Usage: bash Tests/Benchmarks/latency.sh [seconds per run, default 20]
# Installs wrk (Debian package) when missing. Prints wrk's report and a summary.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${1:-20}
PORT=${BENCH_PORT:-18080}
B=http://127.0.0.1:$PORT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
(cd "$ROOT" && swift build -c release --product eenloket >/dev/null)
BIN="$ROOT/.build/release/eenloket"

WORK=$(mktemp -d /tmp/eenloket-bench.XXXXXX)
chmod 755 "$WORK"
cleanup() {
  [ -n "${PID:-}" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
(cd "$WORK" && exec env EENLOKET_PORT=$PORT EENLOKET_SQL_DIR="$ROOT/SQL/migrations" EENLOKET_LOG_LEVEL=warning \
  EENLOKET_DB_POOL_SIZE=40 "$BIN" serve >"$WORK/serve.log" 2>&1) &
PID=$!
for _ in $(seq 1 120); do curl -sf "$B/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$B/health/ready" >/dev/null || { cat "$WORK/serve.log"; exit 1; }

# One case to read back.
CASE=$(curl -s -X POST "$B/api/v1/cases" -H 'Content-Type: application/json' --data-binary @- <<'JSON'
{"filer_role":"employee","filer":{"name":"Sanne de Vries","email":"sanne@example.nl"},"employee":{"name":"Sanne de Vries"},
 "employer":{"name":"Bakkerij Jansen B.V.","kvk_number":"12345678"},"sick_since":"2026-03-02",
 "question":"De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.",
 "medical_information":"Sinds maart behandeld voor een burn-out."}
JSON
)
ID=$(echo "$CASE" | python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])')
TOKEN=$(echo "$CASE" | python3 -c 'import sys, json; print(json.load(sys.stdin)["access_token"])')

p99() { awk '/ 99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}'; }

echo "== warm-up"
wrk -t2 -c32 -d3s -H "Authorization: Bearer $TOKEN" "$B/api/v1/cases/$ID" >/dev/null
echo "== GET /api/v1/cases/{id}, 32 clients, ${DURATION}s"
GET_OUT=$(wrk -t2 -c32 -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$B/api/v1/cases/$ID")
echo "$GET_OUT"
echo "== POST /api/v1/cases, 32 clients, ${DURATION}s"
POST_OUT=$(wrk -t2 -c32 -d"${DURATION}s" --latency -s "$ROOT/Tests/Benchmarks/file-case.lua" "$B/api/v1/cases")
echo "$POST_OUT"

GET_P99=$(echo "$GET_OUT" | p99)
POST_P99=$(echo "$POST_OUT" | p99)
GET_RPS=$(echo "$GET_OUT" | awk '/Requests\/sec/ {print $2}')
POST_RPS=$(echo "$POST_OUT" | awk '/Requests\/sec/ {print $2}')
echo
echo "summary (32 clients, $(nproc) cores):"
printf '  GET  /api/v1/cases/{id}  p99 %6.2f ms (target < 20)  %s req/s\n' "$GET_P99" "$GET_RPS"
printf '  POST /api/v1/cases       p99 %6.2f ms (target < 40)  %s req/s\n' "$POST_P99" "$POST_RPS"
awk -v g="$GET_P99" -v p="$POST_P99" 'BEGIN { exit !(g < 20 && p < 40) }' && echo "  targets met" || { echo "  TARGETS NOT MET"; exit 1; }
