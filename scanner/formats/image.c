/* image.c — image files (PNG, JPEG, TIFF with all its pages) read by OCR:
 * a photographed ID card or a scanned list sent as a picture is what must
 * not be published.  Each page's text is laid out as a PDF page's is, with
 * boxes in points at the image's own resolution (300 dpi when it does not
 * say), part "ocr".  The scan skips images when OCR is off (--ocr never);
 * here, an image OCR cannot run on stays skipped, as before OCR, and one it
 * cannot read well enough is `unreadable` and makes the file partial. */
#include <stdlib.h>
#include <string.h>

#include "../extract/extract.h"
#include "ocr.h"
#include "page_text.h"

/* An image that does not say its resolution, or says one no scanner
 * uses (screen pictures say 72 or 96), is taken at this one. */
#define DEFAULT_DPI 300

static int is_tiff(const unsigned char *data, size_t len)
{
    return len >= 4 && (!memcmp(data, "II*\0", 4) || !memcmp(data, "MM\0*", 4));
}

/* Page no read into the scan; 1 when there is no such page, -1 when it
 * could not be read (said), 0 otherwise. */
static int read_page(extract_ctx *x, const unsigned char *data, size_t len, int no)
{
    ocr_page op;
    int dpi;
    const char *why = NULL;
    int rc = ocr_image(data, len, is_tiff(data, len), no, &op, &dpi, &why);
    if (rc == 1) return 1;
    pdp_location loc = { .page = no + 1 };
    if (rc < 0) {
        docscan_unreadable_why(x->ds, &loc, "image", why, 1);
        return -1;
    }
    if (ocr_page_unreadable(&op)) {
        char *w = xasprintf("OCR could not read it reliably (confidence %.0f%%)", op.conf);
        docscan_unreadable_why(x->ds, &loc, "image", w, 1);
        free(w);
    } else {
        page_layout pl;
        ocr_to_layout(&op, 72.0 / (dpi >= 150 && dpi <= 2400 ? dpi : DEFAULT_DPI), &pl);
        scan_page_text(x, &pl, no + 1, "ocr");
        page_layout_free(&pl);
    }
    ocr_page_free(&op);
    return 0;
}

void extract_image(extract_ctx *x, const unsigned char *data, size_t len)
{
    const char *why = NULL;
    if (ocr_ready(&why) != 0) {
        char *w = xasprintf("image: not read (%s)", why);
        result_set_status(x->res, PDP_STATUS_SKIPPED, w);
        free(w);
        return;
    }
    int no = 0;
    for (; (unsigned)no < x->lim->max_pages; no++) {
        if (extract_out_of_time(x) || docscan_full(x->ds)) return;
        if (read_page(x, data, len, no) != 0) break;
        extract_page_done(x, (unsigned)no + 1, is_tiff(data, len) ? 0 : 1);
    }
    x->res->pages = no;
    if ((unsigned)no == x->lim->max_pages && is_tiff(data, len))
        result_set_status(x->res, PDP_STATUS_PARTIAL, "more pages than the limit; the rest were not checked");
}
