#!/usr/bin/env bash
# Property-based API testing of `rapport serve` with Schemathesis, against the server's own
# /openapi.json: every operation gets generated requests (valid and invalid) and each response is
# checked. By default every check runs (no 5xx, declared status codes, content types and response
# schemas, schema-violating requests refused, undeclared methods answered 405, ...) except
# positive_data_acceptance: the document cannot say everything the server checks (a date in the
# future, a customer_id the base does not know, a phone number too short for its country, a
# segment definition that does not parse), so some schema-valid requests are rightly refused.
# CHECKS=all EXCLUDE_CHECKS= runs that one too; docs/server.md lists what it reports.
#
# Everything happens on a throw-away demo base in a temporary directory (the run sends PATCH,
# POST and DELETE requests freely): `rapport demo run --no-serve` with 300 customers, an admin with
# an API token, one server on a free loopback port, stopped however the script ends. A config
# file gives Schemathesis real references (customers, segments, imports) half of the time, so that
# requests reach existing records and not only 404s.
#
#   scripts/schemathesis.sh
#   RAPPORT_BIN=.build/debug/rapport MAX_EXAMPLES=20 scripts/schemathesis.sh
#
# Environment: RAPPORT_BIN (skip the release build, use this binary), CUSTOMERS (300),
# MAX_EXAMPLES (100 test cases per operation and phase), PHASES (examples,coverage,fuzzing,stateful),
# CHECKS (all), EXCLUDE_CHECKS (positive_data_acceptance), MODE (all: valid and invalid data; positive; negative), WORKERS (2),
# SEED (random; printed at the end, pass it back to replay the same cases), TIMEOUT (1200 s for the
# whole Schemathesis run), REPORT_DIR (.bench-data/schemathesis: JUnit and NDJSON reports and the
# console output), KEEP=1 (keep the temporary directory).
# Exit status: Schemathesis's (0 when every check passed, 1 on failures), non-zero on setup errors.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
customers=${CUSTOMERS:-300}
max_examples=${MAX_EXAMPLES:-100}
phases=${PHASES:-examples,coverage,fuzzing,stateful}
checks=${CHECKS:-all}
exclude_checks=${EXCLUDE_CHECKS-positive_data_acceptance}
mode=${MODE:-all}
workers=${WORKERS:-2}
report_dir=${REPORT_DIR:-$root/.bench-data/schemathesis}

[ -x .venv-bench/bin/python ] || python3 -m venv .venv-bench
[ -x .venv-bench/bin/st ] || .venv-bench/bin/pip install -q schemathesis
st=$root/.venv-bench/bin/st
python=$root/.venv-bench/bin/python

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rapport-schemathesis.XXXXXX")
base=$tmp/base.sqlite
server_pid=
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null
    fi
    [ -z "$server_pid" ] || wait "$server_pid" 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "== kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${RAPPORT_BIN:-}" ]; then
    # A binary someone else may rebuild during the run (the debug one): wait for it, use a copy.
    for _ in $(seq 60); do [ -x "$RAPPORT_BIN" ] && break; sleep 2; done
    cp "$RAPPORT_BIN" "$tmp/rapport"
    rapport=$tmp/rapport
    echo "== using $RAPPORT_BIN (RAPPORT_BIN)"
else
    echo "== release build"
    swift build -c release --scratch-path .build-release --product rapport 2>&1 | tail -1
    rapport=$root/.build-release/release/rapport
fi

echo "== demo base with $customers customers in $tmp"
"$rapport" demo run --no-serve --customers "$customers" --directory "$tmp/demo" --database "$base" </dev/null >"$tmp/demo.log" 2>&1 \
    || { echo "rapport demo failed:"; tail -20 "$tmp/demo.log"; exit 1; }
email=schemathesis@example.com
"$rapport" user add "$email" --role admin --name Schemathesis --database "$base" </dev/null >/dev/null
token=$("$rapport" user token "$email" --name schemathesis --database "$base" </dev/null | grep -o -m1 'rpt_[A-Za-z0-9_-]*')
[ -n "$token" ] || { echo "no API token from rapport user token"; exit 1; }


port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
echo "== rapport serve on $url"
"$rapport" serve --database "$base" --host 127.0.0.1 --port "$port" --log-level warning </dev/null >"$tmp/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 300); do
    case $(curl -sf "$url/health" 2>/dev/null || true) in *'"ok"'*) break ;; esac
    kill -0 "$server_pid" 2>/dev/null || { echo "rapport serve exited:"; tail -20 "$tmp/serve.log"; exit 1; }
    sleep 0.1
done
curl -sf "$url/health" >/dev/null || { echo "no /health after 30 s"; tail -20 "$tmp/serve.log"; exit 1; }

# One upload through the server, with a rejected row, so that GET /api/v1/imports/{id}/rejects
# has a file to serve (imports made by the CLI keep their rejects beside their input instead).
printf 'customer_id,email\nST-1,st1@example.com\nST-2,not-an-address\n' >"$tmp/upload.csv"
curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary @"$tmp/upload.csv" \
    "$url/api/v1/imports?kind=customers&name=schemathesis.csv" >/dev/null || { echo "the test upload failed"; exit 1; }

# Real identifiers for the path parameters and the records' customer_id, drawn half of the time
# (Schemathesis dictionaries); the other half stays generated.
"$python" - "$base" "$tmp/schemathesis.toml" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
column = lambda sql: [row[0] for row in db.execute(sql) if row[0] is not None]
customers = column("SELECT external_id FROM customers ORDER BY random() LIMIT 20")
references = (customers + column("SELECT email FROM customers WHERE email IS NOT NULL ORDER BY random() LIMIT 5")
              + column("SELECT phone FROM customers WHERE phone IS NOT NULL ORDER BY random() LIMIT 5"))
dictionaries = {"references": references, "customers": customers,
                "segments": column("SELECT name FROM segments"), "imports": column("SELECT id FROM imports")}
bindings = {"path.reference": "references", "path.name": "segments", "path.id": "imports",
            "body.customer_id": "customers", "body.[*].customer_id": "customers"}
toml = lambda value: json.dumps(value, ensure_ascii=True)  # a JSON string is a TOML basic string
with open(sys.argv[2], "w") as out:
    for name, values in dictionaries.items():
        if values:
            out.write(f"[dictionaries.{name}]\nvalues = [{', '.join(toml(v) for v in values)}]\n\n")
    out.write("[parameters]\n")
    for key, name in bindings.items():
        if dictionaries[name]:
            out.write(f'{toml(key)} = {{ dictionary = "{name}", probability = 0.5 }}\n')
PY

mkdir -p "$report_dir"
stamp=$(date +%Y%m%dT%H%M%S)
output=$report_dir/output-$stamp.txt
ndjson=$report_dir/report-$stamp.ndjson
echo "== schemathesis $("$st" --version | grep -o -m1 '[0-9][0-9.]*'): max $max_examples examples, phases $phases, mode $mode"
echo "   checks $checks${exclude_checks:+ except $exclude_checks}"
set +e
# Run from the temporary directory: Schemathesis keeps its caches (.schemathesis, .hypothesis)
# in the working directory, and must not pick up another schemathesis.toml.
(cd "$tmp" && timeout "${TIMEOUT:-1200}" "$st" --config-file "$tmp/schemathesis.toml" run "$url/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks "$checks" ${exclude_checks:+--exclude-checks "$exclude_checks"} --phases "$phases" --mode "$mode" --max-examples "$max_examples" --workers "$workers" \
    ${SEED:+--seed "$SEED"} --request-timeout 30 --generation-database none --no-color \
    --report junit,ndjson --report-junit-path "$report_dir/junit-$stamp.xml" --report-ndjson-path "$ndjson") \
    2>&1 | tee "$output"
status=${PIPESTATUS[0]}
set -e
[ "$status" != 124 ] || echo "schemathesis stopped after ${TIMEOUT:-1200} s (TIMEOUT)"

# One line per distinct failure (check, operation, request, status), from the NDJSON report.
if [ -s "$ndjson" ]; then
    "$python" - "$ndjson" <<'PY'
import json, sys
seen = {}
for line in open(sys.argv[1]):
    event = json.loads(line).get("ScenarioFinished")
    if not event:
        continue
    recorder = event["recorder"]
    for case_id, results in recorder.get("checks", {}).items():
        for check in results:
            if check.get("status") != "failure":
                continue
            failure = check["failure_info"]["failure"]
            case = recorder["cases"].get(case_id, {}).get("value", {})
            response = (recorder.get("interactions", {}).get(case_id) or {}).get("response") or {}
            key = (failure.get("code"), check["name"], failure.get("operation"), failure.get("title"))
            if key not in seen:
                seen[key] = (case.get("method", "?"), case.get("path", "?"), response.get("status_code", "-"), case_id,
                             failure.get("message", "").splitlines()[0] if failure.get("message") else "")
print(f"\n== {len(seen)} distinct failure(s) (check, operation: example request -> status; test case id; first line)")
for (code, name, operation, title), (method, path, status, case_id, message) in sorted(seen.items(), key=lambda kv: str(kv[0])):
    print(f"  {code} {name}: {operation}: {method} {path} -> {status}; {case_id}; {title}: {message}")
PY
fi
echo "== output and reports in $report_dir (output-$stamp.txt, junit-$stamp.xml, report-$stamp.ndjson)"
exit "$status"
