#!/usr/bin/env bash
# Installs what is missing, builds lede, and runs the default pipeline on the sample
# article. Usage: scripts/demo.sh [INPUT...]   (default: examples/putin-iran.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DLEDE_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
if (($# == 0)); then set -- examples/putin-iran.txt; fi
exec build/bin/lede run -c configs/default.cfg "$@"
