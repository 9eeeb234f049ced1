#!/usr/bin/env python3
"""Reference side of scripts/bench/models.sh.

  models_reference.py simulate N OUT.csv [SEED]   BG/NBD + Gamma-Gamma summary with the CDNOW
                                                  parameters (weeks): ID,frequency,recency,T,monetary_value
  models_reference.py fit SUMMARY.csv             lifetimes' BetaGeoFitter and GammaGammaFitter, timed
"""
import sys
import time

import numpy as np


def simulate(n, out, seed):
    rng = np.random.default_rng(seed)
    r, alpha, a, b = 0.243, 4.414, 0.793, 2.426
    p, q, gamma = 6.25, 3.74, 15.44
    T = 78.0 - rng.uniform(0, 12, n)  # first purchase in the first 12 weeks, observed to week 78
    lam = rng.gamma(r, 1 / alpha, n)
    drop = rng.beta(a, b, n)
    x = np.zeros(n)
    last = np.zeros(n)
    now = np.zeros(n)
    alive = np.ones(n, dtype=bool)
    while alive.any():
        idx = np.flatnonzero(alive)
        now[idx] += rng.exponential(1 / np.maximum(lam[idx], 1e-12))
        bought = now[idx] <= T[idx]
        hit = idx[bought]
        x[hit] += 1
        last[hit] = now[hit]
        alive[idx[~bought]] = False
        died = rng.random(hit.size) < drop[hit]
        alive[hit[died]] = False
    nu = rng.gamma(q, 1 / gamma, n)
    spend = np.where(x > 0, rng.gamma(np.maximum(p * x, 1e-9), 1 / nu) / np.maximum(x, 1), 0.0)
    with open(out, "w") as f:
        f.write("ID,frequency,recency,T,monetary_value\n")
        for i in range(n):
            f.write(f"{i},{int(x[i])},{last[i]:.6f},{T[i]:.6f},{spend[i]:.6f}\n")
    print(f"{n} customers, {int((x > 0).sum())} with repeat purchases -> {out}", file=sys.stderr)


def fit(path):
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    d = pd.read_csv(path)
    start = time.perf_counter()
    bg = BetaGeoFitter()
    bg.fit(d["frequency"], d["recency"], d["T"])
    seconds = time.perf_counter() - start
    params = " ".join(f"{k} {v:.6g}" for k, v in bg.params_.items())
    print(f"lifetimes bg-nbd {seconds:.3f} s: {params}")
    repeat = d[(d["frequency"] > 0) & (d["monetary_value"] > 0)]
    start = time.perf_counter()
    gg = GammaGammaFitter()
    gg.fit(repeat["frequency"], repeat["monetary_value"])
    seconds = time.perf_counter() - start
    params = " ".join(f"{k} {v:.6g}" for k, v in gg.params_.items())
    print(f"lifetimes gamma-gamma {seconds:.3f} s: {params}")


if __name__ == "__main__":
    if sys.argv[1] == "simulate":
        simulate(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    else:
        fit(sys.argv[2])
