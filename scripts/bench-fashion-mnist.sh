#!/usr/bin/env bash
# The main job: installs what it needs (as root), then benchmarks every registered hasher on Fashion-MNIST
# at 16/32/64/128 bits with seeds 0, 1 and 2 (mean ± std) and writes tables and plots to runs/fashion-mnist/ (extra arguments go to `sigah bench`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh"
exec "$root/sigah" bench --dataset fashion-mnist --seeds 0,1,2 --out "$root/runs/fashion-mnist" "$@"
