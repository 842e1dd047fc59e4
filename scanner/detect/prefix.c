/* prefix.c — phrase-start positions (see prefix.h). */
#include "prefix.h"

#include <string.h>

#include "../util/utf8.h"

static inline void set(uint8_t *bits, int k) { bits[k / 8] |= (uint8_t)(1u << (k % 8)); }

void prefix_set_build(prefix_set *ps, char **phrases, size_t n)
{
    memset(ps, 0, sizeof *ps);
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = (const unsigned char *)phrases[i];
        size_t len = strlen(phrases[i]), l1 = 0, l2 = 0;
        int a = prefix_char(p, len, 0, &l1);
        if (a < 0) {
            ps->any = 1;
            continue;
        }
        int b = prefix_char(p, len, l1, &l2);
        ps->first[a] = 1;
        if (l1 == len) set(ps->single, a);
        else if (b < 0) ps->any = 1;
        else set(ps->pair, a << 8 | b);
    }
}

