/* clock.h — the monotonic clock, in seconds (time limits, progress, the
 * summary's duration), and the wall clock for log lines. */
#ifndef PDP_CLOCK_H
#define PDP_CLOCK_H

#include <stddef.h>

double monotonic_seconds(void);
/* The time now as "2026-12-07T05:14:11Z" into out (n >= 21). */
void utc_stamp(char *out, size_t n);

#endif
