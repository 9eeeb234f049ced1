"""Arbitration problems for `rapport campaign arbitrate`, and scipy's MILP solver as the reference.

  generate DIR --customers N --campaigns K [--seed S] [--tight]
      writes a problem in the format of ArbitrationProblem+Files.swift: N customers, K campaigns
      competing over a week on e-mail, SMS, phone and mail, with rolling caps, a minimum gap,
      uniqueness, daily capacities on phone and mail, two programme budgets and some history.
  milp DIR
      solves the same problem exactly with scipy.optimize.milp (HiGHS), checks Rapport's solution
      (DIR/kept.u8) against every rule independently, and prints both objectives and their ratio.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

DAY = 86_400
CHANNELS = {"email": 0, "sms": 1, "phone": 2, "mail": 3}


def generate(directory, customers, campaigns, seed, tight):
    rng = np.random.default_rng(seed)
    os.makedirs(directory, exist_ok=True)
    start = 1_796_000_000 - 1_796_000_000 % DAY
    plan = ["email", "email", "sms", "email", "phone", "mail", "email", "sms", "email", "email"]
    channel_of = np.array([CHANNELS[plan[k % len(plan)]] for k in range(campaigns)], dtype=np.uint8)
    wave_time = start + (np.arange(campaigns) * 7 * DAY // max(campaigns, 1)) + 9 * 3600
    priority = rng.integers(1, 4, campaigns).astype(float)
    response = rng.uniform(0.01, 0.08, campaigns)
    worth = rng.uniform(20, 80, campaigns)
    cost_by_channel = {0: 0.01, 1: 0.06, 2: 2.5, 3: 0.9}
    cost = np.array([cost_by_channel[int(c)] for c in channel_of])
    budget_of = [0 if k < campaigns // 2 else 1 for k in range(campaigns)]
    offers = [{"message": int(k), "priority": float(priority[k]), "cost": float(cost[k]), "budget": budget_of[k]}
              for k in range(campaigns)]

    targeted = rng.random((customers, campaigns)) < 0.5
    rows, cols = np.nonzero(targeted)  # row-major: grouped by customer
    counts = np.bincount(rows, minlength=customers)
    start_index = np.zeros(customers + 1, dtype=np.int64)
    np.cumsum(counts, out=start_index[1:])
    zone_shift = rng.integers(0, 4, customers) * 3600
    times = (wave_time[cols] + zone_shift[rows]).astype(np.int64)
    score = rng.uniform(0.2, 1.0, rows.size)
    values = priority[cols] * response[cols] * score * worth[cols]
    channels = channel_of[cols]
    day = (times - start) // DAY
    capacity = np.full(rows.size, -1, dtype=np.int32)
    # Resources: phone days 0..8 are 0..8, mail days are 9..17.
    capacity[channels == 2] = day[channels == 2]
    capacity[channels == 3] = 9 + day[channels == 3]
    share = 0.25 if tight else 0.6
    capacity_left = []
    for resource in range(18):
        used = int(np.sum(capacity == resource))
        capacity_left.append(int(used * share))
    net = values - cost[cols]
    budgets = []
    for b in (0, 1):
        mask = np.isin(cols, [k for k in range(campaigns) if budget_of[k] == b]) & (net > 0)
        budgets.append(float(cost[cols[mask]].sum() * (0.3 if tight else 0.7)))

    has_history = rng.random(customers) < 0.3
    history_rows = np.nonzero(has_history)[0]
    history_counts = np.bincount(history_rows, minlength=customers)
    history_start = np.zeros(customers + 1, dtype=np.int64)
    np.cumsum(history_counts, out=history_start[1:])
    history_time = (start - rng.integers(1, 7 * 24, history_rows.size) * 3600).astype(np.int64)
    history_channel = rng.integers(0, 4, history_rows.size).astype(np.uint8)
    history_message = np.where(rng.random(history_rows.size) < 0.05,
                               rng.integers(0, campaigns, history_rows.size), -1).astype(np.int32)

    header = {
        "customers": customers, "candidates": int(rows.size), "history": int(history_rows.size),
        "caps": [{"limit": 3, "window": 7 * DAY}, {"limit": 1, "window": 7 * DAY, "channel": 1},
                 {"limit": 1, "window": 2 * DAY, "channel": 2}],
        "minimumGap": 20 * 3600, "uniquenessWindow": 30 * DAY, "offers": offers,
        "capacityLeft": capacity_left, "budgetLeft": budgets,
    }
    with open(os.path.join(directory, "problem.json"), "w") as f:
        json.dump(header, f)
    start_index.tofile(os.path.join(directory, "candidate_start.i64"))
    cols.astype(np.int32).tofile(os.path.join(directory, "candidate_offer.i32"))
    channels.astype(np.uint8).tofile(os.path.join(directory, "candidate_channel.u8"))
    times.tofile(os.path.join(directory, "candidate_time.i64"))
    values.astype(np.float64).tofile(os.path.join(directory, "candidate_value.f64"))
    capacity.tofile(os.path.join(directory, "candidate_capacity.i32"))
    history_start.tofile(os.path.join(directory, "history_start.i64"))
    history_time.tofile(os.path.join(directory, "history_time.i64"))
    history_channel.tofile(os.path.join(directory, "history_channel.u8"))
    history_message.tofile(os.path.join(directory, "history_message.i32"))
    print(f"{customers} customers, {campaigns} campaigns, {rows.size} candidates, {history_rows.size} past contacts")


def load(directory):
    with open(os.path.join(directory, "problem.json")) as f:
        h = json.load(f)
    p = dict(h)
    read = lambda name, dtype: np.fromfile(os.path.join(directory, name), dtype=dtype)
    p["cs"] = read("candidate_start.i64", np.int64)
    p["offer"] = read("candidate_offer.i32", np.int32)
    p["channel"] = read("candidate_channel.u8", np.uint8)
    p["time"] = read("candidate_time.i64", np.int64)
    p["value"] = read("candidate_value.f64", np.float64)
    p["capacity"] = read("candidate_capacity.i32", np.int32)
    p["hs"] = read("history_start.i64", np.int64)
    p["htime"] = read("history_time.i64", np.int64)
    p["hchannel"] = read("history_channel.u8", np.uint8)
    p["hmessage"] = read("history_message.i32", np.int32)
    p["cost"] = np.array([o["cost"] for o in h["offers"]])[p["offer"]]
    p["message"] = np.array([o["message"] for o in h["offers"]])[p["offer"]]
    p["budget"] = np.array([-1 if o.get("budget") is None else o["budget"] for o in h["offers"]])[p["offer"]]
    p["net"] = p["value"] - p["cost"]
    return p


def customer_rows(p, c):
    """The constraint rows of customer c: lists of (candidate indexes, bound)."""
    rows = []
    cand = list(range(p["cs"][c], p["cs"][c + 1]))
    hist = list(range(p["hs"][c], p["hs"][c + 1]))
    forbidden = set()
    for j in cand:
        for h in hist:
            d = abs(int(p["time"][j]) - int(p["htime"][h]))
            if d < p["minimumGap"] or (p["hmessage"][h] >= 0 and p["hmessage"][h] == p["message"][j] and d < p["uniquenessWindow"]):
                forbidden.add(j)
    for j in forbidden:
        rows.append(([j], 0))
    for a in range(len(cand)):
        for b in range(a + 1, len(cand)):
            j, k = cand[a], cand[b]
            d = abs(int(p["time"][j]) - int(p["time"][k]))
            if d < p["minimumGap"] or (p["message"][j] == p["message"][k] and d < p["uniquenessWindow"]):
                rows.append(([j, k], 1))
    ends = [int(p["time"][j]) for j in cand] + [int(p["htime"][h]) for h in hist]
    for cap in p["caps"]:
        ch = cap.get("channel")
        for e in set(ends):
            inside = [j for j in cand if e - cap["window"] < p["time"][j] <= e and (ch is None or p["channel"][j] == ch)]
            if not inside:
                continue
            past = sum(1 for h in hist if e - cap["window"] < p["htime"][h] <= e and (ch is None or p["hchannel"][h] == ch))
            rows.append((inside, max(0, cap["limit"] - past)))
    return rows


def check(p, kept):
    """The first rule `kept` breaks, read independently of Rapport; None when it breaks none."""
    for c in range(p["customers"]):
        for indexes, bound in customer_rows(p, c):
            if sum(int(kept[j]) for j in indexes) > bound:
                return f"customer {c}: {indexes} above {bound}"
    for r, left in enumerate(p["capacityLeft"]):
        if int(np.sum(kept & (p["capacity"] == r))) > left:
            return f"capacity {r}"
    for b, left in enumerate(p["budgetLeft"]):
        if float(np.sum(p["cost"][kept & (p["budget"] == b)])) > left + 1e-6:
            return f"budget {b}"
    return None


def milp(directory):
    from scipy.optimize import Bounds, LinearConstraint, milp as solve
    from scipy.sparse import coo_matrix

    p = load(directory)
    n = p["candidates"]
    data, ri, ci, upper = [], [], [], []
    def add(indexes, coefficients, bound):
        row = len(upper)
        for j, a in zip(indexes, coefficients):
            ri.append(row); ci.append(j); data.append(a)
        upper.append(bound)
    for c in range(p["customers"]):
        for indexes, bound in customer_rows(p, c):
            add(indexes, [1.0] * len(indexes), bound)
    for r, left in enumerate(p["capacityLeft"]):
        idx = np.nonzero(p["capacity"] == r)[0]
        if idx.size:
            add(idx.tolist(), [1.0] * idx.size, left)
    for b, left in enumerate(p["budgetLeft"]):
        idx = np.nonzero(p["budget"] == b)[0]
        if idx.size:
            add(idx.tolist(), p["cost"][idx].tolist(), left)
    matrix = coo_matrix((data, (ri, ci)), shape=(len(upper), n)).tocsr()
    upper_bounds = np.where(p["net"] > 0, 1.0, 0.0)
    started = time.perf_counter()
    result = solve(-p["net"], constraints=LinearConstraint(matrix, -np.inf, np.array(upper, dtype=float)),
                   integrality=np.ones(n), bounds=Bounds(np.zeros(n), upper_bounds),
                   options={"mip_rel_gap": 1e-6, "time_limit": 600})
    seconds = time.perf_counter() - started
    if result.x is None:
        sys.exit(f"scipy found no solution: {result.message}")
    optimum = -result.fun
    kept = np.fromfile(os.path.join(directory, "kept.u8"), dtype=np.uint8).astype(bool)
    broken = check(p, kept)
    rapport = float(np.sum(p["net"][kept]))
    print(f"candidates {n}, constraints {len(upper)}")
    print(f"scipy milp objective {optimum:.4f} ({result.message.strip()}, {seconds:.2f} s)")
    print(f"rapport objective    {rapport:.4f}")
    print(f"ratio {rapport / optimum:.5f}")
    print(f"rules broken by rapport's plan: {broken or 'none'}")
    if broken:
        sys.exit(1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("directory")
    g.add_argument("--customers", type=int, default=1_000_000)
    g.add_argument("--campaigns", type=int, default=10)
    g.add_argument("--seed", type=int, default=7)
    g.add_argument("--tight", action="store_true")
    m = sub.add_parser("milp")
    m.add_argument("directory")
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.directory, args.customers, args.campaigns, args.seed, args.tight)
    else:
        milp(args.directory)
