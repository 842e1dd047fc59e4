/* csv.c — delimited text read as the table it is (see extract.h).
 *
 * A CSV row (`1,นาย,วรวงค์,ระฆังทอง`) is a table row: the detectors read
 * tables as lines whose cells are separated by tabs, so a file whose first
 * lines carry the same number of commas (or semicolons) outside quotes is
 * passed on with each delimiter outside quotes made a tab, quotes taken
 * off ("" inside quotes is one "), and a line break inside quotes made a
 * space, so that each record is one line.  Only ASCII bytes change:
 * UTF-8 and the single-byte Thai encodings pass through untouched. */
#include <string.h>

#include "extract.h"

#define SNIFF_LINES 20

char csv_sniff(const unsigned char *head, size_t n)
{
    static const char cands[] = { ',', ';' };
    for (size_t c = 0; c < sizeof cands; c++) {
        size_t records = 0, same = 0, first = 0, k = 0, len = 0;
        int q = 0;
        /* records end at a line break outside quotes; only whole ones count */
        for (size_t i = 0; i < n && records < SNIFF_LINES; i++) {
            if (head[i] == '"') q = !q;
            else if (head[i] == (unsigned char)cands[c] && !q) k++;
            if (head[i] != '\n' || q) {
                len += head[i] != '\r';
                continue;
            }
            if (len) {
                if (!records) first = k;
                records++;
                same += k == first;
            }
            k = len = 0;
        }
        if (first >= 1 && records >= 3 && same * 10 >= records * 9) return cands[c];
    }
    return 0;
}

void csv_feed(csv_filter *f, const char *s, size_t n, docscan *ds)
{
    char out[4096];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (f->quote_pending) { /* a quote inside quotes: doubled, or the end */
            f->quote_pending = 0;
            if (c == '"') {
                out[k++] = '"';
                goto next;
            }
            f->in_quotes = 0;
        }
        if (f->in_quotes) {
            if (c == '"') f->quote_pending = 1;
            else out[k++] = c == '\n' || c == '\r' ? ' ' : c;
        } else if (c == '"' && f->field_start) {
            f->in_quotes = 1;
        } else if (c == f->delim) {
            out[k++] = '\t';
        } else {
            out[k++] = c;
        }
        f->field_start = c == f->delim || c == '\n';
    next:
        if (f->in_quotes || f->quote_pending) f->field_start = 0;
        if (k >= sizeof out - 1) {
            docscan_text(ds, out, k);
            k = 0;
        }
    }
    if (k) docscan_text(ds, out, k);
}
