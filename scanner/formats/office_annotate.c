/* office_annotate.c — the review copy of a Word document (`pdpascan
 * annotate` on a DOCX): the original with one Word comment per finding, on
 * the paragraph that holds it, which a data owner opens in Word or
 * LibreOffice to see where the problems are.
 *
 * The k-th finding of a value goes on the k-th paragraph of the body whose
 * text (across its runs) holds that value.  A comment is anchored around
 * the paragraph's content (w:commentRangeStart, w:commentRangeEnd and a run
 * with w:commentReference), numbered after the document's own comments;
 * when the document has none, word/comments.xml is added with its
 * relationship and content type.  Every other member is copied byte for
 * byte. */
#define _GNU_SOURCE /* memmem */
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../extract/formats.h"
#include "office_xml.h"

#define COMMENTS_TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
#define COMMENTS_CONTENT "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* A member parsed, with where it is (-1: not in the archive). */
typedef struct part {
    const char *name;
    zip_int64_t index;
    xmlDoc *doc;
} part;

static int load(zip_t *z, part *p, char **err)
{
    p->doc = NULL;
    p->index = zip_name_locate(z, p->name, 0);
    if (p->index < 0) return 0;
    size_t len;
    unsigned char *d = office_member(z, (zip_uint64_t)p->index, &len);
    if (!d) {
        *err = xasprintf("%s: cannot be read", p->name);
        return -1;
    }
    p->doc = office_parse(d, len, p->name, err);
    free(d);
    return p->doc ? 0 : -1;
}

static int save(zip_t *z, part *p, char **err)
{
    size_t len;
    unsigned char *d = office_serialize(p->doc, &len);
    p->doc = NULL;
    return office_put(z, p->index, p->name, d, len, err);
}

/* The paragraph of the body holding value, after skip such paragraphs. */
static xmlNode *paragraph_with(xmlNode *n, const char *value, size_t *skip)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (office_named(c, "p")) {
            office_runs r = { 0 };
            office_collect_runs(c, &r);
            buf t;
            buf_init(&t);
            free(office_runs_text(&r, &t));
            free(r.node);
            int has = t.data && memmem(t.data, t.len, value, strlen(value));
            buf_free(&t);
            if (has && (*skip)-- == 0) return c;
        }
        xmlNode *in = paragraph_with(c, value, skip);
        if (in) return in;
    }
    return NULL;
}

static xmlNode *w_elem(xmlNode *parent, xmlNs *ns, const char *name, int id)
{
    xmlNode *e = xmlNewNode(ns, (const xmlChar *)name);
    char v[16];
    snprintf(v, sizeof v, "%d", id);
    xmlNewNsProp(e, ns, (const xmlChar *)"id", (const xmlChar *)v);
    if (parent) xmlAddChild(parent, e);
    return e;
}

/* Comment id around the content of paragraph p. */
static void anchor(xmlNode *p, int id)
{
    xmlNode *first = p->children;
    while (first && office_named(first, "pPr")) first = first->next;
    xmlNode *start = w_elem(NULL, p->ns, "commentRangeStart", id);
    if (first) xmlAddPrevSibling(first, start);
    else xmlAddChild(p, start);
    w_elem(p, p->ns, "commentRangeEnd", id);
    xmlNode *run = xmlNewChild(p, p->ns, (const xmlChar *)"r", NULL);
    w_elem(run, p->ns, "commentReference", id);
}

static void add_comment(xmlNode *root, int id, const char *text)
{
    xmlNs *ns = root->ns;
    xmlNode *c = w_elem(root, ns, "comment", id);
    xmlNewNsProp(c, ns, (const xmlChar *)"author", (const xmlChar *)"pdpascan");
    xmlNewNsProp(c, ns, (const xmlChar *)"initials", (const xmlChar *)"PDP");
    xmlNode *p = xmlNewChild(c, ns, (const xmlChar *)"p", NULL);
    xmlNode *r = xmlNewChild(p, ns, (const xmlChar *)"r", NULL);
    xmlNode *t = xmlNewTextChild(r, ns, (const xmlChar *)"t", (const xmlChar *)text);
    xmlNodeSetSpacePreserve(t, 1);
}

/* The first id after the document's own comments. */
static int next_id(xmlNode *root)
{
    int next = 0;
    for (xmlNode *c = root->children; c; c = c->next) {
        xmlChar *v = office_named(c, "comment") ? xmlGetNsProp(c, (const xmlChar *)"id", c->ns ? c->ns->href : NULL) : NULL;
        if (v && atoi((const char *)v) >= next) next = atoi((const char *)v) + 1;
        xmlFree(v);
    }
    return next;
}

/* word/comments.xml made known to the package: a relationship of the
 * document and a content type. */
static int register_comments(zip_t *z, char **err)
{
    part rels = { "word/_rels/document.xml.rels", -1, NULL }, types = { "[Content_Types].xml", -1, NULL };
    if (load(z, &rels, err) != 0 || load(z, &types, err) != 0 || !rels.doc || !types.doc) {
        if (!*err) *err = xstrdup("the document has no relationships or content types to add comments to");
        xmlFreeDoc(rels.doc);
        xmlFreeDoc(types.doc);
        return -1;
    }
    xmlNode *r = xmlNewChild(xmlDocGetRootElement(rels.doc), xmlDocGetRootElement(rels.doc)->ns,
                             (const xmlChar *)"Relationship", NULL);
    xmlNewProp(r, (const xmlChar *)"Id", (const xmlChar *)"rIdPdpascanComments");
    xmlNewProp(r, (const xmlChar *)"Type", (const xmlChar *)COMMENTS_TYPE);
    xmlNewProp(r, (const xmlChar *)"Target", (const xmlChar *)"comments.xml");
    xmlNode *o = xmlNewChild(xmlDocGetRootElement(types.doc), xmlDocGetRootElement(types.doc)->ns,
                             (const xmlChar *)"Override", NULL);
    xmlNewProp(o, (const xmlChar *)"PartName", (const xmlChar *)"/word/comments.xml");
    xmlNewProp(o, (const xmlChar *)"ContentType", (const xmlChar *)COMMENTS_CONTENT);
    return save(z, &rels, err) == 0 && save(z, &types, err) == 0 ? 0 : -1;
}

/* The notes into the parsed document and comments: how many were placed. */
static size_t place(xmlNode *body, xmlNode *comments, const office_note *notes, size_t n)
{
    int id = next_id(comments);
    size_t placed = 0;
    for (size_t i = 0; i < n; i++) {
        size_t skip = 0; /* earlier notes of the same value took the earlier paragraphs */
        for (size_t k = 0; k < i; k++) skip += !strcmp(notes[k].value, notes[i].value);
        xmlNode *p = paragraph_with(body, notes[i].value, &skip);
        if (!p) continue;
        anchor(p, id);
        add_comment(comments, id, notes[i].text);
        id++;
        placed++;
    }
    return placed;
}

int office_annotate(const unsigned char *data, size_t len, const office_note *notes, size_t n, unsigned char **out,
                    size_t *out_len, size_t *placed, char **err)
{
    *out = NULL;
    *placed = 0;
    office_zip oz;
    if (office_zip_open(&oz, data, len, err) != 0) return -1;
    part doc = { "word/document.xml", -1, NULL }, com = { "word/comments.xml", -1, NULL };
    int ok = load(oz.z, &doc, err) == 0 && load(oz.z, &com, err) == 0;
    if (ok && !doc.doc) {
        *err = xstrdup("not a Word document (no word/document.xml)");
        ok = 0;
    }
    if (ok && !com.doc) { /* no comments yet: a comments part of our own */
        com.doc = xmlNewDoc((const xmlChar *)"1.0");
        xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"comments");
        xmlSetNs(root, xmlNewNs(root, (const xmlChar *)W_NS, (const xmlChar *)"w"));
        xmlDocSetRootElement(com.doc, root);
        ok = register_comments(oz.z, err) == 0;
    }
    if (ok) {
        *placed = place(xmlDocGetRootElement(doc.doc), xmlDocGetRootElement(com.doc), notes, n);
        ok = save(oz.z, &doc, err) == 0 && save(oz.z, &com, err) == 0;
    }
    xmlFreeDoc(doc.doc);
    xmlFreeDoc(com.doc);
    if (!ok) {
        office_zip_discard(&oz);
        return -1;
    }
    *out = office_zip_close(&oz, out_len, err);
    return *out ? 0 : -1;
}
