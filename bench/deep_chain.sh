#!/usr/bin/env bash
# The web API on a deep heap (issue 19): a linked list 600,000 nodes long, whose objects' root paths and
# dominator chains are up to 600,000 steps. Dumps tests/Objex.Cli.Tests/Targets/deep_chain.py (cached in
# $TMPDIR/objex-bench), analyses it, and runs the web-api benchmark on it: most objects drawn at random are
# list nodes deep in the chain. Prints each endpoint's p50/p95/max (docs/benchmarks.md).
#   bench/deep_chain.sh [--requests 50]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${TMPDIR:-/tmp}/objex-bench"
mkdir -p "$dir"
python="${OBJEX_BENCH_PYTHON:-python3}"
if [ ! -f "$dir/deep-chain.analysis.db" ]; then
  # The dump is kept apart from its analysis: deleting the analysis alone rebuilds it with the current code.
  if [ ! -f "$dir/deep-chain.db" ]; then
    PYTHONPATH="$repo/python" PYTHONHASHSEED=0 "$python" "$repo/tests/Objex.Cli.Tests/Targets/deep_chain.py" "$dir/deep-chain.db"
  fi
  "$repo/objex" make-analysis-db "$dir/deep-chain.db" "$dir/deep-chain.analysis.db" --force
fi
exec "$repo/bench/run.sh" web-api "$dir/deep-chain.analysis.db" "$@"
