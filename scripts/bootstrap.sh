#!/usr/bin/env bash
# Create .venv at the repo root (Python 3.11+) and install keikaku into it.
# Usage: scripts/bootstrap.sh [EXTRA]   (EXTRA: "test" adds the test tools)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
extra="${1:-}"
cd "$root"

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  echo "keikaku needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
  return 1
}

if [ ! -x .venv/bin/python ]; then
  python="$(find_python)"
  echo "• creating .venv with $python" >&2
  "$python" -m venv .venv
fi

spec="."
[ -n "$extra" ] && spec=".[$extra]"
stamp=".venv/.keikaku-installed-${extra:-base}"
# "compat" editable mode puts the source folder on sys.path through a .pth line: no import hook
# to load at every start-up (the default mode's finder costs tens of milliseconds per command).
mode=compat
want="$( (cat pyproject.toml; echo "$mode") | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "• installing keikaku${extra:+ with $extra} into .venv" >&2
  log=.venv/install.log
  if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip &&
         .venv/bin/python -m pip install --disable-pip-version-check --config-settings editable_mode="$mode" -e "$spec"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "installation failed; the full log is $root/$log" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
fi
# Byte-compile the sources: an editable install does not, and with PYTHONDONTWRITEBYTECODE set
# every command would compile every module again at start-up. Only changed files are compiled.
.venv/bin/python -m compileall -q keikaku >/dev/null
