#!/bin/sh
# test_redact.sh — `pdpascan redact`: every redacted copy is scanned again
# and holds none of the values it replaced, in any written form; a format
# with no writer yet, or a copy that fails its check, gets no copy (exit 2);
# an input is never written over.
# Prints "ok N - what" / "not ok N - what" and "N passed, N failed".
# usage: sh tests/cli/test_redact.sh BUILD_DIR   (from the repository root)
BIN="$(pwd)/${1:-build}/pdpascan"
T=$(mktemp -d /tmp/pdpascan-redact.XXXXXX)
trap 'rm -rf "$T"' EXIT
export PDPASCAN_CACHE_DIR="$T/rule-cache"
pass=0; fail=0; n=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then pass=$((pass+1)); echo "ok $n - $2"; else fail=$((fail+1)); echo "not ok $n - $2"; fi; }
check() { d="$1"; shift; if "$@" >/dev/null 2>&1; then ok 0 "$d"; else ok 1 "$d"; fi; }

# Every UTF-8 text of corpus/ with something to redact, and the seeds
docs=$(for f in corpus/text/*.txt tests/seeds/*.txt; do "$BIN" scan -f jsonl "$f" 2>/dev/null | jq -se 'map(select(.type=="file" and .encoding=="UTF-8")) | length > 0' >/dev/null && echo "$f"; done)
bad=""; copies=0; replaced=0
for f in $docs; do
  out="$T/copies/$(basename "$f")"
  "$BIN" redact "$f" -o "$out" > "$T/said" 2>&1 || { bad="$bad $f(exit)"; continue; }
  copies=$((copies+1))
  "$BIN" scan -f jsonl "$f" | jq -r 'select(.type=="finding" and .action=="redact" and .category!="unreadable") | .match, .normalized' | awk 'length($0) >= 4' | sort -u > "$T/values"
  replaced=$((replaced + $(wc -l < "$T/values")))
  # in the copy: no redact-level finding (but its own replacements), no value as written or normalized
  "$BIN" scan -f jsonl "$out" | jq -se 'map(select(.type=="finding" and .action=="redact" and (.match|test("^[Xx]+[-@.X]*|^\\[") | not))) | length > 0' >/dev/null && bad="$bad $f(rescan)"
  [ -s "$T/values" ] && grep -qFf "$T/values" "$out" && bad="$bad $f(value)"
done
ok "$([ -z "$bad" ] && [ $copies -ge 8 ] && [ $replaced -ge 20 ]; echo $?)" \
  "each UTF-8 text of corpus/ and the seeds: a copy that scans clean at redact level and holds none of its $replaced values ($copies copies)${bad:+: $bad}"

printf 'ผู้ร้อง นางสาวทดสอบ ระบบ\nเลขประจำตัวประชาชน ๓-๕๐๙๙-๐๐๑๒๓-๔๕-๐\nโทร. ๐๘๑ ๒๓๔ ๕๖๗๘ อีเมล somchai.j@example.com\n' > "$T/thai.txt"
"$BIN" redact "$T/thai.txt" -o "$T/thai.red.txt" > "$T/thai.said" 2>&1; rc=$?
check "Thai digits: the copy holds the ID and the phone in no form (Thai or ASCII digits, spaced or not)" sh -c "[ $rc = 0 ] && ! grep -q -e '๓-๕๐๙๙' -e '๐๘๑' '$T/thai.red.txt' && ! '$BIN' text --normalized '$T/thai.red.txt' | tr -d ' .-' | grep -q -e 3509900123450 -e 0812345678"
check "it says what it replaced by category and count, never the values" sh -c "grep -q 'national_id 1' '$T/thai.said' && grep -q 'phone 1' '$T/thai.said' && ! grep -q -e somchai -e '๐๘๑' '$T/thai.said'"
printf 'ประกาศ เรื่อง ทดสอบ\n' > "$T/clean.txt"
"$BIN" redact "$T/clean.txt" -o "$T/clean.red.txt" > "$T/clean.said" 2>&1; rc=$?
check "nothing to redact: copied unchanged, and said so" sh -c "[ $rc = 0 ] && cmp -s '$T/clean.txt' '$T/clean.red.txt' && grep -q 'nothing to redact' '$T/clean.said'"
cp "$T/thai.txt" "$T/keep.txt"
"$BIN" redact "$T/keep.txt" -o "$T/keep.txt" 2> "$T/same.err"; rc=$?
check "never writes over its input" sh -c "[ $rc = 2 ] && cmp -s '$T/keep.txt' '$T/thai.txt' && grep -q 'never writes over it' '$T/same.err'"
"$BIN" redact corpus/pdf/beneficiary_list.pdf -o "$T/list.pdf" 2> "$T/pdf.err"; rc=$?
check "a format with no writer yet (PDF): exit 2 with the reason, no copy" sh -c "[ $rc = 2 ] && grep -q 'not written yet' '$T/pdf.err' && [ ! -e '$T/list.pdf' ]"
"$BIN" redact corpus/text/legacy_tis620_list.txt -o "$T/tis.txt" 2>/dev/null; rc=$?
check "TIS-620 text has no writer yet: exit 2, no copy (never a copy in another charset)" sh -c "[ $rc = 2 ] && [ ! -e '$T/tis.txt' ]"
mkdir -p "$T/in/a" "$T/in/b"; cp "$T/thai.txt" "$T/in/a/one.txt"; cp "$T/clean.txt" "$T/in/b/two.txt"
( cd "$T" && "$BIN" redact in/a/one.txt in/b/two.txt -o out > /dev/null 2>&1 ); rc=$?
check "several inputs: OUT is a folder keeping their paths" sh -c "[ $rc = 0 ] && [ -s '$T/out/in/a/one.txt' ] && cmp -s '$T/out/in/b/two.txt' '$T/clean.txt'"
printf 'นายสมชาย ใจดี ผู้ร้องเรียน แจ้งว่า\n' > "$T/review.txt"
"$BIN" scan -f jsonl "$T/review.txt" | jq -r 'select(.type=="finding" and .action=="review") | .match' > "$T/review.values"
"$BIN" redact "$T/review.txt" -o "$T/r1.txt" >/dev/null 2>&1; "$BIN" redact --level review "$T/review.txt" -o "$T/r2.txt" >/dev/null 2>&1
check "--level review also replaces what is marked for review" sh -c "[ -s '$T/review.values' ] && grep -qFf '$T/review.values' '$T/r1.txt' && ! grep -qFf '$T/review.values' '$T/r2.txt'"

# Verified, or not written: the ID found once also stands glued in a reference the scan does not take for one
printf 'เลขประจำตัวประชาชน 3-5099-00123-45-0\nref=A3509900123450B\n' > "$T/twice.txt"
"$BIN" redact "$T/twice.txt" -o "$T/twice.red.txt" 2> "$T/twice.err"; rc=$?
check "a copy in which a replaced value still stands (in another written form) is refused: exit 2, no copy" sh -c "[ $rc = 2 ] && grep -q 'still stands in the copy' '$T/twice.err' && [ ! -e '$T/twice.red.txt' ]"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
