/* phrase.c — the phrase pass: every rule whose matches begin with a phrase
 * of a list (`requires: phrase`) is tried, anchored, where one of its
 * phrases may start — found in one pass over the text with an index built
 * once when the rules are loaded: the phrases' heads in a trie tagged with
 * their rules (headtrie.h), and, for phrases that may start inside a Thai
 * word, a table of their first two letters and bitmaps of their first three
 * or four so that the trie is walked only where one may begin. */
#include "detect.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"

enum { PAIR_HEADS = 1, PAIR_TRI = 2, PAIR_QUAD = 4 };
#define QUAD_BITS 16

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

/* Hash of four Thai letters (indexes 0..127 in the Thai block) into
 * QUAD_BITS bits. */
static inline unsigned quad_hash(unsigned a, unsigned b, unsigned c, unsigned d)
{
    return (unsigned)(((((uint32_t)a << 21) | (b << 14) | (c << 7) | d) * 2654435761u) >> (32 - QUAD_BITS));
}

static inline int bit(const uint8_t *bits, unsigned k) { return bits[k >> 3] >> (k & 7) & 1; }

/* Is the character at s[i] in the Thai block (E0 B8/B9 xx)? */
static inline int thai_at(const unsigned char *s, size_t n, size_t i)
{
    return i + 2 < n && s[i] == 0xE0 && (s[i + 1] & 0xFE) == 0xB8;
}

/* Where a phrase head may start at a Thai letter a followed by b (b = 0 when
 * no Thai letter follows): bit a << 7 | b of pairs. */
static void add_start(uint8_t *pairs, const char *head)
{
    const unsigned char *p = (const unsigned char *)head;
    size_t len = strlen(head), l1 = 0, l2 = 0;
    int a = prefix_char(p, len, 0, &l1), b = prefix_char(p, len, l1, &l2);
    if (a < 128) return; /* not at a Thai letter */
    if (b >= 128) {
        unsigned k = (unsigned)(a - 128) << 7 | (unsigned)(b - 128);
        pairs[k >> 3] |= (uint8_t)(1u << (k & 7));
    } else if (l1 < len) { /* one Thai letter, then something else */
        unsigned k = (unsigned)(a - 128) << 7;
        pairs[k >> 3] |= (uint8_t)(1u << (k & 7));
    } else { /* a one-letter phrase */
        for (unsigned k = (unsigned)(a - 128) << 7, e = k + 128; k < e; k++) pairs[k >> 3] |= (uint8_t)(1u << (k & 7));
    }
}

/* The inside-a-word filter entries for one phrase head (normalized). */
static void add_inner(phrase_index *px, const char *head)
{
    const unsigned char *p = (const unsigned char *)head;
    size_t len = strlen(head), off = 0, l = 0;
    int c[4], n = 0;
    while (n < 4 && (c[n] = prefix_char(p, len, off, &l)) >= 128) {
        c[n++] -= 128;
        off += l;
    }
    if (n == 0) return; /* starts with ASCII: never inside a Thai run */
    if (n == 4) {
        px->inner_pair[c[0] << 7 | c[1]] |= PAIR_QUAD;
        unsigned h = quad_hash((unsigned)c[0], (unsigned)c[1], (unsigned)c[2], (unsigned)c[3]);
        px->quad[h >> 3] |= (uint8_t)(1u << (h & 7));
    } else if (n == 3) {
        px->inner_pair[c[0] << 7 | c[1]] |= PAIR_TRI;
        unsigned h = quad_hash((unsigned)c[0], (unsigned)c[1], (unsigned)c[2], 0x7F);
        px->tri[h >> 3] |= (uint8_t)(1u << (h & 7));
    } else if (n == 2) {
        px->inner_pair[c[0] << 7 | c[1]] |= PAIR_HEADS;
    } else if (off < len) { /* one Thai letter, then something else: at a run's end */
        px->inner_pair[c[0] << 7] |= PAIR_HEADS;
    } else { /* a one-letter phrase */
        for (int b = 0; b < 128; b++) px->inner_pair[c[0] << 7 | b] |= PAIR_HEADS;
    }
}

void phrase_index_build(pdp_rules *r)
{
    phrase_index *px = &r->phrases;
    memset(px, 0, sizeof *px);
    px->rs = xcalloc(r->nrules ? r->nrules : 1, sizeof *px->rs);
    headtrie_builder hb = { 0 };
    for (size_t i = 0; i < r->nrules && px->n < MAX_PHRASE_RULES; i++) {
        const pdp_rule *ru = &r->rules[i];
        if (!ru->req_phrase) continue;
        size_t k = px->n++;
        px->rs[k] = ru;
        px->all |= 1ULL << k;
        if (!ru->req_word_start) px->inner |= 1ULL << k;
        const prefix_set *ps = ru->req_phrase;
        for (size_t h = 0; h < ps->nprefixes; h++) {
            headtrie_add(&hb, ps->prefixes[h], (unsigned)k);
            if ((unsigned char)ps->prefixes[h][0] < 0x80) px->ascii_first = 1;
        }
    }
    headtrie_build(&px->heads, &hb);
    if (px->heads.any) memset(px->start_pair, 0xFF, sizeof px->start_pair);
    for (size_t k = 0; k < px->n; k++)
        for (size_t h = 0; h < px->rs[k]->req_phrase->nprefixes; h++) add_start(px->start_pair, px->rs[k]->req_phrase->prefixes[h]);
    if (!px->inner) return;
    px->inner_pair = xcalloc(128 * 128, 1);
    px->quad = xcalloc((1u << QUAD_BITS) / 8, 1);
    px->tri = xcalloc((1u << QUAD_BITS) / 8, 1);
    for (size_t k = 0; k < px->n; k++)
        if (px->inner >> k & 1)
            for (size_t h = 0; h < px->rs[k]->req_phrase->nprefixes; h++) add_inner(px, px->rs[k]->req_phrase->prefixes[h]);
    if (px->heads.any & px->inner) memset(px->inner_pair, PAIR_HEADS, 128 * 128);
}

void phrase_index_free(phrase_index *px)
{
    headtrie_free(&px->heads);
    free(px->rs);
    free(px->inner_pair);
    free(px->quad);
    free(px->tri);
    px->rs = NULL;
    px->inner_pair = px->quad = px->tri = NULL;
}

/* Try the rules of `allowed` whose phrases' heads stand at i. */
static void try_at(phrase_pass *pp, size_t i, uint64_t allowed)
{
    uint64_t m = headtrie_match(&pp->px->heads, (const unsigned char *)pp->norm, pp->nlen, i) & allowed;
    for (size_t k = 0; m; k++, m >>= 1) {
        if (!(m & 1) || i < pp->done[k]) continue;
        size_t e = detect_try_at(pp->px->rs[k], pp->norm, pp->nlen, i, pp->map, pp->raw_lo, pp->raw_hi, pp->sc, pp->out);
        if (e) pp->done[k] = e;
    }
}

/* Do the three or four letters from j (the first two a, b) pass the
 * filters that the pair's table entry f names? */
static int more_letters(const phrase_index *px, const unsigned char *u, size_t n, size_t j, unsigned f, unsigned a,
                        unsigned b)
{
    if (!thai_at(u, n, j + 6)) return 0;
    unsigned c = utf8_thai_index(u, j + 6);
    if (f & PAIR_TRI && bit(px->tri, quad_hash(a, b, c, 0x7F))) return 1;
    return f & PAIR_QUAD && thai_at(u, n, j + 9) && bit(px->quad, quad_hash(a, b, c, utf8_thai_index(u, j + 9)));
}

/* The run of Thai characters from i (i is one): every rule at its first
 * letter (inner rules only when a Thai letter stands before it), inner
 * rules inside it where the pair table lets through.  Returns its end. */
static size_t thai_run(phrase_pass *pp, size_t i, int after_letter)
{
    const phrase_index *px = pp->px;
    const unsigned char *u = (const unsigned char *)pp->norm;
    size_t n = pp->nlen;
    size_t j = i + 3;
    unsigned b = thai_at(u, n, j) ? utf8_thai_index(u, j) : 0; /* the letters at j and k = j + 3 */
    if (bit(px->start_pair, utf8_thai_index(u, i) << 7 | b)) try_at(pp, i, after_letter ? px->inner : px->all);
    if (!px->inner_pair) return utf8_thai_run(u, n, i);
    if (!thai_at(u, n, j)) return j;
    for (;;) {
        size_t k = j + 3;
        int more = thai_at(u, n, k);
        unsigned c = more ? utf8_thai_index(u, k) : 0;
        unsigned f = px->inner_pair[b << 7 | c];
        if (f && (f & PAIR_HEADS || more_letters(px, u, n, j, f, b, c))) try_at(pp, j, px->inner);
        if (!more) return k;
        b = c;
        j = k;
    }
}

/* One pass over the text for every rule whose matches begin with a phrase
 * of a list (`requires: phrase`).  Runs of Thai characters are taken whole
 * (thai_run); other characters one by one, ASCII runs skipped whole when no
 * phrase starts in ASCII. */
void detect_phrases(const phrase_index *px, const char *norm, size_t nlen, const offmap *map, size_t raw_lo,
                    size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    phrase_pass pp = { px, norm, nlen, map, raw_lo, raw_hi, sc, out, { 0 } };
    const unsigned char *u = (const unsigned char *)norm;
    size_t i = 0;
    int after_letter = 0;
    while (i < nlen) {
        if (thai_at(u, nlen, i)) {
            size_t e = thai_run(&pp, i, after_letter);
            unsigned last = utf8_thai_index(u, e - 3);
            after_letter = last >= 0x01 && last <= 0x4E;
            i = e;
            continue;
        }
        if (u[i] < 0x80 && !px->ascii_first && !px->heads.any) { /* no phrase starts in ASCII: skip it */
            i = u[i] ? utf8_ascii_run(u, nlen, i) : i + 1;
        } else if (u[i] < 0x80) {
            if (px->heads.root[u[i]] || px->heads.any) try_at(&pp, i, after_letter ? px->inner : px->all);
            i++;
        } else {
            try_at(&pp, i, after_letter ? px->inner : px->all);
            i = utf8_ceil(norm, nlen, i + 1);
        }
        after_letter = 0;
    }
}
