#!/usr/bin/env bash
# Fuzzes one Sigah parser with AFL++ through SharpFuzz, then replays what it found.
#   fuzz/run.sh TARGET MINUTES     e.g. fuzz/run.sh npy 10     (fuzz/run.sh list: the targets)
# Installs afl++ (apt, when root) and the sharpfuzz tool (into fuzz/.tools) when missing. Seeds come from
# fuzz/corpus/TARGET; findings land in fuzz/.out/TARGET; a summary line is appended to fuzz/RESULTS.md.
# Runs at the lowest CPU priority; the parser's heap is capped at 2 GiB so a runaway allocation fails fast.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz="$root/fuzz"
build="$fuzz/.build"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mkdir -p "$build"
exec 9>"$build/lock"
flock 9
if [ ! -f "$build/bin/Sigah.Fuzz.dll" ] || [ -n "$(find "$root/src" "$fuzz/Sigah.Fuzz" \( -name obj -o -name bin \) -prune -o \
     \( -name '*.cs' -o -name '*.csproj' \) -newer "$build/bin/Sigah.Fuzz.dll" -print -quit)" ]; then
  nice -n 19 dotnet build "$fuzz/Sigah.Fuzz/Sigah.Fuzz.csproj" -c Release -o "$build/bin" --nologo -v quiet >"$build/build.log" 2>&1 \
    || { echo "error: building the fuzz harness failed; see $build/build.log" >&2; exit 2; }
fi
exec 9>&-
if [ "${1:-}" = list ] || [ $# -ne 2 ]; then
  [ "${1:-}" = list ] || echo "usage: fuzz/run.sh TARGET MINUTES   (targets below)" >&2
  dotnet "$build/bin/Sigah.Fuzz.dll" list
  [ "${1:-}" = list ]; exit
fi
target="$1" minutes="$2"
[ -d "$fuzz/corpus/$target" ] || { echo "error: no seed corpus fuzz/corpus/$target" >&2; exit 1; }

if ! command -v afl-fuzz >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "error: afl-fuzz is missing (sudo apt-get install afl++)" >&2; exit 1; }
  apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends afl++ >&2
fi
if [ ! -x "$fuzz/.tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$fuzz/.tools" >&2
fi

# Instrument a private copy of the build, so several targets can run at once.
run="$build/$target"
rm -rf "$run" "$fuzz/.out/$target"
cp -r "$build/bin" "$run"
for dll in Sigah.Core Sigah.Hashing Sigah.Index; do "$fuzz/.tools/sharpfuzz" "$run/$dll.dll" >/dev/null; done
mkdir -p "$fuzz/.out"

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export DOTNET_GCHeapHardLimit=0x80000000
nice -n 19 afl-fuzz -i "$fuzz/corpus/$target" -o "$fuzz/.out/$target" -t 5000 -m none -V $((minutes * 60)) \
  -- dotnet "$run/Sigah.Fuzz.dll" afl "$target" >"$fuzz/.out/$target.log" 2>&1 || true

stats="$fuzz/.out/$target/default/fuzzer_stats"
[ -f "$stats" ] || { echo "error: afl-fuzz did not start; see fuzz/.out/$target.log" >&2; tail -n 20 "$fuzz/.out/$target.log" >&2; exit 2; }
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
crashes=$(stat saved_crashes) hangs=$(stat saved_hangs)
line="| $(date -u +%Y-%m-%d) | $target | $minutes | $(stat execs_done) | $(stat corpus_count) | $(stat bitmap_cvg) | $crashes | $hangs |"
echo "$line"
echo "$line" >>"$fuzz/RESULTS.md"
for kind in crashes hangs; do
  dir="$fuzz/.out/$target/default/$kind"
  if [ -n "$(ls -A "$dir" 2>/dev/null | grep -v README)" ]; then
    echo "$kind (replayed without instrumentation):"
    dotnet "$build/bin/Sigah.Fuzz.dll" replay "$target" "$dir" || true
  fi
done
[ "$crashes" = 0 ] && [ "$hangs" = 0 ]
