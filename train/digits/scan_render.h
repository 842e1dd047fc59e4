/* scan_render.h — text drawn as a scanner gives it (scan_render.c): set in
 * a font file at a size, turned a little, blurred, speckled with sensor
 * noise, perhaps JPEG-compressed, then thresholded to ink and paper as
 * Tesseract's binarisation does.  The trainer's samples and its held-out
 * test lines are made with it. */
#ifndef SCAN_RENDER_H
#define SCAN_RENDER_H

#include <stdint.h>

#include "../../scanner/formats/glyph.h"

/* A deterministic random stream (xorshift64*). */
typedef struct rng {
    uint64_t s;
} rng;
double rng_uniform(rng *r, double lo, double hi);
int rng_int(rng *r, int n); /* 0..n-1 */

/* How a scan degrades what is printed. */
typedef struct scan_look {
    double em;        /* the font's size in pixels */
    double angle;     /* degrees */
    double stretch;   /* the font drawn this much wider (narrower below 1) */
    double shear;     /* leaning right by this much of the height (an italic) */
    int paper, ink;   /* grey levels */
    double blur;      /* Gaussian sigma, pixels */
    double noise;     /* sensor noise, standard deviation in grey levels */
    int jpeg;         /* JPEG quality, 0 for none */
} scan_look;

/* A random look for a scan at 150-300 dpi of text set at 9-18 points. */
scan_look scan_look_random(rng *r);

/* A font file opened for drawing; NULL when it cannot be. */
typedef struct scan_font scan_font;
scan_font *scan_font_open(const char *path);
void scan_font_close(scan_font *f);

/* Has the font a glyph for every character of text (UTF-8)? */
int scan_font_has(scan_font *f, const char *text);

/* The median ink height of the Thai digits ๐..๙ at one pixel of em. */
double scan_font_digit_height(scan_font *f);

/* text (UTF-8, drawn glyph by glyph: digits, letters without marks) drawn
 * with look into a binary bitmap of its own, ink centred with a margin;
 * the caller frees bm->px. */
void scan_render(scan_font *f, const char *text, const scan_look *look, rng *r, bitmap *bm);

#endif
