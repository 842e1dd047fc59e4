/* glyph.c — a glyph's ink reduced to the reader's features (see glyph.h).
 *
 * Each cell of the grid takes the share of ink among SUB x SUB points
 * sampled over the source area it covers: the same whether the glyph is
 * larger than the grid (a 300 dpi digit is some 40 pixels tall) or
 * smaller (a 150 dpi one some 15). */
#include "glyph.h"

#include <string.h>

#define SUB 4

static int ink(const bitmap *b, int x, int y)
{
    return x >= 0 && y >= 0 && x < b->w && y < b->h && b->px[(long)y * b->stride + x];
}

void glyph_features(const bitmap *b, int x1, int y1, int x2, int y2, double ref_h, float *out)
{
    int w = x2 - x1, h = y2 - y1;
    memset(out, 0, GLYPH_FEATURES * sizeof *out);
    if (w <= 0 || h <= 0) return;
    double side = w > h ? w : h;          /* source pixels the grid spans */
    double step = side / GLYPH_SIDE;      /* source pixels a cell spans */
    double ox = x1 - (side - w) / 2, oy = y1 - (side - h) / 2;
    for (int gy = 0; gy < GLYPH_SIDE; gy++)
        for (int gx = 0; gx < GLYPH_SIDE; gx++) {
            int n = 0;
            for (int sy = 0; sy < SUB; sy++)
                for (int sx = 0; sx < SUB; sx++) {
                    double x = ox + (gx + (sx + 0.5) / SUB) * step;
                    double y = oy + (gy + (sy + 0.5) / SUB) * step;
                    int px = (int)x, py = (int)y;
                    n += px >= x1 && px < x2 && py >= y1 && py < y2 && ink(b, px, py);
                }
            out[gy * GLYPH_SIDE + gx] = (float)n / (SUB * SUB);
        }
    out[GLYPH_SIDE * GLYPH_SIDE] = (float)w / (float)(w + h);
    double rel = ref_h > 0 ? h / ref_h : 1;
    out[GLYPH_SIDE * GLYPH_SIDE + 1] = (float)(rel > 2 ? 1 : rel / 2);
}
