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
#include "office_xml.h"

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
        if (office_named(n, names[i])) return 1;
    return 0;
}

typedef struct rewrite {
    const office_value *v;
    size_t nv;
    char **ids; /* w:id of the comments removed, whose anchors go too */
    size_t nids;
    size_t removed, replaced;
    xmlNode **cells; /* XLSX number cells whose value went: made text cells at the end */
    size_t ncells;
    int scrub_metadata;
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
            xmlChar *id = office_named(c, "comment") ? xmlGetNsProp(c, (const xmlChar *)"id", c->ns ? c->ns->href : NULL) : NULL;
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
        if (office_named(c, "commentRangeStart") || office_named(c, "commentRangeEnd") || office_named(c, "commentReference")) {
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

/* The cell of text when it is a number cell's value: <c><f/>?<v>…</v></c>
 * without t, or t="n"; else NULL. */
static xmlNode *number_cell(xmlNode *text)
{
    xmlNode *v = text->parent, *c = v ? v->parent : NULL;
    if (!office_named(v, "v") || !office_named(c, "c")) return NULL;
    xmlChar *t = xmlGetProp(c, (const xmlChar *)"t");
    int number = !t || !strcmp((const char *)t, "n");
    xmlFree(t);
    return number ? c : NULL;
}

/* Number cell c, its value replaced by a label, made an inline string. */
static void number_cell_to_text(xmlNode *c)
{
    xmlNode *v = c->children;
    while (v && !office_named(v, "v")) v = v->next;
    if (!v) return;
    xmlChar *label = xmlNodeGetContent(v);
    for (xmlNode *k = c->children, *next; k; k = next) {
        next = k->next;
        if (office_named(k, "f") || office_named(k, "v")) unlink_free(k);
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
static void replace_across(rewrite *rw, office_runs *r, const size_t *starts, size_t at, size_t len, const char *label)
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
static void rewrite_runs(rewrite *rw, office_runs *r)
{
    buf joined; /* the runs' text, joined again only after a replacement changed it */
    buf_init(&joined);
    size_t *starts = office_runs_text(r, &joined);
    for (size_t i = 0; i < rw->nv && joined.len; i++) {
        const char *val = rw->v[i].value, *hit;
        size_t vl = strlen(val);
        for (int guard = 0; guard < 10000 && (hit = memmem(joined.data, joined.len, val, vl)); guard++) {
            replace_across(rw, r, starts, (size_t)(hit - joined.data), vl, rw->v[i].label);
            rw->replaced++;
            free(starts);
            buf_clear(&joined);
            starts = office_runs_text(r, &joined);
        }
    }
    free(starts);
    buf_free(&joined);
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
            if (office_is_paragraph(c)) {
                office_runs r = { 0 };
                office_collect_runs(c, &r);
                rewrite_runs(rw, &r);
                free(r.node);
            }
            rewrite_tree(rw, c, in_para || office_is_paragraph(c));
        } else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !in_para &&
                   !rewrite_number(rw, c)) {
            office_runs r = { &c, 1, 1 };
            rewrite_runs(rw, &r);
        }
    }
}

/* The author and last-modified-by properties (OOXML core.xml, ODF
 * meta.xml) emptied. */
static void scrub_people(rewrite *rw, xmlNode *n)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (office_named(c, "creator") || office_named(c, "lastModifiedBy") || office_named(c, "initial-creator")) {
            xmlNodeSetContent(c, (const xmlChar *)"");
            rw->removed++;
        } else {
            scrub_people(rw, c);
        }
    }
}

/* Properties whose people --scrub-metadata clears. */
static int people_part(const char *name)
{
    return !strcmp(name, "docProps/core.xml") || !strcmp(name, "meta.xml");
}

/* One XML part rewritten: the new bytes (heap), or NULL with *err. */
static unsigned char *rewrite_part(rewrite *rw, const unsigned char *data, size_t len, const char *name, size_t *out_len,
                                   char **err)
{
    xmlDoc *doc = office_parse(data, len, name, err);
    if (!doc) return NULL;
    remove_holders(rw, (xmlNode *)doc);
    if (rw->nids) remove_anchors(rw, xmlDocGetRootElement(doc));
    rewrite_tree(rw, (xmlNode *)doc, 0);
    if (rw->scrub_metadata && people_part(name)) scrub_people(rw, (xmlNode *)doc);
    for (size_t i = 0; i < rw->ncells; i++) number_cell_to_text(rw->cells[i]);
    free(rw->cells);
    rw->cells = NULL;
    rw->ncells = 0;
    return office_serialize(doc, out_len);
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
            unsigned char *d = office_member(z, (zip_uint64_t)i, &len);
            if (!d) {
                *err = xasprintf("%s: cannot be read again", name);
                return -1;
            }
            int anchors = rw->nids && pass == 1 && memmem(d, len, "commentR", 8); /* commentRange*, commentReference */
            int people = rw->scrub_metadata && pass == 1 && people_part(name);
            if (!holds_any((const char *)d, len, rw->v, rw->nv) && !anchors && !people) {
                free(d);
                continue;
            }
            size_t nl;
            unsigned char *nd = rewrite_part(rw, d, len, name, &nl, err);
            free(d);
            if (!nd) return -1;
            if (office_put(z, i, name, nd, nl, err) != 0) return -1;
        }
    return 0;
}

int office_redact(const unsigned char *data, size_t len, const office_value *v, size_t nv, int scrub_metadata,
                  office_redacted *out, char **err)
{
    memset(out, 0, sizeof *out);
    office_zip oz;
    if (office_zip_open(&oz, data, len, err) != 0) return -1;
    rewrite rw = { v, nv, NULL, 0, 0, 0, NULL, 0, scrub_metadata };
    int rc = -1;
    if (rewrite_members(oz.z, &rw, err) != 0) {
        office_zip_discard(&oz);
    } else if ((out->data = office_zip_close(&oz, &out->len, err))) {
        if ((out->view = office_view(out->data, out->len, &out->view_len))) {
            out->removed = rw.removed;
            out->replaced = rw.replaced;
            rc = 0;
        } else {
            *err = xstrdup("the copy cannot be read back");
            free(out->data);
            out->data = NULL;
        }
    }
    for (size_t i = 0; i < rw.nids; i++) free(rw.ids[i]);
    free(rw.ids);
    return rc;
}
