/* gen_common.h — what bench/'s data generators share: a fixed-seed
 * xorshift generator (the same data on every run) and valid Thai national
 * IDs (check digit computed). */
#ifndef PDP_BENCH_GEN_COMMON_H
#define PDP_BENCH_GEN_COMMON_H

#include <stdio.h>

static unsigned long long rng = 88172645463325252ULL;
static unsigned next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

/* "1-2345-67890-12-3" into out (at least 18 bytes). */
static void national_id(char *out)
{
    int d[13], sum = 0;
    d[0] = 1 + (int)(next_rand() % 8);
    d[1] = 1 + (int)(next_rand() % 9);
    for (int i = 2; i < 12; i++) d[i] = (int)(next_rand() % 10);
    for (int i = 0; i < 12; i++) sum += d[i] * (13 - i);
    d[12] = (11 - sum % 11) % 10;
    sprintf(out, "%d-%d%d%d%d-%d%d%d%d%d-%d%d-%d", d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9],
            d[10], d[11], d[12]);
}

#endif
