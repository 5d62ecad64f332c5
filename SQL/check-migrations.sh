#!/usr/bin/env bash
# Released migrations are never edited: every file in SQL/migrations must be
# listed in SQL/migrations.sha256 with its checksum, and every listed file must
# still exist unchanged, and (in a git checkout) the list's history only ever
# gains lines. Add a new migration's line with
#   (cd SQL/migrations && sha256sum NNNN_name.sql >> ../migrations.sha256)
set -euo pipefail
cd "$(dirname "$0")/migrations"
LIST=../migrations.sha256
status=0
for file in *.sql; do
  if ! grep -q "  $file\$" "$LIST"; then
    echo "check-migrations: $file is not in SQL/migrations.sha256; add its line: sha256sum $file >> ../migrations.sha256"
    status=1
  fi
done
if ! sha256sum --check --strict --quiet "$LIST"; then
  echo "check-migrations: a released migration was changed or removed; add a new migration instead"
  status=1
fi
# An edit committed together with a new checksum line would pass the checks
# above: in a git checkout, the list's history may only ever gain lines.
ROOT=$(cd ../.. && pwd)
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  removed=$(git -C "$ROOT" log -p --format= -- SQL/migrations.sha256 | grep -c '^-[0-9a-f]' || true)
  if [ "$removed" -ne 0 ]; then
    echo "check-migrations: the history of SQL/migrations.sha256 changes or removes $removed line(s); released migrations are never edited"
    status=1
  fi
  if git -C "$ROOT" diff HEAD -- SQL/migrations.sha256 | grep -q '^-[0-9a-f]'; then
    echo "check-migrations: the uncommitted SQL/migrations.sha256 changes or removes a line"
    status=1
  fi
fi
[ "$status" -eq 0 ] && echo "check-migrations: $(wc -l <"$LIST") migrations match SQL/migrations.sha256"
exit "$status"
