# shellcheck shell=bash
# The previous release, for the rolling-upgrade check of scripts/e2e (issue 17 item 5):
# its `sheaf` must keep serving the scenario's reads, and writing, on the schema this
# release migrates to. Sourced after common.sh.
#
# Bump SHEAF_PREVIOUS_RELEASE to the last released commit when a release is cut. It is
# ec247a7, the last commit of stop 24 that landed (CI green). The first commit whose
# `serve` accepts a schema newer than its own (the expand/contract rule,
# Migrator.requireCurrent) is e3c4c8c; releases before it refused any unknown migration,
# so upgrading from them means stopping every instance, `sheaf migrate`, then starting
# the new release (README "Upgrades").
SHEAF_PREVIOUS_RELEASE=ec247a7448881eeb7555658a92527f7c95ae8501

# sheaf_previous_release_binary: builds the previous release's `sheaf` (debug) from
# `git archive` of that commit in .build/previous-release/ and prints the binary's path.
sheaf_previous_release_binary() {
  local dir="$SHEAF_REPO_ROOT/.build/previous-release"
  if ! git -C "$SHEAF_REPO_ROOT" cat-file -e "$SHEAF_PREVIOUS_RELEASE^{commit}" 2>/dev/null; then
    # A shallow clone: ask its origin for the commit.
    git -C "$SHEAF_REPO_ROOT" fetch --quiet origin "$SHEAF_PREVIOUS_RELEASE" >&2 ||
      sheaf_die "the previous release $SHEAF_PREVIOUS_RELEASE is not in this clone (clone with history)"
  fi
  if [[ "$(cat "$dir/.release" 2>/dev/null)" != "$SHEAF_PREVIOUS_RELEASE" ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    git -C "$SHEAF_REPO_ROOT" archive "$SHEAF_PREVIOUS_RELEASE" | tar -x -C "$dir"
    echo "$SHEAF_PREVIOUS_RELEASE" >"$dir/.release"
  fi
  sheaf_log "building the previous release ${SHEAF_PREVIOUS_RELEASE:0:7} (debug, in $dir)"
  (cd "$dir" && swift build --product sheaf >&2) || sheaf_die "the previous release does not build"
  echo "$dir/.build/debug/sheaf"
}
