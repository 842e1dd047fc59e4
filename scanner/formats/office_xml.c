/* office_xml.c — the ZIP and XML plumbing of Office copies (office_xml.h).
 *
 * libzip rewrites an archive it opened over a buffer source: members that
 * were not replaced are copied as they were compressed, so an untouched
 * part keeps its bytes. */
#include "office_xml.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

int office_zip_open(office_zip *oz, const unsigned char *data, size_t len, char **err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    unsigned char *mine = xmalloc(len ? len : 1);
    memcpy(mine, data, len);
    oz->z = NULL;
    oz->src = zip_source_buffer_create(mine, len, 1, &ze);
    if (!oz->src) free(mine);
    else {
        zip_source_keep(oz->src);
        oz->z = zip_open_from_source(oz->src, 0, &ze);
    }
    if (!oz->z) {
        *err = xasprintf("the document cannot be opened again: %s", zip_error_strerror(&ze));
        if (oz->src) zip_source_free(oz->src);
        oz->src = NULL;
    }
    zip_error_fini(&ze);
    return oz->z ? 0 : -1;
}

/* The whole of src's data (heap). */
static unsigned char *source_bytes(zip_source_t *src, size_t *len)
{
    zip_stat_t st;
    if (zip_source_open(src) != 0) return NULL;
    unsigned char *d = NULL;
    if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
        d = xmalloc(st.size + 1);
        if (zip_source_read(src, d, st.size) != (zip_int64_t)st.size) {
            free(d);
            d = NULL;
        } else {
            d[st.size] = 0;
            *len = st.size;
        }
    }
    zip_source_close(src);
    return d;
}

unsigned char *office_zip_close(office_zip *oz, size_t *len, char **err)
{
    unsigned char *d = NULL;
    if (zip_close(oz->z) != 0) {
        *err = xasprintf("the copy cannot be written: %s", zip_strerror(oz->z));
        zip_discard(oz->z);
    } else if (!(d = source_bytes(oz->src, len))) {
        *err = xstrdup("the copy cannot be read back");
    }
    zip_source_free(oz->src);
    oz->z = NULL;
    oz->src = NULL;
    return d;
}

void office_zip_discard(office_zip *oz)
{
    if (oz->z) zip_discard(oz->z);
    if (oz->src) zip_source_free(oz->src);
    oz->z = NULL;
    oz->src = NULL;
}

unsigned char *office_member(zip_t *z, zip_uint64_t i, size_t *len)
{
    zip_stat_t st;
    if (zip_stat_index(z, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > ((zip_uint64_t)1 << 31)) return NULL;
    zip_file_t *f = zip_fopen_index(z, i, 0);
    if (!f) return NULL;
    unsigned char *d = xmalloc(st.size + 1);
    zip_int64_t got = zip_fread(f, d, st.size);
    zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        free(d);
        return NULL;
    }
    d[st.size] = 0;
    *len = st.size;
    return d;
}

int office_put(zip_t *z, zip_int64_t i, const char *name, unsigned char *data, size_t len, char **err)
{
    zip_source_t *src = zip_source_buffer(z, data, len, 1);
    if (!src) free(data);
    zip_int64_t at = i;
    if (src && i >= 0 && zip_file_replace(z, (zip_uint64_t)i, src, 0) != 0) at = -2;
    if (src && i < 0) at = zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8);
    if (!src || at < 0) {
        if (src) zip_source_free(src);
        *err = xasprintf("%s: cannot be written into the copy: %s", name, zip_strerror(z));
        return -1;
    }
    zip_set_file_compression(z, (zip_uint64_t)at, ZIP_CM_DEFLATE, 0);
    return 0;
}

unsigned char *office_view(const unsigned char *data, size_t len, size_t *view_len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!z) {
        if (src) zip_source_free(src);
        return NULL;
    }
    buf b;
    buf_init(&b);
    int ok = 1;
    for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0) && ok; i++) {
        size_t ml;
        unsigned char *m = office_member(z, (zip_uint64_t)i, &ml);
        if (!m) ok = 0;
        else {
            buf_printf(&b, "%s\n", zip_get_name(z, (zip_uint64_t)i, 0));
            buf_append(&b, m, ml);
            buf_putc(&b, '\n');
        }
        free(m);
    }
    zip_discard(z);
    if (!ok) {
        buf_free(&b);
        return NULL;
    }
    *view_len = b.len;
    return (unsigned char *)buf_steal(&b);
}

xmlDoc *office_parse(const unsigned char *data, size_t len, const char *name, char **err)
{
    xmlDoc *doc = len < ((size_t)1 << 31) ? xmlReadMemory((const char *)data, (int)len, name, NULL,
                                                          XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR)
                                          : NULL;
    if (!doc || !xmlDocGetRootElement(doc)) {
        *err = xasprintf("%s: its XML cannot be parsed to be rewritten", name);
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

unsigned char *office_serialize(xmlDoc *doc, size_t *len)
{
    xmlChar *mem = NULL;
    int n = 0;
    xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
    xmlFreeDoc(doc);
    unsigned char *out = xmalloc((size_t)n + 1);
    memcpy(out, mem, (size_t)n);
    out[n] = 0;
    xmlFree(mem);
    *len = (size_t)n;
    return out;
}

int office_named(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, local);
}

int office_is_paragraph(const xmlNode *n)
{
    return office_named(n, "p") || office_named(n, "h") || office_named(n, "si") || office_named(n, "is");
}

static void collect(xmlNode *n, office_runs *r, int top)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (r->n == r->cap) r->node = xrealloc(r->node, (r->cap = r->cap ? 2 * r->cap : 16) * sizeof *r->node);
            r->node[r->n++] = c;
        } else if (c->type == XML_ELEMENT_NODE && !(office_is_paragraph(c) && !top)) {
            collect(c, r, 0);
        }
    }
}

void office_collect_runs(xmlNode *p, office_runs *r) { collect(p, r, 1); }

size_t *office_runs_text(const office_runs *r, buf *out)
{
    size_t *starts = xcalloc(r->n + 1, sizeof *starts);
    for (size_t k = 0; k < r->n; k++) {
        starts[k] = out->len;
        buf_puts(out, (const char *)r->node[k]->content);
    }
    starts[r->n] = out->len;
    return starts;
}
