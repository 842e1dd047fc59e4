/* annotate.c — pdp_annotate: a review copy of a scanned PDF or Word
 * document, the original with one note per finding above info — a
 * highlight on a PDF (red: redact, amber: review), a Word comment on the
 * paragraph of a DOCX — which says what it is, the law and what to put
 * instead, never the value itself unless asked.  The copies are written by
 * the format plugin (formats/pdf_annotate.c, formats/office_annotate.c);
 * this side builds the notes. */
#include <errno.h>
#include <stdio.h>
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

/* The review copy of a DOCX: comments on the body's paragraphs. */
static int annotate_docx(const pdp_rules *r, const pdp_result *res, const char *in, const char *out, pdp_lang lang,
                         int show_values, size_t *nnotes, char **err)
{
    const char *why = NULL;
    const extract_fns *fns = extract_formats(&why);
    if (!fns) {
        *err = xstrdup(why);
        return -1;
    }
    size_t len;
    unsigned char *data = (unsigned char *)buf_read_file(in, &len);
    if (!data) {
        *err = xasprintf("%s: %s", in, strerror(errno));
        return -1;
    }
    office_note *notes = xcalloc(res->nfindings + 1, sizeof *notes);
    size_t n = 0;
    for (size_t i = 0; i < res->nfindings; i++) {
        const pdp_finding *x = &res->findings[i];
        if (x->severity == PDP_SEV_INFO || !x->loc.part || strcmp(x->loc.part, "word/document.xml")) continue;
        notes[n].value = xstrndup(x->match, strcspn(x->match, "\t\n"));
        notes[n].text = note_text(r, x, lang, show_values);
        n++;
    }
    unsigned char *copy = NULL;
    size_t copy_len = 0;
    *err = NULL;
    int rc = fns->annotate_office(data, len, notes, n, &copy, &copy_len, nnotes, err);
    if (rc == 0) {
        FILE *f = fopen(out, "wb");
        int ok = f && fwrite(copy, 1, copy_len, f) == copy_len;
        if (f && fclose(f) != 0) ok = 0;
        if (!ok) {
            *err = xasprintf("%s: %s", out, strerror(errno ? errno : EIO));
            rc = -1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        free((char *)notes[i].value);
        free((char *)notes[i].text);
    }
    free(notes);
    free(copy);
    free(data);
    return rc;
}

int pdp_annotate(const pdp_rules *r, const pdp_result *res, const char *in, const char *out, pdp_lang lang,
                 int show_values, size_t *nnotes, char **err)
{
    *nnotes = 0;
    if (!strcmp(res->format, "docx")) return annotate_docx(r, res, in, out, lang, show_values, nnotes, err);
    if (strcmp(res->format, "pdf") != 0) {
        *err = xasprintf("%s is neither a PDF nor a Word document (%s): annotate writes review copies of those", in,
                         res->format);
        return -1;
    }
    return pdp_annotate_pdf(r, res, in, out, lang, show_values, nnotes, err);
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
        notes[n].lines = (const double (*)[4])x->lines;
        notes[n].nlines = x->nlines;
        notes[n].text = note_text(r, x, lang, show_values);
        n++;
    }
    int rc = fns->annotate_pdf(in, out, notes, n, err);
    for (size_t i = 0; i < n; i++) free((char *)notes[i].text);
    free(notes);
    if (rc == 0) *nnotes = n;
    return rc;
}
