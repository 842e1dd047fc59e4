/* redact.c — pdp_redact: a copy of a document with each value that must not
 * go out replaced by its suggestion, verified before it is given back.
 *
 * Formats are added one writer at a time; a format without one is refused
 * with the reason, never copied as it is.  Plain UTF-8 text (and CSV) is
 * rewritten here: a finding's offsets are byte offsets in the extracted
 * text, which is the file itself.
 *
 * Verified, or not written: the copy is scanned again, and refused when
 * that scan still finds something at the redaction level, or when any
 * redacted value still stands anywhere in its bytes — as written, as
 * normalized, and for numbers as their digits with Thai digits read as
 * ASCII and separators left out. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "../pipeline/docscan.h"
#include "../util/buf.h"

static int to_redact(const pdp_finding *f, pdp_action level)
{
    return f->action >= level && f->action != PDP_ACT_NONE && strcmp(f->category, "unreadable") != 0;
}

/* The text copy: data with each finding at level replaced (in order, not
 * overlapping: the scan resolved overlaps). */
static void rewrite_text(const pdp_result *res, const unsigned char *data, size_t len, pdp_action level, buf *out,
                         pdp_redacted *done)
{
    uint64_t at = 0;
    for (size_t i = 0; i < res->nfindings; i++) {
        const pdp_finding *f = &res->findings[i];
        if (!to_redact(f, level) || f->start < at || f->end > len) continue;
        buf_append(out, data + at, (size_t)(f->start - at));
        buf_puts(out, f->suggestion && *f->suggestion ? f->suggestion : "[REDACTED]");
        at = f->end;
        redacted_count(done, f->category);
    }
    buf_append(out, data + at, len - (size_t)at);
}

/* s with Thai digits as ASCII and every byte that is not a digit or a
 * letter left out where it stands between two digits (heap). */
static char *digits_view(const char *s, size_t n, size_t *outlen)
{
    size_t nl;
    char *norm = pdp_normalize(s, n, &nl);
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < nl; i++) {
        char c = norm[i];
        int sep = c == '-' || c == ' ' || c == '.' || c == '/' || c == '\t';
        if (sep && b.len && b.data[b.len - 1] >= '0' && b.data[b.len - 1] <= '9' && i + 1 < nl && norm[i + 1] >= '0' &&
            norm[i + 1] <= '9')
            continue;
        buf_putc(&b, c);
    }
    free(norm);
    *outlen = b.len;
    char *v = buf_steal(&b);
    return v ? v : xstrdup("");
}

static int holds(const char *hay, size_t n, const char *needle)
{
    size_t k = needle ? strlen(needle) : 0;
    return k >= 4 && memmem(hay, n, needle, k) != NULL;
}

/* The digits of value when it is a number of six digits or more (heap), or NULL. */
static char *number_of(const char *value)
{
    size_t n;
    char *v = digits_view(value, strlen(value), &n);
    size_t d = strspn(v, "0123456789");
    if (d == n && d >= 6) return v;
    free(v);
    return NULL;
}

/* Is text one of the replacements written into the copy (an e-mail's
 * suggestion keeps its domain, and reads as an address again)? */
static int is_replacement(const pdp_result *res, pdp_action level, const char *text)
{
    for (size_t i = 0; i < res->nfindings; i++)
        if (to_redact(&res->findings[i], level) && res->findings[i].suggestion &&
            !strcmp(res->findings[i].suggestion, text))
            return 1;
    return 0;
}

/* Why the copy may not be kept, or NULL. */
static char *verify(const pdp_rules *r, const pdp_result *res, const buf *copy, pdp_action level, const char *name)
{
    pdp_result again;
    pdp_scan_buffer(r, copy->data ? copy->data : "", copy->len, name, NULL, &again);
    char *why = NULL;
    for (size_t i = 0; i < again.nfindings && !why; i++)
        if (to_redact(&again.findings[i], level) && !is_replacement(res, level, again.findings[i].match))
            why = xasprintf("the copy, scanned again, still holds a %s (%s)", again.findings[i].category,
                            again.findings[i].rule_id);
    if (!why && again.status != PDP_STATUS_OK) why = xstrdup("the copy could not be scanned again completely");
    pdp_result_free(&again);
    size_t dn;
    char *digits = why ? NULL : digits_view(copy->data ? copy->data : "", copy->len, &dn);
    for (size_t i = 0; i < res->nfindings && !why; i++) {
        const pdp_finding *f = &res->findings[i];
        if (!to_redact(f, level)) continue;
        char *num = number_of(f->normalized);
        if (holds(copy->data, copy->len, f->match) || holds(copy->data, copy->len, f->normalized) ||
            (num && holds(digits, dn, num)))
            why = xasprintf("a redacted %s still stands in the copy", f->category);
        free(num);
    }
    free(digits);
    return why;
}

int pdp_redact_buffer(const pdp_rules *r, const void *data, size_t len, const char *name, const pdp_options *opt,
                      pdp_action level, pdp_redacted *done, void **copy, size_t *copy_len, char **err)
{
    memset(done, 0, sizeof *done);
    *copy = NULL;
    *copy_len = 0;
    if (level == PDP_ACT_NONE) level = PDP_ACT_REDACT;
    pdp_result res;
    pdp_scan_buffer(r, data, len, name, opt, &res);
    int rc = -1;
    if (res.status != PDP_STATUS_OK) {
        *err = xasprintf("not read completely (%s): no copy", res.error ? res.error : pdp_status_name(res.status));
    } else if (strcmp(res.format, "text") || !res.encoding || strcmp(res.encoding, "UTF-8") ||
               (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))) {
        *err = xasprintf("redacted copies of %s%s%s are not written yet (UTF-8 text and CSV are)", res.format,
                         res.encoding ? " in " : "", res.encoding ? res.encoding : "");
    } else {
        buf out;
        buf_init(&out);
        rewrite_text(&res, data, len, level, &out, done);
        char *why = verify(r, &res, &out, level, name);
        if (why) {
            *err = why;
            buf_free(&out);
            redacted_free(done);
        } else {
            *copy_len = out.len;
            *copy = out.data ? buf_steal(&out) : xstrdup("");
            rc = 0;
        }
    }
    pdp_result_free(&res);
    return rc;
}

void redacted_count(pdp_redacted *d, const char *category)
{
    for (size_t i = 0; i < d->ncategories; i++)
        if (!strcmp(d->categories[i].category, category)) {
            d->categories[i].count++;
            d->total++;
            return;
        }
    d->categories = xrealloc(d->categories, (d->ncategories + 1) * sizeof *d->categories);
    d->categories[d->ncategories++] = (pdp_redacted_count){ category, 1 };
    d->total++;
}

void redacted_free(pdp_redacted *d)
{
    free(d->categories);
    memset(d, 0, sizeof *d);
}

void pdp_redacted_free(pdp_redacted *d) { redacted_free(d); }
