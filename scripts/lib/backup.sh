# shellcheck shell=bash
# Shared by scripts/backup, scripts/restore and the backup round trip of scripts/e2e.
# Sourced, never executed. Requires scripts/lib/common.sh.

# Sets SHEAF_BACKUP_BINDIR: the newest installed PostgreSQL client tools (pg_dump must
# be at least as new as the server it dumps), or SHEAF_PG_BINDIR when set.
sheaf_backup_tools() {
  if [[ -n ${SHEAF_PG_BINDIR:-} ]]; then
    SHEAF_BACKUP_BINDIR="$SHEAF_PG_BINDIR"
  else
    # shellcheck disable=SC2012 # plain version-number directory names
    SHEAF_BACKUP_BINDIR="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
    if [[ -z $SHEAF_BACKUP_BINDIR ]] && command -v pg_dump >/dev/null 2>&1; then
      SHEAF_BACKUP_BINDIR="$(dirname "$(command -v pg_dump)")"
    fi
  fi
  [[ -n $SHEAF_BACKUP_BINDIR && -x $SHEAF_BACKUP_BINDIR/pg_dump && -x $SHEAF_BACKUP_BINDIR/pg_restore ]] ||
    sheaf_die "no pg_dump/pg_restore found; install the postgresql-client package"
}

# Prints the schema version of database $1: the newest applied migration, as NNNN.
sheaf_backup_schema_version() {
  local version
  version="$("$SHEAF_BACKUP_BINDIR/psql" -X -At -v ON_ERROR_STOP=1 -d "$1" \
    -c 'SELECT max(version) FROM schema_migrations')" ||
    sheaf_die "could not read schema_migrations: is this a Sheaf database?"
  [[ $version =~ ^[0-9]+$ ]] || sheaf_die "the database has no applied migration"
  printf '%04d\n' "$version"
}

# Prints one line per table of the public schema of database $1:
#   <table> <row count> <md5 of all rows as text, sorted>
# Two databases with the same lines hold the same data (row order aside).
sheaf_backup_fingerprint() {
  local url="$1" table
  local psql=("$SHEAF_BACKUP_BINDIR/psql" -X -At -v ON_ERROR_STOP=1 -d "$url")
  "${psql[@]}" -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename" |
    while read -r table; do
      "${psql[@]}" -F ' ' -c "SELECT '$table', count(*), md5(coalesce(string_agg(r, E'\\n' ORDER BY r), ''))
                                FROM (SELECT t::text AS r FROM public.\"$table\" t) s"
    done
}
