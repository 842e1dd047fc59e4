/* headtrie.c — phrase heads in a trie (see headtrie.h). */
#include "headtrie.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

#define HEAD_CHARS 8

typedef struct head_entry {
    uint8_t c[HEAD_CHARS]; /* the head's characters */
    uint8_t n;             /* how many (0: the rule is tried everywhere) */
    uint8_t rule;
} head_entry;

void headtrie_add(headtrie_builder *b, const char *phrase, unsigned rule)
{
    const unsigned char *p = (const unsigned char *)phrase;
    size_t len = strlen(phrase), off = 0, l;
    head_entry e = { .n = 0, .rule = (uint8_t)rule };
    int c;
    while (e.n < HEAD_CHARS && p[off] != ' ' && (c = prefix_char(p, len, off, &l)) >= 0) {
        e.c[e.n++] = (uint8_t)c;
        off += l;
    }
    if (b->len == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->v = xrealloc(b->v, b->cap * sizeof *b->v);
    }
    b->v[b->len++] = e;
}

/* Shorter heads before longer ones that they begin. */
static int cmp_entry(const void *pa, const void *pb)
{
    const head_entry *a = pa, *b = pb;
    size_t n = a->n < b->n ? a->n : b->n;
    int d = memcmp(a->c, b->c, n);
    return d ? d : (int)a->n - (int)b->n;
}

/* Children at `depth` for the entries e[lo, hi), which share their first
 * `depth` characters and all have more: returns the first child's index,
 * their count in *nkids. */
static uint32_t build_level(headtrie *t, const head_entry *e, size_t lo, size_t hi, size_t depth, uint16_t *nkids)
{
    size_t groups = 0;
    for (size_t i = lo; i < hi; i++)
        if (i == lo || e[i].c[depth] != e[i - 1].c[depth]) groups++;
    uint32_t first = (uint32_t)t->nnodes; /* room was made for every character of every head */
    t->nnodes += groups;
    size_t g = first;
    for (size_t i = lo; i < hi; g++) {
        size_t j = i;
        uint64_t rules = 0;
        while (j < hi && e[j].c[depth] == e[i].c[depth]) j++;
        size_t k = i;
        for (; k < j && e[k].n == depth + 1; k++) rules |= 1ULL << e[k].rule; /* heads ending here sort first */
        uint16_t n = 0;
        uint32_t kids = k < j ? build_level(t, e, k, j, depth + 1, &n) : 0;
        headtrie_node *nd = &t->nodes[g];
        nd->rules = rules;
        nd->kids = kids;
        nd->nkids = n;
        nd->ch = e[i].c[depth];
        i = j;
    }
    *nkids = (uint16_t)groups;
    return first;
}

void headtrie_build(headtrie *t, headtrie_builder *b)
{
    memset(t, 0, sizeof *t);
    size_t chars = 1;
    for (size_t i = 0; i < b->len; i++) chars += b->v[i].n;
    t->nnodes = 1;
    t->nodes = xcalloc(chars, sizeof *t->nodes);
    size_t lo = 0;
    if (b->len) qsort(b->v, b->len, sizeof *b->v, cmp_entry);
    while (lo < b->len && b->v[lo].n == 0) t->any |= 1ULL << b->v[lo++].rule;
    uint16_t n = 0;
    uint32_t first = lo < b->len ? build_level(t, b->v, lo, b->len, 0, &n) : 0;
    for (uint32_t k = first; k < first + n; k++) t->root[t->nodes[k].ch] = k;
    free(b->v);
    memset(b, 0, sizeof *b);
}

void headtrie_free(headtrie *t)
{
    free(t->nodes);
    memset(t, 0, sizeof *t);
}
