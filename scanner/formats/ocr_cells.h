/* ocr_cells.h — a line Tesseract read across a table's cells, cut into a
 * line a cell (ocr_cells.c).
 *
 * Tesseract often reads a scanned table's whole row as one line, its cells
 * joined by spaces.  The rules that read a table by its columns (a birth
 * date column, an ID column) then see one long sentence.  The words'
 * boxes say where the cells are: a gap wider than the line is high is
 * between cells, not words, and the line is cut there, as it is at a
 * table's border.  ocr_to_layout then puts a tab between the parts, as the
 * PDF reader does between a text layer's cells. */
#ifndef PDP_OCR_CELLS_H
#define PDP_OCR_CELLS_H

#include <stddef.h>

#include "ocr.h"

/* One word of a line: its box and where its text stands in the line. */
typedef struct ocr_word {
    lbox box;
    size_t from, to;   /* bytes of the line's text */
    size_t digits;     /* how many of the line's digit boxes come before it */
    int thai;          /* and how many of those are Thai digits */
    lbox first, last;  /* its first and last symbols' boxes */
    size_t first_len, last_len, nsym;
    int border;        /* a table's border read as a word: left out */
    int cut_before, cut_after; /* a border was taken off its start, its end */
} ocr_word;

/* What Tesseract says of one line beyond its text. */
typedef struct ocr_line_boxes {
    lbox *digit;       /* boxes of its ocr_digit_like characters, in text order */
    size_t ndigits, dcap;
    int thai;          /* how many of them are Thai digits */
    ocr_word *word;
    size_t nwords, wcap;
    size_t cursor;     /* where the next word's text is looked for */
    int lost;          /* a word's text was not found where expected: do not cut */
} ocr_line_boxes;

/* Note the word `w` (its text as Tesseract gives it) at `box` in `line`,
 * the text of the line it belongs to. */
void ocr_cells_word(ocr_line_boxes *lb, const char *line, const char *w, lbox box);

/* Note a symbol of the word noted last, in order. */
void ocr_cells_symbol(ocr_line_boxes *lb, const char *sym, lbox box);

/* Cut the lines of p at the gaps between cells and at the vertical rules
 * (ocr_rules.h) rules[0, nr), leaving out the words that are a rule read
 * as a letter.  lb[i] goes with p->lines[i]; both arrays are rebuilt (lb
 * with *lb_n entries, one a line, each cell's digit boxes its own). */
void ocr_cells_split(ocr_page *p, ocr_line_boxes **lb, size_t *lb_n, const lbox *rules, size_t nr);

void ocr_line_boxes_free(ocr_line_boxes *lb, size_t n);

#endif
