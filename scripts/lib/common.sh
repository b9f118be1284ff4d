# shellcheck shell=bash
# Helpers shared by scripts/run, scripts/test and scripts/bench.
# Sourced, never executed: it defines functions and a few variables, and starts nothing.
#
# Why a library: the three scripts must install the same packages, find the same
# repository root and forward signals to their child the same way; one copy keeps
# them from drifting apart.

# The repository root is the parent of scripts/, wherever the caller was started from.
SHEAF_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
export SHEAF_REPO_ROOT

# Prefixed messages on stderr, so that a script's stdout stays free for real output
# (scripts/bench prints its figures there).
sheaf_log()  { printf '==> %s\n' "$*" >&2; }
sheaf_warn() { printf 'warning: %s\n' "$*" >&2; }
sheaf_die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
# Only package installation needs it.
sheaf_as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    sheaf_die "need root (or sudo) to run: $*"
  fi
}

# Installs the Debian packages among "$@" that are not installed yet.
# A fresh CI machine may lack any of them; an up-to-date machine pays one dpkg query
# per package and never touches the network. `apt-get update` runs once per process,
# and only when something is missing, because it is slow and needs the network.
# Another script (a parallel test run) may hold the dpkg lock: wait for it, do not fail.
SHEAF_APT_UPDATED=""
sheaf_ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    # dpkg -s succeeds for removed-but-configured packages too; check the status line.
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  command -v apt-get >/dev/null 2>&1 ||
    sheaf_die "missing packages (${missing[*]}) and no apt-get to install them; install them by hand"
  sheaf_log "installing missing packages: ${missing[*]}"
  if [[ -z $SHEAF_APT_UPDATED ]]; then
    sheaf_as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 update -qq
    SHEAF_APT_UPDATED=1
  fi
  sheaf_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# sheaf_pinned_venv DIR WHAT PIN...: a virtual environment of Debian's python3 in DIR
# holding exactly the PyPI packages PIN..., made once and remade when the pins change
# (DIR/.sheaf-pins records them). Prints nothing when it is already there. Variables
# set before the call (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 sheaf_pinned_venv …) reach pip.
sheaf_pinned_venv() {
  local dir=$1 what=$2
  shift 2
  local marker="$dir/.sheaf-pins"
  if [[ -x $dir/bin/python && -f $marker && "$(cat "$marker")" == "$*" ]]; then
    return 0
  fi
  sheaf_log "installing $what ($*) in $dir"
  rm -rf "$dir"
  /usr/bin/python3 -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check "$@" >&2
  printf '%s' "$*" >"$marker"
}

# The packages every script needs: the PostgreSQL server and client (scripts start
# their own cluster), libpq headers and pkg-config (the CLibPQ system library is found
# through pkg-config), libqrencode headers (the CQREncode system library draws the EPC
# payment QR code of invoice documents), OpenSSL headers (swift-nio-ssl/libpq link) and the openssl CLI.
# shellcheck disable=SC2034 # used by the scripts that source this file
SHEAF_BASE_PACKAGES=(postgresql libpq-dev libqrencode-dev libssl-dev openssl pkgconf libxml2-dev)

# The PDF renderer of invoice documents (issue 13 item 3): `sheaf` runs `weasyprint` as a
# child process. Without it issuing still works and the PDF route answers 503.
# shellcheck disable=SC2034 # used by the scripts that source this file
SHEAF_DOCUMENT_PACKAGES=(weasyprint)

sheaf_require_swift() {
  command -v swift >/dev/null 2>&1 ||
    sheaf_die "swift is not on PATH (expected Swift 6.x, e.g. /opt/swift/usr/bin)"
}

# Prints a TCP port on 127.0.0.1 that nothing listens on right now.
# Another process may take it before we bind it; callers that bind it (pg_ctl start)
# retry with a new port when that happens. python3 asks the kernel for a free port;
# without python3 we probe random high ports with bash's /dev/tcp (a refused connection
# means nobody listens there).
sheaf_free_port() {
  local port
  if command -v python3 >/dev/null 2>&1 &&
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null)" &&
    [[ -n $port ]]; then
    printf '%s\n' "$port"
    return 0
  fi
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  sheaf_die "could not find a free TCP port on 127.0.0.1"
}

# A random password of $1 (default 20) letters and digits, from openssl's CSPRNG.
# No `head -c` in a pipe: under `set -o pipefail` the writer's SIGPIPE would fail it.
sheaf_random_password() {
  local want="${1:-20}" pw=""
  while [[ ${#pw} -lt $want ]]; do
    pw+="$(openssl rand -base64 48 | tr -dc 'A-Za-z0-9')"
  done
  printf '%s\n' "${pw:0:$want}"
}

# --- running one long child process ------------------------------------------------
# bash runs a trap only after the foreground command returns, so `swift test` or
# `sheaf serve` in the foreground would keep running after a SIGTERM sent to the
# script alone. Running the child in the background and `wait`ing for it lets the trap
# run at once; the trap then forwards the signal and waits for the child to finish
# (sheaf drains in-flight requests on SIGTERM) before the script cleans up.
SHEAF_CHILD_PID=""

# Starts "$@" in the background and waits for it; returns its exit status.
sheaf_run_child() {
  "$@" &
  SHEAF_CHILD_PID=$!
  local rc=0
  wait "$SHEAF_CHILD_PID" || rc=$?
  SHEAF_CHILD_PID=""
  return "$rc"
}

# Prints the pids of all descendants of process $1 (children, grandchildren, ...),
# read from /proc so that no procps is needed.
sheaf_descendants() {
  local root="$1" f line rest ppid pid
  local -A kids=()
  for f in /proc/[0-9]*/stat; do
    { read -r line <"$f"; } 2>/dev/null || continue
    pid="${line%% *}"
    rest="${line##*) }" # the command name may contain spaces and parentheses
    read -r _ ppid _ <<<"$rest"
    kids[$ppid]+=" $pid"
  done
  local queue=("$root") next
  while ((${#queue[@]} > 0)); do
    next="${queue[0]}"
    queue=("${queue[@]:1}")
    for pid in ${kids[$next]:-}; do
      printf '%s\n' "$pid"
      queue+=("$pid")
    done
  done
}

# True while process $1 exists and has not exited (a zombie has exited).
_sheaf_alive() {
  local line
  { read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
  [[ ${line##*) } != Z* ]]
}

# Sends signal $1 to the running child and to all its descendants, then waits until
# they have exited, at most SHEAF_CHILD_STOP_TIMEOUT seconds (default 40: sheaf drains
# requests for up to 30 s), after which the survivors are killed: a process that
# ignores the signal must not keep the script (and its database cluster) alive forever.
# Descendants matter: `swift test` dies on SIGTERM but leaves its test process running.
sheaf_stop_child() {
  local sig="${1:-TERM}" pid="$SHEAF_CHILD_PID" limit="${SHEAF_CHILD_STOP_TIMEOUT:-40}"
  [[ -n $pid ]] || return 0
  SHEAF_CHILD_PID=""
  # Collect the tree before signalling: orphans would be re-parented out of it.
  local tree p
  mapfile -t tree < <(printf '%s\n' "$pid"; sheaf_descendants "$pid")
  for p in "${tree[@]}"; do
    kill -s "$sig" "$p" 2>/dev/null || true
  done
  local ticks=0 alive
  while :; do
    alive=()
    for p in "${tree[@]}"; do
      if _sheaf_alive "$p"; then alive+=("$p"); fi
    done
    ((${#alive[@]} == 0)) && break
    if ((ticks >= limit * 5)); then
      sheaf_warn "processes ${alive[*]} did not exit within ${limit}s of SIG$sig; killing them"
      kill -s KILL "${alive[@]}" 2>/dev/null || true
      break
    fi
    sleep 0.2
    ticks=$((ticks + 1))
  done
  wait "$pid" 2>/dev/null || true
}

# Installs the traps: INT/TERM/HUP stop the child and exit with the conventional
# status (128 + signal number); EXIT runs "$1", the caller's cleanup function, exactly
# once, whatever the reason the script ends (success, failure under set -e, Ctrl-C,
# SIGTERM).
# The child always gets SIGTERM: a background child of a non-interactive shell starts
# with SIGINT ignored (bash does that when job control is off), so forwarding SIGINT
# would not reach a child that installs no handler of its own. SIGTERM is also what
# makes `sheaf serve` drain gracefully.
sheaf_install_traps() {
  SHEAF_CLEANUP_FN="$1"
  trap '_sheaf_on_exit' EXIT
  trap 'sheaf_stop_child TERM; exit 130' INT
  trap 'sheaf_stop_child TERM; exit 143' TERM
  trap 'sheaf_stop_child TERM; exit 129' HUP
}
_sheaf_on_exit() {
  local rc=$?
  trap - EXIT INT TERM HUP
  # A second Ctrl-C during cleanup must not leave a half-stopped cluster behind.
  trap '' INT TERM HUP
  sheaf_stop_child TERM
  "$SHEAF_CLEANUP_FN" || true
  exit "$rc"
}
