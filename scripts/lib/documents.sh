# shellcheck shell=bash
# What scripts/test does with the documents the tests leave (issue 13): the PDF/A-3b
# checks of scripts/lib/check_pdfa.py over every PDF of record, and a headless
# Chromium picture of the scenario invoice's HTML at A4. Sourced after common.sh.

# Debian packages these need: pikepdf (qpdf) for the checks, Chromium for the picture,
# poppler-utils (pdftoppm) to turn Chromium's print into PNG pages.
SHEAF_DOCUMENT_CHECK_PACKAGES=(python3-pikepdf chromium poppler-utils)

# sheaf_pdfa_check DIR: the PDF/A-3b checks over every .pdf in DIR; fails on a finding.
sheaf_pdfa_check() {
  /usr/bin/python3 "$SHEAF_REPO_ROOT/scripts/lib/check_pdfa.py" "$1"
}

# sheaf_document_screenshot HTML OUTDIR: OUTDIR/NAME.png, the first A4 page as a screen
# shows it (794 × 1123 CSS pixels = 210 × 297 mm), and OUTDIR/NAME-print.pdf with
# OUTDIR/NAME-print-N.png, every page as Chromium prints it (print CSS, page breaks).
sheaf_document_screenshot() {
  local html=$1 out=$2 name
  name=$(basename "$html" .html)
  local chromium
  chromium=$(command -v chromium || command -v chromium-browser || true)
  if [[ -z $chromium ]]; then
    sheaf_warn "no chromium: no screenshot of $html"
    return 1
  fi
  mkdir -p "$out"
  # --no-sandbox: scripts/test runs as root in CI, where Chromium's sandbox refuses to start.
  local flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --no-first-run
    --user-data-dir="$out/.chromium-profile")
  timeout 120 "$chromium" "${flags[@]}" --window-size=794,1123 --screenshot="$out/$name.png" "file://$html" >/dev/null 2>&1 || return 1
  timeout 120 "$chromium" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/$name-print.pdf" "file://$html" >/dev/null 2>&1 || return 1
  rm -rf "$out/.chromium-profile"
  pdftoppm -png -r 72 "$out/$name-print.pdf" "$out/$name-print"
}
