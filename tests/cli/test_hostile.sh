#!/bin/sh
# test_hostile.sh — the hostile inputs of tests/regress/ (README there) give
# the outcome each must give, run as a user runs the program: exit code,
# what is found, what reaches the terminal.  Then the invariant behind them
# all: no input in corpus/ or tests/regress/ exits 0 unless every document
# in it was read completely.  And the paths that lose a run: a hang on one
# input, a file that shrinks under --cache, scans racing on a new cache.
# Prints "ok N - what" / "not ok N - what" and "N passed, N failed".
# usage: sh tests/cli/test_hostile.sh BUILD_DIR   (from the repository root)
BIN="$(pwd)/${1:-build}/pdpascan"
H=tests/regress
T=$(mktemp -d /tmp/pdpascan-hostile.XXXXXX)
WRITERS=""  # this run's FIFO writers, ended on exit (never another run's)
trap 'rm -rf "$T"; [ -n "$WRITERS" ] && kill $WRITERS 2>/dev/null' EXIT
export PDPASCAN_CACHE_DIR="$T/rule-cache"
pass=0; fail=0; n=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then pass=$((pass+1)); echo "ok $n - $2"; else fail=$((fail+1)); echo "not ok $n - $2"; fi; }
check() { d="$1"; shift; if "$@" >/dev/null 2>&1; then ok 0 "$d"; else ok 1 "$d"; fi; }
ID=1579378657978
# scan FILE [OPTIONS]: the JSON Lines report in $T/out, stderr in $T/err, the exit code in $T/rc
# (every report and stderr also kept in $T/all: no crash may hide behind an expected exit 2)
scan() { f="$1"; shift; timeout 60 "$BIN" scan -f jsonl "$@" "$f" > "$T/out" 2> "$T/err"; echo $? > "$T/rc"; cat "$T/out" "$T/err" >> "$T/all"; }
rc() { cat "$T/rc"; }
found() { jq -r "select(.type==\"finding\" and .category==\"$1\").normalized" "$T/out" | grep -c "${2:-.}"; }

for f in hostile-min_cutback.html hostile-fuzz_html_crash.html; do
  scan "$H/$f"
  check "$f: ends, no crash, no sanitizer report (exit 0 or 1)" sh -c "[ $(rc) -le 1 ] && ! grep -q Sanitizer '$T/err'"
done
scan "$H/hostile-nul_html_first.html"
check "NUL after <html>: the ID and the phone after it are found (exit 1)" sh -c "[ $(rc) = 1 ] && [ $(found national_id $ID) = 1 ] && [ $(found phone) = 1 ]"
scan "$H/hostile-nul_padded_export.txt"
check "NUL-padded fixed-width export: read as text, 50 IDs found" sh -c "[ $(rc) = 1 ] && [ $(found national_id) = 50 ]"
scan "$H/hostile-nul_member.zip"
check "the same export as a ZIP member: 50 IDs found in the member" sh -c "[ $(rc) = 1 ] && [ \$(jq -r 'select(.type==\"finding\" and .category==\"national_id\").file' '$T/out' | grep -c 'zip!/export.txt') = 50 ]"
scan "$H/hostile-pagetree_count.pdf"
check "page tree /Count 2147483647: the ID found or an error (exit 2), never clean" sh -c "[ $(rc) = 2 ] || [ $(found national_id $ID) -ge 1 ]"
check "page tree /Count 2147483647: never exit 0" sh -c "[ $(rc) != 0 ]"
scan "$H/hostile-incremental.pdf"
check "incremental update adding a page: the ID on it found (exit 1)" sh -c "[ $(rc) = 1 ] && [ $(found national_id $ID) = 1 ]"
scan "$H/hostile-incremental_cut.pdf"
check "incremental update cut short: partial (exit 2) or the ID found, never clean" sh -c "[ $(rc) = 2 ] && jq -se 'map(select(.type==\"file\"))[0].status==\"partial\"' '$T/out'"
scan "$H/hostile-utf16_lying.html"
check "meta charset utf-16 on windows-874 bytes: the ID found, the encoding used named" sh -c "[ $(found national_id $ID) = 1 ] && jq -se 'map(select(.type==\"file\"))[0].encoding | test(\"windows-874.*declared UTF-16\")' '$T/out'"
scan "$H/hostile-nested_bomb.zip"
check "nested ZIP bomb: exit 2, one member budget (<= 20001 file records), at most 6 stderr lines" sh -c "[ $(rc) = 2 ] && [ \$(jq -r 'select(.type==\"file\")' '$T/out' | grep -c '\"type\"') -le 20001 ] && [ \$(wc -l < '$T/err') -le 6 ]"
check "nested ZIP bomb: the input itself says its budget ran out" sh -c "jq -se 'map(select(.type==\"file\" and .file==\"$H/hostile-nested_bomb.zip\"))[0] | .status==\"partial\" and (.error|test(\"documents inside\"))' '$T/out'"
timeout 60 "$BIN" scan -f text --color never "$H/hostile-ansi_attachment.pdf" > "$T/text" 2> "$T/err"
check "attachment named with CR and BEL: escaped in the text report" sh -c "! grep -q \"\$(printf '\\r')\" '$T/text' && ! grep -q \"\$(printf '\\a')\" '$T/text' && grep -q 'x0D' '$T/text'"
scan "$H/hostile-idname_only.zip"
check "member named after an ID and a phone: both found in the name (part name)" sh -c "[ $(rc) = 1 ] && [ \"\$(jq -r 'select(.type==\"finding\" and .location.part==\"name\").category' '$T/out' | sort | tr '\n' ' ')\" = 'national_id phone ' ]"
scan "$H/hostile-idname_only.zip" --mask-values
check "member named after an ID: --mask-values masks it in every field" sh -c "! grep -q $ID '$T/out' && ! grep -q '081-234-5678' '$T/out'"
timeout 60 "$BIN" scan -f text --color never "$H/hostile-idname_only.zip" > "$T/text" 2>&1
check "member named after an ID: the text report masks the name too" sh -c "! grep -q $ID '$T/text' && grep -q 'XXXXXXXXXXXXX' '$T/text'"
scan "$H/hostile-objstm_self.pdf"
check "object stream inside itself: text read, or partial/error; never clean" sh -c "[ $(rc) = 2 ] || [ $(found national_id $ID) -ge 1 ]"

check "no hostile input crashed a reader or tripped a sanitizer" sh -c "! grep -Eq 'Sanitizer|runtime error|reader crashed' '$T/all'"

# Inputs that crash a Debian library (tests/regress/library-crashes.txt):
# the worker process that read it dies, the file is an error, the run goes on.
for f in $(grep -v '^#' "$H/library-crashes.txt" | cut -f1); do
  scan "$H/$f" "$H/hostile-incremental.pdf"
  check "$f (a crash inside a library): an error record, the other file still scanned, exit 2" sh -c "[ $(rc) = 2 ] && jq -se 'map(select(.type==\"file\")) | length==2 and all(.[]; (.file|endswith(\"$f\")) == (.status==\"error\"))' '$T/out'"
done

# No input exits 0 unless every document in it was read completely.
bad=""
for f in $(find corpus tests/regress -type f ! -name '*.yaml' ! -name '*.md' ! -name '*.txt' | sort) $(find corpus tests/regress -name '*.txt' ! -name library-crashes.txt); do
  timeout 60 "$BIN" scan -f jsonl "$f" > "$T/one" 2>"$T/one.err"; r=$?
  crash_ok=$(grep -c "^$(basename "$f")	" "$H/library-crashes.txt")
  if [ "$crash_ok" = 0 ] && grep -Eq 'Sanitizer|runtime error|reader crashed' "$T/one" "$T/one.err"; then bad="$bad $f(crashed)"; fi
  if [ "$crash_ok" = 0 ] && grep -vq '^pdpascan: ' "$T/one.err"; then bad="$bad $f(stderr: $(grep -v '^pdpascan: ' "$T/one.err" | head -1))"; fi
  if [ $r = 0 ] && jq -se 'any(.[]; .type=="file" and (.status=="partial" or .status=="error"))' "$T/one" >/dev/null; then bad="$bad $f"; fi
  if [ $r -gt 2 ]; then bad="$bad $f(exit $r)"; fi
done
ok "$([ -z "$bad" ]; echo $?)" "corpus/ and tests/regress/: exit 0 only when read completely, no crash, nothing on stderr but pdpascan's own lines (a corrupt JPEG among them)${bad:+ (not:$bad)}"

# Every input gets the time limit, whatever the mode.
mkfifo "$T/fifo"; sleep 97 > "$T/fifo" & WRITERS="$WRITERS $!"
timeout 30 "$BIN" scan -f jsonl --file-timeout 2 "$T/fifo" > "$T/out" 2>/dev/null; r=$?
check "one input that hangs (a FIFO): --file-timeout ends it as an error, exit 2" sh -c "[ $r = 2 ] && jq -se 'map(select(.type==\"file\"))[0] | .status==\"error\" and (.error|test(\"file-timeout\"))' '$T/out'"
rm -f "$T/fifo"; mkfifo "$T/fifo"; sleep 97 > "$T/fifo" & WRITERS="$WRITERS $!"
timeout 30 "$BIN" scan -f jsonl --no-isolate --file-timeout 2 "$T/fifo" "$H/hostile-incremental.pdf" > "$T/out" 2>/dev/null; r=$?
check "--no-isolate: the hung input is an error, the next is still scanned" sh -c "[ $r = 2 ] && [ \"\$(jq -r 'select(.type==\"file\").status' '$T/out' | tr '\n' ' ')\" = 'error ok ' ]"
rm -f "$T/fifo"; mkfifo "$T/fifo"
timeout 30 "$BIN" scan -f jsonl --file-timeout 2 "$T/fifo" > "$T/out" 2>/dev/null; r=$?
check "a FIFO with no writer is never an empty, clean file" sh -c "[ $r = 2 ]"

# --cache: a file that shrinks while it is hashed is no SIGBUS for the run.
mkdir -p "$T/live"
for i in 1 2 3 4 5 6 7 8; do head -c 8000000 /dev/zero | tr '\0' 'a' > "$T/live/f$i.txt"; done
( for k in $(seq 1 60); do for i in 1 2 3 4 5 6 7 8; do truncate -s 100 "$T/live/f$i.txt"; truncate -s 8000000 "$T/live/f$i.txt"; done; done ) &
shrinker=$!
timeout 120 "$BIN" scan -f jsonl --cache "$T/live.db" "$T/live" > "$T/out" 2>/dev/null; r=$?
kill $shrinker 2>/dev/null; wait $shrinker 2>/dev/null
check "--cache on files that shrink meanwhile: the run ends with its summary (exit $r)" sh -c "[ $r -le 2 ] && jq -se 'map(select(.type==\"summary\"))[0].files==8' '$T/out'"

# Scans started together on a new cache all finish.
for i in 1 2 3; do "$BIN" scan -f jsonl --cache "$T/race.db" corpus/text > "$T/race$i" 2> "$T/race$i.err" & done; wait
check "three scans started together on a new cache: each ends with its whole report" sh -c "for i in 1 2 3; do jq -se 'map(select(.type==\"summary\"))[0].files > 20' '$T/race'\$i || exit 1; ! grep -q 'locked' '$T/race'\$i.err || exit 1; done"

# A baseline that cannot be written says so.
"$BIN" scan --write-baseline /dev/full corpus/text/complaint_record.txt > /dev/null 2> "$T/err"; r=$?
check "--write-baseline on a full disk: exit 2 and the reason on stderr" sh -c "[ $r = 2 ] && grep -q 'cannot write the baseline /dev/full: No space left' '$T/err'"

# Sheets are read with a SAX parser: the same fail-closed rules as the
# reader.  A sheet that declares entities (a billion-laughs sheet), one cut
# in the middle.
for kind in entities:'DTD or entities' cut:'damaged XML'; do
  why=${kind#*:}; kind=${kind%%:*}
  python3 -c "
import sys, zipfile
kind, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile('tests/fixtures/lo_list.xlsx') as a, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as b:
    for i in a.infolist():
        d = a.read(i)
        if i.filename == 'xl/worksheets/sheet1.xml':
            if kind == 'entities':
                d = d.replace(b'?>', b'?><!DOCTYPE worksheet [<!ENTITY a \"1579378657978\"><!ENTITY b \"&a;&a;&a;&a;\">]>', 1)
                d = d.replace(b'</sheetData>', b'<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData>')
            else:
                d = d[: len(d) // 2]
        b.writestr(i, d)
" "$kind" "$T/sheet-$kind.xlsx"
  scan "$T/sheet-$kind.xlsx"
  check "XLSX sheet with $kind: partial (exit 2) saying '$why', never clean; the entities not expanded" \
    sh -c "[ $(rc) = 2 ] && grep -q '$why' '$T/err' && jq -se 'map(select(.type==\"file\"))[0].status == \"partial\"' '$T/out' >/dev/null && [ \$(grep -c 1579378657978 '$T/out') = 0 ]"
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
