/* headtrie.h — the heads of phrases (their first eight characters, up to a
 * space) in a trie over characters, each head tagged with the rules (bits
 * 0..63) whose phrase lists hold it.  One walk from a position says which
 * rules' phrases may begin there — exactly, up to the head: the rule's
 * pattern, tried there, decides the rest.
 *
 * Characters are numbered as in prefix.h: 0-127 ASCII, 128-255 the Thai
 * block.  A phrase whose first character is neither makes its rule one to
 * try everywhere (`any`); a later such character ends the head early. */
#ifndef PDP_HEADTRIE_H
#define PDP_HEADTRIE_H

#include <stddef.h>
#include <stdint.h>

#include "prefix.h"

typedef struct headtrie_node {
    uint64_t rules;  /* rules with a head ending here */
    uint32_t kids;   /* the first child; a node's children are contiguous, sorted by ch */
    uint16_t nkids;
    uint8_t ch;
} headtrie_node;

typedef struct headtrie {
    headtrie_node *nodes; /* nodes[0] is unused: 0 means "no node" */
    size_t nnodes;
    uint32_t root[256];   /* the node of each first character, or 0 */
    uint64_t any;         /* rules tried at every position */
} headtrie;

/* Add phrase (normalized text) for rule bit `rule` (0..63); then build. */
typedef struct headtrie_builder {
    struct head_entry *v;
    size_t len, cap;
} headtrie_builder;

void headtrie_add(headtrie_builder *b, const char *phrase, unsigned rule);
/* Build t from b's phrases and empty b. */
void headtrie_build(headtrie *t, headtrie_builder *b);
void headtrie_free(headtrie *t);

/* The rules whose heads stand at s[i] (plus t->any). */
static inline uint64_t headtrie_match(const headtrie *t, const unsigned char *s, size_t len, size_t i)
{
    uint64_t r = t->any;
    size_t l;
    int c = prefix_char(s, len, i, &l);
    uint32_t n = c < 0 ? 0 : t->root[c];
    while (n) {
        const headtrie_node *nd = &t->nodes[n];
        r |= nd->rules;
        i += l;
        if (!nd->nkids || (c = prefix_char(s, len, i, &l)) < 0) break;
        uint32_t k = nd->kids, end = k + nd->nkids;
        while (k < end && t->nodes[k].ch < c) k++; /* children are sorted by character */
        n = k < end && t->nodes[k].ch == c ? k : 0;
    }
    return r;
}

#endif
