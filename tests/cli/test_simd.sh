#!/bin/sh
# test_simd.sh — every vector way gives the same findings.  The program is
# built again with `make SIMD=avx2` and `make SIMD=sse2` (util/simd.h: the
# widest way it may use), and each build's JSON Lines over corpus/, the
# seeds and tests/regress/ must be the default build's, byte for byte.
# The release build only (the sanitizer pass would build twice more for
# the same comparison).
# Prints "ok N - what" / "not ok N - what" and "N passed, N failed".
# usage: sh tests/cli/test_simd.sh BUILD_DIR   (from the repository root)
B=${1:-build}
pass=0; fail=0; n=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then pass=$((pass+1)); echo "ok $n - $2"; else fail=$((fail+1)); echo "not ok $n - $2"; fi; }
if [ "$B" != build ]; then echo "# the vector ways are compared in the release build"; echo "0 passed, 0 failed"; exit 0; fi
T=$(mktemp -d /tmp/pdpascan-simd.XXXXXX)
trap 'rm -rf "$T"' EXIT
CRASHES=$(grep -v '^#' tests/regress/library-crashes.txt | cut -f1 | sed 's|^|tests/regress/|')
inputs() { find corpus tests/seeds tests/regress -type f | sort | grep -vxF "$CRASHES"; }
findings() { "$1/pdpascan" scan -f jsonl --no-isolate $(inputs) 2>/dev/null | grep -v '"type":"summary"'; }
findings "$B" > "$T/default"
ok "$([ -s "$T/default" ]; echo $?)" "the default build reports on corpus/, the seeds and tests/regress/ ($(wc -l < "$T/default") lines)"
for way in avx2 sse2; do
  make --no-print-directory -j2 BUILD="build-$way" SIMD=$way build-$way/pdpascan build-$way/pdpascan-formats.so >"$T/$way.log" 2>&1
  ok $? "make SIMD=$way builds"
  grep -E 'warning:|note:' "$T/$way.log" | grep -v '^make' > "$T/$way.warn"  # the compiler's, not make's jobserver note
  ok "$([ ! -s "$T/$way.warn" ]; echo $?)" "make SIMD=$way: the compiler prints no warning and no note (ABI notes included)$(head -1 "$T/$way.warn" | sed 's/^/: /')"
  findings "build-$way" > "$T/$way"
  cmp -s "$T/default" "$T/$way"
  ok $? "SIMD=$way: the same findings, byte for byte$(cmp "$T/default" "$T/$way" 2>/dev/null | sed 's/^/ (/;s/$/)/')"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
