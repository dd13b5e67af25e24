#!/usr/bin/env bash
# Parallel ingest into a Sigah cluster (`sigah serve --cluster` silos, `sigah ingest`), measured for 1, 2, 3 … silos.
#
# The data: a Deep10M-shaped float32 .fbin (default 10M x 96): L2-normalised vectors from a seeded Gaussian mixture
# of 1,000 clusters (bench/make_deep_like.py), the shape of Deep1B's L2-normalised CNN descriptors. A 64-bit model
# (--method, default sigah) is trained on a seeded 100k sample of it. Both are made once and kept in --work.
# A private PostgreSQL 15 (initdb + pg_ctl, trust auth, 127.0.0.1 on a free port) holds the membership.
#
# For each silo count N: N silo processes on one machine (distinct silo, gateway and HTTP ports, one fresh shared
# --data directory, a cluster id of their own), waits until /cluster lists N active silos, PUTs the collection with
# --shards shards (default 6, or the next multiple of N), runs `sigah ingest` timed, checks that GET
# /collections/NAME counts every row and that searches for a few ingested vectors find their own ids at Hamming
# distance 0, and records wall time, vectors/s, the CPU seconds the silo processes (and the client) used during the
# ingest (utime + stime from /proc), and the load average before and after. Wall time is the whole `sigah ingest`
# command (its start-up and cluster connection included); "of which ingest" is the client's own timing. Then it stops the silos.
# Prints a markdown table and writes it, with results.tsv and the logs, to --out.
#
# On a machine with fewer cores than silos, the silos share the cores: wall-time speed-up is bounded by the cores,
# and vectors per silo CPU-second is the number that carries over to machines of their own.
#
# Installs nothing. Needs: postgresql 15 (/usr/lib/postgresql/15/bin), python3-numpy (/usr/bin/python3), curl, the
# .NET 10 SDK; as root, PostgreSQL runs as user postgres. 10M x 96 takes 3.84 GB in --work.
#
# usage: bench/cluster_ingest.sh [--rows N] [--dim D] [--silos "1 2 3"] [--method sigah|itq] [--out DIR] [--work DIR]
#                                [--batch N] [--in-flight N] [--shards S] [--max-train N] [--searches N] [--encode-rows N]
#   --encode-rows N   for reference, `sigah encode` of the first N rows pinned to one core (default 1000000; 0 skips)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py=/usr/bin/python3
pgbin=/usr/lib/postgresql/15/bin
rows=10000000
dim=96
silo_counts="1 2 3"
method=sigah
out="$root/runs/cluster-ingest"
work="${TMPDIR:-/tmp}/sigah-cluster-ingest"
batch=50000
in_flight=2
shards=""
max_train=100000
searches=5
encode_rows=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --dim) dim="$2"; shift 2 ;;
    --silos) silo_counts="$2"; shift 2 ;;
    --method) method="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --in-flight) in_flight="$2"; shift 2 ;;
    --shards) shards="$2"; shift 2 ;;
    --max-train) max_train="$2"; shift 2 ;;
    --searches) searches="$2"; shift 2 ;;
    --encode-rows) encode_rows="$2"; shift 2 ;;
    *) echo "error: unknown option $1" >&2; exit 1 ;;
  esac
done
for need in "$pgbin/initdb" /usr/bin/curl; do
  [ -e "$need" ] || { echo "error: $need is missing (apt-get install postgresql curl)" >&2; exit 1; }
done
"$py" -c 'import numpy' 2>/dev/null || { echo "error: $py has no numpy (apt-get install python3-numpy)" >&2; exit 1; }
mkdir -p "$work" "$out"
out="$(cd "$out" && pwd)"
started=$SECONDS
step() { printf '[%5ds] %s (load average %s)\n' $((SECONDS - started)) "$*" "$(cut -d' ' -f1-3 /proc/loadavg)"; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ticks=$(getconf CLK_TCK)
# CPU seconds (user + system) a live process has used so far.
cpu_of() { awk -v t="$ticks" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat"; }

# Everything this run starts is stopped, and its temporary directories removed, however it ends.
silo_pids=()
pg_dir=""
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/sigah-cluster-ingest-run.XXXXXX")
stop_silos() {
  local pid
  for pid in "${silo_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${silo_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  silo_pids=()
}
cleanup() {
  stop_silos
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then as_postgres "$pgbin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null || true; fi
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/postgres.log" ]; then cp "$pg_dir/postgres.log" "$out/postgres.log" || true; fi
  rm -rf "$run_dir" ${pg_dir:+"$pg_dir"}
}
trap cleanup EXIT

step "building the JIT-compiled sigah CLI (cluster mode)"
dotnet build "$root/src/Sigah.Cli" -c Release --nologo -v quiet >"$out/build.log" 2>&1 || { tail -n 20 "$out/build.log" >&2; exit 2; }
sigah=(dotnet "$root/src/Sigah.Cli/bin/Release/net10.0/sigah.dll")

data="$work/deep-${rows}x${dim}-seed0.fbin"
if [ ! -f "$data" ]; then
  step "making $data"
  "$py" "$root/bench/make_deep_like.py" "$data" "$rows" "$dim" 1000 0
fi
model="$work/model-$method-64-${rows}x${dim}-train$max_train.sgm"
if [ ! -f "$model" ]; then
  step "training $method 64 bits on $max_train rows"
  t0=$SECONDS
  "${sigah[@]}" train --method "$method" --bits 64 --input "$data" --max-train "$max_train" --model "$model.tmp" >"$out/train.log" 2>&1 \
    || { tail -n 20 "$out/train.log" >&2; exit 2; }
  mv "$model.tmp" "$model"
  echo "training took $((SECONDS - t0)) s" >>"$out/train.log"
fi

[ "$encode_rows" -le "$rows" ] || encode_rows=$rows
if [ "$encode_rows" -gt 0 ]; then
  # Encoding alone on one core: the file's first rows, the process pinned to CPU 0 and told it has one processor.
  head_file="$work/deep-${rows}x${dim}-seed0-head$encode_rows.fbin"
  [ -f "$head_file" ] || "$py" - "$data" "$head_file" "$encode_rows" <<'EOF2'
import sys
import numpy as np
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows, dim = np.fromfile(src, dtype=np.int32, count=2)
n = min(n, int(rows))
with open(dst + ".tmp", "wb") as f:
    np.array([n, dim], dtype=np.int32).tofile(f)
    np.asarray(np.memmap(src, dtype=np.float32, mode="r", offset=8, shape=(rows, dim))[:n]).tofile(f)
import os; os.replace(dst + ".tmp", dst)
EOF2
  step "encoding $encode_rows rows on one core (reference)"
  TIMEFORMAT='%R %U %S'
  { time taskset -c 0 env DOTNET_PROCESSOR_COUNT=1 "${sigah[@]}" encode --model "$model" --input "$head_file" --output "$run_dir/codes.npy" \
      >"$out/encode.log" 2>&1; } 2>"$out/encode.time"
  read -r e_wall e_user e_sys <"$out/encode.time"
  e_cpu=$(echo "$e_user + $e_sys" | bc)
  echo "encode alone, one core: $encode_rows rows in $e_wall s wall, $e_cpu CPU s ($(echo "scale=0; $encode_rows / $e_cpu" | bc) vectors per CPU-second; load average $(cut -d' ' -f1-3 /proc/loadavg))" \
    | tee "$out/encode.txt"
fi

step "starting PostgreSQL 15"
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/sigah-cluster-ingest-pg.XXXXXX")
[ "$(id -u)" -ne 0 ] || chown postgres: "$pg_dir"
pg_port=$(free_port)
as_postgres "$pgbin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$out/initdb.log"
as_postgres "$pgbin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories='$pg_dir'" start >/dev/null
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"

{
  echo "| silos | shards | rows | wall s | of which ingest s | vectors/s | speed-up vs 1 silo | silo CPU s | vectors per silo CPU-s | client CPU s | load average before → after |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
} >"$out/table.md"
printf 'silos\tshards\trows\twall_s\tingest_s\tvectors_per_s\tsilo_cpu_s\tclient_cpu_s\tload_before\tload_after\n' >"$out/results.tsv"
base_rate=""
for n in $silo_counts; do
  s=${shards:-$(( (6 + n - 1) / n * n ))}
  cluster_id="bench-$n-$$"
  data_dir="$run_dir/data-$n"
  mkdir -p "$data_dir"
  urls=()
  step "$n silo(s): starting (cluster $cluster_id, $s shards)"
  for i in $(seq 1 "$n"); do
    url="http://127.0.0.1:$(free_port)"
    urls+=("$url")
    "${sigah[@]}" serve --cluster "$connection" --cluster-id "$cluster_id" --data "$data_dir" \
      --silo-port "$(free_port)" --gateway-port "$(free_port)" --urls "$url" >"$out/silo-$n-$i.log" 2>&1 &
    silo_pids+=($!)
  done
  for url in "${urls[@]}"; do
    for _ in $(seq 300); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
    curl -sf "$url/health" >/dev/null || { echo "error: $url never became healthy; see $out/silo-$n-*.log" >&2; exit 1; }
  done
  for _ in $(seq 150); do
    active=$(curl -sf "${urls[0]}/cluster" | "$py" -c 'import json, sys; print(sum(s["status"] == "Active" for s in json.load(sys.stdin)["silos"]))' || echo 0)
    [ "$active" -eq "$n" ] && break
    sleep 0.2
  done
  [ "$active" -eq "$n" ] || { echo "error: only $active of $n silos active" >&2; exit 1; }
  curl -sf -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$model" "${urls[0]}/collections/deep?shards=$s" >/dev/null

  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  cpu_before=0
  for pid in "${silo_pids[@]}"; do cpu_before=$(echo "$cpu_before + $(cpu_of "$pid")" | bc); done
  step "$n silo(s): ingesting $rows rows"
  TIMEFORMAT='%R %U %S'
  { time "${sigah[@]}" ingest --cluster "$connection" --cluster-id "$cluster_id" --collection deep --input "$data" \
      --batch "$batch" --in-flight "$in_flight" >"$out/ingest-$n.log" 2>&1; } 2>"$out/ingest-$n.time" \
    || { tail -n 20 "$out/ingest-$n.log" >&2; exit 1; }
  cpu_after=0
  for pid in "${silo_pids[@]}"; do cpu_after=$(echo "$cpu_after + $(cpu_of "$pid")" | bc); done
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  read -r wall user sys <"$out/ingest-$n.time"
  silo_cpu=$(echo "$cpu_after - $cpu_before" | bc)
  client_cpu=$(echo "$user + $sys" | bc)
  # The client's own timing (from its first range sent to its last answered: without its start-up and connection).
  ingest_s=$(sed -n 's/.* in \([0-9.]*\) s (.*/\1/p' "$out/ingest-$n.log" | tail -n 1)

  count=$(curl -sf "${urls[$((n - 1))]}/collections/deep" | "$py" -c 'import json, sys; print(json.load(sys.stdin)["count"])')
  [ "$count" -eq "$rows" ] || { echo "error: the collection counts $count of $rows rows" >&2; exit 1; }
  # Searches for a few ingested rows (through the last silo's API): each must find its own id at distance 0.
  "$py" - "$data" "$searches" "$n" >"$run_dir/search.json" <<'EOF'
import json, sys
import numpy as np
path, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows, dim = np.fromfile(path, dtype=np.int32, count=2)
ids = np.sort(np.random.default_rng(seed).choice(rows, count, replace=False))
data = np.memmap(path, dtype=np.float32, mode="r", offset=8, shape=(rows, dim))
print(json.dumps({"ids": ids.tolist(), "vectors": data[ids].tolist(), "k": 100}))
EOF
  "$py" -c 'import json, sys; q = json.load(open(sys.argv[1])); print(json.dumps({"vectors": q["vectors"], "k": q["k"]}))' "$run_dir/search.json" \
    | curl -sf -X POST -H 'Content-Type: application/json' --data-binary @- "${urls[$((n - 1))]}/collections/deep/search" >"$run_dir/answer.json"
  "$py" - "$run_dir/search.json" "$run_dir/answer.json" <<'EOF' || exit 1
import json, sys
asked, answer = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for i, (ids, distances) in enumerate(zip(answer["ids"], answer["distances"])):
    own = asked["ids"][i]
    if own not in ids or distances[ids.index(own)] != 0:
        sys.exit(f"error: the search for row {own} did not find it at distance 0 (top: {ids[:5]} at {distances[:5]})")
print(f"searches: {len(asked['ids'])} ingested rows each found at distance 0")
EOF

  rate=$(echo "scale=0; $rows / $wall" | bc)
  base_rate=${base_rate:-$rate}
  speedup=$(echo "scale=2; $rate / $base_rate" | bc)
  per_cpu=$(echo "scale=0; $rows / $silo_cpu" | bc)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$s" "$rows" "$wall" "$ingest_s" "$rate" "$silo_cpu" "$client_cpu" "$load_before" "$load_after" >>"$out/results.tsv"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s → %s |\n' "$n" "$s" "$rows" "$wall" "$ingest_s" "$rate" "$speedup" "$silo_cpu" "$per_cpu" \
    "$client_cpu" "$load_before" "$load_after" >>"$out/table.md"
  step "$n silo(s): $rows rows in $wall s ($rate vectors/s), silo CPU $silo_cpu s, client CPU $client_cpu s"
  du -sh "$data_dir/cluster" >>"$out/ingest-$n.log" 2>&1 || true
  stop_silos
  rm -rf "$data_dir"
done
echo
echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), method $method 64 bits, batch $batch, in-flight $in_flight" | tee "$out/machine.txt"
[ ! -f "$out/encode.txt" ] || cat "$out/encode.txt" | tee -a "$out/machine.txt"
cat "$out/table.md"
