#!/usr/bin/env bash
# Installs what lede needs to build and test on Debian 12 (bookworm).
# As root it runs apt-get; otherwise it prints the apt-get line to run and fails.
# Usage: scripts/setup.sh [--tests | --lint]   (--tests adds what the test suite and CI
# use; --lint only what scripts/lint.sh runs)
set -euo pipefail

packages=(build-essential cmake pkg-config libltdl-dev libconfig-dev libutf8proc-dev
          libstemmer-dev libjansson-dev)
if [[ "${1:-}" == "--tests" ]]; then
  packages+=(libcmocka-dev unicode-data parallel python3 python3-jsonschema valgrind
            clang libclang-rt-14-dev clang-format cppcheck)
fi
if [[ "${1:-}" == "--lint" ]]; then
  packages=(clang-format cppcheck)
fi

if ! command -v dpkg >/dev/null 2>&1; then
  echo "setup: not a Debian system; make sure these (or your distribution's equivalents) are installed:" >&2
  echo "  ${packages[*]}" >&2
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: missing packages; run this and try again:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
