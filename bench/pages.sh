#!/bin/sh
# pages.sh — one big PDF as agencies make them: a bordered DOCX table of
# people (gen_list.c `table`) converted by LibreOffice, its pages repeated
# with qpdf to about 800.  pdpascan -j1 against pdftotext on the same file
# [target: <= 1.1], and -j2 against -j1 [target: >= 1.7 faster], each pair
# run by turns (lib.sh's paired).
#
#   sh bench/pages.sh        (after make; needs soffice and qpdf)
set -e
cd "$(dirname "$0")/.."
BIN=build/pdpascan
OUT=bench/out
DATA=bench/data/pages
PAIRS=${PAIRS:-5}
mkdir -p "$OUT" "$DATA"
cc -O2 -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -o "$OUT/gen_list" bench/gen_list.c $(pkg-config --cflags --libs libzip)
. bench/lib.sh
PDF="$DATA/list-812.pdf"
if [ ! -s "$PDF" ]; then
  "$OUT/gen_list" "$DATA/list.docx" 1 table
  soffice --headless --convert-to pdf --outdir "$DATA" "$DATA/list.docx" > /dev/null 2>&1
  L="$DATA/list.pdf"
  qpdf --empty --pages "$L" "$L" "$L" "$L" "$L" "$L" "$L" -- "$PDF"
fi
pages=$(pdfinfo "$PDF" | sed -n 's/^Pages: *//p')
SCAN="$BIN scan -f jsonl --max-findings 100000000"
set -- $(paired $SCAN -j1 "$PDF" -- pdftotext -q "$PDF" /dev/null); p1=$1; ptt=$2; r_ptt=$3
set -- $(paired $SCAN -j1 "$PDF" -- $SCAN -j2 "$PDF"); q1=$1; q2=$2; r_j2=$3
findings=$($SCAN -j1 "$PDF" 2>/dev/null | grep -c '"type":"finding"' || true)
{
  echo "pages: one $pages-page PDF (LibreOffice, a bordered table of people; $findings findings), median of $PAIRS pairs run by turns"
  printf '%-46s %9s s\n' "pdpascan scan -j1" "$p1"
  printf '%-46s %9s s\n' "pdftotext, same file" "$ptt"
  printf '%-46s %9.2f x        [target <= 1.1]\n' "pdpascan -j1 / pdftotext time" "$(echo "1 / $r_ptt" | bc -l)"
  printf '%-46s %9s s\n' "pdpascan scan -j2 (pages on 2 threads)" "$q2"
  printf '%-46s %9.2f x        [target >= 1.7]\n' "-j2 speed-up over -j1 (paired)" "$(echo "1 / $r_j2" | bc -l)"
} | tee "$OUT/pages.txt"
