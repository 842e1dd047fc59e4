/* utf8.h — small UTF-8 helpers used across the pipeline.
 * All functions work on byte offsets; none allocate. */
#ifndef PDP_UTF8_H
#define PDP_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s[0..n).  Returns its length in bytes (1..4), or 0
 * when the bytes there are not valid UTF-8 (then *cp is undefined).  A
 * sequence cut off by n also returns 0. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Length of the longest valid UTF-8 prefix of s[0..n).  *incomplete is set
 * to 1 when the invalid part is only a sequence cut off by the end. */
size_t utf8_valid_prefix(const unsigned char *s, size_t n, int *incomplete);

/* Length of the run from s[0] that is valid UTF-8 holding no NUL (the
 * common cases, ASCII and Thai E0 B8/B9 xx, checked without a decode). */
size_t utf8_clean_run(const unsigned char *s, size_t n);

/* A copy of s safe to print on a terminal (heap): C0 controls, DEL and C1
 * controls (U+0080..U+009F) written as \xNN or \u00NN, bytes that are not
 * UTF-8 as \xNN, everything else as it is.  A file or member name may
 * hold ESC or CR: printed raw, they would rewrite the screen. */
char *utf8_printable(const char *s);

/* Write cp as UTF-8 into out (at least 4 bytes); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);

/* Move a byte offset back (or forward) to the start of a code point. */
size_t utf8_floor(const char *s, size_t off);
size_t utf8_ceil(const char *s, size_t len, size_t off);

/* Where the character that a cut at s[i] falls inside starts: the lead byte
 * at most 3 bytes back whose sequence reaches past i, never before from.
 * Returns i when no character is cut there (i is a character start, or a
 * stray continuation byte that belongs to no character: invalid UTF-8 must
 * never move a cut back over bytes it does not own). */
size_t utf8_cut_start(const unsigned char *s, size_t from, size_t i);

/* Number of code points in s[0..n) (assumed valid). */
size_t utf8_count(const char *s, size_t n);

/* Does a character of the Thai block (E0 B8/B9 xx) start at s[i]?  (In
 * valid UTF-8 the third byte then follows.) */
static inline int utf8_thai_at(const unsigned char *s, size_t n, size_t i)
{
    return i + 2 < n && s[i] == 0xE0 && (s[i + 1] & 0xFE) == 0xB8;
}

/* Index in the Thai block (0..127) of the character at s[i], which must be
 * one (E0 B8/B9 xx). */
static inline unsigned utf8_thai_index(const unsigned char *s, size_t i)
{
    return ((s[i + 1] & 1u) << 6) | (s[i + 2] & 0x3Fu);
}

/* The end of the run from s[i] (a character start) of ASCII other than NUL
 * and whole Thai characters, mixed — Thai text as it almost always is —
 * checked 32 bytes at a time where SSE2 is there (with AVX2 where the
 * processor has it), then character by character. */
size_t utf8_thai_ascii_run(const unsigned char *s, size_t n, size_t i);
/* The same, the blocks (and those of its runs of Thai characters) checked with
 * AVX2 (avx2 != 0, only where the processor has it) or SSE2 — for the
 * tests. */
size_t utf8_thai_ascii_run_by(const unsigned char *s, size_t n, size_t i, int avx2);


/* Thai block helpers. */
static inline int cp_is_thai(uint32_t cp) { return cp >= 0x0E00 && cp <= 0x0E7F; }
static inline int cp_is_thai_digit(uint32_t cp) { return cp >= 0x0E50 && cp <= 0x0E59; }
/* Does the Thai character U+0E00 + k combine with the one before it (above
 * and below vowels, tones and other marks)? */
static inline int thai_index_combining(unsigned k)
{
    return k == 0x31 || (k >= 0x34 && k <= 0x3A) || (k >= 0x47 && k <= 0x4E);
}
/* Is cp a Thai mark that rides on the letter before it? */
static inline int cp_is_thai_combining(uint32_t cp) { return cp_is_thai(cp) && thai_index_combining(cp - 0x0E00); }

#endif
