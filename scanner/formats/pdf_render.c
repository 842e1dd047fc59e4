/* pdf_render.c — a picture of one PDF page for the HTML report, so that a
 * clerk sees where on the page each finding is (until `annotate` makes a
 * marked-up PDF).  poppler draws the page; every finding's box is then
 * burned into the picture — filled dark, so that the picture shows no found
 * value in clear (a report is shared further than its document), and
 * outlined in red — before it is written as a PNG. */
#include <cairo.h>
#include <poppler.h>

#include "../extract/formats.h"

static cairo_status_t to_png(void *ctx, const unsigned char *data, unsigned int n)
{
    const pdf_picture_out *out = ctx;
    out->write(out->ctx, data, n);
    return CAIRO_STATUS_SUCCESS;
}

static void burn_boxes(cairo_t *cr, const double *boxes, size_t nboxes, int cover)
{
    for (size_t i = 0; i < nboxes; i++) {
        const double *b = boxes + 4 * i;
        cairo_rectangle(cr, b[0] - 1, b[1] - 1, b[2] - b[0] + 2, b[3] - b[1] + 2);
        if (cover) {
            cairo_set_source_rgb(cr, 0.11, 0.14, 0.19);
            cairo_fill_preserve(cr);
        }
        cairo_set_source_rgb(cr, 0.76, 0.07, 0.12);
        cairo_set_line_width(cr, 1.5);
        cairo_stroke(cr);
    }
}

int pdf_render_page(const unsigned char *pdf, size_t len, int page, double width_px, const double *boxes,
                    size_t nboxes, int cover, const pdf_picture_out *out)
{
    GBytes *bytes = g_bytes_new_static(pdf, len);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, NULL);
    g_bytes_unref(bytes);
    if (!doc) return -1;
    PopplerPage *p = page >= 1 && page <= poppler_document_get_n_pages(doc) ? poppler_document_get_page(doc, page - 1)
                                                                             : NULL;
    int rc = -1;
    double w, h;
    if (p) poppler_page_get_size(p, &w, &h);
    if (p && w > 0 && h > 0) {
        double scale = width_px / w;
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * scale), (int)(h * scale));
        cairo_t *cr = cairo_create(s);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, scale, scale);
        poppler_page_render(p, cr);
        burn_boxes(cr, boxes, nboxes, cover);
        cairo_destroy(cr);
        rc = cairo_surface_write_to_png_stream(s, to_png, (void *)out) == CAIRO_STATUS_SUCCESS ? 0 : -1;
        cairo_surface_destroy(s);
    }
    if (p) g_object_unref(p);
    g_object_unref(doc);
    return rc;
}
