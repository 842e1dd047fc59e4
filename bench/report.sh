#!/bin/sh
# report.sh — write docs/PERFORMANCE.md from the last bench run
# (bench/out/results.txt from run.sh, bench/out/archive.txt from
# archive.sh): one current table, the machine it ran on and the command
# that remakes it.  `make bench` runs it last; nothing else writes the page.
set -e
cd "$(dirname "$0")/.."
OUT=bench/out
[ -s "$OUT/results.txt" ] && [ -s "$OUT/archive.txt" ] && [ -s "$OUT/redact.txt" ] && [ -s "$OUT/ladder.txt" ] && [ -s "$OUT/pages.txt" ] && [ -s "$OUT/serve.txt" ] && [ -s "$OUT/ocr.txt" ] || { echo "report.sh: run bench/run.sh, archive.sh, redact.sh, ladder.sh, pages.sh, ocr.sh and serve.sh first" >&2; exit 1; }
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
{
echo "# Performance"
echo ""
echo "Made by \`sh scripts/deps.sh bench && make bench\` on $(date -u +%Y-%m-%d): $(nproc) cores"
echo "(${cpu:-unknown processor}), $(free -g | awk '/^Mem:/ {print $2}') GiB of memory. Each figure stands beside the"
echo "reference tool measured in the same run (ripgrep, pdftotext), as a ratio;"
echo "the targets are in brackets. This page is rewritten by every \`make bench\`."
echo ""
echo "## Text, PDF, XLSX (\`bench/run.sh\`)"
echo ""
echo '```'
cat "$OUT/results.txt"
echo '```'
echo ""
echo "## Archive, cache and hook (\`bench/archive.sh\`)"
echo ""
echo '```'
cat "$OUT/archive.txt"
echo '```'
echo ""
echo "## Dense lists (\`bench/ladder.sh\`)"
echo ""
echo '```'
cat "$OUT/ladder.txt"
echo '```'
echo ""
echo "## One big PDF, its pages on threads (\`bench/pages.sh\`)"
echo ""
echo '```'
cat "$OUT/pages.txt"
echo '```'
echo ""
echo "## Scanned pages read by OCR (\`bench/ocr.sh\`)"
echo ""
echo '```'
cat "$OUT/ocr.txt"
echo '```'
echo ""
echo "## The page in the browser (\`bench/serve.sh\`)"
echo ""
echo '```'
cat "$OUT/serve.txt"
echo '```'
echo ""
echo "## Redacted copies (\`bench/redact.sh\`)"
echo ""
echo '```'
cat "$OUT/redact.txt"
echo '```'
echo ""
echo "How each is measured: \`bench/README.md\`."
} > docs/PERFORMANCE.md
echo "wrote docs/PERFORMANCE.md" >&2
