#!/bin/sh
# redact.sh — redacted copies: how long `pdpascan redact` takes against
# `pdpascan scan` on the same PDFs [target: at most 2x], and the PDF writing
# alone against PyMuPDF's apply_redactions on the same boxes [target: at
# least as fast], each pair measured by turns in one run (lib.sh).
#
#   sh bench/redact.sh        (after make; python3-fitz for the reference)
#
# The PDFs: corpus/pdf/lo_*.pdf, LibreOffice table exports dense with
# findings, copied to 60 files (BENCH_REDACT_COPIES per original).
set -e
cd "$(dirname "$0")/.."
BIN=build/pdpascan
OUT=bench/out
DATA=bench/data/redact
COPIES=${BENCH_REDACT_COPIES:-20}
mkdir -p "$OUT" "$DATA"
. bench/lib.sh
ratio() { echo "scale=2; $1 / $2" | bc -l; }

n=$(ls corpus/pdf/lo_*.pdf | wc -l)
if [ "$(ls "$DATA"/*.pdf 2>/dev/null | wc -l)" != $((n * COPIES)) ]; then
  rm -rf "$DATA"; mkdir -p "$DATA"
  for i in $(seq 1 "$COPIES"); do for f in corpus/pdf/lo_*.pdf; do cp "$f" "$DATA/$(basename "$f" .pdf)_$i.pdf"; done; done
fi
files=$(ls "$DATA"/*.pdf | wc -l)

# 1. The whole command: scan, write, scan the copy again, search its bytes.
rm -rf "$OUT/redacted"
set -- $(paired "$BIN" scan -j1 -f jsonl "$DATA" -- "$BIN" redact $(ls "$DATA"/*.pdf) -o "$OUT/redacted")
scan_t=$1; redact_t=$2; redact_ratio=$3

# 2. The same boxes to both writers: the boxes of the findings to redact.
mkdir -p "$OUT/boxes" "$OUT/ours" "$OUT/pymupdf"
: > "$OUT/boxes.list"
for f in "$DATA"/*.pdf; do
  b="$OUT/boxes/$(basename "$f").txt"
  "$BIN" scan -f jsonl "$f" | jq -r 'select(.type=="finding" and .action=="redact" and .location.bbox and (.location.part|not))
    | "\(.location.page) \(.location.bbox | map(tostring) | join(" "))"' > "$b"
  printf '%s\t%s\n' "$f" "$b" >> "$OUT/boxes.list"
done
boxes=$(cat "$OUT"/boxes/*.txt | wc -l)
cc -O2 -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -o "$OUT/redact_boxes" bench/redact_boxes.c build/libpdpascan.a \
  $(pkg-config --cflags harfbuzz-subset) $(pkg-config --cflags --libs libpcre2-8 yaml-0.1 nettle icu-uc poppler-glib libxml-2.0 libzip sqlite3) \
  -lmupdf -lmupdf-third -lmujs -lgumbo -lopenjp2 -ljbig2dec -ljpeg -lz $(pkg-config --libs freetype2 harfbuzz harfbuzz-subset) -lm -pthread
set -- $(paired "$OUT/redact_boxes" "$OUT/boxes.list" "$OUT/ours" -- /usr/bin/python3 bench/redact_boxes.py "$OUT/boxes.list" "$OUT/pymupdf")
ours_t=$1; py_t=$2; py_ratio=$3

{
  echo "redact: $files LibreOffice table PDFs (corpus/pdf/lo_*.pdf copies), one process, -j1"
  printf '  pdpascan scan                       %7.3f s\n' "$scan_t"
  printf '  pdpascan redact (scan, write, scan the copy, byte check)  %7.3f s   %.2fx scan [<= 2x]\n' "$redact_t" "$redact_ratio"
  echo "  the same $boxes boxes, PDF writing alone:"
  printf '  pdpascan (glyph filter, boxes, pixels, write whole, read back)  %7.3f s\n' "$ours_t"
  printf '  PyMuPDF apply_redactions + save      %7.3f s   pdpascan %.2fx faster [>= 1x]\n' "$py_t" "$py_ratio"
} | tee "$OUT/redact.txt"
