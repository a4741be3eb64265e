#!/usr/bin/env bash
# Builds the libFuzzer targets in build-fuzz (clang, ASan + UBSan, coverage everywhere)
# and runs each for a while, one after another (or N at a time with -j).
#
#   scripts/fuzz.sh                      # every target, 600 s each
#   scripts/fuzz.sh -t 60 tokenizer      # one target, one minute
#   scripts/fuzz.sh -j 2 -t 600          # two at a time
#   scripts/fuzz.sh --build-only
#
# Targets: ndjson config tokenizer quotes summarizer. Each run starts from the seeds in
# tests/fuzz/corpus/<name>/ plus what earlier runs found (build-fuzz/corpus/<name>/, never
# committed), writes crashers to build-fuzz/artifacts/<name>/ and its log to
# build-fuzz/logs/<name>.log, and prints one summary line: executions, coverage, findings.
# Exit status 1 when any run found something. Record runs in bench/FUZZING.md.
# LEDE_FUZZ_WARM_SCRATCH=1 lets ndjson fuzz past finding 1 of bench/FUZZING.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/build-fuzz"
seconds=600
jobs=1
build_only=0
all=(ndjson config tokenizer quotes summarizer)
targets=()
while (($#)); do
  case "$1" in
  -t) seconds="$2"; shift 2 ;;
  -j) jobs="$2"; shift 2 ;;
  --build-only) build_only=1; shift ;;
  -h | --help) sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
  *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=("${all[@]}")

command -v clang >/dev/null || { echo "fuzz.sh: clang is needed (apt-get install clang)" >&2; exit 2; }

flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEDE_FUZZ=ON -DLEDE_SANITIZE=ON
  -DLEDE_BUILD_TESTS=OFF -DLEDE_WERROR=OFF "-DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link")
# clang links no sanitizer runtime into shared objects, and the coverage hooks live in
# libFuzzer, inside the fuzzer executable: a stage module cannot be linked with
# --no-undefined here. -z undefs (last on the line) lifts it; the modules resolve those
# symbols from fuzz_config (-rdynamic) when it dlopens them.
flags+=("-DCMAKE_C_CREATE_SHARED_MODULE=<CMAKE_C_COMPILER> <CMAKE_SHARED_LIBRARY_C_FLAGS> \
<LANGUAGE_COMPILE_FLAGS> <LINK_FLAGS> <CMAKE_SHARED_LIBRARY_CREATE_C_FLAGS> -o <TARGET> \
<OBJECTS> <LINK_LIBRARIES> -Wl,-z,undefs")
# (An earlier version injected tests/fuzz from outside; forget that in old build dirs.)
flags+=("-UCMAKE_PROJECT_lede_INCLUDE")
mkdir -p "$dir" # configure.log goes there before cmake creates it (fresh clone)
CC=clang cmake -S "$root" -B "$dir" "${flags[@]}" >/dev/null 2>"$dir/configure.log" ||
  { cat "$dir/configure.log" >&2; exit 2; }
# Only the fuzzers asked for (and the stage modules fuzz_config loads); not the lede CLI:
# liblede here needs libFuzzer's coverage hooks, which only the fuzzers have.
build=()
for t in "${targets[@]}"; do
  build+=("fuzz_$t")
  [[ "$t" == config ]] && build+=(tokenizer quotes summarizer exporter)
done
cmake --build "$dir" -j2 --target "${build[@]}" >"$dir/build.log" 2>&1 ||
  { grep -E 'error|Error' "$dir/build.log" >&2; echo "fuzz.sh: build failed, see $dir/build.log" >&2; exit 2; }
((build_only)) && exit 0

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/tests/fuzz/lsan.supp:print_suppressions=0}"

# Stage inputs are kept small (the hostile suite covers megabytes through the CLI); the
# parsers get room for long lines and deep nesting.
max_len() { case "$1" in ndjson) echo 65536 ;; config) echo 8192 ;; *) echo 16384 ;; esac; }

run_one() {
  local name="$1" log="$dir/logs/$1.log" dict=()
  mkdir -p "$dir/corpus/$name" "$dir/artifacts/$name" "$dir/logs"
  [[ -f "$root/tests/fuzz/$name.dict" ]] && dict=("-dict=$root/tests/fuzz/$name.dict")
  local start=$SECONDS
  # Fork mode with -ignore_crashes: a finding is saved and fuzzing goes on for the whole
  # time, so one known bug does not hide the next (each finding is one artifact file).
  "$dir/bin/fuzz_$name" -fork=1 -ignore_crashes=1 -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len="$(max_len "$name")" -print_final_stats=1 "${dict[@]}" \
    -artifact_prefix="$dir/artifacts/$name/" "$dir/corpus/$name" "$root/tests/fuzz/corpus/$name" \
    >"$log" 2>&1 || true
  local execs cov found
  execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)
  # Coverage of the corpus the run ended with (edges and features), measured in one
  # plain pass: fork mode's running "cov" counts differently.
  cov=$("$dir/bin/fuzz_$name" -runs=0 -max_len="$(max_len "$name")" "$dir/corpus/$name" \
    "$root/tests/fuzz/corpus/$name" 2>&1 | grep -o 'cov: [0-9]* ft: [0-9]*' | tail -1 || true)
  found=$(find "$dir/artifacts/$name" -type f | wc -l)
  printf '%-11s %5ss  execs %-10s %-22s corpus %-5s findings %s  (log %s)\n' "$name" \
    "$((SECONDS - start))" "${execs:-?}" "${cov:-?}" "$(find "$dir/corpus/$name" -type f | wc -l)" \
    "$found" "$log"
  ((found == 0))
}

status=0
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if ((running >= jobs)); then
    wait -n || status=1
    running=$((running - 1))
  fi
done
while ((running > 0)); do
  wait -n || status=1
  running=$((running - 1))
done
exit $status
