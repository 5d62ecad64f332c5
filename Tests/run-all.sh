#!/usr/bin/env bash
# The whole test suite, each part starting what it needs itself:
#   0. the released migrations are unchanged (SQL/check-migrations.sh);
#   1. swift test: unit and integration tests against a real PostgreSQL (the
#      harness starts a throwaway cluster), including the query-plan test;
#   1b. the README's curl walk-through, run verbatim (Tests/Acceptance/walkthrough.sh);
#   1c. the NL API Design Rules, by rule ID (Tests/ApiRules/run.sh);
#   2. the browser tests: the pages in a real headless Chromium;
#   3. Schemathesis against the service's own /openapi.yaml;
#   4. the fault scripts: SIGKILL under load, a database restart, SIGTERM;
#   5. the offline validation of Deploy/ (Kubernetes, compose, Dockerfile, nginx, systemd).
set -euo pipefail
cd "$(dirname "$0")/.."
STARTED=$(date +%s)
step() { echo; echo "==== $1 ($(( $(date +%s) - STARTED )) s so far)"; }
step "released migrations unchanged"
bash SQL/check-migrations.sh
step "swift test"
swift test
step "README walk-through"
WALK_LOG=$(mktemp /tmp/eenloket-walk-log.XXXXXX)
bash Tests/Acceptance/walkthrough.sh >"$WALK_LOG" 2>&1 || { tail -n 60 "$WALK_LOG"; exit 1; }
tail -n 1 "$WALK_LOG"; rm -f "$WALK_LOG"
step "API design rules"
bash Tests/ApiRules/run.sh
step "browser tests"
bash Tests/Browser/run.sh
step "schemathesis"
bash Tests/Schemathesis/run.sh
step "fault tests"
bash Tests/Faults/run.sh
step "deploy validation"
bash Deploy/validate/validate.sh
echo
echo "==== the whole suite passed in $(( $(date +%s) - STARTED )) s"
