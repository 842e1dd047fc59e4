#!/bin/sh
# run.sh — run every test of each build directory given (build, build-asan),
# the cmocka suites and the CLI suites (tests/cli/test_*.sh), and end with one "N passed, N failed".
# usage: sh tests/run.sh BUILD_DIR...   (from the repository root)
total_pass=0; total_fail=0
log=$(mktemp /tmp/pdpascan-test.XXXXXX)
trap 'rm -f "$log"' EXIT
for b in "$@"; do
  for t in $(find "$b/tests" -type f -name 'test_*' ! -name '*.d' ! -name '*.o' | sort); do
    "$t" >"$log" 2>&1; rc=$?
    cat "$log"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
    p=${p:-0}; f=${f:-0}
    # A suite that crashed or failed without saying so counts as one failure.
    if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
    echo "== $t: $p passed, $f failed"
    total_pass=$((total_pass+p)); total_fail=$((total_fail+f))
  done
  for s in tests/cli/test_*.sh; do
    sh "$s" "$b" >"$log" 2>&1
    cat "$log"
    p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -1)
    f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -1)
    p=${p:-0}; f=${f:-1}
    echo "== $b $(basename "$s" .sh): $p passed, $f failed"
    total_pass=$((total_pass+p)); total_fail=$((total_fail+f))
  done
done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
