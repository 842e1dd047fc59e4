/* ocr_tidy.c — dirt taken out of a line Tesseract read (see ocr_tidy.h). */
#include "ocr_tidy.h"

#include <string.h>

#include "../util/utf8.h"

static int is_digit_byte(char c) { return c >= '0' && c <= '9'; }

/* Does the word that continues at t[i] close a bracket before it ends
 * ("15(1)": a clause, kept)? */
static int closes(const char *t, size_t i)
{
    for (; t[i] && t[i] != ' ' && t[i] != '\t'; i++)
        if (t[i] == ')') return 1;
    return 0;
}

/* A bar or an opening bracket Tesseract read inside a number
 * ("5-4005-6470(4-76-5": dirt between two digits, no bracket closed after
 * it) taken out of an OCR line. */
static void drop_stray_brackets(char *t)
{
    size_t w = 0;
    for (size_t i = 0; t[i]; i++) {
        int inside = i > 0 && is_digit_byte(t[i - 1]) && is_digit_byte(t[i + 1]);
        if (inside && (t[i] == '|' || (t[i] == '(' && !closes(t, i + 1)))) continue;
        t[w++] = t[i];
    }
    t[w] = 0;
}

/* Thai marks that ride on nothing (after a full stop, a digit, a space:
 * "พ.ุย." for พ.ย., a speck above an abbreviation) taken out of an OCR
 * line: no writer puts them there, and they break the word they touch. */
static void drop_stray_marks(char *t)
{
    size_t len = strlen(t), w = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)t + i, len - i, &cp);
        if (!k) { /* not UTF-8: the rest is left as it is */
            memmove(t + w, t + i, len - i + 1);
            return;
        }
        int rides = prev >= 0x0E01 && prev <= 0x0E2E;
        if (!cp_is_thai_combining(cp) || rides || cp_is_thai_combining(prev)) {
            memmove(t + w, t + i, k);
            w += k;
            prev = cp;
        }
        i += k;
    }
    t[w] = 0;
}

void ocr_line_tidy(char *text)
{
    drop_stray_marks(text);
    drop_stray_brackets(text);
}
