/* quiet.h — internal to the normalizer: where the text from i on first
 * needs a repair.  Almost all text needs none (ASCII, a space only when no
 * Thai mark follows it, Thai letters in their proper order); thai_norm.c
 * copies such spans in bulk and repairs what follows them. */
#ifndef PDP_QUIET_H
#define PDP_QUIET_H

#include <stddef.h>

/* The ways to judge it: one character at a time, 32-byte blocks as two
 * SSSE3 halves or with AVX2 (each only where the processor has it);
 * quiet_best: the best this machine has. */
typedef enum quiet_way { QUIET_CHARS, QUIET_SSSE3, QUIET_AVX2 } quiet_way;
quiet_way quiet_best(void);

/* The end of the span from i (a character start) that normalization leaves
 * as it is: judged in blocks the given way, then one character at a time. */
size_t quiet_span_by(const unsigned char *s, size_t len, size_t i, quiet_way way);

/* The same, one character at a time only (the reference for the above). */
size_t quiet_one_by_one(const unsigned char *s, size_t len, size_t i);

#endif
