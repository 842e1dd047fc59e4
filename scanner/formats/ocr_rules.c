/* ocr_rules.c — a scanned table's vertical borders (see ocr_rules.h).
 *
 * A border is followed down from its top one pixel row at a time; where
 * the ink at x stops, the pixel beside it is taken (a page scanned 1°
 * askew moves a line one pixel every 57 rows), and a break of up to
 * MAX_BREAK rows is crossed (a thin line thresholded into dashes).  Text
 * strokes are shorter than min_len; a filled area (a photograph, a black
 * bar) is wider than max_w where the line is measured. */
#include "ocr_rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

#define MAX_BREAK 3

static int ink(const bitmap *b, int x, int y)
{
    return x >= 0 && x < b->w && y >= 0 && y < b->h && b->px[(size_t)y * b->stride + x];
}

/* The width of the ink run through (x, y). */
static int ink_width(const bitmap *b, int x, int y)
{
    int a = x, e = x;
    while (ink(b, a - 1, y)) a--;
    while (ink(b, e + 1, y)) e++;
    return e - a + 1;
}

/* One step of a line at row y from column *x: the ink at *x, else beside
 * it (the line slants), moving *x there.  0 on paper. */
static int step(const bitmap *b, int *x, int y)
{
    if (!ink(b, *x, y)) {
        if (ink(b, *x - 1, y)) --*x;
        else if (ink(b, *x + 1, y)) ++*x;
    }
    return ink(b, *x, y);
}

/* Climb the line through (*x, *y) to its top. */
static void climb(const bitmap *b, int *x, int *y)
{
    int cx = *x;
    for (int yy = *y - 1, gap = 0; yy >= 0 && gap <= MAX_BREAK; yy--) {
        if (!step(b, &cx, yy)) {
            gap++;
            continue;
        }
        gap = 0;
        *x = cx;
        *y = yy;
    }
}

/* Follow a line down from its top (x, y): its last row into *end, the x
 * it stands at on its first and last rows (a straight line fitted to it)
 * into *top and *bottom. */
static void follow(const bitmap *b, int x, int y, int *end, double *top, double *bottom)
{
    double n = 0, sy = 0, sx = 0, syy = 0, sxy = 0;
    int gap = 0, last = y, first = y;
    for (; y < b->h && gap <= MAX_BREAK; y++) {
        if (!step(b, &x, y)) {
            gap++;
            continue;
        }
        gap = 0;
        last = y;
        n++, sy += y, sx += x, syy += (double)y * y, sxy += (double)x * y;
    }
    *end = last;
    double d = n * syy - sy * sy, slope = d > 0 ? (n * sxy - sx * sy) / d : 0, at = n ? (sx - slope * sy) / n : x;
    *top = at + slope * first;
    *bottom = at + slope * last;
}

/* Is (x, y) on a line already found? */
static int known(const lbox *r, size_t n, int x, int y)
{
    for (size_t i = 0; i < n; i++)
        if (y >= r[i].y1 && y <= r[i].y2 && fabs(ocr_rule_x(&r[i], y) - x) <= 4) return 1;
    return 0;
}

double ocr_rule_x(const lbox *r, double y)
{
    return r->y2 > r->y1 ? r->x1 + (r->x2 - r->x1) * (y - r->y1) / (r->y2 - r->y1) : r->x1;
}

/* Does rule b run along rule a (within 4 pixels, over most of b): the
 * other edge of a thick border, traced again? */
static int runs_along(const lbox *a, const lbox *b)
{
    double top = a->y1 > b->y1 ? a->y1 : b->y1, bottom = a->y2 < b->y2 ? a->y2 : b->y2;
    if (bottom - top < 0.5 * (b->y2 - b->y1)) return 0;
    double mid = (top + bottom) / 2;
    return fabs(ocr_rule_x(a, mid) - ocr_rule_x(b, mid)) <= 4;
}

/* r[0, n) without the rules that run along a longer one; how many are left. */
static size_t drop_doubles(lbox *r, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        int dup = 0;
        for (size_t k = 0; k < n && !dup; k++) {
            double li = r[i].y2 - r[i].y1, lk = r[k].y2 - r[k].y1;
            dup = k != i && (lk > li || (lk == li && k < i)) && runs_along(&r[k], &r[i]);
        }
        if (!dup) r[w++] = r[i];
    }
    return w;
}

size_t ocr_vertical_rules(const bitmap *page, int min_len, int max_w, lbox **rules)
{
    *rules = NULL;
    size_t n = 0;
    if (min_len < 2) return 0;
    lbox *r = xmalloc(OCR_MAX_RULES * sizeof *r);
    /* a line's top: ink with paper above, and ink for min_len / 8 rows
     * below (a dashed line's dash); row by row, as the picture is stored */
    for (int y = 0; y + min_len <= page->h && n < OCR_MAX_RULES; y++) {
        const unsigned char *row = page->px + (size_t)y * page->stride, *up = y ? row - page->stride : NULL;
        for (int x = 0; x < page->w && n < OCR_MAX_RULES; x++) {
            if (!row[x] || (up && up[x])) continue;
            int k = 1;
            while (k < min_len / 8 && ink(page, x, y + k)) k++;
            if (k < min_len / 8 || known(r, n, x, y)) continue;
            int end, tx = x, ty = y;
            double top, bottom;
            climb(page, &tx, &ty);
            follow(page, tx, ty, &end, &top, &bottom);
            if (end - ty + 1 >= min_len && ink_width(page, (int)lround((top + bottom) / 2), (ty + end) / 2) <= max_w)
                r[n++] = (lbox){ top, ty, bottom, end };
        }
    }
    n = drop_doubles(r, n);
    if (!n) free(r);
    else *rules = r;
    return n;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

size_t ocr_rules_at(const lbox *rules, size_t n, double y, double near, double *xs)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < OCR_MAX_RULES; i++)
        if (rules[i].y1 <= y && rules[i].y2 >= y) xs[k++] = ocr_rule_x(&rules[i], y);
    qsort(xs, k, sizeof *xs, by_value);
    size_t m = 0;
    for (size_t i = 0; i < k; i++)
        if (!m || xs[i] - xs[m - 1] > near) xs[m++] = xs[i];
    return m;
}

size_t ocr_horizontal_rules(const bitmap *page, int min_len, int max_w, lbox **rules)
{
    /* the page turned on its diagonal: its horizontal lines are vertical */
    unsigned char *t = xmalloc((size_t)page->w * (size_t)page->h);
    for (int y = 0; y < page->h; y++)
        for (int x = 0; x < page->w; x++) t[(size_t)x * page->h + y] = page->px[(size_t)y * page->stride + x];
    bitmap turned = { t, page->h, page->w, page->h };
    size_t n = ocr_vertical_rules(&turned, min_len, max_w, rules);
    for (size_t i = 0; i < n; i++) {
        lbox v = (*rules)[i];
        (*rules)[i] = (lbox){ v.y1, v.x1, v.y2, v.x2 };
    }
    free(t);
    return n;
}

double ocr_hrule_y(const lbox *r, double x)
{
    return r->x2 > r->x1 ? r->y1 + (r->y2 - r->y1) * (x - r->x1) / (r->x2 - r->x1) : r->y1;
}
