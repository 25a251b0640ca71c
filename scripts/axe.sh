#!/usr/bin/env bash
# Install axe-core (the accessibility rules engine the browser tests inject into each page)
# from the npm registry into .cache/node_modules, at one pinned version. Idempotent and
# silent when that version is already there. Needs Node.js and npm (scripts/system-deps.sh).
#   tests read .cache/node_modules/axe-core/axe.min.js
set -euo pipefail
AXE_VERSION="4.14.1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$root/.cache"
pkg="$cache/node_modules/axe-core"

installed_version() {
  [ -f "$pkg/package.json" ] && [ -f "$pkg/axe.min.js" ] || return 1
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$pkg/package.json" 2>/dev/null
}

[ "$(installed_version || true)" = "$AXE_VERSION" ] && exit 0

if ! command -v npm >/dev/null 2>&1; then
  echo "scripts/axe.sh needs npm (run scripts/system-deps.sh as root)" >&2
  exit 1
fi

echo "• installing axe-core@$AXE_VERSION into .cache/node_modules" >&2
mkdir -p "$cache"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! npm install --prefix "$cache" --no-save --no-audit --no-fund --no-package-lock --ignore-scripts \
     "axe-core@$AXE_VERSION" >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "npm failed to install axe-core@$AXE_VERSION" >&2
  exit 1
fi

got="$(installed_version || true)"
if [ "$got" != "$AXE_VERSION" ]; then
  echo "axe-core $AXE_VERSION expected in $pkg, found '${got:-nothing}'" >&2
  exit 1
fi
