/* phrase.c — the phrase pass: every rule whose matches begin with a phrase
 * of a list (`requires: phrase`) is tried, anchored, where one of its
 * phrases may start — found in one pass over the text with an index built
 * once when the rules are loaded: the phrases' heads in a trie tagged with
 * their rules (headtrie.h), filters on the first two to four Thai letters
 * of the heads (head_filter in rules.h) so that the trie is walked only
 * where one may begin, and — since Thai writes words without spaces, and
 * most phrases may start inside a run of letters — a bitmap of the first
 * four letters of those heads, looked up at each letter as the run is
 * read (eight letters at a time with AVX2).  Where a filter passes, the
 * first eight letters are checked exactly (may_start) before the trie is
 * walked. */
#include "detect.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/simd.h"
#include "../util/utf8.h"

/* One pass of the phrase rules over a text. */
typedef struct phrase_pass {
    const phrase_index *px;
    const char *norm;
    size_t nlen;
    const offmap *map;
    size_t raw_lo, raw_hi;
    detect_scratch *sc;
    cand_vec *out;
    size_t done[MAX_PHRASE_RULES]; /* rule k found a match ending there: no retry before */
} phrase_pass;

static inline int bit(const uint8_t *bits, unsigned k) { return bits[k >> 3] >> (k & 7) & 1; }

static inline void set_bit(uint8_t *bits, unsigned k) { bits[k >> 3] |= (uint8_t)(1u << (k & 7)); }

/* Thai letters as the filters hash them: each letter's last two bytes,
 * sixteen bits, the newest lowest — up to four in a word, read off the
 * text (letter_bytes at the letter starting at u[j]) or made from an
 * index in the Thai block (letter_bits) — hashed into HEAD_HASH_BITS
 * bits with two 32-bit products (one for each half of the word), so that
 * four_blocks_avx2 hashes eight places at once in 32-bit lanes. */
static inline uint64_t letter_bytes(const unsigned char *u, size_t j)
{
    uint16_t v;
    memcpy(&v, u + j + 1, 2);
    return v;
}
static inline uint64_t letter_bits(unsigned c)
{
    const unsigned char b[3] = { 0xE0, (unsigned char)(0xB8 + (c >> 6)), (unsigned char)(0x80 | (c & 0x3F)) };
    return letter_bytes(b, 0);
}
#define LETTERS_K1 0x9E3779B1u
#define LETTERS_K2 0x85EBCA77u
static inline unsigned letters_hash(uint64_t x)
{
    return ((uint32_t)(x >> 32) * LETTERS_K1 + (uint32_t)x * LETTERS_K2) >> (32 - HEAD_HASH_BITS);
}

/* A Thai letter's bytes (E0, B8 or B9, then a continuation byte) read as
 * a little-endian word, under THAI_LETTER_MASK. */
#define THAI_LETTER_MASK 0xC0FEFFu
#define THAI_LETTER_BYTES 0x80B8E0u

/* The first n (up to four) letters from u[j], or of c, as one word. */
static inline uint64_t letters_at(const unsigned char *u, size_t j, int n)
{
    uint64_t x = 0;
    for (int k = 0; k < n; k++) x = x << 16 | letter_bytes(u, j + 3 * (size_t)k);
    return x;
}
static uint64_t letters_of(const unsigned c[4], int n)
{
    uint64_t x = 0;
    for (int k = 0; k < n; k++) x = x << 16 | letter_bits(c[k]);
    return x;
}

/* The character at u[t] as letter_bytes reads it, if it is one of the
 * Thai block (E0, B8 or B9, then a continuation byte); else -1.  One load
 * of four bytes where they are there. */
static inline int32_t thai_letter(const unsigned char *u, size_t n, size_t t)
{
    uint32_t w;
    if (t + 4 <= n) memcpy(&w, u + t, 4);
    else if (t + 3 <= n) w = u[t] | (uint32_t)u[t + 1] << 8 | (uint32_t)u[t + 2] << 16;
    else return -1;
    return (w & THAI_LETTER_MASK) == THAI_LETTER_BYTES ? (int32_t)(w >> 8 & 0xFFFF) : -1;
}

/* Up to max Thai letters from u[t], shifted into *x as letters_at puts
 * them; returns where they end. */
static inline size_t read_letters(const unsigned char *u, size_t n, size_t t, size_t max, uint64_t *x)
{
    size_t end = t + 3 * max;
    for (int32_t l; t < end && (l = thai_letter(u, n, t)) >= 0; t += 3) *x = *x << 16 | (uint32_t)l;
    return t;
}

/* The Thai letters a head begins with (indexes in the Thai block, up to
 * max, in c); *then: the first byte of what follows them, 0 if nothing. */
static int head_letters(const char *head, unsigned *c, int max, int *then)
{
    const unsigned char *p = (const unsigned char *)head;
    size_t len = strlen(head), off = 0, l = 0;
    int n = 0, k;
    while (n < max && (k = prefix_char(p, len, off, &l)) >= 128) {
        c[n++] = (unsigned)k - 128;
        off += l;
    }
    *then = off < len ? p[off] : 0;
    return n;
}

/* Let a head of n letters c (then: something else follows them) through
 * filter f. */
static void filter_add(head_filter *f, const unsigned c[4], int n, int then)
{
    unsigned from = c[0] << 7, count = 1, kind = n == 4 ? PAIR_QUAD : n == 3 ? PAIR_TRI : PAIR_HEADS;
    if (n >= 2) from |= c[1];                 /* (one letter, then something else: b = 0) */
    else if (!then) count = 128;              /* a one-letter phrase before any letter */
    for (unsigned k = from; k < from + count; k++) f->pair[k] |= (uint8_t)kind;
    if (n == 4) set_bit(f->quad, letters_hash(letters_of(c, 4)));
    if (n == 3) set_bit(f->tri, letters_hash(letters_of(c, 3)));
}

/* An inner head of n letters c (n = 4, or 3 followed by nothing) among
 * the four letters inner heads may begin with: its first four, or each
 * fourth letter after its three. */
static void four_add(uint8_t *four, const unsigned c[4], int n)
{
    uint64_t x = letters_of(c, 3) << 16;
    unsigned first = n == 4 ? c[3] : 0, end = n == 4 ? c[3] + 1 : 128;
    for (unsigned d = first; d < end; d++) set_bit(four, letters_hash(x | letter_bits(d)));
}

/* Eight letters (x, the first four, and y) hashed as letters_hash does
 * four. */
static inline unsigned eight_hash(uint64_t x, uint64_t y) { return letters_hash(x ^ y * 0xC2B2AE3D27D4EB4FULL); }

/* A head for may_start, by its first letters (n of them, up to eight;
 * then: what follows them in the phrase — a space ends the head as it
 * does in the trie).  A head of one or two letters that may end there
 * makes may_start pass everywhere. */
static void sure_add(phrase_index *px, const unsigned c[8], int n, int then)
{
    if (then == ' ') then = 0;
    if (n >= 8) set_bit(px->eight, eight_hash(letters_of(c, 4), letters_of(c + 4, 4)));
    else if (n >= 4) set_bit(px->short4, letters_hash(letters_of(c, 4)));
    else if (n == 3 && !then) four_add(px->short4, c, 3);
    else if (!then) px->unsure = 1;
    /* (Fewer than four letters followed by something else: no such head
     * stands before four letters.) */
}

/* Where four Thai letters x stand at u[s]: may a head start there?  Yes
 * when a head of four to seven letters begins with x (one of three, with
 * any fourth letter), or a head of eight or more begins with the eight
 * letters there.  No head of fewer letters, followed by something else,
 * stands before four letters.  Heads of the trie are looked up only where
 * this passes: most places that pass the filters begin common words
 * (ข้อมูล, รายงาน) that begin no head further on. */
static int may_start(const phrase_index *px, const unsigned char *u, size_t n, size_t s, uint64_t x)
{
    if (px->unsure || bit(px->short4, letters_hash(x))) return 1;
    uint64_t y = 0; /* (fewer than eight letters: no long head) */
    return read_letters(u, n, s + 12, 4, &y) == s + 24 && bit(px->eight, eight_hash(x, y));
}

/* The filters for one head. */
static void add_head(phrase_index *px, const char *head, int inner)
{
    unsigned c[8];
    int then, n = head_letters(head, c, 8, &then);
    if (n == 0) return; /* starts with ASCII: handled outside Thai runs */
    sure_add(px, c, n, then);
    if (n > 4) {
        n = 4;
        then = 0xE0; /* (another letter) */
    }
    filter_add(px->start, c, n, then);
    if (!inner) return;
    filter_add(px->inside, c, n, then);
    if (then && n < 4) { /* ends with the run: checked there */
        px->tail_lengths |= 1u << n;
        px->tail_next[then] = 1;
    } else if (n >= 3) {
        four_add(px->four, c, n);
        if (n == 3) px->three_letters = 1; /* (also where the run ends after it) */
    } else {
        px->every_letter = 1;
    }
}

void phrase_index_build(pdp_rules *r)
{
    phrase_index *px = &r->phrases;
    memset(px, 0, sizeof *px);
    px->rs = xcalloc(r->nrules ? r->nrules : 1, sizeof *px->rs);
    for (size_t i = 0; i < r->nrules && px->n < MAX_PHRASE_RULES; i++) {
        const pdp_rule *ru = &r->rules[i];
        if (!ru->req_phrase) continue;
        if (!ru->req_word_start) px->inner |= 1ULL << px->n;
        px->all |= 1ULL << px->n;
        px->rs[px->n++] = ru;
    }
    px->avx2 = pdp_has_avx2();
    px->start = xcalloc(1, sizeof *px->start);
    px->short4 = xcalloc(1, (1u << HEAD_HASH_BITS) / 8);
    px->eight = xcalloc(1, (1u << HEAD_HASH_BITS) / 8);
    if (px->inner) {
        px->inside = xcalloc(1, sizeof *px->inside);
        px->four = xcalloc(1, (1u << HEAD_HASH_BITS) / 8);
    }
    headtrie_builder hb = { 0 };
    for (size_t k = 0; k < px->n; k++) {
        const prefix_set *ps = px->rs[k]->req_phrase;
        for (size_t h = 0; h < ps->nprefixes; h++) {
            headtrie_add(&hb, ps->prefixes[h], (unsigned)k);
            if ((unsigned char)ps->prefixes[h][0] < 0x80) px->ascii_first = 1;
            add_head(px, ps->prefixes[h], px->inner >> k & 1);
        }
    }
    /* (Heads that begin outside ASCII and Thai — the trie's `any` — cannot
     * begin at a Thai letter: detect_phrases tries them at every other
     * character, and the filters leave them out.) */
    headtrie_build(&px->heads, &hb);
}

void phrase_index_free(phrase_index *px)
{
    headtrie_free(&px->heads);
    free(px->rs);
    free(px->start);
    free(px->inside);
    free(px->four);
    free(px->short4);
    free(px->eight);
    px->rs = NULL;
    px->start = px->inside = NULL;
    px->four = px->short4 = px->eight = NULL;
}

/* Try the rules of `allowed` whose phrases' heads stand at i. */
static void try_at(phrase_pass *pp, size_t i, uint64_t allowed)
{
    uint64_t m = headtrie_match(&pp->px->heads, (const unsigned char *)pp->norm, pp->nlen, i) & allowed;
    for (size_t k = 0; m; k++, m >>= 1) {
        if (!(m & 1) || i < pp->done[k]) continue;
        size_t e =
            detect_try_at(pp->px->rs[k], pp->norm, pp->nlen, i, pp->map, pp->raw_lo, pp->raw_hi, pp->sc, pp->out);
        if (e) pp->done[k] = e;
    }
}

/* Does filter f let a head start at the letter at u[j], in a run of Thai
 * letters that ends at e? */
static int filter_pass(const head_filter *f, const unsigned char *u, size_t j, size_t e)
{
    unsigned a = utf8_thai_index(u, j), b = j + 3 < e ? utf8_thai_index(u, j + 3) : 0;
    unsigned k = f->pair[a << 7 | b];
    if (!k || k & PAIR_HEADS) return k != 0;
    if (j + 6 >= e) return 0;
    if (k & PAIR_TRI && bit(f->tri, letters_hash(letters_at(u, j, 3)))) return 1;
    return k & PAIR_QUAD && j + 9 < e && bit(f->quad, letters_hash(letters_at(u, j, 4)));
}

/* Try the inner rules at letter p of the run from byte i to e. */
static void inside_at(phrase_pass *pp, size_t i, size_t e, size_t p)
{
    size_t at = i + 3 * p;
    if (filter_pass(pp->px->inside, (const unsigned char *)pp->norm, at, e)) try_at(pp, at, pp->px->inner);
}

/* The four letters x at u[s] are in the bitmap four: try the inner rules
 * there if their first eight letters may start a head. */
static void inside_four_hit(phrase_pass *pp, size_t s, uint64_t x)
{
    if (may_start(pp->px, (const unsigned char *)pp->norm, pp->nlen, s, x)) try_at(pp, s, pp->px->inner);
}

#ifdef PDP_SSE2
/* Lane j of the result: the letter at p + 3j (j < 4) or p + 12 + 3(j - 4),
 * its three bytes, the top one zero. */
__attribute__((target("avx2"))) static inline PDP_ALWAYS __m256i eight_letters(const unsigned char *p, __m256i take)
{
    __m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)p)),
                                        _mm_loadu_si128((const __m128i *)(p + 12)), 1);
    return _mm256_shuffle_epi8(v, take);
}

/* inside_four eight letters at a time, from u[t] (t >= 9) while 28 bytes
 * are there: in each 32-bit lane the four letters that end with one of the
 * eight, from four loads three bytes apart, hashed as letters_hash does; the
 * lanes' bits fetched from the bitmap with one gather.  Returns where it
 * stopped: the run's end (*ended set) or the last place blocks reach. */
__attribute__((target("avx2"))) static size_t four_blocks_avx2(phrase_pass *pp, size_t t, int *ended)
{
    const unsigned char *u = (const unsigned char *)pp->norm;
    const int *four = (const int *)pp->px->four;
    const __m256i take = _mm256_setr_epi8(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1,
                                          0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1);
    const __m256i high = _mm256_set1_epi32((int)0xFFFF0000u), k1 = _mm256_set1_epi32((int)LETTERS_K1),
                  k2 = _mm256_set1_epi32((int)LETTERS_K2), low5 = _mm256_set1_epi32(31),
                  thai_mask = _mm256_set1_epi32(THAI_LETTER_MASK), thai_bytes = _mm256_set1_epi32(THAI_LETTER_BYTES);
    for (; t + 28 <= pp->nlen; t += 24) {
        const unsigned char *p = u + t - 9;
        __m256i c0 = eight_letters(p, take), c1 = eight_letters(p + 3, take), c2 = eight_letters(p + 6, take),
                c3 = eight_letters(p + 9, take); /* lane j of c3: the letter at t + 3j, of c0 three before it */
        __m256i thai = _mm256_cmpeq_epi32(_mm256_and_si256(c3, thai_mask), thai_bytes);
        unsigned valid = (unsigned)__builtin_ctz(~(unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(thai)) | 0x100u);
        /* (the first two letters' bytes in the high and low half of a, the last two in b: x's halves) */
        __m256i a = _mm256_or_si256(_mm256_and_si256(_mm256_slli_epi32(c0, 8), high), _mm256_srli_epi32(c1, 8));
        __m256i b = _mm256_or_si256(_mm256_and_si256(_mm256_slli_epi32(c2, 8), high), _mm256_srli_epi32(c3, 8));
        __m256i h = _mm256_srli_epi32(_mm256_add_epi32(_mm256_mullo_epi32(a, k1), _mm256_mullo_epi32(b, k2)),
                                      32 - HEAD_HASH_BITS);
        __m256i words = _mm256_i32gather_epi32(four, _mm256_srli_epi32(h, 5), 4);
        __m256i on = _mm256_slli_epi32(_mm256_srlv_epi32(words, _mm256_and_si256(h, low5)), 31);
        uint32_t hits = (uint32_t)_mm256_movemask_ps(_mm256_castsi256_ps(on)) & ((1u << valid) - 1);
        for (; hits; hits &= hits - 1) {
            size_t s = t + 3 * lowest_bit(hits) - 9;
            inside_four_hit(pp, s, letters_at(u, s, 4));
        }
        if (valid < 8) {
            *ended = 1;
            return t + 3 * valid;
        }
    }
    return t;
}
#endif

/* The inner rules at letters 4.. of the run from byte i (t: its fifth
 * letter; x: its first four, read already): the last four letters read so
 * far looked up in the bitmap at each letter, as the run is read — no chain
 * of loads from one step to the next, as a skip table makes; eight letters
 * at a time with AVX2.  Returns the run's end. */
static size_t inside_four(phrase_pass *pp, size_t t, uint64_t x)
{
    const unsigned char *u = (const unsigned char *)pp->norm;
#ifdef PDP_SSE2
    if (pp->px->avx2 && t + 28 <= pp->nlen) {
        int ended = 0;
        t = four_blocks_avx2(pp, t, &ended);
        if (ended) return t;
        x = letters_at(u, t - 9, 3);
    }
#endif
    for (int32_t l; (l = thai_letter(u, pp->nlen, t)) >= 0; t += 3) {
        x = x << 16 | (uint32_t)l;
        if (bit(pp->px->four, letters_hash(x))) inside_four_hit(pp, t - 9, x); /* the head's first four end at t */
    }
    return t;
}

/* The inner rules at letters 1.. of the run of Thai characters from byte i
 * (t: where its first four letters end, x: they) to its end, which this
 * returns.  Heads of four letters are found as the run is read; those that
 * end with the run are checked where it ends; heads of one or two letters
 * make every letter checked. */
static size_t inside_run(phrase_pass *pp, size_t i, size_t t, uint64_t x)
{
    const phrase_index *px = pp->px;
    const unsigned char *u = (const unsigned char *)pp->norm;
    size_t e = t < i + 12 ? t : px->every_letter ? utf8_thai_run(u, pp->nlen, t) : inside_four(pp, t, x);
    size_t L = (e - i) / 3;
    if (px->every_letter) {
        for (size_t p = 1; p < L; p++) inside_at(pp, i, e, p);
        return e;
    }
    /* (A start checked here twice is tried again harmlessly: try_at skips
     * rules that matched there.) */
    unsigned ends = e < pp->nlen && px->tail_next[u[e]] ? px->tail_lengths : 0;
    if (px->three_letters) ends |= 1u << 3;
    for (size_t n = 1; n < 4; n++)
        if (ends >> n & 1 && L > n) inside_at(pp, i, e, L - n);
    return e;
}

/* The run of Thai characters from i (i is one): every rule at its first
 * letter (what stands before a run is never a Thai character, the text
 * being valid UTF-8), inner rules inside it.  Its first four letters, read
 * once, serve both; the start filter looks no further.  Returns the run's
 * end. */
static size_t thai_run(phrase_pass *pp, size_t i)
{
    const phrase_index *px = pp->px;
    const unsigned char *u = (const unsigned char *)pp->norm;
    uint64_t x = 0;
    size_t t = read_letters(u, pp->nlen, i, 4, &x);
    if (filter_pass(px->start, u, i, t) && (t < i + 12 || may_start(px, u, pp->nlen, i, x))) try_at(pp, i, px->all);
    if (px->inside) return inside_run(pp, i, t, x);
    return t < i + 12 ? t : utf8_thai_run(u, pp->nlen, t);
}

/* Past the ASCII from i on where no phrase starts (i is such). */
static size_t ascii_skip(const phrase_index *px, const unsigned char *u, size_t n, size_t i)
{
    if (!px->ascii_first) return u[i] ? utf8_ascii_run(u, n, i) : i + 1;
    do i++;
    while (i < n && u[i] < 0x80 && !px->heads.root[u[i]]);
    return i;
}

/* One pass over the text for every rule whose matches begin with a phrase
 * of a list (`requires: phrase`).  Runs of Thai characters are taken whole
 * (thai_run); other characters one by one, ASCII skipped up to where a
 * phrase may start. */
void detect_phrases(const phrase_index *px, const char *norm, size_t nlen, const offmap *map, size_t raw_lo,
                    size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    phrase_pass pp = { px, norm, nlen, map, raw_lo, raw_hi, sc, out, { 0 } };
    const unsigned char *u = (const unsigned char *)norm;
    size_t i = 0;
    int after_letter = 0;
    while (i < nlen) {
        if (utf8_thai_at(u, nlen, i)) {
            size_t e = thai_run(&pp, i);
            unsigned last = utf8_thai_index(u, e - 3);
            after_letter = last >= 0x01 && last <= 0x4E;
            i = e;
            continue;
        }
        if (u[i] < 0x80 && (px->heads.any || px->heads.root[u[i]])) {
            try_at(&pp, i, after_letter ? px->inner : px->all);
            i++;
        } else if (u[i] < 0x80) {
            i = ascii_skip(px, u, nlen, i);
        } else {
            try_at(&pp, i, after_letter ? px->inner : px->all);
            i = utf8_ceil(norm, nlen, i + 1);
        }
        after_letter = 0;
    }
}
