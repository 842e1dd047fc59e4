/* pdf_annotate.c — the review copy of a PDF (`pdpascan annotate`): the
 * original with one highlight annotation per finding, which a data owner or
 * legal officer opens in any PDF reader to see where the problems are.
 * poppler-glib adds the annotations and saves the whole file.  Boxes come
 * with a top-left origin (as findings carry them) and go into PDF space,
 * whose origin is the page's bottom-left corner.  A finding over several
 * lines is one highlight with a quadrilateral per line. */
#include <poppler.h>
#include <string.h>

#include "../extract/formats.h"
#include "../util/buf.h"

/* The quadrilateral of box b (top-left origin) in PDF space. */
static PopplerQuadrilateral quad_of(const double *b, double page_h)
{
    PopplerQuadrilateral q = {
        { b[0], page_h - b[1] }, { b[2], page_h - b[1] }, { b[0], page_h - b[3] }, { b[2], page_h - b[3] },
    };
    return q;
}

static void add_note(PopplerDocument *doc, PopplerPage *page, double page_h, const pdf_note *n)
{
    PopplerRectangle rect = { n->bbox[0], page_h - n->bbox[3], n->bbox[2], page_h - n->bbox[1] };
    GArray *quads = g_array_new(FALSE, FALSE, sizeof(PopplerQuadrilateral));
    for (size_t k = 0; k < (n->nlines ? n->nlines : 1); k++) { /* a quad per line it covers */
        PopplerQuadrilateral q = quad_of(n->nlines ? n->lines[k] : n->bbox, page_h);
        g_array_append_val(quads, q);
    }
    PopplerAnnot *a = poppler_annot_text_markup_new_highlight(doc, &rect, quads);
    g_array_unref(quads);
    /* redact: red; review: amber (16-bit channels) */
    PopplerColor c = n->redact ? (PopplerColor){ 0xF000, 0x3000, 0x3000 } : (PopplerColor){ 0xFFFF, 0xC000, 0x0000 };
    poppler_annot_set_color(a, &c);
    poppler_annot_set_contents(a, n->text);
    poppler_page_add_annot(page, a);
    g_object_unref(a);
}

int pdf_annotate(const char *in, const char *out, const pdf_note *notes, size_t n, char **err)
{
    GError *ge = NULL;
    gchar *in_abs = g_canonicalize_filename(in, NULL), *out_abs = g_canonicalize_filename(out, NULL);
    gchar *in_uri = g_filename_to_uri(in_abs, NULL, &ge), *out_uri = in_uri ? g_filename_to_uri(out_abs, NULL, &ge) : NULL;
    g_free(in_abs);
    g_free(out_abs);
    PopplerDocument *doc = out_uri ? poppler_document_new_from_file(in_uri, NULL, &ge) : NULL;
    int rc = -1;
    if (doc) {
        int pages = poppler_document_get_n_pages(doc);
        for (size_t i = 0; i < n; i++) {
            if (notes[i].page < 1 || notes[i].page > pages) continue;
            PopplerPage *p = poppler_document_get_page(doc, notes[i].page - 1);
            double w, h;
            poppler_page_get_size(p, &w, &h);
            add_note(doc, p, h, &notes[i]);
            g_object_unref(p);
        }
        rc = poppler_document_save(doc, out_uri, &ge) ? 0 : -1;
        g_object_unref(doc);
    }
    if (rc != 0) *err = xasprintf("cannot write the review copy: %s", ge ? ge->message : "poppler failed");
    if (ge) g_error_free(ge);
    g_free(in_uri);
    g_free(out_uri);
    return rc;
}
