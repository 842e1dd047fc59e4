#!/bin/sh
# serve.sh — `pdpascan serve` answering a 10-page PDF with findings (the
# first ten pages of pages.sh's LibreOffice table): from the end of the
# upload to the result page with its verdict and page pictures (POST /check,
# no copies asked), against `pdpascan scan` of the same file plus
# `pdftoppm` drawing the pages the result page pictures (every page with a
# finding, up to 50; 800 pixels wide), run by turns [target: <= 1.5].
#
#   sh bench/serve.sh        (after make and bench/pages.sh)
set -e
cd "$(dirname "$0")/.."
BIN=build/pdpascan
OUT=bench/out
DATA=bench/data/pages
PAIRS=${PAIRS:-9}
. bench/lib.sh
[ -s "$DATA/list.pdf" ] || sh bench/pages.sh > /dev/null
PDF="$DATA/ten.pdf"
[ -s "$PDF" ] || qpdf --empty --pages "$DATA/list.pdf" 1-10 -- "$PDF"
"$BIN" serve --listen 127.0.0.1:0 --jobs 1 > /dev/null 2> "$OUT/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for i in $(seq 1 100); do grep -q 'listening on' "$OUT/serve.log" && break; sleep 0.1; done
U="http://127.0.0.1:$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$OUT/serve.log")"
pages=$("$BIN" scan -f jsonl "$PDF" 2>/dev/null | jq -r 'select(.type=="finding" and .severity!="info") | .location.page' | sort -un | head -50 | tr '\n' ' ')
first=$(echo $pages | cut -d' ' -f1); last=$(echo $pages | awk '{ print $NF }')
set -- $(paired curl -s -o /dev/null -F "file=@$PDF" "$U/check" -- \
  sh -c "$BIN scan -j1 -f jsonl $PDF > /dev/null; pdftoppm -png -scale-to-x 800 -scale-to-y -1 -f $first -l $last $PDF $OUT/ten-page"); s_t=$1; r_t=$2; ratio=$3
{
  echo "serve: a 10-page PDF with findings ($(stat -c %s "$PDF") bytes), pictures of pages $pages, median of $PAIRS pairs run by turns"
  printf '%-46s %9s s\n' "POST /check, upload to the page with pictures" "$s_t"
  printf '%-46s %9s s\n' "pdpascan scan + pdftoppm of those pages" "$r_t"
  printf '%-46s %9.2f x        [target <= 1.5]\n' "serve / that" "$(echo "1 / $ratio" | bc -l)"
} | tee "$OUT/serve.txt"
