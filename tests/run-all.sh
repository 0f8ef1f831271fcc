#!/usr/bin/env bash
# The whole test suite: the collector's tests under every CPython 3.8–3.13 on this machine,
# then every C# test project (which start real interpreters, real dumps and the real CLI).
# Ends with one line "N passed, N failed" over all of them.
set -uo pipefail
# Started in the background without job control (`tests/run-all.sh &` in a script), the shell
# and every process the tests start would ignore SIGINT and SIGQUIT, and the Ctrl-C tests would
# fail; a shell cannot undo that for itself, so the suite runs again through env, which can.
if [ -z "${OBJEX_SIGNALS_RESET:-}" ] && env --default-signal=INT true 2>/dev/null; then
  OBJEX_SIGNALS_RESET=1 exec env --default-signal=INT,QUIT "$0" "$@"
fi
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
results="$repo/TestResults"
rm -rf "$results" && mkdir -p "$results"
passed=0 failed=0 skipped=0

python_for() {  # the interpreter for a minor version: pyenv's, else one on PATH
  local v="$1" root="${PYENV_ROOT:-$HOME/.pyenv}"
  for p in "$root"/versions/"$v".*/bin/python"$v"; do [ -x "$p" ] && { echo "$p"; return; }; done
  command -v "python$v" || true
}

for v in 3.8 3.9 3.10 3.11 3.12 3.13; do
  py="$(python_for "$v")"
  if [ -z "$py" ]; then
    echo "== Python $v: NOT INSTALLED, its collector tests did not run" >&2
    failed=$((failed + 1)); continue
  fi
  echo "== collector tests under $($py -V 2>&1) ($py)"
  log="$results/python-$v.log"
  PYTHONPATH="$repo/python" "$py" -m unittest discover -s tests/python -t . 2>&1 | tee "$log" | tail -n 4
  ran=$(grep -Eo '^Ran [0-9]+' "$log" | grep -Eo '[0-9]+' || echo 0)
  bad=0; for n in $(grep -Eo '(failures|errors)=[0-9]+' "$log" | grep -Eo '[0-9]+'); do bad=$((bad + n)); done
  skip=$(grep -Eo 'skipped=[0-9]+' "$log" | grep -Eo '[0-9]+' || echo 0)
  if ! grep -qE '^OK' "$log"; then [ "${bad:-0}" -gt 0 ] || bad=1; fi
  passed=$((passed + ran - ${bad:-0} - ${skip:-0})); failed=$((failed + ${bad:-0})); skipped=$((skipped + ${skip:-0}))
done

echo "== C# tests"
dotnet build objex.slnx -c Release --nologo -v q 2>&1 | grep -E 'error|Warn|Error' | head -50
dotnet test objex.slnx -c Release --no-build --nologo --logger "trx" --results-directory "$results/dotnet" 2>&1 | grep -vE '^\s*$' | tail -n 40
for trx in "$results"/dotnet/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -Eo " $1=\"[0-9]+\"" | grep -Eo '[0-9]+' || echo 0; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed) + $(get error))); skipped=$((skipped + $(get total) - $(get executed)))
done
if ! ls "$results"/dotnet/*.trx >/dev/null 2>&1; then echo "no C# test results: the build or test run failed" >&2; failed=$((failed + 1)); fi

echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
