/* digit_reader.c — read a run of digits glyph by glyph (see digit_reader.h).
 *
 * The region is cut into 8-connected pieces of ink.  Pieces that touch its
 * edges belong to the lines above and below or to the words beside; specks are
 * scanner noise; pieces that overlap in x are one glyph (a stroke broken
 * by thresholding), unless both are large and only their edges overlap
 * (neighbouring italic digits).  A low, wide glyph is a hyphen; a small one a dot or
 * a comma (dropped); every other glyph goes to the network. */
#include "digit_reader.h"

#include <stdlib.h>
#include <string.h>

#include "digit_net.h"

/* A glyph is taken for a letter (and the run left as Tesseract read it)
 * only when the network is this sure of it. */
#define OTHER_SURE 0.95f
/* Outside Tesseract's digits, a glyph is taken for a digit only when the
 * network is this sure of it. */
#define DIGIT_SURE 0.9f

typedef struct piece {
    int x1, y1, x2, y2; /* inclusive-exclusive, region coordinates */
    long area;
    int edge;           /* touches an edge of the region */
} piece;

typedef struct pieces {
    piece *v;
    size_t n, cap;
} pieces;

static void add_piece(pieces *ps, piece p)
{
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? 2 * ps->cap : 32;
        ps->v = xrealloc(ps->v, ps->cap * sizeof *ps->v);
    }
    ps->v[ps->n++] = p;
}

/* p put into ps at index at, the pieces from there on moved up one. */
static void insert_piece(pieces *ps, size_t at, piece p)
{
    add_piece(ps, p);
    memmove(&ps->v[at + 1], &ps->v[at], (ps->n - 1 - at) * sizeof *ps->v);
    ps->v[at] = p;
}

static int by_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

/* The piece of ink at (sx, sy) of a w x h region, marked in seen. */
static piece flood(const bitmap *b, int x0, int y0, int w, int h, unsigned char *seen, int *stack, int sx, int sy)
{
    piece p = { sx, sy, sx + 1, sy + 1, 0, 0 };
    long top = 0;
    seen[(long)sy * w + sx] = 1;
    stack[top++] = sy * w + sx;
    while (top) {
        int at = stack[--top], x = at % w, y = at / w;
        p.area++;
        if (x < p.x1) p.x1 = x;
        if (x >= p.x2) p.x2 = x + 1;
        if (y < p.y1) p.y1 = y;
        if (y >= p.y2) p.y2 = y + 1;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx, ny = y + dy;
                if (nx < 0 || ny < 0 || nx >= w || ny >= h || seen[(long)ny * w + nx]) continue;
                if (!b->px[(long)(y0 + ny) * b->stride + x0 + nx]) continue;
                seen[(long)ny * w + nx] = 1;
                stack[top++] = ny * w + nx;
            }
    }
    p.edge = p.y1 == 0 || p.y2 == h || p.x1 == 0 || p.x2 == w;
    return p;
}

/* The region's pieces of ink, left to right. */
static int by_x(const void *a, const void *b)
{
    const piece *p = a, *q = b;
    return p->x1 != q->x1 ? (p->x1 > q->x1) - (p->x1 < q->x1) : (p->x2 > q->x2) - (p->x2 < q->x2);
}

static void find_pieces(const bitmap *b, int x0, int y0, int w, int h, pieces *ps)
{
    unsigned char *seen = xcalloc((size_t)w * h, 1);
    int *stack = xmalloc((size_t)w * h * sizeof *stack);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if (!seen[(long)y * w + x] && b->px[(long)(y0 + y) * b->stride + x0 + x])
                add_piece(ps, flood(b, x0, y0, w, h, seen, stack, x, y));
    free(stack);
    free(seen);
    qsort(ps->v, ps->n, sizeof *ps->v, by_x);
}

/* Glyphs: pieces that are neither another line's nor specks, joined where
 * they overlap in x by half the narrower one's width; ps keeps only them. */
static void glyphs(pieces *ps, double glyph_h)
{
    long speck = (long)(glyph_h * glyph_h * 0.015) + 2;
    size_t n = 0;
    for (size_t i = 0; i < ps->n; i++) {
        piece p = ps->v[i];
        if (p.area < speck || p.edge) continue;
        if (n) {
            piece *q = &ps->v[n - 1];
            int over = (q->x2 < p.x2 ? q->x2 : p.x2) - p.x1;
            int narrow = (q->x2 - q->x1) < (p.x2 - p.x1) ? q->x2 - q->x1 : p.x2 - p.x1;
            long small = q->area < p.area ? q->area : p.area, big = q->area + p.area - small;
            /* two whole glyphs (italic ones lean over each other) are not one */
            if (over * 2 >= narrow && (small * 2 < big || over * 5 >= narrow * 4)) {
                if (p.x2 > q->x2) q->x2 = p.x2;
                if (p.y1 < q->y1) q->y1 = p.y1;
                if (p.y2 > q->y2) q->y2 = p.y2;
                q->area += p.area;
                continue;
            }
        }
        ps->v[n++] = p;
    }
    ps->n = n;
}

/* The ink of column x (region coordinates) of glyph g. */
static int column_ink(const bitmap *b, int x0, int y0, const piece *g, int x)
{
    int n = 0;
    for (int y = g->y1; y < g->y2; y++) n += b->px[(long)(y0 + y) * b->stride + x0 + x];
    return n;
}

/* p's top and bottom brought in to its ink. */
static void fit_height(const bitmap *b, int x0, int y0, piece *p)
{
    int top = p->y2, bottom = p->y1;
    for (int y = p->y1; y < p->y2; y++)
        for (int x = p->x1; x < p->x2; x++)
            if (b->px[(long)(y0 + y) * b->stride + x0 + x]) {
                if (y < top) top = y;
                bottom = y + 1;
            }
    if (top < bottom) p->y1 = top, p->y2 = bottom;
}

/* Glyph g cut at column x: its left part stays in g, the right one is returned. */
static piece cut_at(const bitmap *b, int x0, int y0, piece *g, int x)
{
    piece r = *g;
    g->x2 = r.x1 = x;
    g->area = r.area = (g->area + 1) / 2;
    fit_height(b, x0, y0, g);
    fit_height(b, x0, y0, &r);
    return r;
}

/* Digits that touch (a dark scan, a bold font) are one piece: a glyph
 * wider than WIDE times the run's usual one is cut where its ink is
 * thinnest near each place a digit's width apart. */
#define WIDE 1.8

/* The run's usual glyph width: the median of its glyphs of digit height
 * (0 for fewer than two). */
static double usual_width(const pieces *ps, double glyph_h)
{
    int widths[64], k = 0;
    for (size_t i = 0; i < ps->n && k < 64; i++)
        if (ps->v[i].y2 - ps->v[i].y1 >= glyph_h * 0.4) widths[k++] = ps->v[i].x2 - ps->v[i].x1;
    if (k < 2) return 0;
    qsort(widths, (size_t)k, sizeof *widths, by_int);
    return widths[k / 2];
}

static void split_wide(const bitmap *b, int x0, int y0, pieces *ps, double glyph_h)
{
    double usual = usual_width(ps, glyph_h);
    if (usual <= 0) return;
    for (size_t i = 0; i < ps->n; i++) {
        piece *g = &ps->v[i];
        int w = g->x2 - g->x1, parts = (int)(w / usual + 0.5);
        if (w < WIDE * usual || w < 1.3 * glyph_h || g->y2 - g->y1 < glyph_h * 0.4 || parts < 2) continue;
        int want = g->x1 + w / parts, best = want, slack = (int)(usual / 4);
        int least = column_ink(b, x0, y0, g, best);
        for (int x = want - slack; x <= want + slack; x++) {
            int ink = x > g->x1 && x < g->x2 ? column_ink(b, x0, y0, g, x) : least;
            if (ink < least) best = x, least = ink;
        }
        insert_piece(ps, i + 1, cut_at(b, x0, y0, g, best)); /* the right part is looked at next */
    }
}

/* The median gap between neighbouring glyphs (0 for fewer than two). */
static int median_gap(const piece *g, size_t n)
{
    if (n < 2) return 0;
    int *gaps = xmalloc((n - 1) * sizeof *gaps);
    for (size_t i = 1; i < n; i++) gaps[i - 1] = g[i].x1 - g[i - 1].x2;
    qsort(gaps, n - 1, sizeof *gaps, by_int);
    int m = gaps[(n - 1) / 2];
    free(gaps);
    return m;
}

/* The likeliest digit or slash by the probabilities p; no Arabic digit
 * when thai_only. */
static int likeliest(const float *p, int thai_only)
{
    int best = CLASS_THAI0;
    for (int k = 0; k < CLASS_OTHER; k++)
        if ((!thai_only || k < CLASS_ARABIC0 || k == CLASS_SLASH) && p[k] > p[best]) best = k;
    return best;
}

/* What one glyph of region r is: a class of digit_net.h, or '-' / '.' by
 * its shape. */
static int read_glyph(const bitmap *b, int x0, int y0, const piece *g, const digit_region *r, int out_of_core)
{
    int w = g->x2 - g->x1, h = g->y2 - g->y1;
    if (h < r->glyph_h * 0.4) {
        if (w >= 1.5 * h && w >= r->glyph_h * 0.25) return '-';
        return '.';
    }
    float f[GLYPH_FEATURES], p[NET_CLASSES];
    glyph_features(b, x0 + g->x1, y0 + g->y1, x0 + g->x2, y0 + g->y2, r->glyph_h, f);
    int c = digit_net_classify(&digit_model, f, p, NULL);
    /* where Tesseract saw digits, a glyph the network doubts is its likeliest digit */
    if (c == CLASS_OTHER && (out_of_core || p[c] > OTHER_SURE)) return CLASS_OTHER;
    int best = likeliest(p, r->thai_only);
    return out_of_core && p[best] < DIGIT_SURE ? CLASS_OTHER : best;
}

/* The glyphs of region r of b in *ps, in coordinates relative to the
 * region clipped to b, whose corner goes to *x0, *y0; how many.  *ps is
 * the caller's to free. */
static size_t region_glyphs(const bitmap *b, const digit_region *r, int *x0, int *y0, pieces *ps)
{
    int x1 = r->x1 < 0 ? 0 : r->x1, y1 = r->y1 < 0 ? 0 : r->y1;
    int x2 = r->x2 > b->w ? b->w : r->x2, y2 = r->y2 > b->h ? b->h : r->y2;
    *x0 = x1, *y0 = y1;
    if (x2 <= x1 || y2 <= y1 || r->glyph_h < 4) return 0;
    find_pieces(b, x1, y1, x2 - x1, y2 - y1, ps);
    glyphs(ps, r->glyph_h);
    split_wide(b, x1, y1, ps, r->glyph_h);
    return ps->n;
}

size_t digit_glyphs(const bitmap *b, const digit_region *r, int (*box)[4], size_t max)
{
    pieces ps = { 0 };
    int x0, y0;
    size_t n = region_glyphs(b, r, &x0, &y0, &ps);
    for (size_t i = 0; i < n && i < max; i++) {
        const piece *g = &ps.v[i];
        box[i][0] = x0 + g->x1, box[i][1] = y0 + g->y1, box[i][2] = x0 + g->x2, box[i][3] = y0 + g->y2;
    }
    free(ps.v);
    return n;
}

/* Is glyph g (region coordinates from x0) outside the core? */
static int outside(const piece *g, int x0, const digit_region *r)
{
    return x0 + g->x2 <= r->core_x1 || x0 + g->x1 >= r->core_x2;
}

int digit_read(const bitmap *b, const digit_region *r, buf *out)
{
    pieces ps = { 0 };
    int x0, y0;
    size_t n = region_glyphs(b, r, &x0, &y0, &ps);
    int gap = median_gap(ps.v, n), digits = 0;
    const piece *last = NULL;
    buf text;
    buf_init(&text);
    for (size_t i = 0; i < n && digits >= 0; i++) {
        const piece *g = &ps.v[i];
        int out_of_core = outside(g, x0, r);
        int c = read_glyph(b, x0, y0, g, r, out_of_core);
        if (c == '.' || (out_of_core && (c == '-' || c == CLASS_OTHER || c == CLASS_SLASH))) continue;
        if (last && g->x1 - last->x2 > r->glyph_h * 0.4 && g->x1 - last->x2 > 2 * gap) buf_putc(&text, ' ');
        last = g;
        if (c == '-') buf_putc(&text, '-');
        else if (c == CLASS_OTHER) digits = -1;
        else {
            buf_puts(&text, digit_class_text(c));
            digits += c != CLASS_SLASH;
        }
    }
    if (digits > 0) buf_append(out, text.data, text.len);
    buf_free(&text);
    free(ps.v);
    return digits > 0 ? digits : -1;
}
