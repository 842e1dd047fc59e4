/* prefix.c — phrase-start positions (see prefix.h). */
#include "prefix.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

#include "../util/utf8.h"

static inline void set(uint8_t *bits, int k) { bits[k / 8] |= (uint8_t)(1u << (k % 8)); }

#define CONFIRM_CHARS 8

/* Bytes of the first (up to) CONFIRM_CHARS characters of s[0..len), and
 * never past a space (a space in a phrase matches any spacing). */
static size_t head_bytes(const char *s, size_t len)
{
    size_t off = 0;
    for (int c = 0; c < CONFIRM_CHARS && off < len && s[off] != ' '; c++) off = utf8_ceil(s, len, off + 1);
    return off;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

void prefix_set_free(prefix_set *ps)
{
    for (size_t i = 0; i < ps->nprefixes; i++) free(ps->prefixes[i]);
    free(ps->prefixes);
    free(ps->prefix_len);
    free(ps->head);
    free(ps->head_mask);
    ps->prefixes = NULL;
    ps->prefix_len = NULL;
    ps->head = ps->head_mask = NULL;
    ps->nprefixes = 0;
}

int prefix_set_confirm(const prefix_set *ps, const char *s, size_t len, size_t i)
{
    if (ps->any) return 1;
    size_t l;
    int c = prefix_char((const unsigned char *)s, len, i, &l);
    if (c < 0) return 0;
    /* Only the phrases starting with this character; shorter ones compare
     * on their own length. */
    uint64_t w = 0;
    memcpy(&w, s + i, len - i < 8 ? len - i : 8);
    for (size_t k = ps->from[c]; k < ps->from[c + 1]; k++) {
        size_t pl = ps->prefix_len[k];
        if ((w & ps->head_mask[k]) != ps->head[k] || pl > len - i) continue;
        if (pl <= 8 || memcmp(s + i + 8, ps->prefixes[k] + 8, pl - 8) == 0) return 1;
    }
    return 0;
}

void prefix_set_build(prefix_set *ps, const char *const *phrases, size_t n)
{
    memset(ps, 0, sizeof *ps);
    ps->prefixes = xcalloc(n ? n : 1, sizeof *ps->prefixes);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(phrases[i]);
        if (len) ps->prefixes[ps->nprefixes++] = xstrndup(phrases[i], head_bytes(phrases[i], len));
    }
    qsort(ps->prefixes, ps->nprefixes, sizeof *ps->prefixes, cmp_str);
    ps->prefix_len = xcalloc(ps->nprefixes ? ps->nprefixes : 1, 1);
    ps->head = xcalloc(ps->nprefixes ? ps->nprefixes : 1, sizeof *ps->head);
    ps->head_mask = xcalloc(ps->nprefixes ? ps->nprefixes : 1, sizeof *ps->head_mask);
    for (size_t i = 0; i < ps->nprefixes; i++) {
        size_t pl = strlen(ps->prefixes[i]), hl = pl < 8 ? pl : 8;
        unsigned char ones[8] = { 0 };
        memset(ones, 0xFF, hl);
        ps->prefix_len[i] = (uint8_t)pl;
        memcpy(&ps->head[i], ps->prefixes[i], hl);
        memcpy(&ps->head_mask[i], ones, 8);
    }
    /* Sorted bytewise, prefixes group by their first character. */
    size_t k = 0;
    for (int c = 0; c < 256; c++) {
        ps->from[c] = (uint16_t)k;
        while (k < ps->nprefixes) {
            size_t l;
            int pc = prefix_char((const unsigned char *)ps->prefixes[k], strlen(ps->prefixes[k]), 0, &l);
            if (pc != c) break;
            k++;
        }
    }
    ps->from[256] = (uint16_t)k;
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = (const unsigned char *)phrases[i];
        size_t len = strlen(phrases[i]), l1 = 0, l2 = 0;
        int a = prefix_char(p, len, 0, &l1);
        if (a < 0) {
            ps->any = 1;
            continue;
        }
        int b = prefix_char(p, len, l1, &l2);
        ps->first[a] = 1;
        if (l1 == len) set(ps->single, a);
        else if (b < 0) ps->any = 1;
        else set(ps->pair, a << 8 | b);
    }
}

