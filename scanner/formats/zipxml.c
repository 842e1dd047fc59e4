/* zipxml.c — ZIP members and streaming XML within the limits (zipxml.h). */
#include "zipxml.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

static void partial(extract_ctx *x, const char *fmt, const char *name)
{
    char *e = xasprintf(fmt, name);
    result_set_status(x->res, PDP_STATUS_PARTIAL, e);
    free(e);
}

zip_t *zipx_open(extract_ctx *x, const unsigned char *data, size_t len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (!z) {
        char *e = xasprintf("damaged or truncated ZIP container: %s", zip_error_strerror(&ze));
        result_set_status(x->res, PDP_STATUS_ERROR, e);
        free(e);
        if (src) zip_source_free(src);
    }
    zip_error_fini(&ze);
    return z;
}

zip_int64_t zipx_find(zip_t *z, const char *name) { return zip_name_locate(z, name, 0); }

/* Check a member before reading it: not encrypted, not a bomb, in budget. */
static int member_ok(extract_ctx *x, zip_t *z, zip_uint64_t i, zip_stat_t *st)
{
    const char *name = zip_get_name(z, i, 0);
    if (!name) name = "?";
    if (zip_stat_index(z, i, 0, st) != 0) {
        partial(x, "%s: damaged ZIP entry; not read", name);
        return 0;
    }
    if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE) {
        partial(x, "%s: encrypted (password protected); not read", name);
        return 0;
    }
    if (st->size > (1u << 20) && st->comp_size && st->size / st->comp_size > x->lim->max_ratio) {
        partial(x, "%s: compression ratio of a zip bomb; not read", name);
        return 0;
    }
    return extract_take_bytes(x, st->size, name);
}

unsigned char *zipx_read(extract_ctx *x, zip_t *z, zip_uint64_t i, size_t *len)
{
    zip_stat_t st;
    if (!member_ok(x, z, i, &st)) return NULL;
    const char *name = zip_get_name(z, i, 0);
    zip_file_t *f = zip_fopen_index(z, i, 0);
    if (!f) {
        partial(x, "%s: cannot open ZIP entry; not read", name ? name : "?");
        return NULL;
    }
    unsigned char *data = xmalloc(st.size + 1);
    zip_int64_t got = zip_fread(f, data, st.size);
    /* One byte more than declared means the header lied. */
    char extra;
    int lied = got == (zip_int64_t)st.size && zip_fread(f, &extra, 1) > 0;
    zip_fclose(f);
    if (got != (zip_int64_t)st.size || lied) {
        free(data);
        partial(x, "%s: damaged ZIP entry; not read", name ? name : "?");
        return NULL;
    }
    *len = st.size;
    return data;
}

struct zipx_xml {
    extract_ctx *x;
    zip_file_t *f;
    xmlTextReaderPtr r;
    const char *name;
    zip_uint64_t left;  /* bytes the member may still yield */
    int failed;         /* damaged, over its size, or bad XML */
    int dtd;            /* a DTD or entity reference was met */
};

static int read_cb(void *ctx, char *out, int len)
{
    zipx_xml *zx = ctx;
    zip_int64_t k = zip_fread(zx->f, out, (zip_uint64_t)len);
    if (k < 0 || (zip_uint64_t)k > zx->left) {
        zx->failed = 1;
        return -1;
    }
    zx->left -= (zip_uint64_t)k;
    return (int)k;
}

static int close_cb(void *ctx)
{
    (void)ctx;
    return 0;
}

static void silent_errors(void *arg, const char *msg, xmlParserSeverities sev, xmlTextReaderLocatorPtr loc)
{
    (void)msg;
    (void)loc;
    if (sev == XML_PARSER_SEVERITY_ERROR || sev == XML_PARSER_SEVERITY_VALIDITY_ERROR) ((zipx_xml *)arg)->failed = 1;
}

zipx_xml *zipx_xml_open(extract_ctx *x, zip_t *z, zip_uint64_t i)
{
    zip_stat_t st;
    if (!member_ok(x, z, i, &st)) return NULL;
    zipx_xml *zx = xcalloc(1, sizeof *zx);
    zx->x = x;
    zx->name = zip_get_name(z, i, 0);
    zx->left = st.size;
    zx->f = zip_fopen_index(z, i, 0);
    if (zx->f)
        zx->r = xmlReaderForIO(read_cb, close_cb, zx, NULL, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    if (!zx->r) {
        partial(x, "%s: cannot read this part; not checked", zx->name ? zx->name : "?");
        if (zx->f) zip_fclose(zx->f);
        free(zx);
        return NULL;
    }
    xmlTextReaderSetErrorHandler(zx->r, silent_errors, zx);
    return zx;
}

xmlTextReaderPtr zipx_xml_reader(zipx_xml *zx) { return zx->r; }

int zipx_xml_read(zipx_xml *zx)
{
    int rc = xmlTextReaderRead(zx->r);
    if (rc < 0) zx->failed = 1;
    if (rc == 1 && !zx->dtd) {
        int t = xmlTextReaderNodeType(zx->r);
        /* Office XML never declares a DTD or entities; text hidden in an
         * entity is not expanded (that is how entity bombs are defused),
         * so such a part cannot be called clean. */
        if (t == XML_READER_TYPE_DOCUMENT_TYPE || t == XML_READER_TYPE_ENTITY_REFERENCE) {
            zx->dtd = 1;
            partial(zx->x, "%s: declares a DTD or entities, which are not expanded; not fully checked",
                    zx->name ? zx->name : "?");
        }
    }
    return rc == 1;
}

void zipx_xml_close(zipx_xml *zx)
{
    if (!zx) return;
    if (zx->failed) partial(zx->x, "%s: damaged XML; the rest of this part was not checked", zx->name ? zx->name : "?");
    xmlFreeTextReader(zx->r);
    zip_fclose(zx->f);
    free(zx);
}

/* A SAX parse: the limits and failure state of the reader, and the
 * caller's callbacks and context, which libxml2 reaches through here. */
typedef struct sax_guard {
    zipx_xml zx;
    const xmlSAXHandler *user;
    void *ctx;
} sax_guard;

static void sax_start(void *g, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
                      const xmlChar **ns, int nattr, int ndef, const xmlChar **attr)
{
    sax_guard *s = g;
    s->user->startElementNs(s->ctx, local, prefix, uri, nns, ns, nattr, ndef, attr);
}

static void sax_end(void *g, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    sax_guard *s = g;
    s->user->endElementNs(s->ctx, local, prefix, uri);
}

static void sax_chars(void *g, const xmlChar *ch, int len)
{
    sax_guard *s = g;
    s->user->characters(s->ctx, ch, len);
}

static void sax_dtd(void *g, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name, (void)ext, (void)sys;
    ((sax_guard *)g)->zx.dtd = 1;
}

static void sax_reference(void *g, const xmlChar *name)
{
    (void)name;
    ((sax_guard *)g)->zx.dtd = 1;
}

static void sax_error(void *g, xmlError *e)
{
    (void)g;
    (void)e;
}

void zipx_sax_parse(extract_ctx *x, zip_t *z, zip_uint64_t i, xmlSAXHandler *sax, void *ctx, const int *stop)
{
    zip_stat_t st;
    if (!member_ok(x, z, i, &st)) return;
    sax_guard g = { { 0 }, sax, ctx };
    g.zx.x = x;
    g.zx.name = zip_get_name(z, i, 0);
    g.zx.left = st.size;
    g.zx.f = zip_fopen_index(z, i, 0);
    xmlSAXHandler h = { 0 };
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = sax->startElementNs ? sax_start : NULL;
    h.endElementNs = sax->endElementNs ? sax_end : NULL;
    h.characters = sax->characters ? sax_chars : NULL;
    h.internalSubset = sax_dtd;
    h.reference = sax_reference;
    h.serror = sax_error;
    xmlParserCtxtPtr p = g.zx.f ? xmlCreatePushParserCtxt(&h, &g, NULL, 0, g.zx.name) : NULL;
    if (!p) {
        partial(x, "%s: cannot read this part; not checked", g.zx.name ? g.zx.name : "?");
        if (g.zx.f) zip_fclose(g.zx.f);
        return;
    }
    xmlCtxtUseOptions(p, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    char chunk[1 << 16];
    int k;
    while (!*stop && (k = read_cb(&g.zx, chunk, sizeof chunk)) > 0)
        if (xmlParseChunk(p, chunk, k, 0) != 0) g.zx.failed = 1;
    if (!*stop && !g.zx.failed && xmlParseChunk(p, chunk, 0, 1) != 0) g.zx.failed = 1;
    if (!*stop && !p->wellFormed) g.zx.failed = 1;
    if (g.zx.dtd)
        partial(x, "%s: declares a DTD or entities, which are not expanded; not fully checked",
                g.zx.name ? g.zx.name : "?");
    if (g.zx.failed) partial(x, "%s: damaged XML; the rest of this part was not checked", g.zx.name ? g.zx.name : "?");
    xmlFreeParserCtxt(p);
    zip_fclose(g.zx.f);
}

const char *xr_name(xmlTextReaderPtr r)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n ? (const char *)n : "";
}

int xr_is(xmlTextReaderPtr r, const char *local) { return strcmp(xr_name(r), local) == 0; }

char *xr_attr(xmlTextReaderPtr r, const char *local)
{
    char *val = NULL;
    if (xmlTextReaderMoveToFirstAttribute(r) != 1) return NULL;
    do {
        if (strcmp(xr_name(r), local) == 0) {
            const xmlChar *v = xmlTextReaderConstValue(r);
            val = xstrdup(v ? (const char *)v : "");
            break;
        }
    } while (xmlTextReaderMoveToNextAttribute(r) == 1);
    xmlTextReaderMoveToElement(r);
    return val;
}
