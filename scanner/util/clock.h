/* clock.h — the monotonic clock, in seconds (time limits, progress, the
 * summary's duration). */
#ifndef PDP_CLOCK_H
#define PDP_CLOCK_H

double monotonic_seconds(void);

#endif
