/* scan_render.c — text drawn as a scanner gives it (see scan_render.h).
 * cairo draws with the font through FreeType; the rest is done here on
 * the grey picture; libjpeg does the compression round trip. */
#include "scan_render.h"

#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <jpeglib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scan_font {
    FT_Face face;
    cairo_font_face_t *cf;
};

static FT_Library ft;

double rng_uniform(rng *r, double lo, double hi)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    uint64_t v = r->s * 2685821657736338717ULL;
    return lo + (hi - lo) * (double)(v >> 11) / 9007199254740992.0;
}

int rng_int(rng *r, int n) { return (int)rng_uniform(r, 0, n) % n; }

scan_look scan_look_random(rng *r)
{
    scan_look l;
    l.em = rng_uniform(r, 20, 80);
    l.angle = rng_uniform(r, -2.5, 2.5);
    l.stretch = rng_uniform(r, 0.85, 1.2);
    l.shear = rng_uniform(r, 0, 1) < 0.3 ? rng_uniform(r, -0.25, 0.25) : 0;
    l.paper = (int)rng_uniform(r, 200, 250);
    l.ink = (int)rng_uniform(r, 0, 70);
    l.blur = rng_uniform(r, 0, 0.3) * l.em / 20;
    l.noise = rng_uniform(r, 0, 0.08) * (l.paper - l.ink);
    l.jpeg = rng_uniform(r, 0, 1) < 0.35 ? (int)rng_uniform(r, 40, 90) : 0;
    return l;
}

scan_font *scan_font_open(const char *path)
{
    if (!ft && FT_Init_FreeType(&ft)) return NULL;
    scan_font *f = calloc(1, sizeof *f);
    if (!f || FT_New_Face(ft, path, 0, &f->face)) {
        free(f);
        return NULL;
    }
    f->cf = cairo_ft_font_face_create_for_ft_face(f->face, 0);
    return f;
}

void scan_font_close(scan_font *f)
{
    if (!f) return;
    cairo_font_face_destroy(f->cf);
    FT_Done_Face(f->face);
    free(f);
}

int scan_font_has(scan_font *f, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        unsigned long cp = *p;
        int n = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        if (n > 1) cp &= 0x3F >> (n - 1);
        for (int i = 1; i < n && p[i]; i++) cp = cp << 6 | (p[i] & 0x3F);
        if (!FT_Get_Char_Index(f->face, cp)) return 0;
        p += n;
    }
    return 1;
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double scan_font_digit_height(scan_font *f)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 8, 8);
    cairo_t *cr = cairo_create(s);
    cairo_set_font_face(cr, f->cf);
    cairo_set_font_size(cr, 100);
    double h[10];
    for (int d = 0; d < 10; d++) {
        char t[4] = { (char)0xE0, (char)0xB9, (char)(0x90 + d), 0 };
        cairo_text_extents_t e;
        cairo_text_extents(cr, t, &e);
        h[d] = e.height / 100;
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    qsort(h, 10, sizeof *h, by_double);
    return (h[4] + h[5]) / 2;
}

/* The text drawn in grey (0 ink .. 255 paper as 1 - alpha) into px[w*h]. */
static unsigned char *draw(scan_font *f, const char *text, const scan_look *l, int *w, int *h)
{
    cairo_surface_t *probe = cairo_image_surface_create(CAIRO_FORMAT_A8, 8, 8);
    cairo_t *cr = cairo_create(probe);
    cairo_set_font_face(cr, f->cf);
    cairo_set_font_size(cr, l->em);
    cairo_text_extents_t e;
    cairo_text_extents(cr, text, &e);
    cairo_destroy(cr);
    cairo_surface_destroy(probe);
    int margin = (int)(l->em * 0.5) + 4;
    *w = (int)(e.width * 1.2) + 2 * margin, *h = (int)e.height + 2 * margin;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, *w, *h);
    cr = cairo_create(s);
    cairo_translate(cr, *w / 2.0, *h / 2.0);
    cairo_rotate(cr, l->angle * M_PI / 180);
    cairo_scale(cr, l->stretch, 1);
    cairo_matrix_t shear = { 1, 0, -l->shear, 1, 0, 0 };
    cairo_transform(cr, &shear);
    cairo_translate(cr, -e.width / 2 - e.x_bearing, -e.height / 2 - e.y_bearing);
    cairo_set_font_face(cr, f->cf);
    cairo_set_font_size(cr, l->em);
    cairo_move_to(cr, 0, 0);
    cairo_show_text(cr, text);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    unsigned char *px = malloc((size_t)*w * *h);
    const unsigned char *a = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < *h; y++)
        for (int x = 0; x < *w; x++) {
            double k = a[y * stride + x] / 255.0;
            px[y * *w + x] = (unsigned char)(l->paper + (l->ink - l->paper) * k);
        }
    cairo_surface_destroy(s);
    return px;
}

/* A separable Gaussian blur of sigma pixels. */
static void blur(unsigned char *px, int w, int h, double sigma)
{
    if (sigma < 0.2) return;
    int r = (int)ceil(sigma * 2.5);
    double k[64], sum = 0;
    if (r > 31) r = 31;
    for (int i = -r; i <= r; i++) sum += k[i + r] = exp(-i * i / (2 * sigma * sigma));
    double *tmp = malloc(sizeof *tmp * w * h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double v = 0;
            for (int i = -r; i <= r; i++) {
                int xx = x + i < 0 ? 0 : x + i >= w ? w - 1 : x + i;
                v += k[i + r] * px[y * w + xx];
            }
            tmp[y * w + x] = v / sum;
        }
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double v = 0;
            for (int i = -r; i <= r; i++) {
                int yy = y + i < 0 ? 0 : y + i >= h ? h - 1 : y + i;
                v += k[i + r] * tmp[yy * w + x];
            }
            px[y * w + x] = (unsigned char)(v / sum + 0.5);
        }
    free(tmp);
}

static void add_noise(unsigned char *px, int n, double sd, rng *r)
{
    if (sd <= 0) return;
    for (int i = 0; i < n; i++) {
        double g = 0; /* near-Gaussian: a sum of uniforms */
        for (int j = 0; j < 4; j++) g += rng_uniform(r, -1, 1);
        double v = px[i] + g * sd * 0.866;
        px[i] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}

/* The picture compressed as JPEG at quality q and decoded again. */
static void jpeg_round_trip(unsigned char *px, int w, int h, int q)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    unsigned char *mem = NULL;
    unsigned long len = 0;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, &mem, &len);
    c.image_width = (JDIMENSION)w, c.image_height = (JDIMENSION)h;
    c.input_components = 1, c.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, q, TRUE);
    jpeg_start_compress(&c, TRUE);
    for (int y = 0; y < h; y++) {
        JSAMPROW row = px + (long)y * w;
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    struct jpeg_decompress_struct d;
    d.err = jpeg_std_error(&err);
    jpeg_create_decompress(&d);
    jpeg_mem_src(&d, mem, len);
    jpeg_read_header(&d, TRUE);
    jpeg_start_decompress(&d);
    for (int y = 0; y < h; y++) {
        JSAMPROW row = px + (long)y * w;
        jpeg_read_scanlines(&d, &row, 1);
    }
    jpeg_finish_decompress(&d);
    jpeg_destroy_decompress(&d);
    free(mem);
}

void scan_render(scan_font *f, const char *text, const scan_look *look, rng *r, bitmap *bm)
{
    int w, h;
    unsigned char *px = draw(f, text, look, &w, &h);
    blur(px, w, h, look->blur);
    add_noise(px, w * h, look->noise, r);
    if (look->jpeg) jpeg_round_trip(px, w, h, look->jpeg);
    double cut = (look->paper + look->ink) / 2.0 + rng_uniform(r, -0.15, 0.15) * (look->paper - look->ink);
    for (int i = 0; i < w * h; i++) px[i] = px[i] < cut;
    *bm = (bitmap){ px, w, h, w };
}
