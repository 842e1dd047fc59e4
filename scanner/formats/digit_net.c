/* digit_net.c — the Thai-digit classifier's forward pass (see digit_net.h). */
#include "digit_net.h"

#include <math.h>
#include <stddef.h>

int digit_net_classify(const digit_net *net, const float *in, float *prob, float *hidden)
{
    float h[NET_HIDDEN], z[NET_CLASSES];
    for (int j = 0; j < NET_HIDDEN; j++) {
        const float *w = net->w1 + (long)j * GLYPH_FEATURES;
        float s = net->b1[j];
        for (int i = 0; i < GLYPH_FEATURES; i++) s += w[i] * in[i];
        h[j] = s > 0 ? s : 0;
        if (hidden) hidden[j] = h[j];
    }
    int best = 0;
    for (int k = 0; k < NET_CLASSES; k++) {
        const float *w = net->w2 + (long)k * NET_HIDDEN;
        float s = net->b2[k];
        for (int j = 0; j < NET_HIDDEN; j++) s += w[j] * h[j];
        z[k] = s;
        if (s > z[best]) best = k;
    }
    if (prob) {
        float sum = 0;
        for (int k = 0; k < NET_CLASSES; k++) sum += prob[k] = expf(z[k] - z[best]);
        for (int k = 0; k < NET_CLASSES; k++) prob[k] /= sum;
    }
    return best;
}

const char *digit_class_text(int c)
{
    static const char *const text[NET_CLASSES] = {
        "๐", "๑", "๒", "๓", "๔", "๕", "๖", "๗", "๘", "๙",
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "/", NULL,
    };
    return c >= 0 && c < NET_CLASSES ? text[c] : NULL;
}
