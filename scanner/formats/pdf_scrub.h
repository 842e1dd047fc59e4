/* pdf_scrub.h — the parts of a PDF around its pages, scrubbed for a
 * redacted copy, and the copy read back for its byte check (pdf_scrub.c). */
#ifndef PDP_PDF_SCRUB_H
#define PDP_PDF_SCRUB_H

#include <mupdf/pdf.h>

#include "../extract/formats.h"

/* Take out of doc the information-dictionary entries, the XMP metadata, the
 * annotations and form fields that hold a value (rd->holds), and the
 * embedded files named in rd->attachments.  Returns how many went. */
size_t pdf_scrub(fz_context *ctx, pdf_document *doc, const pdf_redaction *rd);

/* The PDF in data[0, len) as bytes to search: every string of every object
 * as UTF-8 and as written, and every stream but images and fonts inflated
 * (heap, *n bytes).  Throws when it cannot be read. */
unsigned char *pdf_view_of(fz_context *ctx, const unsigned char *data, size_t len, size_t *n);

#endif
