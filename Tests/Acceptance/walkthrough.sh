#!/usr/bin/env bash
# Runs the README's curl walk-through verbatim against a freshly started
# service (embedded PostgreSQL in a temporary folder), optionally with two
# instances sharing the database, and checks what a user would see.
# Usage: bash Tests/Acceptance/walkthrough.sh [--two-instances | --running]
# --running: use what already serves 127.0.0.1:8080 (e.g. nginx in front of
# several instances, Tests/Benchmarks/three-instances.sh), started with the
# README's administrator and EENLOKET_HEARING_WINDOW_DAYS=0.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TWO=${1:-}
[ "$TWO" = "--running" ] || (cd "$ROOT" && swift build --product eenloket >/dev/null)
BIN="$ROOT/.build/debug/eenloket"
WORK=$(mktemp -d /tmp/eenloket-walk.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

start() {  # start PORT
  (cd "$WORK" && exec env EENLOKET_PORT=$1 EENLOKET_SQL_DIR="$ROOT/SQL/migrations" EENLOKET_ADMIN_EMAIL=beheer@example.nl \
    EENLOKET_ADMIN_PASSWORD=beheer-wachtwoord-1 EENLOKET_HEARING_WINDOW_DAYS=0 EENLOKET_STAFF_OTP=off "$BIN" serve >>"$WORK/serve-$1.log" 2>&1) &
  PIDS+=($!)
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && return 0; sleep 0.5; done
  cat "$WORK/serve-$1.log"; return 1
}
if [ "$TWO" != "--running" ]; then
  start 8080
  [ "$TWO" = "--two-instances" ] && start 8081
fi

# The block between the walkthrough marker and the end of the code fence.
BLOCK=$(awk '/<!-- walkthrough:/ {on=1; next} on && /^```sh/ {inblock=1; next} inblock && /^```/ {exit} inblock {print}' "$ROOT/README.md")
if [ "$TWO" = "--two-instances" ]; then
  # Spread the requests over both instances at random (curl runs in subshells, so no counter).
  BLOCK=$(printf 'curl() { if (( RANDOM %% 2 )); then command curl "${@//127.0.0.1:8080/127.0.0.1:8081}"; else command curl "$@"; fi; }\n%s' "$BLOCK")
fi
# The block reads the employer's invitation from the mail spool of the service it talks to.
status=0
OUT=$(EENLOKET_MAIL_SPOOL_DIR="${EENLOKET_MAIL_SPOOL_DIR:-$WORK/.eenloket/mail}" bash -c "set -euo pipefail; $BLOCK" 2>&1) || status=$?
echo "$OUT"
[ "$status" -eq 0 ] || { echo "walk-through: the README block failed (exit $status)"; exit 1; }
check() { grep -q -- "$1" <<<"$OUT" || { echo "walk-through: expected to see: $1"; exit 1; }; }
check '"role":"intake_officer"'
check "'chair': True"
check '"name":"P. Jansen"'
check '"author_role":"employer"'
check '"no_comments":true'
check "'binding': True"
check '"type":"binding_agreed"'
check '"type":"draft_issued"'
check '"type":"ruling_recorded"'
check "'court': 'Rechtbank Amsterdam'"
echo "walk-through OK${TWO:+ ($TWO)}"
