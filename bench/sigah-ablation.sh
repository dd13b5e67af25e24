#!/usr/bin/env bash
# SiGAH ablation on Fashion-MNIST (60K train = base, first 1000 test queries, exact top-100 ground truth):
# the full objective and one switch off at a time, through --param settings, at 32 and 64 bits.
# Prints one RESULT line per run (test mAP, training seconds). Usage: bench/sigah-ablation.sh [bits...] [-- extra --param args]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/SigahAblation -v quiet -nologo > /dev/null
runner=bench/SigahAblation/bin/Release/net10.0/SigahAblation.dll
bits_list=()
while [[ $# -gt 0 && "$1" != "--" ]]; do bits_list+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
[[ ${#bits_list[@]} -eq 0 ]] && bits_list=(32 64)
declare -a variants=(
  "full|"
  "no-adversarial|--param adversarial=0"
  "no-cs-synthesis|--param decoder=mlp"
  "no-consistency|--param consistency=0"
  "no-neighbour-term|--param neighbours=0"
  "affinity-instead-of-neighbours|--param neighbours=0 --param geometry=1 --param lr=3e-5 --param start=itq"
  "itq-start|--param start=itq"
)
for bits in "${bits_list[@]}"; do
  for variant in "${variants[@]}"; do
    name=${variant%%|*}; params=${variant#*|}
    # shellcheck disable=SC2086
    line=$(dotnet "$runner" --method sigah --bits "$bits" $params "$@" | grep '^RESULT')
    echo "$name $line"
  done
done
