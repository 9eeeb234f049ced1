#!/usr/bin/env bash
# Segment evaluation against DuckDB: a segment of three conditions, one of them an order aggregate
# over a time window, on 1M customers and 10M orders. Both sides hold the data in memory before the
# clock starts (Rapport: its frame loaded from the SQLite store; DuckDB: tables loaded from the same
# CSV files); the figure is the fastest of 5 evaluations. Release build.
#
#   scripts/bench/segments.sh [CUSTOMERS] [ORDERS]     (default 1,000,000 and 10,000,000)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. scripts/bench/common.sh
customers=${1:-1000000}
orders=${2:-10000000}
data=${BENCH_DIR:-$root/.bench-data}/segments-$customers-$orders
mkdir -p "$data"
as_of=2025-12-31
definition='country = "FR" and created < 2025-01-01 and orders in last 365 days >= 3'

bench_python duckdb pandas numpy

bench_build

if [ ! -s "$data/orders.csv" ]; then
    echo "== generating $customers customers and $orders orders"
    "$python" scripts/bench/segment_reference.py generate "$customers" "$orders" "$data"
fi
base=$data/base.sqlite
if [ ! -s "$base" ]; then
    echo "== importing into $base"
    "$rapport" import customers "$data/customers.csv" --database "$base" </dev/null | tail -1
    cat > "$data/mapping.json" <<'JSON'
{"columns": {"customer_id": "customer_id", "order_id": "order_id", "placed_at": "date", "total": "amount"}}
JSON
    "$rapport" import orders "$data/orders.csv" --mapping "$data/mapping.json" --database "$base" </dev/null | tail -1
fi

echo "== Rapport: $definition"
ours=$("$rapport" segment evaluate "$definition" --as-of "$as_of" --limit 0 --timings --repeat 5 --database "$base" 2>&1 >/dev/null)
echo "$ours"
echo "== DuckDB (same data, in memory)"
reference=$("$python" scripts/bench/segment_reference.py duckdb "$data" "$as_of" 5)
echo "$reference"

value() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
ours_members=$(value "$ours" members)
duck_members=$(value "$reference" members)
[ "$ours_members" = "$duck_members" ] || { echo "MISMATCH: Rapport $ours_members members, DuckDB $duck_members"; exit 1; }
"$python" - "$(value "$ours" evaluate_seconds)" "$(value "$reference" duckdb_seconds)" "$ours_members" <<'PY'
import sys
ours, duck, members = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
print(f"same members ({members}); Rapport {ours:.4f} s, DuckDB {duck:.4f} s: {duck / ours:.1f}x faster than DuckDB")
PY
