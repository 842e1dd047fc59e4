/* office_xml.h — what the writers of Office copies share (office_xml.c):
 * a document's ZIP opened for rewriting in memory, its members, its XML
 * parts parsed and written back, and a paragraph's text across its runs. */
#ifndef PDP_OFFICE_XML_H
#define PDP_OFFICE_XML_H

#include <libxml/tree.h>
#include <stddef.h>
#include <zip.h>

#include "../util/buf.h"

/* A document's ZIP, opened over a copy of data for changes. */
typedef struct office_zip {
    zip_t *z;
    zip_source_t *src;
} office_zip;
/* 0, or -1 with *err (heap). */
int office_zip_open(office_zip *oz, const unsigned char *data, size_t len, char **err);
/* The archive with its changes (heap, *len), the handle closed; or NULL
 * with *err.  office_zip_discard drops the changes instead. */
unsigned char *office_zip_close(office_zip *oz, size_t *len, char **err);
void office_zip_discard(office_zip *oz);
/* Member i inflated (heap, NUL-terminated), or NULL. */
unsigned char *office_member(zip_t *z, zip_uint64_t i, size_t *len);
/* Replace member i (or add it as name when i < 0) with data (taken), deflated. */
int office_put(zip_t *z, zip_int64_t i, const char *name, unsigned char *data, size_t len, char **err);

/* The archive data read back for the byte check: every member's name and
 * inflated bytes (heap, *view_len), or NULL. */
unsigned char *office_view(const unsigned char *data, size_t len, size_t *view_len);

/* An XML part parsed (no DTD, no entity, no network), or NULL with *err. */
xmlDoc *office_parse(const unsigned char *data, size_t len, const char *name, char **err);
/* doc written out in UTF-8 (heap, *len), then freed. */
unsigned char *office_serialize(xmlDoc *doc, size_t *len);

/* Is n the element of that local name? */
int office_named(const xmlNode *n, const char *local);
/* A paragraph: w:p, a:p, text:p, text:h, an XLSX string (si, is). */
int office_is_paragraph(const xmlNode *n);

/* The text nodes of paragraph p in order, not those of a paragraph nested
 * in it (heap array, n of them). */
typedef struct office_runs {
    xmlNode **node;
    size_t n, cap;
} office_runs;
void office_collect_runs(xmlNode *p, office_runs *r);
/* Their text joined into out, with where each run starts (heap, r->n + 1). */
size_t *office_runs_text(const office_runs *r, buf *out);

#endif
