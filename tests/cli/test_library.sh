#!/bin/sh
# test_library.sh — libpdpascan as another program meets it: `make install`
# into a staging folder, then docs/example.c built against the staged tree
# with pkg-config (shared library, and static), and run on a document;
# tests/library/*.c use the public header only, as such a program would.
# Prints "ok N - what" / "not ok N - what" and "N passed, N failed".
# usage: sh tests/cli/test_library.sh BUILD_DIR   (from the repository root)
B=${1:-build}
T=$(mktemp -d /tmp/pdpascan-lib.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0; n=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then pass=$((pass+1)); echo "ok $n - $2"; else fail=$((fail+1)); echo "not ok $n - $2"; fi; }
check() { d="$1"; shift; if "$@" >/dev/null 2>&1; then ok 0 "$d"; else ok 1 "$d"; fi; }
SAN=; [ "$B" = build-asan ] && SAN=SAN=1
make --no-print-directory $SAN install DESTDIR="$T/stage" PREFIX=/usr >"$T/install.log" 2>&1
check "make install stages the library, its header and pdpascan.pc" sh -c "[ -f '$T/stage/usr/include/pdpascan.h' ] && [ -L '$T/stage/usr/lib/libpdpascan.so' ] && [ -f '$T/stage/usr/lib/libpdpascan.so.1.0.0' ] && [ -f '$T/stage/usr/lib/libpdpascan.a' ] && [ -f '$T/stage/usr/lib/pkgconfig/pdpascan.pc' ]"
check "the shared library carries its soname" sh -c "objdump -p '$T/stage/usr/lib/libpdpascan.so.1.0.0' | grep -q 'SONAME *libpdpascan.so.1'"
export PKG_CONFIG_PATH="$T/stage/usr/lib/pkgconfig"
FLAGS=$(pkg-config --cflags --libs pdpascan 2>/dev/null)
check "pkg-config finds pdpascan in the staged tree" sh -c "pkg-config --modversion pdpascan | grep -q '^[0-9]'"
SANFLAGS=; [ "$B" = build-asan ] && SANFLAGS="-fsanitize=address,undefined"
cc -std=c11 -Wall -Wextra -Werror $SANFLAGS docs/example.c $FLAGS -o "$T/example" 2>"$T/cc.log"
ok $? "docs/example.c builds against the staged library with pkg-config (-Wall -Wextra -Werror)"
printf 'ผู้ร้อง นางสาวทดสอบ ระบบ\nเลขประจำตัวประชาชน 3505260181590\n' > "$T/pii.txt"
LD_LIBRARY_PATH="$T/stage/usr/lib" "$T/example" --rules patterns "$T/pii.txt" > "$T/out" 2>&1; r=$?
check "the example finds the ID, masked, and exits 1" sh -c "[ $r = 1 ] && grep -q 'national_id' '$T/out' && ! grep -q 3505260181590 '$T/out'"
check "the example links the staged libpdpascan.so.1" sh -c "LD_LIBRARY_PATH='$T/stage/usr/lib' ldd '$T/example' | grep -q '$T/stage/usr/lib/libpdpascan.so.1'"
cc -std=c11 -Wall -Wextra $SANFLAGS docs/example.c $(pkg-config --cflags pdpascan) "$T/stage/usr/lib/libpdpascan.a" \
  $(pkg-config --static --libs-only-other --libs-only-l pdpascan | sed 's/-lpdpascan//') -o "$T/example-static" 2>"$T/cc2.log"
check "and statically, from libpdpascan.a and pkg-config --static" sh -c "'$T/example-static' --rules patterns '$T/pii.txt' | grep -q national_id"
for c in tests/library/*.c; do  # (check.h: what they share)
  t=$(basename "$c" .c)
  cc -std=c11 -Wall -Wextra -Werror $SANFLAGS "$c" $FLAGS -o "$T/$t" 2>"$T/$t.cc"
  ok $? "$c builds from the public header alone"
  LD_LIBRARY_PATH="$T/stage/usr/lib" "$T/$t" patterns "$T/pii.txt" > "$T/$t.out" 2>&1; r=$?
  sed 's/^/  # /' "$T/$t.out"
  check "$c: every check passes" sh -c "[ $r = 0 ] && grep -q '^ok' '$T/$t.out' && ! grep -q '^not ok' '$T/$t.out'"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
