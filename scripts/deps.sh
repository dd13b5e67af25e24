#!/usr/bin/env bash
# Installs the Debian packages Sigah uses, when run as root and they are missing:
#   libopenblas0-pthread   dense algebra (sgemm, LAPACK) through libopenblas.so.0
#   dataset-fashion-mnist  the Fashion-MNIST files the benchmark and the real-data tests read
#   fonts-dejavu-core      the font the plots draw their text with
#   python3-faiss, python3-numpy, python3-h5py, python3-scipy   the peer and reference for bench/ scripts and format tests
#   python3-onnx           ONNX's own checker, run by the tests on every exported model
#   gcc                    the C toolchain that links the native (AOT) build of the CLI that ./sigah makes
#                          (the .NET SDK links with clang when it is installed, with gcc otherwise)
#   chromium, chromium-driver   the headless browser (and its WebDriver) that tests/Sigah.Server.Tests/BrowserTests.cs drives
#   postgresql             the PostgreSQL 15 server tests/Sigah.Cluster.Tests/PrivatePostgres.cs starts for the cluster's storage tests
# Not root: says what is missing and goes on (Sigah falls back to managed code where it can).
set -euo pipefail
packages=(libopenblas0-pthread dataset-fashion-mnist fonts-dejavu-core python3-faiss python3-numpy python3-h5py python3-scipy python3-onnx gcc chromium chromium-driver postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "installing: ${missing[*]}" >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
else
  echo "note: not root, so not installing: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
fi
