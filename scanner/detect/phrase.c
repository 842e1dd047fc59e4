/* phrase.c — the phrase pass: every rule whose matches begin with a phrase
 * of a list (`requires: phrase`) is tried, anchored, where one of its
 * phrases may start — found in one pass over the text with an index built
 * once when the rules are loaded: the phrases' heads in a trie tagged with
 * their rules (headtrie.h), filters on the first two to four Thai letters
 * of the heads (head_filter in rules.h) so that the trie is walked only
 * where one may begin, and — since Thai writes words without spaces, and
 * most phrases may start inside a run of letters — a table of letter pairs
 * that skips up to three letters at a time where none can (the Wu-Manber
 * search, on windows of four letters). */
#include "detect.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"

#define WINDOW 4 /* letters */

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
 * HEAD_HASH_BITS bits. */
static inline unsigned quad_hash(unsigned a, unsigned b, unsigned c, unsigned d)
{
    return (unsigned)(((((uint32_t)a << 21) | (b << 14) | (c << 7) | d) * 2654435761u) >> (32 - HEAD_HASH_BITS));
}

static inline int bit(const uint8_t *bits, unsigned k) { return bits[k >> 3] >> (k & 7) & 1; }

static inline void set_bit(uint8_t *bits, unsigned k) { bits[k >> 3] |= (uint8_t)(1u << (k & 7)); }

/* The Thai letters a head begins with (indexes in the Thai block, up to
 * four, in c); *then: the first byte of what follows them, 0 if nothing. */
static int head_letters(const char *head, unsigned c[4], int *then)
{
    const unsigned char *p = (const unsigned char *)head;
    size_t len = strlen(head), off = 0, l = 0;
    int n = 0, k;
    while (n < 4 && (k = prefix_char(p, len, off, &l)) >= 128) {
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
    if (n == 4) set_bit(f->quad, quad_hash(c[0], c[1], c[2], c[3]));
    if (n == 3) set_bit(f->tri, quad_hash(c[0], c[1], c[2], 0x7F));
}

/* Lower the shift of every window ending in letters (a, b) to `shift`
 * (a or b >= 128: any letter); at shift 0 mark start d letters back. */
static void skip_lower(uint8_t *skip, unsigned a, unsigned b, unsigned shift, unsigned d)
{
    for (unsigned x = a < 128 ? a : 0; x < (a < 128 ? a + 1 : 128); x++)
        for (unsigned y = b < 128 ? b : 0; y < (b < 128 ? b + 1 : 128); y++) {
            uint8_t *e = &skip[x << 7 | y];
            if ((*e & 3u) > shift) *e = (uint8_t)((*e & ~3u) | shift);
            if (shift == 0) *e |= (uint8_t)(4u << d);
        }
}

/* A head of n (1..4) letters c in the windows: it ends the window, so its
 * first letter stands d = n - 1 letters before the window's last; letters
 * before it in the window are any. */
static void skip_add(uint8_t *skip, const unsigned c[4], int n)
{
    unsigned w[WINDOW];
    for (int k = 0; k < WINDOW; k++) w[k] = k < WINDOW - n ? 128 : c[k - (WINDOW - n)];
    for (unsigned q = 1; q < WINDOW; q++) skip_lower(skip, w[q - 1], w[q], WINDOW - 1 - q, (unsigned)n - 1);
}

/* The filters and the skip table for one head. */
static void add_head(phrase_index *px, const char *head, int inner)
{
    unsigned c[4];
    int then, n = head_letters(head, c, &then);
    if (n == 0) return; /* starts with ASCII: handled outside Thai runs */
    filter_add(px->start, c, n, then);
    if (!inner) return;
    filter_add(px->inside, c, n, then);
    if (then && n < WINDOW) { /* ends with the run: checked there */
        px->tail_lengths |= 1u << n;
        px->tail_next[then] = 1;
        return;
    }
    skip_add(px->skip, c, n);
    if ((unsigned)(WINDOW - n) > px->skip_from) px->skip_from = (unsigned)(WINDOW - n);
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
    px->start = xcalloc(1, sizeof *px->start);
    if (px->inner) {
        px->inside = xcalloc(1, sizeof *px->inside);
        px->skip = xmalloc(128 * 128);
        memset(px->skip, WINDOW - 1, 128 * 128);
        px->skip_from = 1;
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
    free(px->skip);
    px->rs = NULL;
    px->start = px->inside = NULL;
    px->skip = NULL;
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

/* Does filter f let a head start at the letter at u[j], in a run of Thai
 * letters that ends at e? */
static int filter_pass(const head_filter *f, const unsigned char *u, size_t j, size_t e)
{
    unsigned a = utf8_thai_index(u, j), b = j + 3 < e ? utf8_thai_index(u, j + 3) : 0;
    unsigned k = f->pair[a << 7 | b];
    if (!k || k & PAIR_HEADS) return k != 0;
    if (j + 6 >= e) return 0;
    unsigned c = utf8_thai_index(u, j + 6);
    if (k & PAIR_TRI && bit(f->tri, quad_hash(a, b, c, 0x7F))) return 1;
    return k & PAIR_QUAD && j + 9 < e && bit(f->quad, quad_hash(a, b, c, utf8_thai_index(u, j + 9)));
}

/* Try the inner rules at letter p of the run from byte i to e. */
static void inside_at(phrase_pass *pp, size_t i, size_t e, size_t p)
{
    if (filter_pass(pp->px->inside, (const unsigned char *)pp->norm, i + 3 * p, e)) try_at(pp, i + 3 * p, pp->px->inner);
}

/* The inner rules at letters 1.. of the run of L letters from byte i to e:
 * windows of four letters, each judged by its last two; where the table
 * says a head may end one, the starts it names are checked.  Those too
 * near the run's start for a window, and those of heads that end with the
 * run, are checked one by one. */
static void inside_run(phrase_pass *pp, size_t i, size_t e)
{
    const phrase_index *px = pp->px;
    const unsigned char *u = (const unsigned char *)pp->norm;
    size_t L = (e - i) / 3, next = px->skip_from; /* starts before next were checked */
    for (size_t p = 1; p < next && p < L; p++) inside_at(pp, i, e, p);
    for (size_t w = WINDOW - 1; w < L;) { /* w: the window's last letter */
        size_t t = i + 3 * w;
        unsigned s = px->skip[utf8_thai_index(u, t - 3) << 7 | utf8_thai_index(u, t)];
        if (s & 3) {
            w += s & 3;
            continue;
        }
        for (size_t d = WINDOW; d-- > 0;)
            if (s >> (2 + d) & 1 && w - d >= next) {
                inside_at(pp, i, e, w - d);
                next = w - d + 1;
            }
        w++;
    }
    /* (A start checked above as well is tried again harmlessly: try_at
     * skips rules that matched there.) */
    if (e < pp->nlen && px->tail_next[u[e]])
        for (size_t n = 1; n < WINDOW; n++)
            if (px->tail_lengths >> n & 1 && L > n) inside_at(pp, i, e, L - n);
}

/* The run of Thai characters from i (i is one): every rule at its first
 * letter (inner rules only when a Thai letter stands before it), inner
 * rules inside it.  Returns its end. */
static size_t thai_run(phrase_pass *pp, size_t i, int after_letter)
{
    const phrase_index *px = pp->px;
    const unsigned char *u = (const unsigned char *)pp->norm;
    size_t e = utf8_thai_run(u, pp->nlen, i);
    if (filter_pass(px->start, u, i, e)) try_at(pp, i, after_letter ? px->inner : px->all);
    if (px->inside) inside_run(pp, i, e);
    return e;
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
            size_t e = thai_run(&pp, i, after_letter);
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
