/* validators.c — the checks a pattern alone cannot make.
 *
 * A rule in patterns/ names its validator; each gets the matched text (already
 * normalized: ASCII digits) and writes the canonical value.  Facts from
 * THAI-REFERENCE.md sections 1, 2 and 6. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* ASCII digits of s into out (at most max); returns the count, or max+1
 * when there are more. */
static size_t digits_of(const char *s, size_t n, char *out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9') {
            if (k == max) return max + 1;
            out[k++] = s[i];
        }
    return k;
}

/* Thai 13-digit ID check digit (reference section 1). */
static int thai_id_checksum_ok(const char *d)
{
    int sum = 0;
    for (int i = 0; i < 12; i++) sum += (d[i] - '0') * (13 - i);
    return (11 - sum % 11) % 10 == d[12] - '0';
}

static int all_same(const char *d, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (d[i] != d[0]) return 0;
    return 1;
}

/* 13 digits, valid check digit, not all the same; first digit in [lo, hi]. */
static int thai_id(const char *s, size_t n, buf *norm, char lo, char hi)
{
    char d[13];
    if (digits_of(s, n, d, 13) != 13) return 0;
    if (d[0] < lo || d[0] > hi || all_same(d, 13) || !thai_id_checksum_ok(d)) return 0;
    if (d[0] != '0' && d[1] == '0' && d[2] == '0') return 0; /* province never 00 */
    buf_append(norm, d, 13);
    return 1;
}

static int v_thai_id_person(const char *s, size_t n, buf *norm) { return thai_id(s, n, norm, '1', '8'); }
static int v_thai_id_zero(const char *s, size_t n, buf *norm) { return thai_id(s, n, norm, '0', '0'); }

/* OCR's misreadings of Thai digits with Tesseract's Thai model (measured,
 * THAI-REFERENCE.md: ๔ read as ๕, ๖ as ๒, ๗ as ๓, ๘ and ๙ as ๕): for a digit
 * read, the digits it may have been.  Thai digits are ASCII here. */
static const char *misread_as(char c)
{
    switch (c) {
    case '5': return "5489";
    case '2': return "26";
    case '3': return "37";
    default: return NULL;
    }
}

#define MAX_REPAIRS 4096 /* readings tried; more confusable digits: not repaired */

/* The readings of d (13 digits) its confusable digits allow, from position
 * i on: how many have a valid check digit (counted up to 2), the first in
 * *found; *tried counts the readings. */
static int repairs(char *d, int i, char *found, int *tried)
{
    if (i == 13) {
        ++*tried;
        if (d[0] < '1' || d[0] > '8' || !thai_id_checksum_ok(d)) return 0;
        memcpy(found, d, 13);
        return 1;
    }
    const char *alt = misread_as(d[i]);
    if (!alt) return repairs(d, i + 1, found, tried);
    char was = d[i];
    int n = 0;
    for (; *alt && n < 2 && *tried < MAX_REPAIRS; alt++) {
        char later[13]; /* a second valid reading: only counted */
        d[i] = *alt;
        n += repairs(d, i + 1, n ? later : found, tried);
    }
    d[i] = was;
    return n;
}

/* 13 digits read by OCR whose check digit fails, that exactly one reading
 * of its misread-prone digits makes valid: that reading. */
static int v_thai_id_ocr_repair(const char *s, size_t n, buf *norm)
{
    char d[13], found[13];
    int tried = 0;
    if (digits_of(s, n, d, 13) != 13 || thai_id_checksum_ok(d) || all_same(d, 13)) return 0;
    if (repairs(d, 0, found, &tried) != 1 || tried >= MAX_REPAIRS) return 0;
    buf_append(norm, found, 13);
    return 1;
}

/* 13 digits read by OCR whose check digit fails and that no single reading
 * repairs: a possible ID, as read. */
static int v_thai_id_ocr_possible(const char *s, size_t n, buf *norm)
{
    char d[13], found[13];
    int tried = 0;
    if (digits_of(s, n, d, 13) != 13 || thai_id_checksum_ok(d) || all_same(d, 13)) return 0;
    if (repairs(d, 0, found, &tried) == 1 && tried < MAX_REPAIRS) return 0;
    buf_append(norm, d, 13);
    return 1;
}

static int in(char c, const char *set) { return c && strchr(set, c) != NULL; }

/* National significant number (no leading 0) against the TH numbering plan. */
static int thai_phone_nsn_ok(const char *d, size_t n)
{
    if (n == 8) { /* fixed line */
        char a = d[0], b = d[1];
        return (a == '1' && in(b, "0689")) || a == '2' || (a == '3' && in(b, "23456789")) ||
               (a == '4' && in(b, "2345")) || (a == '5' && in(b, "23456")) || (a == '7' && in(b, "34567"));
    }
    if (n == 9) {
        if (d[0] == '8' || d[0] == '9') return 1;                 /* mobile [89]\d\d\d */
        if (d[0] == '1' && d[1] == '4') return 1;                 /* mobile 14\d\d */
        if (d[0] == '6') {
            if (in(d[1], "08")) return 1;                          /* VoIP 6[08] */
            if (in(d[1], "123456")) return 1;                      /* mobile 6[1-6]\d\d */
            if (d[1] == '7') {                                     /* 67(1[0-8]|2[4-7]|3[1-6]) */
                return (d[2] == '1' && in(d[3], "012345678")) || (d[2] == '2' && in(d[3], "4567")) ||
                       (d[2] == '3' && in(d[3], "123456"));
            }
        }
    }
    return 0;
}

/* Thai phone in any written form; normalized to 0 + NSN. */
static int v_phone_th(const char *s, size_t n, buf *norm)
{
    char d[16];
    size_t k = digits_of(s, n, d, 15);
    if (k > 15) return 0;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '(')) i++;
    int intl = (i < n && s[i] == '+') || (k >= 10 && d[0] == '6' && d[1] == '6' && s[i] != '0');
    const char *nsn = d;
    size_t nl = k;
    if (intl) {
        if (k < 2 || d[0] != '6' || d[1] != '6') return 0;
        nsn += 2;
        nl -= 2;
        if (nl && nsn[0] == '0') { /* +66 (0) 81 ... */
            nsn++;
            nl--;
        }
    } else {
        if (!k || d[0] != '0') return 0;
        nsn++;
        nl--;
    }
    if (!thai_phone_nsn_ok(nsn, nl)) return 0;
    buf_putc(norm, '0');
    buf_append(norm, nsn, nl);
    return 1;
}

/* A Thai phone's shape with a leading 0, whatever the numbering plan says
 * of its range: 0 + 9 digits from 6, 8 or 9 (a mobile), or 0 + 8 from 2-7
 * (a landline).  For numbers a label or a column says are phones: ranges
 * are allocated after any list of them is written. */
static int v_phone_shape(const char *s, size_t n, buf *norm)
{
    char d[16];
    size_t k = digits_of(s, n, d, 15);
    if (k > 15 || !k || d[0] != '0') return 0;
    int mobile = k == 10 && (d[1] == '6' || d[1] == '8' || d[1] == '9');
    int fixed = k == 9 && d[1] >= '2' && d[1] <= '7';
    if (!mobile && !fixed) return 0;
    buf_append(norm, d, k);
    return 1;
}

/* An e-mail address, not one already masked ("xxxxxxxx@gmail.com": a
 * redacted copy's suggestion, which keeps the domain). */
static int v_email(const char *s, size_t n, buf *norm)
{
    const char *at = memchr(s, '@', n);
    if (!at) return 0;
    size_t masked = 0;
    for (const char *p = s; p < at; p++) masked += *p == 'x' || *p == 'X' || *p == '*';
    if (masked == (size_t)(at - s)) return 0;
    const char *dot = NULL;
    for (const char *p = at; p < s + n; p++)
        if (*p == '.') dot = p;
    if (!dot || dot == at + 1) return 0;
    size_t tl = (size_t)(s + n - dot - 1);
    if (tl < 2) return 0;
    static const char *files[] = { "png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        if (tl == strlen(files[i]) && strncasecmp(dot + 1, files[i], tl) == 0) return 0;
    for (size_t i = 0; i < n; i++) buf_putc(norm, (char)tolower((unsigned char)s[i]));
    return 1;
}

/* Payment card: 13-19 digits, Luhn, a known issuer prefix. */
static int v_luhn(const char *s, size_t n, buf *norm)
{
    char d[20];
    size_t k = digits_of(s, n, d, 19);
    if (k < 13 || k > 19 || all_same(d, k)) return 0;
    int sum = 0;
    for (size_t i = 0; i < k; i++) {
        int v = d[k - 1 - i] - '0';
        if (i % 2) {
            v *= 2;
            if (v > 9) v -= 9;
        }
        sum += v;
    }
    if (sum % 10) return 0;
    int known = d[0] == '4' || (d[0] == '5' && in(d[1], "12345")) || (d[0] == '3' && in(d[1], "457")) ||
                (d[0] == '6' && in(d[1], "25")) || (d[0] == '2' && in(d[1], "234567"));
    if (!known) return 0;
    buf_append(norm, d, k);
    return 1;
}

/* Any digits (bank accounts: no public checksum, the rule needs a label). */
static int v_digits(const char *s, size_t n, buf *norm)
{
    char d[32];
    size_t k = digits_of(s, n, d, 31);
    if (k < 6 || k > 31 || all_same(d, k)) return 0;
    buf_append(norm, d, k);
    return 1;
}

/* An age in years: 1-3 digits, at most 130. */
static int v_age(const char *s, size_t n, buf *norm)
{
    char d[4];
    size_t k = digits_of(s, n, d, 3);
    if (k < 1 || k > 3) return 0;
    d[k] = 0;
    if (atoi(d) > 130) return 0;
    buf_puts(norm, d[0] == '0' && k > 1 ? d + 1 : d);
    return 1;
}

static int v_upper(const char *s, size_t n, buf *norm)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '-') buf_putc(norm, (char)toupper((unsigned char)s[i]));
    return norm->len > 0;
}

/* A name: runs of spaces (or the tab between two table cells) become one;
 * the first and the last part have at least two letters (a middle part may
 * be the ณ of a royal surname). */
static int v_person_name(const char *s, size_t n, buf *norm)
{
    int space = 0, parts = 1;
    size_t part_len = 0, first_len = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t') {
            space = 1;
            continue;
        }
        if (space && norm->len) {
            if (parts == 1) first_len = part_len;
            buf_putc(norm, ' ');
            parts++;
            part_len = 0;
        }
        space = 0;
        buf_putc(norm, s[i]);
        if (((unsigned char)s[i] & 0xC0) != 0x80) part_len++;
    }
    return parts >= 2 && first_len >= 2 && part_len >= 2;
}

/* Thai month names and abbreviations, in month order (facts, not policy). */
static const char *const thai_months[12][2] = {
    { "มกราคม", "ม.ค." },    { "กุมภาพันธ์", "ก.พ." }, { "มีนาคม", "มี.ค." },   { "เมษายน", "เม.ย." },
    { "พฤษภาคม", "พ.ค." },   { "มิถุนายน", "มิ.ย." },  { "กรกฎาคม", "ก.ค." },   { "สิงหาคม", "ส.ค." },
    { "กันยายน", "ก.ย." },   { "ตุลาคม", "ต.ค." },     { "พฤศจิกายน", "พ.ย." }, { "ธันวาคม", "ธ.ค." },
};

/* "12/01/2567", "๑๒ มกราคม ๒๕๖๗" (digits already ASCII), "5 ม.ค. พ.ศ. 2530":
 * ISO Gregorian date; Buddhist-Era years (> 2400) less 543. */
static int v_thai_date(const char *s, size_t n, buf *norm)
{
    char *t = xstrndup(s, n), *p = t;
    long day = strtol(p, &p, 10), month = 0, year = 0;
    while (*p == ' ' || *p == '/' || *p == '.' || *p == '-') p++;
    if (*p >= '0' && *p <= '9') {
        month = strtol(p, &p, 10);
    } else {
        for (int m = 0; m < 12 && !month; m++)
            for (int k = 0; k < 2; k++)
                if (strstr(p, thai_months[m][k])) month = m + 1;
    }
    char *y = t + strlen(t);
    while (y > t && y[-1] >= '0' && y[-1] <= '9') y--;
    year = strtol(y, NULL, 10);
    free(t);
    if (year > 2400) year -= 543;
    if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1850 || year > 2100) return 0;
    buf_printf(norm, "%04ld-%02ld-%02ld", year, month, day);
    return 1;
}

/* Any text on one line: runs of white space become one space. */
static int v_one_line(const char *s, size_t n, buf *norm)
{
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
            space = 1;
            continue;
        }
        if (space && norm->len) buf_putc(norm, ' ');
        space = 0;
        buf_putc(norm, s[i]);
    }
    return norm->len > 0;
}

static const struct {
    const char *name;
    pdp_validator_fn fn;
} validators[] = {
    { "one_line", v_one_line },
    { "person_name", v_person_name },
    { "thai_date", v_thai_date },
    { "thai_id_person", v_thai_id_person },
    { "thai_id_zero", v_thai_id_zero },
    { "thai_id_ocr_repair", v_thai_id_ocr_repair },
    { "thai_id_ocr_possible", v_thai_id_ocr_possible },
    { "phone_th", v_phone_th },
    { "phone_shape", v_phone_shape },
    { "email", v_email },
    { "luhn", v_luhn },
    { "digits", v_digits },
    { "age", v_age },
    { "upper", v_upper },
};

pdp_validator_fn pdp_validator_find(const char *name)
{
    for (size_t i = 0; i < sizeof validators / sizeof *validators; i++)
        if (strcmp(validators[i].name, name) == 0) return validators[i].fn;
    return NULL;
}
