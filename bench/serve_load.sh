#!/usr/bin/env bash
# Load test of `sigah serve` against PostgreSQL 15 holding the same codes, end to end and bounded in time.
#
# The base: 1M 784-d float32 vectors, Fashion-MNIST's 60,000 training images (pixels in [0, 1]) repeated with
# seeded Gaussian noise; the queries: its 10,000 test images with the same noise. A SiGAH 64-bit model trained on the
# 60,000 training images encodes them. sigah serve (a fresh data directory, a free loopback port) gets the float
# vectors in npy batches and encodes them itself; a private PostgreSQL 15 (initdb + pg_ctl, Unix socket in a temp
# directory, no TCP) gets the codes from `sigah encode` in table codes (id bigint primary key, code bit(64)), loaded
# with COPY, and is searched with ORDER BY bit_count(code # q), id LIMIT 10. bench/ServeLoad then checks that both
# give the same answers on a sample of queries, and at each concurrency runs single-vector k = 10 searches with 1 % of
# requests writes (an add of a new vector, a delete of a base id, alternately) on each target in turn, and prints
# throughput and p50/p95/p99 latency side by side. Both servers are stopped on exit.
#
# Installs nothing. Needs: postgresql (Debian's, 15), dataset-fashion-mnist, python3-numpy (/usr/bin/python3), curl,
# the .NET 10 SDK; as root, PostgreSQL runs as user postgres. The data, model and codes are kept in --work and reused
# by the next run with the same --rows, --noise and --seed (about 3.3 GB at 1M rows). On 2 cores a first run takes
# about 15 minutes (making the data and training about 5 of them), a rerun about 10.
#
# usage: bench/serve_load.sh [--out DIR] [--work DIR] [--rows N] [--noise SIGMA] [--seed S] [--concurrency LIST]
#                            [--requests N] [--time-limit S] [--pg-requests N] [--pg-time-limit S] [--npy] [--note TEXT]
#   --out DIR          results.json, table.md and the logs (default runs/serve-load)
#   --work DIR         the data, model and codes, kept for the next run (default $TMPDIR/sigah-serve-load)
#   --rows N           base rows (default 1000000); --noise SIGMA the noise's standard deviation (default 0.1)
#   --requests N       sigah: requests per concurrency level (default 20000), --time-limit S at most (default 60)
#   --pg-requests N    PostgreSQL: the same (default 2000, at most --pg-time-limit 45 s: one search scans every row)
#   --npy              sigah's requests carry npy bodies instead of JSON (less parsing on both sides)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py=/usr/bin/python3 # Debian's python: the one with numpy
pgbin=/usr/lib/postgresql/15/bin
fmnist=/usr/share/datasets/fashion-mnist
out="$root/runs/serve-load"
work="${TMPDIR:-/tmp}/sigah-serve-load"
rows=1000000
noise=0.1
seed=0
batch=50000
concurrency=1,8,32
requests=20000
time_limit=60
pg_requests=2000
pg_time_limit=45
note=""
npy=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --rows) rows="$2"; shift 2 ;;
    --noise) noise="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --time-limit) time_limit="$2"; shift 2 ;;
    --pg-requests) pg_requests="$2"; shift 2 ;;
    --pg-time-limit) pg_time_limit="$2"; shift 2 ;;
    --note) note="$2"; shift 2 ;;
    --npy) npy=--npy; shift ;;
    *) echo "error: unknown option $1" >&2; exit 1 ;;
  esac
done
for need in "$pgbin/initdb" "$fmnist/train-images-idx3-ubyte.gz" /usr/bin/psql /usr/bin/curl; do
  [ -e "$need" ] || { echo "error: $need is missing (apt-get install postgresql dataset-fashion-mnist curl)" >&2; exit 1; }
done
"$py" -c 'import numpy' 2>/dev/null || { echo "error: $py has no numpy (apt-get install python3-numpy)" >&2; exit 1; }
data="$work/rows$rows-noise$noise-seed$seed"
mkdir -p "$data" "$out"
started=$SECONDS
step() { printf '[%4ds] %s\n' $((SECONDS - started)) "$*"; }

# Everything this run starts is stopped, and its temporary directories removed, however it ends.
server_pid=""
pg_dir=""
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/sigah-serve-load-run.XXXXXX")
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/data/postmaster.pid" ]; then as_postgres "$pgbin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$run_dir" ${pg_dir:+"$pg_dir"}
}
trap cleanup EXIT
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

step "building the sigah CLI and bench/ServeLoad"
"$root/sigah" --help >/dev/null
# The CLI as built now serves the whole run: a source edit meanwhile would make ./sigah rebuild (minutes) mid-run.
# ./sigah holds this lock while it replaces its build.
flock "$root/.sigah-build/lock" cp -a "$root/.sigah-build/bin" "$run_dir/cli"
sigah="$run_dir/cli/sigah"
dotnet build "$root/bench/ServeLoad/ServeLoad.csproj" -c Release --nologo -v quiet >"$out/build.log" 2>&1 \
  || { tail -n 20 "$out/build.log" >&2; exit 1; }
load="$root/bench/ServeLoad/bin/Release/net10.0/ServeLoad.dll"

# Each step's output is kept in $data and reused; a step's marker is written only once it has finished.
if [ ! -f "$data/rows.done" ]; then
  step "making $rows base rows (noise sigma $noise, seed $seed) in $data"
  "$py" - "$fmnist" "$data" "$rows" "$noise" "$seed" "$batch" <<'PY'
import gzip, sys
import numpy as np
src, dst, rows, sigma, seed, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
def images(name):
    with gzip.open(f"{src}/{name}-images-idx3-ubyte.gz") as f:
        raw = f.read()
    n, h, w = np.frombuffer(raw, ">i4", 3, 4)
    return np.frombuffer(raw, np.uint8, offset=16).reshape(n, h * w).astype(np.float32) / np.float32(255)
train, test = images("train"), images("t10k")
rng = np.random.default_rng(seed)
np.save(f"{dst}/train.npy", train)
np.save(f"{dst}/queries.npy", test + np.float32(sigma) * rng.standard_normal(test.shape, dtype=np.float32))
# Row i is training image i mod 60,000 with its own noise; one npy per upload batch.
for c, first in enumerate(range(0, rows, batch)):
    ids = np.arange(first, min(first + batch, rows))
    np.save(f"{dst}/base-{c:03d}.npy", train[ids % len(train)] + np.float32(sigma) * rng.standard_normal((len(ids), train.shape[1]), dtype=np.float32))
PY
  touch "$data/rows.done"
fi
if [ ! -f "$data/sigah64.model" ]; then
  step "training SiGAH, 64 bits, on the 60,000 training images"
  "$sigah" train --method sigah --bits 64 --input "$data/train.npy" --model "$data/sigah64.model" --seed "$seed" >"$data/train.log" 2>&1 \
    || { tail -n 20 "$data/train.log" >&2; exit 1; }
fi
if [ ! -f "$data/codes.done" ]; then
  step "encoding the base and the queries with sigah encode"
  for chunk in "$data"/base-???.npy "$data/queries.npy"; do
    "$sigah" encode --model "$data/sigah64.model" --input "$chunk" --output "${chunk%.npy}.codes.npy" 2>>"$data/encode.log"
  done
  # COPY text: id, then the code as a bit string, position j = bit j of the code (bit j % 8 of byte j / 8).
  "$py" - "$data" "$batch" <<'PY'
import glob, sys
import numpy as np
dst, batch = sys.argv[1], int(sys.argv[2])
with open(f"{dst}/codes.copy", "wb") as f:
    for c, path in enumerate(sorted(glob.glob(f"{dst}/base-*.codes.npy"))):
        codes = np.load(path)
        bits = np.unpackbits(codes, axis=1, bitorder="little") + np.uint8(ord("0"))
        for i, row in enumerate(bits):
            f.write(b"%d\t%s\n" % (c * batch + i, row.tobytes()))
PY
  touch "$data/codes.done"
fi

step "starting sigah serve"
port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
"$sigah" serve --data "$run_dir/serve" --urls "$url" >"$out/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
curl -sf "$url/health" >/dev/null || { echo "error: sigah serve did not start; see $out/serve.log" >&2; exit 1; }
curl -sSf -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$data/sigah64.model" "$url/collections/load" >/dev/null
step "uploading $rows vectors in batches of $batch"
first=0
for chunk in "$data"/base-???.npy; do
  curl -sSf -X POST -H 'Content-Type: application/x-npy' --data-binary "@$chunk" "$url/collections/load/vectors?first_id=$first" >/dev/null
  first=$((first + batch))
done
curl -sSf "$url/collections/load" >"$out/collection-before.json"
step "collection: $(cat "$out/collection-before.json")"

step "starting PostgreSQL 15 and loading the codes"
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/sigah-serve-load-pg.XXXXXX")
[ "$(id -u)" -ne 0 ] || chown postgres: "$pg_dir"
as_postgres "$pgbin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$out/initdb.log"
# No TCP listener; the table (about 50 MB) fits in shared buffers.
as_postgres "$pgbin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$pg_dir' -c shared_buffers=512MB" start >/dev/null
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -U postgres -d postgres)
"${psql[@]}" -c "CREATE TABLE codes (id bigint, code bit(64))" -c "\\copy codes FROM '$data/codes.copy'" \
  -c "ALTER TABLE codes ADD PRIMARY KEY (id)" -c "VACUUM ANALYZE codes"
# The plan of one search, to show what PostgreSQL does with it (on this machine: a parallel sequential scan).
"$py" -c 'import sys, numpy as np; print("".join(map(str, np.unpackbits(np.load(sys.argv[1])[0], bitorder="little"))))' "$data/queries.codes.npy" \
  | { read -r code; "${psql[@]}" -c "EXPLAIN (ANALYZE, BUFFERS) SELECT id, bit_count(code # B'$code') FROM codes ORDER BY 2, id LIMIT 10"; } >"$out/postgres-plan.txt"
step "PostgreSQL: $("${psql[@]}" -At -c "SELECT count(*) || ' rows, ' || pg_size_pretty(pg_table_size('codes')) FROM codes"), $("${psql[@]}" -At -c 'SELECT version()')"

step "load test (the machine has $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); other work may share it)"
dotnet "$load" --url "$url" --collection load --pg "Host=$pg_dir;Username=postgres;Database=postgres" \
  --queries "$data/queries.npy" --query-codes "$data/queries.codes.npy" --base-count "$rows" \
  --concurrency "$concurrency" --requests "$requests" --time-limit "$time_limit" \
  --pg-requests "$pg_requests" --pg-time-limit "$pg_time_limit" $npy \
  --note "shared with other work: load average at start $(cut -d' ' -f1-3 /proc/loadavg)${note:+; $note}" --out "$out"
curl -sSf "$url/collections/load" >"$out/collection-after.json"
step "done: $out/results.json, $out/table.md"
