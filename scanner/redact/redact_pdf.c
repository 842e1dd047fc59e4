/* redact_pdf.c — the library's side of a redacted PDF: which boxes to cut
 * on which page, which text elsewhere in the file gives a value away, and
 * which attachments go; the format plugin (formats/pdf_redact.c) does the
 * writing with MuPDF.
 *
 * A page finding without a box cannot be cut by position: the copy is
 * refused rather than guessed. */
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

int redact_pdf(const pdp_result *res, const redact_values *v, const unsigned char *data, size_t len, redact_copy *c,
               char **err)
{
    const char *why = NULL;
    const extract_fns *fns = extract_formats(&why);
    if (!fns) {
        *err = xstrdup(why);
        return -1;
    }
    pdf_cut *cuts = xcalloc(v->n + 1, sizeof *cuts);
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) {
        const pdp_finding *f = v->f[i];
        if (!redact_own(res, f) || f->loc.part) continue; /* parts: scrubbed whole */
        if (!f->loc.page || !f->loc.has_bbox) {
            *err = xasprintf("a %s on page %d has no position on the page to cut: no copy", f->category, f->loc.page);
            free(cuts);
            return -1;
        }
        cuts[n].page = f->loc.page;
        memcpy(cuts[n].bbox, f->loc.bbox, sizeof cuts[n].bbox);
        cuts[n].label = f->suggestion;
        n++;
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
