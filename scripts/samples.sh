#!/usr/bin/env bash
# Packs the libraries and the CLI tool into a local feed (artifacts/packages), then, as a user would:
# builds and runs samples/Quickstart against those packages (restored into a fresh package folder, so nothing
# cached from an earlier pack is used), and installs the tool from the feed and runs it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="$root/artifacts/packages"
work="$root/artifacts/samples"
rm -rf "$feed" "$work"
mkdir -p "$feed" "$work"
dotnet pack "$root/Sigah.slnx" -c Release -o "$feed" --nologo -v quiet
dotnet restore "$root/samples/Quickstart/Quickstart.csproj" --packages "$work/packages" --nologo -v quiet
dotnet run --project "$root/samples/Quickstart/Quickstart.csproj" -c Release --no-restore
dotnet tool install Sigah.Cli --version 0.1.0 --tool-path "$work/tool" --add-source "$feed" >/dev/null
"$work/tool/sigah" --version
