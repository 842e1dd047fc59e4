/* zipxml.h — ZIP members and the XML inside them, within the limits.
 *
 * Members are read through the shared budget (total bytes decompressed) and
 * refused when their compression ratio is a bomb's.  XML is read with
 * libxml2's streaming reader: no network, no DTD loading, no entity
 * expansion (billion laughs and XXE have nothing to work with), errors
 * collected instead of printed. */
#ifndef PDP_ZIPXML_H
#define PDP_ZIPXML_H

#include <libxml/xmlreader.h>
#include <zip.h>

#include "../extract/extract.h"

/* Open a ZIP held in memory; NULL (result error with the reason) when it is
 * not a readable ZIP. */
zip_t *zipx_open(extract_ctx *x, const unsigned char *data, size_t len);

/* Index of the member called name, or -1. */
zip_int64_t zipx_find(zip_t *z, const char *name);

/* Read member i whole (heap, *len set); NULL with the result partial when
 * it is encrypted, damaged or over a limit. */
unsigned char *zipx_read(extract_ctx *x, zip_t *z, zip_uint64_t i, size_t *len);

/* A streaming XML reader over member i; NULL with the result partial when
 * the member cannot be opened.  Close with zipx_xml_close, which also marks
 * the result partial if the XML was damaged or a limit was hit. */
typedef struct zipx_xml zipx_xml;
zipx_xml *zipx_xml_open(extract_ctx *x, zip_t *z, zip_uint64_t i);
xmlTextReaderPtr zipx_xml_reader(zipx_xml *zx);
/* Next node: 1, or 0 at the end; an XML error ends it and is remembered. */
int zipx_xml_read(zipx_xml *zx);
void zipx_xml_close(zipx_xml *zx);

/* Member i through libxml2's SAX2 push parser with the handler's callbacks
 * (their user data: ctx) — the big parts, sheets, where the reader's tree
 * of nodes costs more than the detectors: no per-node allocation.  Same
 * limits and fail-closed rules as the reader: a DTD or an entity reference,
 * damaged XML, or a member over its size makes the result partial.  The
 * callbacks set *stop to end early (a full result, time up). */
void zipx_sax_parse(extract_ctx *x, zip_t *z, zip_uint64_t i, xmlSAXHandler *sax, void *ctx, const int *stop);

/* Local name of the reader's current node, and whether it is name. */
const char *xr_name(xmlTextReaderPtr r);
int xr_is(xmlTextReaderPtr r, const char *local);
/* Attribute by local name (any namespace), heap or NULL. */
char *xr_attr(xmlTextReaderPtr r, const char *local);

#endif
