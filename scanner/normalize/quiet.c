/* quiet.c — where normalization first has something to do (quiet.h).
 *
 * One character at a time: each Thai letter is looked at once, with the one
 * after it, in a table of the pairs that thai_norm.c repairs (repair_next).
 * Sixteen bytes at a time (SSE2): the block's bytes are sorted by compares
 * into bit masks — whole Thai characters, and the letters that a repair
 * involves, read off each character's last byte and the byte before it —
 * and the block is passed over when none of its bytes needs a look.  The
 * block path stops exactly where the character path would (for the
 * character path the unassigned U+0E7F is not Thai: the blocks stop there
 * too). */
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
static inline __m128i load(const unsigned char *p) { return _mm_loadu_si128((const __m128i *)p); }
static inline __m128i eq(__m128i x, int c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8((char)c)); }
static inline __m128i or3(__m128i a, __m128i b, __m128i c) { return _mm_or_si128(_mm_or_si128(a, b), c); }
/* Bytes in [lo, hi]. */
static inline __m128i in(__m128i x, int lo, int hi)
{
    __m128i d = _mm_subs_epu8(_mm_sub_epi8(x, _mm_set1_epi8((char)lo)), _mm_set1_epi8((char)(hi - lo)));
    return _mm_cmpeq_epi8(d, _mm_setzero_si128());
}
static inline unsigned mm(__m128i v) { return (unsigned)_mm_movemask_epi8(v); }

/* The letter classes of the characters whose last byte is x (the byte
 * before it y): B8 half (U+0E00..3F) or B9 half (U+0E40..7F). */
typedef struct letters {
    __m128i h8, h9;
} letters;

static inline letters half(__m128i y) { return (letters){ eq(y, 0xB8), eq(y, 0xB9) }; }
static inline __m128i tone(letters l, __m128i x) { return _mm_and_si128(l.h9, in(x, 0x88, 0x8B)); }
static inline __m128i above_below(letters l, __m128i x)
{
    return _mm_and_si128(l.h8, _mm_or_si128(eq(x, 0xB1), in(x, 0xB4, 0xBA)));
}

/* Bits 0..15 for the block at p (p >= 1, p + 19 <= len): the characters
 * whose last byte is there and that begin a pair to repair (bit at that last
 * byte); *space: spaces before a combining mark; *lead: first bytes of Thai
 * characters; *high: bytes >= 0x80. */
static unsigned block_bits(const unsigned char *p, unsigned *space, unsigned *lead, unsigned *high)
{
    __m128i y = load(p - 1), x = load(p), x1 = load(p + 1), x2 = load(p + 2), x3 = load(p + 3);
    letters a = half(y), b = half(x2); /* a: the character ending at x; b: the next one, ending at x3 */
    __m128i b_tone = tone(b, x3), b_ab = above_below(b, x3);
    __m128i a_tone = tone(a, x);
    __m128i sara_a_aa_am = _mm_and_si128(a.h8, or3(eq(x, 0xB0), eq(x, 0xB2), eq(x, 0xB3)));
    __m128i pair = _mm_and_si128(sara_a_aa_am, b_tone);                                            /* ะ า ำ + tone */
    pair = _mm_or_si128(pair, _mm_and_si128(_mm_and_si128(a.h8, eq(x, 0xB3)), _mm_and_si128(b.h8, eq(x3, 0xB2)))); /* ำ า */
    pair = _mm_or_si128(pair, _mm_and_si128(_mm_and_si128(a.h9, eq(x, 0x80)), _mm_and_si128(b.h9, eq(x3, 0x80)))); /* เ เ */
    pair = _mm_or_si128(pair, _mm_and_si128(a_tone, _mm_or_si128(b_ab, _mm_and_si128(b.h9, eq(x3, 0x8D))))); /* tone + vowel or ํ */
    __m128i always = or3(eq(x, 0x85), eq(x, 0x8D), _mm_or_si128(in(x, 0x90, 0x99), eq(x, 0xBF)));
    pair = _mm_or_si128(pair, _mm_and_si128(a.h9, always)); /* ๅ ํ digits, and U+0E7F as above */
    __m128i comb = _mm_or_si128(b_ab, _mm_and_si128(b.h9, in(x3, 0x87, 0x8E)));
    *space = mm(_mm_and_si128(eq(x, ' '), comb)); /* a space at x, a mark ending at x3 */
    __m128i cont2 = _mm_cmplt_epi8(x2, _mm_set1_epi8((char)0xC0)); /* signed: 0x80..0xBF */
    *lead = mm(_mm_and_si128(_mm_and_si128(eq(x, 0xE0), _mm_or_si128(eq(x1, 0xB8), eq(x1, 0xB9))), cont2));
    *high = mm(x);
    return mm(pair);
}

/* From i (>= 1, a character start), 16 bytes at a time: the first byte
 * that needs a look, or where blocks end (a character start). */
static size_t quiet_blocks(const unsigned char *s, size_t len, size_t i)
{
    size_t start = i;
    unsigned carry = 0; /* bytes of this block that a Thai character begun before it takes */
    while (i + 19 <= len) {
        unsigned space, lead, high, pair = block_bits(s + i, &space, &lead, &high);
        unsigned covered = lead | lead << 1 | lead << 2 | carry;
        unsigned stop = space | (high & ~covered & 0xFFFF);
        if (stop | pair) {
            size_t at = stop ? i + lowest_bit(stop) : len;
            if (pair) { /* the pair's first character begins two bytes before its last */
                size_t p = i + lowest_bit(pair) - 2;
                if (p < at) at = p < start ? start : p;
            }
            return at;
        }
        carry = covered >> 16;
        i += 16;
    }
    while (carry && i > start && (s[i] & 0xC0) == 0x80) i--; /* inside a character: back to its start */
    return i;
}
#endif

size_t quiet_span(const unsigned char *s, size_t len, size_t i)
{
#ifdef PDP_SSE2
    if (i >= 1) i = quiet_blocks(s, len, i);
#endif
    return quiet_one_by_one(s, len, i);
}
