#!/usr/bin/env bash
# A silo's death under load, longer: runs the failover test (tests/Sigah.Cluster.Tests/FailoverTests.cs) with more
# kills. Three `sigah serve --cluster` processes on 127.0.0.1 (membership in a private PostgreSQL 15, shard state
# in a shared directory or in PostgreSQL) serve `base` (20,000 static vectors, 6 shards) and `writes` (6 shards).
# Four clients search base through the nodes in turn and check every answer against brute force; two add small
# batches of new ids to writes, sending a failed batch again until it is acknowledged. Every ~5 s a silo is killed
# (SIGKILL); once every shard answers again through the survivors, a fresh silo takes its place and the shards
# spread over three silos again before the next kill. Prints per storage: requests answered 200 exactly, 200 wrong,
# 503 with Retry-After, refused or cut by the killed node, and anything else (wrong and other must be 0); the time
# from each kill until the cluster is whole again (limit 30 s); acknowledged adds, lost ones (must be 0), and the
# count of writes against the acknowledged ids. Exits non-zero when a property fails.
#
# usage: bench/cluster_failover.sh [--kills 5] [--storage directory|postgres|both] [--seconds S] [--seed N]
# --seconds is the least load time (default 16; the load lasts at least until the last kill is recovered from).
# The seed repeats a run's choices (queries, ids, victims), not its timing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills=5 storage=both seconds=16 seed=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills="$2"; shift 2 ;;
    --storage) storage="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "error: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done
[ "$kills" -ge 1 ] 2>/dev/null || { echo "error: --kills must be a positive integer" >&2; exit 1; }
[ "$seconds" -ge 1 ] 2>/dev/null || { echo "error: --seconds must be a positive integer" >&2; exit 1; }
case "$storage" in
  directory|postgres) only="$storage" ;;
  both) only="" ;;
  *) echo "error: --storage must be directory, postgres or both" >&2; exit 1 ;;
esac

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
dotnet build "$root/tests/Sigah.Cluster.Tests" -c Release --nologo -v quiet
status=0
SIGAH_FAILOVER_KILLS="$kills" SIGAH_FAILOVER_STORAGE="$only" SIGAH_FAILOVER_SECONDS="$seconds" SIGAH_FAILOVER_SEED="$seed" \
  SIGAH_FAILOVER_REPORT="$report" \
  dotnet test "$root/tests/Sigah.Cluster.Tests" -c Release --no-build --nologo --filter "FullyQualifiedName~FailoverTests.A_killed_silo" || status=$?
echo
cat "$report"
exit "$status"
