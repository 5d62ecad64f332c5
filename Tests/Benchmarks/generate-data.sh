#!/usr/bin/env bash
# Loads N realistic cases into an Eenloket database, fast, for benchmarks.
#
# Usage: bash Tests/Benchmarks/generate-data.sh <database-url | "psql arguments"> <number of cases>
#   e.g. bash Tests/Benchmarks/generate-data.sh postgres://postgres@127.0.0.1:5432/eenloket 1000000
#        bash Tests/Benchmarks/generate-data.sh "-h /tmp -p 5432 -U postgres eenloket" 10000
#
# - Connect as a SUPERUSER (for session_replication_role = replica: the bulk load
#   runs without row triggers and foreign-key checks and writes what the
#   triggers keep itself). The schema must be migrated (`eenloket migrate`).
# - Adds to what is there, in one transaction (all or nothing); the service may
#   keep running (at the end its writes wait a moment while the statistics of
#   migration 0009 are recounted). Each run adds its own staff: intake officers, coordinators, an
#   inspector and a national pool of panel members (a few hundred at 1,000,000
#   cases), e-mail gen-<run>-<role>-<n>@generated.eenloket.invalid, password
#   "gegenereerd-wachtwoord". Cases span the 5 years before now.
# - Then VACUUM ANALYZE, so plans see the new sizes and autovacuum has nothing
#   left to do during a benchmark, and a consistency check (skip it with
#   GEN_SKIP_CHECK=1). Prints rows/second and the database size.
# - Environment: EENLOKET_RETENTION_DAYS (default 730) as the service's: cases
#   closed longer ago are generated already purged.
# The SQL is Tests/Benchmarks/generate-data.sql (the query-plan test runs it
# too); the checks are generate-data-check.sql.
# Generation runs inside the server (INSERT … SELECT over generate_series, no client
# round trips). Before the Part 2 tables, 1,000,000 cases were about 30 million rows
# and 7.3 GB; that took 10 minutes (50,000 rows/s) on the shared 2-core development
# machine with its CPUs busy with other work, and 200,000 cases took 90 s when it was
# quieter. The Part 2 tables are filled in proportion too (per accepted case about 2
# statements, 2 documents of 1-2 KB, a draft ruling with 0.6 comments; 0.3
# appointments per case in review; 2% of panels objected to; agreements, consents,
# appeal outcomes: see generate-data.sql's header): 200,000 cases are then 8.9 million
# rows and 2.4 GB, 160 s (93 s without them, same machine and hour), so 1,000,000
# cases come to about 45 million rows and 11 GB.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if [ $# -ne 2 ] || ! [[ $2 =~ ^[0-9]+$ ]] || [ "$2" -lt 1 ]; then
  sed -n '2,5p' "$0" >&2
  exit 2
fi
if [[ $1 == postgres://* || $1 == postgresql://* ]]; then
  TARGET=(-d "$1")
else
  read -r -a TARGET <<<"$1"
fi
CASES=$2
psql_() { psql -X -q -v ON_ERROR_STOP=1 "${TARGET[@]}" "$@"; }

if [ "$(psql_ -At -c "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")" != t ]; then
  echo "generate-data: connect as a superuser (the bulk load needs session_replication_role = replica)" >&2
  exit 1
fi
if [ "$(psql_ -At -c "SELECT to_regclass('cases') IS NOT NULL")" != t ]; then
  echo "generate-data: no Eenloket schema here; run 'eenloket migrate' first" >&2
  exit 1
fi

now() { date +%s.%N; }
START=$(now)
echo "generating $CASES cases …"
SUMMARY=$(psql_ -1 -At -F ' ' \
  -c "SET session_replication_role = replica" -c "SET temp_buffers = '512MB'" \
  -c "SET eenloket_gen.cases = $CASES" -c "SET eenloket_gen.retention_days = ${EENLOKET_RETENTION_DAYS:-730}" \
  -f "$HERE/generate-data.sql" | grep -E '^[a-z_]+ [0-9]+$')
LOADED=$(now)
ROWS=$(echo "$SUMMARY" | awk '{s += $2} END {print s}')
echo "$SUMMARY" | awk '{printf "  %-18s %10d\n", $1, $2}'
awk -v r="$ROWS" -v a="$START" -v b="$LOADED" \
  'BEGIN { printf "loaded %d rows in %.1f s: %.0f rows/s\n", r, b - a, r / (b - a) }'

# Not VACUUM FULL: only hint bits, the visibility map and statistics.
psql_ -c "VACUUM (ANALYZE) cases, case_events, case_parties, case_deadlines, panel_assignments, panel_members, staff, rulings,
          ruling_medical, appeals, case_medical, timers, notifications, escalations, follow_ups, case_statements, documents,
          document_chunks, appointments, appointment_responses, appointment_medical, objections, draft_rulings,
          draft_ruling_medical, draft_comments, binding_agreements, consent_changes, appeal_outcomes"
psql_ -c "ANALYZE"
DONE=$(now)
awk -v a="$LOADED" -v b="$DONE" 'BEGIN { printf "vacuum and analyze: %.1f s\n", b - a }'

if [ "${GEN_SKIP_CHECK:-0}" != 1 ]; then
  PROBLEMS=$(psql_ -At -F ' ' -f "$HERE/generate-data-check.sql" | awk '$2 != 0')
  if [ -n "$PROBLEMS" ]; then
    echo "generate-data: consistency check FAILED (check, rows):" >&2
    echo "$PROBLEMS" >&2
    exit 1
  fi
  awk -v a="$DONE" -v b="$(now)" 'BEGIN { printf "consistency check passed in %.1f s\n", b - a }'
fi
awk -v r="$ROWS" -v a="$START" -v b="$(now)" 'BEGIN { printf "total %.1f s, %.0f rows/s overall\n", b - a, r / (b - a) }'
echo "cases now: $(psql_ -At -c "SELECT count(*) FROM cases"); database size: $(psql_ -At -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
