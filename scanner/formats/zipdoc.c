/* zipdoc.c — a ZIP input: decide what it is from its members (never its
 * name) and hand it to the DOCX/PPTX, XLSX, ODF or archive extractor; and
 * what every Office and ODF document holds besides its text: properties,
 * embedded documents and pictures (read by OCR when it is on, each as a
 * document of its own; else noted as not checked). */
#include <stdlib.h>
#include <string.h>

#include "container.h"
#include "ocr.h"
#include "xmltext.h"
#include "../util/buf.h"

/* The `mimetype` member of an OpenDocument file, or NULL. */
static char *odf_mimetype(extract_ctx *x, zip_t *z)
{
    zip_int64_t i = zipx_find(z, "mimetype");
    if (i < 0) return NULL;
    zip_stat_t st;
    if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 || st.size > 200) return NULL;
    size_t len;
    unsigned char *m = zipx_read(x, z, (zip_uint64_t)i, &len);
    if (!m) return NULL;
    m[len] = 0;
    return (char *)m;
}

void extract_zip(extract_ctx *x, const unsigned char *data, size_t len)
{
    zip_t *z = zipx_open(x, data, len);
    if (!z) return;
    if (zip_get_num_entries(z, 0) > (zip_int64_t)x->lim->max_members) {
        result_set_status(x->res, PDP_STATUS_ERROR, "more ZIP members than the limit; not checked");
        zip_discard(z);
        return;
    }
    char *mime = odf_mimetype(x, z);
    if (zipx_find(z, "word/document.xml") >= 0) {
        x->res->format = "docx";
        extract_docx_pptx(x, z, 0);
    } else if (zipx_find(z, "xl/workbook.xml") >= 0) {
        x->res->format = "xlsx";
        extract_xlsx(x, z);
    } else if (zipx_find(z, "ppt/presentation.xml") >= 0) {
        x->res->format = "pptx";
        extract_docx_pptx(x, z, 1);
    } else if (mime && strncmp(mime, "application/vnd.oasis.opendocument.", 35) == 0) {
        const char *kind = mime + 35;
        int sheet = strncmp(kind, "spreadsheet", 11) == 0;
        x->res->format = sheet ? "ods" : strncmp(kind, "presentation", 12) == 0 ? "odp" : "odt";
        extract_odf(x, z, sheet);
    } else {
        x->res->format = "zip";
        extract_archive(x, z);
    }
    free(mime);
    zip_discard(z);
}

void cell_name(char out[16], unsigned long row, unsigned long col)
{
    char letters[8];
    int n = 0;
    col++;
    while (col && n < 7) {
        letters[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    int k = 0;
    while (n) out[k++] = letters[--n];
    snprintf(out + k, 16 - (size_t)k, "%lu", row + 1);
}

static int has_prefix(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* Member i scanned as a document of its own (outer!/name). */
static void nested_member(extract_ctx *x, zip_t *z, zip_uint64_t i, const char *name)
{
    size_t len;
    unsigned char *data = name[strlen(name) - 1] == '/' ? NULL : zipx_read(x, z, i, &len);
    if (!data) return;
    extract_nested(x, name, data, len);
    free(data);
}

static int common_part(extract_ctx *x, zip_t *z, zip_uint64_t i, const char *name, size_t *images)
{
    if (!strcmp(name, "docProps/core.xml") || !strcmp(name, "docProps/app.xml") ||
        !strcmp(name, "docProps/custom.xml") || !strcmp(name, "meta.xml")) {
        xml_part_text(x, z, i, &style_props, &(pdp_location){ .part = (char *)name });
        return 1;
    }
    if (strstr(name, "/embeddings/") || has_prefix(name, "Object ") || strstr(name, "/Object ")) {
        nested_member(x, z, i, name);
        return 1;
    }
    if (strstr(name, "/media/") || has_prefix(name, "Pictures/")) {
        const char *why;
        if (!extract_ocr_dpi(x) || ocr_ready(&why) != 0) { /* noted once for the document (each_part) */
            (*images)++;
            return 1;
        }
        nested_member(x, z, i, name); /* read by OCR: outer.docx!/word/media/image1.png */
        return 1;
    }
    return 0;
}

void each_part(extract_ctx *x, zip_t *z, part_fn fn, void *ctx)
{
    zip_int64_t n = zip_get_num_entries(z, 0);
    size_t images = 0;
    for (zip_int64_t k = 0; k < n && !docscan_full(x->ds) && !extract_out_of_time(x); k++) {
        zip_uint64_t i = (zip_uint64_t)k;
        const char *name = zip_get_name(z, i, 0);
        if (name && !common_part(x, z, i, name, &images)) fn(x, z, i, name, ctx);
    }
    if (!images) return;
    char *what = xasprintf("%zu embedded image(s) not checked (no OCR)", images);
    docscan_unreadable(x->ds, &(pdp_location){ .part = "media" }, what, 0);
    free(what);
}

/* Every member as a document of its own. */
void extract_archive(extract_ctx *x, zip_t *z)
{
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n && !extract_members_spent(x) && !extract_out_of_time(x); i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        if (!name || name[0] == 0 || name[strlen(name) - 1] == '/') continue;
        size_t len;
        unsigned char *data = zipx_read(x, z, (zip_uint64_t)i, &len);
        if (!data) {
            pdp_result *c = extract_child(x, name);
            if (c)
                result_set_status(c, PDP_STATUS_ERROR,
                                  "could not be read from the archive (encrypted, damaged or over a limit)");
            continue;
        }
        extract_nested(x, name, data, len);
        free(data);
    }
}
