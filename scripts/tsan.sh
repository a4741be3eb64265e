#!/usr/bin/env bash
# ThreadSanitizer: builds lede with -fsanitize=thread in build-tsan (LEDE_TSAN=ON), runs every
# test, then `lede run` with 1, 2 and 3 workers on records made from the test fixtures: from a
# file and from a pipe, with --isolate, through the fault test stage, and stopped by SIGTERM.
# The outputs of -j 2 and -j 3 must be those of -j 1. Exits 1 on any ThreadSanitizer warning
# (a data race, a lock-order inversion, ...) in any process, tests' children included: every
# report goes to a log file (log_path), whatever the process did with its stderr.
# Usage: scripts/tsan.sh [--quick]   (CC=clang scripts/tsan.sh: build-tsan-clang)
#   --quick   all but test_hostile (most of the time under TSan; one of its cases runs -j 2)
# Not run under TSan: the unopened-FIFO case of test_stream (TSan holds back a SIGTERM that
# comes during open(); the test says so). If TSan stops at start-up with "unexpected memory
# mapping" (a kernel with more mmap randomisation than GCC 12's TSan knows,
# google/sanitizers#1716), run it under `setarch "$(uname -m)" -R`: the script does so itself
# when /proc/sys/vm/mmap_rnd_bits is above 28.
set -euo pipefail
if [[ -z "${LEDE_TSAN_NORAND:-}" && $(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo 0) -gt 28 ]]; then
  export LEDE_TSAN_NORAND=1
  exec setarch "$(uname -m)" -R bash "$0" "$@"
fi
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
start=$SECONDS
dir=build-tsan
if [[ "${CC:-}" == *clang* ]]; then dir=build-tsan-clang; fi
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DLEDE_BUILD_TESTS=ON -DLEDE_WERROR=ON \
  -DLEDE_TSAN=ON >/dev/null
cmake --build "$dir" -j"$(nproc)"
built=$SECONDS

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/log"
export TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1 log_path=$work/log/tsan"
reports() { grep -l 'WARNING: ThreadSanitizer' "$work"/log/tsan.* 2>/dev/null || true; }

failed=0
skip=()
if [[ "${1:-}" == "--quick" ]]; then skip=(-E '^test_hostile\.'); fi
# Three tests per core, as in scripts/test.sh: the long ones mostly wait on timers.
(cd "$dir" && ctest --output-on-failure -j"$(($(nproc) * 3))" "${skip[@]}") || failed=1
grep -h "skipped under ThreadSanitizer" "$dir/Testing/Temporary/LastTest.log" | sort -u |
  sed 's/^/tsan: /' || true
tested=$SECONDS

# Records: the fixtures' paragraphs and articles, plus one of 1.2 MB (its output goes out in
# pieces while later records are processed).
python3 - "$work/in.ndjson" tests/fixtures/quotes/putin-iran.txt tests/fixtures/e2e/sentences.txt <<'EOF'
import json, sys
out = open(sys.argv[1], "w")
n = 0
def put(text):
    global n
    out.write(json.dumps({"id": "r%d" % n, "text": text}, ensure_ascii=False) + "\n")
    n += 1
for rnd in range(3):
    for path in sys.argv[2:]:
        text = open(path, encoding="utf-8").read()
        put(text)
        for para in text.split("\n\n"):
            if para.strip():
                put(para)
    if rnd == 1:
        put(open(sys.argv[2], encoding="utf-8").read() * 170)
EOF
lede=$dir/bin/lede
cfg=configs/batch-ndjson.cfg
check() { # what status expected -- the run's status must be the expected one
  if [[ "$2" != "$3" ]]; then
    echo "tsan: $1: exit status $2, expected $3" >&2
    failed=1
  fi
}
same() { # what file -- the output must be -j 1's
  if ! cmp -s "$2" "$work/j1.out"; then
    echo "tsan: $1: output differs from -j 1's" >&2
    failed=1
  fi
}
rc=0; "$lede" run -c "$cfg" -j 1 "$work/in.ndjson" >"$work/j1.out" || rc=$?; check "-j 1" $rc 0
for j in 2 3; do
  rc=0; "$lede" run -c "$cfg" -j $j "$work/in.ndjson" >"$work/out" || rc=$?
  check "-j $j" $rc 0; same "-j $j" "$work/out"
  rc=0; "$lede" run -c "$cfg" -j $j <"$work/in.ndjson" >"$work/out" || rc=$?
  check "-j $j from a pipe" $rc 0; same "-j $j from a pipe" "$work/out"
  rc=0; "$lede" run -c "$cfg" --isolate -j $j "$work/in.ndjson" >"$work/out" || rc=$?
  check "--isolate -j $j" $rc 0; same "--isolate -j $j" "$work/out"
done
# Documents that fail, take long or crowd the window (tests/stages/teststage_fault.c).
awk '{print} NR % 4 == 0 {printf "{\"id\":\"f%d\",\"text\":\"%s He said: \\\"no.\\\"\"}\n", NR,
  (NR % 12 == 0 ? "HOG_HERE" : NR % 12 == 4 ? "CROWD_HERE" : "SLEEP_HERE")}' \
  "$work/in.ndjson" >"$work/fault.ndjson"
for j in 2 3; do
  rc=0
  LEDE_PLUGIN_PATH=$dir/tests/stages "$lede" run -i ndjson -j $j \
    -p "teststage_fault ! tokenizer ! quotes ! exporter format=ndjson" "$work/fault.ndjson" \
    >"$work/out" 2>"$work/err" || rc=$?
  check "-j $j with failing documents" $rc 1
  if [[ $(wc -l <"$work/out") != $(wc -l <"$work/fault.ndjson") ]]; then
    echo "tsan: -j $j with failing documents: not one record per document" >&2
    failed=1
  fi
done
# A stop signal while the input still streams: the documents read are finished and written
# whole (a prefix of -j 1's output), exit 143.
mkfifo "$work/fifo"
for j in 2 3; do
  (cat "$work/in.ndjson" && exec sleep 60) >"$work/fifo" &
  feeder=$!
  "$lede" run -c "$cfg" -j $j <"$work/fifo" >"$work/out" &
  pid=$!
  sleep 3
  kill -TERM $pid
  rc=0; wait $pid || rc=$?
  kill $feeder 2>/dev/null || true
  wait $feeder 2>/dev/null || true
  check "-j $j stopped by SIGTERM" $rc 143
  if ! head -c "$(wc -c <"$work/out")" "$work/j1.out" | cmp -s - "$work/out"; then
    echo "tsan: -j $j stopped by SIGTERM: output not a prefix of -j 1's" >&2
    failed=1
  fi
done

if [[ -n "$(reports)" ]]; then
  for f in $(reports); do cat "$f" >&2; done
  echo "tsan: ThreadSanitizer reports above ($(reports | wc -l) processes)" >&2
  failed=1
fi
echo "tsan: build $((built - start)) s, tests $((tested - built)) s, runs $((SECONDS - tested)) s"
if ((failed)); then
  echo "tsan: FAILED" >&2
  exit 1
fi
echo "tsan: clean"
