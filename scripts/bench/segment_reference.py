"""Data and the DuckDB reference for Rapport's segment evaluation benchmark.

    python segment_reference.py generate N_CUSTOMERS N_ORDERS DIR [SEED]
        writes DIR/customers.csv (customer_id,country,created_at) and DIR/orders.csv
        (customer_id,order_id,date,amount) over 2023-2025.
    python segment_reference.py duckdb DIR AS_OF [REPEAT]
        loads both files into in-memory DuckDB tables (not timed against Rapport), then runs the
        benchmark segment as SQL REPEAT times and prints `duckdb_seconds=<fastest> members=<n>`.

The segment: country = "FR" and created < 2025-01-01 and orders in last 365 days >= 3.
"""
import sys
import time

import numpy as np


def generate(customers, orders, directory, seed=11):
    import pandas as pd

    rng = np.random.default_rng(seed)
    start = np.datetime64("2023-01-01")
    countries = np.array(["FR", "BE", "CH", "GB", "DE"])
    frame = pd.DataFrame({
        "customer_id": np.char.add("C", np.arange(customers).astype(str)),
        "country": countries[rng.choice(5, size=customers, p=[0.5, 0.15, 0.1, 0.15, 0.1])],
        "created_at": (start + rng.integers(0, 900, size=customers).astype("timedelta64[D]")).astype(str),
    })
    frame.to_csv(f"{directory}/customers.csv", index=False)
    # Orders: customers drawn with skew (some buy often), dates uniform over three years.
    weights = rng.gamma(0.8, 1.0, size=customers)
    weights /= weights.sum()
    owners = np.sort(rng.choice(customers, size=orders, p=weights))
    days = rng.integers(0, 3 * 365, size=orders).astype("timedelta64[D]")
    pd.DataFrame({
        "customer_id": np.char.add("C", owners.astype(str)),
        "order_id": np.arange(1, orders + 1),
        "date": (start + days).astype(str),
        "amount": np.round(rng.gamma(2.0, 30.0, size=orders), 2),
    }).to_csv(f"{directory}/orders.csv", index=False)


def run_duckdb(directory, as_of, repeat):
    import duckdb

    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE customers AS SELECT * FROM read_csv_auto('{directory}/customers.csv')")
    connection.execute(f"CREATE TABLE orders AS SELECT * FROM read_csv_auto('{directory}/orders.csv')")
    query = f"""
        SELECT count(*) FROM customers c
        JOIN (SELECT customer_id FROM orders
              WHERE date > DATE '{as_of}' - INTERVAL 365 DAY AND date <= DATE '{as_of}'
              GROUP BY customer_id HAVING count(*) >= 3) recent USING (customer_id)
        WHERE c.country = 'FR' AND c.created_at < DATE '2025-01-01'
    """
    best = float("inf")
    members = None
    for _ in range(repeat):
        start = time.perf_counter()
        members = connection.execute(query).fetchone()[0]
        best = min(best, time.perf_counter() - start)
    print(f"duckdb_seconds={best:.4f} members={members}")


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 11)
    elif sys.argv[1] == "duckdb":
        run_duckdb(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    else:
        sys.exit(__doc__)
