/* ocr_cells.c — a line Tesseract read across a table's cells, cut into a
 * line a cell (see ocr_cells.h). */
#include "ocr_cells.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

void ocr_cells_word(ocr_line_boxes *lb, const char *line, const char *w, lbox box)
{
    size_t len = strlen(w), at = lb->cursor;
    while (line[at] == ' ') at++;
    if (lb->lost || !len || strncmp(line + at, w, len) != 0) {
        lb->lost = 1;
        return;
    }
    if (lb->nwords == lb->wcap) {
        lb->wcap = lb->wcap ? 2 * lb->wcap : 16;
        lb->word = xrealloc(lb->word, lb->wcap * sizeof *lb->word);
    }
    lb->word[lb->nwords++] = (ocr_word){ box, at, at + len, lb->ndigits, lb->thai };
    lb->cursor = at + len;
}

/* Is there one of the vertical rules between x1 and x2 at height y? */
static int rule_between(const lbox *rules, size_t nr, double x1, double x2, double y)
{
    for (size_t i = 0; i < nr; i++)
        if (rules[i].x1 > x1 && rules[i].x1 < x2 && rules[i].y1 <= y && rules[i].y2 >= y) return 1;
    return 0;
}

/* Is word k a table's border read as a word ("|", "l|", "'เ|"): a short
 * word standing on a vertical rule? */
static int border_word(const ocr_line *l, const ocr_word *w, const lbox *rules, size_t nr)
{
    size_t chars = 0;
    for (size_t i = w->from; i < w->to; i++) chars += ((unsigned char)l->text[i] & 0xC0) != 0x80;
    double pad = 0.1 * (l->box.y2 - l->box.y1);
    return chars <= 3 && rule_between(rules, nr, w->box.x1 - pad, w->box.x2 + pad, (w->box.y1 + w->box.y2) / 2);
}

/* Is word w a speck read as a mark of punctuation (' ` " . , : ; ! _ ~ ^):
 * at a cell's edge it is dirt on the scan, and it would keep a cell's date
 * from being the whole cell. */
static int speck_word(const ocr_line *l, const ocr_word *w)
{
    return w->to == w->from + 1 && strchr("'`\".,:;!_~^", l->text[w->from]);
}

/* Does a new cell begin at word k (after word k - 1): a gap wider than
 * the line is high, or a border between them? */
static int cell_gap(const ocr_line *l, const ocr_line_boxes *lb, size_t k, const lbox *rules, size_t nr)
{
    const lbox *a = &lb->word[k - 1].box, *b = &lb->word[k].box;
    return b->x1 - a->x2 > l->box.y2 - l->box.y1 || rule_between(rules, nr, a->x2, b->x1, (l->box.y1 + l->box.y2) / 2);
}

/* The cells of line l as spans [a, b) of its words, border words and
 * specks at a cell's edges left out, into span (room for lb->nwords); how
 * many (0: the line stays as it is). */
static size_t line_cells(const ocr_line *l, const ocr_line_boxes *lb, const lbox *rules, size_t nr, size_t (*span)[2])
{
    if (lb->lost || !lb->nwords) return 0;
    size_t n = 0, from = 0;
    int cut = 0;
    for (size_t k = 0; k <= lb->nwords; k++) {
        int border = k < lb->nwords && border_word(l, &lb->word[k], rules, nr);
        int end = k == lb->nwords || border || (k > from && cell_gap(l, lb, k, rules, nr));
        if (!end) continue;
        size_t a = from, b = k;
        while (a < b && speck_word(l, &lb->word[a])) a++;
        while (b > a && speck_word(l, &lb->word[b - 1])) b--;
        if (b > a) span[n++][0] = a, span[n - 1][1] = b;
        cut |= k < lb->nwords || a > from || b < k;
        from = border ? k + 1 : k;
    }
    return cut ? n : 0;
}

static lbox join(lbox a, lbox b)
{
    return (lbox){ a.x1 < b.x1 ? a.x1 : b.x1, a.y1 < b.y1 ? a.y1 : b.y1,
                   a.x2 > b.x2 ? a.x2 : b.x2, a.y2 > b.y2 ? a.y2 : b.y2 };
}

/* Words [a, b) of line l as a line of their own, into out and c. */
static void make_cell(const ocr_line *l, const ocr_line_boxes *lb, size_t a, size_t b, ocr_line *out,
                      ocr_line_boxes *c)
{
    const ocr_word *w = lb->word;
    lbox box = w[a].box;
    for (size_t k = a + 1; k < b; k++) box = join(box, w[k].box);
    *out = (ocr_line){ xstrndup(l->text + w[a].from, w[b - 1].to - w[a].from), box };
    memset(c, 0, sizeof *c);
    /* the cell's digits: those before word b (or the line's end) not before word a */
    size_t d0 = w[a].digits, d1 = b < lb->nwords ? w[b].digits : lb->ndigits;
    int t1 = b < lb->nwords ? w[b].thai : lb->thai;
    if (d1 > d0) {
        c->ndigits = c->dcap = d1 - d0;
        c->digit = xmalloc(c->ndigits * sizeof *c->digit);
        memcpy(c->digit, lb->digit + d0, c->ndigits * sizeof *c->digit);
        c->thai = t1 - w[a].thai;
    }
}

void ocr_cells_split(ocr_page *p, ocr_line_boxes **lb, size_t *lb_n, const lbox *rules, size_t nr)
{
    size_t total = 0, most = 1;
    for (size_t i = 0; i < p->n; i++)
        if ((*lb)[i].nwords > most) most = (*lb)[i].nwords;
    size_t (*span)[2] = xmalloc(most * sizeof *span);
    for (size_t i = 0; i < p->n; i++) {
        size_t c = line_cells(&p->lines[i], &(*lb)[i], rules, nr, span);
        total += c ? c : 1;
    }
    ocr_line *out = xmalloc((total ? total : 1) * sizeof *out);
    ocr_line_boxes *ob = xmalloc((total ? total : 1) * sizeof *ob);
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++) {
        ocr_line *l = &p->lines[i];
        ocr_line_boxes *b = &(*lb)[i];
        size_t c = line_cells(l, b, rules, nr, span);
        if (!c) {
            out[n] = *l;
            ob[n++] = *b;
            memset(b, 0, sizeof *b);
            continue;
        }
        for (size_t k = 0; k < c; k++, n++) make_cell(l, b, span[k][0], span[k][1], &out[n], &ob[n]);
        free(l->text);
    }
    free(span);
    ocr_line_boxes_free(*lb, *lb_n);
    free(p->lines);
    p->lines = out;
    p->n = total;
    *lb = ob;
    *lb_n = total;
}

void ocr_line_boxes_free(ocr_line_boxes *lb, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(lb[i].digit);
        free(lb[i].word);
    }
    free(lb);
}
