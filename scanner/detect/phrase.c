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

static inline void set_bit(uint8_t *bits, unsigned k) { bits[k >> 3] |= (uint8_t)(1u << (k & 7)); }

/* The Thai letters a head begins with (indexes in the Thai block, up to
 * four, in c); *then: something other than a Thai letter follows them. */
static int head_letters(const char *head, unsigned c[4], int *then)
{
    const unsigned char *p = (const unsigned char *)head;
    size_t len = strlen(head), off = 0, l = 0;
    int n = 0, k;
    while (n < 4 && (k = prefix_char(p, len, off, &l)) >= 128) {
        c[n++] = (unsigned)k - 128;
        off += l;
    }
    *then = off < len;
    return n;
}

/* Where a head may start at a Thai letter a followed by b (b = 0 when no
 * Thai letter follows): add kind to the entries (a, b) it allows in a
 * 128 x 128 table. */
static void mark_pairs(uint8_t *table, unsigned kind, const unsigned c[4], int n, int then)
{
    unsigned from = c[0] << 7, count = 1; /* one letter, then something else: at a run's end */
    if (n >= 2) from |= c[1];
    else if (!then) count = 128; /* a one-letter phrase: before any letter */
    for (unsigned k = from; k < from + count; k++) table[k] |= (uint8_t)kind;
}

/* The filters for one head: where it may start a Thai run, and for a rule
 * that may start inside a word (inner) where inside one. */
static void add_head(phrase_index *px, const char *head, int inner)
{
    unsigned c[4];
    int then, n = head_letters(head, c, &then);
    if (n == 0) return; /* starts with ASCII: handled outside Thai runs */
    mark_pairs(px->start_pair, PAIR_HEADS, c, n, then);
    if (!inner) return;
    if (n == 4) {
        mark_pairs(px->inner_pair, PAIR_QUAD, c, n, then);
        set_bit(px->quad, quad_hash(c[0], c[1], c[2], c[3]));
    } else if (n == 3) {
        mark_pairs(px->inner_pair, PAIR_TRI, c, n, then);
        set_bit(px->tri, quad_hash(c[0], c[1], c[2], 0x7F));
    } else {
        mark_pairs(px->inner_pair, PAIR_HEADS, c, n, then);
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
    if (px->inner) {
        px->inner_pair = xcalloc(128 * 128, 1);
        px->quad = xcalloc((1u << QUAD_BITS) / 8, 1);
        px->tri = xcalloc((1u << QUAD_BITS) / 8, 1);
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
    headtrie_build(&px->heads, &hb);
    if (px->heads.any) memset(px->start_pair, 0xFF, sizeof px->start_pair); /* such rules start anywhere */
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
    if (!utf8_thai_at(u, n, j + 6)) return 0;
    unsigned c = utf8_thai_index(u, j + 6);
    if (f & PAIR_TRI && bit(px->tri, quad_hash(a, b, c, 0x7F))) return 1;
    return f & PAIR_QUAD && utf8_thai_at(u, n, j + 9) && bit(px->quad, quad_hash(a, b, c, utf8_thai_index(u, j + 9)));
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
    unsigned b = utf8_thai_at(u, n, j) ? utf8_thai_index(u, j) : 0; /* the letters at j and k = j + 3 */
    if (px->start_pair[utf8_thai_index(u, i) << 7 | b]) try_at(pp, i, after_letter ? px->inner : px->all);
    if (!px->inner_pair) return utf8_thai_run(u, n, i);
    if (!utf8_thai_at(u, n, j)) return j;
    for (;;) {
        size_t k = j + 3;
        int more = utf8_thai_at(u, n, k);
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
        if (utf8_thai_at(u, nlen, i)) {
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
