# Shared by the fault tests (sourced, not run): a throwaway PostgreSQL cluster,
# `eenloket serve` instances on it, and clean-up of both on any exit.
# Each test script sets NAME before sourcing this file.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
FAULTS="$ROOT/Tests/Faults"
BIN="$ROOT/.build/debug/eenloket"
# The Python helpers must not leave __pycache__ next to them.
export PYTHONDONTWRITEBYTECODE=1

# build: the debug executable, quietly unless it fails. SwiftPM serialises
# builds that share .build on a lock, so this may wait a while.
build() {
  local out
  out=$(cd "$ROOT" && swift build --product eenloket 2>&1) || { echo "$out" | tail -n 40; echo "fault tests: the build failed"; return 1; }
  echo "$out" | tail -n 1
}
# Sourced by a test script: build unless run.sh already did (it exports FAULTS_BUILT).
[ -n "${FAULTS_BUILT:-}" ] || build
[ -x "$BIN" ] || { echo "$NAME: $BIN was not built"; exit 1; }

WORK=$(mktemp -d "/tmp/eenloket-faults-$NAME.XXXXXX")
# The postgres user must reach the cluster folder inside.
chmod 755 "$WORK"
declare -A INSTANCE_PID=()   # instance name -> pid of its `serve`
declare -A INSTANCE_PORT=()  # instance name -> HTTP port
PGPORT=
PG_STARTED=

# PostgreSQL refuses to run as root: run the server side as the postgres user then.
# The newest Debian server binaries (they have createuser next to pg_ctl), else PATH.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] || PGBIN=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
export PGBIN
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

# A fresh cluster on a free TCP port of 127.0.0.1 with the service's role owning
# its database (the service must not connect as a superuser: RLS would not apply).
pg_init() {
  PGPORT=$(free_port)
  mkdir -p "$WORK/pgdata" "$WORK/pgsock"
  [ "$(id -u)" = 0 ] && chown postgres: "$WORK/pgdata" "$WORK/pgsock"
  chmod 700 "$WORK/pgdata"
  as_pg "$PGBIN/initdb" -D "$WORK/pgdata" -U eenloket --auth=trust --encoding=UTF8 --no-locale --no-sync >"$WORK/initdb.out" 2>&1 \
    || { cat "$WORK/initdb.out"; return 1; }
  pg_start
  as_pg "$PGBIN/createuser" -h 127.0.0.1 -p "$PGPORT" -U eenloket eenloket_app
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U eenloket -O eenloket_app eenloket
  export EENLOKET_DATABASE_URL="postgres://eenloket_app@127.0.0.1:$PGPORT/eenloket?sslmode=disable"
  export PGPORT
}

# Starts the server and returns once it accepts connections (pg_ctl -w), or at
# once with `pg_start nowait`. fsync is off: these tests stop the service or stop
# PostgreSQL cleanly, never crash the machine.
pg_start() {
  local wait=-w
  [ "${1:-}" = nowait ] && wait=-W
  as_pg "$PGBIN/pg_ctl" start -D "$WORK/pgdata" "$wait" -t 60 -l "$WORK/pgdata/server.log" \
    -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$WORK/pgsock -c fsync=off -c max_connections=100" \
    >/dev/null
  PG_STARTED=1
}

# Stops the server; `fast` ends every session at once, as a restart by an operator would.
pg_stop() {
  as_pg "$PGBIN/pg_ctl" stop -D "$WORK/pgdata" -m "${1:-fast}" -w -t 60 >/dev/null
  PG_STARTED=
}

SIGNING_KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')
# Every instance must derive stored Idempotency-Key replays with the same secret.
IDEMPOTENCY_KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')

# start_instance NAME [VAR=value ...]: starts `eenloket serve` on a free port (kept on
# restart) with its cwd in its own folder under $WORK, and waits until it is ready.
start_instance() {
  local name=$1; shift
  local port=${INSTANCE_PORT[$name]:-$(free_port)}
  INSTANCE_PORT[$name]=$port
  mkdir -p "$WORK/$name"
  (cd "$WORK/$name" && exec env EENLOKET_PORT="$port" EENLOKET_SQL_DIR="$ROOT/SQL/migrations" \
    EENLOKET_FILINGS_PER_HOUR_PER_ADDRESS=0 EENLOKET_BCRYPT_COST=4 EENLOKET_DB_POOL_SIZE=10 \
    EENLOKET_SIGNING_KEY="$SIGNING_KEY" EENLOKET_IDEMPOTENCY_KEY="$IDEMPOTENCY_KEY" EENLOKET_STAFF_OTP=off \
    EENLOKET_LOG_LEVEL=notice "$@" "$BIN" serve >>"$WORK/$name.log" 2>&1) &
  INSTANCE_PID[$name]=$!
  wait_ready "$name"
}

# wait_ready NAME: until /health/ready answers 200 (at most 120 s; a cold debug start is slow).
wait_ready() {
  local name=$1 pid=${INSTANCE_PID[$1]}
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:${INSTANCE_PORT[$name]}/health/ready" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$NAME: instance $name exited while starting"; return 1; }
    sleep 0.2
  done
  echo "$NAME: instance $name not ready after 120 s"; return 1
}

# kill_instance NAME SIGNAL: signals the instance and reaps it; prints nothing.
kill_instance() {
  local pid=${INSTANCE_PID[$1]}
  kill "-$2" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  INSTANCE_PID[$1]=
}

cleanup() {
  local status=$?
  set +e
  for name in "${!INSTANCE_PID[@]}"; do
    local pid=${INSTANCE_PID[$name]}
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null
  done
  for name in "${!INSTANCE_PID[@]}"; do
    local pid=${INSTANCE_PID[$name]}
    [ -z "$pid" ] && continue
    # A service that ignores SIGTERM must not keep CI waiting.
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  [ -n "${LOAD_PID:-}" ] && { kill "$LOAD_PID" 2>/dev/null; wait "$LOAD_PID" 2>/dev/null; }
  [ -n "${HOLDER_PID:-}" ] && { kill "$HOLDER_PID" 2>/dev/null; wait "$HOLDER_PID" 2>/dev/null; }
  if [ "$status" -ne 0 ]; then
    for log in "$WORK"/*.log; do
      [ -f "$log" ] || continue
      echo "---- last lines of $(basename "$log") ----"
      tail -n 30 "$log"
    done
    if [ -f "$WORK/pgdata/server.log" ]; then echo "---- last lines of the PostgreSQL log ----"; tail -n 15 "$WORK/pgdata/server.log"; fi
  fi
  [ -n "$PG_STARTED" ] && as_pg "$PGBIN/pg_ctl" stop -D "$WORK/pgdata" -m immediate -w -t 30 >/dev/null 2>&1
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
