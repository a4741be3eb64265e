#!/bin/sh
# tok_speed.sh -- tokenizer throughput next to `wc -w` on the same text.
#
#   bench/tok_speed.sh [BUILD_DIR] [ROUNDS]
#
# Builds a corpus from the BBC News Summary articles ($LEDE_DATA/bbc-news-summary, eight
# copies, about 40 MB): one NDJSON record per article (the realistic case: many small
# documents) and the same text as one plain file. Prints the tokenizer's best CPU time
# in-process (BUILD_DIR/bin/tok_speed, the stage alone), the CLI end to end
# (lede run tokenizer ! exporter format=ndjson, output discarded), and `wc -w` user+system
# time in the C and C.UTF-8 locales. CPU time, not wall time: shared machines are noisy.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-$root/build}
rounds=${2:-5}
data=${LEDE_DATA:-$(cd "$(dirname "$0")/.." && pwd)/../shared/data}/bbc-news-summary
tmp=${TMPDIR:-/tmp}/lede-tok-speed
if [ ! -d "$data" ]; then
  echo "tok_speed: skip: $data not found (BBC News Summary)"
  exit 0
fi
mkdir -p "$tmp"
python3 - "$data" "$tmp" <<'PY'
import glob, json, os, sys
data, tmp = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(data, "News Articles", "*", "*.txt")))
with open(os.path.join(tmp, "bbc8.jsonl"), "w") as out, open(os.path.join(tmp, "bbc8.txt"), "w") as txt:
    for r in range(8):
        for i, f in enumerate(files):
            t = open(f, encoding="utf-8", errors="replace").read()
            out.write(json.dumps({"id": f"{r}-{i}", "text": t}) + "\n")
            txt.write(t)
PY
echo "corpus: $(wc -c < "$tmp/bbc8.txt") bytes, $(wc -l < "$tmp/bbc8.jsonl") documents"
echo "== tokenizer in-process, one document per article (best of $rounds, CPU time)"
"$build/bin/tok_speed" --speed "$tmp/bbc8.jsonl" "$rounds"
echo "== tokenizer in-process, the whole corpus as one document"
"$build/bin/tok_speed" --speed "$tmp/bbc8.txt" "$rounds"
echo "== tokenizer in-process, words = uax29, one document per article"
"$build/bin/tok_speed" -o "words=uax29" --speed "$tmp/bbc8.jsonl" "$rounds"
if [ -x "$build/bin/lede" ]; then
  echo "== lede run -p 'tokenizer ! exporter format=ndjson' -i ndjson (CPU user+sys)"
  /usr/bin/time -f "%U+%S s" "$build/bin/lede" run -p 'tokenizer ! exporter format=ndjson' \
    -i ndjson "$tmp/bbc8.jsonl" > /dev/null
fi
for loc in C C.UTF-8; do
  echo "== wc -w, LC_ALL=$loc (CPU user+sys)"
  LC_ALL=$loc /usr/bin/time -f "%U+%S s" wc -w "$tmp/bbc8.txt"
done
