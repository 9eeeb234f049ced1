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
. scripts/bench/common.sh
rows=${1:-1000000}
data=${BENCH_DIR:-$root/.bench-data}
mkdir -p "$data"

bench_python pandas

bench_build

customers=$data/dup-$rows.csv
truth=$data/dup-$rows.truth.csv
if [ ! -s "$customers" ]; then
    echo "== generating $rows customers with known duplicates"
    python3 scripts/bench/gen_duplicates.py "$rows" "$customers" "$truth" 7
fi


echo "== import"
base=$data/dedupe.sqlite
rm -f "$base" "$base"-*
"$rapport" import customers "$customers" --database "$base" </dev/null | tail -1

echo "== rapport dedupe (read every customer, block, score, merge, queue the review)"
start=$(now)
"$rapport" dedupe --database "$base" --merges-out "$data/dedupe-merges.csv" --limit 0 </dev/null
ours=$(seconds "$start" "$(now)")
printf 'rapport dedupe: %.1f s (target < 60 s)\n' "$ours"
"$python" scripts/bench/dedupe_score.py "$truth" "$data/dedupe-merges.csv" || true

echo "== reference: exact e-mail or phone keys (pandas)"
start=$(now)
"$python" scripts/bench/dedupe_reference.py "$customers" "$data/dedupe-reference.csv"
reference=$(seconds "$start" "$(now)")
"$python" scripts/bench/dedupe_score.py "$truth" "$data/dedupe-reference.csv" || true
echo "time ratio rapport / pandas exact keys: $(awk -v a="$ours" -v b="$reference" 'BEGIN { printf "%.2f", a / b }')"
