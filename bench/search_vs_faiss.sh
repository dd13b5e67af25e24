#!/usr/bin/env bash
# Peer benchmark: exact Hamming k-NN with `sigah search` (linear scan and multi-index hashing) against faiss
# IndexBinaryFlat, on the same codes in the same run. Cases: 1M random codes at 64 and 128 bits and 1M
# clustered 64-bit codes (sign of random projections of a Gaussian mixture), 1000 queries, k = 10 and 100.
# Times are whole processes (start-up, loading the codes, searching, writing results) — the fair comparison
# for a command-line user; faiss's in-process add+search time is printed too. MIH searches a prebuilt index
# file (`sigah index build --mih`, timed separately). Prints wall and cpu times, the faiss/sigah ratios of
# each, and whether the distances agree exactly. The in-process part of an MIH search (opening the index,
# building tables when none are stored, searching), with cpu times, is timed by bench/MihProfile:
#   dotnet run -c Release --project bench/MihProfile -- INDEX QUERIES.npy [-k K] [--threads T] [--repeats R] [--rebuild]
#
# usage: bench/search_vs_faiss.sh [--threads T] [--work DIR] [--seed S] [--cases "random64 random128 clustered64"] [--ks "10 100"]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py=/usr/bin/python3 # Debian's python: the one with faiss
helper="$root/bench/search_vs_faiss.py"
threads=$(nproc)
work="${TMPDIR:-/tmp}/sigah-search-bench"
seed=1
cases="random64 random128 clustered64"
ks="10 100"
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --cases) cases="$2"; shift 2 ;;
    --ks) ks="$2"; shift 2 ;;
    *) echo "error: unknown option $1" >&2; exit 1 ;;
  esac
done
mkdir -p "$work"
if [ ! -f "$work/done-$seed" ]; then
  echo "generating codes in $work (seed $seed) ..."
  "$py" "$helper" gen "$work" "$seed"
  touch "$work/done-$seed"
fi
"$root/sigah" --help >/dev/null # build the CLI outside the timings

# timed CMD...: runs CMD, prints "wall cpu" in seconds (cpu = user + sys of the whole process tree). Wall time
# is what a user waits for; on a busy machine cpu time is the steadier measure of the work done.
timed() {
  local log; log=$(mktemp)
  /usr/bin/time -f "%e %U %S" -o "$log" "$@" >/dev/null
  awk '{ printf "%.3f %.3f", $1, $2 + $3 }' "$log"
  rm -f "$log"
}
best_of_2() { # the run with the smaller wall time, "wall cpu"
  local a b; a=$(timed "$@"); b=$(timed "$@")
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); print (x[1] <= y[1] ? a : b) }'
}
wall() { echo "${1% *}"; }
cpu() { echo "${1#* }"; }
ratio() { awk -v f="$1" -v s="$2" 'BEGIN { printf "%.1fx", f / s }'; }

printf '%-12s %4s %3s | %-15s %8s | %-15s %-11s | %-15s %-11s | %7s | %s\n' case k thr "faiss wall/cpu" faiss-in \
  "linear wall/cpu" "ratio w/c" "mih wall/cpu" "ratio w/c" build "distances equal (ids differing)"
for c in $cases; do
  base="$work/${c}_base.npy"; query="$work/${c}_query.npy"; index="$work/${c}.mih.idx"
  build=$(wall "$(timed "$root/sigah" index build --codes "$base" --mih --output "$index")")
  for k in $ks; do
    out="$work/${c}_k$k"
    faiss=$(best_of_2 "$py" "$helper" faiss "$base" "$query" "$k" "$out.faiss" "$threads")
    faiss_inner=$("$py" "$helper" faiss "$base" "$query" "$k" "$out.faiss" "$threads")
    linear=$(best_of_2 "$root/sigah" search --base-codes "$base" --query-codes "$query" -k "$k" --threads "$threads" \
      --method linear --output "$out.linear_I.npy" --distances "$out.linear_D.npy")
    mih=$(best_of_2 "$root/sigah" search --index "$index" --query-codes "$query" -k "$k" --threads "$threads" \
      --method mih --output "$out.mih_I.npy" --distances "$out.mih_D.npy")
    check_linear=$("$py" "$helper" check "$out.linear_I.npy" "$out.linear_D.npy" "$out.faiss_I.npy" "$out.faiss_D.npy")
    check_mih=$("$py" "$helper" check "$out.mih_I.npy" "$out.mih_D.npy" "$out.faiss_I.npy" "$out.faiss_D.npy")
    printf '%-12s %4s %3s | %-15s %7ss | %-15s %-11s | %-15s %-11s | %6ss | linear %s, mih %s\n' "$c" "$k" "$threads" \
      "$(wall "$faiss")s/$(cpu "$faiss")s" "$faiss_inner" \
      "$(wall "$linear")s/$(cpu "$linear")s" "$(ratio "$(wall "$faiss")" "$(wall "$linear")")/$(ratio "$(cpu "$faiss")" "$(cpu "$linear")")" \
      "$(wall "$mih")s/$(cpu "$mih")s" "$(ratio "$(wall "$faiss")" "$(wall "$mih")")/$(ratio "$(cpu "$faiss")" "$(cpu "$mih")")" "$build" \
      "$(echo "$check_linear" | awk '{ printf "%s (%s)", $1, $2 }')" "$(echo "$check_mih" | awk '{ printf "%s (%s)", $1, $2 }')"
  done
done
base_bytes=$(stat -c %s "$work/random64_base.npy")
echo "index file sizes (1M codes): $(for c in $cases; do printf '%s %s MB  ' "$c" "$(awk -v b="$(stat -c %s "$work/$c.mih.idx")" 'BEGIN { printf "%.1f", b / 1e6 }')"; done)(64-bit codes alone: $(awk -v b="$base_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB)"
help=$(best_of_2 "$root/sigah" --help); import=$(best_of_2 "$py" -c 'import faiss')
echo "start-up reference (wall/cpu): \`sigah --help\` $(wall "$help")s/$(cpu "$help")s, python + import faiss $(wall "$import")s/$(cpu "$import")s"
