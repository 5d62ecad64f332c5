# Sourced by the benchmark scripts (ROOT set): BIN is $BENCH_BIN, made absolute (the
# service runs in a folder of its own), or else a release build of the service.
# With NEED_CEILING=1 also CEILING_BIN: $BENCH_CEILING_BIN, or the ceiling next to BIN, or a release build of it.
if [ -n "${BENCH_BIN:-}" ]; then
  BIN=$(cd "$(dirname "$BENCH_BIN")" && pwd)/$(basename "$BENCH_BIN")
else
  echo "== building the release binary"
  (cd "$ROOT" && swift build -c release --product eenloket 2>&1 | tail -n 1)
  BIN="$ROOT/.build/release/eenloket"
fi
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }
if [ "${NEED_CEILING:-0}" = 1 ]; then
  CEILING_BIN=${BENCH_CEILING_BIN:-$(dirname "$BIN")/EenloketCeiling}
  if [ -z "${BENCH_BIN:-}" ] || [ ! -x "$CEILING_BIN" ]; then
    echo "== building the ceiling (Sources/EenloketCeiling)"
    (cd "$ROOT" && swift build -c release --product EenloketCeiling 2>&1 | tail -n 1)
    CEILING_BIN="$ROOT/.build/release/EenloketCeiling"
  fi
  [ -x "$CEILING_BIN" ] || { echo "no ceiling binary at $CEILING_BIN" >&2; exit 1; }
fi
