/* pdf_scrub.c — what a redacted PDF must lose beyond its page text (see
 * pdf_scrub.h): metadata, annotations, form fields and attachments that
 * hold a value, found by asking the caller (rd->holds) of their text.
 * They are taken out whole rather than edited: a comment or an author
 * field that names a person has nothing left worth keeping, and an edited
 * field would keep its old appearance stream.  Also the read-back view of
 * the written copy that the byte check searches. */
#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "pdf_scrub.h"

static int holds(fz_context *ctx, const pdf_redaction *rd, pdf_obj *s)
{
    if (!pdf_is_string(ctx, s)) return 0;
    const char *t = pdf_to_text_string(ctx, s);
    return rd->holds(rd->arg, t, strlen(t));
}

static size_t scrub_info(fz_context *ctx, pdf_document *doc, const pdf_redaction *rd)
{
    pdf_obj *info = pdf_dict_get(ctx, pdf_trailer(ctx, doc), PDF_NAME(Info));
    size_t n = 0;
    for (int i = pdf_dict_len(ctx, info) - 1; i >= 0; i--)
        if (holds(ctx, rd, pdf_dict_get_val(ctx, info, i)) ||
            (rd->scrub_metadata && pdf_name_eq(ctx, pdf_dict_get_key(ctx, info, i), PDF_NAME(Author)))) {
            pdf_dict_del(ctx, info, pdf_dict_get_key(ctx, info, i));
            n++;
        }
    pdf_obj *root = pdf_dict_get(ctx, pdf_trailer(ctx, doc), PDF_NAME(Root));
    pdf_obj *xmp = pdf_dict_get(ctx, root, PDF_NAME(Metadata));
    if (pdf_is_stream(ctx, xmp)) {
        fz_buffer *b = pdf_load_stream(ctx, xmp);
        unsigned char *d;
        size_t len = fz_buffer_storage(ctx, b, &d);
        int bad = rd->scrub_metadata || rd->holds(rd->arg, (const char *)d, len); /* XMP names the author too */
        fz_drop_buffer(ctx, b);
        if (bad) {
            pdf_dict_del(ctx, root, PDF_NAME(Metadata));
            n++;
        }
    }
    return n;
}

/* Does the appearance (normal, one state) of annotation a hold a value? */
static int appearance_holds(fz_context *ctx, const pdf_redaction *rd, pdf_obj *a)
{
    pdf_obj *ap = pdf_dict_getp(ctx, a, "AP/N");
    if (!pdf_is_stream(ctx, ap)) return 0;
    fz_buffer *b = pdf_load_stream(ctx, ap);
    unsigned char *d;
    size_t len = fz_buffer_storage(ctx, b, &d);
    int h = rd->holds(rd->arg, (const char *)d, len);
    fz_drop_buffer(ctx, b);
    return h;
}

static int names_attachment(fz_context *ctx, const pdf_redaction *rd, pdf_obj *key, pdf_obj *spec)
{
    const char *names[3] = { key ? pdf_to_text_string(ctx, key) : "", pdf_dict_get_text_string(ctx, spec, PDF_NAME(UF)),
                             pdf_dict_get_text_string(ctx, spec, PDF_NAME(F)) };
    for (size_t i = 0; i < rd->nattachments; i++)
        for (int k = 0; k < 3; k++)
            if (*names[k] && !strcmp(names[k], rd->attachments[i])) return 1;
    return 0;
}

static int annot_holds(fz_context *ctx, const pdf_redaction *rd, pdf_obj *a)
{
    static const char *const keys[] = { "Contents", "T", "RC", "Subj", "TU", "DS" };
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        if (holds(ctx, rd, pdf_dict_gets(ctx, a, keys[k]))) return 1;
    if (holds(ctx, rd, pdf_dict_get_inheritable(ctx, a, PDF_NAME(V)))) return 1;
    if (pdf_name_eq(ctx, pdf_dict_get(ctx, a, PDF_NAME(Subtype)), PDF_NAME(FileAttachment)) &&
        names_attachment(ctx, rd, NULL, pdf_dict_get(ctx, a, PDF_NAME(FS))))
        return 1;
    return appearance_holds(ctx, rd, a);
}

/* A form field taken out of the form: from its parent's kids, or the
 * form's fields. */
static void unlink_field(fz_context *ctx, pdf_document *doc, pdf_obj *field)
{
    pdf_obj *parent = pdf_dict_get(ctx, field, PDF_NAME(Parent));
    pdf_obj *list = parent ? pdf_dict_get(ctx, parent, PDF_NAME(Kids))
                           : pdf_dict_getp(ctx, pdf_trailer(ctx, doc), "Root/AcroForm/Fields");
    int at = pdf_array_find(ctx, list, field);
    if (at >= 0) pdf_array_delete(ctx, list, at);
}

static size_t scrub_annots(fz_context *ctx, pdf_document *doc, const pdf_redaction *rd)
{
    size_t n = 0;
    int pages = pdf_count_pages(ctx, doc);
    for (int p = 0; p < pages; p++) {
        pdf_obj *page = pdf_lookup_page_obj(ctx, doc, p);
        pdf_obj *annots = pdf_dict_get(ctx, page, PDF_NAME(Annots));
        for (int i = pdf_array_len(ctx, annots) - 1; i >= 0; i--) {
            pdf_obj *a = pdf_array_get(ctx, annots, i);
            if (!annot_holds(ctx, rd, a)) continue;
            pdf_obj *popup = pdf_dict_get(ctx, a, PDF_NAME(Popup));
            if (pdf_name_eq(ctx, pdf_dict_get(ctx, a, PDF_NAME(Subtype)), PDF_NAME(Widget))) unlink_field(ctx, doc, a);
            pdf_array_delete(ctx, annots, i);
            n++;
            int at = popup ? pdf_array_find(ctx, annots, popup) : -1;
            if (at >= 0) {
                pdf_array_delete(ctx, annots, at);
                if (at < i) i--;
            }
        }
    }
    return n;
}

/* The embedded files of name tree node named in rd->attachments, out. */
static size_t scrub_files(fz_context *ctx, const pdf_redaction *rd, pdf_obj *node, int depth)
{
    size_t n = 0;
    if (depth > 32) return 0;
    pdf_obj *kids = pdf_dict_get(ctx, node, PDF_NAME(Kids));
    for (int i = 0; i < pdf_array_len(ctx, kids); i++) n += scrub_files(ctx, rd, pdf_array_get(ctx, kids, i), depth + 1);
    pdf_obj *names = pdf_dict_get(ctx, node, PDF_NAME(Names));
    for (int i = pdf_array_len(ctx, names) - 2; i >= 0; i -= 2)
        if (names_attachment(ctx, rd, pdf_array_get(ctx, names, i), pdf_array_get(ctx, names, i + 1))) {
            pdf_array_delete(ctx, names, i + 1);
            pdf_array_delete(ctx, names, i);
            n++;
        }
    return n;
}

/* Every embedded file and file attachment annotation, out: when a name
 * to remove matched none (two readers decode names apart: control
 * characters, PDFDocEncoding), nothing of them may stay. */
static size_t drop_all_files(fz_context *ctx, pdf_document *doc)
{
    size_t n = 0;
    pdf_obj *names = pdf_dict_getp(ctx, pdf_trailer(ctx, doc), "Root/Names");
    if (pdf_dict_get(ctx, names, PDF_NAME(EmbeddedFiles))) {
        pdf_dict_del(ctx, names, PDF_NAME(EmbeddedFiles));
        n++;
    }
    for (int p = 0; p < pdf_count_pages(ctx, doc); p++) {
        pdf_obj *annots = pdf_dict_get(ctx, pdf_lookup_page_obj(ctx, doc, p), PDF_NAME(Annots));
        for (int i = pdf_array_len(ctx, annots) - 1; i >= 0; i--)
            if (pdf_name_eq(ctx, pdf_dict_get(ctx, pdf_array_get(ctx, annots, i), PDF_NAME(Subtype)),
                            PDF_NAME(FileAttachment))) {
                pdf_array_delete(ctx, annots, i);
                n++;
            }
    }
    return n;
}

size_t pdf_scrub(fz_context *ctx, pdf_document *doc, const pdf_redaction *rd)
{
    size_t n = scrub_info(ctx, doc, rd) + scrub_annots(ctx, doc, rd);
    if (!rd->nattachments) return n;
    size_t files = scrub_files(ctx, rd, pdf_dict_getp(ctx, pdf_trailer(ctx, doc), "Root/Names/EmbeddedFiles"), 0);
    return n + (files < rd->nattachments ? files + drop_all_files(ctx, doc) : files);
}

/* Every string inside obj (not following references) into b. */
static void strings_of(fz_context *ctx, pdf_obj *obj, fz_buffer *b, int depth)
{
    if (depth > 64 || pdf_is_indirect(ctx, obj)) return;
    if (pdf_is_string(ctx, obj)) {
        fz_append_data(ctx, b, pdf_to_str_buf(ctx, obj), pdf_to_str_len(ctx, obj));
        fz_append_byte(ctx, b, '\n');
        fz_append_string(ctx, b, pdf_to_text_string(ctx, obj));
        fz_append_byte(ctx, b, '\n');
    } else if (pdf_is_array(ctx, obj)) {
        for (int i = 0; i < pdf_array_len(ctx, obj); i++) strings_of(ctx, pdf_array_get(ctx, obj, i), b, depth + 1);
    } else if (pdf_is_dict(ctx, obj)) {
        for (int i = 0; i < pdf_dict_len(ctx, obj); i++) strings_of(ctx, pdf_dict_get_val(ctx, obj, i), b, depth + 1);
    }
}

/* Pictures and font programs are not text: their streams are left out. */
static int is_binary(fz_context *ctx, pdf_obj *dict)
{
    pdf_obj *sub = pdf_dict_get(ctx, dict, PDF_NAME(Subtype));
    return pdf_name_eq(ctx, sub, PDF_NAME(Image)) || pdf_dict_get(ctx, dict, PDF_NAME(Length1)) ||
           pdf_name_eq(ctx, sub, PDF_NAME(Type1C)) || pdf_name_eq(ctx, sub, PDF_NAME(CIDFontType0C)) ||
           pdf_name_eq(ctx, sub, PDF_NAME(OpenType));
}

static void object_view(fz_context *ctx, pdf_document *doc, int num, fz_buffer *b)
{
    pdf_obj *obj = pdf_load_object(ctx, doc, num);
    fz_try(ctx)
    {
        strings_of(ctx, obj, b, 0);
        if (pdf_obj_num_is_stream(ctx, doc, num) && !is_binary(ctx, obj)) {
            fz_buffer *s = pdf_load_stream_number(ctx, doc, num);
            fz_append_buffer(ctx, b, s);
            fz_append_byte(ctx, b, '\n');
            fz_drop_buffer(ctx, s);
        }
    }
    fz_always(ctx) pdf_drop_obj(ctx, obj);
    fz_catch(ctx) fz_rethrow(ctx);
}

unsigned char *pdf_view_of(fz_context *ctx, const unsigned char *data, size_t len, size_t *n)
{
    fz_stream *stm = fz_open_memory(ctx, data, len);
    pdf_document *doc = NULL;
    fz_buffer *b = NULL;
    unsigned char *view = NULL;
    fz_var(doc), fz_var(b);
    fz_try(ctx)
    {
        doc = pdf_open_document_with_stream(ctx, stm);
        b = fz_new_buffer(ctx, len);
        strings_of(ctx, pdf_trailer(ctx, doc), b, 0);
        for (int i = 1; i < pdf_xref_len(ctx, doc); i++)
            if (pdf_get_xref_entry(ctx, doc, i)->type != 'f') object_view(ctx, doc, i, b);
        unsigned char *d;
        *n = fz_buffer_storage(ctx, b, &d);
        view = xmalloc(*n + 1);
        memcpy(view, d, *n);
        view[*n] = 0;
    }
    fz_always(ctx)
    {
        fz_drop_buffer(ctx, b);
        fz_drop_document(ctx, doc ? &doc->super : NULL);
        fz_drop_stream(ctx, stm);
    }
    fz_catch(ctx) fz_rethrow(ctx);
    return view;
}
