/* glyph.h — one glyph as the Thai-digit reader sees it (glyph.c).
 *
 * A glyph is the ink inside a box of a binary page picture, reduced to a
 * fixed-size vector: its ink scaled into a GLYPH_SIDE x GLYPH_SIDE grid
 * (aspect kept, centred), its width against its height, and its height
 * against the line's digits.  The reader (digit_reader.c) and the trainer
 * that makes its model at build time (train/digits/) both call this, so
 * the model is trained on exactly what it is later shown. */
#ifndef PDP_GLYPH_H
#define PDP_GLYPH_H

#define GLYPH_SIDE 20
#define GLYPH_FEATURES (GLYPH_SIDE * GLYPH_SIDE + 2)

/* A binary picture: px[y * stride + x] is 1 for ink, 0 for paper. */
typedef struct bitmap {
    const unsigned char *px;
    int w, h, stride;
} bitmap;

/* The features of the ink in [x1, x2) x [y1, y2) of b, its height taken
 * against ref_h (the height of a digit on its line), into out[GLYPH_FEATURES]. */
void glyph_features(const bitmap *b, int x1, int y1, int x2, int y2, double ref_h, float *out);

#endif
