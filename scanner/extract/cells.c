/* cells.c — where spreadsheet cells go in the document text: the cells of
 * one row on one line, one tab per column (an empty cell still counts), a
 * new line for each row.  The detectors then see a sheet as a table whose
 * rows are lines and whose columns are tab-separated, like a table in a
 * Word document, an HTML page or a text file. */
#include "extract.h"

#include <ctype.h>

void cell_pos_parse(const char *ref, cell_pos *p)
{
    unsigned long col = 0, row = 0;
    const char *s = ref;
    while (isalpha((unsigned char)*s)) col = col * 26 + (unsigned long)(toupper((unsigned char)*s++) - 'A' + 1);
    while (isdigit((unsigned char)*s)) row = row * 10 + (unsigned long)(*s++ - '0');
    p->row = row;
    p->col = col ? col - 1 : 0;
}

void cell_piece(extract_ctx *x, cell_pos *prev, const cell_pos *at, const pdp_location *loc)
{
    char sep[MAX_CELL_TABS + 1];
    size_t n = 0;
    if (prev->row == at->row && at->col > prev->col && at->col - prev->col <= MAX_CELL_TABS)
        for (unsigned long c = prev->col; c < at->col; c++) sep[n++] = '\t';
    else
        sep[n++] = '\n';
    sep[n] = 0;
    docscan_piece_sep(x->ds, loc, sep);
    *prev = *at;
}
