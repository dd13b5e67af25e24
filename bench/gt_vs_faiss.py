#!/usr/bin/python3
"""Exact k-NN ground truth: `sigah gt` against faiss IndexFlatL2 on the same GIST-shaped files, in the same run.

Generates base/query .fvecs files (clustered, non-negative, 960-d like GIST1M; sizes configurable), runs
`./sigah gt` and faiss (file loading included for both, faiss search-only time also shown), prints the times
and the speed ratio, then checks the results: distances equal within faiss's float32 rounding, ids equal except
among near-ties, and Sigah's distances equal a float64 reference on a sample of queries.

With --fashion-mnist the base is the real Fashion-MNIST training file (Debian's dataset-fashion-mnist, 60000 x 784
pixel bytes, read by both sides from the .gz IDX file) and the queries are the first --queries test images.

Run with Debian's python (it has faiss):  /usr/bin/python3 bench/gt_vs_faiss.py [--base 200000] [--big] [--fashion-mnist]
"""
import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import faiss

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FASHION = "/usr/share/datasets/fashion-mnist"


def write_fvecs(path, rows, dim, make_block, block=50_000):
    """Writes rows × dim float32 vectors block by block (1M × 960 never sits in memory twice)."""
    with open(path, "wb") as f:
        for start in range(0, rows, block):
            x = make_block(min(block, rows - start))
            out = np.empty((x.shape[0], dim + 1), dtype=np.float32)
            out[:, 0] = np.array([dim], dtype=np.int32).view(np.float32)[0]
            out[:, 1:] = x
            out.tofile(f)


def read_idx_gz(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndims = raw[3]
    dims = np.frombuffer(raw, dtype=">i4", count=ndims, offset=4)
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndims).reshape(dims[0], -1).astype(np.float32)


def read_vectors(path):
    return read_idx_gz(path) if path.endswith(".gz") else read_fvecs(path)


def read_fvecs(path):
    raw = np.fromfile(path, dtype=np.float32)
    dim = raw[:1].view(np.int32)[0]
    return np.ascontiguousarray(raw.reshape(-1, dim + 1)[:, 1:])


def generate(workdir, rows, queries, dim, seed):
    rng = np.random.default_rng(seed)
    centres = rng.random((64, dim), dtype=np.float32) * 0.2

    def block(n):
        x = centres[rng.integers(0, len(centres), n)] + rng.random((n, dim), dtype=np.float32) * 0.05
        return np.maximum(x, 0, out=x)

    base = os.path.join(workdir, "base.fvecs")
    write_fvecs(base, rows, dim, block)
    write_fvecs(os.path.join(workdir, "queries.fvecs"), queries, dim, block)
    return base


def fashion_mnist(workdir, queries):
    """The real training images are the base; the first test images, written as .fvecs, the queries."""
    test = read_idx_gz(os.path.join(FASHION, "t10k-images-idx3-ubyte.gz"))[:queries]
    write_fvecs(os.path.join(workdir, "queries.fvecs"), len(test), test.shape[1], lambda n: test, block=len(test))
    return os.path.join(FASHION, "train-images-idx3-ubyte.gz")


def run_sigah(workdir, base, k, threads):
    subprocess.run([os.path.join(ROOT, "sigah"), "--help"], check=True, stdout=subprocess.DEVNULL)  # build first, untimed
    start = time.perf_counter()
    subprocess.run([os.path.join(ROOT, "sigah"), "gt", "--base", base,
                    "--queries", os.path.join(workdir, "queries.fvecs"), "-k", str(k),
                    "--output", os.path.join(workdir, "sigah_ids.npy"), "--distances", os.path.join(workdir, "sigah_d.npy"),
                    "--threads", str(threads)], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def run_faiss(workdir, base_path, k, threads):
    faiss.omp_set_num_threads(threads)
    start = time.perf_counter()
    base = read_vectors(base_path)
    queries = read_fvecs(os.path.join(workdir, "queries.fvecs"))
    search_start = time.perf_counter()
    index = faiss.IndexFlatL2(base.shape[1])
    index.add(base)
    distances, ids = index.search(queries, k)
    search = time.perf_counter() - search_start
    np.save(os.path.join(workdir, "faiss_ids.npy"), ids)
    np.save(os.path.join(workdir, "faiss_d.npy"), distances)
    return time.perf_counter() - start, search, base, queries, ids, distances


def exact_distances(base, query, block=100_000):
    """float64 squared distances from query to every base row, in blocks (a float64 copy of 1M x 960 is 7.7 GB)."""
    q = query.astype(np.float64)
    return np.concatenate([((base[i:i + block].astype(np.float64) - q) ** 2).sum(1) for i in range(0, len(base), block)])


def check(base, queries, sigah_ids, sigah_d, faiss_ids, faiss_d, sample):
    """Returns a list of problems (empty when the results agree)."""
    problems = []
    d = base.shape[1]
    # faiss computes |x|^2 + |y|^2 - 2x.y in float32: its error is about d * 2^-24 * (|x|^2 + |y|^2).
    qn = (queries.astype(np.float64) ** 2).sum(1)
    bn_max = float((base[: min(len(base), 100_000)].astype(np.float64) ** 2).sum(1).max())
    tol = 4 * d * 2.0 ** -24 * (qn[:, None] + bn_max) + 1e-6
    if np.any(np.abs(sigah_d - faiss_d) > tol):
        problems.append("distances differ beyond faiss's float32 rounding at %d positions"
                        % int((np.abs(sigah_d - faiss_d) > tol).sum()))
    differ = sigah_ids != faiss_ids
    if differ.any():
        # Where ids differ, faiss's choice must be a near-tie: its exact distance within tolerance of ours.
        rows, cols = np.nonzero(differ)
        exact = ((base[faiss_ids[rows, cols]].astype(np.float64) - queries[rows].astype(np.float64)) ** 2).sum(1)
        bad = np.abs(exact - sigah_d[rows, cols]) > tol[rows, 0]
        if bad.any():
            problems.append("%d differing ids are not near-ties" % int(bad.sum()))
    rng = np.random.default_rng(0)
    for q in rng.choice(len(queries), size=min(sample, len(queries)), replace=False):
        ref = exact_distances(base, queries[q])
        order = np.lexsort((np.arange(len(ref)), ref))[: sigah_ids.shape[1]]
        if not np.array_equal(order, sigah_ids[q]):
            problems.append("query %d: ids differ from the float64 reference" % q)
        if not np.array_equal(ref[order].astype(np.float32), sigah_d[q]):
            problems.append("query %d: distances differ from the float64 reference" % q)
    return problems, int(differ.sum())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=int, default=200_000, help="base rows (default 200000)")
    parser.add_argument("--big", action="store_true", help="GIST1M size: 1,000,000 base rows")
    parser.add_argument("--fashion-mnist", action="store_true", help="real data: Fashion-MNIST train images as the base")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--dim", type=int, default=960)
    parser.add_argument("-k", type=int, default=100)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=3, help="queries checked against a float64 reference")
    parser.add_argument("--workdir", help="where the files go (default: a temporary directory, removed after)")
    args = parser.parse_args()
    rows = 1_000_000 if args.big else args.base

    with tempfile.TemporaryDirectory(prefix="sigah-gt-bench-", dir=args.workdir) as workdir:
        if args.fashion_mnist:
            print(f"Fashion-MNIST: 60000 x 784 base, {args.queries} queries, k={args.k}, threads={args.threads}", flush=True)
            base_path = fashion_mnist(workdir, args.queries)
        else:
            print(f"generating {rows} x {args.dim} base, {args.queries} queries, k={args.k}, threads={args.threads}", flush=True)
            base_path = generate(workdir, rows, args.queries, args.dim, args.seed)
        sigah_time = run_sigah(workdir, base_path, args.k, args.threads)
        faiss_time, faiss_search, base, queries, faiss_ids, faiss_d = run_faiss(workdir, base_path, args.k, args.threads)
        sigah_ids = np.load(os.path.join(workdir, "sigah_ids.npy"))
        sigah_d = np.load(os.path.join(workdir, "sigah_d.npy"))
        problems, differing = check(base, queries, sigah_ids, sigah_d, faiss_ids, faiss_d, args.sample)

    print(f"sigah gt           : {sigah_time:8.2f} s  (process start, file reading, search, writing)")
    print(f"faiss IndexFlatL2  : {faiss_time:8.2f} s  (file reading, search, writing); search alone {faiss_search:.2f} s")
    print(f"speed vs faiss     : {faiss_time / sigah_time:8.2f}x end to end, {faiss_search / sigah_time:.2f}x vs faiss search alone (goal >= 0.8)")
    print(f"ids differing      : {differing} of {sigah_ids.size} (near-ties only)")
    if problems:
        for p in problems:
            print("MISMATCH:", p)
        sys.exit(1)
    print("results agree: distances within faiss's float32 rounding, ids equal except near-ties, float64 sample exact")


if __name__ == "__main__":
    main()
