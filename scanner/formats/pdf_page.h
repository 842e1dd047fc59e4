/* pdf_page.h — one page of a PDF read apart from the scan (pdf_page.c):
 * its text laid out with a box per character, its annotations and form
 * fields.  A page_reader holds the documents one thread reads pages from;
 * pdf_pages.h has several of them read one PDF's pages at once. */
#ifndef PDP_PDF_PAGE_H
#define PDP_PDF_PAGE_H

#include <poppler.h>

#include "../include/pdpascan.h"
#include "../extract/pdf_layout.h"
#include "ocr.h"
#include "pdf_glyphs.h"

typedef enum page_state {
    PAGE_UNREAD,   /* not read: the time limit had passed */
    PAGE_DAMAGED,  /* poppler could not open it */
    PAGE_BLANK,    /* nothing on it */
    PAGE_IMAGES,   /* images and no text layer (a scan), not read by OCR (why says why) */
    PAGE_TEXT,     /* text, in layout */
    PAGE_OCR       /* a scan read by OCR */
} page_state;

/* An annotation's or a form field's text, where it stands. */
typedef struct page_note {
    pdp_location loc; /* page, part ("annotation" or "form-field", static) and bbox */
    char *text;       /* UTF-8, heap */
} page_note;

typedef struct pdf_page {
    page_state state;
    page_layout pl;   /* PAGE_TEXT, PAGE_OCR: the text, a box per character */
    page_note *notes;
    size_t nnotes;
    char *why;          /* PAGE_IMAGES: why OCR did not read it (heap), or NULL (OCR off) */
} pdf_page;

/* What one thread reads pages with: a poppler document and MuPDF's view of
 * the same bytes (for the marks poppler drops and the ruling lines), and the
 * rules' lists of words broken by old fonts. */
typedef struct page_reader {
    PopplerDocument *doc;
    GBytes *bytes;      /* when the reader opened doc itself */
    pdf_glyphs *mu;     /* NULL: poppler's text alone */
    const pdp_rules *rules;
    int ocr_dpi;        /* > 0: scanned pages are read by OCR, drawn at this resolution */
} page_reader;

/* A reader over doc (borrowed), or when doc is NULL over a poppler document
 * of its own opened on data[0, len) (which must outlive it); MuPDF's view
 * only when it sees npages pages, as poppler does.  -1 when poppler cannot
 * open the bytes. */
int page_reader_open(page_reader *r, PopplerDocument *doc, const unsigned char *data, size_t len, int npages,
                     const pdp_rules *rules, int ocr_dpi);
void page_reader_close(page_reader *r);

/* Page no (0-based) into *pg (emptied first; pdf_page_free frees it). */
void page_read(page_reader *r, int no, pdf_page *pg);
void pdf_page_free(pdf_page *pg);

/* The scanned page read by OCR at dpi (pdf_ocr.c): PAGE_OCR, or pg->why
 * says why it was not. */
void page_ocr(PopplerPage *page, int dpi, pdf_page *pg);

#endif
