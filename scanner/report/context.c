/* context.c — the text around a finding as a report for people shows it.
 *
 * A finding's before/after is its line around it, and a line of a list
 * holds the next person's name, ID and phone too.  So in that text every
 * value found anywhere in the file is masked as the finding itself is
 * (pdp_mask_display), and every digit left is an X: no value found in a
 * file appears in clear in any context shown with it. */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"
#include "../util/buf.h"

/* Passages of law and marks are words a reader needs to see, not values. */
static int is_value(const pdp_finding *f)
{
    const char *c = f->category;
    return strncmp(c, "oia_", 4) != 0 && strcmp(c, "sensitive_data") != 0 &&
           strcmp(c, "classification_mark") != 0 && strcmp(c, "unreadable") != 0;
}

static int longest_first(const void *a, const void *b)
{
    size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
    if (la != lb) return la < lb ? 1 : -1;
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add(file_values *fv, const char *v)
{
    if (!v || strlen(v) < 2) return;
    fv->v = xrealloc(fv->v, (fv->n + 1) * sizeof *fv->v);
    fv->v[fv->n++] = v;
}

#define VALUE_KEY 6 /* bytes of a value's start that the table hashes (two Thai letters) */

static size_t key_len(const char *v)
{
    size_t n = strlen(v);
    return n < VALUE_KEY ? n : VALUE_KEY;
}

static size_t hash_of(const char *s, size_t n)
{
    size_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h ^ n;
}

void file_values_init(file_values *fv, const pdp_result *res)
{
    memset(fv, 0, sizeof *fv);
    for (size_t i = 0; i < res->nfindings; i++) {
        const pdp_finding *f = &res->findings[i];
        if (!is_value(f)) continue;
        add(fv, f->match);
        if (f->normalized && (!f->match || strcmp(f->normalized, f->match))) add(fv, f->normalized);
    }
    if (fv->n) qsort(fv->v, fv->n, sizeof *fv->v, longest_first);
    size_t kept = 0; /* one of each value (a list repeats its names) */
    for (size_t i = 0; i < fv->n; i++)
        if (!kept || strcmp(fv->v[i], fv->v[kept - 1])) fv->v[kept++] = fv->v[i];
    fv->n = kept;
    /* open addressing, values longest first: the first one a probe meets
     * that stands at s is the longest of its key */
    fv->nslots = 16;
    while (fv->nslots < 2 * fv->n) fv->nslots *= 2;
    fv->slot = xcalloc(fv->nslots, sizeof *fv->slot);
    for (size_t i = 0; i < fv->n; i++) {
        size_t h = hash_of(fv->v[i], key_len(fv->v[i])) & (fv->nslots - 1);
        while (fv->slot[h]) h = (h + 1) & (fv->nslots - 1);
        fv->slot[h] = i + 1;
    }
}

void file_values_free(file_values *fv)
{
    free(fv->v);
    free(fv->slot);
    memset(fv, 0, sizeof *fv);
}

/* The longest value of fv standing at s, or NULL: one probe sequence per
 * key length, each ending at an empty slot (the table is at most half full). */
static const char *value_at(const file_values *fv, const char *s)
{
    const char *best = NULL;
    size_t best_len = 0, avail = strnlen(s, VALUE_KEY);
    for (size_t k = 2; k <= avail && fv->n; k++) {
        for (size_t h = hash_of(s, k) & (fv->nslots - 1); fv->slot[h]; h = (h + 1) & (fv->nslots - 1)) {
            const char *v = fv->v[fv->slot[h] - 1];
            size_t vl = strlen(v);
            if (key_len(v) == k && vl > best_len && !strncmp(s, v, vl)) {
                best = v;
                best_len = vl;
            }
        }
    }
    return best;
}

static void put_digits_masked(buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        if (*p >= '0' && *p <= '9') {
            buf_putc(b, 'X');
            p++;
        } else if (end - p >= 3 && p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) {
            buf_putc(b, 'X'); /* a Thai digit */
            p += 3;
        } else {
            buf_putc(b, (char)*p++);
        }
    }
}

char *context_masked(const file_values *fv, const char *ctx)
{
    buf b;
    buf_init(&b);
    const char *s = ctx ? ctx : "";
    const char *run = s;
    while (*s) {
        const char *v = value_at(fv, s);
        if (!v) {
            s++;
            continue;
        }
        put_digits_masked(&b, run, (size_t)(s - run));
        char *m = pdp_mask_display(v);
        put_digits_masked(&b, m, strlen(m));
        free(m);
        s += strlen(v);
        run = s;
    }
    put_digits_masked(&b, run, (size_t)(s - run));
    return buf_steal(&b);
}
