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
./lede stages > stages.txt
for s in tokenizer quotes summarizer exporter; do
  grep -q "^  $s " stages.txt || { echo "FAIL: $s not built in"; cat stages.txt; exit 1; }
done
./lede run -c "$src/configs/default.cfg" "$src/examples/putin-iran.txt" > out.json
grep -q '"speaker": "Jake Sullivan"' out.json || { echo "FAIL: no quotes in output"; exit 1; }
./lede run -c "$src/configs/batch-ndjson.cfg" < /dev/null > empty.ndjson
test ! -s empty.ndjson
echo "lede-static: 1 passed, 0 failed"
