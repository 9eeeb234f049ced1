#!/usr/bin/env bash
# A campaign report over a million contacts: `rapport report campaign` (release build) on a base
# with one campaign of CONTACTS contacts (10 % held out), their reactions, and the orders around
# them (report_reference.py generate), against the same report computed by pandas reading the same
# SQLite file in the same run. Target: under 2 s. Prints both times, the ratio, and checks that
# both found the same conversions.
#
#   scripts/bench/report.sh [CONTACTS]        (default 1,000,000)
#
# Environment: RAPPORT_BIN (skip the build), BENCH_DIR (.bench-data), STRICT=1 (exit 1 on a miss).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. scripts/bench/common.sh
contacts=${1:-${CONTACTS:-1000000}}
work=${BENCH_DIR:-$root/.bench-data}/report-$contacts
bench_python pandas numpy
if [ -n "${RAPPORT_BIN:-}" ]; then rapport=$(realpath "$RAPPORT_BIN"); else bench_build; fi
mkdir -p "$work" && cd "$work"
if [ ! -f base.sqlite ]; then
    echo "== a base with one campaign of $contacts contacts (in $work)"
    "$rapport" init --database base.sqlite >/dev/null
    cat >bench.json <<'JSON'
{"name": "Bench", "target": "kind = \"customer\"", "at": "2026-12-01T09:00:00Z", "holdout": 0.1}
JSON
    "$rapport" campaign create bench.json --database base.sqlite >/dev/null
    "$python" "$root/scripts/bench/report_reference.py" generate base.sqlite 1 "$contacts"
fi
"$rapport" report campaign Bench --database base.sqlite >/dev/null   # warm the file cache
echo "== rapport report campaign Bench"
t0=$(now)
"$rapport" report campaign Bench --database base.sqlite | tee rapport.txt | sed 's/^/   /'
rapport_seconds=$(seconds "$t0" "$(now)")
echo "== reference: pandas over the same file"
reference=$("$python" "$root/scripts/bench/report_reference.py" measure base.sqlite 1 14)
echo "   $reference"
"$python" - "$rapport_seconds" "$reference" rapport.txt <<'PY'
import os, re, sys
rapport_seconds = float(sys.argv[1])
reference = dict(pair.split("=", 1) for pair in sys.argv[2].split())
text = open(sys.argv[3]).read()
treated = int(re.search(r"treated\s+([\d,]+) converted", text).group(1).replace(",", ""))
control = int(re.search(r"control\s+([\d,]+) converted", text).group(1).replace(",", ""))
same = treated == int(reference["treated_converted"]) and control == int(reference["control_converted"])
ok = rapport_seconds < 2 and same
print(f"\nrapport report campaign: {rapport_seconds:.2f} s (whole command: open, read, compute, print); "
      f"pandas: {float(reference['seconds']):.2f} s; ratio {float(reference['seconds']) / rapport_seconds:.1f}x; "
      f"conversions {'equal' if same else 'DIFFER'} -> {'PASS' if ok else 'FAIL'} (target < 2 s)")
if not ok and os.environ.get("STRICT") == "1": sys.exit(1)
PY
