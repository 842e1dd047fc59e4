/* docscan.c — the bounded window of document text (see docscan.h).
 *
 * The window holds source text from raw_base on.  Each round normalizes the
 * window, accepts matches that start in [commit_lo, hi) and then forgets all
 * but LOOKBACK bytes before hi, which stay as context for the next round.
 * hi stays OVERLAP bytes short of the end until the last round, so a match
 * is never cut by the window's edge. */
#include "docscan.h"

#include <stdlib.h>
#include <string.h>

#include "../detect/detect.h"
#include "../normalize/normalize.h"
#include "../policy/policy.h"
#include "../util/utf8.h"

#define CHUNK (1u << 18)
#define OVERLAP 4096u
#define LOOKBACK 1024u
#define DEFAULT_MAX_FINDINGS 100000u
#define NO_PIECE ((size_t)-1)

typedef struct piece {
    uint64_t start;
    pdp_location loc;
} piece;

struct docscan {
    const pdp_rules *rules;
    pdp_result *res;
    size_t max_findings;
    buf raw;              /* source text from raw_base on */
    uint64_t raw_base, commit_lo;
    buf norm;
    offmap map;
    detect_scratch scratch;
    cand_vec cands;
    piece *pieces;
    size_t npieces, cap;
    size_t cur_piece;             /* line cursor: piece, offset, line there */
    uint64_t cur_off;
    long cur_line;
    uint64_t row_off;             /* row cursor: lines of the whole text before row_off */
    long row;
    uint64_t last_end;            /* where the findings so far end, for overlaps across rounds */
    int full;
    const pdp_allow *allow;       /* the allowlist and baseline, or NULL */
    int with_context;             /* fill findings' before/after */
    int marks;                    /* the text of this round holds ALLOW_MARK */
    policy_fp_key *fp_key;
    const pdp_options *opt;       /* for its text_fn, or NULL */
    table_header header;          /* the table being read (table_row.c) */
    uint64_t header_pos;          /* lines before this doc offset were looked at */
};

void location_copy(pdp_location *dst, const pdp_location *src)
{
    *dst = *src;
    dst->part = src->part ? xstrdup(src->part) : NULL;
    dst->sheet = src->sheet ? xstrdup(src->sheet) : NULL;
    dst->cell = src->cell ? xstrdup(src->cell) : NULL;
}

void location_free(pdp_location *loc)
{
    free(loc->part);
    free(loc->sheet);
    free(loc->cell);
    memset(loc, 0, sizeof *loc);
}

static void piece_free(piece *p) { location_free(&p->loc); }

docscan *docscan_new(const pdp_rules *r, const pdp_options *opt, pdp_result *res)
{
    docscan *d = xcalloc(1, sizeof *d);
    d->rules = r;
    d->res = res;
    d->cur_piece = NO_PIECE;
    d->max_findings = opt && opt->max_findings ? opt->max_findings : DEFAULT_MAX_FINDINGS;
    d->allow = opt ? opt->allow : NULL;
    d->with_context = opt && opt->with_context;
    d->opt = opt && opt->text_fn ? opt : NULL;
    buf_init(&d->raw);
    buf_init(&d->norm);
    offmap_init(&d->map);
    detect_scratch_init(&d->scratch);
    d->scratch.full_scan = opt && opt->full_scan;
    cand_vec_init(&d->cands);
    d->fp_key = policy_fp_key_new();
    return d;
}

void docscan_free(docscan *d)
{
    if (!d) return;
    buf_free(&d->raw);
    buf_free(&d->norm);
    offmap_free(&d->map);
    detect_scratch_free(&d->scratch);
    cand_vec_free(&d->cands);
    for (size_t i = 0; i < d->npieces; i++) piece_free(&d->pieces[i]);
    free(d->pieces);
    table_header_free(&d->header);
    policy_fp_key_free(d->fp_key);
    free(d);
}

int docscan_full(const docscan *d) { return d->full; }

static uint64_t doc_len(const docscan *d) { return d->raw_base + d->raw.len; }

uint64_t docscan_piece(docscan *d, const pdp_location *loc) { return docscan_piece_sep(d, loc, "\n"); }

uint64_t docscan_piece_sep(docscan *d, const pdp_location *loc, const char *sep)
{
    if (doc_len(d) > 0) buf_puts(&d->raw, sep);
    if (d->npieces == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->pieces = xrealloc(d->pieces, d->cap * sizeof *d->pieces);
    }
    piece *p = &d->pieces[d->npieces++];
    p->start = doc_len(d);
    location_copy(&p->loc, loc);
    if (d->opt) d->opt->text_fn(d->opt->text_ctx, d->res->file, loc, sep, NULL, 0);
    return p->start;
}

/* Line breaks in the window's text between doc offsets from and to. */
static long breaks_between(const docscan *d, uint64_t from, uint64_t to)
{
    long n = 0;
    const char *p = d->raw.data + (from - d->raw_base), *end = d->raw.data + (to - d->raw_base);
    while ((p = memchr(p, '\n', (size_t)(end - p)))) {
        n++;
        p++;
    }
    return n;
}

/* Move the line cursor (line in the piece, row in the whole text) to doc
 * offset target (never backwards).  Where both stood at the same offset
 * (always, in a text of one piece) the breaks are counted once. */
static void cursor_to(docscan *d, uint64_t target)
{
    uint64_t from = d->row_off;
    long rows = 0;
    if (target > d->row_off) {
        rows = breaks_between(d, d->row_off, target);
        d->row += rows;
        d->row_off = target;
    }
    int fresh = d->cur_piece == NO_PIECE;
    size_t k = fresh ? 0 : d->cur_piece;
    while (k + 1 < d->npieces && d->pieces[k + 1].start <= target) k++;
    if (fresh || k != d->cur_piece) {
        d->cur_piece = k;
        d->cur_off = d->pieces[k].start;
        d->cur_line = d->pieces[k].loc.line;
    }
    if (target <= d->cur_off) return;
    d->cur_line += d->cur_off == from ? rows : breaks_between(d, d->cur_off, target);
    d->cur_off = target;
}

/* Room for one more finding, or NULL (and the file partial) at the limit. */
static pdp_finding *new_finding(docscan *d)
{
    pdp_result *res = d->res;
    if (res->nfindings >= d->max_findings) {
        if (!d->full) {
            char *e = xasprintf("more than %zu findings; the rest of the file was not listed", d->max_findings);
            result_set_status(res, PDP_STATUS_PARTIAL, e);
            free(e);
        }
        d->full = 1;
        return NULL;
    }
    return result_add_finding(res);
}

void docscan_unreadable(docscan *d, const pdp_location *loc, const char *what, int makes_partial)
{
    docscan_unreadable_why(d, loc, what, NULL, makes_partial);
}

void docscan_unreadable_why(docscan *d, const pdp_location *loc, const char *what, const char *why,
                            int makes_partial)
{
    pdp_finding *f = new_finding(d);
    if (!f) return;
    f->rule_id = "unreadable";
    f->category = "unreadable";
    f->severity = makes_partial ? PDP_SEV_MEDIUM : PDP_SEV_LOW;
    f->action = PDP_ACT_REVIEW;
    f->confidence = 1;
    f->match = xstrdup("");
    f->normalized = xstrdup(what);
    f->suggestion = xstrdup("");
    f->start = f->end = doc_len(d);
    location_copy(&f->loc, loc);
    f->message_th = pdp_message(d->rules, "finding.unreadable", PDP_LANG_TH);
    f->message_en = pdp_message(d->rules, "finding.unreadable", PDP_LANG_EN);
    char *key = xasprintf("%s@%d/%s", what, loc->page, loc->part ? loc->part : "");
    policy_fingerprint(d->fp_key, "unreadable", key, f->fingerprint);
    free(key);
    if (!makes_partial) return;
    char *e = loc->page ? xasprintf("%s (page %d)%s%s", what, loc->page, why ? ": " : "", why ? why : "")
                        : xasprintf("%s%s%s", what, why ? ": " : "", why ? why : "");
    result_set_status(d->res, PDP_STATUS_PARTIAL, e);
    free(e);
}

#define ALLOW_MARK "pdpascan:allow"

/* Does s[0, n) hold the inline marker? */
static int holds_mark(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    size_t ml = sizeof ALLOW_MARK - 1;
    while ((size_t)(end - p) >= ml && (p = memchr(p, 'p', (size_t)(end - p - ml + 1))))
        if (!memcmp(p++, ALLOW_MARK, ml)) return 1;
    return 0;
}

/* Does the line of text around raw[rs, re) hold the inline marker?  (Only
 * what is still in the buffer is looked at: a line up to LOOKBACK bytes;
 * nothing when the buffer holds none.) */
static int marked_line(const docscan *d, size_t rs, size_t re)
{
    if (!d->marks) return 0;
    const char *s = d->raw.data, *end = s + d->raw.len;
    const char *a = s + rs, *b = s + re;
    while (a > s && a[-1] != '\n' && (size_t)(s + rs - a) < LOOKBACK) a--;
    const char *nl = memchr(b, '\n', (size_t)(end - b));
    b = nl ? nl : end;
    return holds_mark(a, (size_t)(b - a));
}

#define CONTEXT_CHARS 40

/* Up to CONTEXT_CHARS characters of the line before raw[rs] and after
 * raw[re] (heap strings). */
static void around(const docscan *d, size_t rs, size_t re, char **before, char **after)
{
    const char *s = d->raw.data, *end = s + d->raw.len, *a = s + rs, *b = s + re;
    for (int k = 0; k < CONTEXT_CHARS && a > s && a[-1] != '\n'; k++) {
        a--;
        while (a > s && ((unsigned char)*a & 0xC0) == 0x80) a--;
    }
    for (int k = 0; k < CONTEXT_CHARS && b < end && *b != '\n'; k++) {
        b++;
        while (b < end && ((unsigned char)*b & 0xC0) == 0x80) b++;
    }
    *before = xstrndup(a, (size_t)(s + rs - a));
    *after = xstrndup(s + re, (size_t)(b - (s + re)));
}

/* Look at the whole lines between header_pos and doc offset to, for the
 * table's header row; header_pos becomes the start of to's line. */
static void see_lines_to(docscan *d, uint64_t to)
{
    if (d->header_pos < d->raw_base) d->header_pos = d->raw_base; /* lines forgotten unseen: rare */
    const char *s = d->raw.data;
    size_t i = (size_t)(d->header_pos - d->raw_base), end = (size_t)(to - d->raw_base);
    while (i < end) {
        const char *nl = memchr(s + i, '\n', end - i);
        if (!nl) break;
        table_header_see(&d->header, s + i, (size_t)(nl - (s + i)));
        i = (size_t)(nl - s) + 1;
    }
    d->header_pos = d->raw_base + i;
}

/* A stretch with no finding: only its last HEADER_LOOKBACK bytes are looked
 * at for a table's header (the header of the rows the next stretch may
 * find values in), from the start of a line — a pass over every line of a
 * long text without findings cost a tenth of the scan. */
#define HEADER_LOOKBACK (16u << 10)
static void skip_lines_to(docscan *d, uint64_t to)
{
    if (to < HEADER_LOOKBACK || to - HEADER_LOOKBACK <= d->header_pos) return;
    uint64_t from = to - HEADER_LOOKBACK;
    if (from < d->raw_base) from = d->raw_base;
    const char *s = d->raw.data, *nl = memchr(s + (from - d->raw_base), '\n', (size_t)(to - from));
    d->header_pos = nl ? d->raw_base + (uint64_t)(nl - s) + 1 : to;
}

/* The finding's row label and column header when it stands in a table row. */
static void place_in_table(docscan *d, pdp_finding *f, size_t rs)
{
    see_lines_to(d, d->raw_base + rs);
    const char *s = d->raw.data, *line = s + (d->header_pos - d->raw_base);
    const char *nl = memchr(s + rs, '\n', d->raw.len - rs);
    size_t len = (size_t)((nl ? nl : s + d->raw.len) - line);
    table_position(&d->header, line, len, (size_t)(s + rs - line), &f->row_label, &f->column);
}

/* Is the text at the line cursor read by OCR (its piece's part "ocr")? */
static int read_by_ocr(const docscan *d)
{
    const char *part = d->pieces[d->cur_piece].loc.part;
    return part && !strcmp(part, "ocr");
}

static void add_finding(docscan *d, const candidate *c)
{
    if (marked_line(d, c->rs, c->re)) {
        d->res->suppressed++;
        return;
    }
    const pdp_rule *ru = c->rule;
    uint64_t start = d->raw_base + c->rs;
    cursor_to(d, start);
    if (ru->ocr_only && !read_by_ocr(d)) return; /* a repair of OCR's misreadings, in other text */
    pdp_finding *f = new_finding(d);
    if (!f) return;
    verdict v;
    policy_decide(c, &v);
    f->rule_id = ru->id;
    f->category = v.category;
    f->severity = v.severity;
    f->action = v.action;
    f->confidence = v.confidence;
    f->match = xstrndup(d->raw.data + c->rs, c->re - c->rs);
    f->normalized = xstrdup(c->normalized);
    f->suggestion = policy_suggestion(ru, f->match, c->re - c->rs);
    if (d->with_context) around(d, c->rs, c->re, &f->before, &f->after);
    place_in_table(d, f, c->rs);
    f->start = start;
    f->end = d->raw_base + c->re;
    const piece *pc = &d->pieces[d->cur_piece];
    location_copy(&f->loc, &pc->loc);
    f->loc.line = pc->loc.line ? d->cur_line : 0;
    f->row = d->row;
    f->law = (const char *const *)ru->law;
    f->nlaw = ru->nlaw;
    f->message_th = v.msg_th;
    f->message_en = v.msg_en;
    f->role = v.role;
    policy_fingerprint(d->fp_key, ru->id, c->normalized, f->fingerprint);
}

/* Forget text before doc offset keep (kept as context up to there). */
static void forget_before(docscan *d, uint64_t keep)
{
    if (keep <= d->raw_base) return;
    size_t cut = utf8_floor(d->raw.data, (size_t)(keep - d->raw_base));
    if (!cut) return;
    cursor_to(d, d->raw_base + cut);
    buf_consume(&d->raw, cut);
    d->raw_base += cut;
    /* Drop pieces wholly before the cursor's piece. */
    if (d->cur_piece != NO_PIECE && d->cur_piece > 1024) {
        for (size_t i = 0; i < d->cur_piece; i++) piece_free(&d->pieces[i]);
        size_t keepn = d->npieces - d->cur_piece;
        memmove(d->pieces, d->pieces + d->cur_piece, keepn * sizeof *d->pieces);
        d->npieces = keepn;
        d->cur_piece = 0;
    }
}

/* A rule with title_block matches only in the document's first
 * title_block characters (still in the window then: the first round
 * forgets nothing before CHUNK bytes). */
static int in_title_block(const docscan *d, const candidate *c)
{
    int n = c->rule->title_block;
    return !n || (d->raw_base == 0 && utf8_count(d->raw.data, c->rs) <= (size_t)n);
}

static void round_scan(docscan *d, int final)
{
    uint64_t end = doc_len(d);
    uint64_t hi = final ? end : end - OVERLAP;
    if (hi <= d->commit_lo || d->full) return;
    thai_normalize(d->raw.data, d->raw.len, &d->norm, &d->map);
    cand_vec_clear(&d->cands);
    detect_run(d->rules, d->norm.data, d->norm.len, &d->map, (size_t)(d->commit_lo - d->raw_base),
               (size_t)(hi - d->raw_base), &d->scratch, &d->cands);
    policy_resolve_overlaps(&d->cands);
    d->marks = d->cands.len && holds_mark(d->raw.data, d->raw.len);
    /* Overlaps within the round were settled above (legal cues may overlap
     * each other and personal data); a match that begins inside one the
     * previous round accepted is that round's. */
    uint64_t prev_end = d->last_end;
    for (size_t i = 0; i < d->cands.len && !d->full; i++) {
        const candidate *c = &d->cands.v[i];
        if (d->raw_base + c->rs < prev_end) continue;
        if (!in_title_block(d, c)) continue;
        add_finding(d, c);
        if (d->raw_base + c->re > d->last_end) d->last_end = d->raw_base + c->re;
    }
    int found = d->cands.len > 0;
    cand_vec_clear(&d->cands);
    if (!found) skip_lines_to(d, hi);
    see_lines_to(d, hi);
    if (d->scratch.limit_hit)
        result_set_status(d->res, PDP_STATUS_PARTIAL, "a pattern hit its matching limit; some text was not checked");
    if (d->scratch.broken_rule) { /* fail closed: the rule set is broken */
        char *why = xasprintf("rule %s: its pattern does not compile (see pdpascan rules); not fully checked",
                              d->scratch.broken_rule);
        result_set_status(d->res, PDP_STATUS_ERROR, why);
        free(why);
    }
    d->commit_lo = hi;
    forget_before(d, hi > LOOKBACK ? hi - LOOKBACK : 0);
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Append s[0, n) as valid UTF-8 with no NUL: valid runs as they are, an
 * invalid byte as U+FFFD; a NUL as a space (a fixed-width export pads its
 * fields with them), except that NULs between two digits are dropped, so
 * that a NUL inside a number does not hide it. */
static void append_clean(docscan *d, const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t r = utf8_clean_run(s + i, n - i);
        buf_append(&d->raw, (const char *)s + i, r);
        i += r;
        if (i >= n) break;
        if (s[i] != 0) {
            buf_append(&d->raw, "\xEF\xBF\xBD", 3);
            i++;
            continue;
        }
        size_t e = i;
        while (e < n && s[e] == 0) e++;
        int between_digits = d->raw.len && is_digit(d->raw.data[d->raw.len - 1]) && e < n && is_digit((char)s[e]);
        for (; !between_digits && i < e; i++) buf_putc(&d->raw, ' ');
        i = e;
    }
}

void docscan_text(docscan *d, const char *text, size_t len)
{
    if (d->full) return;
    if (!d->npieces) docscan_piece(d, &(pdp_location){ .line = 1 });
    size_t was = d->raw.len;
    append_clean(d, (const unsigned char *)text, len);
    if (d->opt) d->opt->text_fn(d->opt->text_ctx, d->res->file, NULL, NULL, d->raw.data + was, d->raw.len - was);
    if (d->raw.len - (size_t)(d->commit_lo > d->raw_base ? d->commit_lo - d->raw_base : 0) >= CHUNK + OVERLAP)
        round_scan(d, 0);
}

void docscan_flush(docscan *d) { round_scan(d, 1); }

/* Leave out the findings the allowlist or baseline matches. */
static void apply_allow(docscan *d)
{
    pdp_result *res = d->res;
    if (!d->allow) return;
    size_t kept = 0;
    for (size_t i = 0; i < res->nfindings; i++) {
        pdp_finding *f = &res->findings[i];
        if (pdp_allow_match(d->allow, res->file, f)) {
            finding_free(f);
            res->suppressed++;
            continue;
        }
        res->findings[kept++] = *f;
    }
    res->nfindings = kept;
}

void docscan_finish(docscan *d)
{
    round_scan(d, 1);
    policy_link(d->res, d->rules);
    apply_allow(d);
}
