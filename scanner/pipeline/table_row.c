/* table_row.c — where a finding stands in a table, for people: among eight
 * names on a page, "page 1" does not say which.  Every reader writes a
 * table row as one line with its cells separated by tabs, so the row's
 * first cell (its ลำดับ, when it is a short number) and the header of the
 * finding's column can be read off the text: the header is the last row
 * above whose cells hold no digit at all (agency tables start with one,
 * and a table going over pages repeats it); a paragraph of prose between
 * tables ends it. */
#include <stdlib.h>
#include <string.h>

#include "docscan.h"

#define MAX_HEADER_CELL 80   /* longer is not a column title */
#define PROSE_LINE 80        /* a line without tabs this long ends a table */
#define MAX_ROW_LABEL 16     /* "๑๒๓." fits, a value does not */

void table_header_free(table_header *h)
{
    for (size_t i = 0; i < h->n; i++) free(h->cells[i]);
    free(h->cells);
    h->cells = NULL;
    h->n = 0;
}

static int has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') return 1;
        if (c == 0xE0 && i + 2 < n && (unsigned char)s[i + 1] == 0xB9 && (unsigned char)s[i + 2] >= 0x90 &&
            (unsigned char)s[i + 2] <= 0x99)
            return 1; /* a Thai digit */
    }
    return 0;
}

/* Is s[0, n) a sequence number: digits (Thai or ASCII), with '.', ')' or
 * spaces? */
static int is_number(const char *s, size_t n)
{
    int digits = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') digits++, i++;
        else if (c == '.' || c == ')' || c == ' ') i++;
        else if (c == 0xE0 && i + 2 < n && (unsigned char)s[i + 1] == 0xB9 && (unsigned char)s[i + 2] >= 0x90 &&
                 (unsigned char)s[i + 2] <= 0x99)
            digits++, i += 3;
        else return 0;
    }
    return digits > 0;
}

/* s[0, n) without the spaces around it (heap). */
static char *trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\r')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r')) n--;
    return xstrndup(s, n);
}

void table_header_see(table_header *h, const char *line, size_t len)
{
    const char *tab = memchr(line, '\t', len);
    if (!tab) {
        if (len > PROSE_LINE) table_header_free(h);
        return;
    }
    if (has_digit(line, len)) return; /* a row of data */
    size_t cells = 1, filled = 0;
    for (size_t i = 0; i < len; i++) cells += line[i] == '\t';
    char **v = xcalloc(cells, sizeof *v);
    size_t k = 0, from = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != '\t') continue;
        if (i - from > MAX_HEADER_CELL) break;
        v[k] = trimmed(line + from, i - from);
        filled += v[k][0] != 0;
        k++;
        from = i + 1;
    }
    if (k < cells || filled < 2) { /* not a header: a cell too long, or one title alone */
        for (size_t i = 0; i < k; i++) free(v[i]);
        free(v);
        return;
    }
    table_header_free(h);
    h->cells = v;
    h->n = cells;
}

void table_position(const table_header *h, const char *line, size_t len, size_t at, char **row_label,
                    char **column)
{
    *row_label = *column = NULL;
    const char *first_tab = memchr(line, '\t', len);
    if (!first_tab || at > len) return;
    size_t col = 0;
    for (size_t i = 0; i < at; i++) col += line[i] == '\t';
    if (col == 0) return; /* the value is the row's first cell: no label to give */
    size_t first = (size_t)(first_tab - line);
    char *label = trimmed(line, first);
    size_t ll = strlen(label);
    if (ll && ll <= MAX_ROW_LABEL && is_number(label, ll)) *row_label = label;
    else free(label);
    if (col < h->n && h->cells[col][0]) *column = xstrdup(h->cells[col]);
}
