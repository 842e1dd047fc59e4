/* redact.c — pdp_redact: a copy of a document with each value that must not
 * go out replaced by its suggestion, verified before it is given back.
 *
 * Formats are added one writer at a time; a format without one is refused
 * with the reason, never copied as it is.  Plain UTF-8 text (and CSV) is
 * rewritten here: a finding's offsets are byte offsets in the extracted
 * text, which is the file itself.  PDF: redact_pdf.c.
 *
 * Verified, or not written: the copy is scanned again, and refused when
 * that scan (attachments and members included) still finds something at
 * the redaction level, or when any redacted value still stands anywhere in
 * its bytes — as written, as normalized, and for numbers as their digits
 * with Thai digits read as ASCII and separators left out.  A writer may
 * give a view of the copy to search instead of its bytes (a PDF's strings
 * and inflated streams). */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "../pipeline/docscan.h"
#include "../util/buf.h"

int redact_own(const pdp_result *res, const pdp_finding *f)
{
    return f >= res->findings && f < res->findings + res->nfindings;
}

int redact_wanted(const pdp_finding *f, pdp_action level)
{
    return f->action >= level && f->action != PDP_ACT_NONE && strcmp(f->category, "unreadable") != 0;
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
static int is_replacement(const redact_values *v, const char *text)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->f[i]->suggestion && !strcmp(v->f[i]->suggestion, text)) return 1;
    return 0;
}

static void collect(const pdp_result *res, pdp_action level, redact_values *v)
{
    for (size_t i = 0; i < res->nfindings; i++)
        if (redact_wanted(&res->findings[i], level)) {
            v->f = xrealloc(v->f, (v->n + 1) * sizeof *v->f);
            v->f[v->n++] = &res->findings[i];
        }
    for (size_t i = 0; i < res->nchildren; i++) collect(&res->children[i], level, v);
}

void redact_values_of(const pdp_result *res, pdp_action level, redact_values *v)
{
    memset(v, 0, sizeof *v);
    v->level = level;
    collect(res, level, v);
}

const pdp_finding *redact_value_in(const redact_values *v, const char *hay, size_t n)
{
    size_t dn;
    char *digits = NULL;
    const pdp_finding *found = NULL;
    for (size_t i = 0; i < v->n && !found; i++) {
        const pdp_finding *f = v->f[i];
        char *num = number_of(f->normalized);
        if (num && !digits) digits = digits_view(hay, n, &dn);
        if (holds(hay, n, f->match) || holds(hay, n, f->normalized) || (num && holds(digits, dn, num))) found = f;
        free(num);
    }
    free(digits);
    return found;
}

/* Is page one of the n in pages? */
static int among(int page, const int *pages, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (pages[i] == page) return 1;
    return 0;
}

/* The first finding of res (members included) at the level that is not a
 * replacement, or NULL. */
static const pdp_finding *left_in(const pdp_result *res, const redact_values *v)
{
    for (size_t i = 0; i < res->nfindings; i++)
        if (redact_wanted(&res->findings[i], v->level) && !is_replacement(v, res->findings[i].match))
            return &res->findings[i];
    for (size_t i = 0; i < res->nchildren; i++) {
        const pdp_finding *f = left_in(&res->children[i], v);
        if (f) return f;
    }
    return NULL;
}

/* Did the scan of the copy read all of it?  Pages the writer turned into
 * pictures (and only those) may stand unread. */
static int read_whole(const pdp_result *again, const redact_copy *c)
{
    if (again->status == PDP_STATUS_OK) return 1;
    if (again->status != PDP_STATUS_PARTIAL || !c->npictures || !again->error ||
        strncmp(again->error, "page without text layer", 23))
        return 0;
    for (size_t i = 0; i < again->nfindings; i++)
        if (!strcmp(again->findings[i].category, "unreadable") &&
            !among(again->findings[i].loc.page, c->pictures, c->npictures))
            return 0;
    return 1;
}

/* Why the copy, whose scan is again, may not be kept, or NULL. */
static char *verify(const pdp_result *again, const redact_values *v, const redact_copy *c)
{
    const pdp_finding *left = left_in(again, v);
    if (left) return xasprintf("the copy, scanned again, still holds a %s (%s)", left->category, left->rule_id);
    if (!read_whole(again, c)) return xstrdup("the copy could not be scanned again completely");
    const buf *bytes = c->view.len ? &c->view : &c->data;
    const pdp_finding *f = redact_value_in(v, bytes->data ? bytes->data : "", bytes->len);
    return f ? xasprintf("a redacted %s still stands in the copy", f->category) : NULL;
}

/* The writer of res's format, or NULL with *err. */
static int write_copy(const pdp_rules *r, const pdp_result *res, const redact_values *v, const unsigned char *data,
                      size_t len, redact_copy *c, char **err)
{
    if (!strcmp(res->format, "pdf")) return redact_pdf(res, v, data, len, c, err);
    if (redact_is_office(res->format)) return redact_office(r, res, v, data, len, c, err);
    if (!strcmp(res->format, "zip")) return redact_members(r, res, v->level, data, len, c, err);
    if (!strcmp(res->format, "text") || !strcmp(res->format, "csv")) return redact_text(res, v, data, len, c, err);
    if (!strcmp(res->format, "html")) return redact_html(res, v, data, len, c, err);
    *err = xasprintf("redacted copies of %s are not written yet (PDF, Office, HTML, text, CSV and ZIP are)", res->format);
    return -1;
}

static void copy_free(redact_copy *c)
{
    buf_free(&c->data);
    buf_free(&c->view);
    free(c->pictures);
    memset(c, 0, sizeof *c);
}

/* The findings of again to redact in a further pass (not the replacements
 * written before), added to all too. */
static void more_values(const pdp_result *again, redact_values *all, redact_values *pass)
{
    redact_values_of(again, all->level, pass);
    size_t kept = 0;
    for (size_t i = 0; i < pass->n; i++)
        if (!is_replacement(all, pass->f[i]->match)) pass->f[kept++] = pass->f[i];
    pass->n = kept;
    all->f = xrealloc(all->f, (all->n + kept + 1) * sizeof *all->f);
    memcpy(all->f + all->n, pass->f, kept * sizeof *pass->f);
    all->n += kept;
}

/* A copy's scan may find what the original's missed (a name column reads
 * as one once the IDs beside it are gone): it is redacted again, up to
 * this many passes in all, and the last copy must scan clean. */
#define PASSES 3

/* Redact data (scanned as scans[0]) into c, verified: 0, or -1 with *err.
 * The copy is scanned again as the original was read as to OCR (a scanned
 * page whose findings were painted over is read again, and must give
 * none of them), with every rule and no allowlist. */
static int redact_passes(const pdp_rules *r, const char *name, const pdp_options *opt, pdp_result *scans,
                         const unsigned char *data, size_t len, redact_values *all, redact_copy *c, char **err)
{
    pdp_options again = { 0 };
    if (opt) {
        again.ocr = opt->ocr;
        again.ocr_dpi = opt->ocr_dpi;
        again.threads = opt->threads;
    }
    redact_values pass;
    redact_values_of(&scans[0], all->level, &pass);
    pass.scrub_metadata = all->scrub_metadata;
    redact_copy prev = { 0 };
    int rc = -1, p;
    for (p = 0; p < PASSES; p++) {
        *err = NULL;
        if (write_copy(r, &scans[p], &pass, data, len, c, err) != 0) break;
        free(pass.f);
        pass.f = NULL;
        pdp_scan_buffer(r, c->data.data ? c->data.data : "", c->data.len, name, &again, &scans[p + 1]);
        *err = verify(&scans[p + 1], all, c);
        if (!*err) {
            rc = 0;
            break;
        }
        if (p + 1 == PASSES || !left_in(&scans[p + 1], all)) break;
        free(*err);
        more_values(&scans[p + 1], all, &pass);
        pass.scrub_metadata = all->scrub_metadata;
        copy_free(&prev);
        prev = *c; /* the next pass reads this copy */
        memset(c, 0, sizeof *c);
        data = (const unsigned char *)prev.data.data;
        len = prev.data.len;
    }
    if (rc == 0 && prev.npictures) { /* pages made pictures in an earlier pass stay so */
        c->pictures = xrealloc(c->pictures, (c->npictures + prev.npictures) * sizeof *c->pictures);
        memcpy(c->pictures + c->npictures, prev.pictures, prev.npictures * sizeof *prev.pictures);
        c->npictures += prev.npictures;
    }
    free(pass.f);
    copy_free(&prev);
    return rc;
}

int pdp_redact_buffer(const pdp_rules *r, const void *data, size_t len, const char *name, const pdp_options *opt,
                      pdp_action level, pdp_redacted *done, void **copy, size_t *copy_len, char **err)
{
    memset(done, 0, sizeof *done);
    *copy = NULL;
    *copy_len = 0;
    if (level == PDP_ACT_NONE) level = PDP_ACT_REDACT;
    pdp_result scans[PASSES + 1];
    memset(scans, 0, sizeof scans);
    pdp_scan_buffer(r, data, len, name, opt, &scans[0]);
    if (scans[0].status != PDP_STATUS_OK) {
        *err = xasprintf("not read completely (%s): no copy",
                         scans[0].error ? scans[0].error : pdp_status_name(scans[0].status));
        pdp_result_free(&scans[0]);
        return -1;
    }
    redact_values all;
    redact_values_of(&scans[0], level, &all);
    all.scrub_metadata = opt && opt->scrub_metadata;
    redact_copy c = { 0 };
    int rc = 0;
    if (!all.n && !all.scrub_metadata) buf_append(&c.data, data, len); /* nothing to redact: the file as it is */
    else rc = redact_passes(r, name, opt, scans, data, len, &all, &c, err);
    if (rc == 0) {
        for (size_t i = 0; i < all.n; i++) redacted_count(done, all.f[i]->category);
        done->pages_as_pictures = c.npictures;
        *copy_len = c.data.len;
        *copy = c.data.data ? buf_steal(&c.data) : xstrdup("");
    }
    copy_free(&c);
    free(all.f);
    for (int i = 0; i <= PASSES; i++)
        if (scans[i].file || scans[i].format) pdp_result_free(&scans[i]);
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
