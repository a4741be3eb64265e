#!/usr/bin/env bash
# Installs what is missing, builds lede with its tests (-Wall -Wextra -Werror) and runs
# every test with ctest. Usage: scripts/test.sh [--sanitize | --valgrind]
#   --sanitize   build in build-asan with AddressSanitizer + UndefinedBehaviorSanitizer
#   --valgrind   run the end-to-end tests with every lede command under valgrind
#                (memcheck, leak check): any error or leak fails the run
# ctest runs three tests per core: the long ones (test_stream's grace periods and slow
# documents, test_runner's) mostly wait on timers, and are split into groups that ctest runs
# side by side (tests/test_groups.h).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
jobs=$(($(nproc) * 3))
dir=build-test
flags=(-DCMAKE_BUILD_TYPE=Debug -DLEDE_BUILD_TESTS=ON -DLEDE_WERROR=ON)
if [[ "${1:-}" == "--sanitize" ]]; then
  dir=build-asan
  # CC=clang scripts/test.sh --sanitize: clang's UBSan checks more (NULL + 0, for one).
  if [[ "${CC:-}" == *clang* ]]; then dir=build-asan-clang; fi
  flags+=(-DLEDE_SANITIZE=ON)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
if [[ "${1:-}" == "--valgrind" ]]; then
  cmake -S . -B "$dir" "${flags[@]}" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
  export LEDE_E2E_WRAPPER="valgrind -q --suppressions=$PWD/tests/valgrind.supp --error-exitcode=99 \
--leak-check=full --errors-for-leak-kinds=definite,indirect,possible"
  cd "$dir"
  exec ctest --output-on-failure -j"$jobs" -R '^test_e2e\.'
fi
cmake -S . -B "$dir" "${flags[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)"
cd "$dir"
ctest --output-on-failure -j"$jobs"
