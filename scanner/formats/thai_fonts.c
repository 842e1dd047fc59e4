/* thai_fonts.c — a PDF page's text where the producer's Thai font broke one
 * vowel everywhere (see thai_fonts.h).
 *
 * Two breakages are common in real exports: SARA AM (ำ) drawn as NIKHAHIT
 * + SARA AA whose NIKHAHIT maps to nothing, so that every ำ reads า (ตาบล,
 * อาเภอ, จานวน); and the reverse, a font whose SARA AA maps to SARA AM (กำร,
 * ประกำศ).  Neither can be told from the letters alone (ตา and ตำ are both
 * words), so the page must show it: two different words of a list (patterns/
 * lexicon/thai_fonts.yaml) written the broken way and none written right.
 * Then every broken listed word is written right.  ำ and า are the same
 * length in UTF-8 (E0 B8 B3 / E0 B8 B2): the text is changed in place and
 * every character keeps its box. */
#define _GNU_SOURCE /* memmem */
#include "thai_fonts.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

#define AM 0xB3 /* last byte of ำ */
#define AA 0xB2 /* last byte of า */

/* w with its vowel `from` (last byte) written as `to` (heap), or NULL when
 * w has none. */
static char *broken(const char *w, unsigned char from, unsigned char to)
{
    char *b = xstrdup(w);
    int any = 0;
    for (unsigned char *p = (unsigned char *)b; p[0] && p[1] && p[2]; p++)
        if (p[0] == 0xE0 && p[1] == 0xB8 && p[2] == from) {
            p[2] = to;
            any = 1;
        }
    if (!any) free(b);
    return any ? b : NULL;
}

static int has(const char *text, size_t len, const char *w)
{
    size_t l = strlen(w);
    return l && memmem(text, len, w, l) != NULL;
}

/* Repair one breakage (`from` read where `to` was written... the other way
 * round: the right words have `right`, the page shows `wrong`).  Looking
 * stops at the first word written right: most pages have one. */
static int repair(char *text, size_t len, const char *const *words, size_t n, unsigned char right, unsigned char wrong)
{
    size_t seen_broken = 0, seen_right = 0;
    char **b = calloc(n ? n : 1, sizeof *b);
    if (!b) return 0;
    for (size_t i = 0; i < n && !seen_right; i++) {
        b[i] = broken(words[i], right, wrong);
        if (!b[i]) continue;
        seen_right = has(text, len, words[i]);
        seen_broken += !seen_right && has(text, len, b[i]);
    }
    int fixed = 0;
    if (seen_broken >= 2 && !seen_right)
        for (size_t i = 0; i < n; i++) {
            if (!b[i]) continue;
            size_t l = strlen(b[i]);
            for (char *p = text; (p = memmem(p, (size_t)(text + len - p), b[i], l)); p += l) {
                memcpy(p, words[i], l);
                fixed++;
            }
        }
    for (size_t i = 0; i < n; i++) free(b[i]);
    free(b);
    return fixed;
}

int thai_fonts_repair(char *text, size_t len, const char *const *am_words, size_t n_am, const char *const *aa_words,
                      size_t n_aa)
{
    return repair(text, len, am_words, n_am, AM, AA) + repair(text, len, aa_words, n_aa, AA, AM);
}
