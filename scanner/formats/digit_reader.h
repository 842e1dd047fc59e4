/* digit_reader.h — the Thai-digit reader (digit_reader.c).
 *
 * Tesseract's Thai model misreads Thai digits (๔ as ๕, ๖ as ๒, ๗ as ๓,
 * ๘ and ๙ as ๕) and drops or merges some: an ID in Thai digits on a scan
 * would be lost.  The reader takes the place where Tesseract saw a run of
 * digits and reads it again, glyph by glyph: the run's ink is cut into
 * glyphs (connected pieces, a broken stroke joined to its glyph), and each
 * is classified by the network the build trained (digit_net.h). */
#ifndef PDP_DIGIT_READER_H
#define PDP_DIGIT_READER_H

#include "../util/buf.h"
#include "glyph.h"

/* Where to read: [x1, x2) x [y1, y2) of the picture; Tesseract's digits
 * span [core_x1, core_x2) of it, and a digit stands about glyph_h pixels
 * tall.  Outside the core, only glyphs the network is sure are digits are
 * taken (a digit Tesseract dropped at a run's end); there, a letter is
 * left out. */
typedef struct digit_region {
    int x1, y1, x2, y2;
    int core_x1, core_x2;
    double glyph_h;
    int thai_only;  /* Tesseract read the run in Thai digits only: no glyph
                     * is read as an Arabic digit (a slash is not a 1) */
} digit_region;

/* Read the digits of region r of b.  Appends what it reads to out: digits
 * (Thai or Arabic, as written), "-" and "/" where they stand, a space at a
 * wide gap.  Returns how many digits it read; -1, out untouched, when a
 * glyph in the core is surely not a digit or a separator (the run is not
 * all digits, and Tesseract's reading is kept). */
int digit_read(const bitmap *b, const digit_region *r, buf *out);

/* The glyphs digit_read would classify in r, left to right, as boxes
 * {x1, y1, x2, y2} in b's pixels (at most max written); how many there
 * are.  The trainer cuts its samples with it, as the reader does. */
size_t digit_glyphs(const bitmap *b, const digit_region *r, int (*box)[4], size_t max);

#endif
