#!/bin/sh
# sentences_eval.sh -- sentence-boundary figures of the tokenizer stage.
#
#   bench/sentences_eval.sh [BUILD_DIR] [extra sentences_eval.py args, e.g. --show 5 --all-gum]
#
# Runs the real CLI (BUILD_DIR/bin/lede, default build/) with the pipeline
# "tokenizer ! exporter format=ndjson" over the English Golden Rules, the
# pragmatic_segmenter English suite and GUM news (../shared/data beside the repository, or $LEDE_DATA), and
# prints the scores; the pragmatic_segmenter suite also with the option quotations=whole. Falls back to the in-process driver BUILD_DIR/bin/tok_speed when the
# CLI is missing. Sets whose data is absent are skipped with a message.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-$root/build}
[ $# -gt 0 ] && shift
data=${LEDE_DATA:-$(cd "$(dirname "$0")/.." && pwd)/../shared/data}
if [ -x "$build/bin/lede" ]; then
  runner="$build/bin/lede run -p 'tokenizer ! exporter format=ndjson' -i ndjson -"
  whole="$build/bin/lede run -p 'tokenizer quotations=whole ! exporter format=ndjson' -i ndjson -"
elif [ -x "$build/bin/tok_speed" ]; then
  runner="$build/bin/tok_speed --ndjson -"
  whole="$build/bin/tok_speed -o 'quotations=whole' --ndjson -"
else
  echo "sentences_eval: neither $build/bin/lede nor $build/bin/tok_speed exists; build first" >&2
  exit 2
fi
echo "runner: $runner"
exec python3 "$here/sentences_eval.py" --runner "$runner" --runner-whole "$whole" --data "$data" "$@"
