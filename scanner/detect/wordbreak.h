/* wordbreak.h — Thai word boundaries (ICU's dictionary word breaking), asked
 * for only around a candidate, never over the whole text.
 *
 * Thai is written without spaces between words: "กรณีนายสมศักดิ์" holds the
 * title นาย after the word กรณี, "ทำนายผล" does not (ทำนาย is one word).  A
 * rule with `words:` (patterns/README.md) uses these boundaries to accept a
 * title glued to the word before it and to end a family name where the
 * next word begins. */
#ifndef PDP_WORDBREAK_H
#define PDP_WORDBREAK_H

#include <stddef.h>

typedef struct wordbreak wordbreak; /* per thread; opened on first use */

void wordbreak_free(wordbreak *w);

/* The word boundaries of s[lo, hi) (byte offsets, lo and hi included),
 * ascending, into *out (owned by w, valid until the next call).  Returns
 * their count; 0 when ICU cannot break the text (then nothing is known). */
size_t wordbreak_find(wordbreak **w, const char *s, size_t lo, size_t hi, const size_t **out);

#endif
