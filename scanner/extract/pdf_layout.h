/* pdf_layout.h — a PDF page's text laid out again from each character's
 * box: rows as lines, cells separated by tabs, Thai marks on their letters
 * (pdf_layout.c).  Independent of poppler: text and boxes in, text and
 * boxes out. */
#ifndef PDP_PDF_LAYOUT_H
#define PDP_PDF_LAYOUT_H

#include <stddef.h>

#include "../util/buf.h"

/* A character's box in PDF points, origin top-left (poppler's layout). */
typedef struct lbox {
    double x1, y1, x2, y2;
} lbox;

typedef struct page_layout {
    buf text;       /* rows joined by '\n', a row's cells by '\t' */
    lbox *boxes;    /* one per character of text; separators have empty boxes */
    size_t nboxes;
    size_t cap;     /* (room in boxes) */
} page_layout;

/* Lay out text (UTF-8), whose n characters have boxes[0, n), into out.
 * -1 when the boxes do not match the characters (then out is empty). */
int page_layout_build(const char *text, const lbox *boxes, size_t n, page_layout *out);
/* The same, with the page's ruling lines (horizontal: y1 == y2, vertical:
 * x1 == x2; table borders): cells between vertical rules, rows until a
 * horizontal one. */
int page_layout_build_ruled(const char *text, const lbox *boxes, size_t n, const lbox *rules, size_t nrules,
                            page_layout *out);
void page_layout_free(page_layout *pl);

/* The characters of text (n of them, boxes[0, n)), then those Thai marks of
 * a second reading of the page (other, oboxes[0, on)) that the first lacks
 * (where the second reads more marks than the first, those of codes the
 * first has none of there) and that stand over one of its letters: into out (text) and *out_boxes (heap, *out_n).  For a
 * reader that drops marks (poppler-glib loses a mark set as a run of its own
 * at a line's end); page_layout_build then puts them on their letters.
 * Returns how many marks were added, or -1 when the boxes do not match. */
int page_layout_add_marks(const char *text, const lbox *boxes, size_t n, const char *other, const lbox *oboxes,
                          size_t on, buf *out, lbox **out_boxes, size_t *out_n);

#endif
