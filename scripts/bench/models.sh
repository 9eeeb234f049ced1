#!/usr/bin/env bash
# BG/NBD and Gamma-Gamma fits on a simulated summary of 1M customers (CDNOW parameters), against the
# `lifetimes` package fitting the same file in the same run. Prints both fits and the ratios.
# Release build.
#
#   scripts/bench/models.sh [CUSTOMERS]     (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. scripts/bench/common.sh
customers=${1:-1000000}
data=${BENCH_DIR:-$root/.bench-data}
mkdir -p "$data"

bench_python lifetimes numpy pandas

bench_build

summary=$data/summary-$customers.csv
[ -s "$summary" ] || "$python" scripts/bench/models_reference.py simulate "$customers" "$summary" 7

echo "== lifetimes $("$python" -c 'import lifetimes; print(lifetimes.__version__)')"
reference=$("$python" scripts/bench/models_reference.py fit "$summary")
echo "$reference"

echo "== rapport analyze fit"
bg=$("$rapport" analyze fit "$summary" --model bg-nbd | tail -1)
gg=$("$rapport" analyze fit "$summary" --model gamma-gamma | tail -1)
echo "$bg"
echo "$gg"

seconds() { echo "$1" | sed -E 's/.*\[([0-9.]+) s\]$/\1/'; }
lifetimes_bg=$(echo "$reference" | awk '/^lifetimes bg-nbd/ { print $3 }')
lifetimes_gg=$(echo "$reference" | awk '/^lifetimes gamma-gamma/ { print $3 }')
awk -v l="$lifetimes_bg" -v o="$(seconds "$bg")" 'BEGIN { printf "BG/NBD: lifetimes %.3f s / rapport %.3f s = %.1f x (target >= 20)\n", l, o, l / o }'
awk -v l="$lifetimes_gg" -v o="$(seconds "$gg")" 'BEGIN { printf "Gamma-Gamma: lifetimes %.3f s / rapport %.3f s = %.1f x (target >= 20)\n", l, o, l / o }'
echo "(compare the parameters above to 3 significant digits; rapport's fit time includes its standard errors)"
