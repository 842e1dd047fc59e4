#!/bin/sh
# test_redact.sh — `pdpascan redact`: every redacted copy is scanned again
# and holds none of the values it replaced, in any written form; a format
# with no writer yet, or a copy that fails its check, gets no copy (exit 2);
# an input is never written over.
# Prints "ok N - what" / "not ok N - what" and "N passed, N failed".
# usage: sh tests/cli/test_redact.sh BUILD_DIR   (from the repository root)
BIN="$(pwd)/${1:-build}/pdpascan"
T=$(mktemp -d /tmp/pdpascan-redact.XXXXXX)
trap 'rm -rf "$T"' EXIT
export PDPASCAN_CACHE_DIR="$T/rule-cache"
pass=0; fail=0; n=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then pass=$((pass+1)); echo "ok $n - $2"; else fail=$((fail+1)); echo "not ok $n - $2"; fi; }
check() { d="$1"; shift; if "$@" >/dev/null 2>&1; then ok 0 "$d"; else ok 1 "$d"; fi; }

# Every UTF-8 text of corpus/ with something to redact, and the seeds
docs=$(for f in corpus/text/*.txt tests/seeds/*.txt; do "$BIN" scan -f jsonl "$f" 2>/dev/null | jq -se 'map(select(.type=="file" and .encoding=="UTF-8")) | length > 0' >/dev/null && echo "$f"; done)
bad=""; copies=0; replaced=0
for f in $docs; do
  out="$T/copies/$(basename "$f")"
  "$BIN" redact "$f" -o "$out" > "$T/said" 2>&1 || { bad="$bad $f(exit)"; continue; }
  copies=$((copies+1))
  "$BIN" scan -f jsonl "$f" | jq -r 'select(.type=="finding" and .action=="redact" and .category!="unreadable") | .match, .normalized' | awk 'length($0) >= 4' | sort -u > "$T/values"
  replaced=$((replaced + $(wc -l < "$T/values")))
  # in the copy: no redact-level finding (but its own replacements), no value as written or normalized
  "$BIN" scan -f jsonl "$out" | jq -se 'map(select(.type=="finding" and .action=="redact" and (.match|test("^[Xx]+[-@.X]*|^\\[") | not))) | length > 0' >/dev/null && bad="$bad $f(rescan)"
  [ -s "$T/values" ] && grep -qFf "$T/values" "$out" && bad="$bad $f(value)"
done
ok "$([ -z "$bad" ] && [ $copies -ge 8 ] && [ $replaced -ge 20 ]; echo $?)" \
  "each UTF-8 text of corpus/ and the seeds: a copy that scans clean at redact level and holds none of its $replaced values ($copies copies)${bad:+: $bad}"

printf 'ผู้ร้อง นางสาวทดสอบ ระบบ\nเลขประจำตัวประชาชน ๓-๕๐๙๙-๐๐๑๒๓-๔๕-๐\nโทร. ๐๘๑ ๒๓๔ ๕๖๗๘ อีเมล somchai.j@example.com\n' > "$T/thai.txt"
"$BIN" redact "$T/thai.txt" -o "$T/thai.red.txt" > "$T/thai.said" 2>&1; rc=$?
check "Thai digits: the copy holds the ID and the phone in no form (Thai or ASCII digits, spaced or not)" sh -c "[ $rc = 0 ] && ! grep -q -e '๓-๕๐๙๙' -e '๐๘๑' '$T/thai.red.txt' && ! '$BIN' text --normalized '$T/thai.red.txt' | tr -d ' .-' | grep -q -e 3509900123450 -e 0812345678"
check "it says what it replaced by category and count, never the values" sh -c "grep -q 'national_id 1' '$T/thai.said' && grep -q 'phone 1' '$T/thai.said' && ! grep -q -e somchai -e '๐๘๑' '$T/thai.said'"
check "a redacted copy scans clean to anyone: its masked e-mail (xxxxxxxx@example.com) is no e-mail" \
  sh -c "'$BIN' scan -f jsonl '$T/thai.red.txt' | jq -se 'map(select(.type==\"finding\" and .action==\"redact\")) | length == 0' && grep -q 'xxxxxxxx@example.com' '$T/thai.red.txt'"
printf 'ประกาศ เรื่อง ทดสอบ\n' > "$T/clean.txt"
"$BIN" redact "$T/clean.txt" -o "$T/clean.red.txt" > "$T/clean.said" 2>&1; rc=$?
check "nothing to redact: copied unchanged, and said so" sh -c "[ $rc = 0 ] && cmp -s '$T/clean.txt' '$T/clean.red.txt' && grep -q 'nothing to redact' '$T/clean.said'"
cp "$T/thai.txt" "$T/keep.txt"
"$BIN" redact "$T/keep.txt" -o "$T/keep.txt" 2> "$T/same.err"; rc=$?
check "never writes over its input" sh -c "[ $rc = 2 ] && cmp -s '$T/keep.txt' '$T/thai.txt' && grep -q 'never writes over it' '$T/same.err'"
# ZIP archives: each member with something to redact redacted as a
# document of its own (a ZIP inside a ZIP too), a name holding a value
# renamed, every other member byte for byte.
"$BIN" redact corpus/zip/site_backup.zip -o "$T/backup.zip" > /dev/null 2>&1; rc=$?
check "ZIP: members redacted at every depth (a list, a ZIP inside), the clean member byte for byte, the copy scans clean" \
  sh -c "[ $rc = 0 ] && python3 -c \"
import sys, zipfile
a, b = zipfile.ZipFile('corpus/zip/site_backup.zip'), zipfile.ZipFile('$T/backup.zip')
same = {i.filename: (i.CRC, i.compress_size) for i in a.infolist()}
got = {i.filename: (i.CRC, i.compress_size) for i in b.infolist()}
sys.exit(not (list(same) == list(got) and same['docs/readme.txt'] == got['docs/readme.txt'] and same['docs/list.txt'] != got['docs/list.txt'] and same['nested/inner.zip'] != got['nested/inner.zip']))
\" && '$BIN' scan -f jsonl '$T/backup.zip' | jq -se 'map(select(.type==\"finding\" and .action==\"redact\")) | length == 0'"
"$BIN" redact tests/regress/hostile-idname_only.zip -o "$T/named.zip" > /dev/null 2>&1; rc=$?
check "ZIP: a member whose name holds an ID and a phone is renamed with their suggestions, its content kept" \
  sh -c "[ $rc = 0 ] && [ \"\$(unzip -Z1 '$T/named.zip')\" = 'scans/XXXXXXXXXXXXX_XXX-XXX-XXXX.txt' ] && [ \"\$(unzip -p '$T/named.zip' | md5sum)\" = \"\$(unzip -p tests/regress/hostile-idname_only.zip | md5sum)\" ]"
"$BIN" redact corpus/zip/bomb.zip -o "$T/bomb.zip" 2> "$T/bomb.err"; rc=$?
check "ZIP with a bomb inside: not read completely, so no copy (exit 2)" sh -c "[ $rc = 2 ] && [ ! -e '$T/bomb.zip' ] && grep -q 'not read completely' '$T/bomb.err'"
# Other charsets stay what they were, and every line without a finding
# keeps its bytes (checked in the file's own charset).
cat > "$T/same_bytes.py" <<'PY'
import sys
a, b, enc = open(sys.argv[1], 'rb').read(), open(sys.argv[2], 'rb').read(), sys.argv[3]
la, lb = a.split(b'\n'), b.split(b'\n')
text = b.decode(enc)          # the copy reads in the original's charset
same = sum(x == y for x, y in zip(la, lb))
changed = [y.decode(enc) for x, y in zip(la, lb) if x != y]
ok = len(la) == len(lb) and same >= 1 and changed and all('X' in c or '[' in c or 'xxxx' in c for c in changed)
sys.exit(0 if ok else 1)
PY
"$BIN" redact corpus/text/legacy_tis620_list.txt -o "$T/tis.txt" > /dev/null 2>&1; rc=$?
"$BIN" scan -f jsonl corpus/text/legacy_tis620_list.txt | jq -r 'select(.type=="finding" and .action=="redact") | .match' | sed 's/^[[:space:]]*//' | awk 'length($0) >= 6' > "$T/tis.values"
check "TIS-620 text: the copy stays TIS-620, lines without a finding keep their bytes, the values are gone" \
  sh -c "[ $rc = 0 ] && python3 '$T/same_bytes.py' corpus/text/legacy_tis620_list.txt '$T/tis.txt' cp874 && [ -s '$T/tis.values' ] && ! iconv -f cp874 -t utf-8 '$T/tis.txt' | grep -qFf '$T/tis.values'"
printf '\241\322\303 3-5099-00123-45-0 \000\n\241\322\303\n' > "$T/undefined.txt"
"$BIN" redact "$T/undefined.txt" -o "$T/undefined.red.txt" 2> "$T/undefined.err"; rc=$?
check "windows-874 text that would not read back byte for byte (a NUL): exit 2, no copy, the reason" \
  sh -c "[ $rc = 2 ] && [ ! -e '$T/undefined.red.txt' ] && grep -q 'byte for byte' '$T/undefined.err'"
mkdir -p "$T/in/a" "$T/in/b"; cp "$T/thai.txt" "$T/in/a/one.txt"; cp "$T/clean.txt" "$T/in/b/two.txt"
( cd "$T" && "$BIN" redact in/a/one.txt in/b/two.txt -o out > /dev/null 2>&1 ); rc=$?
check "several inputs: OUT is a folder keeping their paths" sh -c "[ $rc = 0 ] && [ -s '$T/out/in/a/one.txt' ] && cmp -s '$T/out/in/b/two.txt' '$T/clean.txt'"
printf 'นายสมชาย ใจดี ผู้ร้องเรียน แจ้งว่า\n' > "$T/review.txt"
"$BIN" scan -f jsonl "$T/review.txt" | jq -r 'select(.type=="finding" and .action=="review") | .match' > "$T/review.values"
"$BIN" redact "$T/review.txt" -o "$T/r1.txt" >/dev/null 2>&1; "$BIN" redact --level review "$T/review.txt" -o "$T/r2.txt" >/dev/null 2>&1
check "--level review also replaces what is marked for review" sh -c "[ -s '$T/review.values' ] && grep -qFf '$T/review.values' '$T/r1.txt' && ! grep -qFf '$T/review.values' '$T/r2.txt'"

# Verified, or not written: the ID found once also stands glued in a reference the scan does not take for one
printf 'เลขประจำตัวประชาชน 3-5099-00123-45-0\nref=A3509900123450B\n' > "$T/twice.txt"
"$BIN" redact "$T/twice.txt" -o "$T/twice.red.txt" 2> "$T/twice.err"; rc=$?
check "a copy in which a replaced value still stands (in another written form) is refused: exit 2, no copy" sh -c "[ $rc = 2 ] && grep -q 'still stands in the copy' '$T/twice.err' && [ ! -e '$T/twice.red.txt' ]"

# HTML: every written form of a value (text, attribute, comment, a script's
# \u escapes, a number spaced otherwise), the charset kept.
cat > "$T/page.html" <<'HTML'
<html><head><meta charset="utf-8"><title>ผลการพิจารณา</title></head><body>
<p title="ผู้ยื่น นางสาวพิมพ์ใจ ใจดี">ผู้ยื่นคำขอ นางสาวพิมพ์ใจ ใจดี เลขประจำตัวประชาชน 3-5099-00123-45-0 โทร. 081-234-5678</p>
<!-- ติดต่อ 081 234 5678 -->
<script>var p = {"name":"\u0e1e\u0e34\u0e21\u0e1e\u0e4c\u0e43\u0e08 \u0e43\u0e08\u0e14\u0e35","cid":"3509900123450"};</script>
<p>ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๙</p>
</body></html>
HTML
"$BIN" redact "$T/page.html" -o "$T/page.red.html" > /dev/null 2>&1; rc=$?
check "HTML: no value left in text, attribute, comment or script (escaped), the page parses, the rest kept byte for byte" \
  sh -c "[ $rc = 0 ] && ! grep -q -e 3509900123450 -e '5678' -e 'u0e1e' -e 'พิมพ์ใจ' '$T/page.red.html' && python3 -c 'import html.parser,sys; html.parser.HTMLParser().feed(open(sys.argv[1]).read())' '$T/page.red.html' && [ \"\$(diff '$T/page.html' '$T/page.red.html' | grep -c '^<')\" = 3 ] && grep -q 'ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๙' '$T/page.red.html'"
"$BIN" redact corpus/html/announcement_tis620.html -o "$T/tis.html" > /dev/null 2>&1; rc=$?
check "HTML in TIS-620: the copy stays TIS-620, lines without a finding keep their bytes" \
  sh -c "[ $rc = 0 ] && python3 '$T/same_bytes.py' corpus/html/announcement_tis620.html '$T/tis.html' cp874"

# Office: values replaced in the XML, split runs included; comments and
# tracked deletions holding one removed; number cells made text; every
# other member byte for byte.  Read back with Python's zipfile.
cat > "$T/office.py" <<'PY'
import json, subprocess, sys, zipfile
bin, src, out = sys.argv[1:4]
vals = set()
for l in subprocess.run([bin, 'scan', '-f', 'jsonl', src], capture_output=True, text=True).stdout.splitlines():
    d = json.loads(l)
    if d.get('type') == 'finding' and d['action'] == 'redact':
        vals |= {p.strip() for p in d['match'].replace('\n', '\t').split('\t') if len(p.strip()) >= 6}
        if d['normalized'].isdigit(): vals.add(d['normalized'])
a, b = zipfile.ZipFile(src), zipfile.ZipFile(out)
ia = {i.filename: i for i in a.infolist()}
assert [i.filename for i in b.infolist()] == list(ia), 'members or their order changed'
for i in b.infolist():
    data = b.read(i).decode('utf-8', 'replace')
    left = [v for v in vals if v in data]
    assert not left, f'{i.filename} still holds a value'
    o = ia[i.filename]
    if not any(v in a.read(o).decode('utf-8', 'replace') for v in vals):   # untouched member: same bytes
        assert (o.CRC, o.compress_size, o.compress_type) == (i.CRC, i.compress_size, i.compress_type), i.filename
assert vals, 'nothing to redact'
PY
bad=""
for f in corpus/docx/allowance_table.docx corpus/docx/complaint_tracked.docx corpus/xlsx/beneficiaries.xlsx corpus/pptx/training.pptx corpus/odt/letter.odt corpus/ods/list.ods tests/fixtures/lo_list.docx tests/fixtures/lo_list.xlsx; do
  out="$T/office/$(basename "$f")"
  "$BIN" redact "$f" -o "$out" > /dev/null 2>&1 || { bad="$bad $f(exit)"; continue; }
  python3 "$T/office.py" "$BIN" "$f" "$out" 2> "$T/office.err" || bad="$bad $f($(tail -1 "$T/office.err"))"
done
ok "$([ -z "$bad" ]; echo $?)" "DOCX, XLSX, PPTX, ODT, ODS: no value left in any member, members kept in order, untouched ones byte for byte${bad:+: $bad}"
python3 -c "
import shutil, sys, zipfile
shutil.copy('tests/fixtures/lo_list.docx', sys.argv[1])
with zipfile.ZipFile(sys.argv[1], 'a') as z: z.write('tests/fixtures/lo_list.xlsx', 'word/embeddings/sheet.xlsx')
" "$T/embedding.docx"
"$BIN" redact "$T/embedding.docx" -o "$T/office/embedding.docx" > /dev/null 2>&1; rc=$?
unzip -p "$T/office/embedding.docx" word/embeddings/sheet.xlsx > "$T/embedded.xlsx" 2>/dev/null
check "DOCX with a workbook embedded in it: both redacted, the workbook as a document of its own" \
  sh -c "[ $rc = 0 ] && python3 '$T/office.py' '$BIN' tests/fixtures/lo_list.xlsx '$T/embedded.xlsx' && ! unzip -p '$T/office/embedding.docx' word/document.xml | grep -q 3-5099-00123-45-0"
unzip -p "$T/office/complaint_tracked.docx" word/document.xml > "$T/ct.xml"; unzip -p "$T/office/complaint_tracked.docx" word/comments.xml > "$T/cc.xml"
check "DOCX: the tracked deletion and the comment that held values are removed, the insertion kept" \
  sh -c "! grep -q 'w:del ' '$T/ct.xml' && ! grep -q '<w:comment ' '$T/cc.xml' && grep -q 'ตัดเลขประจำตัวออก' '$T/ct.xml'"
unzip -p "$T/office/beneficiaries.xlsx" xl/worksheets/sheet1.xml > "$T/s1.xml"
check "XLSX: ID number cells (one in float notation) become text cells with the suggestion; the sum stays a number" \
  sh -c "[ \$(grep -o 't=\"inlineStr\"><is><t>X*</t>' '$T/s1.xml' | wc -l) = 2 ] && grep -q '<f>SUM(A2:A3)</f><v>3</v>' '$T/s1.xml'"
mkdir -p "$T/lo"
soffice --headless --convert-to pdf --outdir "$T/lo" "$T/office/lo_list.docx" > /dev/null 2>&1
pdftotext "$T/lo/lo_list.pdf" "$T/lo/docx.txt" 2>/dev/null
soffice --headless --convert-to pdf --outdir "$T/lo" "$T/office/lo_list.xlsx" > /dev/null 2>&1
pdftotext "$T/lo/lo_list.pdf" "$T/lo/xlsx.txt" 2>/dev/null
check "DOCX and XLSX written by LibreOffice: the copies open in LibreOffice, show the suggestions, no value, the rest of the text" \
  sh -c "grep -q 'X-XXXX-XXXXX' '$T/lo/docx.txt' && grep -q 'ชื่อ-สกุล]' '$T/lo/docx.txt' && grep -q 'ตุลาคม' '$T/lo/docx.txt' && grep -q 'XXXXXXXXXXXXX' '$T/lo/xlsx.txt' && ! cat '$T/lo/docx.txt' '$T/lo/xlsx.txt' | tr -d ' -' | grep -q -e 3509900123450 -e 0812345678 -e 'ศรีสุข'"

# PDF: the glyphs taken out of the page, checked with other tools than the
# one that wrote the copy: poppler reads its text, qpdf inflates its streams.
pdfs="beneficiary_list lo_elderly_list lo_disability_accounts lo_workers_passports annotated_form with_attachment"
bad=""; values=0
for b in $pdfs; do
  f=corpus/pdf/$b.pdf; out="$T/pdf/$b.pdf"
  "$BIN" redact "$f" -o "$out" > /dev/null 2>&1 || { bad="$bad $b(exit)"; continue; }
  pdftotext "$out" "$T/$b.txt" 2>/dev/null || { bad="$bad $b(poppler)"; continue; }
  qpdf --qdf --object-streams=disable "$out" "$T/$b.qdf" 2>/dev/null; [ $? -le 3 ] || bad="$bad $b(qpdf)"
  "$BIN" scan -f jsonl "$f" | jq -r 'select(.type=="finding" and .action=="redact") | .match, .normalized' | tr '\t' '\n' | awk 'length($0) >= 6' | sort -u > "$T/$b.values"
  values=$((values + $(wc -l < "$T/$b.values")))
  grep -qFf "$T/$b.values" "$T/$b.txt" && bad="$bad $b(text)"
  grep -aqFf "$T/$b.values" "$T/$b.qdf" && bad="$bad $b(bytes)"
  tr -d ' -' < "$T/$b.txt" | grep -qFf "$T/$b.values" && bad="$bad $b(digits)"
done
ok "$([ -z "$bad" ] && [ $values -ge 300 ]; echo $?)" \
  "each PDF of corpus/ with findings: a copy poppler opens whose text, and whose streams inflated by qpdf, hold none of its $values values${bad:+: $bad}"

# Nothing else changes: every line of the original's text with no finding in
# it stands in the copy (Thai with tone marks and upper vowels beside the
# redacted values; poppler reading both).
python3 - "$BIN" "$T" lo_elderly_list beneficiary_list lo_disability_accounts > "$T/lines" <<'PY'
import json, subprocess, sys
bin, t, names = sys.argv[1], sys.argv[2], sys.argv[3:]
total = changed = 0
for b in names:
    src, out = f"corpus/pdf/{b}.pdf", f"{t}/pdf/{b}.pdf"
    parts = []
    for l in subprocess.run([bin, "scan", "-f", "jsonl", src], capture_output=True, text=True).stdout.splitlines():
        d = json.loads(l)
        if d.get("type") == "finding": parts += [p for p in d["match"].split("\t") if p.strip()]
    mine = set(subprocess.run(["pdftotext", "-raw", out, "-"], capture_output=True, text=True).stdout.splitlines())
    for line in subprocess.run(["pdftotext", "-raw", src, "-"], capture_output=True, text=True).stdout.splitlines():
        if not line.strip() or any(p in line or line.strip() in p for p in parts): continue
        total += 1
        changed += line not in mine
print(total, changed)
PY
read total changed < "$T/lines"
ok "$([ "${total:-0}" -ge 30 ] && [ "$changed" = 0 ]; echo $?)" "PDF: the $total lines of Thai text with no finding keep their text exactly ($changed changed)"

check "PDF: the annotation and the form field that held values are gone from the file" sh -c "! grep -aq -e '081-999-1234' -e '3-5052-60181-59-0' '$T/annotated_form.qdf' && grep -q 'Complaint form' '$T/annotated_form.txt'"
check "PDF: the attachment that held values is gone" sh -c "pdfdetach -list '$T/pdf/with_attachment.pdf' | grep -q '^0 embedded files'"
check "PDF: the author metadata that named a person is gone, the title stays" sh -c "! pdfinfo '$T/pdf/beneficiary_list.pdf' | grep -q -e 'somying' -e 'Author:' && pdfinfo '$T/pdf/beneficiary_list.pdf' | grep -q 'Title:'"
"$BIN" redact tests/fixtures/form_xobject.pdf -o "$T/form.pdf" > "$T/form.said" 2>&1; rc=$?
pdftoppm -r 50 -png "$T/form.pdf" "$T/form" 2>/dev/null
check "PDF: an ID drawn in a Form XObject: that page redacted as a picture, said so, no text layer, black where the ID was" \
  sh -c "[ $rc = 0 ] && grep -q 'redacted as a picture' '$T/form.said' && [ -z \"\$(pdftotext '$T/form.pdf' - | tr -d '[:space:]\f')\" ] && [ \"\$(python3 tests/cli/png_pixel.py '$T/form-1.png' 110,96)\" = 000000 ]"
"$BIN" redact tests/fixtures/image_under.pdf -o "$T/image.pdf" > /dev/null 2>&1; rc=$?
qpdf --qdf --object-streams=disable "$T/image.pdf" "$T/image.qdf" 2>/dev/null
check "PDF: the pixels of a picture under the ID are blanked, not only covered" sh -c "[ $rc = 0 ] && python3 -c \"
import sys; d = open('$T/image.qdf', 'rb').read(); i = d.index(b'/Subtype /Image'); s = d.index(b'stream\\n', i) + 7
px = d[s:s + 4000]; sys.exit(not (px.count(0) >= 1000 and px.count(200) >= 2000))\""
"$BIN" redact corpus/pdf/scanned_page.pdf -o "$T/scan.pdf" 2> "$T/scan.err"; rc=$?
check "PDF with a scanned page: not read completely, so no copy (exit 2, the reason)" sh -c "[ $rc = 2 ] && grep -q 'not read completely' '$T/scan.err' && [ ! -e '$T/scan.pdf' ]"
"$BIN" redact corpus/pdf/encrypted.pdf -o "$T/enc.pdf" 2>/dev/null; rc=$?
check "encrypted PDF: exit 2, no copy" sh -c "[ $rc = 2 ] && [ ! -e '$T/enc.pdf' ]"

# A value that runs over the end of a line (an ID in a paragraph exported
# by LibreOffice): cut line by line, the words beside it on both lines kept.
"$BIN" redact tests/fixtures/lo_letter.pdf -o "$T/letter.pdf" > /dev/null 2>&1; rc=$?
pdftotext "$T/letter.pdf" "$T/letter.txt" 2>/dev/null
check "PDF: an ID wrapped over two lines goes, and the words beside it on both lines stay" \
  sh -c "[ $rc = 0 ] && ! tr -d ' \n-' < '$T/letter.txt' | grep -q -e 3509900123450 -e 0812345678 && grep -q 'เลขประจำตัวประชาชน' '$T/letter.txt' && grep -q 'อยู่บ้านเลขที่' '$T/letter.txt' && grep -q 'ขอร้องเรียน' '$T/letter.txt'"

# A copy redacted again (as a later pass does when the copy's scan finds
# more): the first labels keep their own font and still read right.
cp -r patterns "$T/no-contact"; rm "$T/no-contact/rules/20-contact.yaml"
"$BIN" redact --rules "$T/no-contact" corpus/pdf/lo_elderly_list.pdf -o "$T/once.pdf" > /dev/null 2>&1
"$BIN" redact "$T/once.pdf" -o "$T/twice.pdf" > "$T/twice.said" 2>&1; rc=$?
check "PDF redacted again (phones the second time): the first labels still read X-XXXX-XXXXX-XX-X and [ชื่อ-สกุล], the new ones XXXXXXXXXX" \
  sh -c "[ $rc = 0 ] && grep -q 'phone 40' '$T/twice.said' && pdftotext '$T/twice.pdf' - | grep -q 'X-XXXX-XXXXX-XX-X' && pdftotext '$T/twice.pdf' - | grep -q '\\[ชื่อ-สกุล\\]' && pdftotext '$T/twice.pdf' - | grep -q '\\[วันเกิด\\]' && pdftotext '$T/twice.pdf' - | grep -q '^XXXXXXXXXX'"

# --scrub-metadata: the author and last-modified-by go whatever they hold
"$BIN" redact tests/fixtures/author.pdf -o "$T/kept.pdf" > /dev/null 2>&1
"$BIN" redact --scrub-metadata tests/fixtures/author.pdf -o "$T/scrubbed.pdf" > "$T/scrub.said" 2>&1; rc=$?
check "PDF --scrub-metadata: the author goes (kept without it: it holds no value), the title stays, and it says so" \
  sh -c "[ $rc = 0 ] && pdfinfo '$T/kept.pdf' | grep -q 'Clerk Office 3' && ! pdfinfo '$T/scrubbed.pdf' | grep -q -e Clerk -e '^Author' && pdfinfo '$T/scrubbed.pdf' | grep -q 'District announcement' && grep -q 'author and last-modified-by cleared' '$T/scrub.said'"
python3 -c "
import sys, zipfile
src, dst = 'tests/fixtures/lo_list.docx', sys.argv[1]
with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as b:
    for i in a.infolist():
        d = a.read(i)
        if i.filename == 'docProps/core.xml':
            d = d.replace(b'<dc:creator></dc:creator>', b'<dc:creator>clerk01</dc:creator>').replace(b'<cp:lastModifiedBy></cp:lastModifiedBy>', b'<cp:lastModifiedBy>clerk02</cp:lastModifiedBy>')
        b.writestr(i, d)
" "$T/authored.docx"
"$BIN" redact --scrub-metadata "$T/authored.docx" -o "$T/authored.red.docx" > /dev/null 2>&1; rc=$?
check "DOCX --scrub-metadata: creator and last-modified-by emptied, the title kept" \
  sh -c "[ $rc = 0 ] && unzip -p '$T/authored.docx' docProps/core.xml | grep -q clerk02 && ! unzip -p '$T/authored.red.docx' docProps/core.xml | grep -q -e clerk01 -e clerk02 && unzip -p '$T/authored.red.docx' docProps/core.xml | grep -q 'ประกาศรายชื่อ'"

# Hostile inputs (tests/regress/) under redact as under scan: nothing
# crashes, limits hold (a file the scan could not read completely gets no
# copy), and a copy is written only with exit 0.
bad=""
for f in tests/regress/hostile-*; do
  b=$(basename "$f"); out="$T/hostile/$b"
  status=$("$BIN" scan -f jsonl "$f" 2>/dev/null | jq -r --arg f "$f" 'select(.type=="file" and .file==$f) | .status')
  "$BIN" redact "$f" -o "$out" > /dev/null 2>&1; rc=$?
  case "$rc" in 0|2) ;; *) bad="$bad $b(exit $rc)";; esac
  [ "$status" != ok ] && [ "$rc" != 2 ] && bad="$bad $b($status but $rc)"
  [ "$rc" = 2 ] && [ -e "$out" ] && bad="$bad $b(copy after exit 2)"
  [ "$rc" = 0 ] && [ ! -s "$out" ] && bad="$bad $b(no copy after exit 0)"
done
ok "$([ -z "$bad" ]; echo $?)" "hostile inputs under redact: exit 0 or 2, never a copy of what was not read completely${bad:+: $bad}"
check "an attachment whose name two readers decode apart (control characters) still goes: every embedded file out" \
  sh -c "'$BIN' redact tests/regress/hostile-ansi_attachment.pdf -o '$T/ansi.pdf' >/dev/null 2>&1 && pdfdetach -list '$T/ansi.pdf' | grep -q '^0 embedded files'"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
