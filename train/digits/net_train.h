/* net_train.h — training the digit network (net_train.c): samples, plain
 * stochastic gradient descent on cross-entropy, and the weights written
 * out as C.  The weights being trained are digit_net.h's digit_model, so
 * the trainer's own tests read with exactly what it writes. */
#ifndef NET_TRAIN_H
#define NET_TRAIN_H

#include <stddef.h>
#include <stdio.h>

#include "../../scanner/formats/digit_net.h"
#include "scan_render.h"

typedef struct samples {
    float *x;    /* n x GLYPH_FEATURES */
    int *y;
    size_t n, cap;
} samples;

/* Room for one more sample's features; samples_keep(s, class) keeps it. */
float *samples_next(samples *s);
void samples_keep(samples *s, int c);
void samples_free(samples *s);

/* Train digit_model on s for `epochs` passes. */
void net_train(const samples *s, int epochs, rng *r);

/* The share of s read right; *digits (if not NULL) the share of its digits
 * whose value is read right. */
double net_accuracy(const samples *s, double *digits);

/* digit_model as C source into path; 0, or -1. */
int net_write_c(const char *path);
void net_confusions(const samples *s, FILE *f);
void net_dump_wrong(const samples *s, FILE *f, int max);

#endif
