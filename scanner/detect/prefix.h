/* prefix.h — a rule's phrase list by its heads (the first eight characters
 * of each phrase, up to a space): `requires: {phrase: LIST}` keeps them for
 * the phrase pass's index (phrase.c, headtrie.h); `then: LIST` asks
 * whether one stands at a position — a bitmap of the first two characters
 * (ASCII or Thai; 8 KB), then the heads.  Phrases starting outside ASCII and
 * Thai disable the filter. */
#ifndef PDP_PREFIX_H
#define PDP_PREFIX_H

#include <stddef.h>
#include <stdint.h>

typedef struct prefix_set {
    uint8_t first[256];           /* 1: some phrase starts with this character */
    uint8_t pair[256 * 256 / 8];  /* bit (c1 << 8 | c2) for the first two characters */
    uint8_t single[32];           /* one-character phrases */
    int any;                      /* a phrase the bitmap cannot hold: every position is a start */
    char **prefixes;              /* sorted: the first (up to) eight characters of each phrase */
    uint8_t *prefix_len;          /* their lengths in bytes */
    uint64_t *head, *head_mask;   /* their first (up to) eight bytes, as words to compare */
    size_t nprefixes;
    uint16_t from[257];           /* prefixes[from[c] .. from[c+1]) start with character c */
} prefix_set;

void prefix_set_build(prefix_set *ps, const char *const *phrases, size_t n);
void prefix_set_free(prefix_set *ps);
/* After a bitmap hit: does one of the phrases' first eight characters (up to a space) stand
 * at s[i]?  (Tells "พ.อ." from "พ.ศ.", "วันเกิด" from "วันที่".) */
int prefix_set_confirm(const prefix_set *ps, const char *s, size_t len, size_t i);
/* 0-127 ASCII, 128-255 the Thai block; -1 for anything else (*l: bytes). */
static inline int prefix_char(const unsigned char *s, size_t len, size_t i, size_t *l)
{
    if (i >= len) return -1;
    if (s[i] < 0x80) {
        *l = 1;
        return s[i];
    }
    if (i + 2 < len && s[i] == 0xE0 && (s[i + 1] & 0xFE) == 0xB8) {
        *l = 3;
        return 128 + (((s[i + 1] & 1) << 6) | (s[i + 2] & 0x3F));
    }
    return -1;
}

/* May a phrase of the set start at s[i]? */
static inline int prefix_set_hit(const prefix_set *ps, const unsigned char *s, size_t len, size_t i)
{
    if (ps->any) return 1;
    size_t l1, l2;
    int a = prefix_char(s, len, i, &l1);
    if (a < 0 || !ps->first[a]) return 0;
    if (ps->single[a / 8] >> (a % 8) & 1) return 1;
    int b = prefix_char(s, len, i + l1, &l2);
    return b >= 0 && (ps->pair[(a << 8 | b) / 8] >> ((a << 8 | b) % 8) & 1);
}

#endif
