/* letter_stream.c — a text's entries and hits for the phrase pass (see
 * letter_stream.h): one at a time, 32 bytes / eight entries at a time with AVX2,
 * and 64 bytes / sixteen entries at a time with AVX-512. */
#include "letter_stream.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/simd.h"
#include "../util/utf8.h"

#define PAD 64 /* entries past the end that a step may read or write */

void letter_keys_init(letter_keys *k)
{
    memset(k, 0, sizeof *k);
    k->bits = xcalloc(1, (2u << KEY_BITS) / 8);
    k->way = pdp_has_avx512() ? LETTERS_AVX512 : pdp_has_avx2() ? LETTERS_AVX2 : LETTERS_CHARS;
    for (unsigned m = 0; m < 256; m++)
        for (unsigned j = 0, n = 0; j < 8; j++)
            if (m >> j & 1) k->pack[m][n++] = (uint8_t)j;
}

void letter_keys_add(letter_keys *k, uint32_t key, int at_start)
{
    uint32_t b = letter_key_hash(key) | (uint32_t)(at_start != 0) << KEY_BITS;
    k->bits[b >> 5] |= 1u << (b & 31);
}

void letter_keys_free(letter_keys *k)
{
    free(k->bits);
    k->bits = NULL;
}

static void stream_room(letter_stream *ls, size_t bytes)
{
    size_t need = bytes + 1 + 2 * PAD;
    if (ls->cap >= need) return;
    ls->cap = need + need / 2;
    free(ls->v);
    free(ls->pos);
    free(ls->hits);
    ls->v = xmalloc(ls->cap);
    ls->pos = xmalloc(ls->cap * sizeof *ls->pos);
    ls->hits = xmalloc(ls->cap * sizeof *ls->hits);
}

void letter_stream_free(letter_stream *ls)
{
    free(ls->v);
    free(ls->pos);
    free(ls->hits);
    memset(ls, 0, sizeof *ls);
}

/* The entries of u[i, b) (offsets from a; after: a letter ends at i) into
 * v[m + 1..], one character at a time; returns how many there are then. */
static size_t entries_chars(const letter_keys *k, const unsigned char *u, size_t a, size_t i, size_t b, int after,
                            uint8_t *v, uint32_t *pos, size_t m)
{
    while (i < b) {
        if (utf8_thai_at(u, b, i)) {
            v[++m] = (uint8_t)utf8_thai_index(u, i);
            pos[m] = (uint32_t)(i - a);
            i += 3;
            after = 1;
            continue;
        }
        uint8_t e = (uint8_t)letter_entry_of(k, u[i]);
        int lead = u[i] < 0x80 || u[i] >= 0xC0;
        if (after || (lead && e & ENTRY_PLACE)) {
            v[++m] = e;
            pos[m] = (uint32_t)(i - a);
        }
        after = 0;
        i++;
    }
    return m;
}

/* Is entry v[i] a hit: a place, or a letter whose key (its four entries,
 * cut after the first break) is in the bitmap's half for where it stands
 * (a run's start or inside)? */
static int hit_chars(const letter_keys *k, const uint8_t *v, size_t i)
{
    uint8_t c = v[i];
    if (c & ENTRY_BREAK) return (c & ENTRY_PLACE) != 0;
    int start = (v[i - 1] & ENTRY_BREAK) != 0;
    if (start ? k->all_starts : k->all_inner) return 1;
    uint32_t w = 0;
    for (int j = 0; j < 4; j++) {
        w |= (uint32_t)v[i + (size_t)j] << 8 * j;
        if (v[i + (size_t)j] & ENTRY_BREAK) break;
    }
    uint32_t b = letter_key_hash(w) | (uint32_t)start << KEY_BITS;
    return k->bits[b >> 5] >> (b & 31) & 1;
}

static size_t hits_chars(const letter_keys *k, const uint8_t *v, size_t m, uint32_t *hits)
{
    size_t nh = 0;
    for (size_t i = 1; i <= m; i++)
        if (hit_chars(k, v, i)) hits[nh++] = (uint32_t)i;
    return nh;
}

#ifdef PDP_SSE2
/* Bytes of x (ASCII) whose bit is set in the 128-bit set lo (lo[c & 15]
 * bit c >> 4), all ones; other bytes zero. */
__attribute__((target("avx2"))) static inline PDP_ALWAYS __m256i in_set(__m256i x, __m256i lo)
{
    const __m256i hibit = _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16,
                                           32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i low4 = _mm256_set1_epi8(0x0F);
    __m256i bits = _mm256_and_si256(_mm256_shuffle_epi8(lo, _mm256_and_si256(x, low4)),
                                    _mm256_shuffle_epi8(hibit, _mm256_and_si256(_mm256_srli_epi16(x, 4), low4)));
    return _mm256_xor_si256(_mm256_cmpeq_epi8(bits, _mm256_setzero_si256()), _mm256_set1_epi8(-1));
}

/* The ASCII characters whose entry has bit `flag`, as in_set's set. */
static __m128i ascii_set(const letter_keys *k, unsigned flag)
{
    uint8_t lo[16] = { 0 };
    for (unsigned c = 0; c < 128; c++)
        if (k->entry_of[c] & flag) lo[c & 15] |= (uint8_t)(1u << (c >> 4));
    return _mm_loadu_si128((const __m128i *)lo);
}

/* entries_chars 32 bytes at a time while 34 are there: the same masks as
 * entries_avx512, the entries of ASCII from two 128-character sets (the
 * places, the class), each eight bytes' entries and offsets left-packed
 * with a byte shuffle (pack); the rest one character at a time. */
__attribute__((target("avx2"))) static size_t entries_avx2(const letter_keys *k, const unsigned char *u, size_t a,
                                                            size_t b, uint8_t *v, uint32_t *pos)
{
    const __m256i place_lo = _mm256_broadcastsi128_si256(ascii_set(k, ENTRY_PLACE)),
                  class_lo = _mm256_broadcastsi128_si256(ascii_set(k, ENTRY_CLASS));
    const __m256i e0 = _mm256_set1_epi8((char)0xE0), b8 = _mm256_set1_epi8((char)0xB8),
                  fe = _mm256_set1_epi8((char)0xFE), c0 = _mm256_set1_epi8((char)0xC0);
    size_t m = 0, i = a;
    uint32_t carry = 0;
    for (; i + 34 <= b; i += 32) {
        __m256i x0 = _mm256_loadu_si256((const __m256i *)(u + i)),
                x1 = _mm256_loadu_si256((const __m256i *)(u + i + 1)),
                x2 = _mm256_loadu_si256((const __m256i *)(u + i + 2));
        __m256i sv = _mm256_and_si256(_mm256_cmpeq_epi8(x0, e0), _mm256_cmpeq_epi8(_mm256_and_si256(x1, fe), b8));
        uint32_t s = (uint32_t)_mm256_movemask_epi8(sv);
        uint32_t after = (s << 3 | carry) & ~s;
        carry = s >> 29;
        __m256i placed = in_set(x0, place_lo);
        uint32_t ascii = ~(uint32_t)_mm256_movemask_epi8(x0);
        uint32_t lead = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(x0, c0), c0));
        uint32_t place = (((uint32_t)_mm256_movemask_epi8(placed) & ascii) | lead) & ~s;
        __m256i ent = _mm256_or_si256(_mm256_set1_epi8((char)ENTRY_BREAK),
                                      _mm256_or_si256(_mm256_and_si256(placed, _mm256_set1_epi8(ENTRY_PLACE)),
                                                      _mm256_and_si256(in_set(x0, class_lo),
                                                                       _mm256_set1_epi8(ENTRY_CLASS))));
        ent = _mm256_blendv_epi8(ent, _mm256_set1_epi8((char)k->entry_high), x0); /* (by the top bit) */
        __m256i letter = _mm256_or_si256(_mm256_slli_epi16(_mm256_and_si256(x1, _mm256_set1_epi8(1)), 6),
                                         _mm256_and_si256(x2, _mm256_set1_epi8(0x3F)));
        uint8_t val[32];
        _mm256_storeu_si256((__m256i *)val, _mm256_blendv_epi8(ent, letter, sv));
        uint32_t take = s | after | place;
        for (unsigned g = 0; g < 4; g++, take >>= 8) {
            __m128i idx = _mm_loadl_epi64((const __m128i *)k->pack[take & 0xFF]);
            __m128i eight = _mm_loadl_epi64((const __m128i *)(val + 8 * g));
            _mm_storel_epi64((__m128i *)(v + 1 + m), _mm_shuffle_epi8(eight, idx));
            __m256i at = _mm256_add_epi32(_mm256_cvtepu8_epi32(idx), _mm256_set1_epi32((int)(i - a + 8 * g)));
            _mm256_storeu_si256((__m256i *)(pos + 1 + m), at);
            m += (size_t)__builtin_popcount(take & 0xFF);
        }
    }
    /* (carry: a letter ends at i + its lowest bit; its last bytes come first) */
    size_t t = carry ? i + (size_t)__builtin_ctz(carry) : i;
    return entries_chars(k, u, a, t, b, carry != 0, v, pos, m);
}

/* hits_chars eight entries at a time, as hits_avx512 does sixteen: each
 * lane's four entries and the one before picked out of one 16-byte load
 * with a byte shuffle. */
__attribute__((target("avx2"))) static size_t hits_avx2(const letter_keys *k, const uint8_t *v, size_t m,
                                                         uint32_t *hits)
{
    const __m256i four = _mm256_setr_epi8(1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6, 4, 5, 6, 7, 5, 6, 7, 8, 6, 7, 8, 9, 7, 8,
                                          9, 10, 8, 9, 10, 11);
    const __m256i prev = _mm256_setr_epi8(0, -1, -1, -1, 1, -1, -1, -1, 2, -1, -1, -1, 3, -1, -1, -1, 4, -1, -1, -1,
                                          5, -1, -1, -1, 6, -1, -1, -1, 7, -1, -1, -1);
    const __m256i brk = _mm256_set1_epi32((int)0x80808080u), one = _mm256_set1_epi32(1),
                  low5 = _mm256_set1_epi32(31), mul = _mm256_set1_epi32((int)0x9E3779B1u),
                  startbit = _mm256_set1_epi32(1 << KEY_BITS), b80 = _mm256_set1_epi32(ENTRY_BREAK),
                  c0 = _mm256_set1_epi32(0xC0), zero = _mm256_setzero_si256();
    const __m256i all_starts = _mm256_set1_epi32(k->all_starts ? -1 : 0),
                  all_inner = _mm256_set1_epi32(k->all_inner ? -1 : 0);
    size_t nh = 0;
    for (size_t i = 1; i <= m; i += 8) {
        __m256i l = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(v + i - 1)));
        __m256i w = _mm256_shuffle_epi8(l, four), before = _mm256_shuffle_epi8(l, prev);
        __m256i b = _mm256_and_si256(w, brk);
        __m256i keep = _mm256_sub_epi32(_mm256_slli_epi32(_mm256_and_si256(b, _mm256_sub_epi32(zero, b)), 1), one);
        __m256i h = _mm256_srli_epi32(_mm256_mullo_epi32(_mm256_and_si256(w, keep), mul), 32 - KEY_BITS);
        __m256i start = _mm256_cmpeq_epi32(_mm256_and_si256(before, b80), b80);
        __m256i letter = _mm256_cmpeq_epi32(_mm256_and_si256(w, b80), zero);
        __m256i place = _mm256_cmpeq_epi32(_mm256_and_si256(w, c0), c0);
        h = _mm256_or_si256(h, _mm256_and_si256(start, startbit));
        __m256i words = _mm256_mask_i32gather_epi32(zero, (const int *)k->bits, _mm256_srli_epi32(h, 5), letter, 4);
        __m256i bit = _mm256_and_si256(_mm256_srlv_epi32(words, _mm256_and_si256(h, low5)), one);
        __m256i every = _mm256_or_si256(_mm256_and_si256(start, all_starts), _mm256_andnot_si256(start, all_inner));
        __m256i on = _mm256_or_si256(_mm256_cmpeq_epi32(bit, one), every);
        __m256i hit = _mm256_or_si256(_mm256_and_si256(on, letter), place);
        uint32_t mask = (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(hit));
        size_t left = m + 1 - i;
        if (left < 8) mask &= (1u << left) - 1;
        for (; mask; mask &= mask - 1) hits[nh++] = (uint32_t)(i + lowest_bit(mask));
    }
    return nh;
}

/* Bytes u[i, i + 64) that are below b, as a load mask. */
static inline uint64_t below(size_t i, size_t b) { return i + 64 <= b ? ~0ULL : i >= b ? 0 : (1ULL << (b - i)) - 1; }

/* entries_chars 64 bytes at a time: where letters start (E0, then B8 or
 * B9), the byte after each letter that starts none (a break), the places
 * (by the entry of an ASCII byte; the first byte of any other character
 * outside the Thai block); their entries and offsets compressed out. */
__attribute__((target(PDP_AVX512))) static size_t entries_avx512(const letter_keys *k, const unsigned char *u,
                                                                  size_t a, size_t b, uint8_t *v, uint32_t *pos)
{
    const __m512i lo = _mm512_loadu_si512(k->entry_of), hi = _mm512_loadu_si512(k->entry_of + 64);
    const __m512i high = _mm512_set1_epi8((char)k->entry_high), iota = _mm512_set_epi8(
        63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38,
        37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11,
        10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    size_t m = 0;
    uint64_t carry = 0; /* letters of the block before that end in this one */
    for (size_t i = a; i < b; i += 64) {
        __m512i x0 = _mm512_maskz_loadu_epi8(below(i, b), u + i);
        __m512i x1 = _mm512_maskz_loadu_epi8(below(i + 1, b), u + i + 1);
        __m512i x2 = _mm512_maskz_loadu_epi8(below(i + 2, b), u + i + 2);
        uint64_t in = below(i, b);
        uint64_t s = thai_starts_avx512(x0, x1);
        uint64_t after = (s << 3 | carry) & ~s & in;
        carry = s >> 61;
        uint64_t ascii = ~_mm512_movepi8_mask(x0);
        uint64_t lead = _mm512_cmpge_epu8_mask(x0, _mm512_set1_epi8((char)0xC0));
        __m512i e = _mm512_mask_blend_epi8(ascii, high, _mm512_permutex2var_epi8(lo, x0, hi));
        uint64_t place = _mm512_test_epi8_mask(e, _mm512_set1_epi8((char)ENTRY_PLACE)) & (ascii | lead) & ~s & in;
        __m512i letter = _mm512_or_si512(
            _mm512_slli_epi16(_mm512_and_si512(x1, _mm512_set1_epi8(1)), 6),
            _mm512_and_si512(x2, _mm512_set1_epi8(0x3F))); /* (no carry across bytes: bit 0 to bit 6) */
        uint64_t take = s | after | place;
        _mm512_mask_compressstoreu_epi8(v + 1 + m, take, _mm512_mask_blend_epi8(s, e, letter));
        __m128i at[4];
        _mm512_storeu_si512(at, _mm512_maskz_compress_epi8(take, iota));
        __m512i base = _mm512_set1_epi32((int)(i - a));
        for (int q = 0; q < 4; q++)
            _mm512_storeu_si512(pos + 1 + m + 16 * q, _mm512_add_epi32(base, _mm512_cvtepu8_epi32(at[q])));
        m += (size_t)__builtin_popcountll(take);
    }
    return m;
}

/* hits_chars sixteen entries at a time: each lane's four entries picked
 * out of one load with a byte permute, cut after the first break (the
 * lowest break bit, doubled, less one, keeps the bytes up to it), hashed,
 * and its bit gathered. */
__attribute__((target(PDP_AVX512))) static size_t hits_avx512(const letter_keys *k, const uint8_t *v, size_t m,
                                                               uint32_t *hits)
{
    const __m512i four = _mm512_set_epi8(19, 18, 17, 16, 18, 17, 16, 15, 17, 16, 15, 14, 16, 15, 14, 13, 15, 14, 13,
                                         12, 14, 13, 12, 11, 13, 12, 11, 10, 12, 11, 10, 9, 11, 10, 9, 8, 10, 9, 8,
                                         7, 9, 8, 7, 6, 8, 7, 6, 5, 7, 6, 5, 4, 6, 5, 4, 3, 5, 4, 3, 2, 4, 3, 2, 1);
    const __m512i lanes = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    const __m512i brk = _mm512_set1_epi32(0x80808080), one = _mm512_set1_epi32(1), low5 = _mm512_set1_epi32(31);
    const __m512i mul = _mm512_set1_epi32((int)0x9E3779B1u), startbit = _mm512_set1_epi32(1 << KEY_BITS);
    const __mmask16 all_starts = k->all_starts ? 0xFFFF : 0, all_inner = k->all_inner ? 0xFFFF : 0;
    size_t nh = 0;
    for (size_t i = 1; i <= m; i += 16) {
        __m512i l = _mm512_loadu_si512(v + i - 1);
        __m512i w = _mm512_permutexvar_epi8(four, l);
        __m512i before = _mm512_cvtepu8_epi32(_mm512_castsi512_si128(l));
        __m512i b = _mm512_and_si512(w, brk);
        __m512i lowest = _mm512_and_si512(b, _mm512_sub_epi32(_mm512_setzero_si512(), b));
        __m512i keep = _mm512_sub_epi32(_mm512_slli_epi32(lowest, 1), one);
        __m512i h = _mm512_srli_epi32(_mm512_mullo_epi32(_mm512_and_si512(w, keep), mul), 32 - KEY_BITS);
        __mmask16 start = _mm512_test_epi32_mask(before, _mm512_set1_epi32(ENTRY_BREAK));
        __mmask16 letter = _mm512_testn_epi32_mask(w, _mm512_set1_epi32(ENTRY_BREAK));
        __mmask16 place = _mm512_cmpeq_epi32_mask(_mm512_and_si512(w, _mm512_set1_epi32(0xC0)),
                                                  _mm512_set1_epi32(0xC0));
        h = _mm512_mask_or_epi32(h, start, h, startbit);
        __m512i words = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), letter, _mm512_srli_epi32(h, 5),
                                                    k->bits, 4);
        __mmask16 on = _mm512_test_epi32_mask(_mm512_srlv_epi32(words, _mm512_and_si512(h, low5)), one);
        __mmask16 hit = (__mmask16)((on | (start & all_starts) | (~start & all_inner)) & letter) | place;
        size_t left = m + 1 - i;
        if (left < 16) hit &= (__mmask16)((1u << left) - 1);
        _mm512_mask_compressstoreu_epi32(hits + nh, hit, _mm512_add_epi32(lanes, _mm512_set1_epi32((int)i)));
        nh += (size_t)__builtin_popcount(hit);
    }
    return nh;
}
#endif

void letters_scan(const letter_keys *k, const unsigned char *u, size_t a, size_t b, letter_stream *ls)
{
    stream_room(ls, b - a);
    ls->v[0] = ENTRY_BREAK;
    uint8_t *v = ls->v;
    switch (k->way) {
#ifdef PDP_SSE2
    case LETTERS_AVX512:
        ls->len = entries_avx512(k, u, a, b, v, ls->pos);
        memset(v + ls->len + 1, ENTRY_BREAK, PAD);
        ls->nhits = hits_avx512(k, v, ls->len, ls->hits);
        return;
    case LETTERS_AVX2:
        ls->len = entries_avx2(k, u, a, b, v, ls->pos);
        memset(v + ls->len + 1, ENTRY_BREAK, PAD);
        ls->nhits = hits_avx2(k, v, ls->len, ls->hits);
        return;
#endif
    default:
        ls->len = entries_chars(k, u, a, a, b, 0, v, ls->pos, 0);
        memset(v + ls->len + 1, ENTRY_BREAK, PAD);
        ls->nhits = hits_chars(k, v, ls->len, ls->hits);
    }
}
