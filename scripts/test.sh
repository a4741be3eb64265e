#!/usr/bin/env bash
# Installs what is missing, builds lede with its tests (-Wall -Wextra -Werror) and runs
# every test with ctest. Usage: scripts/test.sh [--sanitize]
#   --sanitize   build in build-asan with AddressSanitizer + UndefinedBehaviorSanitizer
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
dir=build-test
flags=(-DCMAKE_BUILD_TYPE=Debug -DLEDE_BUILD_TESTS=ON -DLEDE_WERROR=ON)
if [[ "${1:-}" == "--sanitize" ]]; then
  dir=build-asan
  flags+=(-DLEDE_SANITIZE=ON)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
cmake -S . -B "$dir" "${flags[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)"
cd "$dir"
ctest --output-on-failure -j"$(nproc)"
