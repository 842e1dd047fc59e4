/* pdf_page.c — one page of a PDF read apart from the scan (see pdf_page.h).
 *
 * Everything here is the costly part of reading a PDF (poppler's text,
 * MuPDF's glyphs and ruling lines, the layout): it touches nothing but its
 * reader and the page it fills, so that several threads, each with a reader
 * of its own, can read the pages of one document at once (pdf_pages.c). */
#include "pdf_page.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../detect/rules.h"
#include "../util/buf.h"
#include "thai_fonts.h"

int page_reader_open(page_reader *r, PopplerDocument *doc, const unsigned char *data, size_t len, int npages,
                     const pdp_rules *rules, int ocr_dpi)
{
    memset(r, 0, sizeof *r);
    r->rules = rules;
    r->ocr_dpi = ocr_dpi;
    if (!doc) {
        r->bytes = g_bytes_new_static(data, len);
        doc = poppler_document_new_from_bytes(r->bytes, NULL, NULL);
        if (!doc) {
            g_bytes_unref(r->bytes);
            r->bytes = NULL;
            return -1;
        }
    } else {
        g_object_ref(doc);
    }
    r->doc = doc;
    r->mu = pdf_glyphs_open(data, len);
    if (r->mu && pdf_glyphs_pages(r->mu) != npages) { /* the engines disagree on the pages: poppler's text alone */
        pdf_glyphs_close(r->mu);
        r->mu = NULL;
    }
    return 0;
}

void page_reader_close(page_reader *r)
{
    pdf_glyphs_close(r->mu);
    if (r->doc) g_object_unref(r->doc);
    if (r->bytes) g_bytes_unref(r->bytes);
    memset(r, 0, sizeof *r);
}

static int has_text(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\t' && *s != '\f') return 1;
    return 0;
}

_Static_assert(sizeof(PopplerRectangle) == sizeof(lbox) && offsetof(PopplerRectangle, y2) == offsetof(lbox, y2),
               "poppler's rectangles are read as lbox");

/* The page's text laid out from its characters' boxes (pdf_layout.h):
 * poppler's characters, with the Thai marks poppler-glib dropped and MuPDF
 * read (pdf_glyphs.h) put back by position, in the table grid the page's
 * ruling lines draw (also read with MuPDF); poppler's text as it is when
 * its boxes do not match. */
static void layout_of(PopplerPage *page, pdf_glyphs *mu, int no, const char *text, page_layout *pl)
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
static void repair_fonts(const pdp_rules *rules, page_layout *pl)
{
    const lexicon *am = rules_lexicon(rules, "sara_am_words"), *aa = rules_lexicon(rules, "sara_aa_words");
    if (am || aa)
        thai_fonts_repair(pl->text.data, pl->text.len, am ? (const char *const *)am->phrases : NULL, am ? am->n : 0,
                          aa ? (const char *const *)aa->phrases : NULL, aa ? aa->n : 0);
}

static void add_note(pdf_page *pg, int no, const char *part, const PopplerRectangle *area, double height, char *text)
{
    if (!has_text(text) || !g_utf8_validate(text, -1, NULL)) {
        g_free(text);
        return;
    }
    pg->notes = xrealloc(pg->notes, (pg->nnotes + 1) * sizeof *pg->notes);
    /* Annotation areas are in PDF space (origin bottom-left). */
    pg->notes[pg->nnotes++] = (page_note){
        .loc = { .page = no, .part = (char *)part, .has_bbox = 1,
                 .bbox = { area->x1, height - area->y2, area->x2, height - area->y1 } },
        .text = xstrdup(text) };
    g_free(text);
}

/* Annotation contents and authors (pop-ups included), text form fields. */
static void read_notes(PopplerPage *page, int no, pdf_page *pg)
{
    double w, h;
    poppler_page_get_size(page, &w, &h);
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
        add_note(pg, no, "annotation", &m->area, h, g_strdup(b.data));
        buf_free(&b);
    }
    poppler_page_free_annot_mapping(annots);
    GList *fields = poppler_page_get_form_field_mapping(page);
    for (GList *l = fields; l; l = l->next) {
        PopplerFormFieldMapping *m = l->data;
        if (poppler_form_field_get_field_type(m->field) != POPPLER_FORM_FIELD_TEXT) continue;
        add_note(pg, no, "form-field", &m->area, h, poppler_form_field_text_get_text(m->field));
    }
    poppler_page_free_form_field_mapping(fields);
}

void page_read(page_reader *r, int no, pdf_page *pg)
{
    memset(pg, 0, sizeof *pg);
    PopplerPage *page = poppler_document_get_page(r->doc, no);
    if (!page) {
        pg->state = PAGE_DAMAGED;
        return;
    }
    char *text = poppler_page_get_text(page);
    if (has_text(text)) {
        layout_of(page, r->mu, no, text, &pg->pl);
        repair_fonts(r->rules, &pg->pl);
        pg->state = PAGE_TEXT;
    } else {
        GList *images = poppler_page_get_image_mapping(page);
        pg->state = images ? PAGE_IMAGES : PAGE_BLANK;
        poppler_page_free_image_mapping(images);
        if (pg->state == PAGE_IMAGES && r->ocr_dpi > 0) page_ocr(page, r->ocr_dpi, pg);
    }
    g_free(text);
    read_notes(page, no + 1, pg);
    g_object_unref(page);
}

void pdf_page_free(pdf_page *pg)
{
    if (pg->state == PAGE_TEXT || pg->state == PAGE_OCR) page_layout_free(&pg->pl);
    free(pg->why);
    for (size_t i = 0; i < pg->nnotes; i++) free(pg->notes[i].text);
    free(pg->notes);
    memset(pg, 0, sizeof *pg);
}
