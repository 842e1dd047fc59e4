/* ocr_latin.h — an e-mail address on a Thai scan read again in Latin
 * script (ocr_latin.c; the reading itself is in ocr.c).
 *
 * Tesseract's Thai model reads Latin letters as Thai ones: the address
 * prasert.b4@yahoo.co.th comes out as "เวเลรอพ์.เ4@ฯทลทออ.6อ๐.ป้า", its @
 * the one character that survives.  A line with an @ is read again with
 * the English model, and the word around the @ is taken from that reading
 * when it is an address. */
#ifndef PDP_OCR_LATIN_H
#define PDP_OCR_LATIN_H

/* In *text (UTF-8, heap), the word holding the first @ replaced by the
 * word holding an @ in latin (the same line read in Latin script), when
 * that one is an e-mail address (letters, digits and . _ % + - around one
 * @, a dot after it).  1 when replaced, else 0 (*text unchanged). */
int ocr_latin_swap(char **text, const char *latin);

#endif
