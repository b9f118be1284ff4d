# shellcheck shell=bash
# PostgreSQL helpers shared by scripts/run, scripts/test and scripts/bench.
# Sourced, never executed. Requires scripts/lib/common.sh (sourced below if needed).
#
# Facts these helpers are built on (measured on Debian 12, Swift 6.3, 2 cores):
# - initdb and postgres refuse to run as root. As root we run every server-side
#   command as the `postgres` OS user (created by Debian's postgresql package) with
#   `runuser`; as any other user we run them directly as that user.
# - The data directory must be owned by the user that runs postgres, mode 700, and
#   pg_ctl's -l log file must be writable by that user: we keep it inside the data dir.
# - pg_config (from libpq-dev) may report /usr/bin, which has no initdb/pg_ctl on
#   Debian: the server binaries live in /usr/lib/postgresql/<major>/bin.

if ! declare -F sheaf_log >/dev/null; then
  # shellcheck source=scripts/lib/common.sh
  source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
fi

# Sets SHEAF_PG_BINDIR (initdb, pg_ctl, psql, pgbench) and SHEAF_PG_RUNAS (the OS user
# that runs server commands, empty when that is the current user).
# SHEAF_PG_BINDIR may be preset to use another installation.
sheaf_pg_init_tools() {
  if [[ -z ${SHEAF_PG_BINDIR:-} ]]; then
    local dir
    # Newest installed major version first; `sort -V` orders 9.6 < 15 < 16 correctly.
    # shellcheck disable=SC2012 # these directory names are plain version numbers
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
    if [[ -n $dir && -x $dir/initdb ]]; then
      SHEAF_PG_BINDIR="$dir"
    elif command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then
      SHEAF_PG_BINDIR="$(pg_config --bindir)"   # non-Debian layouts
    else
      sheaf_die "no PostgreSQL server binaries (initdb) found; install the postgresql package"
    fi
  fi
  [[ -x $SHEAF_PG_BINDIR/initdb && -x $SHEAF_PG_BINDIR/pg_ctl ]] ||
    sheaf_die "SHEAF_PG_BINDIR=$SHEAF_PG_BINDIR has no initdb/pg_ctl"

  if [[ $EUID -eq 0 ]]; then
    SHEAF_PG_RUNAS=postgres
    getent passwd postgres >/dev/null ||
      sheaf_die "running as root but there is no 'postgres' OS user (apt-get install postgresql creates it)"
    command -v runuser >/dev/null 2>&1 || sheaf_die "runuser (util-linux) is required when running as root"
  else
    SHEAF_PG_RUNAS=""
  fi
  SHEAF_PG_CTL="$SHEAF_PG_BINDIR/pg_ctl"
  SHEAF_PSQL="$SHEAF_PG_BINDIR/psql"
}

# Runs "$@" as the user that owns the cluster.
sheaf_pg_as_owner() {
  if [[ -n $SHEAF_PG_RUNAS ]]; then
    runuser -u "$SHEAF_PG_RUNAS" -- "$@"
  else
    "$@"
  fi
}

# Creates directory $1 with mode $2, owned by the cluster's user.
sheaf_pg_make_dir() {
  local dir="$1" mode="$2"
  mkdir -p "$dir"
  if [[ -n $SHEAF_PG_RUNAS ]]; then
    chown "$SHEAF_PG_RUNAS:" "$dir"
  fi
  chmod "$mode" "$dir"
}

# True when the cluster's user can enter directory $1 (every parent must be
# searchable by it, e.g. not under root's mode-700 home).
sheaf_pg_can_reach() {
  sheaf_pg_as_owner test -x "$1"
}

# Initialises a cluster in data dir $1 (which must exist, empty, owned by the cluster's
# user). Extra initdb arguments follow. The superuser is `postgres`, the encoding UTF8
# and the locale C (--no-locale): sorting and tests do not depend on the machine.
sheaf_pg_initdb() {
  local data="$1"
  shift
  local out
  if ! out="$(sheaf_pg_as_owner "$SHEAF_PG_BINDIR/initdb" -D "$data" -U postgres -E UTF8 --no-locale "$@" 2>&1)"; then
    printf '%s\n' "$out" >&2
    sheaf_die "initdb failed for $data"
  fi
}

# Starts the cluster in $1 with postgres options $2 (passed as pg_ctl -o, so a restart
# can pass the very same string) and waits until it accepts connections.
# The log goes to $1/server.log. Returns non-zero (without exiting) if it did not start.
sheaf_pg_start() {
  local data="$1" opts="$2"
  sheaf_pg_as_owner "$SHEAF_PG_CTL" -D "$data" -l "$data/server.log" -w -t 60 -o "$opts" start >/dev/null
}

# True when a postmaster is running on data dir $1.
sheaf_pg_running() {
  [[ -f $1/PG_VERSION ]] && sheaf_pg_as_owner "$SHEAF_PG_CTL" -D "$1" status >/dev/null 2>&1
}

# Stops the cluster in $1 if it runs: fast shutdown (rolls back open transactions,
# disconnects clients), falling back to immediate if that takes over 30 s.
sheaf_pg_stop() {
  local data="$1"
  sheaf_pg_running "$data" || return 0
  sheaf_pg_as_owner "$SHEAF_PG_CTL" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
    sheaf_pg_as_owner "$SHEAF_PG_CTL" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
    sheaf_warn "could not stop the PostgreSQL cluster in $data"
}

# Prints the last $2 (default 40) lines of the cluster log of data dir $1 on stderr.
sheaf_pg_log_tail() {
  local log="$1/server.log" n="${2:-40}"
  [[ -f $log ]] || return 0
  printf -- '--- last %s lines of %s ---\n' "$n" "$log" >&2
  tail -n "$n" "$log" >&2 || true
  printf -- '--- end of PostgreSQL log ---\n' >&2
}

# psql with a predictable behaviour: no ~/.psqlrc (-X), stop at the first error.
# Connection options (-h/-p/-U/-d or a connection string) come from the caller.
sheaf_psql() {
  "${SHEAF_PSQL:-psql}" -X -q -v ON_ERROR_STOP=1 "$@"
}

# --- throwaway clusters (scripts/test, scripts/bench) --------------------------------
# A cluster in a fresh temporary directory, tuned for speed rather than durability
# (fsync off: a crash may lose it, which is fine for data that dies with the run),
# listening on a unix socket in that directory and on 127.0.0.1 at a free port only.
#
# Sets: SHEAF_PG_TMP (the temporary directory), SHEAF_PG_DATA, SHEAF_PG_SOCK,
# SHEAF_PG_PORT and SHEAF_PG_OPTS (the exact postgres options it was started with).
# Creates a password-less login role `sheaf_app` (trust auth) beside the `postgres`
# superuser. Pair with sheaf_pg_throwaway_stop in an EXIT trap.
sheaf_pg_throwaway_start() {
  sheaf_pg_init_tools
  # /tmp rather than $TMPDIR: the postgres user must be able to enter it when we are
  # root, and a private TMPDIR (e.g. under /root) would not be.
  SHEAF_PG_TMP="$(mktemp -d /tmp/sheaf-pg.XXXXXX)"
  chmod 755 "$SHEAF_PG_TMP"
  SHEAF_PG_DATA="$SHEAF_PG_TMP/data"
  SHEAF_PG_SOCK="$SHEAF_PG_TMP/sock"
  sheaf_pg_make_dir "$SHEAF_PG_DATA" 700
  sheaf_pg_make_dir "$SHEAF_PG_SOCK" 755

  # --no-sync: flushing the new cluster to disk costs seconds and buys nothing here.
  sheaf_pg_initdb "$SHEAF_PG_DATA" --auth=trust --no-sync

  # Another process may grab the port between choosing and binding it; try again with
  # a new port in that case.
  local attempt
  for attempt in 1 2 3 4 5; do
    SHEAF_PG_PORT="$(sheaf_free_port)"
    SHEAF_PG_OPTS="-k $SHEAF_PG_SOCK -p $SHEAF_PG_PORT -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    if sheaf_pg_start "$SHEAF_PG_DATA" "$SHEAF_PG_OPTS"; then
      break
    fi
    if [[ $attempt -eq 5 ]]; then
      sheaf_pg_log_tail "$SHEAF_PG_DATA"
      sheaf_die "could not start the throwaway PostgreSQL cluster"
    fi
    sheaf_warn "PostgreSQL did not start on port $SHEAF_PG_PORT; trying another port"
  done

  sheaf_psql -h "$SHEAF_PG_SOCK" -p "$SHEAF_PG_PORT" -U postgres -d postgres \
    -c 'CREATE ROLE sheaf_app LOGIN'
}

# Stops the throwaway cluster and deletes its directory. Safe to call more than once
# and when the start failed half-way.
sheaf_pg_throwaway_stop() {
  [[ -n ${SHEAF_PG_TMP:-} ]] || return 0
  if [[ -n ${SHEAF_PG_CTL:-} ]]; then
    sheaf_pg_stop "$SHEAF_PG_DATA"
  fi
  # Guard against ever deleting anything but a directory mktemp made for us.
  case "$SHEAF_PG_TMP" in
    /tmp/sheaf-pg.*) rm -rf -- "$SHEAF_PG_TMP" ;;
    *) sheaf_warn "not removing unexpected directory $SHEAF_PG_TMP" ;;
  esac
  SHEAF_PG_TMP=""
}
