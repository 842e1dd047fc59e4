#!/bin/sh
# ladder.sh — dense lists at 1, 2, 4, 8 and 16 MB (gen_list.c): a list of
# names and IDs, the same with a disability or illness on every line (the
# rules that tie a term to a nearby person), and a DOCX of such rows.  The
# time of the 16 MB list over the 1 MB one shows whether the cost grows with
# the document or with the square of its findings [target: <= 20, linear
# with start-up].  Each time is the median of REPEAT runs (hyperfine).
#
#   sh bench/ladder.sh        (after make)
set -e
cd "$(dirname "$0")/.."
BIN=build/pdpascan
OUT=bench/out
DATA=bench/data/ladder
REPEAT=${REPEAT:-3}
mkdir -p "$OUT" "$DATA"
cc -O2 -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -o "$OUT/gen_list" bench/gen_list.c $(pkg-config --cflags --libs libzip)
. bench/lib.sh
{
  echo "ladder: dense lists, pdpascan scan -j1 -f jsonl --max-findings 100000000 (all listed), median of $REPEAT, seconds"
  printf '%-32s %8s %8s %8s %8s %8s %10s\n' kind 1MB 2MB 4MB 8MB 16MB "16MB/1MB"
  for kind in ids sensitive docx; do
    ext=txt; [ "$kind" = docx ] && ext=docx
    line=$(printf '%-32s' "$kind")
    first=""; last=""
    for mb in 1 2 4 8 16; do
      f="$DATA/$kind-$mb.$ext"
      [ -s "$f" ] || "$OUT/gen_list" "$f" "$mb" "$kind"
      set -- $(timing "$BIN" scan -j1 -f jsonl --max-findings 100000000 "$f"); t=$1
      line="$line $(printf '%8.2f' "$t")"
      [ -z "$first" ] && first=$t
      last=$t
    done
    echo "$line $(printf '%10.1f' "$(echo "$last / $first" | bc -l)")   [<= 20]"
  done
} | tee "$OUT/ladder.txt"
