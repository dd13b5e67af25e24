#!/usr/bin/env bash
# The whole SiGAH protocol of docs/sigah.md in one command: builds the two extra real datasets (when missing), runs
# `sigah bench` with three seeds on Fashion-MNIST, sift-fmnist and text-lsa (every method, 16/32/64/128 bits), runs the
# ablation on each at 32 and 64 bits, and prints the summary tables (SiGAH against the best baseline per length).
# Settings were chosen on validation mAP (held-out training rows, the `validation_mAP` of results.json); test mAP is
# what the tables report. Usage: bench/sigah-protocol.sh [OUTDIR]   (default runs/protocol; about 2 hours on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/runs/protocol}"
data="$out/data"
"$root/scripts/deps.sh"
[ -f "$data/sift-fmnist/sift-fmnist_groundtruth.ivecs" ] && [ -f "$data/text-lsa/text-lsa_groundtruth.ivecs" ] \
  || "$root/bench/datasets/build-all.sh" "$data"
for dataset in fashion-mnist "$data/sift-fmnist" "$data/text-lsa"; do
  name=$(basename "$dataset")
  "$root/sigah" bench --dataset "$dataset" --seeds 0,1,2 --out "$out/$name" > /dev/null
  "$root/bench/sigah-ablation.sh" "$dataset" "$out/ablation/$name" 32 64 | tee "$out/ablation/$name.txt"
done
/usr/bin/python3 "$root/bench/sigah_summary.py" "$out/fashion-mnist" "$out/sift-fmnist" "$out/text-lsa" | tee "$out/summary.md"
