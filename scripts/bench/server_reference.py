"""The raw-SQLite references for Rapport's server benchmark (scripts/bench/server.sh).

    python server_reference.py lookups BASE IDS_FILE [LOOKUPS] [WARMUP] [RECENT]
        One customer 360 view per lookup, read straight from the SQLite file with the same SELECTs
        the server runs for GET /api/v1/customers/{reference} (Customer360Reader, the scores and
        the segments of the customer; `RECENT` recent orders and events, 20 like the API),
        single-threaded, for random references from IDS_FILE (one external id a line). WARMUP
        lookups first, untimed. Prints `lookups=<n> p50_ms=… p90_ms=… p99_ms=… max_ms=…`.

    python server_reference.py ingest BASE IDS_FILE EVENTS [BATCH] [AT]
        Records EVENTS new web_visit events for random existing customers in transactions of BATCH
        (1,000) with PRAGMA synchronous = FULL, doing per batch what the server's batch import does
        in SQL: look the event ids up (idempotency), resolve the customer references, insert, commit.
        The events are built before the clock starts. Prints `events=<n> seconds=… events_per_s=…`.
        BASE must be a copy: it is written to.

No HTTP, no JSON, no authentication: what is left is the price of the queries themselves, which is
what the ratios in server.sh compare Rapport against.
"""
import calendar
import random
import sqlite3
import sys
import time
import uuid


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, int(round(p / 100 * len(sorted_values) + 0.5)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def read_ids(path):
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def open_base(path):
    connection = sqlite3.connect(path, isolation_level=None)  # autocommit; transactions are explicit
    # The server's connection settings (SQLiteKnowledgeBase.init).
    connection.execute("PRAGMA cache_size = -262144")
    connection.execute("PRAGMA temp_store = MEMORY")
    connection.execute("PRAGMA mmap_size = 1073741824")
    return connection


def customer_360(db, reference, recent):
    """The reads behind one GET /api/v1/customers/{reference}, in the server's order."""
    row = db.execute("SELECT id FROM customers WHERE external_id = ?", (reference,)).fetchone()
    if row is None:
        row = db.execute(
            "SELECT customer_id FROM identities WHERE value = ? AND kind IN ('email', 'phone') LIMIT 1",
            (reference,)).fetchone()
    if row is None:
        raise LookupError(f"no customer {reference}")
    cid = row[0]
    db.execute("BEGIN")  # one read transaction, like GRDB's pool.read
    view = {
        "customer": db.execute("SELECT * FROM customers WHERE id = ?", (cid,)).fetchone(),
        "identities": db.execute(
            "SELECT kind, value FROM identities WHERE customer_id = ? ORDER BY kind, value", (cid,)).fetchall(),
        "consents": db.execute(
            """SELECT channel, status, source, at FROM consents c
               WHERE customer_id = ?1 AND at = (SELECT max(at) FROM consents WHERE customer_id = ?1 AND channel = c.channel)
               ORDER BY channel""", (cid,)).fetchall(),
    }
    orders = db.execute(
        "SELECT * FROM orders WHERE customer_id = ? ORDER BY placed_at DESC, id DESC LIMIT ?", (cid, recent)).fetchall()
    view["orders"] = [
        (order, db.execute(
            """SELECT p.sku, p.name, l.quantity, l.amount FROM order_lines l JOIN products p ON p.id = l.product_id
               WHERE l.customer_id = ? AND l.order_id = ? ORDER BY l.line_no""", (cid, order[1])).fetchall())
        for order in orders
    ]
    view["events"] = db.execute(
        "SELECT * FROM events WHERE customer_id = ? ORDER BY at DESC, id DESC LIMIT ?", (cid, recent)).fetchall()
    view["totals"] = db.execute(
        """SELECT count(*) AS n, coalesce(sum(total), 0) AS revenue, coalesce(sum(margin), 0) AS margin,
                  min(placed_at) AS first, max(placed_at) AS last
           FROM orders WHERE customer_id = ? AND status = 'completed'""", (cid,)).fetchone()
    view["event_count"] = db.execute("SELECT count(*) FROM events WHERE customer_id = ?", (cid,)).fetchone()[0]
    db.execute("COMMIT")
    view["scores"] = db.execute("SELECT * FROM scores WHERE customer_id = ?", (cid,)).fetchone()
    view["segments"] = db.execute(
        """SELECT s.* FROM segment_members m JOIN segments s ON s.id = m.segment_id
           WHERE m.customer_id = ? ORDER BY s.name""", (cid,)).fetchall()
    return view


def lookups(base, ids_file, count=20000, warmup=2000, recent=20):
    ids = read_ids(ids_file)
    db = open_base(base)
    db.execute("PRAGMA query_only = ON")
    rng = random.Random(7)
    for _ in range(warmup):
        customer_360(db, rng.choice(ids), recent)
    times = []
    clock = time.perf_counter
    for _ in range(count):
        reference = rng.choice(ids)
        start = clock()
        customer_360(db, reference, recent)
        times.append(clock() - start)
    times.sort()
    ms = lambda p: percentile(times, p) * 1000  # noqa: E731
    print(f"lookups={count} p50_ms={ms(50):.3f} p90_ms={ms(90):.3f} p99_ms={ms(99):.3f} max_ms={times[-1] * 1000:.3f}")


def ingest(base, ids_file, events, batch=1000, at="2026-06-01T12:00:00Z"):
    ids = read_ids(ids_file)
    db = open_base(base)
    db.execute("PRAGMA synchronous = FULL")  # what the server sets for its durable commits
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    at_seconds = calendar.timegm(time.strptime(at, "%Y-%m-%dT%H:%M:%SZ"))
    run = uuid.uuid4().hex[:8]
    rng = random.Random(11)
    # The requests, prepared before the clock starts (the server's clients build theirs too).
    batches = []
    for b in range(0, events, batch):
        batches.append([(f"ref-{run}-{i}", rng.choice(ids)) for i in range(b, min(b + batch, events))])
    next_id = (db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0] or 0) + 1
    start = time.perf_counter()
    inserted = 0
    for records in batches:
        db.execute("BEGIN IMMEDIATE")
        rows = []
        for event_id, reference in records:
            if db.execute("SELECT id FROM events WHERE external_id = ?", (event_id,)).fetchone() is not None:
                continue  # already recorded: a retry
            customer = db.execute("SELECT id FROM customers WHERE external_id = ?", (reference,)).fetchone()
            if customer is None:
                continue  # the server rejects it
            rows.append((customer[0], next_id, event_id, "web_visit", None, at_seconds, None, "{}", hash(event_id)))
            next_id += 1
        db.executemany(
            "INSERT INTO events (customer_id, id, external_id, type, channel, at, campaign, properties, fingerprint)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("COMMIT")
        inserted += len(rows)
    seconds = time.perf_counter() - start
    print(f"events={inserted} seconds={seconds:.3f} events_per_s={inserted / seconds:.0f} journal={mode}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "lookups" and len(args) >= 3:
        lookups(args[1], args[2], *(int(a) for a in args[3:6]))
    elif args and args[0] == "ingest" and len(args) >= 4:
        ingest(args[1], args[2], int(args[3]), *(int(a) for a in args[4:5]), *args[5:6])
    else:
        sys.exit(__doc__)
