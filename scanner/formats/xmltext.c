/* xmltext.c — text of an XML part through a style (see xmltext.h). */
#include "xmltext.h"

#include <string.h>

#include "../util/buf.h"

#define L(...) (const char *const[]){ __VA_ARGS__, NULL }

/* WordprocessingML: runs (t), tracked deletions (delText), field codes. */
const xml_style style_docx = {
    .text = L("t", "delText", "instrText"),
    .para = L("p", "tr"),
    .cell = L("tc"),
    .brk = L("br", "cr"),
    .tab = L("tab"),
};
/* DrawingML text in slides, notes and comments (p:text). */
const xml_style style_pptx = {
    .text = L("t", "text"),
    .para = L("p", "tr", "cm"),
    .cell = L("tc"),
    .brk = L("br"),
};
/* OpenDocument content and annotations. */
const xml_style style_odf = {
    .para = L("p", "h", "table-row", "annotation", "list-item"),
    .cell = L("table-cell"),
    .brk = L("line-break"),
    .tab = L("tab"),
    .space = L("s"),
};
/* docProps/core.xml, app.xml, custom.xml, meta.xml: every value a line. */
/* Document properties (docProps/core.xml, app.xml, custom.xml; ODF
 * meta.xml): every value on a line; those that name a person after a label
 * the person-name-metadata rule reads (patterns/rules/40-people.yaml). */
static const char *const person_props[] = { "creator",        "Author:", "lastModifiedBy", "Last modified by:",
                                            "initial-creator", "Author:", "Manager",        "Manager:",
                                            NULL };
const xml_style style_props = { .every_end_breaks = 1, .labelled = person_props };

/* The label of element name in st, or NULL. */
static const char *label_of(const xml_style *st, const char *name)
{
    for (const char *const *p = st->labelled; p && *p; p += 2)
        if (strcmp(name, p[0]) == 0) return p[1];
    return NULL;
}

static int in(const char *name, const char *const *list)
{
    for (; list && *list; list++)
        if (strcmp(name, *list) == 0) return 1;
    return 0;
}

void xml_part_text(extract_ctx *x, zip_t *z, zip_uint64_t i, const xml_style *st, const pdp_location *loc)
{
    zipx_xml *zx = zipx_xml_open(x, z, i);
    if (!zx) return;
    xmlTextReaderPtr r = zipx_xml_reader(zx);
    docscan_piece(x->ds, loc);
    buf b;
    buf_init(&b);
    int in_text = 0, in_cell = 0; /* a cell's paragraphs stay on its row's line */
    unsigned long nodes = 0;
    while (zipx_xml_read(zx) && !docscan_full(x->ds)) {
        int type = xmlTextReaderNodeType(r);
        const char *name = xr_name(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (in(name, st->brk)) buf_putc(&b, '\n');
            if (in(name, st->tab)) buf_putc(&b, '\t');
            if (in(name, st->space)) buf_putc(&b, ' ');
            const char *label = label_of(st, name);
            if (label && !xmlTextReaderIsEmptyElement(r)) buf_printf(&b, "%s ", label);
            if (in(name, st->text) && !xmlTextReaderIsEmptyElement(r)) in_text++;
            if (in(name, st->cell)) {
                if (xmlTextReaderIsEmptyElement(r)) buf_putc(&b, '\t'); /* an empty cell still counts */
                else in_cell++;
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (in(name, st->text) && in_text > 0) in_text--;
            if (st->every_end_breaks || in(name, st->para)) buf_putc(&b, in_cell ? ' ' : '\n');
            if (in(name, st->cell)) {
                buf_putc(&b, '\t');
                if (in_cell > 0) in_cell--;
            }
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            if (!st->text || in_text) {
                const xmlChar *v = xmlTextReaderConstValue(r);
                if (v) buf_puts(&b, (const char *)v);
            }
        }
        if (b.len > 65536) {
            docscan_text(x->ds, b.data, b.len);
            buf_clear(&b);
        }
        if (++nodes % 8192 == 0 && extract_out_of_time(x)) break;
    }
    if (b.len) docscan_text(x->ds, b.data, b.len);
    buf_free(&b);
    zipx_xml_close(zx);
}
