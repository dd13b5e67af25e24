"""Shared by the dataset scripts here: exact Euclidean ground truth and writing a TEXMEX-layout directory
(NAME_learn/_base/_query.fvecs, NAME_groundtruth.ivecs) that `sigah bench --dataset DIR` reads."""
import os
import time

import numpy as np

K = 100


def groundtruth(base, queries, k=K, block=50):
    """The k nearest base rows of each query by Euclidean distance, nearest first, ties by smaller index.

    Candidates come from the expanded form |b|² - 2q·b in float64 with a margin for its rounding; their distances
    are then recomputed directly as Σ(b - q)² in float64 (exact for integer data, one rounding per term otherwise)
    and sorted stably, so equal distances keep index order."""
    b = base.astype(np.float64)
    norms = np.einsum("ij,ij->i", b, b)
    margin = 1e-9 * (norms.max() + 1.0)
    out = np.empty((len(queries), k), dtype=np.int32)
    for start in range(0, len(queries), block):
        q = queries[start:start + block].astype(np.float64)
        partial = norms - 2.0 * (q @ b.T)
        for i, row in enumerate(partial):
            kth = np.partition(row, k - 1)[k - 1]
            cand = np.flatnonzero(row <= kth + margin)
            exact = np.square(b[cand] - q[i]).sum(axis=1)
            out[start + i] = cand[np.argsort(exact, kind="stable")[:k]]
    return out


def write_vecs(path, rows):
    """rows (float32 → .fvecs, int32 → .ivecs) as int32 dimension then the row, little-endian; temp file, then rename."""
    rows = np.ascontiguousarray(rows)
    assert rows.ndim == 2 and rows.dtype in (np.float32, np.int32)
    out = np.empty((rows.shape[0], rows.shape[1] + 1), dtype="<i4")
    out[:, 0] = rows.shape[1]
    out[:, 1:] = rows.view(np.int32)
    tmp = path + ".tmp"
    out.tofile(tmp)
    os.replace(tmp, path)


def write_dataset(out_dir, name, learn, base, query):
    """Writes the three vector files and the exact top-K ground truth into out_dir, printing what it wrote."""
    os.makedirs(out_dir, exist_ok=True)
    for role, x in (("learn", learn), ("base", base), ("query", query)):
        x = np.asarray(x, dtype=np.float32)
        assert np.isfinite(x).all()
        write_vecs(os.path.join(out_dir, f"{name}_{role}.fvecs"), x)
        print(f"{name}_{role}.fvecs: {x.shape[0]} x {x.shape[1]}, values {x.min():g}..{x.max():g}")
    start = time.time()
    gt = groundtruth(np.asarray(base, dtype=np.float32), np.asarray(query, dtype=np.float32))
    write_vecs(os.path.join(out_dir, f"{name}_groundtruth.ivecs"), gt)
    print(f"{name}_groundtruth.ivecs: {gt.shape[0]} x {gt.shape[1]} exact Euclidean neighbours ({time.time() - start:.1f} s)")
