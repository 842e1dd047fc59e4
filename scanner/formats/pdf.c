/* pdf.c — PDF through poppler-glib.
 *
 * Per page: the text laid out again from each character's box, a table's
 * rows as lines and its cells separated by tabs (pdf_layout.h), each
 * character keeping its box, so that every finding gets its page and
 * bounding box (PDF points, origin top-left);
 * annotation contents and authors (pop-ups included), form field values.
 * Per document: the information dictionary and XMP metadata, and embedded
 * files, each scanned as a document of its own ("outer.pdf!/name").  A page
 * with images and no text layer is an `unreadable` finding and makes the file
 * partial: a scanned page cannot be checked.  An encrypted PDF is an error. */
#define _GNU_SOURCE /* memmem */
#include <poppler.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../extract/extract.h"
#include "../util/buf.h"
#include "../detect/rules.h"
#include "pdf_glyphs.h"
#include "thai_fonts.h"
#include "../extract/pdf_layout.h"

static int has_text(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\t' && *s != '\f') return 1;
    return 0;
}

static void piece(extract_ctx *x, const pdp_location *loc, const char *text)
{
    if (!has_text(text)) return;
    docscan_piece(x->ds, loc);
    docscan_text(x->ds, text, strlen(text));
}

/* The information dictionary, each value on a line after its label (the
 * person-name-metadata rule reads Author:), and the XMP metadata. */
static void scan_metadata(extract_ctx *x, PopplerDocument *doc)
{
    static const struct {
        const char *label;
        gchar *(*get)(PopplerDocument *);
    } fields[] = { { "Title:", poppler_document_get_title },       { "Author:", poppler_document_get_author },
                   { "Subject:", poppler_document_get_subject },   { "Keywords:", poppler_document_get_keywords },
                   { "Creator:", poppler_document_get_creator },   { "Producer:", poppler_document_get_producer },
                   { "", poppler_document_get_metadata } };
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        gchar *v = fields[i].get(doc);
        if (v && *v && g_utf8_validate(v, -1, NULL)) buf_printf(&b, "%s%s%s\n", fields[i].label, *fields[i].label ? " " : "", v);
        g_free(v);
    }
    piece(x, &(pdp_location){ .part = "metadata" }, b.data);
    buf_free(&b);
}

static void grow(double *box, const double *b)
{
    if (b[0] < box[0]) box[0] = b[0];
    if (b[1] < box[1]) box[1] = b[1];
    if (b[2] > box[2]) box[2] = b[2];
    if (b[3] > box[3]) box[3] = b[3];
}

/* Character box b into f's line boxes: the last line's when b's middle
 * lies within its height, else a line of its own. */
static void add_line_box(pdp_finding *f, const double *b)
{
    double mid = (b[1] + b[3]) / 2;
    if (f->nlines && mid >= f->lines[f->nlines - 1][1] && mid <= f->lines[f->nlines - 1][3]) {
        grow(f->lines[f->nlines - 1], b);
        return;
    }
    f->lines = xrealloc(f->lines, (f->nlines + 1) * sizeof *f->lines);
    memcpy(f->lines[f->nlines++], b, sizeof *f->lines);
}

/* Boxes for the findings this page added (from index first on): the union
 * of their characters' boxes in the laid-out text, and when they run over
 * several lines, each line's. */
static void page_boxes(extract_ctx *x, const page_layout *pl, uint64_t start, size_t first)
{
    const char *text = pl->text.data;
    size_t len = pl->text.len, at = 0;
    glong at_char = 0; /* the character index of byte at: findings come in order, so counting goes on */
    for (size_t k = first; k < x->res->nfindings; k++) {
        pdp_finding *f = &x->res->findings[k];
        if (f->loc.part || f->start < start || f->end > start + len) continue;
        size_t s0 = (size_t)(f->start - start), s1 = (size_t)(f->end - start);
        if (s0 < at) at = 0, at_char = 0;
        glong c0 = at_char + g_utf8_pointer_to_offset(text + at, text + s0);
        glong c1 = c0 + g_utf8_pointer_to_offset(text + s0, text + s1);
        at = s0;
        at_char = c0;
        for (glong c = c0; c < c1 && c < (glong)pl->nboxes; c++) {
            const lbox *r = &pl->boxes[c];
            if (r->x2 <= r->x1 || r->y2 <= r->y1) continue; /* separators, zero-width marks */
            double b[4] = { r->x1, r->y1, r->x2, r->y2 };
            add_line_box(f, b);
            if (!f->loc.has_bbox) {
                memcpy(f->loc.bbox, b, sizeof b);
                f->loc.has_bbox = 1;
                continue;
            }
            grow(f->loc.bbox, b);
        }
        if (f->nlines == 1) { /* one line: the bbox says it all */
            free(f->lines);
            f->lines = NULL;
            f->nlines = 0;
        }
    }
}

_Static_assert(sizeof(PopplerRectangle) == sizeof(lbox) && offsetof(PopplerRectangle, y2) == offsetof(lbox, y2),
               "poppler's rectangles are read as lbox");

/* The page's text laid out from its characters' boxes (pdf_layout.h):
 * poppler's characters, with the Thai marks poppler-glib dropped and MuPDF
 * read (pdf_glyphs.h) put back by position, in the table grid the page's
 * ruling lines draw (also read with MuPDF); poppler's text as it is when
 * its boxes do not match. */
static void page_layout_of(PopplerPage *page, pdf_glyphs *mu, int no, const char *text, page_layout *pl)
{
    PopplerRectangle *rects = NULL;
    guint n = 0;
    if (!poppler_page_get_text_layout(page, &rects, &n)) n = 0;
    buf mt, all;
    buf_init(&mt);
    buf_init(&all);
    lbox *mb = NULL, *ab = NULL, *rules = NULL;
    size_t mn = 0, an = 0, nrules = 0;
    int mu_ok = n && mu && pdf_glyphs_page(mu, no, &mt, &mb, &mn, &rules, &nrules) == 0;
    int more = mu_ok && page_layout_add_marks(text, (const lbox *)rects, n, mt.data, mb, mn, &all, &ab, &an) > 0;
    int built = more ? page_layout_build_ruled(all.data, ab, an, rules, nrules, pl) == 0
                     : n && page_layout_build_ruled(text, (const lbox *)rects, n, rules, nrules, pl) == 0;
    buf_free(&mt);
    buf_free(&all);
    free(mb);
    free(ab);
    free(rules);
    g_free(rects);
    if (built) return;
    buf_init(&pl->text);
    buf_puts(&pl->text, text);
    pl->nboxes = pl->cap = 0;
    pl->boxes = NULL;
}

/* Words a font broke all over the page written right again
 * (thai_fonts.h), from the lists of patterns/lexicon/thai_fonts.yaml. */
static void repair_fonts(extract_ctx *x, page_layout *pl)
{
    const lexicon *am = rules_lexicon(x->rules, "sara_am_words"), *aa = rules_lexicon(x->rules, "sara_aa_words");
    if (am || aa)
        thai_fonts_repair(pl->text.data, pl->text.len, am ? (const char *const *)am->phrases : NULL, am ? am->n : 0,
                          aa ? (const char *const *)aa->phrases : NULL, aa ? aa->n : 0);
}

/* The page's text into the scan; returns 1 when the page gave text or
 * images, 0 when poppler found nothing on it. */
static int page_text(extract_ctx *x, PopplerPage *page, pdf_glyphs *mu, int no)
{
    char *text = poppler_page_get_text(page);
    if (!has_text(text)) {
        GList *images = poppler_page_get_image_mapping(page);
        if (images) docscan_unreadable(x->ds, &(pdp_location){ .page = no }, "page without text layer", 1);
        poppler_page_free_image_mapping(images);
        g_free(text);
        return images != NULL;
    }
    page_layout pl;
    page_layout_of(page, mu, no - 1, text, &pl);
    g_free(text);
    repair_fonts(x, &pl);
    size_t first = x->res->nfindings;
    uint64_t start = docscan_piece(x->ds, &(pdp_location){ .page = no });
    docscan_text(x->ds, pl.text.data, pl.text.len);
    docscan_flush(x->ds);
    if (x->res->nfindings > first) page_boxes(x, &pl, start, first);
    page_layout_free(&pl);
    return 1;
}

static void page_annots(extract_ctx *x, PopplerPage *page, int no, double height)
{
    GList *annots = poppler_page_get_annot_mapping(page);
    for (GList *l = annots; l; l = l->next) {
        PopplerAnnotMapping *m = l->data;
        buf b;
        buf_init(&b);
        gchar *c = poppler_annot_get_contents(m->annot);
        if (c) buf_puts(&b, c);
        g_free(c);
        if (POPPLER_IS_ANNOT_MARKUP(m->annot)) {
            gchar *label = poppler_annot_markup_get_label(POPPLER_ANNOT_MARKUP(m->annot));
            if (label) buf_printf(&b, "\n%s", label);
            g_free(label);
        }
        /* Annotation areas are in PDF space (origin bottom-left). */
        pdp_location loc = { .page = no, .part = "annotation", .has_bbox = 1,
                             .bbox = { m->area.x1, height - m->area.y2, m->area.x2, height - m->area.y1 } };
        if (b.data && g_utf8_validate(b.data, -1, NULL)) piece(x, &loc, b.data);
        buf_free(&b);
    }
    poppler_page_free_annot_mapping(annots);
    GList *fields = poppler_page_get_form_field_mapping(page);
    for (GList *l = fields; l; l = l->next) {
        PopplerFormFieldMapping *m = l->data;
        if (poppler_form_field_get_field_type(m->field) != POPPLER_FORM_FIELD_TEXT) continue;
        gchar *t = poppler_form_field_text_get_text(m->field);
        pdp_location loc = { .page = no, .part = "form-field", .has_bbox = 1,
                             .bbox = { m->area.x1, height - m->area.y2, m->area.x2, height - m->area.y1 } };
        if (t && g_utf8_validate(t, -1, NULL)) piece(x, &loc, t);
        g_free(t);
    }
    poppler_page_free_form_field_mapping(fields);
}

typedef struct sink {
    extract_ctx *x;
    buf data;
    int over;
} sink;

static gboolean save_cb(const gchar *data, gsize n, gpointer user, GError **err)
{
    sink *s = user;
    if (!extract_take_bytes(s->x, n, "PDF attachment")) {
        s->over = 1;
        g_set_error_literal(err, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "limit");
        return FALSE;
    }
    buf_append(&s->data, data, n);
    return TRUE;
}

static void scan_attachments(extract_ctx *x, PopplerDocument *doc)
{
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    if (!poppler_document_has_attachments(doc)) return;
    GList *atts = poppler_document_get_attachments(doc);
    G_GNUC_END_IGNORE_DEPRECATIONS
    for (GList *l = atts; l; l = l->next) {
        PopplerAttachment *a = l->data;
        sink s = { x, { 0 }, 0 };
        buf_init(&s.data);
        GError *err = NULL;
        const char *name = a->name && *a->name ? a->name : "attachment";
        if (poppler_attachment_save_to_callback(a, save_cb, &s, &err)) {
            extract_nested(x, name, (const unsigned char *)(s.data.data ? s.data.data : ""), s.data.len);
        } else if (!s.over) {
            pdp_result *c = extract_child(x, name);
            if (c) result_set_status(c, PDP_STATUS_ERROR, "embedded file could not be read");
        }
        g_clear_error(&err);
        buf_free(&s.data);
        g_object_unref(a);
    }
    g_list_free(atts);
}

/* Is the file whole?  A complete PDF ends with %%EOF, and an incremental
 * update adds its own: bytes after the last marker that are not white space
 * are an update cut short (poppler quietly reads the revision before it).
 * NULL when whole, else why not. */
static const char *cut_short(const unsigned char *d, size_t len)
{
    size_t i = len;
    while (i >= 5 && memcmp(d + i - 5, "%%EOF", 5) != 0) i--;
    if (i < 5) return "truncated PDF (no end-of-file marker); what could be read was checked";
    for (; i < len; i++)
        if (!strchr(" \t\r\n\f", d[i]) && d[i] != 0)
            return "truncated PDF (an update after the last end-of-file marker is cut short); "
                   "only the revision before it was checked";
    return NULL;
}

/* Does the file say it draws text (a font, an object stream that may hold
 * one, a text operator)?  Then pages that give nothing were not read. */
static int promises_text(const unsigned char *d, size_t len)
{
    static const char *marks[] = { "/Font", "/ObjStm", "Tj", "TJ" };
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (memmem(d, len, marks[k], strlen(marks[k]))) return 1;
    return 0;
}

void extract_pdf(extract_ctx *x, const unsigned char *data, size_t len)
{
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *err = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
    if (!doc) {
        int enc = err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED;
        result_set_status(x->res, PDP_STATUS_ERROR,
                          enc ? "encrypted PDF (a password is needed to open it); not checked"
                              : "damaged or truncated PDF: it cannot be opened; not checked");
        g_clear_error(&err);
        g_bytes_unref(bytes);
        return;
    }
    int n = poppler_document_get_n_pages(doc), drawn = 0, opened = 0, stopped = 0;
    pdf_glyphs *mu = pdf_glyphs_open(data, len);
    if (mu && pdf_glyphs_pages(mu) != n) { /* the engines disagree on the pages: poppler's text alone */
        pdf_glyphs_close(mu);
        mu = NULL;
    }
    x->res->pages = n;
    const char *cut = cut_short(data, len);
    if (cut) result_set_status(x->res, PDP_STATUS_PARTIAL, cut);
    scan_metadata(x, doc);
    if (n <= 0)
        result_set_status(x->res, PDP_STATUS_ERROR, "damaged PDF: its page tree gives no page to read; not checked");
    for (int p = 0; p < n && !docscan_full(x->ds); p++) {
        if ((unsigned)p >= x->lim->max_pages) {
            result_set_status(x->res, PDP_STATUS_PARTIAL, "more pages than the limit; the rest were not checked");
            stopped = 1;
            break;
        }
        if ((stopped = extract_out_of_time(x))) break;
        PopplerPage *page = poppler_document_get_page(doc, p);
        if (!page) {
            result_set_status(x->res, PDP_STATUS_PARTIAL, "a damaged page could not be read");
            continue;
        }
        opened++;
        double w, h;
        poppler_page_get_size(page, &w, &h);
        drawn += page_text(x, page, mu, p + 1);
        page_annots(x, page, p + 1, h);
        g_object_unref(page);
    }
    if (n > 0 && !opened && !stopped)
        result_set_status(x->res, PDP_STATUS_ERROR, "damaged PDF: no page could be read; not checked");
    else if (n > 0 && !drawn && !stopped && promises_text(data, len))
        result_set_status(x->res, PDP_STATUS_PARTIAL,
                          "damaged PDF: it has fonts or text, but no page gave any (broken object streams?); not checked");
    pdf_glyphs_close(mu);
    scan_attachments(x, doc);
    g_object_unref(doc);
    g_bytes_unref(bytes);
}
