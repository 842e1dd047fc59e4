/* extract.h — format extractors: source bytes in, located text pieces out.
 *
 * sniff() decides what an input is from its first bytes (never its name);
 * each extractor then feeds a docscan and records in the result what it
 * could not read. */
#ifndef PDP_EXTRACT_H
#define PDP_EXTRACT_H

#include "../core/docscan.h"
#include "../core/source.h"

typedef enum doc_kind {
    KIND_TEXT = 0,   /* plain text in some encoding */
    KIND_DOCUMENT,   /* a document format not read yet (pdf, zip, ole) */
    KIND_OTHER       /* images, programs, archives: nothing to check */
} doc_kind;

typedef struct sniff_result {
    doc_kind kind;
    const char *format;   /* "text", "pdf", "zip", "ole", "image", "binary" */
    const char *what;     /* plain description for skipped/unsupported */
} sniff_result;

void sniff(const unsigned char *head, size_t n, sniff_result *out);

/* Text encodings.  Decides from the first bytes; *bom is the byte-order
 * mark's length to skip.  Returns an ICU converter name or "UTF-8". */
const char *text_detect_encoding(const unsigned char *head, size_t n, int complete, size_t *bom);

/* Decode the whole source as text into the docscan. */
void extract_text(source *src, docscan *ds, pdp_result *res);

#endif
