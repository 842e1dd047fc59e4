/* policy.c — context effects, overlaps and fingerprints (see policy.h). */
#include "policy.h"

#include <nettle/hmac.h>
#include <stdlib.h>
#include <string.h>

static void apply(const ctx_effect *e, verdict *v)
{
    if (e->category) v->category = e->category;
    if (e->role) v->role = e->role;
    if (e->msg_en) {
        v->msg_en = e->msg_en;
        v->msg_th = e->msg_th;
    }
    if (e->set_severity) v->severity = e->severity;
    if (e->set_action) v->action = e->action;
    v->confidence += e->confidence;
}

void policy_decide(const candidate *c, verdict *v)
{
    const pdp_rule *ru = c->rule;
    v->category = ru->category;
    v->severity = ru->severity;
    v->action = ru->action;
    v->confidence = ru->confidence + c->boost;
    v->msg_th = ru->msg_th;
    v->msg_en = ru->msg_en;
    v->role = NULL;
    int neg = c->neg_dist >= 0 && (c->pos_dist < 0 || c->neg_dist < c->pos_dist);
    if (c->role) apply(&ru->on_role, v); /* in office, or the agency's own contact: wins */
    else if (neg) apply(&ru->on_neg, v);
    else if (c->pos_dist >= 0) apply(&ru->on_pos, v);
    if (v->confidence > 1) v->confidence = 1;
    if (v->confidence < 0) v->confidence = 0;
}

static int cmp_start(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->rs != y->rs) return x->rs < y->rs ? -1 : 1;
    if (x->rule->priority != y->rule->priority) return y->rule->priority - x->rule->priority;
    return (x->re - x->rs) > (y->re - y->rs) ? -1 : (x->re - x->rs) < (y->re - y->rs);
}

static int stronger(const candidate *a, const candidate *b)
{
    if (a->rule->priority != b->rule->priority) return a->rule->priority > b->rule->priority;
    return a->re - a->rs > b->re - b->rs;
}

/* Overlaps are settled among personal-data findings, and among the legal
 * cues of one clause (a secrecy class after ชั้นความลับ is one mark, not a
 * label and a word).  Legal cues (s.14, s.15, s.26 data, secrecy marks) are
 * evidence for a passage, and a document's kind read from its title block
 * is evidence for the whole: they never hide an ID number or a name they
 * overlap, nor a cue of another clause. */
static int is_legal(const candidate *c)
{
    static const char *legal[] = { "oia_s14", "oia_s15", "sensitive_data", "classification_mark", "document_kind" };
    for (size_t i = 0; i < sizeof legal / sizeof *legal; i++)
        if (!strcmp(c->rule->category, legal[i])) return 1;
    return 0;
}

/* Are legal cues a and b evidence of one clause: one category, and for all
 * but secrecy marks (whose value is the mark's wording) one clause or kind? */
static int same_clause(const candidate *a, const candidate *b)
{
    return !strcmp(a->rule->category, b->rule->category) &&
           (!strcmp(a->rule->category, "classification_mark") || !strcmp(a->normalized, b->normalized));
}

/* c overlaps kept candidate *prev: keep the stronger in prev's place. */
static void settle(candidate *prev, candidate *c, int *replaced)
{
    if (stronger(c, prev)) {
        free(prev->normalized);
        *prev = *c;
        *replaced = 1;
    } else {
        free(c->normalized);
    }
}

/* The kept legal cue of c's clause that c overlaps, among the kept ones
 * from index `from` on, or NULL. */
static candidate *legal_overlap(cand_vec *cv, size_t from, size_t kept, const candidate *c)
{
    for (size_t j = from; j < kept; j++) {
        candidate *p = &cv->v[j];
        if (is_legal(p) && c->rs < p->re && same_clause(p, c)) return p;
    }
    return NULL;
}

void policy_resolve_overlaps(cand_vec *cv)
{
    if (cv->len < 2) return;
    qsort(cv->v, cv->len, sizeof *cv->v, cmp_start);
    size_t kept = 0, last = 0, open = 0; /* open: kept cues before it end before the current start */
    int has = 0, replaced = 0;
    for (size_t i = 0; i < cv->len; i++) {
        candidate *c = &cv->v[i];
        if (is_legal(c)) {
            while (open < kept && cv->v[open].re <= c->rs) open++;
            candidate *prev = legal_overlap(cv, open, kept, c);
            if (prev) {
                settle(prev, c, &replaced);
                continue;
            }
            cv->v[kept++] = *c;
            continue;
        }
        if (has && c->rs < cv->v[last].re) {
            settle(&cv->v[last], c, &replaced);
            continue;
        }
        last = kept;
        has = 1;
        cv->v[kept++] = *c;
    }
    cv->len = kept;
    if (replaced) qsort(cv->v, cv->len, sizeof *cv->v, cmp_start);
}

/* Replace every digit (ASCII or Thai) with X, keeping separators. */
static void mask_digits(buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') {
            buf_putc(b, 'X');
        } else if (c == 0xE0 && i + 2 < n && (unsigned char)s[i + 1] == 0xB9 &&
                   (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
            buf_putc(b, 'X');
            i += 2;
        } else {
            buf_putc(b, (char)c);
        }
    }
}

char *policy_suggestion(const pdp_rule *ru, const char *s, size_t n)
{
    buf b;
    buf_init(&b);
    switch (ru->mask) {
    case MASK_DIGITS:
        mask_digits(&b, s, n);
        break;
    case MASK_EMAIL: {
        const char *at = memchr(s, '@', n);
        size_t keep = at ? (size_t)(at - s) : n;
        for (size_t i = 0; i < keep; i++) buf_putc(&b, 'x');
        if (at) buf_append(&b, at, n - keep);
        break;
    }
    case MASK_ALL:
        for (size_t i = 0; i < n; i++)
            if (((unsigned char)s[i] & 0xC0) != 0x80) buf_putc(&b, s[i] == ' ' ? ' ' : 'X');
        break;
    case MASK_LABEL:
        buf_puts(&b, ru->mask_label);
        break;
    }
    return buf_steal(&b);
}

/* The key only separates pdpascan's fingerprints from other hashes; a
 * deployment that shares reports can set its own (PDPASCAN_FINGERPRINT_KEY)
 * so that fingerprints of short values cannot be reversed by guessing. */
struct policy_fp_key {
    struct hmac_sha256_ctx keyed;
};

policy_fp_key *policy_fp_key_new(void)
{
    const char *key = getenv("PDPASCAN_FINGERPRINT_KEY");
    if (!key || !*key) key = "pdpascan-fingerprint-v1";
    policy_fp_key *k = xmalloc(sizeof *k);
    hmac_sha256_set_key(&k->keyed, strlen(key), (const uint8_t *)key);
    return k;
}

void policy_fp_key_free(policy_fp_key *k) { free(k); }

void policy_fingerprint(const policy_fp_key *k, const char *rule_id, const char *normalized, char out[17])
{
    static const char hex[] = "0123456789abcdef";
    struct hmac_sha256_ctx h = k->keyed;
    uint8_t d[8];
    hmac_sha256_update(&h, strlen(rule_id) + 1, (const uint8_t *)rule_id); /* with its NUL: a separator */
    hmac_sha256_update(&h, strlen(normalized), (const uint8_t *)normalized);
    hmac_sha256_digest(&h, sizeof d, d); /* (the digest's first eight bytes) */
    for (size_t i = 0; i < sizeof d; i++) {
        out[2 * i] = hex[d[i] >> 4];
        out[2 * i + 1] = hex[d[i] & 15];
    }
    out[16] = 0;
}

/* Linked records.  Findings on one line of the extracted text (a text line,
 * a table row in Word, ODF or HTML), one sheet row, or one text row of a
 * PDF page belong to one record; so do a line holding only a name and the
 * next line of text holding only that person's data.  A record holding a private
 * person's name and personal data about them is one person's record: every
 * part of it is marked linked and raised to high / redact. */
typedef struct rec_key {
    size_t idx;
    int kind;          /* 1 line, 2 sheet row, 3 PDF row */
    const char *a;     /* part or sheet */
    long b;            /* row of the text, sheet row or page */
    double y;          /* PDF: top of the box */
} rec_key;

static long cell_row(const char *cell)
{
    while (*cell && (*cell < '0' || *cell > '9')) cell++;
    return atol(cell);
}

static rec_key key_of(const pdp_finding *f, size_t i)
{
    if (f->loc.sheet && f->loc.cell) return (rec_key){ i, 2, f->loc.sheet, cell_row(f->loc.cell), 0 };
    if (f->loc.page && f->loc.has_bbox && !f->loc.part) return (rec_key){ i, 3, "", f->loc.page, f->loc.bbox[1] };
    return (rec_key){ i, 1, f->loc.part ? f->loc.part : "", f->row, 0 };
}

static int cmp_key(const void *x, const void *y)
{
    const rec_key *a = x, *b = y;
    if (a->kind != b->kind) return a->kind - b->kind;
    int c = strcmp(a->a, b->a);
    if (c) return c;
    if (a->b != b->b) return a->b < b->b ? -1 : 1;
    if (a->y != b->y) return a->y < b->y ? -1 : 1;
    return a->idx < b->idx ? -1 : 1;
}

static int same_record(const rec_key *first, const rec_key *k)
{
    return k->kind == first->kind && !strcmp(k->a, first->a) && k->b == first->b &&
           (k->kind != 3 || k->y - first->y < 4);
}

static int personal(const pdp_finding *f)
{
    static const char *cats[] = { "national_id", "phone", "email", "address", "birth_date", "bank_account", "passport" };
    if (f->role) return 0;
    for (size_t i = 0; i < sizeof cats / sizeof *cats; i++)
        if (!strcmp(f->category, cats[i])) return 1;
    return 0;
}

static int private_name(const pdp_finding *f)
{
    return !f->role && f->severity > PDP_SEV_INFO && !strcmp(f->category, "person_name");
}

/* Same document part (zip part, sheet) and within `within` bytes. */
static int near(const pdp_finding *a, const pdp_finding *b, uint64_t within)
{
    const char *pa = a->loc.part ? a->loc.part : "", *pb = b->loc.part ? b->loc.part : "";
    const char *sa = a->loc.sheet ? a->loc.sheet : "", *sb = b->loc.sheet ? b->loc.sheet : "";
    if (strcmp(pa, pb) || strcmp(sa, sb)) return 0;
    uint64_t gap = a->start > b->end ? a->start - b->end : b->start > a->end ? b->start - a->end : 0;
    return gap <= within;
}

static void apply_to_finding(const ctx_effect *e, pdp_finding *f)
{
    if (e->set_severity) f->severity = e->severity;
    if (e->set_action) f->action = e->action;
    f->confidence += e->confidence;
    if (f->confidence > 1) f->confidence = 1;
    if (e->msg_en) {
        f->message_en = e->msg_en;
        f->message_th = e->msg_th;
    }
}

/* What each finding is to a tie, decided once: */
#define TIE_PERSON 1 /* a private person's name, or personal data */
#define TIE_NAME 2   /* any person's name (for `tie: {to: any_name}`) */

typedef struct tie_index {
    size_t *order;       /* findings by start */
    size_t *pos;         /* pos[i]: where finding i stands in order */
    unsigned char *what; /* TIE_* of each finding */
    uint64_t longest;    /* the longest finding: how far back one can reach */
} tie_index;

static _Thread_local const pdp_finding *by_start_of; /* qsort's context */

static int by_start(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    uint64_t sa = by_start_of[a].start, sb = by_start_of[b].start;
    return sa != sb ? (sa < sb ? -1 : 1) : (a < b ? -1 : a > b);
}

static void tie_index_build(const pdp_result *res, tie_index *t)
{
    size_t n = res->nfindings;
    t->order = xmalloc(n * sizeof *t->order);
    t->pos = xmalloc(n * sizeof *t->pos);
    t->what = xmalloc(n);
    t->longest = 0;
    for (size_t i = 0; i < n; i++) {
        const pdp_finding *g = &res->findings[i];
        t->order[i] = i;
        t->what[i] = (unsigned char)((private_name(g) || personal(g) ? TIE_PERSON : 0) |
                                     (!strcmp(g->category, "person_name") ? TIE_NAME : 0));
        if (g->end > g->start && g->end - g->start > t->longest) t->longest = g->end - g->start;
    }
    by_start_of = res->findings;
    qsort(t->order, n, sizeof *t->order, by_start);
    for (size_t p = 0; p < n; p++) t->pos[t->order[p]] = p;
}

static void tie_index_free(tie_index *t)
{
    free(t->order);
    free(t->pos);
    free(t->what);
}

/* Are a and b at most `lines` lines apart (lines < 0: any)? */
static int lines_apart_ok(const pdp_finding *a, const pdp_finding *b, int lines)
{
    return lines < 0 || labs(a->row - b->row) <= lines;
}

/* Does a person (want: TIE_* bits) stand within `within` of finding i (and
 * within `lines` lines of it, when lines >= 0)?
 * Only the findings whose start lies in reach are looked at: those before
 * it back to `within` plus the longest finding, those after up to
 * `within` past its end. */
static int person_near(const pdp_result *res, const tie_index *t, size_t i, unsigned want, uint64_t within,
                       int lines)
{
    const pdp_finding *f = &res->findings[i];
    size_t p = t->pos[i];
    uint64_t reach = within + t->longest;
    for (size_t q = p; q-- > 0;) {
        const pdp_finding *g = &res->findings[t->order[q]];
        if (g->start + reach < f->start) break;
        if ((t->what[t->order[q]] & want) && near(f, g, within) && lines_apart_ok(f, g, lines)) return 1;
    }
    for (size_t q = p + 1; q < res->nfindings; q++) {
        const pdp_finding *g = &res->findings[t->order[q]];
        if (g->start > f->end + within) break;
        if ((t->what[t->order[q]] & want) && near(f, g, within) && lines_apart_ok(f, g, lines)) return 1;
    }
    return 0;
}

/* Findings of rules with `tie`: raised when a private person's name or
 * identifier stands near them (a diagnosis about a named patient, not a
 * statistic).  Neighbours are found by position: linear in the findings. */
static void policy_tie(pdp_result *res, const pdp_rules *rules)
{
    tie_index t = { 0 };
    for (size_t i = 0; i < res->nfindings; i++) {
        pdp_finding *f = &res->findings[i];
        const pdp_rule *ru = rules_by_id(rules, f->rule_id);
        if (!ru || !ru->tie_within) continue;
        if (!t.order) tie_index_build(res, &t);
        unsigned want = TIE_PERSON | (ru->tie_any_name ? TIE_NAME : 0);
        if (!person_near(res, &t, i, want, 3 * (uint64_t)ru->tie_within, ru->tie_lines)) continue;
        apply_to_finding(&ru->on_tie, f);
        f->linked = 1;
    }
    tie_index_free(&t);
}

/* The findings of one record: keys[from, to), and what they hold. */
typedef struct rec_group {
    size_t from, to;
    int name, data;
} rec_group;

static void link_group(pdp_result *res, const rec_key *keys, const rec_group *g)
{
    for (size_t k = g->from; k < g->to; k++) {
        pdp_finding *f = &res->findings[keys[k].idx];
        if (!private_name(f) && !personal(f)) continue;
        f->linked = 1;
        f->severity = PDP_SEV_HIGH;
        f->action = PDP_ACT_REDACT;
    }
}

/* A record written over two lines: a line with a private name and no data
 * of its own, then within two lines of text one with data and no name
 * ("๑. นางบัวลอง ศรีวงศ์" / "   เลขประจำตัวประชาชน ...").  Text lines only. */
static void link_next_lines(pdp_result *res, const rec_key *keys, const rec_group *gs, size_t ng)
{
    for (size_t i = 0; i + 1 < ng; i++) {
        const rec_group *g = &gs[i], *h = &gs[i + 1];
        const rec_key *a = &keys[g->from], *b = &keys[h->from];
        if (!g->name || g->data || h->name || !h->data || a->kind != 1 || b->kind != 1 || strcmp(a->a, b->a) ||
            b->b - a->b > 2)
            continue;
        link_group(res, keys, g);
        link_group(res, keys, h);
    }
}

/* Is f of a clause the kind's rule quiets: "category" or "category normalized"? */
static int quieted(const pdp_rule *kind, const pdp_finding *f)
{
    size_t cl = strlen(f->category);
    for (size_t k = 0; k < kind->nquiets; k++) {
        const char *q = kind->quiets[k];
        if (strncmp(q, f->category, cl) || (q[cl] && q[cl] != ' ')) continue;
        if (!q[cl] || !strcmp(q + cl + 1, f->normalized)) return 1;
    }
    return 0;
}

/* A document whose title block gives its kind (rules with `quiets`: a
 * decision of the Official Information Commission, a judgment, an Act,
 * training or policy material, a council's public minutes) quotes or
 * discusses some clauses as a matter of course.  Its findings of those
 * clauses are info unless tied to a person named in it (linked: a diagnosis
 * beside a real name is still high). */
static void policy_document_kind(pdp_result *res, const pdp_rules *rules)
{
    for (size_t i = 0; i < res->nfindings; i++) {
        if (strcmp(res->findings[i].category, "document_kind")) continue;
        const pdp_rule *kind = rules_by_id(rules, res->findings[i].rule_id);
        if (!kind || !kind->nquiets) continue;
        for (size_t j = 0; j < res->nfindings; j++) {
            pdp_finding *f = &res->findings[j];
            if (f->linked || f->severity <= PDP_SEV_INFO || !quieted(kind, f)) continue;
            f->severity = PDP_SEV_INFO;
            f->action = PDP_ACT_NONE;
        }
    }
}

void policy_link(pdp_result *res, const pdp_rules *rules)
{
    policy_tie(res, rules);
    policy_document_kind(res, rules);
    if (res->nfindings < 2) return;
    rec_key *keys = xmalloc(res->nfindings * sizeof *keys);
    rec_group *gs = xmalloc(res->nfindings * sizeof *gs);
    size_t ng = 0;
    for (size_t i = 0; i < res->nfindings; i++) keys[i] = key_of(&res->findings[i], i);
    qsort(keys, res->nfindings, sizeof *keys, cmp_key);
    for (size_t g = 0; g < res->nfindings;) {
        rec_group *r = &gs[ng++];
        *r = (rec_group){ g, g + 1, 0, 0 };
        while (r->to < res->nfindings && same_record(&keys[g], &keys[r->to])) r->to++;
        for (size_t k = g; k < r->to; k++) {
            r->name |= private_name(&res->findings[keys[k].idx]);
            r->data |= personal(&res->findings[keys[k].idx]);
        }
        if (r->name && r->data) link_group(res, keys, r);
        g = r->to;
    }
    link_next_lines(res, keys, gs, ng);
    free(gs);
    free(keys);
}
