#!/usr/bin/env python3
"""Compares the latest scores of two knowledge bases, SQLite and PostgreSQL, customer by customer.

    compare_scores.py BASE.sqlite postgres://…

Numbers are compared exactly (psql prints the shortest text that reads back as the same double);
prints how many customers and values were compared and every column that differs; exits 1 if any.
"""
import csv
import io
import sqlite3
import subprocess
import sys

COLUMNS = [
    "customer_id", "recency", "frequency", "monetary", "r_score", "f_score", "m_score", "rfm_segment",
    "p_alive", "expected_purchases", "expected_spend", "clv", "value_tier", "potential_tier",
    "lifecycle_stage", "tactical_target", "cluster", "engagement", "data_quality", "strategy", "tactical_targets",
]


def normal(value):
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def main(sqlite_path, postgres_url):
    query = f"SELECT {', '.join(COLUMNS)} FROM scores ORDER BY customer_id"
    left = sqlite3.connect(sqlite_path).execute(query)
    text = subprocess.run(["psql", "-X", "--csv", postgres_url, "-c", query], check=True, capture_output=True, text=True).stdout
    right = csv.reader(io.StringIO(text))
    next(right)
    compared = 0
    differing = {}
    largest = {}
    for a, b in zip(left, right, strict=True):
        compared += 1
        for name, x, y in zip(COLUMNS, a, b):
            x, y = normal(x), normal(y)
            if x != y:
                differing[name] = differing.get(name, 0) + 1
                if isinstance(x, float) and isinstance(y, float):
                    relative = abs(x - y) / max(abs(x), abs(y), 1e-300)
                    largest[name] = max(largest.get(name, 0.0), relative)
    print(f"{compared:,} customers, {compared * len(COLUMNS):,} values compared")
    if not differing:
        print("scores identical on both stores")
        return 0
    for name, count in sorted(differing.items()):
        extra = f", largest relative difference {largest[name]:.2e}" if name in largest else ""
        print(f"  {name}: {count:,} customers differ{extra}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
