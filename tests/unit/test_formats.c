/* test_formats.c — the format extractors on corpus documents: where findings
 * are (PDF page boxes, sheets, hidden sheets, members), and every limit
 * failing closed (bytes, decompressed budget, pages, members, depth, time). */
#include <unistd.h>
#include <zip.h>

#include "helpers.h"

static void scan_doc(const char *path, const pdp_options *opt, pdp_result *r)
{
    assert_int_equal(pdp_scan_file(g_rules, path, NULL, opt, r), 0);
}

static const pdp_finding *find(const pdp_result *r, const char *value)
{
    for (size_t i = 0; i < r->nfindings; i++)
        if (!strcmp(r->findings[i].normalized, value)) return &r->findings[i];
    fprintf(stderr, "no finding %s in %s\n", value, r->file);
    fail();
    return NULL;
}

/* The pages an input's reader told of (pdp_options.page_fn). */
typedef struct pages_seen {
    unsigned done[16], total[16];
    char file[16][64];
    size_t n;
} pages_seen;

static void on_page(void *ctx, const char *file, unsigned done, unsigned total)
{
    pages_seen *s = ctx;
    if (s->n == 16) return;
    s->done[s->n] = done;
    s->total[s->n] = total;
    snprintf(s->file[s->n++], sizeof s->file[0], "%s", file);
}

static void drop_result(void *ctx, pdp_result *r) { (void)ctx, (void)r; }

/* A PDF's pages are told as they are read, in order, once each, whether
 * read on several threads or in a worker process (through its pipe). */
static void test_page_progress(void **s)
{
    (void)s;
    pages_seen seen = { 0 };
    pdp_options opt = { .threads = 3, .page_fn = on_page, .page_ctx = &seen };
    pdp_result r;
    scan_doc("corpus/pdf/lo_elderly_list.pdf", &opt, &r);
    pdp_result_free(&r);
    assert_int_equal(seen.n, 6);
    for (unsigned i = 0; i < 6; i++) {
        assert_int_equal(seen.done[i], i + 1);
        assert_int_equal(seen.total[i], 6);
        assert_string_equal(seen.file[i], "corpus/pdf/lo_elderly_list.pdf");
    }
    memset(&seen, 0, sizeof seen);
    pdp_input in[2] = { { .path = "corpus/pdf/beneficiary_list.pdf" }, { .path = "corpus/pdf/lo_workers_passports.pdf" } };
    pdp_batch b = { .jobs = 1, .timeout = 120 };
    pdp_scan_batch(g_rules, &opt, in, 2, &b, drop_result, NULL);
    assert_int_equal(seen.n, 4);
    assert_string_equal(seen.file[1], "corpus/pdf/beneficiary_list.pdf");
    assert_int_equal(seen.done[1], 2);
    assert_int_equal(seen.total[1], 2);
    assert_string_equal(seen.file[3], "corpus/pdf/lo_workers_passports.pdf");
    assert_int_equal(seen.done[3], 2);
}

static void test_pdf_boxes(void **s)
{
    (void)s;
    pdp_result r;
    scan_doc("corpus/pdf/beneficiary_list.pdf", NULL, &r);
    assert_int_equal(r.status, PDP_STATUS_OK);
    assert_int_equal(r.pages, 2);
    for (size_t i = 0; i < r.nfindings; i++) {
        const pdp_finding *f = &r.findings[i];
        if (!f->loc.page) continue; /* metadata */
        assert_true(f->loc.has_bbox);
        assert_true(f->loc.bbox[0] >= 0 && f->loc.bbox[2] <= 595 && f->loc.bbox[0] < f->loc.bbox[2]);
        assert_true(f->loc.bbox[1] >= 0 && f->loc.bbox[3] <= 842 && f->loc.bbox[1] < f->loc.bbox[3]);
    }
    /* Drawn at x=430: row 1 at y=145, row 2 at y=170 (origin top-left). */
    const pdp_finding *a = find(&r, "0812345678"), *b = find(&r, "021234567");
    assert_true(a->loc.bbox[0] > 420 && a->loc.bbox[0] < 440);
    assert_true(a->loc.bbox[1] < b->loc.bbox[1]);
    assert_int_equal(find(&r, "malee.d@example.com")->loc.page, 2);
    assert_string_equal(find(&r, "somying.t@example.com")->loc.part, "metadata");
    pdp_result_free(&r);
}

static void test_pdf_annotation_box_is_top_left(void **s)
{
    (void)s;
    pdp_result r;
    scan_doc("corpus/pdf/annotated_form.pdf", NULL, &r);
    const pdp_finding *f = find(&r, "0819991234");
    assert_string_equal(f->loc.part, "annotation");
    /* /Rect [400 700 420 720] on an 842-point page. */
    assert_true(f->loc.bbox[1] > 121 && f->loc.bbox[1] < 123 && f->loc.bbox[3] > 141 && f->loc.bbox[3] < 143);
    pdp_result_free(&r);
}

static void test_xlsx_hidden_sheets(void **s)
{
    (void)s;
    pdp_result r;
    scan_doc("corpus/xlsx/beneficiaries.xlsx", NULL, &r);
    assert_string_equal(r.format, "xlsx");
    const pdp_finding *v = find(&r, "3571860913903"), *h = find(&r, "0812345678"), *vh = find(&r, "1109960308241");
    assert_false(v->loc.hidden);
    assert_true(h->loc.hidden);
    assert_true(vh->loc.hidden);
    assert_string_equal(h->loc.sheet, "ติดต่อ");
    assert_string_equal(h->loc.cell, "B2");
    pdp_result_free(&r);
}

static void test_members_are_named(void **s)
{
    (void)s;
    pdp_result r;
    scan_doc("corpus/zip/site_backup.zip", NULL, &r);
    assert_int_equal(r.nchildren, 3);
    const pdp_result *inner = &r.children[2];
    assert_string_equal(inner->file, "corpus/zip/site_backup.zip!/nested/inner.zip");
    assert_int_equal(inner->nchildren, 1);
    assert_string_equal(inner->children[0].file, "corpus/zip/site_backup.zip!/nested/inner.zip!/contacts.txt");
    assert_int_equal(inner->children[0].nfindings, 1);
    pdp_result_free(&r);
}

static void test_limits_fail_closed(void **s)
{
    (void)s;
    pdp_result r;
    pdp_options o = { .max_depth = 1 };
    scan_doc("corpus/zip/site_backup.zip", &o, &r);
    const pdp_result *deep = &r.children[2].children[0];
    assert_int_equal(deep->status, PDP_STATUS_ERROR);
    assert_non_null(strstr(deep->error, "nested deeper"));
    pdp_result_free(&r);

    o = (pdp_options){ .max_expand = 100 };
    scan_doc("corpus/docx/complaint_tracked.docx", &o, &r);
    assert_int_equal(r.status, PDP_STATUS_PARTIAL);
    assert_non_null(strstr(r.error, "decompressed size over the limit"));
    pdp_result_free(&r);

    o = (pdp_options){ .max_bytes = 1000 };
    scan_doc("corpus/pdf/beneficiary_list.pdf", &o, &r);
    assert_int_equal(r.status, PDP_STATUS_ERROR);
    assert_non_null(strstr(r.error, "larger than the limit"));
    pdp_result_free(&r);

    o = (pdp_options){ .max_pages = 1 };
    scan_doc("corpus/pdf/beneficiary_list.pdf", &o, &r);
    assert_int_equal(r.status, PDP_STATUS_PARTIAL);
    for (size_t i = 0; i < r.nfindings; i++) assert_true(r.findings[i].loc.page <= 1);
    pdp_result_free(&r);

    o = (pdp_options){ .max_members = 2 };
    scan_doc("corpus/zip/site_backup.zip", &o, &r);
    assert_int_equal(r.status, PDP_STATUS_ERROR);
    pdp_result_free(&r);

    o = (pdp_options){ .max_seconds = 1e-9 };
    scan_doc("corpus/pdf/beneficiary_list.pdf", &o, &r);
    assert_int_equal(r.status, PDP_STATUS_PARTIAL);
    assert_non_null(strstr(r.error, "time limit"));
    pdp_result_free(&r);
}

static void assert_same_str(const char *a, const char *b)
{
    if (!a || !b) assert_ptr_equal(a, b);
    else assert_string_equal(a, b);
}

/* Two scans of one document: the same status, and the same findings in the
 * same order at the same places. */
static void assert_same_result(const pdp_result *a, const pdp_result *b)
{
    assert_int_equal(a->status, b->status);
    assert_same_str(a->error, b->error);
    assert_int_equal(a->pages, b->pages);
    assert_int_equal(a->nfindings, b->nfindings);
    for (size_t i = 0; i < a->nfindings; i++) {
        const pdp_finding *f = &a->findings[i], *g = &b->findings[i];
        assert_string_equal(f->rule_id, g->rule_id);
        assert_string_equal(f->normalized, g->normalized);
        assert_true(f->start == g->start && f->end == g->end);
        assert_int_equal(f->loc.page, g->loc.page);
        assert_same_str(f->loc.part, g->loc.part);
        assert_int_equal(f->loc.has_bbox, g->loc.has_bbox);
        assert_memory_equal(f->loc.bbox, g->loc.bbox, sizeof f->loc.bbox);
        assert_int_equal(f->nlines, g->nlines);
        if (f->nlines) assert_memory_equal(f->lines, g->lines, f->nlines * sizeof *f->lines);
    }
}

/* The pages of one PDF read by several threads (pdf_pages.c) make the result
 * one thread makes, limits included: a scanned page, annotations, a table
 * over pages, a cap on pages, on findings and on time. */
static void test_pdf_pages_on_threads(void **s)
{
    (void)s;
    static const char *docs[] = { "corpus/pdf/lo_elderly_list.pdf", "corpus/pdf/beneficiary_list.pdf",
                                  "corpus/pdf/annotated_form.pdf", "corpus/pdf/scanned_page.pdf",
                                  "corpus/pdf/lo_disability_accounts.pdf", "tests/regress/hostile-pagetree_count.pdf" };
    static const pdp_options limits[] = { { 0 }, { .max_pages = 2 }, { .max_findings = 7 } };
    for (size_t d = 0; d < sizeof docs / sizeof *docs; d++) {
        for (size_t l = 0; l < sizeof limits / sizeof *limits; l++) {
            pdp_result one, many;
            scan_doc(docs[d], &limits[l], &one);
            for (unsigned t = 2; t <= 7; t += 5) {
                pdp_options o = limits[l];
                o.threads = t;
                scan_doc(docs[d], &o, &many);
                assert_same_result(&one, &many);
                pdp_result_free(&many);
            }
            pdp_result_free(&one);
        }
    }
    pdp_result r;
    pdp_options o = { .max_pages = 2, .threads = 4 };
    scan_doc("corpus/pdf/lo_elderly_list.pdf", &o, &r);
    assert_int_equal(r.status, PDP_STATUS_PARTIAL);
    assert_non_null(strstr(r.error, "more pages than the limit"));
    for (size_t i = 0; i < r.nfindings; i++) assert_true(r.findings[i].loc.page <= 2);
    pdp_result_free(&r);
    o = (pdp_options){ .max_seconds = 1e-9, .threads = 4 };
    scan_doc("corpus/pdf/lo_elderly_list.pdf", &o, &r);
    assert_int_equal(r.status, PDP_STATUS_PARTIAL);
    assert_non_null(strstr(r.error, "time limit"));
    for (size_t i = 0; i < r.nfindings; i++) assert_int_equal(r.findings[i].loc.page, 0); /* metadata alone */
    pdp_result_free(&r);
}

/* Legacy Office and password-protected Office files are OLE containers:
 * recognised, not read, and never clean. */
static void test_ole_is_an_error(void **s)
{
    (void)s;
    unsigned char ole[512] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
    pdp_result r;
    assert_int_equal(pdp_scan_buffer(g_rules, ole, sizeof ole, "old.doc", NULL, &r), 0);
    assert_int_equal(r.status, PDP_STATUS_ERROR);
    assert_string_equal(r.format, "ole");
    assert_non_null(strstr(r.error, "not read"));
    pdp_result_free(&r);
    /* An encrypted DOCX/XLSX/PPTX: its directory names the EncryptedPackage
     * stream (UTF-16LE); the advice is a password, not "save it as DOCX". */
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    memcpy(ole + 256, name, sizeof name - 1);
    assert_int_equal(pdp_scan_buffer(g_rules, ole, sizeof ole, "locked.docx", NULL, &r), 0);
    assert_int_equal(r.status, PDP_STATUS_ERROR);
    assert_non_null(strstr(r.error, "password"));
    assert_null(strstr(r.error, "save it as"));
    pdp_result_free(&r);
}

/* A document read whole from a pipe is held to max_bytes too. */
static void test_pipe_over_the_byte_limit(void **s)
{
    (void)s;
    FILE *f = fopen("corpus/pdf/annotated_form.pdf", "rb");
    assert_non_null(f);
    char data[4096];
    size_t n = fread(data, 1, sizeof data, f);
    fclose(f);
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(write(p[1], data, n), (ssize_t)n); /* fits the pipe's buffer */
    close(p[1]);
    pdp_options o = { .max_bytes = 100 };
    pdp_result r;
    assert_int_equal(pdp_scan_fd(g_rules, p[0], "-", &o, &r), 0);
    close(p[0]);
    assert_int_equal(r.status, PDP_STATUS_ERROR);
    assert_non_null(strstr(r.error, "larger than the limit"));
    pdp_result_free(&r);
}

static void test_documents_from_memory(void **s)
{
    (void)s;
    FILE *f = fopen("corpus/docx/complaint_tracked.docx", "rb");
    assert_non_null(f);
    char data[65536];
    size_t n = fread(data, 1, sizeof data, f);
    fclose(f);
    pdp_result r;
    assert_int_equal(pdp_scan_buffer(g_rules, data, n, "mem.docx", NULL, &r), 0);
    assert_string_equal(r.format, "docx");
    assert_int_equal(count_cat(&r, "national_id"), 2);
    pdp_result_free(&r);
}

/* A one-sheet workbook whose sheet XML is `rows`, written to path. */
static void write_xlsx(const char *path, const char *rows)
{
    static char sheet[4096];
    snprintf(sheet, sizeof sheet,
             "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
             "<sheetData>%s</sheetData></worksheet>", rows);
    const char *parts[][2] = {
        { "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>" },
        { "xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                             "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                             "<sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" },
        { "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                        "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>" },
        { "xl/worksheets/sheet1.xml", sheet },
    };
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        zip_source_t *src = zip_source_buffer(z, parts[i][1], strlen(parts[i][1]), 0);
        assert_true(zip_file_add(z, parts[i][0], src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
}

#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"

/* Cells reach the detectors a row per line, a tab per column: an empty cell
 * still counts, so the name column is found past it, and a committee office
 * in the next cell makes its name an official's; a cell far to the right
 * (more than 64 columns on) starts a line of its own and says nothing of the
 * name. */
static void test_xlsx_rows_and_columns(void **s)
{
    (void)s;
    const char *path = "/tmp/pdpascan-test-rows.xlsx";
    const char *far[] = { "D3", "CZ3" };
    for (int k = 0; k < 2; k++) {
        char rows[1024];
        snprintf(rows, sizeof rows,
                 "<row r=\"1\">" IS("A1", "ที่") IS("C1", "ชื่อ-สกุล") "</row>"
                 "<row r=\"2\">" IS("A2", "1") IS("C2", "สมปอง ทองแท้") "</row>"
                 "<row r=\"3\">" IS("A3", "2") IS("C3", "บัวผัน ศรีนวล")
                 "<c r=\"%s\" t=\"inlineStr\"><is><t>ประธานกรรมการ</t></is></c></row>", far[k]);
        write_xlsx(path, rows);
        pdp_result r;
        scan_doc(path, NULL, &r);
        assert_int_equal(count_cat(&r, "person_name"), 2);
        const pdp_finding *f = find(&r, "บัวผัน ศรีนวล");
        assert_string_equal(f->loc.cell, "C3");
        if (k == 0) assert_string_equal(f->role, "official");
        else assert_null(f->role);
        pdp_result_free(&r);
    }
    unlink(path);
}

static pdp_result scan_text(const char *text, const char *name)
{
    pdp_result r;
    assert_int_equal(pdp_scan_buffer(g_rules, text, strlen(text), name, NULL, &r), 0);
    return r;
}

/* A CSV file is a table: quoted fields with commas, doubled quotes and line
 * breaks inside them stay in their cell; names in title | given | family
 * columns and values under their headers are found. */
static void test_csv_is_a_table(void **s)
{
    (void)s;
    pdp_result r = scan_text("ลำดับ,คำนำหน้า,ชื่อ,นามสกุล,เลขประจำตัวประชาชน,วันเกิด,ที่อยู่\n"
                            "1,นาย,วรวงค์,ระฆังทอง,3505260181590,12/06/2489,\"352 หมู่ที่ 5, บ้านทุ่งยาว\"\n"
                            "2,นางสาว,สมศรี,มีสุข,1579378657978,3 กรกฎาคม 2504,\"63 หมู่ 7\n(ท้ายซอย)\"\n"
                            "3,นาง,\"ใจ\"\"ดี\",รักษ์ไทย,-,-,-\n",
                            "list.csv");
    assert_string_equal(r.format, "csv");
    find(&r, "วรวงค์ ระฆังทอง");
    find(&r, "สมศรี มีสุข");
    find(&r, "1946-06-12");
    find(&r, "1961-07-03");
    assert_int_equal(count_cat(&r, "address"), 2);
    assert_int_equal(count_cat(&r, "national_id"), 2);
    pdp_result_free(&r);
    /* prose with commas is no table */
    r = scan_text("ประชุม, ครั้งที่ 1\nวาระที่ 1, 2, 3 และ 4\nเลิกประชุม\n", "minutes.txt");
    assert_string_equal(r.format, "text");
    pdp_result_free(&r);
}

/* Inline markup between a title and a name does not part them; a block
 * element does. */
static void test_html_inline_markup(void **s)
{
    (void)s;
    pdp_result r = scan_text("<html><body><p>ผู้ร้อง นาย <b>ไกรสีห์</b> รัตนเศียร</p>"
                            "<div>นางสาว<span>สมศรี</span> <i>มีสุข</i></div><p>นาย</p><p>ทดสอบ ระบบ</p></body></html>",
                            "page.html");
    find(&r, "ไกรสีห์ รัตนเศียร");
    find(&r, "สมศรี มีสุข");
    assert_int_equal(count_cat(&r, "person_name"), 2);
    pdp_result_free(&r);
}

/* A column's header says what its cells hold, in a text table too: a date,
 * an address, an account, a passport with no label of their own. */
static void test_header_columns(void **s)
{
    (void)s;
    pdp_result r = scan_text("ที่\tชื่อ-สกุล\tวัน/เดือน/ปีเกิด\tที่อยู่\tเลขที่บัญชี\tหนังสือเดินทาง\n"
                            "1\tนายสมหมาย ทดสอบ\t๑๒/๖/๒๔๘๙\t352 หมู่ที่ 5\t060-2-47766-7\tAA1234567\n"
                            "2\tนางสมใจ ทดสอบ\t16 มี.ค. 2480\t63 หมู่ 7 บ้านทุ่งยาว\t9022557496\tN7654321\n",
                            "list.txt");
    assert_int_equal(count_cat(&r, "birth_date"), 2);
    assert_int_equal(count_cat(&r, "address"), 2);
    assert_int_equal(count_cat(&r, "bank_account"), 2);
    assert_int_equal(count_cat(&r, "passport"), 2);
    assert_int_equal(count_cat(&r, "phone"), 0); /* 060-2-47766-7 is the account, not a mobile */
    pdp_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf_boxes),
        cmocka_unit_test(test_pdf_annotation_box_is_top_left),
        cmocka_unit_test(test_xlsx_hidden_sheets),
        cmocka_unit_test(test_xlsx_rows_and_columns),
        cmocka_unit_test(test_members_are_named),
        cmocka_unit_test(test_limits_fail_closed),
        cmocka_unit_test(test_pdf_pages_on_threads),
        cmocka_unit_test(test_ole_is_an_error),
        cmocka_unit_test(test_pipe_over_the_byte_limit),
        cmocka_unit_test(test_documents_from_memory),
        cmocka_unit_test(test_csv_is_a_table),
        cmocka_unit_test(test_page_progress),
        cmocka_unit_test(test_html_inline_markup),
        cmocka_unit_test(test_header_columns),
    };
    return cmocka_run_group_tests_name("formats", tests, load_rules_setup, free_rules_teardown);
}
