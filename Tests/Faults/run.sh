#!/usr/bin/env bash
# The fault tests, one after the other, each on its own throwaway PostgreSQL
# cluster: SIGKILL of one of two instances (no acknowledged write lost),
# PostgreSQL restart (503 with Retry-After, no hang, recovery by itself) and
# SIGTERM with requests in flight (graceful shutdown), slow clients, and
# start-ups that fail or are signalled. Every test runs even if
# an earlier one failed; the numbers of all of them are printed at the end and
# the exit status is non-zero if any promise was broken.
# Usage: bash Tests/Faults/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STARTED=$(date +%s)

echo "fault tests: building eenloket (debug)"
# Once for all three tests. SwiftPM serialises builds that share .build on a lock,
# so this may wait a while when other builds run.
out=$(cd "$ROOT" && swift build --product eenloket 2>&1) || { echo "$out" | tail -n 40; echo "fault tests: the build failed"; exit 1; }
echo "$out" | tail -n 1
export FAULTS_BUILT=1
FAULTS_SUMMARY=$(mktemp /tmp/eenloket-faults-summary.XXXXXX)
export FAULTS_SUMMARY
trap 'rm -f "$FAULTS_SUMMARY"' EXIT

failed=()
for test in kill_instance db_restart graceful_shutdown slow_clients startup; do
  echo
  echo "== $test"
  begun=$(date +%s)
  lines=$(wc -l <"$FAULTS_SUMMARY")
  status=0
  bash "$ROOT/Tests/Faults/$test.sh" || status=$?
  echo "== $test: exit $status after $(( $(date +%s) - begun )) s" | tee -a "$FAULTS_SUMMARY"
  if [ "$status" -ne 0 ]; then
    failed+=("$test")
    # A test that failed before its checks ran left no numbers; say so.
    [ "$(wc -l <"$FAULTS_SUMMARY")" -gt "$((lines + 1))" ] || echo "$test: FAILED before its checks ran (exit $status; see its output above)" >>"$FAULTS_SUMMARY"
  fi
done

echo
echo "==================== fault test summary ===================="
cat "$FAULTS_SUMMARY"
echo "fault tests took $(( $(date +%s) - STARTED )) s on $(nproc) cores; ${#failed[@]} of 5 failed${failed:+: ${failed[*]}}"
[ "${#failed[@]}" -eq 0 ]
