/* zones.c — digit zones of normalized text (see zones.h). */
#include "zones.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/simd.h"

static inline int is_digit(char c) { return (unsigned char)(c - '0') < 10; }

static inline int is_sep(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '.' || c == '-' || c == '(' || c == ')' ||
           c == '/' || c == '+';
}

static void push(zone_vec *z, size_t start, size_t end, uint32_t digits)
{
    if (z->len == z->cap) {
        z->cap = z->cap ? z->cap * 2 : 256;
        z->v = xrealloc(z->v, z->cap * sizeof *z->v);
    }
    z->v[z->len++] = (zone){ start, end, digits };
}

/* Index of the first ASCII digit at or after i, or len: sixteen bytes at a
 * time with SSE2, else eight — the test flags a word holding a byte in
 * '0'..'9' (bytes with the high bit set, all of Thai text, never flag). */
static size_t next_digit(const char *s, size_t len, size_t i)
{
#ifdef PDP_SSE2
    const __m128i lo = _mm_set1_epi8('0' - 1), hi = _mm_set1_epi8('9' + 1);
    for (; i + 16 <= len; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(s + i)); /* signed: bytes >= 0x80 are below '0' */
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, lo), _mm_cmplt_epi8(x, hi)));
        if (m) return i + lowest_bit(m);
    }
#else
    const uint64_t ones = 0x0101010101010101ULL, low7 = ones * 127, high = ones * 128;
    while (i + 8 <= len) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t t = ((ones * (127 + '9' + 1) - (x & low7)) & ~x & ((x & low7) + ones * (127 - ('0' - 1)))) & high;
        if (t) break;
        i += 8;
    }
#endif
    while (i < len && !is_digit(s[i])) i++;
    return i;
}

void zones_find_digits(const char *s, size_t len, zone_vec *out)
{
    out->len = 0;
    size_t i = 0;
    while (i < len) {
        i = next_digit(s, len, i);
        if (i >= len) break;
        size_t start = i, end;
        uint32_t digits = 0;
        for (;;) {
            while (i < len && is_digit(s[i])) {
                i++;
                digits++;
            }
            end = i;
            size_t j = i;
            while (j < len && j - i < ZONE_GAP && is_sep(s[j])) j++;
            if (j > i && j < len && is_digit(s[j])) {
                i = j;
                continue;
            }
            break;
        }
        push(out, start, end, digits);
        i = end;
    }
}

void zone_vec_free(zone_vec *z)
{
    free(z->v);
    z->v = NULL;
    z->len = z->cap = 0;
}
