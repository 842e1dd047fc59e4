#!/bin/sh
# ocr.sh — scanned pages read by OCR: a 20-page scanned list (the corpus's
# 300 dpi scan, tests/corpusgen/gen_scans.c, repeated with qpdf).
# pdpascan -j1 against the tesseract program on the same pages drawn at the
# same resolution (pdftoppm -r 300 -gray) [target: <= 1.2], and -j2 against
# -j1 [target: >= 1.8 faster]; OpenMP held to one thread for both
# (OMP_THREAD_LIMIT=1, as pdpascan does), pairs run by turns (lib.sh's
# paired).  Also pages a minute and peak memory.
#
#   sh bench/ocr.sh        (after make; needs qpdf, pdftoppm, tesseract)
set -e
cd "$(dirname "$0")/.."
BIN=build/pdpascan
OUT=bench/out
DATA=bench/data/ocr
PAIRS=${PAIRS:-3}
N=${OCR_PAGES:-20}
mkdir -p "$OUT" "$DATA"
. bench/lib.sh
export OMP_THREAD_LIMIT=1
PDF="$DATA/scan-$N.pdf"
if [ ! -s "$PDF" ]; then
  set --
  i=0; while [ $i -lt "$N" ]; do set -- "$@" corpus/pdf/scan_300dpi.pdf; i=$((i+1)); done
  qpdf --empty --pages "$@" -- "$PDF"
  rm -f "$DATA"/p-*.pgm
  pdftoppm -r 300 -gray "$PDF" "$DATA/p"
fi
cat > "$OUT/tess.sh" <<EOS
for f in "$DATA"/p-*.pgm; do tesseract "\$f" - -l tha > /dev/null 2>&1; done
EOS
SCAN="$BIN scan -f jsonl"
set -- $(paired $SCAN -j1 "$PDF" -- sh "$OUT/tess.sh"); p1=$1; tt=$2; r_t=$3
set -- $(paired $SCAN -j1 "$PDF" -- $SCAN -j2 "$PDF"); q1=$1; q2=$2; r_j2=$3
/usr/bin/time -f "%M" -o "$OUT/ocr-rss.txt" $SCAN -j1 "$PDF" > "$OUT/ocr.jsonl" 2>/dev/null || true
ids=$(grep -c '"category":"national_id"' "$OUT/ocr.jsonl" || true)
{
  echo "ocr: a $N-page scanned list at 300 dpi ($ids ID findings), median of $PAIRS pairs run by turns, OMP_THREAD_LIMIT=1"
  printf '%-46s %9s s\n' "pdpascan scan -j1" "$p1"
  printf '%-46s %9s s\n' "tesseract -l tha, the same pages (pdftoppm)" "$tt"
  printf '%-46s %9.2f x        [target <= 1.2]\n' "pdpascan -j1 / tesseract time" "$(echo "1 / $r_t" | bc -l)"
  printf '%-46s %9s s\n' "pdpascan scan -j2 (pages on 2 threads)" "$q2"
  printf '%-46s %9.2f x        [target >= 1.8]\n' "-j2 speed-up over -j1 (paired)" "$(echo "1 / $r_j2" | bc -l)"
  printf '%-46s %9.1f\n' "pages a minute, -j1" "$(echo "60 * $N / $p1" | bc -l)"
  printf '%-46s %9.1f\n' "pages a minute, -j2" "$(echo "60 * $N / $q2" | bc -l)"
  printf '%-46s %9s MB\n' "peak RSS, -j1" "$(( $(tail -1 "$OUT/ocr-rss.txt") / 1024 ))"
} | tee "$OUT/ocr.txt"
