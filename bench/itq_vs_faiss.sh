#!/usr/bin/env bash
# ITQ training time, sigah vs faiss, in the same run: 64 bits on the 60 000 Fashion-MNIST training images
# (scaled to [0, 1]). sigah: `sigah train --method itq` (the time it prints covers the fit, not file reading).
# faiss 1.7.3: ITQTransform(784, 64, do_pca=True).train (PCA to 64 dimensions, then 50 ITQ iterations), and,
# because ITQTransform trains on a subsample, also PCAMatrix + ITQMatrix on all 60 000 rows. Each is run
# REPS times (default 3), interleaved, and the best time is reported. Both use all cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${FASHION_MNIST:-/usr/share/datasets/fashion-mnist}/train-images-idx3-ubyte.gz"
reps="${REPS:-3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$root/sigah" --help >/dev/null # build the CLI outside the timing

faiss_times() {
  /usr/bin/python3 - "$data" <<'PY'
import gzip, sys, time
import numpy as np, faiss
raw = gzip.open(sys.argv[1]).read()
x = np.ascontiguousarray(np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255)
start = time.perf_counter()
faiss.ITQTransform(784, 64, True).train(x)
transform = time.perf_counter() - start
start = time.perf_counter()
pca = faiss.PCAMatrix(784, 64)
pca.train(x)
faiss.ITQMatrix(64).train(pca.apply_py(x))
full = time.perf_counter() - start
print(f"{transform:.3f} {full:.3f}")
PY
}

best_ours="" best_transform="" best_full=""
min() { if [ -z "$1" ]; then echo "$2"; else /usr/bin/python3 -c "print(min($1, $2))"; fi; }
for ((i = 1; i <= reps; i++)); do
  ours="$("$root/sigah" train --method itq --bits 64 --seed 1 --input "$data" --scale 0.00392156862745098 \
           --model "$tmp/itq64.model" 2>/dev/null | sed -n 's/.* in \([0-9.]*\) s .*/\1/p')"
  read -r transform full < <(faiss_times)
  echo "run $i: sigah ${ours} s, faiss ITQTransform ${transform} s, faiss PCAMatrix+ITQMatrix (all rows) ${full} s"
  best_ours="$(min "$best_ours" "$ours")"
  best_transform="$(min "$best_transform" "$transform")"
  best_full="$(min "$best_full" "$full")"
done
/usr/bin/python3 - "$best_ours" "$best_transform" "$best_full" <<'PY'
import sys
ours, transform, full = map(float, sys.argv[1:])
print(f"best of runs: sigah itq {ours:.2f} s | faiss ITQTransform {transform:.2f} s (ratio faiss/sigah {transform / ours:.2f}x)"
      f" | faiss PCAMatrix+ITQMatrix {full:.2f} s (ratio {full / ours:.2f}x)")
PY
