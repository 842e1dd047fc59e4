#!/bin/sh
# merge-jsonl.sh — merge the JSON Lines reports of several shards
# (pdpascan scan --shard K/N ...) into one report: every finding and file
# record as they are, then one summary record adding up the shards'.
#
#   sh scripts/merge-jsonl.sh part1.jsonl part2.jsonl ... > all.jsonl
#
# Needs jq.  Exits 2 when an input is missing or not a report.
set -e
for f in "$@"; do [ -r "$f" ] || { echo "merge-jsonl: cannot read $f" >&2; exit 2; }; done
cat "$@" | jq -c 'select(.type != "summary")'
cat "$@" | jq -sc '
  map(select(.type == "summary")) as $s
  | if ($s | length) == 0 then error("no summary record: not a pdpascan report") else . end
  | {type: "summary"}
    + ([ "files", "findings", "errors", "partial", "skipped", "suppressed", "bytes" ]
       | map(. as $k | {($k): ($s | map(.[$k] // 0) | add)}) | add)
    + {seconds: ($s | map(.seconds) | max), shards: ($s | length)}'
