#!/usr/bin/env bash
# Run the collector tests under every CPython 3.8–3.13 that pyenv has on this machine;
# fails if any version fails or if none is found. Usage: tests/python/run_all_versions.sh
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
root="${PYENV_ROOT:-$HOME/.pyenv}"
status=0 ran=0
for minor in 3.8 3.9 3.10 3.11 3.12 3.13; do
  py=""
  for p in "$root"/versions/"$minor".*/bin/python"$minor"; do [ -x "$p" ] && py="$p"; done
  if [ -z "$py" ]; then echo "== Python $minor: not installed, skipped"; continue; fi
  echo "== $("$py" -V 2>&1)"
  log="$(mktemp)"
  if PYTHONPATH="$repo/python" "$py" -m unittest discover -s tests/python -t . >"$log" 2>&1; then
    tail -n 3 "$log"
  else
    cat "$log"; status=1; echo "   FAILED under $minor"
  fi
  rm -f "$log"
  ran=$((ran + 1))
done
[ "$ran" -gt 0 ] || { echo "no CPython 3.8–3.13 found under $root/versions"; exit 1; }
exit $status
