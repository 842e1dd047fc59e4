/* test_input.c — text inputs and bad input: encodings (UTF-8 with and
 * without BOM, UTF-16, TIS-620), invalid UTF-8, NUL bytes, binary files,
 * empty input, findings across the streaming window's edges, the findings
 * limit, files that cannot be opened. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/ucnv.h>

#include "helpers.h"
#include "util/buf.h"
#include "util/utf8.h"

static void scan_bytes(const void *data, size_t len, pdp_result *r, const pdp_options *opt)
{
    assert_int_equal(pdp_scan_buffer(g_rules, data, len, "bytes", opt, r), 0);
}

static const char *ID_LINE = "เลขประจำตัวประชาชน 1-2345-67890-12-1 โทร 081-234-5678\n";

/* Convert ID_LINE with ICU and scan it: both findings, decoded offsets. */
static void scan_encoded(const char *enc, const char *bom, size_t bomlen, const char *want_enc)
{
    UErrorCode ec = U_ZERO_ERROR;
    char out[1024];
    memcpy(out, bom, bomlen);
    int32_t n = ucnv_convert(enc, "UTF-8", out + bomlen, (int32_t)(sizeof out - bomlen), ID_LINE, -1, &ec);
    assert_true(U_SUCCESS(ec));
    pdp_result r;
    scan_bytes(out, bomlen + (size_t)n, &r, NULL);
    assert_int_equal(r.status, PDP_STATUS_OK);
    assert_string_equal(r.encoding, want_enc);
    assert_int_equal(count_cat(&r, "national_id"), 1);
    assert_int_equal(count_cat(&r, "phone"), 1);
    assert_offsets(ID_LINE, &r); /* offsets are in the decoded UTF-8 text */
    pdp_result_free(&r);
}

static void test_encodings(void **s)
{
    (void)s;
    scan_encoded("UTF-8", "", 0, "UTF-8");
    scan_encoded("UTF-8", "\xEF\xBB\xBF", 3, "UTF-8");
    scan_encoded("UTF-16LE", "\xFF\xFE", 2, "UTF-16LE");
    scan_encoded("UTF-16BE", "\xFE\xFF", 2, "UTF-16BE");
    scan_encoded("UTF-16LE", "", 0, "UTF-16LE");      /* no BOM: NULs every other byte */
    scan_encoded("windows-874", "", 0, "windows-874");
    scan_encoded("TIS-620", "", 0, "windows-874");
}

static void test_invalid_utf8_and_nul(void **s)
{
    (void)s;
    const char text[] = "ข้อมูล \xFF\xFE\xC0 เสีย\0\0 แล้ว เลขประจำตัวประชาชน 1234567890121 \xE0\xB8";
    pdp_result r;
    scan_bytes(text, sizeof text - 1, &r, NULL);
    assert_int_equal(r.status, PDP_STATUS_OK);
    assert_string_equal(r.format, "text");
    const pdp_finding *f = only(&r);
    assert_string_equal(f->normalized, "1234567890121");
    assert_string_equal(f->match, "1234567890121");
    pdp_result_free(&r);
}

/* A NUL inside a number does not hide it; NULs elsewhere are spaces. */
static void test_nul_inside_an_id(void **s)
{
    (void)s;
    const char text[] = "เลขประจำตัวประชาชน 123456\0" "7890121\0\0\0นาย";
    pdp_result r;
    scan_bytes(text, sizeof text - 1, &r, NULL);
    assert_int_equal(r.status, PDP_STATUS_OK);
    int ids = 0;
    for (size_t i = 0; i < r.nfindings; i++) ids += !strcmp(r.findings[i].normalized, "1234567890121");
    assert_int_equal(ids, 1);
    pdp_result_free(&r);
}

/* Invalid UTF-8 reaches the pipeline through every reader: a run of stray
 * bytes of each length at every offset of an HTML page, up to one that
 * once wrote before a buffer and never ended.  Each scan ends, and the ID
 * after the run is found. */
static void test_invalid_utf8_in_html_everywhere(void **s)
{
    (void)s;
    const char *head = "<html><body><p>ประกาศเทศบาล ", *tail = " เลขประจำตัวประชาชน 1579378657978</p></body></html>";
    char page[512];
    for (size_t run = 1; run <= 80; run += 13) {
        for (size_t at = 0; at <= strlen(head); at++) {
            size_t n = 0;
            memcpy(page, head, at);
            n = at;
            memset(page + n, 0x85, run);
            n += run;
            memcpy(page + n, head + at, strlen(head) - at);
            n += strlen(head) - at;
            memcpy(page + n, tail, strlen(tail));
            n += strlen(tail);
            pdp_result r;
            scan_bytes(page, n, &r, NULL);
            int ids = 0;
            for (size_t i = 0; i < r.nfindings; i++) ids += r.findings[i].category && !strcmp(r.findings[i].category, "national_id");
            assert_int_equal(ids, 1);
            pdp_result_free(&r);
        }
    }
}

/* A fixed-width export: a row number glued to each ID, NUL padding. */
static void test_fixed_width_glued_ids(void **s)
{
    (void)s;
    static const char *ids[] = { "3505260181590", "1579378657978", "1234567890121", "3100600445635", "1101700203450",
                                 "5800900017019" };
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < 12; i++) {
        buf_printf(&b, "%05zu%s", i, ids[i % 6]);
        buf_append(&b, "\0\0\0\0\0\0", 6);
        buf_puts(&b, "นางสาวทดสอบ ระบบ\n");
    }
    pdp_result r;
    scan_bytes(b.data, b.len, &r, NULL);
    size_t found = 0;
    for (size_t i = 0; i < r.nfindings; i++) found += !strcmp(r.findings[i].category, "national_id");
    pdp_result_free(&r);
    /* The same numbers, one line each with a different width, are numbers. */
    buf_clear(&b);
    for (size_t i = 0; i < 6; i++) buf_printf(&b, "%0*zu%s\n", (int)i + 1, i, ids[i]);
    scan_bytes(b.data, b.len, &r, NULL);
    for (size_t i = 0; i < r.nfindings; i++) assert_string_not_equal(r.findings[i].category, "national_id");
    pdp_result_free(&r);
    buf_free(&b);
    assert_int_equal(found, 12);
}

static void test_binary_and_documents(void **s)
{
    (void)s;
    pdp_result r;
    const unsigned char png[] = { 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D };
    scan_bytes(png, sizeof png, &r, NULL);
    assert_int_equal(r.status, PDP_STATUS_SKIPPED);
    assert_int_equal(r.nfindings, 0);
    pdp_result_free(&r);

    /* Bytes with no known signature are read as text, never skipped as
     * "binary": an ID among them is found. */
    unsigned char junk[4096];
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = (unsigned char)(i * 7919 % 251);
    memcpy(junk + 2000, " 1579378657978 ", 15);
    scan_bytes(junk, sizeof junk, &r, NULL);
    assert_int_equal(r.status, PDP_STATUS_OK);
    assert_string_equal(r.format, "text");
    assert_true(r.nfindings >= 1);
    pdp_result_free(&r);

    /* A known non-document signature is skipped, saying what it is. */
    const unsigned char elf[] = { 0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0 };
    scan_bytes(elf, sizeof elf, &r, NULL);
    assert_int_equal(r.status, PDP_STATUS_SKIPPED);
    assert_non_null(strstr(r.error, "ELF"));
    pdp_result_free(&r);
    const unsigned char mp4[] = { 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0 };
    scan_bytes(mp4, sizeof mp4, &r, NULL);
    assert_int_equal(r.status, PDP_STATUS_SKIPPED);
    pdp_result_free(&r);

    /* A document format that cannot be read is an error: never clean. */
    const char pdf[] = "%PDF-1.7\n1 0 obj\n";
    scan_bytes(pdf, sizeof pdf - 1, &r, NULL);
    assert_int_equal(r.status, PDP_STATUS_ERROR);
    assert_string_equal(r.format, "pdf");
    assert_non_null(r.error);
    pdp_result_free(&r);
}

/* Every row of the readers' registry (extract/formats.def) is sniffed as
 * its format, and a scan of its signature alone reaches its reader: the
 * result carries the row's format, and is never clean.  Images reach their
 * reader (OCR) when OCR is on, and are skipped when it is off. */
static void test_registry_rows_sniffed(void **s)
{
    (void)s;
    static const struct { const char *sig; size_t len; const char *name; } rows[] = {
#define FORMAT(id, name, reader, signature, what) { signature, sizeof signature - 1, name },
#include "extract/formats.def"
#undef FORMAT
    };
    size_t tried = 0;
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        if (!rows[i].len) continue; /* recognised by code (HTML): test_invalid_utf8_in_html_everywhere */
        char head[64] = { 0 };
        memcpy(head, rows[i].sig, rows[i].len);
        assert_string_equal(pdp_sniff_format(head, sizeof head), rows[i].name);
        pdp_result r;
        pdp_options ocr = { .ocr = 1 };
        int image = !strcmp(rows[i].name, "image");
        scan_bytes(head, sizeof head, &r, &ocr);
        assert_string_equal(r.format, rows[i].name);
        assert_true(r.status == PDP_STATUS_ERROR || r.status == PDP_STATUS_PARTIAL ||
                    (image && r.status == PDP_STATUS_SKIPPED && r.error && strstr(r.error, "OCR is not installed")));
        pdp_result_free(&r);
        if (image) { /* OCR off: skipped, as any image */
            scan_bytes(head, sizeof head, &r, NULL);
            assert_int_equal(r.status, PDP_STATUS_SKIPPED);
            pdp_result_free(&r);
        }
        tried++;
    }
    assert_true(tried >= 3);
}

static void test_empty(void **s)
{
    (void)s;
    pdp_result r;
    scan_bytes("", 0, &r, NULL);
    assert_int_equal(r.status, PDP_STATUS_OK);
    assert_int_equal(r.nfindings, 0);
    assert_int_equal(r.bytes, 0);
    pdp_result_free(&r);
}

/* 3.5 MB with no newline made of "ข้อ 1-2345-67890-12-1 " (28 bytes) over
 * and over: reads and scanning rounds end at every phase of the pattern, so
 * IDs straddle every edge of the window.  Each is found once, at its offset. */
static void test_streaming_window_edges(void **s)
{
    (void)s;
    static const char unit[] = "ข้อ 1-2345-67890-12-1 ";
    size_t ul = sizeof unit - 1, n = (3 * 1024 * 1024 + 512 * 1024) / ul, len = n * ul;
    char *text = malloc(len + 1);
    for (size_t k = 0; k < n; k++) memcpy(text + k * ul, unit, ul);
    text[len] = 0;
    pdp_options opt = { .max_findings = 1000000 };
    pdp_result r;
    scan_bytes(text, len, &r, &opt);
    assert_int_equal(r.status, PDP_STATUS_OK);
    assert_int_equal(r.nfindings, n);
    for (size_t k = 0; k < n; k++) {
        if (r.findings[k].start != k * ul + 10) fprintf(stderr, "finding %zu at %llu\n", k, (unsigned long long)r.findings[k].start);
        assert_int_equal(r.findings[k].start, k * ul + 10);
        assert_int_equal(r.findings[k].loc.line, 1);
    }
    pdp_result_free(&r);
    free(text);
}

static void test_findings_limit_makes_partial(void **s)
{
    (void)s;
    buf b;
    buf_init(&b);
    for (int i = 0; i < 20; i++) buf_puts(&b, "บัตรประชาชน 1234567890121\n");
    pdp_options opt = { .max_findings = 5 };
    pdp_result r;
    scan_bytes(b.data, b.len, &r, &opt);
    assert_int_equal(r.status, PDP_STATUS_PARTIAL);
    assert_int_equal(r.nfindings, 5);
    assert_non_null(strstr(r.error, "more than 5"));
    pdp_result_free(&r);
    buf_free(&b);
}

static void test_files_that_cannot_be_read(void **s)
{
    (void)s;
    pdp_result r;
    assert_int_equal(pdp_scan_file(g_rules, "/nonexistent/pdpascan-test", NULL, NULL, &r), 0);
    assert_int_equal(r.status, PDP_STATUS_ERROR);
    assert_non_null(strstr(r.error, "cannot open"));
    pdp_result_free(&r);

    assert_int_equal(pdp_scan_file(g_rules, "tests", NULL, NULL, &r), 0);
    assert_int_equal(r.status, PDP_STATUS_ERROR);
    assert_non_null(strstr(r.error, "directory"));
    pdp_result_free(&r);

    char dir[] = "/tmp/pdpascan-testXXXXXX";
    assert_non_null(mkdtemp(dir));
    char link[64];
    snprintf(link, sizeof link, "%s/dangling", dir);
    assert_int_equal(symlink("/nonexistent/target", link), 0);
    assert_int_equal(pdp_scan_file(g_rules, link, NULL, NULL, &r), 0);
    assert_int_equal(r.status, PDP_STATUS_ERROR);
    assert_null(strstr(r.error, "1234")); /* reasons never quote content */
    pdp_result_free(&r);
    unlink(link);
    rmdir(dir);
}

static void test_scan_file_matches_buffer(void **s)
{
    (void)s;
    pdp_result r;
    assert_int_equal(pdp_scan_file(g_rules, "corpus/text/elderly_allowance_list.txt", NULL, NULL, &r), 0);
    assert_int_equal(r.status, PDP_STATUS_OK);
    assert_int_equal(count_cat(&r, "national_id"), 5);
    assert_true(r.bytes > 1000);
    pdp_result_free(&r);
}

/* The reference for utf8_thai_ascii_run: one character at a time. */
static size_t thai_ascii_ref(const unsigned char *s, size_t n, size_t i)
{
    for (;;) {
        if (i < n && s[i] && s[i] < 0x80) i++;
        else if (i + 2 < n && s[i] == 0xE0 && (s[i + 1] & 0xFE) == 0xB8 && (s[i + 2] & 0xC0) == 0x80) i += 3;
        else return i;
    }
}

/* The clean-run check that text decoding relies on (32 bytes at a time with
 * SSE2, and with AVX2 where this machine has it) stops exactly where a
 * character-by-character check does, wherever the block edges fall: random
 * mixes of ASCII, Thai, NUL, other characters, a Thai sequence cut short
 * and stray bytes, from every start. */
static void test_thai_ascii_run_blocks(void **st)
{
    (void)st;
    static const char *pieces[] = { "a", " ", "ก", "่", "า", "๑", "12", "\xE2\x80\x9C", "\0", "\xE0\xB8", "\x80", "\xF0\x9F\x98\x80", "\xE0\xB9\xBF" };
    static const size_t plen[] = { 1, 1, 3, 3, 3, 3, 2, 3, 1, 2, 1, 4, 3 };
    unsigned seed = 12345;
    unsigned char s[256];
    for (int round = 0; round < 4000; round++) {
        size_t n = 0;
        while (n < 180) {
            unsigned r = test_random(&seed, 100);
            size_t k = r < 55 ? 2 : r < 60 ? 3 : r < 65 ? 4 : r < 80 ? 1 : r < 88 ? 0 : r < 90 ? 6 : 7 + r % 6;
            if (round % 3 == 0 && k > 6) k = 2; /* some inputs long and clean */
            memcpy(s + n, pieces[k], plen[k]);
            n += plen[k];
        }
        for (size_t i = 0; i < n; i = thai_ascii_ref(s, n, i) + 1) {
            while (i < n && (s[i] & 0xC0) == 0x80) i++;
            assert_int_equal(utf8_thai_ascii_run_by(s, n, i, 0), thai_ascii_ref(s, n, i));
            assert_int_equal(utf8_thai_ascii_run(s, n, i), thai_ascii_ref(s, n, i));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_invalid_utf8_and_nul),
        cmocka_unit_test(test_binary_and_documents),
        cmocka_unit_test(test_nul_inside_an_id),
        cmocka_unit_test(test_invalid_utf8_in_html_everywhere),
        cmocka_unit_test(test_fixed_width_glued_ids),
        cmocka_unit_test(test_registry_rows_sniffed),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_streaming_window_edges),
        cmocka_unit_test(test_findings_limit_makes_partial),
        cmocka_unit_test(test_files_that_cannot_be_read),
        cmocka_unit_test(test_scan_file_matches_buffer),
        cmocka_unit_test(test_thai_ascii_run_blocks),
    };
    return cmocka_run_group_tests_name("input", tests, load_rules_setup, free_rules_teardown);
}
