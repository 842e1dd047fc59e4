/* fast_path.c — the normalizer's fast path (fast_path.h): text that needs no
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
 * stop there too).  These blocks also stop at each run of Thai digits, which
 * is written out before they go on.
 *
 * Sixty-four bytes at a time (AVX-512 with VBMI and VBMI2): the same classes
 * from 128-entry tables (VPERMT2B on the last byte and the page), and Thai
 * digits written as ASCII inside the block — the first two bytes of each
 * dropped and the last made ASCII with one byte compress (VPCOMPRESSB) — so
 * that digits, one place in a hundred bytes of Thai text, no longer stop
 * the blocks. */
#include "fast_path.h"

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

size_t fast_path_one_by_one(const unsigned char *s, size_t len, size_t i)
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
    ALWAYS_7F = 128,                                     /* U+0E7F (not Thai for fast_path_one_by_one) */
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
    v32 x0 = v32_at(p), x1 = v32_at(p + 1), x2 = v32_at(p + 2);
    v32 x3 = v32_at(p + 3), x4 = v32_at(p + 4), x5 = v32_at(p + 5);
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

/* Record in map that the k ASCII digits at out offset n were the Thai
 * digits at source offset r, joining the segment of the digits just before
 * them if any (a run written in two pieces). */
static void map_digits(offmap *map, size_t n, size_t r, uint32_t k)
{
    offmap_seg *last = map->len ? &map->v[map->len - 1] : NULL;
    if (last && last->uniform && last->n + last->nl == n && last->r + last->rl == r) {
        last->nl += k;
        last->rl += 3 * k;
    } else {
        offmap_add_uniform(map, n, r, k, 3);
    }
}

/* The Thai digits from s[i] to s[j], appended to out as ASCII, the run
 * recorded in map; returns the bytes read. */
static size_t write_digits(const unsigned char *s, size_t i, size_t j, buf *out, offmap *map)
{
    if (j == i) return 0;
    size_t k = (j - i) / 3;
    buf_reserve(out, k);
    map_digits(map, out->len, i, (uint32_t)k);
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

/* Blocks end where they end, maybe inside a character, which was copied
 * as it is: back to its start (in s and in out), but never before from,
 * where this call's copying began, and never over stray continuation bytes
 * (invalid UTF-8 is copied as it is and left to the character path).
 * Returns where the blocks stop. */
static size_t cut_back(const unsigned char *s, size_t len, size_t from, size_t i, buf *out)
{
    size_t c = i < len ? utf8_cut_start(s, from, i) : i;
    out->len -= i - c;
    out->data[out->len] = 0;
    return c;
}

/* From i (a character start), 32 bytes at a time, each copied to out as it
 * is passed over, Thai digits written as ASCII where the blocks stop at
 * them: returns the first byte that needs another look, or where blocks
 * end (a character start). */
static inline PDP_ALWAYS size_t copy_blocks(const unsigned char *s, size_t len, size_t i, buf *out, offmap *map,
                                            lookup_fn *lookup, v32_mask_fn *mask)
{
    size_t from = i;
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
        i += k;
    }
    return cut_back(s, len, from, i, out);
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

/* A 128-entry class table for VPERMT2B: entry 64 * page + k holds the
 * classes of U+0E00 + 64 * page + k, in two vectors. */
typedef struct class_table {
    __m512i page[2];
} class_table;

__attribute__((target(PDP_AVX512))) static inline PDP_ALWAYS __m512i each_lane(v32 t)
{
    __m128i x;
    memcpy(&x, &t, sizeof x);
    return _mm512_broadcast_i32x4(x);
}

/* The table of c, made from its 16-entry ones as classes() reads them
 * (lo[col] & row[8 + row]), without the class bits drop. */
__attribute__((target(PDP_AVX512))) static inline PDP_ALWAYS class_table table_of(const char_classes *c, int drop)
{
    static const unsigned char k[64] = { 0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
                                         16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
                                         32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
                                         48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63 };
    __m512i j = _mm512_loadu_si512(k), f = _mm512_set1_epi8(15);
    __m512i col = _mm512_and_si512(j, f);
    __m512i row = _mm512_add_epi8(_mm512_and_si512(_mm512_srli_epi16(j, 4), f), _mm512_set1_epi8(8));
    __m512i lo = _mm512_andnot_si512(_mm512_set1_epi8((char)drop), _mm512_shuffle_epi8(each_lane(c->lo), col));
    class_table t = { { _mm512_and_si512(lo, _mm512_shuffle_epi8(each_lane(c->row8), row)),
                        _mm512_and_si512(lo, _mm512_shuffle_epi8(each_lane(c->row9), row)) } };
    return t;
}

/* Bit k set where a Thai character starts at p[k] (p + 66 <= len). */
__attribute__((target(PDP_AVX512))) static inline PDP_ALWAYS __mmask64 thai_at(const unsigned char *p)
{
    return thai_starts_avx512(_mm512_loadu_si512(p), _mm512_loadu_si512(p + 1));
}

/* Byte k: the classes in t of the character at p[k] (0 when not Thai). */
__attribute__((target(PDP_AVX512))) static inline PDP_ALWAYS __m512i classes_at(const unsigned char *p, class_table t)
{
    __m512i last = _mm512_loadu_si512(p + 2);
    __mmask64 page1 = _mm512_cmpeq_epi8_mask(_mm512_loadu_si512(p + 1), _mm512_set1_epi8((char)0xB9));
    __m512i idx = _mm512_mask_add_epi8(last, page1, last, _mm512_set1_epi8(0x40)); /* (bit 6: the page) */
    return _mm512_maskz_permutex2var_epi8(thai_at(p), t.page[0], idx, t.page[1]);
}

/* block_stops for the 64 bytes at p (p + 69 <= len) as bits, from the
 * tables of needs and is; at Thai digits only if need has ALWAYS_DIGIT. */
__attribute__((target(PDP_AVX512))) static inline PDP_ALWAYS uint64_t stops_at(const unsigned char *p, class_table need,
                                                                           class_table what)
{
    __m512i x0 = _mm512_loadu_si512(p);
    __mmask64 pair = _mm512_test_epi8_mask(classes_at(p, need),
                                           _mm512_or_si512(classes_at(p + 3, what), _mm512_set1_epi8((char)0xE0)));
    __mmask64 space = _mm512_cmpeq_epi8_mask(x0, _mm512_set1_epi8(' ')) &
                      _mm512_test_epi8_mask(classes_at(p + 1, what), _mm512_set1_epi8(IS_ABOVE_BELOW | IS_MARK_9));
    __mmask64 lead = _mm512_cmpge_epu8_mask(x0, _mm512_set1_epi8((char)0xC0)) & ~thai_at(p);
    return pair | space | lead;
}

/* Bit k set where a Thai digit starts at p[k] (p + 66 <= len). */
__attribute__((target(PDP_AVX512))) static inline PDP_ALWAYS uint64_t digits_at(const unsigned char *p)
{
    __m512i x0 = _mm512_loadu_si512(p), x1 = _mm512_loadu_si512(p + 1), x2 = _mm512_loadu_si512(p + 2);
    return _mm512_cmpeq_epi8_mask(x0, _mm512_set1_epi8((char)0xE0)) &
           _mm512_cmpeq_epi8_mask(x1, _mm512_set1_epi8((char)0xB9)) &
           _mm512_cmplt_epu8_mask(_mm512_sub_epi8(x2, _mm512_set1_epi8((char)0x90)), _mm512_set1_epi8(10));
}

/* Record the runs of digits d (bits of the block's bytes, from source
 * offset r; keep: the bytes written, from out offset n) in map. */
static void map_digit_runs(offmap *map, size_t n, size_t r, uint64_t d, uint64_t keep)
{
    uint64_t starts = d & ~(d << 3), ends = d & ~(d >> 3);
    while (starts) {
        unsigned a = (unsigned)__builtin_ctzll(starts), b = (unsigned)__builtin_ctzll(ends);
        map_digits(map, n + (size_t)__builtin_popcountll(keep & ((1ULL << a) - 1)), r + a, (b - a) / 3 + 1);
        starts &= starts - 1;
        ends &= ends - 1;
    }
}

/* copy_blocks, 64 bytes at a time with digits inside the blocks. */
__attribute__((target(PDP_AVX512))) static size_t copy_blocks_avx512(const unsigned char *s, size_t len, size_t i,
                                                                 buf *out, offmap *map)
{
    class_table need = table_of(&needs, ALWAYS_DIGIT), what = table_of(&is, 0);
    size_t from = i;
    while (i + 69 <= len) {
        uint64_t stops = stops_at(s + i, need, what);
        uint64_t d = digits_at(s + i);
        unsigned e = stops ? (unsigned)__builtin_ctzll(stops) : 64;
        if (d >> 62 && e == 64) e = (unsigned)__builtin_ctzll(d >> 62) + 62; /* a digit across the end */
        uint64_t in = e == 64 ? ~0ULL : (1ULL << e) - 1;
        d &= in;
        uint64_t keep = in & ~(d | d << 1);
        if (out->cap - out->len < 65) buf_reserve(out, 64);
        __m512i x = _mm512_loadu_si512(s + i);
        x = _mm512_mask_sub_epi8(x, d << 2, x, _mm512_set1_epi8(0x60));
        _mm512_storeu_si512(out->data + out->len, _mm512_maskz_compress_epi8(keep, x));
        if (d) map_digit_runs(map, out->len, i, d, keep);
        out->len += (size_t)__builtin_popcountll(keep);
        i += e;
        if (stops) break;
    }
    return cut_back(s, len, from, i, out); /* (never inside a digit: those end blocks whole) */
}
#endif

size_t fast_path_copy_by(const unsigned char *s, size_t len, size_t i, buf *out, offmap *map, fast_path_way way)
{
    for (;;) {
#ifdef PDP_SSE2
        if (way == FAST_PATH_AVX512) i = copy_blocks_avx512(s, len, i, out, map);
        if (way == FAST_PATH_AVX2 || way == FAST_PATH_AVX512) i = copy_blocks_avx2(s, len, i, out, map);
        if (way == FAST_PATH_SSSE3) i = copy_blocks_ssse3(s, len, i, out, map);
#else
        (void)way;
#endif
        size_t j = fast_path_one_by_one(s, len, i); /* (at once where the blocks stopped) */
        buf_append(out, s + i, j - i);
        size_t k = thai_digits(s, len, j, out, map);
        if (!k) return j;
        i = j + k;
    }
}

fast_path_way fast_path_best(void)
{
#ifdef PDP_SSE2
    if (pdp_has_avx512()) return FAST_PATH_AVX512;
    if (pdp_has_avx2()) return FAST_PATH_AVX2;
    if (__builtin_cpu_supports("ssse3")) return FAST_PATH_SSSE3;
#endif
    return FAST_PATH_CHARS;
}
