"""Helper of search_vs_faiss.sh (run with Debian's /usr/bin/python3, which has faiss and numpy).

  gen DIR SEED            writes the benchmark codes into DIR (uint8 .npy, faiss/numpy little bit order)
  faiss BASE Q K OUT T    searches with faiss IndexBinaryFlat on T threads, writes OUT_I.npy / OUT_D.npy,
                          prints the in-process seconds of add+search
  check OURS_I OURS_D FAISS_I FAISS_D
                          prints whether distances agree exactly and how many ids differ (ties may
                          order differently: faiss does not promise the smaller id first)
"""
import sys
import time

import numpy as np


def pack(bits01):
    return np.packbits(bits01, axis=1, bitorder="little")


def gen(out, seed):
    rng = np.random.default_rng(seed)
    n, nq = 1_000_000, 1000
    for bits in (64, 128):
        np.save(f"{out}/random{bits}_base.npy", rng.integers(0, 256, (n, bits // 8), dtype=np.uint8))
        np.save(f"{out}/random{bits}_query.npy", rng.integers(0, 256, (nq, bits // 8), dtype=np.uint8))
    # Clustered: sign of random projections of a Gaussian mixture (1000 centres in 64 dimensions,
    # within-cluster spread 0.25 of the between-centre spread); queries are fresh draws of the mixture.
    dim, centres, bits = 64, 1000, 64
    centre = rng.standard_normal((centres, dim), dtype=np.float32)
    projection = rng.standard_normal((dim, bits), dtype=np.float32)

    def draw(count):
        codes = np.empty((count, bits // 8), dtype=np.uint8)
        for start in range(0, count, 100_000):
            m = min(100_000, count - start)
            x = centre[rng.integers(0, centres, m)] + 0.25 * rng.standard_normal((m, dim), dtype=np.float32)
            codes[start:start + m] = pack(x @ projection > 0)
        return codes

    np.save(f"{out}/clustered64_base.npy", draw(n))
    np.save(f"{out}/clustered64_query.npy", draw(nq))


def run_faiss(base, query, k, out, threads):
    import faiss
    faiss.omp_set_num_threads(threads)
    xb, xq = np.load(base), np.load(query)
    start = time.perf_counter()
    index = faiss.IndexBinaryFlat(xb.shape[1] * 8)
    index.add(xb)
    distances, ids = index.search(xq, k)
    print(f"{time.perf_counter() - start:.3f}")
    np.save(f"{out}_I.npy", ids.astype(np.int64))
    np.save(f"{out}_D.npy", distances.astype(np.int32))


def check(ours_i, ours_d, faiss_i, faiss_d):
    d_ours, d_faiss = np.load(ours_d), np.load(faiss_d)
    same = d_ours.shape == d_faiss.shape and bool((d_ours == d_faiss).all())
    ids_differ = int((np.load(ours_i) != np.load(faiss_i)).sum())
    print(f"{'yes' if same else 'NO'} {ids_differ}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "gen":
        gen(args[0], int(args[1]))
    elif command == "faiss":
        run_faiss(args[0], args[1], int(args[2]), args[3], int(args[4]))
    elif command == "check":
        check(*args)
    else:
        sys.exit(f"unknown command {command}")
