/* mask.c — display masking for reports (pdp_mask_display).
 *
 * Reports show enough of a value for its owner to recognise it next to the
 * line number, and not enough to misuse it: the first and last two digits of
 * a long number (nine digits or more: IDs, phones, accounts; a house
 * number or a date keeps none: two digits of three are the value, and the
 * last two of a date its year),
 * the first letter of each word, the domain of an e-mail address.
 * Separators stay, so the written form is still visible. */
#include <string.h>

#include "../include/pdpascan.h"
#include "../util/buf.h"
#include "../util/utf8.h"

static int is_digit_cp(uint32_t cp) { return (cp >= '0' && cp <= '9') || cp_is_thai_digit(cp); }

char *pdp_mask_display(const char *value)
{
    const unsigned char *s = (const unsigned char *)value;
    size_t n = strlen(value), ndig = 0;
    const char *at = strchr(value, '@');
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = utf8_decode(s + i, n - i, &cp);
        if (!l) { cp = s[i]; l = 1; }
        if (is_digit_cp(cp)) ndig++;
        i += l;
    }
    buf b;
    buf_init(&b);
    size_t dig = 0;
    int word_start = 1;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t l = utf8_decode(s + i, n - i, &cp);
        if (!l) { cp = s[i]; l = 1; }
        if (at && (const char *)s + i >= at) { /* e-mail domain stays */
            buf_append(&b, s + i, n - i);
            break;
        }
        int keep;
        if (is_digit_cp(cp)) {
            keep = ndig >= 9 && (dig == 0 || dig + 2 >= ndig);
            dig++;
        } else if (at) { /* e-mail local part: only its first character */
            keep = i == 0;
        } else if (cp == ' ' || cp == '-' || cp == '.' || cp == '/' || cp == '(' || cp == ')' || cp == '+') {
            keep = 1;
            word_start = 1;
            buf_append(&b, s + i, l);
            i += l;
            continue;
        } else {
            keep = word_start;
        }
        /* Combining Thai marks belong to the letter before them. */
        int combining = cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
        if (keep) buf_append(&b, s + i, l);
        else if (!combining) buf_putc(&b, 'X');
        if (!is_digit_cp(cp) && !combining) word_start = 0;
        i += l;
    }
    return buf_steal(&b);
}
