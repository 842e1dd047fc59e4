/* quiet.c — where normalization first has something to do (quiet.h).
 *
 * One character at a time: each Thai letter is looked at once, with the one
 * after it, in a table of the pairs that thai_norm.c repairs (repair_next).
 * Thirty-two bytes at a time (AVX2, or SSE2 sixteen and sixteen): compares
 * mark the bytes where the span must stop — whole Thai characters, and the
 * letters that a repair involves, are read off each character's last byte
 * and the byte before it — and the block is passed over when none is
 * marked.  The block path stops exactly where the character path would
 * (for the character path the unassigned U+0E7F is not Thai: the blocks
 * stop there too). */
#include "quiet.h"

#include <stdint.h>
#include <string.h>

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
/* 32 bytes as a vector of GCC's vector extension: compiled twice, for
 * AVX2 (used where the processor has it) and as two SSE2 halves. */
typedef unsigned char v32 __attribute__((vector_size(32)));
typedef signed char v32s __attribute__((vector_size(32)));

#define ALWAYS __attribute__((always_inline)) /* into each of the two */
/* They are never called, so the ABI for passing vectors does not matter. */
#pragma GCC diagnostic ignored "-Wpsabi"

static inline ALWAYS v32 at(const unsigned char *p)
{
    v32 v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline ALWAYS v32 eq(v32 x, unsigned char c) { return (v32)(x == c); }
static inline ALWAYS v32 in(v32 x, unsigned char lo, unsigned char hi) { return (v32)((v32)(x - lo) <= (unsigned char)(hi - lo)); }
/* Bytes 0x80..0xBF. */
static inline ALWAYS v32 cont(v32 x) { return (v32)((v32s)x < (signed char)-64); }
/* Last bytes of B8-page (U+0E00..3F) and B9-page (U+0E40..7F) characters
 * by the byte before them. */
static inline ALWAYS v32 page8(v32 y) { return eq(y, 0xB8); }
static inline ALWAYS v32 page9(v32 y) { return eq(y, 0xB9); }
static inline ALWAYS v32 tone(v32 y, v32 x) { return page9(y) & in(x, 0x88, 0x8B); }
static inline ALWAYS v32 above_below(v32 y, v32 x) { return page8(y) & (eq(x, 0xB1) | in(x, 0xB4, 0xBA)); }

/* For the 32 bytes at p (p >= 2, p + 37 <= len): a non-zero byte where the
 * span must stop — at the first byte of a Thai character a that begins a
 * pair to repair with the character b after it, at a space before a
 * combining mark, at a byte >= 0x80 that is not part of a Thai
 * character. */
static inline ALWAYS v32 block_stops(const unsigned char *p)
{
    v32 m2 = at(p - 2), m1 = at(p - 1), x0 = at(p), x1 = at(p + 1), x2 = at(p + 2), x3 = at(p + 3);
    v32 x4 = at(p + 4), x5 = at(p + 5);
    /* a: page byte x1, last byte x2; b: page x4, last x5 */
    v32 a8 = page8(x1), a9 = page9(x1), b8 = page8(x4), b9 = page9(x4);
    v32 b_tone = tone(x4, x5), b_ab = above_below(x4, x5);
    v32 pair = a8 & (eq(x2, 0xB0) | eq(x2, 0xB2) | eq(x2, 0xB3)) & b_tone;               /* ะ า ำ + tone */
    pair |= a8 & eq(x2, 0xB3) & b8 & eq(x5, 0xB2);                                       /* ำ า */
    pair |= a9 & eq(x2, 0x80) & b9 & eq(x5, 0x80);                                       /* เ เ */
    pair |= tone(x1, x2) & (b_ab | (b9 & eq(x5, 0x8D)));                                 /* tone + vowel or ํ */
    pair |= a9 & (eq(x2, 0x85) | eq(x2, 0x8D) | in(x2, 0x90, 0x99) | eq(x2, 0xBF));    /* ๅ ํ digits, U+0E7F */
    v32 space = eq(x0, ' ') & (above_below(x2, x3) | (page9(x2) & in(x3, 0x87, 0x8E))); /* a mark ending at x3 */
    /* Thai characters begun at p - 2, p - 1 and p cover the byte at p. */
    v32 lead_m2 = eq(m2, 0xE0) & (page8(m1) | page9(m1)) & cont(x0);
    v32 lead_m1 = eq(m1, 0xE0) & (page8(x0) | page9(x0)) & cont(x1);
    v32 lead_0 = eq(x0, 0xE0) & (a8 | a9) & cont(x2);
    v32 high = (v32)((v32s)x0 < 0);
    return pair | space | (high & ~(lead_m2 | lead_m1 | lead_0));
}

/* From i (>= 2, a character start), 32 bytes at a time: the first byte
 * that needs a look, or where blocks end (a character start). */
static inline ALWAYS size_t quiet_blocks(const unsigned char *s, size_t len, size_t i)
{
    size_t start = i;
    for (; i + 37 <= len; i += 32) {
        v32 v = block_stops(s + i);
        uint64_t w[4];
        memcpy(w, &v, sizeof w);
        if (!(w[0] | w[1] | w[2] | w[3])) continue;
        for (unsigned k = 0;; k++)
            if (w[k]) return i + 8 * k + (unsigned)__builtin_ctzll(w[k]) / 8;
    }
    while (i > start && (s[i] & 0xC0) == 0x80) i--; /* inside a character: back to its start */
    return i;
}

static size_t quiet_blocks_sse2(const unsigned char *s, size_t len, size_t i) { return quiet_blocks(s, len, i); }
__attribute__((target("avx2"))) static size_t quiet_blocks_avx2(const unsigned char *s, size_t len, size_t i)
{
    return quiet_blocks(s, len, i);
}
#endif

size_t quiet_span_by(const unsigned char *s, size_t len, size_t i, quiet_way way)
{
#ifdef PDP_SSE2
    if (i >= 2 && way == QUIET_AVX2) i = quiet_blocks_avx2(s, len, i);
    if (i >= 2 && way == QUIET_SSE2) i = quiet_blocks_sse2(s, len, i);
#endif
    return quiet_one_by_one(s, len, i);
}

quiet_way quiet_best(void)
{
#ifdef PDP_SSE2
    return __builtin_cpu_supports("avx2") ? QUIET_AVX2 : QUIET_SSE2;
#else
    return QUIET_CHARS;
#endif
}
