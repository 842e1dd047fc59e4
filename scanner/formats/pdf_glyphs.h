/* pdf_glyphs.h — every character of a PDF page with its box, read with
 * MuPDF (pdf_glyphs.c): the input of the page layout (pdf_layout.h). */
#ifndef PDP_PDF_GLYPHS_H
#define PDP_PDF_GLYPHS_H

#include <stddef.h>

#include "../util/buf.h"
#include "../extract/pdf_layout.h"

typedef struct pdf_glyphs pdf_glyphs;

/* The document in data[0, len) (borrowed: it must outlive the handle), or
 * NULL when MuPDF cannot open it or it needs a password. */
pdf_glyphs *pdf_glyphs_open(const unsigned char *data, size_t len);
/* Its number of pages, or -1. */
int pdf_glyphs_pages(pdf_glyphs *g);
/* Page no (0-based): its characters in MuPDF's order as UTF-8 in text, a
 * line break after each of MuPDF's lines, and one box per character in
 * *boxes (heap, *n of them; line breaks have empty boxes); and its ruling
 * lines in *rules (heap, *nrules): horizontal (y1 == y2) and vertical
 * (x1 == x2) segments, stroked or drawn as thin filled rectangles (table
 * borders).  -1 when the page cannot be read (then all are empty). */
int pdf_glyphs_page(pdf_glyphs *g, int no, buf *text, lbox **boxes, size_t *n, lbox **rules, size_t *nrules);
void pdf_glyphs_close(pdf_glyphs *g);

#endif
