/* quiet.h — internal to the normalizer: where the text from i on first
 * needs a repair.  Almost all text needs none (ASCII, a space only when no
 * Thai mark follows it, Thai letters in their proper order); thai_norm.c
 * copies such spans in bulk and repairs what follows them. */
#ifndef PDP_QUIET_H
#define PDP_QUIET_H

#include <stddef.h>

/* The end of the span from i (a character start) that normalization leaves
 * as it is: judged 16 bytes at a time where SSE2 is there, then one
 * character at a time. */
size_t quiet_span(const unsigned char *s, size_t len, size_t i);

/* The same, one character at a time only (the reference for the above). */
size_t quiet_one_by_one(const unsigned char *s, size_t len, size_t i);

#endif
