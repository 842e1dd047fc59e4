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

typedef struct wordbreak wordbreak; /* per scan; opened on first use */

/* Give w back when its scan is done: opening ICU's Thai break iterator costs
 * more than scanning a small document, so a few are kept for the next scans
 * of the process (an archive of 10,000 files opens two, not 10,000). */
void wordbreak_release(wordbreak *w);

/* The word boundaries of s[lo, hi) (byte offsets, lo and hi included),
 * ascending, into *out (owned by w, valid until the next call).  Returns
 * their count; 0 when ICU cannot break the text (then nothing is known). */
size_t wordbreak_find(wordbreak **w, const char *s, size_t lo, size_t hi, const size_t **out);

#endif
