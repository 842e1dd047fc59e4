#!/bin/sh
# test_annotate.sh — `pdpascan annotate`: the review copy of a PDF has one
# highlight per finding above info, at the finding's box, whose note never
# holds the value unless asked; failures never leave a copy behind.
# Annotations are read back with poppler (tests/tools/pdf_annots.c).
# Prints "ok N - what" / "not ok N - what" and "N passed, N failed".
# usage: sh tests/cli/test_annotate.sh BUILD_DIR   (from the repository root)
BIN="$(pwd)/${1:-build}/pdpascan"
T=$(mktemp -d /tmp/pdpascan-annotate.XXXXXX)
trap 'rm -rf "$T"' EXIT
export PDPASCAN_CACHE_DIR="$T/rule-cache"
pass=0; fail=0; n=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then pass=$((pass+1)); echo "ok $n - $2"; else fail=$((fail+1)); echo "not ok $n - $2"; fi; }
check() { d="$1"; shift; if "$@" >/dev/null 2>&1; then ok 0 "$d"; else ok 1 "$d"; fi; }
cc -o "$T/pdf_annots" tests/tools/pdf_annots.c $(pkg-config --cflags --libs poppler-glib)

for doc in corpus/pdf/beneficiary_list.pdf corpus/pdf/lo_elderly_list.pdf; do
  name=$(basename "$doc" .pdf)
  "$BIN" annotate "$doc" -o "$T/$name.review.pdf" > "$T/$name.out" 2>&1; rc=$?
  "$BIN" scan -f jsonl "$doc" > "$T/$name.jsonl" 2>/dev/null
  jq -r 'select(.type=="finding" and .severity!="info" and .location.bbox) | "\(.location.page) \(.location.bbox | map(tostring) | join(" "))"' "$T/$name.jsonl" | sort -k1,1n -k3,3n -k2,2n > "$T/$name.want"
  "$T/pdf_annots" "$T/$name.review.pdf" | awk '$2=="highlight" {print $1, $3, $4, $5, $6}' | sort -k1,1n -k3,3n -k2,2n > "$T/$name.got"
  # the same boxes, to the 0.1 pt poppler prints
  same=$(paste -d' ' "$T/$name.want" "$T/$name.got" | awk 'function d(a, b) { return a > b ? a - b : b - a }
    NF != 10 || $1 != $6 || d($2,$7) > 0.11 || d($3,$8) > 0.11 || d($4,$9) > 0.11 || d($5,$10) > 0.11 { bad++ } END { print bad + 0 }')
  [ "$(wc -l < "$T/$name.want")" = "$(wc -l < "$T/$name.got")" ] || same=lines
  ok "$([ $rc = 1 ] && [ -s "$T/$name.want" ] && [ "$same" = 0 ]; echo $?)" \
    "$name: one highlight per finding above info, at its box ($(wc -l < "$T/$name.got") highlights, exit $rc)"
done

# Notes say what, why and what instead; never the value unless asked
jq -r 'select(.type=="finding" and (.category=="national_id" or .category=="phone")) | .match' "$T/lo_elderly_list.jsonl" | sort -u > "$T/values"
"$T/pdf_annots" "$T/lo_elderly_list.review.pdf" > "$T/notes"
check "the notes name the category, the law and the suggestion, and hold no ID or phone" sh -c "grep -q 'national ID: .*PDPA s.27.* — redact as X-XXXX-XXXXX-XX-X' '$T/notes' && [ -s '$T/values' ] && ! grep -qFf '$T/values' '$T/notes'"
"$BIN" annotate --show-values corpus/pdf/lo_elderly_list.pdf -o "$T/shown.pdf" >/dev/null 2>&1
check "with --show-values the notes hold the values" sh -c "'$T/pdf_annots' '$T/shown.pdf' | grep -qFf '$T/values'"
check "Thai notes with --lang th" sh -c "'$BIN' annotate --lang th corpus/pdf/beneficiary_list.pdf -o '$T/th.pdf' >/dev/null 2>&1; '$T/pdf_annots' '$T/th.pdf' | grep -q 'เลขประจำตัวประชาชน: .* แทนด้วย X-XXXX-XXXXX-XX-X'"
check "the review copy keeps the document's text (poppler reads the same words)" sh -c "[ \"\$(pdftotext corpus/pdf/beneficiary_list.pdf - | md5sum)\" = \"\$(pdftotext '$T/beneficiary_list.review.pdf' - | md5sum)\" ]"

# Word: one comment per finding of the body, on the paragraph holding it,
# read back by LibreOffice (converted to ODT, whose annotations it writes).
"$BIN" annotate tests/fixtures/lo_list.docx -o "$T/review.docx" > "$T/docx.out" 2>&1; rc=$?
want=$("$BIN" scan -f jsonl tests/fixtures/lo_list.docx | jq -s '[.[] | select(.type=="finding" and .severity!="info")] | length')
mkdir -p "$T/odt"; soffice --headless --convert-to odt --outdir "$T/odt" "$T/review.docx" > /dev/null 2>&1
unzip -p "$T/odt/review.odt" content.xml > "$T/review.xml" 2>/dev/null
got=$(grep -o '<office:annotation ' "$T/review.xml" | wc -l)
check "DOCX: one Word comment per finding ($got of $want), which LibreOffice reads, said on the terminal" \
  sh -c "[ $rc = 1 ] && [ '$want' -ge 9 ] && [ '$got' = '$want' ] && grep -q '$want comment' '$T/docx.out'"
unzip -p "$T/review.docx" word/comments.xml > "$T/comments.xml" 2>/dev/null
check "DOCX: the comments say what and what instead, never the value; the document's text is kept" \
  sh -c "grep -q 'national ID: .* redact as X-XXXX-XXXXX-XX-X' '$T/comments.xml' && ! grep -q -e 3-5099 -e 081-234 '$T/comments.xml' && grep -q 'ตุลาคม' '$T/review.xml' && grep -q '3-5099-00123-45-0' '$T/review.xml'"
unzip -Z1 tests/fixtures/lo_list.docx | sort > "$T/parts.before"
unzip -Z1 "$T/review.docx" | sort > "$T/parts.after"
unzip -p "$T/review.docx" '\[Content_Types\].xml' > "$T/types.xml" 2>/dev/null
check "DOCX without comments: comments.xml added, with its relationship and content type" \
  sh -c "[ \"\$(comm -13 '$T/parts.before' '$T/parts.after')\" = word/comments.xml ] && unzip -p '$T/review.docx' word/_rels/document.xml.rels | grep -q 'relationships/comments' && grep -q 'comments+xml' '$T/types.xml'"

# Failures: no copy left behind, exit 2
cp corpus/pdf/beneficiary_list.pdf "$T/in.pdf"
"$BIN" annotate "$T/in.pdf" -o "$T/in.pdf" 2> "$T/same.err"; rc=$?
check "never writes over its input" sh -c "[ $rc = 2 ] && grep -q 'never writes over it' '$T/same.err' && cmp -s '$T/in.pdf' corpus/pdf/beneficiary_list.pdf"
"$BIN" annotate corpus/text/medical_assistance_case.txt -o "$T/t.pdf" 2> "$T/txt.err"; rc=$?
check "a file that is neither a PDF nor a Word document: exit 2, no copy" sh -c "[ $rc = 2 ] && grep -q 'neither a PDF nor a Word document' '$T/txt.err' && [ ! -e '$T/t.pdf' ]"
"$BIN" annotate tests/regress/pdf-poppler-attachment-segv.pdf -o "$T/crash.pdf" 2> "$T/crash.err"; rc=$?
check "a PDF that crashes the reader: exit 2, said, no copy and no temporary file left" sh -c "[ $rc = 2 ] && grep -q 'crashed' '$T/crash.err' && [ -z \"\$(ls '$T' | grep crash.pdf)\" ]"
"$BIN" annotate corpus/pdf/scanned_page.pdf -o "$T/scan.pdf" 2> "$T/scan.err"; rc=$?
check "a PDF with a scanned page: the copy is written, but exit 2 (not fully checked)" sh -c "[ $rc = 2 ] && [ -s '$T/scan.pdf' ] && grep -q 'page without text layer' '$T/scan.err'"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
