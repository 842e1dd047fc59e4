/* ocr_latin.c — an e-mail address on a Thai scan read again in Latin
 * script (see ocr_latin.h). */
#include "ocr_latin.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

static int blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The word of s around s[at]: [*from, *to). */
static void word_around(const char *s, size_t at, size_t *from, size_t *to)
{
    size_t a = at, b = at;
    while (a > 0 && !blank(s[a - 1])) a--;
    while (s[b] && !blank(s[b])) b++;
    *from = a;
    *to = b;
}

static int address_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && strchr("._%+-", c));
}

/* Is s[a, b) an e-mail address: name@domain.tld of address characters? */
static int is_address(const char *s, size_t a, size_t b)
{
    const char *at = memchr(s + a, '@', b - a);
    if (!at || at == s + a) return 0;
    size_t k = (size_t)(at - s);
    for (size_t i = a; i < b; i++)
        if (i != k && !address_char(s[i])) return 0;
    const char *dot = memchr(at + 1, '.', b - k - 1);
    return dot && dot > at + 1 && dot < s + b - 1 && s[b - 1] != '.';
}

int ocr_latin_swap(char **text, const char *latin)
{
    const char *t = *text, *la = strchr(latin, '@'), *ta = strchr(t, '@');
    if (!la || !ta) return 0;
    size_t lf, lt, tf, tt;
    word_around(latin, (size_t)(la - latin), &lf, &lt);
    while (lt > lf && strchr(".,;:)>]", latin[lt - 1])) lt--; /* the sentence's stop, a bracket */
    while (lf < lt && strchr("(<[", latin[lf])) lf++;
    /* specks read as brackets, bars or quotes inside it ("mali.h}@") out */
    char *word = xstrndup(latin + lf, lt - lf);
    size_t n = 0;
    for (size_t i = 0; word[i]; i++)
        if (!strchr("{}[]()|'`\"", word[i])) word[n++] = word[i];
    word[n] = 0;
    if (!is_address(word, 0, n)) {
        free(word);
        return 0;
    }
    word_around(t, (size_t)(ta - t), &tf, &tt);
    buf out;
    buf_init(&out);
    buf_append(&out, t, tf);
    buf_puts(&out, word);
    buf_puts(&out, t + tt);
    free(word);
    free(*text);
    *text = buf_steal(&out);
    return 1;
}
