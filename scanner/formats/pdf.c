/* pdf.c — PDF through poppler-glib.
 *
 * Per page (read by pdf_page.c, on one thread or several: pdf_pages.h,
 * taken here in page order): the text laid out again from each character's
 * box, a table's rows as lines and its cells separated by tabs
 * (pdf_layout.h), each character keeping its box, so that every finding
 * gets its page and bounding box (PDF points, origin top-left);
 * annotation contents and authors (pop-ups included), form field values.
 * Per document: the information dictionary and XMP metadata, and embedded
 * files, each scanned as a document of its own ("outer.pdf!/name").  A page
 * with images and no text layer is an `unreadable` finding and makes the file
 * partial, unless OCR reads it (pdf_ocr.c): a scanned page that cannot be
 * read cannot be checked.  An encrypted PDF is an error. */
#define _GNU_SOURCE /* memmem */
#include <poppler.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../extract/extract.h"
#include "../util/buf.h"
#include "page_text.h"
#include "pdf_pages.h"

static int has_text(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\t' && *s != '\f') return 1;
    return 0;
}

static void piece(extract_ctx *x, const pdp_location *loc, const char *text)
{
    if (!has_text(text)) return;
    docscan_piece(x->ds, loc);
    docscan_text(x->ds, text, strlen(text));
}

/* The information dictionary, each value on a line after its label (the
 * person-name-metadata rule reads Author:), and the XMP metadata. */
static void scan_metadata(extract_ctx *x, PopplerDocument *doc)
{
    static const struct {
        const char *label;
        gchar *(*get)(PopplerDocument *);
    } fields[] = { { "Title:", poppler_document_get_title },       { "Author:", poppler_document_get_author },
                   { "Subject:", poppler_document_get_subject },   { "Keywords:", poppler_document_get_keywords },
                   { "Creator:", poppler_document_get_creator },   { "Producer:", poppler_document_get_producer },
                   { "", poppler_document_get_metadata } };
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        gchar *v = fields[i].get(doc);
        if (v && *v && g_utf8_validate(v, -1, NULL)) buf_printf(&b, "%s%s%s\n", fields[i].label, *fields[i].label ? " " : "", v);
        g_free(v);
    }
    piece(x, &(pdp_location){ .part = "metadata" }, b.data);
    buf_free(&b);
}

typedef struct page_scan {
    extract_ctx *x;
    int drawn;   /* pages that gave text or images */
    int opened;  /* pages poppler could open */
    int stopped; /* by a limit */
    unsigned pages; /* to be read */
} page_scan;

/* A page read (pdf_pages.h) into the scan, in page order. */
static int take_page(void *ctx, int no, pdf_page *pg)
{
    page_scan *s = ctx;
    extract_ctx *x = s->x;
    if (docscan_full(x->ds)) return 1;
    if (pg->state == PAGE_UNREAD || extract_out_of_time(x)) {
        result_set_status(x->res, PDP_STATUS_PARTIAL, "time limit reached; the rest was not checked");
        return s->stopped = 1;
    }
    if (pg->state == PAGE_DAMAGED) {
        result_set_status(x->res, PDP_STATUS_PARTIAL, "a damaged page could not be read");
        return 0;
    }
    s->opened++;
    if (pg->state == PAGE_IMAGES)
        docscan_unreadable_why(x->ds, &(pdp_location){ .page = no + 1 }, "page without text layer", pg->why, 1);
    if (pg->state == PAGE_TEXT || pg->state == PAGE_OCR)
        scan_page_text(x, &pg->pl, no + 1, pg->state == PAGE_OCR ? "ocr" : NULL);
    s->drawn += pg->state == PAGE_IMAGES || pg->state == PAGE_TEXT || pg->state == PAGE_OCR;
    for (size_t i = 0; i < pg->nnotes; i++) piece(x, &pg->notes[i].loc, pg->notes[i].text);
    extract_page_done(x, (unsigned)no + 1, s->pages);
    return 0;
}

typedef struct sink {
    extract_ctx *x;
    buf data;
    int over;
} sink;

static gboolean save_cb(const gchar *data, gsize n, gpointer user, GError **err)
{
    sink *s = user;
    if (!extract_take_bytes(s->x, n, "PDF attachment")) {
        s->over = 1;
        g_set_error_literal(err, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "limit");
        return FALSE;
    }
    buf_append(&s->data, data, n);
    return TRUE;
}

static void scan_attachments(extract_ctx *x, PopplerDocument *doc)
{
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    if (!poppler_document_has_attachments(doc)) return;
    GList *atts = poppler_document_get_attachments(doc);
    G_GNUC_END_IGNORE_DEPRECATIONS
    for (GList *l = atts; l; l = l->next) {
        PopplerAttachment *a = l->data;
        sink s = { x, { 0 }, 0 };
        buf_init(&s.data);
        GError *err = NULL;
        const char *name = a->name && *a->name ? a->name : "attachment";
        if (poppler_attachment_save_to_callback(a, save_cb, &s, &err)) {
            extract_nested(x, name, (const unsigned char *)(s.data.data ? s.data.data : ""), s.data.len);
        } else if (!s.over) {
            pdp_result *c = extract_child(x, name);
            if (c) result_set_status(c, PDP_STATUS_ERROR, "embedded file could not be read");
        }
        g_clear_error(&err);
        buf_free(&s.data);
        g_object_unref(a);
    }
    g_list_free(atts);
}

/* Is the file whole?  A complete PDF ends with %%EOF, and an incremental
 * update adds its own: bytes after the last marker that are not white space
 * are an update cut short (poppler quietly reads the revision before it).
 * NULL when whole, else why not. */
static const char *cut_short(const unsigned char *d, size_t len)
{
    size_t i = len;
    while (i >= 5 && memcmp(d + i - 5, "%%EOF", 5) != 0) i--;
    if (i < 5) return "truncated PDF (no end-of-file marker); what could be read was checked";
    for (; i < len; i++)
        if (!strchr(" \t\r\n\f", d[i]) && d[i] != 0)
            return "truncated PDF (an update after the last end-of-file marker is cut short); "
                   "only the revision before it was checked";
    return NULL;
}

/* Does the file say it draws text (a font, an object stream that may hold
 * one, a text operator)?  Then pages that give nothing were not read. */
static int promises_text(const unsigned char *d, size_t len)
{
    static const char *marks[] = { "/Font", "/ObjStm", "Tj", "TJ" };
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (memmem(d, len, marks[k], strlen(marks[k]))) return 1;
    return 0;
}

void extract_pdf(extract_ctx *x, const unsigned char *data, size_t len)
{
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *err = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
    if (!doc) {
        int enc = err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED;
        result_set_status(x->res, PDP_STATUS_ERROR,
                          enc ? "encrypted PDF (a password is needed to open it); not checked"
                              : "damaged or truncated PDF: it cannot be opened; not checked");
        g_clear_error(&err);
        g_bytes_unref(bytes);
        return;
    }
    int n = poppler_document_get_n_pages(doc);
    x->res->pages = n;
    const char *cut = cut_short(data, len);
    if (cut) result_set_status(x->res, PDP_STATUS_PARTIAL, cut);
    scan_metadata(x, doc);
    if (n <= 0)
        result_set_status(x->res, PDP_STATUS_ERROR, "damaged PDF: its page tree gives no page to read; not checked");
    pages_job job = { doc, data, len, (unsigned)n > x->lim->max_pages ? (int)x->lim->max_pages : n,
                      x->opt ? x->opt->threads : 0, x->lim->deadline, x->rules, extract_ocr_dpi(x) };
    page_scan s = { .x = x, .pages = (unsigned)job.npages };
    if (n > 0) pdf_pages_read(&job, take_page, &s);
    if (n > job.npages && !s.stopped && !docscan_full(x->ds)) {
        result_set_status(x->res, PDP_STATUS_PARTIAL, "more pages than the limit; the rest were not checked");
        s.stopped = 1;
    }
    if (n > 0 && !s.opened && !s.stopped)
        result_set_status(x->res, PDP_STATUS_ERROR, "damaged PDF: no page could be read; not checked");
    else if (n > 0 && !s.drawn && !s.stopped && promises_text(data, len))
        result_set_status(x->res, PDP_STATUS_PARTIAL,
                          "damaged PDF: it has fonts or text, but no page gave any (broken object streams?); not checked");
    scan_attachments(x, doc);
    g_object_unref(doc);
    g_bytes_unref(bytes);
}
