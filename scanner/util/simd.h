/* simd.h — whether the many-bytes-at-a-time paths are compiled: SSE2 (every
 * x86-64) with GCC or Clang.  Code using them keeps a plain C path for other
 * machines, which must give the same answers.
 *
 * Thirty-two bytes at a time: v32, a vector of GCC's vector extension,
 * lets one piece of code be compiled twice — for AVX2 (used where the
 * processor has it: pdp_has_avx2) and as two SSE2 halves; the few steps
 * that differ (the bit mask of a vector's bytes here, table look-ups in
 * normalize/fast_path.c) are passed to it as always-inlined functions. */
#ifndef PDP_SIMD_H
#define PDP_SIMD_H

/* The widest way a build may use (`make SIMD=sse2|avx2|avx512`): 0 SSE2,
 * 1 AVX2, 2 AVX-512 (the default: each where the processor has it).  A
 * narrower build runs the narrower ways everywhere, so each can be tested
 * whole on any machine. */
#ifndef PDP_SIMD_MAX
#define PDP_SIMD_MAX 2
#endif

#if defined(__SSE2__) && defined(__GNUC__)
#define PDP_SSE2 1
#include <immintrin.h>
#include <stdint.h>
#include <string.h>

/* Index of the lowest set bit of m (m != 0). */
static inline unsigned lowest_bit(unsigned m) { return (unsigned)__builtin_ctz(m); }

static inline int pdp_has_avx2(void) { return PDP_SIMD_MAX >= 1 && __builtin_cpu_supports("avx2"); }
/* Sixty-four bytes at a time: the AVX-512 that those paths use (byte and
 * word instructions, VBMI's byte permutes, VBMI2's byte compress), as a
 * target attribute, and whether the processor has it. */
#define PDP_AVX512 "avx512f,avx512bw,avx512vbmi,avx512vbmi2,avx2,bmi,popcnt"
static inline int pdp_has_avx512(void)
{
    return PDP_SIMD_MAX >= 2 && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi") &&
           __builtin_cpu_supports("avx512vbmi2");
}

typedef unsigned char v32 __attribute__((vector_size(32)));
typedef signed char v32s __attribute__((vector_size(32)));
#define PDP_ALWAYS __attribute__((always_inline)) /* into each of the two */
/* Vectors are passed only between always-inlined functions, so the ABI for
 * passing them does not matter. */
#pragma GCC diagnostic ignored "-Wpsabi"

static inline PDP_ALWAYS v32 v32_at(const unsigned char *p)
{
    v32 v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline PDP_ALWAYS v32 v32_eq(v32 x, unsigned char c) { return (v32)(x == c); }

/* Bit k set where a Thai character starts, 64 bytes at a time: byte k of
 * x0 is E0 and byte k of x1 (the bytes one further on) B8 or B9. */
__attribute__((target(PDP_AVX512))) static inline PDP_ALWAYS uint64_t thai_starts_avx512(__m512i x0, __m512i x1)
{
    return _mm512_cmpeq_epi8_mask(x0, _mm512_set1_epi8((char)0xE0)) &
           _mm512_cmpeq_epi8_mask(_mm512_and_si512(x1, _mm512_set1_epi8((char)0xFE)), _mm512_set1_epi8((char)0xB8));
}

/* Bit k set where byte k of v has its top bit set. */
typedef uint32_t v32_mask_fn(v32 v);
__attribute__((target("avx2"))) static inline PDP_ALWAYS uint32_t v32_mask_avx2(v32 v)
{
    return (uint32_t)_mm256_movemask_epi8((__m256i)v);
}
static inline PDP_ALWAYS uint32_t v32_mask_sse2(v32 v)
{
    __m128i half[2];
    memcpy(half, &v, sizeof half);
    return (uint32_t)_mm_movemask_epi8(half[0]) | (uint32_t)_mm_movemask_epi8(half[1]) << 16;
}
#else
static inline int pdp_has_avx2(void) { return 0; }
static inline int pdp_has_avx512(void) { return 0; }
#endif

#endif
