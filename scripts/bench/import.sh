#!/usr/bin/env bash
# Import throughput against sqlite3's own `.import`, measured in the same run on the same file,
# and the time of `rapport demo` for 100,000 customers. Release build; nothing here is a unit test.
#
#   scripts/bench/import.sh [CUSTOMERS]     (default 4,000,000 customers, about 10M orders)
#
# Needs python3 with numpy (for ../shared/bench/gen_transactions.py) and sqlite3.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. scripts/bench/common.sh
customers=${1:-4000000}
data=${BENCH_DIR:-$root/.bench-data}
shared=${SHARED_DIR:-$root/../shared}
mkdir -p "$data"

command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
bench_python numpy

bench_build

tx=$data/tx-$customers.csv
if [ ! -s "$tx" ]; then
    echo "== generating $customers customers"
    "$python" "$shared/bench/gen_transactions.py" "$customers" "$tx" 7
fi
rows=$(($(wc -l < "$tx") - 1))
echo "== $tx: $rows orders, $(du -h "$tx" | cut -f1)"


echo "== sqlite3 .import into a plain table (no index, no validation)"
rm -f "$data/reference.sqlite"
start=$(now)
sqlite3 "$data/reference.sqlite" -cmd '.mode csv' ".import $tx tx"
reference=$(seconds "$start" "$(now)")

echo "== rapport import orders (validation, upserts by order id, customers created, indexes)"
cat > "$data/mapping.json" <<'JSON'
{"columns": {"customer_id": "customer_id", "order_id": "order_id", "placed_at": "date", "total": "amount"}}
JSON
rm -f "$data/rapport.sqlite" "$data"/rapport.sqlite-*
start=$(now)
"$rapport" import orders "$tx" --mapping "$data/mapping.json" --create-customers --database "$data/rapport.sqlite" </dev/null
ours=$(seconds "$start" "$(now)")

echo "== rapport import again (every row unchanged)"
start=$(now)
"$rapport" import orders "$tx" --mapping "$data/mapping.json" --create-customers --database "$data/rapport.sqlite" </dev/null
again=$(seconds "$start" "$(now)")

echo "== rapport demo --customers 100000"
rm -rf "$data/demo" "$data/demo.sqlite" "$data"/demo.sqlite-*
start=$(now)
"$rapport" demo --no-serve --customers 100000 --directory "$data/demo" --database "$data/demo.sqlite" >/dev/null
demo=$(seconds "$start" "$(now)")

printf '\n%-44s %10s %14s\n' "" "seconds" "rows/s"
printf '%-44s %10.1f %14.0f\n' "sqlite3 .import (reference)" "$reference" "$(div "$rows" "$reference")"
printf '%-44s %10.1f %14.0f\n' "rapport import orders" "$ours" "$(div "$rows" "$ours")"
printf '%-44s %10.1f %14.0f\n' "rapport import orders, again (unchanged)" "$again" "$(div "$rows" "$again")"
printf 'ratio rapport / sqlite3 rows/s: %.2f (target >= 0.70)\n' "$(div "$reference" "$ours")"
printf 'rapport demo, 100,000 customers: %.1f s (target < 60 s)\n' "$demo"
