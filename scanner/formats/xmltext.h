/* xmltext.h — the text of one XML part as a located piece, for the
 * word-processing and presentation formats (DOCX, PPTX, ODT) and document
 * properties.  A style says which elements hold text and which end a
 * paragraph, a table cell or a line. */
#ifndef PDP_XMLTEXT_H
#define PDP_XMLTEXT_H

#include "zipxml.h"

typedef struct xml_style {
    const char *const *text;  /* elements whose text is kept; NULL: all text */
    const char *const *para;  /* their end is a line break */
    const char *const *cell;  /* their end is a tab */
    const char *const *brk;   /* they are a line break */
    const char *const *tab;   /* they are a tab */
    const char *const *space; /* they are a space (ODF <text:s/>) */
    int every_end_breaks;     /* every element's end is a line break (properties) */
    /* elements whose text is written after a label, "label: text"
     * (properties that name a person: author, last modified by), pairs of
     * element and label, NULL-terminated */
    const char *const *labelled;
} xml_style;

extern const xml_style style_docx, style_pptx, style_odf, style_props;

/* Scan member i of z as one piece at loc. */
void xml_part_text(extract_ctx *x, zip_t *z, zip_uint64_t i, const xml_style *st, const pdp_location *loc);

#endif
