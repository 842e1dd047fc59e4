#!/bin/sh
# test_cli.sh — the pdpascan program as users and scripts meet it: exit
# codes, the JSON Lines contract (checked with jq), the text report, masking,
# stdin, directory walking, output files, parallel runs and install.
# Prints "ok N - what" / "not ok N - what" and a closing "N passed, N failed".
# usage: sh tests/cli/test_cli.sh BUILD_DIR   (from the repository root)
BIN="$(pwd)/${1:-build}/pdpascan"
T=$(mktemp -d /tmp/pdpascan-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
export PDPASCAN_CACHE_DIR="$T/rule-cache" # the parsed rule files: here, never in $HOME
pass=0; fail=0; n=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then pass=$((pass+1)); echo "ok $n - $2"; else fail=$((fail+1)); echo "not ok $n - $2"; fi; }
# check "description" command...: ok when the command succeeds
check() { d="$1"; shift; if "$@" >/dev/null 2>&1; then ok 0 "$d"; else ok 1 "$d"; fi; }
rc_of() { "$@" >/dev/null 2>&1; echo $?; }

ID=3505260181590
printf 'ประกาศ เรื่อง ทดสอบ\nไม่มีข้อมูลส่วนบุคคล จำนวน ๑,๒๓๔,๕๖๗ บาท\n' > "$T/clean.txt"
printf 'ผู้ร้อง นางสาวทดสอบ ระบบ\nเลขประจำตัวประชาชน %s\nโทร. 081-234-5678\n' "$ID" > "$T/pii.txt"
printf 'โทร. 081-234-5678\n' > "$T/phone.txt"
printf 'เลขที่ใบเสร็จ 2560313721591\n' > "$T/receipt.txt"
printf '%%PDF-1.7\nเลขประจำตัวประชาชน %s\n' "$ID" > "$T/doc.pdf"

check "--version" sh -c "'$BIN' --version | grep -q '^pdpascan [0-9]'"
check "--help exits 0" "$BIN" --help
ok "$([ "$(rc_of "$BIN" frobnicate)" = 2 ]; echo $?)" "unknown command exits 2"
ok "$([ "$(rc_of "$BIN" scan)" = 2 ]; echo $?)" "scan without a path exits 2"
ok "$([ "$(rc_of "$BIN" scan --fail-on severe "$T/clean.txt")" = 2 ]; echo $?)" "bad --fail-on exits 2"
ok "$([ "$(rc_of "$BIN" scan "$T/clean.txt")" = 0 ]; echo $?)" "clean file exits 0"
ok "$([ "$(rc_of "$BIN" scan "$T/pii.txt")" = 1 ]; echo $?)" "file with an ID exits 1"
ok "$([ "$(rc_of "$BIN" scan --fail-on high "$T/phone.txt")" = 0 ]; echo $?)" "--fail-on high ignores a medium phone"
ok "$([ "$(rc_of "$BIN" scan --fail-on low "$T/receipt.txt")" = 1 ]; echo $?)" "--fail-on low counts a low finding"
ok "$([ "$(rc_of "$BIN" scan "$T/pii.txt" "$T/doc.pdf")" = 2 ]; echo $?)" "an unreadable document makes exit 2 even with findings"

"$BIN" scan -f jsonl "$T/pii.txt" > "$T/out.jsonl"
check "every jsonl line is JSON" jq -e . "$T/out.jsonl"
check "finding has every contract field" jq -se 'map(select(.type=="finding")) | length > 0 and all(.[]; [has("file","format","location","rule","category","severity","action","match","normalized","start","end","law","message","suggestion","fingerprint")] | all)' "$T/out.jsonl"
check "national ID normalized" sh -c "jq -r 'select(.category==\"national_id\").normalized' '$T/out.jsonl' | grep -qx $ID"
check "file record after findings, summary last" sh -c "jq -r .type '$T/out.jsonl' | tr '\n' ' ' | grep -qx 'finding finding finding finding file summary '"
check "file record status ok with count" jq -se 'map(select(.type=="file")) | .[0] | .status=="ok" and .findings==4 and .format=="text"' "$T/out.jsonl"
check "start/end are byte offsets of match" sh -c "jq -r 'select(.category==\"national_id\") | \"\(.start) \(.end)\"' '$T/out.jsonl' | { read s e; tail -c +\$((s+1)) '$T/pii.txt' | head -c \$((e-s)) | grep -qx $ID; }"
check "error record for an unreadable document" sh -c "'$BIN' scan -f jsonl '$T/doc.pdf' | jq -se 'map(select(.type==\"file\")) | .[0] | .status==\"error\" and (.error|length>0)'"
check "errors never quote the document" sh -c "! '$BIN' scan -f jsonl '$T/doc.pdf' 2>&1 | grep -q $ID"

check "stdin with -" sh -c "'$BIN' scan -f jsonl - < '$T/pii.txt' | jq -se 'map(select(.type==\"file\")) | .[0] | .file==\"-\" and .findings==4'"
check "-o writes the report, stdout stays empty" sh -c "'$BIN' scan -f jsonl -o '$T/rep.jsonl' '$T/pii.txt'; [ -s '$T/rep.jsonl' ] && [ -z \"\$('$BIN' scan -f jsonl -o '$T/rep2.jsonl' '$T/pii.txt')\" ]"
check "default format off a terminal is jsonl" sh -c "'$BIN' scan '$T/pii.txt' | head -1 | jq -e .type"

check "text report is masked by default" sh -c "! '$BIN' scan -f text '$T/pii.txt' | grep -q $ID"
check "--show-values shows values" sh -c "'$BIN' scan -f text --show-values '$T/pii.txt' | grep -q $ID"
check "text report in Thai from LANG" sh -c "LANG=th_TH.UTF-8 '$BIN' scan -f text '$T/pii.txt' | grep -q 'ผลการตรวจ'"
check "--lang en overrides LANG" sh -c "LANG=th_TH.UTF-8 '$BIN' scan -f text --lang en '$T/pii.txt' | grep -q 'Verdict'"
check "no colour when not a terminal" sh -c "! '$BIN' scan -f text '$T/pii.txt' | grep -q \"\$(printf '\\033')\""
check "--mask-values hides values in jsonl" sh -c "! '$BIN' scan -f jsonl --mask-values '$T/pii.txt' | grep -q $ID"
check "--mask-values keeps fingerprints" sh -c "[ \"\$('$BIN' scan -f jsonl --mask-values '$T/pii.txt' | jq -r 'select(.type==\"finding\").fingerprint')\" = \"\$(jq -r 'select(.type==\"finding\").fingerprint' '$T/out.jsonl')\" ]"

mkdir -p "$T/site/a/.git" "$T/site/b"
cp "$T/pii.txt" "$T/site/a/one.txt"; cp "$T/pii.txt" "$T/site/a/.git/skip.txt"; cp "$T/clean.txt" "$T/site/b/two.txt"
ln -s .. "$T/site/b/loop"
check "directory walk: .git skipped, loop followed once" sh -c "[ \"\$('$BIN' scan -f jsonl '$T/site' 2>/dev/null | jq -r 'select(.type==\"file\").file' | sort | tr '\n' ' ')\" = '$T/site/a/one.txt $T/site/b/two.txt ' ]"
check "loop is reported on stderr" sh -c "'$BIN' scan -f jsonl '$T/site' 2>&1 >/dev/null | grep -q 'loop'"
ln -s "$T/nowhere" "$T/site/b/dangling"
ok "$([ "$(rc_of "$BIN" scan "$T/site")" = 2 ]; echo $?)" "dangling symlink makes exit 2"
check "dangling symlink is an error record" sh -c "'$BIN' scan -f jsonl '$T/site' 2>/dev/null | jq -se 'map(select(.type==\"file\" and (.file|endswith(\"dangling\")))) | .[0].status==\"error\"'"
check "--exclude leaves files out" sh -c "[ \"\$('$BIN' scan -f jsonl --exclude 'one.*' --exclude dangling '$T/site' 2>/dev/null | jq -r 'select(.type==\"summary\").files')\" = 1 ]"
for i in 1 2 3 4 5 6 7 8; do cp "$T/pii.txt" "$T/site/b/p$i.txt"; done
"$BIN" scan -f jsonl -j 1 "$T/site" 2>/dev/null | grep -v summary > "$T/j1"
"$BIN" scan -f jsonl -j 4 "$T/site" 2>/dev/null | grep -v summary > "$T/j4"
check "-j 4 reports exactly what -j 1 does, in the same order" cmp -s "$T/j1" "$T/j4"

check "a PDF from a pipe is read whole" sh -c "cat corpus/pdf/beneficiary_list.pdf | '$BIN' scan -f jsonl - | jq -se 'map(select(.type==\"file\")) | .[0] | .format==\"pdf\" and .findings==10'"
check "archive members are reported as files of their own" sh -c "'$BIN' scan -f jsonl corpus/zip/site_backup.zip | jq -se 'map(select(.type==\"file\").file) | index(\"corpus/zip/site_backup.zip!/nested/inner.zip!/contacts.txt\") != null'"
ok "$([ "$(rc_of "$BIN" scan corpus/pdf/encrypted.pdf)" = 2 ]; echo $?)" "an encrypted PDF exits 2"
ok "$([ "$(rc_of "$BIN" scan corpus/zip/bomb.zip)" = 2 ]; echo $?)" "a zip bomb exits 2"
check "rules lists the loaded rules" sh -c "'$BIN' rules | grep -q '^th.national-id'"
check "explain prints a rule's clause, cues and examples" sh -c "'$BIN' explain oia.s15-2-complainant | grep -q 'OIA s.15(2)' && '$BIN' explain oia.s15-2-complainant | grep -q complainant_labels"
check "explain in Thai from LANG" sh -c "LANG=th_TH.UTF-8 '$BIN' explain mark.stamp-line | grep -q 'ต้องทำอย่างไร'"
check "explain lists the examples that must reach medium" sh -c "'$BIN' explain pdpa.s26-health-column | grep -A2 'must be reported at medium or above' | grep -q หอบหืด"
ok "$([ "$(rc_of "$BIN" explain no.such-rule)" = 2 ]; echo $?)" "explain of an unknown rule exits 2"
check "file record names the clauses touched" sh -c "'$BIN' scan -f jsonl '$T/pii.txt' | jq -se 'map(select(.type==\"file\")) | .[0].clauses == [{\"category\":\"oia_s15\",\"clause\":\"15(2)\",\"passages\":1}]'"
check "text report summarises the clauses" sh -c "'$BIN' scan -f text '$T/pii.txt' | grep -q 'OIA s.15(2) material: 1 passage'"
# Reports people and tools act on (issue 6)
"$BIN" scan -f sarif "$T/pii.txt" corpus/pdf/encrypted.pdf corpus/xlsx corpus/pdf/beneficiary_list.pdf > "$T/out.sarif" 2>/dev/null
MT=tests/.tools/node_modules/.bin/sarif-multitool
check "sarif: valid SARIF 2.1.0 (Microsoft SARIF multitool, no error)" sh -c "'$MT' validate '$T/out.sarif' -o '$T/val.sarif' --log ForceOverwrite && jq -e '[.runs[0].results[]? | select(.level==\"error\")] | length == 0' '$T/val.sarif'"
check "sarif: a result per finding, fingerprint kept, unreadable file an error notification" jq -e '(.runs[0].results | length) > 10 and (.runs[0].results[0].partialFingerprints["pdpascan/v1"] | length) == 16 and .runs[0].invocations[0].executionSuccessful == false' "$T/out.sarif"
check "sarif --mask-values: no value in clear" sh -c "! '$BIN' scan -f sarif --mask-values '$T/pii.txt' | grep -q -e $ID -e 081-234-5678"
"$BIN" scan -f csv "$T/pii.txt" corpus/pdf/encrypted.pdf > "$T/out.csv" 2>/dev/null
check "csv: UTF-8 byte order mark, header, CRLF" sh -c "head -c 3 '$T/out.csv' | od -An -tx1 | grep -q 'ef bb bf' && head -1 '$T/out.csv' | grep -q '\"file\",\"format\"' && head -1 '$T/out.csv' | od -c | grep -q '\\r'"
check "csv: a row per finding and one for the unreadable file" sh -c "[ \$(grep -v '\"clause\"' '$T/out.csv' | grep -c 'pii.txt') = 4 ] && grep -q 'encrypted.pdf\",\"pdf\",\"error\"' '$T/out.csv'"
check "csv and sarif carry the document-level clause summary" sh -c "grep -q '\"clause\",\"oia_s15\",,,,\"15(2)\"' '$T/out.csv' && jq -e '.runs[0].properties.clauses[0].clause == \"15(2)\"' '$T/out.sarif'"
printf 'มือถือ +66 81 234 5678\n' > "$T/plus.txt"
check "csv: a value a spreadsheet would run as a formula (+ = - @) is made text" sh -c "'$BIN' scan -f csv '$T/plus.txt' | grep -q \"\\\"'+66 81 234 5678\\\"\""
check "json: one document holding the files, their findings and the summary" sh -c "'$BIN' scan -f json '$T/pii.txt' '$T/clean.txt' | jq -e '(.files | length) == 2 and (.files[0].items | length) == 4 and .summary.findings == 4'"
# The git pre-commit hook (issue 6)
R="$T/repo"; mkdir -p "$R"; ABS_BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
( cd "$R" && git init -q && git config user.email t@example.invalid && git config user.name t && git config commit.gpgsign false )
check "hook install writes an executable pre-commit hook" sh -c "cd '$R' && '$ABS_BIN' hook install && test -x .git/hooks/pre-commit"
printf 'ประกาศ เรื่อง ทดสอบ\n' > "$R/clean.txt"
check "hook: a clean commit goes through" sh -c "cd '$R' && git add clean.txt && git commit -qm clean"
printf 'โทร. 081-234-5678\n' > "$R/pii.txt"
( cd "$R" && git add pii.txt && printf 'แก้แล้ว\n' > pii.txt )
check "hook: staged personal data blocks the commit although the working tree is clean" sh -c "cd '$R' && ! git commit -qm pii 2>'$T/hook.err' >&2"
check "hook: the message says how to proceed (fix, baseline, --no-verify)" grep -q -e '--no-verify' "$T/hook.err"
check "--staged scans the index, not the working tree" sh -c "cd '$R' && [ \$(git -C '$R' diff --cached --name-only | wc -l) = 1 ] && '$ABS_BIN' scan --staged -f jsonl | jq -se 'map(select(.type==\"finding\")) | length == 1'"
( cd "$R" && git add pii.txt && git commit -qm fixed && printf 'โทร. 081-234-5678\n' > pii.txt )
check "--staged: unstaged personal data is not what is committed" sh -c "cd '$R' && '$ABS_BIN' scan --staged -f jsonl | jq -se 'map(select(.type==\"finding\")) | length == 0'"
( cd "$R" && git checkout -q pii.txt && git mv clean.txt renamed.txt && cp "$OLDPWD/corpus/docx/complaint_tracked.docx" doc.docx && git add doc.docx )
check "--staged: a renamed file once, a staged DOCX read from the index" sh -c "cd '$R' && '$ABS_BIN' scan --staged -f jsonl | jq -se '(map(select(.type==\"file\" and (.file|contains(\"!/\")|not))) | map(.file) | sort) == [\"doc.docx\",\"renamed.txt\"] and (map(select(.type==\"finding\" and .file==\"doc.docx\")) | length > 3)'"
printf '#!/bin/sh\necho mine\n' > "$R/.git/hooks/pre-commit"
check "hook install refuses a foreign hook without --force" sh -c "cd '$R' && ! '$ABS_BIN' hook install 2>/dev/null && grep -q mine .git/hooks/pre-commit"
check "hook uninstall leaves a foreign hook alone" sh -c "cd '$R' && ! '$ABS_BIN' hook uninstall 2>/dev/null && grep -q mine .git/hooks/pre-commit"
check "hook install --force replaces it; uninstall removes ours" sh -c "cd '$R' && '$ABS_BIN' hook install --force >/dev/null && grep -q 'pdpascan pre-commit hook' .git/hooks/pre-commit && '$ABS_BIN' hook uninstall >/dev/null && ! test -e .git/hooks/pre-commit"
check "hook install respects core.hooksPath" sh -c "cd '$R' && git config core.hooksPath myhooks && '$ABS_BIN' hook install >/dev/null && test -x myhooks/pre-commit"
check "--staged outside a repository exits 2" sh -c "cd / && '$ABS_BIN' scan --staged; [ \$? = 2 ]"
P="$T/pc"; mkdir -p "$P"; ( cd "$P" && git init -q && git config user.email t@example.invalid && git config user.name t && printf 'ประกาศ\n' > a.txt && git add a.txt && git commit -qm a )
check "pre-commit framework: the pdpascan hook passes a clean repository (--all-files)" sh -c "cd '$P' && PATH='$(dirname "$ABS_BIN")':\$PATH pre-commit try-repo '$(pwd)' pdpascan --all-files >/dev/null 2>&1"
( cd "$P" && printf 'โทร. 081-234-5678\n' > old.txt && git add old.txt && git commit -qm old --no-verify )
check "pre-commit framework: --all-files checks whole committed files and fails on personal data" sh -c "cd '$P' && ! PATH='$(dirname "$ABS_BIN")':\$PATH pre-commit try-repo '$(pwd)' pdpascan --all-files > '$T/pc.out' 2>&1 && grep -q old.txt '$T/pc.out'"
# Suppression (issue 6): baseline, allowlist, inline marker, configuration
S="$T/site"; mkdir -p "$S/docs"
printf 'โทร. 081-234-5678\nเลขประจำตัวประชาชน %s\n' "$ID" > "$S/docs/a.txt"
check "--write-baseline records the findings' fingerprints" sh -c "cd '$S' && '$ABS_BIN' scan -f jsonl --no-config --write-baseline base docs >/dev/null; [ \$(grep -c . base) = 2 ]"
printf 'ติดต่อ 089-999-1234\n' >> "$S/docs/a.txt"; mv "$S/docs/a.txt" "$S/docs/moved.txt"
check "--baseline reports only new findings, after moves of other text and a rename" sh -c "cd '$S' && '$ABS_BIN' scan -f jsonl --no-config --baseline base docs | jq -se '(map(select(.type==\"finding\")) | map(.normalized)) == [\"0899991234\"] and (map(select(.type==\"summary\")) | .[0].suppressed) == 2'"
printf 'allow:\n  - {value: "0899991234", reason: "the health centre number"}\n' > "$S/.pdpascan-allow"
check ".pdpascan-allow (found walking up) suppresses a value" sh -c "cd '$S/docs' && '$ABS_BIN' scan -f jsonl --baseline ../base . | jq -se 'map(select(.type==\"finding\")) | length == 0'"
printf 'allow:\n  - {value: "0899991234"}\n' > "$T/noreason.yaml"
check "an allowlist entry without a reason is refused (exit 2, file and line)" sh -c "'$ABS_BIN' scan --no-config --allow '$T/noreason.yaml' '$T/clean.txt' 2>&1 >/dev/null | grep -q 'noreason.yaml:2: every allowlist entry needs a .reason.'"
printf 'allow:\n  - {path: "*/old/*", reason: "archived"}\n  - {pattern: "^081", rule: th.phone, reason: "test"}\n' > "$T/allow2.yaml"
check "allowlist: path globs and patterns with a rule" sh -c "'$ABS_BIN' scan -f jsonl --no-config --allow '$T/allow2.yaml' '$T/pii.txt' | jq -se 'map(select(.type==\"finding\") | .category) | index(\"phone\") == null and index(\"national_id\") != null'"
printf 'โทร. 081-234-5678 <!-- pdpascan:allow -->\nโทร. 089-999-1234\n' > "$T/marker.txt"
check "an inline pdpascan:allow marker suppresses findings on its line only" sh -c "'$ABS_BIN' scan -f jsonl --no-config '$T/marker.txt' | jq -se '(map(select(.type==\"finding\")) | map(.normalized)) == [\"0899991234\"]'"
printf 'fail_on: high\nformat: csv\nrules: {disable: [th.phone]}\nexclude: ["*.skip"]\n' > "$S/.pdpascan.yaml"
mkdir -p "$S/part"; printf 'โทร. 081-234-5678\n' > "$S/docs/phone.txt"; cp "$S/docs/phone.txt" "$S/part/phone.txt"; cp "$S/docs/phone.txt" "$S/part/x.skip"
check ".pdpascan.yaml: rules off, output format, excludes, threshold" sh -c "cd '$S' && out=\$('$ABS_BIN' scan part); rc=\$?; [ \$rc = 0 ] && printf '%s' \"\$out\" | head -c 3 | od -An -tx1 | grep -q 'ef bb bf' && ! printf '%s' \"\$out\" | grep -q x.skip"
check "command-line options win over .pdpascan.yaml" sh -c "cd '$S' && '$ABS_BIN' scan -f jsonl --fail-on info docs/phone.txt | jq -se 'map(select(.type==\"summary\")) | length == 1'"
# Whole-archive scans (issue 6)
find corpus/text -name '*.txt' -print0 > "$T/list0"; find corpus/text -name '*.txt' > "$T/list"
check "--files-from: NUL- and newline-separated lists give the same files" sh -c "[ \"\$('$BIN' scan -f jsonl --files-from '$T/list0' | jq -r 'select(.type==\"file\").file' | sort | md5sum)\" = \"\$('$BIN' scan -f jsonl --files-from - < '$T/list' | jq -r 'select(.type==\"file\").file' | sort | md5sum)\" ] && [ \$(grep -c . '$T/list') -gt 20 ]"
check "--max-file-size: a larger file is an error (exit 2), never clean" sh -c "'$BIN' scan -f jsonl --max-file-size 10 '$T/pii.txt' | jq -se 'map(select(.type==\"file\")) | .[0].status == \"error\"'; '$BIN' scan --max-file-size 10 '$T/pii.txt' >/dev/null 2>&1; [ \$? = 2 ]"
printf 'ผู้มีสิทธิ นายสมชาย ใจดี เลขประจำตัวประชาชน 3-5099-00123-45-0 โทร 081-234-5678\nนางมาลี ศรีสุข เลขประจำตัวประชาชน 1-1017-00230-70-8 โทร 089-765-4321\n' > "$T/two.txt"
check "--max-findings: past N findings a file is partial (exit 2) with the reason; a higher N lists them all" sh -c "'$BIN' scan -f jsonl --max-findings 2 '$T/two.txt' | jq -se 'map(select(.type==\"file\")) | .[0] | .status == \"partial\" and .findings == 2 and (.error | test(\"more than 2 findings\"))' && '$BIN' scan -f jsonl --max-findings 1000 '$T/two.txt' | jq -se 'map(select(.type==\"file\")) | .[0] | .status == \"ok\" and .findings >= 6' && ! '$BIN' scan --max-findings 0 '$T/two.txt' >/dev/null 2>&1"
for k in 1 2 3; do "$BIN" scan -f jsonl --shard $k/3 corpus/text > "$T/shard$k.jsonl" 2>/dev/null; done
"$BIN" scan -f jsonl corpus/text > "$T/whole.jsonl" 2>/dev/null
check "--shard K/N: the shards are disjoint and together the whole archive" sh -c "cat '$T'/shard?.jsonl | jq -r 'select(.type==\"file\").file' | sort > '$T/s.list'; jq -r 'select(.type==\"file\").file' '$T/whole.jsonl' | sort > '$T/w.list'; cmp -s '$T/s.list' '$T/w.list' && [ \$(sort -u '$T/s.list' | wc -l) = \$(wc -l < '$T/s.list') ]"
check "GNU parallel over shards, merged by scripts/merge-jsonl.sh, equals one scan" sh -c "parallel --sshlogin : '$ABS_BIN' scan -f jsonl --shard {}/3 '$(pwd)/corpus/text' '>' '$T/par{}.jsonl' ::: 1 2 3 2>/dev/null; [ \"\$(sh scripts/merge-jsonl.sh '$T'/par?.jsonl | tail -1 | jq .shards)\" = 3 ] && [ \"\$(sh scripts/merge-jsonl.sh '$T'/par?.jsonl | tail -1 | jq -c '[.files,.findings,.errors]')\" = \"\$(tail -1 '$T/whole.jsonl' | jq -c '[.files,.findings,.errors]')\" ]"
check "summary names the folders with the most findings, most first" sh -c "'$BIN' scan -f jsonl corpus/text corpus/docx 2>/dev/null | tail -1 | jq -e '.folders[0].folder == \"corpus/text\" and .folders[0].high > 10 and (.folders | map(.findings) == (map(.findings) | sort | reverse))'"
check "progress on a terminal: files, MB/s, findings, ETA" sh -c "script -qec \"'$ABS_BIN' scan -f jsonl -o /dev/null corpus/text\" /dev/null | grep -q 'files .* MB/s .* findings .*ETA'"
check "no progress when stderr is not a terminal" sh -c "[ -z \"\$('$BIN' scan -f jsonl corpus/text 2>&1 >/dev/null)\" ]"
# --cache (issue 6)
C="$T/cache"; mkdir -p "$C"; cp -r corpus/text corpus/docx corpus/pdf "$C/"
"$BIN" scan -f jsonl --cache "$T/c.db" "$C" > "$T/c1.jsonl" 2>/dev/null
"$BIN" scan -f jsonl --cache "$T/c.db" "$C" > "$T/c2.jsonl" 2>/dev/null
check "--cache: a rescan reports exactly what the first scan did" sh -c "[ \"\$(jq -c 'select(.type!=\"summary\")' '$T/c1.jsonl' | md5sum)\" = \"\$(jq -c 'select(.type!=\"summary\")' '$T/c2.jsonl' | md5sum)\" ]"
check "--cache: a rescan of unchanged files reuses every readable file's result" sh -c "[ \"\$(tail -1 '$T/c2.jsonl' | jq .cached)\" = \"\$(jq -r 'select(.type==\"file\" and .status!=\"error\" and (.file|contains(\"!/\")|not)) | .file' '$T/c2.jsonl' | wc -l)\" ] && [ \$(tail -1 '$T/c2.jsonl' | jq .cached) -gt 50 ]"
printf 'โทร. 081-234-5678\n' >> "$C/text/clean_announcement.txt"; mv "$C/text/complaint_record.txt" "$C/text/moved.txt"
"$BIN" scan -f jsonl --cache "$T/c.db" "$C" > "$T/c3.jsonl" 2>/dev/null
C2="$T/cache2"; mkdir -p "$C2"; cp -r corpus/text corpus/docx/complaint_tracked.docx corpus/pdf/lo_elderly_list.pdf "$C2/"
"$BIN" scan -f jsonl --cache "$T/c2.db" "$C2" > /dev/null 2>&1
strace -f -e trace=clone,clone3,fork,vfork -o "$T/procs.txt" "$BIN" scan -f jsonl --cache "$T/c2.db" "$C2" > "$T/c2b.jsonl" 2>/dev/null
# (a process: fork's clone, SIGCHLD and no shared memory; not a thread, nor LeakSanitizer's tracer)
check "--cache: a rescan the cache answers whole starts no worker process" sh -c "[ \$(tail -1 '$T/c2b.jsonl' | jq .cached) -gt 30 ] && ! grep -E 'fork|clone' '$T/procs.txt' | grep SIGCHLD | grep -v CLONE_VM | grep -q ' = [0-9]'"
check "--cache: a changed file is scanned again; a moved one is known by its content" sh -c "jq -se '(map(select(.type==\"finding\" and .file==\"$C/text/clean_announcement.txt\" and .normalized==\"0812345678\")) | length) == 1 and (map(select(.type==\"finding\" and .file==\"$C/text/moved.txt\")) | length) > 5 and (.[-1].cached == (map(select(.type==\"file\" and .status!=\"error\" and (.file|contains(\"!/\")|not))) | length) - 1)' '$T/c3.jsonl'"
mkdir -p "$T/many"; i=0; while [ $i -lt 600 ]; do printf 'ประกาศ ฉบับที่ %d\n' $i > "$T/many/f$(printf %04d $i).txt"; i=$((i+1)); done
# a PDF that crashes poppler itself (tests/regress/library-crashes.txt), read in-process: the run dies there
cp tests/regress/pdf-poppler-attachment-segv.pdf "$T/many/f0450.pdf"; rm "$T/many/f0450.txt"
( "$BIN" scan -f jsonl -j1 --no-isolate --cache "$T/m.db" "$T/many" >/dev/null 2>&1 )
check "--cache: a scan killed half-way resumes (what it finished is not read again)" sh -c "'$BIN' scan -f jsonl -j1 --cache '$T/m.db' '$T/many' 2>/dev/null | tail -1 | jq -e '.cached >= 400 and .files == 600'"
check "--cache: other rules, other results (the rule-set version is part of the key)" sh -c "cp -r patterns '$T/p2' && printf '\n' >> '$T/p2/laws.yaml' && '$BIN' scan -f jsonl --rules '$T/p2' --cache '$T/c.db' '$C' 2>/dev/null | tail -1 | jq -e '.cached == 0'"
# A plugin of another build is refused, never called
printf 'struct t { unsigned abi; const char *v; void *a, *b, *c; };\nconst struct t *pdp_formats_table(void) { static const struct t x = { 999, "9.9", 0, 0, 0 }; return &x; }\n' > "$T/old.c"
cc -shared -fPIC -o "$T/old-formats.so" "$T/old.c"
check "a format plugin of another build is refused: the PDF is an error saying so, exit 2" sh -c "PDPASCAN_FORMATS='$T/old-formats.so' '$BIN' scan --no-isolate -f jsonl corpus/pdf/annotated_form.pdf 2>/dev/null > '$T/abi.jsonl'; [ \$? = 2 ] && jq -se 'map(select(.type==\"file\"))[0] | .status==\"error\" and (.error|test(\"another build\"))' '$T/abi.jsonl'"
# A crash or a hang in one reader must not lose the batch (issue 6)
check "a reader crashing on one file: an error record for it, the other files scanned, exit 2" sh -c "'$BIN' scan -f jsonl tests/regress/pdf-poppler-attachment-segv.pdf '$T/phone.txt' 2>/dev/null > '$T/crash.jsonl'; rc=\$?; [ \$rc = 2 ] && jq -se '(map(select(.type==\"file\" and .status==\"error\")) | .[0].error | test(\"crashed\")) and (map(select(.type==\"finding\" and .category==\"phone\")) | length) == 1' '$T/crash.jsonl'"
# One PDF and -j N: its pages read by N threads, the report the same as one thread's (issue 27)
E=corpus/pdf/lo_elderly_list.pdf
qpdf --empty --pages $E $E $E $E $E $E $E -- "$T/long.pdf"
check "one 42-page PDF: -j3 (its pages on 3 threads) reports what -j1 does, 42 pages" sh -c "'$BIN' scan -f jsonl -j1 '$T/long.pdf' 2>/dev/null | grep -v '\"summary\"' > '$T/j1.jsonl'; '$BIN' scan -f jsonl -j3 '$T/long.pdf' 2>/dev/null | grep -v '\"summary\"' > '$T/j3.jsonl'; cmp '$T/j1.jsonl' '$T/j3.jsonl' && jq -se 'map(select(.type==\"file\"))[0].pages == 42 and (map(select(.type==\"finding\" and .location.page == 42)) | length) > 0' '$T/j3.jsonl'"
check "one PDF crashing poppler, read with -j4: an error record, exit 2" sh -c "'$BIN' scan -f jsonl -j4 tests/regress/pdf-poppler-attachment-segv.pdf 2>/dev/null > '$T/crash4.jsonl'; [ \$? = 2 ] && jq -se 'map(select(.type==\"file\"))[0] | .status==\"error\" and (.error|test(\"crashed\"))' '$T/crash4.jsonl'"
check "one 42-page PDF read on 3 threads past --file-timeout: an error record, exit 2" sh -c "'$BIN' scan -f jsonl -j3 --file-timeout 0.01 '$T/long.pdf' 2>/dev/null > '$T/slow.jsonl'; [ \$? = 2 ] && jq -se 'map(select(.type==\"file\"))[0] | .status==\"error\" and (.error|test(\"took longer\"))' '$T/slow.jsonl'"
yes 'ประกาศ เรื่อง ทดสอบ ระบบ ๑๒๓๔ บาท' | head -c 30000000 > "$T/big.txt"
check "a file past --file-timeout: an error record, the scan goes on" sh -c "'$BIN' scan -f jsonl --file-timeout 0.01 '$T/big.txt' '$T/phone.txt' 2>/dev/null | jq -se '(map(select(.type==\"file\" and .status==\"error\")) | .[0].error | test(\"took longer\")) and (map(select(.type==\"finding\")) | length) == 1'"
check "--no-isolate (threads) reports what worker processes do" sh -c "[ \"\$('$BIN' scan -f jsonl --no-isolate corpus 2>/dev/null | grep -v summary | md5sum)\" = \"\$('$BIN' scan -f jsonl --isolate corpus 2>/dev/null | grep -v summary | md5sum)\" ]"
# --format html (issue 6): one self-contained page, checked in headless Chromium
"$BIN" scan -f html "$T/pii.txt" corpus/text/medical_assistance_case.txt corpus/pdf/encrypted.pdf > "$T/r.html" 2>/dev/null
"$BIN" scan -f html "$T/clean.txt" > "$T/clean.html" 2>/dev/null
check "html: self-contained (no external script, style, image or link; its icon an empty data: URL)" sh -c "! grep -Eiq '(src|href)=\"?(https?:)?//' '$T/r.html' && ! grep -Eio '<link[^>]*>' '$T/r.html' | grep -qv 'href=\"data:' && grep -q '<link rel=\"icon\" href=\"data:,\">' '$T/r.html' && grep -q '<script>' '$T/r.html'"
check "html: each finding with the text around it (its label, here)" grep -q 'เลขประจำตัวประชาชน' "$T/r.html"
check "html: values masked, the surrounding digits too" sh -c "! grep -q -e $ID -e 081-234-5678 -e 3509900123450 '$T/r.html' && grep -q '<mark>' '$T/r.html'"
check "html: a verdict per file in plain words: do not publish (the list), could not be checked (the encrypted PDF)" sh -c "grep -q '<p class=\"fv fv-block\"><b>Do not publish</b>' '$T/r.html' && grep -q '<p class=\"fv fv-unchecked\"><b>Could not be checked</b>' '$T/r.html' && [ \$(grep -c 'class=\"fv ' '$T/r.html') = 3 ]"
check "html: verdict, clauses, law, suggestion and filters on the page" sh -c "grep -q 'class=\"verdict v-incomplete\"' '$T/r.html' && grep -q 'OIA s.15(5) material' '$T/r.html' && grep -q 'PDPA s.26' '$T/r.html' && grep -q 'data-k=\"c\" value=\"sensitive_data\"' '$T/r.html'"
CH=$(command -v chromium || command -v chromium-browser)
shot() { "$CH" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,700 --screenshot="$2" "file://$1" >/dev/null 2>&1; }
shot "$T/r.html" "$T/r.png"; shot "$T/clean.html" "$T/clean.png"
check "html in Chromium: the verdict band shows the colour of its verdict (do not publish / clean)" sh -c "[ \"\$(python3 tests/cli/png_pixel.py '$T/r.png' 10,70)\" = c1121f ] && [ \"\$(python3 tests/cli/png_pixel.py '$T/clean.png' 10,70)\" = 2a9d8f ]"
check "html in Chromium: findings are drawn (a red severity badge below the verdict)" sh -c "python3 tests/cli/png_pixel.py '$T/r.png' \$(seq 200 2 690 | sed 's/^/42,/') | grep -q c1121f"
# Start-up (issue 2): the parsed rule files are cached; ICU and SQLite are opened only when needed
rm -rf "$T/rule-cache"
check "rule cache: the first run parses, the next reads every rule file from the cache" sh -c "'$BIN' rules | grep -Eq '^# [0-9]+ rule files, 0 of them parsed before \\(cache $T/rule-cache/rules-[0-9a-f]{16}\\.bin\\)' && '$BIN' rules | grep -Eq '^# ([0-9]+) rule files, \\1 of them parsed before'"
check "rule cache: the same findings with it as without it" sh -c "[ \"\$('$BIN' scan -j1 -f jsonl corpus/text 2>/dev/null | grep -v summary | md5sum)\" = \"\$(PDPASCAN_CACHE_DIR= '$BIN' scan -j1 -f jsonl corpus/text 2>/dev/null | grep -v summary | md5sum)\" ]"
check "rule cache: off with an empty PDPASCAN_CACHE_DIR, or with no HOME to keep it in" sh -c "! PDPASCAN_CACHE_DIR= '$BIN' rules | grep -q 'parsed before' && ! env -u PDPASCAN_CACHE_DIR -u XDG_CACHE_HOME -u HOME '$BIN' rules --rules patterns | grep -q 'parsed before'"
check "rule cache: under XDG_CACHE_HOME when set" sh -c "env -u PDPASCAN_CACHE_DIR XDG_CACHE_HOME='$T/xdg' '$BIN' rules | grep -q '(cache $T/xdg/pdpascan/rules-' && [ -s \"\$(ls '$T'/xdg/pdpascan/rules-*.bin)\" ]"
check "rule cache: a cache directory that cannot be written costs nothing but the cache" sh -c "PDPASCAN_CACHE_DIR=/proc/self/none '$BIN' scan -f jsonl '$T/pii.txt' | jq -se 'map(select(.type==\"summary\")) | .[0].findings==4'"
check "a UTF-8 text with no name to delimit loads neither ICU, SQLite nor libmicrohttpd; a TIS-620 one loads ICU" sh -c "! LD_DEBUG=files '$BIN' scan --no-isolate '$T/clean.txt' 2>&1 >/dev/null | grep -q -e libicuuc -e libsqlite3 -e libmicrohttpd && ! LD_DEBUG=files '$BIN' scan --no-isolate '$T/phone.txt' 2>&1 >/dev/null | grep -q libicuuc && LD_DEBUG=files '$BIN' scan --no-isolate corpus/text/legacy_tis620_list.txt 2>&1 >/dev/null | grep -q libicuuc"
ICU_MAJOR=$(pkg-config --modversion icu-uc | cut -d. -f1)
mkdir -p "$T/nolib" && cc -shared -o "$T/nolib/libicuuc.so.$ICU_MAJOR" -x c /dev/null && cc -shared -o "$T/nolib/libsqlite3.so.0" -x c /dev/null && cc -shared -o "$T/nolib/libmicrohttpd.so.12" -x c /dev/null
check "ICU that cannot be loaded: a TIS-620 file is an error (exit 2), never clean" sh -c "LD_LIBRARY_PATH='$T/nolib' '$BIN' scan -f jsonl corpus/text/legacy_tis620_list.txt > '$T/noicu.jsonl' 2>/dev/null; [ \$? = 2 ] && jq -se 'map(select(.type==\"file\")) | .[0] | .status==\"error\" and (.error|test(\"ICU\"))' '$T/noicu.jsonl'"
check "SQLite that cannot be loaded: --cache exits 2, saying so" sh -c "LD_LIBRARY_PATH='$T/nolib' '$BIN' scan --no-config --cache '$T/x.db' '$T/clean.txt' 2>&1 >/dev/null | grep -q 'SQLite.*could not be loaded' && { LD_LIBRARY_PATH='$T/nolib' '$BIN' scan --no-config --cache '$T/x.db' '$T/clean.txt' >/dev/null 2>&1; [ \$? = 2 ]; }"
check "libmicrohttpd that cannot be loaded: serve exits 2, saying so" sh -c "LD_LIBRARY_PATH='$T/nolib' timeout 10 '$BIN' serve 2>&1 >/dev/null | grep -q 'libmicrohttpd.*could not be loaded' && { LD_LIBRARY_PATH='$T/nolib' timeout 10 '$BIN' serve >/dev/null 2>&1; [ \$? = 2 ]; }"
check "serve: a port already taken exits 2, saying so; a bad --listen is a usage error" sh -c "python3 -c 'import socket,time; s=socket.socket(); s.bind((\"127.0.0.1\", 38377)); s.listen(); time.sleep(20)' & L=\$!; sleep 0.5; timeout 10 '$BIN' serve --listen 127.0.0.1:38377 2>&1 | grep -q 'cannot listen on 127.0.0.1:38377'; r=\$?; kill \$L; [ \$r = 0 ] && timeout 10 '$BIN' serve --listen nowhere 2>&1 | grep -q 'ADDR:PORT'"
check "serve: a token file that is too short or missing exits 2" sh -c "echo short > '$T/tok'; timeout 10 '$BIN' serve --token-file '$T/tok' >/dev/null 2>&1; [ \$? = 2 ] && { timeout 10 '$BIN' serve --token-file '$T/none' >/dev/null 2>&1; [ \$? = 2 ]; }"
# Options that cannot be honoured stop the scan (exit 2), never a clean report
check "--cache that cannot be opened exits 2" sh -c "'$BIN' scan --no-config --cache '$T/no/such/dir/c.db' '$T/clean.txt' >/dev/null 2>&1; [ \$? = 2 ]"
check "--files-from a missing list exits 2" sh -c "'$BIN' scan --no-config --files-from '$T/no-such-list' >/dev/null 2>&1; [ \$? = 2 ]"
check "--shard outside 1..N exits 2" sh -c "'$BIN' scan --shard 4/3 '$T/clean.txt' >/dev/null 2>&1; [ \$? = 2 ] && '$BIN' scan --shard 0/3 '$T/clean.txt' >/dev/null 2>&1; [ \$? = 2 ]"

# Shards under schedulers: K from the environment, a report and a done
# marker per shard, a rerun skipping finished shards, the parts merged.
whole_counts=$(tail -1 "$T/whole.jsonl" | jq -c '[.files,.findings,.errors]')
mkdir -p "$T/k8s"
for i in 0 1 2; do JOB_COMPLETION_INDEX=$i "$BIN" scan -f jsonl --shard env/3 -o "$T/k8s/part-{K}.jsonl" corpus/text 2>/dev/null; done
check "--shard env/3 as a Kubernetes Indexed Job (JOB_COMPLETION_INDEX 0-2): three parts with done markers, merged equal one scan" \
  sh -c "[ -s '$T/k8s/part-3.jsonl.done' ] && [ \"\$(sh scripts/merge-jsonl.sh '$T'/k8s/part-?.jsonl | tail -1 | jq -c '[.files,.findings,.errors]')\" = '$whole_counts' ]"
mkdir -p "$T/slurm" "$T/path"; ln -sf "$BIN" "$T/path/pdpascan"
for id in 5 6 7; do PATH="$T/path:$PATH" SLURM_ARRAY_TASK_ID=$id SLURM_ARRAY_TASK_MIN=5 SLURM_ARRAY_TASK_COUNT=3 sh contrib/slurm-scan.sh corpus/text "$T/slurm" >/dev/null 2>&1; done
check "contrib/slurm-scan.sh as the tasks of a Slurm array (--array=5-7): parts 1-3 and caches, merged equal one scan" \
  sh -c "[ -s '$T/slurm/part-1.jsonl' ] && [ -s '$T/slurm/cache-3.sqlite' ] && [ \"\$(sh scripts/merge-jsonl.sh '$T'/slurm/part-?.jsonl | tail -1 | jq -c '[.files,.findings,.errors]')\" = '$whole_counts' ]"
echo '{"type":"summary","note":"kept"}' > "$T/k8s/part-2.jsonl"; rm "$T/k8s/part-3.jsonl.done"
JOB_COMPLETION_INDEX=1 "$BIN" scan -f jsonl --shard env/3 -o "$T/k8s/part-{K}.jsonl" corpus/text 2> "$T/resume.err"; r1=$?
JOB_COMPLETION_INDEX=2 "$BIN" scan -f jsonl --shard env/3 -o "$T/k8s/part-{K}.jsonl" corpus/text 2>/dev/null
check "a rerun skips a finished shard (its report kept, its exit code again, said) and redoes one without its marker" \
  sh -c "[ $r1 = \$(sed 's/exit //' '$T/k8s/part-2.jsonl.done') ] && grep -q 'already done' '$T/resume.err' && grep -q kept '$T/k8s/part-2.jsonl' && [ -s '$T/k8s/part-3.jsonl.done' ] && tail -1 '$T/k8s/part-3.jsonl' | jq -e '.type == \"summary\" and .files > 0' >/dev/null"
check "--shard env/N with no scheduler's variable, or an index outside the array: exit 2 with the reason" \
  sh -c "env -u JOB_COMPLETION_INDEX -u SLURM_ARRAY_TASK_ID -u PARALLEL_SEQ '$BIN' scan --shard env/3 corpus/text 2>&1 >/dev/null | grep -q JOB_COMPLETION_INDEX; [ \$? = 0 ] && SLURM_ARRAY_TASK_ID=9 SLURM_ARRAY_TASK_MIN=5 '$BIN' scan --shard env/3 corpus/text >/dev/null 2>&1; [ \$? = 2 ]"
python3 -c "
import sys, yaml
job = yaml.safe_load(open('contrib/kubernetes-job.yaml'))['spec']
cmd = job['template']['spec']['containers'][0]['command']
n = int(cmd[cmd.index('--shard') + 1].split('/')[1])
assert n == job['completions'], 'completions and --shard N differ'
print(n); print('\\n'.join(cmd[1:]))
" > "$T/k8s.cmd" 2>/dev/null
n8=$(head -1 "$T/k8s.cmd"); mkdir -p "$T/job"
i=0; while [ -n "$n8" ] && [ $i -lt "$n8" ]; do
  tail -n +2 "$T/k8s.cmd" | sed "s|^/results|$T/job|; s|^/site$|corpus/text|" | tr '\n' '\0' | JOB_COMPLETION_INDEX=$i xargs -0 "$BIN" >/dev/null 2>&1
  i=$((i+1))
done
check "contrib/kubernetes-job.yaml: completions match --shard N, and its command run as each index gives the parts of one scan" \
  sh -c "[ -n '$n8' ] && [ \"\$(ls '$T'/job/part-*.jsonl | wc -l)\" = '$n8' ] && [ \"\$(sh scripts/merge-jsonl.sh '$T'/job/part-*.jsonl | tail -1 | jq -c '[.files,.findings,.errors]')\" = '$whole_counts' ]"
printf 'allow:\n  - {pattern: "(unclosed", reason: "x"}\n' > "$T/badpat.yaml"
check "an allowlist pattern that does not compile exits 2, naming file and line" sh -c "'$BIN' scan --no-config --allow '$T/badpat.yaml' '$T/clean.txt' 2>&1 >/dev/null | grep -q 'badpat.yaml:2: an allowlist pattern does not compile'"
printf 'fail_on: severe\n' > "$T/badcfg.yaml"
check "a .pdpascan.yaml with a wrong fail_on exits 2" sh -c "'$BIN' scan --config '$T/badcfg.yaml' '$T/clean.txt' >/dev/null 2>&1; [ \$? = 2 ]"
check "--rules with a missing directory exits 2" sh -c "'$BIN' scan --rules '$T/none' '$T/clean.txt'; [ \$? = 2 ]"

make -s install DESTDIR="$T/inst" PREFIX=/usr BUILD="${1:-build}" >/dev/null 2>&1
check "installed binary finds its installed patterns" sh -c "cd / && '$T/inst/usr/bin/pdpascan' scan -f jsonl '$T/pii.txt' | jq -se 'map(select(.type==\"summary\")) | .[0].findings==4'"
check "installed binary loads its installed format plugin" sh -c "cd / && '$T/inst/usr/bin/pdpascan' scan -f jsonl '$(pwd)/corpus/pdf/annotated_form.pdf' | jq -se 'map(select(.type==\"file\")) | .[0] | .status==\"ok\" and .findings==2'"
check "without the plugin, documents are errors, not clean" sh -c "cp '$BIN' '$T/lonely' && '$T/lonely' scan --rules patterns -f jsonl corpus/pdf/annotated_form.pdf | jq -se 'map(select(.type==\"file\")) | .[0].status==\"error\"'"
check "man page installed" test -s "$T/inst/usr/share/man/man1/pdpascan.1"
check "Thai man page installed (share/man/th), rendering its Thai whole" sh -c "groff -man -Tutf8 -k '$T/inst/usr/share/man/th/man1/pdpascan.1' 2>/dev/null | grep -q 'ไม่ถือว่าผ่านเด็ดขาด'"
cat > "$T/complete.bash" <<'EOF'
. "$1/usr/share/bash-completion/completions/pdpascan"
COMP_WORDS=(pdpascan scan --mask); COMP_CWORD=2; _pdpascan; [ "${COMPREPLY[*]}" = --mask-values ] || exit 1
COMP_WORDS=(pdpascan scan -f s); COMP_CWORD=3; _pdpascan; [ "${COMPREPLY[*]}" = sarif ] || exit 1
COMP_WORDS=(pdpascan ver); COMP_CWORD=1; _pdpascan; [ "${COMPREPLY[*]}" = version ]
EOF
check "bash and zsh completion installed; bash completes commands, scan's options and formats" sh -c "test -s '$T/inst/usr/share/zsh/vendor-completions/_pdpascan' && bash '$T/complete.bash' '$T/inst'"
check "README and docs installed, where SARIF's informationUri points" sh -c "'$T/inst/usr/bin/pdpascan' scan -f sarif '$T/pii.txt' | jq -r '.runs[0].tool.driver.informationUri' | grep -qx 'file://$T/inst/usr/share/doc/pdpascan/README.md' && test -s '$T/inst/usr/share/doc/pdpascan/README.md' && test -s '$T/inst/usr/share/doc/pdpascan/USAGE.md'"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
