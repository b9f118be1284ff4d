# shellcheck shell=bash
# The console's end-to-end browser tests (issue 19), run by scripts/test: Playwright
# (PyPI, pinned below, in a virtual environment under .build/e2e-venv) drives Debian's
# `chromium` through `executable_path` (no browser is ever downloaded) against a
# `sheaf serve` started here over HTTPS on a database of the throwaway cluster.
# Screenshots and the server log go to artifacts/console/ (git-ignored).
# Sourced after pg.sh; needs SHEAF_PG_SOCK, SHEAF_PG_PORT and SHEAF_PG_TMP (the cluster).

SHEAF_E2E_VENV="$SHEAF_REPO_ROOT/.build/e2e-venv"
SHEAF_E2E_PINS=(playwright==1.65.3)
SHEAF_E2E_ARTIFACTS="$SHEAF_REPO_ROOT/artifacts/console"
SHEAF_E2E_SERVER_PID=""

sheaf_console_e2e_ensure() {
  sheaf_ensure_packages python3 python3-venv chromium fonts-dejavu-core
  # The browser is Debian's chromium: playwright downloads none.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 sheaf_pinned_venv "$SHEAF_E2E_VENV" "playwright" "${SHEAF_E2E_PINS[@]}"
}

# shellcheck disable=SC2317 # also called from the EXIT trap
sheaf_console_e2e_stop() {
  if [[ -n $SHEAF_E2E_SERVER_PID ]]; then
    # sheaf_stop_child stops SHEAF_CHILD_PID (and its descendants) with SIGTERM.
    SHEAF_CHILD_PID="$SHEAF_E2E_SERVER_PID"
    SHEAF_E2E_SERVER_PID=""
    sheaf_stop_child TERM || true
  fi
}

# Runs the browser tests; returns their exit status.
sheaf_console_e2e() {
  sheaf_console_e2e_ensure
  cd "$SHEAF_REPO_ROOT" || return 1
  # With --build-tests: the same build parameters as `swift test`, so after the tests
  # nothing is rebuilt (a plain `swift build` would rebuild every module without testability).
  sheaf_log "building sheaf for the browser tests (swift build --build-tests)"
  swift build --build-tests >&2 || return 1
  local bin
  bin="$(swift build --show-bin-path)/sheaf"
  rm -rf "$SHEAF_E2E_ARTIFACTS"
  mkdir -p "$SHEAF_E2E_ARTIFACTS"

  sheaf_psql -h "$SHEAF_PG_SOCK" -p "$SHEAF_PG_PORT" -U postgres -d postgres -c 'CREATE DATABASE sheaf_console_e2e' >/dev/null
  local common="host=$SHEAF_PG_SOCK port=$SHEAF_PG_PORT dbname=sheaf_console_e2e"
  local admin_email="admin@atelier.example" admin_password port
  admin_password="$(sheaf_random_password 24)"
  port="$(sheaf_free_port)"
  local cert="$SHEAF_PG_TMP/e2e-cert.pem" key="$SHEAF_PG_TMP/e2e-key.pem"
  openssl req -x509 -new -nodes -sha256 -days 2 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -keyout "$key" -out "$cert" -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null || return 1
  (
    export DATABASE_URL="$common user=sheaf_app" SHEAF_MIGRATION_DATABASE_URL="$common user=postgres" SHEAF_DB_APP_ROLE=sheaf_app
    export SHEAF_LINK_SECRET SHEAF_HOST=127.0.0.1 SHEAF_PORT="$port" SHEAF_TLS_CERT="$cert" SHEAF_TLS_KEY="$key"
    SHEAF_LINK_SECRET="$(openssl rand -hex 32)"
    unset SHEAF_TRUSTED_PROXIES SHEAF_PUBLIC_URL
    SHEAF_LOG_LEVEL=warning "$bin" migrate >/dev/null
    SHEAF_ADMIN_PASSWORD="$admin_password" "$bin" create-admin --email "$admin_email" --name "Ada Admin" </dev/null >/dev/null
    exec env SHEAF_LOG_LEVEL=info "$bin" serve >"$SHEAF_E2E_ARTIFACTS/server.log" 2>&1
  ) &
  SHEAF_E2E_SERVER_PID=$!
  local base="https://127.0.0.1:$port" ready=""
  for _ in $(seq 1 300); do
    if /usr/bin/python3 -c "import ssl,sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1, context=ssl._create_unverified_context())" \
      "$base/healthz" 2>/dev/null; then
      ready=1
      break
    fi
    kill -0 "$SHEAF_E2E_SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  if [[ -z $ready ]]; then
    cat "$SHEAF_E2E_ARTIFACTS/server.log" >&2
    sheaf_console_e2e_stop
    sheaf_warn "sheaf serve did not start for the browser tests"
    return 1
  fi
  sheaf_log "browser tests against $base (chromium $(chromium --version 2>/dev/null | awk '{print $2}'))"
  local rc=0
  SHEAF_E2E_ADMIN_PASSWORD="$admin_password" SHEAF_E2E_CHROMIUM="$(command -v chromium)" \
    "$SHEAF_E2E_VENV/bin/python" scripts/lib/console_e2e.py "$base" "$admin_email" "$SHEAF_E2E_ARTIFACTS" || rc=$?
  sheaf_console_e2e_stop
  return "$rc"
}
