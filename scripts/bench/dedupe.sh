#!/usr/bin/env bash
# Identity resolution against a ground truth: ROWS customers (default 1,000,000) of which 5 % are
# known duplicates with typos, swapped fields and missing values (gen_duplicates.py). Prints the
# time of `rapport dedupe` on SQLite, its precision and recall, and the same for the exact
# e-mail/phone matching most tools offer (pandas), run on the same file. Release build.
#
#   scripts/bench/dedupe.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
rows=${1:-1000000}
data=${BENCH_DIR:-$root/.bench-data}
mkdir -p "$data"

python=python3
if ! python3 -c 'import pandas' 2>/dev/null; then
    [ -x .venv-bench/bin/python ] || python3 -m venv .venv-bench
    .venv-bench/bin/python -c 'import pandas' 2>/dev/null || .venv-bench/bin/pip install -q pandas
    python=.venv-bench/bin/python
fi

echo "== release build"
swift build -c release --scratch-path .build-release --product rapport 2>&1 | tail -1
rapport=$root/.build-release/release/rapport

customers=$data/dup-$rows.csv
truth=$data/dup-$rows.truth.csv
if [ ! -s "$customers" ]; then
    echo "== generating $rows customers with known duplicates"
    python3 scripts/bench/gen_duplicates.py "$rows" "$customers" "$truth" 7
fi

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "== import"
base=$data/dedupe.sqlite
rm -f "$base" "$base"-*
"$rapport" import customers "$customers" --database "$base" </dev/null | tail -1

echo "== rapport dedupe (read every customer, block, score, merge, queue the review)"
start=$(now)
"$rapport" dedupe --database "$base" --merges-out "$data/dedupe-merges.csv" --limit 0 </dev/null
ours=$(seconds "$start" "$(now)")
echo "rapport dedupe: $ours s (target < 60 s)"
"$python" scripts/bench/dedupe_score.py "$truth" "$data/dedupe-merges.csv" || true

echo "== reference: exact e-mail or phone keys (pandas)"
start=$(now)
"$python" scripts/bench/dedupe_reference.py "$customers" "$data/dedupe-reference.csv"
reference=$(seconds "$start" "$(now)")
"$python" scripts/bench/dedupe_score.py "$truth" "$data/dedupe-reference.csv" || true
echo "time ratio rapport / pandas exact keys: $(awk -v a="$ours" -v b="$reference" 'BEGIN { printf "%.2f", a / b }')"
