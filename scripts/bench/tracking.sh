#!/usr/bin/env bash
# The tracking endpoints under load, on the demo base (10,000 people) with two campaigns run:
#
#   a. `rapport serve` on a free loopback port; wrk GETs open pixels and click redirects of the
#      campaigns' contacts (`rapport tracking links`), drawn at random, 64 connections, 1 wrk
#      thread, DURATION after an uncounted WARMUP: requests/s and latency p50/p90/p99. Every
#      answer comes after its reaction is committed (group commit, synchronous = FULL); the
#      script checks the responses table grew. Targets: >= 5,000 requests/s and p99 < 20 ms.
#   b. the reference, in the same run on a copy of the base: Python's ThreadingHTTPServer
#      checking the same tokens with the same secret and committing each reaction
#      (tracking_reference.py); the ratio Rapport / reference.
#
# Release build. Targets missed print FAIL; the exit status is 0 unless STRICT=1.
#
#   scripts/bench/tracking.sh
#   DURATION=10s RAPPORT_BIN=.build/debug/rapport scripts/bench/tracking.sh
#
# Environment: DURATION (20s), WARMUP (5s), CONNECTIONS (64), THREADS (1), LOG_LEVEL (warning),
# RAPPORT_BIN (skip the build), BENCH_DIR (.bench-data), STRICT=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. scripts/bench/common.sh
duration=${DURATION:-20s}
warmup=${WARMUP:-5s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-1}
log_level=${LOG_LEVEL:-warning}
work=${BENCH_DIR:-$root/.bench-data}/tracking
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3; }
bench_python numpy
if [ -n "${RAPPORT_BIN:-}" ]; then rapport=$(realpath "$RAPPORT_BIN"); else bench_build; fi

rm -rf "$work" && mkdir -p "$work" && cd "$work"
echo "== demo base and two campaigns (in $work)"
"$rapport" demo --no-serve >demo.log 2>&1
"$rapport" campaign set-status "Sleepwalkers wake-up" scheduled >/dev/null
"$rapport" campaign set-status "Christmas gifts" scheduled >/dev/null
for at in 2026-12-07T09:00:00Z 2026-12-14T09:00:00Z 2026-12-21T09:00:00Z; do "$rapport" campaign run --at "$at" >/dev/null; done
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
reference_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
"$rapport" tracking set --base-url "$url" >/dev/null
for campaign in "Sleepwalkers wake-up" "Christmas gifts"; do
    "$rapport" tracking links "$campaign" --limit 100000 --destination "https://shop.example.com/christmas?from=mail"
done >links.tsv
{ cut -f1 links.tsv; cut -f2 links.tsv; } | sed "s|^$url||" >paths.txt
echo "   $(wc -l <links.tsv) contacts, $(wc -l <paths.txt) paths (pixels and clicks)"
cp rapport.sqlite reference.sqlite
[ -f rapport.sqlite-wal ] && cp rapport.sqlite-wal reference.sqlite-wal || true

server_pid=
stop() { [ -n "$server_pid" ] && { kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }; server_pid=; }
trap stop EXIT
wait_for() { for _ in $(seq 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "nothing answers at $1"; exit 1; }

run_wrk() {   # URL LABEL
    wrk -t"$threads" -c"$connections" -d"$warmup" --timeout 10s -s "$root/scripts/bench/tracking.lua" "$1" -- paths.txt >/dev/null
    local out
    out=$(wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s -s "$root/scripts/bench/tracking.lua" "$1" -- paths.txt)
    echo "$out" | sed 's/^/   /' >&2
    echo "$out" | grep '^requests='
}

echo "== a. rapport serve: wrk -t$threads -c$connections -d$duration (after $warmup of warm-up)"
"$rapport" serve --port "$port" --log-level "$log_level" </dev/null >serve.log 2>&1 &
server_pid=$!
wait_for "$url/health"
before=$(sqlite3 rapport.sqlite "SELECT count(*) FROM responses")
rapport_line=$(run_wrk "$url")
stop
after=$(sqlite3 rapport.sqlite "SELECT count(*) FROM responses")
echo "   responses: $before -> $after"

echo "== b. reference: Python ThreadingHTTPServer + sqlite3, one commit a request"
"$python" "$root/scripts/bench/tracking_reference.py" reference.sqlite "$reference_port" >reference.log 2>&1 &
server_pid=$!
wait_for "http://127.0.0.1:$reference_port/"
reference_line=$(run_wrk "http://127.0.0.1:$reference_port")
stop

"$python" - "$rapport_line" "$reference_line" "$before" "$after" <<'PY' | tee result.txt
import os, sys
fields = lambda line: dict(pair.split("=", 1) for pair in line.split())
rapport, reference = fields(sys.argv[1]), fields(sys.argv[2])
before, after = int(sys.argv[3]), int(sys.argv[4])
rps, p99 = float(rapport["rps"]), float(rapport["p99_ms"])
ok = rps >= 5000 and p99 < 20 and int(rapport["non2xx"]) == 0 and int(rapport["socket_errors"]) == 0 and after > before
print(f"\nrapport serve: {rps:,.0f} requests/s, p50 {float(rapport['p50_ms']):.2f} ms, p90 {float(rapport['p90_ms']):.2f} ms, "
      f"p99 {p99:.2f} ms, max {float(rapport['max_ms']):.1f} ms; {rapport['non2xx']} refused, {rapport['socket_errors']} socket errors; "
      f"{after - before:,} new reactions -> {'PASS' if ok else 'FAIL'} (target >= 5,000/s, p99 < 20 ms)")
print(f"reference:     {float(reference['rps']):,.0f} requests/s, p99 {float(reference['p99_ms']):.2f} ms"
      f"; Rapport / reference = {rps / float(reference['rps']):.1f}x requests/s")
if not ok and os.environ.get("STRICT") == "1": sys.exit(1)
PY
