#!/bin/sh
# archive.sh — issue 6's targets on a site archive, measured in one run:
#   * a rescan of an unchanged archive of 10,000 mixed files with --cache,
#     against the first scan (target: under 10 % of its time);
#   * -j 2 against -j 1 on the same archive, no cache (target: >= 1.8x);
#   * the pre-commit hook on a commit of 10 small text files (target: < 50 ms).
#
#   make bench-archive         (ARCHIVE_FILES=10000, REPEAT=5)
set -e
cd "$(dirname "$0")/.."
BIN=$(pwd)/build/pdpascan
OUT=bench/out
DATA=bench/data/archive
N=${ARCHIVE_FILES:-10000}
REPEAT=${REPEAT:-5}
mkdir -p "$OUT"
cc -O2 -std=c11 -Wall -Wextra -o "$OUT/gen_archive" bench/gen_archive.c
if [ "$(cat "$DATA.n" 2>/dev/null)" != "$N" ]; then
  rm -rf "$DATA"
  echo "generating an archive of $N files..." >&2
  "$OUT/gen_archive" "$DATA" $((N - N / 20))
  # one in twenty a real document of another format (copies of corpus/)
  i=0; mkdir -p "$DATA/docs"
  while [ $i -lt $((N / 20)) ]; do
    for f in corpus/pdf/beneficiary_list.pdf corpus/pdf/annotated_form.pdf corpus/docx/complaint_tracked.docx \
             corpus/xlsx/*.xlsx corpus/odt/letter.odt corpus/ods/list.ods corpus/pptx/training.pptx; do
      [ $i -lt $((N / 20)) ] || break
      cp "$f" "$DATA/docs/$i-$(basename "$f")"; i=$((i + 1))
    done
  done
  echo "$N" > "$DATA.n"
fi
files=$(find "$DATA" -type f | wc -l)
cat $(find "$DATA" -type f) > /dev/null

med() { # median seconds of REPEAT runs of the command
  hyperfine -N -i -w 1 -r "$REPEAT" --export-json "$OUT/a.json" "$*" >/dev/null 2>&1
  sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$OUT/a.json" | head -1
}
# first scan: a fresh cache each time (the prepare step removes it)
hyperfine -N -i -r "$REPEAT" --prepare "rm -f $OUT/archive.db $OUT/archive.db-wal $OUT/archive.db-shm" \
  --export-json "$OUT/a.json" "$BIN scan -j2 -f jsonl -o /dev/null --cache $OUT/archive.db $DATA" >/dev/null 2>&1
first=$(sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$OUT/a.json" | head -1)
rescan=$(med "$BIN scan -j2 -f jsonl -o /dev/null --cache $OUT/archive.db $DATA")
j1=$(med "$BIN scan -j1 -f jsonl -o /dev/null $DATA")
j2=$(med "$BIN scan -j2 -f jsonl -o /dev/null $DATA")

# the hook: 10 small staged text files
R=$OUT/hookrepo; rm -rf "$R"; mkdir -p "$R"
( cd "$R" && git init -q && for i in 0 1 2 3 4 5 6 7 8 9; do
    printf 'ประกาศ เรื่อง ทดสอบ %s\nงบประมาณ ๑๒๐,๐๐๐ บาท\n' $i > f$i.txt; done && git add . )
hyperfine -N -i -w 3 -r 30 --export-json "$OUT/a.json" "sh -c 'cd $R && $BIN scan --staged --hook'" >/dev/null 2>&1
hook=$(sed -n 's/.*"mean": *\([0-9.e-]*\).*/\1/p' "$OUT/a.json" | head -1)

{
echo "pdpascan archive bench — $(date -u +%Y-%m-%d), $(nproc) cores, median of $REPEAT runs"
echo "archive: $files files ($(du -sm "$DATA" | cut -f1) MB): Thai text and HTML, 1 in 20 PDF/DOCX/XLSX/ODT/ODS/PPTX"
echo ""
printf '%-48s %8.3f s\n' "first scan, -j2, --cache (empty)" "$first"
printf '%-48s %8.3f s\n' "rescan, unchanged, -j2, --cache" "$rescan"
printf '%-48s %8s          [target < 0.10]\n' "rescan / first scan" "$(echo "scale=3; $rescan / $first" | bc -l)"
printf '%-48s %8.3f s\n' "-j1, no cache" "$j1"
printf '%-48s %8.3f s\n' "-j2, no cache" "$j2"
printf '%-48s %8s x        [target >= 1.8]\n' "-j2 speed-up over -j1" "$(echo "scale=2; $j1 / $j2" | bc -l)"
printf '%-48s %8.1f ms     [target < 50]\n' "hook: scan --staged --hook, 10 small files" "$(echo "$hook * 1000" | bc -l)"
} | tee "$OUT/archive.txt"
