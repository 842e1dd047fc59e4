/* detect.h — run the loaded rules over normalized text.
 *
 * Input: normalized text, its offset map, and the window of source offsets
 * [raw_lo, raw_hi) whose matches belong to this call (text before raw_lo is
 * context only; text after raw_hi will be scanned again by the next call).
 * Output: candidates with their value validated and their context looked up.
 * Deciding what a candidate means (severity, overlaps) is policy's job. */
#ifndef PDP_DETECT_H
#define PDP_DETECT_H

#include "rules.h"
#include "../normalize/normalize.h"
#include "digit_zones.h"
#include "wordbreak.h"

typedef struct candidate {
    const pdp_rule *rule;
    size_t ns, ne;          /* value span in normalized text */
    size_t rs, re;          /* value span in source text (buffer offsets) */
    char *normalized;       /* canonical value (owned) */
    long pos_dist, neg_dist; /* bytes to the nearest positive / negative context word; -1 none */
    int role;               /* role context found (position, signature, agency contact) */
    double boost;           /* confidence added (a known given or family name) */
} candidate;

typedef struct cand_vec {
    candidate *v;
    size_t len, cap;
} cand_vec;

void cand_vec_init(cand_vec *c);
void cand_vec_clear(cand_vec *c);   /* frees the candidates' values */
void cand_vec_free(cand_vec *c);

/* Per-thread scratch space for detect_run. */
typedef struct detect_scratch {
    pcre2_match_data *md;
    buf tmp;
    int limit_hit;          /* a pattern hit PCRE2's match limit */
    const char *broken_rule; /* a rule whose pattern does not compile (lazily compiled) */
    int full_scan;          /* ignore rules' `requires` (for tests and checks) */
    zone_vec zones;         /* digit zones of the text */
    zone_vec big;           /* those with at least the rules' zone_floor digits */
    wordbreak *wb;          /* opened on first use (rules with `words:`) */
    struct column_state *columns; /* per rule: the table column it watches (columns.c) */
    size_t ncolumns;
    letter_stream letters;  /* the phrase pass's entries and hits (letter_stream.h) */
} detect_scratch;

void detect_scratch_init(detect_scratch *s);
void detect_scratch_free(detect_scratch *s);

void detect_run(const pdp_rules *r, const char *norm, size_t nlen, const offmap *map,
                size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out);

/* Rule ru tried anchored at i (a possible phrase start): where the accepted
 * match ends, or 0. */
size_t detect_try_at(const pdp_rule *ru, const char *norm, size_t nlen, size_t i, const offmap *map, size_t raw_lo,
                     size_t raw_hi, detect_scratch *sc, cand_vec *out);

/* A rule's `words:` condition on the match [ms, me) and its value [vs, *ve):
 * 0 when the match does not begin a word; otherwise *ve may move back to
 * where the value's last word ends (words.c). */
int words_fit(const pdp_rule *ru, const char *norm, size_t nlen, size_t ms, size_t vs, size_t *ve, detect_scratch *sc);

/* The confidence a rule's `known:` lists add to the value [vs, ve), in
 * *boost; 0 when they are required and neither word is known. */
int words_known(const pdp_rule *ru, const char *norm, size_t vs, size_t ve, double *boost);

/* Rules with `column:` over the table rows of norm (columns.c); the state
 * of their columns lives in sc from one call to the next. */
void detect_columns(const pdp_rules *r, const char *norm, size_t nlen, const offmap *map, size_t raw_lo,
                    size_t raw_hi, detect_scratch *sc, cand_vec *out);
void columns_free(detect_scratch *sc);

/* ru's value norm[vs, ve), found by other means than its pattern (a name
 * in two table cells), validated and recorded like a match: its end, or 0. */
size_t detect_value(const pdp_rule *ru, const char *norm, size_t nlen, size_t vs, size_t ve, const offmap *map,
                    size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out);

/* Rules whose values may stand glued to a neighbouring field in a
 * fixed-width export: a validator and a fixed count of ten digits or more
 * (IDs, tax IDs, card numbers).  detect_glued finds their columns among
 * the digit zones of norm (glued.c). */
#define GLUED_RULE(ru) ((ru)->validator && (ru)->req_digits >= 10 && !(ru)->col_header)
void detect_glued(const pdp_rules *r, const zone_vec *zones, const char *norm, size_t nlen, const offmap *map,
                  size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out);

/* The phrase pass over norm for the rules of px (phrase.c). */
#define MAX_PHRASE_RULES 64 /* phrase rules one index holds (bits of a mask); more are scanned plainly */
void detect_phrases(const phrase_index *px, const char *norm, size_t nlen, const offmap *map, size_t raw_lo,
                    size_t raw_hi, detect_scratch *sc, cand_vec *out);

#endif
