#!/usr/bin/env bash
# The PostgreSQL store: COPY import throughput next to `psql \copy` of the same file into a plain
# table, measured in the same run on the same server; then the analysis of the same orders loaded
# from PostgreSQL and from SQLite, whose scores must be the same. Release build; not a unit test.
#
#   scripts/bench/postgres.sh [CUSTOMERS]   (default 4,000,000 customers, about 10M orders)
#
# Starts a throwaway PostgreSQL cluster (scripts/test-postgres.sh, fsync off for both sides) and
# needs python3 with numpy (../shared/bench/gen_transactions.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. scripts/bench/common.sh
customers=${1:-4000000}
data=${BENCH_DIR:-$root/.bench-data}
shared=${SHARED_DIR:-$root/../shared}
port=${BENCH_POSTGRES_PORT:-55440}
mkdir -p "$data"

bench_python numpy

bench_build

tx=$data/tx-$customers.csv
if [ ! -s "$tx" ]; then
    echo "== generating $customers customers"
    "$python" "$shared/bench/gen_transactions.py" "$customers" "$tx" 7
fi
rows=$(($(wc -l < "$tx") - 1))
echo "== $tx: $rows orders, $(du -h "$tx" | cut -f1)"

cluster=$data/postgres-cluster
server=$(scripts/test-postgres.sh start "$cluster" "$port")
trap 'scripts/test-postgres.sh stop "$cluster" || true' EXIT
psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }
fresh_database() {
    psql "$server" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
    echo "${server%/*}/$1"
}


echo "== psql \\copy into a plain table (typed columns, no index, no validation)"
reference_db=$(fresh_database bench_reference)
psql "$reference_db" -c "CREATE TABLE tx (customer_id text, order_id text, date date, amount double precision)"
start=$(now)
psql "$reference_db" -c "\\copy tx FROM '$tx' WITH (FORMAT csv, HEADER true)"
reference=$(seconds "$start" "$(now)")

cat > "$data/mapping.json" <<'JSON'
{"columns": {"customer_id": "customer_id", "order_id": "order_id", "placed_at": "date", "total": "amount"}}
JSON

echo "== rapport import orders into PostgreSQL (validation, upserts by order id, customers created, indexes)"
rapport_db=$(fresh_database bench_rapport)
start=$(now)
"$rapport" import orders "$tx" --mapping "$data/mapping.json" --create-customers --database "$rapport_db" </dev/null
ours=$(seconds "$start" "$(now)")

echo "== rapport import again (every row unchanged)"
start=$(now)
"$rapport" import orders "$tx" --mapping "$data/mapping.json" --create-customers --database "$rapport_db" </dev/null
again=$(seconds "$start" "$(now)")

echo "== the same orders into SQLite, for the scores"
sqlite=$data/postgres-bench.sqlite
rm -f "$sqlite" "$sqlite"-*
"$rapport" import orders "$tx" --mapping "$data/mapping.json" --create-customers --database "$sqlite" </dev/null >/dev/null

as_of=$("$python" -c "import csv,sys; r=csv.reader(open(sys.argv[1])); next(r); print(max(row[2] for row in r))" "$tx")
echo "== rapport analyze --as-of $as_of on both stores"
start=$(now)
"$rapport" analyze --as-of "$as_of" --database "$rapport_db" >/dev/null
analyze_postgres=$(seconds "$start" "$(now)")
start=$(now)
"$rapport" analyze --as-of "$as_of" --database "$sqlite" >/dev/null
analyze_sqlite=$(seconds "$start" "$(now)")

echo "== rapport migrate-store: the SQLite base copied into PostgreSQL (the store's COPY path alone)"
copy_db=$(fresh_database bench_copy)
"$rapport" migrate-store --from "$sqlite" --to "$copy_db" > "$data/migrate-store.txt"
head -1 "$data/migrate-store.txt"
copied_rows=$(head -1 "$data/migrate-store.txt" | sed -E 's/^Copied ([0-9,]+) rows.*/\1/' | tr -d ,)
copied_seconds=$(head -1 "$data/migrate-store.txt" | sed -E 's/.* in ([0-9.]+) s;.*/\1/')
grep -q "The copy is identical" "$data/migrate-store.txt" && echo "every table identical in the copy"

echo "== scores of both stores, customer by customer"
"$python" scripts/bench/compare_scores.py "$sqlite" "$rapport_db"

printf '\n%-52s %10s %14s\n' "" "seconds" "rows/s"
printf '%-52s %10.1f %14.0f\n' "psql \\copy into a plain table (reference)" "$reference" "$(div "$rows" "$reference")"
printf '%-52s %10.1f %14.0f\n' "rapport import orders (PostgreSQL)" "$ours" "$(div "$rows" "$ours")"
printf '%-52s %10.1f %14.0f\n' "rapport import orders, again (unchanged)" "$again" "$(div "$rows" "$again")"
printf 'ratio rapport / psql \\copy rows/s: %.2f (target >= 0.70)\n' "$(div "$reference" "$ours")"
printf '%-52s %10.1f %14.0f\n' "rapport migrate-store SQLite -> PostgreSQL (all tables)" "$copied_seconds" "$(div "$copied_rows" "$copied_seconds")"
printf 'rapport analyze: %.1f s from PostgreSQL, %.1f s from SQLite\n' "$analyze_postgres" "$analyze_sqlite"
