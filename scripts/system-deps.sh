#!/usr/bin/env bash
# Install the Debian packages keikaku's tests and benches need, when they are missing.
# Idempotent and silent when everything is present. As root it installs with apt-get
# (running `apt-get update` once first); otherwise it prints what is missing and exits 1.
#
# To add a package: append "package|file-it-provides" to PACKAGES below (the file is
# checked first, so a tool installed some other way also counts; leave it empty to
# rely on `dpkg -s` alone).
set -euo pipefail

PACKAGES=(
  "poppler-utils|/usr/bin/pdftotext"                                  # pdftotext: PDF text for benches and cross-checks
  "fonts-ipafont-gothic|/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"  # Japanese TrueType font for reportlab-made test PDFs
  "fonts-dejavu-core|/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"   # fallback for symbols IPA Gothic lacks (➊…)
  "fonts-noto-cjk|/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # Noto Sans CJK JP for the PDF report (keikaku export --format pdf)
  "chromium|/usr/bin/chromium"                                          # headless browser for tests/test_browser.py (driven by Playwright)
  "wrk|/usr/bin/wrk"                                                    # HTTP load generator for bench/web.py
  "nodejs|/usr/bin/node"                                                # Node.js and npm: scripts/axe.sh fetches axe-core from npm
  "npm|/usr/bin/npm"
  "libreoffice-writer|/usr/bin/soffice"                                 # LibreOffice: tests convert their Word and Excel files to PDF
  "libreoffice-calc|"
  "ocrmypdf|/usr/bin/ocrmypdf"                                          # OCR of scanned PDFs (keikaku/importer/readers/ocr.py); poppler-utils splits and joins their pages
  "tesseract-ocr|/usr/bin/tesseract"                                    # the OCR engine ocrmypdf runs
  "tesseract-ocr-jpn|/usr/share/tesseract-ocr/5/tessdata/jpn.traineddata"  # Tesseract's Japanese
  "postgresql-client|/usr/bin/pg_dump"                                  # pg_dump/pg_restore: keikaku backup and restore on PostgreSQL
)

is_present() {
  local pkg="$1" file="$2"
  if [ -n "$file" ] && [ -e "$file" ]; then
    return 0
  fi
  dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'
}

missing=()
for entry in "${PACKAGES[@]}"; do
  pkg="${entry%%|*}"
  file="${entry#*|}"
  is_present "$pkg" "$file" || missing+=("$pkg")
done

[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "keikaku needs these Debian packages: ${missing[*]}" >&2
  echo "install them as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "• installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "apt-get failed to install: ${missing[*]}" >&2
  exit 1
fi

still=()
for entry in "${PACKAGES[@]}"; do
  pkg="${entry%%|*}"
  file="${entry#*|}"
  is_present "$pkg" "$file" || still+=("$pkg")
done
if [ "${#still[@]}" -ne 0 ]; then
  echo "still missing after apt-get install: ${still[*]}" >&2
  exit 1
fi
