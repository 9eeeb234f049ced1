#!/usr/bin/env bash
# Frequent itemsets by FP-growth against mlxtend's fpgrowth on the same baskets (100k baskets over
# 500 products at 0.1% support by default), in the same run; both itemset lists are compared.
# Times cover the mining only (mlxtend's one-hot encoding and Rapport's file reading are printed
# apart). Release build.
#
#   scripts/bench/affinity.sh [BASKETS] [PRODUCTS] [MIN_SUPPORT]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. scripts/bench/common.sh
baskets=${1:-100000}
products=${2:-500}
support=${3:-0.001}
data=${BENCH_DIR:-$root/.bench-data}
mkdir -p "$data"

bench_python mlxtend pandas numpy

bench_build

file=$data/baskets-$baskets-$products.csv
[ -s "$file" ] || "$python" scripts/bench/affinity_reference.py generate "$baskets" "$products" "$file"

echo "== mlxtend fpgrowth"
reference=$("$python" scripts/bench/affinity_reference.py mlxtend "$file" "$support" --out "$data/itemsets-mlxtend.tsv")
echo "$reference"
echo "== Rapport"
ours=$("$rapport" affinity rules --baskets "$file" --level product --min-support "$support" --top 0 \
    --itemsets-output "$data/itemsets-rapport.tsv" --timings 2>&1 >/dev/null)
echo "$ours"
if diff -q "$data/itemsets-mlxtend.tsv" "$data/itemsets-rapport.tsv" >/dev/null; then
    echo "same itemsets"
else
    echo "MISMATCH: itemsets differ (diff $data/itemsets-mlxtend.tsv $data/itemsets-rapport.tsv)"
    exit 1
fi
value() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
"$python" - "$(value "$ours" fpgrowth_seconds)" "$(value "$reference" mlxtend_seconds)" <<'PY'
import sys
ours, reference = float(sys.argv[1]), float(sys.argv[2])
print(f"Rapport {ours:.4f} s, mlxtend {reference:.4f} s: {reference / ours:.1f}x faster than mlxtend")
PY
