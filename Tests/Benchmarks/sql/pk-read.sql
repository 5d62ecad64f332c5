-- pgbench: the ceiling endpoint's whole SQL (Sources/EenloketCeiling), one case by primary key.
SELECT id, reference, status::text, created_at FROM cases WHERE id = :id::uuid;
