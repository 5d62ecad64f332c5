#!/usr/bin/env bash
# The case file under load, in one command, on this machine: 8 concurrent clients
# upload 20 MiB PDF documents (each scanned by a real clamd while it streams in),
# then 8 concurrent clients download them again, each checked against the SHA-256
# and size the upload answered. Reports MB/s both ways, per-request p50/max, and
# the service's resident memory (VmRSS every 100 ms: idle, peak during upload,
# peak during download; and VmHWM) against the target of 150 MB.
# Usage: bash Tests/Benchmarks/documents.sh
#   BENCH_BIN=/path/to/eenloket   use this binary (default: build .build/release/eenloket)
#   BENCH_CLAMD=0                 no scanning (EENLOKET_CLAMD unset)
#   BENCH_DOC_ROUNDS=4            documents per client; BENCH_CLIENTS=8; BENCH_DOC_BYTES=20971520
#   BENCH_REQUEST_TIMEOUT=S       EENLOKET_REQUEST_TIMEOUT_SECONDS for the service (default: the service's own,
#                                 10 s, which an upload must finish within; a debug build needs far more)
#   BENCH_UPLOAD_RATE=B           pace each upload at B bytes/s (a client on a slow uplink); default unpaced
#   BENCH_KEEP=1                  keep the work directory (service, clamd and PostgreSQL logs, RSS samples)
# Starts its own PostgreSQL (as the postgres user when run as root) and clamd with a
# signature database written here (the EICAR test string: no internet needed);
# installs clamav-daemon (Debian package) when clamd is missing. Exits non-zero
# when a request fails or a checksum does not match; removes everything it started.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH="$ROOT/Tests/Benchmarks"
CLAMD_ON=${BENCH_CLAMD:-1}
export BENCH_CLIENTS=${BENCH_CLIENTS:-8} BENCH_DOC_ROUNDS=${BENCH_DOC_ROUNDS:-4} BENCH_DOC_BYTES=${BENCH_DOC_BYTES:-20971520}
export BENCH_CLAMD=$CLAMD_ON PYTHONDONTWRITEBYTECODE=1

if [ -d /usr/lib/postgresql/15/bin ]; then PGBIN=/usr/lib/postgresql/15/bin; else PGBIN=$(dirname "$(command -v pg_ctl)"); fi
. "$ROOT/Tests/Support/test-clamd.sh"
. "$ROOT/Tests/Benchmarks/release-binary.sh"

WORK=$(mktemp -d /tmp/eenloket-docbench.XXXXXX)
chmod 755 "$WORK"
PID= SAMPLER= CLIENT=
cleanup() {
  set +e
  [ -n "$CLIENT" ] && kill "$CLIENT" 2>/dev/null
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null
  [ -n "$PID" ] && { kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }
  stop_test_clamd
  as_pg "$PGBIN/pg_ctl" stop -D "$WORK/pgdata" -m immediate -w >/dev/null 2>&1
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $WORK (logs, samples)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap "exit 130" INT TERM

. "$ROOT/Tests/Support/as-postgres.sh"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PGPORT=$(free_port)
sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -At "$@"; }

echo "== starting PostgreSQL (fsync and synchronous_commit on, as in production)"
mkdir -p "$WORK/pgdata"
[ "$(id -u)" = 0 ] && chown postgres: "$WORK/pgdata"
as_pg "$PGBIN/initdb" -D "$WORK/pgdata" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_pg "$PGBIN/pg_ctl" start -D "$WORK/pgdata" -w -l "$WORK/pgdata/server.log" \
  -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=/tmp -c max_connections=100 -c shared_buffers=256MB -c max_wal_size=4GB" >/dev/null
sql -c "CREATE ROLE eenloket_app LOGIN" -c "CREATE DATABASE eenloket OWNER eenloket_app"

EXTRA_ENV=()
[ -n "${BENCH_REQUEST_TIMEOUT:-}" ] && EXTRA_ENV+=(EENLOKET_REQUEST_TIMEOUT_SECONDS="$BENCH_REQUEST_TIMEOUT")
if [ "$CLAMD_ON" != 0 ]; then
  echo "== starting clamd with a signature database written here (Tests/Support/test-clamd.sh)"
  start_test_clamd "$WORK/clamd"
  SOCK=$CLAMD_SOCK
  EXTRA_ENV+=(EENLOKET_CLAMD="unix:$SOCK")
else
  echo "== no clamd (BENCH_CLAMD=0): documents are not scanned"
fi

echo "== starting the service ($BIN)"
PORT=$(free_port)
B=http://127.0.0.1:$PORT
(cd "$WORK" && exec env EENLOKET_PORT="$PORT" EENLOKET_SQL_DIR="$ROOT/SQL/migrations" EENLOKET_LOG_LEVEL=warning \
  EENLOKET_DATABASE_URL="postgres://eenloket_app@127.0.0.1:$PGPORT/eenloket?sslmode=disable" \
  EENLOKET_DB_POOL_SIZE=20 EENLOKET_BCRYPT_COST=4 EENLOKET_FILINGS_PER_HOUR_PER_ADDRESS=0 EENLOKET_STAFF_OTP=off \
  ${EXTRA_ENV[@]+"${EXTRA_ENV[@]}"} "$BIN" serve >"$WORK/serve.log" 2>&1) &
PID=$!
for _ in $(seq 1 120); do curl -sf "$B/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$B/health/ready" >/dev/null || { cat "$WORK/serve.log"; exit 1; }
sleep 2
# The service's resident memory every 100 ms, for as long as it runs.
python3 "$BENCH/documents.py" sample "$PID" "$WORK/rss.samples" &
SAMPLER=$!
sleep 0.5

# In the background and waited for, so that INT/TERM reach the trap at once.
STATUS=0
python3 "$BENCH/documents.py" run "$B" "$WORK/rss.samples" &
CLIENT=$!
wait "$CLIENT" || STATUS=$?
CLIENT=

STORED=$(sql -d eenloket -c "SELECT count(*) || ' documents, ' || pg_size_pretty(coalesce(sum(size), 0)) FROM documents")
CHUNKS=$(sql -d eenloket -c "SELECT pg_size_pretty(pg_total_relation_size('document_chunks'))")
echo "stored: $STORED; document_chunks on disk $CHUNKS"
if [ "$CLAMD_ON" != 0 ]; then
  echo "clamd: $(grep -c ': OK$' "$WORK/clamd/clamd.log" || true) streams scanned clean," \
    "$(grep -cE 'ERROR|FOUND|limit reached' "$WORK/clamd/clamd.log" || true) errors or findings in its log"
  grep -E 'ERROR|FOUND|limit reached' "$WORK/clamd/clamd.log" | tail -n 5 || true
fi
if grep -qi 'error\|critical' "$WORK/serve.log"; then
  echo "service log (errors):"; grep -i 'error\|critical' "$WORK/serve.log" | tail -n 10
fi
exit "$STATUS"
