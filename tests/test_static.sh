#!/bin/sh
# test_static.sh BINARY SOURCE_DIR -- lede-static runs the default pipeline with no
# plugin directory anywhere near it and no liblede.so: the stages are linked in.
set -eu
bin=$1 src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$bin" "$dir/lede"
cd "$dir"
unset LEDE_PLUGIN_PATH
if ldd ./lede | grep -q liblede; then echo "FAIL: lede-static links liblede.so"; exit 1; fi
# Nothing beyond the C library where Debian ships the dependencies' archives.
for lib in ltdl config utf8proc stemmer; do
  for d in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib /usr/local/lib; do
    if test -e "$d/lib$lib.a" && ldd ./lede | grep -q "lib$lib"; then
      echo "FAIL: lede-static needs the shared lib$lib although $d/lib$lib.a exists"; exit 1
    fi
  done
done
./lede stages > stages.txt
for s in tokenizer quotes summarizer exporter; do
  grep -q "^  $s " stages.txt || { echo "FAIL: $s not built in"; cat stages.txt; exit 1; }
done
# A stage file of a built-in's name is listed as shadowed by the built-in (no directory).
LEDE_PLUGIN_PATH=$(dirname "$bin")/../lib/lede/stages ./lede stages > stages.txt
grep -q 'tokenizer.*\[shadowed by the one listed above\]' stages.txt ||
  { echo "FAIL: a shadowed stage file is not named as such"; cat stages.txt; exit 1; }
./lede run -c "$src/configs/default.cfg" "$src/examples/putin-iran.txt" > out.json
grep -q '"speaker": "Jake Sullivan"' out.json || { echo "FAIL: no quotes in output"; exit 1; }
./lede run -c "$src/configs/batch-ndjson.cfg" < /dev/null > empty.ndjson
test ! -s empty.ndjson
echo "lede-static: 1 passed, 0 failed"
