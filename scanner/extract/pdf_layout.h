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
} page_layout;

/* Lay out text (UTF-8), whose n characters have boxes[0, n), into out.
 * -1 when the boxes do not match the characters (then out is empty). */
int page_layout_build(const char *text, const lbox *boxes, size_t n, page_layout *out);
void page_layout_free(page_layout *pl);

#endif
