#!/usr/bin/env bash
# The objex demo: a leaky Python service dumps its own heap (spawn_dump forks, so it keeps
# running), make-analysis-db analyses the dump, objex suspects names the leak, and the explorer
# answers "what holds memory".
# Files go to demo/out/ (or $1). Open the explorer yourself afterwards:
#   ./objex demo/out/analysis.db          (REPL)        ./objex web demo/out/analysis.db   (browser)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$repo/demo/out}"
python="${PYTHON:-python3}"
mkdir -p "$out"
rm -f "$out/dump.db" "$out/analysis.db"

echo "== 1. collect: the service handles 20,000 requests, then dumps its heap"
"$python" "$repo/demo/leaky_service.py" "$out/dump.db" 20000

echo "== 2. analyse: python -m objex make-analysis-db dump.db analysis.db"
PYTHONPATH="$repo/python" "$python" -m objex make-analysis-db "$out/dump.db" "$out/analysis.db"
ls -l "$out/dump.db" "$out/analysis.db" | awk '{print "   " $5 " bytes  " $NF}'

echo "== 3. conclude: objex suspects analysis.db"
"$repo/objex" suspects "$out/analysis.db"

echo "== 4. explore: what keeps memory alive?"
"$repo/objex" "$out/analysis.db" -c "top 5 retained; go __main__.AUDIT.entries; retained; go random; in"
