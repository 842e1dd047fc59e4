/* phrase.c — the phrase pass: every rule whose matches begin with a phrase
 * of a list (`requires: phrase`) is tried, anchored, where one of its
 * phrases may start — found with an index built once when the rules are
 * loaded: the phrases' heads in a trie tagged with their rules
 * (headtrie.h), and the heads' first letters as keys (letter_stream.h), so that
 * the text is read as a stream of letters and the trie is walked only at
 * its hits.  Since Thai writes words without spaces, the heads of most
 * rules are looked for inside runs of letters too.  Where a hit has four
 * letters, its first eight are checked exactly (may_start) before the
 * trie is walked. */
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

/* Thai letters as may_start's bitmaps hash them: each letter's last two
 * bytes, sixteen bits, the newest lowest — up to four in a word, read off
 * the text (letter_bytes at the letter starting at u[j]) or made from an
 * index in the Thai block (letter_bits) — hashed into HEAD_HASH_BITS
 * bits with two 32-bit products (one for each half of the word). */
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

/* A head of n letters c (n = 4, or 3 followed by nothing) in bitmap four
 * (short4): its first four, or each fourth letter after its three. */
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
 * this passes: most letters whose key is a head's (letter_stream.h) begin common
 * words (ข้อมูล, รายงาน) that begin no head further on. */
static int may_start(const phrase_index *px, const unsigned char *u, size_t n, size_t s, uint64_t x)
{
    if (px->unsure || bit(px->short4, letters_hash(x))) return 1;
    uint64_t y = 0; /* (fewer than eight letters: no long head) */
    return read_letters(u, n, s + 12, 4, &y) == s + 24 && bit(px->eight, eight_hash(x, y));
}

/* The entries of characters outside the Thai block: a place where a head
 * may begin at an ASCII character (any of them when a head begins outside
 * ASCII and the Thai block), always at another; the class bit where heads'
 * letters may be followed by the character (follows, by its first byte). */
static void entries_build(phrase_index *px, const uint8_t follows[256])
{
    letter_keys *k = &px->keys;
    for (unsigned c = 0; c < 128; c++) {
        unsigned place = px->heads.any || px->heads.root[c] ? ENTRY_PLACE : 0;
        k->entry_of[c] = (uint8_t)(ENTRY_BREAK | place | (follows[c] ? ENTRY_CLASS : 0));
    }
    int high = 0;
    for (unsigned c = 128; c < 256; c++) high |= follows[c];
    k->entry_high = (uint8_t)(ENTRY_BREAK | ENTRY_PLACE | (high ? ENTRY_CLASS : 0));
}

/* Key `key` at a run's start, and inside runs for an inner head. */
static void key_add(letter_keys *k, uint32_t key, int inner)
{
    letter_keys_add(k, key, 1);
    if (inner) letter_keys_add(k, key, 0);
}

/* The keys of a head of n letters c (then: the first byte of what follows
 * them in the head, 0 if nothing): its first four letters; fewer, and
 * the entry of what follows; a head of three letters alone, with every
 * entry after it (a letter, or any character's entry, or the end's);
 * one of one or two letters alone makes every letter a hit. */
static void keys_add(phrase_index *px, const unsigned *c, int n, int then, int inner)
{
    letter_keys *k = &px->keys;
    if (n >= 4 || then) {
        key_add(k, letter_key(c, n < 4 ? n : 4, n < 4 ? letter_entry_of(k, (unsigned)then) : 0), inner);
    } else if (n == 3) {
        for (unsigned d = 0; d < 128; d++) key_add(k, letter_key(c, 3, d), inner);
        key_add(k, letter_key(c, 3, ENTRY_BREAK), inner); /* (the end) */
        key_add(k, letter_key(c, 3, k->entry_high), inner);
        for (unsigned d = 0; d < 128; d++) key_add(k, letter_key(c, 3, k->entry_of[d]), inner);
    } else {
        k->all_starts = 1;
        if (inner) k->all_inner = 1;
    }
}

/* The first byte of what follows a head's first letters when they are
 * fewer than four; 0 if nothing does or they are four. */
static int head_then(const char *head)
{
    unsigned c[4];
    int then, n = head_letters(head, c, 4, &then);
    return n >= 1 && n < 4 ? then : 0;
}

/* The filters for one head. */
static void add_head(phrase_index *px, const char *head, int inner)
{
    unsigned c[8];
    int then, n = head_letters(head, c, 8, &then);
    if (n == 0) return; /* starts outside the Thai block: a place */
    sure_add(px, c, n, then);
    keys_add(px, c, n, then, inner);
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
    px->short4 = xcalloc(1, (1u << HEAD_HASH_BITS) / 8);
    px->eight = xcalloc(1, (1u << HEAD_HASH_BITS) / 8);
    letter_keys_init(&px->keys);
    headtrie_builder hb = { 0 };
    uint8_t follows[256] = { 0 };
    for (size_t k = 0; k < px->n; k++) {
        const prefix_set *ps = px->rs[k]->req_phrase;
        for (size_t h = 0; h < ps->nprefixes; h++) {
            headtrie_add(&hb, ps->prefixes[h], (unsigned)k);
            follows[head_then(ps->prefixes[h])] = 1;
        }
    }
    follows[0] = 0; /* (nothing follows) */
    headtrie_build(&px->heads, &hb);
    entries_build(px, follows);
    for (size_t k = 0; k < px->n; k++) {
        const prefix_set *ps = px->rs[k]->req_phrase;
        for (size_t h = 0; h < ps->nprefixes; h++) add_head(px, ps->prefixes[h], px->inner >> k & 1);
    }
}

void phrase_index_free(phrase_index *px)
{
    headtrie_free(&px->heads);
    letter_keys_free(&px->keys);
    free(px->rs);
    free(px->short4);
    free(px->eight);
    px->rs = NULL;
    px->short4 = px->eight = NULL;
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

/* Is entry e a character of a Thai word (U+0E01..U+0E4E: a letter, vowel,
 * tone or mark — not a digit or sign)?  What follows one does not begin a
 * word. */
static inline int in_word(unsigned e) { return e >= 0x01 && e <= 0x4E; }

/* The hit at entry e of stream ls, of the stretch from byte a: a place
 * (every rule there, but those that must begin a word right after a
 * letter), or a letter whose key may begin a head (every rule at a run's
 * start, the inner rules inside it) — if its first eight letters may,
 * where it has four. */
static void try_entry(phrase_pass *pp, const letter_stream *ls, size_t a, size_t e)
{
    const phrase_index *px = pp->px;
    const uint8_t *v = ls->v;
    size_t at = a + ls->pos[e];
    unsigned before = v[e - 1];
    if (v[e] & ENTRY_BREAK) {
        try_at(pp, at, in_word(before) ? px->inner : px->all);
        return;
    }
    const unsigned char *u = (const unsigned char *)pp->norm;
    if (!((v[e + 1] | v[e + 2] | v[e + 3]) & ENTRY_BREAK) && !may_start(px, u, pp->nlen, at, letters_at(u, at, 4)))
        return;
    try_at(pp, at, before & ENTRY_BREAK ? px->all : px->inner);
}

#define STRETCH (32u << 10)
#define STRETCH_MAX (1u << 30) /* (the stream's offsets are 32 bits; docscan's windows are far shorter) */

/* Where the stretch of text from a ends: some STRETCH bytes on, after an
 * ASCII byte, so that no run of letters crosses it (a run of letters over
 * STRETCH_MAX bytes long is cut at a character); or at the end. */
static size_t stretch_end(const unsigned char *u, size_t n, size_t a)
{
    if (n - a <= STRETCH) return n;
    size_t b = a + STRETCH;
    while (b < n && u[b - 1] >= 0x80 && b - a < STRETCH_MAX) b++;
    return b - a < STRETCH_MAX ? b : utf8_floor((const char *)u, b);
}

/* One pass over the text for every rule whose matches begin with a phrase
 * of a list (`requires: phrase`): stretch by stretch, the hits of the
 * letter stream tried in order. */
void detect_phrases(const phrase_index *px, const char *norm, size_t nlen, const offmap *map, size_t raw_lo,
                    size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    phrase_pass pp = { px, norm, nlen, map, raw_lo, raw_hi, sc, out, { 0 } };
    const unsigned char *u = (const unsigned char *)norm;
    letter_stream *ls = &sc->letters;
    for (size_t a = 0, b; a < nlen; a = b) {
        b = stretch_end(u, nlen, a);
        letters_scan(&px->keys, u, a, b, ls);
        for (size_t h = 0; h < ls->nhits; h++) try_entry(&pp, ls, a, ls->hits[h]);
    }
}
