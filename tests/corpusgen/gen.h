/* gen.h — the corpus generator's pieces (tests/corpusgen/). */
#ifndef PDP_GEN_H
#define PDP_GEN_H

/* One member of a ZIP container (gen_docs.c). */
typedef struct member {
    const char *name, *data;
    size_t len;    /* 0: strlen(data) */
} member;
/* Write members to a ZIP file (store_first: the first one uncompressed, as
 * ODF's mimetype must be). */
void write_zip(const char *path, const member *m, int store_first);

/* Lists of names with no title, in every format (gen_lists.c). */
void gen_lists(const char *root);

/* Table PDFs exported by LibreOffice from Word documents (gen_tables.c). */
void gen_tables(const char *root);

void gen_beneficiary_pdf(const char *path);
void gen_scanned_pdf(const char *path);
void gen_clean_pdf(const char *path);
void gen_annotated_pdf(const char *path);


void gen_bench_pdf(const char *path, int pages, unsigned seed);

/* Thai text at (x, y) in points, Garuda 11 (gen_pdf.c); cr is a cairo_t. */
struct _cairo;
void text_at(struct _cairo *cr, double x, double y, const char *utf8);

/* Scans as agencies make them (gen_scans.c): a list printed and scanned to
 * a PDF of page pictures at dpi, turned by angle degrees; an ID card
 * photographed to a PNG. */
void gen_scan_pdf(const char *path, int dpi, double angle);
void gen_ruled_scan_pdf(const char *path);
void gen_scan_tiff(const char *path);
void gen_poster_scan_pdf(const char *path);
void gen_id_card_png(const char *path);
void gen_thai_digit_ids_png(const char *path);
#endif
