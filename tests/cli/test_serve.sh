#!/bin/sh
# test_serve.sh — `pdpascan serve` on a free loopback port, through curl and
# a real browser: every format read and answered, what cannot be read never
# called clean, limits and bad HTTP answered in words and the server still
# serving, the token, no file written with a document's content (strace),
# 50 clients at once, and headless Chromium dropping a file on the page.
# Prints "ok N - what" / "not ok N - what" and "N passed, N failed".
# usage: sh tests/cli/test_serve.sh BUILD_DIR   (from the repository root)
BIN="$(pwd)/${1:-build}/pdpascan"
T=$(mktemp -d /tmp/pdpascan-serve.XXXXXX)
PIDS=""; START_ENV=""
trap 'for p in $PIDS; do kill $p 2>/dev/null; done; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
export PDPASCAN_CACHE_DIR="$T/rule-cache"
pass=0; fail=0; n=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then pass=$((pass+1)); echo "ok $n - $2"; else fail=$((fail+1)); echo "not ok $n - $2"; fi; }
check() { d="$1"; shift; if "$@" >/dev/null 2>&1; then ok 0 "$d"; else ok 1 "$d"; fi; }

# start NAME OPTIONS...: a server on a free port (127.0.0.1:0); sets $U (its URL) and $P (its pid)
start() {
  name=$1; shift
  env $START_ENV "$BIN" serve --listen 127.0.0.1:0 "$@" > /dev/null 2> "$T/$name.log" &
  P=$!; PIDS="$PIDS $P"
  for i in $(seq 1 100); do grep -q 'listening on' "$T/$name.log" 2>/dev/null && break; sleep 0.1; done
  U="http://127.0.0.1:$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/$name.log")"
}
scan() { curl -s -H "Authorization: Bearer $TOKEN" -F "file=@$1" "$U/api/scan"; }

TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
echo "$TOKEN" > "$T/token"
start main --token-file "$T/token" --jobs 2 --max-upload 2M --timeout 30
SERVER=$P
alive="curl -s -H 'Authorization: Bearer $TOKEN' '$U/healthz' | grep -q ok" # (a command for sh -c: is it still serving?)

# The token
check "a request with no token: 401" sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$U/healthz') = 401 ]"
check "a wrong token: 401, saying a token is needed (Thai first)" sh -c "curl -s -w '%{http_code}' -H 'Authorization: Bearer wrong-token-0123456789' '$U/api/scan' -F file=@corpus/text/clean_announcement.txt | grep -q '401' && curl -s '$U/?token=wrong-token-0123456789' | grep -q 'รหัสเข้าใช้'"
check "the token as Authorization: Bearer, and as ?token= (the link a clerk is given)" sh -c "$alive && curl -s '$U/healthz?token=$TOKEN' | grep -q ok"

# The page
curl -s -D "$T/page.h" "$U/?token=$TOKEN" > "$T/page.html"
check "the page: Thai first, a form that posts files without script, token and language in its action" sh -c "grep -q 'ตรวจเอกสารก่อนเผยแพร่' '$T/page.html' && grep -q 'method=\"post\" action=\"/check?lang=th&amp;token=$TOKEN\" enctype=\"multipart/form-data\"' '$T/page.html' && grep -q 'type=\"file\" name=\"file\" multiple' '$T/page.html'"
check "the page in English with ?lang=en" sh -c "curl -s '$U/?lang=en&token=$TOKEN' | grep -q 'Check a document before it goes on the website'"
check "the page: no-store, and a policy that allows only its own inline style and script, by hash" sh -c "grep -qi '^Cache-Control: no-store' '$T/page.h' && grep -i '^Content-Security-Policy' '$T/page.h' | grep -q \"default-src 'none'; img-src data:; style-src 'sha256-[^']*'; script-src 'sha256-[^']*'; form-action 'self'\""
check "the page is offline: nothing fetched from elsewhere" sh -c "! grep -Eiq '(src|href)=\"?(https?:)?//|@import|url\\(' '$T/page.html'"

# Every format scan reads, answered as the --format json document
for f in corpus/text/elderly_allowance_list.txt corpus/html/scholarship_list.html corpus/pdf/lo_elderly_list.pdf corpus/docx/allowance_table.docx corpus/xlsx/beneficiaries.xlsx corpus/odt/*.odt corpus/pptx/*.pptx corpus/zip/site_backup.zip; do
  [ -f "$f" ] || continue
  scan "$f" > "$T/one.json"
  "$BIN" scan -f json "$f" 2>/dev/null > "$T/cli.json"
  check "$(basename "$f"): the API finds what scan finds (same findings, same status)" sh -c "[ \"\$(jq -c '[.. | objects | select(.type==\"finding\") | [.rule, .normalized]] | sort' '$T/one.json')\" = \"\$(jq -c '[.. | objects | select(.type==\"finding\") | [.rule, .normalized]] | sort' '$T/cli.json')\" ] && jq -e '[.. | objects | select(.type==\"finding\")] | length > 0' '$T/one.json' && [ \"\$(jq -c '[.files[] | .status]' '$T/one.json')\" = \"\$(jq -c '[.files[] | .status]' '$T/cli.json')\" ]"
done

# What cannot be read is never clean; the server goes on
scan corpus/pdf/encrypted.pdf > "$T/enc.json"
check "an encrypted PDF: status error, said in words" jq -e '.files[0].status == "error" and (.files[0].error | test("encrypted"))' "$T/enc.json"
scan corpus/docx/truncated.docx > "$T/trunc.json"
check "a truncated DOCX: status error" jq -e '.files[0].status == "error"' "$T/trunc.json"
scan corpus/zip/bomb.zip > "$T/bomb.json"
check "a zip bomb: not clean (partial or error), and the server still serves" sh -c "jq -e '.files[0].status != \"ok\"' '$T/bomb.json' && $alive"
scan tests/regress/pdf-poppler-attachment-segv.pdf > "$T/crash.json"
check "a PDF that crashes poppler: an error record saying so, and the server still serves" sh -c "jq -e '.files[0].status == \"error\" and (.files[0].error | test(\"crashed\"))' '$T/crash.json' && $alive"
curl -s -H "Authorization: Bearer $TOKEN" -F file=@corpus/pdf/encrypted.pdf -F file=@corpus/text/clean_announcement.txt "$U/check" > "$T/check.html"
curl -s -H "Authorization: Bearer $TOKEN" -F file=@corpus/pdf/lo_elderly_list.pdf -F "file=@corpus/pdf/beneficiary_list.pdf;filename=lo_elderly_list.pdf" "$U/check" > "$T/twins.html"
check "two uploads with one name: told apart (name (2)), each pictured from its own bytes" sh -c "grep -q '<h2>lo_elderly_list.pdf</h2>' '$T/twins.html' && grep -q '<h2>lo_elderly_list.pdf (2)</h2>' '$T/twins.html' && [ \$(grep -c '<figure>' '$T/twins.html') = 8 ]"
check "the result page: the encrypted PDF 'could not be checked', the clean text 'may be published'" sh -c "grep -q '<p class=\"fv fv-unchecked\"><b>ตรวจไม่ได้</b>' '$T/check.html' && grep -q '<p class=\"fv fv-clean\"><b>เผยแพร่ได้</b>' '$T/check.html'"

# Copies
curl -s -D "$T/red.h" -H "Authorization: Bearer $TOKEN" -F file=@corpus/pdf/lo_elderly_list.pdf "$U/api/redact" -o "$T/red.pdf"
check "/api/redact: the redacted PDF, named as a copy, with no ID number left in its text" sh -c "grep -qi \"^Content-Disposition: attachment; filename\\*=UTF-8''lo_elderly_list-redacted.pdf\" '$T/red.h' && pdftotext '$T/red.pdf' - | grep -q 'ประกาศ' && ! pdftotext '$T/red.pdf' - | tr -d ' -' | grep -Eq '[0-9๐-๙]{13}'"
check "/api/redact of an encrypted PDF: 422 and why" sh -c "curl -s -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' -F file=@corpus/pdf/encrypted.pdf '$U/api/redact' | tr -d '\n' | grep -q 'encrypted.*422'"
curl -s -H "Authorization: Bearer $TOKEN" -F file=@corpus/pdf/lo_elderly_list.pdf "$U/api/annotate" -o "$T/rev.pdf"
check "/api/annotate: the review PDF, a highlight per finding" sh -c "pdfinfo '$T/rev.pdf' >/dev/null && [ \$(qpdf --json '$T/rev.pdf' | grep -c '\"/Subtype\": \"/Highlight\"') -gt 100 ]"
curl -s -H "Authorization: Bearer $TOKEN" -F file=@corpus/pdf/lo_elderly_list.pdf -F copies=1 "$U/check" > "$T/copies.html"
check "the result page offers the report (CSV, JSON, HTML), the redacted and the review copy" sh -c "for d in pdpascan-report.csv pdpascan-report.json pdpascan-report.html lo_elderly_list-redacted.pdf lo_elderly_list-review.pdf; do grep -q \"class=\\\"dl\\\" download=\\\"\$d\\\" href=\\\"data:\" '$T/copies.html' || exit 1; done"
ID=$("$BIN" scan -f jsonl corpus/pdf/lo_elderly_list.pdf 2>/dev/null | jq -r 'select(.category=="national_id") | .match' | head -1)
check "the result page pictures every page with a finding (all 6), values masked in its text ($ID)" sh -c "[ \$(grep -c '<figure><img alt=\"\" src=\"data:image/png;base64,' '$T/copies.html') = 6 ] && [ -n '$ID' ] && ! grep -qF '$ID' '$T/copies.html'"

# Limits and bad HTTP: a clear 4xx, and the server still serving
head -c 3000000 /dev/urandom > "$T/big.bin"
check "an upload over --max-upload: 413 saying the limit" sh -c "curl -s -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' -F file=@'$T/big.bin' '$U/api/scan?lang=en' | tr -d '\n' | grep -q 'larger than allowed (2 MB).*413' && $alive"
check "a wrong content type for the page's post: 415" sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: text/plain' --data 'x' '$U/check') = 415 ] && $alive"
printf -- '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nโทร 081-234-5678\r\n--Xy' > "$T/cut.body"
check "a truncated multipart body: 400, and the server still serves" sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: multipart/form-data; boundary=XyZ' --data-binary @'$T/cut.body' '$U/api/scan') = 400 ] && $alive"
check "multipart with no boundary: 400" sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: multipart/form-data' --data-binary 'x' '$U/api/scan') = 400 ]"
hdrs=""; for i in $(seq 1 300); do hdrs="$hdrs -H X-Flood-$i:$(printf '%0300d' 0)"; done
check "a header flood: a 4xx, and the server still serves" sh -c "code=\$(curl -s -o /dev/null -w '%{http_code}' $hdrs -H 'Authorization: Bearer $TOKEN' '$U/healthz'); [ \$code -ge 400 ] && [ \$code -lt 500 ] && $alive"
many=""; for i in $(seq 1 21); do many="$many -F file=@corpus/text/clean_announcement.txt"; done
check "more than 20 files in one request: 413 saying the limit, and the server still serves" sh -c "curl -s -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' $many '$U/api/scan?lang=en' | tr -d '\n' | grep -q 'At most 20 files.*413' && $alive"
check "a chunked body (no length given) past --max-upload: dropped, and the server still serves" sh -c "! curl -s -f -o /dev/null -H 'Authorization: Bearer $TOKEN' -H 'Transfer-Encoding: chunked' -H 'Content-Type: application/octet-stream' --data-binary @'$T/big.bin' '$U/api/scan?name=big.bin' && $alive"
check "no file in the request: 400" sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' -F show=1 '$U/api/scan') = 400 ]"
check "an unknown path: 404" sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer $TOKEN' '$U/etc/passwd') = 404 ]"

# Logs: time, size, format, verdict, duration; never a name, a value or the token
check "the log: a line per request and per document, with no file name, value or token" sh -c "grep -q 'document [0-9]* bytes, pdf, block' '$T/main.log' && grep -q 'POST /api/scan 200' '$T/main.log' && ! grep -Eq 'lo_elderly|beneficiar|081-234|$TOKEN' '$T/main.log'"

# Busy: one job at a time, no queue.  A long dense list keeps the one job busy.
# (about 1.5 s a copy on the project's machine; two copies in one request)
yes 'ประกาศ เรื่อง การประชุมสภาเทศบาล สมัยสามัญ ครั้งที่ ๑ นายสมชาย ใจดี โทร 081-234-5678' | head -c 30000000 > "$T/long.txt"
start busy --jobs 1 --queue 0
curl -s -F file=@"$T/long.txt" -F file=@"$T/long.txt" "$U/api/scan" -o /dev/null & LONG=$!
sleep 0.5
check "past --jobs and --queue: 503, busy, try again later (Retry-After)" sh -c "curl -s -D - -F file=@corpus/text/clean_announcement.txt '$U/api/scan?lang=en' > '$T/busy.out'; grep -q '^HTTP/1.1 503' '$T/busy.out' && grep -qi '^Retry-After: 10' '$T/busy.out' && grep -q 'try again' '$T/busy.out'"
wait $LONG
check "when the long job is done, the next request is served" sh -c "curl -s -F file=@corpus/text/clean_announcement.txt '$U/api/scan' | jq -e '.files[0].status == \"ok\"'"
for route in check api/scan; do
  curl -s -F file=@"$T/long.txt" -F file=@"$T/long.txt" "$U/$route" -o /dev/null & LONG=$!
  sleep 0.5; kill $LONG; wait $LONG 2>/dev/null; sleep 0.3
  check "a client gone during its long job ($route): the work is stopped at once, its turn free for the next" sh -c "curl -s -F file=@corpus/text/clean_announcement.txt '$U/api/scan' | jq -e '.files[0].status == \"ok\"' && grep -q '499, 2 documents' '$T/busy.log'"
done
kill $P 2>/dev/null

# A job past --timeout: the document is not called clean
start slow --timeout 0.2
curl -s -F file=@"$T/long.txt" "$U/check" > "$T/late.html"
check "a result page past --timeout: it ends saying the file could not be checked, and why" sh -c "grep -q 'fv-unchecked' '$T/late.html' && grep -q 'took longer than the time limit' '$T/late.html'"
curl -s -F file=@"$T/long.txt" "$U/api/scan" > "$T/late.json"
check "/api/scan past --timeout: an error record, not checked" jq -e '.files[0].status == "error" and (.files[0].error | test("took longer"))' "$T/late.json"
kill $P 2>/dev/null

# Nothing written to disk: the server under strace while documents go through it
strace -f -qq -e trace=openat,creat,rename,renameat,renameat2,link,linkat,mknodat,memfd_create -o "$T/strace.txt" "$BIN" serve --listen 127.0.0.1:0 > /dev/null 2> "$T/traced.log" &
TRACER=$!
for i in $(seq 1 100); do grep -q 'listening on' "$T/traced.log" 2>/dev/null && break; sleep 0.1; done
P=$(pgrep -P $TRACER); PIDS="$PIDS $P $TRACER"
U="http://127.0.0.1:$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$T/traced.log")"
curl -s -F file=@corpus/pdf/lo_elderly_list.pdf -F file=@tests/fixtures/lo_list.docx -F copies=1 "$U/check" > /dev/null
curl -s -F file=@corpus/pdf/lo_elderly_list.pdf "$U/api/redact" > /dev/null
curl -s -F file=@tests/fixtures/lo_list.docx "$U/api/annotate" > "$T/rev.docx"
kill $P; wait $TRACER 2>/dev/null
grep -E 'O_CREAT|creat\(|rename|link\(|linkat|mknod' "$T/strace.txt" | grep -v -e '"/dev/' -e '"/proc/self/fd/' -e "$PDPASCAN_CACHE_DIR" -e ' = -1 ' > "$T/created.txt" # (a memory file opened by its /proc name is no file on disk)
check "under strace: documents held in memory files, no file created or renamed while they went through" sh -c "[ \$(grep -c 'memfd_create(\"pdpascan-upload\"' '$T/strace.txt') -ge 4 ] && [ \$(grep -c 'memfd_create(\"pdpascan-review\"' '$T/strace.txt') -ge 2 ] && [ ! -s '$T/created.txt' ]"
check "/api/annotate of a Word document: the DOCX with a comment per finding" sh -c "unzip -p '$T/rev.docx' word/comments.xml | grep -q '<w:comment '"

# Load: 50 clients at once, 1,000 scans; no error; memory flat
START_ENV="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" # (a sanitizer build's freed memory not held back)
start load --jobs 2 --queue 64
START_ENV=
rss() { awk '/^VmRSS/ { print $2 }' /proc/$1/status; }
load() { seq 1 "$1" | xargs -P 50 -I{} curl -s -o /dev/null -w '%{http_code}\n' -F file=@corpus/text/elderly_allowance_list.txt "$U/api/scan" >> "$T/codes.txt"; }
: > "$T/codes.txt"
t0=$(date +%s)
load 100; first=$(rss $P)
load 800
load 100; last=$(rss $P)
secs=$(( $(date +%s) - t0 ))
check "50 clients, 1,000 scans: every answer 200, within 300 s ($secs s)" sh -c "[ \$(grep -c '^200$' '$T/codes.txt') = 1000 ] && [ $secs -lt 300 ]"
check "server memory after the last hundred within 8 MB of after the first ($first KB -> $last KB)" sh -c "[ $last -lt $((first + 8192)) ]"
kill $P 2>/dev/null

# Real browsers drop files on the page (Chromium stands for Chrome and Edge)
if [ -f tests/.tools/node_modules/puppeteer-core/package.json ] && command -v chromium >/dev/null && command -v firefox-esr >/dev/null; then
  start browser
  node tests/cli/serve_browser.js "$U/" "$(pwd)/corpus/pdf/lo_elderly_list.pdf" "$T/pdf.png" > "$T/pdf.json" 2>/dev/null
  check "Chromium: a PDF with IDs dropped on the page: 'do not publish', its page picture shown, copies offered, no policy violation" jq -e '.verdicts == ["ห้ามเผยแพร่"] and .pictures >= 1 and (.downloads | index("lo_elderly_list-redacted.pdf")) and .csp == [] and .errors == [] and .names == "lo_elderly_list.pdf" and .filters > 0' "$T/pdf.json"
  check "Chromium: the screenshot of that verdict is a real picture" sh -c "[ \$(stat -c %s '$T/pdf.png') -gt 20000 ] && [ \"\$(python3 tests/cli/png_pixel.py '$T/pdf.png' 10,140)\" = c1121f ]"
  node tests/cli/serve_browser.js "$U/" "$(pwd)/corpus/xlsx/beneficiaries.xlsx" "$T/xlsx.png" > "$T/xlsx.json" 2>/dev/null
  check "Chromium: an XLSX with IDs: 'do not publish'" jq -e '.verdicts == ["ห้ามเผยแพร่"] and .csp == [] and .errors == []' "$T/xlsx.json"
  node tests/cli/serve_browser.js "$U/" "$(pwd)/corpus/text/clean_announcement.txt" "$T/clean.png" > "$T/clean.json" 2>/dev/null
  check "Chromium: a clean announcement: 'may be published'" jq -e '.verdicts == ["เผยแพร่ได้"] and .csp == [] and .errors == []' "$T/clean.json"
  node tests/cli/serve_browser.js "$U/" "$(pwd)/corpus/pdf/lo_elderly_list.pdf" "$T/ff.png" firefox > "$T/ff.json" 2>/dev/null
  check "Firefox (WebDriver BiDi): the same PDF: 'do not publish', its pictures, copies, no policy violation or error" jq -e '.verdicts == ["ห้ามเผยแพร่"] and .pictures >= 1 and (.downloads | index("lo_elderly_list-redacted.pdf")) and .csp == [] and .errors == [] and .filters > 0' "$T/ff.json"
  kill $P 2>/dev/null
else
  ok 1 "Chromium, Firefox and puppeteer-core (sh scripts/deps.sh test) are needed for the browser test"
fi

kill $SERVER 2>/dev/null
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
