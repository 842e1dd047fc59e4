/* pdf_label.c — the suggestion written in a redacted PDF's black boxes
 * ("[ชื่อ-สกุล]", "X-XXXX-XXXXX-XX-X"), as text in a Thai font cut down
 * to the characters of the document's labels.
 *
 * MuPDF 1.21 embeds a font whole (Garuda is 77 KB, and building its widths
 * and Unicode map cost half of the writing); HarfBuzz's subsetter keeps
 * only the glyphs the labels use, a few kilobytes.  Glyphs are placed one
 * after the other without shaping: the Thai font's marks carry their own
 * offsets. */
#include <hb-subset.h>
#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "pdf_label.h"

/* Thai fonts to draw with (Debian fonts-thai-tlwg). */
static const char *const thai_fonts[] = {
    "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
    "/usr/share/fonts/truetype/tlwg/Loma.ttf",
    "/usr/share/fonts/truetype/tlwg/Norasi.ttf",
};

struct pdf_labels {
    fz_font *font;
    pdf_obj *ref; /* the font in the document */
};

/* The font file at path cut down to the characters of texts (heap, *len),
 * or NULL. */
static unsigned char *subset(const char *path, const char *const *texts, size_t n, size_t *len)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) return NULL;
    hb_face_t *face = hb_face_create(blob, 0);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    unsigned char *out = NULL;
    if (in) {
        hb_set_t *chars = hb_subset_input_unicode_set(in);
        for (size_t i = 0; i < n; i++) {
            int c;
            for (const char *s = texts[i]; s && *s;) {
                s += fz_chartorune(&c, s);
                hb_set_add(chars, (hb_codepoint_t)c);
            }
        }
        hb_face_t *cut = hb_subset_or_fail(face, in);
        hb_blob_t *b = cut ? hb_face_reference_blob(cut) : NULL;
        unsigned int l = 0;
        const char *d = b ? hb_blob_get_data(b, &l) : NULL;
        if (d && l) {
            out = xmalloc(l);
            memcpy(out, d, l);
            *len = l;
        }
        hb_blob_destroy(b);
        hb_face_destroy(cut);
        hb_subset_input_destroy(in);
    }
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return out;
}

static fz_font *font_from(fz_context *ctx, unsigned char *data, size_t len)
{
    fz_buffer *volatile b = NULL;
    fz_font *volatile f = NULL;
    fz_try(ctx)
    {
        b = fz_new_buffer_from_data(ctx, data, len); /* takes data */
        f = fz_new_font_from_buffer(ctx, NULL, b, 0, 0);
    }
    fz_always(ctx) fz_drop_buffer(ctx, b);
    fz_catch(ctx) f = NULL;
    return f;
}

pdf_labels *pdf_labels_new(fz_context *ctx, pdf_document *doc, const char *const *texts, size_t n)
{
    pdf_labels *l = xcalloc(1, sizeof *l);
    for (size_t i = 0; i < sizeof thai_fonts / sizeof *thai_fonts && !l->font; i++) {
        size_t len;
        unsigned char *cut = subset(thai_fonts[i], texts, n, &len);
        if (cut) l->font = font_from(ctx, cut, len);
    }
    if (l->font) {
        fz_try(ctx) l->ref = pdf_add_cid_font(ctx, doc, l->font);
        fz_catch(ctx) l->ref = NULL;
    }
    return l;
}

pdf_obj *pdf_labels_font(const pdf_labels *l) { return l->ref; }

void pdf_labels_drop(fz_context *ctx, pdf_labels *l)
{
    if (!l) return;
    pdf_drop_obj(ctx, l->ref);
    fz_drop_font(ctx, l->font);
    free(l);
}

void pdf_label_draw(fz_context *ctx, const pdf_labels *l, fz_buffer *b, const char *name, fz_rect r,
                    const char *text)
{
    if (!l->ref || !text || !*text) return;
    float w = 0;
    int c;
    for (const char *s = text; *s;) {
        s += fz_chartorune(&c, s);
        w += fz_advance_glyph(ctx, l->font, fz_encode_character(ctx, l->font, c), 0);
    }
    float h = r.y1 - r.y0, size = fminf(fminf(h * 0.7f, 12), w > 0 ? (r.x1 - r.x0) * 0.95f / w : 0);
    if (size < 3) return; /* too small to read: the box alone */
    fz_append_printf(ctx, b, "BT 1 g /%s %g Tf %g %g Td <", name, size, r.x0 + ((r.x1 - r.x0) - w * size) / 2,
                     r.y0 + (h - size * 0.7f) / 2);
    for (const char *s = text; *s;) {
        s += fz_chartorune(&c, s);
        fz_append_printf(ctx, b, "%04x", fz_encode_character(ctx, l->font, c));
    }
    fz_append_string(ctx, b, "> Tj ET\n");
}
