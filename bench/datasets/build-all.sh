#!/usr/bin/env bash
# Builds both real benchmark datasets, each a TEXMEX-layout directory for `sigah bench --dataset DIR`:
#   OUTDIR/sift-fmnist   dense SIFT of Fashion-MNIST, 128-d, raw 0..255 values like SIFT1M  (sift_fmnist.py)
#   OUTDIR/text-lsa      256-d unit LSA embeddings of Debian's package descriptions          (text_lsa.py)
# As root it first fetches apt's English package descriptions (the text-lsa corpus; a later plain
# `apt-get update` drops them again) and installs the Debian packages the scripts use; not root, it says what
# is missing and goes on. Deterministic for a given seed (--seed N is passed to both) and corpus snapshot.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 OUTDIR [--seed N]" >&2; exit 2; }
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$1"
shift
packages=(python3-numpy python3-opencv python3-sklearn dataset-fashion-mnist)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -q -o Acquire::Languages=en >&2
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  fi
elif [ ${#missing[@]} -gt 0 ]; then
  echo "note: not root, so not installing: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
fi
/usr/bin/python3 "$here/sift_fmnist.py" "$out/sift-fmnist" "$@"
/usr/bin/python3 "$here/text_lsa.py" "$out/text-lsa" "$@"
