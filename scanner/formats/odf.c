/* odf.c — OpenDocument: ODT and ODP (content.xml; styles.xml, where headers
 * and footers live), ODS with a piece per cell at sheet + cell (numbers from
 * office:value, so a 13-digit ID stored as a number keeps its digits), and
 * for all of them meta.xml, annotations (inside content.xml), embedded
 * objects and pictures. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "xmltext.h"
#include "../util/buf.h"

typedef struct ods_state {
    char *sheet;
    unsigned long row, col, rows_rep, cols_rep;
    cell_pos prev;    /* the last cell given to the docscan */
    int in_cell;
    buf text;
    char *value;      /* office:value of a number cell */
} ods_state;

static unsigned long rep(xmlTextReaderPtr r, const char *attr)
{
    char *v = xr_attr(r, attr);
    unsigned long n = v ? strtoul(v, NULL, 10) : 1;
    free(v);
    return n ? n : 1;
}

static void ods_cell_end(extract_ctx *x, ods_state *s)
{
    buf out;
    buf_init(&out);
    if (s->value) {
        char *end;
        double d = strtod(s->value, &end);
        if (*end == 0 && fabs(d) < 1e16 && d == floor(d)) buf_printf(&out, "%.0f", d);
        else buf_puts(&out, s->value);
        if (s->text.len) buf_putc(&out, ' ');
    }
    if (s->text.len) buf_append(&out, s->text.data, s->text.len);
    if (out.len) {
        char ref[16];
        cell_name(ref, s->row, s->col);
        cell_piece(x, &s->prev, &(cell_pos){ s->row, s->col }, &(pdp_location){ .sheet = s->sheet, .cell = ref });
        docscan_text(x->ds, out.data, out.len);
    }
    buf_free(&out);
    s->col += s->cols_rep;
    s->in_cell = 0;
    free(s->value);
    s->value = NULL;
}

static void ods_element(xmlTextReaderPtr r, ods_state *s)
{
    const char *n = xr_name(r);
    int empty = xmlTextReaderIsEmptyElement(r);
    if (!strcmp(n, "table")) {
        free(s->sheet);
        s->sheet = xr_attr(r, "name");
        s->row = 0;
        s->prev = CELL_POS_NONE;
    } else if (!strcmp(n, "table-row")) {
        s->col = 0;
        s->rows_rep = rep(r, "number-rows-repeated");
    } else if (!strcmp(n, "table-cell") || !strcmp(n, "covered-table-cell")) {
        s->cols_rep = rep(r, "number-columns-repeated");
        buf_clear(&s->text);
        char *type = xr_attr(r, "value-type");
        s->value = type && (!strcmp(type, "float") || !strcmp(type, "currency") || !strcmp(type, "percentage"))
                       ? xr_attr(r, "value")
                       : NULL;
        free(type);
        s->in_cell = 1;
        if (empty) s->col += s->cols_rep, s->in_cell = 0, free(s->value), s->value = NULL;
    } else if (s->in_cell && (!strcmp(n, "p") || !strcmp(n, "line-break")) && s->text.len) {
        buf_putc(&s->text, ' '); /* a cell's lines stay on its row's line */
    } else if (s->in_cell && !strcmp(n, "s")) {
        buf_putc(&s->text, ' ');
    }
}

static void scan_ods(extract_ctx *x, zip_t *z, zip_uint64_t i)
{
    zipx_xml *zx = zipx_xml_open(x, z, i);
    if (!zx) return;
    xmlTextReaderPtr r = zipx_xml_reader(zx);
    ods_state s = { 0 };
    buf_init(&s.text);
    unsigned long nodes = 0;
    while (zipx_xml_read(zx) && !docscan_full(x->ds)) {
        int nt = xmlTextReaderNodeType(r);
        if (nt == XML_READER_TYPE_ELEMENT) {
            ods_element(r, &s);
        } else if (nt == XML_READER_TYPE_END_ELEMENT) {
            const char *n = xr_name(r);
            if ((!strcmp(n, "table-cell") || !strcmp(n, "covered-table-cell")) && s.in_cell) ods_cell_end(x, &s);
            else if (!strcmp(n, "table-row")) s.row += s.rows_rep;
        } else if ((nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && s.in_cell) {
            buf_puts(&s.text, (const char *)xmlTextReaderConstValue(r));
        }
        if (++nodes % 8192 == 0 && extract_out_of_time(x)) break;
    }
    free(s.sheet);
    free(s.value);
    buf_free(&s.text);
    zipx_xml_close(zx);
}

static void odf_part(extract_ctx *x, zip_t *z, zip_uint64_t i, const char *name, void *ctx)
{
    int spreadsheet = *(int *)ctx;
    if (!strcmp(name, "content.xml") && spreadsheet) scan_ods(x, z, i);
    else if (!strcmp(name, "content.xml") || !strcmp(name, "styles.xml")) /* styles: headers, footers */
        xml_part_text(x, z, i, &style_odf, &(pdp_location){ .part = (char *)name, .line = 1 }); /* line: the paragraph */
}

void extract_odf(extract_ctx *x, zip_t *z, int spreadsheet) { each_part(x, z, odf_part, &spreadsheet); }
