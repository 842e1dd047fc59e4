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

/* Follow a line down from (x, y): its last row into *end, its mean x. */
static double follow(const bitmap *b, int x, int y, int *end)
{
    double sum = 0;
    int n = 0, gap = 0, last = y;
    for (; y < b->h && gap <= MAX_BREAK; y++) {
        if (!ink(b, x, y)) {
            if (ink(b, x - 1, y)) x--;
            else if (ink(b, x + 1, y)) x++;
        }
        if (!ink(b, x, y)) {
            gap++;
            continue;
        }
        gap = 0;
        last = y;
        sum += x;
        n++;
    }
    *end = last;
    return n ? sum / n : x;
}

/* Is (x, y) on a line already found? */
static int known(const lbox *r, size_t n, int x, int y)
{
    for (size_t i = 0; i < n; i++)
        if (fabs(r[i].x1 - x) <= 4 && y >= r[i].y1 && y <= r[i].y2) return 1;
    return 0;
}

size_t ocr_vertical_rules(const bitmap *page, int min_len, int max_w, lbox **rules)
{
    *rules = NULL;
    size_t n = 0;
    if (min_len < 2) return 0;
    lbox *r = xmalloc(OCR_MAX_RULES * sizeof *r);
    /* a line's top: ink with paper above, and ink for min_len / 4 rows below */
    for (int x = 0; x < page->w && n < OCR_MAX_RULES; x++)
        for (int y = 0; y + min_len <= page->h && n < OCR_MAX_RULES; y++) {
            if (!ink(page, x, y) || ink(page, x, y - 1)) continue;
            int k = 1;
            while (k < min_len / 4 && ink(page, x, y + k)) k++;
            if (k < min_len / 4 || known(r, n, x, y)) {
                y += k;
                continue;
            }
            int end;
            double mx = follow(page, x, y, &end);
            if (end - y + 1 >= min_len && ink_width(page, (int)lround(mx), (y + end) / 2) <= max_w)
                r[n++] = (lbox){ mx, y, mx, end };
            y = end;
        }
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
        if (rules[i].y1 <= y && rules[i].y2 >= y) xs[k++] = rules[i].x1;
    qsort(xs, k, sizeof *xs, by_value);
    size_t m = 0;
    for (size_t i = 0; i < k; i++)
        if (!m || xs[i] - xs[m - 1] > near) xs[m++] = xs[i];
    return m;
}
