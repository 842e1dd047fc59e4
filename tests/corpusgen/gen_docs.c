/* gen_docs.c — writes the non-text documents of corpus/: PDF (gen_pdf.c),
 * DOCX, XLSX, PPTX, ODT, ODS, HTML and ZIP, each built to hold personal data
 * in one of the places it hides (tracked deletions, comments, headers,
 * metadata, hidden sheets, number cells, HTML comments and attributes, PDF
 * annotations and attachments) and each failure the scanner must report
 * (encrypted, image-only page, truncated, zip bomb, entity bomb).  What each
 * must produce is in its .expect.yaml beside it.
 *
 *   make corpus        (needs cairo, pango, a TLWG font and qpdf: deps corpus)
 *
 * The output is committed; run this only to change the corpus. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "gen.h"


void write_zip(const char *path, const member *m, int store_first)
{
    remove(path);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) {
        fprintf(stderr, "cannot create %s\n", path);
        exit(1);
    }
    for (int i = 0; m[i].name; i++) {
        size_t len = m[i].len ? m[i].len : strlen(m[i].data);
        zip_source_t *s = zip_source_buffer(z, m[i].data, len, 0);
        zip_int64_t idx = zip_file_add(z, m[i].name, s, ZIP_FL_ENC_UTF_8);
        zip_file_set_mtime(z, (zip_uint64_t)idx, 1704067200, 0); /* fixed: the corpus regenerates the same */
        if (i == 0 && store_first) zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    }
    if (zip_close(z) != 0) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
}

/* dir + "/" + name on the heap (the caller frees). */
static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = malloc(*len + 1);
    if (fread(d, 1, *len, f) != *len) *len = 0;
    fclose(f);
    return d;
}

/* The first `keep` parts in 100 of src, as dst. */
static void truncate_copy(const char *src, const char *dst, int keep)
{
    size_t len;
    char *d = slurp(src, &len);
    FILE *f = fopen(dst, "wb");
    fwrite(d, 1, len * (size_t)keep / 100, f);
    fclose(f);
    free(d);
}

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define CT_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/>"

static const char *docx_document =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W "><w:body>"
    "<w:p><w:r><w:t>บันทึกรับเรื่องร้องเรียน องค์การบริหารส่วนตำบลบ้านกลาง</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>ผู้ร้อง นางสาวพิมพ์ชนก วงศ์ใหญ่</w:t></w:r></w:p>"
    "<w:p><w:del w:id=\"1\" w:author=\"clerk\"><w:r><w:delText>เลขประจำตัวประชาชน 1579378657978</w:delText></w:r></w:del>"
    "<w:ins w:id=\"2\" w:author=\"clerk\"><w:r><w:t>(ตัดเลขประจำตัวออกก่อนเผยแพร่)</w:t></w:r></w:ins></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>โทรศัพท์</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>086-555-0199</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
    "<w:txbxContent><w:p><w:r><w:t>ส่งเอกสารที่ pimchanok.w@hotmail.com</w:t></w:r></w:p></w:txbxContent>"
    "</wp:inline></w:drawing></w:r></w:p>"
    "<w:p><w:r><w:t>เรื่อง การเผาขยะใกล้บ้าน</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
    "</w:body></w:document>";

static void gen_docx(const char *path)
{
    member m[] = {
        { "[Content_Types].xml", CT_HEAD "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>", 0 },
        { "word/document.xml", docx_document, 0 },
        { "word/header1.xml", "<?xml version=\"1.0\"?><w:hdr " W "><w:p><w:r><w:t>ผู้จัดทำ kanya.s@example.org</w:t></w:r></w:p></w:hdr>", 0 },
        { "word/footer1.xml", "<?xml version=\"1.0\"?><w:ftr " W "><w:p><w:r><w:t>ศูนย์รับเรื่อง โทร. </w:t></w:r><w:r><w:t>0-2123-4567</w:t></w:r></w:p></w:ftr>", 0 },
        { "word/footnotes.xml", "<?xml version=\"1.0\"?><w:footnotes " W "><w:footnote w:id=\"1\"><w:p><w:r><w:t>ผู้ถูกร้องเรียน บัตรประชาชน 8-1054-32319-48-3</w:t></w:r></w:p></w:footnote></w:footnotes>", 0 },
        { "word/comments.xml", "<?xml version=\"1.0\"?><w:comments " W "><w:comment w:id=\"0\" w:author=\"นายวิชัย มั่นคง\"><w:p><w:r><w:t>โทรกลับผู้ร้องที่ 089-765-4321</w:t></w:r></w:p></w:comment></w:comments>", 0 },
        { "docProps/core.xml", "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>บันทึกร้องเรียน</dc:title><dc:creator>wichai.m@example.net</dc:creator><cp:lastModifiedBy>นายวิชัย มั่นคง</cp:lastModifiedBy></cp:coreProperties>", 0 },
        { "docProps/app.xml", "<?xml version=\"1.0\"?><Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Company>อบต.บ้านกลาง</Company></Properties>", 0 },
        { "word/media/image1.png", "\x89PNG\r\n\x1a\n-not-a-real-image-", 26 },
        { NULL, NULL, 0 },
    };
    write_zip(path, m, 0);
}

/* A letter whose attachment is a scan pasted in as a picture: the ID card
 * of gen_scans.c in word/media, nothing of it in the text. */
static void gen_docx_with_scan(const char *path, const char *png)
{
    size_t len;
    char *img = slurp(png, &len);
    member m[] = {
        { "[Content_Types].xml", CT_HEAD "<Default Extension=\"png\" ContentType=\"image/png\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>", 0 },
        { "word/document.xml", "<?xml version=\"1.0\"?><w:document " W "><w:body><w:p><w:r><w:t>บันทึกข้อความ เรื่อง ส่งสำเนาบัตรประจำตัวประชาชนของผู้ยื่นคำขอ (แนบท้าย)</w:t></w:r></w:p></w:body></w:document>", 0 },
        { "word/media/image1.png", img, len },
        { NULL, NULL, 0 },
    };
    write_zip(path, m, 0);
    free(img);
}

/* A web page with the ID card written into it as a data: URL (as an
 * editor pastes a picture). */
static void gen_html_with_scan(const char *path, const char *png)
{
    size_t len;
    char *img = slurp(png, &len);
    gchar *b64 = g_base64_encode((const guchar *)img, len);
    FILE *f = fopen(path, "w");
    fprintf(f, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>เอกสารแนบ</title></head>\n<body>\n"
               "<p>สำเนาบัตรประจำตัวประชาชนของผู้ยื่นคำขอ (แนบท้าย)</p>\n<img alt=\"สำเนาบัตร\" src=\"data:image/png;base64,%s\">\n"
               "</body></html>\n", b64);
    fclose(f);
    g_free(b64);
    free(img);
}

static void gen_entity_bomb_docx(const char *path)
{
    member m[] = {
        { "[Content_Types].xml", CT_HEAD "</Types>", 0 },
        { "word/document.xml",
          "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\">"
          "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
          "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
          "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
          "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
          "<w:document " W "><w:body><w:p><w:r><w:t>&h;&x;</w:t></w:r></w:p></w:body></w:document>", 0 },
        { NULL, NULL, 0 },
    };
    write_zip(path, m, 0);
}

#define S "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
static void gen_xlsx(const char *path)
{
    member m[] = {
        { "[Content_Types].xml", CT_HEAD "</Types>", 0 },
        { "xl/workbook.xml", "<?xml version=\"1.0\"?><workbook " S " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
          "<sheet name=\"รายชื่อ\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"ติดต่อ\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
          "<sheet name=\"สำรอง\" sheetId=\"3\" state=\"veryHidden\" r:id=\"rId3\"/></sheets>"
          "<definedNames><definedName name=\"ผู้ประสานงาน\">ติดต่อ!$B$2</definedName></definedNames></workbook>", 0 },
        { "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Target=\"worksheets/sheet2.xml\"/>"
          "<Relationship Id=\"rId3\" Target=\"/xl/worksheets/sheet3.xml\"/></Relationships>", 0 },
        { "xl/sharedStrings.xml", "<?xml version=\"1.0\"?><sst " S " count=\"6\" uniqueCount=\"6\">"
          "<si><t>ลำดับ</t></si><si><t>ชื่อ-สกุล</t></si><si><t>เลขประจำตัวประชาชน</t></si>"
          "<si><r><t>นางคำปัน </t></r><r><t>แก้วมา</t></r><rPh><t>คำปัน</t></rPh></si><si><t>นายบุญมา ใจดี</t></si><si><t>เบอร์โทร</t></si></sst>", 0 },
        { "xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><worksheet " S "><sheetData>"
          "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
          "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>3</v></c><c r=\"C2\"><v>3571860913903</v></c></row>"
          "<row r=\"3\"><c r=\"A3\"><v>2</v></c><c r=\"B3\" t=\"s\"><v>4</v></c><c r=\"C3\"><v>3.5052601815900001E+12</v></c></row>"
          "<row r=\"4\"><c r=\"A4\"><v>1234567.5</v></c><c r=\"C4\"><f>SUM(A2:A3)</f><v>3</v></c></row>"
          "</sheetData></worksheet>", 0 },
        { "xl/worksheets/sheet2.xml", "<?xml version=\"1.0\"?><worksheet " S "><sheetData>"
          "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row><row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>081-234-5678</t></is></c></row>"
          "</sheetData></worksheet>", 0 },
        { "xl/worksheets/sheet3.xml", "<?xml version=\"1.0\"?><worksheet " S "><sheetData>"
          "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>1-1099-60308-24-1</t></is></c></row></sheetData></worksheet>", 0 },
        { "xl/comments1.xml", "<?xml version=\"1.0\"?><comments " S "><authors><author>clerk</author></authors><commentList>"
          "<comment ref=\"C2\" authorId=\"0\"><text><r><t>สำเนาบัตรของผู้รับแทน 4505075291706</t></r></text></comment></commentList></comments>", 0 },
        { "docProps/core.xml", "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>กองสวัสดิการสังคม</dc:creator></cp:coreProperties>", 0 },
        { NULL, NULL, 0 },
    };
    write_zip(path, m, 0);
}

static void gen_pptx(const char *path)
{
    member m[] = {
        { "[Content_Types].xml", CT_HEAD "</Types>", 0 },
        { "ppt/presentation.xml", "<?xml version=\"1.0\"?><p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>", 0 },
        { "ppt/slides/slide1.xml", "<?xml version=\"1.0\"?><p:sld xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><p:cSld><p:spTree><p:sp><p:txBody>"
          "<a:p><a:r><a:t>โครงการอบรมการคุ้มครองข้อมูลส่วนบุคคล</a:t></a:r></a:p><a:p><a:r><a:t>สอบถาม trainer.k@example.com</a:t></a:r></a:p>"
          "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>", 0 },
        { "ppt/slides/slide2.xml", "<?xml version=\"1.0\"?><p:sld xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><p:cSld><p:spTree><p:sp><p:txBody>"
          "<a:p><a:r><a:t>กำหนดการ ๙.๐๐ - ๑๖.๓๐ น.</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>", 0 },
        { "ppt/notesSlides/notesSlide2.xml", "<?xml version=\"1.0\"?><p:notes xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><p:cSld><p:spTree><p:sp><p:txBody>"
          "<a:p><a:r><a:t>โทรยืนยันผู้เข้าอบรม คุณสมใจ 091-234-5678</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>", 0 },
        { NULL, NULL, 0 },
    };
    write_zip(path, m, 0);
}

#define ODF_NS "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""

static void gen_odt(const char *path)
{
    member m[] = {
        { "mimetype", "application/vnd.oasis.opendocument.text", 0 },
        { "content.xml", "<?xml version=\"1.0\"?><office:document-content " ODF_NS "><office:body><office:text>"
          "<text:h>หนังสือขอรับการช่วยเหลือ</text:h><text:p>ผู้ขอ นายก้อง ภูผา<text:s/>โทร<text:tab/>095-111-2233</text:p>"
          "<text:p><office:annotation><dc:creator>clerk</dc:creator><text:p>ตรวจบัตรประชาชน 2347574911863 แล้ว</text:p></office:annotation>เอกสารครบถ้วน</text:p>"
          "</office:text></office:body></office:document-content>", 0 },
        { "styles.xml", "<?xml version=\"1.0\"?><office:document-styles " ODF_NS "><office:master-styles><style:master-page style:name=\"Standard\">"
          "<style:header><text:p>ติดต่อกลับ kong.p@example.co.th</text:p></style:header></style:master-page></office:master-styles></office:document-styles>", 0 },
        { "meta.xml", "<?xml version=\"1.0\"?><office:document-meta " ODF_NS "><office:meta><meta:initial-creator>นายก้อง ภูผา</meta:initial-creator></office:meta></office:document-meta>", 0 },
        { NULL, NULL, 0 },
    };
    write_zip(path, m, 1);
}

static void gen_ods(const char *path)
{
    member m[] = {
        { "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0 },
        { "content.xml", "<?xml version=\"1.0\"?><office:document-content " ODF_NS "><office:body><office:spreadsheet>"
          "<table:table table:name=\"ผู้รับเงิน\">"
          "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>ชื่อ-สกุล</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>เลขประจำตัวประชาชน</text:p></table:table-cell></table:table-row>"
          "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>นายเอก ศรีทอง</text:p></table:table-cell>"
          "<table:table-cell office:value-type=\"float\" office:value=\"3659935181901\"><text:p>3.65994E+12</text:p></table:table-cell></table:table-row>"
          "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell table:number-columns-repeated=\"2\"/></table:table-row>"
          "<table:table-row><table:table-cell table:number-columns-repeated=\"2\"/><table:table-cell office:value-type=\"string\"><text:p>0-2123-4567</text:p></table:table-cell></table:table-row>"
          "</table:table></office:spreadsheet></office:body></office:document-content>", 0 },
        { NULL, NULL, 0 },
    };
    write_zip(path, m, 1);
}

static void gen_zips(const char *dir)
{
    char *inner = join(dir, ".inner.zip"), *outer = join(dir, "site_backup.zip"), *bomb = join(dir, "bomb.zip");
    member in[] = { { "contacts.txt", "ผู้ประสานงานชุมชน มือถือ 082-333-4444\n", 0 }, { NULL, NULL, 0 } };
    write_zip(inner, in, 0);
    size_t ilen;
    char *idata = slurp(inner, &ilen);
    remove(inner);
    member out[] = {
        { "docs/list.txt", "รายชื่อผู้รับเบี้ยความพิการ\nนายสมพงษ์ ดีใจ เลขประจำตัวประชาชน 1-9056-32122-33-6\n", 0 },
        { "docs/readme.txt", "สำรองข้อมูลเว็บไซต์ ประจำเดือนตุลาคม ๒๕๖๗\n", 0 },
        { "nested/inner.zip", idata, ilen },
        { NULL, NULL, 0 },
    };
    write_zip(outer, out, 0);
    free(idata);
    size_t zlen = 30u << 20;
    char *zeros = calloc(1, zlen);
    member b[] = { { "zeros.txt", zeros, zlen }, { "note.txt", "ไฟล์ทดสอบ\n", 0 }, { NULL, NULL, 0 } };
    write_zip(bomb, b, 0);
    free(zeros);
    free(inner);
    free(outer);
    free(bomb);
}

static void gen_html(const char *dir)
{
    const char *page =
        "<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-874\">\n"
        "<title>ประกาศรายชื่อผู้ได้รับความช่วยเหลือ</title>\n<style>.x { color: red }</style>\n</head>\n<body>\n"
        "<!-- ผู้ประสานงาน: นางสาวจันทร์ เพ็ญศรี โทร 089-111-2222 -->\n"
        "<h1>รายชื่อผู้ได้รับความช่วยเหลือผู้ประสบอุทกภัย</h1>\n"
        "<p>นายบุญมา ใจดี เลขประจำตัวประชาชน ๓-๕๗๑๘-๖๐๙๑๓-๙๐-๓</p>\n"
        "<p><a href=\"mailto:boonma.j@example.com\">ติดต่อผู้ประสานงาน</a></p>\n"
        "<img src=\"card.png\" alt=\"สำเนาบัตรประชาชน 1415559797116\">\n"
        "<form><input type=\"hidden\" name=\"cid\" value=\"3344710497461\"></form>\n"
        "<script>var applicant = {\"name\": \"สมศรี\", \"mobile\": \"0812223333\"};</script>\n"
        "<p>งบประมาณ ๑,๒๓๔,๕๖๗ บาท</p>\n</body>\n</html>\n";
    /* UTF-8 source text, written as windows-874 by iconv-free hand mapping:
     * Thai U+0E01..U+0E5B is 0xA1..0xFB in TIS-620. */
    char *path = join(dir, "announcement_tis620.html");
    FILE *f = fopen(path, "wb");
    free(path);
    for (const unsigned char *p = (const unsigned char *)page; *p;) {
        if (p[0] == 0xE0 && (p[1] == 0xB8 || p[1] == 0xB9)) {
            unsigned cp = 0x0E00 | ((unsigned)(p[1] & 1) << 6) | (p[2] & 0x3F);
            fputc((int)(cp - 0x0E00 + 0xA0), f);
            p += 3;
        } else {
            fputc(*p++, f);
        }
    }
    fclose(f);
    path = join(dir, "clean_page.html");
    f = fopen(path, "w");
    free(path);
    fputs("<!DOCTYPE html>\n<html lang=\"th\">\n<head><meta charset=\"utf-8\"><title>เทศบาลตำบลหนองหอย</title></head>\n"
          "<body>\n<h1>ข่าวประชาสัมพันธ์</h1>\n<p>ขอเชิญชวนประชาชนร่วมกิจกรรมวันเด็กแห่งชาติ ประจำปี ๒๕๖๘</p>\n"
          "<!-- menu -->\n<img src=\"logo.png\" alt=\"ตราเทศบาล\">\n</body>\n</html>\n", f);
    fclose(f);
}

static void run(const char *cmd)
{
    if (system(cmd) != 0) {
        fprintf(stderr, "failed: %s\n", cmd);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    const char *root = argc > 1 ? argv[1] : "corpus";
    const char *dirs[] = { "pdf", "docx", "xlsx", "pptx", "odt", "ods", "html", "zip" };
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        char *d = join(root, dirs[i]);
        mkdir(d, 0755);
        free(d);
    }
    char *pdf = join(root, "pdf"), *docx = join(root, "docx");
    char *list = join(pdf, "beneficiary_list.pdf"), *enc = join(pdf, "encrypted.pdf");
    char *trunc = join(pdf, "truncated.pdf"), *scanned = join(pdf, "scanned_page.pdf");
    char *annot = join(pdf, "annotated_form.pdf"), *clean = join(pdf, ".clean.pdf");
    char *att = join(pdf, ".list.txt"), *with = join(pdf, "with_attachment.pdf");
    gen_beneficiary_pdf(list);
    char *cmd = malloc(3 * strlen(root) + 1024);
    sprintf(cmd, "qpdf --encrypt user-pw owner-pw 256 -- '%s' '%s'", list, enc);
    run(cmd);
    truncate_copy(list, trunc, 60);
    gen_scanned_pdf(scanned);
    char *scan300 = join(pdf, "scan_300dpi.pdf"), *scan200 = join(pdf, "scan_200dpi.pdf");
    char *scan100 = join(pdf, "scan_100dpi.pdf");
    char *card = join(root, "image/id_card.png"), *imgdir = join(root, "image");
    mkdir(imgdir, 0755);
    gen_scan_pdf(scan300, 300, 1.2);
    gen_scan_pdf(scan200, 200, -0.8);
    gen_scan_pdf(scan100, 100, 0.5);
    char *ruled = join(pdf, "scan_ruled_table.pdf");
    gen_ruled_scan_pdf(ruled);
    free(ruled);
    char *poster = join(pdf, "scan_poster_a0.pdf");
    gen_poster_scan_pdf(poster);
    free(poster);
    char *tiff = join(root, "image/scan_two_pages.tif");
    gen_scan_tiff(tiff);
    free(tiff);
    gen_id_card_png(card);
    char *scan_docx = join(root, "docx/scan_inside.docx");
    gen_docx_with_scan(scan_docx, card);
    free(scan_docx);
    char *scan_html = join(root, "html/scan_inline.html");
    gen_html_with_scan(scan_html, card);
    free(scan_html);
    char *thai_ids = join(root, "image/thai_digit_ids.png");
    gen_thai_digit_ids_png(thai_ids);
    free(thai_ids);
    free(scan300);
    free(scan200);
    free(scan100);
    free(card);
    free(imgdir);
    gen_annotated_pdf(annot);
    gen_clean_pdf(clean);
    FILE *f = fopen(att, "w");
    fputs("รายชื่อแนบท้าย\nนางมาลี ดวงดี เลขประจำตัวประชาชน 1-5008-30166-13-4 โทร 089-123-4567\n", f);
    fclose(f);
    sprintf(cmd, "qpdf --deterministic-id '%s' --add-attachment '%s' --key=list.txt --filename=list.txt -- '%s' && rm -f '%s' '%s'",
            clean, att, with, clean, att);
    run(cmd);
    char *docx_path = join(docx, "complaint_tracked.docx"), *docx_trunc = join(docx, "truncated.docx");
    char *bomb = join(docx, "entity_bomb.docx");
    gen_docx(docx_path);
    truncate_copy(docx_path, docx_trunc, 50);
    gen_entity_bomb_docx(bomb);
    char *xlsx = join(root, "xlsx/beneficiaries.xlsx"), *pptx = join(root, "pptx/training.pptx");
    char *odt = join(root, "odt/letter.odt"), *ods = join(root, "ods/list.ods");
    char *html = join(root, "html"), *zipd = join(root, "zip");
    gen_xlsx(xlsx);
    gen_pptx(pptx);
    gen_odt(odt);
    gen_ods(ods);
    gen_html(html);
    gen_zips(zipd);
    gen_lists(root);
    gen_tables(root);
    char *all[] = { pdf, docx, list, enc, trunc, scanned, annot, clean, att, with, cmd, docx_path, docx_trunc,
                    bomb, xlsx, pptx, odt, ods, html, zipd };
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) free(all[i]);
    return 0;
}
