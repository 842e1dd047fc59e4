/* digit_net.h — the Thai-digit reader's classifier (digit_net.c): a small
 * network, GLYPH_FEATURES inputs, one hidden layer, one output a class.
 *
 * Its weights are data the build makes (train/digits/train_digits.c renders
 * the digits of the Thai fonts Debian ships, as a scanner would give them,
 * and trains on them) into $(BUILD)/gen/digit_model.c: no model is
 * downloaded from anywhere. */
#ifndef PDP_DIGIT_NET_H
#define PDP_DIGIT_NET_H

#include "glyph.h"

#define NET_HIDDEN 96

/* The classes: Thai digits ๐..๙, Arabic digits 0..9, a slash, and anything
 * else (a Thai letter, a bracket: what the reader must not take for a digit). */
enum {
    CLASS_THAI0 = 0,
    CLASS_ARABIC0 = 10,
    CLASS_SLASH = 20,
    CLASS_OTHER = 21,
    NET_CLASSES = 22
};

typedef struct digit_net {
    const float *w1; /* NET_HIDDEN x GLYPH_FEATURES */
    const float *b1; /* NET_HIDDEN */
    const float *w2; /* NET_CLASSES x NET_HIDDEN */
    const float *b2; /* NET_CLASSES */
} digit_net;

/* The model the build made. */
extern const digit_net digit_model;

/* The class of a glyph's features; prob (if not NULL) gets every class's
 * probability.  hidden (if not NULL) gets the hidden layer's outputs (for
 * the trainer). */
int digit_net_classify(const digit_net *net, const float *in, float *prob, float *hidden);

/* A class's text in UTF-8 ("๐".."๙", "0".."9", "/"), NULL for CLASS_OTHER. */
const char *digit_class_text(int c);

#endif
