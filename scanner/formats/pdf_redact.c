/* pdf_redact.c — a redacted copy of a PDF (`pdpascan redact`), written with
 * MuPDF: the characters of each finding taken out of the page content, not
 * covered.
 *
 * Findings come from poppler's reading of the page, with a box.  MuPDF
 * orders and splits text its own way, so glyphs are matched to findings by
 * position, never by index: a glyph goes when the middle of its advance
 * lies inside the finding's box and its baseline inside the box's height.
 * Thai fonts draw marks far outside their advance and lines overlap, so
 * glyph boxes would take letters of the lines above and below; a baseline
 * does not.  A combining mark (upper and lower vowels, tone marks) follows
 * the letter it was drawn after in the content stream, so a letter and its
 * marks go together or stay together.
 *
 * Over each finding a black box is drawn with the suggestion in white
 * (pdf_label.c), when a Thai font is installed.  Image pixels under a box are blanked.
 * A page where some finding's box held no glyph MuPDF could match (legacy
 * fonts without Unicode, text in a form MuPDF does not filter) is redacted
 * as a picture instead: drawn, boxes painted, and put back with no text
 * layer.  Metadata, annotations, form fields and attachments are scrubbed
 * in pdf_scrub.c.  The file is written whole and garbage-collected, so
 * nothing of an earlier revision or of the old page content survives. */
#include <math.h>
#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../extract/formats.h"
#include "../util/buf.h"
#include "pdf_label.h"
#include "pdf_scrub.h"

#define RESOLUTION 150.0 /* dpi of a page redacted as a picture */

typedef struct page_job {
    const pdf_redaction *rd;
    fz_matrix to_top;        /* PDF space to top-left page space */
    int page;                /* 1-based */
    size_t *hits;            /* glyphs taken per cut */
    int prev_removed;        /* the last glyph's fate, for the marks after it */
    fz_point prev_end;       /* where the last letter's advance ended */
    int have_prev;
    size_t glyphs;
} page_job;

static int is_mark(int c)
{
    return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E) || (c >= 0x0300 && c <= 0x036F);
}

static int inside(const pdf_cut *c, fz_point mid, fz_point base)
{
    return mid.x >= c->bbox[0] && mid.x <= c->bbox[2] && base.y >= c->bbox[1] && base.y <= c->bbox[3];
}

/* MuPDF's per-glyph question: take this character out? */
static int text_filter(fz_context *ctx, void *opaque, int *ucs, int n, fz_matrix trm, fz_matrix ctm, fz_rect box)
{
    (void)ctx;
    page_job *j = opaque;
    fz_matrix m = fz_concat(fz_concat(trm, ctm), j->to_top);
    fz_point origin = fz_transform_point_xy(0, 0, m);
    float em = fz_matrix_expansion(m);
    if (n > 0 && is_mark(ucs[0]) && j->have_prev && fabsf(origin.x - j->prev_end.x) <= em &&
        fabsf(origin.y - j->prev_end.y) <= em) {
        if (j->prev_removed) j->glyphs++;
        return j->prev_removed;
    }
    fz_point mid = fz_transform_point_xy((box.x0 + box.x1) / 2, 0, m);
    int removed = 0;
    for (size_t i = 0; i < j->rd->ncuts; i++) {
        const pdf_cut *c = &j->rd->cuts[i];
        if (c->page == j->page && inside(c, mid, origin)) {
            j->hits[i]++;
            removed = 1;
        }
    }
    j->prev_removed = removed;
    j->prev_end = fz_transform_point_xy(box.x1, 0, m);
    j->have_prev = 1;
    j->glyphs += removed;
    return removed;
}

/* The pixels of pix inside r painted black (opaque).  MuPDF's own clear
 * takes one value for every channel, which is not black in RGB with alpha
 * nor in CMYK. */
static void paint_black(fz_context *ctx, fz_pixmap *pix, fz_irect r)
{
    r = fz_intersect_irect(r, fz_pixmap_bbox(ctx, pix));
    if (fz_is_empty_irect(r)) return;
    int sub = pix->colorspace && fz_colorspace_is_subtractive(ctx, pix->colorspace);
    unsigned char ink = sub ? 255 : 0;
    for (int y = r.y0; y < r.y1; y++) {
        unsigned char *p = pix->samples + (size_t)(y - pix->y) * pix->stride + (size_t)(r.x0 - pix->x) * pix->n;
        for (int x = r.x0; x < r.x1; x++, p += pix->n) {
            memset(p, ink, pix->n);
            if (pix->alpha) p[pix->n - 1] = 255;
        }
    }
}

/* The pixels of image (drawn at ctm) under any of the page's boxes, blacked
 * out: a new image, or the same one when no box touches it. */
static fz_image *image_filter(fz_context *ctx, void *opaque, fz_matrix ctm, const char *name, fz_image *image)
{
    page_job *j = opaque;
    fz_matrix to_top = fz_concat(ctm, j->to_top), from_top = fz_invert_matrix(to_top);
    fz_rect area = fz_transform_rect(fz_unit_rect, to_top);
    fz_pixmap *pix = NULL;
    fz_image *out = NULL;
    fz_var(pix);
    fz_try(ctx)
    {
        for (size_t i = 0; i < j->rd->ncuts; i++) {
            const pdf_cut *c = &j->rd->cuts[i];
            fz_rect r = { (float)c->bbox[0], (float)c->bbox[1], (float)c->bbox[2], (float)c->bbox[3] };
            if (c->page != j->page || fz_is_empty_rect(fz_intersect_rect(r, area))) continue;
            if (!pix) pix = fz_get_pixmap_from_image(ctx, image, NULL, NULL, NULL, NULL);
            /* the box in the unit square, then in pixels (row 0 at the top: v = 1) */
            fz_rect u = fz_transform_rect(r, from_top);
            fz_irect px = { (int)floorf(u.x0 * pix->w), (int)floorf((1 - u.y1) * pix->h), (int)ceilf(u.x1 * pix->w),
                            (int)ceilf((1 - u.y0) * pix->h) };
            paint_black(ctx, pix, px);
        }
        /* MuPDF 1.21 drops what it gets back for an inline image, and
         * takes an XObject's own image back unchanged without a reference */
        out = pix ? fz_new_image_from_pixmap(ctx, pix, image->mask)
                  : !strcmp(name, "<inline>") ? fz_keep_image(ctx, image) : image;
    }
    fz_always(ctx) fz_drop_pixmap(ctx, pix);
    fz_catch(ctx) fz_rethrow(ctx);
    return out;
}

/* MuPDF 1.21's filter keeps a pending Td across BT: when every character
 * of a text object goes, its Td is added to the next object's, and that
 * text lands far off the page.  A Tm to the identity after each BT (what
 * BT means) clears it; positions then go out as absolute Tm. */
static _Thread_local void (*filter_bt)(fz_context *, pdf_processor *);

static void bt_then_tm(fz_context *ctx, pdf_processor *proc)
{
    filter_bt(ctx, proc);
    proc->op_Tm(ctx, proc, 1, 0, 0, 1, 0, 0);
}

/* The page's content through MuPDF's filter with opts (what
 * pdf_filter_page_contents does, with the fix above): Form XObjects are
 * left as they are, so a finding drawn inside one keeps its glyphs and
 * its page becomes a picture. */
static void filter_page(fz_context *ctx, pdf_document *doc, pdf_page *page, pdf_filter_options *opts)
{
    pdf_obj *contents = pdf_page_contents(ctx, page), *old_res = pdf_page_resources(ctx, page);
    int parents = pdf_dict_get_int(ctx, page->obj, PDF_NAME(StructParents));
    if (!pdf_dict_get(ctx, page->obj, PDF_NAME(StructParents))) parents = -1;
    fz_buffer *b = fz_new_buffer(ctx, 1024);
    pdf_obj *new_res = NULL;
    pdf_processor *out = NULL, *filter = NULL;
    fz_var(new_res), fz_var(out), fz_var(filter);
    fz_try(ctx)
    {
        out = pdf_new_buffer_processor(ctx, b, 0);
        new_res = pdf_new_dict(ctx, doc, 1);
        filter = pdf_new_filter_processor(ctx, doc, out, old_res, new_res, parents, fz_identity, opts);
        filter_bt = filter->op_BT;
        filter->op_BT = bt_then_tm;
        pdf_process_contents(ctx, filter, doc, old_res, contents, NULL);
        pdf_close_processor(ctx, filter);
        pdf_close_processor(ctx, out);
        if (!pdf_is_stream(ctx, contents)) { /* an array of streams, or none: one new stream */
            contents = pdf_add_object_drop(ctx, doc, pdf_new_dict(ctx, doc, 1));
            pdf_dict_put_drop(ctx, page->obj, PDF_NAME(Contents), contents);
        }
        pdf_update_stream(ctx, doc, contents, b, 0);
        pdf_dict_put(ctx, page->obj, PDF_NAME(Resources), new_res);
    }
    fz_always(ctx)
    {
        pdf_drop_processor(ctx, filter);
        pdf_drop_processor(ctx, out);
        pdf_drop_obj(ctx, new_res);
        fz_drop_buffer(ctx, b);
    }
    fz_catch(ctx) fz_rethrow(ctx);
}

/* Append content to the page's content, with obj (when not NULL) added to
 * its resources as key under category. */
static void append_content(fz_context *ctx, pdf_document *doc, pdf_page *page, fz_buffer *content, pdf_obj *category,
                           const char *key, pdf_obj *obj)
{
    pdf_obj *res = pdf_dict_get(ctx, page->obj, PDF_NAME(Resources));
    if (!res) res = pdf_dict_put_dict(ctx, page->obj, PDF_NAME(Resources), 2);
    if (obj) {
        pdf_obj *d = pdf_dict_get(ctx, res, category);
        if (!d) d = pdf_dict_put_dict(ctx, res, category, 1);
        pdf_dict_puts(ctx, d, key, obj);
    }
    pdf_obj *stm = pdf_add_stream(ctx, doc, content, NULL, 0);
    pdf_obj *old = pdf_dict_get(ctx, page->obj, PDF_NAME(Contents));
    if (pdf_is_array(ctx, old)) {
        pdf_array_push(ctx, old, stm);
    } else {
        pdf_obj *arr = pdf_new_array(ctx, doc, 2);
        if (old) pdf_array_push(ctx, arr, old);
        pdf_array_push(ctx, arr, stm);
        pdf_dict_put_drop(ctx, page->obj, PDF_NAME(Contents), arr);
    }
    pdf_drop_obj(ctx, stm);
}

/* A name for the label font not yet in the page's fonts: a copy redacted
 * again keeps the labels of the first time, in a font of their own. */
static void free_font_name(fz_context *ctx, pdf_page *page, char name[32])
{
    pdf_obj *fonts = pdf_dict_getp(ctx, page->obj, "Resources/Font");
    for (int k = 0;; k++) {
        snprintf(name, 32, "PdpLabel%d", k);
        if (!pdf_dict_gets(ctx, fonts, name)) return;
    }
}

/* Black boxes (with their labels) over the page's cuts. */
static void draw_boxes(fz_context *ctx, pdf_document *doc, pdf_page *page, const page_job *j, pdf_labels *labels)
{
    fz_buffer *b = fz_new_buffer(ctx, 256);
    char name[32];
    free_font_name(ctx, page, name);
    fz_try(ctx)
    {
        fz_matrix to_pdf = fz_invert_matrix(j->to_top);
        fz_append_string(ctx, b, "q\n");
        for (size_t i = 0; i < j->rd->ncuts; i++) {
            const pdf_cut *c = &j->rd->cuts[i];
            if (c->page != j->page) continue;
            fz_rect r = fz_transform_rect(fz_make_rect(c->bbox[0], c->bbox[1], c->bbox[2], c->bbox[3]), to_pdf);
            fz_append_printf(ctx, b, "0 g %g %g %g %g re f\n", r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
            pdf_label_draw(ctx, labels, b, name, r, c->label);
        }
        fz_append_string(ctx, b, "Q\n");
        append_content(ctx, doc, page, b, PDF_NAME(Font), name, pdf_labels_font(labels));
    }
    fz_always(ctx) fz_drop_buffer(ctx, b);
    fz_catch(ctx) fz_rethrow(ctx);
}

/* The page as a picture with its boxes painted, in place of its content. */
static void page_as_picture(fz_context *ctx, pdf_document *doc, pdf_page *page, const page_job *j)
{
    fz_pixmap *pix = NULL;
    fz_image *img = NULL;
    pdf_obj *ref = NULL;
    fz_buffer *b = NULL;
    fz_var(pix), fz_var(img), fz_var(ref), fz_var(b);
    fz_try(ctx)
    {
        float zoom = RESOLUTION / 72;
        fz_matrix scale = fz_scale(zoom, zoom);
        pix = pdf_new_pixmap_from_page_contents_with_usage(ctx, page, scale, fz_device_rgb(ctx), 0, "View");
        for (size_t i = 0; i < j->rd->ncuts; i++) {
            const pdf_cut *c = &j->rd->cuts[i];
            if (c->page != j->page) continue;
            fz_rect r = fz_transform_rect(fz_make_rect(c->bbox[0], c->bbox[1], c->bbox[2], c->bbox[3]), scale);
            paint_black(ctx, pix, fz_round_rect(r));
        }
        img = fz_new_image_from_pixmap(ctx, pix, NULL);
        ref = pdf_add_image(ctx, doc, img);
        /* the picture's unit square onto the page: top row at the top */
        float w = pix->w / zoom, h = pix->h / zoom;
        fz_matrix m = fz_concat(fz_make_matrix(w, 0, 0, -h, 0, h), fz_invert_matrix(j->to_top));
        b = fz_new_buffer(ctx, 64);
        fz_append_printf(ctx, b, "q %g %g %g %g %g %g cm /PdpPage Do Q\n", m.a, m.b, m.c, m.d, m.e, m.f);
        pdf_dict_del(ctx, page->obj, PDF_NAME(Contents));
        pdf_dict_put_dict(ctx, page->obj, PDF_NAME(Resources), 1);
        append_content(ctx, doc, page, b, PDF_NAME(XObject), "PdpPage", ref);
    }
    fz_always(ctx)
    {
        fz_drop_buffer(ctx, b);
        pdf_drop_obj(ctx, ref);
        fz_drop_image(ctx, img);
        fz_drop_pixmap(ctx, pix);
    }
    fz_catch(ctx) fz_rethrow(ctx);
}

/* Redact page no (1-based); 1 when it became a picture. */
static int redact_page(fz_context *ctx, pdf_document *doc, int no, const pdf_redaction *rd, pdf_labels *labels,
                       size_t *glyphs)
{
    size_t n = 0;
    for (size_t i = 0; i < rd->ncuts; i++) n += rd->cuts[i].page == no;
    if (!n) return 0;
    pdf_page *page = pdf_load_page(ctx, doc, no - 1);
    page_job j = { rd, fz_identity, no, NULL, 0, { 0, 0 }, 0, 0 };
    int picture = 0;
    fz_try(ctx)
    {
        fz_rect media;
        pdf_page_transform(ctx, page, &media, &j.to_top);
        j.hits = fz_calloc(ctx, rd->ncuts, sizeof *j.hits);
        pdf_filter_options opts = { 0 };
        opts.opaque = &j;
        opts.text_filter = text_filter;
        opts.image_filter = image_filter;
        opts.sanitize = 1;
        filter_page(ctx, doc, page, &opts);
        for (size_t i = 0; i < rd->ncuts && !picture; i++)
            if (rd->cuts[i].page == no && !j.hits[i]) picture = 1;
        if (picture) page_as_picture(ctx, doc, page, &j);
        else draw_boxes(ctx, doc, page, &j, labels);
        *glyphs += j.glyphs;
    }
    fz_always(ctx)
    {
        fz_free(ctx, j.hits);
        fz_drop_page(ctx, &page->super);
    }
    fz_catch(ctx) fz_rethrow(ctx);
    return picture;
}

static void quiet(void *user, const char *message)
{
    (void)user, (void)message;
}

/* doc written whole, garbage-collected and compressed, into a fresh buffer. */
static fz_buffer *write_whole(fz_context *ctx, pdf_document *doc)
{
    fz_buffer *b = fz_new_buffer(ctx, 1 << 16);
    fz_output *o = NULL;
    fz_var(o);
    fz_try(ctx)
    {
        pdf_write_options w = pdf_default_write_options;
        w.do_garbage = 1;
        w.do_compress = 1;
        w.do_compress_images = 1;
        w.do_compress_fonts = 1;
        o = fz_new_output_with_buffer(ctx, b);
        pdf_write_document(ctx, doc, o, &w);
        fz_close_output(ctx, o);
    }
    fz_always(ctx) fz_drop_output(ctx, o);
    fz_catch(ctx)
    {
        fz_drop_buffer(ctx, b);
        fz_rethrow(ctx);
    }
    return b;
}

static unsigned char *take(fz_context *ctx, fz_buffer *b, size_t *len)
{
    unsigned char *d;
    size_t n = fz_buffer_storage(ctx, b, &d);
    unsigned char *copy = xmalloc(n + 1); /* NUL-terminated, as buf keeps data */
    memcpy(copy, d, n);
    copy[n] = 0;
    *len = n;
    return copy;
}

/* Every page with cuts redacted, the rest scrubbed, the whole written. */
static void redact_doc(fz_context *ctx, pdf_document *doc, const pdf_redaction *rd, pdf_redacted *out)
{
    pdf_labels *labels = NULL;
    fz_var(labels);
    fz_try(ctx)
    {
        int pages = pdf_count_pages(ctx, doc);
        for (size_t i = 0; i < rd->ncuts; i++)
            if (rd->cuts[i].page < 1 || rd->cuts[i].page > pages) fz_throw(ctx, FZ_ERROR_GENERIC, "a finding lies outside the pages");
        if (rd->ncuts) { /* no cut (a metadata scrub alone): no label font to load */
            const char **texts = xcalloc(rd->ncuts, sizeof *texts);
            for (size_t i = 0; i < rd->ncuts; i++) texts[i] = rd->cuts[i].label;
            labels = pdf_labels_new(ctx, doc, texts, rd->ncuts);
            free(texts);
        }
        out->image_pages = xcalloc((size_t)pages + 1, sizeof *out->image_pages);
        for (int p = 1; p <= pages; p++)
            if (redact_page(ctx, doc, p, rd, labels, &out->glyphs)) out->image_pages[out->nimage_pages++] = p;
        out->dropped = pdf_scrub(ctx, doc, rd);
        fz_buffer *b = write_whole(ctx, doc);
        out->data = take(ctx, b, &out->len);
        fz_drop_buffer(ctx, b);
    }
    fz_always(ctx) pdf_labels_drop(ctx, labels);
    fz_catch(ctx) fz_rethrow(ctx);
}

int pdf_redact(const unsigned char *pdf, size_t len, const pdf_redaction *rd, pdf_redacted *out, char **err)
{
    memset(out, 0, sizeof *out);
    fz_context *ctx = fz_new_context(NULL, NULL, 256 << 20);
    if (!ctx) {
        *err = xstrdup("cannot start MuPDF");
        return -1;
    }
    fz_set_warning_callback(ctx, quiet, NULL);
    fz_set_error_callback(ctx, quiet, NULL);
    pdf_document *doc = NULL;
    fz_stream *stm = NULL;
    volatile int rc = 0;
    fz_var(doc), fz_var(stm);
    fz_try(ctx)
    {
        stm = fz_open_memory(ctx, pdf, len);
        doc = pdf_open_document_with_stream(ctx, stm);
        if (pdf_needs_password(ctx, doc)) fz_throw(ctx, FZ_ERROR_GENERIC, "the PDF is encrypted");
        redact_doc(ctx, doc, rd, out);
        fz_drop_document(ctx, &doc->super);
        doc = NULL;
        out->view = pdf_view_of(ctx, out->data, out->len, &out->view_len);
    }
    fz_always(ctx)
    {
        fz_drop_document(ctx, doc ? &doc->super : NULL);
        fz_drop_stream(ctx, stm);
    }
    fz_catch(ctx)
    {
        *err = xasprintf("MuPDF could not write the redacted copy: %s", fz_caught_message(ctx));
        free(out->data);
        free(out->view);
        free(out->image_pages);
        memset(out, 0, sizeof *out);
        rc = -1;
    }
    fz_drop_context(ctx);
    return rc;
}
