#!/usr/bin/env bash
# SiGAH ablation: the defaults and one part switched off (or one choice changed) at a time, through
# `sigah bench --param sigah.NAME=VALUE`. Every run reports the validation mAP its trainer kept on held-out training rows
# (what the choices in docs/sigah.md are made on) and the test mAP (reported, never chosen on).
# Usage: bench/sigah-ablation.sh DATASET OUTDIR [BITS...]   e.g. bench/sigah-ablation.sh fashion-mnist runs/ablation 32 64
# Prints one line per variant and bit length: variant, bits, validation mAP, test mAP, training seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -ge 2 ] || { echo "usage: $0 DATASET OUTDIR [BITS...]" >&2; exit 2; }
dataset=$1 out=$2
shift 2
bits=$(IFS=,; echo "${*:-32,64}")
variants=(
  "defaults|"
  "no-adversarial|adversarial=0"
  "no-cs-synthesis|decoder=mlp"
  "no-consistency|consistency=0"
  "no-neighbour-term|neighbours=0"
  "random-start|start=random"
  "no-standardisation|standardise=0"
)
for variant in "${variants[@]}"; do
  name=${variant%%|*} params=()
  for p in ${variant#*|}; do params+=(--param "sigah.$p"); done
  "$root/sigah" bench --dataset "$dataset" --methods sigah --bits "$bits" "${params[@]}" --out "$out/$name" > /dev/null
  /usr/bin/python3 - "$out/$name/results.json" "$name" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))
for run in results["runs"]:
    print(f"{sys.argv[2]:20} {run['bits']:4} bits  validation {run['validation_mAP']:.4f}  test {run['metrics']['mAP']:.4f}  "
          f"train {run['train_seconds']:.1f} s")
PY
done
