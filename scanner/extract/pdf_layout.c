/* pdf_layout.c — a PDF page's text rebuilt from where its glyphs stand
 * (see pdf_layout.h).
 *
 * poppler's page text follows its own reading order, which loses a table:
 * the cells of a row come out glued together ("1นางกนกวรรณ ทองเจือ5-2016-
 * 12724-03-43 กรกฎาคม 2504"), and a list whose columns stand apart comes
 * out column after column.  Thai marks placed out of order by the producer
 * end up after the wrong letter or on a line of their own ("เบีย" / "้ ยัง").
 * So the text is laid out again from each character's box:
 *
 *   - rows: letters whose boxes share a vertical band (poppler gives every
 *     character of a line the same box height), top to bottom;
 *   - in a row, letters left to right; each Thai mark (above/below vowels,
 *     tone marks) goes back on the letter it stands on — the one whose box
 *     holds it, or for a mark drawn with no width, the one whose right edge
 *     is nearest (a mark is drawn at the pen position after its letter);
 *   - between two letters: nothing, a space, or a tab for a cell boundary —
 *     from the gap between their boxes, and from whether poppler put them
 *     next to each other and with a space between (poppler glues cells with
 *     no space: a wide gap it did not fill is a cell boundary);
 *   - a row that only continues cells of the row above (a wrapped address)
 *     is joined to those cells, so a cell stays whole;
 *   - where the page draws its table's borders (ruling lines, read with
 *     MuPDF), they decide: a cell is what stands between two vertical
 *     rules, a tab for each rule crossed so that an empty cell keeps its
 *     column, and lines stay one row until a horizontal rule — the gaps and
 *     line pitch are only guesses, and a full cell leaves no gap.
 *
 * The result is handed to the detectors as other tables are: a row per line,
 * cells separated by tabs.  Every character keeps its box, so findings'
 * boxes stay right. */
#define _GNU_SOURCE /* qsort_r */
#include "pdf_layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/utf8.h"

enum { G_BASE, G_MARK, G_SPACE, G_BREAK };

typedef struct glyph {
    size_t off, len;  /* the character's bytes in the page text */
    lbox b;
    int kind;
    int row;
    long pred;        /* a letter: the letter before it in poppler's order, on its line (-1: none) */
    int space_before; /* poppler put a space between pred and it */
    long base;        /* a mark: the letter it stands on (-1: none found) */
} glyph;

typedef struct row {
    long *v;          /* letters, left to right */
    size_t n, cap;
    double top, bottom, yc;
    int joined;       /* merged into the row above (a wrapped cell) */
} row;

typedef struct layout {
    const char *text;
    glyph *g;
    size_t ng;
    row *rows;
    size_t nrows;
    const lbox *rules; /* ruling lines (table borders), or none */
    size_t nrules;
} layout;

static double height(const lbox *b) { return b->y2 - b->y1 > 0.5 ? b->y2 - b->y1 : 1; }
static double ycenter(const lbox *b) { return (b->y1 + b->y2) / 2; }

/* Thai above/below vowels and tone marks: drawn over or under a letter.
 * Old Thai fonts draw shifted copies of them from the Private Use Area
 * (Windows F701..F70E and F710..F71A, Mac F884..F899 and F89B..F89D; the
 * normalizer maps them to Thai): marks too. */
static int thai_mark(uint32_t cp)
{
    return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E) ||
           (cp >= 0xF701 && cp <= 0xF71A && cp != 0xF70F) || (cp >= 0xF884 && cp <= 0xF89D && cp != 0xF89A);
}

/* The page text as glyphs, one per character, with poppler's order noted. */
static int read_glyphs(layout *L, const char *text, const lbox *boxes, size_t n)
{
    L->g = xcalloc(n ? n : 1, sizeof *L->g);
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text), off = 0;
    long last = -1;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        if (off >= len) return -1;
        uint32_t cp;
        size_t l = utf8_decode(s + off, len - off, &cp);
        if (!l) return -1;
        glyph *g = &L->g[i];
        *g = (glyph){ off, l, boxes[i], G_BASE, -1, -1, 0, -1 };
        off += l;
        if (cp == '\n') {
            g->kind = G_BREAK;
            last = -1;
            space = 0;
        } else if (cp == ' ' || cp == 0xA0 || cp == '\t' || cp == '\r') {
            g->kind = G_SPACE;
            space = 1;
        } else if (thai_mark(cp)) {
            g->kind = G_MARK;
        } else {
            g->pred = last;
            g->space_before = space;
            last = (long)i;
            space = 0;
        }
    }
    L->ng = n;
    return off == len ? 0 : -1;
}

static int by_ycenter(const void *a, const void *b, void *ctx)
{
    const glyph *g = ctx;
    double ya = ycenter(&g[*(const long *)a].b), yb = ycenter(&g[*(const long *)b].b);
    return ya < yb ? -1 : ya > yb ? 1 : *(const long *)a < *(const long *)b ? -1 : 1;
}

static int by_x(const void *a, const void *b, void *ctx)
{
    const glyph *g = ctx;
    double xa = g[*(const long *)a].b.x1, xb = g[*(const long *)b].b.x1;
    return xa < xb ? -1 : xa > xb ? 1 : *(const long *)a < *(const long *)b ? -1 : 1;
}

static void row_push(row *r, long i)
{
    if (r->n == r->cap) r->v = xrealloc(r->v, (r->cap = r->cap ? 2 * r->cap : 32) * sizeof *r->v);
    r->v[r->n++] = i;
}

/* Letters into rows: sorted by their vertical centre, a row holding those
 * within a third of its first letter's height of it. */
static void make_rows(layout *L)
{
    long *ord = xmalloc((L->ng ? L->ng : 1) * sizeof *ord);
    size_t n = 0;
    for (size_t i = 0; i < L->ng; i++)
        if (L->g[i].kind == G_BASE) ord[n++] = (long)i;
    qsort_r(ord, n, sizeof *ord, by_ycenter, L->g);
    size_t cap = 0;
    for (size_t k = 0; k < n; k++) {
        const glyph *g = &L->g[ord[k]];
        row *r = L->nrows ? &L->rows[L->nrows - 1] : NULL;
        if (!r || ycenter(&g->b) > r->yc + height(&L->g[r->v[0]].b) / 3) {
            if (L->nrows == cap) L->rows = xrealloc(L->rows, (cap = cap ? 2 * cap : 16) * sizeof *L->rows);
            r = &L->rows[L->nrows++];
            *r = (row){ NULL, 0, 0, g->b.y1, g->b.y2, ycenter(&g->b), 0 };
        }
        row_push(r, ord[k]);
        if (g->b.y1 < r->top) r->top = g->b.y1;
        if (g->b.y2 > r->bottom) r->bottom = g->b.y2;
    }
    free(ord);
    for (size_t k = 0; k < L->nrows; k++) {
        qsort_r(L->rows[k].v, L->rows[k].n, sizeof *L->rows[k].v, by_x, L->g);
        for (size_t j = 0; j < L->rows[k].n; j++) L->g[L->rows[k].v[j]].row = (int)k;
    }
}

/* The row nearest the mark's vertical centre (rows are top to bottom). */
static long nearest_row(const layout *L, double yc)
{
    size_t lo = 0, hi = L->nrows;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (L->rows[mid].yc < yc) lo = mid + 1;
        else hi = mid;
    }
    long best = -1;
    double d = INFINITY;
    for (size_t k = lo > 0 ? lo - 1 : 0; k <= lo && k < L->nrows; k++)
        if (fabs(L->rows[k].yc - yc) < d) {
            d = fabs(L->rows[k].yc - yc);
            best = (long)k;
        }
    return best;
}

/* Each mark onto its letter: the one whose box holds the mark's centre (a
 * mark with a width of its own), else the one whose right edge is nearest
 * the mark (drawn with no width at the pen position after its letter). */
static void place_marks(layout *L)
{
    for (size_t i = 0; i < L->ng; i++) {
        glyph *m = &L->g[i];
        if (m->kind != G_MARK) continue;
        long r = nearest_row(L, ycenter(&m->b));
        if (r < 0) continue;
        const row *R = &L->rows[r];
        double mc = (m->b.x1 + m->b.x2) / 2, best = INFINITY;
        for (size_t j = 0; j < R->n; j++) {
            const lbox *b = &L->g[R->v[j]].b;
            if (m->b.x2 - m->b.x1 > 1 && mc >= b->x1 && mc <= b->x2) {
                m->base = R->v[j];
                break;
            }
            double d = fabs(b->x2 - m->b.x1);
            if (d < best) {
                best = d;
                m->base = R->v[j];
            }
        }
    }
}

enum { SEP_NONE, SEP_SPACE, SEP_TAB };

/* The code point of glyph g. */
static uint32_t cp_of(const layout *L, const glyph *g)
{
    uint32_t cp = 0;
    utf8_decode((const unsigned char *)L->text + g->off, g->len, &cp);
    return cp;
}

static int digit_cp(uint32_t c) { return (c >= '0' && c <= '9') || (c >= 0x0E50 && c <= 0x0E59); }

/* Part of a written number (digits and what stands between them)? */
static int numeric_cp(uint32_t c) { return digit_cp(c) || c == '/' || c == '-' || c == '.'; }

/* What stands between letters a and b, neighbours in a row. */
static int separator(const layout *L, long a, long b)
{
    const glyph *A = &L->g[a], *B = &L->g[b];
    double h = fmax(height(&A->b), height(&B->b)), gap = B->b.x1 - A->b.x2;
    if (B->pred == a) { /* next to each other in poppler's text too */
        if (B->space_before) return gap < 0.1 * h ? SEP_NONE : gap > 3 * h ? SEP_TAB : SEP_SPACE;
        return gap > 0.3 * h ? SEP_TAB : SEP_NONE;
    }
    if (gap < 0.6 * h && numeric_cp(cp_of(L, A)) && numeric_cp(cp_of(L, B))) return SEP_NONE; /* one number */
    return gap < 0.12 * h ? SEP_NONE : gap < 0.6 * h ? SEP_SPACE : SEP_TAB;
}

/* Does a cell's line that wrapped join the text before it (out) with a
 * space?  Not a number broken after a hyphen or a slash,
 * or between two digits: numbers wrap where the column runs out. */
static int wrap_space(const layout *L, const buf *out, const glyph *next)
{
    if (!out->len) return 0;
    const unsigned char *e = (const unsigned char *)out->data + out->len;
    if (e[-1] == '-' || e[-1] == '/') return 0;
    int last_digit = (e[-1] >= '0' && e[-1] <= '9') ||
                     (out->len >= 3 && e[-3] == 0xE0 && e[-2] == 0xB9 && e[-1] >= 0x90 && e[-1] <= 0x99);
    return !(last_digit && digit_cp(cp_of(L, next)));
}

/* A row's cells: [start, end) spans of its letters, with their x-extent. */
typedef struct cell {
    size_t from, to;
    double x1, x2;
} cell;

static size_t row_cells(const layout *L, const row *R, cell *c, size_t max)
{
    size_t n = 0;
    for (size_t j = 0; j < R->n && n < max; j++) {
        const lbox *b = &L->g[R->v[j]].b;
        if (j == 0 || separator(L, R->v[j - 1], R->v[j]) == SEP_TAB) {
            c[n++] = (cell){ j, j + 1, b->x1, b->x2 };
            continue;
        }
        c[n - 1].to = j + 1;
        if (b->x2 > c[n - 1].x2) c[n - 1].x2 = b->x2;
    }
    return n;
}

#define MAX_CELLS 64

/* The vertical rules that cross row R, as sorted x positions (rules within
 * 1.5 points of each other are one: a double border) into bounds, at most
 * MAX_CELLS + 1; how many. */
static size_t row_bounds(const layout *L, const row *R, double *bounds)
{
    size_t nb = 0;
    for (size_t i = 0; i < L->nrules; i++) {
        const lbox *r = &L->rules[i];
        if (r->x1 != r->x2 || r->y1 > R->yc || r->y2 < R->yc) continue;
        size_t k = 0;
        while (k < nb && bounds[k] < r->x1 - 1.5) k++;
        if (k < nb && fabs(bounds[k] - r->x1) <= 1.5) continue;
        if (nb == MAX_CELLS + 1) break;
        memmove(bounds + k + 1, bounds + k, (nb - k) * sizeof *bounds);
        bounds[k] = r->x1;
        nb++;
    }
    return nb;
}

/* Do two rows stand between the same vertical rules (one table)? */
static int same_bounds(const double *a, size_t na, const double *b, size_t nb)
{
    if (na != nb || na < 2) return 0;
    for (size_t i = 0; i < na; i++)
        if (fabs(a[i] - b[i]) > 1.5) return 0;
    return 1;
}

/* Is there a horizontal rule between row a and the row b below it, across
 * part of [x1, x2]? */
static int rule_between(const layout *L, const row *a, const row *b, double x1, double x2)
{
    for (size_t i = 0; i < L->nrules; i++) {
        const lbox *r = &L->rules[i];
        if (r->y1 != r->y2 || r->y1 <= a->yc || r->y1 >= b->yc) continue;
        if (r->x2 > x1 + 1 && r->x1 < x2 - 1) return 1;
    }
    return 0;
}

/* Does row k only continue cells of the row above (a wrapped cell): close
 * below the row before it, fewer cells than the row it continues, each
 * under one of its cells, the first column left empty? */
static int continues(const layout *L, size_t k)
{
    if (k == 0) return 0;
    size_t head = k - 1;
    while (head > 0 && L->rows[head].joined) head--; /* the row whose cells a wrapped one continues */
    const row *up = &L->rows[head], *R = &L->rows[k];
    double ub[MAX_CELLS + 1], rb[MAX_CELLS + 1];
    size_t nub = row_bounds(L, up, ub), nrb = row_bounds(L, R, rb);
    if (nub >= 2 || nrb >= 2) /* a ruled table: one row until a horizontal rule */
        return same_bounds(ub, nub, rb, nrb) && !rule_between(L, &L->rows[k - 1], R, rb[0], rb[nrb - 1]);
    cell a[MAX_CELLS], b[MAX_CELLS];
    size_t na = row_cells(L, up, a, MAX_CELLS), nb = row_cells(L, R, b, MAX_CELLS);
    double h = height(&L->g[R->v[0]].b);
    if (na < 2 || nb >= na || R->yc - L->rows[k - 1].yc > 1.45 * h) return 0;
    if (b[0].x1 < a[1].x1 - 0.5 * h) return 0; /* something in the first column: a row of its own */
    for (size_t j = 0; j < nb; j++) {
        int under = 0;
        for (size_t i = 0; i < na; i++) under += b[j].x1 < a[i].x2 + 0.5 * h && b[j].x2 > a[i].x1 - 0.5 * h;
        if (under != 1) return 0;
    }
    return 1;
}

/* Room for one more box in out. */
static lbox *next_box(page_layout *out)
{
    if (out->nboxes == out->cap) out->boxes = xrealloc(out->boxes, (out->cap = out->cap ? 2 * out->cap : 256) * sizeof *out->boxes);
    return &out->boxes[out->nboxes++];
}

/* Emit character glyph i (and, for a letter, the marks on it) into out. */
static void emit_glyph(const layout *L, long i, page_layout *out, const long *marks_of, const long *next_mark)
{
    const glyph *g = &L->g[i];
    buf_append(&out->text, L->text + g->off, g->len);
    *next_box(out) = g->b;
    for (long m = marks_of[i]; m >= 0; m = next_mark[m]) {
        buf_append(&out->text, L->text + L->g[m].off, L->g[m].len);
        *next_box(out) = L->g[m].b;
    }
}

static void emit_sep(page_layout *out, char c)
{
    buf_putc(&out->text, c);
    *next_box(out) = (lbox){ 0, 0, 0, 0 };
}

/* The letters [from, to) of row R, with spaces between words. */
static void emit_span(const layout *L, const row *R, size_t from, size_t to, page_layout *out, const long *marks_of,
                      const long *next_mark)
{
    for (size_t j = from; j < to; j++) {
        if (j > from && separator(L, R->v[j - 1], R->v[j]) != SEP_NONE) emit_sep(out, ' ');
        emit_glyph(L, R->v[j], out, marks_of, next_mark);
    }
}

/* Column of x among bounds: 0 left of the table, nb right of it. */
static size_t column_of(const double *bounds, size_t nb, double x)
{
    size_t c = 0;
    while (c < nb && bounds[c] <= x) c++;
    return c;
}

/* The letters of row R in column c, in x order, words spaced; before them
 * a space when something was written in the cell already (*written), but
 * not inside a number that wrapped (wrap_space). */
static void emit_column(const layout *L, const row *R, const double *bounds, size_t nb, size_t c, page_layout *out,
                        const long *marks_of, const long *next_mark, int *written)
{
    long prev = -1;
    for (size_t j = 0; j < R->n; j++) {
        const glyph *g = &L->g[R->v[j]];
        if (column_of(bounds, nb, (g->b.x1 + g->b.x2) / 2) != c) continue;
        if (prev >= 0 ? separator(L, prev, R->v[j]) != SEP_NONE
                      : *written && wrap_space(L, &out->text, g))
            emit_sep(out, ' ');
        emit_glyph(L, R->v[j], out, marks_of, next_mark);
        prev = R->v[j];
        *written = 1;
    }
}

/* A row of a ruled table: its cells are what stands between the vertical
 * rules, a tab for every rule crossed (an empty cell keeps its place), with
 * the rows that continue it (no horizontal rule between) folded in. */
static void emit_ruled_row(const layout *L, size_t k, const double *bounds, size_t nb, page_layout *out,
                           const long *marks_of, const long *next_mark)
{
    size_t first = nb + 1, last = 0;
    for (size_t w = k; w < L->nrows && (w == k || L->rows[w].joined); w++)
        for (size_t j = 0; j < L->rows[w].n; j++) {
            const lbox *b = &L->g[L->rows[w].v[j]].b;
            size_t c = column_of(bounds, nb, (b->x1 + b->x2) / 2);
            if (c < first) first = c;
            if (c > last) last = c;
        }
    if (first > 1) first = 1; /* a table's cells from its first column on, empty or not */
    for (size_t c = first; c <= last; c++) {
        if (c > first) emit_sep(out, '\t');
        int written = 0;
        for (size_t w = k; w < L->nrows && (w == k || L->rows[w].joined); w++)
            emit_column(L, &L->rows[w], bounds, nb, c, out, marks_of, next_mark, &written);
    }
}

/* The cell of c (nc of them) that continuation cell d continues: the one it
 * overlaps most (each continuation goes to exactly one cell). */
static size_t parent_cell(const cell *c, size_t nc, const cell *d)
{
    size_t best = 0;
    double most = -INFINITY;
    for (size_t i = 0; i < nc; i++) {
        double overlap = fmin(c[i].x2, d->x2) - fmax(c[i].x1, d->x1);
        if (overlap > most) {
            most = overlap;
            best = i;
        }
    }
    return best;
}

/* Row k, with the rows that continue its cells (k + 1, ... while joined)
 * folded into them. */
static void emit_row(const layout *L, size_t k, page_layout *out, const long *marks_of, const long *next_mark)
{
    const row *R = &L->rows[k];
    double bounds[MAX_CELLS + 1];
    size_t nb = row_bounds(L, R, bounds);
    if (nb >= 2) {
        emit_ruled_row(L, k, bounds, nb, out, marks_of, next_mark);
        return;
    }
    cell c[MAX_CELLS];
    size_t nc = row_cells(L, R, c, MAX_CELLS);
    if (nc == MAX_CELLS) c[nc - 1].to = R->n;
    for (size_t i = 0; i < nc; i++) {
        if (i) emit_sep(out, '\t');
        emit_span(L, R, c[i].from, c[i].to, out, marks_of, next_mark);
        for (size_t w = k + 1; w < L->nrows && L->rows[w].joined; w++) {
            const row *W = &L->rows[w];
            cell d[MAX_CELLS];
            size_t nd = row_cells(L, W, d, MAX_CELLS);
            for (size_t j = 0; j < nd; j++)
                if (parent_cell(c, nc, &d[j]) == i) {
                    if (wrap_space(L, &out->text, &L->g[W->v[d[j].from]])) emit_sep(out, ' ');
                    emit_span(L, W, d[j].from, d[j].to, out, marks_of, next_mark);
                }
        }
    }
}

/* The Thai code point that starts at byte i of s, or 0. */
static uint32_t thai_at(const char *s, size_t len, size_t i)
{
    return utf8_thai_at((const unsigned char *)s, len, i) ? 0x0E00 + utf8_thai_index((const unsigned char *)s, i) : 0;
}

static int thai_consonant(uint32_t c) { return c >= 0x0E01 && c <= 0x0E2E; }

/* Does a lone Thai consonant (not ณ, a word of its own, nor an
 * abbreviation: จ.) stand between bytes a and b of s, with no other letter
 * or mark? */
static int lone_consonant(const char *s, size_t len, size_t a, size_t b)
{
    if (b != a + 3 || (b < len && s[b] == '.')) return 0;
    uint32_t c = thai_at(s, len, a);
    return thai_consonant(c) && c != 0x0E13;
}

/* Justified Thai text (a Word export stretches lines by spacing letters):
 * "ส มาชิ ก" is สมาชิก.  A space that leaves a lone consonant on one side,
 * or stands before a vowel that cannot begin a word (ะ า ำ ๅ), is inside a
 * word: it goes, with its (empty) box. */
static void drop_justified_spaces(page_layout *pl)
{
    char *s = pl->text.data;
    size_t len = pl->text.len, w = 0, wb = 0, k = 0; /* k: the character index of byte i */
    for (size_t i = 0; i < len;) {
        size_t l = utf8_decode((const unsigned char *)s + i, len - i, &(uint32_t){ 0 });
        if (!l) l = 1;
        if (s[i] == ' ' && w >= 3 && i + 3 < len) {
            uint32_t before = thai_at(s, len, w - 3), after = thai_at(s, len, i + 1);
            size_t fb = w; /* the fragment before: back to a space or a non-Thai character */
            while (fb >= 3 && thai_at(s, len, fb - 3)) fb -= 3;
            size_t fe = i + 1;
            while (fe < len && thai_at(s, len, fe)) fe += 3;
            if (before && after &&
                (lone_consonant(s, len, fb, w) || lone_consonant(s, len, i + 1, fe) || after == 0x0E30 ||
                 after == 0x0E32 || after == 0x0E33 || after == 0x0E45)) {
                i += l;
                k++;
                continue;
            }
        }
        memmove(s + w, s + i, l);
        pl->boxes[wb++] = pl->boxes[k];
        w += l;
        i += l;
        k++;
    }
    pl->text.len = w;
    s[w] = 0;
    pl->nboxes = wb;
}

int page_layout_build(const char *text, const lbox *boxes, size_t n, page_layout *out)
{
    return page_layout_build_ruled(text, boxes, n, NULL, 0, out);
}

int page_layout_build_ruled(const char *text, const lbox *boxes, size_t n, const lbox *rules, size_t nrules,
                            page_layout *out)
{
    memset(out, 0, sizeof *out);
    buf_init(&out->text);
    layout L = { text, NULL, 0, NULL, 0, rules, nrules };
    if (read_glyphs(&L, text, boxes, n) != 0) {
        free(L.g);
        return -1;
    }
    make_rows(&L);
    place_marks(&L);
    /* marks in poppler's order on each letter, as a linked list */
    long *marks_of = xmalloc((n ? n : 1) * sizeof *marks_of), *next_mark = xmalloc((n ? n : 1) * sizeof *next_mark),
         *tail = xmalloc((n ? n : 1) * sizeof *tail);
    for (size_t i = 0; i < n; i++) marks_of[i] = next_mark[i] = tail[i] = -1;
    for (size_t i = 0; i < n; i++) {
        long b = L.g[i].base;
        if (L.g[i].kind != G_MARK || b < 0) continue;
        if (tail[b] < 0) marks_of[b] = (long)i;
        else next_mark[tail[b]] = (long)i;
        tail[b] = (long)i;
    }
    for (size_t k = 1; k < L.nrows; k++) L.rows[k].joined = continues(&L, k);
    out->cap = 2 * n + L.nrows + 1;
    out->boxes = xmalloc(out->cap * sizeof *out->boxes);
    int first = 1;
    for (size_t k = 0; k < L.nrows; k++) {
        if (L.rows[k].joined) continue;
        if (!first) emit_sep(out, '\n');
        first = 0;
        emit_row(&L, k, out, marks_of, next_mark);
    }
    drop_justified_spaces(out);
    /* marks that found no letter (a page of marks alone) are kept at the end */
    for (size_t i = 0; i < n; i++)
        if (L.g[i].kind == G_MARK && L.g[i].base < 0) emit_glyph(&L, (long)i, out, marks_of, next_mark);
    if (!out->text.data) buf_puts(&out->text, "");
    free(marks_of);
    free(next_mark);
    free(tail);
    for (size_t k = 0; k < L.nrows; k++) free(L.rows[k].v);
    free(L.rows);
    free(L.g);
    return 0;
}

void page_layout_free(page_layout *pl)
{
    buf_free(&pl->text);
    free(pl->boxes);
    memset(pl, 0, sizeof *pl);
}

/* The characters of text as code points, n of them (heap), or NULL when
 * there are not n. */
static uint32_t *code_points(const char *text, size_t n)
{
    uint32_t *cp = xmalloc((n ? n : 1) * sizeof *cp);
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text), off = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = off < len ? utf8_decode(s + off, len - off, &cp[i]) : 0;
        if (!l) {
            free(cp);
            return NULL;
        }
        off += l;
    }
    if (off != len) {
        free(cp);
        return NULL;
    }
    return cp;
}

/* The characters of one reading of a page that a mark may be compared
 * with: their indexes sorted by the centre of their box. */
typedef struct by_centre {
    const uint32_t *cp;
    const lbox *boxes;
    size_t *v, n;
} by_centre;

static double xc(const lbox *b) { return (b->x1 + b->x2) / 2; }

/* A character's centre and index, sorted by centre then index (the order
 * a stable sort by centre gives), the key beside it rather than looked up. */
typedef struct keyed {
    double x;
    size_t i;
} keyed;

static int cmp_centre(const void *a, const void *b)
{
    const keyed *p = a, *q = b;
    if (p->x != q->x) return p->x < q->x ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

static void index_by_centre(by_centre *ix, const uint32_t *cp, const lbox *boxes, size_t n)
{
    ix->cp = cp;
    ix->boxes = boxes;
    ix->v = xmalloc((n ? n : 1) * sizeof *ix->v);
    keyed *k = xmalloc((n ? n : 1) * sizeof *k);
    ix->n = 0;
    for (size_t i = 0; i < n; i++)
        if (cp[i] != '\n' && cp[i] != ' ') k[ix->n++] = (keyed){ xc(&boxes[i]), i };
    qsort(k, ix->n, sizeof *k, cmp_centre);
    for (size_t j = 0; j < ix->n; j++) ix->v[j] = k[j].i;
    free(k);
}

/* The first entry of ix whose centre is at or right of x. */
static size_t first_from(const by_centre *ix, double x)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (xc(&ix->boxes[ix->v[mid]]) < x) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The marks of ix within 4 points of mark box m on its row (only those of
 * code c, when c is not 0). */
static size_t marks_near(const by_centre *ix, const lbox *m, uint32_t c)
{
    size_t k = 0;
    for (size_t j = first_from(ix, xc(m) - 4); j < ix->n && xc(&ix->boxes[ix->v[j]]) < xc(m) + 4; j++) {
        size_t i = ix->v[j];
        k += thai_mark(ix->cp[i]) && ix->cp[i] != 0x0E4D && (!c || ix->cp[i] == c) &&
             fabs(ycenter(&ix->boxes[i]) - ycenter(m)) < height(m) / 2;
    }
    return k;
}

/* Does box m stand over one of the letters of ix? */
static int over_a_letter(const by_centre *ix, const lbox *m)
{
    double my = ycenter(m);
    for (size_t j = first_from(ix, xc(m) - 40); j < ix->n && xc(&ix->boxes[ix->v[j]]) < xc(m) + 40; j++) {
        const lbox *b = &ix->boxes[ix->v[j]];
        if (thai_mark(ix->cp[ix->v[j]])) continue;
        if (xc(m) >= b->x1 - 2 && xc(m) <= b->x2 + 2 && fabs(ycenter(b) - my) < height(b) / 2) return 1;
    }
    return 0;
}

int page_layout_add_marks(const char *text, const lbox *boxes, size_t n, const char *other, const lbox *oboxes,
                          size_t on, buf *out, lbox **out_boxes, size_t *out_n)
{
    uint32_t *cp = code_points(text, n), *ocp = code_points(other, on);
    if (!cp || !ocp) {
        free(cp);
        free(ocp);
        return -1;
    }
    buf_clear(out);
    buf_puts(out, text);
    *out_boxes = xmalloc((n + on + 1) * sizeof **out_boxes);
    memcpy(*out_boxes, boxes, n * sizeof *boxes);
    *out_n = n;
    int added = 0;
    by_centre ix, oix;
    index_by_centre(&ix, cp, boxes, n);
    index_by_centre(&oix, ocp, oboxes, on);
    for (size_t j = 0; j < on; j++) {
        /* (a nikhahit is half of a SARA AM, which one reader may split) */
        if (!thai_mark(ocp[j]) || ocp[j] == 0x0E4D) continue;
        const lbox *m = &oboxes[j];
        if (marks_near(&oix, m, 0) <= marks_near(&ix, m, 0) || marks_near(&ix, m, ocp[j]) || !over_a_letter(&ix, m))
            continue;
        if (!added++) { /* the marks after a line of their own: no letter's neighbours */
            buf_putc(out, '\n');
            (*out_boxes)[(*out_n)++] = (lbox){ 0, 0, 0, 0 };
        }
        char u[4];
        buf_append(out, u, utf8_encode(ocp[j], u));
        (*out_boxes)[(*out_n)++] = *m;
    }
    free(ix.v);
    free(oix.v);
    free(cp);
    free(ocp);
    return added;
}
