# Sourced by the benchmark scripts (ROOT set): BIN is $BENCH_BIN, made absolute (the
# service runs in a folder of its own), or else a release build of the service.
if [ -n "${BENCH_BIN:-}" ]; then
  BIN=$(cd "$(dirname "$BENCH_BIN")" && pwd)/$(basename "$BENCH_BIN")
else
  echo "== building the release binary"
  (cd "$ROOT" && swift build -c release --product eenloket 2>&1 | tail -n 1)
  BIN="$ROOT/.build/release/eenloket"
fi
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }
