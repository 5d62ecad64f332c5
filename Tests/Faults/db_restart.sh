#!/usr/bin/env bash
# Promise 2: the service rides out a PostgreSQL restart. Under a steady filing
# load PostgreSQL is stopped (fast: every session is cut, also those of requests
# in flight), left down for a few request timeouts, and started again. While it
# is down /health/ready must say 503 and every request must get a 503 problem
# with Retry-After within the request timeout (none may hang); once it is up,
# the same process (no restart) must report ready and file cases again by itself.
# Usage: bash Tests/Faults/db_restart.sh
set -euo pipefail
NAME=dbrestart
source "$(dirname "$0")/lib.sh"
TIMEOUT=3     # EENLOKET_REQUEST_TIMEOUT_SECONDS
MARGIN=2      # allowed on top of it: scheduling on a busy 2-core machine, connection set-up
DOWN=8        # seconds PostgreSQL stays down: several request timeouts
CLIENT_TIMEOUT=15  # the client gives up here; a request without an answer by then hangs

pg_init
start_instance s EENLOKET_REQUEST_TIMEOUT_SECONDS=$TIMEOUT
PID=${INSTANCE_PID[s]}
READY="http://127.0.0.1:${INSTANCE_PORT[s]}/health/ready"
EVENTS="$WORK/events.txt"
event() { echo "$1 $(now)" >>"$EVENTS"; }
ready_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$READY" || true; }

python3 "$FAULTS/faults.py" outage-load --port "${INSTANCE_PORT[s]}" --stop-file "$WORK/stop" --out "$WORK/results.json" \
  --timeout "$CLIENT_TIMEOUT" &
LOAD_PID=$!
sleep 3

echo "dbrestart: stopping PostgreSQL for ${DOWN} s"
event stop_begin
pg_stop fast
event pg_down
# Readiness must notice (its own database check gives up after 2 s).
ready=
for _ in $(seq 1 50); do ready=$(ready_status); [ "$ready" = 503 ] && break; sleep 0.1; done
event ready_503
[ "$ready" = 503 ] || { echo "dbrestart: /health/ready said $ready, not 503, while PostgreSQL was down"; exit 1; }
sleep "$DOWN"

echo "dbrestart: starting PostgreSQL"
event start_begin
pg_start nowait
# The moment it accepts connections, to the nearest 20 ms.
until "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" -U eenloket -d eenloket -t 1; do sleep 0.02; done
event pg_up
ok=0
for _ in $(seq 1 600); do
  [ "$(ready_status)" = 200 ] && { ok=1; break; }
  sleep 0.05
done
event ready_200
echo "ready_200_ok $ok" >>"$EVENTS"
# Keep filing a little after recovery: filings must succeed again too.
sleep 3
touch "$WORK/stop"
wait "$LOAD_PID"
LOAD_PID=
kill -0 "$PID" 2>/dev/null || { echo "dbrestart: the service process died"; exit 1; }

python3 "$FAULTS/faults.py" outage-verify --results "$WORK/results.json" --events "$EVENTS" --timeout "$TIMEOUT" --margin "$MARGIN"
