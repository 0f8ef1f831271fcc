#!/usr/bin/env bash
# Runs one of Objex.Bench's benchmarks, built in Release (see docs/benchmarks.md):
#   bench/run.sh analysis --objects 1850000 --refs 2400000 --runs 3
#   bench/run.sh diff --objects 1000000 --refs 1300000 --runs 3
#   bench/run.sh explorer ANALYSIS.db        bench/run.sh web-api ANALYSIS.db
#   bench/run.sh suspects ANALYSIS.db --runs 3
# The built dll is started with `dotnet` directly: the analysis benchmark re-runs itself in
# child processes (fresh memory per run), which `dotnet run` does not pass through cleanly.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/.build/bench"
dotnet build "$repo/bench/Objex.Bench/Objex.Bench.csproj" -c Release -o "$out" --nologo -v q >/dev/null
exec dotnet "$out/Objex.Bench.dll" "$@"
