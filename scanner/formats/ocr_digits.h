/* ocr_digits.h — Thai digits in an OCR line read again (ocr_digits.c).
 *
 * Tesseract finds where the digits of a line are; its Thai model reads
 * Thai digits wrong.  Each run of digits that holds a Thai digit (an ID,
 * a phone number, a date, in Thai digits) is read again from the page
 * picture by the Thai-digit reader (digit_reader.h), and its text in the
 * line is replaced with what the reader read. */
#ifndef PDP_OCR_DIGITS_H
#define PDP_OCR_DIGITS_H

#include <stddef.h>
#include <stdint.h>

#include "../extract/pdf_layout.h"
#include "glyph.h"

/* Is cp a digit (Thai or Arabic) or a letter Tesseract writes for a Thai
 * digit?  Those are the characters whose places ocr_digits_reread needs. */
int ocr_digit_like(uint32_t cp);

/* *text (UTF-8, heap) is one line as Tesseract read it; digits[0, n) are
 * the boxes (the picture's pixels) of its characters that are
 * ocr_digit_like, in the order they stand in the text.  When the counts disagree the line is
 * left alone.  Returns how many runs were read again. */
int ocr_digits_reread(char **text, const lbox *digits, size_t n, const bitmap *page);

#endif
