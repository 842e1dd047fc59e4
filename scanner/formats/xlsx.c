/* xlsx.c — spreadsheets (Office Open XML).
 *
 * Every sheet in workbook order, hidden and very hidden ones included (the
 * location says `hidden`); each non-empty cell a piece at sheet + cell.
 * Strings come from the shared string table or inline; numbers are written
 * as their digits (a 13-digit ID stored as a number reads 1234567890121,
 * never 1.23457E+12).  Also sheet names, defined names, cell comments
 * (legacy and threaded), properties and embedded documents.  Sheets, the
 * big parts, are read with libxml2's SAX2 parser (zipx_sax_parse): no node
 * is built per cell, and a cell's reference and type are copied into fixed
 * room rather than allocated. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "xmltext.h"
#include "../util/buf.h"

typedef struct sst {
    buf text;         /* all strings, each NUL-terminated */
    size_t *off;
    size_t n, cap;
} sst;

typedef struct sheet {
    char *name, *rid, *target;
    int hidden;
} sheet;

static void sst_push(sst *t, const char *s, size_t len)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 1024;
        t->off = xrealloc(t->off, t->cap * sizeof *t->off);
    }
    t->off[t->n++] = t->text.len;
    buf_append(&t->text, s, len);
    buf_putc(&t->text, 0);
}

/* xl/sharedStrings.xml: each <si> is one string (rich runs joined, phonetic
 * guides left out). */
static void load_sst(extract_ctx *x, zip_t *z, sst *t)
{
    zip_int64_t i = zipx_find(z, "xl/sharedStrings.xml");
    if (i < 0) return;
    zipx_xml *zx = zipx_xml_open(x, z, (zip_uint64_t)i);
    if (!zx) return;
    xmlTextReaderPtr r = zipx_xml_reader(zx);
    buf cur;
    buf_init(&cur);
    int in_t = 0, in_rph = 0;
    while (zipx_xml_read(zx)) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (xr_is(r, "si")) {
                buf_clear(&cur);
                if (xmlTextReaderIsEmptyElement(r)) sst_push(t, "", 0);
            } else if (xr_is(r, "rPh")) in_rph = !xmlTextReaderIsEmptyElement(r);
            else if (xr_is(r, "t") && !xmlTextReaderIsEmptyElement(r)) in_t = 1;
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (xr_is(r, "si")) sst_push(t, cur.data ? cur.data : "", cur.len);
            else if (xr_is(r, "rPh")) in_rph = 0;
            else if (xr_is(r, "t")) in_t = 0;
        } else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) && in_t && !in_rph) {
            buf_puts(&cur, (const char *)xmlTextReaderConstValue(r));
        }
    }
    buf_free(&cur);
    zipx_xml_close(zx);
}

/* Sheet names, states and relationship ids; defined names scanned. */
static sheet *load_workbook(extract_ctx *x, zip_t *z, size_t *count)
{
    *count = 0;
    zip_int64_t i = zipx_find(z, "xl/workbook.xml");
    zipx_xml *zx = i >= 0 ? zipx_xml_open(x, z, (zip_uint64_t)i) : NULL;
    if (!zx) return NULL;
    xmlTextReaderPtr r = zipx_xml_reader(zx);
    sheet *v = NULL;
    buf names;
    buf_init(&names);
    int in_dn = 0;
    while (zipx_xml_read(zx)) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT && xr_is(r, "sheet")) {
            v = xrealloc(v, (*count + 1) * sizeof *v);
            sheet *s = &v[(*count)++];
            s->name = xr_attr(r, "name");
            s->rid = xr_attr(r, "id");
            s->target = NULL;
            char *state = xr_attr(r, "state");
            s->hidden = state && strcmp(state, "visible") != 0;
            free(state);
            if (!s->name) s->name = xstrdup("?");
            buf_puts(&names, s->name);
            buf_putc(&names, '\n');
        } else if (type == XML_READER_TYPE_ELEMENT && xr_is(r, "definedName")) {
            char *nm = xr_attr(r, "name");
            if (nm) buf_printf(&names, "%s ", nm);
            free(nm);
            in_dn = !xmlTextReaderIsEmptyElement(r);
        } else if (type == XML_READER_TYPE_END_ELEMENT && xr_is(r, "definedName")) {
            in_dn = 0;
            buf_putc(&names, '\n');
        } else if (type == XML_READER_TYPE_TEXT && in_dn) {
            buf_puts(&names, (const char *)xmlTextReaderConstValue(r));
        }
    }
    zipx_xml_close(zx);
    if (names.len) {
        docscan_piece(x->ds, &(pdp_location){ .part = "xl/workbook.xml" });
        docscan_text(x->ds, names.data, names.len);
    }
    buf_free(&names);
    return v;
}

/* Sheet targets from xl/_rels/workbook.xml.rels. */
static void load_targets(extract_ctx *x, zip_t *z, sheet *v, size_t n)
{
    zip_int64_t i = zipx_find(z, "xl/_rels/workbook.xml.rels");
    zipx_xml *zx = i >= 0 ? zipx_xml_open(x, z, (zip_uint64_t)i) : NULL;
    if (!zx) return;
    xmlTextReaderPtr r = zipx_xml_reader(zx);
    while (zipx_xml_read(zx)) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !xr_is(r, "Relationship")) continue;
        char *id = xr_attr(r, "Id"), *target = xr_attr(r, "Target");
        for (size_t k = 0; id && target && k < n; k++)
            if (v[k].rid && !strcmp(v[k].rid, id) && !v[k].target)
                v[k].target = target[0] == '/' ? xstrdup(target + 1) : xasprintf("xl/%s", target);
        free(id);
        free(target);
    }
    zipx_xml_close(zx);
}

/* A number cell's text: integral values as plain digits. */
static void number_text(const char *v, buf *out)
{
    if (strpbrk(v, "Ee.")) { /* most cells are plain integers: no strtod for them */
        char *end;
        double d = strtod(v, &end);
        if (*end == 0 && fabs(d) < 1e16 && d == floor(d)) {
            buf_printf(out, "%.0f", d);
            return;
        }
    }
    buf_puts(out, v);
}

/* The cell ref of type with value val as a piece; text: the caller's
 * scratch, reused from cell to cell. */
static void emit_cell(extract_ctx *x, const sheet *s, const char *ref, const char *type, buf *val, const sst *t,
                      cell_pos *prev, buf *scratch)
{
    buf text = *scratch;
    buf_clear(&text);
    if (!type || !strcmp(type, "n")) {
        if (val->len) number_text(val->data, &text);
    } else if (!strcmp(type, "s")) {
        long k = val->len ? strtol(val->data, NULL, 10) : -1;
        if (k >= 0 && (size_t)k < t->n) buf_puts(&text, t->text.data + t->off[k]);
    } else if (!strcmp(type, "inlineStr") || !strcmp(type, "str")) {
        buf_append(&text, val->data ? val->data : "", val->len);
    }
    if (text.len) {
        cell_pos at;
        cell_pos_parse(ref, &at);
        cell_piece(x, prev, &at, &(pdp_location){ .sheet = s->name, .cell = (char *)ref, .hidden = s->hidden });
        docscan_text(x->ds, text.data, text.len);
    }
    *scratch = text;
}

/* A sheet read with SAX (zipx_sax_parse): the cell being read, with its
 * reference and type copied from the attributes into fixed room. */
typedef struct sheet_sax {
    extract_ctx *x;
    const sheet *s;
    const sst *t;
    char ref[24], type[16];
    buf val, text;
    int in_val, stop;
    unsigned long nodes;
    cell_pos prev;
} sheet_sax;

/* attribute local of a SAX2 attribute array (5 pointers each: local,
 * prefix, URI, value, value end) copied into out (truncated), "" if none. */
static int attr_copy(const xmlChar **attr, int n, const char *local, char *out, size_t room)
{
    for (int k = 0; k < n; k++, attr += 5)
        if (!strcmp((const char *)attr[0], local)) {
            size_t len = (size_t)(attr[4] - attr[3]);
            if (len >= room) len = room - 1;
            memcpy(out, attr[3], len);
            out[len] = 0;
            return 1;
        }
    out[0] = 0;
    return 0;
}

static int is_value_element(const xmlChar *l) { return (l[0] == 'v' || l[0] == 't') && !l[1]; }

static void sheet_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
                        const xmlChar **ns, int nattr, int ndef, const xmlChar **attr)
{
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)ndef;
    sheet_sax *h = ctx;
    if (local[0] == 'c' && !local[1]) {
        if (!attr_copy(attr, nattr, "r", h->ref, sizeof h->ref)) strcpy(h->ref, "?");
        attr_copy(attr, nattr, "t", h->type, sizeof h->type);
        buf_clear(&h->val);
    } else if (is_value_element(local)) {
        h->in_val = 1;
    }
    if (++h->nodes % 8192 == 0 && (extract_out_of_time(h->x) || docscan_full(h->x->ds))) h->stop = 1;
}

static void sheet_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix, (void)uri;
    sheet_sax *h = ctx;
    if (is_value_element(local)) h->in_val = 0;
    else if (local[0] == 'c' && !local[1])
        emit_cell(h->x, h->s, h->ref, h->type[0] ? h->type : NULL, &h->val, h->t, &h->prev, &h->text);
}

static void sheet_chars(void *ctx, const xmlChar *ch, int len)
{
    sheet_sax *h = ctx;
    if (h->in_val) buf_append(&h->val, ch, (size_t)len);
}

static void scan_sheet(extract_ctx *x, zip_t *z, const sheet *s, const sst *t)
{
    zip_int64_t i = s->target ? zipx_find(z, s->target) : -1;
    if (i < 0) return;
    sheet_sax h = { x, s, t, "?", "", { 0 }, { 0 }, 0, 0, 0, CELL_POS_NONE };
    buf_init(&h.val);
    buf_init(&h.text);
    xmlSAXHandler sax = { 0 };
    sax.startElementNs = sheet_start;
    sax.endElementNs = sheet_end;
    sax.characters = sheet_chars;
    zipx_sax_parse(x, z, (zip_uint64_t)i, &sax, &h, &h.stop);
    buf_free(&h.val);
    buf_free(&h.text);
}

/* Legacy cell comments (xl/commentsN.xml) and threaded comments. */
static void scan_comments(extract_ctx *x, zip_t *z, zip_uint64_t i, const char *name)
{
    zipx_xml *zx = zipx_xml_open(x, z, i);
    if (!zx) return;
    xmlTextReaderPtr r = zipx_xml_reader(zx);
    buf b;
    buf_init(&b);
    char *ref = NULL;
    while (zipx_xml_read(zx)) {
        int nt = xmlTextReaderNodeType(r);
        if (nt == XML_READER_TYPE_ELEMENT && (xr_is(r, "comment") || xr_is(r, "threadedComment"))) {
            free(ref);
            ref = xr_attr(r, "ref");
            buf_clear(&b);
        } else if (nt == XML_READER_TYPE_ELEMENT && xr_is(r, "author")) {
            buf_putc(&b, '\n');
        } else if (nt == XML_READER_TYPE_END_ELEMENT && (xr_is(r, "comment") || xr_is(r, "threadedComment") ||
                                                         xr_is(r, "author"))) {
            if (b.len) {
                docscan_piece(x->ds, &(pdp_location){ .part = (char *)name, .cell = ref });
                docscan_text(x->ds, b.data, b.len);
            }
            buf_clear(&b);
        } else if (nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            buf_puts(&b, (const char *)xmlTextReaderConstValue(r));
        }
    }
    free(ref);
    buf_free(&b);
    zipx_xml_close(zx);
}

/* Members other than sheets: cell comments, legacy and threaded. */
static void xlsx_part(extract_ctx *x, zip_t *z, zip_uint64_t i, const char *name, void *ctx)
{
    (void)ctx;
    if (strncmp(name, "xl/comments", 11) == 0 || strncmp(name, "xl/threadedComments/", 20) == 0)
        scan_comments(x, z, i, name);
}

void extract_xlsx(extract_ctx *x, zip_t *z)
{
    sst t = { 0 };
    buf_init(&t.text);
    load_sst(x, z, &t);
    size_t n;
    sheet *v = load_workbook(x, z, &n);
    load_targets(x, z, v, n);
    for (size_t k = 0; k < n && !docscan_full(x->ds) && !extract_out_of_time(x); k++) scan_sheet(x, z, &v[k], &t);
    each_part(x, z, xlsx_part, NULL);
    for (size_t k = 0; k < n; k++) {
        free(v[k].name);
        free(v[k].rid);
        free(v[k].target);
    }
    free(v);
    buf_free(&t.text);
    free(t.off);
}
