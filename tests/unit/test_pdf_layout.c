/* test_pdf_layout.c — a PDF page's text laid out from its characters' boxes
 * (extract/pdf_layout.c), on pages described as poppler describes them: its
 * text in its own order, and a box per character.  Then the same on real
 * PDFs of corpus/: every finding's box lies on its page. */
#include "helpers.h"
#include "extract/pdf_layout.h"
#include "formats/thai_fonts.h"
#include "util/buf.h"
#include "util/utf8.h"

/* A page under construction: text in poppler's order, boxes alongside. */
typedef struct page {
    buf text;
    lbox boxes[1024];
    size_t n;
} page;

/* Characters of s set from x on baseline row y (14 pt), each w wide, marks
 * (Thai above/below vowels, tone marks) with no width at the pen position,
 * as LibreOffice's exports have them.  Returns the x after them. */
static double put(page *p, const char *s, double x, double y, double w)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t l = utf8_decode(u + i, len - i, &cp);
        int mark = cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
        double cw = mark ? 0 : cp == '\n' ? 0 : w;
        buf_append(&p->text, s + i, l);
        p->boxes[p->n++] = (lbox){ x, y, x + cw, y + 14 };
        x += cw;
        i += l;
    }
    return x;
}

static char *laid_out(page *p)
{
    page_layout pl;
    assert_int_equal(page_layout_build(p->text.data, p->boxes, p->n, &pl), 0);
    assert_int_equal(pl.nboxes, utf8_count(pl.text.data, pl.text.len));
    char *s = xstrdup(pl.text.data);
    page_layout_free(&pl);
    buf_free(&p->text);
    return s;
}

/* Cells poppler glued together across wide gaps come apart at tabs; word
 * spaces stay spaces; the boxes stay with their characters. */
static void test_glued_cells(void **st)
{
    (void)st;
    page p = { 0 };
    buf_init(&p.text);
    put(&p, "1", 60, 300, 6);
    put(&p, "นายสมชาย ใจดี", 110, 300, 6);
    put(&p, "3-5052-60181-59-0", 270, 300, 6);
    put(&p, "12/6/2489", 400, 300, 6);
    char *s = laid_out(&p);
    assert_string_equal(s, "1\tนายสมชาย ใจดี\t3-5052-60181-59-0\t12/6/2489");
    free(s);
}

/* A tone mark the producer drew after the next letter (poppler: "สิทธิร์")
 * goes back on the letter it stands over; a mark on a line of its own
 * ("เบีย" / "้") joins its letter's row. */
static void test_marks_back_on_their_letters(void **st)
{
    (void)st;
    page p = { 0 };
    buf_init(&p.text);
    double x = put(&p, "สิทธิ", 100, 100, 8);
    double after_tho = x;
    x = put(&p, "ร", x + 0.2, 100, 8);
    put(&p, "์", after_tho + 1, 99.3, 0); /* at the right edge of ธ, a little higher */
    x = put(&p, "ับ", x, 100, 8);
    put(&p, "\n", x, 100, 0);
    x = put(&p, "เบีย", x + 3, 100, 8); /* a word space on (a line of its own for poppler) */
    put(&p, "\n", x, 100, 0);
    lbox mark = { x - 8 + 7, 99, x - 8 + 7, 113 }; /* over ย, poppler's next line */
    buf_puts(&p.text, "้");
    p.boxes[p.n++] = mark;
    char *s = laid_out(&p);
    assert_string_equal(s, "สิทธิ์รับ เบีย้");
    free(s);
}

/* An address that wraps inside its cell stays in that cell: the row below
 * that only continues it is folded in; the next table row is a row. */
static void test_wrapped_cell(void **st)
{
    (void)st;
    page p = { 0 };
    buf_init(&p.text);
    put(&p, "5", 60, 300, 6);
    put(&p, "41/5 ม.3 ต.ฝายหลวง", 200, 300, 6);
    put(&p, "0947750451", 400, 300, 6);
    put(&p, "\n", 460, 300, 0);
    put(&p, "จ.อุตรดิตถ์ 53130", 200, 316, 6);
    put(&p, "\n", 300, 316, 0);
    put(&p, "6", 60, 340, 6);
    put(&p, "172/4 หมู่ 5", 200, 340, 6);
    put(&p, "0853026439", 400, 340, 6);
    char *s = laid_out(&p);
    assert_string_equal(s, "5\t41/5 ม.3 ต.ฝายหลวง จ.อุตรดิตถ์ 53130\t0947750451\n6\t172/4 หมู่ 5\t0853026439");
    free(s);
}

/* A list whose columns poppler reads one after another (all the titles,
 * then all the given names...) comes back as rows. */
static void test_columns_read_one_after_another(void **st)
{
    (void)st;
    static const char *title[] = { "นาย", "นาง", "นางสาว" }, *given[] = { "วรวงค์", "สมศรี", "ใจดี" },
                      *family[] = { "ระฆังทอง", "มีสุข", "รักษ์ไทย" };
    page p = { 0 };
    buf_init(&p.text);
    for (int c = 0; c < 3; c++)
        for (int r = 0; r < 3; r++) {
            const char *w = c == 0 ? title[r] : c == 1 ? given[r] : family[r];
            double x = put(&p, w, 60 + 120 * c, 100 + 20 * r, 6);
            put(&p, "\n", x, 100 + 20 * r, 0);
        }
    char *s = laid_out(&p);
    assert_string_equal(s, "นาย\tวรวงค์\tระฆังทอง\nนาง\tสมศรี\tมีสุข\nนางสาว\tใจดี\tรักษ์ไทย");
    free(s);
}

/* A table whose borders the page draws: the vertical rules decide the
 * cells (a full cell leaves no gap; an empty one keeps its column) and the
 * horizontal ones the rows (a wrapped line as far apart as the next row). */
static void test_ruled_table(void **st)
{
    (void)st;
    page p = { 0 };
    buf_init(&p.text);
    /* columns: [50,100) [100,260) [260,300) [300,420); rows 24 points apart, the same pitch as a wrapped line */
    put(&p, "1", 52, 100, 6);
    put(&p, "3-5052-60181-59-0", 102, 100, 9.2); /* fills its cell: hardly a gap before the next */
    put(&p, "22 ธ.ค. 2488", 261, 100, 3.2);
    put(&p, "\n", 300, 100, 0);
    put(&p, "41/5 ม.3", 302, 100, 6);
    put(&p, "\n", 350, 100, 0);
    put(&p, "ต.ริมใต้", 302, 124, 6);          /* the address wraps: no rule above it */
    put(&p, "\n", 350, 124, 0);
    put(&p, "2", 52, 148, 6);                  /* the next row: a rule above it; its ID cell empty */
    put(&p, "12/6/2489", 262, 148, 4);
    char *s = NULL;
    lbox rules[] = { { 50, 90, 50, 170 },  { 100, 90, 100, 170 }, { 260, 90, 260, 170 }, { 300, 90, 300, 170 },
                     { 420, 90, 420, 170 }, { 50, 90, 420, 90 },   { 50, 142, 420, 142 }, { 50, 170, 420, 170 } };
    page_layout pl;
    assert_int_equal(page_layout_build_ruled(p.text.data, p.boxes, p.n, rules, sizeof rules / sizeof *rules, &pl), 0);
    s = xstrdup(pl.text.data);
    page_layout_free(&pl);
    buf_free(&p.text);
    assert_string_equal(s, "1\t3-5052-60181-59-0\t22 ธ.ค. 2488\t41/5 ม.3 ต.ริมใต้\n2\t\t12/6/2489");
    free(s);
}

/* Justified text: a Word export spaces out the letters of a line, and
 * poppler reads the gaps as spaces ("ส มาชิ ก"): a space that leaves a lone
 * consonant, or stands before า, is inside a word; ณ is a word. */
static void test_justified_spaces(void **st)
{
    (void)st;
    page p = { 0 };
    buf_init(&p.text);
    put(&p, "ส มาชิ ก สภา ณ วันที่ ประธ าน", 100, 100, 6);
    char *s = laid_out(&p);
    assert_string_equal(s, "สมาชิก สภา ณ วันที่ ประธาน");
    free(s);
}

/* A font that lost SARA AM all over the page (ตาบล, อาเภอ) has its listed
 * words written right, in place; a page that shows it right anywhere, or
 * one broken word alone, is left as it is. */
static void test_lost_sara_am(void **st)
{
    (void)st;
    static const char *const am[] = { "ตำบล", "อำเภอ", "จำนวน" }, *const aa[] = { "การ", "ประกาศ" };
    char text[] = "บ้านเลขที่ 5 หมู่ 2 ตาบลริมใต้ อาเภอแม่ริม จานวน 3 ราย ตามือ";
    assert_int_equal(thai_fonts_repair(text, strlen(text), am, 3, aa, 2), 3);
    assert_string_equal(text, "บ้านเลขที่ 5 หมู่ 2 ตำบลริมใต้ อำเภอแม่ริม จำนวน 3 ราย ตามือ");
    char right[] = "ตาบลริมใต้ อาเภอแม่ริม ตำบลอื่น";
    assert_int_equal(thai_fonts_repair(right, strlen(right), am, 3, aa, 2), 0);
    char once[] = "ตาบลริมใต้ ไม่มีอื่น";
    assert_int_equal(thai_fonts_repair(once, strlen(once), am, 3, aa, 2), 0);
    char reverse[] = "ประกำศ เรื่อง กำรรับสมัคร";
    assert_int_equal(thai_fonts_repair(reverse, strlen(reverse), am, 3, aa, 2), 2);
    assert_string_equal(reverse, "ประกาศ เรื่อง การรับสมัคร");
}

/* Boxes that do not match the text are refused, not guessed at. */
static void test_mismatched_boxes(void **st)
{
    (void)st;
    lbox b[2] = { { 0, 0, 1, 1 }, { 1, 0, 2, 1 } };
    page_layout pl;
    assert_int_equal(page_layout_build("abc", b, 2, &pl), -1);
    assert_int_equal(page_layout_build("\xE0\xB8", b, 2, &pl), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glued_cells),
        cmocka_unit_test(test_marks_back_on_their_letters),
        cmocka_unit_test(test_wrapped_cell),
        cmocka_unit_test(test_columns_read_one_after_another),
        cmocka_unit_test(test_ruled_table),
        cmocka_unit_test(test_justified_spaces),
        cmocka_unit_test(test_lost_sara_am),
        cmocka_unit_test(test_mismatched_boxes),
    };
    return cmocka_run_group_tests_name("pdf_layout", tests, NULL, NULL);
}
