"""Writes a Deep10M-shaped float32 .fbin file: ROWS x DIM L2-normalised vectors drawn from a seeded Gaussian
mixture (CLUSTERS unit-norm centres, each point its centre plus isotropic noise, then L2-normalised), the shape of
Deep1B's PCA-reduced, L2-normalised CNN descriptors. Written in chunks to DST.tmp and renamed into place.

usage: make_deep_like.py DST ROWS DIM [CLUSTERS] [SEED]
"""
import os
import sys

import numpy as np

dst, rows, dim = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
clusters = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 0
rng = np.random.default_rng(seed)
centres = rng.standard_normal((clusters, dim)).astype(np.float32)
centres /= np.linalg.norm(centres, axis=1, keepdims=True)
# Per-dimension noise so a point's noise has norm ~0.6 against its unit-norm centre: clusters overlap, as real ones do.
sigma = np.float32(0.6 / np.sqrt(dim))
chunk = 500_000
with open(dst + ".tmp", "wb") as f:
    np.array([rows, dim], dtype=np.int32).tofile(f)
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        x = centres[rng.integers(0, clusters, n)]
        x += sigma * rng.standard_normal((n, dim), dtype=np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        x.tofile(f)
os.replace(dst + ".tmp", dst)
