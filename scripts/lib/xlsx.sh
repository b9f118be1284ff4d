# shellcheck shell=bash
# The independent XLSX reader the tests open Sheaf's workbooks with (issue 16 item 4):
# openpyxl in a virtual environment of Debian's python3 under .build/xlsx-reader, made
# once and remade when the pin changes. scripts/lib/read_xlsx.py does the reading; the
# tests find the interpreter in SHEAF_TEST_XLSX_PYTHON. Sourced after common.sh.

SHEAF_XLSX_VENV="$SHEAF_REPO_ROOT/.build/xlsx-reader"
SHEAF_XLSX_PINS=(openpyxl==3.1.5)

# Makes sure the reader is installed; prints nothing on success.
sheaf_xlsx_reader_ensure() {
  sheaf_ensure_packages python3 python3-venv
  sheaf_pinned_venv "$SHEAF_XLSX_VENV" "the XLSX reader" "${SHEAF_XLSX_PINS[@]}"
}
