/* policy.c — context effects, overlaps and fingerprints (see policy.h). */
#include "policy.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static void apply(const ctx_effect *e, verdict *v)
{
    if (e->category) v->category = e->category;
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
    v->confidence = ru->confidence;
    v->msg_th = ru->msg_th;
    v->msg_en = ru->msg_en;
    int neg = c->neg_dist >= 0 && (c->pos_dist < 0 || c->neg_dist < c->pos_dist);
    if (neg) apply(&ru->on_neg, v);
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

void policy_resolve_overlaps(cand_vec *cv)
{
    if (cv->len < 2) return;
    qsort(cv->v, cv->len, sizeof *cv->v, cmp_start);
    size_t kept = 0;
    for (size_t i = 0; i < cv->len; i++) {
        candidate *c = &cv->v[i];
        if (kept && c->rs < cv->v[kept - 1].re) {
            candidate *last = &cv->v[kept - 1];
            if (stronger(c, last)) {
                free(last->normalized);
                *last = *c;
            } else {
                free(c->normalized);
            }
            continue;
        }
        cv->v[kept++] = *c;
    }
    cv->len = kept;
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
void policy_fingerprint(const char *rule_id, const char *normalized, char out[17])
{
    const char *key = getenv("PDPASCAN_FINGERPRINT_KEY");
    if (!key || !*key) key = "pdpascan-fingerprint-v1";
    size_t a = strlen(rule_id), b = strlen(normalized);
    char *data = xmalloc(a + b + 1);
    memcpy(data, rule_id, a);
    data[a] = 0;
    memcpy(data + a + 1, normalized, b);
    gchar *hex = g_compute_hmac_for_data(G_CHECKSUM_SHA256, (const guchar *)key, strlen(key),
                                         (const guchar *)data, a + b + 1);
    memcpy(out, hex, 16);
    out[16] = 0;
    g_free(hex);
    free(data);
}
