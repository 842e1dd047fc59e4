/* ocr_tidy.h — dirt taken out of a line Tesseract read (ocr_tidy.c).
 *
 * Specks on a scan come out as characters no writer puts there: a Thai
 * mark riding on nothing ("พ.ุย." for พ.ย.), a bar or bracket inside a
 * number ("6470(4").  They break the word or number they touch, so the
 * detectors would miss it. */
#ifndef PDP_OCR_TIDY_H
#define PDP_OCR_TIDY_H

/* Tidy the line `text` (UTF-8, NUL-terminated) in place: it only shrinks. */
void ocr_line_tidy(char *text);

#endif
