#!/bin/sh
# test_reports.sh — the reports as the people and programs who read them
# meet them: no found value in clear where values are masked, verdicts,
# messages for every category, versions, the spreadsheet outputs.
# Prints "ok N - what" / "not ok N - what" and a closing "N passed, N failed".
# usage: sh tests/cli/test_reports.sh BUILD_DIR   (from the repository root)
BIN="$(pwd)/${1:-build}/pdpascan"
T=$(mktemp -d /tmp/pdpascan-reports.XXXXXX)
trap 'rm -rf "$T"' EXIT
export PDPASCAN_CACHE_DIR="$T/rule-cache"
pass=0; fail=0; n=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then pass=$((pass+1)); echo "ok $n - $2"; else fail=$((fail+1)); echo "not ok $n - $2"; fi; }
check() { d="$1"; shift; if "$@" >/dev/null 2>&1; then ok 0 "$d"; else ok 1 "$d"; fi; }

# --- masking: no value found in a file appears in clear ------------------
IN="corpus tests/seeds"
"$BIN" scan -f jsonl $IN > "$T/values.jsonl" 2>/dev/null
for f in text html; do
  for lang in th en; do "$BIN" scan -f $f --lang $lang $IN > "$T/people-$lang.$f" 2>/dev/null; done
done
python3 tests/cli/leaks.py "$T/values.jsonl" "$T"/people-* > "$T/leaks" 2>&1
ok $? "reports for people (text, html; Thai and English) show no found value in clear, in any context ($(tail -1 "$T/leaks"))"
for f in jsonl json csv sarif html text; do "$BIN" scan -f $f --mask-values $IN > "$T/masked.$f" 2>/dev/null; done
python3 tests/cli/leaks.py "$T/values.jsonl" "$T"/masked.* > "$T/leaks" 2>&1
ok $? "--mask-values: no found value in clear in any format ($(tail -1 "$T/leaks"))"
"$BIN" scan -f csv $IN > "$T/plain.csv" 2>/dev/null
python3 tests/cli/leaks.py "$T/values.jsonl" "$T/plain.csv" > /dev/null 2>&1
ok "$([ $? = 1 ]; echo $?)" "reports for programs (csv) show values unless --mask-values (the check sees them)"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
