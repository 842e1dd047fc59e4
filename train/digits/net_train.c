/* net_train.c — train the digit network (see net_train.h). */
#include "net_train.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IN GLYPH_FEATURES
#define HID NET_HIDDEN
#define OUT NET_CLASSES

static float W1[HID * IN], B1[HID], W2[OUT * HID], B2[OUT];
const digit_net digit_model = { W1, B1, W2, B2 };

float *samples_next(samples *s)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 4096;
        s->x = realloc(s->x, s->cap * IN * sizeof *s->x);
        s->y = realloc(s->y, s->cap * sizeof *s->y);
        if (!s->x || !s->y) {
            fprintf(stderr, "train_digits: out of memory\n");
            exit(1);
        }
    }
    return s->x + s->n * IN;
}

void samples_keep(samples *s, int c) { s->y[s->n++] = c; }

void samples_free(samples *s)
{
    free(s->x);
    free(s->y);
    memset(s, 0, sizeof *s);
}

static void init(float *w, int n, int fan_in, int fan_out, rng *r)
{
    double a = sqrt(6.0 / (fan_in + fan_out));
    for (int i = 0; i < n; i++) w[i] = (float)rng_uniform(r, -a, a);
}

/* One step of gradient descent on sample x of class y. */
static void step(const float *x, int y, float lr)
{
    float h[HID], p[OUT], dh[HID];
    digit_net_classify(&digit_model, x, p, h);
    p[y] -= 1; /* dLoss/dz of softmax cross-entropy */
    memset(dh, 0, sizeof dh);
    for (int k = 0; k < OUT; k++) {
        float *w = W2 + k * HID;
        for (int j = 0; j < HID; j++) {
            dh[j] += w[j] * p[k];
            w[j] -= lr * p[k] * h[j];
        }
        B2[k] -= lr * p[k];
    }
    for (int j = 0; j < HID; j++) {
        if (h[j] <= 0) continue;
        float g = lr * dh[j], *w = W1 + j * IN;
        for (int i = 0; i < IN; i++) w[i] -= g * x[i];
        B1[j] -= g;
    }
}

void net_train(const samples *s, int epochs, rng *r)
{
    init(W1, HID * IN, IN, HID, r);
    init(W2, OUT * HID, HID, OUT, r);
    size_t *order = malloc(s->n * sizeof *order);
    for (size_t i = 0; i < s->n; i++) order[i] = i;
    float lr = 0.05f;
    for (int e = 0; e < epochs; e++, lr *= 0.82f) {
        for (size_t i = s->n; i > 1; i--) { /* shuffle */
            size_t j = (size_t)rng_int(r, (int)i), t = order[i - 1];
            order[i - 1] = order[j], order[j] = t;
        }
        for (size_t i = 0; i < s->n; i++) step(s->x + order[i] * IN, s->y[order[i]], lr);
    }
    free(order);
}

/* A class's digit value, -1 for the slash and "other". */
static int value(int c) { return c < CLASS_ARABIC0 ? c : c < CLASS_SLASH ? c - CLASS_ARABIC0 : -1; }

double net_accuracy(const samples *s, double *digits)
{
    size_t right = 0, nd = 0, dright = 0;
    for (size_t i = 0; i < s->n; i++) {
        int c = digit_net_classify(&digit_model, s->x + i * IN, NULL, NULL), y = s->y[i];
        right += c == y;
        if (value(y) >= 0) nd++, dright += value(c) == value(y);
    }
    if (digits) *digits = nd ? (double)dright / (double)nd : 0;
    return s->n ? (double)right / (double)s->n : 0;
}

static void write_array(FILE *f, const char *name, const float *v, int n)
{
    fprintf(f, "static const float %s[%d] = {", name, n);
    for (int i = 0; i < n; i++) fprintf(f, "%s%.7g,", i % 8 ? " " : "\n    ", v[i]);
    fprintf(f, "\n};\n");
}

int net_write_c(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fprintf(f, "/* digit_model.c — the Thai-digit reader's weights, made by "
               "train/digits/train_digits.c at build time. */\n");
    fprintf(f, "#include \"scanner/formats/digit_net.h\"\n\n");
    write_array(f, "w1", W1, HID * IN);
    write_array(f, "b1", B1, HID);
    write_array(f, "w2", W2, OUT * HID);
    write_array(f, "b2", B2, OUT);
    fprintf(f, "\nconst digit_net digit_model = { w1, b1, w2, b2 };\n");
    return fclose(f) == 0 ? 0 : -1;
}

void net_confusions(const samples *s, FILE *f)
{
    static int m[NET_CLASSES][NET_CLASSES];
    memset(m, 0, sizeof m);
    for (size_t i = 0; i < s->n; i++) m[s->y[i]][digit_net_classify(&digit_model, s->x + i * IN, NULL, NULL)]++;
    for (int a = 0; a < NET_CLASSES; a++)
        for (int b = 0; b < NET_CLASSES; b++)
            if (a != b && m[a][b] > 8) fprintf(f, "  %d->%d: %d\n", a, b, m[a][b]);
}

void net_dump_wrong(const samples *s, FILE *f, int max)
{
    for (size_t i = 0; i < s->n && max > 0; i++) {
        const float *x = s->x + i * IN;
        int c = digit_net_classify(&digit_model, x, NULL, NULL);
        if (c == s->y[i]) continue;
        max--;
        fprintf(f, "class %d read %d aspect %.2f rel %.2f\n", s->y[i], c, x[IN - 2], x[IN - 1]);
        for (int y = 0; y < GLYPH_SIDE; y++) {
            for (int k = 0; k < GLYPH_SIDE; k++) fputc(x[y * GLYPH_SIDE + k] > 0.5 ? '#' : x[y * GLYPH_SIDE + k] > 0 ? '+' : '.', f);
            fputc('\n', f);
        }
    }
}
