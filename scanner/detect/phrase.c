/* phrase.c — the phrase pass: every rule whose matches begin with a phrase
 * of a list (`requires: phrase`) is tried, anchored, where one of its
 * phrases may start — found in one pass over the text with an index built
 * once when the rules are loaded (bitmaps of first characters and pairs, a
 * hash of the first four letters for phrases that may start inside a Thai
 * word, the rules by first character, and all phrase heads). */
#include "detect.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"

/* One pass of the phrase rules over a text. */
typedef struct phrase_pass {
    const phrase_index *px;
    size_t done[MAX_PHRASE_RULES]; /* rule k found a match ending there: no retry before */
} phrase_pass;

void phrase_index_build(pdp_rules *r)
{
    phrase_index *px = &r->phrases;
    memset(px, 0, sizeof *px);
    px->rs = xcalloc(r->nrules ? r->nrules : 1, sizeof *px->rs);
    /* The phrase heads of all rules, and of those that may start inside a
     * word, as sets of their own: one look-up (bitmaps, then the heads)
     * before any rule is tried. */
    char **all = NULL, **in = NULL;
    size_t nall = 0, nin = 0;
    for (size_t i = 0; i < r->nrules && px->n < MAX_PHRASE_RULES; i++) {
        const pdp_rule *ru = &r->rules[i];
        if (!ru->req_phrase) continue;
        px->rs[px->n++] = ru;
        if (!ru->req_word_start) px->ninner++;
        const prefix_set *ps = ru->req_phrase;
        all = xrealloc(all, (nall + ps->nprefixes + 1) * sizeof *all);
        in = xrealloc(in, (nin + ps->nprefixes + 1) * sizeof *in);
        for (size_t k = 0; k < ps->nprefixes; k++) {
            all[nall++] = ps->prefixes[k];
            if (!ru->req_word_start) in[nin++] = ps->prefixes[k];
        }
        px->all.any |= ps->any;
        px->inner.any |= ps->any && !ru->req_word_start;
    }
    int any_all = px->all.any, any_in = px->inner.any;
    prefix_set_build(&px->all, all, nall);
    prefix_set_build(&px->inner, in, nin);
    px->all.any |= any_all;
    px->inner.any |= any_in;
    free(all);
    free(in);
    for (int c = 0; c < 128; c++) px->ascii_first |= px->all.first[c];
    for (int c = 128; c < 256; c++) px->inner_single |= px->inner.single[c / 8] >> (c % 8) & 1;
    size_t total = 0;
    for (int c = 0; c < 256; c++)
        for (size_t k = 0; k < px->n; k++) total += px->rs[k]->req_phrase->first[c] || px->rs[k]->req_phrase->any;
    px->by_first = xcalloc(total ? total : 1, sizeof *px->by_first);
    size_t at = 0;
    for (int c = 0; c < 256; c++) {
        px->from[c] = (uint16_t)at;
        for (size_t k = 0; k < px->n; k++)
            if (px->rs[k]->req_phrase->first[c] || px->rs[k]->req_phrase->any) px->by_first[at++] = (uint16_t)k;
    }
    px->from[256] = (uint16_t)at;
}

void phrase_index_free(phrase_index *px)
{
    prefix_set_free(&px->all);
    prefix_set_free(&px->inner);
    free(px->rs);
    free(px->by_first);
    px->rs = NULL;
    px->by_first = NULL;
}

/* Try every rule that may start at i (after_letter: a Thai letter stands
 * right before i). */
static void try_phrases(phrase_pass *pp, const char *norm, size_t nlen, size_t i, int after_letter,
                        const offmap *map, size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    const phrase_index *px = pp->px;
    const unsigned char *u = (const unsigned char *)norm;
    /* most positions the bitmaps let through start no phrase at all */
    if (!prefix_set_confirm(after_letter ? &px->inner : &px->all, norm, nlen, i)) return;
    size_t l;
    int c = prefix_char(u, nlen, i, &l);
    if (c < 0) c = 0; /* only rules with `any` are indexed under every character */
    for (size_t x = px->from[c]; x < px->from[c + 1]; x++) {
        size_t k = px->by_first[x];
        const pdp_rule *ru = px->rs[k];
        if (i < pp->done[k] || (after_letter && ru->req_word_start) || !prefix_set_hit(ru->req_phrase, u, nlen, i) ||
            !prefix_set_confirm(ru->req_phrase, norm, nlen, i))
            continue;
        size_t e = detect_try_at(ru, norm, nlen, i, map, raw_lo, raw_hi, sc, out);
        if (e) pp->done[k] = e;
    }
}

static int bit(const uint8_t *bits, unsigned k) { return bits[k >> 3] >> (k & 7) & 1; }

/* Inside a run of Thai letters [i, e): positions after the first where an
 * anywhere-rule may start, found by the bitmap of its first two letters. */
static void scan_thai_run(phrase_pass *pp, const char *norm, size_t nlen, size_t i, size_t e, const offmap *map,
                          size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    const unsigned char *u = (const unsigned char *)norm;
    const prefix_set *in = &pp->px->inner;
    /* a, b, c, d: the letters at j, j+3, j+6, j+9 (0 past the run), each
     * read once as the window slides */
#define AT(k) ((k) < e ? utf8_thai_index(u, (k)) : 0u)
    unsigned a = AT(i + 3), b = AT(i + 6), c = AT(i + 9);
    for (size_t j = i + 3; j < e; j += 3) {
        unsigned d = AT(j + 9);
        int hit = bit(in->inner_pair, (128 + a) << 8 | (128 + b)) || (pp->px->inner_single && bit(in->single, 128 + a)) ||
                  (j + 9 < e && bit(in->quad, quad_hash(a, b, c, d)));
        if (hit) try_phrases(pp, norm, nlen, j, 1, map, raw_lo, raw_hi, sc, out);
        a = b;
        b = c;
        c = d;
    }
#undef AT
}

/* One pass over the text for every rule whose matches begin with a phrase
 * of a list (`requires: phrase`).  Runs of Thai letters are taken whole:
 * word-start rules are tried only at a run's first letter, anywhere-rules
 * inside it where a bitmap of their phrases' first two letters says so.
 * Other characters are looked at one by one (ASCII runs skipped whole when
 * no phrase starts in ASCII). */
void detect_phrases(const phrase_index *px, const char *norm, size_t nlen, const offmap *map,
                              size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    phrase_pass pp;
    pp.px = px;
    memset(pp.done, 0, px->n * sizeof *pp.done);
    const prefix_set *all = &px->all;
    const unsigned char *u = (const unsigned char *)norm;
    size_t i = 0;
    int after_letter = 0;
    while (i < nlen) {
        size_t e = u[i] == 0xE0 ? utf8_thai_run(u, nlen, i) : i;
        if (e > i) {
            if (prefix_set_hit(all, u, nlen, i)) try_phrases(&pp, norm, nlen, i, after_letter, map, raw_lo, raw_hi, sc, out);
            if (px->ninner) scan_thai_run(&pp, norm, nlen, i, e, map, raw_lo, raw_hi, sc, out);
            unsigned last = utf8_thai_index(u, e - 3);
            after_letter = last >= 0x01 && last <= 0x4E;
            i = e;
            continue;
        }
        if (!px->ascii_first && u[i] < 0x80) { /* no phrase starts in ASCII: skip it */
            i = u[i] ? utf8_ascii_run(u, nlen, i) : i + 1;
            after_letter = 0;
            continue;
        }
        if (u[i] < 0x80) { /* ASCII: only where a phrase may start */
            if (all->first[u[i]] && prefix_set_hit(all, u, nlen, i))
                try_phrases(&pp, norm, nlen, i, after_letter, map, raw_lo, raw_hi, sc, out);
            i++;
        } else {
            if (prefix_set_hit(all, u, nlen, i)) try_phrases(&pp, norm, nlen, i, after_letter, map, raw_lo, raw_hi, sc, out);
            i = utf8_ceil(norm, nlen, i + 1);
        }
        after_letter = 0;
    }
}

