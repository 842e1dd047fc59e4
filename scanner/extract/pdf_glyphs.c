/* pdf_glyphs.c — every character of a PDF page with its box, read with
 * MuPDF (see pdf_glyphs.h).
 *
 * poppler's page text, read through poppler-glib, leaves out a Thai mark
 * that the producer set as a run of its own at the end of a line: the
 * thanthakhat of "ฤทธิ์" or "สวัสดิ์" at the end of a table cell exported by
 * LibreOffice is gone from it (poppler's own `pdftotext -layout` keeps it,
 * but poppler-glib has no physical-layout text).  MuPDF's structured text
 * keeps every glyph it draws, with its quad.  The page is still read with
 * poppler, whose blocks tell a table's cells apart; the marks MuPDF has and
 * poppler lacks are added by position (page_layout_add_marks).  A document
 * or page MuPDF cannot read leaves poppler's text as it is, so this can
 * only add marks, never lose text.
 *
 * MuPDF's warnings and errors are silenced: nothing from a document
 * reaches the terminal. */
#include "pdf_glyphs.h"

#include <mupdf/fitz.h>
#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"

struct pdf_glyphs {
    fz_context *ctx;
    fz_stream *stm;
    fz_document *doc;
};

static void quiet(void *user, const char *message)
{
    (void)user;
    (void)message;
}

pdf_glyphs *pdf_glyphs_open(const unsigned char *data, size_t len)
{
    pdf_glyphs *volatile g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->ctx = fz_new_context(NULL, NULL, 64 << 20);
    if (!g->ctx) {
        free(g);
        return NULL;
    }
    fz_set_warning_callback(g->ctx, quiet, NULL);
    fz_set_error_callback(g->ctx, quiet, NULL);
    volatile int ok = 1;
    fz_try(g->ctx)
    {
        fz_register_document_handlers(g->ctx);
        g->stm = fz_open_memory(g->ctx, data, len);
        g->doc = fz_open_document_with_stream(g->ctx, "application/pdf", g->stm);
        if (fz_needs_password(g->ctx, g->doc)) ok = 0;
    }
    fz_catch(g->ctx) ok = 0;
    if (!ok) {
        pdf_glyphs_close(g);
        return NULL;
    }
    return g;
}

int pdf_glyphs_pages(pdf_glyphs *g)
{
    volatile int n = -1;
    fz_try(g->ctx) n = fz_count_pages(g->ctx, g->doc);
    fz_catch(g->ctx) n = -1;
    return n;
}

static lbox box_of(fz_quad q)
{
    lbox b = { fz_min(q.ll.x, q.ul.x), fz_min(q.ul.y, q.ur.y), fz_max(q.lr.x, q.ur.x), fz_max(q.ll.y, q.lr.y) };
    return b;
}

/* Append character c with box b to text and boxes (growing *cap). */
static void add(buf *text, lbox **boxes, size_t *n, size_t *cap, int c, lbox b)
{
    char u[8];
    size_t l = utf8_encode(c > 0 && c <= 0x10FFFF && !(c >= 0xD800 && c < 0xE000) ? (uint32_t)c : 0xFFFD, u);
    buf_append(text, u, l);
    if (*n == *cap) *boxes = xrealloc(*boxes, (*cap = *cap ? 2 * *cap : 256) * sizeof **boxes);
    (*boxes)[(*n)++] = b;
}

int pdf_glyphs_page(pdf_glyphs *g, int no, buf *text, lbox **boxes, size_t *n)
{
    fz_context *ctx = g->ctx;
    fz_page *page = NULL;
    fz_stext_page *tp = NULL;
    size_t cap = 0;
    volatile int ok = 1;
    buf_clear(text);
    *boxes = NULL;
    *n = 0;
    fz_var(page);
    fz_var(tp);
    fz_try(ctx)
    {
        page = fz_load_page(ctx, g->doc, no);
        fz_stext_options opts = { 0 };
        tp = fz_new_stext_page_from_page(ctx, page, &opts);
        for (fz_stext_block *b = tp->first_block; b; b = b->next) {
            if (b->type != FZ_STEXT_BLOCK_TEXT) continue;
            for (fz_stext_line *l = b->u.t.first_line; l; l = l->next) {
                for (fz_stext_char *c = l->first_char; c; c = c->next) add(text, boxes, n, &cap, c->c, box_of(c->quad));
                add(text, boxes, n, &cap, '\n', (lbox){ 0, 0, 0, 0 });
            }
        }
    }
    fz_always(ctx)
    {
        fz_drop_stext_page(ctx, tp);
        fz_drop_page(ctx, page);
    }
    fz_catch(ctx) ok = 0;
    if (!ok) {
        free(*boxes);
        *boxes = NULL;
        *n = 0;
        buf_clear(text);
        return -1;
    }
    if (!text->data) buf_puts(text, "");
    return 0;
}

void pdf_glyphs_close(pdf_glyphs *g)
{
    if (!g) return;
    if (g->ctx) {
        fz_drop_document(g->ctx, g->doc);
        fz_drop_stream(g->ctx, g->stm);
        fz_drop_context(g->ctx);
    }
    free(g);
}
