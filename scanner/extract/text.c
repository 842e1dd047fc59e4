/* text.c — plain text in UTF-8, UTF-16/32 or legacy Thai encodings.
 *
 * The encoding is decided from the first 64 KiB: a byte-order mark; NULs in
 * every other byte (UTF-16 without a mark); valid UTF-8; otherwise bytes in
 * the Thai range of TIS-620 / windows-874.  UTF-8 goes to the scan as it
 * is (docscan_text turns an invalid byte into U+FFFD and a NUL into a
 * space), a sequence cut by a chunk's end held back for the next; everything
 * else goes through an ICU converter.  Either way the file is read in
 * chunks. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "../util/buf.h"
#include "../util/icu.h"
#include "../util/utf8.h"

#define READ_CHUNK (256 * 1024)

static int thai_byte(unsigned char c) { return (c >= 0xA1 && c <= 0xDA) || (c >= 0xDF && c <= 0xFB); }

const char *text_detect_encoding(const unsigned char *h, size_t n, int complete, size_t *bom)
{
    *bom = 0;
    if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF) return *bom = 3, "UTF-8";
    if (n >= 4 && h[0] == 0xFF && h[1] == 0xFE && h[2] == 0 && h[3] == 0) return *bom = 4, "UTF-32LE";
    if (n >= 4 && h[0] == 0 && h[1] == 0 && h[2] == 0xFE && h[3] == 0xFF) return *bom = 4, "UTF-32BE";
    if (n >= 2 && h[0] == 0xFF && h[1] == 0xFE) return *bom = 2, "UTF-16LE";
    if (n >= 2 && h[0] == 0xFE && h[1] == 0xFF) return *bom = 2, "UTF-16BE";
    size_t probe = n < 8192 ? n : 8192, nul_even = 0, nul_odd = 0;
    for (size_t i = 0; i < probe; i++) {
        if (h[i]) continue;
        if (i % 2) nul_odd++;
        else nul_even++;
    }
    if (nul_odd > probe / 4 && nul_even < probe / 40) return "UTF-16LE";
    if (nul_even > probe / 4 && nul_odd < probe / 40) return "UTF-16BE";
    int incomplete;
    size_t ok = utf8_valid_prefix(h, n, &incomplete);
    if (ok == n || (incomplete && !complete)) return "UTF-8";
    size_t high = 0, thai = 0;
    for (size_t i = 0; i < n; i++)
        if (h[i] >= 0x80) {
            high++;
            thai += thai_byte(h[i]);
        }
    if (high && thai * 10 >= high * 8) return "windows-874";
    return "UTF-8";
}

/* UTF-8 decoder state: an incomplete sequence carried between chunks. */
typedef struct u8dec {
    unsigned char carry[4];
    size_t ncarry;
} u8dec;

/* Where decoded text goes: the scan, through the CSV filter when the
 * file is delimited text. */
typedef struct sink {
    docscan *ds;
    csv_filter *csv;
} sink;

/* Give s[0..n) to the scan; docscan_text makes it valid UTF-8 (an
 * invalid byte becomes U+FFFD, a NUL a space). */
static void u8_emit(sink *out, const unsigned char *s, size_t n)
{
    if (!n) return;
    if (out->csv) csv_feed(out->csv, (const char *)s, n, out->ds);
    else docscan_text(out->ds, (const char *)s, n);
}

/* Decode chunk s[0..n) (eof: nothing follows) into the scan. */
static void u8_decode(u8dec *d, const unsigned char *s, size_t n, int eof, sink *out)
{
    unsigned char tmp[8];
    while (d->ncarry && n) { /* finish the carried sequence first */
        d->carry[d->ncarry++] = *s++;
        n--;
        uint32_t cp;
        memcpy(tmp, d->carry, d->ncarry);
        if (utf8_decode(tmp, d->ncarry, &cp) || d->ncarry == 4) {
            u8_emit(out, tmp, d->ncarry);
            d->ncarry = 0;
        } else {
            int inc;
            utf8_valid_prefix(tmp, d->ncarry, &inc);
            if (!inc) {
                u8_emit(out, tmp, d->ncarry);
                d->ncarry = 0;
            }
        }
    }
    int incomplete = 0;
    size_t keep = 0;
    if (!eof && n) {
        /* Hold back a sequence cut by the chunk's end. */
        size_t start = n > 3 ? n - 3 : 0;
        for (size_t i = n; i-- > start;)
            if ((s[i] & 0xC0) != 0x80) {
                size_t want = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC0 ? 2 : 1;
                if (want > n - i) {
                    utf8_valid_prefix(s + i, n - i, &incomplete);
                    if (incomplete) keep = n - i;
                }
                break;
            }
    }
    u8_emit(out, s, n - keep);
    memcpy(d->carry + d->ncarry, s + n - keep, keep);
    d->ncarry += keep;
    if (eof && d->ncarry) {
        u8_emit(out, d->carry, d->ncarry);
        d->ncarry = 0;
    }
}

static void read_failed(pdp_result *res, const source *src)
{
    char *e = xasprintf("read error after %llu bytes: %s", (unsigned long long)src->total, strerror(src->err));
    result_set_status(res, src->total ? PDP_STATUS_PARTIAL : PDP_STATUS_ERROR, e);
    free(e);
}

static void decode_utf8(source *src, size_t bom, sink *ds, pdp_result *res)
{
    unsigned char *in = xmalloc(READ_CHUNK);
    u8dec d = { { 0 }, 0 };
    size_t skip = bom;
    for (;;) {
        ssize_t k = source_read(src, in, READ_CHUNK);
        if (k < 0) read_failed(res, src);
        int eof = k <= 0;
        size_t off = skip < (size_t)(k > 0 ? k : 0) ? skip : (size_t)(k > 0 ? k : 0);
        skip -= off;
        u8_decode(&d, in + off, k > 0 ? (size_t)k - off : 0, eof, ds);
        if (eof || docscan_full(ds->ds)) break;
    }
    free(in);
}

static void nul_to_space(char *s, size_t n)
{
    char *p = s;
    while ((p = memchr(p, 0, (size_t)(s + n - p)))) *p++ = ' ';
}

static void decode_icu(source *src, const char *enc, size_t bom, sink *ds, pdp_result *res)
{
    const char *why = NULL;
    const icu_fns *u = icu_load(&why);
    UErrorCode ec = U_ZERO_ERROR;
    UConverter *from = u ? u->cnv_open(enc, &ec) : NULL, *to = NULL;
    if (u && U_SUCCESS(ec)) to = u->cnv_open("UTF-8", &ec);
    if (!u || U_FAILURE(ec)) {
        char *e = xasprintf("cannot decode %s text: %s", enc, u ? u->error_name(ec) : why);
        result_set_status(res, PDP_STATUS_ERROR, e);
        free(e);
        if (from) u->cnv_close(from);
        return;
    }
    char *in = xmalloc(READ_CHUNK), *out = xmalloc(4 * READ_CHUNK);
    UChar pivot[1024], *psrc = pivot, *ptgt = pivot;
    size_t skip = bom;
    int first = 1;
    for (;;) {
        ssize_t k = source_read(src, in, READ_CHUNK);
        if (k < 0) read_failed(res, src);
        int eof = k <= 0;
        const char *s = in + (skip < (size_t)(k > 0 ? k : 0) ? skip : 0);
        skip = 0;
        const char *slim = in + (k > 0 ? k : 0);
        do {
            char *t = out;
            ec = U_ZERO_ERROR;
            u->cnv_convert_ex(to, from, &t, out + 4 * READ_CHUNK, &s, slim, pivot, &psrc, &ptgt, pivot + 1024, first,
                              eof, &ec);
            first = 0;
            if (t > out) u8_emit(ds, (const unsigned char *)out, (size_t)(t - out));
        } while (ec == U_BUFFER_OVERFLOW_ERROR);
        if (eof || docscan_full(ds->ds)) break;
    }
    free(in);
    free(out);
    u->cnv_close(from);
    u->cnv_close(to);
}

void extract_text(source *src, docscan *ds, pdp_result *res)
{
    size_t n = source_peek(src);
    size_t bom;
    const char *enc = text_detect_encoding(src->head, n, n < SOURCE_HEAD_MAX, &bom);
    res->encoding = xstrdup(enc);
    docscan_piece(ds, &(pdp_location){ .line = 1 });
    int wide = !strncmp(enc, "UTF-16", 6) || !strncmp(enc, "UTF-32", 6);
    csv_filter csv = { wide ? 0 : csv_sniff(src->head + bom, n - bom), 0, 0, 1 };
    if (csv.delim) res->format = "csv";
    sink out = { ds, csv.delim ? &csv : NULL };
    if (strcmp(enc, "UTF-8") == 0) decode_utf8(src, bom, &out, res);
    else decode_icu(src, enc, bom, &out, res);
}

char *text_to_utf8(const unsigned char *data, size_t len, const char *enc, size_t *outlen)
{
    const char *why = NULL;
    const icu_fns *u = icu_load(&why);
    UErrorCode ec = U_ZERO_ERROR;
    if (!u) return NULL;
    UConverter *c = u->cnv_open(enc, &ec);
    if (U_FAILURE(ec)) return NULL;
    u->cnv_close(c);
    size_t cap = len * 3 + 16;
    if (len > ((size_t)1 << 30)) return NULL;
    char *out = xmalloc(cap);
    ec = U_ZERO_ERROR;
    int32_t n = u->cnv_convert("UTF-8", enc, out, (int32_t)cap, (const char *)data, (int32_t)len, &ec);
    if (U_FAILURE(ec) || n < 0) {
        free(out);
        return NULL;
    }
    nul_to_space(out, (size_t)n);
    out[n < (int32_t)cap ? n : (int32_t)cap - 1] = 0;
    *outlen = (size_t)n;
    return out;
}

char *text_from_utf8(const char *utf8, size_t len, const char *enc, size_t *outlen)
{
    const char *why = NULL;
    const icu_fns *u = icu_load(&why);
    if (!u || len > ((size_t)1 << 29)) return NULL;
    size_t cap = 4 * len + 16;
    char *out = xmalloc(cap);
    UErrorCode ec = U_ZERO_ERROR;
    int32_t n = u->cnv_convert(enc, "UTF-8", out, (int32_t)cap, utf8, (int32_t)len, &ec);
    if (U_FAILURE(ec) || n < 0 || (size_t)n >= cap) {
        free(out);
        return NULL;
    }
    out[n] = 0;
    *outlen = (size_t)n;
    return out;
}

const char *text_encoding_name(const char *name)
{
    static const struct {
        const char *alias, *name;
    } names[] = {
        { "utf-8", "UTF-8" },       { "utf8", "UTF-8" },         { "utf-16", "UTF-16" },
        { "utf-16le", "UTF-16LE" }, { "utf-16be", "UTF-16BE" },  { "utf-32", "UTF-32" },
        { "utf-32le", "UTF-32LE" }, { "utf-32be", "UTF-32BE" },  { "windows-874", "windows-874" },
        { "cp874", "windows-874" }, { "x-windows-874", "windows-874" }, { "ms874", "windows-874" },
        { "tis-620", "TIS-620" },   { "tis620", "TIS-620" },     { "iso-8859-11", "ISO-8859-11" },
        { "iso8859-11", "ISO-8859-11" }, { "us-ascii", "US-ASCII" }, { "ascii", "US-ASCII" },
        { "iso-8859-1", "ISO-8859-1" }, { "latin1", "ISO-8859-1" },
    };
    for (size_t i = 0; name && i < sizeof names / sizeof *names; i++)
        if (!strcasecmp(name, names[i].alias)) return names[i].name;
    return name;
}

