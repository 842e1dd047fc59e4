/* office_redact.c — a redacted copy of a ZIP-based Office document (DOCX,
 * XLSX, PPTX, ODT, ODS, ODP): each value replaced where it stands in the
 * document's XML, every other member copied byte for byte (libzip keeps
 * unchanged members as they are compressed).
 *
 * The caller gives the values as they stand in the text (office_value); a
 * member whose inflated bytes hold none of them is not touched.  In a part
 * that does, parsed with libxml2:
 *  - a tracked deletion, a comment or an annotation that holds a value is
 *    removed whole (w:del, w:comment and its anchors, p:cm, an XLSX note,
 *    office:annotation, text:changed-region);
 *  - a paragraph's text (w:p, a:p, text:p, text:h, an XLSX string) is read
 *    across its runs, so a value split over several runs is found; the
 *    first run it touches gets the suggestion and keeps its formatting, the
 *    others lose their part of it;
 *  - text outside paragraphs (properties, cell values) and attribute values
 *    (sheet names, pivot cache records, ODF string values) likewise;
 *  - an XLSX number cell whose value goes becomes a text cell.
 * No DTD or entity is loaded, and nothing is fetched. */
#define _GNU_SOURCE /* memmem */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../extract/formats.h"
#include "../util/buf.h"

static int named(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, local);
}

/* Does s hold any value? */
static int holds_any(const char *s, size_t n, const office_value *v, size_t nv)
{
    for (size_t i = 0; i < nv; i++)
        if (memmem(s, n, v[i].value, strlen(v[i].value))) return 1;
    return 0;
}

static int node_holds(xmlNode *n, const office_value *v, size_t nv)
{
    xmlChar *t = xmlNodeGetContent(n);
    int h = t && holds_any((const char *)t, strlen((const char *)t), v, nv);
    xmlFree(t);
    return h;
}

/* Elements removed whole when they hold a value (local names). */
static int removable(const xmlNode *n)
{
    static const char *const names[] = { "del", "comment", "cm", "annotation", "changed-region" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (named(n, names[i])) return 1;
    return 0;
}

static int is_paragraph(const xmlNode *n)
{
    return named(n, "p") || named(n, "h") || named(n, "si") || named(n, "is");
}

typedef struct rewrite {
    const office_value *v;
    size_t nv;
    char **ids; /* w:id of the comments removed, whose anchors go too */
    size_t nids;
    size_t removed, replaced;
    xmlNode **cells; /* XLSX number cells whose value went: made text cells at the end */
    size_t ncells;
} rewrite;

static void unlink_free(xmlNode *n)
{
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

/* Remove the removable elements under n that hold a value. */
static void remove_holders(rewrite *rw, xmlNode *n)
{
    for (xmlNode *c = n->children, *next; c; c = next) {
        next = c->next;
        if (c->type != XML_ELEMENT_NODE) continue;
        if (removable(c) && node_holds(c, rw->v, rw->nv)) {
            xmlChar *id = named(c, "comment") ? xmlGetNsProp(c, (const xmlChar *)"id", c->ns ? c->ns->href : NULL) : NULL;
            if (id) {
                rw->ids = xrealloc(rw->ids, (rw->nids + 1) * sizeof *rw->ids);
                rw->ids[rw->nids++] = xstrdup((const char *)id);
                xmlFree(id);
            }
            unlink_free(c);
            rw->removed++;
        } else {
            remove_holders(rw, c);
        }
    }
}

/* Remove the anchors (w:commentRangeStart/End, w:commentReference) of
 * the removed comments. */
static void remove_anchors(rewrite *rw, xmlNode *n)
{
    for (xmlNode *c = n->children, *next; c; c = next) {
        next = c->next;
        if (c->type != XML_ELEMENT_NODE) continue;
        if (named(c, "commentRangeStart") || named(c, "commentRangeEnd") || named(c, "commentReference")) {
            xmlChar *id = xmlGetNsProp(c, (const xmlChar *)"id", c->ns ? c->ns->href : NULL);
            for (size_t i = 0; id && i < rw->nids; i++)
                if (!strcmp((const char *)id, rw->ids[i])) {
                    unlink_free(c);
                    break;
                }
            xmlFree(id);
        } else {
            remove_anchors(rw, c);
        }
    }
}

/* The text nodes of a paragraph in order (not those of a paragraph nested
 * in it, which is rewritten on its own). */
typedef struct runs {
    xmlNode **node;
    size_t n, cap;
} runs;

static void collect_runs(xmlNode *n, runs *r, int top)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (r->n == r->cap) r->node = xrealloc(r->node, (r->cap = r->cap ? 2 * r->cap : 16) * sizeof *r->node);
            r->node[r->n++] = c;
        } else if (c->type == XML_ELEMENT_NODE && !(is_paragraph(c) && !top)) {
            collect_runs(c, r, 0);
        }
    }
}

/* The cell of text when it is a number cell's value: <c><f/>?<v>…</v></c>
 * without t, or t="n"; else NULL. */
static xmlNode *number_cell(xmlNode *text)
{
    xmlNode *v = text->parent, *c = v ? v->parent : NULL;
    if (!named(v, "v") || !named(c, "c")) return NULL;
    xmlChar *t = xmlGetProp(c, (const xmlChar *)"t");
    int number = !t || !strcmp((const char *)t, "n");
    xmlFree(t);
    return number ? c : NULL;
}

/* Number cell c, its value replaced by a label, made an inline string. */
static void number_cell_to_text(xmlNode *c)
{
    xmlNode *v = c->children;
    while (v && !named(v, "v")) v = v->next;
    if (!v) return;
    xmlChar *label = xmlNodeGetContent(v);
    for (xmlNode *k = c->children, *next; k; k = next) {
        next = k->next;
        if (named(k, "f") || named(k, "v")) unlink_free(k);
    }
    xmlSetProp(c, (const xmlChar *)"t", (const xmlChar *)"inlineStr");
    xmlNode *is = xmlNewChild(c, c->ns, (const xmlChar *)"is", NULL);
    xmlNode *tn = xmlNewChild(is, c->ns, (const xmlChar *)"t", NULL);
    xmlNodeAddContent(tn, label);
    xmlFree(label);
}

/* Replace the value at [at, at + len) of the runs' joined text (starts[k]:
 * where run k begins) by label: into the first run it touches, out of the
 * others. */
static void replace_across(rewrite *rw, runs *r, const size_t *starts, size_t at, size_t len, const char *label)
{
    size_t end = at + len;
    int first = 1;
    for (size_t k = 0; k < r->n; k++) {
        const char *s = (const char *)r->node[k]->content;
        size_t b = starts[k], e = b + strlen(s);
        if (e <= at || b >= end) continue;
        size_t from = at > b ? at - b : 0, to = (end < e ? end : e) - b;
        buf nb;
        buf_init(&nb);
        buf_append(&nb, s, from);
        if (first) buf_puts(&nb, label);
        buf_puts(&nb, s + to);
        xmlNodeSetContent(r->node[k], (const xmlChar *)(nb.data ? nb.data : ""));
        buf_free(&nb);
        xmlNode *cell = first ? number_cell(r->node[k]) : NULL;
        if (cell) {
            rw->cells = xrealloc(rw->cells, (rw->ncells + 1) * sizeof *rw->cells);
            rw->cells[rw->ncells++] = cell;
        }
        first = 0;
    }
}

/* Every value in the joined text of the runs, replaced; longest values
 * first (the caller sorts them), each occurrence once. */
static void rewrite_runs(rewrite *rw, runs *r)
{
    for (size_t i = 0; i < rw->nv; i++) {
        const char *val = rw->v[i].value;
        size_t vl = strlen(val);
        for (int guard = 0; guard < 10000; guard++) {
            buf joined;
            buf_init(&joined);
            size_t *starts = xcalloc(r->n + 1, sizeof *starts);
            for (size_t k = 0; k < r->n; k++) {
                starts[k] = joined.len;
                buf_puts(&joined, (const char *)r->node[k]->content);
            }
            const char *hit = joined.data ? memmem(joined.data, joined.len, val, vl) : NULL;
            if (hit) {
                replace_across(rw, r, starts, (size_t)(hit - joined.data), vl, rw->v[i].label);
                rw->replaced++;
            }
            free(starts);
            buf_free(&joined);
            if (!hit) break;
        }
    }
}

static void rewrite_attrs(rewrite *rw, xmlNode *n)
{
    for (xmlAttr *a = n->properties; a; a = a->next) {
        xmlChar *val = xmlNodeGetContent((xmlNode *)a);
        if (val && holds_any((const char *)val, strlen((const char *)val), rw->v, rw->nv)) {
            buf b;
            buf_init(&b);
            buf_puts(&b, (const char *)val);
            for (size_t i = 0; i < rw->nv; i++) {
                char *hit;
                while (b.data && (hit = memmem(b.data, b.len, rw->v[i].value, strlen(rw->v[i].value)))) {
                    buf nb;
                    buf_init(&nb);
                    buf_append(&nb, b.data, (size_t)(hit - b.data));
                    buf_puts(&nb, rw->v[i].label);
                    buf_puts(&nb, hit + strlen(rw->v[i].value));
                    buf_free(&b);
                    b = nb;
                    rw->replaced++;
                }
            }
            xmlSetNsProp(n, a->ns, a->name, (const xmlChar *)(b.data ? b.data : ""));
            buf_free(&b);
        }
        xmlFree(val);
    }
}

/* A number cell's value as the scan shows it ("3.5052601815900001E+12" is
 * 3505260181590): when that is a value, the cell is queued to become a
 * text cell with its label.  1 when it was one. */
static int rewrite_number(rewrite *rw, xmlNode *text)
{
    xmlNode *cell = number_cell(text);
    if (!cell || !text->content) return 0;
    char *end;
    double d = strtod((const char *)text->content, &end);
    if (*end || d < 0 || d >= 1e16 || d != (double)(long long)d) return 0;
    char shown[32];
    snprintf(shown, sizeof shown, "%lld", (long long)d);
    for (size_t i = 0; i < rw->nv; i++)
        if (!strcmp(shown, rw->v[i].value)) {
            xmlNodeSetContent(text, (const xmlChar *)rw->v[i].label);
            rw->cells = xrealloc(rw->cells, (rw->ncells + 1) * sizeof *rw->cells);
            rw->cells[rw->ncells++] = cell;
            rw->replaced++;
            return 1;
        }
    return 0;
}

/* Paragraphs rewritten across their runs, any other text node alone, and
 * every attribute; in_para: n is inside a paragraph already rewritten. */
static void rewrite_tree(rewrite *rw, xmlNode *n, int in_para)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            rewrite_attrs(rw, c);
            if (is_paragraph(c)) {
                runs r = { 0 };
                collect_runs(c, &r, 1);
                rewrite_runs(rw, &r);
                free(r.node);
            }
            rewrite_tree(rw, c, in_para || is_paragraph(c));
        } else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !in_para &&
                   !rewrite_number(rw, c)) {
            runs r = { &c, 1, 1 };
            rewrite_runs(rw, &r);
        }
    }
}

/* One XML part rewritten: the new bytes (heap), or NULL when it cannot be
 * parsed (*err). */
static unsigned char *rewrite_part(rewrite *rw, const unsigned char *data, size_t len, const char *name, size_t *out_len,
                                   char **err)
{
    xmlDoc *doc = xmlReadMemory((const char *)data, (int)len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc || !xmlDocGetRootElement(doc)) {
        *err = xasprintf("%s: its XML cannot be parsed to be rewritten", name);
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    remove_holders(rw, (xmlNode *)doc);
    if (rw->nids) remove_anchors(rw, root);
    rewrite_tree(rw, (xmlNode *)doc, 0);
    for (size_t i = 0; i < rw->ncells; i++) number_cell_to_text(rw->cells[i]);
    free(rw->cells);
    rw->cells = NULL;
    rw->ncells = 0;
    xmlChar *mem = NULL;
    int n = 0;
    xmlDocDumpMemoryEnc(doc, &mem, &n, "UTF-8");
    xmlFreeDoc(doc);
    unsigned char *out = xmalloc((size_t)n + 1);
    memcpy(out, mem, (size_t)n);
    out[n] = 0;
    xmlFree(mem);
    *out_len = (size_t)n;
    return out;
}

/* Member i inflated (heap), or NULL. */
static unsigned char *member(zip_t *z, zip_uint64_t i, size_t *len)
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

static int is_xml_name(const char *n)
{
    size_t l = strlen(n);
    return (l > 4 && !strcmp(n + l - 4, ".xml")) || (l > 5 && !strcmp(n + l - 5, ".rels"));
}

/* Every XML member of z holding a value rewritten in place (in z's
 * pending changes).  The comments' parts go first: document.xml then
 * loses the anchors of the comments removed. */
static int rewrite_members(zip_t *z, rewrite *rw, char **err)
{
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (int pass = 0; pass < 2; pass++)
        for (zip_int64_t i = 0; i < n; i++) {
            const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
            if (!name || !is_xml_name(name) || (strstr(name, "comments") != NULL) != (pass == 0)) continue;
            size_t len;
            unsigned char *d = member(z, (zip_uint64_t)i, &len);
            if (!d) {
                *err = xasprintf("%s: cannot be read again", name);
                return -1;
            }
            int anchors = rw->nids && pass == 1 && memmem(d, len, "commentR", 8); /* commentRange*, commentReference */
            if (!holds_any((const char *)d, len, rw->v, rw->nv) && !anchors) {
                free(d);
                continue;
            }
            size_t nl;
            unsigned char *nd = rewrite_part(rw, d, len, name, &nl, err);
            free(d);
            if (!nd) return -1;
            zip_source_t *src = zip_source_buffer(z, nd, nl, 1);
            if (!src || zip_file_replace(z, (zip_uint64_t)i, src, 0) != 0) {
                if (src) zip_source_free(src);
                else free(nd);
                *err = xasprintf("%s: cannot be replaced: %s", name, zip_strerror(z));
                return -1;
            }
            zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_DEFLATE, 0);
        }
    return 0;
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

/* The copy read back: every member's name and inflated bytes. */
static unsigned char *view_of(const unsigned char *data, size_t len, size_t *view_len)
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
        unsigned char *m = member(z, (zip_uint64_t)i, &ml);
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

int office_redact(const unsigned char *data, size_t len, const office_value *v, size_t nv, office_redacted *out,
                  char **err)
{
    memset(out, 0, sizeof *out);
    zip_error_t ze;
    zip_error_init(&ze);
    unsigned char *mine = xmalloc(len ? len : 1);
    memcpy(mine, data, len);
    zip_source_t *src = zip_source_buffer_create(mine, len, 1, &ze);
    if (!src) free(mine);
    zip_t *z = src ? zip_open_from_source(src, 0, &ze) : NULL;
    if (src) zip_source_keep(src);
    rewrite rw = { v, nv, NULL, 0, 0, 0, NULL, 0 };
    int rc = -1;
    if (!z) {
        *err = xasprintf("the document cannot be opened again: %s", zip_error_strerror(&ze));
    } else if (rewrite_members(z, &rw, err) != 0) {
        zip_discard(z);
    } else if (zip_close(z) != 0) {
        *err = xasprintf("the copy cannot be written: %s", zip_strerror(z));
        zip_discard(z);
    } else if (!(out->data = source_bytes(src, &out->len)) || !(out->view = view_of(out->data, out->len, &out->view_len))) {
        *err = xstrdup("the copy cannot be read back");
        free(out->data);
        out->data = NULL;
    } else {
        out->removed = rw.removed;
        out->replaced = rw.replaced;
        rc = 0;
    }
    zip_error_fini(&ze);
    if (src) zip_source_free(src);
    for (size_t i = 0; i < rw.nids; i++) free(rw.ids[i]);
    free(rw.ids);
    return rc;
}
