/* letter_stream.h — where the phrase pass (phrase.c) looks: a text read as a
 * stream of entries, and the entries where a phrase's head may begin.
 *
 * An entry stands for
 *   - a Thai letter (any character of the Thai block): its index there,
 *     0..127;
 *   - the first character after a run of letters, and every character
 *     where a head that does not begin with a Thai letter may stand (an
 *     ASCII character that begins one, any character outside ASCII and
 *     the Thai block): ENTRY_BREAK, with ENTRY_PLACE for the latter and
 *     a class bit (whether a head's letters may be followed by it) — a
 *     value that depends on the character's first byte only
 *     (letter_keys.entry_of).
 *
 * The four entries from a letter, cut after the first that is not a
 * letter, are its key: a head's first letters and what follows them.
 * Keys are hashed into a bitmap of the heads' keys — one half for letters
 * inside a run (the heads of rules that may start inside a word), one for
 * a run's first letter (every head).  The entries whose key is there, and
 * the places, are the hits, to be checked exactly by the phrase pass.
 *
 * Both steps run 64 bytes / sixteen entries at a time with AVX-512 where
 * the processor has it, 32 bytes / eight with AVX2, else one at a time;
 * the three ways give the same stream and hits
 * (test_letter_stream_every_way). */
#ifndef PDP_LETTERS_H
#define PDP_LETTERS_H

#include <stddef.h>
#include <stdint.h>

#define ENTRY_BREAK 0x80u
#define ENTRY_PLACE 0x40u
#define ENTRY_CLASS 0x01u
#define KEY_BITS 16

typedef struct letter_keys {
    uint8_t entry_of[128]; /* the entry of an ASCII character */
    uint8_t entry_high;    /* of a character outside ASCII and the Thai block */
    uint32_t *bits;        /* 2 << KEY_BITS bits: inside a run, then at its start */
    int all_starts;        /* a head of one or two letters ends there: every run's start is a hit */
    int all_inner;         /* such a head may start inside a word: every letter is */
    int way;               /* LETTERS_CHARS, or the best the processor has */
    uint8_t pack[256][8];  /* the 32-byte way's left-pack: the set bits of each byte, in order */
} letter_keys;

/* The ways: one character at a time; 32 bytes / eight entries at a time
 * with AVX2; 64 bytes / sixteen with AVX-512 (VBMI and VBMI2). */
enum { LETTERS_CHARS, LETTERS_AVX2, LETTERS_AVX512 };

/* The entry of a character outside the Thai block whose first byte is c. */
static inline unsigned letter_entry_of(const letter_keys *k, unsigned c)
{
    return c < 0x80 ? k->entry_of[c] : k->entry_high;
}

/* A key's place in its half of the bitmap. */
static inline uint32_t letter_key_hash(uint32_t key) { return (key * 0x9E3779B1u) >> (32 - KEY_BITS); }

/* The key of letters c[0..n) (n <= 4) followed by entry `then` (when
 * n < 4). */
static inline uint32_t letter_key(const unsigned *c, int n, unsigned then)
{
    uint32_t key = n < 4 ? then << 8 * n : 0;
    for (int i = 0; i < n; i++) key |= c[i] << 8 * i;
    return key;
}

void letter_keys_init(letter_keys *k);
void letter_keys_add(letter_keys *k, uint32_t key, int at_start);
void letter_keys_free(letter_keys *k);

/* The entries of one stretch of text, and its hits. */
typedef struct letter_stream {
    uint8_t *v;     /* v[0]: a break before the first entry, v[1..len]: the entries, then breaks */
    uint32_t *pos;  /* pos[i]: entry v[i]'s offset from the stretch's start */
    uint32_t *hits; /* indexes in v, in order */
    size_t len, nhits, cap;
} letter_stream;

/* The stream and hits of u[a, b): a is 0 or follows an ASCII byte, b is n
 * or follows one (so that no run of letters crosses either), and b - a is
 * under 4 GiB. */
void letters_scan(const letter_keys *k, const unsigned char *u, size_t a, size_t b, letter_stream *ls);
void letter_stream_free(letter_stream *ls);

#endif
