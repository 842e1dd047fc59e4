#!/bin/sh
# run.sh — run each libFuzzer harness for FUZZ_SECONDS (default 60) in fork
# mode (FUZZ_JOBS processes, default 1) with its dictionary (fuzz/dict/),
# seeded from corpus/ and from tests/regress/ (the hostile inputs and every
# crash found before), under AddressSanitizer and UBSan.  New inputs go to
# a scratch directory; a crash is copied to tests/regress/, which `make
# test` replays, and makes this script fail.  FUZZ_HARNESSES picks some
# (default: all).  The last line of each run (executions, exec/s) is
# printed.
set -e
cd "$(dirname "$0")/.."
SECS=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-1}
WORK=$(mktemp -d /tmp/pdpascan-fuzz.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
status=0
for h in ${FUZZ_HARNESSES:-text pdf zip html}; do
  mkdir -p "$WORK/$h" "$WORK/crash-$h"
  case $h in
    text) cp corpus/text/*.txt tests/regress/*.txt "$WORK/$h/" ;;
    pdf) cp corpus/pdf/*.pdf tests/regress/*.pdf "$WORK/$h/" ;;
    zip) cp corpus/docx/*.docx corpus/xlsx/*.xlsx corpus/pptx/*.pptx corpus/odt/*.odt corpus/ods/*.ods \
            corpus/zip/site_backup.zip tests/regress/*.zip tests/regress/*.docx tests/regress/*.xlsx "$WORK/$h/" ;;
    html) cp corpus/html/*.html tests/regress/*.html "$WORK/$h/" ;;
  esac
  # (an input that crashes a library itself would stop every job at once)
  for c in $(grep -v '^#' tests/regress/library-crashes.txt | cut -f1); do rm -f "$WORK/$h/$c"; done
  echo "fuzz_$h: $SECS s, $JOBS job(s)" >&2
  if ! build-fuzz/fuzz_$h -fork="$JOBS" -ignore_crashes=1 -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=20 -max_len=262144 \
       -dict="fuzz/dict/$h.dict" -artifact_prefix="$WORK/crash-$h/" "$WORK/$h" > "$WORK/$h.log" 2>&1; then
    status=1
    tail -30 "$WORK/$h.log" >&2
  fi
  grep -E '^#[0-9]+' "$WORK/$h.log" | tail -1 >&2 || true
  for c in "$WORK"/crash-$h/*; do
    [ -f "$c" ] || continue
    cp "$c" "tests/regress/$h-$(basename "$c")"
    echo "fuzz_$h: crash saved as tests/regress/$h-$(basename "$c")" >&2
    status=1
  done
done
exit $status
