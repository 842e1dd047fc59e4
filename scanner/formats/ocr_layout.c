/* ocr_layout.c — the text of a page read by OCR, laid out from its lines'
 * boxes (ocr_to_layout, see ocr.h).
 *
 * Lines are put into rows and a row's lines left to right, as the PDF
 * reader lays out a text layer (pdf_layout.c): a row per text line, a tab
 * between a table's cells.  Where the page draws a table's borders
 * (ocr_rules.h), they decide: a row is what stands between two horizontal
 * borders, so a cell's text that wrapped onto a second line stays in its
 * cell ("111/3 ม.3 ต.เวียง อ.เมือง จ.เชียงราย 57000"), and the vertical
 * borders crossed between two cells give a tab each, so a cell left empty
 * (or that OCR did not read) keeps the others in their columns.  Rows
 * are found on the page as if turned level (Tesseract says by how much the
 * text is turned): across a sheet scanned 1° askew a row drops by a line's
 * height. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"
#include "ocr.h"
#include "ocr_rules.h"

static const lbox none = { 0, 0, 0, 0 };

static double height(const lbox *b) { return b->y2 - b->y1; }
static double xc(const lbox *b) { return (b->x1 + b->x2) / 2; }
static double yc(const lbox *b) { return (b->y1 + b->y2) / 2; }

/* Do lines a and b share most of the lower one's height, their middles
 * less than half of it apart (one row)?  Thai lines' boxes reach over
 * their marks, so two lines of a paragraph overlap too. */
static int same_row(const lbox *a, const lbox *b)
{
    double top = a->y1 > b->y1 ? a->y1 : b->y1, bottom = a->y2 < b->y2 ? a->y2 : b->y2;
    double h = height(a) < height(b) ? height(a) : height(b), d = yc(a) - yc(b);
    return h > 0 && bottom - top >= 0.5 * h && (d < 0 ? -d : d) < 0.5 * h;
}

/* A line's place in the order rows are written in: its row's key (the
 * border above it in a ruled table, else its own middle), then left to
 * right. */
typedef struct placed {
    size_t line;
    lbox level;  /* its box moved as the page turned level would put it */
    long band;   /* the horizontal border above it inside a ruled table, or -1 */
    double key;
} placed;

static _Thread_local const ocr_line *sort_lines; /* qsort's context */
static int by_key(const void *x, const void *y)
{
    const placed *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}
static int by_left(const void *x, const void *y)
{
    const lbox *a = &sort_lines[((const placed *)x)->line].box, *b = &sort_lines[((const placed *)y)->line].box;
    return a->x1 < b->x1 ? -1 : a->x1 > b->x1;
}

/* The horizontal border just above line l inside a ruled table (vertical
 * borders left and right of it, a horizontal one below it too), or -1. */
static long band_of(const ocr_page *p, const lbox *l)
{
    double xs[OCR_MAX_RULES], x = xc(l), y = yc(l);
    size_t nb = ocr_rules_at(p->rules, p->nrules, y, 4, xs);
    if (nb < 2 || x <= xs[0] || x >= xs[nb - 1]) return -1;
    long above = -1;
    double best = -1, below = 0;
    for (size_t i = 0; i < p->nhrules; i++) {
        const lbox *r = &p->hrules[i];
        if (r->x1 > x || r->x2 < x) continue;
        double ry = ocr_hrule_y(r, x);
        if (ry < y && ry > best) best = ry, above = (long)i;
        below += ry > y;
    }
    return below ? above : -1;
}

static void put(page_layout *out, const char *s, size_t k, lbox b)
{
    if (out->nboxes == out->cap) {
        out->cap = out->cap ? 2 * out->cap : 1024;
        out->boxes = xrealloc(out->boxes, out->cap * sizeof *out->boxes);
    }
    buf_append(&out->text, s, k);
    out->boxes[out->nboxes++] = b;
}

/* Line l's characters, its box (scaled) cut into a slice per letter. */
static void put_line(page_layout *out, const ocr_line *l, double scale)
{
    const char *t = l->text;
    size_t len = strlen(t), letters = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)t + i, len - i, &cp);
        if (!k) return;
        letters += !cp_is_thai_combining(cp);
        i += k;
    }
    double x = l->box.x1 * scale, step = letters ? (l->box.x2 - l->box.x1) * scale / (double)letters : 0;
    lbox slice = { x, l->box.y1 * scale, x, l->box.y2 * scale };
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)t + i, len - i, &cp);
        if (!cp_is_thai_combining(cp)) {
            slice.x1 = slice.x2;
            slice.x2 = slice.x1 + step;
        }
        put(out, t + i, k, slice);
        i += k;
    }
}

/* Column of x among the sorted border positions xs[0, nb): 0 left of the table. */
static size_t column_of(const double *xs, size_t nb, double x)
{
    size_t c = 0;
    while (c < nb && xs[c] <= x) c++;
    return c;
}

/* Is line a a fragment of line b: three characters at most, fewer than
 * b's, its middle inside b's box?  Tesseract reads the marks above a bold
 * line again as a line of their own ("ลำดับ" and, over it, "๐๘"): in a
 * table's cell that would come before the cell's text. */
static int fragment_of(const ocr_line *a, const ocr_line *b)
{
    size_t ca = utf8_count(a->text, strlen(a->text));
    return ca <= 3 && ca < utf8_count(b->text, strlen(b->text)) && xc(&a->box) > b->box.x1 &&
           xc(&a->box) < b->box.x2 && yc(&a->box) > b->box.y1 && yc(&a->box) < b->box.y2;
}

static int is_fragment(const ocr_page *p, const placed *r, size_t n, size_t j)
{
    for (size_t k = 0; k < n; k++)
        if (k != j && fragment_of(&p->lines[r[j].line], &p->lines[r[k].line])) return 1;
    return 0;
}

/* Lines r[0, n) of one row of a ruled table (between two horizontal
 * borders): column by column, a tab for each vertical border, from the
 * table's first column; a cell's lines top to bottom (left to right on
 * one height), a space between them; fragments of another line left out. */
static void put_ruled_row(const ocr_page *p, placed *r, size_t n, double scale, page_layout *out)
{
    double xs[OCR_MAX_RULES];
    size_t nb = ocr_rules_at(p->rules, p->nrules, yc(&p->lines[r[0].line].box), 4, xs);
    size_t first = nb, last = 0;
    for (size_t j = 0; j < n; j++) {
        size_t c = column_of(xs, nb, xc(&p->lines[r[j].line].box));
        if (c < first) first = c;
        if (c > last) last = c;
    }
    if (first > 1) first = 1; /* a table's cells from its first column on, empty or not */
    for (size_t c = first; c <= last; c++) {
        if (c > first) put(out, "\t", 1, none);
        int written = 0;
        for (size_t j = 0; j < n; j++) { /* r is in reading order: top to bottom, left to right */
            const ocr_line *l = &p->lines[r[j].line];
            if (column_of(xs, nb, xc(&l->box)) != c || is_fragment(p, r, n, j)) continue;
            if (written++) put(out, " ", 1, none);
            put_line(out, l, scale);
        }
    }
}

/* Lines r[0, n) of one row outside a ruled table (one text line), left to
 * right: a tab at a wide gap, or for each vertical border between them. */
static void put_row(const ocr_page *p, const placed *r, size_t n, double scale, page_layout *out)
{
    const lbox *first = &p->lines[r[0].line].box;
    double xs[OCR_MAX_RULES];
    size_t nb = ocr_rules_at(p->rules, p->nrules, yc(first), 4, xs);
    size_t col = nb >= 2 ? column_of(xs, nb, xc(first)) : 0;
    for (size_t c = col > 1 ? 1 : col; c < col; c++) put(out, "\t", 1, none); /* a table's empty first cells */
    for (size_t j = 0; j < n; j++) {
        const ocr_line *l = &p->lines[r[j].line];
        if (j > 0) {
            const lbox *prev = &p->lines[r[j - 1].line].box;
            size_t c = nb >= 2 ? column_of(xs, nb, xc(&l->box)) : col;
            if (nb >= 2 && c != col)
                for (; col < c; col++) put(out, "\t", 1, none);
            else
                put(out, nb < 2 && l->box.x1 - prev->x2 > height(&l->box) ? "\t" : " ", 1, none);
        }
        put_line(out, l, scale);
    }
}

/* Row [0, n) of a ruled table put in reading order: by height, and left to
 * right among lines of one height. */
static void reading_order(placed *r, size_t n)
{
    for (size_t j = 0; j < n; j++) r[j].key = yc(&r[j].level);
    qsort(r, n, sizeof *r, by_key);
    for (size_t from = 0; from < n;) {
        size_t to = from + 1;
        while (to < n && same_row(&r[from].level, &r[to].level)) to++;
        qsort(r + from, to - from, sizeof *r, by_left);
        from = to;
    }
}

void ocr_to_layout(const ocr_page *p, double scale, page_layout *out)
{
    memset(out, 0, sizeof *out);
    buf_init(&out->text);
    placed *ord = xmalloc((p->n ? p->n : 1) * sizeof *ord);
    double t = tan(p->skew);
    for (size_t i = 0; i < p->n; i++) {
        const lbox *b = &p->lines[i].box;
        double dy = -xc(b) * t; /* a line turned with the page goes down as it goes right */
        long band = p->nhrules ? band_of(p, b) : -1;
        /* a row of a ruled table: one key for all its lines, where its
         * border would stand on the page turned level (at x 0) */
        double key = band >= 0 ? ocr_hrule_y(&p->hrules[band], 0) : yc(b) + dy;
        ord[i] = (placed){ i, { b->x1, b->y1 + dy, b->x2, b->y2 + dy }, band, key };
    }
    sort_lines = p->lines;
    qsort(ord, p->n, sizeof *ord, by_key);
    for (size_t from = 0; from < p->n;) {
        size_t to = from + 1;
        if (ord[from].band >= 0) {
            while (to < p->n && ord[to].band == ord[from].band) to++;
        } else {
            while (to < p->n && ord[to].band < 0 && same_row(&ord[from].level, &ord[to].level)) to++;
        }
        if (from) put(out, "\n", 1, none);
        if (ord[from].band >= 0) {
            reading_order(ord + from, to - from);
            put_ruled_row(p, ord + from, to - from, scale, out);
        } else {
            qsort(ord + from, to - from, sizeof *ord, by_left);
            put_row(p, ord + from, to - from, scale, out);
        }
        from = to;
    }
    free(ord);
}
