/* pdf_pages.h — the pages of one PDF read in order, on the calling thread
 * or by several worker threads at once (pdf_pages.c). */
#ifndef PDP_PDF_PAGES_H
#define PDP_PDF_PAGES_H

#include "pdf_page.h"

/* Takes page no (0-based), in page order, on the calling thread; owns pg's
 * contents until it returns.  Returns nonzero to stop reading. */
typedef int (*page_take_fn)(void *ctx, int no, pdf_page *pg);

typedef struct pages_job {
    PopplerDocument *doc;          /* the caller's document, read on its thread */
    const unsigned char *data;     /* its bytes, which the workers open again */
    size_t len;
    int npages;                    /* pages to read: [0, npages) */
    unsigned threads;              /* threads reading (the calling one and threads - 1
                                    * workers); 0 or 1: doc, on the calling thread */
    double deadline;               /* monotonic seconds: pages not begun by then stay PAGE_UNREAD */
    const pdp_rules *rules;
    int ocr_dpi;                   /* > 0: scanned pages read by OCR at this resolution */
} pages_job;

/* Read job's pages and hand each to take in page order: the same pages in
 * the same order whatever the number of threads.  With threads, each reads
 * with a reader of its own (poppler documents are not shared between
 * threads), at most a few pages ahead of take; a worker that cannot open
 * the document leaves the pages to the others.  Returns 1 when take stopped
 * it, else 0. */
int pdf_pages_read(const pages_job *job, page_take_fn take, void *ctx);

#endif
