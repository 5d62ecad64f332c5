#!/usr/bin/env bash
# Released migrations are never edited: every file in SQL/migrations must be
# listed in SQL/migrations.sha256 with its checksum, and every listed file must
# still exist unchanged. Add a new migration's line with
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
[ "$status" -eq 0 ] && echo "check-migrations: $(wc -l <"$LIST") migrations match SQL/migrations.sha256"
exit "$status"
