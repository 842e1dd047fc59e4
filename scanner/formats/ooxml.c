/* ooxml.c — DOCX and PPTX: every part that holds text.
 *
 * DOCX: body, headers, footers, footnotes, endnotes, comments, the glossary;
 * tracked insertions and deletions (w:delText: deleted text is still in the
 * file); text boxes live in the body's XML and come with it.  PPTX: slides
 * (page = slide number), speaker notes, comments and comment authors.  Both:
 * document properties, embedded documents, images. */
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "xmltext.h"

static int docx_text_part(const char *n)
{
    static const char *prefixes[] = { "word/document", "word/header", "word/footer", "word/footnotes",
                                      "word/endnotes", "word/comments", "word/glossary/document" };
    size_t l = strlen(n);
    if (l < 5 || strcmp(n + l - 4, ".xml") != 0) return 0;
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
        if (strncmp(n, prefixes[i], strlen(prefixes[i])) == 0) return 1;
    return 0;
}

/* Number in "ppt/slides/slide12.xml" after prefix, or 0 when n is not one. */
static int numbered(const char *n, const char *prefix)
{
    size_t l = strlen(prefix);
    if (strncmp(n, prefix, l) != 0) return 0;
    char *end;
    long v = strtol(n + l, &end, 10);
    return strcmp(end, ".xml") == 0 && v > 0 && v < 1000000 ? (int)v : 0;
}

static void pptx_part(extract_ctx *x, zip_t *z, zip_uint64_t i, const char *name)
{
    int slide = numbered(name, "ppt/slides/slide"), notes = numbered(name, "ppt/notesSlides/notesSlide");
    if (slide || notes) {
        xml_part_text(x, z, i, &style_pptx, &(pdp_location){ .page = slide ? slide : notes, .part = (char *)name });
    } else if (strncmp(name, "ppt/comments/", 13) == 0 || !strcmp(name, "ppt/commentAuthors.xml") ||
               strncmp(name, "ppt/authors", 11) == 0) {
        xml_part_text(x, z, i, strncmp(name, "ppt/comments/", 13) ? &style_props : &style_pptx,
                      &(pdp_location){ .part = (char *)name });
    }
}

static void ooxml_part(extract_ctx *x, zip_t *z, zip_uint64_t i, const char *name, void *ctx)
{
    if (*(int *)ctx) pptx_part(x, z, i, name);
    else if (docx_text_part(name)) /* line: the paragraph (a table row is one) */
        xml_part_text(x, z, i, &style_docx, &(pdp_location){ .part = (char *)name, .line = 1 });
}

void extract_docx_pptx(extract_ctx *x, zip_t *z, int pptx) { each_part(x, z, ooxml_part, &pptx); }
