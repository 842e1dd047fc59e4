/* redact_office.c — the library's side of a redacted Office document
 * (DOCX, XLSX, PPTX, ODT, ODS, ODP): the values to replace, as they stand
 * in the document's text, and their labels; the format plugin
 * (formats/office_redact.c) rewrites the XML.
 *
 * A finding's match is the text as read, where a table row's cells are
 * joined by tabs and paragraphs by line breaks: each piece between them is
 * a value of its own (a first name and a surname in two cells), replaced
 * wherever it stands (redact_pieces, also used for HTML).  Pieces shorter
 * than three characters are left out (a lone title or digit would be
 * replaced all over the document); the byte check still sees them.
 * A document embedded in this one with something to redact is redacted as
 * a document of its own, then put back (redact_zip.c). */
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "../extract/formats.h"
#include "../util/utf8.h"

int redact_is_office(const char *format)
{
    static const char *const kinds[] = { "docx", "xlsx", "pptx", "odt", "ods", "odp" };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (!strcmp(format, kinds[i])) return 1;
    return 0;
}

static void add_value(office_value **v, size_t *n, const char *s, size_t len, const char *label)
{
    while (len && (*s == ' ')) s++, len--;
    while (len && s[len - 1] == ' ') len--;
    if (utf8_count(s, len) < 3) return;
    for (size_t i = 0; i < *n; i++)
        if (strlen((*v)[i].value) == len && !memcmp((*v)[i].value, s, len)) return;
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[*n].value = xstrndup(s, len);
    (*v)[*n].label = label && *label ? label : "[REDACTED]";
    (*n)++;
}

int redact_longest_first(const void *a, const void *b)
{
    size_t la = strlen(((const office_value *)a)->value), lb = strlen(((const office_value *)b)->value);
    return la < lb ? 1 : la > lb ? -1 : 0;
}

size_t redact_pieces(const redact_values *v, office_value **pieces)
{
    office_value *vals = NULL;
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) {
        const char *m = v->f[i]->match;
        for (const char *p = m;;) {
            size_t k = strcspn(p, "\t\n");
            add_value(&vals, &n, p, k, v->f[i]->suggestion);
            if (!p[k]) break;
            p += k + 1;
        }
    }
    if (n) qsort(vals, n, sizeof *vals, redact_longest_first);
    *pieces = vals;
    return n;
}

void redact_pieces_free(office_value *pieces, size_t n)
{
    for (size_t i = 0; i < n; i++) free((char *)pieces[i].value);
    free(pieces);
}

int redact_office(const pdp_rules *r, const pdp_result *res, const redact_values *v, const unsigned char *data,
                  size_t len, redact_copy *c, char **err)
{
    const char *why = NULL;
    const extract_fns *fns = extract_formats(&why);
    if (!fns) {
        *err = xstrdup(why);
        return -1;
    }
    redact_values own = { xcalloc(v->n + 1, sizeof *own.f), 0, v->level, v->scrub_metadata };
    for (size_t i = 0; i < v->n; i++)
        if (redact_own(res, v->f[i])) own.f[own.n++] = v->f[i];
    office_value *vals;
    size_t n = redact_pieces(&own, &vals);
    free(own.f);
    office_redacted out;
    int rc = fns->redact_office(data, len, vals, n, v->scrub_metadata, &out, err);
    redact_pieces_free(vals, n);
    if (rc != 0) return -1;
    c->data = (buf){ (char *)out.data, out.len, out.len + 1 };
    c->view = (buf){ (char *)out.view, out.view_len, out.view_len + 1 };
    if (!redact_has_members(res, v->level)) return 0;
    buf written = c->data; /* the embedded documents, from the rewritten package */
    buf_init(&c->data);
    rc = redact_members(r, res, v->level, (const unsigned char *)written.data, written.len, c, err);
    buf_free(&written);
    return rc;
}
