#!/usr/bin/env bash
# The NL API Design Rules, checked by rule ID (check.py): first the checker's own
# test (every rule fails on a broken document or service), then the committed
# OpenAPI document and its generated JSON copy, then a running service on its
# embedded PostgreSQL whose public address is https (so HSTS is checked too),
# with a contact name that is hard to quote.
# Installs PyYAML into .eenloket/api-rules-venv when missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/Tests/ApiRules"

VENV="$ROOT/.eenloket/api-rules-venv"
STAMP="$VENV/.requirements"
if ! cmp -s "$HERE/requirements.txt" "$STAMP" 2>/dev/null; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$STAMP"
fi
PY="$VENV/bin/python"

"$PY" "$HERE/check.py" --self-test
"$PY" "$HERE/openapi_document.py" --check
"$PY" "$HERE/check.py" --document "$ROOT/Sources/EenloketHTTP/OpenAPI/openapi.yaml" >/dev/null \
  || "$PY" "$HERE/check.py" --document "$ROOT/Sources/EenloketHTTP/OpenAPI/openapi.yaml"

(cd "$ROOT" && swift build --product eenloket 2>&1 | tail -1)
WORK=$(mktemp -d /tmp/eenloket-api-rules.XXXXXX)
chmod 755 "$WORK"
SERVICE=
cleanup() {
  if [ -n "$SERVICE" ]; then kill -TERM "$SERVICE" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# A contact name with quotes, a colon, a hash, non-ASCII letters, an emoji and U+2028 (a line break to
# YAML 1.1): the published JSON must still be the same document as the YAML.
CONTACT_NAME=$'Stichting \u201cEerlijk\u201d Loket: Zo\u00eb #1 \U0001F600\u2028"x"'
(cd "$WORK" && exec env EENLOKET_PORT="$PORT" EENLOKET_SQL_DIR="$ROOT/SQL/migrations" \
  EENLOKET_PUBLIC_URL="https://eenloket.test" EENLOKET_MAIL_SPOOL_DIR="$WORK/mail" EENLOKET_CONTACT_NAME="$CONTACT_NAME" \
  "$ROOT/.build/debug/eenloket" serve >"$WORK/serve.log" 2>&1) &
SERVICE=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break
  kill -0 "$SERVICE" 2>/dev/null || { cat "$WORK/serve.log"; echo "api rules: the service did not start"; exit 1; }
  sleep 0.5
done
"$PY" "$HERE/check.py" --service "http://127.0.0.1:$PORT" --expect-hsts || { tail -n 30 "$WORK/serve.log"; exit 1; }
