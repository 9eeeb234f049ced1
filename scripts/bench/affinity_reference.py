"""Synthetic baskets and the mlxtend reference for Rapport's basket affinities.

    python affinity_reference.py generate N_BASKETS N_PRODUCTS OUT.csv [SEED]
        writes `basket,item` rows: Zipf-like product popularity, 1-8 items per basket, and a few
        hundred planted groups of products bought together, so that rules exist.
    python affinity_reference.py mlxtend IN.csv MIN_SUPPORT [--out FILE] [--rules MIN_CONFIDENCE]
        one-hot encodes the baskets (TransactionEncoder), times mlxtend's fpgrowth, prints
        `encode_seconds=… mlxtend_seconds=… itemsets=…`, and writes the itemsets as sorted
        `item;item<TAB>count` lines to FILE when asked.
"""
import csv
import sys
import time

import numpy as np


def generate(n_baskets, n_products, out, seed=7):
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, n_products + 1) ** 0.9
    weights /= weights.sum()
    groups = [rng.choice(n_products, size=rng.integers(2, 4), replace=False) for _ in range(max(10, n_products // 2))]
    with open(out, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["basket", "item"])
        for basket in range(n_baskets):
            size = int(rng.integers(1, 9))
            items = set(rng.choice(n_products, size=size, p=weights).tolist())
            if rng.random() < 0.3:
                items.update(groups[int(rng.integers(len(groups)))].tolist())
            for item in sorted(items):
                writer.writerow([f"B{basket}", f"P{item:04d}"])


def read_baskets(path):
    baskets = {}
    with open(path, newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for basket, item in reader:
            baskets.setdefault(basket, []).append(item)
    return list(baskets.values())


def run_mlxtend(path, min_support, out=None):
    import pandas as pd
    from mlxtend.frequent_patterns import fpgrowth
    from mlxtend.preprocessing import TransactionEncoder

    baskets = read_baskets(path)
    start = time.perf_counter()
    encoder = TransactionEncoder()
    frame = pd.DataFrame(encoder.fit(baskets).transform(baskets), columns=encoder.columns_)
    encoded = time.perf_counter()
    itemsets = fpgrowth(frame, min_support=min_support, use_colnames=True)
    mined = time.perf_counter()
    print(f"encode_seconds={encoded - start:.4f} mlxtend_seconds={mined - encoded:.4f} itemsets={len(itemsets)}")
    if out:
        total = len(baskets)
        lines = sorted(
            ";".join(sorted(items)) + "\t" + str(int(round(support * total)))
            for items, support in zip(itemsets["itemsets"], itemsets["support"])
        )
        with open(out, "w") as handle:
            handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "generate":
        generate(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 7)
    elif command == "mlxtend":
        out = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else None
        run_mlxtend(sys.argv[2], float(sys.argv[3]), out)
    else:
        sys.exit(__doc__)
