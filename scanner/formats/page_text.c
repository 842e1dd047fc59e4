/* page_text.c — a page's laid-out text into the scan, with each finding's
 * boxes (see page_text.h). */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "page_text.h"

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
        if ((f->loc.part && strcmp(f->loc.part, "ocr")) || f->start < start || f->end > start + len) continue;
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

/* Findings in text OCR read are less sure than in a text layer. */
#define OCR_CONFIDENCE 0.8

/* A page's laid-out text into the scan, and the findings it made their
 * boxes.  part: NULL, or "ocr" for a scan read by OCR. */
void scan_page_text(extract_ctx *x, const page_layout *pl, int no, char *part)
{
    size_t first = x->res->nfindings;
    uint64_t start = docscan_piece(x->ds, &(pdp_location){ .page = no, .part = part });
    docscan_text(x->ds, pl->text.data, pl->text.len);
    docscan_flush(x->ds);
    if (x->res->nfindings > first) page_boxes(x, pl, start, first);
    for (size_t i = first; part && i < x->res->nfindings; i++) x->res->findings[i].confidence *= OCR_CONFIDENCE;
}

