/* result_codec.c — a scan result as bytes and back (pdp_result_encode,
 * pdp_result_decode: the result cache and worker processes).  Strings the result borrows from the rules
 * (rule id, law, category, messages, role, format) are written as text and
 * taken back from the loaded rules, or interned; the cache keys every
 * entry by the rule set's version, so a rule named in an entry exists. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "docscan.h"
#include "../detect/rules.h"
#include "../util/buf.h"

static void put_u64(buf *b, uint64_t v) { buf_append(b, &v, sizeof v); }

static void put_str(buf *b, const char *s)
{
    uint32_t n = s ? (uint32_t)strlen(s) : UINT32_MAX;
    buf_append(b, &n, sizeof n);
    if (s) buf_append(b, s, n);
}

static void put_location(buf *b, const pdp_location *l)
{
    put_u64(b, (uint64_t)l->line);
    put_u64(b, (uint64_t)l->page);
    put_u64(b, (uint64_t)(l->has_bbox | l->hidden << 1));
    buf_append(b, l->bbox, sizeof l->bbox);
    put_str(b, l->part);
    put_str(b, l->sheet);
    put_str(b, l->cell);
}

static void encode(const pdp_result *r, buf *b)
{
    put_str(b, r->format);
    put_str(b, r->encoding);
    put_u64(b, (uint64_t)r->status);
    put_str(b, r->error);
    put_u64(b, r->bytes);
    put_u64(b, (uint64_t)r->pages);
    put_u64(b, r->suppressed);
    put_u64(b, r->nfindings);
    for (size_t i = 0; i < r->nfindings; i++) {
        const pdp_finding *f = &r->findings[i];
        put_str(b, f->rule_id);
        put_str(b, f->category);
        put_u64(b, (uint64_t)f->severity | (uint64_t)f->action << 8 | (uint64_t)f->linked << 16);
        buf_append(b, &f->confidence, sizeof f->confidence);
        put_str(b, f->match);
        put_str(b, f->normalized);
        put_str(b, f->suggestion);
        put_str(b, f->before);
        put_str(b, f->after);
        put_u64(b, f->start);
        put_u64(b, f->end);
        put_location(b, &f->loc);
        put_str(b, f->message_th);
        put_str(b, f->message_en);
        put_str(b, f->fingerprint);
        put_str(b, f->role);
        put_str(b, f->row_label);
        put_str(b, f->column);
        put_u64(b, f->nlines);
        buf_append(b, f->lines, f->nlines * sizeof *f->lines);
    }
    put_u64(b, r->nchildren);
    /* members by their name inside this document, so that a cached
     * result read back under another name names its members after it */
    size_t own = strlen(r->file);
    const char *shown = r->shown_file ? r->shown_file : r->file;
    size_t own_shown = strlen(shown);
    for (size_t i = 0; i < r->nchildren; i++) {
        const pdp_result *c = &r->children[i];
        const char *cf = c->file, *cs = c->shown_file;
        put_str(b, !strncmp(cf, r->file, own) && !strncmp(cf + own, "!/", 2) ? cf + own + 2 : cf);
        /* its shown name likewise: the part after the parent's shown one */
        put_str(b, cs && !strncmp(cs, shown, own_shown) && !strncmp(cs + own_shown, "!/", 2) ? cs + own_shown + 2 : cs);
        encode(c, b);
    }
}

typedef struct reader {
    const unsigned char *p, *end;
    int bad;
} reader;

static uint64_t get_u64(reader *rd)
{
    uint64_t v = 0;
    if ((size_t)(rd->end - rd->p) < sizeof v) rd->bad = 1;
    else memcpy(&v, rd->p, sizeof v), rd->p += sizeof v;
    return v;
}

/* A heap copy, or NULL (as written). */
static char *get_str(reader *rd)
{
    uint32_t n = 0;
    if ((size_t)(rd->end - rd->p) < sizeof n) {
        rd->bad = 1;
        return NULL;
    }
    memcpy(&n, rd->p, sizeof n);
    rd->p += sizeof n;
    if (n == UINT32_MAX) return NULL;
    if ((size_t)(rd->end - rd->p) < n) {
        rd->bad = 1;
        return NULL;
    }
    char *s = xstrndup((const char *)rd->p, n);
    rd->p += n;
    return s;
}

/* An interned copy (lives as long as the program), or NULL. */
static const char *get_interned(reader *rd)
{
    char *s = get_str(rd);
    const char *i = s ? g_intern_string(s) : NULL;
    free(s);
    return i;
}

static void get_location(reader *rd, pdp_location *l)
{
    l->line = (long)get_u64(rd);
    l->page = (int)get_u64(rd);
    uint64_t flags = get_u64(rd);
    l->has_bbox = flags & 1;
    l->hidden = (flags >> 1) & 1;
    if ((size_t)(rd->end - rd->p) < sizeof l->bbox) rd->bad = 1;
    else memcpy(l->bbox, rd->p, sizeof l->bbox), rd->p += sizeof l->bbox;
    l->part = get_str(rd);
    l->sheet = get_str(rd);
    l->cell = get_str(rd);
}

static void get_finding(reader *rd, const pdp_rules *rules, pdp_finding *f)
{
    memset(f, 0, sizeof *f);
    const char *id = get_interned(rd);
    const pdp_rule *ru = id ? rules_by_id(rules, id) : NULL;
    f->rule_id = ru ? ru->id : id ? id : "?";
    f->category = get_interned(rd);
    uint64_t sa = get_u64(rd);
    f->severity = (pdp_severity)(sa & 0xFF);
    f->action = (pdp_action)((sa >> 8) & 0xFF);
    f->linked = (int)((sa >> 16) & 1);
    if ((size_t)(rd->end - rd->p) < sizeof f->confidence) rd->bad = 1;
    else memcpy(&f->confidence, rd->p, sizeof f->confidence), rd->p += sizeof f->confidence;
    f->match = get_str(rd);
    f->normalized = get_str(rd);
    f->suggestion = get_str(rd);
    f->before = get_str(rd);
    f->after = get_str(rd);
    f->start = get_u64(rd);
    f->end = get_u64(rd);
    get_location(rd, &f->loc);
    f->message_th = get_interned(rd);
    f->message_en = get_interned(rd);
    char *fp = get_str(rd);
    snprintf(f->fingerprint, sizeof f->fingerprint, "%s", fp ? fp : "");
    free(fp);
    f->role = get_interned(rd);
    f->row_label = get_str(rd);
    f->column = get_str(rd);
    uint64_t nl = get_u64(rd);
    if (nl && !rd->bad && nl <= (uint64_t)(rd->end - rd->p) / sizeof *f->lines) {
        f->lines = xmalloc((size_t)nl * sizeof *f->lines);
        memcpy(f->lines, rd->p, (size_t)nl * sizeof *f->lines);
        rd->p += nl * sizeof *f->lines;
        f->nlines = (size_t)nl;
    } else if (nl) {
        rd->bad = 1;
    }
    if (ru) {
        f->law = (const char *const *)ru->law;
        f->nlaw = ru->nlaw;
    }
    if (!f->match) f->match = xstrdup("");
    if (!f->normalized) f->normalized = xstrdup("");
    if (!f->suggestion) f->suggestion = xstrdup("");
    if (!f->category) f->category = "?";
}

static void decode(reader *rd, const pdp_rules *rules, pdp_result *r, const char *name)
{
    r->file = xstrdup(name);
    r->format = get_interned(rd);
    r->encoding = get_str(rd);
    r->status = (pdp_status)get_u64(rd);
    r->error = get_str(rd);
    r->bytes = get_u64(rd);
    r->pages = (int)get_u64(rd);
    r->suppressed = get_u64(rd);
    uint64_t n = get_u64(rd);
    if (rd->bad || n > (uint64_t)(rd->end - rd->p)) {
        rd->bad = 1;
        return;
    }
    r->findings = xcalloc(findings_room(n), sizeof *r->findings);
    for (; r->nfindings < n && !rd->bad; r->nfindings++) get_finding(rd, rules, &r->findings[r->nfindings]);
    uint64_t nc = get_u64(rd);
    if (rd->bad || nc > (uint64_t)(rd->end - rd->p)) {
        rd->bad = 1;
        return;
    }
    r->children = xcalloc(nc ? nc : 1, sizeof *r->children);
    for (; r->nchildren < nc && !rd->bad; r->nchildren++) {
        pdp_result *c = &r->children[r->nchildren];
        char *rel = get_str(rd), *cname = xasprintf("%s!/%s", name, rel ? rel : "?"), *shown_rel = get_str(rd);
        decode(rd, rules, c, cname);
        if (shown_rel || r->shown_file)
            c->shown_file = xasprintf("%s!/%s", r->shown_file ? r->shown_file : name, shown_rel ? shown_rel : rel ? rel : "?");
        free(rel);
        free(shown_rel);
        free(cname);
    }
}

unsigned pdp_result_encoding(void) { return RESULT_CODEC_VERSION; }

void *pdp_result_encode(const pdp_result *res, size_t *len)
{
    buf b;
    buf_init(&b);
    encode(res, &b);
    *len = b.len;
    return b.data ? b.data : xstrdup(""); /* owned by the caller from here */
}

int pdp_result_decode(const pdp_rules *rules, const void *data, size_t len, const char *name, pdp_result *r)
{
    memset(r, 0, sizeof *r);
    reader rd = { data, (const unsigned char *)data + len, 0 };
    decode(&rd, rules, r, name);
    if (!r->format) r->format = "?";
    if (rd.bad || rd.p != rd.end) {
        pdp_result_free(r);
        return -1;
    }
    return 0;
}
