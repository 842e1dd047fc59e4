/* ocr.h — Thai OCR of page images with Tesseract (ocr.c).
 *
 * Tesseract (Debian's libtesseract5 and its Thai model tesseract-ocr-tha)
 * and Leptonica are opened on first use, as ICU and SQLite are: a text scan
 * or a git hook never pays for them, and a machine without them reads
 * everything it read before (a scanned page stays `unreadable`).  Each
 * thread that reads pages has an engine of its own, made when it first
 * needs one and ended with the thread. */
#ifndef PDP_OCR_H
#define PDP_OCR_H

#include <stddef.h>

#include "../extract/pdf_layout.h"

/* One line as Tesseract read it (its lines keep Thai marks on their
 * letters and a word's pieces together, as its words do not).  A table's
 * cells are often lines of their own: ocr_to_layout puts them back into
 * rows. */
typedef struct ocr_line {
    char *text;       /* UTF-8, heap */
    lbox box;         /* in the image's pixels, origin top-left */
} ocr_line;

typedef struct ocr_page {
    ocr_line *lines;
    size_t n;
    float conf;       /* mean confidence of the words, 0..100; -1 when none was read */
    size_t words;
    lbox *rules;      /* a table's vertical borders (ocr_rules.h), heap */
    size_t nrules;
    lbox *hrules;     /* and its horizontal ones (looked for when it has vertical ones) */
    size_t nhrules;
    float skew;       /* radians the text is turned by (Tesseract's deskew angle) */
} ocr_page;

/* Can OCR run here?  0 when it can; -1 with *why saying what is missing. */
int ocr_ready(const char **why);

/* Read an 8-bit grey image (w x h, `stride` bytes a row, taken at `dpi`)
 * into *out.  0, or -1 with *why. */
int ocr_gray(const unsigned char *px, int w, int h, int stride, int dpi, ocr_page *out, const char **why);

/* Read page `no` (0-based) of an image file held in data[0, len): PNG, JPEG
 * or TIFF (a TIFF may hold several pages).  *dpi receives the image's own
 * resolution (0 when it does not say).  0; 1 when there is no such page;
 * -1 with *why when it cannot be decoded or read. */
int ocr_image(const unsigned char *data, size_t len, int tiff, int no, ocr_page *out, int *dpi, const char **why);

/* Is the page too poor to trust: words read with a low mean confidence? */
int ocr_page_unreadable(const ocr_page *p);

/* What p read as a page's laid-out text (pdf_layout.h; ocr_layout.c):
 * lines that share most of their height are one row, left to right, a tab
 * between them at a wide gap (a table's cells); in a ruled table a row is
 * what stands between two horizontal borders (a cell's wrapped lines
 * joined in it) and a tab stands for each vertical border crossed (an
 * empty cell keeps its column); rows top to bottom; each character a box
 * (its line's box cut into equal slices, a mark on its letter's), scaled
 * by `scale` (PDF points a pixel). */
void ocr_to_layout(const ocr_page *p, double scale, page_layout *out);

void ocr_page_free(ocr_page *p);

#endif
