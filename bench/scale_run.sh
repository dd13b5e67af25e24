#!/usr/bin/env bash
# Scale run: a generated GIST-shaped set (default 1M x 960 float32, clustered, plus 1000 queries), exact
# ground truth, training on a 100K subset, encoding all of the base, an index, search and evaluation, each
# stage a separate `sigah` process timed by /usr/bin/time -v. Prints every stage's wall time and peak
# memory, the total, and the targets (SiGAH at 64 bits: whole run <= 15 min, peak <= 8 GB).
#
# usage: bench/scale_run.sh [--method sigah] [--bits 64] [--n 1000000] [--queries 1000] [--dim 960]
#                           [--max-train 100000] [--k 100] [--seed 0] [--threads T] [--mih] [--work DIR]
# The generated vectors are kept in the work directory (default runs/scale-N) and reused by later runs;
# every other stage runs each time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
method=sigah bits=64 n=1000000 nq=1000 dim=960 max_train=100000 k=100 seed=0 threads=0 mih=0 work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --method) method="$2"; shift 2 ;;
    --bits) bits="$2"; shift 2 ;;
    --n) n="$2"; shift 2 ;;
    --queries) nq="$2"; shift 2 ;;
    --dim) dim="$2"; shift 2 ;;
    --max-train) max_train="$2"; shift 2 ;;
    --k) k="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --mih) mih=1; shift ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "error: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done
work="${work:-$root/runs/scale-$n}"
mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
sigah="$root/sigah"
"$sigah" --help >/dev/null   # build the CLI now, so no stage pays for it

base="$work/base-${n}x${dim}.fbin" queries="$work/queries-${nq}x${dim}.fbin"
run="$work/$method-$bits"
mkdir -p "$run"
report="$run/stages.tsv"
printf 'stage\tseconds\tcpu_seconds\tpeak_mb\n' > "$report"

# stage NAME COMMAND...: runs COMMAND under /usr/bin/time -v, logs to $run/NAME.log, appends its wall time,
# CPU time (user + system: on a shared machine it says more than the wall time) and peak RSS.
stage() {
  local name="$1"; shift
  echo "[$(date +%H:%M:%S)] $name: $*" >&2
  if ! /usr/bin/time -v -o "$run/$name.time" "$@" > "$run/$name.log" 2>&1; then
    echo "error: stage $name failed; see $run/$name.log" >&2
    tail -n 5 "$run/$name.log" >&2
    exit 1
  fi
  awk -v name="$name" '
    /Elapsed \(wall clock\) time/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
    /User time \(seconds\)|System time \(seconds\)/ { cpu += $NF }
    /Maximum resident set size/ { kb = $NF }
    END { printf "%s\t%.1f\t%.1f\t%.0f\n", name, s, cpu, kb / 1024 }' "$run/$name.time" >> "$report"
}

if [ ! -s "$base" ] || [ ! -s "$queries" ]; then
  stage generate /usr/bin/python3 "$root/bench/make_gist_like.py" "$base" "$queries" "$n" "$nq" "$dim" "$seed"
fi
gt="$run/gt-k${k}.ivecs"
stage gt "$sigah" gt --base "$base" --queries "$queries" -k "$k" --output "$gt"
threads_arg=()
[ "$threads" -gt 0 ] && threads_arg=(--threads "$threads")
stage train "$sigah" train --method "$method" --bits "$bits" --input "$base" --max-train "$max_train" --seed "$seed" --model "$run/model.bin"
stage encode_base "$sigah" encode --model "$run/model.bin" --input "$base" --output "$run/base-codes.npy"
stage encode_queries "$sigah" encode --model "$run/model.bin" --input "$queries" --output "$run/query-codes.npy"
index_args=()
[ "$mih" -eq 1 ] && index_args=(--mih)
stage index "$sigah" index build --codes "$run/base-codes.npy" "${index_args[@]}" --output "$run/index.bin"
search_method=linear
[ "$mih" -eq 1 ] && search_method=mih
stage search "$sigah" search --index "$run/index.bin" --query-codes "$run/query-codes.npy" -k "$k" --method "$search_method" \
  "${threads_arg[@]}" --output "$run/ids.npy"
stage eval "$sigah" eval --base-codes "$run/base-codes.npy" --query-codes "$run/query-codes.npy" --gt "$gt" --gt-k "$k" \
  "${threads_arg[@]}" --json "$run/eval.json"

echo
echo "scale run: $method, $bits bits, $n x $dim base, $nq queries, trained on $max_train, k=$k (work: $run)"
column -t -s $'\t' "$report"
awk -F'\t' 'NR > 1 && $1 != "generate" { s += $2; c += $3; if ($4 > m) m = $4 } NR > 1 && $1 == "generate" { g = $2 }
  END { printf "total (without data generation): %.1f s (%.1f min), CPU %.1f s, peak memory of any stage: %.0f MB", s, s / 60, c, m;
        if (g) printf "; data generation took %.1f s", g; printf "\n" }' "$report"
/usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print("mAP %.4f  mAP_tie_avg %.4f  P@100 %.4f  precision_r2 %.4f  pr_auc %.4f" % (m["mAP"], m["mAP_tie_avg"], m["precision_at"]["100"], m["precision_r2"], m["pr_auc"]))' "$run/eval.json"
echo "targets for sigah at 64 bits on 1M x 960: total <= 900 s, peak <= 8192 MB"
