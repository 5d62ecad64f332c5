# A real ClamAV daemon for the shell harnesses (browser tests, benchmarks), as
# Tests/EenloketTests/Support/TestClamd.swift starts one for `swift test`: no
# internet here, so it gets a signature database written on the spot, with the
# EICAR test string anywhere in a file. Source this file, then:
#   start_test_clamd DIR    # sets CLAMD_SOCK and CLAMD_PID; installs clamav-daemon when missing (as root)
#   stop_test_clamd
start_test_clamd() {
  local dir=$1 bin=
  for c in /usr/sbin/clamd /usr/bin/clamd /usr/local/sbin/clamd; do [ -x "$c" ] && { bin=$c; break; }; done
  if [ -z "$bin" ]; then
    [ "$(id -u)" = 0 ] || { echo "clamd is missing: install clamav-daemon" >&2; return 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav-daemon >/dev/null
    bin=/usr/sbin/clamd
  fi
  mkdir -p "$dir/db"
  python3 - "$dir/db/eicar.ndb" <<'PY'
import sys
eicar = r"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
open(sys.argv[1], "w").write("Eicar-Test-Signature:0:*:" + eicar.encode().hex() + "\n")
PY
  CLAMD_SOCK="$dir/clamd.sock"
  # StreamMaxLength above a 20 MiB document (clamd cuts longer streams off and answers an error).
  cat >"$dir/clamd.conf" <<CONF
DatabaseDirectory $dir/db
LocalSocket $CLAMD_SOCK
Foreground yes
LogFile $dir/clamd.log
StreamMaxLength 30M
MaxScanSize 100M
MaxFileSize 30M
MaxThreads 12
LogClean yes
CONF
  "$bin" -c "$dir/clamd.conf" >"$dir/stdout.log" 2>&1 &
  CLAMD_PID=$!
  local i
  for i in $(seq 1 240); do clamd_ping "$CLAMD_SOCK" && return 0; sleep 0.25; done
  echo "clamd did not start:" >&2
  cat "$dir/clamd.log" "$dir/stdout.log" >&2 2>/dev/null
  return 1
}

clamd_ping() {
  python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(2)
s.connect(sys.argv[1])
s.sendall(b"zPING\0")
sys.exit(0 if s.recv(16).startswith(b"PONG") else 1)
PY
}

stop_test_clamd() {
  if [ -n "${CLAMD_PID:-}" ]; then kill -TERM "$CLAMD_PID" 2>/dev/null || true; wait "$CLAMD_PID" 2>/dev/null || true; fi
  CLAMD_PID=
}
