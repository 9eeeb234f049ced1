"""Data and reference for scripts/bench/report.sh.

    python report_reference.py generate BASE.sqlite CAMPAIGN_ID CONTACTS   # fills contacts and orders
    python report_reference.py measure BASE.sqlite CAMPAIGN_ID WINDOW_DAYS  # the report in pandas

generate: CONTACTS contacts of one campaign (10 % held out, the rest sent, 90 % of them delivered,
20 % opened, 3 % clicked), one customer each; a true conversion of 5 % for treated and 4 % for
control within 14 days, spending 20-120; plus orders outside the window and cancelled ones as noise.
measure: reads the same rows with pandas (sqlite3) and computes treated/control conversions,
revenue and the z-test, as `rapport report campaign` does; prints seconds and the figures.
"""
import json
import math
import sqlite3
import sys
import time

import numpy as np


def generate(base, campaign, contacts):
    rng = np.random.default_rng(2026)
    db = sqlite3.connect(base)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    start = 1_796_000_000
    ids = np.arange(1, contacts + 1, dtype=np.int64)
    control = rng.random(contacts) < 0.1
    sent_at = start + rng.integers(0, 3600, contacts)
    rows = (
        (int(c), int(c), campaign, 0, "email", "bench", None, "marketing", "control" if k else "sent",
         "campaign holdout" if k else None, start, start, None if k else int(s), 0.0 if k else 0.002, 0.05, f"{c}:{campaign}:0")
        for c, k, s in zip(ids, control, sent_at))
    db.executemany("INSERT INTO contacts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    # The wave as `rapport campaign run` records it: every targeted customer has a contact row.
    db.execute("INSERT INTO campaign_waves VALUES (?, 0, ?, ?, ?, ?, ?)",
               (campaign, start, start, contacts, int(contacts), float(0.002 * int((~control).sum()))))
    kinds = [("delivered", 0.9), ("opened", 0.2), ("clicked", 0.03)]
    for kind, share in kinds:
        chosen = ids[(~control) & (rng.random(contacts) < share)]
        db.executemany("INSERT INTO responses VALUES (?,?,?,?,?,?,?)",
                       ((int(c), int(c), kind, start + 7200, campaign, "email", None) for c in chosen))
    converted = rng.random(contacts) < np.where(control, 0.04, 0.05)
    order_id = 0
    orders = []
    for c, k, s in zip(ids[converted], control[converted], sent_at[converted]):
        order_id += 1
        at = int(s) + int(rng.integers(60, 14 * 86400))
        total = float(round(rng.uniform(20, 120), 2))
        orders.append((int(c), order_id, f"B{order_id}", at, "web", None, "completed", total, round(total * 0.4, 2), 1, "EUR", order_id))
    noise = ids[rng.random(contacts) < 0.05]
    for c in noise:
        order_id += 1
        at = start - int(rng.integers(86400, 200 * 86400))
        orders.append((int(c), order_id, f"B{order_id}", at, "web", None, "completed", 50.0, 20.0, 1, "EUR", order_id))
        order_id += 1
        orders.append((int(c), order_id, f"B{order_id}", start + 86400, "web", None, "cancelled", 50.0, 20.0, 1, "EUR", order_id))
    db.executemany("INSERT INTO orders VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", orders)
    db.commit()
    print(json.dumps({"contacts": contacts, "orders": len(orders)}))


def measure(base, campaign, window_days):
    import pandas as pd
    began = time.perf_counter()
    db = sqlite3.connect(base)
    contacts = pd.read_sql_query(
        "SELECT customer_id, id, status, rule, planned_at, sent_at, cost FROM contacts WHERE campaign_id = ?", db, params=(campaign,))
    contacts = contacts[contacts.status != "suppressed"]
    contacts = contacts[~((contacts.status == "control") & (contacts.rule == "global holdout"))]
    contacts["start"] = np.where(contacts.status == "sent", contacts.sent_at.fillna(contacts.planned_at), contacts.planned_at)
    window = window_days * 86400
    low, high = contacts.start.min(), contacts.start.max() + window
    orders = pd.read_sql_query(
        "SELECT customer_id, placed_at, total, status AS order_status FROM orders WHERE placed_at >= ? AND placed_at < ?", db, params=(int(low), int(high) + 1))
    orders = orders[(orders.order_status != "cancelled") & (orders.order_status != "returned")]
    joined = contacts.merge(orders, on="customer_id", how="left")
    inside = (joined.placed_at >= joined.start) & (joined.placed_at <= joined.start + window)
    joined["revenue"] = np.where(inside, joined.total, 0.0)
    joined["hit"] = inside
    per_contact = joined.groupby(["id", "status"], as_index=False).agg(revenue=("revenue", "sum"), hit=("hit", "max"))
    treated = per_contact[per_contact.status != "control"]
    control = per_contact[per_contact.status == "control"]
    responses = pd.read_sql_query("SELECT kind, count(DISTINCT contact_id) AS n FROM responses WHERE campaign_id = ? GROUP BY kind",
                                  db, params=(campaign,))
    x1, n1, x2, n2 = int(treated.hit.sum()), len(treated), int(control.hit.sum()), len(control)
    pooled = (x1 + x2) / (n1 + n2)
    z = (x1 / n1 - x2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    elapsed = time.perf_counter() - began
    print(f"seconds={elapsed:.3f} treated={n1} control={n2} treated_converted={x1} control_converted={x2} "
          f"revenue={treated.revenue.sum():.2f} z={z:.4f} reactions={int(responses.n.sum())}")


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        measure(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
