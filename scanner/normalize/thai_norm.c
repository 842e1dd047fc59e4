/* thai_norm.c — the Thai text normalizer (see normalize.h).
 *
 * One forward pass over valid UTF-8.  Text that needs no repair, and runs of
 * Thai digits, go through the fast path (fast_path.h) in 32- or 64-byte blocks;
 * at the rest, each step reads the code point at the cursor (after mapping
 * PUA and Lao look-alikes in Thai context), tries the repairs below in
 * order, emits the result and records any change of length in the offset
 * map.  Repairs (THAI-REFERENCE.md section 3):
 *   - Thai, Lao and full-width digits -> ASCII digits
 *   - U+200B..U+200D, U+2060, U+FEFF, U+00AD removed
 *   - Unicode dashes -> '-', no-break and wide spaces -> ' '
 *   - PUA glyphs of old Thai fonts (Windows F700.., Mac F884..) -> Thai,
 *     Lao look-alike letters -> Thai, both only next to Thai text
 *   - a space before a combining Thai mark removed
 *   - เ เ -> แ; NIKHAHIT [tone] AA -> [tone] SARA AM; SARA AM AA -> SARA AM
 *   - tone before an above/below vowel -> swapped; ะ า ำ ๅ before a tone ->
 *     swapped; ๅ not after ฤ/ฦ -> า */
#include "normalize.h"

#include <string.h>

#include "../util/utf8.h"
#include "fast_path.h"
#include "../include/pdpascan.h"

typedef struct cpinfo {
    uint32_t cp;  /* after look-alike mapping */
    size_t len;   /* source bytes */
} cpinfo;

static const uint16_t pua_win[0x1B] = {
    0x0E10, 0x0E34, 0x0E35, 0x0E36, 0x0E37, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B,
    0x0E4C, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E0D, 0x0E31, 0x0E4D,
    0x0E47, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E38, 0x0E39, 0x0E3A,
};

/* Mac PUA F884..F89E */
static const uint16_t pua_mac[0x1B] = {
    0x0E31, 0x0E34, 0x0E35, 0x0E36, 0x0E37, 0x0E47, 0x0E48, 0x0E48, 0x0E48,
    0x0E49, 0x0E49, 0x0E49, 0x0E4A, 0x0E4A, 0x0E4A, 0x0E4B, 0x0E4B, 0x0E4B,
    0x0E4C, 0x0E4C, 0x0E4C, 0x0E4D, 0x0E0D, 0x0E38, 0x0E39, 0x0E3A, 0x0E10,
};

/* Thai code point for a PUA or Lao look-alike, or 0. */
static uint32_t lookalike(uint32_t cp)
{
    if (cp >= 0xF700 && cp <= 0xF71A) return pua_win[cp - 0xF700];
    if (cp >= 0xF884 && cp <= 0xF89E) return pua_mac[cp - 0xF884];
    if (cp >= 0x0E81 && cp <= 0x0ECD) {
        /* The Lao block was laid out after the Thai one, 0x80 further on. */
        uint32_t t = cp - 0x80;
        if (t <= 0x0E3A || (t >= 0x0E40 && t <= 0x0E4D)) return t;
    }
    return 0;
}

static uint32_t raw_cp(const unsigned char *s, size_t len, size_t i, size_t *l)
{
    uint32_t cp = 0;
    *l = utf8_decode(s + i, len - i, &cp);
    if (!*l) { /* not valid: treat the byte as opaque */
        *l = 1;
        return 0xFFFD;
    }
    return cp;
}

/* Does the run of look-alikes holding [i, i+l) touch a real Thai letter on
 * either side?  (Pure Lao text, or a PUA code alone, is left as it is.) */
static int run_touches_thai(const unsigned char *s, size_t len, size_t i, size_t l)
{
    size_t j = i + l, k, cl;
    for (k = 0; k < 16 && j < len; k++, j += cl) {
        uint32_t cp = raw_cp(s, len, j, &cl);
        if (cp_is_thai(cp)) return 1;
        if (!lookalike(cp)) break;
    }
    j = i;
    for (k = 0; k < 16 && j > 0; k++) {
        size_t p = utf8_floor((const char *)s, j - 1);
        uint32_t cp = raw_cp(s, len, p, &cl);
        if (cp_is_thai(cp)) return 1;
        if (!lookalike(cp)) break;
        j = p;
    }
    return 0;
}

/* Code point at i with look-alikes mapped when they stand in Thai text. */
static cpinfo cp_at(const unsigned char *s, size_t len, size_t i)
{
    cpinfo c = { 0, 0 };
    if (i >= len) return c;
    c.cp = raw_cp(s, len, i, &c.len);
    uint32_t t = lookalike(c.cp);
    if (t && run_touches_thai(s, len, i, c.len)) c.cp = t;
    return c;
}

static int is_tone(uint32_t cp) { return cp >= 0x0E48 && cp <= 0x0E4B; }
static int is_above_below(uint32_t cp) { return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A); }
static int is_trailing_vowel(uint32_t cp)
{
    return cp == 0x0E30 || cp == 0x0E32 || cp == 0x0E33 || cp == 0x0E45;
}
static int is_deletable(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD;
}
static int is_dash(uint32_t cp)
{
    return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63 || cp == 0xFF0D;
}
static int is_space(uint32_t cp)
{
    return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x3000;
}
/* ASCII digit for Thai, Lao and full-width digits, or -1. */
static int digit_value(uint32_t cp)
{
    if (cp >= 0x0E50 && cp <= 0x0E59) return (int)(cp - 0x0E50);
    if (cp >= 0x0ED0 && cp <= 0x0ED9) return (int)(cp - 0x0ED0);
    if (cp >= 0xFF10 && cp <= 0xFF19) return (int)(cp - 0xFF10);
    return -1;
}

typedef struct nstate {
    const unsigned char *s;
    size_t len;
    buf *out;
    offmap *map;
    uint32_t prev; /* last code point emitted */
} nstate;

static void emit(nstate *st, uint32_t cp)
{
    char tmp[4];
    buf_append(st->out, tmp, utf8_encode(cp, tmp));
    st->prev = cp;
}

/* Emit cps as the replacement of source bytes [r, r+rl). */
static void emit_span(nstate *st, size_t r, size_t rl, const uint32_t *cps, int n)
{
    size_t n0 = st->out->len;
    for (int k = 0; k < n; k++) emit(st, cps[k]);
    size_t nl = st->out->len - n0;
    if (nl != rl) offmap_add(st->map, n0, r, (uint32_t)nl, (uint32_t)rl);
}

/* Try the Thai mark repairs at i; returns source bytes consumed or 0. */
static size_t repair_thai(nstate *st, size_t i, cpinfo a)
{
    cpinfo b = cp_at(st->s, st->len, i + a.len);
    cpinfo c = b.len ? cp_at(st->s, st->len, i + a.len + b.len) : (cpinfo){ 0, 0 };
    size_t ab = a.len + b.len;
    if (a.cp == 0x0E40 && b.cp == 0x0E40) {
        emit_span(st, i, ab, (uint32_t[]){ 0x0E41 }, 1);
        return ab;
    }
    if (a.cp == 0x0E4D && b.cp == 0x0E32) {
        emit_span(st, i, ab, (uint32_t[]){ 0x0E33 }, 1);
        return ab;
    }
    if (a.cp == 0x0E4D && is_tone(b.cp) && c.cp == 0x0E32) {
        emit_span(st, i, ab + c.len, (uint32_t[]){ b.cp, 0x0E33 }, 2);
        return ab + c.len;
    }
    if (is_tone(a.cp) && b.cp == 0x0E4D && c.cp == 0x0E32) {
        emit_span(st, i, ab + c.len, (uint32_t[]){ a.cp, 0x0E33 }, 2);
        return ab + c.len;
    }
    if (a.cp == 0x0E33 && b.cp == 0x0E32) {
        emit_span(st, i, ab, (uint32_t[]){ 0x0E33 }, 1);
        return ab;
    }
    if ((is_tone(a.cp) && is_above_below(b.cp)) || (is_trailing_vowel(a.cp) && is_tone(b.cp))) {
        uint32_t v = b.cp == 0x0E45 ? 0x0E32 : b.cp, w = a.cp == 0x0E45 ? 0x0E32 : a.cp;
        emit_span(st, i, ab, (uint32_t[]){ v, w }, 2);
        return ab;
    }
    if (a.cp == 0x0E45 && st->prev != 0x0E24 && st->prev != 0x0E26) {
        emit_span(st, i, a.len, (uint32_t[]){ 0x0E32 }, 1);
        return a.len;
    }
    return 0;
}

/* Handle the code point at i; returns the source bytes consumed. */
static size_t step(nstate *st, size_t i)
{
    const unsigned char *s = st->s;
    if (s[i] < 0x80) {
        if (s[i] == ' ' && cp_is_thai(st->prev)) {
            cpinfo nx = cp_at(s, st->len, i + 1);
            if (nx.len && cp_is_thai_combining(nx.cp)) {
                offmap_add(st->map, st->out->len, i, 0, 1);
                return 1;
            }
        }
        buf_putc(st->out, (char)s[i]);
        st->prev = s[i];
        return 1;
    }
    cpinfo a = cp_at(s, st->len, i);
    int d = digit_value(a.cp);
    if (d >= 0) {
        emit_span(st, i, a.len, (uint32_t[]){ (uint32_t)('0' + d) }, 1);
        return a.len;
    }
    if (is_deletable(a.cp)) {
        offmap_add(st->map, st->out->len, i, 0, (uint32_t)a.len);
        return a.len;
    }
    if (is_dash(a.cp) || is_space(a.cp)) {
        emit_span(st, i, a.len, (uint32_t[]){ is_dash(a.cp) ? '-' : ' ' }, 1);
        return a.len;
    }
    if (cp_is_thai(a.cp)) {
        size_t used = repair_thai(st, i, a);
        if (used) return used;
    }
    emit_span(st, i, a.len, &a.cp, 1);
    return a.len;
}

/* The code point that ends at s[j] (j > 0). */
static uint32_t last_cp(const unsigned char *s, size_t len, size_t j)
{
    if (s[j - 1] < 0x80) return s[j - 1];
    if (j >= 3 && s[j - 3] == 0xE0 && (s[j - 2] & 0xFE) == 0xB8) return 0x0E00 | ((s[j - 2] & 1u) << 6) | (s[j - 1] & 0x3Fu);
    size_t l;
    return raw_cp(s, len, utf8_floor((const char *)s, j - 1), &l);
}

void thai_normalize(const char *src, size_t len, buf *out, offmap *map)
{
    buf_clear(out);
    buf_reserve(out, len);
    offmap_clear(map);
    const unsigned char *s = (const unsigned char *)src;
    nstate st = { s, len, out, map, 0 };
    fast_path_way way = fast_path_best();
    size_t i = 0;
    while (i < len) {
        size_t j = fast_path_copy_by(s, len, i, out, map, way);
        if (j > i) {
            st.prev = last_cp((const unsigned char *)out->data, out->len, out->len); /* (a digit: as written) */
            i = j;
            if (i >= len) break;
        }
        i += step(&st, i);
    }
}

char *pdp_normalize(const char *text, size_t len, size_t *out_len)
{
    buf out;
    offmap map;
    buf_init(&out);
    offmap_init(&map);
    thai_normalize(text ? text : "", text ? len : 0, &out, &map);
    offmap_free(&map);
    if (out_len) *out_len = out.len;
    char *s = buf_steal(&out);
    return s ? s : xstrdup("");
}
