#!/usr/bin/env bash
# Schemathesis against the service's own OpenAPI document: starts the service
# on its embedded PostgreSQL in a fresh folder, seeds accounts and cases
# (seed.py), then lets Schemathesis generate requests for every operation in
# /openapi.yaml, with a fixed budget and reproducible inputs
# (schemathesis.toml), each operation called with a token that may use it
# (hooks.py). Fails on any 5xx, any response the document does not describe
# (status, content type, headers, body schema) and the other default checks
# (schemathesis.toml names the few switched off, and why).
# First checks the OpenAPI document with openapi-spec-validator: the file in
# Sources/EenloketHTTP/OpenAPI and the copy the service serves, which must be equal.
# Installs the pinned Python packages into .eenloket/schemathesis-venv when missing.
# Reports land in $EENLOKET_SCHEMATHESIS_ARTIFACTS (default .eenloket/schemathesis-artifacts).
# Usage: bash Tests/Schemathesis/run.sh [schemathesis run arguments]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/Tests/Schemathesis"
STARTED=$(date +%s)

VENV="$ROOT/.eenloket/schemathesis-venv"
STAMP="$VENV/.requirements"
if ! cmp -s "$HERE/requirements.txt" "$STAMP" 2>/dev/null; then
  echo "schemathesis: installing the Python packages into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r "$HERE/requirements.txt"
  "$VENV/bin/pip" check -q >/dev/null || { "$VENV/bin/pip" check; exit 1; }
  cp "$HERE/requirements.txt" "$STAMP"
fi

WORK=$(mktemp -d /tmp/eenloket-schemathesis.XXXXXX)
chmod 755 "$WORK"
SERVICE=
cleanup() {
  if [ -n "$SERVICE" ]; then kill -TERM "$SERVICE" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! (cd "$ROOT" && swift build --product eenloket >"$WORK/build.log" 2>&1); then
  tail -n 60 "$WORK/build.log"
  echo "schemathesis: the service does not build"
  exit 1
fi
tail -n 1 "$WORK/build.log"
BIN="$ROOT/.build/debug/eenloket"

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
ADMIN_EMAIL=beheer-schemathesis@example.nl
ADMIN_PASSWORD="schemathesis-beheer-$RANDOM-wachtwoord"
# Generated requests file many cases and fail many logins from one address (the
# limits have tests of their own); seeded panels rule at once (so does the hearing
# window); cheap bcrypt keeps the many logins fast.
(cd "$WORK" && exec env EENLOKET_PORT="$PORT" EENLOKET_SQL_DIR="$ROOT/SQL/migrations" \
  EENLOKET_PUBLIC_URL="$BASE" EENLOKET_ADMIN_EMAIL="$ADMIN_EMAIL" EENLOKET_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  EENLOKET_FILINGS_PER_HOUR_PER_ADDRESS=0 EENLOKET_LOGIN_FAILURES_PER_ADDRESS=1000000 \
  EENLOKET_HEARING_WINDOW_DAYS=0 EENLOKET_BCRYPT_COST=4 EENLOKET_MAIL_SPOOL_DIR="$WORK/mail" EENLOKET_STAFF_OTP=off \
  "$BIN" serve >"$WORK/serve.log" 2>&1) &
SERVICE=$!
for _ in $(seq 1 240); do
  curl -sf "$BASE/health/ready" >/dev/null && break
  kill -0 "$SERVICE" 2>/dev/null || { cat "$WORK/serve.log"; echo "schemathesis: the service did not start"; exit 1; }
  sleep 0.5
done
curl -sf "$BASE/health/ready" >/dev/null || { cat "$WORK/serve.log"; echo "schemathesis: the service is not ready"; exit 1; }

# The OpenAPI document: the committed file and the copy the service serves must
# both be valid OpenAPI 3.1 (openapi-spec-validator) and the same bytes.
DOCUMENT="$ROOT/Sources/EenloketHTTP/OpenAPI/openapi.yaml"
curl -sf "$BASE/openapi.yaml" -o "$WORK/served-openapi.yaml" || { echo "schemathesis: GET /openapi.yaml failed"; exit 1; }
"$VENV/bin/openapi-spec-validator" --schema 3.1 "$DOCUMENT" "$WORK/served-openapi.yaml" \
  || { echo "schemathesis: the OpenAPI document is not valid OpenAPI 3.1 (see above)"; exit 1; }
cmp -s "$DOCUMENT" "$WORK/served-openapi.yaml" \
  || { echo "schemathesis: GET /openapi.yaml differs from $DOCUMENT (is the resource declared in Package.swift?)"; exit 1; }

"$VENV/bin/python" "$HERE/seed.py" "$BASE" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$WORK/mail" >"$WORK/seed.json"

# Server-side request counts by status, from /metrics (all routes, including unknown ones).
metrics_by_status() {
  curl -sf "$BASE/metrics" | "$VENV/bin/python" -c '
import collections, json, re, sys
counts = collections.Counter()
for line in sys.stdin:
    m = re.match(r"eenloket_http_requests_total\{.*status=\"(\d+)\".*\} (\d+)", line)
    if m:
        counts[m.group(1)] += int(m.group(2))
print(json.dumps(counts))'
}
metrics_by_status >"$WORK/metrics-before.json"

ARTIFACTS=${EENLOKET_SCHEMATHESIS_ARTIFACTS:-$ROOT/.eenloket/schemathesis-artifacts}
rm -rf "$ARTIFACTS"
mkdir -p "$ARTIFACTS"
status=0
# One pass: NAME, the seeded caller it runs as (empty: each operation as a caller
# who may use it), then arguments for `schemathesis run`.
pass() {
  local name=$1 caller=$2
  shift 2
  echo "==== schemathesis pass: $name ===="
  (cd "$WORK" && env EENLOKET_BASE_URL="$BASE" EENLOKET_SCHEMATHESIS_STATE="$WORK/seed.json" \
    EENLOKET_SCHEMATHESIS_AS="$caller" EENLOKET_SCHEMATHESIS_COUNTS="$WORK/client-counts-$name.json" \
    SCHEMATHESIS_HOOKS="$HERE/hooks.py" \
    timeout 300 "$VENV/bin/schemathesis" --no-color --config-file "$HERE/schemathesis.toml" run "$BASE/openapi.yaml" \
    --workers 1 --request-timeout 15 --report junit,ndjson --report-dir "$ARTIFACTS/$name" "$@") || status=$?
}
# Every operation with a caller who may use it: all phases, the full budget.
pass main "" "$@"
# The same operations as a party (the employee who filed the ruled case) and as
# the inspector: what they may not do must be answered as documented (403, 404),
# and what they may see must match the schemas (a party's view leaves fields out).
pass employee ruled --phases examples,fuzzing --max-examples 6 "$@"
pass inspector inspector --phases examples,fuzzing --max-examples 4 "$@"

metrics_by_status >"$WORK/metrics-after.json" || echo '{}' >"$WORK/metrics-after.json"
"$VENV/bin/python" "$HERE/summary.py" "$WORK" "$ARTIFACTS" || status=$((status == 0 ? 1 : status))
if [ "$status" -ne 0 ]; then
  echo "---- last lines of the service log ----"
  tail -n 40 "$WORK/serve.log"
fi
echo "schemathesis took $(( $(date +%s) - STARTED )) s (exit $status)"
exit "$status"
