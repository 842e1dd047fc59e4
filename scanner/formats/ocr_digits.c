/* ocr_digits.c — Thai digits in an OCR line read again (see ocr_digits.h).
 *
 * A run is digits with nothing but spaces, hyphens, slashes, dots and
 * commas between them.  Its region on the picture spans its digits' boxes,
 * a little taller (marks and tails), and a digit's width wider each side,
 * where a digit Tesseract dropped at the run's end may stand. */
#include "ocr_digits.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"
#include "digit_reader.h"

typedef struct digit_at {
    size_t start, end; /* bytes of the text */
    int thai;
} digit_at;

/* Thai letters Tesseract's Thai model writes for a Thai digit it cannot
 * read (๙ as ฒ, ๗ as ซ or ส, ๓ as ต...): in a run of digits they are read
 * again with the rest; a real letter there makes the reader keep the run
 * as Tesseract read it. */
static int digit_lookalike(uint32_t cp)
{
    static const uint32_t like[] = { 0x0E12 /* ฒ */, 0x0E0B /* ซ */, 0x0E2A /* ส */, 0x0E15 /* ต */, 0x0E14 /* ด */,
                                     0x0E05 /* ฅ */, 0x0E46 /* ๆ */, 0x0E18 /* ธ */, 0x0E16 /* ถ */, 0x0E13 /* ณ */ };
    for (size_t i = 0; i < sizeof like / sizeof *like; i++)
        if (cp == like[i]) return 1;
    return 0;
}

int ocr_digit_like(uint32_t cp) { return cp_is_thai_digit(cp) || (cp >= '0' && cp <= '9') || digit_lookalike(cp); }
static int is_between(uint32_t cp) { return cp == ' ' || cp == '-' || cp == '/' || cp == '.' || cp == ','; }

/* The digits of text, in order, into out[0, max); how many (max + 1 when
 * there are more: no line of text has that many). */
static size_t find_digits(const char *text, digit_at *out, size_t max)
{
    size_t n = 0, len = strlen(text);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)text + i, len - i, &cp);
        if (!k) k = 1, cp = 0xFFFD;
        if (ocr_digit_like(cp)) {
            if (n == max) return max + 1;
            out[n++] = (digit_at){ i, i + k, cp_is_thai_digit(cp) };
        }
        i += k;
    }
    return n;
}

static int is_arabic(const char *text, digit_at d) { return text[d.start] >= '0' && text[d.start] <= '9'; }

/* Does only what may stand between a run's digits lie in text[from, to)? */
static int only_between(const char *text, size_t from, size_t to)
{
    if (from == to) return 1;
    while (from < to) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)text + from, to - from, &cp);
        if (!k || !is_between(cp)) return 0;
        from += k;
    }
    return 1;
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The region of digits [a, b]: their boxes' span, its median height. */
static digit_region run_region(const lbox *box, size_t a, size_t b, int thai_only)
{
    double h[64], x1 = box[a].x1, y1 = box[a].y1, x2 = box[a].x2, y2 = box[a].y2;
    size_t n = 0;
    for (size_t i = a; i <= b; i++) {
        if (box[i].x1 < x1) x1 = box[i].x1;
        if (box[i].y1 < y1) y1 = box[i].y1;
        if (box[i].x2 > x2) x2 = box[i].x2;
        if (box[i].y2 > y2) y2 = box[i].y2;
        if (n < 64) h[n++] = box[i].y2 - box[i].y1;
    }
    qsort(h, n, sizeof *h, by_double);
    double gh = h[n / 2];
    return (digit_region){ (int)(x1 - gh), (int)(y1 - 0.4 * gh), (int)(x2 + gh) + 1, (int)(y2 + 0.4 * gh) + 1,
                           (int)x1, (int)x2 + 1, gh, thai_only };
}

/* Is a word of three or more Arabic digits on one side of a space after
 * digit b, and a word with a Thai digit on the other?  An ID in Arabic
 * digits beside a date in Thai digits (a table's cells) are two runs: the
 * reader is for Thai digits, and Tesseract reads Arabic ones well. */
/* Are digits i and i + 1 in one word (only hyphens, slashes, dots or
 * commas between them, no space: 3-2408-72141 is one word)? */
static int same_word(const char *text, const digit_at *at, size_t i)
{
    size_t from = at[i].end, to = at[i + 1].start;
    return only_between(text, from, to) && !memchr(text + from, ' ', to - from);
}

/* The first and last digit of the word digit i is in; *thai its Thai digits. */
static size_t word_start(const char *text, const digit_at *at, size_t i)
{
    while (i > 0 && same_word(text, at, i - 1)) i--;
    return i;
}

static size_t word_end(const char *text, const digit_at *at, size_t i, size_t n, int *thai)
{
    *thai = at[i].thai;
    while (i + 1 < n && same_word(text, at, i)) *thai += at[++i].thai;
    return i;
}

static int arabic_word_next(const char *text, const digit_at *at, size_t b, size_t n)
{
    if (!memchr(text + at[b].end, ' ', at[b + 1].start - at[b].end)) return 0;
    size_t start = word_start(text, at, b);
    int thai_before, thai_after;
    size_t end_before = word_end(text, at, start, n, &thai_before), end_after = word_end(text, at, b + 1, n, &thai_after);
    size_t len_before = end_before - start + 1, len_after = end_after - b;
    return (!thai_before && thai_after && len_before >= 3) || (thai_before && !thai_after && len_after >= 3);
}

/* More digit-like characters than this make no line of text (a table's
 * rules or noise read as digits): the line is left alone. */
#define MAX_DIGITS 512

int ocr_digits_reread(char **text, const lbox *digits, size_t n, const bitmap *page)
{
    digit_at at[MAX_DIGITS];
    if (n == 0 || n > MAX_DIGITS || find_digits(*text, at, MAX_DIGITS) != n) return 0;
    buf out;
    buf_init(&out);
    size_t copied = 0;
    int runs = 0;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        int thai = at[a].thai, arabic = is_arabic(*text, at[a]);
        while (b + 1 < n && only_between(*text, at[b].end, at[b + 1].start) && !arabic_word_next(*text, at, b, n))
            thai += at[++b].thai, arabic += is_arabic(*text, at[b]);
        if (thai) { /* one digit too: a day (๗ read as ๓) */
            digit_region r = run_region(digits, a, b, !arabic);
            size_t mark = out.len;
            buf_append(&out, *text + copied, at[a].start - copied);
            if (digit_read(page, &r, &out) > 0) {
                copied = at[b].end;
                runs++;
            } else {
                out.len = mark; /* the run stays as Tesseract read it */
                if (out.data) out.data[mark] = 0;
            }
        }
        a = b + 1;
    }
    if (!runs) {
        buf_free(&out);
        return 0;
    }
    buf_puts(&out, *text + copied);
    free(*text);
    *text = buf_steal(&out);
    return runs;
}
