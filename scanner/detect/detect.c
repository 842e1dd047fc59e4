/* detect.c — pattern matching, validation and context look-up (detect.h). */
#include "detect.h"

#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"

void cand_vec_init(cand_vec *c)
{
    c->v = NULL;
    c->len = c->cap = 0;
}

void cand_vec_clear(cand_vec *c)
{
    for (size_t i = 0; i < c->len; i++) free(c->v[i].normalized);
    c->len = 0;
}

void cand_vec_free(cand_vec *c)
{
    cand_vec_clear(c);
    free(c->v);
    cand_vec_init(c);
}

static candidate *cand_push(cand_vec *c)
{
    if (c->len == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 32;
        c->v = xrealloc(c->v, c->cap * sizeof *c->v);
    }
    candidate *k = &c->v[c->len++];
    memset(k, 0, sizeof *k);
    return k;
}

void detect_scratch_init(detect_scratch *s)
{
    s->md = pcre2_match_data_create(32, NULL);
    buf_init(&s->tmp);
    s->limit_hit = 0;
    s->broken_rule = NULL;
    s->full_scan = 0;
    s->zones = s->big = (zone_vec){ 0 };
    s->wb = NULL;
    s->columns = NULL;
    s->ncolumns = 0;
    s->letters = (letter_stream){ 0 };
}

void detect_scratch_free(detect_scratch *s)
{
    pcre2_match_data_free(s->md);
    buf_free(&s->tmp);
    zone_vec_free(&s->zones);
    zone_vec_free(&s->big);
    wordbreak_release(s->wb);
    s->wb = NULL;
    columns_free(s);
    letter_stream_free(&s->letters);
}

/* Byte offset `chars` code points before (dir<0) or after off. */
static size_t step_chars(const char *s, size_t len, size_t off, int chars, int dir)
{
    while (chars-- > 0) {
        if (dir < 0) {
            if (off == 0) break;
            off = utf8_floor(s, off - 1);
        } else {
            if (off >= len) break;
            off = utf8_ceil(s, len, off + 1);
        }
    }
    return off;
}

/* Start of the paragraph holding pos (text after the last blank line),
 * looking no further back than lo. */
static size_t paragraph_start(const char *s, size_t lo, size_t pos)
{
    int seen_nl = 0, blank = 0;
    for (size_t i = pos; i > lo; i--) {
        char c = s[i - 1];
        if (c == '\n') {
            if (seen_nl && blank) return i;
            seen_nl = 1;
            blank = 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            blank = 0;
        }
    }
    return lo;
}

/* Distance in bytes from [ns, ne) to the nearest match of re within the
 * rule's window, or -1.  The window looks back within the paragraph and
 * forward within the line: a label belongs to the value it stands beside,
 * not to the next paragraph. */
static long context_distance(const lazy_re *lre, const pdp_rule *ru, const char *norm, size_t nlen,
                             size_t ns, size_t ne, pcre2_match_data *md)
{
    const pcre2_code *re = lazy_re_get(lre);
    if (!re) return -1;
    long best = -1;
    size_t lo = paragraph_start(norm, step_chars(norm, nlen, ns, ru->before, -1), ns);
    size_t off = lo;
    while (off < ns && pcre2_match(re, (PCRE2_SPTR)norm, ns, off, PCRE2_NO_UTF_CHECK, md, NULL) >= 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        best = (long)(ns - ov[1]);
        off = ov[1] > ov[0] ? ov[1] : utf8_ceil(norm, nlen, ov[0] + 1);
    }
    size_t hi = step_chars(norm, nlen, ne, ru->after, 1);
    const char *nl = memchr(norm + ne, '\n', hi - ne);
    if (nl) hi = (size_t)(nl - norm);
    if (hi > ne && pcre2_match(re, (PCRE2_SPTR)norm, hi, ne, PCRE2_NO_UTF_CHECK, md, NULL) >= 0) {
        long d = (long)(pcre2_get_ovector_pointer(md)[0] - ne);
        if (best < 0 || d < best) best = d;
    }
    return best;
}

/* "(name)" alone on its line: the signature block of a letter or notice. */
static int signature_line(const char *s, size_t len, size_t ms, size_t me)
{
    size_t i = ms;
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) i--;
    if (i == 0 || s[i - 1] != '(') return 0;
    i--;
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) i--;
    if (i > 0 && s[i - 1] != '\n') return 0;
    size_t j = me;
    while (j < len && (s[j] == ' ' || s[j] == '\t')) j++;
    if (j >= len || s[j] != ')') return 0;
    j++;
    while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) j++;
    return j >= len || s[j] == '\n';
}

/* Does the role list match right at offset at (after spaces, '(' or ')')? */
static int role_at(const pdp_rule *ru, const char *norm, size_t nlen, size_t at, pcre2_match_data *md)
{
    while (at < nlen && (norm[at] == ' ' || norm[at] == '\t' || norm[at] == '(' || norm[at] == ')' ||
                         norm[at] == ',' || norm[at] == '-' || norm[at] == '|'))
        at++;
    return at < nlen &&
           pcre2_match(lazy_re_get(ru->ctx_role_anchored), (PCRE2_SPTR)norm, nlen, at, PCRE2_NO_UTF_CHECK, md, NULL) >= 0;
}

/* Role words for the value at [ms, me): before it within the paragraph
 * (role_before), or right after it — on its line, or opening one of the next
 * role_lines lines that hold text.  A word that merely appears nearby does
 * not make a private person an official. */
static int role_found(const pdp_rule *ru, const char *norm, size_t nlen, size_t ms, size_t me, pcre2_match_data *md)
{
    if (ru->role_signature && signature_line(norm, nlen, ms, me)) return 1;
    if (!ru->ctx_role) return 0;
    if (ru->role_before) {
        size_t lo = paragraph_start(norm, step_chars(norm, nlen, ms, ru->role_before, -1), ms);
        if (lo < ms &&
            pcre2_match(lazy_re_get(ru->ctx_role_before), (PCRE2_SPTR)norm, ms, lo, PCRE2_NO_UTF_CHECK, md, NULL) >= 0)
            return 1;
    }
    if (!ru->role_after) return 0;
    if (role_at(ru, norm, nlen, me, md)) return 1;
    size_t k = me, far = me + 4 * (size_t)ru->role_after;
    size_t limit = far >= nlen ? nlen : utf8_ceil(norm, nlen, far);
    for (int lines = 0; lines < ru->role_lines && k < limit;) {
        const char *nl = memchr(norm + k, '\n', limit - k);
        if (!nl) break;
        k = (size_t)(nl - norm) + 1;
        size_t t = k;
        while (t < nlen && (norm[t] == ' ' || norm[t] == '\t' || norm[t] == '\r')) t++;
        if (t < nlen && norm[t] == '\n') continue; /* blank lines do not count */
        lines++;
        if (role_at(ru, norm, nlen, k, md)) return 1;
    }
    return 0;
}

/* May byte c stand around a stamp on its line (spaces, * - ( ) [ ] . and
 * the bytes of 《 》 « »)? */
static int stamp_filler(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '*' || c == '-' || c == '(' || c == ')' || c == '[' ||
           c == ']' || c == '.' || c == ':' || c == 0xC2 || c == 0xAB || c == 0xBB || c == 0xE3 || c == 0x80 ||
           c == 0x8A || c == 0x8B;
}

/* Is u[i] the end of a stretch of a line: a line break, a tab, or the
 * third space in a row (spaces: the run so far)? */
static int stretch_end(unsigned char c, size_t *spaces)
{
    *spaces = c == ' ' ? *spaces + 1 : 0;
    return c == '\n' || c == '\t' || *spaces >= 3;
}

/* Does norm[ms, me) stand alone in its stretch of the line: between line
 * breaks, tabs or runs of three spaces (a page header's left, centre and
 * right: "ลับ<tab>หน้า ๒")?  Fillers (brackets, dashes, stars) may stand
 * beside it. */
static int alone_on_line(const char *norm, size_t nlen, size_t ms, size_t me)
{
    const unsigned char *u = (const unsigned char *)norm;
    size_t spaces = 0;
    for (size_t i = ms; i > 0 && !stretch_end(u[i - 1], &spaces); i--)
        if (!stamp_filler(u[i - 1])) return 0;
    spaces = 0;
    for (size_t i = me; i < nlen && !stretch_end(u[i], &spaces); i++)
        if (!stamp_filler(u[i])) return 0;
    return 1;
}

/* Validate and record one match of ru at value span [vs, ve) of the match
 * [ms, me). */
static int consider(const pdp_rule *ru, const char *norm, size_t nlen, const offmap *map,
                    size_t ms, size_t me, size_t vs, size_t ve, detect_scratch *sc, cand_vec *out)
{
    if (ru->alone_on_line && !alone_on_line(norm, nlen, ms, me)) return 0;
    if (ru->words_start || ru->words_end || ru->words_places) {
        size_t full = ve;
        if (!words_fit(ru, norm, nlen, ms, vs, &ve, sc)) return 0;
        if (ve != full) me = ve; /* a word glued after the value is not the match's */
    }
    buf_clear(&sc->tmp);
    if (ru->validator) {
        if (!ru->validator(norm + vs, ve - vs, &sc->tmp)) return 0;
    } else {
        buf_append(&sc->tmp, norm + vs, ve - vs);
    }
    double boost;
    if (!words_known(ru, norm, vs, ve, &boost)) return 0;
    long pos = context_distance(ru->ctx_pos, ru, norm, nlen, vs, ve, sc->md);
    long neg = context_distance(ru->ctx_neg, ru, norm, nlen, vs, ve, sc->md);
    if (ru->require_positive && pos < 0) return 0;
    candidate *k = cand_push(out);
    k->rule = ru;
    k->ns = vs;
    k->ne = ve;
    k->rs = offmap_start(map, vs);
    k->re = offmap_end(map, ve);
    k->normalized = ru->fixed_normalized ? xstrdup(ru->fixed_normalized) : xstrndup(sc->tmp.data, sc->tmp.len);
    k->pos_dist = pos;
    k->neg_dist = neg;
    k->role = role_found(ru, norm, nlen, ms, me, sc->md);
    k->boost = boost;
    return 1;
}

/* Match ru's pattern from off in norm[0..limit): the match [*s, *e) and the
 * value [*vs, *ve) (the rule's group, or the whole match).  0 when there is
 * none (a matching limit, or a pattern that does not compile, is
 * remembered). */
static int match_at(const pdp_rule *ru, const char *norm, size_t limit, size_t off, detect_scratch *sc, size_t *s,
                    size_t *e, size_t *vs, size_t *ve)
{
    const pcre2_code *re = lazy_re_get(&ru->pat);
    if (!re) {
        sc->broken_rule = ru->id;
        return 0;
    }
    int rc = pcre2_match(re, (PCRE2_SPTR)norm, limit, off, PCRE2_NO_UTF_CHECK, sc->md, NULL);
    if (rc < 0) {
        if (rc != PCRE2_ERROR_NOMATCH) sc->limit_hit = 1;
        return 0;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
    *s = *vs = ov[0];
    *e = *ve = ov[1];
    if (ru->group && (int)ru->group < rc && ov[2 * ru->group] != PCRE2_UNSET) {
        *vs = ov[2 * ru->group];
        *ve = ov[2 * ru->group + 1];
    }
    return 1;
}

/* Run ru over matches starting in [lo, hi) of norm, looking at most `limit`
 * bytes in (lookarounds see text up to there).  Returns where it stopped. */
static size_t scan_range(const pdp_rule *ru, const char *norm, size_t nlen, size_t lo, size_t limit,
                         const offmap *map, size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    size_t off = lo;
    while (off < limit) {
        size_t s, e, vs, ve;
        if (ru->anchored) { /* anchored only (a phrase rule): try each character */
            if (!match_at(ru, norm, limit, off, sc, &s, &e, &vs, &ve)) {
                off = utf8_ceil(norm, nlen, off + 1);
                continue;
            }
        } else if (!match_at(ru, norm, limit, off, sc, &s, &e, &vs, &ve)) {
            return limit;
        }
        size_t rs = offmap_start(map, vs);
        if (rs >= raw_hi) return nlen;
        int took = 0;
        if (rs >= raw_lo && ve > vs) took = consider(ru, norm, nlen, map, s, e, vs, ve, sc, out);
        /* After a rejected candidate, retry one character on: a real value may
         * overlap the text a false one consumed. */
        off = (took && e > s) ? e : utf8_ceil(norm, nlen, s + 1);
    }
    return off;
}

/* How far a window reaches around what the rule requires. */
#define LEAD 24     /* a match may start this far before its first digit ("+66 (0)") */
#define TAIL 16     /* lookarounds after a zone see this far */
#define AT_BEFORE 80
#define AT_AFTER 260
#define THEN_TAIL 600 /* a match may run this far past a zone followed by a `then` phrase */

/* Does one of the rule's `then` phrases follow norm[end], past up to three
 * spaces or commas? */
static int then_follows(const pdp_rule *ru, const char *norm, size_t nlen, size_t end)
{
    for (int k = 0; k < 3 && end < nlen && (norm[end] == ' ' || norm[end] == ','); k++) end++;
    const unsigned char *u = (const unsigned char *)norm;
    return prefix_set_hit(ru->req_then, u, nlen, end) && prefix_set_confirm(ru->req_then, norm, nlen, end);
}

/* The rule's windows (around the zones of zv with enough digits, or the
 * required character), merged, each scanned on its own. */
static void scan_windows(const pdp_rule *ru, const zone_vec *zv, const char *norm, size_t nlen, const offmap *map,
                         size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    size_t done = 0, wlo = 0, whi = 0;
    int open = 0;
    size_t zi = 0;
    const char *at = norm;
    for (;;) {
        size_t lo, hi;
        if (ru->req_digits) { /* next zone with enough digits */
            while (zi < zv->len && (zv->v[zi].digits < ru->req_digits ||
                                    (ru->req_then && !then_follows(ru, norm, nlen, zv->v[zi].end))))
                zi++;
            if (zi >= zv->len) break;
            lo = zv->v[zi].start > LEAD ? zv->v[zi].start - LEAD : 0;
            hi = zv->v[zi].end + (ru->req_then ? THEN_TAIL : TAIL);
            zi++;
        } else { /* next occurrence of the required character */
            at = memchr(at, ru->req_char, (size_t)(norm + nlen - at));
            if (!at) break;
            size_t p = (size_t)(at - norm);
            lo = p > AT_BEFORE ? p - AT_BEFORE : 0;
            hi = p + AT_AFTER;
            at++;
        }
        hi = hi > nlen ? nlen : utf8_ceil(norm, nlen, hi);
        lo = utf8_floor(norm, lo);
        if (open && lo <= whi) { /* overlaps the open window: extend it */
            if (hi > whi) whi = hi;
            continue;
        }
        if (open) done = scan_range(ru, norm, nlen, wlo > done ? wlo : done, whi, map, raw_lo, raw_hi, sc, out);
        wlo = lo;
        whi = hi;
        open = 1;
    }
    if (open) scan_range(ru, norm, nlen, wlo > done ? wlo : done, whi, map, raw_lo, raw_hi, sc, out);
}

size_t detect_value(const pdp_rule *ru, const char *norm, size_t nlen, size_t vs, size_t ve, const offmap *map,
                    size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    size_t rs = offmap_start(map, vs);
    if (rs < raw_lo || rs >= raw_hi || ve <= vs) return 0;
    return consider(ru, norm, nlen, map, vs, ve, vs, ve, sc, out) ? ve : 0;
}

/* One anchored attempt of ru at a phrase start (see detect.h). */
size_t detect_try_at(const pdp_rule *ru, const char *norm, size_t nlen, size_t i, const offmap *map, size_t raw_lo,
                     size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    size_t s, e, vs, ve;
    if (!match_at(ru, norm, nlen, i, sc, &s, &e, &vs, &ve)) return 0;
    size_t rs = offmap_start(map, vs);
    if (rs < raw_lo || rs >= raw_hi || ve <= vs) return 0;
    return consider(ru, norm, nlen, map, s, e, vs, ve, sc, out) ? e : 0;
}

void detect_run(const pdp_rules *r, const char *norm, size_t nlen, const offmap *map,
                size_t raw_lo, size_t raw_hi, detect_scratch *sc, cand_vec *out)
{
    int zones_ready = 0, ncolumn = 0;
    size_t nphrase = 0;
    for (size_t i = 0; i < r->nrules; i++) {
        const pdp_rule *ru = &r->rules[i];
        if (ru->col_header) { /* only in table cells, below */
            ncolumn++;
            continue;
        }
        if (sc->full_scan || (!ru->req_digits && !ru->req_char && !ru->req_phrase) ||
            (ru->req_phrase && nphrase++ >= r->phrases.n)) { /* no hint, or more phrase rules than the index holds */
            scan_range(ru, norm, nlen, 0, nlen, map, raw_lo, raw_hi, sc, out);
            continue;
        }
        if (ru->req_phrase) continue; /* in the phrase pass below */
        if (ru->req_digits && !zones_ready) {
            zones_find_digits(norm, nlen, &sc->zones);
            zones_select(&sc->zones, r->zone_floor, &sc->big);
            zones_ready = 1;
        }
        /* (big: the zones of zone_floor digits or more, all any rule without a `then` needs) */
        scan_windows(ru, ru->req_then ? &sc->zones : &sc->big, norm, nlen, map, raw_lo, raw_hi, sc, out);
    }
    if (!sc->full_scan && r->phrases.n) detect_phrases(&r->phrases, norm, nlen, map, raw_lo, raw_hi, sc, out);
    if (ncolumn) detect_columns(r, norm, nlen, map, raw_lo, raw_hi, sc, out);
    if (!zones_ready) zones_find_digits(norm, nlen, &sc->zones);
    detect_glued(r, &sc->zones, norm, nlen, map, raw_lo, raw_hi, sc, out);
}
