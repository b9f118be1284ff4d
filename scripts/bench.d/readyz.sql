-- The statement GET /readyz runs, verbatim, for pgbench (scripts/bench).
-- It must stay identical to the readiness query in Sources/Storage/Migrator: the
-- benchmark compares the HTTP route with PostgreSQL running the very same statement.
SELECT version, checksum FROM schema_migrations ORDER BY version;
