/* gen_xlsx.c — bench input: one large XLSX (a beneficiary register) of
 * about MB megabytes, written with libzip: shared strings, numbers stored as
 * numbers, inline strings, sparse IDs and phones.
 *   gen_xlsx FILE MB */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static char *sheet_xml(size_t rows, size_t *len)
{
    size_t cap = rows * 400 + 4096, n = 0; /* a row is under 330 bytes */
    char *x = malloc(cap);
    n += (size_t)sprintf(x + n, "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
    unsigned seed = 7;
    for (size_t r = 1; r <= rows; r++) {
        seed = seed * 1103515245u + 12345u;
        int id = (seed >> 8) % 500 == 0; /* sparse: the whole file is read, under the findings cap */
        n += (size_t)sprintf(x + n,
                             "<row r=\"%zu\"><c r=\"A%zu\"><v>%zu</v></c><c r=\"B%zu\" t=\"s\"><v>%u</v></c>"
                             "<c r=\"C%zu\"><v>%s</v></c><c r=\"D%zu\" t=\"inlineStr\"><is><t>%s</t></is></c>"
                             "<c r=\"E%zu\"><v>%u.%02u</v></c></row>",
                             r, r, r, r, (seed >> 4) % 5000, r, id ? "3505260181590" : "600", r,
                             id ? "081-234-5678" : "ตำบลริมใต้ อำเภอแม่ริม", r, (seed >> 3) % 100000, seed % 100);
    }
    n += (size_t)sprintf(x + n, "</sheetData></worksheet>");
    *len = n;
    return x;
}

static char *sst_xml(size_t *len)
{
    size_t cap = 5000 * 120 + 4096, n = 0;
    char *x = malloc(cap);
    n += (size_t)sprintf(x + n, "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
    for (int i = 0; i < 5000; i++) n += (size_t)sprintf(x + n, "<si><t>ทดสอบ นามสกุลที่%d</t></si>", i);
    n += (size_t)sprintf(x + n, "</sst>");
    *len = n;
    return x;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_xlsx FILE MB\n");
        return 2;
    }
    /* Rows compress about 6:1; aim for the requested compressed size. */
    size_t rows = (size_t)atoi(argv[2]) * 1024 * 1024 / 172 * 6;
    int err;
    zip_t *z = zip_open(argv[1], ZIP_CREATE | ZIP_TRUNCATE, &err);
    const char *wb = "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                     "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                     "<sheet name=\"ทะเบียน\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    const char *rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    size_t slen, tlen;
    char *sheet = sheet_xml(rows, &slen), *sst = sst_xml(&tlen);
    zip_file_add(z, "[Content_Types].xml", zip_source_buffer(z, "<Types/>", 8, 0), 0);
    zip_file_add(z, "xl/workbook.xml", zip_source_buffer(z, wb, strlen(wb), 0), 0);
    zip_file_add(z, "xl/_rels/workbook.xml.rels", zip_source_buffer(z, rels, strlen(rels), 0), 0);
    zip_file_add(z, "xl/sharedStrings.xml", zip_source_buffer(z, sst, tlen, 0), 0);
    zip_file_add(z, "xl/worksheets/sheet1.xml", zip_source_buffer(z, sheet, slen, 0), 0);
    int rc = zip_close(z);
    free(sheet);
    free(sst);
    return rc != 0;
}
