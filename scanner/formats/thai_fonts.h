/* thai_fonts.h — Thai words that a PDF producer's font broke the same way
 * all over a page, written right again (thai_fonts.c). */
#ifndef PDP_THAI_FONTS_H
#define PDP_THAI_FONTS_H

#include <stddef.h>

/* In text[0, len) (UTF-8, changed in place, same length): when two or more
 * words of am_words (words with SARA AM) stand there with า for ำ and none
 * stands right, each such word is written with ำ again; likewise aa_words
 * (words with SARA AA) written with ำ for า.  Returns the words repaired. */
int thai_fonts_repair(char *text, size_t len, const char *const *am_words, size_t n_am, const char *const *aa_words,
                      size_t n_aa);

#endif
