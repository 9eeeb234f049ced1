#!/usr/bin/env bash
# RFM scoring of ~10M orders / 4M customers against DuckDB and pandas (../shared/bench/rfm_duckdb.py)
# on the same file, in the same run. Rapport's load from the SQLite store is printed apart from its
# RFM time (aggregation + quintile scores + segments, on the data in memory), which is what the
# ratio compares with DuckDB's RFM query on its in-memory table. Release build.
#
#   scripts/bench/rfm.sh [CUSTOMERS]     (default 4,000,000 customers, about 10M orders)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. scripts/bench/common.sh
customers=${1:-4000000}
data=${BENCH_DIR:-$root/.bench-data}
shared=${SHARED_DIR:-$root/../shared}
mkdir -p "$data"

bench_python duckdb pandas numpy

bench_build

tx=$data/tx-$customers.csv
if [ ! -s "$tx" ]; then
    echo "== generating $customers customers"
    "$python" "$shared/bench/gen_transactions.py" "$customers" "$tx" 7
fi
base=$data/rfm-$customers.sqlite
if [ ! -s "$base" ]; then
    echo "== importing $tx into $base"
    cat > "$data/mapping.json" <<'JSON'
{"columns": {"customer_id": "customer_id", "order_id": "order_id", "placed_at": "date", "total": "amount"}}
JSON
    "$rapport" import orders "$tx" --mapping "$data/mapping.json" --create-customers --database "$base" </dev/null | tail -1
fi

echo "== DuckDB and pandas (../shared/bench/rfm_duckdb.py)"
reference=$("$python" "$shared/bench/rfm_duckdb.py" "$tx")
echo "$reference"
duck=$(echo "$reference" | awk '/^duckdb/ { sub("s", "", $5); print $5 }')
pandas=$(echo "$reference" | awk '/^pandas/ { sub("s", "", $5); print $5 }')

echo "== rapport analyze --as-of 2024-07-01 --dry-run --timings (RFM over the whole history, as the reference)"
configuration=$data/rfm-bench.json
echo '{"clusters": {"enabled": false}}' > "$configuration"
out=$("$rapport" analyze --as-of 2024-07-01 --dry-run --timings --configuration "$configuration" --database "$base")
echo "$out" | sed -n '/^Timings/,$p'
step() { echo "$out" | awk -v s="$1" '$1 == s { print $2 }'; }
load=$(step load)
ours=$(awk -v a="$(step aggregate)" -v b="$(step rfm)" 'BEGIN { print a + b }')

echo
echo "rapport load from SQLite: ${load} s"
echo "rapport RFM (aggregate + scores + segments): ${ours} s"
awk -v d="$duck" -v p="$pandas" -v o="$ours" 'BEGIN {
    printf "ratio DuckDB RFM / rapport RFM: %.1f x (target >= 5)\n", d / o
    printf "ratio pandas RFM / rapport RFM: %.1f x\n", p / o }'
