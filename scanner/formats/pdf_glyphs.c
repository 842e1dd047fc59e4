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

#include <math.h>
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

/* Ruling lines: a device that keeps the page's horizontal and vertical
 * segments — stroked lines, and filled rectangles thin enough to be drawn
 * lines (table borders come both ways) — each as a box whose one side is
 * zero. */
typedef struct rules_dev {
    fz_device super;
    lbox *v;
    size_t n, cap;
    fz_matrix ctm;
    fz_point start, last;
    fz_point pts[5];
    int npts, thin_fill; /* thin_fill: a fill, whose rectangles count when thin */
} rules_dev;

#define MIN_RULE 3.0   /* points: shorter is no ruling line */
#define MAX_THICK 2.5  /* points: a filled rectangle thinner than this is a line */

static void keep(fz_context *ctx, rules_dev *d, lbox b)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 64;
        d->v = fz_realloc(ctx, d->v, d->cap * sizeof *d->v);
    }
    d->v[d->n++] = b;
}

/* An axis-aligned segment from a to b, if long enough. */
static void segment(fz_context *ctx, rules_dev *d, fz_point a, fz_point b)
{
    if (fabsf(a.y - b.y) < 0.5f && fabsf(a.x - b.x) >= MIN_RULE)
        keep(ctx, d, (lbox){ fz_min(a.x, b.x), a.y, fz_max(a.x, b.x), a.y });
    else if (fabsf(a.x - b.x) < 0.5f && fabsf(a.y - b.y) >= MIN_RULE)
        keep(ctx, d, (lbox){ a.x, fz_min(a.y, b.y), a.x, fz_max(a.y, b.y) });
}

/* A thin axis-aligned rectangle [x0, x1] x [y0, y1]: its centre line. */
static void thin_rect(fz_context *ctx, rules_dev *d, float x0, float y0, float x1, float y1)
{
    float w = fabsf(x1 - x0), h = fabsf(y1 - y0);
    if (h < MAX_THICK && w >= MIN_RULE) keep(ctx, d, (lbox){ fz_min(x0, x1), (y0 + y1) / 2, fz_max(x0, x1), (y0 + y1) / 2 });
    else if (w < MAX_THICK && h >= MIN_RULE) keep(ctx, d, (lbox){ (x0 + x1) / 2, fz_min(y0, y1), (x0 + x1) / 2, fz_max(y0, y1) });
}

static void w_moveto(fz_context *ctx, void *arg, float x, float y)
{
    (void)ctx;
    rules_dev *d = arg;
    d->start = d->last = fz_transform_point(fz_make_point(x, y), d->ctm);
    d->npts = 1;
    d->pts[0] = d->start;
}

static void w_lineto(fz_context *ctx, void *arg, float x, float y)
{
    rules_dev *d = arg;
    fz_point p = fz_transform_point(fz_make_point(x, y), d->ctm);
    if (!d->thin_fill) segment(ctx, d, d->last, p);
    if (d->npts < 5) d->pts[d->npts] = p;
    d->npts++;
    d->last = p;
}

static void w_curveto(fz_context *ctx, void *arg, float x1, float y1, float x2, float y2, float x3, float y3)
{
    (void)ctx;
    (void)x1, (void)y1, (void)x2, (void)y2;
    rules_dev *d = arg;
    d->last = fz_transform_point(fz_make_point(x3, y3), d->ctm);
    d->npts = 99; /* a curve: no rectangle */
}

static void w_closepath(fz_context *ctx, void *arg)
{
    rules_dev *d = arg;
    if (!d->thin_fill) segment(ctx, d, d->last, d->start);
    else if (d->npts == 4 || (d->npts == 5 && fabsf(d->pts[4].x - d->pts[0].x) < 0.1f)) {
        float x0 = d->pts[0].x, y0 = d->pts[0].y, x1 = x0, y1 = y0;
        for (int i = 1; i < 4; i++) {
            x0 = fz_min(x0, d->pts[i].x), x1 = fz_max(x1, d->pts[i].x);
            y0 = fz_min(y0, d->pts[i].y), y1 = fz_max(y1, d->pts[i].y);
        }
        thin_rect(ctx, d, x0, y0, x1, y1);
    }
    d->last = d->start;
    d->npts = 0;
}

static void w_rectto(fz_context *ctx, void *arg, float x0, float y0, float x1, float y1)
{
    rules_dev *d = arg;
    fz_point a = fz_transform_point(fz_make_point(x0, y0), d->ctm), b = fz_transform_point(fz_make_point(x1, y1), d->ctm);
    if (d->thin_fill) {
        thin_rect(ctx, d, a.x, a.y, b.x, b.y);
    } else {
        segment(ctx, d, a, fz_make_point(b.x, a.y));
        segment(ctx, d, fz_make_point(b.x, a.y), b);
        segment(ctx, d, b, fz_make_point(a.x, b.y));
        segment(ctx, d, fz_make_point(a.x, b.y), a);
    }
    d->npts = 0;
}

static const fz_path_walker walker = { w_moveto, w_lineto, w_curveto, w_closepath, NULL, NULL, NULL, w_rectto };

static void dev_stroke(fz_context *ctx, fz_device *dev, const fz_path *path, const fz_stroke_state *st, fz_matrix ctm,
                       fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
    (void)st, (void)cs, (void)color, (void)alpha, (void)cp;
    rules_dev *d = (rules_dev *)dev;
    d->ctm = ctm;
    d->thin_fill = 0;
    fz_walk_path(ctx, path, &walker, d);
}

static void dev_fill(fz_context *ctx, fz_device *dev, const fz_path *path, int even_odd, fz_matrix ctm,
                     fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
    (void)even_odd, (void)cs, (void)color, (void)alpha, (void)cp;
    rules_dev *d = (rules_dev *)dev;
    d->ctm = ctm;
    d->thin_fill = 1;
    d->npts = 0;
    fz_walk_path(ctx, path, &walker, d);
}

int pdf_glyphs_page(pdf_glyphs *g, int no, buf *text, lbox **boxes, size_t *n, lbox **rules, size_t *nrules)
{
    fz_context *ctx = g->ctx;
    fz_page *page = NULL;
    fz_stext_page *tp = NULL;
    size_t cap = 0;
    volatile int ok = 1;
    buf_clear(text);
    *boxes = NULL;
    *n = 0;
    rules_dev *volatile dev = NULL;
    fz_display_list *list = NULL;
    *rules = NULL;
    *nrules = 0;
    fz_var(page);
    fz_var(tp);
    fz_var(list);
    fz_try(ctx)
    {
        /* the page's content parsed once, into a display list, then run
         * through the text device and the ruling lines' */
        page = fz_load_page(ctx, g->doc, no);
        list = fz_new_display_list_from_page(ctx, page);
        fz_stext_options opts = { 0 };
        tp = fz_new_stext_page_from_display_list(ctx, list, &opts);
        dev = fz_new_derived_device(ctx, rules_dev);
        dev->super.stroke_path = dev_stroke;
        dev->super.fill_path = dev_fill;
        fz_run_display_list(ctx, list, &dev->super, fz_identity, fz_infinite_rect, NULL);
        fz_close_device(ctx, &dev->super);
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
        if (dev && dev->n) { /* out of MuPDF's allocator into ours */
            *rules = xmalloc(dev->n * sizeof **rules);
            memcpy(*rules, dev->v, dev->n * sizeof **rules);
            *nrules = dev->n;
        }
        if (dev) {
            fz_free(ctx, dev->v);
            fz_drop_device(ctx, &dev->super);
        }
        fz_drop_stext_page(ctx, tp);
        fz_drop_display_list(ctx, list);
        fz_drop_page(ctx, page);
    }
    fz_catch(ctx) ok = 0;
    if (!ok) {
        free(*boxes);
        free(*rules);
        *boxes = *rules = NULL;
        *n = *nrules = 0;
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
