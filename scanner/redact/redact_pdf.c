/* redact_pdf.c — the library's side of a redacted PDF: which boxes to cut
 * on which page, which text elsewhere in the file gives a value away, and
 * which attachments go; the format plugin (formats/pdf_redact.c) does the
 * writing with MuPDF.
 *
 * A finding over several lines is cut line by line (its union would take
 * the rest of those lines too), its label in the widest.  A page finding
 * without a box cannot be cut by position: the copy is refused rather than
 * guessed. */
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "../extract/formats.h"

/* The rd->holds of the plugin: does text give any value away? */
static int holds_value(void *arg, const char *text, size_t n)
{
    return redact_value_in(arg, text, n) != NULL;
}

/* Names of the attachments of res with something to redact in them (the
 * part of a child's name after "!/"), borrowed. */
static size_t attachments_of(const pdp_result *res, pdp_action level, const char ***names)
{
    size_t n = 0;
    *names = NULL;
    for (size_t i = 0; i < res->nchildren; i++) {
        redact_values v;
        redact_values_of(&res->children[i], level, &v);
        free(v.f);
        const char *bang = strstr(res->children[i].file, "!/");
        if (!v.n || !bang) continue;
        *names = xrealloc(*names, (n + 1) * sizeof **names);
        (*names)[n++] = bang + 2;
    }
    return n;
}

/* Was f read by OCR from the page's picture (part "ocr")? */
static int read_by_ocr(const pdp_finding *f) { return f->loc.part && !strcmp(f->loc.part, "ocr"); }

/* A box OCR gave, made larger to cover what it may miss: Tesseract's line
 * box may leave out the marks above and below the letters, and a letter's
 * place in its line is estimated (the line's box cut into equal slices). */
static void ocr_margin(double *b)
{
    double h = b[3] - b[1];
    b[0] -= 0.4 * h;
    b[2] += 0.4 * h;
    b[1] -= 0.5 * h;
    b[3] += 0.3 * h;
}

/* The cuts of finding f into cuts: one per line it covers. */
static size_t cuts_of(const pdp_finding *f, pdf_cut *cuts)
{
    int ocr = read_by_ocr(f);
    if (!f->nlines) {
        cuts[0] = (pdf_cut){ f->loc.page, { f->loc.bbox[0], f->loc.bbox[1], f->loc.bbox[2], f->loc.bbox[3] }, f->suggestion };
        if (ocr) ocr_margin(cuts[0].bbox);
        return 1;
    }
    size_t widest = 0;
    for (size_t k = 0; k < f->nlines; k++) {
        memcpy(cuts[k].bbox, f->lines[k], sizeof cuts[k].bbox);
        if (ocr) ocr_margin(cuts[k].bbox);
        cuts[k].page = f->loc.page;
        if (f->lines[k][2] - f->lines[k][0] > f->lines[widest][2] - f->lines[widest][0]) widest = k;
    }
    cuts[widest].label = f->suggestion;
    return f->nlines;
}

int redact_pdf(const pdp_result *res, const redact_values *v, const unsigned char *data, size_t len, redact_copy *c,
               char **err)
{
    const char *why = NULL;
    const extract_fns *fns = extract_formats(&why);
    if (!fns) {
        *err = xstrdup(why);
        return -1;
    }
    size_t room = 1;
    for (size_t i = 0; i < v->n; i++) room += v->f[i]->nlines ? v->f[i]->nlines : 1;
    pdf_cut *cuts = xcalloc(room, sizeof *cuts);
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) {
        const pdp_finding *f = v->f[i];
        /* parts (metadata, notes...) are scrubbed whole; what OCR read of a
         * scanned page is on the page, and painted over there */
        if (!redact_own(res, f) || (f->loc.part && !read_by_ocr(f))) continue;
        if (!f->loc.page || !f->loc.has_bbox) {
            *err = xasprintf("a %s on page %d has no position on the page to cut: no copy", f->category, f->loc.page);
            free(cuts);
            return -1;
        }
        n += cuts_of(f, cuts + n);
    }
    pdf_redaction rd = { cuts, n, holds_value, (void *)v, NULL, 0, v->scrub_metadata };
    rd.nattachments = attachments_of(res, v->level, (const char ***)&rd.attachments);
    pdf_redacted out;
    int rc = fns->redact_pdf(data, len, &rd, &out, err);
    if (rc == 0) {
        c->data = (buf){ (char *)out.data, out.len, out.len + 1 };
        c->view = (buf){ (char *)out.view, out.view_len, out.view_len + 1 };
        c->pictures = out.image_pages;
        c->npictures = out.nimage_pages;
    }
    free((void *)rd.attachments);
    free(cuts);
    return rc;
}
