/* container.h — what is inside a ZIP: Office Open XML (DOCX, XLSX, PPTX),
 * OpenDocument (ODT, ODS, ODP) or a plain archive, and their extractors. */
#ifndef PDP_CONTAINER_H
#define PDP_CONTAINER_H

#include "zipxml.h"

/* Parts every OOXML/ODF document shares: properties, embedded documents
 * (scanned as documents of their own), images (counted: not checked).
 * Returns 1 when it handled member i. */
int common_part(extract_ctx *x, zip_t *z, zip_uint64_t i, const char *name, size_t *images);
/* Note the images a document holds that could not be checked. */
void note_images(extract_ctx *x, size_t images);

void extract_docx_pptx(extract_ctx *x, zip_t *z, int pptx);
void extract_xlsx(extract_ctx *x, zip_t *z);
void extract_odf(extract_ctx *x, zip_t *z, int spreadsheet);
void extract_archive(extract_ctx *x, zip_t *z);

/* "B3" for zero-based row 2, column 1. */
void cell_name(char out[16], unsigned long row, unsigned long col);

#endif
