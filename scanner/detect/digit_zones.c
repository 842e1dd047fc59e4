/* digit_zones.c — digit zones of normalized text (see digit_zones.h). */
#include "digit_zones.h"

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

#ifdef PDP_SSE2
/* The first ASCII digit from i on, 32 bytes at a time; where blocks end
 * when there is none in them. */
static inline PDP_ALWAYS size_t digit_blocks(const char *s, size_t len, size_t i, v32_mask_fn *mask)
{
    for (; i + 32 <= len; i += 32) {
        uint32_t m = mask((v32)((v32_at((const unsigned char *)s + i) - '0') < 10));
        if (m) return i + lowest_bit(m);
    }
    return i;
}
static size_t digit_blocks_sse2(const char *s, size_t len, size_t i) { return digit_blocks(s, len, i, v32_mask_sse2); }
__attribute__((target("avx2"))) static size_t digit_blocks_avx2(const char *s, size_t len, size_t i)
{
    return digit_blocks(s, len, i, v32_mask_avx2);
}
#endif

/* Index of the first ASCII digit at or after i, or len: 32 bytes at a time
 * where SSE2 is there (AVX2 where the processor has it), else eight — the
 * test flags a word holding a byte in '0'..'9' (bytes with the high bit
 * set, all of Thai text, never flag). */
static size_t next_digit(const char *s, size_t len, size_t i, int avx2)
{
#ifdef PDP_SSE2
    i = avx2 ? digit_blocks_avx2(s, len, i) : digit_blocks_sse2(s, len, i);
#else
    (void)avx2;
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
    int avx2 = pdp_has_avx2();
    size_t i = 0;
    while (i < len) {
        i = next_digit(s, len, i, avx2);
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

void zones_select(const zone_vec *all, uint32_t min_digits, zone_vec *out)
{
    out->len = 0;
    for (size_t i = 0; i < all->len; i++)
        if (all->v[i].digits >= min_digits) push(out, all->v[i].start, all->v[i].end, all->v[i].digits);
}

void zone_vec_free(zone_vec *z)
{
    free(z->v);
    z->v = NULL;
    z->len = z->cap = 0;
}
