#!/usr/bin/env bash
# Runs every test of the solution, after installing the system packages the tests use; then packs the libraries
# and runs the sample that uses them from the packages (scripts/samples.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh"
dotnet test "$root/Sigah.slnx" -c Release --nologo "$@"
"$root/scripts/samples.sh"
