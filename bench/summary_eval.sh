#!/bin/sh
# summary_eval.sh -- ROUGE-1/2/L F1 of every summarizer method and of OTS, in one run, on the
# BBC News Summary set (2225 articles minus the 98 duplicates marked in manifest.tsv = 2127),
# every system keeping the same share of sentences (RATIO, default 0.4 = `ots -r 40`).
#
# usage: bench/summary_eval.sh [BUILD_DIR]        (default: ./build)
#   LEDE_BBC_DATA  the data set's folder (default ../shared/data/bbc-news-summary)
#   RATIO          share of sentences kept (default 0.4)
#   METHODS        the lede methods to score (default "news lead textrank lexrank")
#   SPLIT          when set (SPLIT=1), each system's means over the halves of a fixed split
#                  too: the articles at even and at odd positions of the manifest's order
#   OTS            OTS=0 skips OTS
# The lede methods run through the real CLI (BUILD_DIR/bin/lede, NDJSON in and out); when
# that binary is missing they run in-process through the harness instead (said so below).
# Scores come from bench/rouge.c (Google rouge-score's rules, Porter stemming on); see
# bench/summary_eval.c. Skips, with exit status 0, when the data set is absent.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-$root/build}
data=${LEDE_BBC_DATA:-$root/../shared/data/bbc-news-summary}
ratio=${RATIO:-0.4}
methods=${METHODS:-news lead textrank lexrank}
if [ -n "${SPLIT:-}" ]; then
    SUMMARY_EVAL_SPLIT=1
    export SUMMARY_EVAL_SPLIT
fi
scorer=$build/bin/summary_eval
lede=$build/bin/lede

if [ ! -f "$data/manifest.tsv" ]; then
    echo "summary_eval: SKIPPED: BBC News Summary not found at $data (set LEDE_BBC_DATA)"
    exit 0
fi
if [ ! -x "$scorer" ]; then
    echo "summary_eval: $scorer is missing: cmake --build $build --target summary_eval" >&2
    exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$scorer" ndjson "$data" > "$tmp/articles.ndjson"
n=$(wc -l < "$tmp/articles.ndjson")
echo "BBC News Summary: $n unique articles; ROUGE F1 x 100 (Porter stemming); ratio $ratio"

for m in $methods; do
    if [ -x "$lede" ]; then
        start=$(date +%s.%N)
        status=0
        "$lede" run -p "tokenizer ! summarizer method=$m ratio=$ratio ! exporter format=ndjson" \
            --input ndjson "$tmp/articles.ndjson" > "$tmp/$m.ndjson" 2> "$tmp/$m.err" || status=$?
        end=$(date +%s.%N)
        if [ "$status" -ne 0 ]; then
            echo "summary_eval: lede exited with $status for method=$m:" >&2
            head -5 "$tmp/$m.err" >&2
        fi
        "$scorer" score "$data" "lede $m" "$tmp/$m.ndjson"
        awk -v s="$start" -v e="$end" -v n="$n" \
            'BEGIN { printf "%22s lede run: %.2f s, %.0f docs/s\n", "", e - s, n / (e - s) }'
    else
        "$scorer" run "$data" "lede $m (harness)" "method=$m ratio=$ratio"
    fi
done

if [ "${OTS:-1}" = 0 ]; then
    :
elif command -v ots > /dev/null 2>&1; then
    pct=$(awk -v r="$ratio" 'BEGIN { printf "%d", r * 100 + 0.5 }')
    tail -n +2 "$data/manifest.tsv" | awk -F'\t' '$7 == "-" { print $1 "\t" $2 }' |
        while IFS="$(printf '\t')" read -r cat file; do
            mkdir -p "$tmp/ots/$cat"
            ots -r "$pct" "$data/News Articles/$cat/$file" > "$tmp/ots/$cat/$file"
        done
    "$scorer" dir "$data" "ots -r $pct" "$tmp/ots"
else
    echo "ots: not installed (Debian package ots), skipped"
fi
