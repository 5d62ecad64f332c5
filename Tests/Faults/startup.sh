#!/usr/bin/env bash
# Promise 5: a start-up that cannot succeed ends, and a signal ends any start-up.
#  a. A broken migration (embedded PostgreSQL): the log names the migration and
#     its SQLSTATE, `serve` exits non-zero within 30 s, no PostgreSQL is left.
#  b. A database that does not answer: exit non-zero within 30 s, cause logged.
#  c. SIGTERM at several moments of a cold start (initdb, server start,
#     migrations): exit within 10 s of the signal, no PostgreSQL left.
# Usage: bash Tests/Faults/startup.sh
set -euo pipefail
NAME=startup
source "$(dirname "$0")/lib.sh"
: "${FAULTS_SUMMARY:=/dev/null}"
failures=0
fail() { echo "startup: FAIL: $*"; failures=$((failures + 1)); }

# serve DIR [VAR=value ...]: starts `eenloket serve` in DIR (its embedded cluster under DIR/.eenloket).
serve() {
  local dir=$1; shift
  mkdir -p "$dir"
  (cd "$dir" && exec env EENLOKET_PORT="$(free_port)" EENLOKET_BCRYPT_COST=4 EENLOKET_STAFF_OTP=off \
    EENLOKET_SIGNING_KEY="$SIGNING_KEY" EENLOKET_IDEMPOTENCY_KEY="$IDEMPOTENCY_KEY" "$@" "$BIN" serve >"$dir/serve.log" 2>&1) &
  SERVE_PID=$!
  INSTANCE_PID[$(basename "$dir")]=$SERVE_PID
}

# waits for $SERVE_PID at most $1 seconds; sets CODE (124 when it did not exit) and ELAPSED.
await_exit() {
  local limit=$1 begun=$2
  CODE=124
  while (( $(python3 -c "print(int($(now) - $begun < $limit))") )); do
    if ! kill -0 "$SERVE_PID" 2>/dev/null || grep -q '^State:.*zombie' "/proc/$SERVE_PID/status" 2>/dev/null; then
      CODE=0; wait "$SERVE_PID" || CODE=$?
      break
    fi
    sleep 0.1
  done
  ELAPSED=$(python3 -c "print(round($(now) - $begun, 2))")
  [ "$CODE" != 124 ] && INSTANCE_PID[$(basename "$DIR")]=
  return 0
}

# no_postgres_left DIR: no server runs on the embedded cluster in DIR.
no_postgres_left() {
  local pidfile="$1/.eenloket/pgdata/postmaster.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(head -n 1 "$pidfile")
  ! kill -0 "$pid" 2>/dev/null
}

stop_leftover() {
  local data="$1/.eenloket/pgdata"
  [ -f "$data/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" stop -D "$data" -m immediate -w -t 30 >/dev/null 2>&1
  return 0
}

# Clusters a failed check left running are stopped before lib.sh removes $WORK.
trap 'status=$?; for d in "$WORK"/*/; do stop_leftover "$d"; done; (exit $status); cleanup' EXIT

# a. A broken migration.
DIR="$WORK/broken"
mkdir -p "$DIR/sql"
cp "$ROOT"/SQL/migrations/*.sql "$DIR/sql/"
echo 'CREATE TABLE broken (x int REFERENCES nowhere(id));' >"$DIR/sql/9999_broken.sql"
begun=$(now)
serve "$DIR" EENLOKET_SQL_DIR="$DIR/sql"
await_exit 30 "$begun"
echo "startup: broken migration: exit $CODE after $ELAPSED s"
[ "$CODE" != 124 ] || fail "serve did not exit within 30 s of a broken migration"
[ "$CODE" != 0 ] || fail "serve exited 0 after a broken migration"
grep -q '9999_broken.*SQLSTATE 42P01' "$DIR/serve.log" || fail "the log does not name the migration and its SQLSTATE"
no_postgres_left "$DIR" || fail "the embedded PostgreSQL still runs after a failed start-up"
stop_leftover "$DIR"
echo "startup: broken migration: $(grep -o 'cause=.*' "$DIR/serve.log" | head -n 1)" >>"$FAULTS_SUMMARY"

# b. A database that does not answer.
DIR="$WORK/unreachable"
begun=$(now)
serve "$DIR" EENLOKET_SQL_DIR="$ROOT/SQL/migrations" EENLOKET_DATABASE_URL="postgres://eenloket@127.0.0.1:$(free_port)/eenloket?sslmode=disable"
await_exit 30 "$begun"
echo "startup: unreachable database: exit $CODE after $ELAPSED s"
[ "$CODE" != 124 ] || fail "serve did not exit within 30 s when the database does not answer"
[ "$CODE" != 0 ] || fail "serve exited 0 without a database"
grep -q 'critical.*the database did not answer' "$DIR/serve.log" || fail "the log does not say the database did not answer"
grep -q 'Connection refused' "$DIR/serve.log" || fail "the log does not give the connection error"
echo "startup: unreachable database: exit $CODE after $ELAPSED s" >>"$FAULTS_SUMMARY"

# c. SIGTERM during a cold start, at several moments.
for delay in 0.3 0.7 1.2 2 5; do
  DIR="$WORK/term-$delay"
  serve "$DIR" EENLOKET_SQL_DIR="$ROOT/SQL/migrations"
  sleep "$delay"
  if ! kill -0 "$SERVE_PID" 2>/dev/null; then fail "serve exited by itself before SIGTERM at $delay s"; cat "$DIR/serve.log"; continue; fi
  phase=$(grep -oE 'creating embedded|embedded PostgreSQL started|migration=[0-9]+' "$DIR/serve.log" | tail -n 1 || true)
  begun=$(now)
  kill -TERM "$SERVE_PID"
  await_exit 10 "$begun"
  line="SIGTERM at $delay s (last step: ${phase:-none}): exit $CODE after $ELAPSED s"
  echo "startup: $line"
  [ "$CODE" != 124 ] || fail "serve did not exit within 10 s of SIGTERM at $delay s"
  no_postgres_left "$DIR" || fail "the embedded PostgreSQL still runs after SIGTERM at $delay s"
  stop_leftover "$DIR"
  echo "startup: $line" >>"$FAULTS_SUMMARY"
done

[ "$failures" -eq 0 ] || { echo "startup: $failures promise(s) broken"; for log in "$WORK"/*/serve.log; do echo "---- $log"; tail -n 15 "$log"; done; exit 1; }
echo "startup: all promises kept"
