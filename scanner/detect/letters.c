/* letters.c — a text's entries and hits for the phrase pass (see
 * letters.h): one at a time, and 64 bytes / sixteen entries at a time with
 * AVX-512. */
#include "letters.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/simd.h"

#define PAD 64 /* entries past the end that a step may read or write */

void letter_keys_init(letter_keys *k)
{
    memset(k, 0, sizeof *k);
    k->bits = xcalloc(1, (2u << KEY_BITS) / 8);
    k->avx512 = pdp_has_avx512();
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

/* The entries of u[a, b) into v[1..], one character at a time; returns
 * how many. */
static size_t entries_chars(const letter_keys *k, const unsigned char *u, size_t a, size_t b, uint8_t *v,
                            uint32_t *pos)
{
    size_t m = 0;
    int after = 0; /* the character before was a letter */
    for (size_t i = a; i < b;) {
        if (u[i] == 0xE0 && (u[i + 1] & 0xFE) == 0xB8) {
            v[++m] = (uint8_t)((u[i + 1] & 1) << 6 | (u[i + 2] & 0x3F));
            pos[m] = (uint32_t)(i - a);
            i += 3;
            after = 1;
            continue;
        }
        uint8_t e = u[i] < 0x80 ? k->entry_of[u[i]] : k->entry_high;
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

/* Is entry v[i] (a letter) a hit, with key w (its four entries) cut? */
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
        uint64_t s = _mm512_cmpeq_epi8_mask(x0, _mm512_set1_epi8((char)0xE0)) &
                     _mm512_cmpeq_epi8_mask(_mm512_and_si512(x1, _mm512_set1_epi8((char)0xFE)),
                                            _mm512_set1_epi8((char)0xB8));
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
        __m512i keep = _mm512_sub_epi32(_mm512_slli_epi32(_mm512_and_si512(b, _mm512_sub_epi32(_mm512_setzero_si512(), b)), 1), one);
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
#ifdef PDP_SSE2
    if (k->avx512) {
        ls->len = entries_avx512(k, u, a, b, ls->v, ls->pos);
        memset(ls->v + ls->len + 1, ENTRY_BREAK, PAD);
        ls->nhits = hits_avx512(k, ls->v, ls->len, ls->hits);
        return;
    }
#endif
    ls->len = entries_chars(k, u, a, b, ls->v, ls->pos);
    memset(ls->v + ls->len + 1, ENTRY_BREAK, PAD);
    ls->nhits = hits_chars(k, ls->v, ls->len, ls->hits);
}
