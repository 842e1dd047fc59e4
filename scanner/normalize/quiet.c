/* quiet.c — the normalizer's fast path (quiet.h): text that needs no
 * repair copied as it is, Thai digits written as ASCII, up to where
 * normalization first has something else to do.
 *
 * One character at a time: each Thai letter is looked at once, with the one
 * after it, in a table of the pairs that thai_norm.c repairs (repair_next).
 * Thirty-two bytes at a time (AVX2, or SSSE3 sixteen and sixteen): each
 * character's classes are looked up (PSHUFB) from its last byte and the
 * byte before it, and the bytes where the span must stop are marked — the
 * first of a pair to repair, a space before a mark, a character that is not
 * Thai; the block is passed over when none is marked.  Where the text is
 * valid UTF-8 the block path stops exactly where the character path would
 * (for the character path the unassigned U+0E7F is not Thai: the blocks
 * stop there too). */
#include "quiet.h"

#include <stdint.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/simd.h"
#include "../util/utf8.h"

/* Which Thai letters U+0E00+b after a Thai letter U+0E00+a send the pair to
 * the slow path: bit b of repair_next[a] (b = 0x7F when no Thai letter
 * follows).  All bits for a digit, ๅ and ํ (always the slow path); for the
 * others, the pairs that repair_thai() changes: เเ, ำา, a tone before an
 * above/below vowel or ํ, ะ า ำ before a tone. */
#define ALL { ~0ULL, ~0ULL }
#define ABOVE_BELOW_OR_NIKHAHIT { 1ULL << 0x31 | 0x7FULL << 0x34, 1ULL << (0x4D - 64) }
#define TONES (0xFULL << (0x48 - 64))
static const uint64_t repair_next[128][2] = {
    [0x30] = { 0, TONES }, [0x32] = { 0, TONES }, [0x33] = { 1ULL << 0x32, TONES },
    [0x40] = { 0, 1ULL << (0x40 - 64) }, [0x45] = ALL,
    [0x48] = ABOVE_BELOW_OR_NIKHAHIT, [0x49] = ABOVE_BELOW_OR_NIKHAHIT,
    [0x4A] = ABOVE_BELOW_OR_NIKHAHIT, [0x4B] = ABOVE_BELOW_OR_NIKHAHIT,
    [0x4D] = ALL, [0x50] = ALL, [0x51] = ALL, [0x52] = ALL, [0x53] = ALL, [0x54] = ALL,
    [0x55] = ALL, [0x56] = ALL, [0x57] = ALL, [0x58] = ALL, [0x59] = ALL,
};
#undef ALL
#undef ABOVE_BELOW_OR_NIKHAHIT
#undef TONES


/* The index in the Thai block of the character at s[i], or 0x7F when it is
 * not one (E0 B8/B9 xx; the input is valid UTF-8). */
static inline unsigned thai_index_at(const unsigned char *s, size_t len, size_t i)
{
    return utf8_thai_at(s, len, i) ? utf8_thai_index(s, i) : 0x7F;
}

/* The end of the run of ASCII bytes other than space from i, eight at a time. */
static size_t ascii_word_run(const unsigned char *s, size_t len, size_t i)
{
    const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80, spaces = ones * ' ';
    while (i + 8 <= len) {
        uint64_t x, y;
        memcpy(&x, s + i, 8);
        y = x ^ spaces; /* a zero byte where a space was */
        if ((x | ((y - ones) & ~y)) & high) break;
        i += 8;
    }
    while (i < len && s[i] < 0x80 && s[i] != ' ') i++;
    return i;
}

size_t quiet_one_by_one(const unsigned char *s, size_t len, size_t i)
{
    while (i < len) {
        unsigned a = thai_index_at(s, len, i);
        if (a != 0x7F) { /* a run of Thai letters that need no repair */
            for (;;) {
                unsigned b = thai_index_at(s, len, i + 3);
                if (repair_next[a][b >> 6] >> (b & 63) & 1) return i;
                i += 3;
                if (b == 0x7F) break; /* (or the unassigned U+0E7F: looked at again below) */
                a = b;
            }
        }
        i = ascii_word_run(s, len, i);
        if (i >= len) break;
        if (s[i] == ' ') {
            unsigned n = thai_index_at(s, len, i + 1);
            if (n != 0x7F && thai_index_combining(n)) return i;
            i++;
        } else if (s[i] >= 0x80 && thai_index_at(s, len, i) == 0x7F) { /* not Thai */
            return i;
        }
    }
    return len;
}


#ifdef PDP_SSE2
/* What differs between the AVX2 and the SSSE3 way: t[i] for each byte
 * (i < 16; the table holds its 16 entries twice, once for each half) — one
 * PSHUFB per 16 or 32 bytes. */
typedef v32 lookup_fn(v32 t, v32 i);
__attribute__((target("avx2"))) static inline PDP_ALWAYS v32 lookup_avx2(v32 t, v32 i)
{
    return (v32)_mm256_shuffle_epi8((__m256i)t, (__m256i)i);
}
__attribute__((target("ssse3"))) static inline PDP_ALWAYS v32 lookup_ssse3(v32 t, v32 i)
{
    __m128i t0, half[2];
    memcpy(&t0, &t, sizeof t0);
    memcpy(half, &i, sizeof half);
    half[0] = _mm_shuffle_epi8(t0, half[0]);
    half[1] = _mm_shuffle_epi8(t0, half[1]);
    memcpy(&i, half, sizeof i);
    return i;
}

/* Classes of a Thai character U+0E00 + 64 * page + 16 * row + col, read off
 * its last byte 0x80 + 16 * row + col and the byte before it (0xB8 + page)
 * as lo[col] & (page 0 ? row8[row] : page 1 ? row9[row] : 0) — each class
 * bit is one page, a set of rows and a set of columns.  Two sets: what a
 * character is (second of a pair), and what the character after it must be
 * for the pair to need a repair (first of a pair), with the characters that
 * always do. */
typedef struct char_classes {
    v32 lo, row8, row9;
} char_classes;
#define TABLE(...) { __VA_ARGS__, __VA_ARGS__ }

enum { /* what a character is */
    IS_TONE = 1,         /* ่ ้ ๊ ๋   U+0E48..4B */
    IS_SARA_AA = 2,      /* า        U+0E32 */
    IS_SARA_E = 4,       /* เ        U+0E40 */
    IS_ABOVE_BELOW = 8,  /* ั ิ..ฺ    U+0E31, 0E34..3A */
    IS_NIKHAHIT = 16,    /* ํ        U+0E4D */
    IS_MARK_9 = 32,      /* ็..๎     U+0E47..4E */
};
static const char_classes is = {
    TABLE(IS_SARA_E, IS_ABOVE_BELOW, IS_SARA_AA, 0, IS_ABOVE_BELOW, IS_ABOVE_BELOW, IS_ABOVE_BELOW,
          IS_ABOVE_BELOW | IS_MARK_9, IS_TONE | IS_ABOVE_BELOW | IS_MARK_9, IS_TONE | IS_ABOVE_BELOW | IS_MARK_9,
          IS_TONE | IS_ABOVE_BELOW | IS_MARK_9, IS_TONE | IS_MARK_9, IS_MARK_9, IS_NIKHAHIT | IS_MARK_9, IS_MARK_9, 0),
    TABLE(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, IS_SARA_AA | IS_ABOVE_BELOW, 0, 0, 0, 0),
    TABLE(0, 0, 0, 0, 0, 0, 0, 0, IS_TONE | IS_SARA_E | IS_NIKHAHIT | IS_MARK_9, 0, 0, 0, 0, 0, 0, 0),
};
enum { /* the character after it must be (IS_ bits), or it always needs a look */
    NEEDS_TONE = IS_TONE,                                /* after ะ า ำ */
    NEEDS_SARA_AA = IS_SARA_AA,                          /* after ำ */
    NEEDS_SARA_E = IS_SARA_E,                            /* after เ */
    NEEDS_MARK = IS_ABOVE_BELOW | IS_NIKHAHIT,           /* after a tone */
    ALWAYS_85_8D = 32,                                   /* ๅ ํ */
    ALWAYS_DIGIT = 64,                                   /* ๐..๙ */
    ALWAYS_7F = 128,                                     /* U+0E7F (not Thai for quiet_one_by_one) */
};
static const char_classes needs = {
    TABLE(NEEDS_TONE | NEEDS_SARA_E | ALWAYS_DIGIT, ALWAYS_DIGIT, NEEDS_TONE | ALWAYS_DIGIT,
          NEEDS_TONE | NEEDS_SARA_AA | ALWAYS_DIGIT, ALWAYS_DIGIT, ALWAYS_85_8D | ALWAYS_DIGIT, ALWAYS_DIGIT,
          ALWAYS_DIGIT, NEEDS_MARK | ALWAYS_DIGIT, NEEDS_MARK | ALWAYS_DIGIT, NEEDS_MARK, NEEDS_MARK, 0,
          ALWAYS_85_8D, 0, ALWAYS_7F),
    TABLE(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, NEEDS_TONE | NEEDS_SARA_AA, 0, 0, 0, 0),
    TABLE(0, 0, 0, 0, 0, 0, 0, 0, NEEDS_SARA_E | NEEDS_MARK | ALWAYS_85_8D, ALWAYS_DIGIT, 0, ALWAYS_7F, 0, 0, 0, 0),
};
#undef TABLE

/* The classes of the characters whose last byte is x and page byte y
 * (zero where that is not a Thai character). */
static inline PDP_ALWAYS v32 classes(const char_classes *c, v32 y, v32 x, lookup_fn *lookup)
{
    v32 rows = (v32_eq(y, 0xB8) & lookup(c->row8, x >> 4)) | (v32_eq(y, 0xB9) & lookup(c->row9, x >> 4));
    return lookup(c->lo, x & 15) & rows;
}

/* For the 32 bytes at p (p + 37 <= len): a non-zero byte where the span
 * must stop — at the first byte of a Thai character that needs a look
 * with the character after it, at a space before a combining mark, at the
 * first byte of a character that is not Thai. */
static inline PDP_ALWAYS v32 block_stops(const unsigned char *p, lookup_fn *lookup)
{
    v32 x0 = v32_at(p), x1 = v32_at(p + 1), x2 = v32_at(p + 2), x3 = v32_at(p + 3), x4 = v32_at(p + 4), x5 = v32_at(p + 5);
    v32 pair = classes(&needs, x1, x2, lookup) & (classes(&is, x4, x5, lookup) | 0xE0);
    v32 space = v32_eq(x0, ' ') & classes(&is, x2, x3, lookup) & (IS_ABOVE_BELOW | IS_MARK_9);
    v32 lead = (v32)((v32s)x0 >= (signed char)0xC0) & (v32)((v32s)x0 < 0);
    v32 thai = v32_eq(x0, 0xE0) & v32_eq(x1 & 0xFE, 0xB8);
    return pair | space | (lead & ~thai);
}

#endif

/* The end of the run of Thai digits from s[i]. */
static inline size_t digits_end(const unsigned char *s, size_t len, size_t i)
{
    while (i + 2 < len && s[i] == 0xE0 && s[i + 1] == 0xB9 && (unsigned)(s[i + 2] - 0x90) < 10) i += 3;
    return i;
}

/* The Thai digits from s[i] to s[j], appended to out as ASCII, the run
 * recorded in map; returns the bytes read. */
static size_t write_digits(const unsigned char *s, size_t i, size_t j, buf *out, offmap *map)
{
    if (j == i) return 0;
    size_t k = (j - i) / 3;
    buf_reserve(out, k);
    offmap_add_uniform(map, out->len, i, (uint32_t)k, 3);
    for (size_t d = i; d < j; d += 3) out->data[out->len++] = (char)('0' + (s[d + 2] - 0x90));
    out->data[out->len] = 0;
    return j - i;
}

/* Thai digits from s[i] on, appended to out as ASCII (write_digits);
 * returns the bytes read (0: no Thai digit at i). */
static size_t thai_digits(const unsigned char *s, size_t len, size_t i, buf *out, offmap *map)
{
    return write_digits(s, i, digits_end(s, len, i), out, map);
}

#ifdef PDP_SSE2
/* digits_end, ten digits (30 bytes) at a time. */
static inline PDP_ALWAYS size_t digits_end_blocks(const unsigned char *s, size_t len, size_t i, v32_mask_fn *mask)
{
    for (; i + 34 <= len; i += 30) {
        v32 x0 = v32_at(s + i), x1 = v32_at(s + i + 1), x2 = v32_at(s + i + 2);
        uint32_t gaps = ~mask(v32_eq(x0, 0xE0) & v32_eq(x1, 0xB9) & (v32)((v32)(x2 - 0x90) < 10)) & 0x09249249u;
        if (gaps) return i + lowest_bit(gaps); /* (a multiple of three: the first character not a digit) */
    }
    return digits_end(s, len, i);
}

/* From i (a character start), 32 bytes at a time, each copied to out as it
 * is passed over, Thai digits written as ASCII where the blocks stop at
 * them: returns the first byte that needs another look, or where blocks
 * end (a character start). */
static inline PDP_ALWAYS size_t copy_blocks(const unsigned char *s, size_t len, size_t i, buf *out, offmap *map,
                                            lookup_fn *lookup, v32_mask_fn *mask)
{
    size_t start = i; /* (no digit written since) */
    while (i + 37 <= len) {
        if (out->cap - out->len < 33) buf_reserve(out, 32);
        memcpy(out->data + out->len, s + i, 32);
        uint32_t m = ~mask(v32_eq(block_stops(s + i, lookup), 0));
        if (!m) {
            out->len += 32;
            i += 32;
            continue;
        }
        out->len += lowest_bit(m);
        i += lowest_bit(m);
        size_t k = write_digits(s, i, digits_end_blocks(s, len, i, mask), out, map);
        if (!k) break;
        start = i += k;
    }
    while (i > start && (s[i] & 0xC0) == 0x80) { /* inside a character: back to its start */
        i--;
        out->len--;
    }
    out->data[out->len] = 0;
    return i;
}

__attribute__((target("ssse3"))) static size_t copy_blocks_ssse3(const unsigned char *s, size_t len, size_t i,
                                                                 buf *out, offmap *map)
{
    return copy_blocks(s, len, i, out, map, lookup_ssse3, v32_mask_sse2);
}
__attribute__((target("avx2"))) static size_t copy_blocks_avx2(const unsigned char *s, size_t len, size_t i, buf *out,
                                                               offmap *map)
{
    return copy_blocks(s, len, i, out, map, lookup_avx2, v32_mask_avx2);
}
#endif

size_t quiet_copy_by(const unsigned char *s, size_t len, size_t i, buf *out, offmap *map, quiet_way way)
{
    for (;;) {
#ifdef PDP_SSE2
        if (way == QUIET_AVX2) i = copy_blocks_avx2(s, len, i, out, map);
        if (way == QUIET_SSSE3) i = copy_blocks_ssse3(s, len, i, out, map);
#else
        (void)way;
#endif
        size_t j = quiet_one_by_one(s, len, i); /* (at once where the blocks stopped) */
        buf_append(out, s + i, j - i);
        size_t k = thai_digits(s, len, j, out, map);
        if (!k) return j;
        i = j + k;
    }
}

quiet_way quiet_best(void)
{
#ifdef PDP_SSE2
    if (pdp_has_avx2()) return QUIET_AVX2;
    if (__builtin_cpu_supports("ssse3")) return QUIET_SSSE3;
#endif
    return QUIET_CHARS;
}
