#!/usr/bin/env bash
# The plugin SDK, tested the way an outsider meets it: install lede to a fresh prefix, then
# build out of tree against that prefix only (CMAKE_PREFIX_PATH / pkg-config):
#   - examples/keywords and examples/entities: build with -Werror, run their cmocka tests;
#   - a project written by `lede new-stage`: build, test;
#   - the same generated stage compiled by hand with `pkg-config --cflags --libs lede`;
# and run each stage with the installed lede on examples/putin-iran.txt, checking that its
# layer is in the JSON and NDJSON output (no exporter change) and `lede inspect` knows it.
# Last, every `sh` block of docs/writing-a-stage.md is run, in order, in a copy of the
# source tree with HOME in the scratch directory: the tutorial's commands must work.
#
# Usage: scripts/sdk-test.sh [--no-doc] [BUILD_DIR]   (BUILD_DIR defaults to build-sdk-test,
#        configured and built when it has no CMakeCache.txt). KEEP=1 keeps the scratch dir.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
doc=1
if [[ "${1:-}" == "--no-doc" ]]; then
  doc=0
  shift
fi
build=${1:-build-sdk-test}
t0=$(date +%s)

say() { printf '== %s\n' "$*"; }
die() { printf 'sdk-test: FAIL: %s\n' "$*" >&2; exit 1; }

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  say "configure $build"
  cmake -S . -B "$build" -DLEDE_BUILD_TESTS=OFF -DLEDE_WERROR=ON >/dev/null
fi
say "build $build"
cmake --build "$build" -j"$(nproc)" >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/lede-sdk.XXXXXX")
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$work"' EXIT; else say "keeping $work"; fi
prefix=$work/prefix
say "install to $prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
lede=$prefix/bin/lede
[[ -x "$lede" ]] || die "no $lede after install"
article=$root/examples/putin-iran.txt

# check_layer FILE LAYER FORMAT: the record(s) in FILE hold a non-empty array LAYER.
check_layer() {
  python3 - "$1" "$2" "$3" <<'EOF' || die "layer '$2' missing or empty in $3 output ($1)"
import json, sys
path, layer, fmt = sys.argv[1:]
text = open(path, encoding="utf-8").read()
records = [json.loads(l) for l in text.splitlines() if l.strip()] if fmt == "ndjson" else [json.loads(text)]
assert records and all(isinstance(r.get(layer), list) and r[layer] for r in records)
spans = records[0][layer]
assert all("start" in s and "end" in s and "text" in s for s in spans)
print("   %s: %d spans, first %s" % (layer, len(spans), json.dumps(spans[0], ensure_ascii=False)[:110]))
EOF
}

# run_stage NAME PLUGIN_DIR: the installed lede runs tokenizer ! NAME ! exporter.
run_stage() {
  local name=$1 dir=$2
  for fmt in json ndjson; do
    LEDE_PLUGIN_PATH=$dir "$lede" run -p "tokenizer ! $name ! exporter format=$fmt" "$article" \
      >"$work/$name.$fmt" || die "lede run with $name ($fmt) failed"
    check_layer "$work/$name.$fmt" "$name" "$fmt"
  done
  LEDE_PLUGIN_PATH=$dir "$lede" inspect "$name" >"$work/$name.inspect" ||
    die "lede inspect $name failed"
  grep -q "{ stage = \"$name\";" "$work/$name.inspect" || die "lede inspect $name: no config entry"
}

# build_project SRC BIN: configure against the prefix only, build with -Werror, run ctest.
build_project() {
  local src=$1 bin=$2
  cmake -S "$src" -B "$bin" -DCMAKE_PREFIX_PATH="$prefix" -DLEDE_WERROR=ON >"$work/cmake.log" 2>&1 ||
    { cat "$work/cmake.log"; die "configure $src"; }
  cmake --build "$bin" -j"$(nproc)" >"$work/build.log" 2>&1 || { cat "$work/build.log"; die "build $src"; }
  (cd "$bin" && ctest --output-on-failure >"$work/ctest.log" 2>&1) ||
    { cat "$work/ctest.log"; die "tests of $src"; }
  grep -E "tests passed" "$work/ctest.log" | sed 's/^/   /'
}

for ex in keywords entities; do
  say "examples/$ex: build out of tree, test, run"
  build_project "$root/examples/$ex" "$work/$ex"
  run_stage "$ex" "$work/$ex"
done

say "lede new-stage sdkdemo: build, test, run with its own config"
"$lede" new-stage sdkdemo "$work/sdkdemo" >/dev/null ||
  die "lede new-stage failed (is 'new-stage' wired into core/main.c?)"
if "$lede" new-stage sdkdemo "$work/sdkdemo" >/dev/null 2>&1; then
  die "lede new-stage overwrote an existing project"
fi
build_project "$work/sdkdemo" "$work/sdkdemo/build"
(cd / && "$lede" run -c "$work/sdkdemo/sdkdemo.cfg" "$article" >"$work/sdkdemo.json") ||
  die "lede run -c sdkdemo.cfg failed"
check_layer "$work/sdkdemo.json" sdkdemo json
run_stage sdkdemo "$work/sdkdemo/build"

say "pkg-config: compile the generated stage by hand"
pc=$(dirname "$(find "$prefix" -name lede.pc | head -1)")
mkdir -p "$work/pc"
# shellcheck disable=SC2046
cc -std=c11 -shared -fPIC -fvisibility=hidden -Wall -Wextra -Werror -o "$work/pc/sdkdemo.so" \
  "$work/sdkdemo/sdkdemo.c" $(PKG_CONFIG_PATH=$pc pkg-config --cflags --libs lede) \
  -Wl,--no-undefined -Wl,-rpath,"$(PKG_CONFIG_PATH=$pc pkg-config --variable=libdir lede)" ||
  die "pkg-config build"
run_stage sdkdemo "$work/pc"

say "pkg-config: a multiarch libdir (lib/x86_64-linux-gnu) finds the same prefix"
cmake -S . -B "$work/ma" -DLEDE_BUILD_TESTS=OFF -DCMAKE_INSTALL_LIBDIR=lib/x86_64-linux-gnu \
  >/dev/null || die "configure with a multiarch libdir"
mkdir -p "$work/ma-prefix/lib/x86_64-linux-gnu/pkgconfig"
cp "$work/ma/lede.pc" "$work/ma-prefix/lib/x86_64-linux-gnu/pkgconfig/"
got=$(PKG_CONFIG_PATH=$work/ma-prefix/lib/x86_64-linux-gnu/pkgconfig pkg-config --variable=libdir lede)
[[ "$(cd "$got" && pwd -P)" == "$(cd "$work/ma-prefix/lib/x86_64-linux-gnu" && pwd -P)" ]] ||
  die "multiarch lede.pc: libdir is $got"

if [[ $doc == 1 ]]; then
  say "docs/writing-a-stage.md: run every sh block in a copy of the tree"
  mkdir -p "$work/src" "$work/home"
  tar -C "$root" --exclude='./build*' --exclude=./.git -cf - . | tar -C "$work/src" -xf -
  python3 - "$root/docs/writing-a-stage.md" >"$work/doc.sh" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)
assert blocks, "no sh blocks"
print("set -ex")
for b in blocks:
    print(b)
PY
  (cd "$work/src" && env -u LEDE_PLUGIN_PATH HOME="$work/home" bash "$work/doc.sh" >"$work/doc.log" 2>&1) ||
    { tail -30 "$work/doc.log"; die "a command of docs/writing-a-stage.md failed (log above)"; }
  printf '   %s commands run\n' "$(grep -c '^+ ' "$work/doc.log")"
fi

say "SDK test passed in $(($(date +%s) - t0)) s"
