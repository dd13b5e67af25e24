#!/usr/bin/env bash
# The main job: installs what it needs (as root), then benchmarks every registered hasher on Fashion-MNIST
# at 16/32/64/128 bits and writes tables and plots to runs/fashion-mnist/ (extra arguments go to `sigah bench`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh"
exec "$root/sigah" bench --dataset fashion-mnist --out "$root/runs/fashion-mnist" "$@"
