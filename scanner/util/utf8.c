/* utf8.c — UTF-8 decoding and validation (see utf8.h). */
#include "utf8.h"

#include "buf.h"
#include <stdio.h>
#include <string.h>

#include "simd.h"

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0) return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

size_t utf8_valid_prefix(const unsigned char *s, size_t n, int *incomplete)
{
    size_t i = 0;
    *incomplete = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t l = utf8_decode(s + i, n - i, &cp);
        if (!l) {
            /* Is it merely cut off by the end of the buffer? */
            size_t want = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC2 ? 2 : 0;
            if (want && n - i < want) {
                int ok = 1;
                for (size_t k = i + 1; k < n; k++)
                    if ((s[k] & 0xC0) != 0x80) ok = 0;
                *incomplete = ok;
            }
            return i;
        }
        i += l;
    }
    return i;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_floor(const char *s, size_t off)
{
    while (off > 0 && ((unsigned char)s[off] & 0xC0) == 0x80) off--;
    return off;
}

size_t utf8_cut_start(const unsigned char *s, size_t from, size_t i)
{
    for (size_t c = i; c > from && i - c < 3;) {
        unsigned char b = s[--c];
        if ((b & 0xC0) == 0x80) continue;
        size_t want = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return want > i - c ? c : i;
    }
    return i;
}

size_t utf8_ceil(const char *s, size_t len, size_t off)
{
    while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80) off++;
    return off;
}

size_t utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

#ifdef PDP_SSE2
/* Ten characters (30 bytes) at a time: the bytes of each in their place —
 * E0, then B8 or B9, then a continuation byte. */
static inline PDP_ALWAYS size_t thai_run_blocks_by(const unsigned char *s, size_t n, size_t i, v32_mask_fn *mask)
{
    while (i + 32 <= n) {
        v32 x = v32_at(s + i);
        uint32_t lead = mask(v32_eq(x, 0xE0)), page = mask(v32_eq(x & 0xFE, 0xB8));
        uint32_t cont = mask((v32)((v32s)x < (signed char)0xC0)); /* 80..BF */
        uint32_t bad = ~((lead & 0x09249249u) | (page & 0x12492492u) | (cont & 0x24924924u)) & 0x3FFFFFFFu;
        if (bad) return i + 3 * (lowest_bit(bad) / 3);
        i += 30;
    }
    return i;
}
static size_t thai_run_blocks_sse2(const unsigned char *s, size_t n, size_t i)
{
    return thai_run_blocks_by(s, n, i, v32_mask_sse2);
}
__attribute__((target("avx2"))) static size_t thai_run_blocks_avx2(const unsigned char *s, size_t n, size_t i)
{
    return thai_run_blocks_by(s, n, i, v32_mask_avx2);
}
static size_t thai_run_blocks(const unsigned char *s, size_t n, size_t i, int avx2)
{
    return avx2 ? thai_run_blocks_avx2(s, n, i) : thai_run_blocks_sse2(s, n, i);
}
#else
/* Byte masks and values of eight Thai characters (E0, B8 or B9, 80..BF),
 * as three eight-byte words. */
static const unsigned char thai_mask[24] = { 0xFF, 0xFE, 0xC0, 0xFF, 0xFE, 0xC0, 0xFF, 0xFE, 0xC0, 0xFF, 0xFE, 0xC0,
                                             0xFF, 0xFE, 0xC0, 0xFF, 0xFE, 0xC0, 0xFF, 0xFE, 0xC0, 0xFF, 0xFE, 0xC0 };
static const unsigned char thai_value[24] = { 0xE0, 0xB8, 0x80, 0xE0, 0xB8, 0x80, 0xE0, 0xB8, 0x80, 0xE0, 0xB8, 0x80,
                                              0xE0, 0xB8, 0x80, 0xE0, 0xB8, 0x80, 0xE0, 0xB8, 0x80, 0xE0, 0xB8, 0x80 };

/* Eight characters (24 bytes) at a time, as three words. */
static size_t thai_run_blocks(const unsigned char *s, size_t n, size_t i, int avx2)
{
    (void)avx2;
    uint64_t m[3], v[3], x[3];
    memcpy(m, thai_mask, 24);
    memcpy(v, thai_value, 24);
    while (i + 24 <= n) {
        memcpy(x, s + i, 24);
        if (((x[0] & m[0]) ^ v[0]) | ((x[1] & m[1]) ^ v[1]) | ((x[2] & m[2]) ^ v[2])) break;
        i += 24;
    }
    return i;
}
#endif

/* The end of the run of Thai-block characters (E0 B8/B9 xx) from s[i],
 * checked 30 bytes (ten characters) at a time where SSE2 is there (with
 * AVX2: avx2 != 0), else 24. */
static size_t thai_run_by(const unsigned char *s, size_t n, size_t i, int avx2)
{
    i = thai_run_blocks(s, n, i, avx2);
    while (i + 2 < n && !((s[i] ^ 0xE0) | ((s[i + 1] & 0xFE) ^ 0xB8) | ((s[i + 2] & 0xC0) ^ 0x80))) i += 3;
    return i;
}

/* The end of the run of ASCII bytes other than NUL from s[i], eight at a
 * time. */
static size_t ascii_run(const unsigned char *s, size_t n, size_t i)
{
    while (i + 8 <= n) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
        if ((x | ((x - ones) & ~x)) & high) break; /* a byte >= 0x80, or a zero byte */
        i += 8;
    }
    while (i < n && (unsigned char)(s[i] - 1) < 0x7F) i++;
    return i;
}

#ifdef PDP_SSE2
/* Bit masks of one 32-byte block: bytes >= 0x80, NUL, E0, B8 or B9,
 * 80..BF. */
typedef struct block_masks {
    uint32_t high, nul, e0, mid, cont;
} block_masks;

static inline PDP_ALWAYS block_masks masks_at(const unsigned char *p, v32_mask_fn *mask)
{
    v32 x = v32_at(p);
    block_masks m;
    m.high = mask(x);
    m.nul = mask(v32_eq(x, 0));
    m.e0 = mask(v32_eq(x, 0xE0));
    m.mid = mask(v32_eq(x & 0xFE, 0xB8));
    m.cont = mask((v32)((v32s)x < (signed char)0xC0)); /* signed: 0x80..0xBF are the bytes below 0xC0 */
    return m;
}

/* A block is clean when each of its bytes is ASCII other than NUL or
 * belongs to a Thai character starting in it (lead E0, then B8/B9, then
 * 80..BF — the next block finishes it) or to one that the block before
 * began (carry).  Returns where the clean blocks from i end (a character
 * start). */
static inline PDP_ALWAYS size_t thai_ascii_blocks(const unsigned char *s, size_t n, size_t i, v32_mask_fn *mask)
{
    uint64_t carry = 0;
    if (i + 64 <= n) {
        block_masks cur = masks_at(s + i, mask);
        while (i + 64 <= n) {
            block_masks next = masks_at(s + i + 32, mask);
            uint64_t mid = cur.mid | (uint64_t)next.mid << 32, cont = cur.cont | (uint64_t)next.cont << 32;
            uint64_t lead = cur.e0 & mid >> 1 & cont >> 2;
            uint64_t covered = lead | lead << 1 | lead << 2 | carry;
            if (cur.nul | (cur.high & ~(uint32_t)covered)) break;
            carry = covered >> 32;
            cur = next;
            i += 32;
        }
    }
    return carry ? utf8_floor((const char *)s, i) : i; /* (stopped inside a Thai character: back to its start) */
}

static size_t thai_ascii_blocks_sse2(const unsigned char *s, size_t n, size_t i)
{
    return thai_ascii_blocks(s, n, i, v32_mask_sse2);
}
__attribute__((target("avx2"))) static size_t thai_ascii_blocks_avx2(const unsigned char *s, size_t n, size_t i)
{
    return thai_ascii_blocks(s, n, i, v32_mask_avx2);
}
#endif

size_t utf8_thai_ascii_run_by(const unsigned char *s, size_t n, size_t i, int avx2)
{
#ifdef PDP_SSE2
    i = avx2 ? thai_ascii_blocks_avx2(s, n, i) : thai_ascii_blocks_sse2(s, n, i);
#else
    (void)avx2;
#endif
    for (;;) {
        size_t e = ascii_run(s, n, thai_run_by(s, n, i, avx2));
        if (e == i) return i;
        i = e;
    }
}

size_t utf8_thai_ascii_run(const unsigned char *s, size_t n, size_t i)
{
    return utf8_thai_ascii_run_by(s, n, i, pdp_has_avx2());
}

size_t utf8_clean_run(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        i = utf8_thai_ascii_run(s, n, i);
        if (i >= n || s[i] == 0) break;
        uint32_t cp;
        size_t l = utf8_decode(s + i, n - i, &cp);
        if (!l) break;
        i += l;
    }
    return i;
}

char *utf8_printable(const char *s)
{
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)u);
    char *out = xmalloc(6 * n + 1), *o = out;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = utf8_decode(u + i, n - i, &cp);
        if (!l) {
            o += sprintf(o, "\\x%02X", u[i++]);
        } else if (cp < 0x20 || cp == 0x7F) {
            o += sprintf(o, "\\x%02X", (unsigned)cp);
            i += l;
        } else if (cp >= 0x80 && cp <= 0x9F) {
            o += sprintf(o, "\\u%04X", (unsigned)cp);
            i += l;
        } else {
            memcpy(o, u + i, l);
            o += l;
            i += l;
        }
    }
    *o = 0;
    return out;
}
