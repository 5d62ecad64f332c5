#!/usr/bin/env bash
# Promise 3: SIGTERM shuts down gracefully. Filings are made to wait inside the
# service (a superuser session holds a lock that INSERT INTO cases needs), so
# they are provably in flight when SIGTERM arrives. The process must then stop
# accepting connections, keep running until those requests are answered (201,
# no connection reset), and exit 0 within the grace period.
# Usage: bash Tests/Faults/graceful_shutdown.sh
set -euo pipefail
NAME=shutdown
source "$(dirname "$0")/lib.sh"
GRACE=20      # seconds from SIGTERM to exit, as a process supervisor would allow (systemd's default is 90)
INFLIGHT=6    # filings in flight at SIGTERM
HOLD=1.5      # seconds they keep waiting after SIGTERM

pg_init
start_instance s
PID=${INSTANCE_PID[s]}

status=0
python3 "$FAULTS/faults.py" shutdown --port "${INSTANCE_PORT[s]}" --pid "$PID" --out "$WORK/results.json" \
  --inflight "$INFLIGHT" --hold "$HOLD" --grace "$GRACE" || status=$?
[ "$status" -eq 0 ] || { echo "shutdown: the scenario could not be set up"; exit "$status"; }
# The process has exited (or the grace period is over): reap it for its exit code.
kill -0 "$PID" 2>/dev/null && ! grep -q '^State:.*zombie' "/proc/$PID/status" && kill -KILL "$PID"
code=0
wait "$PID" || code=$?
INSTANCE_PID[s]=

python3 "$FAULTS/faults.py" shutdown-verify --results "$WORK/results.json" --exit-code "$code" --grace "$GRACE"
