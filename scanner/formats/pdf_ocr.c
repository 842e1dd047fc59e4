/* pdf_ocr.c — a scanned PDF page (images, no text layer) read by OCR
 * (see pdf_page.h): poppler draws the page in grey at the reader's
 * resolution, or at the scan's own when that is higher (up to
 * MAX_OWN_DPI), and Tesseract reads it (ocr.h).  A page OCR cannot read, or
 * cannot read well enough to trust, stays a page without text layer, and
 * says why. */
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "pdf_page.h"

/* The largest page image drawn for OCR, in pixels: an A3 page at 300 dpi
 * (a poster-sized page is drawn at a lower resolution instead). */
#define MAX_PIXELS (3508L * 4961L)
/* Below this resolution Thai comes apart into letters and marks: measured on
 * a 100 dpi scan, whose words Tesseract read as single letters with high
 * confidence; 200 and 300 dpi scans read as words. */
#define MIN_SCAN_DPI 150
/* A scan finer than the resolution asked for is drawn at its own, up to
 * this (what --ocr-dpi allows): drawing it coarser would lose what the
 * scanner saw. */
#define MAX_OWN_DPI 600

/* Page drawn in grey at dpi (lowered to stay under MAX_PIXELS): the pixels
 * (heap, *stride bytes a row), or NULL. */
static unsigned char *draw_gray(PopplerPage *page, int *dpi, int *w, int *h, int *stride)
{
    double pw, ph;
    poppler_page_get_size(page, &pw, &ph);
    if (pw <= 0 || ph <= 0) return NULL;
    double scale = *dpi / 72.0;
    if (pw * scale * ph * scale > (double)MAX_PIXELS) {
        scale = sqrt((double)MAX_PIXELS / (pw * ph));
        *dpi = (int)(scale * 72.0);
    }
    *w = (int)(pw * scale);
    *h = (int)(ph * scale);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, *w, *h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    const unsigned char *rgb = cairo_image_surface_get_data(s);
    int in_stride = cairo_image_surface_get_stride(s);
    *stride = *w;
    unsigned char *g = xmalloc((size_t)*w * (size_t)*h);
    for (int y = 0; y < *h; y++) {
        const uint32_t *row = (const uint32_t *)(rgb + (size_t)y * (size_t)in_stride);
        unsigned char *out = g + (size_t)y * (size_t)*w;
        for (int x = 0; x < *w; x++) {
            uint32_t p = row[x];
            out[x] = (unsigned char)((((p >> 16) & 255) * 77 + ((p >> 8) & 255) * 150 + (p & 255) * 29) >> 8);
        }
    }
    cairo_surface_destroy(s);
    return g;
}

/* The lowest resolution of the page's images, in pixels an inch (0: none
 * measured): a scan below MIN_SCAN_DPI is not read (MIN_SCAN_DPI), one
 * above the resolution asked for is drawn at its own. */
static int scan_dpi(PopplerPage *page)
{
    int low = 0;
    GList *images = poppler_page_get_image_mapping(page);
    for (GList *l = images; l; l = l->next) {
        PopplerImageMapping *m = l->data;
        double wpt = m->area.x2 - m->area.x1;
        if (wpt < 144) continue; /* a stamp or a logo, not the scan */
        cairo_surface_t *img = poppler_page_get_image(page, m->image_id);
        if (!img) continue;
        int dpi = (int)(cairo_image_surface_get_width(img) / (wpt / 72.0) + 0.5);
        cairo_surface_destroy(img);
        if (!low || dpi < low) low = dpi;
    }
    poppler_page_free_image_mapping(images);
    return low;
}

void page_ocr(PopplerPage *page, int dpi, pdf_page *pg)
{
    const char *why = NULL;
    if (ocr_ready(&why) != 0) {
        pg->why = xstrdup(why);
        return;
    }
    int scan = scan_dpi(page);
    if (scan && scan < MIN_SCAN_DPI) {
        pg->why = xasprintf("scanned at %d dpi, below the %d dpi OCR reads reliably", scan, MIN_SCAN_DPI);
        return;
    }
    if (scan > dpi) dpi = scan < MAX_OWN_DPI ? scan : MAX_OWN_DPI;
    int w, h, stride;
    unsigned char *px = draw_gray(page, &dpi, &w, &h, &stride);
    if (!px) {
        pg->why = xstrdup("it could not be drawn for OCR");
        return;
    }
    ocr_page op;
    int rc = ocr_gray(px, w, h, stride, dpi, &op, &why);
    free(px);
    if (rc != 0) {
        pg->why = xstrdup(why);
        return;
    }
    if (ocr_page_unreadable(&op)) {
        pg->why = xasprintf("OCR could not read it reliably (confidence %.0f%%)", op.conf);
        ocr_page_free(&op);
        return;
    }
    ocr_to_layout(&op, 72.0 / dpi, &pg->pl);
    ocr_page_free(&op);
    pg->state = PAGE_OCR;
}
