#!/usr/bin/env bash
# The whole test suite: Swift unit and integration tests against a real
# PostgreSQL (started by the test harness), then the browser tests against a
# running service in a real headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
swift test
bash Tests/Browser/run.sh
