/* words.c — a rule's `words:` condition: Thai word boundaries (ICU, see
 * wordbreak.h) decide whether a match glued to the text before it begins a
 * word, and where a value glued to the text after it ends.  And its
 * `known:` lists: a value whose first or last word is a known given or
 * family name is more likely a name. */
#include "detect.h"

#include "../util/utf8.h"

#define LOOK_BACK 90u   /* bytes of the word before: enough for ICU to see it */

static int thai_letter_before(const char *s, size_t at)
{
    if (at < 3) return 0;
    const unsigned char *u = (const unsigned char *)s + at - 3;
    if (u[0] != 0xE0 || (u[1] & 0xFE) != 0xB8) return 0;
    unsigned c = ((u[1] & 1u) << 6) | (u[2] & 0x3Fu);
    return c >= 0x01 && c <= 0x4E;
}

static int thai_letter_in(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i + 3 <= to; i++)
        if (thai_letter_before(s, i + 3)) return 1;
    return 0;
}

/* Start of the run of non-space text holding at, looking back at most
 * LOOK_BACK bytes. */
static size_t run_start(const char *s, size_t at)
{
    size_t lo = at > LOOK_BACK ? utf8_floor(s, at - LOOK_BACK) : 0, i = at;
    while (i > lo && s[i - 1] != ' ' && s[i - 1] != '\n' && s[i - 1] != '\t') i--;
    return i;
}

static int is_boundary(const size_t *b, size_t n, size_t at)
{
    for (size_t i = 0; i < n; i++)
        if (b[i] == at) return 1;
    return 0;
}

/* Does the match at ms begin a word?  Only asked when a Thai letter stands
 * right before it. */
static int begins_word(const char *norm, size_t ms, size_t me, detect_scratch *sc)
{
    const size_t *b;
    size_t n = wordbreak_find(&sc->wb, norm, run_start(norm, ms), me, &b);
    return n > 0 && is_boundary(b, n, ms);
}

/* The end of the longest known place (a phrase of ru->words_places) that
 * stands between two word boundaries b[] before ve, or 0. */
static size_t place_end(const pdp_rule *ru, const char *norm, const size_t *b, size_t n, size_t ve)
{
    size_t best = 0;
    for (size_t i = 0; i < n && b[i] < ve; i++)
        for (size_t j = i + 1; j < n && b[j] <= ve && b[j] - b[i] <= ru->words_places->longest; j++)
            if (b[j] > best && word_set_has(ru->words_places, norm + b[i], b[j] - b[i])) best = b[j];
    return best;
}

/* End the value's last part after a known place (end_known), else at the
 * first word boundary where a phrase of ru->words_end begins. */
static int end_last_word(const pdp_rule *ru, const char *norm, size_t nlen, size_t vs, size_t *ve,
                         detect_scratch *sc)
{
    size_t last = *ve;
    while (last > vs && norm[last - 1] != ' ') last--;
    if (last == vs) return 1;
    /* the last part only: the patterns end values where Thai letters end, so
     * what follows is no part of its last word */
    const size_t *b;
    size_t n = wordbreak_find(&sc->wb, norm, last, *ve, &b), cut = 0;
    if (ru->words_places) cut = place_end(ru, norm, b, n, *ve);
    if (cut && !thai_letter_in(norm, cut, *ve)) cut = *ve; /* only a postcode after it: keep that */
    for (size_t i = 0; !cut && ru->words_end && i < n && b[i] < *ve; i++)
        if (b[i] != last &&
            pcre2_match(lazy_re_get(ru->words_end), (PCRE2_SPTR)norm, nlen, b[i], PCRE2_NO_UTF_CHECK, sc->md, NULL) >= 0)
            cut = b[i];
    if (cut) *ve = cut;
    if (ru->words_max_last && utf8_count(norm + last, *ve - last) > (size_t)ru->words_max_last) return 0;
    return 1;
}

int words_fit(const pdp_rule *ru, const char *norm, size_t nlen, size_t ms, size_t vs, size_t *ve, detect_scratch *sc)
{
    if (ru->words_start && thai_letter_before(norm, ms) && !begins_word(norm, ms, *ve, sc)) return 0;
    if (ru->words_end || ru->words_places) return end_last_word(ru, norm, nlen, vs, ve, sc);
    return 1;
}

int words_known(const pdp_rule *ru, const char *norm, size_t vs, size_t ve, double *boost)
{
    *boost = 0;
    if (!ru->known_first && !ru->known_last) return 1;
    size_t first_end = vs, last = ve;
    while (first_end < ve && norm[first_end] != ' ') first_end++;
    while (last > vs && norm[last - 1] != ' ') last--;
    int known = word_set_has(ru->known_first, norm + vs, first_end - vs) ||
                word_set_has(ru->known_last, norm + last, ve - last);
    if (known) *boost = ru->known_boost;
    return known || !ru->known_required;
}
