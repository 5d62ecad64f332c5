#!/usr/bin/env bash
# Horizontal operation on one machine: three `eenloket serve` instances (release
# build) on one PostgreSQL, behind a local nginx on 127.0.0.1:8080 that spreads
# requests over them. Runs the README's walk-through through nginx, then a short
# load (filing and reading) through nginx, and shows that every instance served.
# Usage: bash Tests/Benchmarks/three-instances.sh [seconds of load, default 10]
# Installs nginx and wrk (Debian packages) when missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOAD_SECONDS=${1:-10}
for tool in nginx wrk; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done
(cd "$ROOT" && swift build -c release --product eenloket 2>&1 | tail -n 1)
BIN="$ROOT/.build/release/eenloket"

WORK=$(mktemp -d /tmp/eenloket-three.XXXXXX)
chmod 755 "$WORK"
PIDS=() NGINX=
cleanup() {
  set +e
  [ -n "$NGINX" ] && nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null
  # The first instance started the embedded cluster and stops it: stop the others first.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${PIDS[$i]}" 2>/dev/null; wait "${PIDS[$i]}" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 130" INT TERM

# All three share the embedded cluster in $WORK/.eenloket (the first creates it,
# the others find it running) and one signing key, as replicas must.
KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')
for port in 8081 8082 8083; do
  (cd "$WORK" && exec env EENLOKET_PORT=$port EENLOKET_SQL_DIR="$ROOT/SQL/migrations" EENLOKET_LOG_LEVEL=warning \
    EENLOKET_ADMIN_EMAIL=beheer@example.nl EENLOKET_ADMIN_PASSWORD=beheer-wachtwoord-1 EENLOKET_HEARING_WINDOW_DAYS=0 \
    EENLOKET_SIGNING_KEY="$KEY" EENLOKET_IDEMPOTENCY_KEY="$KEY" EENLOKET_STAFF_OTP=off EENLOKET_FILINGS_PER_HOUR_PER_ADDRESS=0 EENLOKET_TRUST_FORWARDED_FOR=true \
    EENLOKET_PUBLIC_URL=http://127.0.0.1:8080 EENLOKET_DB_POOL_SIZE=15 "$BIN" serve >>"$WORK/serve-$port.log" 2>&1) &
  PIDS+=($!)
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$WORK/serve-$port.log"; exit 1; }
done

mkdir -p "$WORK/nginx/logs"
# As root, nginx's workers would run as nobody and could not use the temp folders here.
USER_LINE=$([ "$(id -u)" = 0 ] && echo "user root;" || true)
cat >"$WORK/nginx/nginx.conf" <<EOF
$USER_LINE
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream eenloket {
    least_conn;
    server 127.0.0.1:8081 max_fails=3 fail_timeout=10s;
    server 127.0.0.1:8082 max_fails=3 fail_timeout=10s;
    server 127.0.0.1:8083 max_fails=3 fail_timeout=10s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:8080;
    client_max_body_size 1m;
    location / {
      proxy_pass http://eenloket;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_next_upstream error timeout;
    }
  }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
NGINX=1
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:8080/health/ready >/dev/null && break; sleep 0.2; done

echo "== the README walk-through through nginx"
bash "$ROOT/Tests/Acceptance/walkthrough.sh" --running | tail -n 1

echo "== ${LOAD_SECONDS}s of filing, then reading, through nginx (32 clients)"
wrk -t2 -c32 -d"${LOAD_SECONDS}s" --latency -s "$ROOT/Tests/Benchmarks/file-case.lua" http://127.0.0.1:8080/api/v1/cases \
  | grep -E "Latency|50%|99%|Requests/sec|non-2xx"
FILED=$(curl -s -X POST http://127.0.0.1:8080/api/v1/cases -H 'Content-Type: application/json' --data-binary @- <<'JSON'
{"filer_role":"employee","filer":{"name":"Sanne de Vries","email":"sanne@example.nl"},"employee":{"name":"Sanne de Vries"},
 "employer":{"name":"Bakkerij Jansen B.V.","kvk_number":"12345678","address":{"street":"Marktstraat 1","postal_code":"1011 AA","city":"Amsterdam"}},"sick_since":"2026-03-02",
 "question":"De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet."}
JSON
)
read -r ID TOKEN < <(echo "$FILED" | python3 -c 'import sys, json; d = json.load(sys.stdin); print(d["id"], d["access_token"])')
wrk -t2 -c32 -d"${LOAD_SECONDS}s" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:8080/api/v1/cases/$ID" \
  | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"

echo "== requests each instance answered"
served_all=1
for port in 8081 8082 8083; do
  n=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^eenloket_http_requests_total/ {s += $NF} END {printf "%d", s}')
  echo "instance :$port answered $n requests"
  [ "$n" -gt 100 ] || served_all=0
done
[ "$served_all" = 1 ] || { echo "an instance got (almost) no traffic"; exit 1; }
echo "three instances behind nginx: OK"
