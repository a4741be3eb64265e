#!/bin/sh
# test_cxx_headers.sh -- every public header compiles as C++ (C++11 and C++20: `requires`
# is a keyword there), as a stage author's C++ source includes them.
# Usage: test_cxx_headers.sh SOURCE_DIR. Skipped (77) without a C++ compiler.
src=$1
cxx=${CXX:-c++}
command -v "$cxx" >/dev/null 2>&1 || { echo "no C++ compiler ($cxx): skipped"; exit 77; }
tmp=${TMPDIR:-/tmp}/lede-cxx-$$
mkdir -p "$tmp" || exit 1
trap 'rm -rf "$tmp"' EXIT
for std in c++11 c++20; do
    for h in "$src"/include/lede/*.h; do
        printf '#include "lede/%s"\nint main() { return 0; }\n' "$(basename "$h")" > "$tmp/t.cpp"
        if ! "$cxx" -std=$std -Wall -Wextra -pedantic -Werror -I"$src/include" \
            -c "$tmp/t.cpp" -o "$tmp/t.o"; then
            echo "FAIL: $(basename "$h") as $std"
            exit 1
        fi
    done
done
echo "all public headers compile as C++11 and C++20"
