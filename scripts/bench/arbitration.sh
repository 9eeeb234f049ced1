#!/usr/bin/env bash
# Campaign arbitration. First CUSTOMERS customers (default 1,000,000) x 10 campaigns competing over
# a week under rolling caps, a minimum gap, uniqueness, daily phone and mail capacities and two
# programme budgets: the time of `rapport campaign arbitrate` (target: under 10 s). Then problems
# small enough for scipy's MILP solver (HiGHS), solved both ways: Rapport's objective as a share of
# the optimum (target: at least 99 %), both times, and an independent check that Rapport's plan
# breaks no rule. Release build.
#
#   scripts/bench/arbitration.sh [CUSTOMERS]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. scripts/bench/common.sh
customers=${1:-1000000}
data=${BENCH_DIR:-$root/.bench-data}
mkdir -p "$data"

bench_python numpy scipy

bench_build

for variant in loose tight; do
    problem=$data/arbitration-$customers-$variant
    flag=""
    [ "$variant" = tight ] && flag="--tight"
    echo "== $customers customers x 10 campaigns ($variant capacities and budgets)"
    [ -s "$problem/problem.json" ] || "$python" scripts/bench/arbitration_reference.py generate "$problem" --customers "$customers" --campaigns 10 $flag
    "$rapport" campaign arbitrate "$problem"
done

echo "== against scipy's MILP optimum (2,000 customers x 6 campaigns)"
for seed in 1 2 3; do
    for variant in loose tight; do
        problem=$data/arbitration-milp-$seed-$variant
        flag=""
        [ "$variant" = tight ] && flag="--tight"
        rm -rf "$problem"
        "$python" scripts/bench/arbitration_reference.py generate "$problem" --customers 2000 --campaigns 6 --seed "$seed" $flag >/dev/null
        echo "-- seed $seed, $variant"
        "$rapport" campaign arbitrate "$problem" | grep -E "^(objective|seconds)"
        "$python" scripts/bench/arbitration_reference.py milp "$problem"
    done
done
