#!/usr/bin/env bash
# Runs every test of the solution, after installing the system packages the tests use.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh"
exec dotnet test "$root/Sigah.slnx" -c Release --nologo "$@"
