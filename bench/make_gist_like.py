"""Writes a GIST-shaped synthetic dataset: N clustered 960-d float32 vectors plus Q queries, as big-ann .fbin files.

Each vector is a cluster centre plus a shared low-rank variation plus isotropic noise, all non-negative like
GIST descriptors, so nearest neighbours are meaningful and hashing has structure to learn.
Usage: make_gist_like.py OUT_BASE.fbin OUT_QUERY.fbin N Q DIM SEED
Run with Debian's /usr/bin/python3 (numpy). Files are written beside the target and renamed when complete.
"""
import os
import sys

import numpy as np

CLUSTERS = 256
RANK = 32
CHUNK = 50_000


def write_fbin(path, rows, dim, generate):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        np.array([rows, dim], dtype=np.int32).tofile(f)
        for start in range(0, rows, CHUNK):
            generate(min(CHUNK, rows - start)).astype(np.float32).tofile(f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def main():
    base_path, query_path = sys.argv[1], sys.argv[2]
    n, q, dim, seed = (int(a) for a in sys.argv[3:7])
    rng = np.random.default_rng(seed)
    centres = rng.gamma(2.0, 0.05, size=(CLUSTERS, dim)).astype(np.float32)
    basis = (rng.standard_normal((RANK, dim)) / np.sqrt(RANK)).astype(np.float32)

    def generate(m):
        labels = rng.integers(CLUSTERS, size=m)
        x = centres[labels]
        x += 0.04 * (rng.standard_normal((m, RANK), dtype=np.float32) @ basis)
        x += 0.01 * rng.standard_normal((m, dim), dtype=np.float32)
        return np.maximum(x, 0.0, out=x)

    write_fbin(base_path, n, dim, generate)
    write_fbin(query_path, q, dim, generate)


if __name__ == "__main__":
    main()
