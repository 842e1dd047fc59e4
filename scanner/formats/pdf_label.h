/* pdf_label.h — labels of a redacted PDF's black boxes, as text in a Thai
 * font cut down to their characters (pdf_label.c). */
#ifndef PDP_PDF_LABEL_H
#define PDP_PDF_LABEL_H

#include <mupdf/pdf.h>

typedef struct pdf_labels pdf_labels;

/* The label font of doc for the n texts; without a Thai font installed (or
 * HarfBuzz failing), labels are not drawn. */
pdf_labels *pdf_labels_new(fz_context *ctx, pdf_document *doc, const char *const *texts, size_t n);
void pdf_labels_drop(fz_context *ctx, pdf_labels *l);
/* The font object for a page's resources, or NULL (borrowed). */
pdf_obj *pdf_labels_font(const pdf_labels *l);
/* text in white inside r (PDF space), as large as fits, with the font named
 * name in the page's resources; nothing when it would be too small. */
void pdf_label_draw(fz_context *ctx, const pdf_labels *l, fz_buffer *b, const char *name, fz_rect r,
                    const char *text);

#endif
