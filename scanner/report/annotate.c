/* annotate.c — pdp_annotate_pdf: a review copy of a scanned PDF, the
 * original with one highlight per finding above info (red: redact, amber:
 * review) whose note says what it is, the law and what to put instead —
 * never the value itself unless asked.  The PDF is written by the format
 * plugin (formats/pdf_annotate.c); this side builds the notes. */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"
#include "../extract/formats.h"
#include "../util/buf.h"

/* The note of finding x: "national ID — PDPA s.27, OIA s.24 — redact as
 * X-XXXX-XXXXX-XX-X" in lang, with the value first when show_values (heap). */
static char *note_text(const pdp_rules *r, const pdp_finding *x, pdp_lang lang, int show_values)
{
    char key[64];
    buf b;
    buf_init(&b);
    if (show_values) buf_printf(&b, "%s — ", x->match);
    snprintf(key, sizeof key, "category.%s", x->category);
    buf_puts(&b, pdp_message(r, key, lang));
    buf_printf(&b, ": %s", lang == PDP_LANG_TH ? x->message_th : x->message_en);
    for (size_t k = 0; k < x->nlaw; k++) buf_printf(&b, "%s%s", k ? ", " : " (", x->law[k]);
    if (x->nlaw) buf_putc(&b, ')');
    if (x->suggestion && *x->suggestion)
        buf_printf(&b, " — %s %s", pdp_message(r, "report.suggest", lang), x->suggestion);
    return buf_steal(&b);
}

int pdp_annotate_pdf(const pdp_rules *r, const pdp_result *res, const char *in, const char *out, pdp_lang lang,
                     int show_values, size_t *nnotes, char **err)
{
    *nnotes = 0;
    if (strcmp(res->format, "pdf") != 0) {
        *err = xasprintf("%s is not a PDF (%s): annotate writes review copies of PDFs", in, res->format);
        return -1;
    }
    const char *why = NULL;
    const extract_fns *fns = extract_formats(&why);
    if (!fns) {
        *err = xstrdup(why);
        return -1;
    }
    pdf_note *notes = xcalloc(res->nfindings ? res->nfindings : 1, sizeof *notes);
    size_t n = 0;
    for (size_t i = 0; i < res->nfindings; i++) {
        const pdp_finding *x = &res->findings[i];
        if (x->severity == PDP_SEV_INFO || !x->loc.has_bbox || !x->loc.page) continue;
        notes[n].page = x->loc.page;
        memcpy(notes[n].bbox, x->loc.bbox, sizeof notes[n].bbox);
        notes[n].redact = x->action == PDP_ACT_REDACT;
        notes[n].text = note_text(r, x, lang, show_values);
        n++;
    }
    int rc = fns->annotate_pdf(in, out, notes, n, err);
    for (size_t i = 0; i < n; i++) free((char *)notes[i].text);
    free(notes);
    if (rc == 0) *nnotes = n;
    return rc;
}
