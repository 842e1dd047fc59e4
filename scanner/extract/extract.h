/* extract.h — format extractors: source bytes in, located text pieces out.
 *
 * sniff() decides what an input is from its first bytes (never its name).
 * Text streams through extract_text.  Every other format is read whole (a
 * PDF's cross-reference table and a ZIP's directory sit at the end): the
 * caller hands the extractor the bytes (mapped or read) and an extract_ctx
 * holding the result, the docscan and the limits.  Each extractor records
 * what it could not read (`partial` / `error` with a plain reason) and never
 * lets hostile input cost more than the limits allow. */
#ifndef PDP_EXTRACT_H
#define PDP_EXTRACT_H

#include "../pipeline/docscan.h"
#include "../pipeline/source.h"
#include "../util/clock.h"

/* What sniff() found: text, a kind it does not read, or a row of the
 * registry of format readers (formats.def): KIND_READER + the row. */
typedef enum doc_kind {
    KIND_TEXT = 0,   /* plain text in some encoding (read by extract_text) */
    KIND_OLE,        /* legacy Office: recognised, not read */
    KIND_OTHER,      /* images, programs, archives we do not open */
#define FORMAT(id, name, reader, signature, what) KIND_##id,
#include "formats.def"
#undef FORMAT
    KIND_END
} doc_kind;
#define KIND_READER (KIND_OTHER + 1)
#define KIND_READERS (KIND_END - KIND_READER)

typedef struct sniff_result {
    doc_kind kind;
    const char *format;   /* "text", "html", "pdf", "zip", "ole", "image", "binary" */
    const char *what;     /* plain description for skipped/unsupported */
} sniff_result;

void sniff(const unsigned char *head, size_t n, sniff_result *out);

/* Limits shared by an input and every document inside it. */
typedef struct scan_limits {
    uint64_t max_bytes, expand_left;
    unsigned max_ratio, max_members, max_pages, max_depth;
    unsigned members_left;  /* documents inside the input, all levels together (max_members at first) */
    int members_out;        /* members_left ran out: the input is partial */
    double deadline;        /* monotonic seconds */
} scan_limits;

typedef struct extract_ctx extract_ctx;
/* Scan data, a document found inside x's, into child (the scan layer's:
 * the readers reach it only through this pointer). */
typedef void (*nested_fn)(extract_ctx *x, pdp_result *child, const unsigned char *data, size_t len);

struct extract_ctx {
    const pdp_rules *rules;
    const pdp_options *opt;
    pdp_result *res;
    docscan *ds;
    scan_limits *lim;
    int depth;              /* 0 for the input itself */
    nested_fn scan_nested;
};

void limits_init(scan_limits *l, const pdp_options *opt);
/* 1 (and the result partial) once the time limit has passed. */
int extract_out_of_time(extract_ctx *x);
/* The resolution scanned pages and images are read at by OCR (the
 * options' ocr_dpi, 300 by default), or 0 when OCR is off. */
int extract_ocr_dpi(const extract_ctx *x);
/* Page `done` of `total` (0: not known) of the input has been read: told
 * to the options' page_fn (for the input itself, not a document inside it). */
void extract_page_done(const extract_ctx *x, unsigned done, unsigned total);
/* Take n decompressed bytes from the budget; 0 (and the result partial,
 * naming what) when it would run out. */
int extract_take_bytes(extract_ctx *x, uint64_t n, const char *what);

/* Scan bytes found inside the current document (an archive member, a PDF
 * attachment) as a document of its own: a child result "outer!/name".
 * Each takes one from the input's member budget (members_left, one for the
 * input and every level inside it: ten archives of ten archives... cannot
 * multiply it); once it is spent nothing more is added, and
 * extract_members_spent() tells the caller to stop. */
void extract_nested(extract_ctx *x, const char *name, const unsigned char *data, size_t len);
int extract_members_spent(const extract_ctx *x);
/* The child result for a member that is not scanned (it could not be read):
 * its name scanned, one taken from the budget; NULL once it is spent. */
pdp_result *extract_child(extract_ctx *x, const char *name);

/* Text encodings.  Decides from the first bytes; *bom is the byte-order
 * mark's length to skip.  Returns an ICU converter name or "UTF-8". */
const char *text_detect_encoding(const unsigned char *head, size_t n, int complete, size_t *bom);
/* Convert a whole buffer in encoding enc to UTF-8 (heap, *outlen set), or
 * NULL when ICU does not know enc. */
char *text_to_utf8(const unsigned char *data, size_t len, const char *enc, size_t *outlen);
/* And back: UTF-8 to enc (heap, *outlen set), or NULL. */
char *text_from_utf8(const char *utf8, size_t len, const char *enc, size_t *outlen);
/* The one spelling results give an encoding ("utf8", "UTF-8" -> "UTF-8";
 * "cp874", "x-windows-874" -> "windows-874"; "tis620" -> "TIS-620"...):
 * a static string, or name itself when it is not one pdpascan knows. */
const char *text_encoding_name(const char *name);

/* Delimited text (csv.c): the delimiter (',' or ';') when the first lines
 * of head carry the same number of it outside quotes, else 0; and the
 * filter that hands such text on as tab-separated lines, one a record. */
char csv_sniff(const unsigned char *head, size_t n);
typedef struct csv_filter {
    char delim;
    int in_quotes, quote_pending, field_start;
} csv_filter;
void csv_feed(csv_filter *f, const char *s, size_t n, docscan *ds);

/* A spreadsheet cell's row and column (0-based column). */
typedef struct cell_pos {
    unsigned long row, col;
} cell_pos;
#define CELL_POS_NONE ((cell_pos){ (unsigned long)-1, 0 })
#define MAX_CELL_TABS 64 /* more empty columns than this between cells: a new line */
/* "AB12" -> row 12, column 27. */
void cell_pos_parse(const char *ref, cell_pos *p);
/* Start the piece of the cell at `at`: after a tab per column when it is in
 * prev's row, else on a new line; prev becomes at (cells.c). */
void cell_piece(extract_ctx *x, cell_pos *prev, const cell_pos *at, const pdp_location *loc);

/* The reader of plain text (the others: formats.def). */
void extract_text(source *src, docscan *ds, pdp_result *res);

#endif
