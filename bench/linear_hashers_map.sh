#!/usr/bin/env bash
# Correctness of PCAH and ITQ against reference mAPs from an independent numpy implementation, on Fashion-MNIST:
# the 60 000 training images (scaled to [0, 1]) are the training set and the base, the first 1000 test images
# are the queries, ground truth = each query's 100 nearest base images by Euclidean distance, mAP over the full
# Hamming ranking with ties broken by the smaller base index. sigah trains and encodes (CLI); numpy computes the
# ground truth and the mAP (independently of sigah's own evaluation code). Fails when a value is off by more
# than the tolerance (PCAH ±0.01, deterministic; ITQ ±0.02, its random start varies with the seed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${FASHION_MNIST:-/usr/share/datasets/fashion-mnist}"
train="$dir/train-images-idx3-ubyte.gz" test="$dir/t10k-images-idx3-ubyte.gz"
scale=0.00392156862745098
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for method in pcah itq; do
  for bits in 16 32 64 128; do
    "$root/sigah" train --method "$method" --bits "$bits" --seed "${SEED:-0}" --input "$train" --scale "$scale" \
      --model "$tmp/$method$bits.model" 2>/dev/null
    "$root/sigah" encode --model "$tmp/$method$bits.model" --input "$train" --scale "$scale" --output "$tmp/$method$bits.base.npy" 2>/dev/null
    "$root/sigah" encode --model "$tmp/$method$bits.model" --input "$test" --scale "$scale" --output "$tmp/$method$bits.query.npy" 2>/dev/null
  done
done

/usr/bin/python3 - "$train" "$test" "$tmp" <<'PY'
import gzip, sys
import numpy as np

def images(path, rows=None):
    x = np.frombuffer(gzip.open(path).read(), dtype=np.uint8, offset=16).reshape(-1, 784)
    return (x[:rows] if rows else x).astype(np.float32) / 255

base, queries = images(sys.argv[1]), images(sys.argv[2], 1000)
# Top-100 Euclidean neighbours, ties by the smaller index (stable sort of squared distances in float64).
b64, q64 = base.astype(np.float64), queries.astype(np.float64)
d2 = (q64 ** 2).sum(1)[:, None] - 2 * q64 @ b64.T + (b64 ** 2).sum(1)[None, :]
truth = np.argsort(d2, axis=1, kind="stable")[:, :100]

popcount = np.array([bin(i).count("1") for i in range(256)], dtype=np.int32)

def mean_average_precision(base_codes, query_codes):
    total = 0.0
    for q in range(len(query_codes)):
        distance = popcount[np.bitwise_xor(base_codes, query_codes[q])].sum(1)
        order = np.argsort(distance, kind="stable")  # ties: smaller index first
        relevant = np.zeros(len(base_codes), dtype=bool)
        relevant[truth[q]] = True
        hits = relevant[order]
        ranks = np.flatnonzero(hits) + 1
        total += (np.arange(1, len(ranks) + 1) / ranks).mean()
    return total / len(query_codes)

reference = {"pcah": [0.124, 0.225, 0.298, 0.310], "itq": [0.090, 0.176, 0.304, 0.425]}
tolerance = {"pcah": 0.01, "itq": 0.02}
failed = False
print("method  bits  mAP     reference  diff")
for method, refs in reference.items():
    for bits, ref in zip([16, 32, 64, 128], refs):
        score = mean_average_precision(np.load(f"{sys.argv[3]}/{method}{bits}.base.npy"),
                                       np.load(f"{sys.argv[3]}/{method}{bits}.query.npy")[:len(queries)])
        ok = abs(score - ref) <= tolerance[method]
        failed |= not ok
        print(f"{method:6}  {bits:4}  {score:.4f}  {ref:.3f}      {score - ref:+.4f}{'' if ok else '  OUT OF TOLERANCE'}")
sys.exit(1 if failed else 0)
PY
