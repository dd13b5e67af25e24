#!/usr/bin/env bash
# Quality and training time of SH, SpH, AGH and SGH on Fashion-MNIST next to ITQ in the same run: the 60 000
# training images (scaled to [0, 1]) are the training set and the base, the first 1000 test images the queries,
# ground truth = each query's 100 nearest base images by Euclidean distance, mAP over the full Hamming ranking
# with ties broken by the smaller base index (for SpH also over its spherical Hamming distance). sigah trains and
# encodes (CLI, training time as it reports it); numpy computes the ground truth and the mAPs independently of
# sigah's evaluation code, and re-implements spectral hashing from the paper's algorithm: the script fails when
# sigah's SH is off that reference by more than 0.005. Usage: bench/graph_and_generative_hashers_map.sh [methods] [bits]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${FASHION_MNIST:-/usr/share/datasets/fashion-mnist}"
train="$dir/train-images-idx3-ubyte.gz" test="$dir/t10k-images-idx3-ubyte.gz"
scale=0.00392156862745098
methods="${1:-itq sh sph agh sgh}" bits_list="${2:-16 32 64 128}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for method in $methods; do
  for bits in $bits_list; do
    "$root/sigah" train --method "$method" --bits "$bits" --seed "${SEED:-0}" --input "$train" --scale "$scale" \
      --model "$tmp/$method$bits.model" 2>/dev/null | sed -n 's/.* in \([0-9.]*\) s .*/\1/p' > "$tmp/$method$bits.seconds"
    "$root/sigah" encode --model "$tmp/$method$bits.model" --input "$train" --scale "$scale" --output "$tmp/$method$bits.base.npy" 2>/dev/null
    "$root/sigah" encode --model "$tmp/$method$bits.model" --input "$test" --scale "$scale" --output "$tmp/$method$bits.query.npy" 2>/dev/null
  done
done

/usr/bin/python3 - "$train" "$test" "$tmp" "$methods" "$bits_list" <<'PY'
import gzip, sys
import numpy as np

def images(path, rows=None):
    x = np.frombuffer(gzip.open(path).read(), dtype=np.uint8, offset=16).reshape(-1, 784)
    return (x[:rows] if rows else x).astype(np.float32) / 255

base, queries = images(sys.argv[1]), images(sys.argv[2], 1000)
tmp, methods, bits_list = sys.argv[3], sys.argv[4].split(), [int(b) for b in sys.argv[5].split()]
b64, q64 = base.astype(np.float64), queries.astype(np.float64)
d2 = (q64 ** 2).sum(1)[:, None] - 2 * q64 @ b64.T + (b64 ** 2).sum(1)[None, :]
truth = np.argsort(d2, axis=1, kind="stable")[:, :100]
popcount = np.array([bin(i).count("1") for i in range(256)], dtype=np.int32)

def mean_average_precision(distance_of):
    total = 0.0
    for q in range(len(queries)):
        order = np.argsort(distance_of(q), kind="stable")  # ties: smaller index first
        relevant = np.zeros(len(base), dtype=bool)
        relevant[truth[q]] = True
        ranks = np.flatnonzero(relevant[order]) + 1
        total += (np.arange(1, len(ranks) + 1) / ranks).mean()
    return total / len(queries)

def hamming(base_codes, query_codes):
    return lambda q: popcount[np.bitwise_xor(base_codes, query_codes[q])].sum(1)

def spherical(base_codes, query_codes):
    def distance(q):
        differ = popcount[np.bitwise_xor(base_codes, query_codes[q])].sum(1).astype(np.float64)
        share = popcount[np.bitwise_and(base_codes, query_codes[q])].sum(1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(differ == 0, 0.0, np.where(share == 0, np.inf, differ / np.maximum(share, 1)))
    return distance

def spectral_hashing_codes(bits):
    """Weiss, Torralba & Fergus's algorithm: PCA, uniform box over the training range, lowest ω modes."""
    mean = base.mean(0, dtype=np.float64)
    centred = b64 - mean
    values, vectors = np.linalg.eigh(centred.T @ centred / len(base))
    pc = vectors[:, ::-1][:, :min(bits, base.shape[1])]
    projected = centred @ pc
    low, span = projected.min(0), projected.max(0) - projected.min(0)
    candidates = [(k / span[j], j, k) for j in range(len(span))
                  for k in range(1, int(np.ceil((bits + 1) * span[j] / span.max())))]
    modes = sorted(candidates, key=lambda c: c[0])[:bits]  # stable: ties keep (direction, k) order
    def encode(x):
        y = (x.astype(np.float64) - mean) @ pc
        bits_on = np.stack([np.cos(k * np.pi / span[j] * (y[:, j] - low[j])) > 0 for _, j, k in modes], 1)
        return np.packbits(bits_on, axis=1, bitorder="little")
    return encode(base), encode(queries)

itq_reference = dict(zip([16, 32, 64, 128], [0.090, 0.176, 0.304, 0.425]))
failed = False
print("method  bits  mAP     train s  ITQ ref  note")
for method in methods:
    for bits in bits_list:
        base_codes = np.load(f"{tmp}/{method}{bits}.base.npy")
        query_codes = np.load(f"{tmp}/{method}{bits}.query.npy")[:len(queries)]
        seconds = open(f"{tmp}/{method}{bits}.seconds").read().strip()
        score = mean_average_precision(hamming(base_codes, query_codes))
        note = ""
        if method == "sph":
            note = f"spherical Hamming mAP {mean_average_precision(spherical(base_codes, query_codes)):.4f}"
        if method == "sh":
            reference = mean_average_precision(hamming(*spectral_hashing_codes(bits)))
            ok = abs(score - reference) <= 0.005
            failed |= not ok
            note = f"numpy SH {reference:.4f}{'' if ok else '  OUT OF TOLERANCE'}"
        print(f"{method:6}  {bits:4}  {score:.4f}  {seconds:>7}  {itq_reference.get(bits, float('nan')):.3f}    {note}")
sys.exit(1 if failed else 0)
PY
