/* docscan.h — one document's text on its way through the pipeline.
 *
 * Extractors hand it text in pieces, each with a location (a text file is one
 * piece starting at line 1; a spreadsheet has one piece per cell).  docscan
 * keeps a bounded window of that text, normalizes it, runs the detectors and
 * policy over it and appends findings to the result, so memory stays the
 * same whatever the document's size.  Offsets in findings are byte offsets in
 * the concatenation of the pieces (joined by '\n'). */
#ifndef PDP_DOCSCAN_H
#define PDP_DOCSCAN_H

#include "../include/pdpascan.h"
#include "../util/buf.h"

typedef struct docscan docscan;

docscan *docscan_new(const pdp_rules *r, const pdp_options *opt, pdp_result *res);
/* Start a new piece at loc (copied); loc->line is the piece's first line
 * (0 when lines mean nothing for it).  Returns the piece's start offset in
 * the document text. */
uint64_t docscan_piece(docscan *d, const pdp_location *loc);
/* The same, joined to the text before by sep instead of '\n': the cells of
 * one table row are joined by '\t' (one per column, so that an empty cell
 * still counts), making every row one line for the detectors. */
uint64_t docscan_piece_sep(docscan *d, const pdp_location *loc, const char *sep);
/* Append text to the current piece.  Whatever a reader hands over, the
 * pipeline after it sees valid UTF-8 with no NUL: an invalid byte becomes
 * U+FFFD, a NUL a space (dropped between two digits). */
void docscan_text(docscan *d, const char *text, size_t len);
/* Scan everything given so far now, so that its findings are in the result
 * (a PDF page's, before its boxes are looked up).  A value running on past
 * this point is not joined with what follows. */
void docscan_flush(docscan *d);
/* Scan what is left; call once at the end. */
void docscan_finish(docscan *d);
void docscan_free(docscan *d);
/* Record content that could not be checked (a page with no text layer, an
 * image, an encrypted part): an `unreadable` finding at loc, `what` being
 * its normalized value (e.g. "page without text layer").  makes_partial:
 * the document as a whole could not be checked (a scanned page); otherwise
 * it is a low-severity note (images embedded in a text document). */
void docscan_unreadable(docscan *d, const pdp_location *loc, const char *what, int makes_partial);
/* The same, and why it could not be read (NULL: not said): the file's
 * reason becomes "what (page N): why". */
void docscan_unreadable_why(docscan *d, const pdp_location *loc, const char *what, const char *why,
                            int makes_partial);
/* Set once the result holds max_findings: extractors may stop early. */
int docscan_full(const docscan *d);

/* Result helpers shared by the extractors. */
void result_init(pdp_result *res, const char *name);
void result_set_status(pdp_result *res, pdp_status st, const char *error);
void location_copy(pdp_location *dst, const pdp_location *src);
void location_free(pdp_location *loc);
/* A result as bytes (appended to b), and back under the name `name`
 * (borrowed strings from rules or interned); -1 when data is damaged. */
#define RESULT_CODEC_VERSION 5 /* change with the encoding: cached results are then not reused */

/* Free what one finding owns (not the finding itself). */
void finding_free(pdp_finding *f);
/* Scan member, the name of child inside parent, into child's findings
 * (part "name") and set child's shown_file (names.c). */
void names_scan(const pdp_rules *r, const pdp_options *opt, const pdp_result *parent, pdp_result *child,
                const char *member);

/* The header row of the table being read (table_row.c). */
typedef struct table_header {
    char **cells;
    size_t n;
} table_header;
/* Look at one line of text: a table's header row becomes h; a paragraph of
 * prose ends the table. */
void table_header_see(table_header *h, const char *line, size_t len);
/* For a finding at byte at of a table row line[0, len): its row's label
 * (the first cell, a short number) and its column's header (heap or NULL). */
void table_position(const table_header *h, const char *line, size_t len, size_t at, char **row_label,
                    char **column);
void table_header_free(table_header *h);

/* A new child result "parent!/member" of parent, initialised. */
pdp_result *result_add_child(pdp_result *parent, const char *member);
/* A new zeroed finding at the end of res->findings. */
pdp_finding *result_add_finding(pdp_result *res);
/* How many findings an array holding n has room for (result.c). */
size_t findings_room(size_t n);

#endif
