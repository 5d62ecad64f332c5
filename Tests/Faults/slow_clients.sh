#!/usr/bin/env bash
# Promise 4: slow clients cannot starve the service. 300 connections trickle
# their request head a byte a second, or announce a body they never send,
# while /health/live must keep answering within a second; the server cuts the
# slow connections off after its connection timeout (here 5 s).
# Usage: bash Tests/Faults/slow_clients.sh
set -euo pipefail
NAME=slow
source "$(dirname "$0")/lib.sh"

pg_init
ulimit -n 4096 2>/dev/null || true
start_instance s EENLOKET_CONNECTION_TIMEOUT_SECONDS=5
python3 "$FAULTS/faults.py" slow-clients --port "${INSTANCE_PORT[s]}" --count 300 --duration 12 --cutoff 9
