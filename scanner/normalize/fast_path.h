/* fast_path.h — internal to the normalizer: its fast path.  Almost all text
 * needs no repair (ASCII, a space only when no Thai mark follows it, Thai
 * letters in their proper order) and the rest is mostly Thai digits:
 * fast_path_copy_by copies the first and writes the second as ASCII, 32 or 64
 * bytes at a time, up to the first place thai_norm.c must look at. */
#ifndef PDP_FAST_PATH_H
#define PDP_FAST_PATH_H

#include <stddef.h>

#include "../util/buf.h"
#include "normalize.h"

/* The ways to judge it: one character at a time, 32-byte blocks as two
 * SSSE3 halves or with AVX2, 64-byte blocks with AVX-512 (each only where
 * the processor has it); fast_path_best: the best this machine has. */
typedef enum fast_path_way { FAST_PATH_CHARS, FAST_PATH_SSSE3, FAST_PATH_AVX2, FAST_PATH_AVX512 } fast_path_way;
fast_path_way fast_path_best(void);

/* From i (a character start): append to out what needs no repair, with
 * Thai digits written as ASCII (each run of them recorded in map), judged
 * in blocks the given way, then one character at a time; returns where it
 * stopped — len, or a character that needs another look (never a Thai
 * digit). */
size_t fast_path_copy_by(const unsigned char *s, size_t len, size_t i, buf *out, offmap *map, fast_path_way way);

/* The end of the span from i that needs no repair, one character at a time
 * (Thai digits end it). */
size_t fast_path_one_by_one(const unsigned char *s, size_t len, size_t i);

#endif
