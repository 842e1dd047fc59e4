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

# --- verdicts: findings and an unreadable page in one file -----------------
pdfunite corpus/pdf/beneficiary_list.pdf corpus/pdf/scanned_page.pdf "$T/both.pdf"
"$BIN" scan -f jsonl "$T/both.pdf" > "$T/both.jsonl" 2>/dev/null
ok "$(jq -se 'map(select(.type=="file"))[0] | .status=="partial" and .findings > 3' "$T/both.jsonl" >/dev/null; echo $?)" \
  "a PDF of a list and a scanned page: partial, with findings"
"$BIN" scan -f html --lang th "$T/both.pdf" > "$T/both.html" 2>/dev/null
check "html: both verdicts, do not publish and not fully checked" sh -c "grep -q 'class=\"verdict v-block\">ผลการตรวจ: ห้ามเผยแพร่' '$T/both.html' && grep -q 'class=\"verdict v-incomplete\">ผลการตรวจ: ตรวจไม่ครบ' '$T/both.html'"
check "html: the findings table has its column headers" sh -c "grep -q '<thead><tr><th>ระดับ</th><th>ข้อมูลที่พบ</th><th>อยู่ที่</th>' '$T/both.html'"
CH=$(command -v chromium || command -v chromium-browser)
"$CH" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,700 --screenshot="$T/both.png" "file://$T/both.html" >/dev/null 2>&1
check "html in Chromium: the red band (do not publish), then the purple one (not fully checked)" sh -c "python3 tests/cli/png_pixel.py '$T/both.png' \$(seq 62 4 250 | sed 's/^/10,/') | uniq | tr '\n' ' ' | grep -q 'c1121f 7b2cbf'"
python3 tests/cli/leaks.py "$T/both.jsonl" "$T/both.html" > "$T/leaks" 2>&1
ok $? "html of that file: no found value in clear on the page ($(tail -1 "$T/leaks"))"

# --- messages: every category a rule has says what it is, in Thai and English
"$BIN" rules 2>/dev/null | awk '!/^#/ {print $2}' | sort -u > "$T/categories"
missing=$(for c in $(cat "$T/categories"); do grep -q "^  category\.$c: {th: \"[^\"]*\", en: " patterns/messages.yaml || echo "$c"; done)
ok "$([ -s "$T/categories" ] && [ -z "$missing" ]; echo $?)" "every category of the rules has its Thai and English name ($(wc -l < "$T/categories") categories)${missing:+; missing: $missing}"
"$BIN" scan --lang th corpus tests/seeds > "$T/th.txt" 2>/dev/null
check "the Thai report prints no raw message key" sh -c "! grep -Eq '(category|severity|status|report|kind|verdict)\.[a-z_]+' '$T/th.txt'"

"$BIN" scan -f text --lang th corpus tests/regress > "$T/th-reasons.txt" 2>/dev/null
grep -E ': (ตรวจได้ไม่ครบ|ตรวจไม่ได้) — ' "$T/th-reasons.txt" > "$T/th-status"; sed 's/^.* — //' "$T/th-status" > "$T/th-why"
check "the Thai report gives the reasons a file was not read in Thai (page without text layer, encrypted, damaged, limits)" sh -c "grep -q 'scanned_page.pdf: ตรวจได้ไม่ครบ — หน้าที่ไม่มีชั้นข้อความ (ภาพสแกน) (หน้า 2)' '$T/th-status' && [ \$(wc -l < '$T/th-status') -ge 8 ] && ! grep -Eiq 'not checked|not read|[(]page|damaged|truncated|encrypted|limit|crashed' '$T/th-why'"

# --- conventions ------------------------------------------------------------
check "pdpascan version, -V and --version: the program's version and the rule set's" sh -c "for v in version -V --version; do '$BIN' \$v | sed -n 2p | grep -Eq '^rules [0-9a-f]{40} \\([0-9]+ rules from ' || exit 1; done; '$BIN' -V | grep -q '^pdpascan [0-9]'"
printf 'โทร. 081-234-5678\n' > "$T/phone.txt"
printf 'ประกาศ\n' > "$T/clean.txt"
check "the JSON Lines summary carries its schema version" sh -c "'$BIN' scan -f jsonl '$T/clean.txt' | jq -se 'map(select(.type==\"summary\"))[0].schema == 1'"
check "csv: a file with nothing found has its row (status ok), so the sheet shows what was checked" sh -c "'$BIN' scan -f csv '$T/clean.txt' '$T/phone.txt' | tr -d '\r' | grep -c '^\"$T/' | grep -qx 2 && '$BIN' scan -f csv '$T/clean.txt' | grep -q '^\"$T/clean.txt\",\"text\",\"ok\"'"

# scripts/deps.sh shows why an install step failed (a stand-in apt-get that fails)
mkdir -p "$T/fakebin"
printf '#!/bin/sh\necho "E: Unable to locate package libimaginary-dev" >&2\nexit 100\n' > "$T/fakebin/apt-get"
printf '#!/bin/sh\nexit 1\n' > "$T/fakebin/pkg-config"
chmod +x "$T/fakebin/apt-get" "$T/fakebin/pkg-config"
if [ "$(id -u)" = 0 ]; then
  PATH="$T/fakebin:$PATH" sh scripts/deps.sh > "$T/deps.out" 2>&1; rc=$?
  ok "$([ $rc = 100 ] && grep -q 'Unable to locate package libimaginary-dev' "$T/deps.out"; echo $?)" "scripts/deps.sh: a failed install step shows apt-get's error and exits with its status"
fi

# --- where: the row and the column of a finding in a table ---------------------------
"$BIN" scan -f jsonl corpus/pdf/beneficiary_list.pdf > "$T/where.jsonl"
check "a finding in a table row carries its row's ลำดับ and its column's header" jq -se 'map(select(.type=="finding" and .category=="national_id")) | map([.location.row_label, .location.column]) == [["๑","เลขประจำตัวประชาชน"],["๒","เลขประจำตัวประชาชน"]]' "$T/where.jsonl"
check "a Word table: the paragraph (its row), ลำดับ and column, not just [word/document.xml]" sh -c "'$BIN' scan -f text --lang th corpus/docx/allowance_table.docx | grep -q 'word/document.xml. ย่อหน้า 4 ลำดับ 2 คอลัมน์ เลขประจำตัวประชาชน'"
check "the Thai text report says which row and column" sh -c "'$BIN' scan -f text --lang th corpus/pdf/beneficiary_list.pdf | grep -q 'หน้า 1 ลำดับ ๒ คอลัมน์ โทรศัพท์'"
"$BIN" scan -f jsonl corpus tests/seeds 2>/dev/null > "$T/all-where.jsonl" || true
check "a row label is never a value found (only short sequence numbers), a column header never holds a digit" sh -c "jq -e 'select(.type==\"finding\" and .location.row_label != null) | .location.row_label | test(\"^[0-9๐-๙.) ]{1,16}\$\")' '$T/all-where.jsonl' | grep -qv true; [ \$? = 1 ] && ! jq -r 'select(.type==\"finding\") | .location.column // empty' '$T/all-where.jsonl' | grep -q '[0-9๐-๙]'"

# --- the HTML report's page pictures (until annotate) --------------------------------
"$BIN" scan -f html -o "$T/pic.html" corpus/pdf/beneficiary_list.pdf 2>/dev/null
"$BIN" scan -f html --show-values -o "$T/pic-shown.html" corpus/pdf/beneficiary_list.pdf 2>/dev/null
check "html: a picture of each PDF page with findings (two here), in the page itself" sh -c "[ \$(grep -o 'src=\"data:image/png;base64,' '$T/pic.html' | wc -l) = 2 ]"
"$BIN" scan -f html -o "$T/pic6.html" corpus/pdf/lo_elderly_list.pdf 2>/dev/null
check "html pictures: a PDF with findings on six pages gets its first three (the per-file limit)" sh -c "[ \$(grep -o 'src=\"data:image/png;base64,' '$T/pic6.html' | wc -l) = 3 ]"
check "html picture: each ID's box is covered (the picture shows no found value in clear)" sh -c "[ \"\$(python3 tests/cli/picture_box.py '$T/pic.html' '$T/where.jsonl' national_id 595.28 | sort -u)\" = 1c2330 ]"
check "html picture with --show-values: the boxes are outlined, the values visible" sh -c "! python3 tests/cli/picture_box.py '$T/pic-shown.html' '$T/where.jsonl' national_id 595.28 | grep -q 1c2330"

# --- --format xlsx: a workbook for Excel and LibreOffice ----------------------------
"$BIN" scan -f xlsx --lang th -o "$T/r.xlsx" corpus/pdf "$T/clean.txt" tests/seeds 2>/dev/null
"$BIN" text "$T/r.xlsx" > "$T/xlsx.txt" 2>&1
check "xlsx: a workbook pdpascan itself reads back, sheets summary, files checked and findings (Thai names)" sh -c "grep -qx -- '--- sheet สรุป ---' '$T/xlsx.txt' && grep -qx -- '--- sheet ไฟล์ที่ตรวจ ---' '$T/xlsx.txt' && grep -qx -- '--- sheet ข้อมูลที่พบ ---' '$T/xlsx.txt'"
check "xlsx: both verdicts on the summary sheet, Thai column headers" sh -c "grep -q '^ผลการตรวจ: ห้ามเผยแพร่' '$T/xlsx.txt' && grep -q '^ผลการตรวจ: ตรวจไม่ครบ' '$T/xlsx.txt' && grep -q \"^ไฟล์\$(printf '\t')รูปแบบ\$(printf '\t')ผลการอ่าน\" '$T/xlsx.txt'"
check "xlsx: every file checked has its row, a clean one and an unreadable one with its reason in Thai" sh -c "grep -q \"^$T/clean.txt\$(printf '\t')text\$(printf '\t')ตรวจครบ\$(printf '\t')0\" '$T/xlsx.txt' && grep -q 'encrypted.pdf.*ตรวจไม่ได้.*PDF ที่เข้ารหัส' '$T/xlsx.txt'"
python3 tests/cli/leaks.py "$T/values.jsonl" "$T/xlsx.txt" > "$T/leaks" 2>&1
ok $? "xlsx (a report for people): no found value in clear ($(tail -1 "$T/leaks"))"
printf 'โทร. 081-234-5678\nเลขประจำตัวประชาชน 3505260181590\n' > "$T/pii.txt"
"$BIN" scan -f xlsx --show-values -o "$T/v.xlsx" "$T/pii.txt" 2>/dev/null
check "xlsx: values are text cells (an ID stays a string, a phone keeps its 0), with filters on" python3 -c "
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); x = z.read('xl/worksheets/sheet3.xml').decode()
sys.exit(0 if 't=\"inlineStr\"><is><t>3505260181590</t>' in x and '<t>081-234-5678</t>' in x and '<autoFilter ref=\"A1:I3\"/>' in x else 1)" "$T/v.xlsx"
script -qec "'$BIN' scan -f xlsx '$T/pii.txt'" /dev/null > "$T/xlsx.tty"; rc=$?
ok "$(grep -q 'give it a file with -o' "$T/xlsx.tty"; echo $?)" "xlsx to a terminal is refused: it asks for -o FILE"

mkdir -p "$T/nolib" && cc -shared -o "$T/nolib/libxlsxwriter.so.4" -x c /dev/null
LD_LIBRARY_PATH="$T/nolib" "$BIN" scan -f xlsx -o "$T/no.xlsx" "$T/pii.txt" 2> "$T/noxlsx.err"; rc=$?
ok "$([ $rc = 2 ] && grep -q 'libxlsxwriter.*could not be loaded' "$T/noxlsx.err"; echo $?)" "xlsx without libxlsxwriter: exit 2, saying so"
check "libxlsxwriter (and its libcrypto) is opened only for --format xlsx" sh -c "! LD_DEBUG=files '$BIN' scan -f csv '$T/pii.txt' 2>&1 >/dev/null | grep -q libxlsxwriter && LD_DEBUG=files '$BIN' scan -f xlsx -o '$T/y.xlsx' '$T/pii.txt' 2>&1 >/dev/null | grep -q libxlsxwriter"

# --- --help in Thai ------------------------------------------------------------------
check "--help in Thai with LANG=th_TH.UTF-8, every option of the English one in it" sh -c "LANG=th_TH.UTF-8 '$BIN' --help > '$T/help.th' && grep -q '^วิธีใช้: pdpascan scan' '$T/help.th' && grep -q 'รหัสออก' '$T/help.th' && LANG=C '$BIN' --help | grep -o -- '--[a-z-]*' | sort -u > '$T/opts.en' && grep -o -- '--[a-z-]*' '$T/help.th' | sort -u | cmp -s - '$T/opts.en'"
check "scan --help in Thai too" sh -c "LC_ALL=th_TH.UTF-8 '$BIN' scan --help | grep -q 'ตัวเลือกของ scan'"

# --- pdpascan text: what the detectors read ---------------------------------------
"$BIN" text corpus/pdf/beneficiary_list.pdf > "$T/list.txt" 2>&1
check "text: a PDF's metadata and pages under their headings, a table row as one line of tab-separated cells" sh -c "grep -qx -- '==> corpus/pdf/beneficiary_list.pdf <==' '$T/list.txt' && grep -qx -- '--- metadata ---' '$T/list.txt' && grep -qx -- '--- page 2 ---' '$T/list.txt' && grep -q \"^๑\$(printf '\t')นางมาลี ดวงดี\$(printf '\t')๑-๙๕๓๔-๒๓๖๖๗-๑๒-๕\" '$T/list.txt'"
check "text --normalized: Thai digits as the detectors see them" sh -c "'$BIN' text --normalized corpus/pdf/beneficiary_list.pdf | grep -q '1-9534-23667-12-5'"
check "text: sheets of a workbook under their names" sh -c "'$BIN' text corpus/xlsx/beneficiaries.xlsx | grep -qx -- '--- sheet รายชื่อ ---'"
printf 'a\033[31mred\033[0m b\n' > "$T/esc.txt"
check "text: control characters of a document are escaped, never sent to the terminal" sh -c "'$BIN' text '$T/esc.txt' | grep -qi 'a.x1b.31mred' && ! '$BIN' text '$T/esc.txt' | grep -q \"\$(printf '\033')\""
"$BIN" text corpus/pdf/scanned_page.pdf > /dev/null 2> "$T/scan.err"; rc=$?
ok "$([ $rc = 2 ] && grep -q 'page without text layer' "$T/scan.err"; echo $?)" "text: a scanned page is said on stderr, exit 2"

# --- the terminal ---------------------------------------------------------------
mkdir -p "$T/bad"; for i in $(seq 1 25); do printf '%%PDF-1.4\nbroken %d\n' $i > "$T/bad/b$i.pdf"; done
script -qec "'$BIN' scan -f jsonl -o /dev/null '$T/phone.txt'" /dev/null > "$T/one.tty"
check "no progress line for a single small file" sh -c "! grep -q 'files .*MB/s' '$T/one.tty'"
yes 'ประกาศ เรื่อง ทดสอบ ระบบ ๑๒๓๔ บาท' | head -c 300000000 > "$T/a-big.txt"  # long enough for the progress line to be drawn
script -qec "'$BIN' scan -j1 -f jsonl -o '$T/tty.jsonl' '$T/a-big.txt' '$T/bad' corpus/text corpus/pdf" /dev/null > "$T/many.tty"
cat > "$T/clean_lines.py" <<'EOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8", errors="replace", newline="").read()
at = [m.start() for m in re.finditer("pdpascan: ", t)]
ok = at and all(i == 0 or t[i - 1] == "\n" or t[max(0, i - 4):i] == "\r\x1b[K" for i in at)
sys.exit(0 if ok and re.search("files .*MB/s", t) else 1)
EOF
check "warnings start on a clean line, never on the progress line" python3 "$T/clean_lines.py" "$T/many.tty"
check "the progress line's findings are the report's (findings above info)" sh -c "[ \"\$(tr '\r' '\n' < '$T/many.tty' | grep -o '[0-9]* findings' | tail -1)\" = \"\$(jq -s 'map(select(.type==\"finding\" and .severity!=\"info\")) | length' '$T/tty.jsonl') findings\" ]"
"$BIN" scan -f jsonl -o /dev/null "$T/bad" 2> "$T/bad.err"
check "25 unreadable files: 10 warning lines, then one that counts the rest" sh -c "[ \$(wc -l < '$T/bad.err') = 11 ] && tail -1 '$T/bad.err' | grep -q '^pdpascan: 15 more files not read completely'"

# --exclude and --include as .gitignore writes patterns
W="$T/globs"; mkdir -p "$W/site/docs/old/x" "$W/site/drafts"
for f in site/a.pdf site/a.txt site/docs/b.pdf site/docs/old/x/c.pdf site/drafts/d.docx site/docs/e.tmp; do cp "$T/phone.txt" "$W/$f"; done
files() { (cd "$W" && "$BIN" scan -f jsonl "$@" site 2>/dev/null | jq -r 'select(.type=="file").file' | tr '\n' ' '); }
check "--exclude 'docs/old/**' leaves out all under docs/old, at any depth of the walk" sh -c "[ \"\$(cd '$W' && '$BIN' scan -f jsonl --exclude 'docs/old/**' site | jq -r 'select(.type==\"file\").file' | tr '\n' ' ')\" = 'site/a.pdf site/a.txt site/docs/b.pdf site/docs/e.tmp site/drafts/d.docx ' ]"
ok "$([ "$(files --include '*.pdf')" = 'site/a.pdf site/docs/b.pdf site/docs/old/x/c.pdf ' ]; echo $?)" "--include '*.pdf': only PDFs, in every folder"
ok "$([ "$(files --include 'docs/**/*.pdf' --exclude '**/old')" = 'site/docs/b.pdf ' ]; echo $?)" "--include 'docs/**/*.pdf' with --exclude '**/old'"

# One spelling of encodings (a page declaring "utf-8" is UTF-8 like a text file)
"$BIN" scan -f jsonl corpus tests/regress 2>/dev/null | jq -r 'select(.type=="file") | .encoding // empty' | sort -u > "$T/encodings"
E='(UTF-8|UTF-16|UTF-16LE|UTF-16BE|UTF-32|UTF-32LE|UTF-32BE|windows-874|TIS-620|ISO-8859-11)'
check "one spelling of encodings in the records ($(tr '\n' ',' < "$T/encodings"))" sh -c "[ -s '$T/encodings' ] && ! grep -Evx '$E( \\(declared $E\\))?' '$T/encodings'"

# --- the hook's advice works: --write-baseline as it says, then the commit passes
G="$T/site"; mkdir -p "$G"
( cd "$G" && git init -q . && git config user.email t@t && git config user.name t && PATH="$(dirname "$BIN"):$PATH" pdpascan hook install >/dev/null 2>&1 ) 
cp "$T/phone.txt" "$G/contact.txt"
( cd "$G" && git add contact.txt && PATH="$(dirname "$BIN"):$PATH" git commit -qm one >/dev/null 2>&1 ); blocked=$?
( cd "$G" && PATH="$(dirname "$BIN"):$PATH" pdpascan scan --staged --write-baseline .pdpascan-baseline >/dev/null 2>&1 )
( cd "$G" && PATH="$(dirname "$BIN"):$PATH" git commit -qm one >/dev/null 2>&1 ); passed=$?
ok "$([ $blocked != 0 ] && [ $passed = 0 ]; echo $?)" "hook: blocked, then the advised --write-baseline .pdpascan-baseline lets the commit through (found walking up)"
mkdir -p "$G/sub" && cp "$T/phone.txt" "$G/sub/p.txt"
# A scanned file a person has read: accepted by path and content hash, with a reason
cp corpus/pdf/scanned_page.pdf "$G/order.pdf"
( cd "$G" && git add order.pdf && PATH="$(dirname "$BIN"):$PATH" git commit -qm scan > "$T/scanhook.out" 2>&1 ); blocked=$?
check "hook: a scanned PDF blocks the commit; the advice names the reviewed-file way out" sh -c "[ $blocked != 0 ] && grep -q 'sha256' '$T/scanhook.out'"
printf 'allow:\n  - {path: "order.pdf", sha256: "%s", reason: "read by the records officer"}\n' "$(sha256sum "$G/order.pdf" | cut -d' ' -f1)" > "$G/.pdpascan-allow"
( cd "$G" && PATH="$(dirname "$BIN"):$PATH" git commit -qm scan >/dev/null 2>&1 ); passed=$?
ok "$([ $passed = 0 ]; echo $?)" "hook: with {path, sha256, reason} in .pdpascan-allow the reviewed scan goes through"
check "a reviewed file: status as read, the reason in its record, exit 0, counted apart" sh -c "cd '$G' && '$BIN' scan -f jsonl order.pdf > '$T/rev.jsonl'; [ \$? = 0 ] && jq -se '(map(select(.type==\"file\"))[0] | .status==\"partial\" and .reviewed==\"read by the records officer\") and (map(select(.type==\"summary\"))[0] | .errors==0 and .reviewed==1)' '$T/rev.jsonl'"
printf 'x' >> "$G/order.pdf"
check "a reviewed file whose content changed counts as not checked again: exit 2" sh -c "cd '$G' && '$BIN' scan -f jsonl order.pdf >/dev/null 2>&1; [ \$? = 2 ]"
printf 'allow:\n  - {sha256: "%s", reason: "x"}\n' "$(printf x | sha256sum | cut -d' ' -f1)" > "$T/nopath.yaml"
check "a reviewed-file entry without its path is refused, with file and line" sh -c "'$BIN' scan --allow '$T/nopath.yaml' '$T/clean.txt' 2>&1 >/dev/null | grep -q 'nopath.yaml:2: a reviewed file needs its path and its sha256'"
check "a .pdpascan-baseline above the scanned folder is used by a plain scan too" sh -c "cd '$G/sub' && '$BIN' scan p.txt >/dev/null 2>&1"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
