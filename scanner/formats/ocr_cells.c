/* ocr_cells.c — a line Tesseract read across a table's cells, cut into a
 * line a cell (see ocr_cells.h). */
#include "ocr_cells.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"
#include "ocr_rules.h"

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
    lb->word[lb->nwords++] = (ocr_word){ .box = box, .from = at, .to = at + len, .digits = lb->ndigits, .thai = lb->thai };
    lb->cursor = at + len;
}

void ocr_cells_symbol(ocr_line_boxes *lb, const char *sym, lbox box)
{
    if (lb->lost || !lb->nwords) return;
    ocr_word *w = &lb->word[lb->nwords - 1];
    size_t len = strlen(sym);
    if (!w->nsym++) {
        w->first = box;
        w->first_len = len;
    }
    w->last = box;
    w->last_len = len;
}

/* Is there one of the vertical rules between x1 and x2 at height y? */
static int rule_between(const lbox *rules, size_t nr, double x1, double x2, double y)
{
    for (size_t i = 0; i < nr; i++)
        if (rules[i].y1 <= y && rules[i].y2 >= y && ocr_rule_x(&rules[i], y) > x1 && ocr_rule_x(&rules[i], y) < x2)
            return 1;
    return 0;
}

/* Is the symbol of `len` bytes at s, whose box is b, a border read as a
 * letter: a bar, a bracket or a quote within `near` of a border (Tesseract
 * sees one beside a border it has taken out), or a เ (a stroke with a
 * small loop) with a border inside its box or at its edge? */
static int border_symbol(const char *s, size_t len, const lbox *b, double near, const lbox *rules, size_t nr, double y)
{
    if (len == 1 && strchr("|()[]{}!lI'`", *s)) return rule_between(rules, nr, b->x1 - near, b->x2 + near, y);
    double pad = near / 5; /* Tesseract's box may stop just short of the border it read */
    return len == 3 && !memcmp(s, "\xE0\xB9\x80", 3) && rule_between(rules, nr, b->x1 - pad, b->x2 + pad, y);
}

/* Does a letter or digit stand in bytes [a, b) of s: a Thai consonant or
 * digit, a Latin letter or digit (not a vowel or mark alone)? */
static int has_substance(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        const unsigned char *u = (const unsigned char *)s + i;
        if (u[0] < 0x80 && ((u[0] | 32) >= 'a' && (u[0] | 32) <= 'z' ? u[0] != 'l' && u[0] != 'I' : u[0] >= '0' && u[0] <= '9'))
            return 1;
        if (i + 3 <= b && u[0] == 0xE0 &&
            ((u[1] == 0xB8 && u[2] >= 0x81 && u[2] <= 0xAE) || (u[1] == 0xB9 && u[2] >= 0x90 && u[2] <= 0x99)))
            return 1;
    }
    return 0;
}

/* A table's border read as part of a word, or close beside one:
 *   - a border symbol (border_symbol) at a word's start or end ("|45",
 *     "(ชื่อ", "เนาย") is taken off, and the word begins or ends a cell;
 *   - a short word of such marks with no letter or digit ("|", "'เ|") is
 *     dropped;
 *   - a border inside a word's first or last letter's box (Tesseract's box
 *     took the border in: "ที" drawn right of it) begins or ends a cell. */
static void trim_border(const ocr_line *l, ocr_word *w, const lbox *rules, size_t nr)
{
    double h = l->box.y2 - l->box.y1, y = (w->box.y1 + w->box.y2) / 2, near = 0.5 * h;
    if (!w->nsym || !rule_between(rules, nr, w->box.x1 - near, w->box.x2 + near, y)) return;
    size_t len = w->to - w->from, chars = utf8_count(l->text + w->from, len); /* a symbol's text is its word's, unless Tesseract says otherwise */
    int front = w->first_len <= len && border_symbol(l->text + w->from, w->first_len, &w->first, near, rules, nr, y);
    int back = w->nsym > 1 && w->first_len + w->last_len <= len &&
               border_symbol(l->text + w->to - w->last_len, w->last_len, &w->last, near, rules, nr, y);
    if ((front || back) && (w->nsym == 1 || (chars <= 3 && !has_substance(l->text, w->from, w->to)))) {
        w->border = 1;
        return;
    }
    /* a border inside the first letter's box: before it (a single
     * letter's: the half it is in says which side) */
    double mid = w->nsym == 1 ? (w->first.x1 + w->first.x2) / 2 : w->first.x2;
    w->cut_before = front || rule_between(rules, nr, w->first.x1, mid, y);
    w->cut_after = back || (!w->cut_before && rule_between(rules, nr, w->nsym == 1 ? mid : w->last.x1, w->last.x2, y));
    if (front) {
        w->from += w->first_len;
        w->box.x1 = w->first.x2;
    }
    if (back) {
        w->to -= w->last_len;
        w->box.x2 = w->last.x1;
    }
    if (w->from >= w->to) w->border = 1; /* nothing left of it */
}

/* The words [a, b) of a cell that make one chunk of text (no space
 * between them: Tesseract gives Thai a word a letter): is it a speck, dirt
 * on the scan — a mark of punctuation (' ` " . , : ; ! _ ~ ^), or up to
 * three vowels, marks and such with no letter or digit ("'เ")?  At a
 * cell's edge it would keep a cell's date from being the whole cell. */
static int speck(const ocr_line *l, const ocr_word *w, size_t a, size_t b)
{
    size_t from = w[a].from, to = w[b - 1].to, chars = utf8_count(l->text + from, to - from);
    if (to == from + 1) return strchr("'`\".,:;!_~^", l->text[from]) != NULL;
    return chars <= 3 && !has_substance(l->text, from, to);
}

/* The chunk of text (words with no space between) that begins at word a,
 * or ends at word b - 1: where it ends, or begins. */
static size_t chunk_end(const ocr_word *w, size_t a, size_t b)
{
    while (a + 1 < b && w[a + 1].from == w[a].to) a++;
    return a + 1;
}
static size_t chunk_start(const ocr_word *w, size_t a, size_t b)
{
    while (b - 1 > a && w[b - 1].from == w[b - 2].to) b--;
    return b - 1;
}

/* Cell [*a, *b): a speck at either end taken off (a cell that is one
 * speck goes whole). */
static void trim_specks(const ocr_line *l, const ocr_word *w, size_t *a, size_t *b)
{
    size_t e = chunk_end(w, *a, *b);
    if (speck(l, w, *a, e)) *a = e;
    if (*a == *b) return;
    size_t s = chunk_start(w, *a, *b);
    if (speck(l, w, s, *b)) *b = s > *a ? s : *b;
}

/* Does a new cell begin at word k (after word k - 1): a gap wider than
 * the line is high, or a border between them? */
static int cell_gap(const ocr_line *l, const ocr_line_boxes *lb, size_t k, const lbox *rules, size_t nr)
{
    const lbox *a = &lb->word[k - 1].box, *b = &lb->word[k].box;
    if (lb->word[k - 1].cut_after || lb->word[k].cut_before) return 1;
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
    for (size_t k = 0; k < lb->nwords; k++) {
        const ocr_word *w = &lb->word[k];
        cut |= w->border || w->cut_before || w->cut_after;
    }
    for (size_t k = 0; k <= lb->nwords; k++) {
        int border = k < lb->nwords && lb->word[k].border;
        int end = k == lb->nwords || border || (k > from && cell_gap(l, lb, k, rules, nr));
        if (!end) continue;
        size_t a = from, b = k;
        if (b > a) trim_specks(l, lb->word, &a, &b);
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
    box.y1 = l->box.y1; /* the line's height, its marks above and below: */
    box.y2 = l->box.y2; /* a finding's box is painted over them all */
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

/* Room for one more line in out and ob (n used, *cap allocated). */
static void room(ocr_line **out, ocr_line_boxes **ob, size_t n, size_t *cap)
{
    if (n < *cap) return;
    *cap = *cap ? 2 * *cap : 16;
    *out = xrealloc(*out, *cap * sizeof **out);
    *ob = xrealloc(*ob, *cap * sizeof **ob);
}

void ocr_cells_split(ocr_page *p, ocr_line_boxes **lb, size_t *lb_n, const lbox *rules, size_t nr)
{
    size_t most = 1, n = 0, cap = p->n;
    for (size_t i = 0; i < p->n; i++)
        if ((*lb)[i].nwords > most) most = (*lb)[i].nwords;
    size_t (*span)[2] = xmalloc(most * sizeof *span);
    ocr_line *out = xmalloc((cap ? cap : 1) * sizeof *out);
    ocr_line_boxes *ob = xmalloc((cap ? cap : 1) * sizeof *ob);
    for (size_t i = 0; i < p->n; i++) {
        ocr_line *l = &p->lines[i];
        ocr_line_boxes *b = &(*lb)[i];
        for (size_t k = 0; !b->lost && k < b->nwords; k++) trim_border(l, &b->word[k], rules, nr);
        size_t c = line_cells(l, b, rules, nr, span);
        if (!c) {
            room(&out, &ob, n, &cap);
            out[n] = *l;
            ob[n++] = *b;
            memset(b, 0, sizeof *b);
            continue;
        }
        for (size_t k = 0; k < c; k++, n++) {
            room(&out, &ob, n, &cap);
            make_cell(l, b, span[k][0], span[k][1], &out[n], &ob[n]);
        }
        free(l->text);
    }
    free(span);
    ocr_line_boxes_free(*lb, *lb_n);
    free(p->lines);
    p->lines = out;
    p->n = n;
    *lb = ob;
    *lb_n = n;
}

void ocr_line_boxes_free(ocr_line_boxes *lb, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(lb[i].digit);
        free(lb[i].word);
    }
    free(lb);
}
