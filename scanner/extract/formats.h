/* formats.h — the readers of whole-file formats (PDF, ZIP-based Office and
 * ODF files, HTML), reached through one table.
 *
 * They pull in poppler, libxml2 and libzip, which take longer to load than a
 * git hook may spend.  The library links them in (pdp_formats_table); the
 * pdpascan program instead loads them as the plugin pdpascan-formats.so the
 * first time it meets such a document (formats_dlopen.c), so scanning text
 * starts in a few milliseconds. */
#ifndef PDP_FORMATS_H
#define PDP_FORMATS_H

#include "extract.h"

typedef void (*extract_fn)(extract_ctx *x, const unsigned char *data, size_t len);

/* The readers of the registry (formats.def). */
#define FORMAT(id, name, reader, signature, what) void reader(extract_ctx *x, const unsigned char *data, size_t len);
#include "formats.def"
#undef FORMAT

/* The plugin's interface version: the registry's rows, the table below,
 * extract_ctx and every program function the readers call (docscan,
 * results, limits, rules).  Raise it with any of them: a plugin of another
 * version is refused (and one whose table has another number of readers). */
#define PDP_FORMATS_ABI 11

/* Where a page's picture goes (pdf_render.c). */
typedef struct pdf_picture_out {
    void (*write)(void *ctx, const unsigned char *data, size_t n);
    void *ctx;
} pdf_picture_out;
/* Page `page` (1-based) of the PDF as a PNG width_px wide, each of the
 * nboxes boxes (x0, y0, x1, y1 in PDF points, origin top-left) outlined in
 * red and, with cover, filled dark.  0, or -1 when it cannot be drawn. */
typedef int (*pdf_render_fn)(const unsigned char *pdf, size_t len, int page, double width_px, const double *boxes,
                             size_t nboxes, int cover, const pdf_picture_out *out);
int pdf_render_page(const unsigned char *pdf, size_t len, int page, double width_px, const double *boxes,
                    size_t nboxes, int cover, const pdf_picture_out *out);

/* One highlight of a review copy (pdf_annotate.c). */
typedef struct pdf_note {
    int page;           /* 1-based */
    double bbox[4];     /* x0, y0, x1, y1 in PDF points, origin top-left */
    int redact;         /* red (redact) or amber (review) */
    const char *text;   /* the note: never the value unless asked */
    const double (*lines)[4]; /* a finding over several lines: each line's box */
    size_t nlines;
} pdf_note;
/* Write in with the notes as highlight annotations to out (whole file):
 * 0, or -1 with *err (heap). */
typedef int (*pdf_annotate_fn)(const char *in, const char *out, const pdf_note *notes, size_t n, char **err);
int pdf_annotate(const char *in, const char *out, const pdf_note *notes, size_t n, char **err);

/* A redacted copy of a PDF (pdf_redact.c, pdf_scrub.c). */
typedef struct pdf_cut {
    int page;           /* 1-based */
    double bbox[4];     /* x0, y0, x1, y1 in PDF points, origin top-left */
    const char *label;  /* drawn in the black box: the finding's suggestion */
} pdf_cut;
typedef struct pdf_redaction {
    const pdf_cut *cuts;
    size_t ncuts;
    /* Does text (UTF-8, n bytes) hold a value being redacted?  Asked of
     * metadata, annotations and form fields, which go when it does. */
    int (*holds)(void *arg, const char *text, size_t n);
    void *arg;
    const char *const *attachments; /* names of embedded files to remove */
    size_t nattachments;
    int scrub_metadata; /* also the Author entry and the XMP metadata, whatever they hold */
} pdf_redaction;
typedef struct pdf_redacted {
    unsigned char *data;   /* the copy (heap) */
    size_t len;
    unsigned char *view;   /* the copy read back: every string as UTF-8 and every
                              stream but images inflated (heap), for the byte check */
    size_t view_len;
    int *image_pages;      /* pages redacted as pictures, 1-based (heap) */
    size_t nimage_pages;
    size_t glyphs;         /* characters taken out of page content */
    size_t dropped;        /* metadata entries, annotations, fields and files taken out */
} pdf_redacted;
/* 0 with *out filled, or -1 with *err (heap). */
typedef int (*pdf_redact_fn)(const unsigned char *pdf, size_t len, const pdf_redaction *rd, pdf_redacted *out,
                             char **err);
int pdf_redact(const unsigned char *pdf, size_t len, const pdf_redaction *rd, pdf_redacted *out, char **err);

/* A redacted copy of a ZIP-based Office document (office_redact.c): each
 * value, as it stands in the document's text, replaced by its label. */
typedef struct office_value {
    const char *value;
    const char *label;
} office_value;
typedef struct office_redacted {
    unsigned char *data; /* the copy (heap) */
    size_t len;
    unsigned char *view; /* every member's name and inflated bytes (heap) */
    size_t view_len;
    size_t replaced;     /* values replaced */
    size_t removed;      /* comments, notes and tracked deletions removed */
} office_redacted;
/* Values longest first; scrub_metadata: also empty the author and
 * last-modified-by properties.  0 with *out filled, or -1 with *err (heap). */
typedef int (*office_redact_fn)(const unsigned char *zip, size_t len, const office_value *v, size_t n,
                                int scrub_metadata, office_redacted *out, char **err);
int office_redact(const unsigned char *zip, size_t len, const office_value *v, size_t n, int scrub_metadata,
                  office_redacted *out, char **err);

/* Members of a ZIP archive or an Office document redacted (zip_redact.c):
 * each job's member replaced by what fn makes of it (the caller's own
 * redaction of the member, verified), and renamed when rename is set. */
typedef struct zip_member_job {
    const char *name;
    const char *rename; /* its name with the values in it replaced, or NULL */
    int rewrite;        /* its content has something to redact */
} zip_member_job;
typedef int (*zip_member_fn)(void *arg, const char *name, const unsigned char *data, size_t len, unsigned char **out,
                             size_t *out_len, char **err);
typedef int (*zip_redact_fn)(const unsigned char *zip, size_t len, const zip_member_job *jobs, size_t n,
                             zip_member_fn fn, void *arg, office_redacted *out, char **err);
int zip_redact(const unsigned char *zip, size_t len, const zip_member_job *jobs, size_t n, zip_member_fn fn, void *arg,
               office_redacted *out, char **err);

/* The review copy of a Word document (office_annotate.c): one comment per
 * note on the paragraph holding its value. */
typedef struct office_note {
    const char *value; /* as it stands in the text, to find the paragraph */
    const char *text;  /* the comment */
} office_note;
/* 0 with *out (heap) and *placed the comments written, or -1 with *err. */
typedef int (*office_annotate_fn)(const unsigned char *docx, size_t len, const office_note *notes, size_t n,
                                  unsigned char **out, size_t *out_len, size_t *placed, char **err);
int office_annotate(const unsigned char *docx, size_t len, const office_note *notes, size_t n, unsigned char **out,
                    size_t *out_len, size_t *placed, char **err);

typedef struct extract_fns {
    unsigned abi;           /* PDP_FORMATS_ABI of the build that made the table */
    const char *version;    /* PDP_VERSION likewise (for the error) */
    size_t nreaders;        /* KIND_READERS */
    const extract_fn *read; /* read[kind - KIND_READER] */
    pdf_render_fn render_pdf_page; /* the HTML report's page pictures */
    pdf_annotate_fn annotate_pdf;  /* pdpascan annotate */
    pdf_redact_fn redact_pdf;      /* pdpascan redact */
    office_redact_fn redact_office;
    office_annotate_fn annotate_office; /* pdpascan annotate on a DOCX */
    zip_redact_fn redact_members;       /* archive members, embedded documents */
} extract_fns;

/* Defined by the format readers themselves. */
const extract_fns *pdp_formats_table(void);

/* The readers, or NULL with *why (a static string) when they cannot be had. */
const extract_fns *extract_formats(const char **why);

#endif
