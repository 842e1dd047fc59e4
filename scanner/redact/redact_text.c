/* redact_text.c — redacted copies of text, CSV and HTML, in the charset
 * they came in (a TIS-620 page stays TIS-620) and otherwise byte for byte.
 *
 * A file in another charset than UTF-8 is read into UTF-8, rewritten, and
 * written back in its charset.  That is only done when the round trip of
 * the original gives its bytes back exactly (a NUL, or a byte the charset
 * does not define, would not): else the copy is refused rather than
 * changed elsewhere.  A byte-order mark stays.
 *
 * Text and CSV: each finding's offsets in the text read are offsets in the
 * file's text, so exactly the findings are replaced.  HTML: the text read
 * is not the page's source, so each value is replaced wherever it stands
 * in the source — text, attribute values, comments, scripts
 * (redact_pieces) — in each form a page writes it: as is, as a script's
 * \uXXXX escapes, as numeric character references, and a number with any
 * separators between its digits, Thai or ASCII. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "../extract/extract.h"
#include "../util/utf8.h"

/* The charset of res ("windows-874 (declared UTF-16)" -> "windows-874"). */
static char *charset_of(const pdp_result *res)
{
    const char *e = res->encoding ? res->encoding : "UTF-8";
    return xstrndup(e, strcspn(e, " "));
}

typedef struct decoded {
    size_t bom;
    char *enc;
    char *utf8;  /* the text after the mark, in UTF-8 (heap when converted) */
    size_t len;
    int owned;
} decoded;

/* data as UTF-8, or -1 with *err when it would not go back as it was. */
static int decode(const pdp_result *res, const unsigned char *data, size_t len, decoded *d, char **err)
{
    memset(d, 0, sizeof *d);
    text_detect_encoding(data, len, 1, &d->bom);
    d->enc = charset_of(res);
    if (!strcmp(d->enc, "UTF-8")) {
        d->utf8 = (char *)data + d->bom;
        d->len = len - d->bom;
        return 0;
    }
    d->utf8 = text_to_utf8(data + d->bom, len - d->bom, d->enc, &d->len);
    d->owned = 1;
    size_t back_len = 0;
    char *back = d->utf8 ? text_from_utf8(d->utf8, d->len, d->enc, &back_len) : NULL;
    int same = back && back_len == len - d->bom && !memcmp(back, data + d->bom, back_len);
    free(back);
    if (!same) {
        *err = xasprintf("its %s does not read back byte for byte (NULs or undefined bytes): no copy", d->enc);
        return -1;
    }
    return 0;
}

static void decoded_free(decoded *d)
{
    if (d->owned) free(d->utf8);
    free(d->enc);
}

/* The copy: the mark, then text (UTF-8) in the file's charset; the view
 * searched is the UTF-8 text. */
static int encode(const decoded *d, const unsigned char *data, buf *text, redact_copy *c, char **err)
{
    buf_append(&c->data, data, d->bom);
    if (!strcmp(d->enc, "UTF-8")) {
        buf_append(&c->data, text->data ? text->data : "", text->len);
        return 0;
    }
    size_t n;
    char *back = text_from_utf8(text->data ? text->data : "", text->len, d->enc, &n);
    if (!back) {
        *err = xasprintf("the copy cannot be written in %s", d->enc);
        return -1;
    }
    buf_append(&c->data, back, n);
    free(back);
    c->view = *text;
    buf_init(text);
    return 0;
}

/* The text with each of v's findings in it replaced by its suggestion (in
 * order, not overlapping: the scan resolved overlaps). */
static void rewrite_by_offsets(const pdp_result *res, const redact_values *v, const char *text, size_t len, buf *out)
{
    uint64_t at = 0;
    for (size_t i = 0; i < v->n; i++) {
        const pdp_finding *f = v->f[i];
        if (!redact_own(res, f) || f->start < at || f->end > len) continue;
        buf_append(out, text + at, (size_t)(f->start - at));
        buf_puts(out, f->suggestion && *f->suggestion ? f->suggestion : "[REDACTED]");
        at = f->end;
    }
    buf_append(out, text + at, len - (size_t)at);
}

int redact_text(const pdp_result *res, const redact_values *v, const unsigned char *data, size_t len, redact_copy *c,
                char **err)
{
    decoded d;
    int rc = -1;
    if (decode(res, data, len, &d, err) == 0) {
        buf out;
        buf_init(&out);
        rewrite_by_offsets(res, v, d.utf8, d.len, &out);
        rc = encode(&d, data, &out, c, err);
        buf_free(&out);
    }
    decoded_free(&d);
    return rc;
}

/* src with every piece replaced by its label, longest first. */
static void replace_pieces(const char *src, size_t len, const office_value *p, size_t n, buf *out)
{
    buf cur;
    buf_init(&cur);
    buf_append(&cur, src, len);
    for (size_t i = 0; i < n; i++) {
        size_t vl = strlen(p[i].value);
        if (!cur.data || !memmem(cur.data, cur.len, p[i].value, vl)) continue;
        buf next;
        buf_init(&next);
        const char *at = cur.data, *end = cur.data + cur.len, *hit;
        while ((hit = memmem(at, (size_t)(end - at), p[i].value, vl))) {
            buf_append(&next, at, (size_t)(hit - at));
            buf_puts(&next, p[i].label);
            at = hit + vl;
        }
        buf_append(&next, at, (size_t)(end - at));
        buf_free(&cur);
        cur = next;
    }
    buf_append(out, cur.data ? cur.data : "", cur.len);
    buf_free(&cur);
}

/* value with every character beyond ASCII written by fmt ("\\u%04x",
 * "&#%u;"), or NULL when it has none (heap). */
static char *escaped(const char *value, const char *fmt)
{
    buf b;
    buf_init(&b);
    int any = 0;
    for (const unsigned char *p = (const unsigned char *)value; *p;) {
        uint32_t c;
        size_t k = utf8_decode(p, strlen((const char *)p), &c);
        if (!k) break;
        if (c < 0x80) buf_putc(&b, (char)c);
        else buf_printf(&b, fmt, (unsigned)c), any = 1;
        p += k;
    }
    if (!any) {
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b);
}

/* The pieces with their escaped forms added (values heap), longest first. */
static size_t with_escapes(office_value **pieces, size_t n)
{
    static const char *const forms[] = { "\\u%04x", "\\u%04X", "&#%u;", "&#x%x;", "&#x%X;" };
    size_t all = n;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
            char *e = escaped((*pieces)[i].value, forms[k]);
            if (!e) continue;
            *pieces = xrealloc(*pieces, (all + 1) * sizeof **pieces);
            (*pieces)[all++] = (office_value){ e, (*pieces)[i].label };
        }
    if (all) qsort(*pieces, all, sizeof **pieces, redact_longest_first);
    return all;
}

/* The digit of a number at s (ASCII or Thai) into *d: its length, or 0. */
static size_t digit_at(const char *s, const char *end, int *d)
{
    if (s < end && *s >= '0' && *s <= '9') return *d = *s - '0', 1;
    if (end - s >= 3 && (unsigned char)s[0] == 0xE0 && (unsigned char)s[1] == 0xB9 && (unsigned char)s[2] >= 0x90 &&
        (unsigned char)s[2] <= 0x99)
        return *d = (unsigned char)s[2] - 0x90, 3;
    return 0;
}

/* Length of the written form at s of the number digits (separators ' ',
 * '-', '.', '/' allowed between its digits, no digit either side), or 0. */
static size_t number_at(const char *s, const char *end, const char *start, const char *digits)
{
    int d;
    if (s > start && (digit_at(s - 1, end, &d) || (s - start >= 3 && digit_at(s - 3, end, &d) == 3))) return 0;
    const char *p = s;
    for (const char *q = digits; *q; q++) {
        if (q != digits)
            while (p < end && (*p == ' ' || *p == '-' || *p == '.' || *p == '/')) p++;
        size_t k = digit_at(p, end, &d);
        if (!k || d != *q - '0') return 0;
        p += k;
    }
    return digit_at(p, end, &d) ? 0 : (size_t)(p - s);
}

/* Every written form of each piece that is a number, replaced. */
static void replace_numbers(buf *text, const office_value *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char digits[64];
        size_t nd = 0;
        int d;
        for (const char *s = p[i].value, *e = s + strlen(s); s < e && nd < sizeof digits - 1;) {
            size_t k = digit_at(s, e, &d);
            if (k) digits[nd++] = (char)('0' + d), s += k;
            else s++;
        }
        digits[nd] = 0;
        if (nd < 6) continue;
        buf out;
        buf_init(&out);
        const char *s = text->data ? text->data : "", *end = s + text->len, *at = s;
        for (const char *q = s; q < end; q++) {
            size_t k = number_at(q, end, s, digits);
            if (!k) continue;
            buf_append(&out, at, (size_t)(q - at));
            buf_puts(&out, p[i].label);
            at = q + k;
            q = at - 1;
        }
        buf_append(&out, at, (size_t)(end - at));
        buf_free(text);
        *text = out;
    }
}

int redact_html(const pdp_result *res, const redact_values *v, const unsigned char *data, size_t len, redact_copy *c,
                char **err)
{
    for (size_t i = 0; i < v->n; i++)
        if (!redact_own(res, v->f[i])) {
            *err = xasprintf("a document linked into it holds a %s to redact: not written yet", v->f[i]->category);
            return -1;
        }
    decoded d;
    int rc = -1;
    if (decode(res, data, len, &d, err) == 0) {
        office_value *pieces;
        size_t n = redact_pieces(v, &pieces), all = with_escapes(&pieces, n);
        buf out;
        buf_init(&out);
        replace_pieces(d.utf8, d.len, pieces, all, &out);
        replace_numbers(&out, pieces, all);
        rc = encode(&d, data, &out, c, err);
        buf_free(&out);
        redact_pieces_free(pieces, all);
    }
    decoded_free(&d);
    return rc;
}
