/* test_digits.c — the Thai-digit reader behind OCR (formats/ocr_digits.c,
 * digit_reader.c): a line Tesseract misread is read again from the picture.
 *
 * The picture is drawn here with cairo (Garuda, opened from its file through
 * FreeType, 300 dpi: a 12-point digit some 30 pixels tall) and thresholded as Tesseract does; the boxes handed
 * over stand for Tesseract's symbols.  How well the model reads fonts it
 * never saw is the build's report (build/gen/digit_model.txt, checked by
 * tests/cli/test_ocr.sh); these tests pin down what is done with a line. */
#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "helpers.h"
#include "formats/ocr_digits.h"
#include "util/buf.h"

#define EM 50.0
#define FONT "/usr/share/fonts/truetype/tlwg/Garuda.ttf" /* fonts-thai-tlwg, a build dependency */

static FT_Library ft;
static FT_Face face;
static cairo_font_face_t *garuda;

static int font_open(void **state)
{
    (void)state;
    if (FT_Init_FreeType(&ft) || FT_New_Face(ft, FONT, 0, &face)) return -1;
    garuda = cairo_ft_font_face_create_for_ft_face(face, 0);
    return 0;
}

static int font_close(void **state)
{
    (void)state;
    cairo_font_face_destroy(garuda);
    cairo_debug_reset_static_data();
    FT_Done_Face(face);
    FT_Done_FreeType(ft);
    return 0;
}
#define MARGIN 40

typedef struct picture {
    bitmap bm;
    lbox boxes[600]; /* of every digit-like character drawn, in order */
    size_t n;
} picture;

/* Is the UTF-8 character at s a digit, Thai or Arabic? */
static int digit_at(const char *s, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    *len = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : 3;
    return (u[0] >= '0' && u[0] <= '9') || (u[0] == 0xE0 && u[1] == 0xB9 && u[2] >= 0x90 && u[2] <= 0x99);
}

/* text drawn in one line; the box of every digit in it recorded. */
static void draw(const char *text, picture *p)
{
    cairo_surface_t *probe = cairo_image_surface_create(CAIRO_FORMAT_A8, 8, 8);
    cairo_t *cr = cairo_create(probe);
    cairo_set_font_face(cr, garuda);
    cairo_set_font_size(cr, EM);
    cairo_text_extents_t all;
    cairo_text_extents(cr, text, &all);
    int w = (int)all.x_advance + 2 * MARGIN, h = (int)(EM * 2) + 2 * MARGIN;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h);
    cairo_t *dr = cairo_create(s);
    cairo_set_font_face(dr, garuda);
    cairo_set_font_size(dr, EM);
    double base = MARGIN + EM * 1.2;
    p->n = 0;
    for (size_t i = 0, len; text[i]; i += len) {
        char ch[5] = { 0 };
        int digit = digit_at(text + i, &len);
        memcpy(ch, text + i, len);
        char *before = strndup(text, i);
        cairo_text_extents_t pre, e;
        cairo_text_extents(cr, before, &pre);
        cairo_text_extents(cr, ch, &e);
        free(before);
        double x = MARGIN + pre.x_advance;
        if (digit && p->n < 600)
            p->boxes[p->n++] = (lbox){ x + e.x_bearing, base + e.y_bearing, x + e.x_bearing + e.width, base + e.y_bearing + e.height };
    }
    cairo_move_to(dr, MARGIN, base);
    cairo_show_text(dr, text);
    cairo_surface_flush(s);
    unsigned char *px = malloc((size_t)w * h);
    const unsigned char *a = cairo_image_surface_get_data(s);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) px[y * w + x] = a[y * cairo_image_surface_get_stride(s) + x] > 127;
    p->bm = (bitmap){ px, w, h, w };
    cairo_destroy(dr);
    cairo_surface_destroy(s);
    cairo_destroy(cr);
    cairo_surface_destroy(probe);
}

/* What the line reads as after the reader, Tesseract having read `read`. */
static char *reread(const picture *p, const char *read, size_t nboxes, int *runs)
{
    char *text = strdup(read);
    *runs = ocr_digits_reread(&text, p->boxes, nboxes, &p->bm);
    return text;
}

/* `drawn` drawn (its digits' boxes: `boxes` of them, unless 0), Tesseract
 * having read `misread`, and the first n - `drop` boxes handed over: the
 * reader reads `runs` runs again and the line reads `want`. */
static void check(const char *drawn, size_t boxes, const char *misread, size_t drop, int runs, const char *want)
{
    picture p;
    draw(drawn, &p);
    if (boxes) assert_int_equal(p.n, boxes);
    int got;
    char *t = reread(&p, misread, p.n - drop, &got);
    assert_int_equal(got, runs);
    assert_string_equal(t, want);
    free(t);
    free((void *)p.bm.px);
}

/* An ID in Thai digits, misread as Tesseract's Thai model misreads it, is
 * read right; the groups keep their spaces. */
static void test_thai_id_read_again(void **state)
{
    (void)state;
    check("๑ ๒๓๔๕ ๖๗๘๙๐ ๑๒ ๑", 0, "๑ ๒๓๕๕ ๒๓๕๕๐ ๑๒ ๑", 0, 1, "๑ ๒๓๔๕ ๖๗๘๙๐ ๑๒ ๑");
}

/* A letter Tesseract wrote for a digit (๙ as ฒ) is read as the digit. */
static void test_lookalike_letter(void **state)
{
    (void)state;
    check("๐๙/๐๗/๒๕๐๙", 0, "๐ฒ/๐ซ/๒๕๐๙", 0, 1, "๐๙/๐๗/๒๕๐๙");
}

/* A day of one Thai digit is read again too (๗ read by Tesseract as ๓
 * would make a birth date's day wrong). */
static void test_single_digit(void **state)
{
    (void)state;
    check("๗ กรกฎาคม ๒๕๖๘", 5, "๓ กรกฎาคม ๒๕๖๘", 0, 2, "๗ กรกฎาคม ๒๕๖๘");
}

/* An ID in Arabic digits beside a date in Thai digits (two cells of a
 * row): the Arabic one is left as Tesseract read it (here wrongly, to show
 * it is not read again), the Thai one read again. */
static void test_arabic_word_left_alone(void **state)
{
    (void)state;
    check("3-2408-72141-25-2 ๑๕", 0, "3-2408-72141-25-7 ๑๓", 0, 1, "3-2408-72141-25-7 ๑๕");
}

/* When Tesseract's digits and the symbols' boxes do not agree in number,
 * the line is left alone. */
static void test_counts_disagree(void **state)
{
    (void)state;
    check("๑ ๒๓๔๕ ๖๗๘๙๐ ๑๒ ๑", 0, "๑ ๒๓๕๕ ๒๓๕๕๐ ๑๒ ๑", 1, 0, "๑ ๒๓๕๕ ๒๓๕๕๐ ๑๒ ๑");
}

/* A line of more than 512 digits is no line of text (a table's rules or
 * noise read as digits): it is left alone; 512 are read again. */
static void test_too_many_digits(void **state)
{
    (void)state;
    buf drawn, misread;
    buf_init(&drawn);
    buf_init(&misread);
    for (int i = 0; i < 513; i++) {
        buf_puts(&drawn, "๔");
        buf_puts(&misread, "๕");
    }
    picture *p = malloc(sizeof *p);
    draw(drawn.data, p);
    assert_int_equal(p->n, 513);
    int runs;
    char *t = reread(p, misread.data, p->n, &runs);
    assert_int_equal(runs, 0);
    assert_string_equal(t, misread.data);
    free(t);
    misread.data[512 * 3] = 0; /* the first 512 (their boxes are the first 512) */
    t = reread(p, misread.data, 512, &runs);
    assert_int_equal(runs, 1);
    assert_int_equal(strncmp(t, drawn.data, 512 * 3), 0);
    free(t);
    free((void *)p->bm.px);
    free(p);
    buf_free(&drawn);
    buf_free(&misread);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thai_id_read_again),
        cmocka_unit_test(test_lookalike_letter),
        cmocka_unit_test(test_single_digit),
        cmocka_unit_test(test_arabic_word_left_alone),
        cmocka_unit_test(test_counts_disagree),
        cmocka_unit_test(test_too_many_digits),
    };
    return cmocka_run_group_tests_name("digits", tests, font_open, font_close);
}
