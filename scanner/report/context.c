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
    /* by first byte, longest first within each: first[c] .. first[c+1] */
    char **sorted = xmalloc((fv->n ? fv->n : 1) * sizeof *sorted);
    size_t k = 0;
    for (unsigned c = 0; c < 256; c++) {
        fv->first[c] = k;
        for (size_t i = 0; i < fv->n; i++)
            if ((unsigned char)fv->v[i][0] == c) sorted[k++] = (char *)fv->v[i];
    }
    fv->first[256] = k;
    free(fv->v);
    fv->v = (const char **)sorted;
}

void file_values_free(file_values *fv)
{
    free(fv->v);
    memset(fv, 0, sizeof *fv);
}

/* The longest value of fv standing at s, or NULL. */
static const char *value_at(const file_values *fv, const char *s)
{
    unsigned c = (unsigned char)*s;
    for (size_t i = fv->first[c]; i < fv->first[c + 1]; i++)
        if (strncmp(s, fv->v[i], strlen(fv->v[i])) == 0) return fv->v[i];
    return NULL;
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
