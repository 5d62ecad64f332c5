#!/usr/bin/env bash
# "Link kwijt?" (POST /api/v1/access-links): can a client tell by timing whether a
# reference and address belong to a party? Starts the service as the README's
# walk-through does (`serve` in a fresh folder, embedded PostgreSQL with fsync on),
# files cases, and times first-time matches, misses and matches over the daily limit,
# interleaved at random over one keep-alive connection (Tests/Benchmarks/access-links.py).
# Usage: bash Tests/Benchmarks/access-links.sh
#   BENCH_BIN=/path/to/eenloket   use this binary (default: build .build/release/eenloket)
#   BENCH_LINK_CASES=300          measured requests per kind; BENCH_LINK_WARMUP=50; BENCH_SEED=S
#   BENCH_SQL_DIR=DIR             migrations to apply (default: SQL/migrations of this checkout)
#   BENCH_KEEP=1                  keep the work directory (service log, mail spool, cluster)
# Exits non-zero when an answer is not 202 with the one body; removes everything it started.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export PYTHONDONTWRITEBYTECODE=1

. "$ROOT/Tests/Benchmarks/release-binary.sh"
if [ -d /usr/lib/postgresql/15/bin ]; then PGBIN=/usr/lib/postgresql/15/bin; else PGBIN=$(dirname "$(command -v pg_ctl)"); fi
. "$ROOT/Tests/Support/as-postgres.sh"

WORK=$(mktemp -d /tmp/eenloket-linkbench.XXXXXX)
chmod 755 "$WORK"   # as root, the embedded cluster runs as postgres and must reach $WORK/.eenloket
PID= CLIENT=
cleanup() {
  set +e
  [ -n "$CLIENT" ] && kill "$CLIENT" 2>/dev/null
  [ -n "$PID" ] && { kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }
  # `serve` stops the cluster it started; this only catches one left behind by a crash.
  [ -f "$WORK/.eenloket/pgdata/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" stop -D "$WORK/.eenloket/pgdata" -m immediate -w >/dev/null 2>&1
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap "exit 130" INT TERM

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
B=http://127.0.0.1:$PORT
echo "== starting the service ($BIN) on $B, $(nproc) cores"
# As the walk-through, plus: no filing limit per address (we file hundreds of cases from one).
(cd "$WORK" && exec env EENLOKET_PORT="$PORT" EENLOKET_PUBLIC_URL="$B" EENLOKET_SQL_DIR="${BENCH_SQL_DIR:-$ROOT/SQL/migrations}" \
  EENLOKET_ADMIN_EMAIL=beheer@example.nl EENLOKET_ADMIN_PASSWORD=beheer-wachtwoord-1 EENLOKET_STAFF_OTP=off \
  EENLOKET_FILINGS_PER_HOUR_PER_ADDRESS=0 "$BIN" serve >"$WORK/serve.log" 2>&1) &
PID=$!
for _ in $(seq 1 120); do curl -sf "$B/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$B/health/ready" >/dev/null || { cat "$WORK/serve.log"; exit 1; }

# In the background and waited for, so that INT/TERM reach the trap at once.
STATUS=0
python3 "$ROOT/Tests/Benchmarks/access-links.py" "$B" "$WORK/.eenloket/mail" &
CLIENT=$!
wait "$CLIENT" || STATUS=$?
CLIENT=
if grep -qi 'error\|critical' "$WORK/serve.log"; then
  echo "service log (errors):"; grep -i 'error\|critical' "$WORK/serve.log" | tail -n 10
fi
exit "$STATUS"
