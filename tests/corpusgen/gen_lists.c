/* gen_lists.c — lists of people written without titles, the way agencies
 * publish them: an exam-candidate workbook (with a committee sheet), a Word
 * table of allowance recipients, an ODS sheet and an HTML table.  Their names
 * sit under a ชื่อ-สกุล header; what each must produce is in its .expect.yaml. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#define CT "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
#define S "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define ODF_NS "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""

static char *path_of(const char *root, const char *rel)
{
    char *p = malloc(strlen(root) + strlen(rel) + 2);
    sprintf(p, "%s/%s", root, rel);
    return p;
}

/* A row of inline-string cells from column A, row r (cells "" are left out). */
static void xlsx_row(char *out, int r, const char *const *cells, int n)
{
    out += sprintf(out, "<row r=\"%d\">", r);
    for (int i = 0; i < n; i++)
        if (cells[i][0]) out += sprintf(out, "<c r=\"%c%d\" t=\"inlineStr\"><is><t>%s</t></is></c>", 'A' + i, r, cells[i]);
    strcpy(out, "</row>");
}

static const char *candidates[][4] = {
    { "1", "68-001", "สมปอง ทองแท้", "นักวิชาการเงินและบัญชี" },
    { "2", "68-002", "บัวผัน ศรีนวล", "นักวิชาการเงินและบัญชี" },
    { "3", "68-003", "คำแปง อินต๊ะ", "นักวิชาการเงินและบัญชี" },
    { "4", "68-004", "ธีรวัฒน์ ก๋องแก้ว", "นักจัดการงานทั่วไป" },
    { "5", "68-005", "Natthaya Wongsa", "นักจัดการงานทั่วไป" },
    { "6", "68-006", "ลำดวน พรมมา", "นักจัดการงานทั่วไป" },
};
static const char *committee[][3] = {
    { "1", "ประสิทธิ์ บุญเรือง", "ประธานกรรมการ" },
    { "2", "วิไล แสงทอง", "กรรมการ" },
    { "3", "อนุชา มีชัย", "กรรมการและเลขานุการ" },
};

static const char *reserves[][4] = {
    { "1", "นาย", "อาทิตย์", "ใจงาม" },
    { "2", "นางสาว", "ขวัญใจ", "เย็นใจ" },
};

static void gen_exam_xlsx(const char *path)
{
    static char s1[8192], s2[4096], s3[4096];
    char *o = s1;
    o += sprintf(o, "<?xml version=\"1.0\"?><worksheet " S "><sheetData>");
    xlsx_row(o, 1, (const char *const[]){ "ประกาศรายชื่อผู้มีสิทธิเข้ารับการสรรหา" }, 1);
    o += strlen(o);
    xlsx_row(o, 3, (const char *const[]){ "ที่", "เลขประจำตัวสอบ", "ชื่อ - นามสกุล", "ตำแหน่งที่สมัคร" }, 4);
    o += strlen(o);
    for (int i = 0; i < 6; i++) {
        xlsx_row(o, 4 + i, candidates[i], 4);
        o += strlen(o);
    }
    strcpy(o, "</sheetData></worksheet>");
    o = s2;
    o += sprintf(o, "<?xml version=\"1.0\"?><worksheet " S "><sheetData>");
    xlsx_row(o, 1, (const char *const[]){ "ลำดับ", "ชื่อ-สกุล", "ตำแหน่งในคณะกรรมการ" }, 3);
    o += strlen(o);
    for (int i = 0; i < 3; i++) {
        xlsx_row(o, 2 + i, committee[i], 3);
        o += strlen(o);
    }
    strcpy(o, "</sheetData></worksheet>");
    /* reserves: title, given name and family name in columns of their own */
    o = s3;
    o += sprintf(o, "<?xml version=\"1.0\"?><worksheet " S "><sheetData>");
    xlsx_row(o, 1, (const char *const[]){ "ที่", "คำนำหน้า", "ชื่อ", "นามสกุล" }, 4);
    o += strlen(o);
    for (int i = 0; i < 2; i++) {
        xlsx_row(o, 2 + i, reserves[i], 4);
        o += strlen(o);
    }
    strcpy(o, "</sheetData></worksheet>");
    member m[] = {
        { "[Content_Types].xml", CT, 0 },
        { "xl/workbook.xml", "<?xml version=\"1.0\"?><workbook " S " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
          "<sheet name=\"ผู้มีสิทธิสอบ\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"กรรมการ\" sheetId=\"2\" r:id=\"rId2\"/>"
          "<sheet name=\"สำรอง\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>", 0 },
        { "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Target=\"worksheets/sheet2.xml\"/>"
          "<Relationship Id=\"rId3\" Target=\"worksheets/sheet3.xml\"/></Relationships>", 0 },
        { "xl/worksheets/sheet1.xml", s1, 0 },
        { "xl/worksheets/sheet2.xml", s2, 0 },
        { "xl/worksheets/sheet3.xml", s3, 0 },
        { NULL, NULL, 0 },
    };
    write_zip(path, m, 0);
}

static const char *recipients[][4] = {
    { "1", "ทองใบ แสนคำ", "3260181590835", "4" },
    { "2", "จันทร์ดี ปัญญาวงค์", "1166131860910", "4" },
    { "3", "หอมจันทร์ ไชยวงศ์", "3281948219932", "" },
    { "4", "สังวาลย์ คำอ้าย", "3181909378651", "7" },
};

/* A Word table cell; a cell of two paragraphs when text holds '|'. */
static char *docx_cell(char *o, const char *text)
{
    const char *bar = strchr(text, '|');
    if (!*text) return o + sprintf(o, "<w:tc><w:p/></w:tc>");
    if (!bar) return o + sprintf(o, "<w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>", text);
    return o + sprintf(o, "<w:tc><w:p><w:r><w:t>%.*s</w:t></w:r></w:p><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>",
                       (int)(bar - text), text, bar + 1);
}

static void gen_allowance_docx(const char *path)
{
    static char doc[16384];
    char *o = doc;
    o += sprintf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W "><w:body>"
                    "<w:p><w:r><w:t>บัญชีรายชื่อผู้มีสิทธิรับเงินเบี้ยยังชีพผู้สูงอายุ ประจำปีงบประมาณ ๒๕๖๘</w:t></w:r></w:p><w:tbl>");
    const char *head[] = { "ที่", "ชื่อ - สกุล", "เลขประจำตัวประชาชน", "หมู่ที่" };
    o += sprintf(o, "<w:tr>");
    for (int k = 0; k < 4; k++) o = docx_cell(o, head[k]);
    o += sprintf(o, "</w:tr>");
    for (int i = 0; i < 4; i++) {
        o += sprintf(o, "<w:tr>");
        for (int k = 0; k < 4; k++) o = docx_cell(o, recipients[i][k]);
        o += sprintf(o, "</w:tr>");
    }
    /* a name written over two lines of its cell */
    o += sprintf(o, "<w:tr>");
    o = docx_cell(o, "5");
    o = docx_cell(o, "เสาวลักษณ์|พึ่งบุญ");
    o = docx_cell(o, "");
    o = docx_cell(o, "2");
    o += sprintf(o, "</w:tr></w:tbl>"
                    "<w:p><w:r><w:t>ประกาศ ณ วันที่ ๑ ตุลาคม ๒๕๖๗</w:t></w:r></w:p>"
                    "<w:p><w:r><w:t>(นายประเสริฐ ชัยมงคล)</w:t></w:r></w:p>"
                    "<w:p><w:r><w:t>นายกองค์การบริหารส่วนตำบลหนองแวง</w:t></w:r></w:p></w:body></w:document>");
    member m[] = {
        { "[Content_Types].xml", CT, 0 },
        { "word/document.xml", doc, 0 },
        { NULL, NULL, 0 },
    };
    write_zip(path, m, 0);
}

static void gen_disability_ods(const char *path)
{
    static char doc[8192];
    const char *rows[][4] = {
        { "ลำดับ", "ชื่อ-นามสกุล", "หมู่ที่", "จำนวนเงิน (บาท)" },
        { "1", "ประยงค์ คำมูล", "3", "800" },
        { "2", "สุนีย์ เรืองศรี", "5", "800" },
        { "3", "Kittisak Boonmee", "5", "800" },
        { "4", "นิลวรรณ ใจเย็น", "8", "1000" },
    };
    char *o = doc;
    o += sprintf(o, "<?xml version=\"1.0\"?><office:document-content " ODF_NS "><office:body><office:spreadsheet>"
                    "<table:table table:name=\"เบี้ยความพิการ\">");
    for (int r = 0; r < 5; r++) {
        o += sprintf(o, "<table:table-row>");
        for (int k = 0; k < 4; k++)
            o += sprintf(o, "<table:table-cell office:value-type=\"string\"><text:p>%s</text:p></table:table-cell>", rows[r][k]);
        o += sprintf(o, "</table:table-row>");
    }
    sprintf(o, "</table:table></office:spreadsheet></office:body></office:document-content>");
    member m[] = {
        { "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0 },
        { "content.xml", doc, 0 },
        { NULL, NULL, 0 },
    };
    write_zip(path, m, 1);
}

static void gen_scholarship_html(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs("<!DOCTYPE html>\n<html lang=\"th\">\n<head><meta charset=\"utf-8\"><title>ทุนการศึกษา</title></head>\n<body>\n"
          "<h1>ประกาศรายชื่อนักเรียนผู้ได้รับทุนการศึกษา ประจำปี ๒๕๖๘</h1>\n<table>\n"
          "<thead><tr><th>ลำดับ</th><th>ชื่อ - นามสกุล</th><th>โรงเรียน</th></tr></thead>\n<tbody>\n"
          "<tr><td>1</td><td>ชนิดา แสงทอง</td><td>โรงเรียนบ้านหนองแวง</td></tr>\n"
          "<tr><td>2</td><td><b>ภานุวัฒน์</b> ดวงแก้ว</td><td>โรงเรียนบ้านโคก</td></tr>\n"
          "<tr><td>3</td><td>ปวีณา สุขเจริญ</td><td>โรงเรียนบ้านหนองแวง</td></tr>\n"
          "<tr><td>4</td><td>โรงเรียนบ้านนาคำ (ทุนรวม)</td><td>-</td></tr>\n"
          "</tbody>\n</table>\n<p>ติดต่อสอบถาม กองการศึกษา</p>\n</body>\n</html>\n", f);
    fclose(f);
}

void gen_lists(const char *root)
{
    char *p;
    gen_exam_xlsx(p = path_of(root, "xlsx/exam_candidates.xlsx"));
    free(p);
    gen_allowance_docx(p = path_of(root, "docx/allowance_table.docx"));
    free(p);
    gen_disability_ods(p = path_of(root, "ods/disability_list.ods"));
    free(p);
    gen_scholarship_html(p = path_of(root, "html/scholarship_list.html"));
    free(p);
}
