/* page_text.h — a page's laid-out text (pdf_layout.h) into the scan, each
 * finding on it given its box: PDF pages with a text layer, scanned pages
 * and image files read by OCR (page_text.c). */
#ifndef PDP_PAGE_TEXT_H
#define PDP_PAGE_TEXT_H

#include "../extract/extract.h"
#include "../extract/pdf_layout.h"

/* Page no's text (pl) into the scan; the findings it makes get the union
 * of their characters' boxes, and one box per line when they run over
 * several.  part: NULL, or "ocr" for text OCR read (its findings' confidence
 * is lowered: OCR misreads). */
void scan_page_text(extract_ctx *x, const page_layout *pl, int no, char *part);

#endif
