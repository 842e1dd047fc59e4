/* simd.h — whether the 16-bytes-at-a-time paths are compiled: SSE2 (every
 * x86-64) with GCC or Clang.  Code using them keeps a plain C path for other
 * machines, which must give the same answers. */
#ifndef PDP_SIMD_H
#define PDP_SIMD_H

#if defined(__SSE2__) && defined(__GNUC__)
#define PDP_SSE2 1
#include <emmintrin.h>

/* Index of the lowest set bit of m (m != 0). */
static inline unsigned lowest_bit(unsigned m) { return (unsigned)__builtin_ctz(m); }
#endif

#endif
