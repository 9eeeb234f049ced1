#!/usr/bin/env python3
"""Precision and recall of automatic merges against the generator's ground truth.

    dedupe_score.py TRUTH_CSV MERGES_CSV

TRUTH_CSV: duplicate_id,original_id (gen_duplicates.py). MERGES_CSV: survivor_id,absorbed_id,...
(`rapport dedupe --merges-out`). Both sides become clusters of customer ids (transitively); the
figures are pairwise over those clusters, the usual measure of entity resolution: a true pair is
two records of one person, a predicted pair two records that merges put together.
Also prints the same per merge: the share of merges whose two customers are one person.
"""
import csv
import sys
from collections import Counter, defaultdict


def clusters(pairs):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    return {x: find(x) for x in parent}


def pair_count(n):
    return n * (n - 1) // 2


def main():
    with open(sys.argv[1]) as f:
        truth = [(r["duplicate_id"], r["original_id"]) for r in csv.DictReader(f)]
    with open(sys.argv[2]) as f:
        merges = [(r["survivor_id"], r["absorbed_id"]) for r in csv.DictReader(f)]
    true_cluster = clusters(truth)
    predicted_cluster = clusters(merges)
    true_pairs = sum(pair_count(n) for n in Counter(true_cluster.values()).values())
    predicted_pairs = sum(pair_count(n) for n in Counter(predicted_cluster.values()).values())
    both = Counter()
    for record, predicted in predicted_cluster.items():
        both[(predicted, true_cluster.get(record, "single:" + record))] += 1
    correct_pairs = sum(pair_count(n) for n in both.values())
    precision = correct_pairs / predicted_pairs if predicted_pairs else 1.0
    recall = correct_pairs / true_pairs if true_pairs else 1.0
    right_merges = sum(1 for a, b in merges if a in true_cluster and b in true_cluster and true_cluster[a] == true_cluster[b])
    print(f"duplicates injected: {len(truth)} (true pairs {true_pairs})")
    print(f"automatic merges: {len(merges)} (predicted pairs {predicted_pairs}), {right_merges} of one person")
    print(f"pairwise precision: {precision:.4f} (target >= 0.99)")
    print(f"pairwise recall:    {recall:.4f} (target >= 0.95)")
    print(f"merge precision:    {right_merges / len(merges) if merges else 1.0:.4f}")
    ok = precision >= 0.99 and recall >= 0.95
    sys.exit(0 if ok else 3)


if __name__ == "__main__":
    main()
