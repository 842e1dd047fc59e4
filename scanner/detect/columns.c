/* columns.c — names in table columns, with no title before them.
 *
 * A rule with `column: {header: LIST}` is tried only in table cells under a
 * header cell that begins with a phrase of LIST (ชื่อ-สกุล, ชื่อ - นามสกุล,
 * ชื่อผู้...).  Tables reach the detectors as lines: a row per line, cells
 * separated by tabs (spreadsheets, Word/ODF and HTML tables; see
 * extract/cells.c), by '|' or by two or more spaces (text files, PDF text).
 * The header's column is remembered across rounds, per document, until
 * MAX_MISSES lines in a row no longer have that column.  With `pair:`, a
 * given-name column (header ชื่อ) right before a family-name column (นามสกุล)
 * gives a name from two cells, without the title a `strip:` list names. */
#include "detect.h"

#include <stdlib.h>
#include <string.h>

#include "../util/simd.h"
#include "../util/utf8.h"

#define MAX_MISSES 3
#define MAX_HEADER_CHARS 40 /* a longer cell is text, not a header */

typedef enum { SEP_TAB, SEP_PIPE, SEP_SPACES } sep_mode;

struct column_state {
    const pdp_rule *rule;
    int active;
    int col;
    int pair;           /* the name is in cells col and col + 1 */
    sep_mode mode;
    int misses;
};

void columns_free(detect_scratch *sc)
{
    free(sc->columns);
    sc->columns = NULL;
    sc->ncolumns = 0;
}

/* What decides how the line from ls splits into cells: where it ends (its
 * '\n', or nlen) and whether it holds a tab, a '|', two spaces in a row. */
typedef struct line_info {
    size_t end;
    int tab, pipe, two_spaces;
} line_info;

#ifdef PDP_SSE2
/* One pass, 32 bytes at a time, while 33 bytes are there. */
static inline PDP_ALWAYS line_info line_blocks(const char *s, size_t ls, size_t nlen, v32_mask_fn *mask)
{
    const unsigned char *u = (const unsigned char *)s;
    line_info li = { ls, 0, 0, 0 };
    uint32_t tab = 0, pipe = 0, sp2 = 0;
    size_t i = ls;
    for (; i + 33 <= nlen; i += 32) {
        v32 x = v32_at(u + i), sp = v32_eq(x, ' ');
        uint32_t nl = mask(v32_eq(x, '\n')), before = nl ? (nl & -nl) - 1 : ~0u;
        tab |= mask(v32_eq(x, '\t')) & before;
        pipe |= mask(v32_eq(x, '|')) & before;
        sp2 |= mask(sp & v32_eq(v32_at(u + i + 1), ' ')) & before;
        if (nl) {
            li.end = i + lowest_bit(nl);
            break;
        }
    }
    if (li.end == ls) li.end = i; /* no '\n' yet: the rest from i one by one */
    li.tab = tab != 0;
    li.pipe = pipe != 0;
    li.two_spaces = sp2 != 0;
    return li;
}
static line_info line_blocks_sse2(const char *s, size_t ls, size_t nlen)
{
    return line_blocks(s, ls, nlen, v32_mask_sse2);
}
__attribute__((target("avx2"))) static line_info line_blocks_avx2(const char *s, size_t ls, size_t nlen)
{
    return line_blocks(s, ls, nlen, v32_mask_avx2);
}
#endif

static line_info scan_line(const char *s, size_t ls, size_t nlen)
{
    line_info li = { ls, 0, 0, 0 };
#ifdef PDP_SSE2
    li = pdp_has_avx2() ? line_blocks_avx2(s, ls, nlen) : line_blocks_sse2(s, ls, nlen);
    if (li.end < nlen && s[li.end] == '\n') return li;
#endif
    size_t i = li.end;
    for (; i < nlen && s[i] != '\n'; i++) {
        li.tab |= s[i] == '\t';
        li.pipe |= s[i] == '|';
        li.two_spaces |= s[i] == ' ' && i + 1 < nlen && s[i + 1] == ' ';
    }
    li.end = i;
    return li;
}

/* Where the next run of two spaces in [i, le) begins, or le (in a table
 * row: scan_line told which lines have any). */
static size_t two_spaces(const char *s, size_t i, size_t le)
{
    for (; i + 1 < le; i++)
        if (s[i] == ' ' && s[i + 1] == ' ') return i;
    return le;
}

/* The next cell of line [*at, le) in mode m: its text [*cs, *ce) without the
 * spaces around it; *at moves past its separator.  0 at the line's end. */
static int next_cell(const char *s, size_t *at, size_t le, sep_mode m, size_t *cs, size_t *ce)
{
    size_t i = *at;
    if (i > le) return 0;
    if (m == SEP_SPACES)
        while (i < le && s[i] == ' ') i++;
    size_t start = i;
    if (m == SEP_SPACES) {
        i = two_spaces(s, i, le);
    } else {
        const char *sep = memchr(s + i, m == SEP_TAB ? '\t' : '|', le - i);
        i = sep ? (size_t)(sep - s) : le;
    }
    size_t a = start, b = i;
    while (a < b && (s[a] == ' ' || s[a] == '\r')) a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\r')) b--;
    *cs = a;
    *ce = b;
    *at = i + 1;
    if (m == SEP_SPACES && i >= le && start >= le) return 0;
    return 1;
}

/* Where the first cell of line [ls, le) begins ("| a | b |": after the
 * leading bar). */
static size_t first_cell(const char *s, size_t ls, size_t le, sep_mode m)
{
    size_t at = ls;
    if (m == SEP_PIPE) {
        while (at < le && s[at] == ' ') at++;
        if (at < le && s[at] == '|') at++;
    }
    return at;
}

/* The cell of column col in line [ls, le), when the line has two cells or
 * more (a line of running text is no table row), or 0. */
static int cell_at(const char *s, size_t ls, size_t le, sep_mode m, int col, size_t *cs, size_t *ce)
{
    size_t at = first_cell(s, ls, le, m), a, b;
    int found = 0, k = 0;
    for (; next_cell(s, &at, le, m, &a, &b); k++)
        if (k == col) {
            *cs = a;
            *ce = b;
            found = 1;
        }
    return found && k >= 2;
}

/* Does a phrase of re fill the whole cell s[cs, ce)? */
static int whole_cell(const lazy_re *re, const char *s, size_t cs, size_t ce, pcre2_match_data *md)
{
    const pcre2_code *code = lazy_re_get(re);
    if (!code || ce <= cs || pcre2_match(code, (PCRE2_SPTR)s, ce, cs, PCRE2_NO_UTF_CHECK, md, NULL) < 0) return 0;
    return pcre2_get_ovector_pointer(md)[1] == ce;
}

/* Is there a given-name header cell followed by a family-name one in line
 * [ls, le)?  Sets the pair's first column. */
static int find_pair(const pdp_rule *ru, struct column_state *st, const char *s, size_t ls, size_t le, sep_mode m,
                     pcre2_match_data *md)
{
    size_t at = first_cell(s, ls, le, m), cs, ce;
    int given = -1;
    for (int k = 0; next_cell(s, &at, le, m, &cs, &ce); k++) {
        if (given >= 0 && k == given + 1 && whole_cell(ru->col_family, s, cs, ce, md)) {
            *st = (struct column_state){ .rule = ru, .active = 1, .col = given, .pair = 1, .mode = m };
            return 1;
        }
        given = whole_cell(ru->col_given, s, cs, ce, md) ? k : -1;
    }
    return 0;
}

/* Is there a header cell of ru in line [ls, le)?  Sets its column.  A
 * header followed by a name in a row of label/value pairs is a form's label
 * ("ชื่อผู้ร้อง | สมชาย ใจดี"): that name is tried, and no column starts. */
static int find_header(const pdp_rule *ru, struct column_state *st, const char *s, size_t nlen, size_t ls,
                       size_t le, sep_mode m, const offmap *map, size_t raw_lo, size_t raw_hi, detect_scratch *sc,
                       cand_vec *out)
{
    size_t at = first_cell(s, ls, le, m), cs = 0, ce = 0, next = 0;
    int col = -1, k = 0;
    for (; next_cell(s, &at, le, m, &cs, &ce); k++) {
        if (col >= 0 && k == col + 1) next = cs;
        if (col >= 0 || ce <= cs || ce - cs > 3 * MAX_HEADER_CHARS || utf8_count(s + cs, ce - cs) > MAX_HEADER_CHARS)
            continue;
        /* the header phrase must lie within its cell ("ชื่อ นามสกุล" is one
         * cell's header, not the cells ชื่อ and นามสกุล) */
        if (pcre2_match(lazy_re_get(ru->col_header), (PCRE2_SPTR)s, ce, cs, PCRE2_NO_UTF_CHECK, sc->md, NULL) >= 0)
            col = k;
    }
    if (col < 0 && ru->col_given) return find_pair(ru, st, s, ls, le, m, sc->md);
    if (col < 0 || k < 2) return 0; /* a header row has two cells or more */
    /* label | value (| label | value ...): a form, whose value is tried;
     * any other row is a header row, whose next cell is another header */
    int form = !ru->col_no_form && (k == 2 || (k % 2 == 0 && col % 2 == 0));
    if (form && next && detect_try_at(ru, s, nlen, next, map, raw_lo, raw_hi, sc, out)) return 1;
    *st = (struct column_state){ .rule = ru, .active = 1, .col = col, .mode = m };
    return 1;
}

static int blank(const char *s, size_t ls, size_t le)
{
    for (size_t i = ls; i < le; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '|') return 0;
    return 1;
}

/* A line of text without the watched column: after MAX_MISSES of them the
 * table has ended. */
static void miss(struct column_state *st)
{
    if (++st->misses > MAX_MISSES) st->active = 0;
}

/* Where the word of cell [cs, ce) begins past a title of ru's strip list
 * ("นายสมชาย" in a given-name column), or cs. */
static size_t past_title(const pdp_rule *ru, const char *s, size_t cs, size_t ce)
{
    for (size_t e = ce; ru->col_strip && e > cs; e = utf8_floor(s, e - 1))
        if (word_set_has(ru->col_strip, s + cs, e - cs)) {
            while (e < ce && s[e] == ' ') e++;
            return e < ce ? e : cs;
        }
    return cs;
}

/* One word of letters (Thai or Latin), two characters or more? */
static int one_word(const char *s, size_t cs, size_t ce)
{
    if (ce <= cs || utf8_count(s + cs, ce - cs) < 2) return 0;
    for (size_t i = cs; i < ce; i++)
        if (s[i] == ' ' || s[i] == '\t' || ((unsigned char)s[i] < 0x80 && !((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')))
            return 0;
    return 1;
}

/* The name in the given- and family-name cells of line [ls, le). */
static void pair_line(const pdp_rule *ru, struct column_state *st, const char *s, size_t nlen, size_t ls,
                      size_t le, const offmap *map, size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    size_t gs, ge, fs, fe;
    if (!cell_at(s, ls, le, st->mode, st->col, &gs, &ge) || !cell_at(s, ls, le, st->mode, st->col + 1, &fs, &fe)) {
        miss(st);
        return;
    }
    st->misses = 0;
    gs = past_title(ru, s, gs, ge);
    if (one_word(s, gs, ge) && one_word(s, fs, fe)) detect_value(ru, s, nlen, gs, fe, map, raw_lo, raw_hi, sc, out);
}

/* One line [ls, le) whose cells are separated as m says (one_cell: it has
 * a single cell, running text). */
static void column_line(const pdp_rule *ru, struct column_state *st, const char *s, size_t nlen, size_t ls,
                        size_t le, sep_mode m, int one_cell, const offmap *map, size_t raw_lo, size_t raw_hi,
                        detect_scratch *sc, cand_vec *out)
{
    if (one_cell) { /* most lines: no header, no cell of a column */
        if (st->active && !blank(s, ls, le)) miss(st);
        return;
    }
    if (find_header(ru, st, s, nlen, ls, le, m, map, raw_lo, raw_hi, sc, out) || !st->active || blank(s, ls, le))
        return;
    if (st->pair) {
        pair_line(ru, st, s, nlen, ls, le, map, raw_lo, raw_hi, sc, out);
        return;
    }
    size_t cs = 0, ce = 0;
    if (!cell_at(s, ls, le, st->mode, st->col, &cs, &ce)) {
        miss(st);
        return;
    }
    st->misses = 0;
    if (ce > cs) detect_try_at(ru, s, nlen, cs, map, raw_lo, raw_hi, sc, out);
}

void detect_columns(const pdp_rules *r, const char *s, size_t nlen, const offmap *map, size_t raw_lo,
                    size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    if (!sc->columns) { /* one state per column rule */
        sc->columns = xcalloc(r->nrules ? r->nrules : 1, sizeof *sc->columns);
        for (size_t i = 0; i < r->nrules; i++)
            if (r->rules[i].col_header) sc->columns[sc->ncolumns++].rule = &r->rules[i];
    }
    /* Each line is this round's when it starts in [raw_lo, raw_hi) of the
     * source (in [n_lo, n_hi) here): the previous round saw those before.
     * All its cells are then this round's, when the whole line is in the
     * window. */
    size_t n_lo = offmap_first_at(map, nlen, raw_lo), n_hi = offmap_first_at(map, nlen, raw_hi);
    size_t ls = 0;
    while (ls < nlen && ls < n_hi) {
        line_info li = scan_line(s, ls, nlen);
        size_t le = li.end;
        size_t cells_hi = le < nlen ? (size_t)-1 : raw_hi;
        if (ls >= n_lo) {
            sep_mode m = li.tab ? SEP_TAB : li.pipe ? SEP_PIPE : SEP_SPACES;
            int one_cell = m == SEP_SPACES && !li.two_spaces;
            for (size_t i = 0; i < sc->ncolumns; i++)
                column_line(sc->columns[i].rule, &sc->columns[i], s, nlen, ls, le, m, one_cell, map, raw_lo, cells_hi,
                            sc, out);
        }
        ls = le + 1;
    }
}
