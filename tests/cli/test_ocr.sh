#!/bin/sh
# test_ocr.sh — scanned pages and image files read by OCR (Tesseract):
# what they hold is found where it stands, a scan too coarse to read and a
# machine without OCR stay "not fully read" (exit 2), --ocr never keeps the
# old behaviour, and cached results are not shared across OCR settings.
# Prints "ok N - what" / "not ok N - what" and a closing "N passed, N failed".
# usage: sh tests/cli/test_ocr.sh BUILD_DIR   (from the repository root)
BIN="$(pwd)/${1:-build}/pdpascan"
T=$(mktemp -d /tmp/pdpascan-ocr.XXXXXX)
trap 'rm -rf "$T"' EXIT
export PDPASCAN_CACHE_DIR="$T/rule-cache"
pass=0; fail=0; n=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then pass=$((pass+1)); echo "ok $n - $2"; else fail=$((fail+1)); echo "not ok $n - $2"; fi; }
check() { d="$1"; shift; if "$@" >/dev/null 2>&1; then ok 0 "$d"; else ok 1 "$d"; fi; }
rc_of() { "$@" >/dev/null 2>&1; echo $?; }
S300=corpus/pdf/scan_300dpi.pdf
CARD=corpus/image/id_card.png

# --- a scanned list: read, found where it stands -------------------------
"$BIN" scan -f jsonl --show-values "$S300" > "$T/s300.jsonl" 2> "$T/s300.err"; rc=$?
ok "$([ $rc = 1 ]; echo $?)" "a 300 dpi scanned list: findings, exit 1 (got $rc)"
check "its four ID numbers, each read by OCR with its box on the page" jq -se \
  '[.[] | select(.type=="finding" and .category=="national_id" and .location.ocr==true and .location.page==1 and (.location.bbox|length)==4)] | length == 4' "$T/s300.jsonl"
check "the first ID's box lies in the ID column, on the first row" jq -se \
  '[.[] | select(.type=="finding" and .normalized=="3410100234560")][0].location.bbox as $b | $b[0] > 240 and $b[0] < 270 and $b[1] > 140 and $b[3] < 175' "$T/s300.jsonl"
check "a name on a row with its ID is linked: high, redact" jq -se \
  '[.[] | select(.type=="finding" and .category=="person_name" and .normalized=="ทองดี มีชัย")][0] | .severity=="high" and .action=="redact"' "$T/s300.jsonl"
check "findings read by OCR are less sure than a text layer's" jq -se \
  '[.[] | select(.type=="finding" and .category=="national_id")] | all(.confidence < 1)' "$T/s300.jsonl"
check "the file is read completely: status ok, nothing said on stderr" sh -c "jq -se '[.[] | select(.type==\"file\")][0].status == \"ok\"' '$T/s300.jsonl' && [ ! -s '$T/s300.err' ]"
"$BIN" text "$S300" > "$T/s300.txt" 2>&1
check "text: the scan's text, its rows and cells laid out as a PDF table's" sh -c "grep -q -- '--- ocr ---' '$T/s300.txt' && grep -q 'นายทองดี มีชัย	3-4101-00871-22-5	089-765-4321' '$T/s300.txt'"
"$BIN" scan -f jsonl -j2 --show-values "$S300" corpus/pdf/scan_200dpi.pdf | jq -c 'select(.type=="finding") | [.file,.normalized,.location]' | sort > "$T/j2"
"$BIN" scan -f jsonl -j1 --show-values "$S300" corpus/pdf/scan_200dpi.pdf | jq -c 'select(.type=="finding") | [.file,.normalized,.location]' | sort > "$T/j1"
check "-j2 gives what -j1 gives" sh -c "[ -s '$T/j1' ] && cmp -s '$T/j1' '$T/j2'"

# --- an image file ---------------------------------------------------------
"$BIN" scan -f jsonl --show-values "$CARD" > "$T/card.jsonl" 2>/dev/null; rc=$?
check "a photographed ID card (PNG): its number found, exit 1" sh -c "[ $rc = 1 ] && jq -se '[.[] | select(.type==\"finding\" and .category==\"national_id\" and .normalized==\"1103700482911\" and .location.ocr)] | length == 1' '$T/card.jsonl'"
check "its file record: format image, one page" jq -se '[.[] | select(.type=="file")][0] | .format=="image" and .pages==1 and .status=="ok"' "$T/card.jsonl"

TIFF=corpus/image/scan_two_pages.tif
"$BIN" scan -f jsonl --show-values "$TIFF" > "$T/tiff.jsonl" 2>/dev/null
check "a two-page TIFF: both pages read (2 pages, status ok), findings on each" jq -se \
  '([.[] | select(.type=="file")][0] | .pages==2 and .status=="ok") and ([.[] | select(.type=="finding") | .location.page] | unique == [1,2])' "$T/tiff.jsonl"
check "a ruled table scanned 1 degree askew: birth dates found under their column's header" jq -se \
  '[.[] | select(.type=="finding" and .rule=="th.birth-date-column" and .location.page==2) | .normalized] | sort == ["1942-03-12","1945-09-23","1947-11-05"]' "$T/tiff.jsonl"
check "its address that wraps inside its cell is one finding, both lines" jq -se \
  '[.[] | select(.type=="finding" and .category=="address" and (.normalized|startswith("45 หมู่ 3 ต.หนองแวง อ.เมือง")))] | length == 1' "$T/tiff.jsonl"
# The progress line on a terminal (script(1) gives the scan one) counts an
# OCR'd document's pages as they are read; it is drawn once pages have been
# read for a second (PDPASCAN_PROGRESS_AFTER=0 here: at once).
if command -v script >/dev/null 2>&1; then
  script -qc "PDPASCAN_PROGRESS_AFTER=0 '$BIN' scan -o /dev/null '$TIFF'" /dev/null > "$T/progress.out" 2>&1
  check "on a terminal, the progress line counts the pages read" grep -aq '1/1 files  2 pages' "$T/progress.out"
  script -qc "PDPASCAN_PROGRESS_AFTER=0 '$BIN' scan -o /dev/null corpus/pdf/scan_ruled_table.pdf" /dev/null > "$T/progress2.out" 2>&1
  check "for one PDF, it counts its pages of all (page 1/1)" grep -aq 'page 1/1' "$T/progress2.out"
fi

"$BIN" scan -f jsonl --show-values corpus/image/thai_digit_ids.png > "$T/thai.jsonl" 2>/dev/null
check "IDs in Thai digits, which Tesseract misreads, are read again by the Thai-digit reader: four found with their true numbers (high)" jq -se \
  '[.[] | select(.type=="finding" and .rule=="th.national-id" and .severity=="high" and .location.ocr) | .normalized] | sort == ["1234567890121","3100600445635","3410100234560","4810222311016"]' "$T/thai.jsonl"
check "the Thai-digit reader reads nothing into the IDs it could not read (no wrong number reported)" jq -se \
  '[.[] | select(.type=="finding" and .category=="national_id")] | length == 4' "$T/thai.jsonl"
# The model's report (Makefile: build/gen/digit_model.txt): runs of Thai
# digits in four font families the model never saw, drawn as 300 dpi scans.
MODEL_REPORT="$(dirname "$0")/../../build/gen/digit_model.txt"
check "the digit model reads >= 88% of the digits of runs in fonts it never saw (300 dpi; the target is 99%)" awk \
  '/^held_out_runs_300dpi/ { split($2, a, "="); ok = a[2] >= 0.88 } END { exit !ok }' "$MODEL_REPORT"
printf 'เลขประจำตัวประชาชน 3 1002 00555 23 5\n' > "$T/typed.txt"
check "a typed number with a wrong check digit is no possible ID (the OCR rules read OCR's text only)" sh -c "'$BIN' scan -f jsonl '$T/typed.txt' | jq -se '[.[] | select(.type==\"finding\")] | length == 0'"

"$BIN" scan -f jsonl --show-values corpus/docx/scan_inside.docx > "$T/inside.jsonl" 2>/dev/null
check "a picture in a DOCX is read by OCR as a document of its own: the card's number found in it" jq -se \
  '[.[] | select(.type=="finding" and .file=="corpus/docx/scan_inside.docx!/word/media/image1.png" and .normalized=="1103700482911")] | length == 1' "$T/inside.jsonl"
"$BIN" scan -f jsonl --ocr never corpus/docx/scan_inside.docx > "$T/inside-never.jsonl" 2>/dev/null
check "--ocr never: the picture is noted as not checked, as before" jq -se \
  '[.[] | select(.type=="finding" and .category=="unreadable" and (.normalized|test("1 embedded image")))] | length == 1' "$T/inside-never.jsonl"

"$BIN" scan -f jsonl --show-values corpus/html/scan_inline.html > "$T/inline.jsonl" 2>/dev/null
check "a picture written into a web page (data: URL) is read by OCR: the card's number found in it" jq -se \
  '[.[] | select(.type=="finding" and .file=="corpus/html/scan_inline.html!/image-1" and .normalized=="1103700482911")] | length == 1' "$T/inline.jsonl"

# --- redact and annotate a scan -------------------------------------------------
"$BIN" redact "$S300" -o "$T/red.pdf" > /dev/null 2>&1; rc=$?
"$BIN" scan -f jsonl --show-values "$T/red.pdf" > "$T/red.jsonl" 2>/dev/null
check "redact: a scanned list's names, IDs and phones painted over; OCR of the copy finds none of them (exit $rc)" sh -c \
  "[ $rc = 0 ] && [ -s '$T/red.pdf' ] && jq -se '([.[] | select(.type==\"file\")][0].status == \"ok\") and ([.[] | select(.type==\"finding\" and (.category==\"national_id\" or .category==\"phone\" or .category==\"person_name\"))] | length == 0)' '$T/red.jsonl'"
"$BIN" text "$T/red.pdf" > "$T/red.txt" 2>&1
check "redact: the rest of the scanned page is still there to read (its heading)" grep -q 'ประกาศ' "$T/red.txt"
PDPASCAN_OCR_LIB=libpdpascan-no-such-ocr.so.0 "$BIN" redact "$S300" -o "$T/red-none.pdf" > /dev/null 2>&1; rc=$?
check "redact without OCR: the scan cannot be read, so no copy is written (exit 2)" sh -c "[ $rc = 2 ] && [ ! -e '$T/red-none.pdf' ]"
"$BIN" annotate "$S300" -o "$T/ann.pdf" > "$T/ann.out" 2>&1
check "annotate: a scan's findings are highlighted where OCR read them (11)" grep -q '11 highlight' "$T/ann.out"

# --- fail closed --------------------------------------------------------------
"$BIN" scan -f jsonl corpus/pdf/scan_100dpi.pdf > "$T/s100.jsonl" 2>/dev/null; rc=$?
check "a 100 dpi scan is not read: unreadable, partial, exit 2, and it says why" sh -c "[ $rc = 2 ] && jq -se '[.[] | select(.type==\"file\")][0] | .status==\"partial\" and (.error|test(\"100 dpi\"))' '$T/s100.jsonl'"
# An A0 poster scanned at 150 dpi would be drawn at 139 million pixels (860
# MB at its peak): the drawing is held to an A3 page at 300 dpi's.
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o "$T/poster.kb" "$BIN" scan -f jsonl --show-values corpus/pdf/scan_poster_a0.pdf > "$T/poster.jsonl" 2>/dev/null
  check "an A0 scanned poster is drawn no larger than A3 at 300 dpi: read (its ID found), under 700 MB at its peak" sh -c \
    "[ \$(tail -1 '$T/poster.kb') -lt 716800 ] && jq -se '[.[] | select(.type==\"finding\" and .normalized==\"1103700482911\")] | length == 1' '$T/poster.jsonl'"
fi
"$BIN" scan -f jsonl tests/fixtures/huge_dims.png > "$T/huge.jsonl" 2>/dev/null; rc=$?
check "a PNG claiming 60000 x 60000 pixels is not decoded: partial, exit 2, too large" sh -c "[ $rc = 2 ] && jq -se '[.[] | select(.type==\"file\")][0] | .status==\"partial\" and (.error|test(\"too large\"))' '$T/huge.jsonl'"
PDPASCAN_OCR_LIB=libpdpascan-no-such-ocr.so.0 "$BIN" scan -f jsonl "$S300" > "$T/none.jsonl" 2>/dev/null; rc=$?
check "OCR not installed: the scan stays unreadable, partial, exit 2, and says OCR is missing" sh -c "[ $rc = 2 ] && jq -se '[.[] | select(.type==\"file\")][0] | .status==\"partial\" and (.error|test(\"OCR is not installed\"))' '$T/none.jsonl'"
TESSDATA_PREFIX="$T/no-models" "$BIN" scan -f jsonl "$S300" > "$T/nomodel.jsonl" 2>/dev/null; rc=$?
check "OCR installed without its Thai model: unreadable, partial, exit 2, naming the package to install" sh -c "[ $rc = 2 ] && jq -se '[.[] | select(.type==\"file\")][0] | .status==\"partial\" and (.error|test(\"tesseract-ocr-tha\"))' '$T/nomodel.jsonl'"
PDPASCAN_OCR_LIB=libpdpascan-no-such-ocr.so.0 "$BIN" scan -f jsonl "$CARD" > "$T/none-card.jsonl" 2>/dev/null
check "OCR not installed: an image is skipped, as before, and says why" jq -se \
  '[.[] | select(.type=="file")][0] | .status=="skipped" and (.error // "" | test("OCR is not installed"))' "$T/none-card.jsonl"
PDPASCAN_OCR_LIB=libpdpascan-no-such-ocr.so.0 "$BIN" scan -f text --color never --lang th "$S300" > "$T/none-th.err" 2>&1
check "OCR not installed, in Thai: the reason in Thai" grep -q 'ยังไม่ได้ติดตั้ง OCR' "$T/none-th.err"
"$BIN" scan -f jsonl --ocr never "$S300" > "$T/never.jsonl" 2>/dev/null; rc=$?
check "--ocr never: a scanned page stays unreadable (partial, exit 2)" sh -c "[ $rc = 2 ] && jq -se '[.[] | select(.type==\"finding\")] | length == 1 and .[0].category==\"unreadable\"' '$T/never.jsonl'"
"$BIN" scan -f jsonl --ocr never "$CARD" > "$T/never-card.jsonl" 2>/dev/null; rc=$?
check "--ocr never: an image is skipped (exit 0)" sh -c "[ $rc = 0 ] && jq -se '[.[] | select(.type==\"file\")][0].status == \"skipped\"' '$T/never-card.jsonl'"

# --- options ------------------------------------------------------------------
ok "$([ "$(rc_of "$BIN" scan --ocr sometimes "$S300")" = 2 ]; echo $?)" "--ocr takes auto or never (a usage error otherwise)"
ok "$([ "$(rc_of "$BIN" scan --ocr-dpi 50 "$S300")" = 2 ]; echo $?)" "--ocr-dpi takes 100 to 600"
"$BIN" scan -f jsonl --ocr-dpi 150 --show-values corpus/pdf/scan_200dpi.pdf > "$T/d150.jsonl" 2>/dev/null
check "--ocr-dpi 150: a page is drawn at 150 dpi, and still read" jq -se '[.[] | select(.type=="finding" and .location.ocr)] | length > 0' "$T/d150.jsonl"
RULED=corpus/pdf/scan_ruled_table.pdf
"$BIN" scan -f jsonl --show-values "$RULED" | jq -c 'select(.type=="finding") | [.normalized,.location.bbox]' > "$T/own300"
"$BIN" scan -f jsonl --ocr-dpi 100 --show-values "$RULED" | jq -c 'select(.type=="finding") | [.normalized,.location.bbox]' > "$T/own100"
check "a scan finer than --ocr-dpi is drawn at its own resolution (300 dpi asked 100: what 300 reads)" sh -c "[ -s '$T/own300' ] && cmp -s '$T/own300' '$T/own100'"
"$BIN" scan -f jsonl --cache "$T/c.db" "$S300" > /dev/null 2>&1
"$BIN" scan -f jsonl --cache "$T/c.db" --ocr never "$S300" > "$T/cached.jsonl" 2>/dev/null
check "--cache: a result read with OCR does not answer a run without it" jq -se \
  '[.[] | select(.type=="file")][0].status == "partial"' "$T/cached.jsonl"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
