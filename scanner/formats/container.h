/* container.h — what is inside a ZIP: Office Open XML (DOCX, XLSX, PPTX),
 * OpenDocument (ODT, ODS, ODP) or a plain archive, and their extractors. */
#ifndef PDP_CONTAINER_H
#define PDP_CONTAINER_H

#include "zipxml.h"

/* Visit every member of an OOXML/ODF document in order.  The parts they all
 * share are handled here — properties, embedded documents (scanned as
 * documents of their own), images (counted, then noted as not checked) —
 * and every other member is offered to fn, with ctx. */
typedef void (*part_fn)(extract_ctx *x, zip_t *z, zip_uint64_t i, const char *name, void *ctx);
void each_part(extract_ctx *x, zip_t *z, part_fn fn, void *ctx);

void extract_docx_pptx(extract_ctx *x, zip_t *z, int pptx);
void extract_xlsx(extract_ctx *x, zip_t *z);
void extract_odf(extract_ctx *x, zip_t *z, int spreadsheet);
void extract_archive(extract_ctx *x, zip_t *z);

/* "B3" for zero-based row 2, column 1. */
void cell_name(char out[16], unsigned long row, unsigned long col);

#endif
