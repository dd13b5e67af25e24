#!/usr/bin/env bash
# Durability of `sigah serve` under SIGKILL: runs the crash test (tests/Sigah.Server.Tests/CrashRecoveryTests.cs)
# with many kill/restart cycles. Eight clients send concurrent adds (1-50 vectors, fresh ids, replacements, re-adds)
# and deletes; at a random moment the server process is killed (SIGKILL) and restarted on the same data directory,
# and every id ever sent is checked against a model of the history, the count compared, and every live vector
# searched for. Prints per cycle: writes acknowledged (in the cycle and in all), writes in flight at the kill and how
# many of them landed, live rows expected and found, lost acknowledged writes, phantom rows, torn batches, failed
# searches and acknowledgements with a wrong count (each of these five must be 0), log records replayed and the
# restart time (process start to /health 200); then the totals. Exits non-zero when any of the five is not 0.
#
# usage: bench/serve_crash.sh [--kills 25] [--seed S]
# The seed repeats a run's choices (ids, vectors, kill delays), not its timing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills=25 seed=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "error: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done
[ "$kills" -ge 1 ] 2>/dev/null || { echo "error: --kills must be a positive integer" >&2; exit 1; }

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
dotnet build "$root/tests/Sigah.Server.Tests" -c Release --nologo -v quiet
status=0
SIGAH_CRASH_KILLS="$kills" SIGAH_CRASH_SEED="$seed" SIGAH_CRASH_REPORT="$report" \
  dotnet test "$root/tests/Sigah.Server.Tests" -c Release --no-build --nologo \
  --filter "FullyQualifiedName~CrashRecoveryTests.Every_acknowledged_write_survives_a_kill" || status=$?
echo
cat "$report"
exit "$status"
