#!/bin/sh
# make_office_fixtures.sh — the Office documents tests/cli/test_redact.sh
# redacts, made the way agencies make them: written by LibreOffice from a
# page and a CSV, not by hand.  The results are kept in tests/fixtures/.
#   lo_list.docx  an announcement with a table of names, ID numbers and
#                 phones (Thai with tone marks and upper vowels);
#   lo_list.xlsx  the same list as a sheet, the IDs stored as numbers;
#   lo_letter.pdf a complaint letter exported to PDF, whose paragraph runs
#                 an address and a phone over the ends of its lines.
# usage: sh tests/tools/make_office_fixtures.sh [OUT_DIR]   (needs soffice)
set -e
out=${1:-tests/fixtures}
t=$(mktemp -d /tmp/pdpascan-fixtures.XXXXXX)
trap 'rm -rf "$t"' EXIT
cat > "$t/lo_list.html" <<'HTML'
<html><head><meta charset="utf-8"><title>ประกาศรายชื่อ</title></head><body>
<p>ประกาศเทศบาลตำบลหนองบัว เรื่อง รายชื่อผู้มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ</p>
<table border="1">
<tr><td>ลำดับ</td><td>ชื่อ-สกุล</td><td>เลขประจำตัวประชาชน</td><td>โทรศัพท์</td></tr>
<tr><td>1</td><td>นางสำเริง ศรีสุข</td><td>3-5099-00123-45-0</td><td>081-234-5678</td></tr>
<tr><td>2</td><td>นายบุญเลิศ ทองคำ</td><td>1-1017-00230-70-8</td><td>089-765-4321</td></tr>
<tr><td>3</td><td>นางสาวพิมพ์ใจ ใจดี</td><td>3-1005-00234-56-0</td><td>062-111-2233</td></tr>
</table>
<p>ทั้งนี้ ตั้งแต่เดือนตุลาคม พ.ศ. ๒๕๖๙ เป็นต้นไป</p>
</body></html>
HTML
cat > "$t/lo_list.csv" <<'CSV'
ลำดับ,ชื่อ-สกุล,เลขประจำตัวประชาชน,โทรศัพท์
1,นางสำเริง ศรีสุข,3509900123450,081-234-5678
2,นายบุญเลิศ ทองคำ,1101700230708,089-765-4321
3,นางสาวพิมพ์ใจ ใจดี,3100500234560,062-111-2233
CSV
cat > "$t/lo_letter.html" <<'HTML'
<html><head><meta charset="utf-8"><title>หนังสือร้องเรียน</title></head><body style="font-size:16pt">
<p>เรียน นายกเทศมนตรีตำบลหนองบัว</p>
<p>ข้าพเจ้า นางสาวพิมพ์ใจ ใจดี อายุ ๔๕ ปี เลขประจำตัวประชาชน 3-5099-00123-45-0 อยู่บ้านเลขที่ 99/1 หมู่ที่ 5 ตำบลบ้านใหม่ อำเภอเมืองขอนแก่น จังหวัดขอนแก่น 40000 โทรศัพท์ 081-234-5678 ขอร้องเรียนเรื่องน้ำท่วมขังบริเวณถนนหน้าบ้าน ซึ่งเกิดขึ้นทุกครั้งที่ฝนตกหนัก</p>
<p>จึงเรียนมาเพื่อโปรดพิจารณา</p>
</body></html>
HTML
soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$t" "$t/lo_list.html" >/dev/null 2>&1
soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir "$t" "$t/lo_letter.html" >/dev/null 2>&1
soffice --headless --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$t" "$t/lo_list.csv" >/dev/null 2>&1
cp "$t/lo_list.docx" "$t/lo_list.xlsx" "$t/lo_letter.pdf" "$out/"
