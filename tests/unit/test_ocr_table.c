/* test_ocr_table.c — a scanned table's OCR put back into cells and columns:
 * its vertical borders found in the page picture (formats/ocr_rules.c), a
 * line Tesseract read across cells cut at gaps and borders
 * (formats/ocr_cells.c), and rows laid out with a tab for each border
 * (ocr_to_layout in formats/ocr.c); the dirt taken out of a line
 * (formats/ocr_tidy.c); an e-mail address taken from a Latin reading
 * (formats/ocr_latin.c).  Pictures are drawn here pixel by
 * pixel; the words and boxes handed over stand for Tesseract's. */
#include "helpers.h"
#include "formats/ocr.h"
#include "formats/ocr_cells.h"
#include "formats/ocr_latin.h"
#include "formats/ocr_rules.h"
#include "formats/ocr_tidy.h"
#include "util/buf.h"

#define W 1200
#define H 800

static unsigned char *blank(void) { return xcalloc((size_t)W * H, 1); }

/* A line of ink `width` pixels wide from (x1, y1) down to (x2, y2). */
static void line(unsigned char *px, double x1, int y1, double x2, int y2, int width)
{
    for (int y = y1; y <= y2; y++) {
        int x = (int)(x1 + (x2 - x1) * (y - y1) / (y2 - y1) + 0.5);
        for (int k = 0; k < width; k++) px[(size_t)y * W + x + k] = 1;
    }
}

static void block(unsigned char *px, int x1, int y1, int x2, int y2)
{
    for (int y = y1; y <= y2; y++)
        for (int x = x1; x <= x2; x++) px[(size_t)y * W + x] = 1;
}

/* Borders are found, straight, slanted or broken into dashes; a letter's
 * stroke, a filled area and a line broken wide apart are not. */
static void test_rules_found(void **st)
{
    (void)st;
    unsigned char *px = blank();
    line(px, 100, 100, 100, 700, 3);             /* straight */
    line(px, 300, 100, 315, 700, 3);             /* a page 1.4 degrees askew */
    line(px, 500, 100, 500, 700, 2);             /* dashes, 2 pixels apart */
    for (int y = 120; y < 700; y += 40) block(px, 500, y, 501, y + 1);
    for (int y = 120; y < 700; y += 40) px[(size_t)y * W + 500] = px[(size_t)y * W + 501] = 0;
    line(px, 700, 100, 700, 200, 3);             /* a stroke: too short */
    block(px, 800, 100, 900, 700);               /* a filled area: too wide */
    line(px, 1000, 100, 1000, 350, 3);           /* a line broken 20 pixels apart */
    line(px, 1000, 370, 1000, 620, 3);
    bitmap bm = { px, W, H, W };
    lbox *r;
    size_t n = ocr_vertical_rules(&bm, 300, 10, &r);
    assert_int_equal(n, 3);
    double xs[OCR_MAX_RULES];
    assert_int_equal(ocr_rules_at(r, n, 400, 4, xs), 3);
    assert_true(xs[0] >= 100 && xs[0] <= 103);
    assert_true(xs[1] >= 306 && xs[1] <= 311); /* where the slanted one stands at y 400 */
    assert_true(xs[2] >= 500 && xs[2] <= 502);
    assert_int_equal(ocr_rules_at(r, n, 750, 4, xs), 0); /* below the table */
    free(r);
    free(px);
}

/* No more than OCR_MAX_RULES borders are kept, however many lines a
 * picture has (a hatched area, a barcode). */
static void test_rules_limit(void **st)
{
    (void)st;
    enum { WIDE = 2400 };
    unsigned char *px = xcalloc((size_t)WIDE * H, 1);
    for (int x = 10; x < WIDE; x += 6)
        for (int y = 50; y < 750; y++) px[(size_t)y * WIDE + x] = 1;
    bitmap bm = { px, WIDE, H, WIDE };
    lbox *r;
    assert_int_equal(ocr_vertical_rules(&bm, 300, 10, &r), OCR_MAX_RULES); /* of 399 */
    free(r);
    free(px);
}

/* A word as Tesseract gives it: text, box, its symbols (a leading bar as a
 * symbol of its own), the boxes of its digits. */
static void word(ocr_line_boxes *lb, const char *line_text, const char *w, double x1, double x2, int bar)
{
    lbox box = { x1, 10, x2, 40 };
    ocr_cells_word(lb, line_text, w, box);
    if (bar) {
        ocr_cells_symbol(lb, "|", (lbox){ x1, 10, x1 + 3, 40 });
        ocr_cells_symbol(lb, w + 1, (lbox){ x1 + 5, 10, x2, 40 });
        w++;
    } else {
        ocr_cells_symbol(lb, w, box);
    }
    for (const char *c = w; *c; c++)
        if (*c >= '0' && *c <= '9') {
            if (lb->ndigits == lb->dcap) lb->digit = xrealloc(lb->digit, (lb->dcap = lb->dcap * 2 + 8) * sizeof *lb->digit);
            lb->digit[lb->ndigits++] = box;
        }
}

static ocr_page one_line(const char *text)
{
    ocr_page p = { 0 };
    p.lines = xmalloc(sizeof *p.lines);
    p.lines[0] = (ocr_line){ xstrdup(text), { 10, 10, 600, 40 } };
    p.n = 1;
    return p;
}

/* A row read as one line is cut at a wide gap and at a border; the bar
 * Tesseract read on the border is left out; each cell keeps its digits. */
static void test_cells_cut(void **st)
{
    (void)st;
    const char *t = "1 นายสมชาย ใจดี |12/6/2489";
    ocr_page p = one_line(t);
    ocr_line_boxes *lb = xcalloc(1, sizeof *lb);
    size_t nlb = 1;
    word(lb, t, "1", 10, 20, 0);
    word(lb, t, "นายสมชาย", 100, 200, 0); /* 80 pixels after "1": a line is 30 high */
    word(lb, t, "ใจดี", 210, 490, 0);
    word(lb, t, "|12/6/2489", 498, 600, 1); /* 8 pixels on: but a border stands between */
    lbox rule = { 500, 0, 500, 100 };
    ocr_cells_split(&p, &lb, &nlb, &rule, 1);
    assert_int_equal(p.n, 3);
    assert_int_equal(nlb, 3);
    assert_string_equal(p.lines[0].text, "1");
    assert_string_equal(p.lines[1].text, "นายสมชาย ใจดี");
    assert_string_equal(p.lines[2].text, "12/6/2489");
    assert_int_equal(lb[0].ndigits, 1);
    assert_int_equal(lb[1].ndigits, 0);
    assert_int_equal(lb[2].ndigits, 7);
    assert_true(p.lines[2].box.x1 > 500); /* the bar's box is not the cell's */
    ocr_line_boxes_free(lb, nlb);
    ocr_page_free(&p);
}

/* Dirt at a cell's end goes ("'เ" after a date); a letter Tesseract gave
 * as a word of its own (เ of เด็ก) stays with its word; without borders
 * or gaps a line is left as it is. */
static void test_specks(void **st)
{
    (void)st;
    const char *t = "12 มีนาคม 2485 'เ";
    ocr_page p = one_line(t);
    ocr_line_boxes *lb = xcalloc(1, sizeof *lb);
    size_t nlb = 1;
    word(lb, t, "12", 10, 30, 0);
    word(lb, t, "มีนาคม", 40, 120, 0);
    word(lb, t, "2485", 130, 180, 0);
    word(lb, t, "'", 190, 193, 0);
    word(lb, t, "เ", 194, 200, 0);
    ocr_cells_split(&p, &lb, &nlb, NULL, 0);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.lines[0].text, "12 มีนาคม 2485");
    ocr_line_boxes_free(lb, nlb);
    ocr_page_free(&p);

    t = "เด็กชาย ก";
    p = one_line(t);
    lb = xcalloc(1, sizeof *lb);
    nlb = 1;
    word(lb, t, "เ", 10, 16, 0);
    word(lb, t, "ด็", 16, 30, 0);
    word(lb, t, "กชาย", 30, 80, 0);
    word(lb, t, "ก", 90, 100, 0);
    ocr_cells_split(&p, &lb, &nlb, NULL, 0);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.lines[0].text, "เด็กชาย ก");
    ocr_line_boxes_free(lb, nlb);
    ocr_page_free(&p);
}

/* A line as the tests give it: text and box. */
typedef struct line_at {
    const char *text;
    double x1, y1, x2, y2;
} line_at;

/* A page of the n lines l, with vertical borders every 100 pixels from
 * x 100 (nv of them, down to y `bottom`) and horizontal ones every 100
 * from y 0 (nh of them, x 100 to 400). */
static ocr_page page_of(const line_at *l, size_t n, int nv, int nh, double bottom)
{
    ocr_page p = { 0 };
    p.n = n;
    p.lines = xmalloc(n * sizeof *p.lines);
    for (size_t i = 0; i < n; i++) p.lines[i] = (ocr_line){ xstrdup(l[i].text), { l[i].x1, l[i].y1, l[i].x2, l[i].y2 } };
    p.nrules = (size_t)nv;
    p.rules = nv ? xmalloc((size_t)nv * sizeof *p.rules) : NULL;
    for (int i = 0; i < nv; i++) p.rules[i] = (lbox){ 100 + 100 * i, 0, 100 + 100 * i, bottom };
    p.nhrules = (size_t)nh;
    p.hrules = nh ? xmalloc((size_t)nh * sizeof *p.hrules) : NULL;
    for (int i = 0; i < nh; i++) p.hrules[i] = (lbox){ 100, 100 * i, 400, 100 * i };
    return p;
}

/* p laid out: does its text read `want`? */
static int reads(const ocr_page *p, const char *want)
{
    page_layout pl;
    ocr_to_layout(p, 1.0, &pl);
    int same = !strcmp(pl.text.data, want);
    if (!same) fprintf(stderr, "laid out as: %s\n", pl.text.data);
    page_layout_free(&pl);
    return same;
}

/* Rows of a ruled table: a tab for each border crossed, so a row whose
 * first cell was not read keeps its cells in their columns; rows
 * outside the table are cut by their gaps only. */
static void test_layout_columns(void **st)
{
    (void)st;
    static const line_at lines[] = {
        { "ลำดับ", 110, 10, 190, 40 }, { "ชื่อ-สกุล", 210, 10, 290, 40 }, { "วันเกิด", 310, 10, 390, 40 },
        { "นาย ก", 210, 60, 290, 90 }, { "12/6/2489", 310, 60, 390, 90 },  /* no ordinal */
        { "ประกาศ", 100, 200, 200, 230 }, { "ณ วันที่ 1", 400, 200, 500, 230 }, /* below the table */
    };
    ocr_page p = page_of(lines, sizeof lines / sizeof *lines, 4, 0, 150);
    assert_true(reads(&p, "ลำดับ\tชื่อ-สกุล\tวันเกิด\n\tนาย ก\t12/6/2489\nประกาศ\tณ วันที่ 1"));
    ocr_page_free(&p);
}

/* Rows of a table with horizontal borders too: a cell's wrapped line
 * stays in its cell, a fragment Tesseract read over a line is left out;
 * below the table, lines are rows again. */
static void test_layout_ruled_rows(void **st)
{
    (void)st;
    static const line_at lines[] = {
        { "ลำดับ", 110, 20, 190, 50 }, { "๐๘", 115, 22, 140, 32 }, { "ที่อยู่", 310, 20, 390, 50 },
        { "1", 110, 120, 130, 150 }, { "45 หมู่ 3", 310, 120, 390, 150 }, { "อ.เมือง", 310, 155, 380, 185 },
        { "ประกาศ", 100, 300, 200, 330 }, { "ณ วันที่ 1", 100, 340, 200, 370 },
    };
    ocr_page p = page_of(lines, sizeof lines / sizeof *lines, 4, 3, 200);
    assert_true(reads(&p, "ลำดับ\t\tที่อยู่\n1\t\t45 หมู่ 3 อ.เมือง\nประกาศ\nณ วันที่ 1"));
    ocr_page_free(&p);
}

/* A scan turned 1 degree: the cells of one row stand lower the further
 * right they are, as much as a line's height across the page; Tesseract's
 * skew puts them back in one row. */
static void test_layout_skewed(void **st)
{
    (void)st;
    static const line_at lines[] = {
        { "นายทองดี มีชัย", 100, 100, 500, 140 }, { "089-765-4321", 2000, 130, 2300, 170 },
        { "นางสมศรี แก้วมณี", 100, 180, 500, 220 }, { "086-111-2233", 2000, 210, 2300, 250 },
    };
    static const char *rows = "นายทองดี มีชัย\t089-765-4321\nนางสมศรี แก้วมณี\t086-111-2233";
    ocr_page p = page_of(lines, 4, 0, 0, 0);
    assert_false(reads(&p, rows)); /* not knowing the skew, the rows fall apart */
    p.skew = 0.0175f;               /* 1 degree */
    assert_true(reads(&p, rows));
    ocr_page_free(&p);
}

static char *tidy(const char *s)
{
    static char out[256];
    snprintf(out, sizeof out, "%s", s);
    ocr_line_tidy(out);
    return out;
}

/* A mark riding on nothing, a bracket or bar inside a number: out.  A
 * clause's bracket, marks on their letters, invalid UTF-8: kept. */
static void test_tidy(void **st)
{
    (void)st;
    assert_string_equal(tidy("๑๕ พ.ุย. ๒๔๙๕"), "๑๕ พ.ย. ๒๔๙๕");
    assert_string_equal(tidy("5-4005-6470(4-76-5"), "5-4005-64704-76-5");
    assert_string_equal(tidy("3-1234|5-67890-12-3"), "3-12345-67890-12-3");
    assert_string_equal(tidy("มาตรา 15(1) และ (2)"), "มาตรา 15(1) และ (2)");
    assert_string_equal(tidy("นายสมชาย ใจดี ที่นี่"), "นายสมชาย ใจดี ที่นี่");
    assert_string_equal(tidy("ก ุ\xff ุข"), "ก \xff ุข"); /* past an invalid byte nothing is touched */
}

static char *swapped(const char *thai, const char *latin)
{
    static char out[256];
    char *t = xstrdup(thai);
    ocr_latin_swap(&t, latin);
    snprintf(out, sizeof out, "%s", t);
    free(t);
    return out;
}

/* An e-mail address the Thai model garbled, taken from the same line read
 * in Latin script; nothing else of the line changes, and a Latin reading
 * that holds no address changes nothing. */
static void test_latin_swap(void **st)
{
    (void)st;
    assert_string_equal(swapped("84 885 1172 อีเมล เวเลรอพ์.เ4@ฯทลทออ.6อ๐.ป้า", "84 885 1172 oua prasert.b4@yahoo.co.th"),
                        "84 885 1172 อีเมล prasert.b4@yahoo.co.th");
    assert_string_equal(swapped("อีเมล ก@ข.ค", "email (mali.h@example.go.th)."), "อีเมล mali.h@example.go.th");
    assert_string_equal(swapped("อีเมล ก@ข", "email @ home"), "อีเมล ก@ข");          /* no name before the @ */
    assert_string_equal(swapped("อีเมล ก@ข", "email a@b"), "อีเมล ก@ข");             /* no dot after it */
    assert_string_equal(swapped("อีเมล ก@ข", "email a@b.c d"), "อีเมล a@b.c");
    assert_string_equal(swapped("อีเมล ก@ข", "email ab@ก.th"), "อีเมล ก@ข");         /* not Latin */
    assert_string_equal(swapped("ไม่มี", "x@y.z"), "ไม่มี");                          /* no @ in the line */
    assert_string_equal(swapped("อีเมล ก@ข", "diva mali.h}@nongwaeng.go.th"), "อีเมล mali.h@nongwaeng.go.th"); /* a speck */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_found),
        cmocka_unit_test(test_rules_limit),
        cmocka_unit_test(test_cells_cut),
        cmocka_unit_test(test_specks),
        cmocka_unit_test(test_layout_columns),
        cmocka_unit_test(test_layout_ruled_rows),
        cmocka_unit_test(test_layout_skewed),
        cmocka_unit_test(test_tidy),
        cmocka_unit_test(test_latin_swap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
