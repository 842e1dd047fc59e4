/* ocr_rules.h — a scanned table's borders found in the page picture
 * (ocr_rules.c).
 *
 * On a ruled table the borders say which column a cell is in, where the
 * words' gaps only guess: a row whose first cell Tesseract did not read
 * (an ordinal "9" too small for it) would otherwise shift every cell one
 * column left, and a column rule (birth dates under วัน/เดือน/ปีเกิด) read
 * the wrong column.  Tesseract also reads a border as a word "|".  The
 * horizontal borders say which lines are one row: a cell's text that
 * wraps (an address on two lines) stays in its cell. */
#ifndef PDP_OCR_RULES_H
#define PDP_OCR_RULES_H

#include <stddef.h>

#include "../extract/pdf_layout.h"
#include "glyph.h"

/* The vertical lines of page: thin runs of ink at least `min_len` pixels
 * long (followed through a scan's slight slant and small breaks), none
 * wider than `max_w`.  Each is a segment from (x1, y1) at its top to
 * (x2, y2) at its bottom, y1 < y2 (heap, *rules; how many; at most
 * OCR_MAX_RULES). */
#define OCR_MAX_RULES 256
size_t ocr_vertical_rules(const bitmap *page, int min_len, int max_w, lbox **rules);

/* Where rule r stands at height y. */
double ocr_rule_x(const lbox *r, double y);

/* The horizontal lines, alike: each a segment from (x1, y1) at its left
 * end to (x2, y2) at its right, x1 < x2; ocr_hrule_y says where one
 * stands at x. */
size_t ocr_horizontal_rules(const bitmap *page, int min_len, int max_w, lbox **rules);
double ocr_hrule_y(const lbox *r, double x);

/* Which of rules[0, n) cross height y: their x, sorted, into xs (room for
 * OCR_MAX_RULES); how many.  Rules closer than `near` pixels are one. */
size_t ocr_rules_at(const lbox *rules, size_t n, double y, double near, double *xs);

#endif
