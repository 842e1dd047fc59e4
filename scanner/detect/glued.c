/* glued.c — values glued to the field before or after them in fixed-width
 * exports.
 *
 * A fixed-width export (a registry or payroll dump, NUL- or space-padded)
 * lays its fields side by side with nothing between them: a row number
 * `0001` runs straight into the ID `1579378657978`.  The ID is then "inside
 * a longer number", and its rule rightly rejects it there.  What gives such
 * a column away is its regularity: line after line, a run of digits of the
 * same length at the same place.  Where MIN_LINES lines in a row have one,
 * each window of a rule's digit count inside it is tried across all of them
 * with the rule's validator; a window that validates in nine lines of ten
 * is that rule's column, and its values are found.  A check digit passes by
 * chance one time in ten, so a whole column of them does not. */
#include "detect.h"

#include <stdlib.h>
#include <string.h>

#define MIN_LINES 5
#define MAX_RUN 40   /* digits in one run: longer is data, not glued fields */

typedef struct run {
    size_t start;    /* in norm */
    size_t col, len; /* bytes from its line's start, digits */
    size_t line;
} run;

static int digit(char c) { return c >= '0' && c <= '9'; }

/* The runs of min..MAX_RUN digits in the zones zv of norm (heap, *n
 * set); lines are counted only between zones, so text without long digit
 * zones costs nothing here. */
static run *digit_runs(const char *norm, const zone_vec *zv, size_t min, size_t *n)
{
    run *v = NULL;
    size_t cap = 0, line = 0, line_start = 0, counted = 0;
    *n = 0;
    for (size_t z = 0; z < zv->len; z++) {
        if (zv->v[z].digits < min) continue;
        for (size_t i = zv->v[z].start; i < zv->v[z].end;) {
            if (!digit(norm[i])) {
                i++;
                continue;
            }
            size_t s = i;
            while (i < zv->v[z].end && digit(norm[i])) i++;
            if (i - s < min || i - s > MAX_RUN) continue;
            for (const char *p = norm + counted; (p = memchr(p, '\n', s - (size_t)(p - norm)));) {
                line++;
                line_start = (size_t)(++p - norm);
            }
            counted = s;
            if (*n == cap) v = xrealloc(v, (cap = cap ? 2 * cap : 16) * sizeof *v);
            v[(*n)++] = (run){ s, s - line_start, i - s, line };
        }
    }
    return v;
}

/* Runs v[0, k) are one column (same place and length, lines in a row):
 * try each window of ru's width and record the values of one that
 * validates in nine lines of ten. */
static void try_column(const pdp_rule *ru, const run *v, size_t k, const char *norm, size_t nlen, const offmap *map,
                       size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    size_t w = ru->req_digits;
    for (size_t off = 0; off + w <= v[0].len; off++) {
        size_t ok = 0;
        for (size_t j = 0; j < k; j++) {
            buf_clear(&sc->tmp);
            ok += (size_t)ru->validator(norm + v[j].start + off, w, &sc->tmp);
        }
        if (ok * 10 < k * 9) continue;
        for (size_t j = 0; j < k; j++)
            detect_value(ru, norm, nlen, v[j].start + off, v[j].start + off + w, map, raw_lo, raw_hi, sc, out);
        return;
    }
}

void detect_glued(const pdp_rules *r, const zone_vec *zones, const char *norm, size_t nlen, const offmap *map,
                  size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    size_t min = 0;
    for (size_t i = 0; i < r->nrules; i++)
        if (GLUED_RULE(&r->rules[i]) && (!min || r->rules[i].req_digits < min)) min = r->rules[i].req_digits;
    if (!min) return;
    size_t n;
    run *v = digit_runs(norm, zones, min + 1, &n);
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && v[b].col == v[a].col && v[b].len == v[a].len && v[b].line == v[b - 1].line + 1; b++) {
        }
        if (b - a < MIN_LINES) continue;
        for (size_t i = 0; i < r->nrules; i++)
            if (GLUED_RULE(&r->rules[i]) && r->rules[i].req_digits < v[a].len)
                try_column(&r->rules[i], v + a, b - a, norm, nlen, map, raw_lo, raw_hi, sc, out);
    }
    free(v);
}
