#!/usr/bin/env bash
# The HTTP server under load, on the 1M-customer / 10M-order base of segments.sh (copied, never
# touched; generated like segments.sh does when absent). One `rapport serve` on a free loopback
# port, driven by wrk on the same machine:
#
#   a. customer 360: GET /api/v1/customers/<random existing reference> with a bearer token, 64
#      connections, 1 wrk thread, 30 s: requests/s and latency p50/p90/p99. Target: p99 < 20 ms.
#      Then a sweep over fewer connections (SWEEP, 10 s each): where the p99 target holds.
#   b. the same 360 view read straight from the SQLite file by Python (server_reference.py: the
#      server's SELECTs, single-threaded, no HTTP, no JSON, no auth): per-lookup p50/p99, and the
#      ratio Rapport p99 over HTTP / SQLite-direct p99 = what HTTP + JSON + load cost over the query.
#   c. batch event ingestion: POST /api/v1/events/batch, 1,000 new web_visit events a request
#      (unique event ids), 4 connections, 20 s; durable events/s = events acknowledged (the server
#      commits with synchronous = FULL before answering) / wrk's time, checked against the rows
#      added to `events` (an acknowledged event missing there fails the run). Target >= 20,000/s.
#      Reference: Python sqlite3 recording as many events, 1,000 a transaction, synchronous = FULL,
#      into another copy of the base.
#   d. the server is stopped (SIGTERM, then waited for) however the script ends.
#
# Release build. Targets missed print FAIL; the exit status is 0 unless STRICT=1 (or something broke).
#
#   scripts/bench/server.sh [CUSTOMERS]            (default 1,000,000 customers, 10 orders each)
#   CUSTOMERS=2000 DURATION=10s INGEST_DURATION=10s RAPPORT_BIN=.build/debug/rapport scripts/bench/server.sh
#
# Environment: CUSTOMERS, ORDERS (10 × CUSTOMERS), DURATION (30s, after an uncounted WARMUP of 5s),
# CONNECTIONS (64), THREADS (1: wrk's own thread shares the cores with the server), SWEEP ("8 16 32",
# SWEEP_DURATION 10s; SWEEP= to skip), INGEST_DURATION (20s), INGEST_CONNECTIONS (4), BATCH (1000),
# LOOKUPS (20000 reference lookups), LOG_LEVEL (warning: no log line per request), RAPPORT_BIN (skip
# the build and use this binary), BENCH_DIR (.bench-data), KEEP=1 (keep the copies of the base),
# STRICT=1 (exit 1 when a target is missed).
# wrk and the server share the machine's cores: on a small machine the figures include wrk's own CPU.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. scripts/bench/common.sh
customers=${1:-${CUSTOMERS:-1000000}}
orders=${ORDERS:-$((customers * 10))}
duration=${DURATION:-30s}
warmup=${WARMUP:-5s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-1}
sweep=${SWEEP-8 16 32}
sweep_duration=${SWEEP_DURATION:-10s}
ingest_duration=${INGEST_DURATION:-20s}
ingest_connections=${INGEST_CONNECTIONS:-4}
batch=${BATCH:-1000}
lookups=${LOOKUPS:-20000}
log_level=${LOG_LEVEL:-warning}
at=2026-06-01T12:00:00Z
bench=${BENCH_DIR:-$root/.bench-data}
source=$bench/segments-$customers-$orders        # segments.sh's data: CSV files and base.sqlite
work=$bench/server-$customers                    # this script's copies, ids and logs
mkdir -p "$source" "$work"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
bench_python pandas numpy

if [ -n "${RAPPORT_BIN:-}" ]; then
    # A binary someone else may rebuild during the run (the debug one): wait for it, use a copy.
    for _ in $(seq 60); do [ -x "$RAPPORT_BIN" ] && break; sleep 2; done
    cp "$RAPPORT_BIN" "$work/rapport"
    rapport=$work/rapport
    echo "== using $RAPPORT_BIN (RAPPORT_BIN, copied to $rapport)"
else
    bench_build
fi

# --- the base: segments.sh's, generated the way segments.sh does when absent -------------------
if [ ! -s "$source/base.sqlite" ]; then
    if [ ! -s "$source/orders.csv" ]; then
        echo "== generating $customers customers and $orders orders (segment_reference.py)"
        "$python" scripts/bench/segment_reference.py generate "$customers" "$orders" "$source"
    fi
    echo "== importing into $source/base.sqlite"
    "$rapport" import customers "$source/customers.csv" --database "$source/base.sqlite" </dev/null | tail -1
    cat > "$source/mapping.json" <<'JSON'
{"columns": {"customer_id": "customer_id", "order_id": "order_id", "placed_at": "date", "total": "amount"}}
JSON
    "$rapport" import orders "$source/orders.csv" --mapping "$source/mapping.json" --database "$source/base.sqlite" </dev/null | tail -1
fi
base=$work/base.sqlite                 # served, and receives the events of part c
reference_base=$work/reference.sqlite  # receives the reference's events
echo "== copying $source/base.sqlite ($(du -h "$source/base.sqlite" | cut -f1)) twice"
for copy in "$base" "$reference_base"; do
    rm -f "$copy" "$copy-wal" "$copy-shm"
    cp "$source/base.sqlite" "$copy"
    [ ! -s "$source/base.sqlite-wal" ] || cp "$source/base.sqlite-wal" "$copy-wal"
done

# A random sample of existing references, shared by wrk's scripts and the references.
ids=$work/ids.txt
sqlite3 "$base" "SELECT external_id FROM customers ORDER BY random() LIMIT 100000" > "$ids"
echo "== $(wc -l < "$ids") customer references sampled (e.g. $(head -1 "$ids"))"

email=bench-server@example.com
"$rapport" user add "$email" --role marketer --name "Server benchmark" --database "$base" </dev/null >/dev/null
token=$("$rapport" user token "$email" --name bench --database "$base" </dev/null | grep -o -m1 'rpt_[A-Za-z0-9_-]*')
[ -n "$token" ] || { echo "no API token from rapport user token"; exit 1; }

# --- the server ------------------------------------------------------------------------------
server_pid=
stop_server() {
    [ -n "$server_pid" ] || return 0
    if kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$server_pid" 2>/dev/null && { echo "server still up 10 s after SIGTERM: SIGKILL"; kill -KILL "$server_pid"; }
    fi
    wait "$server_pid" 2>/dev/null || true
    server_pid=
}
cleanup() {
    stop_server
    [ "${KEEP:-0}" = 1 ] || rm -f "$base" "$base-wal" "$base-shm" "$reference_base" "$reference_base-wal" "$reference_base-shm"
    [ -z "${RAPPORT_BIN:-}" ] || rm -f "$work/rapport"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
echo "== rapport serve on $url (log: $work/serve.log)"
"$rapport" serve --database "$base" --host 127.0.0.1 --port "$port" --log-level "$log_level" </dev/null >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 600); do
    case $(curl -sf "$url/health" 2>/dev/null || true) in *'"ok"'*) break ;; esac
    kill -0 "$server_pid" 2>/dev/null || { echo "rapport serve exited:"; tail -20 "$work/serve.log"; exit 1; }
    sleep 0.1
done
curl -sf "$url/health" >/dev/null || { echo "no /health after 60 s"; tail -20 "$work/serve.log"; exit 1; }
curl -sf -H "Authorization: Bearer $token" "$url/api/v1/customers/$(head -1 "$ids")" >/dev/null \
    || { echo "GET /api/v1/customers/$(head -1 "$ids") fails:"; curl -s -H "Authorization: Bearer $token" "$url/api/v1/customers/$(head -1 "$ids")"; exit 1; }

value() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | tail -1; }

# --- a. customer 360 over HTTP ------------------------------------------------------------------
echo "== a. customer 360: warm-up, wrk -t$threads -c$connections -d$warmup (not counted)"
wrk -t"$threads" -c"$connections" -d"$warmup" --timeout 10s \
    -s scripts/bench/server_customer360.lua "$url" -- "$token" "$ids" | grep '^requests=' | sed 's/^/   /'
echo "== a. customer 360: wrk -t$threads -c$connections -d$duration"
wrk_360=$(wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s \
    -s scripts/bench/server_customer360.lua "$url" -- "$token" "$ids")
echo "$wrk_360" | sed 's/^/   /'
http_line=$(echo "$wrk_360" | grep '^requests=')
[ "$(value "$http_line" non2xx)" = 0 ] && [ "$(value "$http_line" socket_errors)" = 0 ] \
    || { echo "customer 360: errors during the run (see above; server log $work/serve.log)"; exit 1; }

sweep_lines=
for sweep_connections in $sweep; do
    line=$(wrk -t"$threads" -c"$sweep_connections" -d"$sweep_duration" --timeout 10s \
        -s scripts/bench/server_customer360.lua "$url" -- "$token" "$ids" | grep '^requests=')
    echo "   -c$sweep_connections: $line"
    sweep_lines="$sweep_lines connections=$sweep_connections:$(echo "$line" | tr ' ' ',')"
done

# --- b. the same views straight from SQLite --------------------------------------------------
echo "== b. customer 360 straight from SQLite (Python sqlite3, single-threaded, $lookups lookups)"
direct_line=$("$python" scripts/bench/server_reference.py lookups "$base" "$ids" "$lookups")
echo "   $direct_line"

# --- c. batch event ingestion -----------------------------------------------------------------
events_before=$(sqlite3 "$base" "SELECT count(*) FROM events")
run=bench$(date +%s)
echo "== c. event ingestion: wrk -t$threads -c$ingest_connections -d$ingest_duration, $batch events a request"
wrk_events=$(wrk -t"$threads" -c"$ingest_connections" -d"$ingest_duration" --timeout 60s \
    -s scripts/bench/server_events.lua "$url" -- "$token" "$ids" "$run" "$batch" "$at")
echo "$wrk_events" | sed 's/^/   /'
ingest_line=$(echo "$wrk_events" | grep '^requests=')
sleep 1   # let a request still in flight when wrk stopped finish committing
events_after=$(sqlite3 "$base" "SELECT count(*) FROM events")
durable=$((events_after - events_before))
[ "$(value "$ingest_line" non2xx)" = 0 ] || { echo "event ingestion: refused batches (see above)"; exit 1; }
[ "$durable" -gt 0 ] || { echo "event ingestion: no event recorded"; exit 1; }

# --- d. stop the server, then the ingestion reference on the other copy ----------------------------
stop_server
echo "== server stopped"
echo "== c'. reference: Python sqlite3 recording $durable events, $batch a transaction, synchronous = FULL"
ingest_reference=$("$python" scripts/bench/server_reference.py ingest "$reference_base" "$ids" "$durable" "$batch" "$at")
echo "   $ingest_reference"

# --- results --------------------------------------------------------------------------------------
"$python" - "$http_line" "$direct_line" "$ingest_line" "$durable" "$batch" "$ingest_reference" "$customers" "$sweep_lines" <<'PY' | tee "$work/result.txt"
import sys
fields = lambda line: dict(pair.split("=", 1) for pair in line.split())
http, direct, ingest = fields(sys.argv[1]), fields(sys.argv[2]), fields(sys.argv[3])
durable, batch, reference, customers = int(sys.argv[4]), int(sys.argv[5]), fields(sys.argv[6]), int(sys.argv[7])
verdict = lambda ok: "PASS" if ok else "FAIL"
failed = []

print(f"\n{customers:,} customers")
p99 = float(http["p99_ms"])
print(f"a. customer 360 over HTTP: {float(http['rps']):,.0f} requests/s; latency p50 {float(http['p50_ms']):.2f} ms, "
      f"p90 {float(http['p90_ms']):.2f} ms, p99 {p99:.2f} ms (max {float(http['max_ms']):.1f} ms)"
      f" -> {verdict(p99 < 20)} (target p99 < 20 ms)")
if p99 >= 20: failed.append("customer 360 p99")
for entry in sys.argv[8].split():
    count, line = entry.split(":", 1)
    run = dict(pair.split("=", 1) for pair in line.split(","))
    print(f"   with {count.split('=')[1]:>3} connections: {float(run['rps']):,.0f} requests/s; p50 {float(run['p50_ms']):.2f} ms, "
          f"p99 {float(run['p99_ms']):.2f} ms -> {verdict(float(run['p99_ms']) < 20)}")
print(f"b. customer 360 straight from SQLite (Python, 1 thread, unloaded): p50 {float(direct['p50_ms']):.3f} ms, "
      f"p99 {float(direct['p99_ms']):.3f} ms")
print(f"   HTTP+JSON cost over the raw query (Rapport p99 under load / SQLite-direct p99): "
      f"{p99 / float(direct['p99_ms']):.1f}x   (p50: {float(http['p50_ms']) / float(direct['p50_ms']):.1f}x)")

# Every acknowledged batch was committed (synchronous = FULL) before its answer, so the rate counts
# acknowledged events, checked against the rows in the table; a batch still in flight when wrk
# stopped may add rows that no client saw acknowledged within the time.
seconds = float(ingest["seconds"])
acknowledged = int(ingest["requests"]) * batch
rate = min(durable, acknowledged) / seconds
print(f"c. event ingestion: {acknowledged:,} events acknowledged in {seconds:.1f} s, {durable:,} rows added to events: "
      f"{rate:,.0f} durable events/s -> {verdict(rate >= 20000)} (target >= 20,000 events/s)")
if rate < 20000: failed.append("event ingestion")
if durable < acknowledged:
    print(f"   LOST: {acknowledged - durable:,} acknowledged events are not in the table")
    failed.append("acknowledged events missing")
print(f"   batch latency p50 {float(ingest['p50_ms']):.0f} ms, p99 {float(ingest['p99_ms']):.0f} ms")
ref_rate = float(reference["events_per_s"])
print(f"   reference, Python sqlite3 in transactions of {batch:,} (synchronous = FULL): {ref_rate:,.0f} events/s; "
      f"Rapport over HTTP / reference: {rate / ref_rate:.2f}")
print("targets: " + ("all met" if not failed else "FAIL " + ", ".join(failed)))
PY
if [ "${STRICT:-0}" = 1 ] && grep -q '^targets: FAIL' "$work/result.txt"; then exit 1; fi
