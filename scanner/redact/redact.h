/* redact.h — redacted copies (redact.c), private helpers shared with the
 * writers of each format (redact_pdf.c). */
#ifndef PDP_REDACT_H
#define PDP_REDACT_H

#include "../include/pdpascan.h"
#include "../extract/formats.h"
#include "../util/buf.h"

void redacted_count(pdp_redacted *d, const char *category);
void redacted_free(pdp_redacted *d);

/* Is f to be redacted at level? */
int redact_wanted(const pdp_finding *f, pdp_action level);

/* Is f one of res's own findings (not a member's or an attachment's)? */
int redact_own(const pdp_result *res, const pdp_finding *f);

/* The findings of a scan to redact, attachments and members included
 * (borrowed from the result). */
typedef struct redact_values {
    const pdp_finding **f;
    size_t n;
    pdp_action level;
    int scrub_metadata; /* pdp_options.scrub_metadata */
} redact_values;
void redact_values_of(const pdp_result *res, pdp_action level, redact_values *v);
/* The first of v whose value stands in hay[0, n) in any written form, or NULL. */
const pdp_finding *redact_value_in(const redact_values *v, const char *hay, size_t n);

/* What a writer gives back. */
typedef struct redact_copy {
    buf data;        /* the copy */
    buf view;        /* what the byte check searches, when not data itself */
    int *pictures;   /* pages written as pictures (heap), which may scan as unreadable */
    size_t npictures;
} redact_copy;

/* The PDF writer: 0, or -1 with *err (heap). */
int redact_pdf(const pdp_result *res, const redact_values *v, const unsigned char *data, size_t len, redact_copy *c,
               char **err);

/* The values of v as pieces to replace wherever they stand (the parts of
 * each match between tabs and line breaks, three characters or more), with
 * their labels, longest first: *pieces (heap), their number returned. */
size_t redact_pieces(const redact_values *v, office_value **pieces);
void redact_pieces_free(office_value *pieces, size_t n);
/* qsort order of pieces: the longest value first. */
int redact_longest_first(const void *a, const void *b);

/* The Office writer (DOCX, XLSX, PPTX, ODT, ODS, ODP), embedded documents
 * included: 0, or -1 with *err. */
int redact_is_office(const char *format);
int redact_office(const pdp_rules *r, const pdp_result *res, const redact_values *v, const unsigned char *data,
                  size_t len, redact_copy *c, char **err);

/* Members (redact_zip.c): has any child of res something to redact (in its
 * content or its name)?  And the archive data with those members redacted
 * into c (replacing what c held): 0, or -1 with *err. */
int redact_has_members(const pdp_result *res, pdp_action level);
int redact_members(const pdp_rules *r, const pdp_result *res, pdp_action level, const unsigned char *data, size_t len,
                   redact_copy *c, char **err);

/* Text and CSV in their own charset, and HTML (redact_text.c): 0, or -1
 * with *err. */
int redact_text(const pdp_result *res, const redact_values *v, const unsigned char *data, size_t len, redact_copy *c,
                char **err);
int redact_html(const pdp_result *res, const redact_values *v, const unsigned char *data, size_t len, redact_copy *c,
                char **err);

#endif
