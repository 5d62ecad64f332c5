#!/usr/bin/env bash
# Promise 1: no acknowledged write is lost. Two `eenloket serve` instances share
# one PostgreSQL; a client files cases with Idempotency-Keys through both while
# each instance in turn is killed with SIGKILL (no chance to clean up) and
# restarted; besides, the client hangs up on some requests itself a few
# milliseconds after sending, so many retries meet a filing that did commit.
# The client retries every failed request, same key and body, on the other
# instance. Afterwards the database must hold every case the client got a 201
# for exactly once, and each of them whole (case_filed event, filing party,
# the medical row when medical information was sent, answered idempotency record).
# Usage: bash Tests/Faults/kill_instance.sh
set -euo pipefail
NAME=kill
source "$(dirname "$0")/lib.sh"

pg_init
start_instance a
start_instance b

python3 "$FAULTS/faults.py" kill-load --ports "${INSTANCE_PORT[a]},${INSTANCE_PORT[b]}" \
  --stop-file "$WORK/stop" --out "$WORK/results.json" &
LOAD_PID=$!

# Kill a, b and a again, each while the load runs; the survivor carries the traffic
# until the victim is back, then both share it again for a while.
sleep 3
for victim in a b a; do
  kill -0 "$LOAD_PID" 2>/dev/null || { echo "kill: the load client stopped early"; exit 1; }
  echo "kill: SIGKILL to instance $victim (pid ${INSTANCE_PID[$victim]})"
  kill_instance "$victim" KILL
  sleep 0.5
  start_instance "$victim"
  sleep 2.5
done
touch "$WORK/stop"
wait "$LOAD_PID"
LOAD_PID=

python3 "$FAULTS/faults.py" kill-verify --results "$WORK/results.json"
